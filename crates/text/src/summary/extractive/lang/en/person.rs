//! The third person: "I" -> "the agent", "you" -> "the customer", verbs made to agree.

use super::*;

/// Who "I", "you" and "we" are in a rewritten clause, and what has been said already.
pub(super) struct Persons {
    pub(super) speaker: SpeakerRole,
    /// Who does the action of an instruction (`None` for a statement).
    pub(super) doer: Option<Owner>,
    pub(super) customer_named: bool,
    /// The next verb must agree with a singular ("the agent needs") or plural ("they need") subject.
    pub(super) agree: Option<bool>,
    /// The previous live word, folded.
    pub(super) previous: String,
}

impl Persons {
    pub(super) fn new(speaker: SpeakerRole, doer: Option<Owner>) -> Self {
        Persons {
            speaker,
            doer,
            customer_named: false,
            agree: None,
            previous: String::new(),
        }
    }
}

impl English {
    /// Writes the live words from `from` on, third person.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn rewrite(
        &self,
        r: &mut Render<'_>,
        words: &[Word],
        live: &[usize],
        from: usize,
        offset: usize,
        people: &mut Persons,
        ctx: &Context,
    ) {
        for k in from..live.len() {
            self.rewrite_one(r, words, live, k, offset, people, ctx);
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn rewrite_one(
        &self,
        r: &mut Render<'_>,
        words: &[Word],
        live: &[usize],
        k: usize,
        offset: usize,
        people: &mut Persons,
        ctx: &Context,
    ) {
        let Some(i) = live.get(k).copied() else { return };
        let Some(word) = words.get(i) else { return };
        let w = word.folded.as_str();
        let at_sentence = offset + i;
        if let Some(singular) = people.agree
            && !ADVERBS.contains(&w)
        {
            people.agree = None;
            if !NON_VERBS.contains(&w) && !word.marker && !word.numeric() {
                let agreed = if singular {
                    third_singular(w)
                } else {
                    match w {
                        "am" => "are".into(),
                        "was" => "were".into(),
                        "wasn't" => "weren't".into(),
                        _ => w.to_string(),
                    }
                };
                if agreed != w {
                    r.replace(at_sentence, &agreed);
                    people.previous = w.to_string();
                    return;
                }
            }
        }
        // "I paid the bill and am now filing": "am" after a conjunction agrees with an "I" said
        // before it, which is now "the agent" or "they" ("9 AM" is a time).
        if w == "am" && matches!(people.previous.as_str(), "and" | "but" | "or" | "so" | "then") {
            let agreed = if people.speaker == SpeakerRole::Agent {
                "is"
            } else {
                "are"
            };
            r.replace(at_sentence, agreed);
            people.previous = w.to_string();
            return;
        }
        // "to you", "for you": a preposition's object, whatever follows.
        let object_of = matches!(
            people.previous.as_str(),
            "to" | "for" | "with" | "at" | "on" | "from" | "by" | "about" | "of" | "in"
        );
        let subject_position = k == 0
            || CLAUSE_LINKS.contains(&people.previous.as_str())
            || !object_of
                && !NON_VERBS.contains(&at(words, live, k + 1))
                && !is_verbish_object(&people.previous);
        let replacement = self.person(w, subject_position, people, ctx);
        match replacement {
            Some((text, agree)) => {
                r.replace(at_sentence, &text);
                people.agree = agree;
            }
            None => r.word(at_sentence),
        }
        people.previous = w.to_string();
    }

    /// The third-person form of a pronoun, and the agreement its verb needs (`Some(true)`:
    /// singular, `Some(false)`: plural).
    pub(super) fn person(
        &self,
        w: &str,
        subject: bool,
        people: &mut Persons,
        ctx: &Context,
    ) -> Option<(String, Option<bool>)> {
        let company = ctx.company.clone().unwrap_or_else(|| "the company".to_string());
        let agent_speaks = people.speaker == SpeakerRole::Agent;
        let customer_does = people.doer == Some(Owner::Customer);
        let singular = |s: &str| Some((s.to_string(), Some(true)));
        let plain = |s: &str| Some((s.to_string(), None));
        if agent_speaks {
            let mut customer = |full: &str, short: &str, agree: Option<bool>| {
                if customer_does || people.customer_named {
                    Some((
                        short.to_string(),
                        if agree.is_some() { Some(false) } else { None },
                    ))
                } else {
                    people.customer_named = true;
                    Some((full.to_string(), agree))
                }
            };
            return match w {
                "i" => singular("the agent"),
                "i'm" | "im" => plain("the agent is"),
                "i've" | "ive" => plain("the agent has"),
                "i'll" => plain("the agent will"),
                "i'd" => plain("the agent would"),
                "me" => plain("the agent"),
                "my" | "mine" => plain("the agent's"),
                "myself" => plain("personally"),
                "we" => Some((company, Some(true))),
                "we're" => Some((format!("{company} is"), None)),
                "we've" => Some((format!("{company} has"), None)),
                "we'll" => Some((format!("{company} will"), None)),
                "we'd" => Some((format!("{company} would"), None)),
                "us" => Some((company, None)),
                "our" | "ours" => Some((possessive(&company), None)),
                "you" | "u" if subject => customer("the customer", "they", Some(true)),
                "you" | "u" => customer("the customer", "them", None),
                "you're" => customer("the customer is", "they're", None),
                "you've" => customer("the customer has", "they've", None),
                "you'll" => customer("the customer will", "they'll", None),
                "you'd" => customer("the customer would", "they'd", None),
                "your" | "ur" => customer("the customer's", "their", None),
                "yours" => customer("the customer's", "theirs", None),
                "yourself" | "yourselves" => plain("themselves"),
                _ => None,
            };
        }
        match w {
            "i" => Some(("they".to_string(), Some(false))),
            "i'm" | "im" => plain("they're"),
            "i've" | "ive" => plain("they've"),
            "i'll" => plain("they'll"),
            "i'd" => plain("they'd"),
            "me" => plain("them"),
            "my" => plain("their"),
            "mine" => plain("theirs"),
            "myself" => plain("themselves"),
            "we" => Some(("they".to_string(), Some(false))),
            "we're" => plain("they're"),
            "we've" => plain("they've"),
            "we'll" => plain("they'll"),
            "us" => plain("them"),
            "our" => plain("their"),
            "ours" => plain("theirs"),
            "you" | "u" if subject => Some((company, Some(true))),
            "you" | "u" => Some((company, None)),
            "you're" => Some((format!("{company} is"), None)),
            "you've" => Some((format!("{company} has"), None)),
            "you'll" => Some((format!("{company} will"), None)),
            "your" | "ur" => Some((possessive(&company), None)),
            _ => None,
        }
    }
}

pub(super) fn is_verbish_object(previous: &str) -> bool {
    !previous.is_empty() && !NON_VERBS.contains(&previous) && !CLAUSE_LINKS.contains(&previous)
}

pub(super) fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// "a, b and c".
pub(super) fn join(parts: &[String], and: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}
