//! English: commitments ("I'll send you...", "a technician will visit", "please bring..."), the
//! third person ("I" -> "the agent", "you" -> "the customer") and the summary's templates.

use super::en_words::{
    ADVERBS, ANSWERED_NOW, ARRIVAL, IN_CALL, MODALS, PEOPLE, RECEIVE, SCHEDULED, SCHEDULED_STATES, TASKS,
    WORDS, is_past, past_base, third_singular,
};
use super::scan::{any_phrase, at, is, skip};
use super::{Act, ActKind, Context, Gender, Lexicon, Link, Opening, Rules, Step};
use crate::language::Language;
use crate::summary::Owner;
use crate::summary::extractive::clause::{Clause, Word};
use crate::summary::extractive::due::due_phrase;
use crate::summary::extractive::render::{Render, decapitalise, sentence};
use crate::transcript::{Channel, SpeakerRole};

pub(super) struct English {
    lexicon: Lexicon,
}

impl English {
    pub(super) fn new() -> Self {
        English {
            lexicon: Lexicon::new(&WORDS),
        }
    }
}

/// Self-commitments: the subject and auxiliary before the verb.
const PROMISE_SUBJECTS: &[&str] = &[
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
const THIRD_AUX: &[&str] = &[
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
const CONTRACTED: &[(&str, &str)] = &[
    ("they'll", "them"),
    ("he'll", "him"),
    ("she'll", "her"),
    ("it'll", "it"),
    ("that'll", "that"),
];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "our", "your", "my", "this", "that", "these", "those", "his", "her", "their", "one",
    "any", "each", "both", "all", "its",
];
const REQUEST_LEADS: &[&str] = &[
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
const CAN_PROMISE: &[&str] = &[
    "arrange", "book", "send", "post", "get", "refund", "credit", "waive", "apply", "issue", "schedule",
    "order", "raise", "email", "text", "mail", "reissue", "replace", "escalate", "organise", "organize",
    "courier", "backdate", "cancel", "reverse", "expedite", "upgrade",
];
/// Words after which "you" is a subject again.
const CLAUSE_LINKS: &[&str] = &[
    "that", "if", "when", "so", "because", "once", "until", "before", "after", "as", "and", "but", "or",
    "where", "which", "who", "while", "unless", "whether", "since",
];
const NON_VERBS: &[&str] = &[
    "the", "a", "an", "to", "in", "on", "at", "for", "of", "with", "and", "or", "but", "that", "this", "it",
    "not", "no", "your", "my", "their", "our", "so", "very", "too", "there", "here", "both", "all",
];

impl Rules for English {
    fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    fn act(&self, clause: &Clause<'_, '_>) -> Option<Act> {
        let words = clause.words();
        let live = clause.live();
        let speaker = clause.speaker();
        let own = match speaker {
            SpeakerRole::Agent => Owner::Agent,
            SpeakerRole::Customer => Owner::Customer,
            _ => return None,
        };
        let question = self.asks(clause);
        let email = clause.sentence_channel() == Some(Channel::Email);
        if live.is_empty() || self.is_pleasantry(&clause.folded()) {
            return None;
        }
        let verb_at = |k: usize| live.get(k).copied();

        // "I'll send...", "we're going to...", "let me email you..."
        if !question {
            let after = any_phrase(words, &live, 0, PROMISE_SUBJECTS)
                .or_else(|| (speaker == SpeakerRole::Customer && is(words, &live, 0, &["ill"])).then_some(1))
                .or_else(|| any_phrase(words, &live, 0, &["let me", "let us"]));
            if let Some(after) = after {
                let k = skip(words, &live, after, ADVERBS);
                let k = any_phrase(words, &live, k, &["go ahead and", "go and", "be able to"]).unwrap_or(k);
                let verb = at(words, &live, k);
                let negated = matches!(verb, "not" | "never" | "no");
                if !negated && !verb.is_empty() && self.deferred(words, &live, k, speaker) {
                    return Some(Act {
                        kind: ActKind::Promise,
                        owner: own,
                        verb: verb_at(k)?,
                        subject: None,
                    });
                }
                return None;
            }
        }
        // "I can arrange a free pickup", "we can get it translated": an offer of the agent's own
        // side to act after the call, made as the plan.
        if speaker == SpeakerRole::Agent
            && !question
            && let Some(after) = any_phrase(words, &live, 0, &["i can", "we can", "i could", "we could"])
        {
            let k = skip(words, &live, after, ADVERBS);
            if is(words, &live, k, CAN_PROMISE) {
                return Some(Act {
                    kind: ActKind::Promise,
                    owner: own,
                    verb: verb_at(k)?,
                    subject: None,
                });
            }
        }
        if speaker == SpeakerRole::Agent {
            if let Some(act) = self.request(words, &live, question, email) {
                return Some(act);
            }
            if question {
                return None;
            }
            if let Some(act) = self.you_will(words, &live) {
                return Some(act);
            }
        }
        if question {
            return None;
        }
        if let Some(act) = self.third_party(words, &live, own, speaker) {
            return Some(act);
        }
        if speaker == SpeakerRole::Agent {
            return self.scheduled(clause, words, &live);
        }
        None
    }

    fn instruction(&self, clause: &Clause<'_, '_>, act: &Act, ctx: &Context) -> Option<String> {
        let words = clause.words();
        let live = clause.live();
        let k_verb = live.iter().position(|i| *i == act.verb)?;
        let doer = act.owner;
        let mut r = Render::new(clause.sentence.text, &clause.sentence.words);
        let offset = clause.range.0;
        let mut people = Persons::new(clause.speaker(), Some(doer));
        let tail = |r: &mut Render<'_>, people: &mut Persons, from: usize| {
            self.rewrite(r, words, &live, from, offset, people, ctx);
        };
        match act.kind {
            ActKind::Promise | ActKind::Request => tail(&mut r, &mut people, k_verb),
            ActKind::Delegated => {
                let (from, to) = act.subject?;
                r.insert("have");
                let k_from = live.iter().position(|i| *i == from)?;
                let k_to = live.iter().position(|i| *i == to).unwrap_or(k_from);
                for k in k_from..=k_to {
                    // "A technician will visit" -> "Have a technician visit".
                    let w = at(words, &live, k);
                    if k == k_from && DETERMINERS.contains(&w) {
                        r.replace(offset + from, w);
                        continue;
                    }
                    // "She'll call you" -> "Have her call the customer".
                    if let Some((_, object)) = CONTRACTED.iter().find(|(c, _)| *c == w) {
                        r.replace(offset + live.get(k).copied()?, object);
                        continue;
                    }
                    self.rewrite_one(&mut r, words, &live, k, offset, &mut people, ctx);
                }
                tail(&mut r, &mut people, k_verb);
            }
            ActKind::Delivery => {
                let verb = at(words, &live, k_verb);
                if let Some((from, to)) = act.subject {
                    let k_from = live.iter().position(|i| *i == from)?;
                    let k_to = live.iter().position(|i| *i == to).unwrap_or(k_from);
                    if let Some(base) = past_base(verb).filter(|_| verb != "been") {
                        r.insert(&base);
                    } else {
                        r.insert("send the customer");
                    }
                    for k in k_from..=k_to {
                        let w = at(words, &live, k);
                        if matches!(w, "your" | "you") {
                            r.insert("the");
                        } else if k == k_from && DETERMINERS.contains(&w) {
                            // "The refund will go ..." -> "send the customer the refund ...".
                            r.replace(offset + from, w);
                        } else {
                            self.rewrite_one(&mut r, words, &live, k, offset, &mut people, ctx);
                        }
                    }
                    let mut k = k_verb + 1;
                    if past_base(verb).is_none() {
                        k = any_phrase(words, &live, k, &["with you", "to you", "through to you"])
                            .unwrap_or(k);
                    }
                    tail(&mut r, &mut people, k);
                } else if let Some(base) = past_base(verb) {
                    // "you'll be contacted by ..." -> "Contact the customer by ..."
                    r.insert(&base);
                    r.insert("the customer");
                    people.customer_named = true;
                    tail(&mut r, &mut people, k_verb + 1);
                } else {
                    // "you'll get a welcome pack" -> "Send the customer a welcome pack"
                    r.insert("send the customer");
                    people.customer_named = true;
                    tail(&mut r, &mut people, k_verb + 1);
                }
            }
            ActKind::Scheduled => return self.third_person(clause, 0, ctx),
        }
        let text = r.finish();
        (!text.is_empty()).then_some(text)
    }

    fn third_person(&self, clause: &Clause<'_, '_>, from: usize, ctx: &Context) -> Option<String> {
        let words = clause.words();
        let live = clause.live();
        let mut r = Render::new(clause.sentence.text, &clause.sentence.words);
        let mut people = Persons::new(clause.speaker(), None);
        self.rewrite(&mut r, words, &live, from, clause.range.0, &mut people, ctx);
        let text = r.finish();
        (!text.is_empty()).then_some(text)
    }

    fn done(&self, clause: &Clause<'_, '_>) -> bool {
        let words = clause.words();
        let live = clause.live();
        let k = skip(words, &live, 0, &["also", "just", "now", "already"]);
        let lead = at(words, &live, k);
        let after = match lead {
            "i've" | "we've" | "ive" => k + 1,
            "i" | "we" => {
                let k = skip(words, &live, k + 1, ADVERBS);
                if matches!(at(words, &live, k), "have" | "had") {
                    k + 1
                } else {
                    k
                }
            }
            _ => {
                return matches!(
                    lead,
                    "done" | "updated" | "sent" | "booked" | "cancelled" | "processed" | "added"
                );
            }
        };
        let k = skip(words, &live, after, ADVERBS);
        is_past(at(words, &live, k))
    }

    fn reference_labels(&self) -> &'static [&'static str] {
        &[
            "case number",
            "case reference",
            "claim number",
            "claim reference",
            "reference number",
            "reference",
            "ref",
            "ticket number",
            "ticket",
            "order number",
            "order id",
            "dispute number",
            "booking reference",
            "confirmation number",
            "work order",
            "return id",
            "repair ticket",
            "service request number",
            "complaint reference",
            "tracking number",
            "move reference",
            "relocation order",
            "order",
        ]
    }

    fn due(&self, text: &str) -> Option<String> {
        due_phrase(text)
    }

    fn opening(&self, reason: &str, link: Link, opening: Opening, ctx: &Context) -> String {
        let company = ctx.company.as_deref();
        if opening == Opening::Outbound {
            let who = company.unwrap_or("The company");
            // Two sentences, not "the customer: ...", which reads as a speaker label.
            return sentence(&format!(
                "{who} contacted the customer. {}",
                crate::summary::extractive::render::capitalise(reason)
            ));
        }
        let verb = match ctx.channel {
            Some(Channel::Voice) => "called",
            Some(Channel::Email) => "emailed",
            _ => "contacted",
        };
        let whom = match (company, ctx.channel) {
            (Some(c), _) => format!(" {c}"),
            (None, Some(Channel::Voice)) => String::new(),
            (None, _) => " the company".to_string(),
        };
        let link = match link {
            Link::About => "about",
            Link::To => "to",
            Link::Because | Link::None => "because",
        };
        sentence(&format!("The customer {verb}{whom} {link} {reason}"))
    }

    fn finding(&self, finding: &str, _ctx: &Context) -> String {
        sentence(&format!("The agent found {finding}"))
    }

    fn next_steps(&self, steps: &[&Step], _ctx: &Context) -> Option<String> {
        let first = steps.first()?;
        let lead = match (first.owner, first.kind) {
            (_, ActKind::Scheduled) => "",
            (Owner::Agent, _) => "The agent will ",
            (Owner::Customer, ActKind::Request) => "The customer needs to ",
            (Owner::Customer, _) => "The customer will ",
        };
        let parts: Vec<String> = steps
            .iter()
            .map(|s| {
                let text = match &s.due {
                    Some(due) if !s.instruction.contains(due.as_str()) => format!("{} {due}", s.instruction),
                    _ => s.instruction.clone(),
                };
                if lead.is_empty() {
                    text
                } else {
                    decapitalise(&text)
                }
            })
            .collect();
        Some(sentence(&format!("{lead}{}", join(&parts, "and"))))
    }

    fn reference(&self, label: &str, value: &str) -> String {
        sentence(&format!("The {label} is {value}"))
    }

    fn empty(&self) -> &'static str {
        "The conversation has no substantive content to summarise."
    }

    fn is_identity_check(&self, folded: &str) -> bool {
        contains_any(folded, IDENTITY)
    }

    fn is_pleasantry(&self, folded: &str) -> bool {
        contains_any(folded, PLEASANTRY)
    }

    fn reason_link(&self, clause: &Clause<'_, '_>) -> Option<(Link, usize)> {
        let words = clause.words();
        let live = clause.live();
        let lead = any_phrase(
            words,
            &live,
            0,
            &[
                "i'm calling",
                "im calling",
                "i am calling",
                "i'm ringing",
                "i'm contacting",
                "i'm writing",
                "i am writing",
                "i'm messaging",
                "i'm emailing",
                "i called",
                "i'm reaching out",
                "i was calling",
                "i wanted to",
                "i'd like to",
                "i would like to",
                "i want to",
                "i need to",
                "i have to",
                "i'm looking to",
                "i'm trying to",
                "i was hoping to",
                "i'm hoping to",
                "just wanted to",
                "i'm just calling",
                "i just wanted to",
            ],
        )?;
        let wants = matches!(at(words, &live, lead - 1), "to");
        if wants {
            return Some((Link::To, lead));
        }
        let k = skip(words, &live, lead, &["just", "you", "today", "in", "up"]);
        let link = match at(words, &live, k) {
            "about" | "regarding" | "re" | "for" | "with" => (Link::About, k + 1),
            "because" | "as" | "since" | "cause" => (Link::Because, k + 1),
            "to" => (Link::To, k + 1),
            _ => (Link::None, k),
        };
        Some(link)
    }

    fn finding_start(&self, clause: &Clause<'_, '_>) -> Option<usize> {
        let words = clause.words();
        let live = clause.live();
        let after = any_phrase(
            words,
            &live,
            0,
            &[
                "i can see that",
                "i can see",
                "i see that",
                "i see",
                "it looks like",
                "looks like",
                "i've checked and",
                "i checked and",
                "i've found that",
                "i found that",
                "i've found",
                "i found",
                "i can confirm that",
                "i can confirm",
                "i've looked and",
                "we can see that",
                "we can see",
                "i'm seeing",
                "i am seeing",
                "i'm showing",
                "i'm showing that",
            ],
        )?;
        (after < live.len()).then_some(after)
    }

    fn company(&self, text: &str) -> Option<String> {
        super::company_after(
            text,
            &[
                "thank you for calling",
                "thanks for calling",
                "thank you for contacting",
                "thanks for contacting",
                "thanks for getting in touch with",
                "thank you for choosing",
                "thanks for choosing",
                "thanks for messaging",
                "thank you for messaging",
                "welcome to",
                "you've reached",
                "you have reached",
                "from",
                "with",
                "at",
            ],
        )
    }

    fn asks(&self, clause: &Clause<'_, '_>) -> bool {
        let words = clause.words();
        let live = clause.live();
        clause.asks()
            || (is(
                words,
                &live,
                0,
                &[
                    "can", "could", "would", "will", "do", "does", "did", "is", "are", "have", "has",
                ],
            ) && is(words, &live, 1, &["you", "i", "we", "it", "they", "there"]))
    }

    fn gender_cue(&self, _folded: &str, _next_is_name: bool, _agent: bool) -> Option<Gender> {
        // English summaries say "the customer" and "they" whoever it is.
        None
    }
}

