//! The function's configuration, read once at cold start; errors name the variable.

use std::time::Duration;

use wrapup::config::{Config, ConfigError};
use wrapup::crm::CrmConfig;

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
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let required = |name: &'static str| get(name).ok_or(ConfigError::Missing(name));
        let number = |name: &'static str, default: u64, max: u64| -> Result<u64, ConfigError> {
            match get(name) {
                None => Ok(default),
                Some(raw) => {
                    raw.parse::<u64>()
                        .ok()
                        .filter(|v| *v <= max)
                        .ok_or_else(|| ConfigError::Invalid {
                            name,
                            reason: format!("{raw:?} is not a whole number in 0..={max}"),
                        })
                }
            }
        };
        let days = |n: u64| Duration::from_secs(n * 86_400);
        Ok(Self {
            base: Config::from_lookup(&lookup)?,
            audit_table: required("WRAPUP_AUDIT_TABLE")?,
            summary_table: required("WRAPUP_SUMMARY_TABLE")?,
            delivery_table: required("WRAPUP_CRM_DELIVERY_TABLE")?,
            queue_url: required("WRAPUP_CRM_SYNC_QUEUE_URL")?,
            dlq_url: required("WRAPUP_CRM_SYNC_DLQ_URL")?,
            crm: CrmConfig::from_lookup(&lookup)?,
            retry_base: Duration::from_millis(number("WRAPUP_CRM_RETRY_BASE_MS", 10_000, 3_600_000)?),
            lease: Duration::from_secs(number("WRAPUP_CRM_LEASE_SECS", 60, 3600)?.max(1)),
            delivery_retention: days(number("WRAPUP_CRM_DELIVERY_RETENTION_DAYS", 30, 3650)?.max(1)),
            summary_retention: days(number("WRAPUP_SUMMARY_RETENTION_DAYS", 30, 3650)?.max(1)),
            audit_retention: days(number("WRAPUP_AUDIT_RETENTION_DAYS", 400, 3650)?.max(1)),
        })
    }
}
