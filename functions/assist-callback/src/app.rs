//! Everything an event needs, built once per sandbox.

use std::sync::Arc;

use anyhow::Context;
use aws_config::SdkConfig;
use wrapup::genesys::{GenesysApi, GenesysClient};
use wrapup::queue::{MessageQueue, SqsQueue};
use wrapup::store::{AuditLog, DynamoDbAuditLog};
use wrapup_assist::{AssistStore, DynamoDbAssistStore, EndOfConversation};
use wrapup_lambda_kit::{QueueControl, SqsControl};
use wrapup_metrics::Metrics;

use crate::config::FunctionConfig;
use crate::jobs::QueuedSummaryJobs;
use crate::metrics::FUNCTION_NAME;

pub struct App {
    pub store: Arc<dyn AssistStore>,
    pub jobs: Arc<dyn EndOfConversation>,
    /// The assist-events queue's visibility changes and its dead-letter queue.
    pub queue: Arc<dyn QueueControl>,
    /// assist-events itself, where the webhook puts what it accepts.
    pub events: Arc<dyn MessageQueue>,
    /// The audit table: one record per conversation ([`crate::audit`]).
    pub audit: Arc<dyn AuditLog>,
    pub config: FunctionConfig,
    /// EMF documents on stdout in Lambda; a memory sink in tests and the local stack.
    pub metrics: Metrics,
}

impl App {
    pub async fn from_config(config: FunctionConfig, aws: &SdkConfig) -> anyhow::Result<Self> {
        let dynamodb = aws_sdk_dynamodb::Client::new(aws);
        let sqs = aws_sdk_sqs::Client::new(aws);
        let secrets = aws_sdk_secretsmanager::Client::new(aws);
        let genesys: Arc<dyn GenesysApi> = Arc::new(
            GenesysClient::for_function(&config.base, &dynamodb, &secrets)
                .await
                .context("GENESYS_CLIENT_SECRET_ARN")?
                .build()
                .context("Genesys client")?,
        );
        let webhook = config
            .webhook
            .clone()
            .resolve(&secrets)
            .await
            .context("WRAPUP_ASSIST_WEBHOOK_KEY_ARN")?;
        let config = FunctionConfig { webhook, ..config };
        Ok(Self {
            audit: Arc::new(DynamoDbAuditLog::new(
                dynamodb.clone(),
                config.audit_table.clone(),
                config.audit_retention,
            )),
            store: Arc::new(DynamoDbAssistStore::new(
                dynamodb,
                config.assist_table.clone(),
                config.retention,
            )),
            jobs: Arc::new(QueuedSummaryJobs {
                genesys,
                queue: Arc::new(SqsQueue::new(sqs.clone(), config.summary_jobs_queue_url.clone())),
                options: config.summary_options.clone(),
                case_attribute: config.case_attribute.clone(),
                case_from_conversation: config.case_from_conversation,
                caller: config.summary_caller.clone(),
            }),
            events: Arc::new(SqsQueue::new(sqs.clone(), config.queue_url.clone())),
            queue: Arc::new(SqsControl::new(
                sqs,
                config.queue_url.clone(),
                Some(config.dlq_url.clone()),
            )),
            metrics: Metrics::stdout(FUNCTION_NAME).in_namespace(&config.base.metrics_namespace),
            config,
        })
    }

    /// The same app writing its metrics to `metrics` (a memory sink in tests and the local stack).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }
}
