//! Every answer of the /assist routes against docs/openapi.yaml: the status is one the operation
//! documents, and the body an instance of the schema documented for it (OpenAPI 3.0 schemas read
//! as JSON Schema draft 4, `nullable` as `null` allowed). The webhook's answers are checked here
//! because it is off in the local stack, where schemathesis runs.

use std::sync::Arc;

use assist_callback::App;
use assist_callback::webhook::WebhookConfig;
use async_trait::async_trait;
use serde_json::{Value, json};
use wrapup::crm::webhook::signature_header;
use wrapup::queue::{MessageQueue, QueueError};
use wrapup_assist::MemoryAssistStore;
use wrapup_testkit::openapi_draft4;

use crate::common::{DownStore, answer, app_with, app_with_events, config, read};

const CONVERSATION: &str = "6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70";
const QUEUE: &str = "a1b2c3d4-0000-4000-8000-00000000a0e1";
const KEY: &str = "assist-webhook-key-0123456789abcdef0123";

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
    let doc = wrapup_testkit::openapi_document().expect("docs/openapi.yaml");
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
    let root = json!({"components": openapi_draft4(&doc["components"]), "allOf": [openapi_draft4(schema)]});
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
    let (unavailable, _, _) = crate::common::app(Arc::new(DownStore));
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
    let (unavailable, _, _) = crate::common::app(Arc::new(DownStore));
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
    let doc = wrapup_testkit::openapi_document().expect("docs/openapi.yaml");
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
