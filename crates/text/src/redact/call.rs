//! A whole call redacted in context: identity questions carry to their answers, a name seen once
//! is found everywhere in the call, agents' first names stay when configured, and markers are
//! stable across the call and its summaries.

#[path = "call_names.rs"]
mod known_names;
#[path = "call_refs.rs"]
mod known_references;

use known_names::KnownNames;
use known_references::KnownReferences;

use super::candidate::{self, Candidate, Protected, Strength};
use super::context::{self, Expectation};
use super::figures::Figures;
use super::gazetteer::{self, Gazetteer};
use super::known_numbers::{KnownBirthDates, KnownNumbers};
use super::leaks::Confirmed;
use super::letters::SpelledValues;
use super::lexicon::{self, Cue};
use super::places::KnownPlaces;
use super::pseudonym::Pseudonyms;
use super::scan::Scan;
use super::token::{Class, Tokens};
use super::{PiiKind, RedactionCounts, Redactor};
use std::sync::OnceLock;

use crate::language::Language;
use crate::sentiment::Sentiment;
use crate::transcript::{SpeakerRole, Transcript};

/// An answer may come a few turns after its question ("sorry, one moment... it's 4417").
const ANSWER_TURNS: u8 = 2;

/// A match from a managed detector (Amazon Comprehend): utterance index and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExternalMatch {
    pub utterance: usize,
    pub kind: PiiKind,
    pub start: usize,
    pub end: usize,
}

/// A redacted call, able to redact more text (its summaries) with the same markers.
#[derive(Debug, Clone)]
pub struct RedactedCall {
    pub transcript: Transcript,
    pub counts: RedactionCounts,
    pseudonyms: Pseudonyms,
    /// The names and addresses masked on evidence beyond their shape: what a summary leaks.
    confirmed: Confirmed,
    memory: CallMemory,
    /// The numbers and dates of each original utterance, read from the redactor's scan.
    figures: Vec<Figures>,
    /// The redacted transcript's customer sentiment, read when first asked.
    customer_sentiment: OnceLock<Sentiment>,
}

impl RedactedCall {
    /// The customer sentiment of the redacted transcript, read once for the summary and its
    /// verification ([`crate::sentiment::customer_sentiment`]).
    pub fn customer_sentiment(&self) -> Sentiment {
        *self
            .customer_sentiment
            .get_or_init(|| crate::sentiment::customer_sentiment(&self.transcript))
    }

    /// The numbers and dates of each utterance of `original`, as the redactor read them; none
    /// when `original` is not the call this redacted.
    pub(crate) fn figures_of(&self, original: &Transcript) -> &[Figures] {
        let same = self.figures.len() == original.utterances.len()
            && self.transcript.conversation_id == original.conversation_id;
        if same { &self.figures } else { &[] }
    }

    /// `text` (a summary field) redacted as the call's utterances are, with the call's markers:
    /// a name or number of the call gets the marker it has in the transcript.
    pub fn redact_text(&mut self, redactor: &Redactor, text: &str) -> String {
        let scan = Scan::new(text, None, Vec::new(), self.memory.language);
        let (found, protected) = redactor.candidates(&scan, Vec::new());
        let chosen = self.memory.mentions(redactor, &scan, found, &protected);
        let matches = redactor.enabled(chosen);
        let mut ignored = RedactionCounts::default();
        self.pseudonyms.replace(text, &matches, &mut ignored).into_owned()
    }

    /// The kinds of the call's personal data found in `text` (a summary): values the call's
    /// redaction masked, found again the way `redact_text` finds them. A name or number the call
    /// never held is no leak of it (verification reports it as not in the call), nor is a name
    /// or address the call masked on its shape alone, one sharing only a word with the call's,
    /// or an ordinary word of the language (see `leaks`).
    pub fn pii_in(&self, redactor: &Redactor, text: &str) -> Vec<PiiKind> {
        let scan = Scan::new(text, None, Vec::new(), self.memory.language);
        let (found, protected) = redactor.candidates(&scan, Vec::new());
        let chosen = self.memory.mentions(redactor, &scan, found, &protected);
        let mut kinds: Vec<PiiKind> = redactor
            .enabled(chosen)
            .iter()
            .filter(|m| {
                let marked = text
                    .get(m.start..m.end)
                    .is_some_and(|value| self.pseudonyms.known(m.kind, value));
                self.confirmed.leak_at(m.kind, text, (m.start, m.end), marked)
            })
            .map(|m| m.kind)
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }
}

/// What the first pass over a call learnt, applied to every text of the call: names, places,
/// spelled values and numbers found again, and the agents' first names kept when configured.
#[derive(Debug, Clone)]
struct CallMemory {
    names: KnownNames,
    places: KnownPlaces,
    spelled: SpelledValues,
    numbers: KnownNumbers,
    birth_dates: KnownBirthDates,
    references: KnownReferences,
    agent_first_names: Vec<String>,
    /// The call's language in the lexicons (the request's, the transcript's or detected).
    language: Option<usize>,
}

