//! `async: true` and `Prefer: respond-async`: 202 with a Location, the work through the
//! summary-jobs queue that the same function drains, the result at GET /summaries/{id}.

use crate::common;

use common::*;
use serde_json::{Value, json};

const CALL: &str = "e5e5e5e5-0000-4000-8000-000000000001";
const OTHER: &str = "e5e5e5e5-0000-4000-8000-000000000002";

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn async_requests_finish_through_the_summary_jobs_queue() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": "ASYNC", "async": true}))
        .await;
    assert_eq!(answer.status, 202, "{:#}", answer.body);
    assert_eq!(
        answer.header("location").as_deref(),
        Some(format!("/summaries/{CALL}").as_str())
    );
    assert_eq!(answer.body["status"], "processing");
    assert_eq!(
        h.stats().await["totalApiRequests"].as_u64(),
        Some(0),
        "nothing computed yet"
    );
    let pending = h.get(CALL).await;
    assert_eq!(pending.body["status"], "processing");

    let batch = h.run_jobs().await;
    assert_eq!(batch["batchItemFailures"], json!([]), "{batch:#}");
    let done = h.get(CALL).await;
    assert_eq!(done.body["status"], "queued_for_crm", "{:#}", done.body);
    assert_eq!(
        done.body["result"]["auditId"], answer.body["auditId"],
        "one audit trail from 202 to result"
    );
    assert_eq!(h.drain("CrmSyncQueue").await.len(), 1);

    // A redelivered job computes nothing again.
    let api_before = h.stats().await["totalApiRequests"].clone();
    let job = wrapup::pipeline::job_for(
        &wrapup::pipeline::SummaryRequest::parse(
            json!({"conversationId": CALL, "caseId": "ASYNC"})
                .to_string()
                .as_bytes(),
        )
        .unwrap(),
        // As the API queued it: the caller of events/apigw-v2-post-summaries.json names the key.
        &wrapup::store::RequestKey::for_caller(
            &wrapup::ids::ConversationId::parse(CALL).unwrap(),
            "ASYNC",
            &Default::default(),
            Some("jwt:crm-integration"),
        ),
        answer.body["auditId"].as_str().unwrap(),
        Some("jwt:crm-integration"),
        "api-async",
    );
    let mut event = event_file("summary-jobs-sqs.json");
    event["Records"] = json!([event["Records"][0].clone()]);
    event["Records"][0]["body"] = json!(serde_json::to_string(&job).unwrap());
    let batch = h.invoke(event).await;
    assert_eq!(batch["batchItemFailures"], json!([]));
    assert_eq!(h.stats().await["totalApiRequests"], api_before);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn prefer_respond_async_is_honoured() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "chat", &ROUTER_CALL)).await;
    let mut event = event_file("apigw-v2-post-summaries.json");
    event["headers"]["prefer"] = json!("respond-async, wait=5");
    event["body"] = json!(json!({"conversationId": CALL, "caseId": "PREFER"}).to_string());
    let answer = h.invoke_http(event).await;
    assert_eq!(answer.status, 202);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn one_bad_message_never_fails_the_batch() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h.load(conversation(OTHER, "chat", &ROUTER_CALL)).await;
    for id in [CALL, OTHER] {
        assert_eq!(
            h.post(json!({"conversationId": id, "caseId": "BATCH", "async": true}))
                .await
                .status,
            202
        );
    }
    let messages = h.drain("SummaryJobsQueue").await;
    assert_eq!(messages.len(), 2);
    let mut event = sqs_event(&messages);
    let mut bad = event["Records"][0].clone();
    bad["messageId"] = json!("bad-message-1");
    bad["body"] = json!("{this is not a job");
    let mut unknown_version = event["Records"][0].clone();
    unknown_version["messageId"] = json!("bad-message-2");
    unknown_version["body"] = json!(r#"{"version": 99}"#);
    event["Records"]
        .as_array_mut()
        .unwrap()
        .extend([bad, unknown_version]);
    let batch = h.invoke(event).await;
    assert_eq!(
        batch["batchItemFailures"],
        json!([]),
        "the good ones are done, the bad ones dead-lettered at once"
    );
    for id in [CALL, OTHER] {
        assert_eq!(h.get(id).await.body["status"], "queued_for_crm");
    }
    let letters = h.drain("SummaryJobsDLQ").await;
    let mut bodies: Vec<&str> = letters.iter().filter_map(|m| m.body()).collect();
    bodies.sort();
    assert_eq!(bodies, [r#"{"version": 99}"#, "{this is not a job"], "unchanged");
    for letter in &letters {
        let attributes = letter.message_attributes().unwrap();
        let reason = attributes["wrapupDeadLetterReason"].string_value().unwrap();
        assert!(reason.starts_with("invalid summary-jobs message"), "{reason}");
        assert_eq!(
            attributes["wrapupDeadLetterTarget"].string_value(),
            Some("message")
        );
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_transient_job_failure_is_retried_by_sqs() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    assert_eq!(
        h.post(json!({"conversationId": CALL, "caseId": "RETRY", "async": true}))
            .await
            .status,
        202
    );
    let messages = h.drain("SummaryJobsQueue").await;
    h.faults(
        json!({"failNext": [{"operation": "getAnalyticsConversationDetails", "status": 503, "count": 10}]}),
    )
    .await;
    let batch = h.invoke(sqs_event(&messages)).await;
    assert_eq!(
        batch["batchItemFailures"].as_array().unwrap().len(),
        1,
        "{batch:#}"
    );
    assert_eq!(h.get(CALL).await.body["status"], "failed");
    // SQS delivers it again once Genesys is back.
    h.faults(json!({"reset": true})).await;
    let batch = h.invoke(sqs_event(&messages)).await;
    assert_eq!(batch["batchItemFailures"], json!([]));
    assert_eq!(h.get(CALL).await.body["status"], "queued_for_crm");
}

/// The hand-off to crm-sync fails after the audit outcome is written: SQS delivers the job again,
/// it finds its outcome recorded, and finishes the hand-off and the result (it used to hit the
/// written outcome as a conflict on every retry and dead-letter).
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_job_that_failed_after_its_audit_outcome_recovers_on_retry() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let accepted = h
        .post(json!({"conversationId": CALL, "caseId": "HANDOFF", "async": true}))
        .await;
    assert_eq!(accepted.status, 202);
    let messages = h.drain("SummaryJobsQueue").await;
    // The crm-sync queue is gone for a moment: the send after the audit outcome fails.
    let crm_queue = h.queues["CrmSyncQueue"].clone();
    h.sqs.delete_queue().queue_url(&crm_queue).send().await.unwrap();
    let batch = h.invoke(sqs_event(&messages)).await;
    assert_eq!(
        batch["batchItemFailures"].as_array().unwrap().len(),
        1,
        "{batch:#}"
    );
    let name = crm_queue.rsplit('/').next().unwrap();
    let recreated = h.sqs.create_queue().queue_name(name).send().await.unwrap();
    assert_eq!(recreated.queue_url(), Some(crm_queue.as_str()));

    let batch = h.invoke(sqs_event(&messages)).await;
    assert_eq!(batch["batchItemFailures"], json!([]), "{batch:#}");
    let answer = h.get(CALL).await;
    assert_eq!(answer.body["status"], "queued_for_crm", "{:#}", answer.body);
    let handed = h.drain("CrmSyncQueue").await;
    assert_eq!(handed.len(), 1, "handed to crm-sync once");
    let message: Value = serde_json::from_str(handed[0].body().unwrap()).unwrap();
    assert_eq!(
        message["generation"], 0,
        "the delivery is named by the request, not the attempt"
    );
}

/// The job cannot be queued after the request was claimed: the claim is given back, so the
/// client's retry is accepted and queued (it used to answer "in progress" for 15 minutes with
/// nothing queued).
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_request_whose_job_cannot_be_queued_leaves_no_orphan_claim() {
    let h = harness(Options::default()).await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let jobs = h.queues["SummaryJobsQueue"].clone();
    h.sqs.delete_queue().queue_url(&jobs).send().await.unwrap();
    let request = json!({"conversationId": CALL, "caseId": "ORPHAN", "async": true});
    let refused = h.post(request.clone()).await;
    assert!(refused.status >= 500, "{refused:?}");
    let name = jobs.rsplit('/').next().unwrap();
    h.sqs.create_queue().queue_name(name).send().await.unwrap();

    let retried = h.post(request).await;
    assert_eq!(retried.status, 202, "{:#}", retried.body);
    assert_ne!(retried.body["auditId"], refused.body["auditId"]);
    assert_eq!(
        h.drain("SummaryJobsQueue").await.len(),
        1,
        "the retry's job is queued"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_example_event_parses_and_reports_per_record() {
    // events/summary-jobs-sqs.json names conversations the simulator does not know: each job is
    // processed on its own and fails permanently (404), so neither is retried.
    let h = harness(Options::default()).await;
    let batch: Value = h.invoke(event_file("summary-jobs-sqs.json")).await;
    assert!(batch["batchItemFailures"].is_array(), "{batch:#}");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn too_little_time_for_an_llm_call_answers_202_and_finishes_from_the_queue() {
    let h = harness(Options {
        llm: true,
        ..Options::default()
    })
    .await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let mut event = event_file("apigw-v2-post-summaries.json");
    event["body"] = json!(json!({"conversationId": CALL, "caseId": "SHORT", "source": "llm"}).to_string());
    // The invocation has 8 s left: not enough for an LLM call under API Gateway's limit.
    let mut context = lambda_runtime::Context::default();
    context.deadline = (chrono::Utc::now() + chrono::Duration::seconds(8)).timestamp_millis() as u64;
    let raw = summary_api::dispatch(&h.app, lambda_runtime::LambdaEvent::new(event, context))
        .await
        .unwrap();
    assert_eq!(raw["statusCode"], 202, "{raw:#}");
    assert!(h.llm_requests().await.is_empty(), "no LLM call was started");
    let batch = h.run_jobs().await;
    assert_eq!(batch["batchItemFailures"], json!([]));
    let done = h.get(CALL).await;
    assert_eq!(done.body["result"]["source"]["type"], "llm", "{:#}", done.body);
}
