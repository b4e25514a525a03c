//! Summary verification, measured not guessed: factual consistency with the transcript, loaded
//! or biased language, PII leaks in the output, and sentiment alignment. A summary that fails any
//! check within the configured thresholds goes to `needs_review` instead of the CRM.
//!
//! Nothing here returns PII: the summary is redacted before facts and words are taken from it,
//! and a fact that still looks like PII is reported by its kind only.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::language::{Language, WordSpan, words};
use crate::redact::{PiiKind, RedactedCall, Redactor};
use crate::summary::{Sentiment, Summary};
use crate::transcript::Transcript;

mod acts;
mod attribution;
mod checks;
mod choices;
mod claims;
mod commits;
mod conditions;
mod config;
mod cue_bits;
mod digest;
mod evidence;
mod figure_places;
mod figures;
mod findings;
mod judge;
mod loaded;
mod negation;
mod numbers;
mod objects;
mod opposites;
mod outcomes;
mod owners;
mod placed;
mod polarity;
mod promises;
mod support;
#[cfg(test)]
mod test_calls;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_alarms;
#[cfg(test)]
mod tests_arranged;
#[cfg(test)]
mod tests_choices;
#[cfg(test)]
mod tests_cue_bits;
#[cfg(test)]
mod tests_denials;
#[cfg(test)]
mod tests_figures;
#[cfg(test)]
mod tests_futures;
#[cfg(test)]
mod tests_objects;
#[cfg(test)]
mod tests_outcomes;
#[cfg(test)]
mod tests_pairs;
#[cfg(test)]
mod tests_perfect;
#[cfg(test)]
mod tests_placed;
#[cfg(test)]
mod tests_polarity;
#[cfg(test)]
mod tests_promises;
#[cfg(test)]
mod tests_raising;
#[cfg(test)]
mod tests_requests;
#[cfg(test)]
mod tests_roles;
#[cfg(test)]
mod tests_tasks;
mod text;
mod units;
mod unspoken;
mod words;

pub use config::{JudgeMode, VerificationConfig};
pub use findings::{ErrorKind, Finding, FindingSource};
pub use judge::{JudgeReport, JudgeStatus, SCHEMA_NAME as JUDGE_SCHEMA_NAME};
pub use judge::{JudgeRequest, Judgement, ask as ask_judge, combine as combine_judgement};

use evidence::Evidence;
use support::Support;

/// What a finding shows for a value the redactor masked in its claim.
const REDACTED_VALUE: &str = "[REDACTED]";
/// At most this many unsupported words are listed.
const MAX_LISTED_WORDS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub passed: bool,
    pub factual_consistency: FactualConsistency,
    /// Each claim of the summary the call contradicts or does not hold, by kind.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Loaded terms found, in lexicon form.
    pub loaded_language: Vec<String>,
    /// Kinds of PII found in the summary.
    pub pii_leaks: Vec<PiiKind>,
    pub sentiment_alignment: SentimentAlignment,
    /// Why it failed, human readable, never containing PII. Empty when passed.
    pub reasons: Vec<String>,
    /// The kind of each reason, in the same order: for routing a review and for metrics.
    #[serde(default)]
    pub reason_kinds: Vec<ReasonKind>,
    /// What the LLM judge did, when it is switched on (`WRAPUP_VERIFY_JUDGE=llm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge: Option<JudgeReport>,
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

