//! The answer of `POST /summaries` (and the `result` of `GET /summaries/{conversationId}`).

use serde::{Deserialize, Serialize};

use super::PipelineError;
use crate::language::CallLanguage;
use crate::redact::RedactionCounts;
use crate::store::{StoredSummary, SummaryStatus};
use crate::summary::{Provenance, Summary};
use crate::verify::Verification;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timings {
    /// Fetching the transcript from Genesys.
    pub transcript_ms: u64,
    /// Admitting and redacting it (Amazon Comprehend included, when on).
    #[serde(default)]
    pub redact_ms: u64,
    pub summarize_ms: u64,
    pub verify_ms: u64,
    pub total_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryResponse {
    pub conversation_id: String,
    pub case_id: String,
    /// `queued_for_crm` (verified, handed to crm-sync) or `needs_review` (not sent to the CRM).
    pub status: SummaryStatus,
    pub summary: Summary,
    pub source: Provenance,
    pub verification: Verification,
    pub audit_id: String,
    pub timings: Timings,
    /// PII found and masked in the transcript before summarising, by kind.
    pub redactions: RedactionCounts,
    /// The call's language: from the request, Genesys' transcript, or detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<CallLanguage>,
    pub created_at: String,
}

impl SummaryResponse {
    pub fn from_stored(stored: &StoredSummary) -> Result<Self, PipelineError> {
        let result = stored
            .result
            .clone()
            .ok_or_else(|| PipelineError::Internal("stored summary has no result".into()))?;
        serde_json::from_value(result)
            .map_err(|e| PipelineError::Internal(format!("stored summary is unreadable: {e}")))
    }
}
