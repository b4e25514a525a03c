//! The post-call summary: one delayed job at the end, one at once when Copilot's summary is
//! ready after it, never more, whatever the order and however often events come.

use std::time::Duration;

use chrono::Utc;
use serde_json::json;
use wrapup_assist::event::{AssistEvent, Parsed};
use wrapup_assist::process::conversation;
use wrapup_assist::record::JobTrigger;
use wrapup_assist::{AssistConfig, Handled, JobSent, MemoryAssistStore, ProcessError, handle};

use crate::common::{RecordingJobs, event_file, parse, repo_file, with_body};

fn config() -> AssistConfig {
    AssistConfig {
        auto_summary: true,
        ..AssistConfig::default()
    }
}

fn read(value: serde_json::Value) -> AssistEvent {
    match parse(&value) {
        Ok(Parsed::Event(event)) => event,
        other => panic!("{other:?}"),
    }
}

/// Now, as seen by events of 2026-12-04 a minute after the end.
fn soon_after() -> chrono::DateTime<Utc> {
    "2026-12-04T10:21:00Z".parse().unwrap_or_else(|_| Utc::now())
}

async fn run(
    store: &MemoryAssistStore,
    jobs: &RecordingJobs,
    config: &AssistConfig,
    events: &[AssistEvent],
) -> Vec<Handled> {
    let mut out = Vec::new();
    for event in events {
        out.push(
            handle(event, store, jobs, config, soon_after())
                .await
                .expect("handled"),
        );
    }
    out
}

#[tokio::test]
async fn the_end_sends_one_delayed_job_and_copilots_summary_one_more_at_once() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let end = event_file("assist-customer-end.json");
    let summary = event_file("assist-copilot-summary.json");
    let handled = run(
        &store,
        &jobs,
        &config(),
        &[end.clone(), summary.clone(), end, summary],
    )
    .await;
    assert_eq!(
        handled[0],
        Handled::Applied {
            job: Some((JobTrigger::End, JobSent::Sent))
        }
    );
    assert_eq!(
        handled[1],
        Handled::Applied {
            job: Some((JobTrigger::CopilotSummary, JobSent::Sent))
        }
    );
    assert_eq!(&handled[2..], &[Handled::Duplicate, Handled::Duplicate]);
    let delays: Vec<Duration> = jobs.sent().into_iter().map(|(_, d)| d).collect();
    assert_eq!(delays, vec![Duration::from_secs(120), Duration::ZERO]);
}

#[tokio::test]
async fn a_summary_before_the_end_waits_for_it_then_one_job_goes_at_once() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let handled = run(
        &store,
        &jobs,
        &config(),
        &[
            event_file("assist-copilot-summary.json"),
            event_file("assist-customer-end.json"),
        ],
    )
    .await;
    assert_eq!(handled[0], Handled::Applied { job: None });
    assert_eq!(
        handled[1],
        Handled::Applied {
            job: Some((JobTrigger::CopilotSummary, JobSent::Sent))
        }
    );
    assert_eq!(jobs.sent().len(), 1);
    assert_eq!(jobs.sent()[0].1, Duration::ZERO);
}

#[tokio::test]
async fn a_second_participants_end_or_after_call_work_sends_nothing_more() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let end = repo_file("events/assist-customer-end.json");
    let other_participant = read(with_body(
        end.clone(),
        &[("participantId", json!("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"))],
    ));
    let mut acw = end.clone();
    acw["detail-type"] = json!("v2.detail.events.conversation.{id}.acw");
    acw["detail"]["topicName"] =
        json!("v2.detail.events.conversation.6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70.acw");
    let handled = run(
        &store,
        &jobs,
        &config(),
        &[read(end), other_participant, read(acw)],
    )
    .await;
    assert!(
        handled.iter().all(|h| matches!(h, Handled::Applied { .. })),
        "{handled:?}"
    );
    assert_eq!(jobs.sent().len(), 1);
}

