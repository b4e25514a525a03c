//! Everything a batch needs, built once per sandbox.

use std::sync::Arc;

use anyhow::Context;
use aws_config::SdkConfig;
use wrapup_adapters::crm::{CrmTarget, build_targets};
use wrapup_adapters::store::{
    AuditLog, DeliveryStore, DynamoDbAuditLog, DynamoDbDeliveryStore, DynamoDbSummaryStore, SummaryStore,
};
use wrapup_genesys::{GenesysApi, GenesysClient};
use wrapup_lambda_kit::{QueueControl, SqsControl};
use wrapup_metrics::Metrics;

use crate::config::FunctionConfig;
use crate::metrics::FUNCTION_NAME;

pub struct App {
    pub targets: Vec<Arc<dyn CrmTarget>>,
    pub deliveries: Arc<dyn DeliveryStore>,
    pub summaries: Arc<dyn SummaryStore>,
    pub audit: Arc<dyn AuditLog>,
    /// The crm-sync queue's visibility changes and its dead-letter queue.
    pub queue: Arc<dyn QueueControl>,
    pub config: FunctionConfig,
    /// EMF documents on stdout in Lambda; a memory sink in tests and the local stack.
    pub metrics: Metrics,
}

impl App {
    pub async fn from_config(config: FunctionConfig, aws: &SdkConfig) -> anyhow::Result<Self> {
        let dynamodb = aws_sdk_dynamodb::Client::new(aws);
        let secrets = aws_sdk_secretsmanager::Client::new(aws);
        let crm = config
            .crm
            .clone()
            .resolve_secrets(&secrets)
            .await
            .context("WRAPUP_CRM_WEBHOOK_SECRET_ARN")?;
        let genesys: Arc<dyn GenesysApi> = Arc::new(
            GenesysClient::for_function(&config.base, &dynamodb, &secrets)
                .await
                .context("GENESYS_CLIENT_SECRET_ARN")?
                .build()
                .context("Genesys client")?,
        );
        let targets = build_targets(&crm, &genesys).context("CRM targets")?;
        Ok(Self {
            targets,
            deliveries: Arc::new(DynamoDbDeliveryStore::new(
                dynamodb.clone(),
                config.delivery_table.clone(),
                config.delivery_retention,
            )),
            summaries: Arc::new(DynamoDbSummaryStore::new(
                dynamodb.clone(),
                config.summary_table.clone(),
                config.summary_retention,
            )),
            audit: Arc::new(DynamoDbAuditLog::new(
                dynamodb,
                config.audit_table.clone(),
                config.audit_retention,
            )),
            queue: Arc::new(SqsControl::new(
                aws_sdk_sqs::Client::new(aws),
                config.queue_url.clone(),
                Some(config.dlq_url.clone()),
            )),
            metrics: Metrics::stdout(FUNCTION_NAME).in_namespace(&config.base.metrics_namespace),
            config: FunctionConfig { crm, ..config },
        })
    }

    /// The same app writing its metrics to `metrics` (a memory sink in tests and the local stack).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }
}
