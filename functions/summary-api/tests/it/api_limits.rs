//! What Wrapup refuses with a 422 naming the limit: a transcript beyond
//! `WRAPUP_MAX_TRANSCRIPT_CHARS`, and Japanese (accepted, not served yet), whether the request
//! names it or the call is in it; the same refusals reach an async job's result without retries.

use crate::common;

use common::*;
use serde_json::json;

const CALL: &str = "a7a7a7a7-0000-4000-8000-000000000001";
const SERVED: [&str; 7] = ["en", "es", "fr", "de", "it", "pt", "nl"];

const JAPANESE_CALL: [(&str, &str); 3] = [
    ("agent", "お電話ありがとうございます。サポート担当の田中です。"),
    (
        "customer",
        "先月の請求書について電話しました。金額が間違っていると思います。",
    ),
    ("agent", "確認いたしますので、少々お待ちください。"),
];

fn japanese(id: &str) -> serde_json::Value {
    let mut call = conversation(id, "voice", &JAPANESE_CALL);
    call["language"] = json!("ja-JP");
    call
}

/// ROUTER_CALL four times over: about 2,100 characters.
fn long_call(id: &str) -> serde_json::Value {
    let phrases: Vec<(&str, &str)> = (0..4).flat_map(|_| ROUTER_CALL).collect();
    conversation(id, "voice", &phrases)
}

fn limited(chars: usize) -> Options {
    Options {
        extra_env: vec![("WRAPUP_MAX_TRANSCRIPT_CHARS", chars.to_string())],
        ..Options::default()
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_transcript_beyond_the_limit_is_a_422_naming_the_limit() {
    let h = harness(limited(1_000)).await;
    h.load(long_call(CALL)).await;
    let answer = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    assert_eq!(answer.status, 422, "{:#}", answer.body);
    assert_eq!(answer.body["error"], "transcript_too_large");
    assert_eq!(answer.body["maxTranscriptChars"], 1_000);
    let chars = answer.body["transcriptChars"].as_u64().unwrap();
    assert!(chars > 1_000, "{chars}");
    let message = answer.body["message"].as_str().unwrap();
    assert!(
        message.contains("limit of 1000") && message.contains("WRAPUP_MAX_TRANSCRIPT_CHARS"),
        "{message}"
    );
    let text = answer.body.to_string();
    assert!(!text.contains("Acme"), "no transcript text in the answer: {text}");
    // Recorded as failed, so GET explains it too.
    let stored = h.get(CALL).await;
    assert_eq!(stored.body["status"], "failed");
    assert_eq!(stored.body["error"]["code"], "transcript_too_large");

    // The same call fits the default limit.
    let h = harness(Options::default()).await;
    h.load(long_call(CALL)).await;
    let answer = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn japanese_requested_is_a_422_on_language_before_genesys_is_asked() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    for tag in ["ja", "ja-JP"] {
        for asynchronous in [false, true] {
            let answer = h
                .post(json!({"conversationId": CALL, "caseId": "C", "language": tag, "async": asynchronous}))
                .await;
            assert_eq!(answer.status, 422, "{tag}: {:#}", answer.body);
            assert_eq!(answer.body["error"], "language_not_served");
            assert_eq!(answer.body["errors"][0]["field"], "language");
            let reason = answer.body["errors"][0]["reason"].as_str().unwrap();
            assert!(reason.contains(tag) && reason.contains("not served"), "{reason}");
            assert_eq!(answer.body["servedLanguages"], json!(SERVED));
        }
    }
    assert_eq!(
        h.stats().await["totalApiRequests"].as_u64(),
        Some(0),
        "nothing reached Genesys"
    );
    assert!(h.drain("SummaryJobsQueue").await.is_empty(), "nothing queued");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_call_in_japanese_is_a_422_on_the_conversation() {
    let h = harness(Options::default()).await;
    h.load(japanese(CALL)).await;
    // Asking for an English summary does not make the call readable.
    for language in [None, Some("en")] {
        let mut body = json!({"conversationId": CALL, "caseId": "C"});
        if let Some(tag) = language {
            body["language"] = json!(tag);
        }
        let answer = h.post(body).await;
        assert_eq!(answer.status, 422, "{language:?}: {:#}", answer.body);
        assert_eq!(answer.body["error"], "language_not_served");
        assert_eq!(answer.body["errors"][0]["field"], "conversationId");
        let reason = answer.body["errors"][0]["reason"].as_str().unwrap();
        assert!(
            reason.contains("ja-JP") && reason.contains("not served"),
            "{reason}"
        );
        let text = answer.body.to_string();
        assert!(!text.contains("田中"), "no transcript text: {text}");
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn served_languages_are_still_summarised() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    for tag in SERVED.iter().chain(&["pt-BR"]) {
        let answer = h
            .post(json!({"conversationId": CALL, "caseId": "C", "language": tag}))
            .await;
        assert_eq!(answer.status, 200, "{tag}: {:#}", answer.body);
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn async_jobs_fail_with_the_reason_and_are_not_retried() {
    const LONG: &str = "a7a7a7a7-0000-4000-8000-000000000002";
    let h = harness(limited(1_000)).await;
    h.load(japanese(CALL)).await;
    h.load(long_call(LONG)).await;
    for id in [CALL, LONG] {
        let answer = h
            .post(json!({"conversationId": id, "caseId": "C", "async": true}))
            .await;
        assert_eq!(answer.status, 202, "{:#}", answer.body);
    }
    let batch = h.run_jobs().await;
    assert_eq!(
        batch["batchItemFailures"],
        json!([]),
        "a retry cannot succeed: {batch:#}"
    );
    for (id, code, says) in [
        (CALL, "language_not_served", "not served"),
        (LONG, "transcript_too_large", "limit of 1000"),
    ] {
        let stored = h.get(id).await;
        assert_eq!(stored.body["status"], "failed", "{:#}", stored.body);
        assert_eq!(stored.body["error"]["code"], code);
        let message = stored.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{message}");
    }
}
