//! The function's configuration, read once at cold start; a missing or malformed variable stops
//! the start with its name.

use std::time::Duration;

use wrapup::config::{Config, ConfigError, Env, S3Object};
use wrapup::pipeline::PipelineConfig;
use wrapup::redact::RedactionConfig;
use wrapup::redact::comprehend::ComprehendConfig;
use wrapup::summary::llm::LlmConfig;
use wrapup::verify::VerificationConfig;

use crate::metrics::LlmPrices;

#[derive(Debug, Clone)]
pub struct FunctionConfig {
    /// Genesys, token table, audit table.
    pub base: Config,
    pub audit_table: String,
    pub summary_table: String,
    pub summary_jobs_queue_url: String,
    /// `WRAPUP_SUMMARY_JOBS_DLQ_URL`: where a job that can never run goes at once, with why;
    /// without it such a job reaches the DLQ through the queue's redrive policy.
    pub summary_jobs_dlq_url: Option<String>,
    pub crm_sync_queue_url: String,
    /// `WRAPUP_ADMIN_SCOPE`: the JWT scope that may read every caller's summaries (unset: none).
    pub admin_scope: Option<String>,
    pub llm: Option<LlmConfig>,
    /// What the LLM costs per 1,000 tokens, for the `LlmCost` metric.
    pub llm_prices: Option<LlmPrices>,
    pub redaction: RedactionConfig,
    /// `WRAPUP_COMPREHEND_PII`, `WRAPUP_COMPREHEND_MIN_SCORE`: Amazon Comprehend as a second PII
    /// detector (off by default).
    pub comprehend: ComprehendConfig,
    /// `WRAPUP_CATALOG_S3_URI`: the product catalog the miner counts, when it replaces the
    /// built-in one; its product names are never redacted.
    pub catalog_s3_uri: Option<S3Object>,
    pub verification: VerificationConfig,
    /// `WRAPUP_MAX_TRANSCRIPT_CHARS` and the fixed leases and budgets.
    pub pipeline: PipelineConfig,
    pub audit_retention: Duration,
    pub summary_retention: Duration,
}

impl FunctionConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let required = |name: &'static str| env.required(name);
        let days = |name: &'static str, default: u32| env.days(name, default);
        // The key may stay in Secrets Manager: it is read right after (App::from_config).
        let llm = LlmConfig::from_lookup(&lookup)?;
        let config = Self {
            base: Config::from_lookup(&lookup)?,
            audit_table: required("WRAPUP_AUDIT_TABLE")?,
            summary_table: required("WRAPUP_SUMMARY_TABLE")?,
            summary_jobs_queue_url: required("WRAPUP_SUMMARY_JOBS_QUEUE_URL")?,
            summary_jobs_dlq_url: lookup("WRAPUP_SUMMARY_JOBS_DLQ_URL").filter(|url| !url.trim().is_empty()),
            crm_sync_queue_url: required("WRAPUP_CRM_SYNC_QUEUE_URL")?,
            admin_scope: lookup("WRAPUP_ADMIN_SCOPE").filter(|scope| !scope.trim().is_empty()),
            llm,
            llm_prices: LlmPrices::from_lookup(&lookup)?,
            redaction: RedactionConfig::from_lookup(&lookup)?,
            comprehend: ComprehendConfig::from_lookup(&lookup)?,
            catalog_s3_uri: env.s3_object("WRAPUP_CATALOG_S3_URI")?,
            verification: VerificationConfig::from_lookup(&lookup)?,
            pipeline: PipelineConfig::from_lookup(&lookup)?,
            audit_retention: days("WRAPUP_AUDIT_RETENTION_DAYS", 400)?,
            summary_retention: days("WRAPUP_SUMMARY_RETENTION_DAYS", 30)?,
        };
        config.verification.check_judge(config.llm.is_some())?;
        Ok(config)
    }
}
