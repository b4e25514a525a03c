//! summary-api and crm-sync as deployed (their template.yaml environment, their real handlers,
//! the simulator as Genesys and as the CRM), on stores in memory or in DynamoDB (moto), with
//! every store, queue and CRM target behind [`Faulty`] and both queues on one [`SimClock`].

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use wrapup::catalog::{BUILT_IN, ProductCatalog};
use wrapup::genesys::GenesysClient;
use wrapup::pipeline::{Pipeline, PipelineConfig, PipelineParts};
use wrapup::redact::Redactor;
use wrapup::store::{
    AuditLog, DeliveryStore, DynamoDbAuditLog, DynamoDbDeliveryStore, DynamoDbSummaryStore, MemoryAuditLog,
    MemoryDeliveryStore, MemorySummaryStore, SummaryStore,
};
use wrapup_template::Template;
use wrapup_testkit::{LocalAws, StackRefs};

use crate::faults::Tally;
use crate::faulty::Faulty;
use crate::sim_queue::{SimClock, SimQueue};

/// Leases short in real time, so a claim a crash left behind heals within the soak (deployed:
/// 60 s and 15 minutes; what is tested is that expiry heals, not how long it takes).
const LEASE: Duration = Duration::from_secs(2);

/// The three stores both functions share.
pub struct Stores {
    pub summaries: Arc<dyn SummaryStore>,
    pub audit: Arc<dyn AuditLog>,
    pub deliveries: Arc<dyn DeliveryStore>,
    pub kind: &'static str,
}

impl Stores {
    pub fn in_memory() -> Self {
        Self {
            summaries: Arc::new(MemorySummaryStore::new()),
            audit: Arc::new(MemoryAuditLog::new()),
            deliveries: Arc::new(MemoryDeliveryStore::new()),
            kind: "memory",
        }
    }

    /// The template's tables in moto, for a stack of their own.
    pub async fn dynamodb(aws: &LocalAws) -> Result<Self> {
        let client = aws.dynamodb_client().await;
        let stack = wrapup_testkit::unique_stack_name("chaos");
        let tables = wrapup_testkit::create_tables(&client, &stack).await?;
        let name = |id: &str| {
            tables
                .iter()
                .find(|t| t.logical_id == id)
                .map(|t| t.name.clone())
                .ok_or_else(|| anyhow!("template.yaml has no {id}"))
        };
        let ttl = Duration::from_secs(30 * 86_400);
        Ok(Self {
            summaries: Arc::new(DynamoDbSummaryStore::new(
                client.clone(),
                name("SummaryStateTable")?,
                ttl,
            )),
            audit: Arc::new(DynamoDbAuditLog::new(client.clone(), name("AuditTable")?, ttl)),
            deliveries: Arc::new(DynamoDbDeliveryStore::new(client, name("CrmDeliveryTable")?, ttl)),
            kind: "DynamoDB (moto)",
        })
    }
}

/// Both functions and their queues.
pub struct World {
    pub clock: SimClock,
    pub jobs: Arc<SimQueue>,
    pub crm: Arc<SimQueue>,
    pub api: summary_api::App,
    pub sync: crm_sync::App,
    pub tally: Arc<Tally>,
    pub stores: Stores,
}

/// A queue's `VisibilityTimeout` and redrive `maxReceiveCount` in template.yaml.
fn queue_settings(template: &Template, logical_id: &str) -> Result<(Duration, u32)> {
    let queue = template
        .queue(logical_id)
        .ok_or_else(|| anyhow!("template.yaml has no {logical_id}"))?;
    let visibility = Duration::from_secs(queue.visibility_timeout.unwrap_or(30));
    let max_receives = queue
        .redrive_policy
        .as_ref()
        .map(|r| r.max_receive_count)
        .context("the queue has no redrive policy")?;
    let max_receives = u32::try_from(max_receives).context("maxReceiveCount")?;
    Ok((visibility, max_receives))
}