/// Checks `summary` against the call: `original` is the transcript as Genesys gave it (held in
/// memory only, so a figure the redactor masked still supports the summary), `call` its
/// redaction, which the summary was written from (its markers support an LLM summary that
/// copied them) and which knows the call's personal data (found again in the summary, it is a
/// leak). Each
/// claim of the summary is aligned to the sentences of the call; what is wrong is reported by
/// kind, with the claim redacted and the utterances it was compared with.
pub fn verify(
    summary: &Summary,
    original: &Transcript,
    call: &RedactedCall,
    redactor: &Redactor,
    config: &VerificationConfig,
) -> Verification {
    let fields = summary_fields(summary);
    let redacted = &call.transcript;

    // The call's own personal data found again, and any value whose shape alone makes it
    // personal data (an email, a card, a phone number) even if the call never held it.
    // A shaped value the redacted call still shows openly (a reference number the redactor
    // read as one in context) is no leak.
    // Digits read out in words count: "four eight two seven one" shows 48271.
    // Read when a summary first shows such a value: most never do.
    let open_digits: std::cell::OnceCell<Vec<String>> = std::cell::OnceCell::new();
    let said_openly = |value: &str| {
        // A reading with a decimal part ("09314.6", said "... one four point six") is shown by
        // its whole part: the fraction is said as a number of its own.
        let whole = value
            .rsplit_once(['.', ','])
            .filter(|(_, fraction)| {
                (1..=2).contains(&fraction.len()) && fraction.bytes().all(|b| b.is_ascii_digit())
            })
            .map_or(value, |(whole, _)| whole);
        let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
        digits.len() >= 4
            && open_digits
                .get_or_init(|| {
                    call.transcript
                        .utterances
                        .iter()
                        .map(|u| crate::redact::figures::figures(&u.text).all_digits)
                        .collect()
                })
                .iter()
                .any(|d| d.contains(&digits))
    };
    let mut pii_leaks: Vec<PiiKind> = fields
        .iter()
        .flat_map(|f| {
            let shaped = redactor
                .find(f)
                .into_iter()
                .filter(|m| {
                    let value = f.get(m.start..m.end).unwrap_or_default();
                    self_evident(m.kind)
                        && !said_openly(value)
                        && (m.kind != PiiKind::Phone || crate::redact::dialable(value))
                })
                .map(|m| m.kind);
            call.pii_in(redactor, f)
                .into_iter()
                .chain(shaped)
                .collect::<Vec<_>>()
        })
        .collect();
    pii_leaks.sort_unstable();
    pii_leaks.dedup();

    let language = Language::of_transcript(redacted);
    // The call's words, read once for the evidence and the support.
    let spans: Vec<Vec<WordSpan>> = original
        .utterances
        .iter()
        .map(|u| words(&u.text, language))
        .collect();
    let support = Support::build(original, &spans, call, language);
    let evidence = Evidence::build(original, &support);
    let promises = promises::LazyPromises::new(original, &spans, language);
    let choices = choices::Choices::build(&spans, language);
    let sanitizer = Redactor::default();
    let mut findings: Vec<Finding> = Vec::new();
    for claim in claims::claims(summary, language) {
        for mut finding in checks::check(&claim, &evidence, &support, &promises, &choices) {
            // Nothing here returns PII: the claim and its detail are reported redacted.
            finding.claim = without_pii(&sanitizer, finding.claim);
            finding.detail = without_pii(&sanitizer, finding.detail);
            // A value the redacted claim no longer shows was personal data: named by kind only.
            finding.value = finding.value.map(|v| {
                if finding.claim.contains(&v) {
                    v
                } else {
                    REDACTED_VALUE.to_owned()
                }
            });
            if !findings
                .iter()
                .any(|f| f.kind == finding.kind && f.claim == finding.claim)
            {
                findings.push(finding);
            }
        }
    }
    let factual_consistency = factual_consistency(redactor, &fields, &support, &findings);

    let loaded_language = loaded::loaded_terms(fields.iter().copied());

    let transcript_sentiment = call.customer_sentiment();
    let sentiment_alignment = SentimentAlignment {
        summary: summary.customer_sentiment,
        transcript: transcript_sentiment,
        aligned: aligned(summary.customer_sentiment, transcript_sentiment),
    };

    let (reasons, reason_kinds) = reasons(
        config,
        &findings,
        &factual_consistency,
        &loaded_language,
        &pii_leaks,
        &sentiment_alignment,
    );
    tracing::debug!(
        passed = reasons.is_empty(),
        supported_ratio = factual_consistency.supported_ratio,
        findings = findings.len(),
        loaded_terms = loaded_language.len(),
        pii_leaks = pii_leaks.len(),
        sentiment_aligned = sentiment_alignment.aligned,
        "summary verified"
    );
    Verification {
        passed: reasons.is_empty(),
        factual_consistency,
        findings,
        loaded_language,
        pii_leaks,
        sentiment_alignment,
        reasons,
        reason_kinds,
        judge: None,
    }
}

/// Kinds whose shape says they are personal data wherever they appear; names, addresses and
/// answers need the call's context.
fn self_evident(kind: PiiKind) -> bool {
    matches!(
        kind,
        PiiKind::Email | PiiKind::Phone | PiiKind::Card | PiiKind::Ssn | PiiKind::NationalId | PiiKind::Iban
    )
}

