//! How English commitments are said: "I'll send", "a technician will visit", "please bring",
//! "you'll get".

use super::*;

/// Self-commitments: the subject and auxiliary before the verb.
pub(super) const PROMISE_SUBJECTS: &[&str] = &[
    "i'll",
    "we'll",
    "i will",
    "we will",
    "i shall",
    "we shall",
    "i'm going to",
    "im going to",
    "i am going to",
    "we're going to",
    "we are going to",
    "i'm gonna",
    "im gonna",
    "we're gonna",
    "i'm going",
    "we're going",
    "i will be able to",
    "we will be able to",
];
pub(super) const THIRD_AUX: &[&str] = &[
    "will",
    "is going to",
    "are going to",
    "should",
    "will be able to",
    "needs to",
    "need to",
    "has to",
];
/// Contracted subjects and the object form an instruction uses: "she'll call" -> "Have her call".
pub(super) const CONTRACTED: &[(&str, &str)] = &[
    ("they'll", "them"),
    ("he'll", "him"),
    ("she'll", "her"),
    ("it'll", "it"),
    ("that'll", "that"),
];
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "our", "your", "my", "this", "that", "these", "those", "his", "her", "their", "one",
    "any", "each", "both", "all", "its",
];
pub(super) const REQUEST_LEADS: &[&str] = &[
    "please",
    "please do",
    "please just",
    "could you please",
    "can you please",
    "would you please",
    "you'll need to",
    "you will need to",
    "you need to",
    "you'd need to",
    "you would need to",
    "you'll have to",
    "you will have to",
    "you have to",
    "you must",
    "you should",
    "you'll want to",
    "make sure you",
    "make sure to",
    "make sure that you",
    "remember to",
    "don't forget to",
    "be sure to",
    "you may need to",
    "you might want to",
    "you'd want to",
];
/// After "I can" / "we can", verbs of what the agent's side does after the call.
pub(super) const CAN_PROMISE: &[&str] = &[
    "arrange", "book", "send", "post", "get", "refund", "credit", "waive", "apply", "issue", "schedule",
    "order", "raise", "email", "text", "mail", "reissue", "replace", "escalate", "organise", "organize",
    "courier", "backdate", "cancel", "reverse", "expedite", "upgrade", "set",
];
/// Words after which "you" is a subject again.
pub(super) const CLAUSE_LINKS: &[&str] = &[
    "that", "if", "when", "so", "because", "once", "until", "before", "after", "as", "and", "but", "or",
    "where", "which", "who", "while", "unless", "whether", "since",
];
pub(super) const NON_VERBS: &[&str] = &[
    "the", "a", "an", "to", "in", "on", "at", "for", "of", "with", "and", "or", "but", "that", "this", "it",
    // "sent to you by Thursday": no verb after "you" to agree with "the customer".
    "by", "within", "before", "after", "until", "via", "from", "today", "tomorrow", "tonight", "when", "once",
    "if", "as", "soon", "later", "over", "through", "about", "next", "asap", "not", "no", "your", "my",
    "their", "our", "so", "very", "too", "there", "here", "both", "all",
    // "for you right away": no verb to agree with "the customer".
    "right", "straight",
];

impl English {
    /// Whether the verb at live word `k` is something done after the call.
    pub(super) fn deferred(&self, words: &[Word], live: &[usize], k: usize, speaker: SpeakerRole) -> bool {
        let verb = at(words, live, k);
        let next = at(words, live, k + 1);
        match verb {
            "be" => {
                matches!(
                    next,
                    "in" | "sending" | "calling" | "back" | "emailing" | "contacting" | "able"
                ) || progressive_base(next).is_some()
            }
            "take" => next == "care",
            "update" => matches!(next, "you" | "the"),
            "need" => false,
            "go" => speaker == SpeakerRole::Customer && !matches!(next, "with" | "ahead" | "for"),
            "keep" => matches!(next, "you" | "an" | "it"),
            _ if speaker == SpeakerRole::Customer => !matches!(
                verb,
                "wait"
                    | "hold"
                    | "take"
                    | "have"
                    | "check"
                    | "look"
                    | "see"
                    | "let"
                    | "think"
                    | "try"
                    | "just"
            ),
            _ => !IN_CALL.contains(&verb),
        }
    }

