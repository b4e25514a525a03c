//! Test harness: the real archive-miner handler against the simulator and moto (tables, queues and
//! the reports bucket of template.yaml), with several pollers standing in for Lambda concurrency.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use archive_miner::{App, FunctionConfig};
use chrono::NaiveDate;
use genesys_sim::{SimConfig, SimHandle};
use lambda_runtime::Context as LambdaContext;
use serde_json::Value;
use tokio::task::JoinHandle;
use wrapup_mining::{AggregateRow, BackfillRequest, RunRecord, RunStatus, Speaker};
use wrapup_testkit::{LocalAws, MotoStack, PollerOptions, poll};

mod memory;
mod mentions;
#[allow(unused_imports)]
pub use memory::{MemoryMiner, memory_miner};
#[allow(unused_imports)]
pub use mentions::{
    any_counts_of_rows, assert_no_transcript_text, counts_of_rows, rows_of_files, transcript_phrases,
};

/// (date, media type, product, speaker) -> (mentions, conversations)
pub type Counts = BTreeMap<(NaiveDate, String, String, String), (u64, u64)>;

pub const ANCHOR: &str = "2026-11-16";

pub struct Harness {
    pub sim: SimHandle,
    pub aws: LocalAws,
    pub stack: String,
    pub queues: BTreeMap<String, String>,
    pub bucket: String,
    pub sqs: aws_sdk_sqs::Client,
    pub s3: aws_sdk_s3::Client,
    pub env: BTreeMap<String, String>,
    /// Every mining-work body the pollers handed to the function, in order.
    pub delivered: Arc<Mutex<Vec<String>>>,
    /// The EMF lines every sandbox of the harness wrote.
    pub metric_lines: Arc<wrapup_metrics::MemorySink>,
}

