//! Everything a request needs, built once per sandbox.

use std::sync::Arc;

use anyhow::Context;
use aws_config::SdkConfig;
use wrapup::genesys::GenesysClient;
use wrapup::pipeline::{Pipeline, PipelineParts};
use wrapup::queue::SqsQueue;
use wrapup::redact::Redactor;
use wrapup::redact::comprehend::ComprehendPii;
use wrapup::store::{DynamoDbAuditLog, DynamoDbSummaryStore};
use wrapup::summary::llm::LlmSummarizer;
use wrapup_lambda_kit::{QueueControl, SqsControl};
use wrapup_metrics::Metrics;

use crate::config::FunctionConfig;
use crate::metrics::SummaryMetrics;

pub struct App {
    pub pipeline: Pipeline,
    /// The summary-jobs queue's visibility changes and its dead-letter queue.
    pub jobs: Arc<dyn QueueControl>,
    /// `WRAPUP_ADMIN_SCOPE`: a caller with this scope reads every caller's summaries.
    pub admin_scope: Option<String>,
    /// CloudWatch metrics, as EMF lines on stdout.
    pub metrics: SummaryMetrics,
}

impl App {
    /// Builds the clients (no network calls except the secrets named by ARN).
    pub async fn from_config(config: FunctionConfig, aws: &SdkConfig) -> anyhow::Result<Self> {
        let dynamodb = aws_sdk_dynamodb::Client::new(aws);
        let sqs = aws_sdk_sqs::Client::new(aws);
        let secrets = aws_sdk_secretsmanager::Client::new(aws);
        let genesys = GenesysClient::for_function(&config.base, &dynamodb, &secrets)
            .await
            .context("GENESYS_CLIENT_SECRET_ARN")?
            .build()
            .context("Genesys client")?;
        let metrics = SummaryMetrics::new(
            Metrics::stdout(crate::metrics::FUNCTION_NAME).in_namespace(&config.base.metrics_namespace),
            config.llm_prices,
        )
        .with_genesys_calls(genesys.call_counters());
        let llm = match config.llm.clone() {
            Some(llm) => {
                let llm = llm
                    .resolve_api_key(&secrets)
                    .await
                    .context("WRAPUP_LLM_API_KEY_SECRET_ARN")?;
                // Bedrock is reached with the function's region and role.
                Some(LlmSummarizer::with_aws(llm, aws).context("LLM client")?)
            }
            None => None,
        };
        // The products the archive miner counts are never a customer's name or address: the
        // same catalog, built in or replaced from S3.
        let s3 = aws_sdk_s3::Client::new(aws);
        let catalog = wrapup::catalog::load(&s3, config.catalog_s3_uri.as_ref())
            .await
            .context("the product catalog (WRAPUP_CATALOG_S3_URI, or the built-in one)")?;
        // Amazon Comprehend PII detection when `WRAPUP_COMPREHEND_PII` is on, merged with the
        // built-in detectors.
        let comprehend = config
            .comprehend
            .enabled
            .then(|| ComprehendPii::new(aws, config.comprehend.clone()));
        let pipeline = Pipeline::new(PipelineParts {
            genesys: Arc::new(genesys),
            redactor: Redactor::new(config.redaction.clone()).with_protected_terms(catalog.terms()),
            comprehend,
            llm,
            verification: config.verification.clone(),
            store: Arc::new(DynamoDbSummaryStore::new(
                dynamodb.clone(),
                config.summary_table.clone(),
                config.summary_retention,
            )),
            audit: Arc::new(DynamoDbAuditLog::new(
                dynamodb,
                config.audit_table.clone(),
                config.audit_retention,
            )),
            crm_queue: Arc::new(SqsQueue::new(sqs.clone(), config.crm_sync_queue_url.clone())),
            jobs_queue: Arc::new(SqsQueue::new(sqs.clone(), config.summary_jobs_queue_url.clone())),
            config: config.pipeline.clone(),
        });
        let jobs = Arc::new(SqsControl::new(
            sqs,
            config.summary_jobs_queue_url.clone(),
            config.summary_jobs_dlq_url.clone(),
        ));
        Ok(Self {
            pipeline,
            jobs,
            admin_scope: config.admin_scope.clone(),
            metrics,
        })
    }

    /// The same function writing its metrics elsewhere (the local stack, tests).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = self.metrics.with_metrics(metrics);
        self
    }
}
