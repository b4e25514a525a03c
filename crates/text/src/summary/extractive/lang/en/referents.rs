//! "It" and "them" after a commitment's verb, said of something named just before: "what happens
//! to the old connection?" - "we'll disconnect it" -> "Disconnect the old connection". Only a
//! thing named alone in the nearest clauses before is taken; two candidates, none is.

use super::*;

/// Object pronouns a referent can replace.
const PRONOUNS: &[&str] = &["it", "them"];
/// "That" standing alone as an object: "I'll raise that now", "we'll get that looked at"; before
/// anything else it opens a clause or a noun phrase ("check that the payment went", "that day").
const DEMONSTRATIVE: &str = "that";
/// What may follow an object "that": a particle, a time adverb, a preposition.
const AFTER_DEMONSTRATIVE: &[&str] = &[
    "now", "today", "for", "up", "out", "over", "off", "back", "through", "right", "straight", "again",
    "asap", "first",
];
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
/// Prepositions that put a noun phrase after them out of subject or object position.
const PREPOSITIONS: &[&str] = &[
    "at", "in", "on", "with", "for", "from", "to", "into", "onto", "about", "by", "of", "off", "under",
    "over", "through", "after", "before", "during", "until", "since", "without", "via", "per",
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
        let committed = matches!(act.kind, ActKind::Promise | ActKind::Request | ActKind::Delegated);
        committed && (is(words, &live, k + 1, PRONOUNS) || demonstrative(words, &live, k + 1))
    }

    /// The noun phrases of a clause, as ranges of the sentence's words: a determiner and up to
    /// three content words, with an "of" phrase ("a picture of his insurance card"); whether
    /// "it" can stand for it (not a person) and whether a preposition governs it.
    pub(super) fn noun_phrases(&self, clause: &Clause<'_, '_>) -> Vec<NounPhrase> {
        let words = clause.words();
        let live = clause.live();
        let mut out = Vec::new();
        let mut k = 0;
        while k < live.len() {
            if !is(words, &live, k, NP_DETERMINERS) {
                k += 1;
                continue;
            }
            let Some(end) = self.noun_end(clause.sentence.text, words, &live, k) else {
                k += 1;
                continue;
            };
            let head = at(words, &live, end);
            // "the new one": a pronoun of its own, standing for something else.
            if head == "one" {
                k = end + 1;
                continue;
            }
            let person = PEOPLE.contains(&head)
                || PERSONS.contains(&head)
                || CONTRACTED.iter().any(|(c, _)| *c == head);
            let oblique = k
                .checked_sub(1)
                .is_some_and(|p| is(words, &live, p, PREPOSITIONS));
            if let (Some(from), Some(to)) = (live.get(k), live.get(end)) {
                out.push(NounPhrase {
                    from: clause.range.0 + from,
                    to: clause.range.0 + to,
                    thing: !person,
                    oblique,
                });
            }
            k = end + 1;
        }
        out
    }

    /// The last live word of the noun phrase whose determiner is live word `k`.
    fn noun_end(&self, text: &str, words: &[Word], live: &[usize], k: usize) -> Option<usize> {
        let mut end = None;
        let mut j = k + 1;
        while j < live.len() && j <= k + MAX_NOUN_WORDS {
            let w = live.get(j).and_then(|i| words.get(*i))?;
            let f = w.folded.as_str();
            let verbish = f.ends_with('s') && end.is_some() && is(words, live, j + 1, AFTER_VERB);
            let function = Language::En.is_stopword(f) || MODALS.contains(&f) || ADVERBS.contains(&f);
            // "your Giga Hub 2": a model's number after its capitalised name ends the phrase.
            let model = w.numeric()
                && end.is_some_and(|e: usize| {
                    live.get(e)
                        .and_then(|i| words.get(*i))
                        .is_some_and(|p| p.capitalised)
                });
            if model {
                end = Some(j);
                break;
            }
            if w.marker || w.numeric() || function || is_past(f) || verbish {
                break;
            }
            // "the site's been busy": a contraction, or a possessive whose noun is not said.
            if f.ends_with("'s") {
                return None;
            }
            end = Some(j);
            // "my debit card, like I had it": a comma closes the phrase; "the new one goes":
            // so does "one".
            if f == "one"
                || text
                    .get(w.end..)
                    .is_some_and(|rest| rest.starts_with([',', ';', ':']))
            {
                break;
            }
            j += 1;
        }
        let end = end?;
        // "a picture of his insurance card": the "of" phrase names it further.
        if is(words, live, end + 1, &["of"]) && is(words, live, end + 2, NP_DETERMINERS) {
            return self.noun_end(text, words, live, end + 2).or(Some(end));
        }
        Some(end)
    }

    /// The instruction with its first "it" / "them" after the verb replaced by `referent`; "it"
    /// and "that" stand for things only, "them" for people too ("the towing guys ... we'll pay
    /// them directly").
    pub(super) fn with_referent(&self, instruction: &str, referent: &Referent) -> Option<String> {
        let Referent {
            named: referent,
            said_by,
            person,
        } = referent;
        let mut words = instruction.split(' ');
        let verb = words.next()?;
        let rest: Vec<&str> = words.collect();
        let at = rest.iter().enumerate().position(|(i, w)| {
            let w = w.to_lowercase();
            PRONOUNS.contains(&w.as_str())
                || (w == DEMONSTRATIVE && demonstrative_before(rest.get(i + 1).copied()))
        })?;
        // Only right after the verb or its particle: "post it out", "send them over"; and only
        // for a phrase of the pronoun's number: "them" is no "order".
        let plural = rest.get(at).is_some_and(|w| w.eq_ignore_ascii_case("them"));
        // "Have the technician activate it": after the verb of whoever is had to act.
        let delegated = verb.eq_ignore_ascii_case("have")
            && at >= 2
            && rest
                .get(at - 1)
                .is_some_and(|w| !PREPOSITIONS.contains(&w.to_lowercase().as_str()));
        if (at > 1 && !delegated) || plural != is_plural(referent) || (*person && !plural) {
            return None;
        }
        // Said first in its sentence: "The claim form never arrived".
        let referent = &decapitalise(referent);
        // Named again, it is known: "a form" -> "post the form out". The customer's own "my
        // card" reads "their card" in the third person: whose, an item says.
        let known = referent
            .strip_prefix("a ")
            .or_else(|| referent.strip_prefix("an "))
            .map(|noun| format!("the {noun}"))
            .or_else(|| {
                let noun = referent.strip_prefix("their ")?;
                (*said_by == SpeakerRole::Customer).then(|| format!("the customer's {noun}"))
            });
        let mut out = vec![verb];
        out.extend(rest.iter().take(at));
        out.push(known.as_deref().unwrap_or(referent));
        out.extend(rest.iter().skip(at + 1));
        Some(out.join(" "))
    }
}

