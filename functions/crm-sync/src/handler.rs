//! One SQS batch: each record parsed and handled on its own; one bad message never fails the
//! others.

use std::time::Duration;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use aws_sdk_sqs::types::MessageAttributeValue;
use futures_util::StreamExt;
use lambda_runtime::Context;
use tracing::{error, info, instrument, warn};
use wrapup::crm::{CrmTarget, Delivery};
use wrapup::genesys::Deadline;
use wrapup::ids::ConversationId;
use wrapup::queue::{CrmSyncMessage, parse_crm_sync};
use wrapup::store::{DeliveryClaim, RequestKey};

use crate::App;
use crate::backoff::visibility;
use crate::outcome::{MessageOutcome, TargetOutcome, Verdict};

const PARALLEL_MESSAGES: usize = 10;
const RESERVE: Duration = Duration::from_secs(2);

pub async fn handle_batch(app: &App, batch: SqsEvent, context: &Context) -> SqsBatchResponse {
    let deadline = if context.deadline > 0 {
        Deadline::from_epoch_millis(context.deadline, RESERVE)
    } else {
        Deadline::after(Duration::from_secs(25))
    };
    let owner = if context.request_id.is_empty() {
        uuid::Uuid::new_v4().to_string()
    } else {
        context.request_id.clone()
    };
    // Copies of one delivery in the same batch run one after the other (the later ones find the
    // write done); different deliveries run in parallel.
    let mut groups: Vec<(String, Vec<SqsMessage>)> = Vec::new();
    for record in batch.records {
        let key = delivery_key(&record);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, records)) => records.push(record),
            None => groups.push((key, vec![record])),
        }
    }
    let failures: Vec<BatchItemFailure> = futures_util::stream::iter(groups)
        .map(|(_, records)| {
            let owner = owner.clone();
            async move {
                let mut failures = Vec::new();
                for record in records {
                    if handle_record(app, &record, &owner, deadline).await {
                        let mut failure = BatchItemFailure::default();
                        failure.item_identifier = record.message_id.clone().unwrap_or_default();
                        failures.push(failure);
                    }
                }
                failures
            }
        })
        .buffer_unordered(PARALLEL_MESSAGES)
        .flat_map(futures_util::stream::iter)
        .collect()
        .await;
    let mut response = SqsBatchResponse::default();
    response.batch_item_failures = failures;
    response
}

