//! The summary job and the suggestion listing against Genesys in memory: the case id read from a
//! details job's participant attributes, the fallback, a conversation not yet in analytics, and
//! Genesys failing.

use std::sync::Arc;
use std::time::Duration;

use assist_callback::jobs::QueuedSummaryJobs;
use serde_json::json;
use wrapup::genesys::{Fault, MemoryGenesys};
use wrapup::ids::ConversationId;
use wrapup::queue::{MemoryQueue, ORIGIN_ASSIST_CALLBACK, parse_summary_job};
use wrapup::store::RequestKey;
use wrapup::summary::SummaryOptions;
use wrapup_assist::{EndOfConversation, JobError, JobSent};

const CONVERSATION: &str = "6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70";

fn id() -> ConversationId {
    ConversationId::parse(CONVERSATION).expect("id")
}

fn genesys_with(attributes: serde_json::Value) -> MemoryGenesys {
    let genesys = MemoryGenesys::new();
    let details = serde_json::from_value(json!({
        "conversationId": CONVERSATION,
        "conversationStart": (chrono::Utc::now() - chrono::Duration::minutes(10)).to_rfc3339(),
        "participants": [
            {"participantId": "p-1", "purpose": "customer", "attributes": attributes},
            {"participantId": "p-2", "purpose": "agent"}
        ]
    }))
    .expect("details");
    genesys.add_conversation(details, Vec::new());
    genesys
}

fn jobs(genesys: MemoryGenesys, fallback: bool) -> (QueuedSummaryJobs, Arc<MemoryQueue>) {
    let queue = Arc::new(MemoryQueue::new());
    let jobs = QueuedSummaryJobs {
        genesys: Arc::new(genesys),
        queue: queue.clone(),
        options: SummaryOptions::default(),
        case_attribute: "caseId".to_owned(),
        case_from_conversation: fallback,
        caller: None,
    };
    (jobs, queue)
}

#[tokio::test]
async fn the_job_carries_the_case_from_the_attribute_and_one_request_key() {
    let (jobs, queue) = jobs(genesys_with(json!({"caseId": "CASE-4711", "other": "x"})), false);
    for delay in [Duration::from_secs(120), Duration::ZERO] {
        assert_eq!(
            jobs.send_summary_job(&id(), delay).await.expect("sent"),
            JobSent::Sent
        );
    }
    let sent = queue.sent();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].delay, Duration::from_secs(120));
    let first = parse_summary_job(&sent[0].body).expect("a summary job");
    let second = parse_summary_job(&sent[1].body).expect("a summary job");
    assert_eq!(first.case_id, "CASE-4711");
    assert_eq!(first.origin, ORIGIN_ASSIST_CALLBACK);
    assert_eq!(
        first.request_key,
        RequestKey::new(&id(), "CASE-4711", &SummaryOptions::default()).as_str()
    );
    assert_eq!(
        first.request_key, second.request_key,
        "every trigger: one request"
    );
    assert_ne!(first.audit_id, second.audit_id);
}

#[tokio::test]
async fn without_the_attribute_the_job_is_skipped_or_uses_the_conversation() {
    let (jobs_without, queue) = jobs(genesys_with(json!({"other": "x"})), false);
    assert_eq!(
        jobs_without
            .send_summary_job(&id(), Duration::ZERO)
            .await
            .expect("answered"),
        JobSent::Skipped("no-case")
    );
    assert!(queue.sent().is_empty());
    let (jobs_fallback, queue) = jobs(genesys_with(json!({"other": "x"})), true);
    assert_eq!(
        jobs_fallback
            .send_summary_job(&id(), Duration::ZERO)
            .await
            .expect("sent"),
        JobSent::Sent
    );
    let job = parse_summary_job(&queue.sent()[0].body).expect("a summary job");
    assert_eq!(job.case_id, format!("genesys:{CONVERSATION}"));
}

#[tokio::test]
async fn a_conversation_not_yet_in_analytics_comes_back_later() {
    let (jobs_strict, queue) = jobs(MemoryGenesys::new(), false);
    let err = jobs_strict
        .send_summary_job(&id(), Duration::ZERO)
        .await
        .expect_err("transient");
    let JobError::Transient(reason) = err;
    assert!(reason.contains("not in Genesys analytics yet"), "{reason}");
    assert!(queue.sent().is_empty());
    let (jobs_fallback, queue) = jobs(MemoryGenesys::new(), true);
    assert_eq!(
        jobs_fallback
            .send_summary_job(&id(), Duration::ZERO)
            .await
            .expect("sent"),
        JobSent::Sent
    );
    assert_eq!(queue.sent().len(), 1);
}

#[tokio::test]
async fn genesys_failing_is_transient_and_says_nothing_of_its_text() {
    let genesys = genesys_with(json!({"caseId": "CASE-1"}));
    genesys.fail_next("postAnalyticsConversationsDetailsJobs", Fault::Status(429), 10);
    let (jobs, queue) = jobs(genesys, true);
    let JobError::Transient(reason) = jobs
        .send_summary_job(&id(), Duration::ZERO)
        .await
        .expect_err("transient");
    assert!(reason.starts_with("Genesys analytics details job"), "{reason}");
    assert!(
        queue.sent().is_empty(),
        "no job on a guess while Genesys is failing"
    );
}

#[tokio::test]
async fn the_listing_is_what_genesys_holds_and_none_without_copilot() {
    let genesys = MemoryGenesys::new();
    let (jobs_none, _) = jobs(genesys.clone(), false);
    assert_eq!(jobs_none.listed_suggestions(&id()).await.expect("listed"), None);
    let listed =
        serde_json::from_value(json!([{"id": "9c1e5a7b-6d8f-4e0a-9b1c-2d3e4f5a6b7c", "type": "Script"}]))
            .expect("suggestions");
    genesys.set_suggestions(&id(), listed);
    let (jobs_some, _) = jobs(genesys, false);
    assert_eq!(
        jobs_some
            .listed_suggestions(&id())
            .await
            .expect("listed")
            .map(|l| l.len()),
        Some(1)
    );
}

#[tokio::test]
async fn a_configured_caller_owns_the_automatic_summary_as_its_own_request() {
    let (mut jobs, queue) = jobs(genesys_with(json!({"caseId": "CASE-4711"})), false);
    jobs.caller = Some("crm-integration".to_owned());
    jobs.send_summary_job(&id(), Duration::ZERO).await.expect("sent");
    let job = parse_summary_job(&queue.sent()[0].body).expect("a summary job");
    assert_eq!(job.caller.as_deref(), Some("crm-integration"));
    assert_eq!(
        job.request_key,
        RequestKey::for_caller(
            &id(),
            "CASE-4711",
            &SummaryOptions::default(),
            Some("crm-integration")
        )
        .as_str(),
        "the key the CRM's own identical POST /summaries has"
    );
}
