//! Every answer of the /assist routes against docs/openapi.yaml: the status is one the operation
//! documents, and the body an instance of the schema documented for it (OpenAPI 3.0 schemas read
//! as JSON Schema draft 4, `nullable` as `null` allowed). The webhook's answers are checked here
//! because it is off in the local stack, where schemathesis runs.

use std::sync::Arc;

use assist_callback::webhook::WebhookConfig;
use assist_callback::{App, dispatch};
use async_trait::async_trait;
use lambda_runtime::Context;
use serde_json::{Value, json};
use wrapup::crm::webhook::signature_header;
use wrapup::ids::ConversationId;
use wrapup::queue::{MessageQueue, QueueError};
use wrapup::store::StoreError;
use wrapup_assist::MemoryAssistStore;
use wrapup_assist::ranking::Bucket;
use wrapup_assist::record::{ConversationRecord, SuggestionRecord};
use wrapup_assist::store::{AssistStore, Commit, Committed, CountsKey, Versioned};

use crate::handler_memory::{app as memory_app, app_with, config, read};

const CONVERSATION: &str = "6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70";
const QUEUE: &str = "a1b2c3d4-0000-4000-8000-00000000a0e1";
const KEY: &str = "assist-webhook-key-0123456789abcdef0123";

fn openapi() -> Value {
    let root = wrapup_template::find_repo_root().expect("repo");
    let text = std::fs::read_to_string(root.join("docs/openapi.yaml")).expect("docs/openapi.yaml");
    serde_norway::from_str(&text).expect("YAML")
}

/// OpenAPI 3.0 schemas are JSON Schema draft 4 plus `nullable`, which becomes `anyOf [null, ..]`.
fn draft4(node: &Value) -> Value {
    match node {
        Value::Object(map) => {
            let mut out: serde_json::Map<String, Value> = map
                .iter()
                .filter(|(k, _)| *k != "nullable")
                .map(|(k, v)| (k.clone(), draft4(v)))
                .collect();
            if map.get("nullable") == Some(&Value::Bool(true)) {
                out = serde_json::Map::from_iter([(
                    "anyOf".to_owned(),
                    json!([{"type": "null"}, Value::Object(out)]),
                )]);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(draft4).collect()),
        other => other.clone(),
    }
}

/// `#/components/...` of the document.
fn resolve<'a>(doc: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local $ref");
            doc.pointer(pointer)
                .unwrap_or_else(|| panic!("{reference} is not in the document"))
        }
        None => node,
    }
}

/// The answer is documented: `status` is one of the operation's responses and `body` an instance
/// of its JSON schema.
fn assert_documented(method: &str, path: &str, status: u16, body: &Value) {
    let doc = openapi();
    let operation = &doc["paths"][path][method];
    assert!(
        operation.is_object(),
        "{method} {path} is not in docs/openapi.yaml"
    );
    let response = operation["responses"]
        .get(status.to_string())
        .map(|r| resolve(&doc, r))
        .unwrap_or_else(|| panic!("{method} {path} does not document {status}: {body}"));
    let schema = &response["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{method} {path} {status}: no JSON schema");
    let root = json!({"components": draft4(&doc["components"]), "allOf": [draft4(schema)]});
    let validator = jsonschema::draft4::new(&root).expect("a draft 4 schema");
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {status}: {errors:?}\n{body:#}"
    );
}

fn request(method: &str, path: &str, query: &str, body: Option<&str>) -> Value {
    let mut request = read("events/apigw-v2-get-assist-suggestions.json");
    request["rawPath"] = json!(path);
    request["requestContext"]["http"]["path"] = json!(path);
    request["requestContext"]["http"]["method"] = json!(method);
    request["rawQueryString"] = json!(query);
    if let Some(body) = body {
        request["body"] = json!(body);
        request["headers"]["content-type"] = json!("application/json");
    }
    request
}

/// Status, headers and JSON body of the function's answer.
async fn answer(app: &App, request: Value) -> (u16, Value, Value) {
    let response = dispatch(app, request, &Context::default()).await.expect("answer");
    let status = response["statusCode"].as_u64().unwrap_or_default() as u16;
    let body = serde_json::from_str(response["body"].as_str().unwrap_or("null")).unwrap_or(Value::Null);
    (status, response["headers"].clone(), body)
}

