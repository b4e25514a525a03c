//! archive-miner's metrics on the fast tier: every line it writes is valid EMF by the
//! specification's schema; what a run mined per media type adds up to the run's counters and the
//! planted mentions; a finished run and a failed one are counted; no line carries an id.

use crate::common;

use std::sync::Arc;

use aws_lambda_events::event::sqs::SqsEvent;
use common::*;
use wrapup_genesys::Fault;
use wrapup_metrics::{EmfDocument, MemorySink, Metrics, NAMESPACE, checked_documents, leaks};
use wrapup_mining::{MiningMessage, RunStatus};

const TRANSCRIPT_URL: &str = "getSpeechandtextanalyticsConversationCommunicationTranscripturl";
const MEDIA_TYPES: [&str; 5] = ["voice", "chat", "email", "message", "other"];

/// The miner with its metrics in a sink of its own.
fn miner_with_metrics(conversations: usize, days: u32) -> (MemoryMiner, Arc<MemorySink>) {
    let mut h = memory_miner(sim_config(conversations, days), &[]);
    let (metrics, sink) = Metrics::in_memory(archive_miner::metrics::FUNCTION_NAME);
    h.app.metrics = metrics;
    (h, sink)
}

/// Every line of the sink, checked against the EMF specification and carrying archive-miner's
/// `Function` dimension; the sink is left empty.
fn documents(sink: &MemorySink) -> Vec<EmfDocument> {
    let docs = checked_documents(&sink.take(), archive_miner::metrics::FUNCTION_NAME)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(docs.iter().all(|d| d.namespace == NAMESPACE));
    docs
}

/// The sum of `name` over every document, checking its unit and that it is counted per media
/// type.
fn per_media_total(docs: &[EmfDocument], name: &str) -> u64 {
    docs.iter()
        .filter_map(|d| Some((d, d.metric(name)?)))
        .map(|(d, m)| {
            assert_eq!(m.unit.as_deref(), Some("Count"), "{name}");
            let media = d.dimension("MediaType").expect("a MediaType dimension");
            assert!(MEDIA_TYPES.contains(&media), "{media}");
            assert_eq!(d.dimensions.len(), 2, "Function and MediaType only");
            m.values.iter().sum::<f64>() as u64
        })
        .sum()
}

fn runs<'a>(docs: &'a [EmfDocument], outcome: &str) -> Vec<&'a EmfDocument> {
    docs.iter()
        .filter(|d| d.metric("Runs").is_some() && d.dimension("Outcome") == Some(outcome))
        .collect()
}

