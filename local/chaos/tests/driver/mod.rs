//! Drives one soak: the CRM's clients, the two event source mappings, the simulated clock, the
//! faults; then reads back what every request became and what the CRM received.

#[cfg(test)]
mod backstop;
mod checks;
mod plans;
pub mod traffic;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{Context, LambdaEvent};
use serde_json::{Value, json};
use tokio::task::JoinSet;
use wrapup_chaos::{Invocation, SimQueue, Stores, World};

pub use checks::Report;
use plans::{Flow, Planner};
use traffic::Client;

/// One soak's parameters.
pub struct Soak {
    pub label: &'static str,
    pub requests: usize,
    pub seed: u64,
    pub stores: Stores,
    /// How long the CRM is down, in simulated minutes ([`OUTAGE_MINUTES`] for the full soaks).
    pub outage_minutes: u64,
}

/// Genesys faults on every API request, and CRM 5xx on writes.
const GENESYS_429: f64 = 0.05;
const GENESYS_5XX: f64 = 0.05;
const CRM_5XX: f64 = 0.05;
/// The Genesys operations the functions call, each failed in turn (one in every
/// `GENESYS_TURN_EVERY` API invocations), alternately with a 503 and a 429.
const GENESYS_OPERATIONS: [&str; 7] = [
    "oauthToken",
    "getAnalyticsConversationDetails",
    "getSpeechandtextanalyticsConversationCommunicationTranscripturls",
    "getSpeechandtextanalyticsConversationCommunicationTranscripturl",
    "transcriptDocument",
    "getConversationSummaries",
    "postIntegrationsActionExecute",
];
const GENESYS_TURN_EVERY: u64 = 5;
/// The CRM goes down one simulated minute in, for 30 minutes in the full soaks (fewer in the
/// fast tier's: the same backoff and redelivery, fewer turns of it).
const OUTAGE_START_MS: u64 = 60_000;
pub const OUTAGE_MINUTES: u64 = 30;
/// Each loop turn is one simulated second.
const TICK_MS: u64 = 1_000;
/// At most this much real time, whatever happens.
const REAL_TIME_LIMIT: Duration = Duration::from_secs(170);

/// What one invocation came back with.
enum Outcome {
    Api {
        client: usize,
        status: Option<u16>,
    },
    Batch {
        queue: &'static str,
        receipts: Vec<(String, String)>,
        failed: Option<Vec<String>>,
    },
}

/// Counters for the report.
#[derive(Debug, Default)]
pub struct Counters {
    /// Simulated minutes the CRM was down.
    pub outage_minutes: u64,
    pub api_invocations: u64,
    pub job_batches: u64,
    pub crm_batches: u64,
    pub planned_faults: u64,
    /// Genesys operations failed in turn (besides the random 429/5xx).
    pub genesys_in_turn: u64,
    pub crashed_invocations: u64,
    pub panics: u64,
    pub statuses: BTreeMap<u16, u64>,
}

fn lambda_context() -> Context {
    let mut context = Context::default();
    context.deadline = (chrono::Utc::now() + chrono::Duration::seconds(30)).timestamp_millis() as u64;
    context.request_id = uuid::Uuid::new_v4().to_string();
    context
}

async fn sim_faults(base: &str, faults: Value) {
    let response = reqwest::Client::new()
        .post(format!("{base}/_sim/faults"))
        .json(&faults)
        .send()
        .await
        .expect("simulator faults");
    assert!(
        response.status().is_success(),
        "{}",
        response.text().await.unwrap_or_default()
    );
}

/// Genesys 429/5xx on every API request and CRM 5xx on every write, at random.
fn steady_faults() -> Value {
    json!({"rate429": GENESYS_429, "status5xx": GENESYS_5XX, "status5xxCode": 503, "retryAfterSecs": 0,
           "crm": {"rate": CRM_5XX, "status": 503}})
}

