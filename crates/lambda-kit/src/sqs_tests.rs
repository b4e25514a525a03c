//! The consumer against the real SQS event document AWS publishes, with the queue in memory.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lambda_events::event::sqs::{SqsEvent, SqsMessage};
use lambda_runtime::Context;

use super::*;

/// The vendored AWS example (spec/aws-lambda-events), its one record copied under new ids.
fn batch(bodies: &[&str]) -> SqsEvent {
    let text = include_str!("../../../spec/aws-lambda-events/example-sqs-event.json");
    let mut event: SqsEvent = serde_json::from_str(text).unwrap_or_default();
    let template: SqsMessage = event.records.first().cloned().unwrap_or_default();
    event.records = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let mut record = template.clone();
            record.message_id = Some(format!("m{i}"));
            record.receipt_handle = Some(format!("h{i}"));
            record.body = Some((*body).to_owned());
            record
        })
        .collect();
    event
}

fn context(seconds_left: i64) -> Context {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis() as i64;
    let mut context = Context::default();
    context.request_id = "req-1".into();
    context.deadline = (now + seconds_left * 1000).max(1) as u64;
    context
}

fn config(retry: Option<RetrySchedule>) -> ConsumerConfig {
    ConsumerConfig {
        queue: "test",
        parallel: 4,
        reserve: Duration::from_secs(1),
        budget_without_deadline: Duration::from_secs(10),
        retry,
    }
}

fn failed(response: &aws_lambda_events::event::sqs::SqsBatchResponse) -> Vec<String> {
    let mut ids: Vec<String> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.clone())
        .collect();
    ids.sort();
    ids
}

/// Bodies say what their handler answers: "ok", "retry", "retry-after-N", "bad".
async fn by_body(message: Received) -> Disposition {
    match message.body.as_str() {
        "ok" => Disposition::Done,
        "retry" => Disposition::retry(),
        "bad" => Disposition::DeadLetter(DeadLetter {
            reason: "invalid message: missing field `auditId`".into(),
            target: Some("message".into()),
            status: None,
        }),
        other => match other.strip_prefix("retry-after-").and_then(|s| s.parse().ok()) {
            Some(secs) => Disposition::Retry {
                retry_after: Some(Duration::from_secs(secs)),
            },
            None => Disposition::dead_letter("unknown body"),
        },
    }
}

#[tokio::test]
async fn only_the_records_that_must_come_back_are_reported() {
    let control = MemoryControl::new();
    let consumer = BatchConsumer::new(config(None), &control);
    let response = consumer
        .consume(
            batch(&["ok", "retry", "bad", "ok", "retry"]),
            &context(30),
            by_body,
        )
        .await;
    assert_eq!(failed(&response), ["m1", "m4"]);
    // The bad one went to the DLQ at once, with its reason and the message type it had.
    let letters = control.dead_letters();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].body, "bad");
    assert_eq!(
        letters[0].attribute("wrapupDeadLetterReason"),
        Some("invalid message: missing field `auditId`")
    );
    assert_eq!(letters[0].attribute("wrapupDeadLetterTarget"), Some("message"));
    assert_eq!(letters[0].attribute("wrapupDeadLetterStatus"), None);
    // Without a retry base and a server wait, the queue's own visibility timeout applies.
    assert!(control.visibility_changes().is_empty());
}

#[tokio::test]
async fn a_message_that_cannot_be_dead_lettered_stays_on_the_queue() {
    let control = MemoryControl::new();
    control.fail(true);
    let consumer = BatchConsumer::new(config(None), &control);
    let response = consumer
        .consume(batch(&["bad", "ok"]), &context(30), by_body)
        .await;
    assert_eq!(failed(&response), ["m0"]);
    assert!(control.dead_letters().is_empty());
    let without = MemoryControl::without_dead_letter_queue();
    let consumer = BatchConsumer::new(config(None), &without);
    let response = consumer.consume(batch(&["bad"]), &context(30), by_body).await;
    assert_eq!(
        failed(&response),
        ["m0"],
        "redrive policy takes it after maxReceiveCount"
    );
}

#[tokio::test]
async fn retried_messages_wait_longer_with_every_receive_and_at_least_retry_after() {
    let control = MemoryControl::new();
    let consumer = BatchConsumer::new(
        config(Some(RetrySchedule {
            base: Duration::from_secs(10),
            cap: Duration::from_secs(900),
        })),
        &control,
    );
    // The AWS example's record says ApproximateReceiveCount 2: 10 s doubled once, half jittered.
    let response = consumer
        .consume(batch(&["retry", "retry-after-600", "ok"]), &context(30), by_body)
        .await;
    assert_eq!(failed(&response), ["m0", "m1"]);
    let waits: HashMap<String, Duration> = control.visibility_changes().into_iter().collect();
    let first = waits.get("h0").copied().unwrap_or_default();
    assert!(
        first >= Duration::from_secs(10) && first <= Duration::from_secs(20),
        "{first:?}"
    );
    assert!(waits.get("h1").copied().unwrap_or_default() >= Duration::from_secs(600));
    assert!(!waits.contains_key("h2"));

    // Without a base, a server's wait is still honoured, capped at SQS's 12 hours.
    let control = MemoryControl::new();
    let consumer = BatchConsumer::new(config(None), &control);
    consumer
        .consume(batch(&["retry-after-99999999"]), &context(30), by_body)
        .await;
    assert_eq!(control.visibility_changes(), [("h0".to_owned(), MAX_VISIBILITY)]);
}