#[tokio::test]
async fn a_transfer_is_not_the_end() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let transfer = read(with_body(
        repo_file("events/assist-customer-end.json"),
        &[("disconnectType", json!("CONSULT_TRANSFER"))],
    ));
    run(&store, &jobs, &config(), std::slice::from_ref(&transfer)).await;
    assert!(jobs.sent().is_empty());
    let record = conversation(&store, transfer.conversation_id())
        .await
        .expect("read");
    assert_eq!(record.and_then(|r| r.ended_at), None);
}

#[tokio::test]
async fn no_job_when_automatic_summaries_are_off_or_the_event_is_a_replay() {
    let end = event_file("assist-customer-end.json");
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    run(
        &store,
        &jobs,
        &AssistConfig::default(),
        std::slice::from_ref(&end),
    )
    .await;
    assert!(jobs.sent().is_empty(), "off by default");

    let store = MemoryAssistStore::new();
    let late = soon_after() + chrono::Duration::days(6);
    handle(&end, &store, &jobs, &config(), late)
        .await
        .expect("handled");
    assert!(jobs.sent().is_empty(), "six days late: a replay");
}

#[tokio::test]
async fn a_failed_send_records_nothing_so_the_retry_sends_it() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let end = event_file("assist-customer-end.json");
    jobs.fail(true);
    let failed = handle(&end, &store, &jobs, &config(), soon_after()).await;
    assert!(matches!(failed, Err(ProcessError::Job(_))), "{failed:?}");
    assert_eq!(store.markers(), 0, "not marked: the retry is not a duplicate");
    jobs.fail(false);
    let retried = handle(&end, &store, &jobs, &config(), soon_after())
        .await
        .expect("retry");
    assert!(matches!(retried, Handled::Applied { job: Some(_) }));
    assert_eq!(jobs.sent().len(), 1);
}

#[tokio::test]
async fn copilot_errors_are_kept_and_send_nothing() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let error = read(with_body(
        repo_file("events/assist-copilot-summary.json"),
        &[("errorType", json!("CONVERSATION_TOO_LONG"))],
    ));
    run(
        &store,
        &jobs,
        &config(),
        &[error.clone(), event_file("assist-customer-end.json")],
    )
    .await;
    let record = conversation(&store, error.conversation_id())
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(record.copilot_errors, vec!["CONVERSATION_TOO_LONG".to_owned()]);
    assert!(!record.copilot_summary_ready);
    assert_eq!(
        jobs.sent().len(),
        1,
        "the end's delayed job falls back to Wrapup's summariser"
    );
    assert_eq!(jobs.sent()[0].1, Duration::from_secs(120));
}

#[tokio::test]
async fn the_latest_intent_is_kept() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let intent = event_file("assist-intent.json");
    let earlier = read(with_body(
        repo_file("events/assist-intent.json"),
        &[
            ("suggestionId", json!("8b0d4f6e-5a7c-4d9e-8f2a-3b4c5d6e7f80")),
            ("eventTime", json!("2026-12-04T10:10:00Z")),
            (
                "activeIntent",
                json!({"intent": "Billing", "intentId": "intent-billing", "confidence": 0.4}),
            ),
        ],
    ));
    run(&store, &jobs, &config(), &[intent.clone(), earlier]).await;
    let record = conversation(&store, intent.conversation_id())
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(record.intent_id.as_deref(), Some("intent-cancel-addon"));
}

