//! What verification reports: the kinds of wrong summary, one finding per claim at fault, and
//! the helpers every check builds its findings with.

use serde::{Deserialize, Serialize};

use super::claims::Claim;
use super::evidence::{Aligned, Evidence};
use crate::transcript::SpeakerRole;

/// A unit supports a claim when it holds at least this share of the claim's weight.
const SUPPORTED: f32 = 0.5;
/// A claim is read as saying the same as a sentence of the call that holds this much of it.
pub(super) const PARAPHRASE: f32 = 0.6;

/// What is wrong with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A number or amount the call does not hold.
    Amount,
    /// A date, day or time the call does not hold.
    Date,
    /// A product, plan, place or other named thing the call does not hold.
    Entity,
    /// A promise or action nobody in the call made.
    Commitment,
    /// The opposite of what the call says.
    Negation,
    /// Words or acts given to the wrong party.
    Speaker,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 6] = [
        ErrorKind::Amount,
        ErrorKind::Date,
        ErrorKind::Entity,
        ErrorKind::Commitment,
        ErrorKind::Negation,
        ErrorKind::Speaker,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Amount => "amount",
            ErrorKind::Date => "date",
            ErrorKind::Entity => "entity",
            ErrorKind::Commitment => "commitment",
            ErrorKind::Negation => "negation",
            ErrorKind::Speaker => "speaker",
        }
    }
}

/// One claim of the summary that the call contradicts or does not hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub kind: ErrorKind,
    /// The claim as written (redacted before it is reported).
    pub claim: String,
    /// What is wrong, naming the value when there is one.
    pub detail: String,
    /// The figure or name at fault, as written (amounts, dates and names only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Indices of the utterances the claim was compared with (0-based).
    pub evidence: Vec<usize>,
    /// What found it: the rules (always) or the LLM judge (when configured).
    #[serde(default)]
    pub source: FindingSource,
}

/// What found a finding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// The deterministic checks of this module.
    #[default]
    Rules,
    /// The LLM judge's verdict.
    Judge,
}

pub(super) fn finding(kind: ErrorKind, claim: &Claim, detail: String, evidence: Vec<usize>) -> Finding {
    Finding {
        kind,
        claim: claim.text.clone(),
        detail,
        value: None,
        evidence,
        source: FindingSource::Rules,
    }
}

/// A figure or name of the claim that the call does not hold.
pub(super) fn unsupported(kind: ErrorKind, claim: &Claim, shown: &str, detail: String) -> Finding {
    Finding {
        value: Some(shown.to_owned()),
        ..finding(kind, claim, detail, Vec::new())
    }
}

/// The sentences that hold most of a claim, questions aside.
pub(super) fn strong_support(evidence: &Evidence, aligned: &[Aligned]) -> Vec<Aligned> {
    let answers: Vec<Aligned> = aligned
        .iter()
        .filter(|a| !evidence.units[a.unit].question && evidence.units[a.unit].speaker != SpeakerRole::IvrBot)
        .copied()
        .collect();
    let Some(best) = answers.first() else {
        return Vec::new();
    };
    if best.score < SUPPORTED {
        return Vec::new();
    }
    answers
        .iter()
        .filter(|a| a.score >= best.score * 0.8)
        .take(4)
        .copied()
        .collect()
}

pub(super) fn role_name(role: SpeakerRole) -> &'static str {
    match role {
        SpeakerRole::Customer => "customer",
        SpeakerRole::Agent => "agent",
        _ => "system",
    }
}
