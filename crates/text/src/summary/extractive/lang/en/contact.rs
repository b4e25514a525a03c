//! A contact detail asked for what will be sent to it: "can I get a mobile number for the text
//! reminder", "and an email for the confirmation": the agent's side will send it.

use super::*;

/// Words that name a contact detail.
const CONTACTS: &[&str] = &["email", "e-mail", "mobile", "cell", "phone", "number"];
/// Words a contact detail's name may go on with ("mobile number", "email address").
const CONTACT_TAILS: &[&str] = &["number", "address"];
/// What is sent once to a contact detail (not "the bills", which keep coming).
const SENT_ONCE: &[&str] = &[
    "reminder",
    "confirmation",
    "receipt",
    "summary",
    "link",
    "code",
    "invoice",
    "quote",
    "label",
    "details",
];
/// Words of what is sent, at most.
const MAX_THING_WORDS: usize = 3;

impl English {
    /// "Can I get a mobile number for the text reminder": a promise of the agent's side, its
    /// verb the contact detail's word.
    pub(super) fn contact_for(&self, words: &[Word], live: &[usize]) -> Option<Act> {
        let (k, _) = contact_thing(words, live)?;
        Some(Act {
            kind: ActKind::Promise,
            owner: Owner::Agent,
            verb: live.get(k).copied()?,
            subject: None,
        })
    }

    /// The instruction of [`Self::contact_for`]'s act: "Send the customer the text reminder",
    /// "Email the customer the confirmation"; none for any other act.
    pub(super) fn contact_instruction(&self, clause: &Clause<'_, '_>, act: &Act) -> Option<String> {
        let words = clause.words();
        let live = clause.live();
        let (k, thing) = contact_thing(words, &live)?;
        if live.get(k) != Some(&act.verb) {
            return None;
        }
        let by_email = is(words, &live, k, &["email", "e-mail"]);
        let first = words.get(*live.get(thing)?)?;
        let last = words.get(*live.last()?)?;
        let said = clause.sentence.text.get(first.start..last.end)?;
        let verb = if by_email { "Email" } else { "Send" };
        Some(format!("{verb} the customer the {said}"))
    }
}

/// Where the contact detail's word is and where what is sent to it starts, in `live`.
fn contact_thing(words: &[Word], live: &[usize]) -> Option<(usize, usize)> {
    let k = (0..live.len()).find(|&k| is(words, live, k, CONTACTS))?;
    let mut j = k + 1;
    while is(words, live, j, CONTACT_TAILS) {
        j += 1;
    }
    if !is(words, live, j, &["for"]) || !is(words, live, j + 1, &["the", "your", "a"]) {
        return None;
    }
    let thing = j + 2;
    let count = live.len().checked_sub(thing)?;
    let sent_once = is(words, live, live.len().checked_sub(1)?, SENT_ONCE);
    ((1..=MAX_THING_WORDS).contains(&count) && sent_once).then_some((k, thing))
}
