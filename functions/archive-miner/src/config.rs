//! The function's configuration, read once at cold start; errors name the variable.

use std::time::Duration;

use chrono_tz::Tz;
use url::Url;
use wrapup_genesys::config::{Config, ConfigError, Env, S3Object};
use wrapup_genesys::models::MediaType;
use wrapup_genesys::secrets::{SecretSource, SecretVars};
use wrapup_mining::{DEFAULT_BATCH_SIZE, MiningSource, parse_time_zone};

/// The dashboard token: in AWS it stays in Secrets Manager (`WRAPUP_DASHBOARD_TOKEN_ARN`) and is
/// read once at cold start; locally it may be given directly (`WRAPUP_DASHBOARD_TOKEN`).
pub const DASHBOARD_TOKEN: SecretVars = SecretVars {
    value: "WRAPUP_DASHBOARD_TOKEN",
    arn: "WRAPUP_DASHBOARD_TOKEN_ARN",
    what: "the dashboard token",
    json_fields: &["token"],
    min_chars: 1,
};

#[derive(Debug, Clone)]
pub struct DashboardSettings {
    pub url: Url,
    pub token: SecretSource,
    pub timeout: Duration,
    pub max_attempts: u32,
}

#[derive(Debug, Clone)]
pub struct FunctionConfig {
    pub base: Config,
    /// Runs, slice checkpoints and batch markers (`WRAPUP_MINING_TABLE`).
    pub mining_table: String,
    /// Mention aggregates and per-conversation markers (`WRAPUP_MENTIONS_TABLE`).
    pub mentions_table: String,
    pub queue_url: String,
    pub dlq_url: String,
    pub reports_bucket: String,
    pub reports_prefix: String,
    /// `s3://bucket/key` of a catalog that replaces the one built into the deployment.
    pub catalog_s3_uri: Option<S3Object>,
    pub time_zone: Tz,
    /// Media types the schedule mines (empty: all).
    pub media_types: Vec<MediaType>,
    pub source: MiningSource,
    pub batch_size: usize,
    pub page_size: Option<u32>,
    /// The queue's `maxReceiveCount`: on this delivery failures stop being retried.
    pub max_receives: u32,
    pub report_days: u32,
    pub dashboard: Option<DashboardSettings>,
    /// Share of Genesys' allowed rate all workers use together.
    pub rate_utilisation: f64,
    /// Genesys' rate-limit window (60 s; shorter only against the simulator).
    pub rate_window: Duration,
    pub aggregate_retention: Duration,
    pub run_retention: Duration,
    /// Time a planner keeps back before the Lambda deadline to checkpoint and hand over.
    pub handover_reserve: Duration,
}

impl FunctionConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let time_zone = match env.optional("WRAPUP_MINING_TIME_ZONE") {
            None => Tz::UTC,
            Some(raw) => {
                parse_time_zone("WRAPUP_MINING_TIME_ZONE", &raw).map_err(|e| ConfigError::Invalid {
                    name: "WRAPUP_MINING_TIME_ZONE",
                    reason: e.reason,
                })?
            }
        };
        let catalog_s3_uri = env.s3_object("WRAPUP_CATALOG_S3_URI")?;
        let source = match env.optional("WRAPUP_MINING_SOURCE").as_deref() {
            None | Some("transcripts") => MiningSource::Transcripts,
            Some("topics") => MiningSource::Topics,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "WRAPUP_MINING_SOURCE",
                    reason: format!("{other:?} is not transcripts or topics"),
                });
            }
        };
        let utilisation_percent = env.number("WRAPUP_RATE_UTILISATION_PERCENT", 90, 10..=100)?;
        Ok(Self {
            base: Config::from_lookup(&lookup)?,
            mining_table: env.required("WRAPUP_MINING_TABLE")?,
            mentions_table: env.required("WRAPUP_MENTIONS_TABLE")?,
            queue_url: env.required("WRAPUP_MINING_QUEUE_URL")?,
            dlq_url: env.required("WRAPUP_MINING_DLQ_URL")?,
            reports_bucket: env.required("WRAPUP_REPORTS_BUCKET")?,
            reports_prefix: env.optional("WRAPUP_REPORTS_PREFIX").unwrap_or_default(),
            catalog_s3_uri,
            time_zone,
            media_types: media_types(env.optional("WRAPUP_MINING_MEDIA_TYPES"))?,
            source,
            batch_size: env.number("WRAPUP_MINING_BATCH_SIZE", DEFAULT_BATCH_SIZE as u32, 1..=100)? as usize,
            page_size: env
                .optional("WRAPUP_MINING_PAGE_SIZE")
                .map(|_| env.number("WRAPUP_MINING_PAGE_SIZE", 1000, 1..=10_000))
                .transpose()?,
            max_receives: env.number("WRAPUP_MINING_MAX_RECEIVES", 5, 1..=1000)?,
            report_days: env.number("WRAPUP_REPORT_DAYS", 30, 1..=366)?,
            dashboard: dashboard(&env)?,
            rate_utilisation: f64::from(utilisation_percent) / 100.0,
            rate_window: Duration::from_secs(
                env.number("GENESYS_RATE_LIMIT_WINDOW_SECS", 60, 1..=3600)?.into(),
            ),
            aggregate_retention: env.days("WRAPUP_MENTIONS_RETENTION_DAYS", 400)?,
            run_retention: env.days("WRAPUP_MINING_RUN_RETENTION_DAYS", 90)?,
            handover_reserve: env.millis("WRAPUP_MINING_HANDOVER_RESERVE_MS", Duration::from_secs(20))?,
        })
    }
}

