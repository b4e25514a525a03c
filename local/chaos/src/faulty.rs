//! [`Faulty`]: any store, queue or CRM target of the functions with [`around`] on every call.
//! Failures look like the real part's: DynamoDB and SQS errors for stores and queues, a
//! retryable 503 for a CRM target.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use wrapup::crm::{CrmError, CrmTarget, Delivery, TargetKind, Written};
use wrapup::ids::ConversationId;
use wrapup::queue::{MessageQueue, QueueError};
use wrapup::store::{
    AuditLog, AuditOutcome, AuditRecord, Claim, ClaimFor, DeliveryClaim, DeliveryRecord, DeliveryStore,
    OutcomeWrite, Reader, RequestKey, StatusEntry, StoreError, StoredError, StoredSummary, SummaryStore,
};
use wrapup_lambda_kit::{ControlError, QueueControl};

use crate::faults::{Tally, around};

/// `inner` with faults on every call, counted in `tally`.
pub struct Faulty<T: ?Sized> {
    pub inner: Arc<T>,
    pub tally: Arc<Tally>,
}

impl<T: ?Sized> Faulty<T> {
    pub fn new(inner: Arc<T>, tally: &Arc<Tally>) -> Arc<Self> {
        Arc::new(Self {
            inner,
            tally: Arc::clone(tally),
        })
    }
}

fn dynamodb(operation: &'static str) -> impl FnOnce() -> StoreError {
    move || StoreError::DynamoDb {
        operation,
        message: "injected: ProvisionedThroughputExceededException".into(),
    }
}

fn sqs_send() -> QueueError {
    QueueError::Sqs {
        operation: "SendMessage",
        message: "injected: ServiceUnavailable".into(),
    }
}

fn sqs_control() -> ControlError {
    ControlError::Sqs("injected: ServiceUnavailable".into())
}

#[async_trait]
impl<T: SummaryStore + ?Sized> SummaryStore for Faulty<T> {
    async fn claim(&self, claim: ClaimFor<'_>, lease: Duration, force: bool) -> Result<Claim, StoreError> {
        let call = self.inner.claim(claim, lease, force);
        around("summaries.claim", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn complete(&self, record: &StoredSummary) -> Result<(), StoreError> {
        let call = self.inner.complete(record);
        around("summaries.complete", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn fail(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        error: StoredError,
    ) -> Result<(), StoreError> {
        let call = self.inner.fail(conversation_id, key, audit_id, error);
        around("summaries.fail", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn get(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
    ) -> Result<Option<StoredSummary>, StoreError> {
        let call = self.inner.get(conversation_id, key);
        around("summaries.get", &self.tally, dynamodb("GetItem"), call).await
    }

    async fn latest(
        &self,
        conversation_id: &ConversationId,
        reader: Reader<'_>,
    ) -> Result<Option<StoredSummary>, StoreError> {
        let call = self.inner.latest(conversation_id, reader);
        around("summaries.latest", &self.tally, dynamodb("Query"), call).await
    }

    async fn set_crm_sync(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        crm_sync: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let call = self.inner.set_crm_sync(conversation_id, key, audit_id, crm_sync);
        around(
            "summaries.set_crm_sync",
            &self.tally,
            dynamodb("UpdateItem"),
            call,
        )
        .await
    }
}

#[async_trait]
impl<T: AuditLog + ?Sized> AuditLog for Faulty<T> {
    async fn create(&self, record: &AuditRecord) -> Result<(), StoreError> {
        let call = self.inner.create(record);
        around("audit.create", &self.tally, dynamodb("PutItem"), call).await
    }

    async fn record_outcome(
        &self,
        audit_id: &str,
        outcome: &AuditOutcome,
    ) -> Result<OutcomeWrite, StoreError> {
        let call = self.inner.record_outcome(audit_id, outcome);
        around("audit.record_outcome", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn append_status(&self, audit_id: &str, entry: &StatusEntry) -> Result<(), StoreError> {
        let call = self.inner.append_status(audit_id, entry);
        around("audit.append_status", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn set_crm_sync(&self, audit_id: &str, crm_sync: &serde_json::Value) -> Result<(), StoreError> {
        let call = self.inner.set_crm_sync(audit_id, crm_sync);
        around("audit.set_crm_sync", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn get(&self, audit_id: &str) -> Result<Option<AuditRecord>, StoreError> {
        let call = self.inner.get(audit_id);
        around("audit.get", &self.tally, dynamodb("GetItem"), call).await
    }
}

#[async_trait]
impl<T: DeliveryStore + ?Sized> DeliveryStore for Faulty<T> {
    async fn claim(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        lease: Duration,
    ) -> Result<DeliveryClaim, StoreError> {
        let call = self.inner.claim(delivery_key, target, owner, lease);
        around("deliveries.claim", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn complete(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        http_status: u16,
        latency_ms: u64,
    ) -> Result<(), StoreError> {
        let call = self
            .inner
            .complete(delivery_key, target, owner, http_status, latency_ms);
        around("deliveries.complete", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn release(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        error: &str,
    ) -> Result<(), StoreError> {
        let call = self.inner.release(delivery_key, target, owner, error);
        around("deliveries.release", &self.tally, dynamodb("UpdateItem"), call).await
    }

    async fn get(&self, delivery_key: &str, target: &str) -> Result<Option<DeliveryRecord>, StoreError> {
        let call = self.inner.get(delivery_key, target);
        around("deliveries.get", &self.tally, dynamodb("GetItem"), call).await
    }
}

#[async_trait]
impl<T: MessageQueue + ?Sized> MessageQueue for Faulty<T> {
    async fn send_delayed(
        &self,
        body: &str,
        attributes: &[(&str, &str)],
        delay: Duration,
    ) -> Result<String, QueueError> {
        let call = self.inner.send_delayed(body, attributes, delay);
        around("queue.send", &self.tally, sqs_send, call).await
    }
}

#[async_trait]
impl<T: QueueControl + ?Sized> QueueControl for Faulty<T> {
    async fn change_visibility(&self, receipt_handle: &str, wait: Duration) -> Result<(), ControlError> {
        let call = self.inner.change_visibility(receipt_handle, wait);
        around("queue.change_visibility", &self.tally, sqs_control, call).await
    }

    async fn dead_letter(
        &self,
        body: &str,
        attributes: &[(&'static str, String)],
    ) -> Result<(), ControlError> {
        let call = self.inner.dead_letter(body, attributes);
        around("queue.dead_letter", &self.tally, sqs_control, call).await
    }

    async fn requeue(
        &self,
        body: &str,
        attributes: &[(String, String)],
        delay: Duration,
    ) -> Result<(), ControlError> {
        let call = self.inner.requeue(body, attributes, delay);
        around("queue.requeue", &self.tally, sqs_control, call).await
    }
}

#[async_trait]
impl<T: CrmTarget + ?Sized> CrmTarget for Faulty<T> {
    fn kind(&self) -> TargetKind {
        self.inner.kind()
    }

    async fn write(&self, delivery: &Delivery<'_>) -> Result<Written, CrmError> {
        let target = match self.inner.kind() {
            TargetKind::DataAction => "crm.dataAction",
            TargetKind::Webhook => "crm.webhook",
            TargetKind::ParticipantAttributes => "crm.participantAttributes",
        };
        let unavailable = || CrmError::Retryable {
            target: "crm",
            status: Some(503),
            retry_after: None,
            reason: "injected: connection reset".into(),
        };
        around(target, &self.tally, unavailable, self.inner.write(delivery)).await
    }
}
