//! POST /summaries end to end: each source, voice and chat, the answer's shape (docs/openapi.yaml),
//! the CRM handoff and GET /summaries/{conversationId}.

mod common;

use common::*;
use serde_json::{Value, json};

const VOICE: &str = "a1a1a1a1-0000-4000-8000-000000000001";
const CHAT: &str = "a1a1a1a1-0000-4000-8000-000000000002";

/// OpenAPI 3.0 schemas are JSON Schema draft 4 plus `nullable`, which becomes `anyOf [null, ..]`.
fn draft4(node: &Value) -> Value {
    match node {
        Value::Object(map) => {
            let mut out: serde_json::Map<String, Value> = map
                .iter()
                .filter(|(k, _)| *k != "nullable")
                .map(|(k, v)| (k.clone(), draft4(v)))
                .collect();
            if map.get("nullable") == Some(&Value::Bool(true)) {
                out = serde_json::Map::from_iter([(
                    "anyOf".to_owned(),
                    json!([{"type": "null"}, Value::Object(out)]),
                )]);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(draft4).collect()),
        other => other.clone(),
    }
}

fn openapi_validator(schema: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo_root().join("docs/openapi.yaml")).unwrap();
    let doc: Value = serde_norway::from_str(&text).unwrap();
    let root =
        json!({"components": draft4(&doc["components"]), "$ref": format!("#/components/schemas/{schema}")});
    jsonschema::draft4::new(&root).unwrap()
}

fn assert_valid(schema: &str, body: &Value) {
    let validator = openapi_validator(schema);
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema} invalid: {errors:?}\n{body:#}");
}

async fn load_calls(h: &Harness) {
    h.load(conversation(VOICE, "voice", &ROUTER_CALL)).await;
    h.load(conversation(CHAT, "chat", &ROUTER_CALL)).await;
}

#[tokio::test]
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
async fn get_for_an_unknown_or_malformed_conversation() {
    let h = harness(Options::default()).await;
    let answer = h.get("b2b2b2b2-0000-4000-8000-000000000009").await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.body["error"], "summary_not_found");
    let answer = h.get("not-a-uuid").await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["errors"][0]["field"], "conversationId");
}
