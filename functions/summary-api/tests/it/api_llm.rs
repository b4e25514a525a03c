//! LLM faults seen through the API: fenced JSON accepted, malformed JSON repaired or replaced by
//! the extractive summary, timeouts fall back, 429 retried; an hour-long call goes map-reduce.

use crate::common;

use common::*;
use serde_json::{Value, json};

const CALL: &str = "f6f6f6f6-0000-4000-8000-000000000001";

async fn summarise(h: &Harness, case: &str) -> Value {
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": case, "source": "llm"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    answer.body
}

async fn llm_harness() -> Harness {
    let h = harness(Options {
        llm: true,
        ..Options::default()
    })
    .await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn fenced_json_is_accepted() {
    let h = llm_harness().await;
    h.faults(json!({"llm": {"mode": "fenced"}})).await;
    let body = summarise(&h, "FENCED").await;
    assert_eq!(body["source"]["type"], "llm");
    assert!(body["source"].get("fallbackReason").is_none());
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn malformed_json_is_repaired_once() {
    let h = llm_harness().await;
    h.faults(json!({"llm": {"mode": "malformed", "count": 1}})).await;
    let body = summarise(&h, "REPAIR").await;
    assert_eq!(body["source"]["type"], "llm");
    assert_eq!(
        body["source"]["usage"]["requests"], 2,
        "the answer and one repair round"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn malformed_json_twice_falls_back_to_extractive_with_the_reason() {
    let h = llm_harness().await;
    h.faults(json!({"llm": {"mode": "malformed"}})).await;
    let body = summarise(&h, "BROKEN").await;
    assert_eq!(body["source"]["type"], "extractive");
    assert!(
        body["source"]["fallbackReason"]
            .as_str()
            .unwrap()
            .contains("invalid"),
        "{:#}",
        body["source"]
    );
    assert_eq!(h.llm_requests().await.len(), 2, "no third attempt");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_timeout_falls_back_to_extractive() {
    let h = llm_harness().await;
    h.faults(json!({"llm": {"mode": "timeout", "delayMs": 10_000}}))
        .await;
    let started = std::time::Instant::now();
    let body = summarise(&h, "SLOW").await;
    assert_eq!(body["source"]["type"], "extractive");
    assert!(body["source"]["fallbackReason"].as_str().is_some());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(9),
        "did not wait for the LLM: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_429_is_retried() {
    let h = llm_harness().await;
    h.faults(json!({"llm": {"mode": "rate_limited", "count": 1}}))
        .await;
    let body = summarise(&h, "THROTTLED").await;
    assert_eq!(body["source"]["type"], "llm");
    assert_eq!(h.llm_requests().await.len(), 2);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_hour_long_call_goes_map_reduce_and_every_request_fits() {
    let context_tokens = 3000;
    let h = harness(Options {
        llm: true,
        llm_context_tokens: Some(context_tokens),
        extra_env: vec![("WRAPUP_LLM_MAX_OUTPUT_TOKENS", "300".to_owned())],
        ..Options::default()
    })
    .await;
    let phrases: Vec<(&str, String)> = (0..240)
        .map(|i| {
            if i % 2 == 0 {
                (
                    "customer",
                    format!(
                        "Step {i}: the Acme Router Pro still drops the line after the reset you suggested."
                    ),
                )
            } else {
                (
                    "agent",
                    format!(
                        "Understood, for step {i} I am checking the signal levels and the firmware version."
                    ),
                )
            }
        })
        .collect();
    let phrases: Vec<(&str, &str)> = phrases.iter().map(|(s, t)| (*s, t.as_str())).collect();
    let mut call = conversation(CALL, "voice", &phrases);
    // One phrase every 16 s: a 64-minute call.
    for (i, phrase) in call["phrases"].as_array_mut().unwrap().iter_mut().enumerate() {
        phrase["offsetMs"] = json!(i as u64 * 16_000);
    }
    h.load(call).await;
    let body = summarise(&h, "LONG").await;
    assert_eq!(body["source"]["type"], "llm", "{:#}", body["source"]);
    let state = h.get(CALL).await;
    assert!(state.body["result"]["timings"]["totalMs"].as_u64().is_some());
    let requests = h.llm_requests().await;
    assert!(
        requests.len() >= 3,
        "several map requests and a reduce: {}",
        requests.len()
    );
    for request in &requests {
        let body = request.get("body").unwrap_or(request);
        let chars: usize = body["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["content"].as_str().unwrap_or("").len())
            .sum();
        let max_tokens = body["max_tokens"].as_u64().unwrap_or(0) as usize;
        assert!(
            chars.div_ceil(4) + max_tokens <= context_tokens,
            "a request over the budget: {chars} chars + {max_tokens}"
        );
    }
    let all_prompts: String = requests.iter().map(|r| r.to_string()).collect();
    for step in [0, 101, 239] {
        assert!(
            all_prompts.contains(&format!("step {step}")) || all_prompts.contains(&format!("Step {step}")),
            "step {step} dropped"
        );
    }
}
