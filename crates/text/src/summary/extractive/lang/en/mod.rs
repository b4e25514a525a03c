//! English: commitments ("I'll send you...", "a technician will visit", "please bring..."), the
//! third person ("I" -> "the agent", "you" -> "the customer") and the summary's templates.

mod commitments;
mod contact;
mod forms;
mod leads;
mod lexicon;
mod openings;
mod person;
mod phrases;
mod referents;
mod verbs;

pub(crate) use verbs::is_past;

use super::scan::{any_phrase, at, is, skip};
use super::{
    Act, ActKind, Context, Gender, Lexicon, Link, NounPhrase, Opening, Referent, Rules, SUBORDINATOR, Step,
};
use crate::language::Language;
use crate::summary::Owner;
use crate::summary::extractive::due::due_phrase;
use crate::summary::extractive::parsed::{Clause, Word};
use crate::summary::extractive::render::{Render, decapitalise, sentence};
use crate::transcript::{Channel, SpeakerRole};
use commitments::*;
use leads::*;
use lexicon::*;
use openings::*;
use person::*;
use phrases::*;
use verbs::*;

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

impl Rules for English {
    fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    fn act(&self, clause: &Clause<'_, '_>) -> Option<Act> {
        let words = clause.words();
        let live = clause.live();
        // "If it isn't found by Friday we'll open a claim": the main clause after the condition.
        let live = live
            .get(self.main_clause(clause, words, &live)..)
            .unwrap_or_default()
            .to_vec();
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
        if speaker == SpeakerRole::Agent
            && let Some(act) = self.contact_for(words, &live)
        {
            return Some(act);
        }

        // "I'll send...", "we're going to...", "let me email you..."
        if !question {
            if let Some(act) = self.cleft(words, &live, speaker) {
                return Some(act);
            }
            if let Some(k) = self
                .progressive(words, &live)
                .filter(|_| speaker == SpeakerRole::Agent)
            {
                return Some(Act {
                    kind: ActKind::Promise,
                    owner: own,
                    verb: verb_at(k)?,
                    subject: None,
                });
            }
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
                if negated || any_phrase(words, &live, 0, ASKING_LEADS).is_some() {
                    return self.request(words, &live, question, email).filter(|_| !negated);
                }
                return self.promise_beyond(words, &live, k, own, speaker);
            }
        }
        // "I can arrange a free pickup", "we can get it translated": an offer of the agent's own
        // side to act after the call, made as the plan.
        // "If you wanted, we could send an engineer": an offer under a condition said before.
        let conditional = clause.range.0 > 0
            && clause
                .sentence
                .words
                .first()
                .is_some_and(|w| matches!(w.folded.as_str(), "if" | "unless"));
        if speaker == SpeakerRole::Agent
            && !question
            && !conditional
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
        if speaker == SpeakerRole::Agent
            && !question
            && let Some(act) = self
                .arranged(clause, words, &live)
                .or_else(|| self.asked_someone(words, &live, own))
                .or_else(|| self.under_way(words, &live))
        {
            return Some(act);
        }
        if speaker == SpeakerRole::Agent {
            if let Some(act) = self.request(words, &live, question, email) {
                return Some(act);
            }
            if question {
                return self.passive_request(words, &live);
            }
            if let Some(act) = self.you_will(words, &live) {
                return Some(act);
            }
        }
        if question {
            return None;
        }
        let fronted = forms::fronted_phrase(clause, words, &live);
        if let Some(act) = self.third_party(words, live.get(fronted..).unwrap_or_default(), own, speaker) {
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
        if let Some(text) = self.contact_instruction(clause, act) {
            return Some(text);
        }
        let k_verb = live.iter().position(|i| *i == act.verb)?;
        let doer = act.owner;
        let mut r = Render::new(clause.sentence.text, &clause.sentence.words);
        let offset = clause.range.0;
        let mut people = Persons::new(clause.speaker(), Some(doer));
        let tail = |r: &mut Render<'_>, people: &mut Persons, from: usize| {
            self.rewrite(r, words, &live, from, offset, people, ctx);
        };
        match act.kind {
            ActKind::Promise | ActKind::Request => {
                let from = self.verb_first(&mut r, words, &live, act, offset, &mut people, ctx)?;
                tail(&mut r, &mut people, from);
            }
            ActKind::Delegated => {
                let (from, to) = act.subject?;
                r.insert("have");
                let k_from = live.iter().position(|i| *i == from)?;
                let k_to = live.iter().position(|i| *i == to).unwrap_or(k_from);
                for k in k_from..=k_to {
                    // "A technician will visit" -> "Have a technician visit".
                    let w = at(words, &live, k);
                    // "your", "our", "my" are said in the third person by the rewrite.
                    // "Someone from billing will call" -> "Have someone from billing call".
                    let common = DETERMINERS.contains(&w) || matches!(w, "someone" | "somebody");
                    if k == k_from && common && !matches!(w, "your" | "our" | "my") {
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
            ActKind::Delivery => self.delivery(act, &mut r, (words, &live), (offset, ctx), &mut people)?,
            ActKind::Scheduled => return self.third_person(clause, 0, ctx),
        }
        let text = r.finish();
        (!text.is_empty()).then_some(text)
    }

    fn pronoun_object(&self, clause: &Clause<'_, '_>, act: &Act) -> bool {
        English::pronoun_object(self, clause, act)
    }

    fn noun_phrases(&self, clause: &Clause<'_, '_>) -> Vec<NounPhrase> {
        English::noun_phrases(self, clause)
    }

    fn with_referent(&self, instruction: &str, referent: &Referent) -> Option<String> {
        English::with_referent(self, instruction, referent)
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
        REFERENCE_LABELS
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
        // "because The screen cracked": a function word that started the customer's sentence
        // is lower case inside ours; a name keeps its capital.
        let first = reason
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let reason = if crate::language::Language::En.is_stopword(&first) {
            crate::summary::extractive::render::decapitalise(reason)
        } else {
            reason.to_string()
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
        let lead = any_phrase(words, &live, 0, REASON_LEADS)?;
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
        let after = any_phrase(words, &live, 0, FINDING_LEADS)?;
        (after < live.len()).then_some(after)
    }

    fn company(&self, text: &str) -> Option<String> {
        super::company_after(text, COMPANY_LEADS)
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