async fn app_with_events() -> App {
    let (app, _, _) = memory_app(Arc::new(MemoryAssistStore::new()));
    for name in [
        "assist-intent.json",
        "assist-suggestion-knowledge-search.json",
        "assist-suggestion-copied.json",
        "assist-suggestion-response.json",
        "assist-suggestion-feedback.json",
    ] {
        dispatch(&app, read(&format!("events/{name}")), &Context::default())
            .await
            .expect("processed");
    }
    app
}

/// A store that is down for every read.
struct DownStore;

fn down() -> StoreError {
    StoreError::DynamoDb {
        operation: "Query",
        message: "throttled".into(),
    }
}

#[async_trait]
impl AssistStore for DownStore {
    async fn suggestion(
        &self,
        _: &ConversationId,
        _: &uuid::Uuid,
    ) -> Result<Option<Versioned<SuggestionRecord>>, StoreError> {
        Err(down())
    }
    async fn conversation(
        &self,
        _: &ConversationId,
    ) -> Result<Option<Versioned<ConversationRecord>>, StoreError> {
        Err(down())
    }
    async fn suggestions(&self, _: &ConversationId) -> Result<Vec<SuggestionRecord>, StoreError> {
        Err(down())
    }
    async fn counts(&self, _: &[CountsKey]) -> Result<Vec<Vec<Bucket>>, StoreError> {
        Err(down())
    }
    async fn commit(&self, _: Commit) -> Result<Committed, StoreError> {
        Err(down())
    }
    async fn queue_counts(
        &self,
        _: Option<uuid::Uuid>,
        _: &str,
    ) -> Result<Vec<(Option<String>, Bucket)>, StoreError> {
        Err(down())
    }
}

/// An assist-events queue that refuses every message.
struct DownQueue;

#[async_trait]
impl MessageQueue for DownQueue {
    async fn send_delayed(
        &self,
        _: &str,
        _: &[(&str, &str)],
        _: std::time::Duration,
    ) -> Result<String, QueueError> {
        Err(QueueError::Sqs {
            operation: "SendMessage",
            message: "unavailable".into(),
        })
    }
}

const SUGGESTIONS: &str = "/assist/conversations/{conversationId}/suggestions";
const INSIGHTS: &str = "/assist/insights";
const EVENTS: &str = "/assist/events";

#[tokio::test]
async fn the_suggestions_answers_are_the_documented_ones() {
    let app = app_with_events().await;
    let path = |id: &str| format!("/assist/conversations/{id}/suggestions");
    let (status, _, body) = answer(&app, request("GET", &path(CONVERSATION), "", None)).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["suggestions"].as_array().is_some_and(|s| s.len() == 2),
        "{body}"
    );
    assert!(
        body["intent"].is_object() && body["suggestions"][0]["score"].is_object(),
        "{body}"
    );
    assert_documented("get", SUGGESTIONS, status, &body);
    for (id, expected) in [("not-a-uuid", 400), ("00000000-0000-4000-8000-000000000000", 404)] {
        let (status, _, body) = answer(&app, request("GET", &path(id), "", None)).await;
        assert_eq!(status, expected, "{body}");
        assert_documented("get", SUGGESTIONS, status, &body);
    }
    let (unavailable, _, _) = memory_app(Arc::new(DownStore));
    let (status, headers, body) = answer(&unavailable, request("GET", &path(CONVERSATION), "", None)).await;
    assert_eq!((status, &headers["retry-after"]), (503, &json!("1")), "{body}");
    assert_documented("get", SUGGESTIONS, status, &body);
}

#[tokio::test]
async fn the_insights_answers_are_the_documented_ones() {
    let app = app_with_events().await;
    for query in [
        format!("queueId={QUEUE}&from=2026-10&to=2026-12-31"),
        String::new(),
        "queueId=&from=&to=".to_owned(),
    ] {
        let (status, _, body) = answer(&app, request("GET", INSIGHTS, &query, None)).await;
        assert_eq!(status, 200, "{query}: {body}");
        assert_documented("get", INSIGHTS, status, &body);
    }
    let (_, _, body) = answer(
        &app,
        request(
            "GET",
            INSIGHTS,
            &format!("queueId={QUEUE}&from=2026-10&to=2026-12"),
            None,
        ),
    )
    .await;
    assert!(body["byItem"][0]["item"].is_string(), "{body}");
    for query in [
        "queueId=support",
        "from=2026-13",
        "to=yesterday",
        "from=2026-12&to=2026-01",
        "from=2020-01&to=2026-01",
    ] {
        let (status, _, body) = answer(&app, request("GET", INSIGHTS, query, None)).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_documented("get", INSIGHTS, status, &body);
    }
    let (unavailable, _, _) = memory_app(Arc::new(DownStore));
    let (status, _, body) = answer(&unavailable, request("GET", INSIGHTS, "", None)).await;
    assert_eq!(status, 503, "{body}");
    assert_documented("get", INSIGHTS, status, &body);
}

