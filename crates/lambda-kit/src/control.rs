//! What the consumer asks of the queue besides the batch response: a longer visibility timeout
//! for a message that will be retried, and a copy in the dead-letter queue for one that never
//! can succeed. SQS in production, memory in the fast test tier.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_sqs::error::DisplayErrorContext;
use aws_sdk_sqs::types::MessageAttributeValue;

#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error("no dead-letter queue is configured for this queue")]
    NoDeadLetterQueue,
    /// SQS's error, for logs only.
    #[error("SQS: {0}")]
    Sqs(String),
}

#[async_trait]
pub trait QueueControl: Send + Sync {
    /// The message of `receipt_handle` becomes visible again after `wait`.
    async fn change_visibility(&self, receipt_handle: &str, wait: Duration) -> Result<(), ControlError>;

    /// Puts `body` on the dead-letter queue with `attributes` (string attributes).
    async fn dead_letter(
        &self,
        body: &str,
        attributes: &[(&'static str, String)],
    ) -> Result<(), ControlError>;

    /// Puts a copy of `body` back on the queue itself, delivered after `delay` (at most 15
    /// minutes), with its string `attributes`.
    async fn requeue(
        &self,
        body: &str,
        attributes: &[(String, String)],
        delay: Duration,
    ) -> Result<(), ControlError>;
}

fn string_attribute(value: &str) -> Result<MessageAttributeValue, ControlError> {
    MessageAttributeValue::builder()
        .data_type("String")
        .string_value(value)
        .build()
        .map_err(|err| ControlError::Sqs(err.to_string()))
}

/// The real queue and, when it has one the function may send to, its dead-letter queue.
#[derive(Debug, Clone)]
pub struct SqsControl {
    client: aws_sdk_sqs::Client,
    queue_url: String,
    dead_letter_url: Option<String>,
}

impl SqsControl {
    pub fn new(client: aws_sdk_sqs::Client, queue_url: String, dead_letter_url: Option<String>) -> Self {
        Self {
            client,
            queue_url,
            dead_letter_url,
        }
    }
}

#[async_trait]
impl QueueControl for SqsControl {
    async fn change_visibility(&self, receipt_handle: &str, wait: Duration) -> Result<(), ControlError> {
        self.client
            .change_message_visibility()
            .queue_url(&self.queue_url)
            .receipt_handle(receipt_handle)
            // Whole seconds, rounded up: a sub-second wait must not become "visible now".
            .visibility_timeout(wait.as_secs_f64().ceil().min(f64::from(i32::MAX)) as i32)
            .send()
            .await
            .map(|_| ())
            .map_err(|err| ControlError::Sqs(DisplayErrorContext(&err).to_string()))
    }

    async fn dead_letter(
        &self,
        body: &str,
        attributes: &[(&'static str, String)],
    ) -> Result<(), ControlError> {
        let url = self
            .dead_letter_url
            .as_deref()
            .ok_or(ControlError::NoDeadLetterQueue)?;
        let mut request = self.client.send_message().queue_url(url).message_body(body);
        for (name, value) in attributes {
            request = request.message_attributes(*name, string_attribute(value)?);
        }
        request
            .send()
            .await
            .map(|_| ())
            .map_err(|err| ControlError::Sqs(DisplayErrorContext(&err).to_string()))
    }

    async fn requeue(
        &self,
        body: &str,
        attributes: &[(String, String)],
        delay: Duration,
    ) -> Result<(), ControlError> {
        let mut request = self
            .client
            .send_message()
            .queue_url(&self.queue_url)
            .message_body(body)
            // Whole seconds, rounded up, at most SQS's 900.
            .delay_seconds(delay.as_secs_f64().ceil().clamp(0.0, 900.0) as i32);
        for (name, value) in attributes {
            request = request.message_attributes(name, string_attribute(value)?);
        }
        request
            .send()
            .await
            .map(|_| ())
            .map_err(|err| ControlError::Sqs(DisplayErrorContext(&err).to_string()))
    }
}

/// A dead letter kept by [`MemoryControl`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptLetter {
    pub body: String,
    pub attributes: Vec<(&'static str, String)>,
}

impl KeptLetter {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Keeps what the consumer asked for, for tests; `failing()` makes every call fail.
#[derive(Debug, Default)]
pub struct MemoryControl {
    visibility: Mutex<Vec<(String, Duration)>>,
    dead_letters: Mutex<Vec<KeptLetter>>,
    requeued: Mutex<Vec<(String, Duration)>>,
    failing: AtomicBool,
    no_dead_letter_queue: bool,
}

impl MemoryControl {
    pub fn new() -> Self {
        Self::default()
    }

    /// A queue whose messages only reach a dead-letter queue through its redrive policy.
    pub fn without_dead_letter_queue() -> Self {
        Self {
            no_dead_letter_queue: true,
            ..Self::default()
        }
    }

    /// Every later call fails, as SQS does when it is unreachable.
    pub fn fail(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }

    /// The visibility changes asked for, by receipt handle.
    pub fn visibility_changes(&self) -> Vec<(String, Duration)> {
        self.visibility.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// The copies put back on the queue: body and delay.
    pub fn requeued(&self) -> Vec<(String, Duration)> {
        self.requeued.lock().map(|v| v.clone()).unwrap_or_default()
    }

    pub fn dead_letters(&self) -> Vec<KeptLetter> {
        self.dead_letters.lock().map(|v| v.clone()).unwrap_or_default()
    }

    fn check(&self) -> Result<(), ControlError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(ControlError::Sqs("injected failure".into()));
        }
        Ok(())
    }
}

#[async_trait]
impl QueueControl for MemoryControl {
    async fn change_visibility(&self, receipt_handle: &str, wait: Duration) -> Result<(), ControlError> {
        self.check()?;
        if let Ok(mut changes) = self.visibility.lock() {
            changes.push((receipt_handle.to_owned(), wait));
        }
        Ok(())
    }

    async fn dead_letter(
        &self,
        body: &str,
        attributes: &[(&'static str, String)],
    ) -> Result<(), ControlError> {
        self.check()?;
        if self.no_dead_letter_queue {
            return Err(ControlError::NoDeadLetterQueue);
        }
        if let Ok(mut letters) = self.dead_letters.lock() {
            letters.push(KeptLetter {
                body: body.to_owned(),
                attributes: attributes.to_vec(),
            });
        }
        Ok(())
    }

    async fn requeue(
        &self,
        body: &str,
        _attributes: &[(String, String)],
        delay: Duration,
    ) -> Result<(), ControlError> {
        self.check()?;
        if let Ok(mut requeued) = self.requeued.lock() {
            requeued.push((body.to_owned(), delay));
        }
        Ok(())
    }
}
