//! The HTTP layer's failure handling: throttling, server errors, deadlines, timeouts.

use crate::common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::json;
use wrapup::genesys::models::ConversationQuery;
use wrapup::genesys::{Deadline, GenesysClient, GenesysError};
use wrapup::ids::ConversationId;

const DETAILS: &str = "getAnalyticsConversationDetails";

fn some_id() -> ConversationId {
    ConversationId::parse("00000000-0000-4000-8000-000000000002").unwrap()
}

async fn warm(client: &GenesysClient) {
    client.ensure_token().await.unwrap();
}

#[tokio::test]
async fn a_429_with_retry_after_waits_then_succeeds() {
    let sim = sim().await;
    let client = client(&sim);
    warm(&client).await;
    fail_next(&sim, DETAILS, 429, 1, json!({"retryAfterSecs": 1})).await;
    let started = Instant::now();
    let err = client.conversation_details(&some_id()).await.unwrap_err();
    let waited = started.elapsed();
    assert!(err.is_not_found(), "the retry reached the API: {err}");
    assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    assert_eq!(operation_count(&sim, DETAILS).await, 2);
    let limit = client.rate_limit().expect("rate-limit headers recorded");
    assert!(limit.allowed > 0 && limit.count >= 1, "{limit:?}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_fails_at_once_with_a_clear_error() {
    let sim = sim().await;
    let client = client(&sim);
    warm(&client).await;
    fail_next(&sim, DETAILS, 429, 1, json!({"retryAfterSecs": 30})).await;
    let started = Instant::now();
    let err = client
        .with_deadline(Deadline::after(Duration::from_secs(5)))
        .conversation_details(&some_id())
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "did not wait: {:?}",
        started.elapsed()
    );
    match &err {
        GenesysError::RateLimited {
            retry_after,
            context_id,
            ..
        } => {
            assert!(*retry_after >= Duration::from_secs(30));
            assert!(context_id.is_some(), "contextId kept");
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert!(err.to_string().contains("does not fit in the remaining budget"));
    assert_eq!(operation_count(&sim, DETAILS).await, 1);
}

#[tokio::test]
async fn server_errors_are_retried() {
    let sim = sim().await;
    let client = client(&sim);
    warm(&client).await;
    fail_next(&sim, DETAILS, 503, 2, json!({})).await;
    let err = client.conversation_details(&some_id()).await.unwrap_err();
    assert!(err.is_not_found(), "third attempt reached the API: {err}");
    assert_eq!(operation_count(&sim, DETAILS).await, 3);
}

#[tokio::test]
async fn server_errors_give_up_after_the_attempts() {
    let sim = sim().await;
    let client = client(&sim);
    warm(&client).await;
    fail_next(&sim, DETAILS, 502, 10, json!({})).await;
    let err = client.conversation_details(&some_id()).await.unwrap_err();
    assert_eq!(err.status(), Some(502), "{err}");
    assert!(err.context_id().is_some());
    assert_eq!(operation_count(&sim, DETAILS).await, 4, "max_attempts = 4");
}

#[tokio::test]
async fn a_501_is_not_retried() {
    let sim = sim().await;
    let client = client(&sim);
    warm(&client).await;
    fail_next(&sim, DETAILS, 501, 1, json!({})).await;
    let err = client.conversation_details(&some_id()).await.unwrap_err();
    assert_eq!(err.status(), Some(501));
    assert_eq!(operation_count(&sim, DETAILS).await, 1);
}

#[tokio::test]
async fn a_400_surfaces_genesys_context_id_and_is_not_retried() {
    let sim = sim().await;
    let client = client(&sim);
    // A real validation failure from the simulator: an interval that is not two instants.
    let end = chrono::Utc::now();
    let valid = ConversationQuery::for_interval(end - chrono::Duration::days(1), end).unwrap();
    let query = ConversationQuery {
        interval: "yesterday".into(),
        ..valid
    };
    let err = client.query_conversation_details(&query).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");
    assert_eq!(err.code(), Some("bad.request"));
    let context = err.context_id().expect("contextId").to_owned();
    assert!(err.to_string().contains(&context), "{err}");
    assert!(err.to_string().contains("interval"), "names the field: {err}");
    assert_eq!(
        operation_count(&sim, "postAnalyticsConversationsDetailsQuery").await,
        1
    );
}

#[tokio::test]
async fn a_slow_answer_times_out_and_is_retried() {
    let sim = sim().await;
    let mut config = genesys_config(&sim);
    config.http.request_timeout = Duration::from_millis(500);
    let client = GenesysClient::builder(config).build().unwrap();
    warm(&client).await;
    faults(
        &sim,
        json!({"failNext": [{"operation": DETAILS, "count": 1, "delayMs": 1500}]}),
    )
    .await;
    let started = Instant::now();
    let err = client.conversation_details(&some_id()).await.unwrap_err();
    assert!(err.is_not_found(), "second attempt answered: {err}");
    assert!(started.elapsed() >= Duration::from_millis(500));
    assert_eq!(operation_count(&sim, DETAILS).await, 2);
}

#[tokio::test]
async fn a_call_never_outlives_its_deadline() {
    let sim = sim().await;
    let client = client(&sim);
    warm(&client).await;
    faults(&sim, json!({"latencyMs": 3000})).await;
    let started = Instant::now();
    let err = client
        .with_deadline(Deadline::after(Duration::from_millis(1500)))
        .conversation_details(&some_id())
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1900), "took {took:?}");
    assert!(
        matches!(
            err,
            GenesysError::Timeout { .. } | GenesysError::DeadlineExceeded { .. }
        ),
        "{err:?}"
    );
    faults(&sim, json!({"reset": true})).await;
    assert!(
        client
            .conversation_details(&some_id())
            .await
            .unwrap_err()
            .is_not_found(),
        "faults switch off"
    );
}

