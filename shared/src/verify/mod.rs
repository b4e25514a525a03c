//! Summary verification, measured not guessed: factual consistency with the transcript, loaded
//! or biased language, PII leaks in the output, and sentiment alignment. A summary that fails any
//! check within the configured thresholds goes to `needs_review` instead of the CRM.
//!
//! Nothing here returns PII: the summary is redacted before facts and words are taken from it,
//! and a fact that still looks like PII is reported by its kind only.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::redact::{PiiKind, Redactor};
use crate::sentiment;
use crate::summary::{Sentiment, Summary};
use crate::transcript::Transcript;

mod config;
mod facts;
mod loaded;
mod numbers;
#[cfg(test)]
mod tests;
mod text;

pub use config::VerificationConfig;

/// At most this many unsupported words are listed.
const MAX_LISTED_WORDS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub passed: bool,
    pub factual_consistency: FactualConsistency,
    /// Loaded terms found, in lexicon form.
    pub loaded_language: Vec<String>,
    /// Kinds of PII found in the summary.
    pub pii_leaks: Vec<PiiKind>,
    pub sentiment_alignment: SentimentAlignment,
    /// Why it failed, human readable, never containing PII. Empty when passed.
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FactualConsistency {
    /// Share of the summary's content words found in the transcript (1 when it has none).
    pub supported_ratio: f32,
    pub content_words: u32,
    /// Numbers, amounts, dates and names of the summary that the transcript does not contain.
    pub unsupported_facts: Vec<String>,
    /// Content words the transcript does not contain (at most 20).
    pub unsupported_words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentimentAlignment {
    pub summary: Sentiment,
    pub transcript: Sentiment,
    pub aligned: bool,
}

/// Checks `summary` against the (redacted) `transcript`.
pub fn verify(
    summary: &Summary,
    transcript: &Transcript,
    redactor: &Redactor,
    config: &VerificationConfig,
) -> Verification {
    let fields = summary_fields(summary);

    let mut pii_leaks: Vec<PiiKind> = fields.iter().flat_map(|f| redactor.contains_pii(f)).collect();
    pii_leaks.sort_unstable();
    pii_leaks.dedup();

    // Facts and words come from the redacted summary, so PII can never reach the report.
    let redacted: Vec<String> = fields.iter().map(|f| redactor.redact(f).0.into_owned()).collect();
    let lower_transcript = lowercase_transcript(transcript);
    let index = facts::TranscriptIndex::build(&lower_transcript);
    let factual_consistency = factual_consistency(&redacted, &index);

    let loaded_language = loaded::loaded_terms(fields.iter().copied());

    let transcript_sentiment = sentiment::customer_sentiment(transcript);
    let sentiment_alignment = SentimentAlignment {
        summary: summary.customer_sentiment,
        transcript: transcript_sentiment,
        aligned: aligned(summary.customer_sentiment, transcript_sentiment),
    };

    let reasons = reasons(
        config,
        &factual_consistency,
        &loaded_language,
        &pii_leaks,
        &sentiment_alignment,
    );
    tracing::debug!(
        passed = reasons.is_empty(),
        supported_ratio = factual_consistency.supported_ratio,
        unsupported_facts = factual_consistency.unsupported_facts.len(),
        loaded_terms = loaded_language.len(),
        pii_leaks = pii_leaks.len(),
        sentiment_aligned = sentiment_alignment.aligned,
        "summary verified"
    );
    Verification {
        passed: reasons.is_empty(),
        factual_consistency,
        loaded_language,
        pii_leaks,
        sentiment_alignment,
        reasons,
    }
}

/// Every text field of the summary.
fn summary_fields(summary: &Summary) -> Vec<&str> {
    let mut fields = vec![summary.executive_summary.as_str()];
    for item in &summary.action_items {
        fields.push(&item.text);
        fields.extend(item.due_date.as_deref());
    }
    fields.extend(summary.reason.as_deref());
    fields.extend(summary.resolution.as_deref());
    fields.extend(summary.key_phrases.iter().map(String::as_str));
    fields
}

/// The transcript lowercased, one utterance per line, in one allocation.
fn lowercase_transcript(transcript: &Transcript) -> String {
    let mut out = String::with_capacity(transcript.text_len() + transcript.utterances.len());
    for utterance in &transcript.utterances {
        if utterance.text.is_ascii() {
            let from = out.len();
            out.push_str(&utterance.text);
            if let Some(added) = out.get_mut(from..) {
                added.make_ascii_lowercase();
            }
        } else {
            out.extend(utterance.text.chars().flat_map(char::to_lowercase));
        }
        out.push('\n');
    }
    out
}

fn factual_consistency(fields: &[String], index: &facts::TranscriptIndex<'_>) -> FactualConsistency {
    let sanitizer = Redactor::default();
    let mut seen_facts = HashSet::new();
    let mut unsupported_facts = Vec::new();
    let mut seen_words = HashSet::new();
    let mut unsupported_words = Vec::new();
    let (mut content_words, mut supported) = (0u32, 0u32);

    for field in fields {
        for fact in facts::facts(field) {
            if index.supports(&fact.claim) || !seen_facts.insert(fact.display.to_lowercase()) {
                continue;
            }
            unsupported_facts.push(without_pii(&sanitizer, fact.display));
        }
        let lower = field.to_lowercase();
        for word in text::words(&lower) {
            let token = word.text(&lower);
            if !is_content_word(token) {
                continue;
            }
            content_words += 1;
            if index.stems.contains(text::stem(token)) {
                supported += 1;
            } else if unsupported_words.len() < MAX_LISTED_WORDS && seen_words.insert(token.to_owned()) {
                unsupported_words.push(without_pii(&sanitizer, token.to_owned()));
            }
        }
    }
    let supported_ratio = if content_words == 0 {
        1.0
    } else {
        supported as f32 / content_words as f32
    };
    FactualConsistency {
        supported_ratio,
        content_words,
        unsupported_facts,
        unsupported_words,
    }
}

/// A fact that still looks like PII (a kind the configured redactor leaves alone) is reported by
/// its kind only.
fn without_pii(sanitizer: &Redactor, value: String) -> String {
    match sanitizer.redact(&value).0 {
        std::borrow::Cow::Borrowed(_) => value,
        std::borrow::Cow::Owned(redacted) => redacted,
    }
}

fn is_content_word(token: &str) -> bool {
    if token.starts_with('[') {
        return true;
    }
    token.chars().count() >= 3
        && !token.chars().any(|c| c.is_ascii_digit())
        && !text::is_stopword(token)
        && !text::is_summary_vocabulary(token)
        && text::cardinal(token).is_none()
        && text::ordinal(token).is_none()
}

/// Only opposite polarities disagree; neutral and mixed sit next to everything.
fn aligned(summary: Sentiment, transcript: Sentiment) -> bool {
    !matches!(
        (summary, transcript),
        (Sentiment::Positive, Sentiment::Negative) | (Sentiment::Negative, Sentiment::Positive)
    )
}

fn reasons(
    config: &VerificationConfig,
    facts: &FactualConsistency,
    loaded: &[String],
    pii: &[PiiKind],
    sentiment: &SentimentAlignment,
) -> Vec<String> {
    let mut reasons = Vec::new();
    let unsupported = facts.unsupported_facts.len();
    if unsupported > config.max_unsupported_facts {
        let noun = if unsupported == 1 { "fact" } else { "facts" };
        reasons.push(format!(
            "{unsupported} {noun} not found in the transcript: {}",
            facts.unsupported_facts.join(", ")
        ));
    }
    if facts.supported_ratio < config.min_supported_ratio {
        reasons.push(format!(
            "only {:.0}% of the summary's content words are supported by the transcript (minimum {:.0}%)",
            facts.supported_ratio * 100.0,
            config.min_supported_ratio * 100.0
        ));
    }
    if !pii.is_empty() {
        let kinds: Vec<&str> = pii.iter().map(|k| k.as_str()).collect();
        reasons.push(format!("possible PII in the summary: {}", kinds.join(", ")));
    }
    if loaded.len() > config.max_loaded_terms {
        reasons.push(format!("loaded language: {}", loaded.join(", ")));
    }
    if config.require_sentiment_alignment && !sentiment.aligned {
        reasons.push(format!(
            "summary sentiment {} contradicts the customer's sentiment in the transcript ({})",
            sentiment_name(sentiment.summary),
            sentiment_name(sentiment.transcript)
        ));
    }
    reasons
}

fn sentiment_name(sentiment: Sentiment) -> &'static str {
    match sentiment {
        Sentiment::Positive => "positive",
        Sentiment::Neutral => "neutral",
        Sentiment::Negative => "negative",
        Sentiment::Mixed => "mixed",
    }
}
