//! Token endpoint, bearer auth and rate limiting.

use genesys_sim::SimConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, WINDOW, assert_error, config};

async fn token_request(ctx: &Ctx, auth: Option<(&str, &str)>, body: &str) -> (StatusCode, Value) {
    let mut req = ctx
        .http
        .post(ctx.url("/oauth/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string());
    if let Some((id, secret)) = auth {
        req = req.basic_auth(id, Some(secret));
    }
    let r = req.send().await.unwrap();
    (r.status(), r.json().await.unwrap())
}

#[tokio::test]
async fn token_endpoint_accepts_and_rejects_clients() {
    let ctx = Ctx::start().await;
    let grant = "grant_type=client_credentials";
    let (status, ok) = token_request(&ctx, Some(("local-client", "local-secret")), grant).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ok["token_type"], "bearer");
    assert_eq!(ok["expires_in"], 86_400);
    assert!(ok["access_token"].as_str().unwrap().len() >= 32);

    let (status, e) = token_request(&ctx, Some(("nobody", "x")), grant).await;
    assert_eq!(
        (status, e["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_client"))
    );
    assert_eq!(e["description"], "client not found");
    let (status, e) = token_request(&ctx, Some(("local-client", "wrong")), grant).await;
    assert_eq!(
        (status, e["error_description"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("authentication failed"))
    );
    let (status, e) = token_request(&ctx, None, grant).await;
    assert_eq!(
        (status, e["description"].as_str()),
        (
            StatusCode::UNAUTHORIZED,
            Some("client authentication is required")
        )
    );
    let r = ctx
        .http
        .post(ctx.url("/oauth/token"))
        .header("authorization", "Basic %%%garbled")
        .body(grant)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (status, e) = token_request(
        &ctx,
        Some(("local-client", "local-secret")),
        "grant_type=password",
    )
    .await;
    assert_eq!(
        (status, e["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unsupported_grant_type"))
    );
    let (status, _) = token_request(&ctx, Some(("local-client", "local-secret")), "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(ctx.stats().await["tokenRequests"], 8);
}

#[tokio::test]
async fn api_requires_a_live_token() {
    let ctx = Ctx::start().await;
    let path = "/api/v2/analytics/conversations/details/query";
    let body = json!({"interval": WINDOW});
    let r = ctx.http.post(ctx.url(path)).json(&body).send().await.unwrap();
    let e = assert_error(r, 401).await;
    assert_eq!(
        (e["code"].as_str(), e["message"].as_str()),
        (Some("authentication.required"), Some("Authentication failed."))
    );
    let r = ctx
        .http
        .post(ctx.url(path))
        .bearer_auth("made-up")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(assert_error(r, 401).await["code"], "bad.credentials");

    assert_eq!(ctx.post(path, body.clone()).await.status(), StatusCode::OK);
    ctx.faults(json!({"tokenRevokeAll": true})).await;
    assert_eq!(
        assert_error(ctx.post(path, body.clone()).await, 401).await["code"],
        "bad.credentials"
    );
    let fresh = ctx.new_token().await;
    let r = ctx
        .http
        .post(ctx.url(path))
        .bearer_auth(&fresh)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn tokens_expire() {
    let ctx = Ctx::with(SimConfig {
        token_lifetime_secs: 1,
        ..config()
    })
    .await;
    let path = "/api/v2/analytics/conversations/details/query";
    assert_eq!(
        ctx.post(path, json!({"interval": WINDOW})).await.status(),
        StatusCode::OK
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        assert_error(ctx.post(path, json!({"interval": WINDOW})).await, 401).await["code"],
        "bad.credentials"
    );
}

#[tokio::test]
async fn rate_limit_is_per_token_with_headers() {
    let ctx = Ctx::with(SimConfig {
        rate_limit_per_minute: 5,
        ..config()
    })
    .await;
    let path = "/api/v2/analytics/conversations/details/query";
    for i in 1..=5 {
        let r = ctx.post(path, json!({"interval": WINDOW})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let h = r.headers();
        assert_eq!(h["inin-ratelimit-count"], i.to_string().as_str());
        assert_eq!(h["inin-ratelimit-allowed"], "5");
        let reset: u64 = h["inin-ratelimit-reset"].to_str().unwrap().parse().unwrap();
        assert!((55..=60).contains(&reset), "{reset}");
    }
    let r = ctx.post(path, json!({"interval": WINDOW})).await;
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(r.headers()["inin-ratelimit-count"], "6");
    let e = assert_error(r, 429).await;
    assert_eq!(e["code"], "too.many.requests");
    assert_eq!(
        e["message"],
        "Rate limit exceeded the maximum [5] requests within [60] seconds"
    );
    assert_eq!(e["limit"]["value"], 5);
    assert_eq!(ctx.stats().await["rateLimited"], 1);
    // Another token has its own window.
    let other = ctx.new_token().await;
    let r = ctx
        .http
        .post(ctx.url(path))
        .bearer_auth(other)
        .json(&json!({"interval": WINDOW}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_window_length_is_configurable_and_stats_time_the_api_requests() {
    let ctx = Ctx::with(SimConfig {
        rate_limit_per_minute: 2,
        rate_limit_window_secs: 2,
        ..config()
    })
    .await;
    let before = chrono::Utc::now().timestamp_millis();
    assert!(ctx.stats().await["firstApiRequestAt"].is_null());
    let path = "/api/v2/analytics/conversations/details/query";
    for _ in 0..2 {
        let r = ctx.post(path, json!({"interval": WINDOW})).await;
        assert_eq!(r.status(), StatusCode::OK);
        // The 2 s window, counted down: a loaded machine may already be in its second second.
        let reset = r.headers()["inin-ratelimit-reset"].to_str().unwrap().to_owned();
        assert!(reset == "2" || reset == "1", "reset {reset}");
    }
    let r = ctx.post(path, json!({"interval": WINDOW})).await;
    let e = assert_error(r, 429).await;
    assert_eq!(
        e["message"],
        "Rate limit exceeded the maximum [2] requests within [2] seconds"
    );
    // An injected 429 counts as rate limited, but not as the window's.
    ctx.faults(json!({"rate429": 1.0})).await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_error(ctx.post(path, json!({"interval": WINDOW})).await, 429).await;
    ctx.faults(json!({"reset": true})).await;
    let r = ctx.post(path, json!({"interval": WINDOW})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["inin-ratelimit-count"], "2", "a new 2 s window");
    let stats = ctx.stats().await;
    assert_eq!(stats["totalApiRequests"], 5);
    assert_eq!(stats["rateLimited"], 2);
    assert_eq!(stats["windowRateLimited"], 1);
    let first = stats["firstApiRequestAt"].as_i64().unwrap();
    let last = stats["lastApiRequestAt"].as_i64().unwrap();
    assert!(before <= first && first + 2000 <= last, "{first}..{last}");
    assert!(last <= chrono::Utc::now().timestamp_millis());
}
