//! SQS on a simulated clock: what the functions see of a queue (send, visibility changes,
//! requeues with a delay, their own dead letters) and what SQS does on its own (visibility
//! timeout, `ApproximateReceiveCount`, the redrive policy's `maxReceiveCount`). Time is the
//! soak's [`SimClock`], so a 30-minute outage and 15-minute backoffs pass in no real time.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use aws_lambda_events::event::sqs::{SqsEvent, SqsMessage, SqsMessageAttribute};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use wrapup::queue::{MessageQueue, QueueError};
use wrapup_lambda_kit::{ControlError, QueueControl};

/// Simulated milliseconds, shared by every queue of a soak.
#[derive(Debug, Clone, Default)]
pub struct SimClock(Arc<AtomicU64>);

impl SimClock {
    pub fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    /// Moves time forward to `ms` (never back).
    pub fn advance_to(&self, ms: u64) {
        self.0.fetch_max(ms, Ordering::SeqCst);
    }
}

/// A message on the queue.
#[derive(Debug, Clone)]
struct Stored {
    id: String,
    body: String,
    attributes: Vec<(String, String)>,
    receives: u32,
    /// Simulated time of each receive.
    received_at: Vec<u64>,
    visible_at: u64,
    /// The receipt handle of the current delivery, if in flight.
    receipt: Option<String>,
}

/// A message that left the queue for its dead-letter queue.
#[derive(Debug, Clone)]
pub struct DeadLetterRecord {
    /// The message id it had on the queue (empty when the function sent it).
    pub id: String,
    pub body: String,
    pub attributes: Vec<(String, String)>,
    /// `true` when SQS's redrive moved it (too many receives), `false` when the function sent it.
    pub by_redrive: bool,
    pub receives: u32,
    /// Simulated time (ms) of each receive.
    pub received_at: Vec<u64>,
}

#[derive(Debug)]
struct State {
    messages: BTreeMap<String, Stored>,
    dead: Vec<DeadLetterRecord>,
    next_id: u64,
    duplicates: u64,
    /// A standard queue hands out messages in no particular order.
    order: StdRng,
}

/// One queue and its dead-letter queue.
#[derive(Debug)]
pub struct SimQueue {
    name: &'static str,
    clock: SimClock,
    visibility_timeout: Duration,
    max_receive_count: u32,
    /// Every n-th message sent is delivered twice (SQS delivers at least once); 0: never.
    duplicate_every: u64,
    state: Mutex<State>,
}

impl SimQueue {
    /// A queue with the template's visibility timeout and redrive `maxReceiveCount`.
    pub fn new(
        name: &'static str,
        clock: SimClock,
        visibility_timeout: Duration,
        max_receive_count: u32,
    ) -> Self {
        Self {
            name,
            clock,
            visibility_timeout,
            max_receive_count,
            duplicate_every: 0,
            state: Mutex::new(State {
                messages: BTreeMap::new(),
                dead: Vec::new(),
                next_id: 0,
                duplicates: 0,
                order: StdRng::seed_from_u64(max_receive_count.into()),
            }),
        }
    }

    /// Delivers every `n`-th message sent twice, as SQS may.
    pub fn with_duplicates(mut self, n: u64) -> Self {
        self.duplicate_every = n;
        self
    }

