//! crm-sync end to end: every target, duplicates, crashes, retries and dead letters.

use crate::common;

use common::*;
use serde_json::{Value, json};

const CALL: &str = "9e9e9e9e-0000-4000-8000-000000000001";

async fn send_messages(h: &Harness, messages: &[Value]) {
    for m in messages {
        h.audit_for(m).await;
    }
    let bodies: Vec<String> = messages.iter().map(|m| m.to_string()).collect();
    h.send(&bodies).await;
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn each_target_receives_the_summary_once() {
    let h = harness("dataAction,webhook,participantAttributes").await;
    h.load_conversation(CALL).await;
    let m = message(CALL, 1);
    send_messages(&h, std::slice::from_ref(&m)).await;
    let (event, messages) = h.receive("CrmSyncQueue", 10).await;
    assert_eq!(h.process(event, &messages).await, Vec::<String>::new());
    let webhook = h.accepted("webhook").await;
    assert_eq!(webhook.len(), 1);
    assert_eq!(
        webhook[0]["signatureValid"], true,
        "the simulator verified Wrapup-Signature"
    );
    assert!(
        webhook[0]["idempotencyKey"]
            .as_str()
            .unwrap()
            .contains(m["auditId"].as_str().unwrap())
    );
    let data_action = h.accepted("dataAction").await;
    assert_eq!(data_action.len(), 1);
    let input = data_action[0].to_string();
    assert!(
        input.contains("Post_Call_Summary") && input.contains("CASE-1"),
        "{input}"
    );
    assert_eq!(h.accepted("participantAttributes").await.len(), 1);
    let sync = h
        .audit_crm_sync(m["auditId"].as_str().unwrap())
        .await
        .expect("audit crmSync");
    assert_eq!(sync["status"], "synced");
    for target in ["dataAction", "webhook", "participantAttributes"] {
        assert_eq!(sync["targets"][target]["status"], "written", "{sync:#}");
        assert_eq!(sync["targets"][target]["attempts"], 1);
        assert!(sync["targets"][target]["latencyMs"].is_u64());
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn duplicates_make_one_write() {
    let h = harness("webhook").await;
    let m = message(CALL, 2);
    h.audit_for(&m).await;
    // The same delivery three times: twice as separate SQS messages, once redelivered.
    h.send(&[m.to_string(), m.to_string()]).await;
    let (event, messages) = h.receive("CrmSyncQueue", 10).await;
    assert_eq!(messages.len(), 2);
    let redelivery = event.clone();
    assert!(h.process(event, &messages).await.is_empty());
    assert!(h.process(redelivery, &[]).await.is_empty());
    assert_eq!(h.accepted("webhook").await.len(), 1, "one CRM write");
    let all: Vec<Value> = h.crm_requests().await;
    assert_eq!(
        all.iter().filter(|r| r["kind"] == "webhook").count(),
        1,
        "no second request reached the CRM at all"
    );
}

/// A synchronous request whose result could not be stored is computed again under a new audit
/// id: its second message is the same delivery (request key and generation) and writes nothing;
/// a forced recomputation (the next generation) is a new delivery.
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn two_computations_of_one_request_write_once_and_a_forced_one_again() {
    let h = harness("webhook").await;
    let mut first = message(CALL, 3);
    first["generation"] = json!(0);
    let mut retried = first.clone();
    retried["auditId"] = json!(uuid::Uuid::new_v4().to_string());
    send_messages(&h, &[first.clone(), retried]).await;
    let (event, messages) = h.receive("CrmSyncQueue", 10).await;
    assert_eq!(messages.len(), 2);
    assert!(h.process(event, &messages).await.is_empty());
    let written = h.accepted("webhook").await;
    assert_eq!(written.len(), 1, "one CRM write for both computations");
    let key = first["idempotencyKey"].as_str().unwrap();
    assert_eq!(written[0]["idempotencyKey"], format!("{key}.g0"));

    let mut forced = first.clone();
    forced["auditId"] = json!(uuid::Uuid::new_v4().to_string());
    forced["generation"] = json!(1);
    send_messages(&h, &[forced]).await;
    let (event, messages) = h.receive("CrmSyncQueue", 10).await;
    assert!(h.process(event, &messages).await.is_empty());
    let written = h.accepted("webhook").await;
    assert_eq!(written.len(), 2, "the forced recomputation is written");
    assert_eq!(written[1]["idempotencyKey"], format!("{key}.g1"));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_worker_killed_after_the_write_before_the_ack_writes_nothing_again() {
    let h = harness("webhook").await;
    let m = message(CALL, 3);
    send_messages(&h, std::slice::from_ref(&m)).await;
    let (event, _) = h.receive("CrmSyncQueue", 1).await;
    // The first worker writes and dies before deleting the message (no ack, no delete).
    let _ = crm_sync::handle_batch(&h.app, event.clone(), &lambda_runtime::Context::default()).await;
    // SQS delivers it again after the visibility timeout.
    let second = h.process(event, &[]).await;
    assert!(second.is_empty());
    assert_eq!(
        h.crm_requests()
            .await
            .iter()
            .filter(|r| r["kind"] == "webhook")
            .count(),
        1
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_worker_killed_between_the_write_and_its_record_is_deduplicated_by_the_receiver() {
    use wrapup_adapters::crm::Delivery;
    use wrapup_adapters::store::DeliveryClaim;
    let h = harness("webhook").await;
    let m = message(CALL, 4);
    send_messages(&h, std::slice::from_ref(&m)).await;
    // The dead worker claimed and wrote, but never recorded the write.
    let parsed = wrapup_adapters::queue::parse_crm_sync(&m.to_string()).unwrap();
    let delivery = Delivery {
        message: &parsed,
        deadline: wrapup_genesys::Deadline::after(std::time::Duration::from_secs(5)),
    };
    let claim = h
        .app
        .deliveries
        .claim(
            &delivery.key(),
            "webhook",
            "dead-worker",
            std::time::Duration::from_secs(1),
        )
        .await
        .unwrap();
    assert!(matches!(claim, DeliveryClaim::Acquired { .. }));
    h.app.targets[0].write(&delivery).await.unwrap();
    // Its lease runs out; the redelivered message is taken over and written again under the same
    // Idempotency-Key, which the receiver recognises.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let (event, messages) = h.receive("CrmSyncQueue", 1).await;
    assert!(h.process(event, &messages).await.is_empty());
    let webhooks: Vec<Value> = h
        .crm_requests()
        .await
        .into_iter()
        .filter(|r| r["kind"] == "webhook")
        .collect();
    assert_eq!(webhooks.len(), 2);
    assert_eq!(webhooks[0]["idempotencyKey"], webhooks[1]["idempotencyKey"]);
    assert_eq!(
        h.accepted("webhook").await.len(),
        1,
        "the receiver saw one summary"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_crm_500_is_retried_with_a_growing_visibility_timeout_then_succeeds() {
    let h = harness("webhook").await;
    let m = message(CALL, 5);
    send_messages(&h, std::slice::from_ref(&m)).await;
    h.faults(json!({"crm": {"failNext": 1, "status": 500, "target": "webhook"}}))
        .await;
    let (event, messages) = h.receive("CrmSyncQueue", 1).await;
    let failed = h.process(event, &messages).await;
    assert_eq!(failed.len(), 1, "retryable: reported as a batch item failure");
    let sync = h.audit_crm_sync(m["auditId"].as_str().unwrap()).await.unwrap();
    assert_eq!(sync["status"], "retrying");
    assert_eq!(sync["targets"]["webhook"]["httpStatus"], 500);
    // ChangeMessageVisibility hid it (base 1 s, jittered to 0.5–1 s).
    let (hidden, _) = h.receive("CrmSyncQueue", 1).await;
    assert!(hidden.records.is_empty(), "not visible at once");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (event, messages) = h.receive("CrmSyncQueue", 1).await;
    assert_eq!(event.records.len(), 1);
    assert!(h.process(event, &messages).await.is_empty());
    assert_eq!(h.accepted("webhook").await.len(), 1);
    let sync = h.audit_crm_sync(m["auditId"].as_str().unwrap()).await.unwrap();
    assert_eq!(sync["status"], "synced");
    assert_eq!(sync["targets"]["webhook"]["attempts"], 2);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_crm_400_goes_to_the_dlq_at_once_with_the_reason() {
    let h = harness("webhook").await;
    let m = message(CALL, 6);
    send_messages(&h, std::slice::from_ref(&m)).await;
    h.faults(json!({"crm": {"failNext": 1, "status": 400, "target": "webhook"}}))
        .await;
    let (event, messages) = h.receive("CrmSyncQueue", 1).await;
    assert!(
        h.process(event, &messages).await.is_empty(),
        "acknowledged: it is in the DLQ"
    );
    let (dead, raw) = h.receive("CrmSyncDLQ", 10).await;
    assert_eq!(dead.records.len(), 1);
    let attributes = raw[0].message_attributes().unwrap();
    assert!(
        attributes["wrapupDeadLetterReason"]
            .string_value()
            .unwrap()
            .contains("400"),
        "{attributes:?}"
    );
    assert_eq!(
        attributes["wrapupDeadLetterTarget"].string_value(),
        Some("webhook")
    );
    assert_eq!(attributes["wrapupDeadLetterStatus"].string_value(), Some("400"));
    assert_eq!(
        raw[0].body(),
        Some(m.to_string().as_str()),
        "the message, unchanged"
    );
    let sync = h.audit_crm_sync(m["auditId"].as_str().unwrap()).await.unwrap();
    assert_eq!(sync["status"], "dead_lettered");
    assert_eq!(sync["deadLetter"]["target"], "webhook");
    // The record says which target and why, never the queue's URL (it names the account).
    assert!(sync["deadLetter"].get("queue").is_none(), "{sync}");
    assert!(!sync.to_string().contains(h.queues["CrmSyncDLQ"].as_str()));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_malformed_body_in_a_batch_of_ten_only_dead_letters_itself() {
    let h = harness("webhook").await;
    let good: Vec<Value> = (0..9).map(|n| message(CALL, 100 + n)).collect();
    send_messages(&h, &good).await;
    h.send(&["{\"version\": 1, \"caseId\": ".to_owned()]).await;
    let (event, messages) = h.receive("CrmSyncQueue", 10).await;
    assert_eq!(event.records.len(), 10);
    assert!(h.process(event, &messages).await.is_empty());
    assert_eq!(h.accepted("webhook").await.len(), 9, "nine succeed");
    let (dead, raw) = h.receive("CrmSyncDLQ", 10).await;
    assert_eq!(dead.records.len(), 1, "one dead-lettered");
    let reason = raw[0].message_attributes().unwrap()["wrapupDeadLetterReason"]
        .string_value()
        .unwrap()
        .to_owned();
    assert!(reason.contains("invalid message"), "{reason}");
}
