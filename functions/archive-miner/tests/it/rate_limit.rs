//! A run over a few thousand conversations under the simulator's rate limit: no 429 storm, and
//! at least 80% of the allowed request rate used by all sandboxes together.

use crate::common;

use std::time::{Duration, Instant};

use common::*;
use genesys_sim::SimConfig;
use wrapup_mining::{MiningSource, RunStatus};

const TRANSCRIPT_URL: &str = "getSpeechandtextanalyticsConversationCommunicationTranscripturl";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_large_run_uses_the_rate_limit_without_a_429_storm() {
    // 300 requests per 10 s window: 30 requests/s shared by every sandbox.
    let allowed = 300u32;
    let window = 10u64;
    let sim = SimConfig {
        rate_limit_per_minute: allowed,
        rate_limit_window_secs: window,
        ..sim_config(2000, 2)
    };
    let h = harness(sim).await;
    let (from, to) = (day("2026-11-14"), day("2026-11-15"));
    let (expected, conversations) = h.ground_truth(from, to).await;
    assert!(
        conversations >= 1800,
        "a few thousand conversations: {conversations}"
    );
    let app = h.app().await;
    let workers = h.workers(8, Duration::from_secs(60), 60).await;
    let run = h.start_backfill(&app, from, to).await;

    // Sample the simulator's request counter while the transcripts are being fetched.
    let mut first: Option<(Instant, u64)> = None;
    let mut last: Option<(Instant, u64)> = None;
    let started = Instant::now();
    let run = loop {
        let stats = h.sim_stats().await;
        let fetched = stats["operations"][TRANSCRIPT_URL].as_u64().unwrap_or(0);
        let total = stats["totalApiRequests"].as_u64().unwrap_or(0);
        if fetched > 0 {
            let now = (Instant::now(), total);
            first.get_or_insert(now);
            if fetched < conversations as u64 {
                last = Some(now);
            }
        }
        let current = app.runs.get(&run.run_id).await.unwrap().unwrap();
        if matches!(
            current.status,
            RunStatus::Completed | RunStatus::CompletedWithErrors
        ) {
            break current;
        }
        assert!(
            started.elapsed() < Duration::from_secs(240),
            "run too slow: {current:#?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    drop(workers);
    let stats = h.sim_stats().await;
    let (Some((t0, n0)), Some((t1, n1))) = (first, last) else {
        panic!("no transcript requests seen: {stats}");
    };
    let seconds = t1.duration_since(t0).as_secs_f64();
    let achieved = (n1 - n0) as f64 / seconds;
    let limit = f64::from(allowed) / window as f64;
    let rate_limited = stats["rateLimited"].as_u64().unwrap_or(0);
    println!(
        "mining: {} requests in {seconds:.1} s = {achieved:.1}/s of {limit:.1}/s allowed ({:.0}%); 429s: {rate_limited}; run: {:?}",
        n1 - n0,
        100.0 * achieved / limit,
        run.status
    );
    assert!(rate_limited <= 5, "a 429 storm: {rate_limited}");
    assert!(achieved >= 0.8 * limit, "used {achieved:.1}/s of {limit:.1}/s");
    assert!(
        achieved <= 1.05 * limit,
        "over the limit: {achieved:.1}/s of {limit:.1}/s"
    );
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    let actual = counts_of(
        &app.aggregates
            .rows(from, to, MiningSource::Transcripts)
            .await
            .unwrap(),
    );
    assert!(actual == expected, "{}", diff(&expected, &actual));
}