impl English {
    /// Whether the verb at live word `k` is something done after the call.
    fn deferred(&self, words: &[Word], live: &[usize], k: usize, speaker: SpeakerRole) -> bool {
        let verb = at(words, live, k);
        let next = at(words, live, k + 1);
        match verb {
            "be" => matches!(
                next,
                "in" | "sending" | "calling" | "back" | "emailing" | "contacting" | "able"
            ),
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
    fn request(&self, words: &[Word], live: &[usize], question: bool, email: bool) -> Option<Act> {
        let (k, lead) = match any_phrase(words, live, 0, REQUEST_LEADS) {
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
        if lead && RECEIVE.contains(&verb) && matches!(at(words, live, 0), "you" | "you'll") {
            return None;
        }
        let in_call = !email && ANSWERED_NOW.contains(&verb);
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
    fn you_will(&self, words: &[Word], live: &[usize]) -> Option<Act> {
        let after = any_phrase(
            words,
            live,
            0,
            &["you'll", "you will", "you should", "you're going to"],
        )?;
        let k = skip(words, live, after, ADVERBS);
        let verb = at(words, live, k);
        // "You'll see it in the app today": the refund reaching the customer.
        let seen = verb == "see" && DETERMINERS.contains(&at(words, live, k + 1));
        if RECEIVE.contains(&verb) || seen {
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
    fn third_party(&self, words: &[Word], live: &[usize], own: Owner, speaker: SpeakerRole) -> Option<Act> {
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
                if MODALS.contains(&w.folded.as_str()) || CLAUSE_LINKS.contains(&w.folded.as_str()) {
                    return None;
                }
            }
            let subject_ok = DETERMINERS.contains(&first)
                || matches!(
                    first,
                    "someone" | "somebody" | "anyone" | "they" | "he" | "she" | "it" | "that" | "this"
                )
                || live.first().and_then(|i| words.get(*i)).is_some_and(|w| {
                    // A name, not a capitalised function word: "For security I need ...".
                    w.marker || (w.capitalised && !Language::En.is_stopword(&w.folded))
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
    fn scheduled(&self, clause: &Clause<'_, '_>, words: &[Word], live: &[usize]) -> Option<Act> {
        self.due(clause.raw())?;
        let first = at(words, live, 0);
        if matches!(
            first,
            "i" | "we" | "i've" | "we've" | "i'm" | "we're" | "you" | "if" | "when"
        ) {
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

/// Who "I", "you" and "we" are in a rewritten clause, and what has been said already.
struct Persons {
    speaker: SpeakerRole,
    /// Who does the action of an instruction (`None` for a statement).
    doer: Option<Owner>,
    customer_named: bool,
    /// The next verb must agree with a singular ("the agent needs") or plural ("they need") subject.
    agree: Option<bool>,
    /// The previous live word, folded.
    previous: String,
}

impl Persons {
    fn new(speaker: SpeakerRole, doer: Option<Owner>) -> Self {
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
    fn rewrite(
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
    fn rewrite_one(
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
        let subject_position = k == 0
            || CLAUSE_LINKS.contains(&people.previous.as_str())
            || !NON_VERBS.contains(&at(words, live, k + 1)) && !is_verbish_object(&people.previous);
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
    fn person(
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

fn is_verbish_object(previous: &str) -> bool {
    !previous.is_empty() && !NON_VERBS.contains(&previous) && !CLAUSE_LINKS.contains(&previous)
}

fn possessive(name: &str) -> String {
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

fn contains_any(folded: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| super::contains_phrase(folded, p))
}

const IDENTITY: &[&str] = &[
    "date of birth",
    "full name",
    "your name",
    "the name on",
    "postcode",
    "post code",
    "zip code",
    "zip",
    "address on",
    "the address",
    "your address",
    "security question",
    "for security",
    "verify",
    "verification",
    "verified",
    "last four",
    "last 4",
    "account number",
    "sort code",
    "card number",
    "social security",
    "mother's maiden",
    "maiden name",
    "passcode",
    "pin",
    "who am i speaking",
    "spell",
    "that matches",
    "you're verified",
    "you are verified",
    "date of birth",
    "dob",
    "identity",
    "eircode",
    "licence number",
    "license number",
    "phone number",
    "mobile number",
    "email address",
    "best number",
    "contact number",
    "callback number",
    "policy number",
    "first line of your address",
];

const PLEASANTRY: &[&str] = &[
    "thank you for calling",
    "thanks for calling",
    "thank you for contacting",
    "thanks for contacting",
    "how can i help",
    "how may i help",
    "how can i assist",
    "what can i do for you",
    "anything else",
    "is there anything",
    "have a great",
    "have a good",
    "have a lovely",
    "have a nice",
    "take care",
    "goodbye",
    "bye",
    "you're welcome",
    "you are welcome",
    "my pleasure",
    "no worries",
    "no problem",
    "my name is",
    "you're through to",
    "you're speaking",
    "you're chatting",
    "speaking with",
    "thanks for holding",
    "one moment",
    "bear with me",
    "let me check",
    "let me look",
    "let me see",
    "let me pull",
    "let's take a look",
    "let me take a look",
    "sorry to hear",
    "i'm sorry",
    "apologies",
    "good luck",
    "enjoy",
    "that's all",
    "that's it",
    "cheers",
    "hold on",
    "just a moment",
    "just a sec",
    "calls may be recorded",
    "this call may be recorded",
    "recorded for",
    "thanks so much",
    "many thanks",
    "thank you so much",
    "welcome to",
    "feel better",
    "see you",
];
