//! POST /summaries end to end: each source, voice and chat, the answer's shape (docs/openapi.yaml),
//! the CRM handoff and GET /summaries/{conversationId}.

use crate::common;

use common::*;
use serde_json::{Value, json};

const VOICE: &str = "a1a1a1a1-0000-4000-8000-000000000001";
const CHAT: &str = "a1a1a1a1-0000-4000-8000-000000000002";

async fn load_calls(h: &Harness) {
    h.load(conversation(VOICE, "voice", &ROUTER_CALL)).await;
    h.load(conversation(CHAT, "chat", &ROUTER_CALL)).await;
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn extractive_summaries_of_voice_and_chat() {
    let h = harness(Options::default()).await;
    load_calls(&h).await;
    for id in [VOICE, CHAT] {
        let answer = h
            .post(json!({"conversationId": id, "caseId": "CASE-1", "source": "extractive"}))
            .await;
        assert_eq!(answer.status, 200, "{:#}", answer.body);
        assert_valid("SummaryResponse", &answer.body);
        let body = &answer.body;
        assert_eq!(body["source"]["type"], "extractive");
        assert_eq!(body["conversationId"], id);
        let items = body["summary"]["actionItems"].as_array().unwrap();
        assert!(
            items
                .iter()
                .any(|i| i["owner"] == "agent" && i["text"].as_str().unwrap().contains("replacement")),
            "{items:?}"
        );
        assert!(items.iter().any(|i| i["owner"] == "customer"), "{items:?}");
        assert!(body["timings"]["totalMs"].as_u64().is_some());
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn llm_summaries_of_voice_and_chat() {
    let h = harness(Options {
        llm: true,
        ..Options::default()
    })
    .await;
    load_calls(&h).await;
    for id in [VOICE, CHAT] {
        let answer = h
            .post(json!({"conversationId": id, "caseId": "CASE-2", "source": "llm", "tone": "formal"}))
            .await;
        assert_eq!(answer.status, 200, "{:#}", answer.body);
        assert_valid("SummaryResponse", &answer.body);
        assert_eq!(answer.body["source"]["type"], "llm");
        assert_eq!(answer.body["source"]["model"], "sim-model");
        assert!(answer.body["source"]["usage"]["promptTokens"].as_u64().unwrap() > 0);
    }
    let prompts = h.llm_requests().await;
    assert_eq!(prompts.len(), 2, "one chat completion per summary");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_copilot_summary_is_used_when_present() {
    let h = harness(Options {
        llm: true,
        ..Options::default()
    })
    .await;
    let mut call = conversation(VOICE, "voice", &ROUTER_CALL);
    call["copilotSummary"] = json!({
        "text": "The customer's Acme Router Pro keeps dropping the connection. The agent will send a replacement by Friday.",
        "reason": "Acme Router Pro drops the connection",
        "resolution": "Replacement router to be sent",
        "followup": "Send a replacement by Friday",
        "confidence": 0.91
    });
    h.load(call).await;
    h.load(conversation(CHAT, "chat", &ROUTER_CALL)).await;
    let answer = h.post(json!({"conversationId": VOICE, "caseId": "CASE-3"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["source"]["type"], "genesys", "auto prefers Copilot");
    assert_eq!(
        answer.body["summary"]["reason"],
        "Acme Router Pro drops the connection"
    );
    assert!((answer.body["summary"]["confidence"].as_f64().unwrap() - 0.91).abs() < 1e-3);
    // No Copilot summary for the chat: auto moves on to the LLM.
    let answer = h.post(json!({"conversationId": CHAT, "caseId": "CASE-3"})).await;
    assert_eq!(answer.body["source"]["type"], "llm");
    // Asking for Copilot where there is none is a clear 404.
    let answer = h
        .post(json!({"conversationId": CHAT, "caseId": "CASE-4", "source": "genesys"}))
        .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.body["error"], "copilot_summary_not_found");
    assert!(answer.body["hint"].as_str().unwrap().contains("auto"));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_verified_summary_goes_to_crm_sync_and_get_shows_it() {
    let h = harness(Options::default()).await;
    load_calls(&h).await;
    let answer = h.post(json!({"conversationId": VOICE, "caseId": "CASE-5"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(
        answer.body["status"], "queued_for_crm",
        "{:#}",
        answer.body["verification"]
    );
    let messages = h.drain("CrmSyncQueue").await;
    assert_eq!(messages.len(), 1);
    let message: Value = serde_json::from_str(messages[0].body().unwrap()).unwrap();
    assert_eq!(message["version"], 1);
    assert_eq!(message["caseId"], "CASE-5");
    assert_eq!(message["auditId"], answer.body["auditId"]);
    assert!(message["idempotencyKey"].as_str().unwrap().len() == 64);
    wrapup::queue::parse_crm_sync(messages[0].body().unwrap()).expect("a valid crm-sync message");

    let state = h.get(VOICE).await;
    assert_eq!(state.status, 200);
    assert_valid("SummaryState", &state.body);
    assert_eq!(state.body["status"], "queued_for_crm");
    assert_eq!(state.body["result"]["auditId"], answer.body["auditId"]);

    let audit = h
        .audit_item(answer.body["auditId"].as_str().unwrap())
        .await
        .expect("audit record");
    for field in [
        "conversationId",
        "caseId",
        "caller",
        "requestSha256",
        "transcriptSha256",
        "source",
        "model",
        "statusHistory",
        "ttl",
    ] {
        assert!(
            audit.contains_key(field),
            "audit lacks {field}: {:?}",
            audit.keys().collect::<Vec<_>>()
        );
    }
    assert_eq!(audit["caller"].as_s().unwrap(), "jwt:crm-integration");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn get_for_an_unknown_or_malformed_conversation() {
    let h = harness(Options::default()).await;
    let answer = h.get("b2b2b2b2-0000-4000-8000-000000000009").await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.body["error"], "summary_not_found");
    let answer = h.get("not-a-uuid").await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["errors"][0]["field"], "conversationId");
}
