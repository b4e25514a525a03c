//! Everything an invocation needs, built once per sandbox.

use std::sync::Arc;

use anyhow::Context;
use aws_config::SdkConfig;
use wrapup_adapters::catalog::{MentionMatcher, ProductCatalog};
use wrapup_adapters::queue::{MessageQueue, SqsQueue};
use wrapup_genesys::{GenesysApi, GenesysClient, RateBudgetConfig, SharedRateBudget};
use wrapup_lambda_kit::{QueueControl, SqsControl};
use wrapup_metrics::Metrics;
use wrapup_mining::publish::{DashboardClient, DashboardConfig, ReportStore, S3ReportStore};
use wrapup_mining::{AggregateStore, DynamoDbAggregateStore, DynamoDbRunStore, RunStore, WorkerDeps};

use crate::config::{DASHBOARD_TOKEN, FunctionConfig};
use crate::metrics::{FUNCTION_NAME, GenesysMeter};

/// The catalog shipped with the function; `WRAPUP_CATALOG_S3_URI` replaces it.
pub const BUILT_IN_CATALOG: &[u8] = wrapup_adapters::catalog::BUILT_IN;

pub struct App {
    pub config: FunctionConfig,
    pub genesys: Arc<dyn GenesysApi>,
    pub catalog: ProductCatalog,
    pub matcher: MentionMatcher,
    pub runs: Arc<dyn RunStore>,
    pub aggregates: Arc<dyn AggregateStore>,
    /// The mining-work queue (plans, batches, reports).
    pub queue: Arc<dyn MessageQueue>,
    /// Where conversations that failed on their batch's last attempt go.
    pub dead_letters: Arc<dyn MessageQueue>,
    /// The mining-work queue's visibility changes and its dead-letter queue.
    pub control: Arc<dyn QueueControl>,
    pub reports: Arc<dyn ReportStore>,
    pub dashboard: Option<DashboardClient>,
    /// EMF documents on stdout in Lambda; a memory sink in tests and the local stack.
    pub metrics: Metrics,
    /// The Genesys client's requests and rate-limit headers; `None` on an in-memory Genesys.
    pub genesys_meter: Option<GenesysMeter>,
}

impl App {
    /// What a batch is mined with, calling Genesys through `genesys` (the app's own client
    /// under the invocation's deadline).
    pub fn worker_deps<'a>(&'a self, genesys: &'a dyn GenesysApi) -> WorkerDeps<'a> {
        WorkerDeps {
            genesys,
            catalog: &self.catalog,
            matcher: &self.matcher,
            aggregates: self.aggregates.as_ref(),
            runs: self.runs.as_ref(),
            queue: self.queue.as_ref(),
            dead_letters: self.dead_letters.as_ref(),
            mention_files: self.reports.as_ref(),
        }
    }

    pub async fn from_config(config: FunctionConfig, aws: &SdkConfig) -> anyhow::Result<Self> {
        let dynamodb = aws_sdk_dynamodb::Client::new(aws);
        let s3 = aws_sdk_s3::Client::new(aws);
        let sqs = aws_sdk_sqs::Client::new(aws);
        let secrets = aws_sdk_secretsmanager::Client::new(aws);
        let budget = SharedRateBudget::new(
            dynamodb.clone(),
            config.base.token_table.clone(),
            &config.base.genesys.client_id,
            RateBudgetConfig {
                utilisation: config.rate_utilisation,
                window: config.rate_window,
                ..RateBudgetConfig::default()
            },
        );
        let genesys = GenesysClient::for_function(&config.base, &dynamodb, &secrets)
            .await
            .context("GENESYS_CLIENT_SECRET_ARN")?
            .pacer(Arc::new(budget))
            .build()
            .context("Genesys client")?;
        // A bad catalog fails the cold start with the field at fault: counting with the wrong
        // products would be worse than not counting.
        let catalog = wrapup_adapters::catalog::load(&s3, config.catalog_s3_uri.as_ref())
            .await
            .context("the product catalog (WRAPUP_CATALOG_S3_URI, or the built-in one)")?;
        let matcher = MentionMatcher::new(&catalog).context("product catalog")?;
        let dashboard = match &config.dashboard {
            None => None,
            Some(settings) => {
                let token = settings
                    .token
                    .clone()
                    .resolve(&secrets, &DASHBOARD_TOKEN)
                    .await
                    .context("WRAPUP_DASHBOARD_TOKEN_ARN")?
                    .value()
                    .cloned()
                    .context("the dashboard token")?;
                let http = reqwest::Client::builder()
                    .user_agent(concat!("wrapup-archive-miner/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .context("dashboard HTTP client")?;
                Some(DashboardClient::new(
                    http,
                    DashboardConfig {
                        url: settings.url.clone(),
                        token,
                        timeout: settings.timeout,
                        max_attempts: settings.max_attempts,
                    },
                ))
            }
        };
        Ok(Self {
            metrics: Metrics::stdout(FUNCTION_NAME).in_namespace(&config.base.metrics_namespace),
            genesys_meter: Some(GenesysMeter::new(&genesys)),
            genesys: Arc::new(genesys),
            matcher,
            catalog,
            runs: Arc::new(DynamoDbRunStore::new(
                dynamodb.clone(),
                config.mining_table.clone(),
                config.run_retention,
            )),
            aggregates: Arc::new(DynamoDbAggregateStore::new(
                dynamodb,
                config.mentions_table.clone(),
                config.aggregate_retention,
            )),
            queue: Arc::new(SqsQueue::new(sqs.clone(), config.queue_url.clone())),
            dead_letters: Arc::new(SqsQueue::new(sqs.clone(), config.dlq_url.clone())),
            control: Arc::new(SqsControl::new(
                sqs,
                config.queue_url.clone(),
                Some(config.dlq_url.clone()),
            )),
            reports: Arc::new(S3ReportStore::new(
                s3,
                config.reports_bucket.clone(),
                config.reports_prefix.clone(),
            )),
            dashboard,
            config,
        })
    }

    /// The same app writing its metrics to `metrics` (a memory sink in tests and the local stack).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }
}
