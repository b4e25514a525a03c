//! The stores in memory, with the DynamoDB stores' semantics (the same conditions, the same
//! `Conflict`s, the same guards): the fast test tier runs the flows on them without moto, and the
//! contract tests in `shared/tests/it/store_*.rs` run every case against both.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::audit::{
    AuditLog, AuditOutcome, AuditRecord, OutcomeWrite, StatusEntry, bounded_detail, check_sha256,
};
use super::deliveries::{DeliveryClaim, DeliveryRecord, DeliveryStatus, DeliveryStore, clipped};
use super::summaries::{
    Claim, ClaimFor, Reader, StoredError, StoredSummary, SummaryStatus, SummaryStore, held_claim,
};
use super::{RequestKey, StoreError, now_timestamp};
use wrapup_core::ids::ConversationId;

/// A poisoned lock still holds consistent data here (every write is one assignment).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

pub fn lease_end(lease: Duration) -> i64 {
    now_ms().saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX))
}

/// Items by their two key parts: (conversation, request key) or (delivery key, target).
type Items<V> = Mutex<HashMap<(String, String), V>>;

/// [`SummaryStore`] in memory.
#[derive(Debug, Default)]
pub struct MemorySummaryStore {
    /// (conversation, request key) -> the summary and its lease (epoch ms).
    items: Items<(StoredSummary, Option<i64>)>,
}

impl MemorySummaryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl SummaryStore for MemorySummaryStore {
    async fn claim(&self, claim: ClaimFor<'_>, lease: Duration, force: bool) -> Result<Claim, StoreError> {
        let ClaimFor {
            conversation_id,
            case_id,
            key,
            audit_id,
            caller,
        } = claim;
        let mut items = lock(&self.items);
        let id = (conversation_id.to_string(), key.as_str().to_owned());
        let now = now_ms();
        let previous = items.get(&id).map_or(0, |(current, _)| current.generation);
        if let Some((current, lease_until)) = items.get(&id) {
            let expired = lease_until.is_none_or(|until| until < now);
            let processing = current.status == SummaryStatus::Processing;
            // DynamoDB's conditions: force takes anything but a live lease; otherwise only a
            // failed computation or an expired lease.
            let may_take = if force {
                !processing || expired
            } else {
                current.status == SummaryStatus::Failed || (processing && expired)
            };
            if !may_take {
                return held_claim(current.clone(), *lease_until, now, force).ok_or_else(|| {
                    StoreError::Conflict(format!(
                        "could not claim summary {key} of conversation {conversation_id}"
                    ))
                });
            }
        }
        let at = now_timestamp();
        let summary = StoredSummary {
            conversation_id: id.0.clone(),
            case_id: case_id.to_owned(),
            request_key: id.1.clone(),
            status: SummaryStatus::Processing,
            audit_id: audit_id.to_owned(),
            result: None,
            error: None,
            crm_sync: None,
            caller: caller.map(str::to_owned),
            // DynamoDB's `ADD generation :forced`.
            generation: previous.saturating_add(u32::from(force)),
            created_at: at.clone(),
            updated_at: at,
        };
        let generation = summary.generation;
        items.insert(id, (summary, Some(lease_end(lease))));
        Ok(Claim::Acquired { generation })
    }

    async fn complete(&self, record: &StoredSummary) -> Result<(), StoreError> {
        if record.status == SummaryStatus::Processing {
            return Err(StoreError::Malformed(
                "a completed summary needs a final status, not processing".into(),
            ));
        }
        let mut items = lock(&self.items);
        let id = (record.conversation_id.clone(), record.request_key.clone());
        match items.get_mut(&id) {
            Some((current, lease))
                if current.audit_id == record.audit_id && current.status == SummaryStatus::Processing =>
            {
                current.status = record.status;
                current.result.clone_from(&record.result);
                current.error.clone_from(&record.error);
                if record.crm_sync.is_some() {
                    current.crm_sync.clone_from(&record.crm_sync);
                }
                current.updated_at = now_timestamp();
                *lease = None;
                Ok(())
            }
            _ => Err(StoreError::Conflict(format!(
                "summary {} of conversation {} is no longer claimed by audit {}",
                record.request_key, record.conversation_id, record.audit_id
            ))),
        }
    }

    async fn fail(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        error: StoredError,
    ) -> Result<(), StoreError> {
        let mut items = lock(&self.items);
        let id = (conversation_id.to_string(), key.as_str().to_owned());
        match items.get_mut(&id) {
            Some((current, lease))
                if current.audit_id == audit_id && current.status == SummaryStatus::Processing =>
            {
                current.status = SummaryStatus::Failed;
                current.error = Some(error);
                current.updated_at = now_timestamp();
                *lease = None;
                Ok(())
            }
            _ => Err(StoreError::Conflict(format!(
                "summary {key} of conversation {conversation_id} is no longer claimed by audit {audit_id}"
            ))),
        }
    }

