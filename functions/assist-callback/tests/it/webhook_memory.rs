//! `POST /assist/events`: off by default; signed or shared-key requests checked, then queued in
//! EventBridge's shape and processed like any event, duplicates included.

use std::sync::Arc;

use assist_callback::webhook::{KEY_HEADER, WebhookConfig};
use assist_callback::{App, dispatch};
use lambda_runtime::Context;
use serde_json::{Value, json};
use wrapup::crm::webhook::signature_header;
use wrapup::queue::MemoryQueue;
use wrapup_assist::MemoryAssistStore;

use crate::common::{answer, app_with, config, read};

const KEY: &str = "assist-webhook-key-0123456789abcdef0123";
const PREVIOUS: &str = "assist-webhook-old-key-0123456789abcdef";

fn webhook_app(mode: &str) -> (App, Arc<MemoryQueue>, Arc<MemoryAssistStore>) {
    let mut config = config();
    config.webhook = WebhookConfig::from_lookup(&|name| match name {
        "WRAPUP_ASSIST_WEBHOOK" => Some(mode.to_owned()),
        "WRAPUP_ASSIST_WEBHOOK_KEY" => Some(KEY.to_owned()),
        "WRAPUP_ASSIST_WEBHOOK_PREVIOUS_KEY" => Some(PREVIOUS.to_owned()),
        _ => None,
    })
    .expect("webhook config");
    let store = Arc::new(MemoryAssistStore::new());
    let (app, _, _, events) = app_with(store.clone(), config);
    (app, events, store)
}

fn post(body: &str, headers: &[(&str, String)]) -> Value {
    let mut request = read("events/apigw-v2-get-assist-suggestions.json");
    request["rawPath"] = json!("/assist/events");
    request["routeKey"] = json!("POST /assist/events");
    request["requestContext"]["http"]["method"] = json!("POST");
    request["requestContext"]["http"]["path"] = json!("/assist/events");
    request["body"] = json!(body);
    request["headers"]["content-type"] = json!("application/json");
    for (name, value) in headers {
        request["headers"][name.to_lowercase()] = json!(value);
    }
    request
}

fn envelope(name: &str) -> String {
    read(&format!("events/{name}"))["detail"].to_string()
}

fn signed(body: &str, key: &str, at: i64) -> Vec<(&'static str, String)> {
    vec![(
        "Wrapup-Signature",
        signature_header(key.as_bytes(), at, body.as_bytes()),
    )]
}

/// The queued messages as an SQS batch for the function.
fn batch_of(events: &MemoryQueue) -> Value {
    let mut batch = read("events/assist-events-sqs.json");
    let template = batch["Records"][0].clone();
    batch["Records"] = Value::Array(
        events
            .sent()
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut record = template.clone();
                record["messageId"] = json!(format!("w-{i}"));
                record["body"] = json!(m.body);
                record
            })
            .collect(),
    );
    batch
}

#[tokio::test]
async fn the_webhook_is_off_by_default() {
    let (app, _, _) = webhook_app("off");
    let body = envelope("assist-customer-end.json");
    let (status, _, _) = answer(
        &app,
        post(&body, &signed(&body, KEY, chrono::Utc::now().timestamp())),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_signed_event_is_queued_processed_once_and_a_replay_is_a_duplicate() {
    let (app, events, store) = webhook_app("hmac");
    let body = envelope("assist-suggestion-knowledge-search.json");
    let now = chrono::Utc::now().timestamp();
    for key in [KEY, PREVIOUS] {
        let (status, _, answer_body) = answer(&app, post(&body, &signed(&body, key, now))).await;
        assert_eq!(status, 202, "{answer_body}");
        assert_eq!(answer_body["status"], "queued");
    }
    assert_eq!(events.sent().len(), 2);
    let queued: Value = serde_json::from_str(&events.sent()[0].body).expect("json");
    assert_eq!(
        queued["detail-type"],
        "v2.conversations.{id}.suggestions.knowledge.search"
    );
    assert_eq!(queued["detail"]["metadata"]["trust"], "hmac");
    let response = dispatch(&app, batch_of(&events), &Context::default())
        .await
        .expect("batch");
    assert_eq!(response["batchItemFailures"], json!([]));
    assert_eq!(store.markers(), 1, "the second request is the same event");
}

#[tokio::test]
async fn bad_requests_are_refused_and_nothing_is_queued() {
    let (app, events, _) = webhook_app("hmac");
    let body = envelope("assist-customer-end.json");
    let now = chrono::Utc::now().timestamp();
    let unsigned = answer(&app, post(&body, &[])).await;
    assert_eq!(unsigned.0, 401);
    let wrong_key = answer(
        &app,
        post(&body, &signed(&body, "not-the-key-0123456789abcdef01234", now)),
    )
    .await;
    assert_eq!(wrong_key.0, 401);
    let stale = answer(&app, post(&body, &signed(&body, KEY, now - 3_600))).await;
    assert_eq!(stale.0, 401);
    assert!(
        stale.2["message"]
            .as_str()
            .unwrap_or_default()
            .contains("tolerance")
    );
    let tampered = body.replace("ENDPOINT", "SYSTEM");
    let (status, _, _) = answer(&app, post(&tampered, &signed(&body, KEY, now))).await;
    assert_eq!(status, 401);

    let mut malformed: Value = serde_json::from_str(&body).expect("json");
    malformed["eventBody"]["conversationId"] = json!("someone-else");
    let malformed = malformed.to_string();
    let (status, _, answer_body) = answer(&app, post(&malformed, &signed(&malformed, KEY, now))).await;
    assert_eq!(status, 400, "{answer_body}");
    assert_eq!(answer_body["errors"][0]["field"], "eventBody");
    let not_json = "{topicName";
    let (status, _, answer_body) = answer(&app, post(not_json, &signed(not_json, KEY, now))).await;
    assert_eq!(
        (status, answer_body["errors"][0]["field"].clone()),
        (400, json!("body"))
    );

    let mut unknown: Value = serde_json::from_str(&body).expect("json");
    unknown["version"] = json!("7");
    let unknown = unknown.to_string();
    let (status, _, answer_body) = answer(&app, post(&unknown, &signed(&unknown, KEY, now))).await;
    assert_eq!((status, answer_body["status"].clone()), (202, json!("ignored")));
    assert!(events.sent().is_empty());
}

#[tokio::test]
async fn a_shared_key_header_is_accepted_for_either_key() {
    let (app, events, _) = webhook_app("shared-secret");
    let body = envelope("assist-customer-end.json");
    for (key, expected) in [
        (KEY, 202),
        (PREVIOUS, 202),
        ("assist-webhook-wrong-0123456789abcdef", 401),
    ] {
        let (status, _, _) = answer(&app, post(&body, &[(KEY_HEADER, key.to_owned())])).await;
        assert_eq!(status, expected, "{key}");
    }
    assert_eq!(events.sent().len(), 2);
    let queued: Value = serde_json::from_str(&events.sent()[0].body).expect("json");
    assert_eq!(queued["detail"]["metadata"]["trust"], "shared-secret");
}
