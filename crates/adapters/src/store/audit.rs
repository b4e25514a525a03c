//! The audit trail: one append-only record per summary request. Hashes, counts, ids and statuses
//! only: never transcript text, PII, tokens or secrets.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::StoreError;
use wrapup_core::summary::TokenUsage;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StatusEntry {
    pub status: String,
    pub at: String,
    /// A short reason (an error code, "verification failed: 2 unsupported claims"). Never text
    /// from the transcript or the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl StatusEntry {
    /// An entry stamped now.
    pub fn now(status: impl Into<String>, detail: Option<String>) -> Self {
        Self {
            status: status.into(),
            at: super::now_timestamp(),
            detail,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    pub audit_id: String,
    pub conversation_id: String,
    pub case_id: String,
    /// The principal from the authorizer: JWT `sub`, client id or IAM ARN.
    pub caller: Option<String>,
    /// Hex SHA-256 of the canonical request (the request key).
    pub request_sha256: String,
    /// Hex SHA-256 of the normalised transcript.
    pub transcript_sha256: Option<String>,
    /// `genesys`, `llm` or `extractive`.
    pub source: Option<String>,
    pub model: Option<String>,
    pub token_usage: Option<TokenUsage>,
    pub timings: Option<serde_json::Value>,
    /// Counts by kind only (`{"email": 2, "card": 1}`).
    pub redactions: Option<serde_json::Value>,
    pub verification: Option<serde_json::Value>,
    pub status_history: Vec<StatusEntry>,
    pub crm_sync: Option<serde_json::Value>,
    /// RFC 3339 (see [`super::timestamp`]); the sort key of the `byConversation` index.
    pub created_at: String,
}

/// What a computation found, recorded once per audit record.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditOutcome {
    pub transcript_sha256: Option<String>,
    pub source: Option<String>,
    pub model: Option<String>,
    pub token_usage: Option<TokenUsage>,
    pub timings: Option<serde_json::Value>,
    pub redactions: Option<serde_json::Value>,
    pub verification: Option<serde_json::Value>,
    /// Appended to the status history in the same write.
    pub status: StatusEntry,
}

/// What [`AuditLog::record_outcome`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeWrite {
    Recorded,
    /// An earlier attempt of this computation recorded its outcome; it was kept.
    AlreadyRecorded,
}

#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Writes a new record; `Conflict` if one with this audit id exists (never overwrites).
    async fn create(&self, record: &AuditRecord) -> Result<(), StoreError>;

    /// Sets the outcome fields once and appends `outcome.status`. `AlreadyRecorded` when an
    /// earlier attempt of the same computation recorded one (a retried job): that first outcome
    /// stands and nothing is appended. `Conflict` if the record does not exist.
    async fn record_outcome(
        &self,
        audit_id: &str,
        outcome: &AuditOutcome,
    ) -> Result<OutcomeWrite, StoreError>;

    /// Appends to the status history; `Conflict` if the record does not exist.
    async fn append_status(&self, audit_id: &str, entry: &StatusEntry) -> Result<(), StoreError>;

    /// Records the CRM sync status (crm-sync); `Conflict` if the record does not exist.
    async fn set_crm_sync(&self, audit_id: &str, crm_sync: &serde_json::Value) -> Result<(), StoreError>;

    async fn get(&self, audit_id: &str) -> Result<Option<AuditRecord>, StoreError>;
}

/// The guards every implementation applies before writing: hashes are hashes (so no raw text can
/// hide in them) and details stay short.
pub(crate) fn check_sha256(field: &str, value: &str) -> Result<(), StoreError> {
    let valid = value.len() == 64 && value.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if valid {
        Ok(())
    } else {
        Err(StoreError::Malformed(format!(
            "{field} must be a lowercase hex SHA-256"
        )))
    }
}

/// Longest status detail kept, in characters.
pub(crate) const MAX_DETAIL_CHARS: usize = 240;

pub(crate) fn bounded_detail(detail: &Option<String>) -> Option<String> {
    detail
        .as_ref()
        .map(|d| d.chars().take(MAX_DETAIL_CHARS).collect())
}