pub fn anchor() -> NaiveDate {
    ANCHOR.parse().expect("anchor date")
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

pub async fn harness(sim: SimConfig) -> Harness {
    harness_with(sim, &[]).await
}

pub async fn harness_with(sim: SimConfig, overrides: &[(&str, &str)]) -> Harness {
    let window = sim.rate_limit_window_secs;
    let sim = genesys_sim::start(sim, 0).await.expect("simulator");
    let aws = LocalAws::from_env().expect("moto (run under scripts/with-moto.sh)");
    let sqs = aws.sqs_client().await;
    let s3 = aws.s3_client().await;
    let created = MotoStack::create_unique(&aws, "mine")
        .await
        .expect("the stack in moto");
    let bucket = created
        .buckets
        .get("ReportsBucket")
        .cloned()
        .expect("template.yaml has a ReportsBucket");
    // The deployed function's environment (template.yaml), against the simulator (Genesys and
    // the dashboard), with short retry delays.
    let local = [
        ("GENESYS_RETRY_BASE_MS", "20".to_owned()),
        ("GENESYS_RETRY_MAX_MS", "200".to_owned()),
        ("GENESYS_RATE_LIMIT_WINDOW_SECS", window.to_string()),
        (
            "WRAPUP_DASHBOARD_URL",
            format!("{}/_sim/dashboard/reports", sim.base_url),
        ),
        ("WRAPUP_DASHBOARD_TOKEN", "local-dashboard-token".to_owned()),
        ("WRAPUP_MINING_HANDOVER_RESERVE_MS", "2000".to_owned()),
    ];
    let overrides = overrides.iter().map(|(name, value)| (*name, (*value).to_owned()));
    let env = created
        .function_env(
            "ArchiveMinerFunction",
            &sim.base_url,
            local.into_iter().chain(overrides),
        )
        .expect("the function's environment from template.yaml");
    Harness {
        sim,
        aws,
        stack: created.name.clone(),
        queues: created.queues.clone(),
        bucket,
        sqs,
        s3,
        env,
        delivered: Arc::new(Mutex::new(Vec::new())),
        metric_lines: Arc::default(),
    }
}

impl Harness {
    pub fn config(&self) -> FunctionConfig {
        FunctionConfig::from_lookup(|name| self.env.get(name).cloned()).expect("configuration")
    }

    /// A new "sandbox": its own clients, token cache and rate budget handle.
    pub async fn app(&self) -> App {
        App::from_config(self.config(), &self.aws.sdk_config().await)
            .await
            .expect("app")
            .with_metrics(wrapup_metrics::Metrics::new(
                archive_miner::metrics::FUNCTION_NAME,
                self.metric_lines.clone(),
            ))
    }

    /// `count` concurrent sandboxes draining the mining-work queue; each invocation gets
    /// `budget` before its deadline. Messages a crashed sandbox held come back after `visibility`.
    pub async fn workers(&self, count: usize, budget: Duration, visibility: i32) -> Workers {
        let mut tasks = Vec::new();
        for _ in 0..count {
            let app = Arc::new(self.app().await);
            let delivered = Arc::clone(&self.delivered);
            let handler = move |event: Value| {
                let app = Arc::clone(&app);
                let delivered = Arc::clone(&delivered);
                async move {
                    if let Some(records) = event["Records"].as_array() {
                        let mut seen = delivered.lock().unwrap_or_else(|p| p.into_inner());
                        seen.extend(
                            records
                                .iter()
                                .filter_map(|r| r["body"].as_str().map(str::to_owned)),
                        );
                    }
                    archive_miner::handle(&app, event, &context(budget))
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))
                }
            };
            let options = PollerOptions {
                batch_size: 5,
                visibility_timeout: Some(visibility),
                wait: Duration::from_secs(1),
            };
            tasks.push(tokio::spawn(poll(
                self.sqs.clone(),
                self.queues["MiningWorkQueue"].clone(),
                options,
                handler,
            )));
        }
        Workers { tasks }
    }

    /// Starts a backfill of `from..=to` (all media types) and returns its run record as started.
    pub async fn start_backfill(&self, app: &App, from: NaiveDate, to: NaiveDate) -> RunRecord {
        let request = BackfillRequest {
            from,
            to,
            media_types: None,
        };
        archive_miner::backfill(app, request).await.expect("backfill")
    }

    /// A backfill of `from..=to`, waited for until it completes.
    pub async fn mine(&self, app: &App, from: NaiveDate, to: NaiveDate) -> RunRecord {
        let run = self.start_backfill(app, from, to).await;
        self.wait_for_run(app, &run.run_id, Duration::from_secs(120))
            .await
    }

    /// Waits until the run is completed (with or without errors) and returns it.
    pub async fn wait_for_run(&self, app: &App, run_id: &str, timeout: Duration) -> RunRecord {
        let started = Instant::now();
        loop {
            let run = app
                .runs
                .get(run_id)
                .await
                .expect("run store")
                .expect("run exists");
            if matches!(run.status, RunStatus::Completed | RunStatus::CompletedWithErrors) {
                return run;
            }
            assert!(
                started.elapsed() < timeout,
                "run {run_id} not completed after {timeout:?}: {run:#?}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Per (date, media, product): mentions by anyone and conversations with at least one, as the
    /// simulator planted them.
    pub async fn ground_truth_any(&self, from: NaiveDate, to: NaiveDate) -> Counts {
        any_counts_in(&self.truth(from, to).await)
    }

    /// The simulator's planted mentions for the UTC days `from..=to`, as aggregates.
    pub async fn ground_truth(&self, from: NaiveDate, to: NaiveDate) -> (Counts, usize) {
        counts_in(&self.truth(from, to).await)
    }

    async fn truth(&self, from: NaiveDate, to: NaiveDate) -> Value {
        let url = format!("{}/_sim/ground-truth?from={from}&to={to}", self.sim.base_url);
        reqwest::get(url)
            .await
            .expect("ground truth")
            .json()
            .await
            .expect("json")
    }

    pub async fn sim_stats(&self) -> Value {
        reqwest::get(format!("{}/_sim/stats", self.sim.base_url))
            .await
            .expect("stats")
            .json()
            .await
            .expect("json")
    }

    pub async fn set_faults(&self, faults: Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/_sim/faults", self.sim.base_url))
            .json(&faults)
            .send()
            .await
            .expect("faults");
        assert!(
            response.status().is_success(),
            "faults: {}",
            response.text().await.unwrap_or_default()
        );
    }

    pub async fn dashboard_reports(&self) -> Vec<Value> {
        reqwest::get(format!("{}/_sim/dashboard/reports", self.sim.base_url))
            .await
            .expect("dashboard log")
            .json()
            .await
            .expect("json")
    }

    pub async fn object(&self, key: &str) -> Option<Vec<u8>> {
        let object = self
            .s3
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .ok()?;
        Some(object.body.collect().await.ok()?.into_bytes().to_vec())
    }

    /// Sends a body to the mining-work queue (as a redelivery or an operator would).
    pub async fn send(&self, body: &str) {
        self.sqs
            .send_message()
            .queue_url(&self.queues["MiningWorkQueue"])
            .message_body(body)
            .send()
            .await
            .expect("send");
    }

    /// Messages waiting or in flight on a queue.
    pub async fn queue_depth(&self, logical_id: &str) -> u64 {
        let attributes = self
            .sqs
            .get_queue_attributes()
            .queue_url(&self.queues[logical_id])
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::All)
            .send()
            .await
            .expect("queue attributes");
        let number = |name: aws_sdk_sqs::types::QueueAttributeName| {
            attributes
                .attributes()
                .and_then(|a| a.get(&name))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        number(aws_sdk_sqs::types::QueueAttributeName::ApproximateNumberOfMessages)
            + number(aws_sdk_sqs::types::QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
    }
}

/// Per (date, media, product): mentions by anyone and conversations with at least one, in the
/// simulator's ground truth (`/_sim/ground-truth`).
pub fn any_counts_in(truth: &Value) -> Counts {
    let mut counts = Counts::new();
    for conversation in truth.as_array().expect("a list") {
        let date = day(conversation["date"].as_str().expect("date"));
        let media = conversation["mediaType"].as_str().expect("mediaType").to_owned();
        let mut per_product: BTreeMap<String, u64> = BTreeMap::new();
        for mention in conversation["mentions"].as_array().into_iter().flatten() {
            *per_product
                .entry(mention["productId"].as_str().expect("id").to_owned())
                .or_default() += mention["count"].as_u64().expect("count");
        }
        for (product, mentions) in per_product.into_iter().filter(|(_, m)| *m > 0) {
            let entry = counts
                .entry((date, media.clone(), product, "any".to_owned()))
                .or_default();
            entry.0 += mentions;
            entry.1 += 1;
        }
    }
    counts
}

/// The planted mentions of the simulator's ground truth as per-speaker aggregates, and how many
/// conversations it holds.
pub fn counts_in(truth: &Value) -> (Counts, usize) {
    let conversations = truth.as_array().expect("a list");
    let mut counts = Counts::new();
    for conversation in conversations {
        let date = day(conversation["date"].as_str().expect("date"));
        let media = conversation["mediaType"].as_str().expect("mediaType").to_owned();
        for mention in conversation["mentions"].as_array().into_iter().flatten() {
            let count = mention["count"].as_u64().expect("count");
            if count == 0 {
                continue;
            }
            let key = (
                date,
                media.clone(),
                mention["productId"].as_str().expect("productId").to_owned(),
                mention["speaker"].as_str().expect("speaker").to_owned(),
            );
            let entry = counts.entry(key).or_default();
            entry.0 += count;
            entry.1 += 1;
        }
    }
    (counts, conversations.len())
}

/// The per-speaker aggregates the miner wrote, in the ground truth's shape.
pub fn counts_of(rows: &[AggregateRow]) -> Counts {
    rows.iter()
        .filter(|r| r.speaker != Speaker::Any)
        .map(|r| {
            (
                (
                    r.date,
                    r.media_type.clone(),
                    r.product_id.clone(),
                    r.speaker.as_str().to_owned(),
                ),
                (r.mentions, r.conversations),
            )
        })
        .collect()
}

/// The [`Speaker::Any`] aggregates the miner wrote.
pub fn any_counts_of(rows: &[AggregateRow]) -> Counts {
    rows.iter()
        .filter(|r| r.speaker == Speaker::Any)
        .map(|r| {
            (
                (
                    r.date,
                    r.media_type.clone(),
                    r.product_id.clone(),
                    "any".to_owned(),
                ),
                (r.mentions, r.conversations),
            )
        })
        .collect()
}

/// Explains the first differences between two count maps.
pub fn diff(expected: &Counts, actual: &Counts) -> String {
    let mut lines = Vec::new();
    for (key, value) in expected {
        if actual.get(key) != Some(value) {
            lines.push(format!("{key:?}: expected {value:?}, got {:?}", actual.get(key)));
        }
    }
    for (key, value) in actual {
        if !expected.contains_key(key) {
            lines.push(format!("{key:?}: unexpected {value:?}"));
        }
    }
    lines.truncate(15);
    lines.join("\n")
}

pub struct Workers {
    tasks: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Stops every sandbox at once, mid-batch or not: a crash.
    pub fn crash(self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

pub fn context(budget: Duration) -> LambdaContext {
    let mut context = LambdaContext::default();
    context.deadline = (chrono::Utc::now() + budget).timestamp_millis() as u64;
    context.request_id = uuid::Uuid::new_v4().to_string();
    context
}

/// The simulator for mining tests: a fixed anchor date, so days and ground truth are stable.
pub fn sim_config(conversations: usize, days: u32) -> SimConfig {
    SimConfig {
        conversations,
        days,
        anchor_date: anchor(),
        rate_limit_per_minute: 100_000,
        job_ready_after_polls: 1,
        ..SimConfig::default()
    }
}
