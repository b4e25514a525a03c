//! The optional LLM judge (`WRAPUP_VERIFY_JUDGE=llm`): one structured-output call asks the
//! configured LLM, for each claim of the summary, whether the call supports it, contradicts it or
//! does not hold it, with the utterances it relied on and the kind of error. Its contradicted and
//! not-found verdicts become findings next to the rules' and can fail the summary; supported
//! verdicts add nothing and clear nothing the rules found.
//!
//! Only redacted text leaves: the call's redacted transcript, and the claims of the redacted
//! summary redacted once more with the call's markers. A judge that fails (timeout, rate limit,
//! an unusable answer) leaves the rules' verification as it stands and is reported skipped; it
//! never fails a summary. Logs carry counts and reasons, never text.

mod answer;
mod prompt;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use tracing::{info, warn};

pub use answer::SCHEMA_NAME;

use self::answer::{ClaimVerdict, Verdict};
use super::{Finding, FindingSource, Verification, VerificationConfig, claim_texts, reasons, without_pii};
use crate::redact::{RedactedCall, Redactor};
use crate::summary::llm::LlmSummarizer;
use crate::summary::{SummarizeError, Summary, TokenUsage};
use wrapup_core::Deadline;

/// What the judge did, reported with the verification (and so in the audit record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JudgeReport {
    pub status: JudgeStatus,
    /// The LLM's model.
    pub model: String,
    /// Claims the judge was asked about.
    pub claims: usize,
    /// Claims it found contradicted or not held by the call.
    pub flagged: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<TokenUsage>,
    /// Why it was skipped, never text of the call or the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JudgeStatus {
    /// Its verdicts are combined with the rules'.
    Ran,
    /// The rules' verification stands alone.
    Skipped,
}

/// Why the judge could not be used. Messages hold statuses and field names only.
#[derive(Debug, thiserror::Error)]
pub(crate) enum JudgeError {
    #[error("the summary has no claims to judge")]
    NoClaims,
    #[error("the LLM judge did not answer in time")]
    DeadlineExceeded,
    #[error("the LLM judge is rate limiting")]
    RateLimited,
    #[error("the LLM judge failed: {0}")]
    Failed(String),
    /// The answer was unusable, even after one repair round.
    #[error("{0}")]
    Malformed(String),
}

impl From<SummarizeError> for JudgeError {
    fn from(error: SummarizeError) -> Self {
        match error {
            SummarizeError::DeadlineExceeded => JudgeError::DeadlineExceeded,
            SummarizeError::RateLimited { .. } => JudgeError::RateLimited,
            SummarizeError::InvalidOutput(problem) => JudgeError::Malformed(problem),
            other => JudgeError::Failed(other.to_string()),
        }
    }
}

/// The judge's request: redacted text only.
pub struct JudgeRequest {
    /// The numbered transcript and claims (the system prompt is [`prompt::SYSTEM`]).
    user: String,
    /// The claims, redacted, in the order they are numbered.
    claims: Vec<String>,
    utterances: usize,
}

impl JudgeRequest {
    /// The request about `summary` (the summary as answered, redacted with the call's markers):
    /// its claims are redacted once more with the call's markers (due phrases included), and the
    /// transcript is the call's redaction.
    pub fn new(call: &mut RedactedCall, redactor: &Redactor, summary: &Summary) -> Self {
        let mut claims: Vec<String> = Vec::new();
        for text in claim_texts(summary, &call.transcript) {
            let redacted = call.redact_text(redactor, &text);
            if !redacted.trim().is_empty() && !claims.contains(&redacted) {
                claims.push(redacted);
            }
        }
        Self {
            user: prompt::user(&call.transcript, &claims),
            utterances: call.transcript.utterances.len(),
            claims,
        }
    }
}

/// What the judge said about a summary, or why it could not say.
pub struct Judgement {
    model: String,
    claims: Vec<String>,
    usage: Option<TokenUsage>,
    verdicts: Result<Vec<ClaimVerdict>, JudgeError>,
}