impl CallMemory {
    /// `chosen` (one text's candidates) with the mentions of what the call made known; none of
    /// them may touch the text's `protected` spans.
    fn mentions(
        &self,
        redactor: &Redactor,
        scan: &Scan<'_>,
        mut chosen: Vec<Candidate>,
        protected: &[Protected],
    ) -> Vec<Candidate> {
        let tokens = &scan.tokens;
        // Names the first pass kept stay kept; only new mentions give way to organisations.
        let kept: Vec<usize> = chosen
            .iter()
            .filter(|c| c.kind == PiiKind::Name)
            .map(|c| tokens.index_at(c.start))
            .collect();
        let mut added = self.names.add_mentions(scan, &mut chosen);
        added |= self.places.add_mentions(tokens, &mut chosen);
        added |= self.spelled.add_mentions(tokens, &mut chosen);
        added |= self.numbers.add_mentions(tokens, &scan.spoken, &mut chosen);
        added |= self.birth_dates.add_mentions(&scan.dates, &mut chosen);
        // Names and addresses inside an organisation's name give way to it (removals only).
        super::orgs::keep_out(tokens, || scan.org_spans(), &kept, &mut chosen);
        // `chosen` comes resolved against `protected`, and each pass above leaves it resolved:
        // resolving it again changes nothing unless a mention was added.
        if added {
            chosen = candidate::resolve(chosen, protected);
        }
        self.references.keep_out(tokens.text, &mut chosen);
        if redactor.config().keep_agent_first_names {
            keep_first_names(tokens.text, &self.agent_first_names, &mut chosen);
        }
        chosen
    }
}

struct Pending {
    expectation: Expectation,
    asker: SpeakerRole,
    turns_left: u8,
}