impl World {
    pub async fn build(sim_base_url: &str, stores: Stores) -> Result<Self> {
        let template = Template::load()?;
        let tally = Arc::new(Tally::default());
        let clock = SimClock::default();
        let (visibility, receives) = queue_settings(&template, "SummaryJobsQueue")?;
        // One message in five is delivered twice.
        let jobs =
            Arc::new(SimQueue::new("summary-jobs", clock.clone(), visibility, receives).with_duplicates(5));
        let (visibility, receives) = queue_settings(&template, "CrmSyncQueue")?;
        let crm = Arc::new(SimQueue::new("crm-sync", clock.clone(), visibility, receives).with_duplicates(5));
        let genesys = [
            ("GENESYS_CLIENT_ID", "local-client".to_owned()),
            ("GENESYS_CLIENT_SECRET", "local-secret".to_owned()),
            ("GENESYS_API_BASE_URL", sim_base_url.to_owned()),
            ("GENESYS_LOGIN_BASE_URL", sim_base_url.to_owned()),
            ("GENESYS_RETRY_BASE_MS", "10".to_owned()),
            ("GENESYS_RETRY_MAX_MS", "50".to_owned()),
        ];
        let refs = StackRefs::placeholders(&template, "chaos");
        let env = refs.function_env("SummaryApiFunction", genesys.clone())?;
        let config =
            summary_api::FunctionConfig::from_lookup(|n| env.get(n).cloned()).context("summary-api")?;
        let catalog = ProductCatalog::from_json(BUILT_IN)?;
        let pipeline = Pipeline::new(PipelineParts {
            genesys: Arc::new(GenesysClient::builder(config.base.genesys.clone()).build()?),
            redactor: Redactor::new(config.redaction.clone()).with_protected_terms(catalog.terms()),
            comprehend: None,
            llm: None,
            verification: config.verification.clone(),
            store: Faulty::new(Arc::clone(&stores.summaries), &tally),
            audit: Faulty::new(Arc::clone(&stores.audit), &tally),
            crm_queue: Faulty::new(Arc::clone(&crm), &tally),
            jobs_queue: Faulty::new(Arc::clone(&jobs), &tally),
            config: PipelineConfig {
                lease: LEASE,
                async_lease: LEASE,
                ..config.pipeline.clone()
            },
        });
        let api = summary_api::App {
            pipeline,
            jobs: Faulty::new(Arc::clone(&jobs), &tally),
            admin_scope: None,
            metrics: summary_api::metrics::SummaryMetrics::new(
                wrapup_metrics::Metrics::in_memory(summary_api::metrics::FUNCTION_NAME).0,
                None,
            ),
        };

        let mut crm_env: Vec<(&str, String)> = genesys.to_vec();
        crm_env.extend([
            ("WRAPUP_CRM_TARGETS", "webhook,dataAction".to_owned()),
            ("WRAPUP_CRM_DATA_ACTION_ID", "custom_-_crm-case-update".to_owned()),
            (
                "WRAPUP_CRM_WEBHOOK_URL",
                format!("{sim_base_url}/_sim/crm/webhook"),
            ),
            ("WRAPUP_CRM_WEBHOOK_SECRET", "local-webhook-secret".to_owned()),
            ("WRAPUP_CRM_LEASE_SECS", LEASE.as_secs().to_string()),
        ]);
        let env = refs.function_env("CrmSyncFunction", crm_env)?;
        let config = crm_sync::FunctionConfig::from_lookup(|n| env.get(n).cloned()).context("crm-sync")?;
        let genesys_client: Arc<dyn wrapup::genesys::GenesysApi> =
            Arc::new(GenesysClient::builder(config.base.genesys.clone()).build()?);
        let targets = wrapup::crm::build_targets(&config.crm, &genesys_client)?
            .into_iter()
            .map(|target| Faulty::new(target, &tally) as Arc<dyn wrapup::crm::CrmTarget>)
            .collect();
        let sync = crm_sync::App {
            targets,
            deliveries: Faulty::new(Arc::clone(&stores.deliveries), &tally),
            summaries: Faulty::new(Arc::clone(&stores.summaries), &tally),
            audit: Faulty::new(Arc::clone(&stores.audit), &tally),
            queue: Faulty::new(Arc::clone(&crm), &tally),
            config,
            // Kept in memory: the soak checks the flow, not the metrics, and keeps stdout readable.
            metrics: wrapup_metrics::Metrics::in_memory(crm_sync::metrics::FUNCTION_NAME).0,
        };
        Ok(Self {
            clock,
            jobs,
            crm,
            api,
            sync,
            tally,
            stores,
        })
    }
}
