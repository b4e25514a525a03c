//! The one SQS partial-batch consumer every queue-driven function uses, after the runtime's
//! partial-batch example: each record is handled on its own, and only the ones that must come
//! back are reported in `batchItemFailures`, so one bad message never fails the others.
//!
//! The consumer owns what every queue needs the same way: the deadline (Lambda's minus a
//! reserve), the receive count, the visibility backoff of retried messages, and the dead-letter
//! queue with the reason as message attributes, so a message that can never succeed goes there
//! at once instead of being received `maxReceiveCount` times.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use lambda_runtime::Context;
use tracing::{Instrument, error, info_span, warn};
use wrapup_core::Deadline;

use crate::backoff::{MAX_VISIBILITY, RetrySchedule};
use crate::control::QueueControl;

/// SQS's longest message delay.
pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);

/// How one queue is consumed.
#[derive(Debug, Clone)]
pub struct ConsumerConfig {
    /// The queue's name in logs.
    pub queue: &'static str,
    /// Messages (or groups of copies of one message) handled at the same time.
    pub parallel: usize,
    /// Kept back from the Lambda deadline to answer SQS.
    pub reserve: Duration,
    /// The budget when the invocation has no deadline (local runs, tests).
    pub budget_without_deadline: Duration,
    /// How the visibility timeout of retried messages grows with their receive count; `None`
    /// leaves the queue's own visibility timeout unless the handler names a wait.
    pub retry: Option<RetrySchedule>,
}

/// One message as its handler sees it.
#[derive(Debug, Clone)]
pub struct Received {
    pub message_id: String,
    /// Empty when the record had none (the handler's parser then rejects it).
    pub body: String,
    /// `ApproximateReceiveCount`: 1 on the first delivery.
    pub receive_count: u32,
    /// By when the handler must be done.
    pub deadline: Deadline,
    /// Who handles this batch (the invocation's request id): the owner of any lease taken.
    pub owner: Arc<str>,
}

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disposition {
    /// Handled, a duplicate or superseded: SQS deletes it.
    Done,
    /// A transient failure: it comes back. `retry_after` is the least wait (a server's
    /// `Retry-After`); with a `retry` schedule, the wait also grows with the receive count.
    Retry { retry_after: Option<Duration> },
    /// Not failed, only not yet possible (another worker holds its lease): a copy comes back
    /// after `after` (at most SQS's 15-minute delay) and this one is deleted, so waiting uses
    /// none of its receives on the way to the dead-letter queue.
    Requeue { after: Duration },
    /// It can never succeed: it goes to the dead-letter queue now, with why.
    DeadLetter(DeadLetter),
}

impl Disposition {
    pub fn retry() -> Self {
        Disposition::Retry { retry_after: None }
    }

    pub fn dead_letter(reason: impl Into<String>) -> Self {
        Disposition::DeadLetter(DeadLetter {
            reason: reason.into(),
            target: None,
            status: None,
        })
    }
}

/// The message attributes a dead letter carries besides its own: they describe the failure, not
/// the message, so a replay drops them.
pub const DEAD_LETTER_ATTRIBUTES: [&str; 3] = [
    "wrapupDeadLetterReason",
    "wrapupDeadLetterTarget",
    "wrapupDeadLetterStatus",
];

/// Why a message was dead-lettered; sent as message attributes next to its unchanged body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// A sentence for the operator; never message content.
    pub reason: String,
    /// The part that failed (a CRM target, `message` when the message itself is invalid).
    pub target: Option<String>,
    /// The HTTP status that made it permanent, if any.
    pub status: Option<u16>,
}

impl DeadLetter {
    /// The message attributes the dead letter carries (`docs/operations.md`, DLQ replay).
    pub fn attributes(&self, message_type: Option<&str>) -> Vec<(&'static str, String)> {
        // SQS attributes are at most 256 KB in all; a reason is a sentence.
        let reason: String = self.reason.chars().take(1000).collect();
        let [reason_name, target_name, status_name] = DEAD_LETTER_ATTRIBUTES;
        [
            (reason_name, Some(reason)),
            (target_name, self.target.clone()),
            (status_name, self.status.map(|s| s.to_string())),
            ("messageType", message_type.map(str::to_owned)),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, v)))
        .collect()
    }
}

/// The partial-batch consumer of one queue.
pub struct BatchConsumer<'a> {
    config: ConsumerConfig,
    control: &'a dyn QueueControl,
}

impl<'a> BatchConsumer<'a> {
    pub fn new(config: ConsumerConfig, control: &'a dyn QueueControl) -> Self {
        Self { config, control }
    }

    /// Handles every record of `batch` on its own, `parallel` at a time.
    pub async fn consume<F, Fut>(&self, batch: SqsEvent, context: &Context, handler: F) -> SqsBatchResponse
    where
        F: Fn(Received) -> Fut + Sync,
        Fut: Future<Output = Disposition> + Send,
    {
        self.consume_grouped(batch, context, |record| record.message_id.clone(), handler)
            .await
    }