    /// The agent asking the customer to act: "please upload", "you'll need to sign", "bring ID".
    pub(super) fn request(&self, words: &[Word], live: &[usize], question: bool, email: bool) -> Option<Act> {
        let lead_end =
            any_phrase(words, live, 0, REQUEST_LEADS).or_else(|| any_phrase(words, live, 0, ASKING_LEADS));
        let (k, lead) = match lead_end {
            Some(k) => (k, true),
            None if is(words, live, 0, &["you"]) && is(words, live, 1, &["can"]) => (2, true),
            None => (skip(words, live, 0, &["just", "also", "then", "so"]), false),
        };
        let k = skip(
            words,
            live,
            k,
            &["also", "just", "then", "first", "kindly", "to", "and", "that"],
        );
        let verb = at(words, live, k);
        if verb.is_empty() || matches!(verb, "don't" | "not" | "never" | "do") {
            return None;
        }
        let can = at(words, live, k.saturating_sub(1)) == "can";
        // "You should see it in five days": what reaches the customer, not a task of theirs.
        let reaches = RECEIVE.contains(&verb) || matches!(verb, "see" | "notice");
        if lead && reaches && matches!(at(words, live, 0), "you" | "you'll") {
            return None;
        }
        // "Please note that a debit order disputed within 40 days can be reversed": information
        // for the customer, in any channel, not a task.
        let informs = matches!(verb, "note" | "bear") && matches!(at(words, live, k + 1), "that" | "in");
        let in_call = informs || (!email && ANSWERED_NOW.contains(&verb));
        // "Could you please send us a photo?" asks for something after the call.
        let question_ok =
            !question || (lead && at(words, live, 0) != "you" && (email || TASKS.contains(&verb)));
        if in_call || !question_ok {
            return None;
        }
        if lead && (!can || TASKS.contains(&verb)) {
            return Some(Act {
                kind: ActKind::Request,
                owner: Owner::Customer,
                verb: live.get(k).copied()?,
                subject: None,
            });
        }
        // A bare imperative: a task verb followed by what it acts on.
        let object = at(words, live, k + 1);
        let first_word = live.first().and_then(|i| words.get(*i));
        let bare = !lead
            && TASKS.contains(&verb)
            && first_word.is_some_and(|w| !w.marker)
            && (DETERMINERS.contains(&object)
                || matches!(
                    object,
                    "it" | "them"
                        | "us"
                        | "up"
                        | "off"
                        | "in"
                        | "out"
                        | "back"
                        | "over"
                        | "down"
                        | "on"
                        | "by"
                        | "with"
                        | "straight"
                        | "directly"
                        | "anything"
                        | "everything"
                        | "any"
                ));
        (bare && !question).then_some(Act {
            kind: ActKind::Request,
            owner: Owner::Customer,
            verb: live.get(k).copied()?,
            subject: None,
        })
    }

    /// "You'll get a welcome pack", "you'll be contacted by the assessor".
    pub(super) fn you_will(&self, words: &[Word], live: &[usize]) -> Option<Act> {
        let after = any_phrase(
            words,
            live,
            0,
            &["you'll", "you will", "you should", "you're going to"],
        )?;
        let k = skip(words, live, after, ADVERBS);
        let mut k = k;
        // "You'll be receiving a new router": the progressive of the same.
        if at(words, live, k) == "be" && matches!(at(words, live, k + 1), "receiving" | "getting") {
            k += 1;
        }
        let verb = match at(words, live, k) {
            "receiving" => "receive",
            "getting" => "get",
            other => other,
        };
        // "You'll see it in the app today": the refund reaching the customer.
        let seen = verb == "see" && DETERMINERS.contains(&at(words, live, k + 1));
        // "you should have it by Monday" takes up what was just promised ("I'll send the form
        // out today"): no item of its own, "Send the customer it".
        let taken_up = matches!(
            at(words, live, k + 1),
            "it" | "them" | "that" | "this" | "those" | "these"
        );
        if (RECEIVE.contains(&verb) || seen) && !taken_up {
            return Some(Act {
                kind: ActKind::Delivery,
                owner: Owner::Agent,
                verb: live.get(k).copied()?,
                subject: None,
            });
        }
        if verb == "be" && is_past(at(words, live, k + 1)) {
            return Some(Act {
                kind: ActKind::Delivery,
                owner: Owner::Agent,
                verb: live.get(k + 1).copied()?,
                subject: None,
            });
        }
        None
    }

