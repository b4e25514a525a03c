//! The fast tier of archive mining: the handler on memory stores, queues and reports and an
//! in-memory Genesys holding the simulator's seeded archive. Exact counts against the planted
//! mentions, nothing counted twice, Genesys faults retried.

use crate::common;

use common::*;
use serde_json::json;
use wrapup_genesys::Fault;
use wrapup_mining::RunStatus;

const TRANSCRIPT_URL: &str = "getSpeechandtextanalyticsConversationCommunicationTranscripturl";

#[tokio::test]
async fn mines_exactly_the_planted_mentions_and_counts_nothing_twice() {
    let mut h = memory_miner(sim_config(240, 4), &[]);
    let (from, to) = (day("2026-11-13"), day("2026-11-14"));
    let (expected, conversations) = h.ground_truth(from, to);
    assert!(
        conversations > 60 && expected.len() > 20,
        "a meaningful archive: {conversations}"
    );

    let run = h.mine(from, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    let (actual, actual_any) = h.mined(from, to).await;
    assert!(
        actual == expected,
        "aggregates differ from the ground truth:\n{}",
        diff(&expected, &actual)
    );
    let any = h.ground_truth_any(from, to);
    assert!(actual_any == any, "per product:\n{}", diff(&any, &actual_any));
    assert_eq!(run.conversations_seen, conversations as u64);
    assert_eq!(
        run.mined + run.without_transcript,
        run.conversations_seen,
        "{run:#?}"
    );
    assert_eq!((run.failed, run.already_counted, run.slices_done), (0, 0, 2));
    let outside = h.mined(day("2026-11-10"), day("2026-11-12")).await;
    assert!(
        outside.0.is_empty() && outside.1.is_empty(),
        "days outside the window are not touched"
    );

    // The report: JSON with the same totals, the chart, the latest page.
    let folder = format!("reports/{to}/{}", run.run_id);
    let keys = h.reports.keys();
    let trend_key = keys
        .iter()
        .find(|k| k.ends_with(&format!("{folder}/trend.json")))
        .expect("trend.json");
    let trend: serde_json::Value = serde_json::from_slice(&h.reports.object(trend_key).unwrap()).unwrap();
    let total: u64 = expected.values().map(|(mentions, _)| mentions).sum();
    assert_eq!(trend["totals"]["mentions"], json!(total), "{}", trend["totals"]);
    assert!(
        keys.iter().any(|k| k.ends_with(&format!("{folder}/trend.svg"))),
        "{keys:?}"
    );
    assert!(
        keys.iter().any(|k| k.ends_with("reports/latest/index.html")),
        "{keys:?}"
    );

    // Every batch delivered again: nothing changes, and nothing is downloaded again.
    let downloads = h.genesys.calls(TRANSCRIPT_URL);
    let redelivered = h.redeliver_batches().await;
    assert!(redelivered >= 2, "{redelivered} batches");
    let again = h.app.runs.get(&run.run_id).await.unwrap().unwrap();
    assert_eq!(
        (again.batches_done, again.mined, again.status),
        (run.batches_done, run.mined, run.status)
    );
    assert_eq!(h.mined(from, to).await.0, expected);
    assert_eq!(
        h.genesys.calls(TRANSCRIPT_URL),
        downloads,
        "counted conversations are not downloaded again"
    );

    // A re-run of the same window: a new run, every conversation already counted.
    let rerun = h.mine(from, to).await;
    assert_ne!(rerun.run_id, run.run_id);
    assert_eq!(rerun.status, RunStatus::Completed, "{rerun:#?}");
    assert_eq!((rerun.mined, rerun.already_counted), (0, run.mined), "{rerun:#?}");
    assert_eq!(h.mined(from, to).await.0, expected);
}

#[tokio::test]
async fn genesys_outages_are_retried_and_the_counts_stay_exact() {
    let mut h = memory_miner(sim_config(160, 3), &[]);
    let (from, to) = (day("2026-11-14"), day("2026-11-15"));
    let (expected, _) = h.ground_truth(from, to);
    // A failed planning attempt must free the run for its retry (another invocation): before
    // it did, the retry found the run "busy", was dropped, and the run stayed planning.
    h.genesys
        .fail_next("postAnalyticsConversationsDetailsJobs", Fault::Status(503), 1);
    h.genesys.fail_next(TRANSCRIPT_URL, Fault::Status(503), 3);
    h.genesys
        .fail_next("getAnalyticsConversationsDetailsJobResults", Fault::Timeout, 1);
    let run = h.mine(from, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    assert_eq!(run.failed, 0, "{run:#?}");
    let (actual, _) = h.mined(from, to).await;
    assert!(
        actual == expected,
        "after the outages:\n{}",
        diff(&expected, &actual)
    );
    assert!(h.dead_letters.sent().is_empty());
}

#[tokio::test]
async fn conversations_that_never_download_are_dead_lettered_and_the_run_ends_with_errors() {
    let mut h = memory_miner(sim_config(120, 2), &[]);
    let (from, to) = (day("2026-11-15"), day("2026-11-15"));
    // Every transcript request fails for good: each batch gives up on its last attempt.
    h.genesys.fail_next(TRANSCRIPT_URL, Fault::Status(500), 100_000);
    let run = h.mine(from, to).await;
    assert!(run.failed > 0, "{run:#?}");
    assert_eq!(run.mined, 0, "{run:#?}");
    assert!(
        !h.dead_letters.sent().is_empty(),
        "failed conversations are kept for replay"
    );
    assert!(run.had_errors(), "{run:#?}");
}
