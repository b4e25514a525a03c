//! Mining the simulator's archive end to end: exact counts, idempotent redelivery and re-runs,
//! resuming after a crash, failed and expired details jobs, and the published report.

use crate::common;

use std::time::Duration;

use common::*;
use serde_json::json;
use wrapup_mining::{BackfillRequest, MiningMessage, MiningSource, RunStatus};

const RUN_TIMEOUT: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn mines_exactly_the_planted_mentions_and_counts_nothing_twice() {
    let h = harness(sim_config(400, 6)).await;
    let (from, to) = (day("2026-11-12"), day("2026-11-14"));
    let (expected, conversations) = h.ground_truth(from, to).await;
    assert!(
        conversations > 100 && expected.len() > 20,
        "a meaningful archive: {conversations}"
    );
    let app = h.app().await;
    let workers = h.workers(3, Duration::from_secs(60), 30).await;

    let run = h.mine(&app, from, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    let actual = counts_of(
        &app.aggregates
            .rows(from, to, MiningSource::Transcripts)
            .await
            .unwrap(),
    );
    assert!(
        actual == expected,
        "aggregates differ from the ground truth:\n{}",
        diff(&expected, &actual)
    );
    let rows = app
        .aggregates
        .rows(from, to, MiningSource::Transcripts)
        .await
        .unwrap();
    let any = h.ground_truth_any(from, to).await;
    assert!(
        any_counts_of(&rows) == any,
        "per product:\n{}",
        diff(&any, &any_counts_of(&rows))
    );
    assert_eq!(run.conversations_seen, conversations as u64);
    assert_eq!(
        run.mined + run.without_transcript,
        run.conversations_seen,
        "{run:#?}"
    );
    assert_eq!((run.failed, run.already_counted, run.slices_done), (0, 0, 3));
    // Days outside the window were not touched.
    assert!(
        app.aggregates
            .rows(day("2026-11-10"), day("2026-11-11"), MiningSource::Transcripts)
            .await
            .unwrap()
            .is_empty()
    );

    // The report: JSON, SVG and HTML in the bucket, and one POST to the dashboard.
    let folder = format!("reports/{to}/{}", run.run_id);
    let trend: serde_json::Value = serde_json::from_slice(
        &h.object(&format!("{folder}/trend.json"))
            .await
            .expect("trend.json"),
    )
    .unwrap();
    let total: u64 = expected.values().map(|(mentions, _)| mentions).sum();
    assert_eq!(trend["totals"]["mentions"], json!(total), "{}", trend["totals"]);
    assert_eq!(trend["source"], json!("transcripts"));
    assert!(h.object(&format!("{folder}/trend.svg")).await.is_some());
    let html = String::from_utf8(h.object("reports/latest/index.html").await.expect("latest html")).unwrap();
    assert!(html.contains("<svg"), "the chart is inline");
    let posted = h.dashboard_reports().await;
    assert_eq!(posted.len(), 1, "{posted:?}");
    assert_eq!(posted[0]["authorized"], json!(true));
    assert_eq!(
        run.report.as_ref().unwrap()["published"]["dashboard"]["outcome"],
        json!("delivered"),
        "{:?}",
        run.report
    );

    // Every batch delivered again: nothing changes, not even the run's counters.
    let batches: Vec<String> = h
        .delivered
        .lock()
        .unwrap()
        .iter()
        .filter(|body| matches!(MiningMessage::parse(body), Ok(MiningMessage::Batch(_))))
        .cloned()
        .collect();
    assert!(batches.len() >= 3, "{} batches", batches.len());
    let api_before =
        h.sim_stats().await["operations"]["getSpeechandtextanalyticsConversationCommunicationTranscripturl"]
            .clone();
    for body in &batches {
        h.send(body).await;
    }
    wait_until_drained(&h).await;
    let again = app.runs.get(&run.run_id).await.unwrap().unwrap();
    assert_eq!(
        (again.batches_done, again.mined, again.status),
        (run.batches_done, run.mined, run.status)
    );
    assert_eq!(
        counts_of(
            &app.aggregates
                .rows(from, to, MiningSource::Transcripts)
                .await
                .unwrap()
        ),
        expected
    );
    let api_after =
        h.sim_stats().await["operations"]["getSpeechandtextanalyticsConversationCommunicationTranscripturl"]
            .clone();
    assert_eq!(
        api_before, api_after,
        "counted conversations are not downloaded again"
    );

    // A re-run of the same window: a new run, every conversation already counted.
    let rerun = h.start_backfill(&app, from, to).await;
    assert_ne!(rerun.run_id, run.run_id);
    let rerun = h.wait_for_run(&app, &rerun.run_id, RUN_TIMEOUT).await;
    assert_eq!(
        counts_of(
            &app.aggregates
                .rows(from, to, MiningSource::Transcripts)
                .await
                .unwrap()
        ),
        expected
    );
    assert_eq!(rerun.mined, 0, "{rerun:#?}");
    assert_eq!(rerun.already_counted, run.mined);
    drop(workers);
}

async fn wait_until_drained(h: &Harness) {
    for _ in 0..240 {
        if h.queue_depth("MiningWorkQueue").await == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the mining-work queue did not drain");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_run_cut_short_and_crashed_resumes_with_the_same_counts() {
    // Small pages and a short invocation budget: the planner hands over to continuations.
    let h = harness_with(sim_config(600, 4), &[("WRAPUP_MINING_PAGE_SIZE", "15")]).await;
    let (from, to) = (day("2026-11-13"), day("2026-11-15"));
    let (expected, _) = h.ground_truth(from, to).await;
    h.set_faults(json!({"latencyMs": 15})).await;
    let app = h.app().await;
    let run = h.start_backfill(&app, from, to).await;

    // First sandboxes: 7 s invocations, then they all crash after a few batches.
    let first = h.workers(2, Duration::from_secs(7), 10).await;
    let started = std::time::Instant::now();
    loop {
        let current = app.runs.get(&run.run_id).await.unwrap().unwrap();
        if current.batches_done >= 3 {
            break;
        }
        assert!(started.elapsed() < RUN_TIMEOUT, "no progress: {current:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    first.crash();
    let halfway = app.runs.get(&run.run_id).await.unwrap().unwrap();
    assert!(
        halfway.status != RunStatus::Completed,
        "the crash must come before the end: {halfway:#?}"
    );

    // New sandboxes pick up what was in flight and what was never started.
    let second = h.workers(2, Duration::from_secs(8), 10).await;
    let run = h.wait_for_run(&app, &run.run_id, RUN_TIMEOUT).await;
    drop(second);
    let actual = counts_of(
        &app.aggregates
            .rows(from, to, MiningSource::Transcripts)
            .await
            .unwrap(),
    );
    assert!(
        actual == expected,
        "after the crash:\n{}",
        diff(&expected, &actual)
    );
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    assert_eq!(
        run.mined + run.without_transcript,
        run.conversations_seen,
        "{run:#?}"
    );
    let planned_in_more_than_one_go = h
        .delivered
        .lock()
        .unwrap()
        .iter()
        .filter(|b| matches!(MiningMessage::parse(b), Ok(MiningMessage::Plan { .. })))
        .count();
    assert!(
        planned_in_more_than_one_go >= 2,
        "planning continued in a later invocation"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn failed_and_expired_details_jobs_are_reported() {
    let h = harness(sim_config(60, 3)).await;
    let app = h.app().await;
    let _workers = h.workers(2, Duration::from_secs(30), 30).await;

    h.set_faults(json!({"jobOutcome": "failed"})).await;
    let (from, to) = (day("2026-11-14"), day("2026-11-15"));
    let run = h.mine(&app, from, to).await;
    assert_eq!(run.status, RunStatus::CompletedWithErrors, "{run:#?}");
    assert_eq!(run.slices_failed, 2);
    assert_eq!(run.job_failures.len(), 2);
    assert!(
        run.job_failures
            .iter()
            .all(|f| f.state == "FAILED" && f.message.contains("failed to complete"))
    );
    assert!(
        app.aggregates
            .rows(from, to, MiningSource::Transcripts)
            .await
            .unwrap()
            .is_empty()
    );
    let report = run.report.as_ref().expect("a report is still published");
    assert_eq!(report["jobFailures"].as_array().map(Vec::len), Some(2));

    h.set_faults(json!({"jobOutcome": "expired"})).await;
    let run = h.mine(&app, to, to).await;
    assert_eq!(run.status, RunStatus::CompletedWithErrors);
    assert_eq!(run.job_failures.len(), 1);
    assert_eq!(run.job_failures[0].state, "EXPIRED");
    assert!(
        run.job_failures[0].message.contains("gave up after 3 jobs"),
        "{:?}",
        run.job_failures
    );

    // One expired job, then Genesys is healthy again: the job is replaced and the day counted in full.
    h.set_faults(json!({"jobOutcome": "expired", "jobOutcomeCount": 1}))
        .await;
    let jobs_before = h.sim_stats().await["operations"]["postAnalyticsConversationsDetailsJobs"]
        .as_u64()
        .unwrap_or(0);
    let (expected, _) = h.ground_truth(to, to).await;
    let run = h.mine(&app, to, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    assert!(run.job_failures.is_empty());
    let jobs_after = h.sim_stats().await["operations"]["postAnalyticsConversationsDetailsJobs"]
        .as_u64()
        .unwrap_or(0);
    assert_eq!(jobs_after - jobs_before, 2, "the expired job was replaced once");
    assert_eq!(
        counts_of(
            &app.aggregates
                .rows(to, to, MiningSource::Transcripts)
                .await
                .unwrap()
        ),
        expected
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_schedule_mines_yesterday_once_and_media_filters_apply() {
    let h = harness(sim_config(200, 3)).await;
    let app = h.app().await;
    let _workers = h.workers(2, Duration::from_secs(30), 30).await;
    let scheduled = json!({
        "version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
        "source": "aws.events", "account": "123456789012", "time": "2026-11-16T02:30:00Z",
        "region": "us-east-1", "resources": ["arn:aws:events:us-east-1:123456789012:rule/wrapup-mining"],
        "detail": {}
    });
    let first = archive_miner::handle(&app, scheduled.clone(), &context(Duration::from_secs(30)))
        .await
        .unwrap();
    let second = archive_miner::handle(&app, scheduled, &context(Duration::from_secs(30)))
        .await
        .unwrap();
    assert_eq!(
        first["runId"], second["runId"],
        "a duplicate schedule delivery is the same run"
    );
    assert_eq!(first["from"], json!("2026-11-15"));
    let run_id = first["runId"].as_str().unwrap().to_owned();
    let run = h.wait_for_run(&app, &run_id, RUN_TIMEOUT).await;
    let (expected, _) = h.ground_truth(day("2026-11-15"), day("2026-11-15")).await;
    assert_eq!(
        counts_of(
            &app.aggregates
                .rows(day("2026-11-15"), day("2026-11-15"), MiningSource::Transcripts)
                .await
                .unwrap()
        ),
        expected
    );
    assert_eq!(run.status, RunStatus::Completed);

    // A voice-only backfill of another day counts only voice.
    let (from, to) = (day("2026-11-14"), day("2026-11-14"));
    let request = BackfillRequest {
        from,
        to,
        media_types: Some(vec![wrapup_genesys::models::MediaType::Voice]),
    };
    let run = archive_miner::backfill(&app, request).await.unwrap();
    h.wait_for_run(&app, &run.run_id, RUN_TIMEOUT).await;
    let (all, _) = h.ground_truth(from, to).await;
    let voice: Counts = all
        .into_iter()
        .filter(|((_, media, _, _), _)| media == "voice")
        .collect();
    assert!(!voice.is_empty());
    assert_eq!(
        counts_of(
            &app.aggregates
                .rows(from, to, MiningSource::Transcripts)
                .await
                .unwrap()
        ),
        voice
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn bad_backfills_are_refused_with_the_field() {
    let h = harness(sim_config(10, 2)).await;
    let app = h.app().await;
    for (event, field) in [
        (json!({"from": "2026-11-10", "to": "2026-11-01"}), "to"),
        (json!({"from": "2024-01-01", "to": "2026-11-01"}), "to"),
        (json!({"from": "2026-11-01"}), "to"),
        (json!({"from": "yesterday", "to": "2026-11-01"}), "from"),
        (
            json!({"from": "2026-11-01", "to": "2026-11-02", "mediaTypes": ["fax"]}),
            "fax",
        ),
        (
            json!({"from": "2026-11-01", "to": "2026-11-02", "window": 3}),
            "window",
        ),
        (json!({"hello": "world"}), "expected an SQS event"),
    ] {
        let err = archive_miner::handle(&app, event.clone(), &context(Duration::from_secs(10)))
            .await
            .unwrap_err();
        assert!(err.to_string().contains(field), "{event}: {err}");
    }
    assert_eq!(h.queue_depth("MiningWorkQueue").await, 0, "nothing was started");
}

/// The AWS example SQS event (spec/aws-lambda-events) carrying an unreadable body: it goes to
/// the DLQ at once with why, instead of coming back `maxReceiveCount` times.
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_unreadable_message_is_dead_lettered_at_once_with_why() {
    let h = harness(sim_config(10, 2)).await;
    let app = h.app().await;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../spec/aws-lambda-events/example-sqs-event.json"),
    )
    .unwrap();
    let mut event: serde_json::Value = serde_json::from_str(&text).unwrap();
    event["Records"][0]["body"] = json!(r#"{"type": "mine-everything", "version": 7}"#);
    let answer = archive_miner::handle(&app, event, &context(Duration::from_secs(10)))
        .await
        .unwrap();
    assert_eq!(answer["batchItemFailures"], json!([]), "{answer}");
    assert_eq!(h.queue_depth("MiningWorkDLQ").await, 1);
    let letters = h
        .sqs
        .receive_message()
        .queue_url(&h.queues["MiningWorkDLQ"])
        .message_attribute_names("All")
        .send()
        .await
        .unwrap();
    let letter = &letters.messages()[0];
    assert_eq!(
        letter.body(),
        Some(r#"{"type": "mine-everything", "version": 7}"#)
    );
    let attributes = letter.message_attributes().unwrap();
    let reason = attributes["wrapupDeadLetterReason"].string_value().unwrap();
    assert!(reason.starts_with("unreadable mining-work message"), "{reason}");
}
