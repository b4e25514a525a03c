//! The built-in summariser: deterministic, offline, linear in the transcript, in every served
//! language.
//!
//! It reads the (redacted) transcript's clauses and writes them again in the third person: the
//! customer's reason under a short framing ("The customer called <company> because ..."), what
//! the agent found and did, what happens next, and the reference given. Action items are every
//! commitment of either side, as instructions with owner and due phrase. Fillers, false starts
//! and speaker labels never reach the output, and nothing is invented: every figure and name in
//! it is the transcript's own.

use async_trait::async_trait;
use tracing::debug;

use super::{
    Provenance, Sentiment, SummarizeError, Summarized, Summarizer, Summary, SummaryInput, SummaryLength,
    SummaryOptions, SummarySource,
};
use crate::language::Language;
use crate::transcript::Transcript;

mod actions;
mod clause;
mod commitments;
mod compose;
mod context;
mod due;
mod email;
mod key_phrases;
mod lang;
mod lexicon;
mod parsed;
mod phrases;
mod render;
mod sentences;
mod split;
mod tags;
mod text;

pub use commitments::followup_owner;
pub(crate) use commitments::{cap_chars, followup_item};
pub use due::due_phrase;
pub(crate) use lang::{imperatives, is_past};
pub(crate) use split::split_text;
pub(crate) use tags::is_tag_break;
pub(crate) use text::{ascii_alphanumeric_run, char_at};

/// Whether a sentence ends in a confirmation tag ("The technician will call 514-555-0186 the
/// morning of, is that still good?"): it states, and asks only whether that is right.
/// `text` runs from the start of the sentence's utterance to the sentence's end; `words` are
/// the sentence's, placed in it.
pub(crate) fn ends_in_confirmation_tag(
    language: Language,
    text: &str,
    words: &[crate::language::WordSpan],
) -> bool {
    tags::tag_start(text, words, lang::rules(language).lexicon().tags).is_some()
}

/// The model name in the provenance of extractive summaries.
pub const EXTRACTIVE_MODEL: &str = "wrapup-extractive-v1";

/// The executive summary of a transcript with nothing to summarise.
const EMPTY_SUMMARY: &str = "The conversation has no substantive content to summarise.";

/// Substantive sentences at which the transcript length stops adding confidence.
const FULL_EVIDENCE_SENTENCES: usize = 12;

/// Output sizes that follow the requested length.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub sentences: usize,
    pub key_phrases: usize,
    pub action_item_chars: usize,
}

