//! The fast tier of the API: the function's real handler with template.yaml's environment, on
//! stores and queues in memory and an in-memory Genesys loaded with the simulator's seeded
//! conversations. No moto, no simulator process: plain `cargo test` runs these.

use crate::common;

use common::*;
use genesys_sim::SimConfig;
use serde_json::{Value, json};
use wrapup::genesys::Fault;

fn seeded() -> MemoryHarness {
    memory_harness(SimConfig {
        conversations: 30,
        ..Default::default()
    })
}

#[tokio::test]
async fn a_summary_is_computed_audited_and_handed_to_crm_sync_once() {
    let h = seeded();
    let call = h.transcribed_call();
    let answer = h.post(json!({"conversationId": call, "caseId": "CASE-9"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_valid("SummaryResponse", &answer.body);
    assert_eq!(
        answer.body["status"], "queued_for_crm",
        "{:#}",
        answer.body["verification"]
    );
    let sent = h.crm_queue.sent();
    assert_eq!(sent.len(), 1);
    let message: Value = serde_json::from_str(&sent[0].body).unwrap();
    assert_eq!(message["caseId"], "CASE-9");
    assert_eq!(message["auditId"], answer.body["auditId"]);
    wrapup::queue::parse_crm_sync(&sent[0].body).expect("a valid crm-sync message");

    // The same request again is the stored result, and nothing more goes to the CRM.
    let again = h.post(json!({"conversationId": call, "caseId": "CASE-9"})).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.header("x-wrapup-replayed").as_deref(), Some("true"));
    assert_eq!(again.body["auditId"], answer.body["auditId"]);
    assert_eq!(h.crm_queue.sent().len(), 1);
    assert_eq!(h.genesys.calls("getAnalyticsConversationDetails"), 1);

    let state = h.get(&call).await;
    assert_eq!(state.status, 200);
    assert_eq!(state.body["result"]["auditId"], answer.body["auditId"]);
}

#[tokio::test]
async fn a_genesys_failure_is_a_502_without_internals_and_the_retry_succeeds() {
    let h = seeded();
    let call = h.transcribed_call();
    h.genesys
        .fail_next("getAnalyticsConversationDetails", Fault::Status(503), 1);
    let answer = h.post(json!({"conversationId": call, "caseId": "C"})).await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "genesys_unavailable");
    assert_eq!(answer.body["genesysStatus"], 503);
    assert!(
        answer.body["contextId"]
            .as_str()
            .is_some_and(|c| c.starts_with("memory-"))
    );
    let text = answer.body.to_string();
    for internal in ["injected", "MemoryGenesys", "memory.fault", "api/v2"] {
        assert!(!text.contains(internal), "{internal} leaked: {text}");
    }
    assert!(h.crm_queue.sent().is_empty());
    // The failure freed the claim: the retry computes and hands over exactly once.
    let answer = h.post(json!({"conversationId": call, "caseId": "C"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(h.crm_queue.sent().len(), 1);
}

#[tokio::test]
async fn a_genesys_timeout_is_a_504_and_throttling_a_429() {
    let h = seeded();
    let call = h.transcribed_call();
    h.genesys
        .fail_next("getAnalyticsConversationDetails", Fault::Timeout, 1);
    let answer = h.post(json!({"conversationId": call, "caseId": "C"})).await;
    assert_eq!(answer.status, 504, "{:#}", answer.body);
    h.genesys.fail_next(
        "getSpeechandtextanalyticsConversationCommunicationTranscripturl",
        Fault::Status(429),
        1,
    );
    let answer = h.post(json!({"conversationId": call, "caseId": "C"})).await;
    assert_eq!(answer.status, 429, "{:#}", answer.body);
    assert!(answer.header("retry-after").is_some());
    assert!(h.crm_queue.sent().is_empty());
}

#[tokio::test]
async fn an_unknown_conversation_and_a_missing_transcript_are_404s_with_a_hint() {
    let h = seeded();
    let unknown = "00000000-0000-4000-8000-0000000000aa";
    let answer = h.post(json!({"conversationId": unknown, "caseId": "C"})).await;
    assert_eq!(answer.status, 404, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "conversation_not_found");
    assert!(answer.body["hint"].as_str().unwrap().len() > 10);

    let call = h.transcribed_call();
    h.genesys.fail_next(
        "getSpeechandtextanalyticsConversationCommunicationTranscripturl",
        Fault::Status(404),
        10,
    );
    let answer = h.post(json!({"conversationId": call, "caseId": "C"})).await;
    assert_eq!(answer.status, 404, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "transcript_not_ready");
}

#[tokio::test]
async fn the_copilot_summary_is_used_when_genesys_has_one() {
    let h = seeded();
    let with_copilot = h.transcribed(|c| c.summaries.is_some());
    let answer = h
        .post(json!({"conversationId": with_copilot, "caseId": "C", "source": "genesys"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["source"]["type"], "genesys", "{:#}", answer.body);
    assert_eq!(h.genesys.calls("getConversationSummaries"), 1);
    // Asking for Copilot where there is none is a clear 404.
    let without = h.transcribed(|c| c.summaries.is_none());
    let answer = h
        .post(json!({"conversationId": without, "caseId": "C", "source": "genesys"}))
        .await;
    assert_eq!(answer.status, 404, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "copilot_summary_not_found");
}
