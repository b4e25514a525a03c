//! DynamoDB stores behind small traits: summary state (idempotency claims and results, table
//! `SummaryStateTable`), the append-only audit log (table `AuditTable`) and the CRM delivery
//! claims of crm-sync (table `CrmDeliveryTable`).
//!
//! Item layout: ids, statuses, timestamps and numbers are native attributes; the status history
//! is a native list (so it can be appended with `list_append`); free-form JSON documents (the API
//! result, CRM sync status, errors, token usage, timings, redaction counts, verification) are
//! stored as JSON strings, which round-trip exactly and need no conversion rules. Nothing here
//! ever receives transcript text: only hashes, counts, the redacted summary and ids.

mod audit;
mod audit_dynamodb;
mod deliveries;
mod deliveries_dynamodb;
/// DynamoDB item helpers, shared with the stores of the other crates (the mining stores).
pub mod item;
pub mod memory;
mod request_key;
mod summaries;
mod summaries_dynamodb;

use chrono::{DateTime, SecondsFormat, Utc};

pub use audit::{AuditLog, AuditOutcome, AuditRecord, OutcomeWrite, StatusEntry};
pub use audit_dynamodb::DynamoDbAuditLog;
pub use deliveries::{DEFAULT_DELIVERY_TTL, DeliveryClaim, DeliveryRecord, DeliveryStatus, DeliveryStore};
pub use deliveries_dynamodb::DynamoDbDeliveryStore;
pub use memory::{MemoryAuditLog, MemoryDeliveryStore, MemorySummaryStore};
pub use request_key::{InvalidRequestKey, RequestKey};
pub use summaries::{Claim, ClaimFor, Reader, StoredError, StoredSummary, SummaryStatus, SummaryStore};
pub use summaries_dynamodb::DynamoDbSummaryStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DynamoDB {operation} failed: {message}")]
    DynamoDb {
        operation: &'static str,
        message: String,
    },
    /// A conditional write did not hold: the record exists already, is held by someone else, or
    /// is gone. The message says which.
    #[error("{0}")]
    Conflict(String),
    /// A stored item (or a record handed to the store) does not have the expected shape.
    #[error("malformed record: {0}")]
    Malformed(String),
}

/// RFC 3339 UTC with milliseconds (`2024-05-01T12:00:00.123Z`): fixed width, so these strings
/// sort in time order (the audit GSI and `SummaryStore::latest` rely on it).
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// [`timestamp`] of now.
pub fn now_timestamp() -> String {
    timestamp(Utc::now())
}
