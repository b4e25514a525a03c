//! Amazon Bedrock as the LLM (`WRAPUP_LLM_PROVIDER=bedrock`) through the simulator's Converse
//! endpoint: a summary through tool use with Converse's token usage, the repair round, an
//! hour-long call through map-reduce, throttling retried or ending in the fallback, access denied
//! and a guardrail named as causes, the judge through its own tool; and the requests in
//! Converse's shape, signed, without a key.

use crate::common;

use common::*;
use serde_json::{Value, json};

const CALL: &str = "b3d70c4e-0000-4000-8000-000000000001";

async fn bedrock_harness(extra_env: Vec<(&'static str, String)>, context_tokens: Option<usize>) -> Harness {
    let h = harness(Options {
        bedrock: true,
        llm_context_tokens: context_tokens,
        extra_env,
        ..Options::default()
    })
    .await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h
}

async fn summarise(h: &Harness, case: &str) -> Value {
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": case, "source": "llm"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_valid("SummaryResponse", &answer.body);
    answer.body
}

/// The Converse requests the simulator received: `{modelId, authorization, body}`.
async fn converse_requests(h: &Harness) -> Vec<Value> {
    let requests = h.sim_get("/_sim/bedrock/requests").await;
    requests.as_array().cloned().unwrap_or_default()
}

/// The text of a Converse request's system prompt and messages (what the context must hold).
fn prompt_chars(body: &Value) -> usize {
    let texts = |blocks: &Value| -> usize {
        blocks
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b["text"].as_str())
            .map(str::len)
            .sum()
    };
    let messages: usize = body["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| texts(&m["content"]))
        .sum();
    texts(&body["system"]) + messages
}

fn fallback_reason(body: &Value) -> String {
    assert_eq!(body["source"]["type"], "extractive", "{:#}", body["source"]);
    body["source"]["fallbackReason"]
        .as_str()
        .unwrap_or_else(|| panic!("no fallbackReason: {:#}", body["source"]))
        .to_owned()
}

async fn audit_record(h: &Harness, body: &Value) -> String {
    let audit = h
        .audit_item(body["auditId"].as_str().unwrap())
        .await
        .expect("audit record");
    format!("{audit:?}")
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_summary_comes_through_the_forced_tool_with_converses_usage() {
    let h = bedrock_harness(vec![], None).await;
    let body = summarise(&h, "BEDROCK").await;
    let source = &body["source"];
    assert_eq!(source["type"], "llm", "{source:#}");
    assert_eq!(source["model"], BEDROCK_MODEL_ID);
    assert!(source.get("fallbackReason").is_none(), "{source:#}");
    let usage = &source["usage"];
    assert_eq!(usage["requests"], 1, "{usage}");
    assert!(usage["promptTokens"].as_u64().unwrap() > 100, "{usage}");
    assert!(usage["completionTokens"].as_u64().unwrap() > 10, "{usage}");
    assert!(
        body["summary"]["executiveSummary"]
            .as_str()
            .unwrap()
            .contains("Acme Router Pro"),
        "{:#}",
        body["summary"]
    );
    // The audit record has Converse's token usage.
    let audit = h
        .audit_item(body["auditId"].as_str().unwrap())
        .await
        .expect("audit record");
    let recorded: Value = serde_json::from_str(audit["tokenUsage"].as_s().unwrap()).unwrap();
    assert_eq!(&recorded, usage);

    // One Converse request, signed, no key; the summary schema as the one tool, forced.
    assert!(
        h.llm_requests().await.is_empty(),
        "nothing sent to an OpenAI endpoint"
    );
    let requests = converse_requests(&h).await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request["modelId"], BEDROCK_MODEL_ID);
    assert_eq!(request["authorization"], "AWS4-HMAC-SHA256", "SigV4, not a key");
    let sent = &request["body"];
    assert!(!sent.to_string().contains("test-llm-key"));
    assert!(sent.get("model").is_none(), "the model is in the path");
    let tools = sent["toolConfig"]["tools"].as_array().unwrap();
    assert_eq!(tools.len(), 1, "{sent:#}");
    let spec = &tools[0]["toolSpec"];
    assert_eq!(
        sent["toolConfig"]["toolChoice"],
        json!({"tool": {"name": spec["name"]}})
    );
    let schema = &spec["inputSchema"]["json"];
    assert_eq!(schema["type"], "object");
    for field in [
        "executiveSummary",
        "actionItems",
        "customerSentiment",
        "confidence",
    ] {
        assert!(schema["properties"].get(field).is_some(), "{field} in {schema:#}");
    }
    assert!(sent["system"][0]["text"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(sent["messages"][0]["role"], "user");
    assert!(
        sent["messages"][0]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("keeps dropping the connection")
    );
    assert!(sent["inferenceConfig"]["maxTokens"].as_u64().unwrap() > 0);
    assert!(sent.get("guardrailConfig").is_none(), "no guardrail configured");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_tool_input_missing_a_field_is_repaired_once() {
    let h = bedrock_harness(vec![], None).await;
    h.faults(json!({"llm": {"mode": "malformed", "count": 1}})).await;
    let body = summarise(&h, "REPAIR").await;
    assert_eq!(body["source"]["type"], "llm", "{:#}", body["source"]);
    assert_eq!(
        body["source"]["usage"]["requests"], 2,
        "the answer and one repair round"
    );
    let requests = converse_requests(&h).await;
    assert_eq!(requests.len(), 2);
    let repair = &requests[1]["body"]["messages"];
    assert!(
        repair.as_array().unwrap().len() >= 3,
        "the bad answer and the instruction: {repair:#}"
    );
    assert_eq!(repair.as_array().unwrap().last().unwrap()["role"], "user");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_tool_input_missing_a_field_twice_falls_back() {
    let h = bedrock_harness(vec![], None).await;
    h.faults(json!({"llm": {"mode": "malformed"}})).await;
    let body = summarise(&h, "BROKEN").await;
    assert!(fallback_reason(&body).contains("invalid"), "{:#}", body["source"]);
    assert_eq!(converse_requests(&h).await.len(), 2, "no third attempt");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_hour_long_call_goes_map_reduce_and_every_request_fits() {
    let context_tokens = 3000;
    let h = bedrock_harness(
        vec![("WRAPUP_LLM_MAX_OUTPUT_TOKENS", "300".to_owned())],
        Some(context_tokens),
    )
    .await;
    let phrases: Vec<(&str, String)> = (0..240)
        .map(|i| {
            let text = if i % 2 == 0 {
                format!("Step {i}: the Acme Router Pro still drops the line after the reset you suggested.")
            } else {
                format!("Understood, for step {i} I am checking the signal levels and the firmware version.")
            };
            (if i % 2 == 0 { "customer" } else { "agent" }, text)
        })
        .collect();
    let phrases: Vec<(&str, &str)> = phrases.iter().map(|(s, t)| (*s, t.as_str())).collect();
    let mut call = conversation(CALL, "voice", &phrases);
    for (i, phrase) in call["phrases"].as_array_mut().unwrap().iter_mut().enumerate() {
        phrase["offsetMs"] = json!(i as u64 * 16_000);
    }
    h.load(call).await;
    let body = summarise(&h, "LONG").await;
    assert_eq!(body["source"]["type"], "llm", "{:#}", body["source"]);
    let requests = converse_requests(&h).await;
    assert!(
        requests.len() >= 3,
        "several parts and a merge: {}",
        requests.len()
    );
    assert_eq!(body["source"]["usage"]["requests"], requests.len());
    for request in &requests {
        let sent = &request["body"];
        let max_tokens = sent["inferenceConfig"]["maxTokens"].as_u64().unwrap() as usize;
        let chars = prompt_chars(sent);
        assert!(
            chars.div_ceil(4) + max_tokens <= context_tokens,
            "a request over the budget: {chars} chars + {max_tokens}"
        );
    }
    let all_prompts: String = requests.iter().map(|r| r["body"].to_string()).collect();
    for step in [0, 101, 239] {
        assert!(
            all_prompts.contains(&format!("step {step}")) || all_prompts.contains(&format!("Step {step}")),
            "step {step} dropped"
        );
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn throttling_is_retried_then_answered() {
    let h = bedrock_harness(vec![], None).await;
    h.faults(json!({"failNext": [{"operation": "bedrockConverse", "status": 429}]}))
        .await;
    let body = summarise(&h, "THROTTLED").await;
    assert_eq!(body["source"]["type"], "llm", "{:#}", body["source"]);
    assert_eq!(converse_requests(&h).await.len(), 2);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn throttling_without_end_falls_back_with_the_reason() {
    let h = bedrock_harness(vec![], None).await;
    h.faults(json!({"llm": {"mode": "rate_limited"}})).await;
    let body = summarise(&h, "THROTTLED-OUT").await;
    let reason = fallback_reason(&body);
    assert!(reason.contains("rate limit"), "{reason}");
    assert!(
        converse_requests(&h).await.len() >= 2,
        "retried within the deadline"
    );
    let audit = audit_record(&h, &body).await;
    assert!(audit.contains("llm fallback: rate_limited"), "{audit}");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn access_denied_is_a_clear_cause_and_not_retried() {
    let h = bedrock_harness(vec![], None).await;
    h.faults(json!({"llm": {"mode": "access_denied"}})).await;
    let body = summarise(&h, "DENIED").await;
    let reason = fallback_reason(&body);
    assert!(reason.to_lowercase().contains("access"), "{reason}");
    assert_eq!(converse_requests(&h).await.len(), 1, "a refusal is not retried");
    let audit = audit_record(&h, &body).await;
    assert!(audit.contains("llm fallback: access_denied"), "{audit}");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_guardrail_intervention_is_a_verification_reason() {
    let h = bedrock_harness(
        vec![
            ("WRAPUP_BEDROCK_GUARDRAIL_ID", "gr-wrapup".to_owned()),
            ("WRAPUP_BEDROCK_GUARDRAIL_VERSION", "1".to_owned()),
        ],
        None,
    )
    .await;
    h.faults(json!({"llm": {"mode": "guardrail_intervened"}})).await;
    let body = summarise(&h, "GUARDED").await;
    let requests = converse_requests(&h).await;
    assert_eq!(
        requests[0]["body"]["guardrailConfig"]["guardrailIdentifier"],
        "gr-wrapup"
    );
    assert_eq!(requests[0]["body"]["guardrailConfig"]["guardrailVersion"], "1");
    // The built-in summary stands in, and goes to review with the guardrail as the reason.
    assert!(
        fallback_reason(&body).contains("guardrail"),
        "{:#}",
        body["source"]
    );
    assert_eq!(body["status"], "needs_review", "{:#}", body["verification"]);
    let reasons = body["verification"]["reasons"].to_string();
    assert!(reasons.contains("guardrail"), "{:#}", body["verification"]);
    assert_eq!(requests.len(), 1, "an intervention is not retried");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_judge_asks_bedrock_through_its_own_tool() {
    let h = bedrock_harness(vec![("WRAPUP_VERIFY_JUDGE", "llm".to_owned())], None).await;
    let verdicts =
        json!({"verdicts": [{"claim": 0, "verdict": "contradicted", "kind": "negation", "utterances": [3]}]});
    h.llm_script(wrapup::verify::JUDGE_SCHEMA_NAME, json!([verdicts]))
        .await;
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": "JUDGED", "source": "extractive"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    let verification = &answer.body["verification"];
    assert_eq!(verification["judge"]["status"], "ran", "{verification:#}");
    assert_eq!(verification["judge"]["model"], BEDROCK_MODEL_ID);
    assert_eq!(verification["judge"]["flagged"], 1, "{verification:#}");
    assert_eq!(answer.body["status"], "needs_review");
    let requests = converse_requests(&h).await;
    assert_eq!(requests.len(), 1, "the judge alone");
    let tool_config = &requests[0]["body"]["toolConfig"];
    assert_eq!(
        tool_config["toolChoice"]["tool"]["name"],
        wrapup::verify::JUDGE_SCHEMA_NAME
    );
    assert_eq!(
        tool_config["tools"][0]["toolSpec"]["name"],
        wrapup::verify::JUDGE_SCHEMA_NAME
    );
}
