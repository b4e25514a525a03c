//! Bad input gets a clear 4xx naming the field; Genesys failures map to 404/429/502/504 without
//! internals; every kind of AWS event document is accepted.

use crate::common;

use common::*;
use serde_json::{Value, json};

const CALL: &str = "c3c3c3c3-0000-4000-8000-000000000001";

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn every_bad_field_is_reported_in_one_400() {
    let h = harness(Options::default()).await;
    let answer = h
        .post(
            json!({"conversationId": "12345", "language": "klingon", "length": "epic", "tone": "snarky",
                     "source": "gpt", "async": "yes", "extra": true}),
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["error"], "invalid_request");
    let fields: Vec<&str> = answer.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "async",
            "caseId",
            "conversationId",
            "extra",
            "language",
            "length",
            "source",
            "tone"
        ]
    );
    assert_eq!(
        h.stats().await["totalApiRequests"].as_u64(),
        Some(0),
        "nothing reached Genesys"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn bodies_that_are_not_requests() {
    let h = harness(Options::default()).await;
    for (body, reason) in [
        (json!("{not json"), "not valid JSON"),
        (json!("[1,2]"), "JSON object"),
        (json!(""), "not valid JSON"),
        (
            Value::String(format!(r#"{{"caseId":"{}"}}"#, "x".repeat(20_000))),
            "larger than",
        ),
    ] {
        let answer = h.post(body).await;
        assert_eq!(answer.status, 400, "{:#}", answer.body);
        assert_eq!(answer.body["errors"][0]["field"], "body");
        assert!(
            answer.body["errors"][0]["reason"]
                .as_str()
                .unwrap()
                .contains(reason),
            "{:#}",
            answer.body
        );
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn routes_and_methods() {
    let h = harness(Options::default()).await;
    let mut event = event_file("apigw-v2-post-summaries.json");
    event["requestContext"]["http"]["method"] = json!("DELETE");
    let answer = h.invoke_http(event).await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow").as_deref(), Some("POST"));
    let mut event = event_file("apigw-v2-get-summary.json");
    event["rawPath"] = json!("/reports");
    event["requestContext"]["http"]["path"] = json!("/reports");
    assert_eq!(h.invoke_http(event).await.status, 404);
    let mut event = event_file("apigw-v2-post-summaries.json");
    event["headers"]["content-type"] = json!("text/plain");
    let answer = h.invoke_http(event).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["errors"][0]["field"], "content-type");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn unknown_conversation_and_no_transcript_are_404_with_a_hint() {
    let h = harness(Options::default()).await;
    let answer = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    assert_eq!(answer.status, 404, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "conversation_not_found");
    assert!(answer.body["hint"].as_str().unwrap().len() > 10);
    // Speech & Text Analytics has not published the transcript yet: 404 on every communication.
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h.faults(json!({"failNext": [{"operation": "getSpeechandtextanalyticsConversationCommunicationTranscripturl", "status": 404, "count": 10}]}))
        .await;
    let answer = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    assert_eq!(answer.status, 404, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "transcript_not_ready");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn genesys_throttling_beyond_the_budget_is_a_429_with_retry_after() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h.faults(json!({"failNext": [{"operation": "getAnalyticsConversationDetails", "status": 429, "count": 1, "retryAfterSecs": 120}]}))
        .await;
    let answer = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    assert_eq!(answer.status, 429, "{:#}", answer.body);
    assert_eq!(answer.header("retry-after").as_deref(), Some("120"));
    assert!(answer.body["contextId"].as_str().is_some());
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn genesys_failures_are_a_502_with_the_context_id_and_no_internals() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h.faults(
        json!({"failNext": [{"operation": "getAnalyticsConversationDetails", "status": 503, "count": 10}]}),
    )
    .await;
    let answer = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "genesys_unavailable");
    assert!(answer.body["contextId"].as_str().is_some());
    let text = answer.body.to_string();
    for internal in ["127.0.0.1", "reqwest", "api/v2", "panicked"] {
        assert!(!text.contains(internal), "{internal} leaked: {text}");
    }
    // Once Genesys recovers, the same request succeeds (the failure freed the claim).
    h.faults(json!({"reset": true})).await;
    assert_eq!(
        h.post(json!({"conversationId": CALL, "caseId": "C"}))
            .await
            .status,
        200
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn source_llm_without_an_llm_is_a_400_on_source() {
    let h = harness(Options::default()).await;
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": "C", "source": "llm"}))
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["errors"][0]["field"], "source");
}

/// The real AWS documents (REST v1, HTTP API v2 without, with JWT and with IAM authorizers,
/// function URLs), pointed at our routes: each answers in its own response format.
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn every_aws_event_shape_is_accepted() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "chat", &ROUTER_CALL)).await;
    let body = json!({"conversationId": CALL, "caseId": "AWS"}).to_string();
    for name in [
        "example-apigw-v2-request-no-authorizer.json",
        "example-apigw-v2-request-jwt-authorizer.json",
        "example-apigw-v2-request-iam.json",
        "apigw_v2_proxy_request.json",
        "lambda_function_url_request.json",
    ] {
        let mut event = aws_event_file(name);
        event["rawPath"] = json!("/summaries");
        event["rawQueryString"] = json!("");
        event.as_object_mut().unwrap().remove("queryStringParameters");
        event["requestContext"]["http"]["method"] = json!("POST");
        event["requestContext"]["http"]["path"] = json!("/summaries");
        event["headers"] = json!({"content-type": "application/json"});
        event["body"] = json!(body);
        event["isBase64Encoded"] = json!(false);
        let answer = h.invoke_http(event).await;
        assert_eq!(answer.status, 200, "{name}: {:#}", answer.body);
    }
    let mut v1 = aws_event_file("example-apigw-request.json");
    v1["httpMethod"] = json!("POST");
    v1["path"] = json!("/summaries");
    v1["resource"] = json!("/summaries");
    v1["requestContext"]["httpMethod"] = json!("POST");
    v1["headers"] = json!({"Content-Type": "application/json"});
    v1["multiValueHeaders"] = json!({"Content-Type": ["application/json"]});
    v1["queryStringParameters"] = Value::Null;
    v1["multiValueQueryStringParameters"] = Value::Null;
    v1["body"] = json!(body);
    let raw = h.invoke(v1).await;
    assert_eq!(raw["statusCode"], 200, "{raw:#}");
    assert!(
        raw.get("multiValueHeaders").is_some(),
        "answered in the REST API (v1) format"
    );
}
