//! Fault injection switches on and off.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, WINDOW, assert_error};

const QUERY: &str = "/api/v2/analytics/conversations/details/query";
const JOBS: &str = "/api/v2/analytics/conversations/details/jobs";

#[tokio::test]
async fn fail_next_is_deterministic() {
    let ctx = Ctx::start().await;
    let body = json!({"interval": WINDOW});
    ctx.faults(json!({"failNext": [{"operation": "postAnalyticsConversationsDetailsQuery", "status": 503, "count": 2}]}))
        .await;
    assert_eq!(
        assert_error(ctx.post(QUERY, body.clone()).await, 503).await["code"],
        "service.unavailable"
    );
    assert_error(ctx.post(QUERY, body.clone()).await, 503).await;
    assert_eq!(ctx.post(QUERY, body.clone()).await.status(), StatusCode::OK);

    ctx.faults(json!({"failNext": [{"operation": "postAnalyticsConversationsDetailsQuery", "status": 429, "retryAfterSecs": 2}]}))
        .await;
    let r = ctx.post(QUERY, body.clone()).await;
    assert_eq!(r.headers()["retry-after"], "2");
    assert_eq!(assert_error(r, 429).await["code"], "too.many.requests");
    assert_eq!(ctx.post(QUERY, body.clone()).await.status(), StatusCode::OK);

    // Path prefixes work too; other operations are not affected.
    ctx.faults(json!({"failNext": [{"operation": "/api/v2/analytics", "status": 501}, {"operation": "oauthToken", "status": 400}]}))
        .await;
    assert_eq!(
        assert_error(ctx.post(QUERY, body.clone()).await, 501).await["code"],
        "not.implemented"
    );
    let r = ctx
        .http
        .post(ctx.url("/oauth/token"))
        .basic_auth("local-client", Some("local-secret"))
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    ctx.new_token().await;

    ctx.faults(
        json!({"failNext": [{"operation": "postAnalyticsConversationsDetailsQuery", "delayMs": 600}]}),
    )
    .await;
    let t = Instant::now();
    assert_eq!(ctx.post(QUERY, body.clone()).await.status(), StatusCode::OK);
    assert!(t.elapsed() >= Duration::from_millis(600));
    let t = Instant::now();
    ctx.post(QUERY, body.clone()).await;
    assert!(t.elapsed() < Duration::from_millis(600));
    assert_eq!(ctx.faults(json!({})).await["failNext"], json!([]));
}

#[tokio::test]
async fn probabilistic_faults_latency_and_reset() {
    let ctx = Ctx::start().await;
    let body = json!({"interval": WINDOW});
    ctx.faults(json!({"rate429": 1.0, "retryAfterSecs": 3})).await;
    let r = ctx.post(QUERY, body.clone()).await;
    assert_eq!(r.headers()["retry-after"], "3");
    assert_error(r, 429).await;
    ctx.faults(json!({"rate429": 0.0, "status5xx": 1.0, "status5xxCode": 502}))
        .await;
    assert_eq!(
        assert_error(ctx.post(QUERY, body.clone()).await, 502).await["code"],
        "bad.gateway"
    );
    ctx.faults(json!({"reset": true, "latencyMs": 300})).await;
    let t = Instant::now();
    assert_eq!(ctx.post(QUERY, body.clone()).await.status(), StatusCode::OK);
    assert!(t.elapsed() >= Duration::from_millis(300));
    let faults = ctx.faults(json!({"reset": true})).await;
    assert_eq!(faults["latencyMs"], 0);
    assert_eq!(faults["status5xx"], 0.0);
    let r = ctx
        .http
        .post(ctx.url("/_sim/faults"))
        .json(&json!({"rate429": 7}))
        .send()
        .await
        .unwrap();
    let e = assert_error(r, 400).await;
    assert!(e["message"].as_str().unwrap().contains("rate429"));
}

#[tokio::test]
async fn token_endpoint_faults() {
    let ctx = Ctx::start().await;
    let token = |ctx: &Ctx| {
        ctx.http
            .post(ctx.url("/oauth/token"))
            .basic_auth("local-client", Some("local-secret"))
            .body("grant_type=client_credentials")
            .send()
    };
    ctx.faults(json!({"tokenEndpointFailure": "rate_limited"})).await;
    let r = token(&ctx).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    ctx.faults(json!({"tokenEndpointFailure": "server_error"})).await;
    assert_eq!(
        token(&ctx).await.unwrap().status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    ctx.faults(json!({"tokenEndpointFailure": "none"})).await;
    assert_eq!(token(&ctx).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn expired_transcript_urls_are_denied() {
    let ctx = Ctx::start().await;
    let all = ctx.all_conversations().await;
    let url = ctx.transcript_url(&all[0]).await;
    assert_eq!(ctx.http.get(&url).send().await.unwrap().status(), StatusCode::OK);
    ctx.faults(json!({"expireTranscriptUrls": true})).await;
    let r = ctx.http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let text = r.text().await.unwrap();
    assert!(
        text.contains("<Code>AccessDenied</Code>") && text.contains("Request has expired"),
        "{text}"
    );
    let fresh = ctx.transcript_url(&all[0]).await;
    assert_eq!(
        ctx.http.get(&fresh).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    ctx.faults(json!({"expireTranscriptUrls": false})).await;
    assert_eq!(ctx.http.get(&url).send().await.unwrap().status(), StatusCode::OK);
    let tampered = url.replace("signature=", "signature=00");
    assert_eq!(
        ctx.http.get(&tampered).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    ctx.faults(json!({"failNext": [{"operation": "transcriptDocument", "status": 503}]}))
        .await;
    assert_eq!(
        ctx.http.get(&url).send().await.unwrap().status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        ctx.http.get(&url).bearer_auth("x").send().await.unwrap().status(),
        StatusCode::OK
    );
    let stats = ctx.stats().await;
    assert_eq!(stats["transcriptDownloads"], 7);
    assert_eq!(stats["transcriptDownloadsWithAuthorization"], 1);
}

async fn job_state_after_ready(ctx: &Ctx) -> Value {
    let created: Value = ctx
        .post(JOBS, json!({"interval": WINDOW}))
        .await
        .json()
        .await
        .unwrap();
    let job = created["jobId"].as_str().unwrap();
    let mut last = Value::Null;
    for _ in 0..3 {
        last = ctx.get_json(&format!("{JOBS}/{job}")).await;
    }
    let r = ctx.get(&format!("{JOBS}/{job}/results")).await;
    if last["state"] == "FULFILLED" {
        assert_eq!(r.status(), StatusCode::OK);
    } else {
        assert_error(r, 400).await;
    }
    last
}

#[tokio::test]
async fn job_outcomes() {
    let ctx = Ctx::start().await;
    ctx.faults(json!({"jobOutcome": "failed"})).await;
    let s = job_state_after_ready(&ctx).await;
    assert_eq!(s["state"], "FAILED");
    assert!(s["errorMessage"].is_string());
    ctx.faults(json!({"jobOutcome": "expired"})).await;
    assert_eq!(job_state_after_ready(&ctx).await["state"], "EXPIRED");
    ctx.faults(json!({"jobOutcome": "fulfilled"})).await;
    assert_eq!(job_state_after_ready(&ctx).await["state"], "FULFILLED");
}
