//! The OAuth exchange and the in-process token tier, against the simulator.

use crate::common;

use std::time::Duration;

use common::*;
use genesys_sim::SimConfig;
use wrapup::genesys::{AuthError, GenesysClient, GenesysError};
use wrapup::ids::ConversationId;

fn some_id() -> ConversationId {
    ConversationId::parse("00000000-0000-4000-8000-000000000001").unwrap()
}

#[tokio::test]
async fn token_is_fetched_once_and_reused() {
    let sim = sim().await;
    let client = client(&sim);
    for _ in 0..5 {
        let err = client.conversation_details(&some_id()).await.unwrap_err();
        assert!(err.is_not_found(), "{err}");
    }
    assert_eq!(token_requests(&sim).await, 1);
    let stats = client.token_stats();
    assert_eq!(stats.fetches, 1);
    assert!(stats.memory_hits >= 4, "{stats:?}");
}

#[tokio::test]
async fn token_is_refreshed_ahead_of_expiry() {
    // 2 s tokens; the 300 s margin is capped at half the lifetime, so refresh starts after 1 s.
    let sim = sim_with(SimConfig {
        token_lifetime_secs: 2,
        ..SimConfig::default()
    })
    .await;
    let client = client(&sim);
    client.ensure_token().await.unwrap();
    client.ensure_token().await.unwrap();
    assert_eq!(token_requests(&sim).await, 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.ensure_token().await.unwrap();
    assert_eq!(
        token_requests(&sim).await,
        2,
        "refreshed before the token expired"
    );
}

#[tokio::test]
async fn a_401_invalidates_the_token_and_retries_once() {
    let sim = sim().await;
    let client = client(&sim);
    assert!(
        client
            .conversation_details(&some_id())
            .await
            .unwrap_err()
            .is_not_found()
    );
    faults(&sim, serde_json::json!({"tokenRevokeAll": true})).await;
    // The revoked token gets a 401; the client fetches a new one and the retry reaches Genesys.
    let err = client.conversation_details(&some_id()).await.unwrap_err();
    assert!(err.is_not_found(), "retried after 401, got {err}");
    assert_eq!(token_requests(&sim).await, 2);
    assert_eq!(operation_count(&sim, "getAnalyticsConversationDetails").await, 3);
    assert_eq!(client.token_stats().invalidations, 1);
}

#[tokio::test]
async fn a_second_401_is_not_retried_again() {
    let sim = sim().await;
    let client = client(&sim);
    client.ensure_token().await.unwrap();
    fail_next(
        &sim,
        "getAnalyticsConversationDetails",
        401,
        5,
        serde_json::json!({}),
    )
    .await;
    let err = client.conversation_details(&some_id()).await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
    assert_eq!(
        operation_count(&sim, "getAnalyticsConversationDetails").await,
        2,
        "one retry only"
    );
    assert_eq!(token_requests(&sim).await, 2);
}

fn client_with_secret(sim: &genesys_sim::SimHandle, id: &str, secret: &str) -> GenesysClient {
    let mut config = genesys_config(sim);
    config.client_id = id.into();
    config.client_secret = secret.into();
    GenesysClient::builder(config).build().unwrap()
}

#[tokio::test]
async fn token_errors_say_what_to_fix() {
    let sim = sim().await;
    let err = client_with_secret(&sim, "local-client", "wrong")
        .ensure_token()
        .await
        .unwrap_err();
    assert!(
        matches!(err, GenesysError::Auth(AuthError::BadCredentials { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("GENESYS_CLIENT_SECRET"));
    let err = client_with_secret(&sim, "nobody", "x")
        .ensure_token()
        .await
        .unwrap_err();
    assert!(
        matches!(err, GenesysError::Auth(AuthError::UnknownClient { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("GENESYS_CLIENT_ID"));
    // Neither is retried: credentials do not fix themselves.
    assert_eq!(token_requests(&sim).await, 2);
    // And the secret never appears in an error.
    assert!(!format!("{err:?}").contains("local-secret"));
}

#[tokio::test]
async fn token_endpoint_throttling_and_outages_are_retried() {
    let sim = sim().await;
    let rules = serde_json::json!({"failNext": [
        {"operation": "oauthToken", "status": 429, "count": 1, "retryAfterSecs": 1},
        {"operation": "oauthToken", "status": 503, "count": 1}
    ]});
    faults(&sim, rules).await;
    let client = client(&sim);
    let started = std::time::Instant::now();
    client.ensure_token().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(token_requests(&sim).await, 3);
}
