//! The shared token tier: several client instances (as several Lambda sandboxes would be), each
//! with its own in-process cache, one DynamoDB table (moto), one simulator.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use common::*;
use genesys_sim::SimConfig;
use serde_json::json;
use wrapup::genesys::{AccessToken, GenesysClient, TokenCacheConfig, TokenStore};
use wrapup::ids::ConversationId;

fn shared_client(sim: &genesys_sim::SimHandle, store: &Arc<dyn TokenStore>) -> GenesysClient {
    GenesysClient::builder(genesys_config(sim))
        .token_store(Arc::clone(store))
        .build()
        .unwrap()
}

fn some_id() -> ConversationId {
    ConversationId::parse("00000000-0000-4000-8000-000000000003").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn three_instances_twenty_concurrent_calls_one_token_request() {
    let sim = sim().await;
    let (store, _, _) = token_store().await;
    let clients: Vec<_> = (0..3).map(|_| shared_client(&sim, &store)).collect();
    let mut calls = tokio::task::JoinSet::new();
    for client in &clients {
        for _ in 0..20 {
            let client = client.clone();
            calls.spawn(async move { client.conversation_details(&some_id()).await });
        }
    }
    let mut answered = 0;
    while let Some(result) = calls.join_next().await {
        let err = result.unwrap().unwrap_err();
        assert!(err.is_not_found(), "every call reached the API: {err}");
        answered += 1;
    }
    assert_eq!(answered, 60);
    assert_eq!(
        token_requests(&sim).await,
        1,
        "exactly one token request for all instances"
    );
    let fetches: u64 = clients.iter().map(|c| c.token_stats().fetches).sum();
    let shared_hits: u64 = clients.iter().map(|c| c.token_stats().shared_hits).sum();
    assert_eq!(fetches, 1);
    assert_eq!(
        shared_hits, 2,
        "the two other instances read the shared item once each"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_new_instance_reuses_the_shared_token_and_the_item_has_a_ttl() {
    let sim = sim().await;
    let (store, dynamodb, table) = token_store().await;
    let first = shared_client(&sim, &store);
    first.ensure_token().await.unwrap();
    let second = shared_client(&sim, &store);
    second.ensure_token().await.unwrap();
    assert_eq!(token_requests(&sim).await, 1);
    assert_eq!(second.token_stats().shared_hits, 1);

    let item = dynamodb
        .get_item()
        .table_name(&table)
        .key("cacheKey", AttributeValue::S(first.token_cache_key().to_owned()))
        .send()
        .await
        .unwrap()
        .item
        .expect("token item");
    let ttl: i64 = item["ttl"].as_n().unwrap().parse().unwrap();
    let expires_at: i64 = item["expiresAt"].as_n().unwrap().parse().unwrap();
    assert_eq!(ttl, expires_at / 1000 + 1, "TTL follows the token's expiry");
    assert!(first.token_cache_key().contains("local-client"));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_expired_item_is_not_used_even_before_dynamodb_deletes_it() {
    let sim = sim().await;
    let (store, _, _) = token_store().await;
    let key = shared_client(&sim, &store).token_cache_key().to_owned();
    // Plant an expired token the way a long-gone instance would have left it (moto never
    // deletes expired items, and DynamoDB only does so lazily).
    let owner = "crashed-instance";
    assert!(
        store
            .try_lease(&key, owner, 0, Duration::from_secs(1))
            .await
            .unwrap()
    );
    let expired = AccessToken::new("expired-token", 1_000, 500);
    assert!(store.put_token(&key, owner, &expired).await.unwrap());
    let client = shared_client(&sim, &store);
    client.conversation_details(&some_id()).await.unwrap_err();
    assert_eq!(token_requests(&sim).await, 1, "fetched a new token instead");
    assert_ne!(
        store.load(&key).await.unwrap().token.unwrap().secret(),
        "expired-token"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_401_replaces_the_shared_token_once() {
    let sim = sim().await;
    let (store, _, _) = token_store().await;
    let a = shared_client(&sim, &store);
    let b = shared_client(&sim, &store);
    a.ensure_token().await.unwrap();
    b.ensure_token().await.unwrap();
    let key = a.token_cache_key().to_owned();
    let before = store.load(&key).await.unwrap().token.unwrap();
    faults(&sim, json!({"tokenRevokeAll": true})).await;
    assert!(
        a.conversation_details(&some_id())
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        b.conversation_details(&some_id())
            .await
            .unwrap_err()
            .is_not_found()
    );
    let after = store.load(&key).await.unwrap().token.unwrap();
    assert_ne!(before.secret(), after.secret());
    // b found a's new token in the shared tier after its own 401.
    assert_eq!(token_requests(&sim).await, 2);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn invalidation_is_conditional_on_the_token_value() {
    let sim = sim().await;
    let (store, _, _) = token_store().await;
    let client = shared_client(&sim, &store);
    client.ensure_token().await.unwrap();
    let key = client.token_cache_key().to_owned();
    let current = store.load(&key).await.unwrap().token.unwrap();
    let stale = AccessToken::new(
        "some-older-token",
        current.expires_at_ms(),
        current.refresh_at_ms(),
    );
    assert!(
        !store.invalidate(&key, &stale).await.unwrap(),
        "a stale 401 must not remove a newer token"
    );
    assert!(store.load(&key).await.unwrap().token.is_some());
    assert!(store.invalidate(&key, &current).await.unwrap());
    assert!(store.load(&key).await.unwrap().token.is_none());
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_crashed_lease_holder_is_taken_over_after_its_lease() {
    let sim = sim().await;
    let (store, _, _) = token_store().await;
    let config = TokenCacheConfig {
        lease: Duration::from_millis(800),
        wait_poll: Duration::from_millis(50),
    };
    let client = GenesysClient::builder(genesys_config(&sim))
        .token_store(Arc::clone(&store))
        .token_cache_config(config)
        .build()
        .unwrap();
    let key = client.token_cache_key().to_owned();
    // Another instance took the lease and died before storing a token.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    assert!(
        store
            .try_lease(&key, "dead", now, Duration::from_millis(800))
            .await
            .unwrap()
    );
    let started = std::time::Instant::now();
    client.ensure_token().await.unwrap();
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(600),
        "waited for the lease: {waited:?}"
    );
    assert!(waited < Duration::from_secs(3), "then took over: {waited:?}");
    assert_eq!(token_requests(&sim).await, 1);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn instances_refresh_near_expiry_one_at_a_time() {
    let sim = sim_with(SimConfig {
        token_lifetime_secs: 4,
        ..SimConfig::default()
    })
    .await;
    let (store, _, _) = token_store().await;
    let clients: Vec<_> = (0..3).map(|_| shared_client(&sim, &store)).collect();
    for c in &clients {
        c.ensure_token().await.unwrap();
    }
    assert_eq!(token_requests(&sim).await, 1);
    tokio::time::sleep(Duration::from_millis(2300)).await;
    let mut calls = tokio::task::JoinSet::new();
    for c in &clients {
        for _ in 0..5 {
            let c = c.clone();
            calls.spawn(async move { c.conversation_details(&some_id()).await });
        }
    }
    while let Some(result) = calls.join_next().await {
        assert!(result.unwrap().unwrap_err().is_not_found());
    }
    assert_eq!(token_requests(&sim).await, 2, "one refresh for all instances");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn calls_still_work_when_the_shared_tier_is_down() {
    let sim = sim().await;
    let (_, dynamodb, _) = token_store().await;
    let broken: Arc<dyn TokenStore> = Arc::new(wrapup::genesys::DynamoDbTokenStore::new(
        dynamodb,
        "no-such-table",
    ));
    let client = shared_client(&sim, &broken);
    assert!(
        client
            .conversation_details(&some_id())
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        client
            .conversation_details(&some_id())
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert_eq!(
        token_requests(&sim).await,
        1,
        "fetched once, then served from memory"
    );
}