    async fn get(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
    ) -> Result<Option<StoredSummary>, StoreError> {
        let id = (conversation_id.to_string(), key.as_str().to_owned());
        Ok(lock(&self.items).get(&id).map(|(summary, _)| summary.clone()))
    }

    async fn latest(
        &self,
        conversation_id: &ConversationId,
        reader: Reader<'_>,
    ) -> Result<Option<StoredSummary>, StoreError> {
        let conversation = conversation_id.to_string();
        Ok(lock(&self.items)
            .values()
            .map(|(summary, _)| summary)
            .filter(|summary| summary.conversation_id == conversation && reader.may_read(summary))
            .max_by(|a, b| (&a.updated_at, &a.request_key).cmp(&(&b.updated_at, &b.request_key)))
            .cloned())
    }

    async fn set_crm_sync(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        crm_sync: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let id = (conversation_id.to_string(), key.as_str().to_owned());
        match lock(&self.items).get_mut(&id) {
            Some((summary, _)) if summary.audit_id == audit_id => {
                summary.crm_sync = Some(crm_sync.clone());
                Ok(())
            }
            _ => Err(StoreError::Conflict(format!(
                "no summary {key} of conversation {conversation_id} computed by audit {audit_id}"
            ))),
        }
    }
}

/// [`AuditLog`] in memory.
#[derive(Debug, Default)]
pub struct MemoryAuditLog {
    /// audit id -> the record and whether its outcome was recorded.
    records: Mutex<HashMap<String, (AuditRecord, bool)>>,
}

impl MemoryAuditLog {
    pub fn new() -> Self {
        Self::default()
    }
}

fn bounded(entry: &StatusEntry) -> StatusEntry {
    StatusEntry {
        detail: bounded_detail(&entry.detail),
        ..entry.clone()
    }
}

#[async_trait]
impl AuditLog for MemoryAuditLog {
    async fn create(&self, record: &AuditRecord) -> Result<(), StoreError> {
        check_sha256("requestSha256", &record.request_sha256)?;
        if let Some(hash) = &record.transcript_sha256 {
            check_sha256("transcriptSha256", hash)?;
        }
        DateTime::parse_from_rfc3339(&record.created_at)
            .map_err(|_| StoreError::Malformed("createdAt is not an RFC 3339 timestamp".into()))?;
        let mut records = lock(&self.records);
        if records.contains_key(&record.audit_id) {
            return Err(StoreError::Conflict(format!(
                "audit record {} already exists",
                record.audit_id
            )));
        }
        let mut stored = record.clone();
        stored.status_history = record.status_history.iter().map(bounded).collect();
        records.insert(record.audit_id.clone(), (stored, false));
        Ok(())
    }

    async fn record_outcome(
        &self,
        audit_id: &str,
        outcome: &AuditOutcome,
    ) -> Result<OutcomeWrite, StoreError> {
        if let Some(hash) = &outcome.transcript_sha256 {
            check_sha256("transcriptSha256", hash)?;
        }
        let mut records = lock(&self.records);
        let Some((record, recorded)) = records.get_mut(audit_id) else {
            return Err(StoreError::Conflict(format!(
                "audit record {audit_id} does not exist"
            )));
        };
        if *recorded {
            return Ok(OutcomeWrite::AlreadyRecorded);
        }
        // Set once: only the fields the outcome has, as DynamoDB's SET of the present ones.
        let set = |field: &mut Option<String>, value: &Option<String>| {
            if value.is_some() {
                field.clone_from(value);
            }
        };
        set(&mut record.transcript_sha256, &outcome.transcript_sha256);
        set(&mut record.source, &outcome.source);
        set(&mut record.model, &outcome.model);
        if outcome.token_usage.is_some() {
            record.token_usage.clone_from(&outcome.token_usage);
        }
        for (field, value) in [
            (&mut record.timings, &outcome.timings),
            (&mut record.redactions, &outcome.redactions),
            (&mut record.verification, &outcome.verification),
        ] {
            if value.is_some() {
                field.clone_from(value);
            }
        }
        record.status_history.push(bounded(&outcome.status));
        *recorded = true;
        Ok(OutcomeWrite::Recorded)
    }

