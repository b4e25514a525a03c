//! summary-api's CloudWatch metrics: every line is valid EMF by the specification, names the
//! outcome, stages, review reasons, redactions, LLM use and Genesys' answers, and carries no id
//! or text of a call.

use crate::common;

use common::*;
use serde_json::json;
use wrapup::genesys::Fault;
use wrapup::pipeline::SummaryResponse;
use wrapup::store::SummaryStatus;
use wrapup::summary::{FallbackCause, TokenUsage};
use wrapup::verify::ReasonKind;
use wrapup_metrics::{EmfDocument, checked_documents, leaks, sum_where};

/// Every line checked against the EMF specification, each of summary-api.
fn documents(lines: &[String]) -> Vec<EmfDocument> {
    checked_documents(lines, summary_api::metrics::FUNCTION_NAME).unwrap_or_else(|e| panic!("{e}"))
}

/// No id, case or word of a call in any line (`wrapup_metrics::leaks`).
fn assert_no_ids_or_text(lines: &[String], forbidden: &[&str]) {
    let found = leaks(lines, forbidden);
    assert!(found.is_empty(), "{found:#?}");
}

#[tokio::test]
async fn a_computed_summary_reports_its_outcome_stages_and_redactions() {
    let h = memory_harness(Default::default());
    let call = h.transcribed_call();
    let answer = h.post(json!({"conversationId": call, "caseId": "CASE-77"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    let lines = h.metric_lines.take();
    let docs = documents(&lines);
    let status = answer.body["status"].as_str().unwrap();
    let source = answer.body["source"]["type"].as_str().unwrap();
    assert_eq!(
        sum_where(
            &docs,
            "Requests",
            &[("Trigger", "api"), ("Outcome", status), ("Source", source)]
        ),
        1.0
    );
    assert_eq!(sum_where(&docs, "Requests", &[]), 1.0, "one request, one count");
    // The series the template's alarms and dashboard read (template.yaml, SummaryNeedsReviewAlarm).
    let requests = docs.iter().find(|d| d.metric("Requests").is_some()).unwrap();
    assert_eq!(
        requests.dimension_sets,
        [
            ["Function", "Outcome"].as_slice(),
            &["Function", "Source"],
            &["Function", "Trigger"],
            &["Function"]
        ]
        .map(|set| set.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    );
    for (stage, field) in [
        ("TranscriptLatency", "transcriptMs"),
        ("RedactLatency", "redactMs"),
        ("SummarizeLatency", "summarizeMs"),
        ("VerifyLatency", "verifyMs"),
        ("TotalLatency", "totalMs"),
    ] {
        let doc = docs.iter().find(|d| d.metric(stage).is_some()).expect(stage);
        assert_eq!(doc.metric(stage).unwrap().unit.as_deref(), Some("Milliseconds"));
        assert_eq!(
            doc.sum(stage),
            answer.body["timings"][field].as_f64().unwrap(),
            "{stage}"
        );
        assert_eq!(doc.dimension("Source"), Some(source));
    }
    let redactions = answer.body["redactions"].as_object().unwrap();
    for (kind, n) in redactions {
        assert_eq!(
            sum_where(&docs, "Redactions", &[("Kind", kind)]),
            n.as_f64().unwrap(),
            "{kind}"
        );
    }
    assert_no_ids_or_text(
        &lines,
        &[&call, "CASE-77", answer.body["auditId"].as_str().unwrap()],
    );

    // The same request again is a replay: counted as such, with no stage or redaction twice.
    let again = h.post(json!({"conversationId": call, "caseId": "CASE-77"})).await;
    assert_eq!(again.status, 200);
    let docs = documents(&h.metric_lines.take());
    assert_eq!(
        sum_where(&docs, "Requests", &[("Outcome", "replayed"), ("Source", source)]),
        1.0
    );
    assert_eq!(sum_where(&docs, "Redactions", &[]), 0.0);
    assert!(docs.iter().all(|d| d.metric("TotalLatency").is_none()));
}

#[tokio::test]
async fn refusals_and_failures_are_counted_by_their_code() {
    let h = memory_harness(Default::default());
    let call = h.transcribed_call();
    let bad = h
        .post(json!({"conversationId": "not-a-uuid", "caseId": "C"}))
        .await;
    assert_eq!(bad.status, 400);
    h.genesys
        .fail_next("getAnalyticsConversationDetails", Fault::Status(503), 1);
    let failed = h.post(json!({"conversationId": call, "caseId": "C"})).await;
    assert_eq!(failed.status, 502);
    let lines = h.metric_lines.take();
    let docs = documents(&lines);
    assert_eq!(
        sum_where(
            &docs,
            "Requests",
            &[("Outcome", "invalid_request"), ("Source", "none")]
        ),
        1.0
    );
    assert_eq!(
        sum_where(&docs, "Requests", &[("Outcome", "genesys_unavailable")]),
        1.0
    );
    assert_eq!(sum_where(&docs, "Requests", &[]), 2.0);
    assert_no_ids_or_text(&lines, &[&call, "not-a-uuid"]);
}

#[tokio::test]
async fn a_job_sent_to_review_after_an_llm_fallback_reports_why_and_what_it_cost() {
    let h = memory_harness(Default::default());
    let call = h.transcribed_call();
    let answer = h.post(json!({"conversationId": call, "caseId": "C-1"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    h.metric_lines.take();
    // The same response as a job that went to review after the LLM answered twice unusably.
    let mut response: SummaryResponse = serde_json::from_value(answer.body.clone()).unwrap();
    response.status = SummaryStatus::NeedsReview;
    response.verification.reason_kinds = vec![
        ReasonKind::Commitment,
        ReasonKind::PiiLeak,
        ReasonKind::Commitment,
    ];
    response.source.fallback_reason = Some(FallbackCause::InvalidOutput.reason().to_owned());
    response.source.usage = Some(TokenUsage {
        prompt_tokens: 3000,
        completion_tokens: 400,
        requests: 2,
    });
    let prices = summary_api::metrics::LlmPrices {
        prompt_per_1k: 0.5,
        completion_per_1k: 1.5,
    };
    let (metrics, sink) = wrapup_metrics::Metrics::in_memory(summary_api::metrics::FUNCTION_NAME);
    let reporting = summary_api::metrics::SummaryMetrics::new(metrics, Some(prices));
    reporting.job(&Ok(response));
    let lines = sink.take();
    let docs = documents(&lines);
    assert_eq!(
        sum_where(
            &docs,
            "Requests",
            &[("Trigger", "job"), ("Outcome", "needs_review")]
        ),
        1.0
    );
    assert_eq!(
        sum_where(&docs, "NeedsReview", &[("Reason", "commitment")]),
        1.0,
        "a kind once per summary"
    );
    assert_eq!(sum_where(&docs, "NeedsReview", &[("Reason", "pii_leak")]), 1.0);
    assert_eq!(sum_where(&docs, "Fallbacks", &[("Cause", "invalid_output")]), 1.0);
    assert_eq!(sum_where(&docs, "LlmRequests", &[("Purpose", "summary")]), 2.0);
    assert_eq!(sum_where(&docs, "PromptTokens", &[]), 3000.0);
    assert_eq!(sum_where(&docs, "CompletionTokens", &[]), 400.0);
    assert!((sum_where(&docs, "LlmCost", &[]) - (1.5 + 0.6)).abs() < 1e-9);
    assert_no_ids_or_text(&lines, &[&call, "C-1"]);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn genesys_throttling_and_retries_are_counted() {
    const CALL: &str = "f6f6f6f6-0000-4000-8000-00000000e3f1";
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h.metric_lines.take();
    h.faults(
        json!({"failNext": [{"operation": "getAnalyticsConversationDetails", "status": 429, "count": 1}]}),
    )
    .await;
    let answer = h.post(json!({"conversationId": CALL, "caseId": "C"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    let docs = documents(&h.metric_lines.take());
    assert_eq!(sum_where(&docs, "GenesysThrottled", &[]), 1.0);
    assert_eq!(sum_where(&docs, "GenesysRetries", &[]), 1.0);
    assert!(
        sum_where(&docs, "GenesysRequests", &[]) >= 3.0,
        "details, its retry, the transcript URL"
    );
    assert_eq!(sum_where(&docs, "Requests", &[]), 1.0);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_llm_summary_reports_its_tokens_and_estimated_cost() {
    const CALL: &str = "f6f6f6f6-0000-4000-8000-00000000e3f2";
    let h = harness(Options {
        llm: true,
        extra_env: vec![
            ("WRAPUP_LLM_PROMPT_PRICE_PER_1K", "0.003".to_owned()),
            ("WRAPUP_LLM_COMPLETION_PRICE_PER_1K", "0.015".to_owned()),
        ],
        ..Options::default()
    })
    .await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": "C", "source": "llm"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["source"]["type"], "llm");
    let usage = &answer.body["source"]["usage"];
    let docs = documents(&h.metric_lines.take());
    let prompt = usage["promptTokens"].as_f64().unwrap();
    let completion = usage["completionTokens"].as_f64().unwrap();
    assert!(prompt > 0.0);
    assert_eq!(
        sum_where(&docs, "PromptTokens", &[("Purpose", "summary")]),
        prompt
    );
    assert_eq!(
        sum_where(&docs, "CompletionTokens", &[("Purpose", "summary")]),
        completion
    );
    let cost = (prompt * 0.003 + completion * 0.015) / 1000.0;
    assert!((sum_where(&docs, "LlmCost", &[]) - cost).abs() < 1e-9);
    assert_eq!(
        sum_where(
            &docs,
            "Requests",
            &[
                ("Outcome", answer.body["status"].as_str().unwrap()),
                ("Source", "llm")
            ]
        ),
        1.0
    );
}