/// Returns true when the message must stay on the queue (it will be delivered again).
#[instrument(skip_all, fields(message_id = record.message_id.as_deref().unwrap_or("")))]
async fn handle_record(app: &App, record: &SqsMessage, owner: &str, deadline: Deadline) -> bool {
    let body = record.body.as_deref().unwrap_or_default();
    let message = match parse_crm_sync(body) {
        Ok(message) => message,
        Err(err) => {
            // It will never parse: dead-letter it now with the reason, rather than five times.
            warn!(error = %err, "invalid crm-sync message");
            return !dead_letter(app, record, "message", None, &format!("invalid message: {err}")).await;
        }
    };
    let delivery = Delivery {
        message: &message,
        deadline,
    };
    let mut outcome = MessageOutcome::default();
    for target in &app.targets {
        let (result, attempts) = write_once(app, target.as_ref(), &delivery, owner).await;
        outcome.record(target.kind(), result, attempts);
    }
    let verdict = outcome.verdict();
    let dead_letter_queue =
        matches!(verdict, Verdict::DeadLetter { .. }).then_some(app.config.dlq_url.as_str());
    if !record_status(app, &message, &outcome, dead_letter_queue).await {
        // The CRM writes are recorded as done: a redelivery only completes the bookkeeping.
        return true;
    }
    match verdict {
        Verdict::Done => {
            info!(conversation_id = %message.conversation_id, audit_id = %message.audit_id, "synced");
            false
        }
        Verdict::Retry { retry_after } => {
            let receives = receive_count(record);
            let wait = visibility(receives, app.config.retry_base, retry_after);
            warn!(receives, wait_secs = wait.as_secs(), "CRM write will be retried");
            change_visibility(app, record, wait).await;
            true
        }
        Verdict::DeadLetter {
            target,
            status,
            reason,
        } => !dead_letter(app, record, target.as_str(), status, &reason).await,
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
            if let Err(err) = app
                .deliveries
                .complete(&key, name, owner, written.http_status, written.latency_ms)
                .await
            {
                // The write happened; if we lost the lease, the receiver de-duplicates by key.
                warn!(target = name, error = %err, "CRM write done but not recorded");
            }
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

/// Writes the sync status to the audit record and the summary table; false when that failed.
async fn record_status(
    app: &App,
    message: &CrmSyncMessage,
    outcome: &MessageOutcome,
    dlq: Option<&str>,
) -> bool {
    let doc = outcome.crm_sync(dlq);
    let mut ok = true;
    if let Err(err) = app.audit.set_crm_sync(&message.audit_id, &doc).await {
        warn!(error = %err, "could not record the sync status in the audit record");
        ok = false;
    }
    let ids = ConversationId::parse(&message.conversation_id)
        .ok()
        .zip(RequestKey::parse(&message.idempotency_key).ok());
    if let Some((conversation, key)) = ids
        && let Err(err) = app.summaries.set_crm_sync(&conversation, &key, &doc).await
    {
        // The summary may have been replaced by a newer request: not a reason to retry.
        warn!(error = %err, "could not record the sync status with the summary");
    }
    ok
}

/// The delivery a record carries (or, when it does not parse, the record itself).
fn delivery_key(record: &SqsMessage) -> String {
    match record.body.as_deref().map(parse_crm_sync) {
        Some(Ok(message)) => format!("{}.{}", message.idempotency_key, message.audit_id),
        _ => format!("record:{}", record.message_id.as_deref().unwrap_or_default()),
    }
}

fn receive_count(record: &SqsMessage) -> u32 {
    record
        .attributes
        .get("ApproximateReceiveCount")
        .and_then(|c| c.parse().ok())
        .unwrap_or(1)
}

async fn change_visibility(app: &App, record: &SqsMessage, wait: Duration) {
    let Some(handle) = record.receipt_handle.as_deref() else {
        return;
    };
    let result = app
        .sqs
        .change_message_visibility()
        .queue_url(&app.config.queue_url)
        .receipt_handle(handle)
        // Whole seconds, rounded up: a sub-second wait must not become "visible now".
        .visibility_timeout(wait.as_secs_f64().ceil().min(f64::from(i32::MAX)) as i32)
        .send()
        .await;
    if let Err(err) = result {
        warn!(error = %aws_sdk_sqs::error::DisplayErrorContext(&err), "could not change the visibility timeout");
    }
}

/// Sends the message to the DLQ with the reason as attributes; true when it is there (and the
/// original may be deleted).
async fn dead_letter(
    app: &App,
    record: &SqsMessage,
    target: &str,
    status: Option<u16>,
    reason: &str,
) -> bool {
    let attribute = |value: String| {
        MessageAttributeValue::builder()
            .data_type("String")
            .string_value(value)
            .build()
    };
    let mut request = app
        .sqs
        .send_message()
        .queue_url(&app.config.dlq_url)
        .message_body(record.body.clone().unwrap_or_default());
    // SQS attributes are at most 256 KB in all; a reason is a sentence.
    let reason: String = reason.chars().take(1000).collect();
    for (name, value) in [
        ("wrapupDeadLetterReason", Some(reason)),
        ("wrapupDeadLetterTarget", Some(target.to_owned())),
        ("wrapupDeadLetterStatus", status.map(|s| s.to_string())),
        (
            "messageType",
            record
                .message_attributes
                .get("messageType")
                .and_then(|a| a.string_value.clone()),
        ),
    ] {
        if let Some(Ok(value)) = value.map(attribute) {
            request = request.message_attributes(name, value);
        }
    }
    match request.send().await {
        Ok(_) => {
            warn!(target, status, "dead-lettered");
            true
        }
        Err(err) => {
            error!(error = %aws_sdk_sqs::error::DisplayErrorContext(&err), "could not dead-letter; the message stays on the queue");
            false
        }
    }
}