#[tokio::test]
async fn a_run_reports_what_it_mined_per_media_type_and_its_completion() {
    let (mut h, sink) = miner_with_metrics(240, 4);
    let (from, to) = (day("2026-11-13"), day("2026-11-14"));
    let (expected, _) = h.ground_truth(from, to);
    let run = h.mine(from, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    let docs = documents(&sink);
    assert_eq!(per_media_total(&docs, "ConversationsMined"), run.mined);
    assert_eq!(
        per_media_total(&docs, "TranscriptsMissing"),
        run.without_transcript
    );
    let planted: u64 = expected.values().map(|(mentions, _)| mentions).sum();
    assert_eq!(per_media_total(&docs, "MentionsCounted"), planted);
    assert!(docs.iter().any(|d| d.dimension("MediaType") == Some("voice")));

    let completed = runs(&docs, "completed");
    assert_eq!(completed.len(), 1, "one run, counted once");
    assert_eq!(completed[0].sum("Runs"), 1.0);
    let duration = completed[0].metric("RunDuration").expect("the run's duration");
    assert_eq!(duration.unit.as_deref(), Some("Milliseconds"));
    assert!(
        duration.values[0] >= 0.0 && duration.values[0] < 600_000.0,
        "{duration:?}"
    );
    assert!(runs(&docs, "failed").is_empty() && runs(&docs, "completed_with_errors").is_empty());
    assert!(
        docs.iter().all(|d| d.metric("GenesysRequests").is_none()),
        "an in-memory Genesys has no client to meter"
    );

    // Every batch delivered again: duplicates mine and count nothing more.
    h.redeliver_batches().await;
    let again = documents(&sink);
    assert_eq!(
        per_media_total(&again, "ConversationsMined"),
        0,
        "{} lines",
        again.len()
    );
    assert!(runs(&again, "completed").is_empty());
}

#[tokio::test]
async fn retried_batches_count_once_and_a_run_with_failures_is_told_apart() {
    let (mut h, sink) = miner_with_metrics(160, 3);
    let (from, to) = (day("2026-11-14"), day("2026-11-15"));
    h.genesys.fail_next(TRANSCRIPT_URL, Fault::Status(503), 3);
    let run = h.mine(from, to).await;
    assert_eq!((run.status, run.failed), (RunStatus::Completed, 0), "{run:#?}");
    let docs = documents(&sink);
    assert_eq!(
        per_media_total(&docs, "ConversationsMined"),
        run.mined,
        "retries count once"
    );
    assert_eq!(runs(&docs, "completed").len(), 1);

    // Transcripts that never download: the run ends with errors.
    let (mut h, sink) = miner_with_metrics(120, 2);
    h.genesys.fail_next(TRANSCRIPT_URL, Fault::Status(500), 100_000);
    let run = h.mine(day("2026-11-15"), day("2026-11-15")).await;
    assert!(run.had_errors(), "{run:#?}");
    let docs = documents(&sink);
    assert_eq!(per_media_total(&docs, "ConversationsMined"), 0);
    assert_eq!(runs(&docs, "completed_with_errors").len(), 1);
    assert!(runs(&docs, "completed").is_empty());
}

#[tokio::test]
async fn a_report_that_fails_on_its_last_delivery_counts_a_failed_run() {
    let (h, sink) = miner_with_metrics(10, 1);
    let report = MiningMessage::report("scheduled-2026-11-15-all").to_json();
    let last = h.app.config.max_receives;
    for receives in [1, last] {
        let event: SqsEvent = serde_json::from_value(wrapup_testkit::sqs_event_of(
            "mining-work",
            &[(&report, receives)],
        ))
        .unwrap();
        let response =
            archive_miner::handle_queue(&h.app, event, &context(std::time::Duration::from_secs(30))).await;
        assert_eq!(response.batch_item_failures.len(), 1, "an unknown run is retried");
    }
    let docs = documents(&sink);
    assert_eq!(runs(&docs, "failed").len(), 1, "only on the last delivery");
    assert_eq!(runs(&docs, "failed")[0].sum("Runs"), 1.0);
    assert!(runs(&docs, "failed")[0].metric("RunDuration").is_none());
}

#[tokio::test]
async fn no_metric_line_carries_an_id_or_text_of_a_conversation() {
    let (mut h, sink) = miner_with_metrics(60, 2);
    let run = h.mine(day("2026-11-14"), day("2026-11-15")).await;
    assert!(run.mined > 0, "{run:#?}");
    let lines = sink.lines();
    assert!(!lines.is_empty());
    let mut secrets = vec![run.run_id.clone()];
    for conversation in genesys_sim::render_org(&h.sim) {
        secrets.push(conversation.conversation_id.clone());
        for transcript in conversation.transcripts.iter().take(1) {
            let text = transcript.to_string();
            secrets.extend(text.split('"').filter(|s| s.len() >= 12).map(str::to_owned));
        }
    }
    for body in &h.delivered {
        if let Ok(MiningMessage::Batch(batch)) = MiningMessage::parse(body) {
            secrets.push(batch.batch_id.clone());
            secrets.extend(batch.conversations.iter().filter_map(|c| c.queue_id.clone()));
        }
    }
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let found = leaks(&lines, &secrets);
    assert!(found.is_empty(), "{found:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_run_against_the_simulator_reports_its_genesys_requests_and_rate_limit_share() {
    let h = harness(sim_config(80, 2)).await;
    let (from, to) = (day("2026-11-13"), day("2026-11-14"));
    let app = h.app().await;
    let workers = h.workers(2, std::time::Duration::from_secs(60), 30).await;
    let run = h.mine(&app, from, to).await;
    // The worker that finishes the run records it, then writes its metrics: the run reads
    // completed a moment before its `Runs` line is written.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !h.metric_lines.lines().iter().any(|l| l.contains("\"Runs\""))
        && std::time::Instant::now() < deadline
    {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    drop(workers);
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    assert!(run.mined > 10, "{run:#?}");
    let lines = h.metric_lines.take();
    let docs =
        checked_documents(&lines, archive_miner::metrics::FUNCTION_NAME).unwrap_or_else(|e| panic!("{e}"));
    let sum = |name: &str| wrapup_metrics::sum_where(&docs, name, &[]);
    assert!(
        sum("GenesysRequests") >= 3.0,
        "details query, jobs, transcripts: {}",
        sum("GenesysRequests")
    );
    let shares: Vec<f64> = docs
        .iter()
        .filter_map(|d| d.metric("RateLimitShare"))
        .flat_map(|m| m.values.clone())
        .collect();
    assert!(!shares.is_empty(), "the simulator sends inin-ratelimit-* headers");
    assert!(shares.iter().all(|s| *s > 0.0 && *s <= 100.0), "{shares:?}");
    assert_eq!(sum("ConversationsMined"), run.mined as f64);
    assert_eq!(
        wrapup_metrics::sum_where(&docs, "Runs", &[("Outcome", "completed")]),
        1.0
    );
    let found = leaks(&lines, &[]);
    assert!(found.is_empty(), "{found:#?}");
}