fn receipts(event: &SqsEvent) -> Vec<(String, String)> {
    event
        .records
        .iter()
        .map(|r| {
            (
                r.message_id.clone().unwrap_or_default(),
                r.receipt_handle.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// Whether every message of a batch has been received at most `receives` times: faults are
/// planned only there, so injected ones never add up to a queue's redrive limit.
fn fresh(event: &SqsEvent, receives: u32) -> bool {
    event
        .records
        .iter()
        .all(|r| wrapup_lambda_kit::receive_count(r) <= receives)
}

fn failures(response: &SqsBatchResponse) -> Vec<String> {
    response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.clone())
        .collect()
}

pub async fn run(soak: Soak) -> Report {
    // `RUST_LOG=warn` shows what the functions log (each message's span names its id).
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_default_env() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_test_writer()
            .try_init();
    }
    let started = Instant::now();
    let config = genesys_sim::SimConfig {
        rate_limit_per_minute: 1_000_000,
        ..genesys_sim::SimConfig::default()
    };
    let sim = genesys_sim::start(config, 0).await.expect("simulator");
    let base = sim.base_url.clone();
    let specs = traffic::load(&base, soak.label, soak.requests).await;
    sim_faults(&base, steady_faults()).await;
    let world = Arc::new(World::build(&base, soak.stores).await.expect("the functions"));
    let mut planner = Planner::new(soak.seed);
    let mut clients = traffic::clients(&specs, planner.rng());
    let mut counters = Counters {
        outage_minutes: soak.outage_minutes,
        ..Counters::default()
    };
    let mut outage = (false, false); // (started, over)
    let outage_end = OUTAGE_START_MS + soak.outage_minutes * 60_000;

    loop {
        let now = world.clock.now_ms();
        if !outage.0 && now >= OUTAGE_START_MS {
            sim_faults(&base, json!({"crm": {"failNext": 1_000_000, "status": 503}})).await;
            outage.0 = true;
        }
        if outage.0 && !outage.1 && now >= outage_end {
            let mut faults = steady_faults();
            faults["reset"] = json!(true);
            sim_faults(&base, faults).await;
            outage.1 = true;
        }
        let mut tasks = JoinSet::new();
        let mut planned = Vec::new();
        for (index, client) in clients.iter_mut().enumerate().filter(|(_, c)| c.due(now)).take(8) {
            client.attempts += 1;
            let invocation = Invocation::new(planner.plan(Flow::Request, client.attempts <= 3));
            planned.push((Flow::Request, Arc::clone(&invocation)));
            counters.planned_faults += u64::from(invocation.planned());
            counters.api_invocations += 1;
            if counters.api_invocations.is_multiple_of(GENESYS_TURN_EVERY) {
                let turn = counters.genesys_in_turn as usize;
                let operation = GENESYS_OPERATIONS[turn % GENESYS_OPERATIONS.len()];
                let status = if (turn / GENESYS_OPERATIONS.len()).is_multiple_of(2) {
                    503
                } else {
                    429
                };
                let rule = json!({"operation": operation, "status": status, "retryAfterSecs": 0});
                sim_faults(&base, json!({"failNext": [rule]})).await;
                counters.genesys_in_turn += 1;
            }
            let event = traffic::post_event(&specs[client.request], &client.caller);
            let world = Arc::clone(&world);
            tasks.spawn(async move {
                let answer = invocation
                    .run(summary_api::dispatch(
                        &world.api,
                        LambdaEvent::new(event, lambda_context()),
                    ))
                    .await;
                let status =
                    answer.map(|a| a.map_or(500, |v| v["statusCode"].as_u64().unwrap_or(500) as u16));
                Outcome::Api {
                    client: index,
                    status,
                }
            });
        }
        for _ in 0..2 {
            let event = world.jobs.receive(5);
            if event.records.is_empty() {
                break;
            }
            counters.job_batches += 1;
            let flow = Flow::Jobs(event.records.len());
            let invocation = Invocation::new(planner.plan(flow, fresh(&event, 2)));
            planned.push((flow, Arc::clone(&invocation)));
            counters.planned_faults += u64::from(invocation.planned());
            let world = Arc::clone(&world);
            let receipts = receipts(&event);
            tasks.spawn(async move {
                let payload = serde_json::to_value(&event).expect("an SQS event");
                let answer = invocation
                    .run(summary_api::dispatch(
                        &world.api,
                        LambdaEvent::new(payload, lambda_context()),
                    ))
                    .await;
                let failed = answer.map(|a| {
                    let response: SqsBatchResponse = a
                        .ok()
                        .and_then(|v| serde_json::from_value(v).ok())
                        .unwrap_or_default();
                    failures(&response)
                });
                Outcome::Batch {
                    queue: "summary-jobs",
                    receipts,
                    failed,
                }
            });
        }
        for _ in 0..2 {
            let event = world.crm.receive(10);
            if event.records.is_empty() {
                break;
            }
            counters.crm_batches += 1;
            let flow = Flow::Crm(event.records.len());
            let invocation = Invocation::new(planner.plan(flow, fresh(&event, 3)));
            planned.push((flow, Arc::clone(&invocation)));
            counters.planned_faults += u64::from(invocation.planned());
            let world = Arc::clone(&world);
            let receipts = receipts(&event);
            tasks.spawn(async move {
                let answer = invocation
                    .run(crm_sync::handle_batch(&world.sync, event, &lambda_context()))
                    .await;
                Outcome::Batch {
                    queue: "crm-sync",
                    receipts,
                    failed: answer.as_ref().map(failures),
                }
            });
        }
        if tasks.is_empty() {
            let waiting = clients.iter().filter_map(Client::waiting_until).min();
            let visible = [world.jobs.next_visible_at(), world.crm.next_visible_at()]
                .into_iter()
                .flatten()
                .min();
            match waiting.into_iter().chain(visible).min() {
                Some(next) => world.clock.advance_to(next.max(now + TICK_MS)),
                None if outage.0 && !outage.1 => world.clock.advance_to(outage_end),
                None => break,
            }
            continue;
        }
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Err(error) if error.is_panic() => counters.panics += 1,
                Err(error) => panic!("a task was cancelled: {error}"),
                Ok(Outcome::Api { client, status }) => {
                    let answered = clients[client].answer(status, now);
                    counters.crashed_invocations += u64::from(status.is_none());
                    if let Some(status) = answered {
                        *counters.statuses.entry(status).or_default() += 1;
                    }
                }
                Ok(Outcome::Batch {
                    queue,
                    receipts,
                    failed,
                }) => {
                    let Some(failed) = failed else {
                        counters.crashed_invocations += 1;
                        continue;
                    };
                    let queue: &SimQueue = if queue == "crm-sync" {
                        &world.crm
                    } else {
                        &world.jobs
                    };
                    for (_, receipt) in receipts.iter().filter(|(id, _)| !failed.contains(id)) {
                        queue.delete(receipt);
                    }
                }
            }
        }
        for (flow, invocation) in planned {
            planner.settle(flow, invocation.plan(), invocation.fired());
        }
        world.clock.advance_to(now + TICK_MS);
        assert!(
            started.elapsed() < REAL_TIME_LIMIT,
            "the soak ran out of time: {counters:?}"
        );
    }
    checks::report(
        soak.label,
        &world,
        &base,
        &specs,
        &clients,
        counters,
        started.elapsed(),
    )
    .await
}
