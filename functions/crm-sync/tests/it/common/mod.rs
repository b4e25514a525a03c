//! Test harness: the real crm-sync handler against the simulator's CRM side and moto, with the
//! tables and queues of template.yaml, messages shaped like events/crm-sync-message.json.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use aws_lambda_events::event::sqs::SqsEvent;
use crm_sync::{App, FunctionConfig, handle_batch};
use genesys_sim::SimHandle;
use lambda_runtime::Context;
use serde_json::{Value, json};
use wrapup_testkit::{LocalAws, MotoStack};

mod memory;
#[allow(unused_imports)]
pub use memory::{MemoryHarness, memory_harness};

pub const WEBHOOK_SECRET: &str = "local-webhook-secret";

pub struct Harness {
    pub sim: SimHandle,
    pub app: App,
    pub stack: String,
    pub queues: BTreeMap<String, String>,
    pub sqs: aws_sdk_sqs::Client,
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub env: BTreeMap<String, String>,
    pub aws: LocalAws,
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn example_message() -> Value {
    let path = repo_root().join("events/crm-sync-message.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A crm-sync message for `conversation_id` with its own idempotency key and audit id.
pub fn message(conversation_id: &str, n: usize) -> Value {
    let mut m = example_message();
    m["conversationId"] = json!(conversation_id);
    m["caseId"] = json!(format!("CASE-{n}"));
    m["idempotencyKey"] = json!(format!("{:064x}", n as u128 * 7919 + 1));
    m["auditId"] = json!(uuid::Uuid::new_v4().to_string());
    m
}

pub async fn harness(targets: &str) -> Harness {
    harness_with(targets, &[]).await
}

pub async fn harness_with(targets: &str, overrides: &[(&'static str, &str)]) -> Harness {
    let sim = genesys_sim::start(
        genesys_sim::SimConfig {
            rate_limit_per_minute: 100_000,
            ..Default::default()
        },
        0,
    )
    .await
    .expect("simulator");
    let aws = LocalAws::from_env().expect("moto");
    let sdk = aws.sdk_config().await;
    let dynamodb = aws_sdk_dynamodb::Client::new(&sdk);
    let sqs = aws_sdk_sqs::Client::new(&sdk);
    let created = MotoStack::create_unique(&aws, "crm")
        .await
        .expect("the stack in moto");
    // The deployed function's environment (template.yaml), against the simulator, with short
    // retry delays and leases.
    let local = [
        ("GENESYS_RETRY_BASE_MS", "10".to_owned()),
        ("GENESYS_RETRY_MAX_MS", "50".to_owned()),
        ("WRAPUP_CRM_TARGETS", targets.to_owned()),
        ("WRAPUP_CRM_DATA_ACTION_ID", "custom_-_crm-case-update".to_owned()),
        (
            "WRAPUP_CRM_WEBHOOK_URL",
            format!("{}/_sim/crm/webhook", sim.base_url),
        ),
        ("WRAPUP_CRM_WEBHOOK_SECRET", WEBHOOK_SECRET.to_owned()),
        ("WRAPUP_CRM_WEBHOOK_TIMEOUT_MS", "2000".to_owned()),
        ("WRAPUP_CRM_RETRY_BASE_MS", "1000".to_owned()),
        ("WRAPUP_CRM_LEASE_SECS", "2".to_owned()),
    ];
    let overrides = overrides.iter().map(|(name, value)| (*name, (*value).to_owned()));
    let env = created
        .function_env(
            "CrmSyncFunction",
            &sim.base_url,
            local.into_iter().chain(overrides),
        )
        .expect("the function's environment from template.yaml");
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned()).expect("config");
    let app = App::from_config(config, &sdk).await.expect("app");
    Harness {
        sim,
        app,
        stack: created.name.clone(),
        queues: created.queues.clone(),
        sqs,
        dynamodb,
        env,
        aws,
    }
}

impl Harness {
    /// Sends bodies to the crm-sync queue, as summary-api does.
    pub async fn send(&self, bodies: &[String]) {
        for (chunk_no, chunk) in bodies.chunks(10).enumerate() {
            let entries = chunk.iter().enumerate().map(|(i, body)| {
                aws_sdk_sqs::types::SendMessageBatchRequestEntry::builder()
                    .id(format!("m{chunk_no}-{i}"))
                    .message_body(body)
                    .build()
                    .expect("entry")
            });
            let out = self
                .sqs
                .send_message_batch()
                .queue_url(&self.queues["CrmSyncQueue"])
                .set_entries(Some(entries.collect()))
                .send()
                .await
                .expect("send");
            assert!(out.failed().is_empty(), "{:?}", out.failed());
        }
    }

    /// Receives up to `max` visible messages as one SQS event (receipt handles kept), like the
    /// event source mapping; returns the event and the receipt handles by message id.
    pub async fn receive(&self, queue: &str, max: i32) -> (SqsEvent, Vec<aws_sdk_sqs::types::Message>) {
        let mut messages = Vec::new();
        while (messages.len() as i32) < max {
            let out = self
                .sqs
                .receive_message()
                .queue_url(&self.queues[queue])
                .max_number_of_messages((max - messages.len() as i32).min(10))
                .message_system_attribute_names(aws_sdk_sqs::types::MessageSystemAttributeName::All)
                .message_attribute_names("All")
                .send()
                .await
                .expect("receive");
            let batch = out.messages.unwrap_or_default();
            if batch.is_empty() {
                break;
            }
            messages.extend(batch);
        }
        let records: Vec<Value> = messages
            .iter()
            .map(|m| {
                let count = m
                    .attributes()
                    .and_then(|a| a.get(&aws_sdk_sqs::types::MessageSystemAttributeName::ApproximateReceiveCount))
                    .cloned()
                    .unwrap_or_else(|| "1".to_owned());
                json!({"messageId": m.message_id(), "receiptHandle": m.receipt_handle(), "body": m.body(),
                       "attributes": {"ApproximateReceiveCount": count}, "messageAttributes": {},
                       "md5OfBody": "", "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:crm-sync",
                       "awsRegion": "us-east-1"})
            })
            .collect();
        (
            serde_json::from_value(json!({"Records": records})).expect("an SQS event"),
            messages,
        )
    }

    /// Runs a batch through the handler and deletes the messages it did not report as failed,
    /// as Lambda's event source mapping does.
    pub async fn process(&self, event: SqsEvent, messages: &[aws_sdk_sqs::types::Message]) -> Vec<String> {
        let response = handle_batch(&self.app, event, &Context::default()).await;
        let failed: Vec<String> = response
            .batch_item_failures
            .iter()
            .map(|f| f.item_identifier.clone())
            .collect();
        for m in messages {
            if !failed.iter().any(|f| Some(f.as_str()) == m.message_id())
                && let Some(handle) = m.receipt_handle()
            {
                self.sqs
                    .delete_message()
                    .queue_url(&self.queues["CrmSyncQueue"])
                    .receipt_handle(handle)
                    .send()
                    .await
                    .ok();
            }
        }
        failed
    }

    pub async fn crm_requests(&self) -> Vec<Value> {
        let v: Value = reqwest::get(format!("{}/_sim/crm/requests", self.sim.base_url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v.as_array()
            .cloned()
            .or_else(|| v["requests"].as_array().cloned())
            .unwrap_or_default()
    }

    /// Accepted, first-time writes of a kind (webhook duplicates the receiver spotted excluded).
    pub async fn accepted(&self, kind: &str) -> Vec<Value> {
        self.crm_requests()
            .await
            .into_iter()
            .filter(|r| r["kind"] == kind && r["accepted"] == true && r["duplicate"] != true)
            .collect()
    }

    pub async fn faults(&self, faults: Value) {
        let r = reqwest::Client::new()
            .post(format!("{}/_sim/faults", self.sim.base_url))
            .json(&faults)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    }

    pub async fn load_conversation(&self, id: &str) {
        let body = json!({"conversationId": id, "mediaType": "voice", "language": "en-US",
                          "startTime": chrono::Utc::now().to_rfc3339(),
                          "phrases": [{"speaker": "agent", "text": "Hello."}, {"speaker": "customer", "text": "Hi."}]});
        let r = reqwest::Client::new()
            .post(format!("{}/_sim/conversations", self.sim.base_url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
    }

    pub async fn audit_crm_sync(&self, audit_id: &str) -> Option<Value> {
        self.app
            .audit
            .get(audit_id)
            .await
            .unwrap()
            .and_then(|r| r.crm_sync)
    }

    /// Creates the audit record summary-api would have written for a message.
    pub async fn audit_for(&self, message: &Value) {
        audit_for(self.app.audit.as_ref(), message).await;
    }
}

/// Creates in `audit` the record summary-api would have written for a message.
pub async fn audit_for(audit: &dyn wrapup_adapters::store::AuditLog, message: &Value) {
    {
        use wrapup_adapters::store::{AuditRecord, StatusEntry};
        let record = AuditRecord {
            audit_id: message["auditId"].as_str().unwrap().to_owned(),
            conversation_id: message["conversationId"].as_str().unwrap().to_owned(),
            case_id: message["caseId"].as_str().unwrap().to_owned(),
            caller: None,
            request_sha256: message["idempotencyKey"].as_str().unwrap().to_owned(),
            transcript_sha256: None,
            source: None,
            model: None,
            token_usage: None,
            timings: None,
            redactions: None,
            verification: None,
            status_history: vec![StatusEntry::now("queued_for_crm", None)],
            crm_sync: None,
            created_at: wrapup_adapters::store::now_timestamp(),
        };
        audit.create(&record).await.unwrap();
    }
}
