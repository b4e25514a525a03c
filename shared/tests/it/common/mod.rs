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

/// An LLM summariser configuration against the simulator's `/v1/chat/completions`.
pub fn llm_config(sim: &SimHandle) -> wrapup::summary::llm::LlmConfig {
    let base = Url::parse(&format!("{}/v1/", sim.base_url)).unwrap();
    wrapup::summary::llm::LlmConfig::new(base, "sim-model", "test-key")
}

/// Every chat-completions request the simulator received, oldest first (`{receivedAt, authorized, body}`).
pub async fn llm_requests(sim: &SimHandle) -> Vec<Value> {
    match get(sim, "/_sim/llm/requests").await {
        Value::Array(requests) => requests,
        other => panic!("llm requests: {other}"),
    }
}

/// The simulator's LLM fault: `mode` for `count` requests (all when `None`).
pub async fn llm_fault(sim: &SimHandle, mode: &str, count: Option<u32>, delay_ms: Option<u64>) {
    let mut llm = json!({"mode": mode});
    if let Some(count) = count {
        llm["count"] = json!(count);
    }
    if let Some(delay) = delay_ms {
        llm["delayMs"] = json!(delay);
    }
    faults(sim, json!({"llm": llm})).await;
}

/// A hand-built transcript: one utterance per line, 4 s apart; voice lines carry ASR confidence 0.9.
pub fn transcript_of(
    channel: wrapup::transcript::Channel,
    lines: &[(wrapup::transcript::SpeakerRole, &str)],
) -> wrapup::transcript::Transcript {
    use wrapup::transcript::{Channel, Transcript, Utterance};
    let utterances = lines
        .iter()
        .enumerate()
        .map(|(i, (speaker, text))| Utterance {
            speaker: *speaker,
            text: text.to_string(),
            start_offset_ms: i as u64 * 4_000,
            duration_ms: 3_000,
            confidence: (channel == Channel::Voice).then_some(0.9),
            communication_id: "comm-1".into(),
        })
        .collect();
    Transcript {
        conversation_id: "7d6a4c1e-0000-4000-8000-000000000001".to_string(),
        agent_names: Vec::new(),
        media_type: channel,
        language: Some("en-US".to_string()),
        duration_ms: lines.len() as u64 * 4_000,
        utterances,
    }
}
