//! More English commitment forms: a promise whose first verb is done in the call but whose
//! second is not ("I'm going to add a note and escalate it"), a promise to have someone act
//! ("I'll need the engineer to check the wiring"), a pseudo-cleft ("what I'll do is send you a
//! link"), an arrangement reported done with a time still to come ("I've booked an engineer for
//! Tuesday"), a delivery under way ("the new card is being posted today") and a delivery said in
//! the progressive ("you'll be receiving a new router").

use super::*;

/// Openings of a pseudo-cleft promise: "what I'll do is send you a link".
pub(super) const CLEFT_LEADS: &[&str] = &[
    "what i'll do is",
    "what i will do is",
    "what i'm going to do is",
    "what im going to do is",
    "what we'll do is",
    "what we will do is",
    "what we're going to do is",
    "what i can do is",
    "what we can do is",
];
/// First-person openings of a request to the customer: "I'd like you to send us the receipt".
pub(super) const ASKING_LEADS: &[&str] = &[
    "i'd like you to",
    "i would like you to",
    "we'd like you to",
    "i need you to",
    "we need you to",
    "i'll need you to",
    "i will need you to",
    "we'll need you to",
    "we will need you to",
    "i'd ask you to",
    "if you could",
];
/// Verbs by which the speaker's side has someone else act: "I'll need the engineer to check".
const HAVE_SOMEONE: &[&str] = &["need", "ask", "get", "have"];
/// Subjects of a request made in the call: "I've asked", "we have asked".
const ASKED_BY: &[&str] = &["i've", "ive", "i have", "we've", "we have", "i", "we"];
/// Past verbs of asking someone else to act: "I've asked the courier to redeliver".
const ASKED: &[&str] = &["asked", "told", "instructed", "requested"];
/// Words at most between a promise's first verb and an "and" before its second.
const MAX_FIRST_PHRASE: usize = 8;
/// Due phrases of the present moment: "I've cancelled it today" reports nothing still to come.
const NOW: &[&str] = &[
    "today",
    "now",
    "right now",
    "just now",
    "this morning",
    "this afternoon",
];

impl English {
    /// After a promise lead whose verb is done in the call: a second, deferred verb joined by
    /// "and" ("... add a note and escalate it"), or someone had to act ("need X to check").
    pub(super) fn promise_beyond(
        &self,
        words: &[Word],
        live: &[usize],
        k: usize,
        own: Owner,
        speaker: SpeakerRole,
    ) -> Option<Act> {
        let verb = at(words, live, k);
        if HAVE_SOMEONE.contains(&verb)
            && let Some(act) = self.someone_to(words, live, k + 1, own)
        {
            return Some(act);
        }
        if speaker != SpeakerRole::Agent {
            return None;
        }
        let and =
            (k + 1..live.len().min(k + 2 + MAX_FIRST_PHRASE)).find(|&j| is(words, live, j, &["and"]))?;
        let second = skip(words, live, and + 1, ADVERBS);
        let next = at(words, live, second);
        // "and I'll ..." is a clause of its own; "and then" is read past.
        let committing = TASKS.contains(&next) || CAN_PROMISE.contains(&next);
        (committing && self.deferred(words, live, second, speaker)).then_some(Act {
            kind: ActKind::Promise,
            owner: own,
            verb: live.get(second).copied()?,
            subject: None,
        })
    }