fn webhook_app(mode: &str) -> (App, Arc<wrapup::queue::MemoryQueue>) {
    let mut config = config();
    config.webhook = WebhookConfig::from_lookup(&|name| match name {
        "WRAPUP_ASSIST_WEBHOOK" => Some(mode.to_owned()),
        "WRAPUP_ASSIST_WEBHOOK_KEY" => Some(KEY.to_owned()),
        _ => None,
    })
    .expect("webhook config");
    let (app, _, _, events) = app_with(Arc::new(MemoryAssistStore::new()), config);
    (app, events)
}

fn post_event(body: &str, signed: bool) -> Value {
    let mut request = request("POST", EVENTS, "", Some(body));
    request["routeKey"] = json!("POST /assist/events");
    if signed {
        let now = chrono::Utc::now().timestamp();
        request["headers"]["wrapup-signature"] =
            json!(signature_header(KEY.as_bytes(), now, body.as_bytes()));
    }
    request
}

#[tokio::test]
async fn the_webhooks_answers_are_the_documented_ones() {
    let envelope = read("events/assist-suggestion-knowledge-search.json")["detail"].to_string();
    let mut unknown: Value = serde_json::from_str(&envelope).expect("json");
    unknown["version"] = json!("7");
    let unknown = unknown.to_string();

    // Off (the default): 404 route_not_found, whatever is sent.
    let (off, _) = webhook_app("off");
    let (status, _, body) = answer(&off, post_event(&envelope, true)).await;
    assert_eq!(
        (status, &body["error"]),
        (404, &json!("route_not_found")),
        "{body}"
    );
    assert_documented("post", EVENTS, status, &body);

    let (app, events) = webhook_app("hmac");
    let cases = [
        (post_event(&envelope, true), 202),
        (post_event(&unknown, true), 202),
        (post_event(&envelope, false), 401),
        (post_event("not json", true), 400),
        (post_event(r#"{"version": "2", "eventBody": {}}"#, true), 400),
        (post_event(r#"{"topicName": "x", "version": "2"}"#, true), 400),
    ];
    for (request, expected) in cases {
        let (status, _, body) = answer(&app, request).await;
        assert_eq!(status, expected, "{body}");
        assert_documented("post", EVENTS, status, &body);
    }
    assert_eq!(
        events.sent().len(),
        1,
        "only the event of a topic it reads is queued"
    );

    let (mut refused, _) = webhook_app("hmac");
    refused.events = Arc::new(DownQueue);
    let (status, _, body) = answer(&refused, post_event(&envelope, true)).await;
    assert_eq!(status, 503, "{body}");
    assert_documented("post", EVENTS, status, &body);
}

#[test]
fn the_document_names_the_templates_assist_routes_and_their_security() {
    let doc = openapi();
    let template = wrapup_template::Template::load().expect("template.yaml");
    let api = template.http_api("SummaryApi").expect("SummaryApi");
    for route in api
        .routes
        .iter()
        .filter(|r| r.function == "AssistCallbackFunction")
    {
        let operation = &doc["paths"][&route.path][route.method.to_ascii_lowercase()];
        assert!(operation.is_object(), "{} is not documented", route.route_key());
        // JWT routes use the document's default security; NONE routes declare their own.
        match &route.authorizer {
            Some(_) => assert!(operation.get("security").is_none(), "{}", route.route_key()),
            None => assert_eq!(
                operation["security"],
                json!([{"assistSignature": []}, {"assistKey": []}]),
                "{}",
                route.route_key()
            ),
        }
    }
    assert_eq!(doc["security"], json!([{"jwt": []}]));
}