    /// Like [`consume`](Self::consume), but records with the same `key` (copies of one
    /// delivery) run one after the other, so the later ones find the earlier one's work done;
    /// different keys run in parallel.
    pub async fn consume_grouped<K, F, Fut>(
        &self,
        batch: SqsEvent,
        context: &Context,
        key: K,
        handler: F,
    ) -> SqsBatchResponse
    where
        K: Fn(&SqsMessage) -> Option<String>,
        F: Fn(Received) -> Fut + Sync,
        Fut: Future<Output = Disposition> + Send,
    {
        let deadline = if context.deadline > 0 {
            Deadline::from_epoch_millis(context.deadline, self.config.reserve)
        } else {
            Deadline::after(self.config.budget_without_deadline)
        };
        let owner: Arc<str> = if context.request_id.is_empty() {
            uuid::Uuid::new_v4().to_string().into()
        } else {
            context.request_id.as_str().into()
        };
        let mut groups: Vec<(Option<String>, Vec<SqsMessage>)> = Vec::new();
        for record in batch.records {
            let group = key(&record);
            match groups.iter_mut().find(|(k, _)| group.is_some() && *k == group) {
                Some((_, records)) => records.push(record),
                None => groups.push((group, vec![record])),
            }
        }
        // Boxed: the batch's future stays shallow whatever the handler's is (a deep one overflows
        // the trait solver where the caller's future must be `Send`).
        let handler = &|received: Received| -> BoxFuture<'_, Disposition> { Box::pin(handler(received)) };
        let failures: Vec<BatchItemFailure> = futures_util::stream::iter(groups)
            .map(|(_, records)| {
                let owner = owner.clone();
                async move {
                    let mut failures = Vec::new();
                    for record in records {
                        if let Some(failure) = self.one(record, deadline, &owner, handler).await {
                            failures.push(failure);
                        }
                    }
                    failures
                }
            })
            .buffer_unordered(self.config.parallel.max(1))
            .flat_map(futures_util::stream::iter)
            .collect()
            .await;
        let mut response = SqsBatchResponse::default();
        response.batch_item_failures = failures;
        response
    }

    /// Handles one record; `Some` when it must come back.
    async fn one<'h>(
        &self,
        record: SqsMessage,
        deadline: Deadline,
        owner: &Arc<str>,
        handler: &(dyn Fn(Received) -> BoxFuture<'h, Disposition> + Sync),
    ) -> Option<BatchItemFailure> {
        let message_id = record.message_id.clone().unwrap_or_default();
        let span = info_span!("message", queue = self.config.queue, message_id = %message_id);
        let disposition = if deadline.is_past() {
            // Not started rather than cut off half-way: it comes back whole.
            warn!(parent: &span, "no time left in this invocation; the message comes back");
            Disposition::retry()
        } else {
            let received = Received {
                message_id: message_id.clone(),
                body: record.body.clone().unwrap_or_default(),
                receive_count: receive_count(&record),
                deadline,
                owner: owner.clone(),
            };
            handler(received).instrument(span.clone()).await
        };
        let stays = self.settle(&record, disposition).instrument(span).await;
        stays.then(|| {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = message_id;
            failure
        })
    }

    /// Applies a disposition; true when the message stays on the queue.
    async fn settle(&self, record: &SqsMessage, disposition: Disposition) -> bool {
        match disposition {
            Disposition::Done => false,
            Disposition::Retry { retry_after } => {
                let receives = receive_count(record);
                let wait = match self.config.retry {
                    Some(schedule) => Some(schedule.visibility(receives, retry_after)),
                    None => retry_after.map(|after| after.min(MAX_VISIBILITY)),
                };
                if let (Some(wait), Some(handle)) = (wait, record.receipt_handle.as_deref())
                    && let Err(err) = self.control.change_visibility(handle, wait).await
                {
                    warn!(error = %err, "could not change the visibility timeout");
                }
                warn!(
                    receives,
                    wait_secs = wait.map(|w| w.as_secs()),
                    "the message will be retried"
                );
                true
            }
            Disposition::Requeue { after } => {
                let body = record.body.as_deref().unwrap_or_default();
                let attributes: Vec<(String, String)> = record
                    .message_attributes
                    .iter()
                    .filter_map(|(name, value)| Some((name.clone(), value.string_value.clone()?)))
                    .collect();
                match self
                    .control
                    .requeue(body, &attributes, after.min(MAX_DELAY))
                    .await
                {
                    Ok(()) => false,
                    Err(err) => {
                        warn!(error = %err, "could not requeue; the message comes back as a retry");
                        true
                    }
                }
            }
            Disposition::DeadLetter(letter) => {
                let message_type = record
                    .message_attributes
                    .get("messageType")
                    .and_then(|a| a.string_value.as_deref());
                let body = record.body.as_deref().unwrap_or_default();
                match self
                    .control
                    .dead_letter(body, &letter.attributes(message_type))
                    .await
                {
                    Ok(()) => {
                        warn!(target = letter.target, status = letter.status, reason = %letter.reason, "dead-lettered");
                        false
                    }
                    Err(err) => {
                        // Left on the queue: its redrive policy moves it after maxReceiveCount.
                        error!(error = %err, reason = %letter.reason, "could not dead-letter; the message stays on the queue");
                        true
                    }
                }
            }
        }
    }
}

/// `ApproximateReceiveCount`, 1 when absent.
pub fn receive_count(record: &SqsMessage) -> u32 {
    record
        .attributes
        .get("ApproximateReceiveCount")
        .and_then(|c| c.parse().ok())
        .unwrap_or(1)
}

/// An SQS batch (`Records` from `aws:sqs`), as opposed to the other events a function that
/// serves two kinds receives (an HTTP request, an EventBridge event).
pub fn is_sqs_batch(payload: &serde_json::Value) -> bool {
    payload
        .get("Records")
        .and_then(serde_json::Value::as_array)
        .and_then(|records| records.first())
        .and_then(|record| record.get("eventSource"))
        .and_then(serde_json::Value::as_str)
        == Some("aws:sqs")
}
