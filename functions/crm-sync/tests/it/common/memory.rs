//! The fast tier's harness: the real crm-sync handler with template.yaml's environment, its
//! stores in memory and the Genesys targets (Data Action, participant attributes) on an
//! in-memory Genesys loaded with the simulator's conversations. No moto, no simulator process.

use std::sync::Arc;

use aws_lambda_events::event::sqs::SqsEvent;
use crm_sync::{App, FunctionConfig, handle_batch};
use lambda_runtime::Context;
use serde_json::Value;
use wrapup_adapters::crm::build_targets;
use wrapup_adapters::store::{MemoryAuditLog, MemoryDeliveryStore, MemorySummaryStore};
use wrapup_genesys::{GenesysApi, MemoryGenesys};
use wrapup_lambda_kit::MemoryControl;
use wrapup_metrics::{MemorySink, Metrics};
use wrapup_testkit::StackRefs;

pub struct MemoryHarness {
    pub app: App,
    pub genesys: MemoryGenesys,
    /// The seeded conversations' ids, in start order.
    pub conversations: Vec<String>,
    pub control: Arc<MemoryControl>,
    /// The EMF lines the handler wrote.
    pub metrics: Arc<MemorySink>,
}

/// crm-sync as deployed with these `targets` (Genesys ones), short leases and retry delays.
pub fn memory_harness(targets: &str) -> MemoryHarness {
    let genesys = MemoryGenesys::new();
    let rendered = genesys_sim::render_org(&genesys_sim::SimConfig {
        conversations: 10,
        ..Default::default()
    });
    for c in &rendered {
        genesys
            .add_json(&c.details, &c.transcripts, c.summaries.as_ref())
            .expect("the simulator renders the API's shapes");
    }
    let env = StackRefs::in_memory_env(
        "CrmSyncFunction",
        [
            ("WRAPUP_CRM_TARGETS", targets.to_owned()),
            ("WRAPUP_CRM_DATA_ACTION_ID", "custom_-_crm-case-update".to_owned()),
            ("WRAPUP_CRM_RETRY_BASE_MS", "1000".to_owned()),
            ("WRAPUP_CRM_LEASE_SECS", "2".to_owned()),
        ],
    )
    .expect("the function's environment from template.yaml");
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned()).expect("config");
    let api: Arc<dyn GenesysApi> = Arc::new(genesys.clone());
    let control = Arc::new(MemoryControl::new());
    let (metrics, sink) = Metrics::in_memory(crm_sync::metrics::FUNCTION_NAME);
    let app = App {
        targets: build_targets(&config.crm, &api).expect("targets"),
        deliveries: Arc::new(MemoryDeliveryStore::new()),
        summaries: Arc::new(MemorySummaryStore::new()),
        audit: Arc::new(MemoryAuditLog::new()),
        queue: control.clone(),
        config,
        metrics,
    };
    MemoryHarness {
        app,
        metrics: sink,
        genesys,
        conversations: rendered.into_iter().map(|c| c.conversation_id).collect(),
        control,
    }
}

impl MemoryHarness {
    /// One SQS event of these bodies, each received `receive_count` times; returns the ids
    /// the handler reported as failed.
    pub async fn deliver(&self, bodies: &[&Value], receive_count: u32) -> Vec<String> {
        let bodies: Vec<String> = bodies.iter().map(|b| b.to_string()).collect();
        let messages: Vec<(&str, u32)> = bodies.iter().map(|b| (b.as_str(), receive_count)).collect();
        let event: SqsEvent = serde_json::from_value(wrapup_testkit::sqs_event_of("crm-sync", &messages))
            .expect("an SQS event");
        handle_batch(&self.app, event, &Context::default())
            .await
            .batch_item_failures
            .into_iter()
            .map(|f| f.item_identifier)
            .collect()
    }
}
