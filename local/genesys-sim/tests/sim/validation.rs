//! Request validation and determinism.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, WINDOW, assert_error, media_of};

const QUERY: &str = "/api/v2/analytics/conversations/details/query";

async fn bad_request(ctx: &Ctx, body: Value) -> String {
    let e = assert_error(ctx.post(QUERY, body).await, 400).await;
    assert_eq!(e["code"], "bad.request");
    assert!(e["messageWithParams"].is_string());
    e["message"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn details_query_is_validated() {
    let ctx = Ctx::start().await;
    assert!(
        bad_request(&ctx, json!({"paging": {"pageSize": 10, "pageNumber": 1}}))
            .await
            .contains("interval")
    );
    assert!(
        bad_request(&ctx, json!({"interval": WINDOW, "order": "sideways"}))
            .await
            .contains("/order")
    );
    assert!(
        bad_request(&ctx, json!({"interval": "yesterday"}))
            .await
            .contains("interval")
    );
    assert!(
        bad_request(
            &ctx,
            json!({"interval": "2025-06-05T00:00:00Z/2025-06-04T00:00:00Z"})
        )
        .await
        .contains("interval")
    );
    let m = bad_request(
        &ctx,
        json!({"interval": WINDOW, "paging": {"pageSize": 101, "pageNumber": 1}}),
    )
    .await;
    assert!(m.contains("pageSize"), "{m}");
    let m = bad_request(
        &ctx,
        json!({"interval": WINDOW, "segmentFilters": [{"type": "xor", "predicates": []}]}),
    )
    .await;
    assert!(m.contains("segmentFilters"), "{m}");
    let r = ctx
        .http
        .post(ctx.url(QUERY))
        .bearer_auth(&ctx.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(
        assert_error(r, 400).await["message"]
            .as_str()
            .unwrap()
            .contains("JSON")
    );
    let r = ctx
        .post(
            "/api/v2/conversations/x/suggestions/y/engagement",
            json!({"engagementType": "Liked"}),
        )
        .await;
    assert!(
        assert_error(r, 400).await["message"]
            .as_str()
            .unwrap()
            .contains("engagementType")
    );
    assert_error(ctx.get("/api/v2/analytics/conversations/nope/details").await, 404).await;
    assert_error(ctx.get("/api/v2/not/a/thing").await, 404).await;
}

#[tokio::test]
async fn filters_select_conversations() {
    let ctx = Ctx::start().await;
    let all = ctx.all_conversations().await;
    let voice = all.iter().filter(|c| media_of(c) == "voice").count();
    let body = json!({"interval": WINDOW, "segmentFilters": [{"type": "or", "predicates": [
        {"type": "dimension", "dimension": "mediaType", "operator": "matches", "value": "voice"}]}]});
    let v: Value = ctx.post(QUERY, body).await.json().await.unwrap();
    assert_eq!(v["totalHits"], voice);
    let id = all[17]["conversationId"].as_str().unwrap();
    let body = json!({"interval": WINDOW, "conversationFilters": [{"type": "and", "predicates": [
        {"dimension": "conversationId", "value": id}]}]});
    let v: Value = ctx.post(QUERY, body).await.json().await.unwrap();
    assert_eq!(v["totalHits"], 1);
    assert_eq!(v["conversations"][0]["conversationId"], id);
    let asc: Value = ctx
        .post(
            QUERY,
            json!({"interval": WINDOW, "paging": {"pageSize": 1, "pageNumber": 1}}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(asc["conversations"][0], all[0]);
    let desc: Value = ctx
        .post(
            QUERY,
            json!({"interval": WINDOW, "order": "desc", "paging": {"pageSize": 1, "pageNumber": 1}}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(desc["conversations"][0], all[299]);
}

#[tokio::test]
async fn same_seed_serves_identical_data() {
    let (a, b) = (Ctx::start().await, Ctx::start().await);
    let (ca, cb) = (a.all_conversations().await, b.all_conversations().await);
    assert_eq!(ca, cb);
    for conv in ca.iter().step_by(37) {
        let da: Value = a
            .http
            .get(a.transcript_url(conv).await)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let db: Value = b
            .http
            .get(b.transcript_url(conv).await)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(da, db);
        let id = conv["conversationId"].as_str().unwrap();
        let (sa, sb) = (
            a.get(&format!("/api/v2/conversations/{id}/summaries")).await,
            b.get(&format!("/api/v2/conversations/{id}/summaries")).await,
        );
        assert_eq!(sa.status(), sb.status());
        assert_eq!(sa.text().await.unwrap().len(), sb.text().await.unwrap().len());
    }
    let ga: Value = a
        .http
        .get(a.url("/_sim/ground-truth"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let gb: Value = b
        .http
        .get(b.url("/_sim/ground-truth"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ga, gb);
    let other = Ctx::with(genesys_sim::SimConfig {
        seed: 7,
        ..crate::common::config()
    })
    .await;
    assert_ne!(other.all_conversations().await, ca);
    assert_eq!(
        StatusCode::OK,
        a.http.get(a.url("/_sim/health")).send().await.unwrap().status()
    );
}
