//! The HTTP routes in memory, from the repository's API Gateway sample: ranked suggestions with
//! their score's parts, a queue's insights, and every bad request answered 4xx naming the field.

use serde_json::{Value, json};

use crate::common::{answer, app_with_events, read};

const CONVERSATION: &str = "6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70";
const QUEUE: &str = "a1b2c3d4-0000-4000-8000-00000000a0e1";

fn get(path: &str, query: &str) -> Value {
    let mut request = read("events/apigw-v2-get-assist-suggestions.json");
    request["rawPath"] = json!(path);
    request["requestContext"]["http"]["path"] = json!(path);
    request["rawQueryString"] = json!(query);
    request
}

#[tokio::test]
async fn a_conversations_suggestions_come_ranked_with_their_scores_parts() {
    let app = app_with_events().await;
    let (status, _, body) = answer(&app, read("events/apigw-v2-get-assist-suggestions.json")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["conversationId"], CONVERSATION);
    assert_eq!(body["intent"]["intentId"], "intent-cancel-addon");
    let suggestions = body["suggestions"].as_array().cloned().unwrap_or_default();
    assert_eq!(suggestions.len(), 2);
    assert_eq!(suggestions[0]["rank"], 1);
    assert_eq!(suggestions[0]["kind"], "knowledgeSearch");
    assert_eq!(suggestions[0]["engagement"]["outcome"], "used");
    assert_eq!(suggestions[1]["engagement"]["outcome"], "dismissed");
    assert_eq!(suggestions[1]["engagement"]["rating"], "Negative");
    for part in [
        "score",
        "confidence",
        "itemRate",
        "queueRate",
        "typeRate",
        "itemImpressions",
    ] {
        assert!(suggestions[0]["score"].get(part).is_some(), "{part}: {body}");
    }
    assert!(suggestions[0]["score"]["score"].as_f64() >= suggestions[1]["score"]["score"].as_f64());
    // Nothing the customer said is kept or answered.
    assert!(!body.to_string().contains("roaming"), "{body}");
}

#[tokio::test]
async fn a_queues_insights_count_use_and_gaps() {
    let app = app_with_events().await;
    let (status, _, body) = answer(
        &app,
        get(
            "/assist/insights",
            &format!("queueId={QUEUE}&from=2026-10&to=2026-12-31"),
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let kinds = body["byKind"].as_array().cloned().unwrap_or_default();
    assert_eq!(kinds.len(), 2, "{body}");
    let search = kinds
        .iter()
        .find(|k| k["kind"] == "knowledgeSearch")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (search["impressions"].as_i64(), search["acceptanceRate"].as_f64()),
        (Some(1), Some(1.0))
    );
    let response = kinds
        .iter()
        .find(|k| k["kind"] == "cannedResponse")
        .cloned()
        .unwrap_or_default();
    assert_eq!(response["dismissalRate"].as_f64(), Some(1.0));
    assert_eq!(body["byItem"].as_array().map(Vec::len), Some(2));
    // One impression is not yet a knowledge gap.
    assert_eq!(body["knowledgeGaps"].as_array().map(Vec::len), Some(0));
    // Another range holds nothing.
    let (_, _, empty) = answer(
        &app,
        get(
            "/assist/insights",
            &format!("queueId={QUEUE}&from=2025-01&to=2025-03"),
        ),
    )
    .await;
    assert_eq!(empty["byKind"], json!([]));
}

#[tokio::test]
async fn bad_requests_are_answered_naming_the_field() {
    let app = app_with_events().await;
    let cases = [
        (
            get("/assist/conversations/not-a-uuid/suggestions", ""),
            400,
            Some("conversationId"),
        ),
        (get("/assist/insights", "queueId=support"), 400, Some("queueId")),
        (get("/assist/insights", "from=2026-13"), 400, Some("from")),
        (get("/assist/insights", "to=yesterday"), 400, Some("to")),
        (
            get("/assist/insights", "from=2026-12&to=2026-01"),
            400,
            Some("from"),
        ),
        (
            get("/assist/insights", "from=2020-01&to=2026-01"),
            400,
            Some("from"),
        ),
        (
            get(
                "/assist/conversations/11111111-2222-4333-8444-555555555555/suggestions",
                "",
            ),
            404,
            None,
        ),
        (get("/assist/nothing", ""), 404, None),
    ];
    for (request, expected, field) in cases {
        let path = request["rawPath"].clone();
        let (status, _, body) = answer(&app, request).await;
        assert_eq!(status, expected, "{path}: {body}");
        if let Some(field) = field {
            assert_eq!(body["errors"][0]["field"], field, "{path}: {body}");
        }
        assert!(body["error"].is_string(), "{body}");
    }
    let mut post = get("/assist/insights", "");
    post["requestContext"]["http"]["method"] = json!("POST");
    let (status, _, _) = answer(&app, post).await;
    assert_eq!(status, 405);
}