#[tokio::test]
async fn no_message_starts_after_the_deadline() {
    let control = MemoryControl::new();
    let consumer = BatchConsumer::new(config(None), &control);
    let calls = AtomicUsize::new(0);
    // 500 ms left is inside the 1 s reserve.
    let mut late = context(0);
    late.deadline += 500;
    let response = consumer
        .consume(batch(&["ok", "ok"]), &late, |m| {
            calls.fetch_add(1, Ordering::SeqCst);
            by_body(m)
        })
        .await;
    assert_eq!(failed(&response), ["m0", "m1"]);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn each_message_sees_its_receive_count_deadline_and_owner() {
    let control = MemoryControl::new();
    let consumer = BatchConsumer::new(config(None), &control);
    let seen = Mutex::new(Vec::new());
    consumer
        .consume(batch(&["ok"]), &context(30), |m| {
            if let Ok(mut seen) = seen.lock() {
                seen.push((m.receive_count, m.owner.to_string(), m.deadline.remaining()));
            }
            by_body(m)
        })
        .await;
    let seen = seen.into_inner().unwrap_or_default();
    assert_eq!(seen.len(), 1);
    assert_eq!((seen[0].0, seen[0].1.as_str()), (2, "req-1"));
    assert!(seen[0].2 > Duration::from_secs(27) && seen[0].2 <= Duration::from_secs(29));

    // A local invocation without a deadline or request id gets the configured budget and an owner.
    let seen = Mutex::new(Vec::new());
    consumer
        .consume(batch(&["ok"]), &Context::default(), |m| {
            if let Ok(mut seen) = seen.lock() {
                seen.push((m.owner.to_string(), m.deadline.remaining()));
            }
            by_body(m)
        })
        .await;
    let seen = seen.into_inner().unwrap_or_default();
    assert!(!seen[0].0.is_empty());
    assert!(seen[0].1 > Duration::from_secs(9));
}

/// Copies of one key never overlap; different keys do, up to `parallel`.
#[tokio::test]
async fn copies_of_one_delivery_run_one_after_the_other() {
    let control = MemoryControl::new();
    let consumer = BatchConsumer::new(config(None), &control);
    let running: Mutex<HashMap<String, usize>> = Mutex::new(HashMap::new());
    let overlap_same = AtomicUsize::new(0);
    let now = AtomicUsize::new(0);
    let peak = AtomicUsize::new(0);
    let bodies = ["a", "b", "a", "c", "a", "b", "d", "e"];
    let response = consumer
        .consume_grouped(
            batch(&bodies),
            &context(30),
            |record| record.body.clone(),
            |m| {
                let (running, overlap_same, now, peak) = (&running, &overlap_same, &now, &peak);
                async move {
                    if let Ok(mut r) = running.lock() {
                        let n = r.entry(m.body.clone()).or_default();
                        *n += 1;
                        if *n > 1 {
                            overlap_same.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    let current = now.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(current, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    now.fetch_sub(1, Ordering::SeqCst);
                    if let Ok(mut r) = running.lock()
                        && let Some(n) = r.get_mut(&m.body)
                    {
                        *n -= 1;
                    }
                    Disposition::Done
                }
            },
        )
        .await;
    assert!(failed(&response).is_empty());
    assert_eq!(overlap_same.load(Ordering::SeqCst), 0);
    let peak = peak.load(Ordering::SeqCst);
    assert!(peak > 1 && peak <= 4, "peak {peak}");
}

/// Waiting for another worker's lease costs no receive: a delayed copy goes back, this one is
/// deleted; when the copy cannot be sent, the message stays and comes back as a retry.
#[tokio::test]
async fn a_requeued_message_comes_back_as_a_delayed_copy() {
    let control = MemoryControl::new();
    let consumer = BatchConsumer::new(config(None), &control);
    let later = |_m: Received| async {
        Disposition::Requeue {
            after: Duration::from_secs(3600),
        }
    };
    let response = consumer.consume(batch(&["busy"]), &context(30), later).await;
    assert!(failed(&response).is_empty(), "the original is deleted");
    assert_eq!(control.requeued(), [("busy".to_owned(), MAX_DELAY)]);

    control.fail(true);
    let response = consumer.consume(batch(&["busy"]), &context(30), later).await;
    assert_eq!(failed(&response), ["m0"]);
}
