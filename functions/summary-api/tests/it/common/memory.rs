//! The fast tier's harness: the function's real handler with template.yaml's environment, its
//! stores and queues in memory and Genesys in memory (`MemoryGenesys`, loaded with the
//! simulator's conversations rendered without a server). No moto, no simulator process.

use std::sync::Arc;

use genesys_sim::{RenderedConversation, SimConfig};
use summary_api::metrics::SummaryMetrics;
use summary_api::{App, FunctionConfig};
use wrapup::catalog::{BUILT_IN, ProductCatalog};
use wrapup::genesys::MemoryGenesys;
use wrapup::pipeline::{Pipeline, PipelineParts};
use wrapup::queue::MemoryQueue;
use wrapup::redact::Redactor;
use wrapup::store::{MemoryAuditLog, MemorySummaryStore};
use wrapup::summary::llm::LlmSummarizer;
use wrapup_lambda_kit::MemoryControl;
use wrapup_metrics::{MemorySink, Metrics};
use wrapup_testkit::StackRefs;

use super::Invoke;

pub struct MemoryHarness {
    pub app: App,
    /// What `genesys` was loaded with, in start order.
    pub conversations: Vec<RenderedConversation>,
    pub genesys: MemoryGenesys,
    pub store: Arc<MemorySummaryStore>,
    pub audit: Arc<MemoryAuditLog>,
    pub crm_queue: Arc<MemoryQueue>,
    pub jobs_queue: Arc<MemoryQueue>,
    pub jobs: Arc<MemoryControl>,
    /// The EMF lines the function wrote.
    pub metric_lines: Arc<MemorySink>,
}

impl MemoryHarness {
    /// The id of the first seeded conversation with a transcript that `also` holds for.
    pub fn transcribed(&self, also: impl Fn(&RenderedConversation) -> bool) -> String {
        self.conversations
            .iter()
            .find(|c| !c.transcripts.is_empty() && also(c))
            .map(|c| c.conversation_id.clone())
            .expect("the seed has such a call")
    }

    /// A seeded voice call with a transcript.
    pub fn transcribed_call(&self) -> String {
        self.transcribed(|c| c.details.to_string().contains("\"voice\""))
    }
}

impl Invoke for MemoryHarness {
    fn app(&self) -> &App {
        &self.app
    }
}

/// The function as deployed, on the conversations the simulator with `sim` seeds.
pub fn memory_harness(sim: SimConfig) -> MemoryHarness {
    memory_harness_with_llm(sim, None)
}

/// The same, with `llm` as its LLM summariser (over an in-memory model client).
pub fn memory_harness_with_llm(sim: SimConfig, llm: Option<LlmSummarizer>) -> MemoryHarness {
    let genesys = MemoryGenesys::new();
    let conversations = genesys_sim::render_org(&sim);
    for c in &conversations {
        genesys
            .add_json(&c.details, &c.transcripts, c.summaries.as_ref())
            .expect("the simulator renders the API's shapes");
    }
    let env = StackRefs::in_memory_env("SummaryApiFunction", [])
        .expect("the function's environment from template.yaml");
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned()).expect("config");
    let catalog = ProductCatalog::from_json(BUILT_IN).expect("the built-in catalog");
    let (store, audit) = (
        Arc::new(MemorySummaryStore::new()),
        Arc::new(MemoryAuditLog::new()),
    );
    let (crm_queue, jobs_queue) = (Arc::new(MemoryQueue::new()), Arc::new(MemoryQueue::new()));
    let jobs = Arc::new(MemoryControl::new());
    let pipeline = Pipeline::new(PipelineParts {
        genesys: Arc::new(genesys.clone()),
        redactor: Redactor::new(config.redaction.clone()).with_protected_terms(catalog.terms()),
        comprehend: None,
        llm,
        verification: config.verification.clone(),
        store: store.clone(),
        audit: audit.clone(),
        crm_queue: crm_queue.clone(),
        jobs_queue: jobs_queue.clone(),
        config: config.pipeline.clone(),
    });
    let (metrics, metric_lines) = Metrics::in_memory(summary_api::metrics::FUNCTION_NAME);
    MemoryHarness {
        app: App {
            pipeline,
            jobs: jobs.clone(),
            admin_scope: config.admin_scope.clone(),
            metrics: SummaryMetrics::new(metrics, config.llm_prices),
        },
        conversations,
        genesys,
        store,
        audit,
        crm_queue,
        jobs_queue,
        jobs,
        metric_lines,
    }
}
