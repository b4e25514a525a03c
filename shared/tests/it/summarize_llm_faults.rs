//! LLM faults from the simulator: fenced and malformed answers, timeouts, 429s, 5xx and refusals.

use crate::common;

use std::time::{Duration, Instant};

use common::*;
use genesys_sim::SimHandle;
use serde_json::json;
use wrapup::genesys::Deadline;
use wrapup::ids::ConversationId;
use wrapup::summary::llm::{LlmConfig, LlmSummarizer};
use wrapup::summary::{SummarizeError, Summarized, Summarizer, SummaryInput, SummaryOptions};
use wrapup::transcript::{Channel, SpeakerRole, Transcript, Utterance};

const ID: &str = "3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b";
const SECRET_TEXT: &str = "my account number is 99887766";

fn transcript() -> Transcript {
    let lines = [
        (
            SpeakerRole::Agent,
            "Thanks for calling Acme support, how can I help?",
        ),
        (
            SpeakerRole::Customer,
            "My router keeps dropping the connection every evening.",
        ),
        (SpeakerRole::Customer, SECRET_TEXT),
        (SpeakerRole::Agent, "I will send a replacement router by Friday."),
        (SpeakerRole::Customer, "Great, thank you for sorting it out."),
    ];
    Transcript {
        conversation_id: ID.into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some("en-US".into()),
        duration_ms: 60_000,
        utterances: lines
            .iter()
            .enumerate()
            .map(|(i, (speaker, text))| Utterance {
                speaker: *speaker,
                text: (*text).into(),
                start_offset_ms: i as u64 * 10_000,
                duration_ms: 5_000,
                confidence: Some(0.9),
                communication_id: "comm-1".into(),
            })
            .collect(),
    }
}

/// The simulator's endpoint with `key`.
fn with_key(sim: &SimHandle, key: &str) -> LlmConfig {
    let base = url::Url::parse(&format!("{}/v1/", sim.base_url)).unwrap();
    LlmConfig::new(base, "sim-model", key)
}

async fn run(config: LlmConfig, budget: Duration) -> Result<Summarized, SummarizeError> {
    let summarizer = LlmSummarizer::new(config).unwrap();
    let id = ConversationId::parse(ID).unwrap();
    let transcript = transcript();
    let options = SummaryOptions::default();
    let input = SummaryInput {
        conversation_id: &id,
        transcript: &transcript,
        customer_sentiment: wrapup::sentiment::customer_sentiment(&transcript),
        options: &options,
        deadline: Deadline::after(budget),
    };
    summarizer.summarize(&input).await
}

async fn summarize(sim: &SimHandle) -> Result<Summarized, SummarizeError> {
    run(llm_config(sim), Duration::from_secs(20)).await
}

#[tokio::test]
async fn fenced_json_is_accepted() {
    let sim = sim().await;
    llm_fault(&sim, "fenced", None, None).await;
    let summarized = summarize(&sim).await.expect("fenced JSON is fine");
    assert!(!summarized.summary.executive_summary.is_empty());
    assert_eq!(summarized.provenance.usage.unwrap().requests, 1);
    assert_eq!(llm_requests(&sim).await.len(), 1, "no repair needed");
}

#[tokio::test]
async fn malformed_json_once_is_repaired() {
    let sim = sim().await;
    llm_fault(&sim, "malformed", Some(1), None).await;
    let summarized = summarize(&sim).await.expect("repaired");
    assert!(!summarized.summary.executive_summary.is_empty());
    assert_eq!(summarized.provenance.usage.unwrap().requests, 2);

    let requests = llm_requests(&sim).await;
    assert_eq!(requests.len(), 2);
    let first = requests[0]["body"]["messages"].as_array().unwrap();
    let second = requests[1]["body"]["messages"].as_array().unwrap();
    assert_eq!(first.len(), 2);
    assert_eq!(
        &second[..2],
        &first[..],
        "the repair repeats the original messages"
    );
    let roles: Vec<&str> = second.iter().map(|m| m["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["system", "user", "assistant", "user"]);
    let bad_answer = second[2]["content"].as_str().unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(bad_answer).is_err(),
        "the bad answer is shown"
    );
    let repair = second[3]["content"].as_str().unwrap();
    assert!(
        repair.contains("not valid JSON") && repair.contains("only the JSON object"),
        "{repair}"
    );
    assert_eq!(
        requests[1]["body"]["response_format"],
        requests[0]["body"]["response_format"]
    );
}

#[tokio::test]
async fn malformed_json_twice_fails_clearly_after_two_requests() {
    let sim = sim().await;
    llm_fault(&sim, "malformed", None, None).await;
    let err = summarize(&sim).await.unwrap_err();
    let SummarizeError::InvalidOutput(message) = &err else {
        panic!("expected InvalidOutput, got {err:?}");
    };
    assert!(
        message.contains("repair") && message.contains("not valid JSON"),
        "{message}"
    );
    assert!(
        !message.contains("99887766") && !message.contains("router"),
        "{message}"
    );
    assert_eq!(llm_requests(&sim).await.len(), 2);
}

#[tokio::test]
async fn a_slow_model_times_out_quickly() {
    let sim = sim().await;
    llm_fault(&sim, "timeout", None, Some(10_000)).await;
    let config = LlmConfig {
        request_timeout: Duration::from_millis(300),
        ..llm_config(&sim)
    };
    let started = Instant::now();
    let err = run(config, Duration::from_secs(20)).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(&err, SummarizeError::Upstream(m) if m.contains("300 ms")),
        "{err:?}"
    );
    assert_eq!(
        llm_requests(&sim).await.len(),
        1,
        "a timed-out request is not repeated"
    );
}

