//! The fast tier's harness: the real archive-miner handler with template.yaml's environment, its
//! stores, queues and reports in memory and Genesys in memory (`MemoryGenesys`, loaded with the
//! simulator's seeded archive rendered without a server). No moto, no simulator process: one
//! loop stands in for Lambda draining the mining-work queue.

use std::sync::Arc;
use std::time::Duration;

use archive_miner::{App, BUILT_IN_CATALOG, FunctionConfig, handle_queue};
use aws_lambda_events::event::sqs::SqsEvent;
use chrono::NaiveDate;
use genesys_sim::SimConfig;
use wrapup_adapters::catalog::{MentionMatcher, ProductCatalog};
use wrapup_adapters::queue::MemoryQueue;
use wrapup_genesys::MemoryGenesys;
use wrapup_lambda_kit::MemoryControl;
use wrapup_mining::publish::MemoryReportStore;
use wrapup_mining::{
    BackfillRequest, MemoryAggregateStore, MemoryRunStore, MiningMessage, MiningSource, RunRecord,
};
use wrapup_testkit::StackRefs;

use super::{Counts, any_counts_in, any_counts_of, context, counts_in, counts_of};

/// Deliveries before the loop gives up: far above what any run here needs.
const MAX_DELIVERIES: usize = 5_000;

pub struct MemoryMiner {
    pub app: App,
    pub sim: SimConfig,
    pub genesys: MemoryGenesys,
    pub queue: Arc<MemoryQueue>,
    pub dead_letters: Arc<MemoryQueue>,
    pub control: Arc<MemoryControl>,
    pub reports: Arc<MemoryReportStore>,
    /// Every mining-work body handed to the function, in order.
    pub delivered: Vec<String>,
    /// How many of the queue's and the control's messages were delivered.
    sent_read: usize,
    requeued_read: usize,
}