impl Limits {
    pub(crate) fn of(length: SummaryLength) -> Self {
        let (key_phrases, action_item_chars) = match length {
            SummaryLength::Short => (3, 100),
            SummaryLength::Medium => (5, 160),
            SummaryLength::Long => (8, 240),
        };
        Limits {
            sentences: length.sentences(),
            key_phrases,
            action_item_chars,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ExtractiveSummarizer;

impl ExtractiveSummarizer {
    pub fn new() -> Self {
        ExtractiveSummarizer
    }

    /// Summarises an (already redacted) transcript. Same input, byte-identical output.
    pub fn summarize_transcript(&self, transcript: &Transcript, options: &SummaryOptions) -> Summary {
        let sentiment = crate::sentiment::customer_sentiment(transcript);
        self.summarize_with_sentiment(transcript, sentiment, options)
    }

    /// [`Self::summarize_transcript`] with the transcript's customer sentiment already read.
    pub fn summarize_with_sentiment(
        &self,
        transcript: &Transcript,
        customer_sentiment: Sentiment,
        options: &SummaryOptions,
    ) -> Summary {
        let limits = Limits::of(options.length);
        let language = Language::of_transcript(transcript);
        let rules = lang::rules(language);
        // Split once for both readers of the transcript: its clauses and its key phrases.
        let splits = split::Splits::of(transcript);
        let sentences = clause::sentences_of(transcript, language, rules, &splits);
        let ctx = context::of(transcript, &sentences, rules);
        let steps = actions::steps(&sentences, rules, language, &ctx);
        let composed = compose::compose(&sentences, &steps, rules, language, &ctx, options.length);
        let substantive = sentences.iter().filter(|s| s.words.len() >= 4).count();
        let confidence = confidence(
            composed.reason.is_some(),
            composed.resolution.is_some(),
            !steps.is_empty(),
            substantive,
            average_asr_confidence(transcript),
        );
        debug!(
            language = language.code(),
            sentences = sentences.len(),
            action_items = steps.len(),
            reason_found = composed.reason.is_some(),
            resolution_found = composed.resolution.is_some(),
            "extractive summary"
        );
        let executive_summary = if composed.executive_summary.is_empty() {
            EMPTY_SUMMARY.to_string()
        } else {
            composed.executive_summary
        };
        Summary {
            executive_summary,
            action_items: actions::action_items(&steps, limits.action_item_chars),
            customer_sentiment,
            reason: composed.reason,
            resolution: composed.resolution,
            key_phrases: key_phrases::extract(
                &sentences::analyse_split(transcript, &sentences::Lowercase::of(transcript), &splits),
                limits.key_phrases,
                language,
            ),
            confidence,
        }
    }
}

/// Whether a folded word is a determiner or possessive of the language ("the", "la", "ihre"):
/// the word after it is a noun.
pub(crate) fn is_determiner(language: Language, folded: &str) -> bool {
    lang::rules(language).lexicon().class_of(folded) & lang::DETERMINER != 0
}

/// A commitment said in a call, as the summariser reads it for action items: who it commits,
/// which utterance said it, and the clause ("I'll send you the form today").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Commitment {
    pub owner: crate::summary::Owner,
    pub utterance: usize,
    pub text: String,
}

/// Every commitment of a call, in order: the clauses the summariser would make action items
/// of (promises, delegated and scheduled acts, deliveries, requests to the customer).
pub(crate) fn commitments(transcript: &Transcript) -> Vec<Commitment> {
    let language = Language::of_transcript(transcript);
    let rules = lang::rules(language);
    let sentences = clause::sentences(transcript, language, rules);
    let mut out = Vec::new();
    for sentence in &sentences {
        for range in &sentence.clauses {
            let clause = clause::Clause {
                sentence,
                range: (range.start, range.end),
            };
            if let Some(act) = rules.act(&clause) {
                out.push(Commitment {
                    owner: act.owner,
                    utterance: sentence.utterance,
                    text: clause.raw().to_owned(),
                });
            }
        }
    }
    out
}

#[async_trait]
impl Summarizer for ExtractiveSummarizer {
    fn source(&self) -> SummarySource {
        SummarySource::Extractive
    }

    async fn summarize(&self, input: &SummaryInput<'_>) -> Result<Summarized, SummarizeError> {
        // No deadline check: this is the fallback of last resort and takes microseconds.
        Ok(Summarized {
            summary: self.summarize_with_sentiment(input.transcript, input.customer_sentiment, input.options),
            provenance: Provenance {
                source: SummarySource::Extractive,
                model: EXTRACTIVE_MODEL.to_string(),
                usage: None,
                fallback_reason: None,
            },
        })
    }
}

/// Key phrases of a transcript (product names, frequent content bigrams), capped by `length`.
pub fn key_phrases(transcript: &Transcript, length: SummaryLength) -> Vec<String> {
    let lowercase = sentences::Lowercase::of(transcript);
    key_phrases::extract(
        &sentences::analyse(transcript, &lowercase),
        Limits::of(length).key_phrases,
        Language::of_transcript(transcript),
    )
}

fn average_asr_confidence(transcript: &Transcript) -> Option<f32> {
    let values: Vec<f32> = transcript
        .utterances
        .iter()
        .filter_map(|u| u.confidence)
        .filter(|c| c.is_finite())
        .map(|c| c.clamp(0.0, 1.0))
        .collect();
    (!values.is_empty()).then(|| values.iter().sum::<f32>() / values.len() as f32)
}

/// A heuristic from the evidence found; 0..=1, never NaN.
fn confidence(reason: bool, resolution: bool, actions: bool, substantive: usize, asr: Option<f32>) -> f32 {
    if substantive == 0 && !reason {
        return 0.05;
    }
    let mut score = 0.3;
    if reason {
        score += 0.2;
    }
    if resolution {
        score += 0.2;
    }
    if actions {
        score += 0.05;
    }
    score += 0.15 * substantive.min(FULL_EVIDENCE_SENTENCES) as f32 / FULL_EVIDENCE_SENTENCES as f32;
    if let Some(asr) = asr {
        score *= 0.6 + 0.4 * asr;
    }
    if score.is_finite() {
        score.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_stays_in_range() {
        assert_eq!(confidence(false, false, false, 0, None), 0.05);
        let full = confidence(true, true, true, 50, Some(1.0));
        assert!((0.89..=0.91).contains(&full), "{full}");
        let noisy = confidence(true, true, true, 50, Some(0.0));
        assert!(noisy < full && noisy > 0.0);
        assert!(confidence(true, false, false, 1, Some(f32::NAN)).is_finite());
    }
}
