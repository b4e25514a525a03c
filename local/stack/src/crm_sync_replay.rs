//! The whole loop an operator runs: crm-sync dead-letters messages the CRM refused, the cause is
//! fixed, `dlq-replay` moves them back, and this time they are written — once.

use aws_lambda_events::event::sqs::SqsEvent;
use serde_json::{Value, json};
use wrapup::store::{AuditRecord, StatusEntry};
use wrapup_testkit::{LocalAws, MotoStack};

use crate::gateway::crm_sync_config;
use crate::stack::LocalEnv;

async fn drain(sqs: &aws_sdk_sqs::Client, url: &str) -> (SqsEvent, Vec<aws_sdk_sqs::types::Message>) {
    let out = sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(10)
        .send()
        .await
        .unwrap();
    let messages = out.messages.unwrap_or_default();
    let records: Vec<Value> = messages
        .iter()
        .map(|m| json!({"messageId": m.message_id(), "receiptHandle": m.receipt_handle(), "body": m.body(),
                        "attributes": {"ApproximateReceiveCount": "1"}, "messageAttributes": {}, "eventSource": "aws:sqs"}))
        .collect();
    (
        serde_json::from_value(json!({"Records": records})).unwrap(),
        messages,
    )
}

async fn delete(sqs: &aws_sdk_sqs::Client, url: &str, messages: &[aws_sdk_sqs::types::Message]) {
    for m in messages {
        sqs.delete_message()
            .queue_url(url)
            .receipt_handle(m.receipt_handle().unwrap())
            .send()
            .await
            .unwrap();
    }
}

async fn accepted_webhooks(sim: &str) -> usize {
    let all: Value = reqwest::get(format!("{sim}/_sim/crm/requests"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let all = all.as_array().cloned().unwrap_or_default();
    all.iter()
        .filter(|r| r["kind"] == "webhook" && r["accepted"] == true)
        .count()
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn dead_lettered_messages_replay_and_succeed() {
    let sim = genesys_sim::start(genesys_sim::SimConfig::default(), 0)
        .await
        .unwrap();
    let aws = LocalAws::from_env().expect("moto");
    let sdk = aws.sdk_config().await;
    let created = MotoStack::create_unique(&aws, "replay").await.unwrap();
    let sqs = aws_sdk_sqs::Client::new(&sdk);
    let env = LocalEnv::new(&created, aws.endpoint(), &sim.base_url, 60).unwrap();
    let queue_urls = created.queues.clone();
    let app = crm_sync::App::from_config(crm_sync_config(&env).unwrap(), &sdk)
        .await
        .unwrap();
    let (queue, dlq) = (&queue_urls["CrmSyncQueue"], &queue_urls["CrmSyncDLQ"]);

    let example: Value = serde_json::from_str(include_str!("../../../events/crm-sync-message.json")).unwrap();
    for n in 0..3u32 {
        let mut m = example.clone();
        m["auditId"] = json!(uuid::Uuid::new_v4().to_string());
        m["idempotencyKey"] = json!(format!("{:064x}", 0xab00 + n));
        let record = AuditRecord {
            audit_id: m["auditId"].as_str().unwrap().to_owned(),
            conversation_id: m["conversationId"].as_str().unwrap().to_owned(),
            case_id: m["caseId"].as_str().unwrap().to_owned(),
            caller: None,
            request_sha256: m["idempotencyKey"].as_str().unwrap().to_owned(),
            transcript_sha256: None,
            source: None,
            model: None,
            token_usage: None,
            timings: None,
            redactions: None,
            verification: None,
            status_history: vec![StatusEntry::now("queued_for_crm", None)],
            crm_sync: None,
            created_at: wrapup::store::now_timestamp(),
        };
        app.audit.create(&record).await.unwrap();
        sqs.send_message()
            .queue_url(queue)
            .message_body(m.to_string())
            .send()
            .await
            .unwrap();
    }
    // The CRM refuses all three (a mapping bug on its side): dead-lettered at once.
    let faults = json!({"crm": {"failNext": 3, "status": 422, "target": "webhook"}});
    reqwest::Client::new()
        .post(format!("{}/_sim/faults", sim.base_url))
        .json(&faults)
        .send()
        .await
        .unwrap();
    let (event, messages) = drain(&sqs, queue).await;
    assert_eq!(event.records.len(), 3);
    let response = crm_sync::handle_batch(&app, event, &lambda_runtime::Context::default()).await;
    assert!(response.batch_item_failures.is_empty());
    delete(&sqs, queue, &messages).await;
    assert_eq!(accepted_webhooks(&sim.base_url).await, 0);

    // Fixed; the operator replays the DLQ.
    let report = wrapup_ops::dlq::replay(&sqs, dlq, queue, None, false)
        .await
        .unwrap();
    assert_eq!(report.moved, 3, "{report:?}");
    let (event, messages) = drain(&sqs, queue).await;
    assert_eq!(event.records.len(), 3, "back on the queue");
    let response = crm_sync::handle_batch(&app, event, &lambda_runtime::Context::default()).await;
    assert!(response.batch_item_failures.is_empty());
    delete(&sqs, queue, &messages).await;
    assert_eq!(
        accepted_webhooks(&sim.base_url).await,
        3,
        "all three written, once each"
    );
    let (left, _) = drain(&sqs, dlq).await;
    assert!(left.records.is_empty());
}