/// archive-miner as deployed, on the archive the simulator with `sim` seeds.
pub fn memory_miner(sim: SimConfig, overrides: &[(&'static str, &str)]) -> MemoryMiner {
    let genesys = MemoryGenesys::new();
    for c in genesys_sim::render_org(&sim) {
        genesys
            .add_json(&c.details, &c.transcripts, c.summaries.as_ref())
            .expect("the simulator renders the API's shapes");
    }
    let env = StackRefs::in_memory_env(
        "ArchiveMinerFunction",
        overrides.iter().map(|(name, value)| (*name, (*value).to_owned())),
    )
    .expect("the function's environment from template.yaml");
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned()).expect("config");
    let catalog = ProductCatalog::from_json(BUILT_IN_CATALOG).expect("the built-in catalog");
    let matcher = MentionMatcher::new(&catalog).expect("matcher");
    let (queue, dead_letters) = (Arc::new(MemoryQueue::new()), Arc::new(MemoryQueue::new()));
    let control = Arc::new(MemoryControl::new());
    let reports = Arc::new(MemoryReportStore::new());
    let app = App {
        genesys: Arc::new(genesys.clone()),
        catalog,
        matcher,
        runs: Arc::new(MemoryRunStore::new()),
        aggregates: Arc::new(MemoryAggregateStore::new()),
        queue: queue.clone(),
        dead_letters: dead_letters.clone(),
        control: control.clone(),
        reports: reports.clone(),
        dashboard: None,
        config,
        // Tests that read the metrics give the app their own sink (`App::with_metrics`).
        metrics: wrapup_metrics::Metrics::in_memory(archive_miner::metrics::FUNCTION_NAME).0,
        genesys_meter: None,
    };
    MemoryMiner {
        app,
        sim,
        genesys,
        queue,
        dead_letters,
        control,
        reports,
        delivered: Vec::new(),
        sent_read: 0,
        requeued_read: 0,
    }
}

impl MemoryMiner {
    /// Starts a backfill of `from..=to` and drains the queue until the run has nothing left.
    pub async fn mine(&mut self, from: NaiveDate, to: NaiveDate) -> RunRecord {
        let request = BackfillRequest {
            from,
            to,
            media_types: None,
        };
        let run = archive_miner::backfill(&self.app, request)
            .await
            .expect("backfill");
        self.drain().await;
        self.app.runs.get(&run.run_id).await.unwrap().expect("the run")
    }

    /// Sends every batch message delivered so far again (as SQS may) and drains; the number of
    /// batches sent again.
    pub async fn redeliver_batches(&mut self) -> usize {
        let batches: Vec<String> = self
            .delivered
            .iter()
            .filter(|body| matches!(MiningMessage::parse(body), Ok(MiningMessage::Batch(_))))
            .cloned()
            .collect();
        for body in &batches {
            wrapup_adapters::queue::MessageQueue::send(self.queue.as_ref(), body, &[])
                .await
                .expect("an in-memory queue takes every message");
        }
        self.drain().await;
        batches.len()
    }

    /// Delivers every message sent or put back, ten at a time as SQS does, each failed one again
    /// (its receive count one higher), until none is left.
    pub async fn drain(&mut self) {
        let mut pending: Vec<(String, u32)> = Vec::new();
        for _ in 0..MAX_DELIVERIES {
            let sent = self.queue.sent();
            pending.extend(sent.iter().skip(self.sent_read).map(|m| (m.body.clone(), 1)));
            self.sent_read = sent.len();
            let requeued = self.control.requeued();
            pending.extend(
                requeued
                    .iter()
                    .skip(self.requeued_read)
                    .map(|(body, _)| (body.clone(), 1)),
            );
            self.requeued_read = requeued.len();
            if pending.is_empty() {
                return;
            }
            let batch: Vec<(String, u32)> = pending.drain(..pending.len().min(10)).collect();
            let failed = self.deliver(&batch).await;
            for i in failed {
                if let Some((body, receives)) = batch.get(i) {
                    pending.push((body.clone(), receives + 1));
                }
            }
        }
        panic!("the mining-work queue did not drain in {MAX_DELIVERIES} deliveries");
    }

    /// One SQS event of these (body, receive count) records; the indexes the handler failed.
    async fn deliver(&mut self, batch: &[(String, u32)]) -> Vec<usize> {
        self.delivered.extend(batch.iter().map(|(body, _)| body.clone()));
        let messages: Vec<(&str, u32)> = batch
            .iter()
            .map(|(body, receives)| (body.as_str(), *receives))
            .collect();
        let event: SqsEvent = serde_json::from_value(wrapup_testkit::sqs_event_of("mining-work", &messages))
            .expect("an SQS event");
        handle_queue(&self.app, event, &context(Duration::from_secs(60)))
            .await
            .batch_item_failures
            .iter()
            .filter_map(|f| f.item_identifier.strip_prefix("m-")?.parse().ok())
            .collect()
    }

    /// The aggregates mined for the UTC days `from..=to`: per speaker, and by anyone.
    pub async fn mined(&self, from: NaiveDate, to: NaiveDate) -> (Counts, Counts) {
        let rows = self
            .app
            .aggregates
            .rows(from, to, MiningSource::Transcripts)
            .await
            .expect("aggregates");
        (counts_of(&rows), any_counts_of(&rows))
    }

    /// The simulator's planted mentions for the UTC days `from..=to`, per speaker, and how many
    /// conversations it holds.
    pub fn ground_truth(&self, from: NaiveDate, to: NaiveDate) -> (Counts, usize) {
        counts_in(&genesys_sim::seeded_ground_truth(&self.sim, Some(from), Some(to)))
    }

    /// The planted mentions by anyone, per product.
    pub fn ground_truth_any(&self, from: NaiveDate, to: NaiveDate) -> Counts {
        any_counts_in(&genesys_sim::seeded_ground_truth(&self.sim, Some(from), Some(to)))
    }
}