pub(super) fn redact_call(
    redactor: &Redactor,
    transcript: &Transcript,
    external: &[ExternalMatch],
    language: Option<&str>,
) -> RedactedCall {
    let g = gazetteer::get();
    let mut names = KnownNames::default();
    let mut places = KnownPlaces::default();
    let mut spelled = SpelledValues::default();
    let mut numbers = KnownNumbers::default();
    let mut birth_dates = KnownBirthDates::for_language(language.or(transcript.language.as_deref()));
    let mut references = KnownReferences::default();
    // An address given in the last turns makes "the fourth floor" part of it.
    let mut address_turns = 0u8;
    for agent in &transcript.agent_names {
        names.add_text(g, agent);
    }
    let mut agent_first_names: Vec<String> = transcript
        .agent_names
        .iter()
        .filter_map(|n| n.split_whitespace().next())
        .map(|n| gazetteer::fold(&n.to_lowercase()).into_owned())
        .collect();

    // The call's language, detected once when the caller's tag does not name a served one.
    let named = language.and_then(Language::from_tag);
    let detected = match named {
        Some(_) => None,
        None => crate::language::call_language(None, transcript),
    };
    let words_language = named
        .or_else(|| detected.as_ref().and_then(|l| Language::from_tag(&l.tag)))
        .unwrap_or(Language::En);
    // Cues are read in the call's language: "handy" is a phone only in German.
    let language = match language {
        Some(tag) => lexicon::index_of(tag),
        None => detected.as_ref().and_then(|l| lexicon::index_of(&l.tag)),
    };
    let mut pending: Vec<Pending> = Vec::new();
    let mut found: Vec<(Vec<Candidate>, Vec<Protected>)> = Vec::with_capacity(transcript.utterances.len());
    let mut scans: Vec<Scan<'_>> = Vec::with_capacity(transcript.utterances.len());
    // Read while the text's tokens are still in the cache, not in a pass of their own.
    let mut figures: Vec<Figures> = Vec::with_capacity(transcript.utterances.len());
    for (index, utterance) in transcript.utterances.iter().enumerate() {
        let expected: Vec<Expectation> = pending
            .iter()
            .filter(|p| p.asker != utterance.speaker)
            .map(|p| p.expectation)
            .collect();
        let mut scan = Scan::new(&utterance.text, Some(utterance.speaker), expected, language);
        scan.recent_address = address_turns > 0;
        let extra: Vec<Candidate> = external
            .iter()
            .filter(|m| m.utterance == index && utterance.text.get(m.start..m.end).is_some())
            .map(|m| Candidate::new(m.kind, m.start, m.end, Strength::Context))
            .collect();
        let (mut chosen, protected) = redactor.candidates(&scan, extra);
        // A reference given earlier and read back here is no postcode or phone.
        references.add(&utterance.text, &protected);
        references.keep_out(&utterance.text, &mut chosen);
        address_turns = address_turns.saturating_sub(1);
        for c in &chosen {
            if let Some(text) = utterance.text.get(c.start..c.end) {
                spelled.add(c.kind, text);
            }
            numbers.add(&scan.tokens, &scan.spoken, c);
            if c.kind == PiiKind::DateOfBirth {
                birth_dates.add(&scan.dates, c);
            }
        }
        for c in chosen.iter().filter(|c| c.kind == PiiKind::Address) {
            address_turns = 2;
            if let Some(text) = utterance.text.get(c.start..c.end) {
                places.add(g, text);
            }
        }
        for c in chosen.iter().filter(|c| c.kind == PiiKind::Name) {
            if let Some(text) = utterance.text.get(c.start..c.end) {
                // A name found by its shape alone lends only its gazetteer words: a capitalised
                // run such as "Benvenuto in Linkora" must not spread "Linkora".
                if c.strength == Strength::Shape {
                    names.add_known_words(g, text);
                } else {
                    names.add_text(g, text);
                }
                if utterance.speaker == SpeakerRole::Agent && self_introduced(&scan, c) {
                    agent_first_names.extend(
                        text.split_whitespace()
                            .next()
                            .map(|w| gazetteer::fold(&w.to_lowercase()).into_owned()),
                    );
                }
            }
        }
        // Answers given: their questions are settled; questions of other turns age; a new
        // question supersedes the asker's earlier ones.
        let asked = context::unanswered(&scan, &chosen);
        let asks_again = scan.tokens.summary.has_punct(b'?');
        pending.retain_mut(|p| {
            let answered_here = p.asker != utterance.speaker
                && match p.expectation {
                    Expectation::Value(slot) => chosen.iter().any(|c| c.kind == context::kind_of(slot)),
                    Expectation::Reference => true,
                };
            if p.asker == utterance.speaker && asks_again {
                return false;
            }
            if p.asker != utterance.speaker {
                p.turns_left = p.turns_left.saturating_sub(1);
            }
            !answered_here && p.turns_left > 0
        });
        for expectation in asked {
            pending.retain(|p| p.expectation != expectation);
            pending.push(Pending {
                expectation,
                asker: utterance.speaker,
                turns_left: ANSWER_TURNS,
            });
        }
        figures.push(super::figures::of_tokens(&scan.tokens, &scan.spoken, &scan.dates));
        found.push((chosen, protected));
        scans.push(scan);
    }

    let memory = CallMemory {
        names,
        places,
        spelled,
        numbers,
        birth_dates,
        references,
        agent_first_names,
        language,
    };

    let mut pseudonyms = Pseudonyms::default();
    let mut confirmed = Confirmed::new(words_language);
    let mut counts = RedactionCounts::default();
    let utterances = transcript
        .utterances
        .iter()
        .zip(found)
        .zip(&scans)
        .map(|((utterance, (chosen, protected)), scan)| {
            let chosen = memory.mentions(redactor, scan, chosen, &protected);
            // Only an address is told apart by whose it is ([`Confirmed::add`]): read for an
            // utterance that masked one (most mask nothing).
            let customers = utterance.speaker == SpeakerRole::Customer
                || (utterance.speaker == SpeakerRole::Agent
                    && chosen.iter().any(|c| c.kind == PiiKind::Address)
                    && super::leaks::about_the_listener(words_language, &utterance.text));
            for c in &chosen {
                if let Some(value) = utterance.text.get(c.start..c.end) {
                    confirmed.add(c, value, customers);
                }
            }
            let matches = redactor.enabled(chosen);
            let text = pseudonyms
                .replace(&utterance.text, &matches, &mut counts)
                .into_owned();
            super::utterance_with(utterance, text)
        })
        .collect();
    RedactedCall {
        // The agents' names stay out: the redacted transcript is what leaves.
        transcript: Transcript {
            conversation_id: transcript.conversation_id.clone(),
            agent_names: Vec::new(),
            media_type: transcript.media_type,
            language: transcript.language.clone(),
            duration_ms: transcript.duration_ms,
            utterances,
        },
        counts,
        pseudonyms,
        confirmed,
        memory,
        figures,
        customer_sentiment: OnceLock::new(),
    }
}

/// A name right after "my name is", "this is", "I'm" in the speaker's own words.
fn self_introduced(scan: &Scan<'_>, name: &Candidate) -> bool {
    let at = scan.tokens.index_at(name.start);
    scan.cues
        .iter()
        .any(|h| matches!(h.cue, Cue::NameIntro { .. }) && h.last < at && at - h.last <= 3)
}

/// Drops the agent's first name from name matches (configured to stay readable).
fn keep_first_names(text: &str, first_names: &[String], chosen: &mut Vec<Candidate>) {
    chosen.retain_mut(|c| {
        if c.kind != PiiKind::Name {
            return true;
        }
        let Some(value) = text.get(c.start..c.end) else {
            return true;
        };
        let mut words = value.split_whitespace();
        let Some(first) = words.next() else { return true };
        if !first_names
            .iter()
            .any(|n| *n == gazetteer::fold(&first.to_lowercase()))
        {
            return true;
        }
        // "Marcus Reed": keep "Marcus", redact "Reed".
        match value
            .find(char::is_whitespace)
            .and_then(|i| value.get(i..))
            .map(str::trim_start)
        {
            Some(rest) if !rest.is_empty() => {
                c.start = c.end - rest.len();
                true
            }
            _ => false,
        }
    });
}

#[cfg(test)]
#[path = "call_tests.rs"]
mod tests;