#[tokio::test]
async fn the_deadline_bounds_the_request() {
    let sim = sim().await;
    llm_fault(&sim, "timeout", None, Some(10_000)).await;
    let started = Instant::now();
    let err = run(llm_config(&sim), Duration::from_millis(400))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(err, SummarizeError::DeadlineExceeded), "{err:?}");
}

#[tokio::test]
async fn rate_limited_once_is_retried_after_retry_after() {
    let sim = sim().await;
    faults(
        &sim,
        json!({"retryAfterSecs": 1, "llm": {"mode": "rate_limited", "count": 1}}),
    )
    .await;
    let started = Instant::now();
    let summarized = summarize(&sim).await.expect("retried");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert!(!summarized.summary.executive_summary.is_empty());
    assert_eq!(llm_requests(&sim).await.len(), 2);
}

#[tokio::test]
async fn rate_limited_beyond_the_deadline_reports_the_wait() {
    let sim = sim().await;
    faults(
        &sim,
        json!({"retryAfterSecs": 30, "llm": {"mode": "rate_limited"}}),
    )
    .await;
    let started = Instant::now();
    let err = run(llm_config(&sim), Duration::from_secs(5)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "no hopeless wait");
    match err {
        SummarizeError::RateLimited { retry_after } => assert_eq!(retry_after, Some(Duration::from_secs(30))),
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert_eq!(llm_requests(&sim).await.len(), 1);
}

#[tokio::test]
async fn server_errors_are_retried_then_reported() {
    let sim = sim().await;
    fail_next(&sim, "chatCompletions", 503, 1, json!({})).await;
    summarize(&sim).await.expect("retried after one 503");
    assert_eq!(llm_requests(&sim).await.len(), 2);

    let sim = common::sim().await;
    fail_next(&sim, "chatCompletions", 502, 5, json!({})).await;
    let err = summarize(&sim).await.unwrap_err();
    assert!(
        matches!(&err, SummarizeError::Upstream(m) if m.contains("502 on all 3 attempts")),
        "{err:?}"
    );
    assert_eq!(llm_requests(&sim).await.len(), 3, "max_attempts");
}

#[tokio::test]
async fn a_refused_key_is_reported_without_the_key() {
    let sim = sim().await;
    // The simulator accepts any non-empty key: a missing one is its 401.
    let config = with_key(&sim, "");
    let err = run(config, Duration::from_secs(5)).await.unwrap_err();
    assert!(
        matches!(&err, SummarizeError::Upstream(m) if m.contains("401")),
        "{err:?}"
    );
    let requests = llm_requests(&sim).await;
    assert_eq!(requests.len(), 1, "a 401 is not retried");
    assert_eq!(requests[0]["authorized"], false);

    let sim = common::sim().await;
    fail_next(&sim, "chatCompletions", 401, 1, json!({})).await;
    let config = with_key(&sim, "sk-live-DO-NOT-LEAK-123");
    let err = run(config, Duration::from_secs(5)).await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(text.contains("401") && !text.contains("DO-NOT-LEAK"), "{text}");
}

#[tokio::test]
async fn a_bad_request_is_not_retried() {
    let sim = sim().await;
    fail_next(&sim, "chatCompletions", 400, 1, json!({})).await;
    let err = summarize(&sim).await.unwrap_err();
    assert!(
        matches!(&err, SummarizeError::Upstream(m) if m.contains("400")),
        "{err:?}"
    );
    assert!(!err.to_string().contains("router"));
    assert_eq!(llm_requests(&sim).await.len(), 1);
}
