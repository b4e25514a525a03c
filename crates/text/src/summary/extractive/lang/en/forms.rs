//! Commitment forms beyond a subject and its verb at a clause's start: after a condition ("if
//! it isn't found by Friday we'll open a claim"), in the progressive ("I'm emailing you a
//! label"), as a passive request ("could the gate be left unlocked?") and in the present ("your
//! final bill goes out within six weeks").

use super::*;

/// The agent's side doing it as the call ends: "I'm emailing you a label".
pub(super) const PROGRESSIVE_SUBJECTS: &[&str] = &["i'm", "im", "i am", "we're", "we are"];
/// Words of a phrase said before the subject: "for the cracked one I'm emailing you a label".
const MAX_FRONTED: usize = 5;
/// Subjects that can open the main clause after a leading condition: "if it isn't found by
/// Friday, we'll open a claim", "once it's paid you'll get a confirmation".
const MAIN_SUBJECTS: &[&str] = &[
    "i", "i'll", "ill", "i'm", "we", "we'll", "we're", "you", "you'll", "please", "he'll", "she'll",
    "they'll",
];

impl English {
    /// Where the main clause starts when the clause opens with a condition or a time ("if",
    /// "once", "since"): the first subject after it. 0 otherwise. After "if" only a promise or a
    /// "please" is kept: "if you quote the code you'll get 3 months free" is an offer, and "if
    /// you want you can send it" a choice. An order after the condition's comma is the main
    /// clause too: "if it hasn't turned up by 5pm tomorrow, message us back with the reference".
    pub(super) fn main_clause(&self, clause: &Clause<'_, '_>, words: &[Word], live: &[usize]) -> usize {
        let condition = live
            .first()
            .and_then(|i| words.get(*i))
            .is_some_and(|w| w.is(SUBORDINATOR));
        if !condition {
            return 0;
        }
        let hypothetical = is(words, live, 0, &["if", "unless", "whether"]);
        let order = |k: usize| {
            comma_before(clause, words, live, k)
                && (is(words, live, k, TASKS) || is(words, live, k, &["message", "text"]))
        };
        let first = (2..live.len()).find(|&k| is(words, live, k, MAIN_SUBJECTS) || order(k));
        if let Some(k) = first.filter(|&k| order(k)) {
            return k;
        }
        (2..live.len())
            .find(|&k| is(words, live, k, MAIN_SUBJECTS))
            .filter(|&k| {
                !hypothetical
                    || is(words, live, k, &["please"])
                    || any_phrase(words, live, k, PROMISE_SUBJECTS).is_some()
            })
            .unwrap_or(0)
    }

    /// "Could the side gate be left unlocked that day?": the agent asking, in the passive, for
    /// one of the customer's tasks to be done. Its subject is a thing named with a determiner.
    pub(super) fn passive_request(&self, words: &[Word], live: &[usize]) -> Option<Act> {
        if !is(words, live, 0, &["could", "can", "would"]) || !is(words, live, 1, DETERMINERS) {
            return None;
        }
        let be = (2..live.len().min(7)).find(|&k| is(words, live, k, &["be"]))?;
        let participle = at(words, live, be + 1);
        let subject_ok = (2..be).all(|k| !is(words, live, k, NON_VERBS) || is(words, live, k, &["of"]));
        // What the customer can do: "left", "signed", "returned", not "found".
        let task = past_base(participle).is_some_and(|base| TASKS.contains(&base.as_str()));
        (subject_ok && is_past(participle) && task).then_some(Act {
            kind: ActKind::Request,
            owner: Owner::Customer,
            verb: live.get(be + 1).copied()?,
            subject: Some((live.get(1).copied()?, live.get(be - 1).copied()?)),
        })
    }

