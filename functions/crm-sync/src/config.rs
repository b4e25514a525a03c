//! The function's configuration, read once at cold start; errors name the variable.

use std::time::Duration;

use wrapup_adapters::crm::CrmConfig;
use wrapup_genesys::config::{Config, ConfigError, Env};

#[derive(Debug, Clone)]
pub struct FunctionConfig {
    pub base: Config,
    pub audit_table: String,
    pub summary_table: String,
    pub delivery_table: String,
    pub queue_url: String,
    pub dlq_url: String,
    pub crm: CrmConfig,
    /// First retry delay; doubles per receive (with jitter), capped at 12 h.
    pub retry_base: Duration,
    /// `WRAPUP_CRM_RETRY_CAP_SECS`: no retry of a failed write waits longer (unless the
    /// target's `Retry-After` says so).
    pub retry_cap: Duration,
    /// How long a claimed write may take before another worker may take it over.
    pub lease: Duration,
    pub delivery_retention: Duration,
    pub summary_retention: Duration,
    pub audit_retention: Duration,
}

impl FunctionConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let required = |name: &'static str| env.required(name);
        Ok(Self {
            base: Config::from_lookup(&lookup)?,
            audit_table: required("WRAPUP_AUDIT_TABLE")?,
            summary_table: required("WRAPUP_SUMMARY_TABLE")?,
            delivery_table: required("WRAPUP_CRM_DELIVERY_TABLE")?,
            queue_url: required("WRAPUP_CRM_SYNC_QUEUE_URL")?,
            dlq_url: required("WRAPUP_CRM_SYNC_DLQ_URL")?,
            crm: CrmConfig::from_lookup(&lookup)?,
            retry_base: Duration::from_millis(
                env.number("WRAPUP_CRM_RETRY_BASE_MS", 10_000, 0..=3_600_000)?
                    .into(),
            ),
            retry_cap: Duration::from_secs(env.number("WRAPUP_CRM_RETRY_CAP_SECS", 900, 1..=43_200)?.into()),
            lease: Duration::from_secs(env.number("WRAPUP_CRM_LEASE_SECS", 60, 1..=3600)?.into()),
            delivery_retention: env.days("WRAPUP_CRM_DELIVERY_RETENTION_DAYS", 30)?,
            summary_retention: env.days("WRAPUP_SUMMARY_RETENTION_DAYS", 30)?,
            audit_retention: env.days("WRAPUP_AUDIT_RETENTION_DAYS", 400)?,
        })
    }
}