    /// "A technician will visit", "the new card will arrive", "it will be held for 10 days",
    /// "someone over 18 needs to be home".
    pub(super) fn third_party(
        &self,
        words: &[Word],
        live: &[usize],
        own: Owner,
        speaker: SpeakerRole,
    ) -> Option<Act> {
        let first = at(words, live, 0);
        let contracted = CONTRACTED.iter().any(|(c, _)| *c == first);
        // The subject: a contracted pronoun, or up to six words before the auxiliary.
        let (subject_end, aux_end) = if contracted {
            (0, 1)
        } else {
            let mut found = None;
            for j in 1..7.min(live.len()) {
                if let Some(after) = any_phrase(words, live, j, THIRD_AUX) {
                    found = Some((j - 1, after));
                    break;
                }
                let w = live.get(j).and_then(|i| words.get(*i))?;
                // "Interest charged so far will be refunded": "so far" links no clause.
                let link = CLAUSE_LINKS.contains(&w.folded.as_str())
                    && !(w.folded == "so" && at(words, live, j + 1) == "far");
                if MODALS.contains(&w.folded.as_str()) || link {
                    return None;
                }
            }
            let subject_ok = DETERMINERS.contains(&first)
                || matches!(
                    first,
                    "someone" | "somebody" | "anyone" | "they" | "he" | "she" | "it" | "that" | "this"
                )
                || live.first().and_then(|i| words.get(*i)).is_some_and(|w| {
                    // A name, not a capitalised function word: "For security I need ...";
                    // an amount ("£142.60 will be paid to the account ending 8826").
                    w.marker || (w.capitalised && !Language::En.is_stopword(&w.folded)) || w.numeric()
                });
            if !subject_ok {
                return None;
            }
            found?
        };
        let k = skip(words, live, aux_end, ADVERBS);
        // "X will need to call us" / "someone needs to be home": a request for the customer's side.
        let obliged = any_phrase(words, live, k, &["need to", "have to", "needs to", "has to"]);
        let verb_k = obliged.map_or(k, |after| skip(words, live, after, ADVERBS));
        let verb = at(words, live, verb_k);
        if verb.is_empty() || matches!(verb, "not" | "never" | "no") {
            return None;
        }
        let head_word = live.get(subject_end).and_then(|i| words.get(*i))?;
        let head = head_word.folded.trim_end_matches("'ll");
        let pronoun = matches!(head, "it" | "that" | "this");
        let person = !pronoun
            && (PEOPLE.contains(&head) || head_word.marker || (head_word.capitalised && subject_end > 0));
        let subject = Some((live.first().copied()?, live.get(subject_end).copied()?));
        // "Someone over 18 needs to be home": an obligation said of the customer's side, kept as
        // said; of the company's staff ("the technician needs to check the line"), theirs.
        let aux_obliged = !contracted && is(words, live, subject_end + 1, &["needs", "need", "has", "have"]);
        if aux_obliged && speaker == SpeakerRole::Agent && !pronoun {
            let staff = person && !matches!(head, "someone" | "somebody" | "anyone" | "they" | "he" | "she");
            return Some(Act {
                kind: ActKind::Scheduled,
                owner: if staff { Owner::Agent } else { Owner::Customer },
                verb: live.get(k).copied()?,
                subject,
            });
        }
        if obliged.is_some() && speaker == SpeakerRole::Agent && !pronoun {
            return Some(Act {
                kind: ActKind::Request,
                owner: Owner::Customer,
                verb: live.get(verb_k).copied()?,
                subject,
            });
        }
        if person && verb != "be" {
            return Some(Act {
                kind: ActKind::Delegated,
                owner: own,
                verb: live.get(k).copied()?,
                subject,
            });
        }
        if speaker != SpeakerRole::Agent || person {
            return None;
        }
        // A thing: passive ("will be credited"), arrival ("will arrive", "will be with you"), or
        // anything else said of it ("delivery will take 3 days"), kept as a statement.
        let next = at(words, live, k + 1);
        if verb == "be" && is_past(next) {
            return Some(Act {
                kind: ActKind::Delivery,
                owner: Owner::Agent,
                verb: live.get(k + 1).copied()?,
                subject,
            });
        }
        let amount = next == "to"
            && is(
                words,
                live,
                k + 2,
                &["about", "around", "roughly", "approximately"],
            )
            || live
                .get(k + 2)
                .and_then(|i| words.get(*i))
                .is_some_and(Word::numeric);
        let arrives =
            ARRIVAL.contains(&verb) && (verb != "be" || matches!(next, "with" | "back" | "on")) && !amount;
        if arrives && !pronoun {
            return Some(Act {
                kind: ActKind::Delivery,
                owner: Owner::Agent,
                verb: live.get(k).copied()?,
                subject,
            });
        }
        (!pronoun).then_some(Act {
            kind: ActKind::Scheduled,
            owner: Owner::Agent,
            verb: live.get(k).copied()?,
            subject,
        })
    }

    /// "Service starts at the new place July 1st", "pickup is scheduled for tomorrow".
    pub(super) fn scheduled(&self, clause: &Clause<'_, '_>, words: &[Word], live: &[usize]) -> Option<Act> {
        let first = at(words, live, 0);
        if matches!(
            first,
            "i" | "we" | "i've" | "we've" | "i'm" | "we're" | "you" | "if" | "when" | "once"
        ) {
            return None;
        }
        let due = self.due(clause.raw()).is_some();
        if let Some(act) = self.arriving(words, live, due) {
            return Some(act);
        }
        if !due {
            return None;
        }
        for k in 0..live.len().min(8) {
            let w = at(words, live, k);
            let state = matches!(w, "is" | "are" | "'s") && is(words, live, k + 1, SCHEDULED_STATES);
            if SCHEDULED.contains(&w) || state {
                return Some(Act {
                    kind: ActKind::Scheduled,
                    owner: Owner::Agent,
                    verb: live.get(k).copied()?,
                    subject: None,
                });
            }
        }
        None
    }
}