fn media_types(raw: Option<String>) -> Result<Vec<MediaType>, ConfigError> {
    let Some(raw) = raw else { return Ok(Vec::new()) };
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| {
            serde_json::from_value::<MediaType>(serde_json::Value::String(name.to_owned()))
                .ok()
                .filter(|m| *m != MediaType::Unknown)
                .ok_or_else(|| ConfigError::Invalid {
                    name: "WRAPUP_MINING_MEDIA_TYPES",
                    reason: format!(
                        "{name:?} is not a Genesys media type (voice, chat, email, message, ...)"
                    ),
                })
        })
        .collect()
}

fn dashboard<F: Fn(&str) -> Option<String>>(
    env: &Env<'_, F>,
) -> Result<Option<DashboardSettings>, ConfigError> {
    let Some(url) = env.url("WRAPUP_DASHBOARD_URL")? else {
        return Ok(None);
    };
    let token = SecretSource::from_lookup(&DASHBOARD_TOKEN, |name| env.optional(name))?.ok_or(
        ConfigError::Missing("WRAPUP_DASHBOARD_TOKEN_ARN (or WRAPUP_DASHBOARD_TOKEN)"),
    )?;
    Ok(Some(DashboardSettings {
        url,
        token,
        timeout: env.millis("WRAPUP_DASHBOARD_TIMEOUT_MS", Duration::from_secs(10))?,
        max_attempts: env.number("WRAPUP_DASHBOARD_MAX_ATTEMPTS", 4, 1..=10)?,
    }))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn lookup(extra: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let mut map: HashMap<String, String> = [
            ("GENESYS_CLIENT_ID", "client"),
            ("GENESYS_CLIENT_SECRET", "secret-value"),
            ("GENESYS_REGION", "us-east-1"),
            ("WRAPUP_TOKEN_TABLE", "tokens"),
            ("WRAPUP_MINING_TABLE", "mining"),
            ("WRAPUP_MENTIONS_TABLE", "mentions"),
            ("WRAPUP_MINING_QUEUE_URL", "http://q/work"),
            ("WRAPUP_MINING_DLQ_URL", "http://q/dlq"),
            ("WRAPUP_REPORTS_BUCKET", "reports"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        for (k, v) in extra {
            map.insert((*k).to_owned(), (*v).to_owned());
        }
        move |name| map.get(name).cloned()
    }

    #[test]
    fn defaults() {
        let config = FunctionConfig::from_lookup(lookup(&[])).unwrap();
        assert_eq!(config.time_zone, Tz::UTC);
        assert_eq!(config.batch_size, 25);
        assert_eq!(config.report_days, 30);
        assert!(config.dashboard.is_none());
        assert!(config.media_types.is_empty());
        assert_eq!(config.rate_window, Duration::from_secs(60));
    }

    #[test]
    fn errors_name_the_variable() {
        for (pairs, variable) in [
            (
                vec![("WRAPUP_MINING_TIME_ZONE", "Moon/Base")],
                "WRAPUP_MINING_TIME_ZONE",
            ),
            (
                vec![("WRAPUP_MINING_MEDIA_TYPES", "voice,fax")],
                "WRAPUP_MINING_MEDIA_TYPES",
            ),
            (
                vec![("WRAPUP_CATALOG_S3_URI", "https://x/y")],
                "WRAPUP_CATALOG_S3_URI",
            ),
            (
                vec![("WRAPUP_MINING_BATCH_SIZE", "0")],
                "WRAPUP_MINING_BATCH_SIZE",
            ),
            (
                vec![("WRAPUP_DASHBOARD_URL", "https://dash.example/reports")],
                "WRAPUP_DASHBOARD_TOKEN_ARN",
            ),
            (vec![("WRAPUP_MINING_SOURCE", "guess")], "WRAPUP_MINING_SOURCE"),
        ] {
            let err = FunctionConfig::from_lookup(lookup(&pairs)).unwrap_err();
            assert!(err.to_string().contains(variable), "{pairs:?}: {err}");
        }
        let err =
            FunctionConfig::from_lookup(|name| lookup(&[])(name).filter(|_| name != "WRAPUP_REPORTS_BUCKET"))
                .unwrap_err();
        assert!(err.to_string().contains("WRAPUP_REPORTS_BUCKET"), "{err}");
    }

    #[test]
    fn reads_everything() {
        let config = FunctionConfig::from_lookup(lookup(&[
            ("WRAPUP_MINING_TIME_ZONE", "Europe/Berlin"),
            ("WRAPUP_MINING_MEDIA_TYPES", "voice, chat"),
            ("WRAPUP_CATALOG_S3_URI", "s3://config/catalog/products.json"),
            ("WRAPUP_DASHBOARD_URL", "https://dash.example/reports"),
            ("WRAPUP_DASHBOARD_TOKEN", "tok"),
        ]))
        .unwrap();
        assert_eq!(config.time_zone.name(), "Europe/Berlin");
        assert_eq!(config.media_types, [MediaType::Voice, MediaType::Chat]);
        assert_eq!(
            config.catalog_s3_uri,
            Some(S3Object {
                bucket: "config".to_owned(),
                key: "catalog/products.json".to_owned()
            })
        );
        let dashboard = config.dashboard.unwrap();
        assert_eq!(dashboard.url.as_str(), "https://dash.example/reports");
        assert!(
            !format!("{:?}", dashboard.token).contains("tok\""),
            "the token never prints"
        );
    }
}