/// Genesys' listing of the conversation of the event files: the knowledge result the events
/// announced (accepted), and a canned response they never did (dismissed).
fn listing() -> Vec<wrapup_genesys::models::suggestions::Suggestion> {
    serde_json::from_value(json!([
        {"id": "5e7a1c3b-2d4f-4a6b-8c9d-0e1f2a3b4c5d", "type": "KnowledgeSearch", "state": "Accepted",
         "dateCreated": "2026-12-04T10:15:02Z",
         "knowledgeSearch": {"document": {"id": "d0c00001-aaaa-4bbb-8ccc-000000000001"}, "confidence": 0.82},
         "context": {"queue": {"id": "a1b2c3d4-0000-4000-8000-00000000a0e1"}}},
        {"id": "9c1e5a7b-6d8f-4e0a-9b1c-2d3e4f5a6b7c", "type": "CannedResponse", "state": "Dismissed",
         "dateCreated": "2026-12-04T10:17:00Z",
         "cannedResponse": {"response": {"id": "e5e50001-bbbb-4ccc-8ddd-000000000099"}},
         "context": {"queue": {"id": "a1b2c3d4-0000-4000-8000-00000000a0e1"}}},
        {"id": "not-a-uuid", "type": "Faq", "state": "Suggested"}
    ]))
    .expect("listing")
}

async fn counts_of(store: &MemoryAssistStore, kind: &str) -> (i64, i64, i64) {
    use wrapup_assist::store::{AssistStore, CountsKey};
    let counts = store
        .counts(&[CountsKey::Type {
            kind: kind.to_owned(),
        }])
        .await
        .expect("counts");
    counts.iter().flatten().fold((0, 0, 0), |(n, h, d), b| {
        (n + b.impressions, h + b.halves, d + b.dismissed)
    })
}

#[tokio::test]
async fn the_end_fills_in_what_genesys_lists_and_the_events_missed() {
    use wrapup_assist::store::AssistStore;
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    *jobs.listing.lock().expect("lock") = Some(listing());
    let search = event_file("assist-suggestion-knowledge-search.json");
    let copied = event_file("assist-suggestion-copied.json");
    let end = event_file("assist-customer-end.json");
    run(&store, &jobs, &config(), &[search.clone(), copied, end.clone()]).await;
    let suggestions = store.suggestions(end.conversation_id()).await.expect("records");
    assert_eq!(suggestions.len(), 2, "{suggestions:?}");
    assert_eq!(
        counts_of(&store, "knowledgeSearch").await,
        (1, 2, 0),
        "already counted: unchanged"
    );
    assert_eq!(
        counts_of(&store, "cannedResponse").await,
        (1, 0, 1),
        "filled in: shown and dismissed"
    );
    // The real events arriving late are the same events.
    let late = read(with_body(
        repo_file("events/assist-suggestion-response.json"),
        &[
            ("suggestionId", json!("9c1e5a7b-6d8f-4e0a-9b1c-2d3e4f5a6b7c")),
            (
                "cannedResponse",
                json!({"responseId": "e5e50001-bbbb-4ccc-8ddd-000000000099"}),
            ),
        ],
    ));
    let handled = run(&store, &jobs, &config(), &[late, search]).await;
    assert!(handled.iter().all(|h| *h == Handled::Duplicate), "{handled:?}");
    assert_eq!(counts_of(&store, "cannedResponse").await, (1, 0, 1));
    // A later end (another participant) does not ask again.
    let other = read(with_body(
        repo_file("events/assist-customer-end.json"),
        &[("participantId", json!("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"))],
    ));
    run(&store, &jobs, &config(), &[other]).await;
    assert_eq!(*jobs.listed.lock().expect("lock"), 1);
}

#[tokio::test]
async fn a_failed_listing_brings_the_end_back_with_nothing_recorded() {
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    *jobs.listing.lock().expect("lock") = Some(listing());
    let end = event_file("assist-customer-end.json");
    jobs.fail(true);
    assert!(
        handle(&end, &store, &jobs, &config(), soon_after())
            .await
            .is_err()
    );
    assert_eq!(store.markers(), 0);
    jobs.fail(false);
    let handled = handle(&end, &store, &jobs, &config(), soon_after())
        .await
        .expect("retry");
    assert!(matches!(handled, Handled::Applied { job: Some(_) }));
    assert_eq!(counts_of(&store, "cannedResponse").await, (1, 0, 1));
    assert_eq!(jobs.sent().len(), 1);
}
