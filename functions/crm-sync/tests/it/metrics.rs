//! crm-sync's metrics on the fast tier: every line it writes is valid EMF by the specification's
//! schema, with the names, units, dimensions and values of what happened; none carries an id or
//! text of a message.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lambda_events::event::sqs::SqsEvent;
use lambda_runtime::Context;
use serde_json::{Value, json};
use wrapup_adapters::queue::parse_crm_sync;
use wrapup_genesys::Fault;
use wrapup_metrics::{EmfDocument, MemorySink, NAMESPACE, checked_documents, leaks};

use crate::common::*;

const DATA_ACTION: &str = "postIntegrationsActionExecute";

/// Every line of the sink, checked against the EMF specification and carrying crm-sync's
/// `Function` dimension; the sink is left empty.
fn documents(sink: &MemorySink) -> Vec<EmfDocument> {
    let docs =
        checked_documents(&sink.take(), crm_sync::metrics::FUNCTION_NAME).unwrap_or_else(|e| panic!("{e}"));
    assert!(docs.iter().all(|d| d.namespace == NAMESPACE));
    docs
}

/// The sum of `name` over the documents with exactly these dimensions (besides `Function`),
/// checking its unit.
/// The Data Action writes of one outcome the documents count.
fn data_action_writes(docs: &[EmfDocument], outcome: &str) -> f64 {
    total(
        docs,
        "Writes",
        "Count",
        &[("Target", "dataAction"), ("Outcome", outcome)],
    )
}

fn total(docs: &[EmfDocument], name: &str, unit: &str, dims: &[(&str, &str)]) -> f64 {
    docs.iter()
        .filter(|d| {
            d.dimensions.len() == dims.len() + 1 && dims.iter().all(|(k, v)| d.dimension(k) == Some(*v))
        })
        .filter_map(|d| d.metric(name))
        .inspect(|m| assert_eq!(m.unit.as_deref(), Some(unit), "{name}"))
        .flat_map(|m| m.values.iter())
        .sum()
}

