//! `make bench`: requests per second through the summary-api handler (API Gateway v2 events,
//! real pipeline) against the local simulator and moto, on this machine. Run under
//! `scripts/with-moto.sh` (as `make bench` does).

#[path = "../tests/it/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use hdrhistogram::Histogram;
use serde_json::json;

const CONVERSATIONS: usize = 20;
const REQUESTS: usize = 400;
const IN_FLIGHT: usize = 8;

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let sim = genesys_sim::SimConfig {
        rate_limit_per_minute: 1_000_000,
        ..Default::default()
    };
    let h = Arc::new(
        harness(Options {
            sim: Some(sim),
            ..Options::default()
        })
        .await,
    );
    let ids: Vec<String> = (0..CONVERSATIONS)
        .map(|i| format!("c0c0c0c0-0000-4000-8000-{i:012}"))
        .collect();
    for id in &ids {
        h.load(conversation(
            id,
            if id.ends_with('1') { "chat" } else { "voice" },
            &ROUTER_CALL,
        ))
        .await;
    }
    // Fresh computations: every request has its own case id (no replay).
    let fresh = measure(&h, &ids, |i| format!("BENCH-{i}")).await?;
    // Replays: the same requests again, answered from the summary table.
    let replay = measure(&h, &ids, |i| format!("BENCH-{i}")).await?;
    println!(
        "| through the handler ({IN_FLIGHT} in flight, extractive, 2 worker threads) | requests/s | p50 | p99 |"
    );
    println!("| --- | ---: | ---: | ---: |");
    for (name, (rps, p50, p99)) in [
        ("new summary (Genesys + DynamoDB + SQS)", fresh),
        ("idempotent replay", replay),
    ] {
        println!("| {name} | {rps:.0} | {p50:.1} ms | {p99:.1} ms |");
    }
    Ok(())
}

async fn measure(
    h: &Arc<Harness>,
    ids: &[String],
    case: impl Fn(usize) -> String,
) -> anyhow::Result<(f64, f64, f64)> {
    let started = Instant::now();
    let mut latencies = Histogram::<u64>::new(3)?;
    let mut in_flight = tokio::task::JoinSet::new();
    for i in 0..REQUESTS {
        if in_flight.len() >= IN_FLIGHT {
            let (status, took): (u16, Duration) = in_flight.join_next().await.expect("a task")?;
            anyhow::ensure!(status == 200, "HTTP {status}");
            latencies.record(took.as_micros() as u64)?;
        }
        let h = Arc::clone(h);
        let body = json!({"conversationId": ids[i % ids.len()], "caseId": case(i), "source": "extractive"});
        in_flight.spawn(async move {
            let t = Instant::now();
            let answer = h.post(body).await;
            (answer.status, t.elapsed())
        });
    }
    while let Some(done) = in_flight.join_next().await {
        let (status, took) = done?;
        anyhow::ensure!(status == 200, "HTTP {status}");
        latencies.record(took.as_micros() as u64)?;
    }
    let rps = REQUESTS as f64 / started.elapsed().as_secs_f64();
    Ok((
        rps,
        latencies.value_at_quantile(0.5) as f64 / 1000.0,
        latencies.value_at_quantile(0.99) as f64 / 1000.0,
    ))
}