    /// Copies delivered beside the messages sent.
    pub fn duplicates(&self) -> u64 {
        self.state().duplicates
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn put(&self, body: &str, attributes: Vec<(String, String)>, delay: Duration) -> String {
        let mut state = self.state();
        state.next_id += 1;
        let id = format!("{}-{}", self.name, state.next_id);
        let visible_at = self.clock.now_ms() + delay.as_millis() as u64;
        state.messages.insert(
            id.clone(),
            Stored {
                id: id.clone(),
                body: body.to_owned(),
                attributes,
                receives: 0,
                received_at: Vec::new(),
                visible_at,
                receipt: None,
            },
        );
        id
    }

    /// Up to `max` visible messages as the event source mapping hands them to the function.
    /// Messages received `maxReceiveCount` times already go to the dead-letter queue instead.
    pub fn receive(&self, max: usize) -> SqsEvent {
        let now = self.clock.now_ms();
        let mut state = self.state();
        let mut visible: Vec<String> = state
            .messages
            .values()
            .filter(|m| m.visible_at <= now)
            .map(|m| m.id.clone())
            .collect();
        visible.shuffle(&mut state.order);
        let mut records = Vec::new();
        for id in visible {
            if records.len() == max {
                break;
            }
            let Some(message) = state.messages.get_mut(&id) else {
                continue;
            };
            if message.receives >= self.max_receive_count {
                let message = state.messages.remove(&id).expect("present");
                state.dead.push(DeadLetterRecord {
                    id: message.id,
                    body: message.body,
                    attributes: message.attributes,
                    by_redrive: true,
                    receives: message.receives,
                    received_at: message.received_at,
                });
                continue;
            }
            message.receives += 1;
            message.received_at.push(now);
            message.visible_at = now + self.visibility_timeout.as_millis() as u64;
            let receipt = format!("{id}#{}", message.receives);
            message.receipt = Some(receipt.clone());
            records.push(record(message, receipt));
        }
        let mut event = SqsEvent::default();
        event.records = records;
        event
    }

    /// Deletes the message of a receipt handle (the event source mapping, after a batch).
    pub fn delete(&self, receipt: &str) {
        let mut state = self.state();
        let id = receipt.split('#').next().unwrap_or_default().to_owned();
        if state
            .messages
            .get(&id)
            .is_some_and(|m| m.receipt.as_deref() == Some(receipt))
        {
            state.messages.remove(&id);
        }
    }

    /// When the next message becomes visible, if any is waiting.
    pub fn next_visible_at(&self) -> Option<u64> {
        self.state().messages.values().map(|m| m.visible_at).min()
    }

    pub fn is_empty(&self) -> bool {
        self.state().messages.is_empty()
    }

    pub fn dead_letters(&self) -> Vec<DeadLetterRecord> {
        self.state().dead.clone()
    }
}

fn record(message: &Stored, receipt: String) -> SqsMessage {
    let mut record = SqsMessage::default();
    record.message_id = Some(message.id.clone());
    record.receipt_handle = Some(receipt);
    record.body = Some(message.body.clone());
    record
        .attributes
        .insert("ApproximateReceiveCount".into(), message.receives.to_string());
    for (name, value) in &message.attributes {
        let mut attribute = SqsMessageAttribute::default();
        attribute.string_value = Some(value.clone());
        attribute.data_type = Some("String".into());
        record.message_attributes.insert(name.clone(), attribute);
    }
    record.event_source = Some("aws:sqs".into());
    record
}

#[async_trait]
impl MessageQueue for SimQueue {
    async fn send_delayed(
        &self,
        body: &str,
        attributes: &[(&str, &str)],
        delay: Duration,
    ) -> Result<String, QueueError> {
        // The limits SQS enforces, as the real and in-memory queues check them.
        wrapup::queue::check_message(body, attributes)?;
        let attributes: Vec<(String, String)> = attributes
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        let id = self.put(body, attributes.clone(), delay);
        let sent = self.state().next_id;
        if self.duplicate_every > 0 && sent.is_multiple_of(self.duplicate_every) {
            self.put(body, attributes, delay);
            self.state().duplicates += 1;
        }
        Ok(id)
    }
}

#[async_trait]
impl QueueControl for SimQueue {
    async fn change_visibility(&self, receipt_handle: &str, wait: Duration) -> Result<(), ControlError> {
        let now = self.clock.now_ms();
        let mut state = self.state();
        let id = receipt_handle.split('#').next().unwrap_or_default().to_owned();
        match state.messages.get_mut(&id) {
            Some(message) if message.receipt.as_deref() == Some(receipt_handle) => {
                message.visible_at = now + wait.as_millis() as u64;
                Ok(())
            }
            // SQS refuses a receipt handle that is no longer current.
            _ => Err(ControlError::Sqs("ReceiptHandleIsInvalid".into())),
        }
    }

    async fn dead_letter(
        &self,
        body: &str,
        attributes: &[(&'static str, String)],
    ) -> Result<(), ControlError> {
        self.state().dead.push(DeadLetterRecord {
            id: String::new(),
            body: body.to_owned(),
            attributes: attributes
                .iter()
                .map(|(n, v)| ((*n).to_owned(), v.clone()))
                .collect(),
            by_redrive: false,
            receives: 0,
            received_at: Vec::new(),
        });
        Ok(())
    }

    async fn requeue(
        &self,
        body: &str,
        attributes: &[(String, String)],
        delay: Duration,
    ) -> Result<(), ControlError> {
        self.put(body, attributes.to_vec(), delay);
        Ok(())
    }
}