#[tokio::test]
async fn writes_that_are_not_idempotent_are_not_repeated_after_a_5xx() {
    let sim = sim().await;
    let client = client(&sim);
    warm(&client).await;
    fail_next(&sim, "postIntegrationsActionExecute", 503, 1, json!({})).await;
    let input = wrapup::genesys::models::DataActionInput(serde_json::Map::from_iter([(
        "caseId".to_owned(),
        json!("CASE-1"),
    )]));
    let err = client.execute_data_action("action-1", &input).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(operation_count(&sim, "postIntegrationsActionExecute").await, 1);
    // A 429 means Genesys did not run it: retried.
    fail_next(
        &sim,
        "postIntegrationsActionExecute",
        429,
        1,
        json!({"retryAfterSecs": 1}),
    )
    .await;
    client.execute_data_action("action-1", &input).await.unwrap();
    assert_eq!(operation_count(&sim, "postIntegrationsActionExecute").await, 3);
}

#[tokio::test]
async fn a_pacer_spreads_calls_under_the_allowed_rate() {
    use std::sync::Arc;
    use wrapup::genesys::Pacer;

    let sim = sim_with(genesys_sim::SimConfig {
        rate_limit_per_minute: 600,
        ..genesys_sim::SimConfig::default()
    })
    .await;
    // 90% of 600 requests per minute: one call every ~111 ms.
    let pacer = Arc::new(Pacer::new(600, 0.9));
    let client = GenesysClient::builder(genesys_config(&sim))
        .pacer(pacer.clone())
        .build()
        .unwrap();
    let started = Instant::now();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let client = client.clone();
        calls.spawn(async move { client.conversation_details(&some_id()).await });
    }
    while let Some(result) = calls.join_next().await {
        assert!(result.unwrap().unwrap_err().is_not_found());
    }
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(11 * 105),
        "12 calls spaced ~111 ms apart took {took:?}"
    );
    let limit = client.rate_limit().unwrap();
    assert_eq!(limit.allowed, 600);
    assert!(limit.count >= 12, "{limit:?}");
    assert_eq!(stats(&sim).await["rateLimited"].as_u64(), Some(0));
}