/// The names of every metric the documents carry, with their dimensions.
fn series(docs: &[EmfDocument]) -> Vec<String> {
    let mut names: Vec<String> = docs
        .iter()
        .flat_map(|d| {
            d.metrics
                .iter()
                .map(move |m| format!("{} {:?}", m.name, d.dimensions))
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[tokio::test]
async fn writes_are_counted_by_target_and_outcome_and_a_redelivery_is_a_duplicate() {
    let h = memory_harness("dataAction,participantAttributes");
    let m = message(&h.conversations[0], 1);
    audit_for(h.app.audit.as_ref(), &m).await;
    assert!(h.deliver(&[&m], 1).await.is_empty());
    let docs = documents(&h.metrics);
    for target in ["dataAction", "participantAttributes"] {
        let written = [("Target", target), ("Outcome", "written")];
        assert_eq!(
            total(&docs, "Writes", "Count", &written),
            1.0,
            "{:?}",
            series(&docs)
        );
        assert_eq!(
            total(&docs, "AttemptsBeforeSuccess", "None", &[("Target", target)]),
            1.0
        );
    }
    assert_eq!(
        total(&docs, "DeadLetters", "Count", &[("Reason", "invalid_message")]),
        0.0
    );

    // A redelivery writes nothing: both targets count a duplicate, no attempt and no new write.
    assert!(h.deliver(&[&m], 2).await.is_empty());
    let docs = documents(&h.metrics);
    for target in ["dataAction", "participantAttributes"] {
        assert_eq!(
            total(
                &docs,
                "Writes",
                "Count",
                &[("Target", target), ("Outcome", "duplicate")]
            ),
            1.0
        );
        assert_eq!(
            total(
                &docs,
                "Writes",
                "Count",
                &[("Target", target), ("Outcome", "written")]
            ),
            0.0
        );
    }
    assert!(
        docs.iter().all(|d| d.metric("AttemptsBeforeSuccess").is_none()),
        "{:?}",
        series(&docs)
    );
}

#[tokio::test]
async fn a_retried_write_counts_its_retries_then_its_attempts_before_success() {
    let h = memory_harness("dataAction");
    let m = message(&h.conversations[1], 2);
    audit_for(h.app.audit.as_ref(), &m).await;
    h.genesys.fail_next(DATA_ACTION, Fault::Status(503), 2);
    let retry = [("Target", "dataAction"), ("Outcome", "retry")];
    for receive in 1..=2 {
        assert_eq!(h.deliver(&[&m], receive).await.len(), 1);
        let docs = documents(&h.metrics);
        assert_eq!(
            total(&docs, "Writes", "Count", &retry),
            1.0,
            "{:?}",
            series(&docs)
        );
        assert!(docs.iter().all(|d| d.metric("DeadLetters").is_none()));
    }
    assert!(h.deliver(&[&m], 3).await.is_empty());
    let docs = documents(&h.metrics);
    assert_eq!(data_action_writes(&docs, "written"), 1.0);
    assert_eq!(total(&docs, "Writes", "Count", &retry), 0.0);
    assert_eq!(
        total(
            &docs,
            "AttemptsBeforeSuccess",
            "None",
            &[("Target", "dataAction")]
        ),
        3.0,
        "written on the third attempt"
    );
}

#[tokio::test]
async fn a_refusal_and_an_invalid_message_are_dead_letters_by_reason_class() {
    let h = memory_harness("dataAction");
    let refused = message(&h.conversations[2], 3);
    let fine = message(&h.conversations[3], 4);
    for m in [&refused, &fine] {
        audit_for(h.app.audit.as_ref(), m).await;
    }
    h.genesys.fail_next(DATA_ACTION, Fault::Status(400), 1);
    let invalid = json!({"version": 1, "conversationId": "not a crm-sync message"});
    assert!(h.deliver(&[&refused, &fine, &invalid], 1).await.is_empty());
    assert_eq!(h.control.dead_letters().len(), 2);
    let docs = documents(&h.metrics);
    assert_eq!(data_action_writes(&docs, "failed"), 1.0);
    assert_eq!(data_action_writes(&docs, "written"), 1.0);
    assert_eq!(
        total(&docs, "DeadLetters", "Count", &[("Reason", "rejected")]),
        1.0
    );
    assert_eq!(
        total(&docs, "DeadLetters", "Count", &[("Reason", "invalid_message")]),
        1.0
    );
    let all_dead_letters: f64 = docs.iter().map(|d| d.sum("DeadLetters")).sum();
    assert_eq!(all_dead_letters, 2.0, "{:?}", series(&docs));
}

#[tokio::test]
async fn a_write_another_worker_holds_is_busy_not_failed() {
    let h = memory_harness("dataAction");
    let m = message(&h.conversations[4], 5);
    audit_for(h.app.audit.as_ref(), &m).await;
    let key = wrapup_adapters::crm::delivery_key(&parse_crm_sync(&m.to_string()).unwrap());
    h.app
        .deliveries
        .claim(&key, "dataAction", "another-worker", Duration::from_secs(60))
        .await
        .unwrap();
    assert!(h.deliver(&[&m], 1).await.is_empty(), "requeued, not retried");
    let docs = documents(&h.metrics);
    assert_eq!(data_action_writes(&docs, "busy"), 1.0);
    assert!(
        docs.iter()
            .all(|d| d.metric("DeadLetters").is_none() && d.metric("AttemptsBeforeSuccess").is_none())
    );
}

fn now_millis() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

#[tokio::test]
async fn the_oldest_message_age_comes_from_the_sent_timestamps_of_the_batch() {
    let h = memory_harness("dataAction");
    let (a, b) = (message(&h.conversations[5], 6), message(&h.conversations[6], 7));
    for m in [&a, &b] {
        audit_for(h.app.audit.as_ref(), m).await;
    }
    let bodies = [a.to_string(), b.to_string()];
    let mut event: Value = wrapup_testkit::sqs_event_of("crm-sync", &[(&bodies[0], 1), (&bodies[1], 1)]);
    let sent = now_millis();
    event["Records"][0]["attributes"]["SentTimestamp"] = json!((sent - 5_000).to_string());
    event["Records"][1]["attributes"]["SentTimestamp"] = json!((sent - 90_000).to_string());
    let event: SqsEvent = serde_json::from_value(event).unwrap();
    let failures = crm_sync::handle_batch(&h.app, event, &Context::default()).await;
    assert!(failures.batch_item_failures.is_empty());
    let docs = documents(&h.metrics);
    let ages: Vec<f64> = docs
        .iter()
        .filter_map(|d| d.metric("OldestMessageAge"))
        .inspect(|m| assert_eq!(m.unit.as_deref(), Some("Milliseconds")))
        .flat_map(|m| m.values.clone())
        .collect();
    assert_eq!(ages.len(), 1, "one age per batch: {ages:?}");
    assert!(
        (90_000.0..120_000.0).contains(&ages[0]),
        "the older message's age: {ages:?}"
    );
    assert_eq!(
        total(&docs, "OldestMessageAge", "Milliseconds", &[]),
        ages[0],
        "no dimension but Function"
    );

    // Records without a SentTimestamp (the fast tier's events): no age rather than a wrong one.
    let c = message(&h.conversations[7], 8);
    audit_for(h.app.audit.as_ref(), &c).await;
    assert!(h.deliver(&[&c], 1).await.is_empty());
    assert!(
        documents(&h.metrics)
            .iter()
            .all(|d| d.metric("OldestMessageAge").is_none())
    );
}

#[tokio::test]
async fn no_metric_line_carries_an_id_or_text_of_a_message() {
    let h = memory_harness("dataAction,participantAttributes");
    let messages: Vec<Value> = (0..3).map(|n| message(&h.conversations[n], 100 + n)).collect();
    for m in &messages {
        audit_for(h.app.audit.as_ref(), m).await;
    }
    // Written, retried, refused, redelivered: every kind of line.
    h.genesys.fail_next(DATA_ACTION, Fault::Status(503), 1);
    assert_eq!(h.deliver(&[&messages[0]], 1).await.len(), 1);
    h.genesys.fail_next(DATA_ACTION, Fault::Status(404), 1);
    assert!(h.deliver(&[&messages[1]], 1).await.is_empty());
    let refs: Vec<&Value> = messages.iter().collect();
    h.deliver(&refs, 2).await;
    let lines = h.metrics.lines();
    assert!(lines.len() >= 6, "{lines:?}");
    let mut secrets: Vec<String> = Vec::new();
    for m in &messages {
        for field in ["conversationId", "caseId", "auditId", "idempotencyKey"] {
            secrets.push(m[field].as_str().unwrap().to_owned());
        }
        secrets.push(m["summary"]["executiveSummary"].as_str().unwrap().to_owned());
        secrets.push(m["summary"]["reason"].as_str().unwrap().to_owned());
    }
    secrets.push("duplicate charge".into());
    secrets.push("CASE-".into());
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let found = leaks(&lines, &secrets);
    assert!(found.is_empty(), "{found:#?}");
    let docs = documents(&h.metrics);
    assert_eq!(
        total(&docs, "DeadLetters", "Count", &[("Reason", "not_found")]),
        1.0
    );
}