    /// Writes what an instruction of a promise or request opens with, and returns the live word
    /// its tail starts at: "I'm emailing you a label" -> "Email"; "could the gate be left
    /// unlocked" -> "Leave the gate" (a passive request); else nothing, from the verb itself.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn verb_first(
        &self,
        r: &mut Render<'_>,
        words: &[Word],
        live: &[usize],
        act: &Act,
        offset: usize,
        people: &mut Persons,
        ctx: &Context,
    ) -> Option<usize> {
        let k_verb = live.iter().position(|i| *i == act.verb)?;
        let verb = at(words, live, k_verb);
        if let Some(base) = progressive_base(verb) {
            r.replace(offset + act.verb, base);
            return Some(k_verb + 1);
        }
        // "I'll be sending you a text" -> "Send the customer a text".
        if verb == "be"
            && let Some(base) = progressive_base(at(words, live, k_verb + 1))
        {
            r.replace(offset + live.get(k_verb + 1).copied()?, base);
            return Some(k_verb + 2);
        }
        // "I've booked an engineer for Tuesday" -> "Book an engineer".
        if act.kind == ActKind::Promise
            && is_past(verb)
            && let Some(base) = past_base(verb).filter(|b| b != verb)
        {
            r.replace(offset + act.verb, &base);
            people.previous = base;
            return Some(k_verb + 1);
        }
        let passive = act
            .subject
            .filter(|_| act.kind == ActKind::Request && is_past(verb));
        if let (Some((from, to)), Some(base)) = (passive, past_base(verb)) {
            r.insert(&base);
            let k_from = live.iter().position(|i| *i == from)?;
            let k_to = live.iter().position(|i| *i == to)?;
            for k in k_from..=k_to {
                self.rewrite_one(r, words, live, k, offset, people, ctx);
            }
            return Some(k_verb + 1);
        }
        Some(k_verb)
    }

    /// "I'm emailing you a prepaid label", said by the agent: the verb, when it is one of what
    /// the agent's side does for the customer.
    /// A short phrase may come first: "for the cracked one I'm emailing you a label".
    pub(super) fn progressive(&self, words: &[Word], live: &[usize]) -> Option<usize> {
        (0..live.len().min(MAX_FRONTED + 1)).find_map(|start| {
            let condition = start > 0
                && live
                    .first()
                    .and_then(|i| words.get(*i))
                    .is_some_and(|w| w.is(SUBORDINATOR));
            let after = any_phrase(words, live, start, PROGRESSIVE_SUBJECTS).filter(|_| !condition)?;
            let k = skip(words, live, after, ADVERBS);
            progressive_base(at(words, live, k)).map(|_| k)
        })
    }

    /// A thing said to reach the customer, in the present: "the final bill comes within six
    /// weeks", "the new card goes to the address on file". Sent by the agent's side; when no due
    /// phrase says when, only "goes to" / "goes back" tells it is on its way.
    pub(super) fn arriving(&self, words: &[Word], live: &[usize], due: bool) -> Option<Act> {
        let k = (1..live.len().min(5)).find(|&k| is(words, live, k, PRESENT_ARRIVAL))?;
        let next = at(words, live, k + 1);
        let on_its_way = due || (at(words, live, k) == "goes" && matches!(next, "to" | "back"));
        let subject_ok = (0..k).all(|j| {
            let w = live.get(j).and_then(|i| words.get(*i));
            w.is_some_and(|w| {
                let f = w.folded.as_str();
                !w.marker
                    && !PEOPLE.contains(&f)
                    && !MODALS.contains(&f)
                    && !CLAUSE_LINKS.contains(&f)
                    && !matches!(f, "it" | "this" | "there" | "what" | "everything" | "nothing")
            })
        });
        if !on_its_way || !subject_ok || matches!(next, "with" | "up" | "down" | "through" | "in") {
            return None;
        }
        // "goes out within six weeks": the particle goes with the verb, not the instruction.
        let verb = if next == "out" { k + 1 } else { k };
        Some(Act {
            kind: ActKind::Delivery,
            owner: Owner::Agent,
            verb: live.get(verb).copied()?,
            subject: Some((live.first().copied()?, live.get(k - 1).copied()?)),
        })
    }
}

impl English {
    /// Writes a delivery as the agent's instruction: "the refund will go back to your card" ->
    /// "Send the customer the refund back to their card", "you'll be contacted by the assessor"
    /// -> "Contact the customer by the assessor".
    pub(super) fn delivery(
        &self,
        act: &Act,
        r: &mut Render<'_>,
        (words, live): (&[Word], &[usize]),
        (offset, ctx): (usize, &Context),
        people: &mut Persons,
    ) -> Option<()> {
        let k_verb = live.iter().position(|i| *i == act.verb)?;
        let verb = at(words, live, k_verb);
        let Some((from, to)) = act.subject else {
            match past_base(verb) {
                // "you'll be contacted by ..." -> "Contact the customer by ..."
                Some(base) => r.insert(&base),
                // "you'll get a welcome pack" -> "Send the customer a welcome pack"
                None => r.insert("send"),
            }
            r.insert("the customer");
            people.customer_named = true;
            self.rewrite(r, words, live, k_verb + 1, offset, people, ctx);
            return Some(());
        };
        let k_from = live.iter().position(|i| *i == from)?;
        let k_to = live.iter().position(|i| *i == to).unwrap_or(k_from);
        match past_base(verb).filter(|_| verb != "been") {
            Some(base) => r.insert(&base),
            None => r.insert("send the customer"),
        }
        for k in k_from..=k_to {
            let w = at(words, live, k);
            if matches!(w, "your" | "you") {
                r.insert("the");
            } else if k == k_from && DETERMINERS.contains(&w) {
                // "The refund will go ..." -> "send the customer the refund ...".
                r.replace(offset + from, w);
            } else {
                self.rewrite_one(r, words, live, k, offset, people, ctx);
            }
        }
        let mut k = k_verb + 1;
        if past_base(verb).is_none() {
            k = any_phrase(words, live, k, &["with you", "to you", "through to you"]).unwrap_or(k);
        }
        self.rewrite(r, words, live, k, offset, people, ctx);
        Some(())
    }
}

/// Where a clause goes on after a short phrase fronted before a comma ("All done, £142.60 will
/// be paid ...", "Great news, the engineer will visit"): that phrase is not the subject. 0 when
/// none of the first three live words is followed by a comma, or when the words before it open
/// a noun phrase, which the comma sets a name beside ("our courier, Evri, will collect").
pub(super) fn fronted_phrase(clause: &Clause<'_, '_>, words: &[Word], live: &[usize]) -> usize {
    const ARTICLES: &[&str] = &[
        "a", "an", "the", "our", "your", "my", "his", "her", "their", "its",
    ];
    if is(words, live, 0, ARTICLES) {
        return 0;
    }
    (1..live.len().min(4))
        .find(|&j| comma_before(clause, words, live, j))
        .unwrap_or(0)
}

/// Whether a comma comes between live word `j` and the live word before it.
fn comma_before(clause: &Clause<'_, '_>, words: &[Word], live: &[usize], j: usize) -> bool {
    let (Some(prev), Some(next)) = (
        j.checked_sub(1)
            .and_then(|p| live.get(p))
            .and_then(|i| words.get(*i)),
        live.get(j).and_then(|i| words.get(*i)),
    ) else {
        return false;
    };
    clause
        .sentence
        .text
        .get(prev.end..next.start)
        .is_some_and(|gap| gap.contains(','))
}
