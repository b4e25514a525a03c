//! The same (conversation, case, options) computes once: replays cost no Genesys or LLM call,
//! concurrent duplicates get 202, `force` recomputes; a summary that fails verification is kept
//! for review and never sent to the CRM.

use crate::common;

use common::*;
use serde_json::{Value, json};

const CALL: &str = "d4d4d4d4-0000-4000-8000-000000000001";

fn api_requests(stats: &Value) -> u64 {
    stats["totalApiRequests"].as_u64().unwrap()
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_replay_makes_no_new_genesys_or_llm_call() {
    let h = harness(Options {
        llm: true,
        ..Options::default()
    })
    .await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let request = json!({"conversationId": CALL, "caseId": "CASE-9", "source": "llm"});
    let first = h.post(request.clone()).await;
    assert_eq!(first.status, 200, "{:#}", first.body);
    let before = h.stats().await;
    let llm_before = h.llm_requests().await.len();
    let second = h.post(request).await;
    assert_eq!(second.status, 200);
    assert_eq!(second.header("x-wrapup-replayed").as_deref(), Some("true"));
    assert_eq!(second.body, first.body, "the stored result, unchanged");
    let after = h.stats().await;
    assert_eq!(api_requests(&after), api_requests(&before), "no Genesys call");
    assert_eq!(after["tokenRequests"], before["tokenRequests"]);
    assert_eq!(h.llm_requests().await.len(), llm_before, "no LLM call");
    assert_eq!(h.drain("CrmSyncQueue").await.len(), 1, "one CRM message for both");

    // Other options are another request.
    let other = h
        .post(json!({"conversationId": CALL, "caseId": "CASE-9", "source": "llm", "length": "short"}))
        .await;
    assert_eq!(other.status, 200);
    assert!(other.header("x-wrapup-replayed").is_none());
    assert!(h.llm_requests().await.len() > llm_before);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn force_recomputes() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let first = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    let before = api_requests(&h.stats().await);
    let forced = h
        .post(json!({"conversationId": CALL, "caseId": "C", "force": true}))
        .await;
    assert_eq!(forced.status, 200);
    assert!(forced.header("x-wrapup-replayed").is_none());
    assert_ne!(forced.body["auditId"], first.body["auditId"]);
    assert!(api_requests(&h.stats().await) > before, "Genesys was asked again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn concurrent_duplicates_compute_once() {
    let h = std::sync::Arc::new(harness(Options::default()).await);
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    // Slow Genesys down so that the duplicates overlap the first computation.
    h.faults(json!({"latencyMs": 300})).await;
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let h = std::sync::Arc::clone(&h);
        calls.spawn(async move { h.post(json!({"conversationId": CALL, "caseId": "DUP"})).await });
    }
    let mut statuses = Vec::new();
    while let Some(answer) = calls.join_next().await {
        let answer = answer.unwrap();
        if answer.status == 202 {
            assert_eq!(
                answer.header("location").as_deref(),
                Some(format!("/summaries/{CALL}").as_str())
            );
        }
        statuses.push(answer.status);
    }
    statuses.sort();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 202).count(), 5, "{statuses:?}");
    let stats = h.stats().await;
    assert_eq!(
        stats["operations"]["getAnalyticsConversationDetails"], 1,
        "computed once"
    );
    assert_eq!(h.drain("CrmSyncQueue").await.len(), 1);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_summary_that_fails_verification_needs_review_and_is_not_sent() {
    let h = harness(Options::default()).await;
    let mut call = conversation(CALL, "voice", &ROUTER_CALL);
    // Copilot invents an amount and a name that the call never mentions.
    call["copilotSummary"] = json!({
        "text": "The customer was promised a $500 credit by supervisor Margaret Thornton.",
        "reason": "Router drops", "resolution": "Credit of $500", "confidence": 0.8
    });
    h.load(call).await;
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": "REVIEW", "source": "genesys"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["status"], "needs_review");
    assert_eq!(answer.body["verification"]["passed"], false);
    let unsupported = answer.body["verification"]["factualConsistency"]["unsupportedFacts"].to_string();
    assert!(unsupported.contains("500"), "{unsupported}");
    assert!(
        h.drain("CrmSyncQueue").await.is_empty(),
        "nothing sent to the CRM"
    );
    assert_eq!(h.get(CALL).await.body["status"], "needs_review");
    // The audit record, kept 400 days, has the outcome and counts, not the values or claims.
    let audit = h
        .audit_item(answer.body["auditId"].as_str().unwrap())
        .await
        .expect("audit record");
    let recorded = format!("{audit:?}");
    assert!(recorded.contains("needs_review"), "{recorded}");
    for content in ["$500", "Margaret", "Thornton", "supervisor", "credit"] {
        assert!(
            !recorded.contains(content),
            "{content} in the audit record: {recorded}"
        );
    }
}
