//! CRM deliveries per (delivery key, target): the claim that makes each CRM write happen once.
//!
//! crm-sync claims (delivery, target) under a lease before writing, marks it done after the
//! write, or releases it when the write failed. A redelivered message finds `Done` and writes
//! nothing; a worker that crashed mid-write leaves a lease that expires, and the next delivery
//! takes over (the target's idempotency key lets the receiver drop the rare repeated write).

use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::StoreError;

/// How long a delivery record lives after its last change, unless configured otherwise: longer
/// than SQS keeps a message (4 days) plus its DLQ (14 days), so a replayed message still finds it.
pub const DEFAULT_DELIVERY_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Claimed; a worker is writing under a lease.
    InProgress,
    /// Written to the target: never write it again.
    Done,
    /// The last attempt failed; the next delivery may claim it at once.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::InProgress => "in_progress",
            DeliveryStatus::Done => "done",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            DeliveryStatus::InProgress,
            DeliveryStatus::Done,
            DeliveryStatus::Failed,
        ]
        .into_iter()
        .find(|status| status.as_str() == value)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryRecord {
    pub delivery_key: String,
    pub target: String,
    pub status: DeliveryStatus,
    /// How many times (delivery, target) was claimed, the current claim included.
    pub attempts: u32,
    /// The target's HTTP status of the successful write.
    pub http_status: Option<u16>,
    /// How long the successful write took.
    pub latency_ms: Option<u64>,
    /// Why the latest failed attempt failed; kept after a later success, for the audit.
    pub last_error: Option<String>,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DeliveryClaim {
    /// We hold the claim and may write; `attempt` counts the claims so far, this one included.
    Acquired { attempt: u32 },
    /// Written already: do NOT write again.
    Done(DeliveryRecord),
    /// Someone else holds a live lease until `lease_until_ms` (epoch ms).
    InProgress { lease_until_ms: i64, owner: String },
}

#[async_trait]
pub trait DeliveryStore: Send + Sync {
    /// Claims (delivery, target) for a write by `owner` for `lease`: `Acquired` when it is new,
    /// failed before, or the previous holder's lease expired (a crashed worker); `Done` when it
    /// was written already (do NOT write again); `InProgress` when someone else holds a live
    /// lease. Owners should be unique per attempt (e.g. invocation and message id).
    async fn claim(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        lease: Duration,
    ) -> Result<DeliveryClaim, StoreError>;

    /// Marks the write done, conditional on `owner` still holding the claim: `Conflict` when the
    /// lease was lost (it expired and another worker took over).
    async fn complete(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        http_status: u16,
        latency_ms: u64,
    ) -> Result<(), StoreError>;

    /// Marks the attempt failed with `error` (no PII: a kind and a status) and drops the lease, so
    /// the next delivery claims at once. Conditional on `owner` holding the claim, else `Conflict`.
    async fn release(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        error: &str,
    ) -> Result<(), StoreError>;

    async fn get(&self, delivery_key: &str, target: &str) -> Result<Option<DeliveryRecord>, StoreError>;
}

/// Longest last error kept, in characters (a kind and a status, never content).
pub(crate) const MAX_ERROR_CHARS: usize = 500;

/// The last error as every implementation keeps it.
pub(crate) fn clipped(error: &str) -> String {
    match error.char_indices().nth(MAX_ERROR_CHARS) {
        Some((end, _)) => format!("{}…", error.get(..end).unwrap_or_default()),
        None => error.to_owned(),
    }
}
