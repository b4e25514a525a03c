//! A stand-in for Lambda's SQS event source mapping: receives batches, hands them to a handler as
//! an SQS event document, deletes what succeeded and leaves `batchItemFailures` for redelivery.

use std::future::Future;
use std::time::Duration;

use serde_json::{Value, json};
use tracing::{debug, warn};

/// How one poller receives.
#[derive(Debug, Clone)]
pub struct PollerOptions {
    /// Messages per batch (SQS allows 1..=10).
    pub batch_size: i32,
    /// Overrides the queue's visibility timeout for received messages (a crashed handler's
    /// messages come back after this long); `None` keeps the queue's.
    pub visibility_timeout: Option<i32>,
    /// Long-poll wait per receive.
    pub wait: Duration,
}

impl Default for PollerOptions {
    fn default() -> Self {
        Self {
            batch_size: 10,
            visibility_timeout: None,
            wait: Duration::from_secs(1),
        }
    }
}

/// Polls `url` for ever (abort the task to stop it), calling `handler` with each batch as an SQS
/// event. A handler error fails the whole batch, as a function error does in Lambda.
pub async fn poll<F, Fut>(sqs: aws_sdk_sqs::Client, url: String, options: PollerOptions, handler: F)
where
    F: Fn(Value) -> Fut,
    Fut: Future<Output = anyhow::Result<Value>>,
{
    let name = url.rsplit('/').next().unwrap_or_default().to_owned();
    let wait = i32::try_from(options.wait.as_secs()).unwrap_or(1);
    loop {
        let received = sqs
            .receive_message()
            .queue_url(&url)
            .max_number_of_messages(options.batch_size.clamp(1, 10))
            .wait_time_seconds(wait)
            .set_visibility_timeout(options.visibility_timeout)
            .message_system_attribute_names(
                aws_sdk_sqs::types::MessageSystemAttributeName::ApproximateReceiveCount,
            )
            // The age of a batch's oldest message (crm-sync's OldestMessageAge).
            .message_system_attribute_names(aws_sdk_sqs::types::MessageSystemAttributeName::SentTimestamp)
            .message_attribute_names("All")
            .send()
            .await;
        let messages = match received {
            Ok(out) => out.messages.unwrap_or_default(),
            Err(err) => {
                warn!(queue = %name, error = %err, "receiving from the queue failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if messages.is_empty() {
            continue;
        }
        let records: Vec<Value> = messages.iter().map(|m| record(&name, m)).collect();
        let failed: Vec<String> = match handler(json!({"Records": records})).await {
            Ok(answer) => answer["batchItemFailures"]
                .as_array()
                .map(|f| {
                    f.iter()
                        .filter_map(|i| i["itemIdentifier"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            Err(err) => {
                warn!(queue = %name, error = %err, "the function failed on a batch");
                messages
                    .iter()
                    .filter_map(|m| m.message_id().map(str::to_owned))
                    .collect()
            }
        };
        for message in &messages {
            let keep = message
                .message_id()
                .is_some_and(|id| failed.iter().any(|f| f == id));
            if let (false, Some(handle)) = (keep, message.receipt_handle())
                && let Err(err) = sqs
                    .delete_message()
                    .queue_url(&url)
                    .receipt_handle(handle)
                    .send()
                    .await
            {
                warn!(queue = %name, error = %err, "deleting a processed message failed");
            }
        }
        debug!(queue = %name, received = messages.len(), failed = failed.len(), "batch");
    }
}

/// An SQS event as Lambda delivers it, for messages that never went through SQS (the fast
/// tier's in-memory queues): `(body, receive count)` each, message ids `m-0`, `m-1`, ... in order.
pub fn sqs_event_of(queue: &str, messages: &[(&str, u32)]) -> Value {
    let records: Vec<Value> = messages
        .iter()
        .enumerate()
        .map(|(i, (body, receives))| {
            json!({
                "messageId": format!("m-{i}"),
                "receiptHandle": format!("r-{i}"),
                "body": body,
                "attributes": {"ApproximateReceiveCount": receives.to_string()},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": format!("arn:aws:sqs:us-east-1:000000000000:{queue}"),
                "awsRegion": "us-east-1"
            })
        })
        .collect();
    json!({"Records": records})
}

/// One SQS event record, as Lambda builds it.
fn record(queue: &str, message: &aws_sdk_sqs::types::Message) -> Value {
    let count = message
        .attributes()
        .and_then(|a| a.get(&aws_sdk_sqs::types::MessageSystemAttributeName::ApproximateReceiveCount))
        .cloned()
        .unwrap_or_else(|| "1".to_owned());
    let mut system = json!({"ApproximateReceiveCount": count});
    if let Some(sent) = message
        .attributes()
        .and_then(|a| a.get(&aws_sdk_sqs::types::MessageSystemAttributeName::SentTimestamp))
    {
        system["SentTimestamp"] = json!(sent);
    }
    let attributes: serde_json::Map<String, Value> = message
        .message_attributes()
        .map(|attrs| {
            attrs
                .iter()
                .filter_map(|(name, value)| {
                    value.string_value().map(|v| {
                        (name.clone(), json!({"stringValue": v, "dataType": value.data_type(), "stringListValues": [], "binaryListValues": []}))
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "messageId": message.message_id(),
        "receiptHandle": message.receipt_handle(),
        "body": message.body(),
        "attributes": system,
        "messageAttributes": attributes,
        "md5OfBody": message.md5_of_body(),
        "eventSource": "aws:sqs",
        "eventSourceARN": format!("arn:aws:sqs:us-east-1:000000000000:{queue}"),
        "awsRegion": "us-east-1"
    })
}
