//! "It" and "them" after a commitment's verb, said of something named just before: "what happens
//! to the old connection?" - "we'll disconnect it" -> "Disconnect the old connection". Only a
//! thing named alone in the nearest clauses before is taken; two candidates, none is.

use super::*;

/// Object pronouns a referent can replace.
const PRONOUNS: &[&str] = &["it", "them"];
/// Content words a noun phrase may have after its determiner.
const MAX_NOUN_WORDS: usize = 3;
/// Determiners that open a noun phrase; "this" and "that" are pronouns too often.
const NP_DETERMINERS: &[&str] = &["the", "a", "an", "your", "my", "our", "his", "her", "their"];
/// People a household or a call names, beyond the company's own staff ([`PEOPLE`]): "it"
/// stands for none of them.
const PERSONS: &[&str] = &[
    "tenant",
    "tenants",
    "owner",
    "landlord",
    "customer",
    "person",
    "people",
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "mother",
    "mum",
    "mom",
    "father",
    "dad",
    "brother",
    "sister",
    "friend",
    "neighbour",
    "neighbor",
    "guy",
    "guys",
    "man",
    "woman",
    "boyfriend",
    "girlfriend",
    "holder",
    "child",
    "kids",
];
/// Words after which a noun phrase stops: a verb of its own follows ("your bill drops to").
const AFTER_VERB: &[&str] = &["to", "the", "a", "an", "up", "out", "on", "in", "by", "at", "for"];

impl English {
    /// Whether the live word right after the act's verb (or its particle) is "it" / "them".
    pub(super) fn pronoun_object(&self, clause: &Clause<'_, '_>, act: &Act) -> bool {
        let words = clause.words();
        let live = clause.live();
        let Some(k) = live.iter().position(|i| *i == act.verb) else {
            return false;
        };
        matches!(act.kind, ActKind::Promise | ActKind::Request) && is(words, &live, k + 1, PRONOUNS)
    }

    /// The noun phrases of a clause, as ranges of the sentence's words: a determiner and up to
    /// three content words, with an "of" phrase ("a picture of his insurance card"); and
    /// whether "it" can stand for it (not a person).
    pub(super) fn noun_phrases(&self, clause: &Clause<'_, '_>) -> Vec<(usize, usize, bool)> {
        let words = clause.words();
        let live = clause.live();
        let mut out = Vec::new();
        let mut k = 0;
        while k < live.len() {
            if !is(words, &live, k, NP_DETERMINERS) {
                k += 1;
                continue;
            }
            let Some(end) = self.noun_end(words, &live, k) else {
                k += 1;
                continue;
            };
            let head = at(words, &live, end);
            let person = PEOPLE.contains(&head)
                || PERSONS.contains(&head)
                || CONTRACTED.iter().any(|(c, _)| *c == head);
            if let (Some(from), Some(to)) = (live.get(k), live.get(end)) {
                out.push((clause.range.0 + from, clause.range.0 + to, !person));
            }
            k = end + 1;
        }
        out
    }

    /// The last live word of the noun phrase whose determiner is live word `k`.
    fn noun_end(&self, words: &[Word], live: &[usize], k: usize) -> Option<usize> {
        let mut end = None;
        let mut j = k + 1;
        while j < live.len() && j <= k + MAX_NOUN_WORDS {
            let w = live.get(j).and_then(|i| words.get(*i))?;
            let f = w.folded.as_str();
            let verbish = f.ends_with('s') && end.is_some() && is(words, live, j + 1, AFTER_VERB);
            let function = Language::En.is_stopword(f) || MODALS.contains(&f) || ADVERBS.contains(&f);
            if w.marker || w.numeric() || function || is_past(f) || verbish {
                break;
            }
            // "the site's been busy": a contraction, or a possessive whose noun is not said.
            if f.ends_with("'s") {
                return None;
            }
            end = Some(j);
            j += 1;
        }
        let end = end?;
        // "a picture of his insurance card": the "of" phrase names it further.
        if is(words, live, end + 1, &["of"]) && is(words, live, end + 2, NP_DETERMINERS) {
            return self.noun_end(words, live, end + 2).or(Some(end));
        }
        Some(end)
    }

    /// The instruction with its first "it" / "them" after the verb replaced by `referent`.
    pub(super) fn with_referent(&self, instruction: &str, referent: &str) -> Option<String> {
        let mut words = instruction.split(' ');
        let verb = words.next()?;
        let rest: Vec<&str> = words.collect();
        let at = rest
            .iter()
            .position(|w| PRONOUNS.contains(&w.to_lowercase().as_str()))?;
        // Only right after the verb or its particle: "post it out", "send them over".
        if at > 1 {
            return None;
        }
        // Named again, it is known: "a form" -> "post the form out".
        let known = referent
            .strip_prefix("a ")
            .or_else(|| referent.strip_prefix("an "))
            .map(|noun| format!("the {noun}"));
        let mut out = vec![verb];
        out.extend(rest.iter().take(at));
        out.push(known.as_deref().unwrap_or(referent));
        out.extend(rest.iter().skip(at + 1));
        Some(out.join(" "))
    }
}