/// The texts of the summary's claims, split as the rules split them (for the judge).
fn claim_texts(summary: &Summary, transcript: &Transcript) -> Vec<String> {
    let language = Language::of_transcript(transcript);
    claims::claims(summary, language)
        .into_iter()
        .map(|claim| claim.text)
        .collect()
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

/// The share of the summary's content words the call holds, and the figures and names it does
/// not hold (from the findings, redacted).
fn factual_consistency(
    redactor: &Redactor,
    fields: &[&str],
    support: &Support,
    findings: &[Finding],
) -> FactualConsistency {
    let language = support.language;
    let mut seen_words = HashSet::new();
    let mut unsupported_words = Vec::new();
    let (mut content_words, mut supported) = (0u32, 0u32);
    for field in fields {
        // Words come from the redacted field, so PII can never reach the report.
        let redacted = redactor.redact(field).0;
        for word in words(&redacted, language) {
            let token = word.folded.as_str();
            if !evidence::is_content(language, token) || text::is_summary_vocabulary(token) {
                continue;
            }
            content_words += 1;
            if support.has_word(token) || token.starts_with('[') {
                supported += 1;
            } else if unsupported_words.len() < MAX_LISTED_WORDS && seen_words.insert(token.to_owned()) {
                unsupported_words.push(token.to_owned());
            }
        }
    }
    let supported_ratio = if content_words == 0 {
        1.0
    } else {
        supported as f32 / content_words as f32
    };
    let unsupported_facts = findings.iter().filter_map(|f| f.value.clone()).collect();
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

/// Only opposite polarities disagree; neutral and mixed sit next to everything.
fn aligned(summary: Sentiment, transcript: Sentiment) -> bool {
    !matches!(
        (summary, transcript),
        (Sentiment::Positive, Sentiment::Negative) | (Sentiment::Negative, Sentiment::Positive)
    )
}

/// The reason of [`ReasonKind::Guardrail`].
const GUARDRAIL_REASON: &str =
    "the LLM's guardrail intervened on this call; the built-in summary stands in for review";

impl Verification {
    /// Sends the summary to review because a guardrail stopped the LLM: the reason is added
    /// once, after the checks' and the judge's (which recompute theirs).
    pub fn flag_guardrail(&mut self) {
        if !self.reason_kinds.contains(&ReasonKind::Guardrail) {
            self.reasons.push(GUARDRAIL_REASON.to_owned());
            self.reason_kinds.push(ReasonKind::Guardrail);
        }
        self.passed = false;
    }
}

/// Why a summary goes to review, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    Amount,
    Date,
    Entity,
    Commitment,
    Negation,
    Speaker,
    /// Too few of the summary's content words are in the call.
    UnsupportedWords,
    PiiLeak,
    LoadedLanguage,
    Sentiment,
    /// A Bedrock guardrail intervened on the LLM's request or answer: the built-in summary stood
    /// in, and a person should read the call.
    Guardrail,
}

impl ReasonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::Amount => "amount",
            ReasonKind::Date => "date",
            ReasonKind::Entity => "entity",
            ReasonKind::Commitment => "commitment",
            ReasonKind::Negation => "negation",
            ReasonKind::Speaker => "speaker",
            ReasonKind::UnsupportedWords => "unsupported_words",
            ReasonKind::PiiLeak => "pii_leak",
            ReasonKind::LoadedLanguage => "loaded_language",
            ReasonKind::Sentiment => "sentiment",
            ReasonKind::Guardrail => "guardrail",
        }
    }
}

impl From<ErrorKind> for ReasonKind {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Amount => ReasonKind::Amount,
            ErrorKind::Date => ReasonKind::Date,
            ErrorKind::Entity => ReasonKind::Entity,
            ErrorKind::Commitment => ReasonKind::Commitment,
            ErrorKind::Negation => ReasonKind::Negation,
            ErrorKind::Speaker => ReasonKind::Speaker,
        }
    }
}

/// The reasons, and the kind of each.
fn reasons(
    config: &VerificationConfig,
    findings: &[Finding],
    facts: &FactualConsistency,
    loaded: &[String],
    pii: &[PiiKind],
    sentiment: &SentimentAlignment,
) -> (Vec<String>, Vec<ReasonKind>) {
    let mut reasons = Vec::new();
    let mut kinds = Vec::new();
    // Figures the rules cannot find in the call are tolerated up to the configured count; a
    // figure the judge reads as wrong is a verdict, not a count.
    let figures = |f: &&Finding| {
        f.source == FindingSource::Rules
            && matches!(f.kind, ErrorKind::Amount | ErrorKind::Date | ErrorKind::Entity)
    };
    let unsupported = findings.iter().filter(figures).count();
    for finding in findings {
        if figures(&finding) && unsupported <= config.max_unsupported_facts {
            continue;
        }
        let utterances = if finding.evidence.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = finding.evidence.iter().map(usize::to_string).collect();
            format!(" (utterances {})", list.join(", "))
        };
        reasons.push(format!(
            "{}: \"{}\": {}{utterances}",
            finding.kind.as_str(),
            finding.claim,
            finding.detail
        ));
        kinds.push(finding.kind.into());
    }
    if facts.supported_ratio < config.min_supported_ratio {
        kinds.push(ReasonKind::UnsupportedWords);
        reasons.push(format!(
            "only {:.0}% of the summary's content words are supported by the transcript (minimum {:.0}%)",
            facts.supported_ratio * 100.0,
            config.min_supported_ratio * 100.0
        ));
    }
    if !pii.is_empty() {
        let names: Vec<&str> = pii.iter().map(|k| k.as_str()).collect();
        kinds.push(ReasonKind::PiiLeak);
        reasons.push(format!("possible PII in the summary: {}", names.join(", ")));
    }
    if loaded.len() > config.max_loaded_terms {
        kinds.push(ReasonKind::LoadedLanguage);
        reasons.push(format!("loaded language: {}", loaded.join(", ")));
    }
    if config.require_sentiment_alignment && !sentiment.aligned {
        kinds.push(ReasonKind::Sentiment);
        reasons.push(format!(
            "summary sentiment {} contradicts the customer's sentiment in the transcript ({})",
            sentiment.summary.as_str(),
            sentiment.transcript.as_str()
        ));
    }
    (reasons, kinds)
}