/// Whether live word `k` is an object "that" standing alone: last, or before a particle, a time
/// adverb or a participle ("get that looked at").
fn demonstrative(words: &[Word], live: &[usize], k: usize) -> bool {
    // The next word as said, skipped or not: "raise that now".
    let next = live
        .get(k)
        .and_then(|i| words.get(i + 1))
        .map(|w| w.folded.as_str());
    at(words, live, k) == DEMONSTRATIVE && demonstrative_before(next)
}

/// Whether `next` may follow an object "that" (`None`: nothing follows).
fn demonstrative_before(next: Option<&str>) -> bool {
    next.is_none_or(|w| {
        let w = w.trim_end_matches(['.', ',', '!', '?']).to_lowercase();
        AFTER_DEMONSTRATIVE.contains(&w.as_str()) || is_past(&w)
    })
}

/// Whether a noun phrase names more than one thing, by its head noun (before any "of"
/// phrase): "the statements", "two boxes of the old model".
fn is_plural(phrase: &str) -> bool {
    let head = phrase.split(" of ").next().unwrap_or(phrase);
    let last = head.rsplit(' ').next().unwrap_or(head).to_lowercase();
    last.ends_with('s') && !["ss", "us", "is", "'s"].iter().any(|e| last.ends_with(e))
}
