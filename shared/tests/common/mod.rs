//! Shared test helpers: a simulator per test, clients configured against it, moto tables.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use genesys_sim::{SimConfig, SimHandle};
use serde_json::{Value, json};
use url::Url;
use wrapup::config::{GenesysConfig, HttpConfig};
use wrapup::genesys::{DynamoDbTokenStore, GenesysClient, TokenStore};

pub async fn sim() -> SimHandle {
    sim_with(SimConfig::default()).await
}

pub async fn sim_with(config: SimConfig) -> SimHandle {
    genesys_sim::start(config, 0).await.expect("simulator starts")
}

pub fn http_config() -> HttpConfig {
    HttpConfig {
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(5),
        max_attempts: 4,
        retry_base_delay: Duration::from_millis(20),
        retry_max_delay: Duration::from_millis(200),
        default_call_budget: Duration::from_secs(20),
    }
}

pub fn genesys_config(sim: &SimHandle) -> GenesysConfig {
    GenesysConfig {
        client_id: "local-client".into(),
        client_secret: "local-secret".into(),
        api_base: Url::parse(&sim.base_url).unwrap(),
        login_base: Url::parse(&sim.base_url).unwrap(),
        http: http_config(),
        token_refresh_margin: Duration::from_secs(300),
    }
}

pub fn client(sim: &SimHandle) -> GenesysClient {
    GenesysClient::builder(genesys_config(sim)).build().unwrap()
}

pub async fn faults(sim: &SimHandle, faults: Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/_sim/faults", sim.base_url))
        .json(&faults)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "faults rejected: {}",
        response.text().await.unwrap()
    );
}

pub async fn fail_next(sim: &SimHandle, operation: &str, status: u16, count: u32, extra: Value) {
    let mut rule = json!({"operation": operation, "status": status, "count": count});
    if let (Some(rule), Some(extra)) = (rule.as_object_mut(), extra.as_object()) {
        rule.extend(extra.clone());
    }
    faults(sim, json!({"failNext": [rule]})).await;
}

pub async fn get(sim: &SimHandle, path: &str) -> Value {
    reqwest::get(format!("{}{}", sim.base_url, path))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub async fn stats(sim: &SimHandle) -> Value {
    get(sim, "/_sim/stats").await
}

pub async fn token_requests(sim: &SimHandle) -> u64 {
    stats(sim).await["tokenRequests"]
        .as_u64()
        .expect("tokenRequests in stats")
}

pub async fn operation_count(sim: &SimHandle, operation: &str) -> u64 {
    stats(sim).await["operations"][operation].as_u64().unwrap_or(0)
}

pub async fn load_conversation(sim: &SimHandle, conversation: Value) -> Value {
    let response = reqwest::Client::new()
        .post(format!("{}/_sim/conversations", sim.base_url))
        .json(&conversation)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "load rejected: {body}");
    body
}

/// A token table in moto, created from template.yaml, unique to the calling test.
pub async fn token_store() -> (Arc<dyn TokenStore>, aws_sdk_dynamodb::Client, String) {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto");
    let dynamodb = aws.dynamodb_client().await;
    let stack = wrapup_testkit::unique_stack_name("test");
    wrapup_testkit::create_tables(&dynamodb, &stack)
        .await
        .expect("tables from template.yaml");
    let table = format!("{stack}-token-cache");
    let store: Arc<dyn TokenStore> = Arc::new(DynamoDbTokenStore::new(dynamodb.clone(), table.clone()));
    (store, dynamodb, table)
}