    /// "[need] the engineer to check the wiring": someone named with a determiner (or a name)
    /// from live word `from`, then "to" and a verb.
    fn someone_to(&self, words: &[Word], live: &[usize], from: usize, own: Owner) -> Option<Act> {
        let first = live.get(from).and_then(|i| words.get(*i))?;
        let named = first.marker
            || DETERMINERS.contains(&first.folded.as_str())
            || matches!(first.folded.as_str(), "someone" | "somebody");
        if !named {
            return None;
        }
        let to = (from + 1..live.len().min(from + 6)).find(|&j| is(words, live, j, &["to"]))?;
        let head = at(words, live, to - 1);
        let person = PEOPLE.contains(&head)
            || matches!(head, "someone" | "somebody")
            || live
                .get(to - 1)
                .and_then(|i| words.get(*i))
                .is_some_and(|w| w.marker);
        let verb = skip(words, live, to + 1, ADVERBS);
        if !person || at(words, live, verb).is_empty() || is(words, live, verb, NON_VERBS) {
            return None;
        }
        Some(Act {
            kind: ActKind::Delegated,
            owner: own,
            verb: live.get(verb).copied()?,
            subject: Some((live.get(from).copied()?, live.get(to - 1).copied()?)),
        })
    }

    /// "I've asked the driver to go back and collect it": someone the speaker's side asked in
    /// the call to act after it.
    pub(super) fn asked_someone(&self, words: &[Word], live: &[usize], own: Owner) -> Option<Act> {
        let after = any_phrase(words, live, 0, ASKED_BY)?;
        let k = skip(words, live, after, ADVERBS);
        if !is(words, live, k, ASKED) {
            return None;
        }
        self.someone_to(words, live, k + 1, own)
    }

    /// The verb after a pseudo-cleft lead, when it is done after the call.
    pub(super) fn cleft(&self, words: &[Word], live: &[usize], speaker: SpeakerRole) -> Option<Act> {
        let after = any_phrase(words, live, 0, CLEFT_LEADS)?;
        let k = skip(words, live, after, ADVERBS);
        let verb = at(words, live, k);
        let later = !verb.is_empty() && !IN_CALL.contains(&verb) && self.deferred(words, live, k, speaker);
        later.then_some(Act {
            kind: ActKind::Promise,
            owner: if speaker == SpeakerRole::Agent {
                Owner::Agent
            } else {
                Owner::Customer
            },
            verb: live.get(k).copied()?,
            subject: None,
        })
    }

    /// "I've booked an engineer for Tuesday": an arrangement reported done whose due phrase is
    /// still to come. The agent's own, as a promise of what the arrangement brings.
    pub(super) fn arranged(&self, clause: &Clause<'_, '_>, words: &[Word], live: &[usize]) -> Option<Act> {
        if !self.done(clause) {
            return None;
        }
        // "I've gone ahead and booked": the arranging verb, past "gone ahead and".
        let k = (0..live.len().min(7)).find(|&k| {
            let w = at(words, live, k);
            is_past(w) && past_base(w).is_some_and(|b| CAN_PROMISE.contains(&b.as_str()))
        })?;
        let due = self.due(clause.raw())?;
        if NOW.contains(&due.to_lowercase().as_str()) {
            return None;
        }
        Some(Act {
            kind: ActKind::Promise,
            owner: Owner::Agent,
            verb: live.get(k).copied()?,
            subject: None,
        })
    }

    /// "The new card is being posted today": a thing named with a determiner, then "is being" /
    /// "are being" and a participle.
    pub(super) fn under_way(&self, words: &[Word], live: &[usize]) -> Option<Act> {
        if !is(words, live, 0, DETERMINERS) {
            return None;
        }
        let be = (1..live.len().min(6)).find(|&k| is(words, live, k, &["is", "are"]))?;
        let subject_ok = (1..be).all(|j| !is(words, live, j, NON_VERBS) && !is(words, live, j, MODALS));
        let participle = at(words, live, be + 2);
        let head = at(words, live, be - 1);
        if !subject_ok
            || !is(words, live, be + 1, &["being"])
            || !is_past(participle)
            || PEOPLE.contains(&head)
        {
            return None;
        }
        Some(Act {
            kind: ActKind::Delivery,
            owner: Owner::Agent,
            verb: live.get(be + 2).copied()?,
            subject: Some((live.first().copied()?, live.get(be - 1).copied()?)),
        })
    }
}
