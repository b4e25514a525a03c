//! SQS queues and the versioned messages Wrapup's functions exchange (docs/messages.md).

pub mod messages;

use std::sync::Mutex;

use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_sqs::error::DisplayErrorContext;
use aws_sdk_sqs::types::MessageAttributeValue;

pub use messages::{
    CrmSyncMessage, MESSAGE_TYPE_ATTRIBUTE, MESSAGE_VERSION, MessageError, ORIGIN_API_ASYNC,
    ORIGIN_API_BACKSTOP, ORIGIN_ASSIST_CALLBACK, SummaryJobMessage, parse_crm_sync, parse_summary_job,
};

/// SQS's limit on a message (body plus attributes), in bytes.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("SQS {operation} failed: {message}")]
    Sqs {
        operation: &'static str,
        message: String,
    },
    #[error("the message is {bytes} bytes, over SQS's limit of {MAX_MESSAGE_BYTES}")]
    TooLarge { bytes: usize },
    #[error("message attribute {name:?} is invalid: {reason}")]
    InvalidAttribute { name: String, reason: &'static str },
    #[error("SQS accepted the message but returned no message id")]
    NoMessageId,
}

#[async_trait]
pub trait MessageQueue: Send + Sync {
    /// Sends one message with string attributes, delivered after `delay` (SQS's `DelaySeconds`,
    /// at most 15 minutes); returns its message id.
    async fn send_delayed(
        &self,
        body: &str,
        attributes: &[(&str, &str)],
        delay: Duration,
    ) -> Result<String, QueueError>;

    /// Sends one message with string attributes, delivered at once; returns its message id.
    async fn send(&self, body: &str, attributes: &[(&str, &str)]) -> Result<String, QueueError> {
        self.send_delayed(body, attributes, Duration::ZERO).await
    }
}

/// SQS's longest message delay.
pub const MAX_SEND_DELAY: Duration = Duration::from_secs(15 * 60);

/// A standard SQS queue by URL.
#[derive(Clone, Debug)]
pub struct SqsQueue {
    client: aws_sdk_sqs::Client,
    url: String,
}

impl SqsQueue {
    pub fn new(client: aws_sdk_sqs::Client, url: impl Into<String>) -> Self {
        Self {
            client,
            url: url.into(),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

/// The checks SQS would make, made before the call so the error says what is wrong.
pub fn check_message(body: &str, attributes: &[(&str, &str)]) -> Result<(), QueueError> {
    let mut bytes = body.len();
    for (name, value) in attributes {
        let invalid = |reason| QueueError::InvalidAttribute {
            name: (*name).to_owned(),
            reason,
        };
        if name.is_empty() || name.len() > 256 {
            return Err(invalid("names are 1 to 256 characters"));
        }
        let name_ok = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        if !name_ok || name.starts_with('.') || name.ends_with('.') || name.contains("..") {
            return Err(invalid(
                "names use letters, digits, '_', '-' and '.', not at either end or twice in a row",
            ));
        }
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("aws.") || lower.starts_with("amazon.") {
            return Err(invalid("names starting with AWS. or Amazon. are reserved"));
        }
        if value.is_empty() {
            return Err(invalid("values must not be empty"));
        }
        bytes += name.len() + "String".len() + value.len();
    }
    if attributes.len() > 10 {
        return Err(QueueError::InvalidAttribute {
            name: "(all)".to_owned(),
            reason: "a message carries at most 10 attributes",
        });
    }
    if bytes > MAX_MESSAGE_BYTES {
        return Err(QueueError::TooLarge { bytes });
    }
    Ok(())
}

#[async_trait]
impl MessageQueue for SqsQueue {
    async fn send_delayed(
        &self,
        body: &str,
        attributes: &[(&str, &str)],
        delay: Duration,
    ) -> Result<String, QueueError> {
        check_message(body, attributes)?;
        let mut request = self.client.send_message().queue_url(&self.url).message_body(body);
        if !delay.is_zero() {
            let secs = delay.min(MAX_SEND_DELAY).as_secs();
            request = request.delay_seconds(i32::try_from(secs).unwrap_or(900));
        }
        for (name, value) in attributes {
            let value = MessageAttributeValue::builder()
                .data_type("String")
                .string_value(*value)
                .build()
                .map_err(|e| QueueError::Sqs {
                    operation: "SendMessage",
                    message: e.to_string(),
                })?;
            request = request.message_attributes(*name, value);
        }
        let output = request.send().await.map_err(|e| QueueError::Sqs {
            operation: "SendMessage",
            message: DisplayErrorContext(&e).to_string(),
        })?;
        output.message_id.ok_or(QueueError::NoMessageId)
    }
}

/// A message [`MemoryQueue`] accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentMessage {
    pub id: String,
    pub body: String,
    pub attributes: Vec<(String, String)>,
    /// The delivery delay asked for (zero: at once).
    pub delay: Duration,
}

/// An in-process queue for tests and local runs: keeps what was sent, applies SQS's checks.
#[derive(Debug, Default)]
pub struct MemoryQueue {
    sent: Mutex<Vec<SentMessage>>,
}

impl MemoryQueue {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every message sent so far, in order.
    pub fn sent(&self) -> Vec<SentMessage> {
        match self.sent.lock() {
            Ok(sent) => sent.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

#[async_trait]
impl MessageQueue for MemoryQueue {
    async fn send_delayed(
        &self,
        body: &str,
        attributes: &[(&str, &str)],
        delay: Duration,
    ) -> Result<String, QueueError> {
        check_message(body, attributes)?;
        let id = uuid::Uuid::new_v4().to_string();
        let message = SentMessage {
            id: id.clone(),
            body: body.to_owned(),
            attributes: attributes
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            delay: delay.min(MAX_SEND_DELAY),
        };
        // A poisoned lock only means another test thread panicked; keep recording.
        match self.sent.lock() {
            Ok(mut sent) => sent.push(message),
            Err(poisoned) => poisoned.into_inner().push(message),
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_queue_records_and_checks() {
        let queue = MemoryQueue::new();
        let id = queue.send("{}", &[("messageType", "crm-sync")]).await.unwrap();
        assert_eq!(queue.sent().len(), 1);
        assert_eq!(queue.sent()[0].id, id);
        assert_eq!(
            queue.sent()[0].attributes,
            [("messageType".into(), "crm-sync".into())]
        );

        for bad in [
            ("", "v"),
            ("AWS.trace", "v"),
            ("a b", "v"),
            ("ok", ""),
            ("a..b", "v"),
        ] {
            let err = queue.send("{}", &[bad]).await.unwrap_err();
            assert!(
                matches!(err, QueueError::InvalidAttribute { .. }),
                "{bad:?}: {err}"
            );
        }
        let big = "x".repeat(MAX_MESSAGE_BYTES + 1);
        assert!(matches!(
            queue.send(&big, &[]).await,
            Err(QueueError::TooLarge { .. })
        ));
        assert_eq!(queue.sent().len(), 1, "rejected messages are not recorded");
    }
}
