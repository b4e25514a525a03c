//! One SQS batch: each record parsed and handled on its own; one bad message never fails the
//! others.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use lambda_runtime::Context;
use std::time::Duration;
use tracing::{error, info, warn};

use wrapup_adapters::crm::{CrmTarget, Delivery, Written, delivery_key};
use wrapup_adapters::queue::{CrmSyncMessage, parse_crm_sync};
use wrapup_adapters::store::{DeliveryClaim, RequestKey, StoreError};
use wrapup_core::ids::ConversationId;
use wrapup_core::retry::RetryPolicy;
use wrapup_lambda_kit::{BatchConsumer, ConsumerConfig, DeadLetter, Disposition, Received, RetrySchedule};

use crate::App;
use crate::metrics::{BatchMetrics, DeadLetterReason, oldest_message_age};
use crate::outcome::{MessageOutcome, TargetOutcome, Verdict};

/// How the crm-sync queue is consumed: retried writes wait longer with every receive.
pub fn consumer_config(app: &App) -> ConsumerConfig {
    ConsumerConfig {
        queue: "crm-sync",
        parallel: 10,
        reserve: std::time::Duration::from_secs(2),
        budget_without_deadline: std::time::Duration::from_secs(25),
        retry: Some(RetrySchedule {
            base: app.config.retry_base,
            cap: app.config.retry_cap,
        }),
    }
}

pub async fn handle_batch(app: &App, batch: SqsEvent, context: &Context) -> SqsBatchResponse {
    let oldest_age = oldest_message_age(&batch);
    let metrics = BatchMetrics::default();
    // Copies of one delivery in the same batch run one after the other (the later ones find the
    // write done); different deliveries run in parallel.
    let response = BatchConsumer::new(consumer_config(app), app.queue.as_ref())
        .consume_grouped(batch, context, delivery_of, |message| {
            handle_message(app, &metrics, message)
        })
        .await;
    metrics.emit(&app.metrics, oldest_age);
    response
}

async fn handle_message(app: &App, metrics: &BatchMetrics, received: Received) -> Disposition {
    let message = match parse_crm_sync(&received.body) {
        Ok(message) => message,
        // It will never parse: dead-letter it now with the reason, rather than five times.
        Err(err) => {
            metrics.record_dead_letter(DeadLetterReason::InvalidMessage);
            return Disposition::DeadLetter(DeadLetter {
                reason: format!("invalid message: {err}"),
                target: Some("message".into()),
                status: None,
            });
        }
    };
    let delivery = Delivery {
        message: &message,
        deadline: received.deadline,
    };
    let mut outcome = MessageOutcome::default();
    for target in &app.targets {
        let (result, attempts) = write_once(app, target.as_ref(), &delivery, &received.owner).await;
        outcome.record(target.kind(), result, attempts);
    }
    metrics.record_writes(&outcome);
    let verdict = outcome.verdict();
    if !record_status(app, &message, &outcome).await {
        // The CRM writes are recorded as done: a redelivery only completes the bookkeeping.
        return Disposition::retry();
    }
    match verdict {
        Verdict::Done => {
            info!(conversation_id = %message.conversation_id, audit_id = %message.audit_id, "synced");
            Disposition::Done
        }
        // Only another worker's live lease stands in the way: wait for it without using up a
        // receive on the way to the dead-letter queue.
        Verdict::Retry { .. } if outcome.only_waiting() => Disposition::Requeue {
            after: app.config.lease,
        },
        Verdict::Retry { retry_after } => Disposition::Retry { retry_after },
        Verdict::DeadLetter {
            target,
            status,
            reason,
        } => {
            metrics.record_dead_letter(DeadLetterReason::of_status(status));
            Disposition::DeadLetter(DeadLetter {
                reason,
                target: Some(target.as_str().to_owned()),
                status,
            })
        }
    }
}

/// Claims the (delivery, target) write, writes, and records the result: at most one write per
/// delivery and target, however often the message comes.
async fn write_once(
    app: &App,
    target: &dyn CrmTarget,
    delivery: &Delivery<'_>,
    owner: &str,
) -> (TargetOutcome, u32) {
    let key = delivery.key();
    let name = target.kind().as_str();
    let attempt = match app.deliveries.claim(&key, name, owner, app.config.lease).await {
        Ok(DeliveryClaim::Acquired { attempt }) => attempt,
        Ok(DeliveryClaim::Done(record)) => return (TargetOutcome::AlreadyWritten, record.attempts),
        Ok(DeliveryClaim::InProgress { .. }) => return (TargetOutcome::Busy, 0),
        Err(err) => {
            error!(target = name, error = %err, "could not claim the CRM write");
            return (
                TargetOutcome::Retry {
                    status: None,
                    retry_after: None,
                    reason: "delivery store unavailable".into(),
                },
                0,
            );
        }
    };
    match target.write(delivery).await {
        Ok(written) => {
            record_written(app, &key, name, owner, &written, delivery).await;
            (TargetOutcome::Written(written), attempt)
        }
        Err(err) => {
            let outcome = TargetOutcome::from_error(&err);
            if let Err(store) = app.deliveries.release(&key, name, owner, &err.to_string()).await {
                warn!(target = name, error = %store, "could not release the CRM write claim");
            }
            (outcome, attempt)
        }
    }
}

/// Records a write the CRM accepted. Retried a few times within the deadline: an unrecorded
/// write is written again once its lease expires (the CRM de-duplicates it by key, but a repeat
/// is still a second request).
async fn record_written(
    app: &App,
    key: &str,
    name: &str,
    owner: &str,
    written: &Written,
    delivery: &Delivery<'_>,
) {
    // Three attempts, 50 to 200 ms apart.
    let policy = RetryPolicy::new(3, Duration::from_millis(50), Duration::from_millis(200));
    let mut backoff = policy.start(delivery.deadline);
    loop {
        let Err(err) = app
            .deliveries
            .complete(key, name, owner, written.http_status, written.latency_ms)
            .await
        else {
            return;
        };
        // A conflict means the lease is lost: another worker owns the record now.
        let wait = match err {
            StoreError::Conflict(_) => None,
            _ => backoff.next_wait(None).ok(),
        };
        let Some(wait) = wait else {
            warn!(target = name, error = %err, "CRM write done but not recorded");
            return;
        };
        tokio::time::sleep(wait).await;
    }
}

/// Writes the sync status to the audit record and the summary table; false when that failed.
async fn record_status(app: &App, message: &CrmSyncMessage, outcome: &MessageOutcome) -> bool {
    let doc = outcome.crm_sync();
    let mut ok = true;
    if let Err(err) = app.audit.set_crm_sync(&message.audit_id, &doc).await {
        warn!(error = %err, "could not record the sync status in the audit record");
        ok = false;
    }
    let ids = ConversationId::parse(&message.conversation_id)
        .ok()
        .zip(RequestKey::parse(&message.idempotency_key).ok());
    if let Some((conversation, key)) = ids
        && let Err(err) = app
            .summaries
            .set_crm_sync(&conversation, &key, &message.audit_id, &doc)
            .await
    {
        // The summary may have been replaced by a newer request: not a reason to retry.
        warn!(error = %err, "could not record the sync status with the summary");
    }
    ok
}

/// The delivery a record carries (none when it does not parse: it runs on its own).
fn delivery_of(record: &SqsMessage) -> Option<String> {
    match record.body.as_deref().map(parse_crm_sync) {
        Some(Ok(message)) => Some(delivery_key(&message)),
        _ => None,
    }
}
