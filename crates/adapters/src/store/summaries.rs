//! Summary state per (conversation, request key): the idempotency claim and then the result.

use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::{RequestKey, StoreError};
use wrapup_core::ids::ConversationId;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SummaryStatus {
    /// Claimed; someone is computing it under a lease.
    Processing,
    /// Verified and handed to crm-sync.
    QueuedForCrm,
    /// Computed, but verification failed: not sent to the CRM.
    NeedsReview,
    /// Computation failed; the next request may claim it again.
    Failed,
}

impl SummaryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SummaryStatus::Processing => "processing",
            SummaryStatus::QueuedForCrm => "queued_for_crm",
            SummaryStatus::NeedsReview => "needs_review",
            SummaryStatus::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            SummaryStatus::Processing,
            SummaryStatus::QueuedForCrm,
            SummaryStatus::NeedsReview,
            SummaryStatus::Failed,
        ]
        .into_iter()
        .find(|status| status.as_str() == value)
    }

    /// A finished result that a replay returns as is.
    pub fn is_done(self) -> bool {
        matches!(self, SummaryStatus::QueuedForCrm | SummaryStatus::NeedsReview)
    }
}

/// Why a computation failed, without internals: safe to return to a caller.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoredError {
    pub code: String,
    pub message: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StoredSummary {
    pub conversation_id: String,
    pub case_id: String,
    pub request_key: String,
    pub status: SummaryStatus,
    /// The audit id of the computation that holds (or held) the claim.
    pub audit_id: String,
    /// The full 200 body the API returned.
    pub result: Option<serde_json::Value>,
    pub error: Option<StoredError>,
    /// Filled later by crm-sync.
    pub crm_sync: Option<serde_json::Value>,
    /// Who asked for it (the authorizer's principal): only they, or an admin, may read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    /// How many times this request was forced to recompute: with the request key, it names the
    /// CRM delivery, so every retry of one computation reaches the CRM once per target.
    #[serde(default)]
    pub generation: u32,
    /// When the current computation claimed the item (a forced or retried computation restarts it).
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// We hold the claim and may compute; `generation` names the CRM delivery (the same for a
    /// retry, one more for a forced recomputation).
    Acquired { generation: u32 },
    /// A finished result exists (not `Failed`).
    Done(StoredSummary),
    /// Someone else holds a live lease.
    InProgress(StoredSummary),
}

/// Which request a computation claims, and who asks.
#[derive(Clone, Copy, Debug)]
pub struct ClaimFor<'a> {
    pub conversation_id: &'a ConversationId,
    pub case_id: &'a str,
    pub key: &'a RequestKey,
    /// The computation's audit record.
    pub audit_id: &'a str,
    /// The authorizer's principal, recorded with the summary (only they, or an admin, read it).
    pub caller: Option<&'a str>,
}

/// Whose summaries a read may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader<'a> {
    /// The summaries this caller asked for (`None`: requests that named no caller, as on a
    /// stack without an authorizer).
    Caller(Option<&'a str>),
    /// Every summary (the configured admin scope).
    Admin,
}

impl Reader<'_> {
    pub fn may_read(&self, summary: &StoredSummary) -> bool {
        match self {
            Reader::Admin => true,
            Reader::Caller(caller) => summary.caller.as_deref() == *caller,
        }
    }
}

#[async_trait]
pub trait SummaryStore: Send + Sync {
    /// Claims (conversation, request key) for computation under `audit_id` for `lease`.
    /// `Done`: a finished result exists (not `Failed`); `InProgress`: someone else's live lease;
    /// `Acquired`: we may compute (new, failed before, lease expired, or `force` over a finished
    /// result). `force` never takes over a live lease: concurrent forced requests compute once.
    /// A forced claim counts one more generation; any other keeps the item's.
    async fn claim(&self, claim: ClaimFor<'_>, lease: Duration, force: bool) -> Result<Claim, StoreError>;

    /// Stores the outcome (`status`, `result`, `error`, `crm_sync` when set) of the computation
    /// `record.audit_id` claimed. `Conflict` when that claim is no longer held (its lease expired
    /// and someone took over). `createdAt` stays that of the claim; `updatedAt` becomes now.
    async fn complete(&self, record: &StoredSummary) -> Result<(), StoreError>;

    /// Marks our claim failed (conditional on `audit_id` holding it), so a retry may claim again.
    async fn fail(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        error: StoredError,
    ) -> Result<(), StoreError>;

    async fn get(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
    ) -> Result<Option<StoredSummary>, StoreError>;

    /// The most recently updated summary of the conversation, whatever its request key, among
    /// those `reader` may see ([`Reader`]).
    async fn latest(
        &self,
        conversation_id: &ConversationId,
        reader: Reader<'_>,
    ) -> Result<Option<StoredSummary>, StoreError>;

    /// Records the CRM write (crm-sync) of the computation `audit_id`. Does not change
    /// `updatedAt`, so `latest` keeps pointing at the newest computation. `Conflict` when there
    /// is no such summary, or it now holds another computation (a late report of an older
    /// result must not mark a newer one synced).
    async fn set_crm_sync(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        crm_sync: &serde_json::Value,
    ) -> Result<(), StoreError>;
}

/// What a claim that did not get through means, given the item that stopped it. `None`: the item
/// changed between the write and the read (e.g. it failed meanwhile), so try again.
pub(crate) fn held_claim(
    current: StoredSummary,
    lease_until: Option<i64>,
    now_ms: i64,
    force: bool,
) -> Option<Claim> {
    match current.status {
        SummaryStatus::Processing if lease_until.is_some_and(|until| until >= now_ms) => {
            Some(Claim::InProgress(current))
        }
        status if status.is_done() && !force => Some(Claim::Done(current)),
        _ => None,
    }
}
