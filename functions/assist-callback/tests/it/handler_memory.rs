//! The handler in memory: the repository's SQS sample, duplicates, malformed and foreign
//! events, transient failures, and events straight from a rule.

use std::sync::Arc;
use std::time::Duration;

use assist_callback::dispatch;
use assist_callback::handler::{Outcome, process};
use lambda_runtime::Context;
use serde_json::{Value, json};
use wrapup_assist::MemoryAssistStore;

use crate::common::{DownStore, app, read};

fn sqs_batch(bodies: &[String]) -> Value {
    let mut batch = read("events/assist-events-sqs.json");
    let template = batch["Records"][0].clone();
    batch["Records"] = Value::Array(
        bodies
            .iter()
            .enumerate()
            .map(|(i, body)| {
                let mut record = template.clone();
                record["messageId"] = json!(format!("m-{i}"));
                record["body"] = json!(body);
                record
            })
            .collect(),
    );
    batch
}

fn failures(response: &Value) -> Vec<String> {
    response["batchItemFailures"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|x| x["itemIdentifier"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn the_sqs_sample_is_processed_and_again_acknowledged_as_duplicates() {
    let store = Arc::new(MemoryAssistStore::new());
    let (app, control, jobs) = app(store.clone());
    let batch = read("events/assist-events-sqs.json");
    let response = dispatch(&app, batch.clone(), &Context::default())
        .await
        .expect("answer");
    assert!(failures(&response).is_empty(), "{response}");
    assert_eq!(store.markers(), 3);
    assert_eq!(
        jobs.0.lock().map(|j| j.clone()).unwrap_or_default(),
        vec![Duration::from_secs(120)]
    );
    let again = dispatch(&app, batch, &Context::default()).await.expect("answer");
    assert!(failures(&again).is_empty());
    assert_eq!(store.markers(), 3);
    assert_eq!(
        jobs.0.lock().map(|j| j.len()).unwrap_or_default(),
        1,
        "one job per conversation"
    );
    assert!(control.dead_letters().is_empty());
}

#[tokio::test]
async fn one_bad_event_never_fails_the_others() {
    let store = Arc::new(MemoryAssistStore::new());
    let (app, control, _) = app(store.clone());
    let good = read("events/assist-suggestion-knowledge-search.json").to_string();
    let mut foreign = read("events/assist-customer-end.json");
    foreign["source"] = json!("aws.partner/genesys.com/cloud/00000000-0000-4000-8000-000000000000/x");
    let mut malformed = read("events/assist-intent.json");
    malformed["detail"]["eventBody"]["suggestionId"] = json!("not-a-uuid");
    let mut unknown = read("events/assist-intent.json");
    unknown["detail"]["version"] = json!("9");
    let batch = sqs_batch(&[
        good,
        "{not json".to_owned(),
        foreign.to_string(),
        malformed.to_string(),
        unknown.to_string(),
    ]);
    let response = dispatch(&app, batch, &Context::default()).await.expect("answer");
    assert!(failures(&response).is_empty(), "{response}");
    let letters = control.dead_letters();
    assert_eq!(letters.len(), 2, "the unparsable body and the malformed event");
    let reasons: Vec<String> = letters
        .iter()
        .filter_map(|l| l.attribute("wrapupDeadLetterReason").map(str::to_owned))
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("eventBody.suggestionId")),
        "{reasons:?}"
    );
    assert_eq!(store.markers(), 1, "only the good event is recorded");
}

#[tokio::test]
async fn a_store_outage_brings_the_events_back() {
    let (app, control, _) = app(Arc::new(DownStore));
    let batch = read("events/assist-events-sqs.json");
    let response = dispatch(&app, batch, &Context::default()).await.expect("answer");
    assert_eq!(failures(&response).len(), 3, "{response}");
    assert!(control.dead_letters().is_empty());
}

#[tokio::test]
async fn an_event_straight_from_a_rule_is_processed_or_failed_for_lambda_to_retry() {
    let store = Arc::new(MemoryAssistStore::new());
    let (app, _, _) = app(store.clone());
    let end = read("events/assist-customer-end.json");
    assert_eq!(
        dispatch(&app, end.clone(), &Context::default()).await.ok(),
        Some(Value::Null)
    );
    assert_eq!(process(&app, &end).await, Outcome::Duplicate);
    let mut malformed = end.clone();
    malformed["detail"]["eventBody"]["eventTime"] = json!("noon");
    assert!(dispatch(&app, malformed, &Context::default()).await.is_err());
    let (down, _, _) = self::app(Arc::new(DownStore));
    assert!(dispatch(&down, end, &Context::default()).await.is_err());
}

#[tokio::test]
async fn each_applied_event_is_audited_on_its_conversations_record_with_ids_only() {
    let store = Arc::new(MemoryAssistStore::new());
    let (app, _, _) = app(store);
    for _ in 0..2 {
        let response = dispatch(&app, read("events/assist-events-sqs.json"), &Context::default())
            .await
            .expect("answer");
        assert!(failures(&response).is_empty());
    }
    let record = app
        .audit
        .get("assist-6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70")
        .await
        .expect("read")
        .expect("the conversation's audit record");
    let statuses: Vec<&str> = record.status_history.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(
        statuses,
        vec!["assist:suggestion", "assist:suggestion", "assist:customer-end"],
        "duplicates add nothing"
    );
    let end = record.status_history[2].detail.clone().unwrap_or_default();
    assert!(end.contains("summary job (end) sent"), "{end}");
    assert_eq!(record.conversation_id, "6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70");
    let text = serde_json::to_string(&record).unwrap_or_default();
    assert!(!text.contains("roaming"), "no customer words: {text}");
}