/// Asks `llm` for its verdicts, within `deadline`.
pub async fn ask(llm: &LlmSummarizer, request: JudgeRequest, deadline: Deadline) -> Judgement {
    let model = llm.model().to_owned();
    let JudgeRequest {
        user,
        claims,
        utterances,
    } = request;
    if claims.is_empty() {
        return Judgement {
            model,
            claims,
            usage: None,
            verdicts: Err(JudgeError::NoClaims),
        };
    }
    let count = claims.len();
    let answer = llm
        .request_structured(
            prompt::SYSTEM.to_owned(),
            user,
            (SCHEMA_NAME, &answer::schema()),
            |content| answer::parse(content, count, utterances),
            deadline,
            ("judge", "judge_repair"),
        )
        .await;
    let (usage, verdicts) = match answer {
        Ok((verdicts, usage)) => (Some(usage), Ok(verdicts)),
        Err(error) => (None, Err(JudgeError::from(error))),
    };
    Judgement {
        model,
        claims,
        usage,
        verdicts,
    }
}

/// Combines the judge's verdicts with the rules' verification: each contradicted or not-found
/// claim becomes a finding (`source: judge`; of the rules' kind when they flagged the same
/// claim, and then only once) and a reason; `passed` is recomputed. A judge that could not judge changes nothing but
/// the report.
pub fn combine(verification: &mut Verification, config: &VerificationConfig, judgement: Judgement) {
    let Judgement {
        model,
        claims,
        usage,
        verdicts,
    } = judgement;
    let verdicts = match verdicts {
        Ok(verdicts) => verdicts,
        Err(error) => {
            warn!(reason = %error, "verification judge skipped; the rules' verification stands");
            verification.judge = Some(JudgeReport {
                status: JudgeStatus::Skipped,
                model,
                claims: claims.len(),
                flagged: 0,
                usage,
                reason: Some(error.to_string()),
            });
            return;
        }
    };
    // Reasons never hold PII, whatever kinds the configured redactor masks.
    let sanitizer = Redactor::default();
    let mut flagged = 0;
    for verdict in &verdicts {
        let detail = match verdict.verdict {
            Verdict::Supported => continue,
            Verdict::Contradicted => "the LLM judge reads the call as saying otherwise",
            Verdict::NotFound => "the LLM judge finds nothing in the call that says it",
        };
        // Parsing made sure of both: a flagged claim has a kind, and every index is in range.
        let (Some(kind), Some(claim)) = (verdict.kind, claims.get(verdict.claim)) else {
            continue;
        };
        flagged += 1;
        let claim = without_pii(&sanitizer, claim.clone());
        // The rules' classification of a claim they flagged wins over the judge's kind.
        let kind = verification
            .findings
            .iter()
            .find(|f| f.source == FindingSource::Rules && f.claim == claim)
            .map_or(kind, |f| f.kind);
        let known = verification
            .findings
            .iter()
            .any(|f| f.kind == kind && f.claim == claim);
        if !known {
            verification.findings.push(Finding {
                kind,
                claim,
                detail: detail.to_owned(),
                value: None,
                evidence: verdict.utterances.clone(),
                source: FindingSource::Judge,
            });
        }
    }
    (verification.reasons, verification.reason_kinds) = reasons(
        config,
        &verification.findings,
        &verification.factual_consistency,
        &verification.loaded_language,
        &verification.pii_leaks,
        &verification.sentiment_alignment,
    );
    verification.passed = verification.reasons.is_empty();
    info!(
        claims = claims.len(),
        verdicts = verdicts.len(),
        flagged,
        passed = verification.passed,
        prompt_tokens = usage.map_or(0, |u| u.prompt_tokens),
        completion_tokens = usage.map_or(0, |u| u.completion_tokens),
        "verification judge ran"
    );
    verification.judge = Some(JudgeReport {
        status: JudgeStatus::Ran,
        model,
        claims: claims.len(),
        flagged,
        usage,
        reason: None,
    });
}