    async fn append_status(&self, audit_id: &str, entry: &StatusEntry) -> Result<(), StoreError> {
        match lock(&self.records).get_mut(audit_id) {
            Some((record, _)) => {
                record.status_history.push(bounded(entry));
                Ok(())
            }
            None => Err(StoreError::Conflict(format!(
                "cannot append a status: audit record {audit_id} does not exist"
            ))),
        }
    }

    async fn set_crm_sync(&self, audit_id: &str, crm_sync: &serde_json::Value) -> Result<(), StoreError> {
        match lock(&self.records).get_mut(audit_id) {
            Some((record, _)) => {
                record.crm_sync = Some(crm_sync.clone());
                Ok(())
            }
            None => Err(StoreError::Conflict(format!(
                "cannot record the CRM sync: audit record {audit_id} does not exist"
            ))),
        }
    }

    async fn get(&self, audit_id: &str) -> Result<Option<AuditRecord>, StoreError> {
        Ok(lock(&self.records)
            .get(audit_id)
            .map(|(record, _)| record.clone()))
    }
}

/// [`DeliveryStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryDeliveryStore {
    /// (delivery key, target) -> the record, its owner and lease (epoch ms).
    items: Items<(DeliveryRecord, String, Option<i64>)>,
}

impl MemoryDeliveryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `change` on the record `owner` holds in progress; done already by the same owner
    /// (`already`) counts as done, as a retried call of the DynamoDB store finds it.
    fn owner_update(
        &self,
        id: (&str, &str, &str),
        already: DeliveryStatus,
        change: impl FnOnce(&mut DeliveryRecord),
    ) -> Result<(), StoreError> {
        let (delivery_key, target, owner) = id;
        let mut items = lock(&self.items);
        match items.get_mut(&(delivery_key.to_owned(), target.to_owned())) {
            Some((record, holder, lease))
                if holder == owner && record.status == DeliveryStatus::InProgress =>
            {
                change(record);
                record.updated_at = now_timestamp();
                *lease = None;
                Ok(())
            }
            Some((record, holder, _)) if holder == owner && record.status == already => Ok(()),
            Some(_) => Err(StoreError::Conflict(format!(
                "delivery {delivery_key} to {target} is no longer claimed by {owner}"
            ))),
            None => Err(StoreError::Conflict(format!(
                "delivery {delivery_key} to {target} was never claimed"
            ))),
        }
    }
}

#[async_trait]
impl DeliveryStore for MemoryDeliveryStore {
    async fn claim(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        lease: Duration,
    ) -> Result<DeliveryClaim, StoreError> {
        let mut items = lock(&self.items);
        let id = (delivery_key.to_owned(), target.to_owned());
        let now = now_ms();
        let (attempt, last_error) = match items.get(&id) {
            None => (1, None),
            Some((record, holder, lease_until)) => match record.status {
                DeliveryStatus::Done => return Ok(DeliveryClaim::Done(record.clone())),
                DeliveryStatus::InProgress if lease_until.is_some_and(|until| until >= now) => {
                    return Ok(DeliveryClaim::InProgress {
                        lease_until_ms: lease_until.unwrap_or(now),
                        owner: holder.clone(),
                    });
                }
                // Failed, or a crashed worker's expired lease: take it over.
                _ => (record.attempts.saturating_add(1), record.last_error.clone()),
            },
        };
        let record = DeliveryRecord {
            delivery_key: id.0.clone(),
            target: id.1.clone(),
            status: DeliveryStatus::InProgress,
            attempts: attempt,
            http_status: None,
            latency_ms: None,
            last_error,
            updated_at: now_timestamp(),
        };
        items.insert(id, (record, owner.to_owned(), Some(lease_end(lease))));
        Ok(DeliveryClaim::Acquired { attempt })
    }

    async fn complete(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        http_status: u16,
        latency_ms: u64,
    ) -> Result<(), StoreError> {
        self.owner_update((delivery_key, target, owner), DeliveryStatus::Done, |record| {
            record.status = DeliveryStatus::Done;
            record.http_status = Some(http_status);
            record.latency_ms = Some(latency_ms);
        })
    }

    async fn release(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        error: &str,
    ) -> Result<(), StoreError> {
        self.owner_update((delivery_key, target, owner), DeliveryStatus::Failed, |record| {
            record.status = DeliveryStatus::Failed;
            record.last_error = Some(clipped(error));
        })
    }

    async fn get(&self, delivery_key: &str, target: &str) -> Result<Option<DeliveryRecord>, StoreError> {
        let id = (delivery_key.to_owned(), target.to_owned());
        Ok(lock(&self.items).get(&id).map(|(record, _, _)| record.clone()))
    }
}
