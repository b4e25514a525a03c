//! Typed configuration from the environment. Everything is read and checked once, at cold start;
//! a missing or malformed variable fails start-up with its name, so a bad deployment never
//! reaches its first request.

use std::time::Duration;

use url::Url;

use crate::region::Region;
use crate::secrets::{SecretError, SecretSource, SecretVarError, SecretVars};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("environment variable {0} is required but not set")]
    Missing(&'static str),
    #[error("environment variable {name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

/// Configuration shared by every function: the Genesys client and the tables it needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub genesys: GenesysConfig,
    /// DynamoDB table holding the shared OAuth token (`WRAPUP_TOKEN_TABLE`).
    pub token_table: String,
    /// DynamoDB table for audit records (`WRAPUP_AUDIT_TABLE`), optional until a function writes one.
    pub audit_table: Option<String>,
    /// `WRAPUP_METRICS_NAMESPACE`: the CloudWatch namespace of the function's metrics (default
    /// `Wrapup`; the template sets `Wrapup/<stack>`, so two stacks in one account stay apart).
    pub metrics_namespace: String,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests never touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        Ok(Self {
            genesys: GenesysConfig::from_lookup(&lookup)?,
            token_table: env.required("WRAPUP_TOKEN_TABLE")?,
            audit_table: env.optional("WRAPUP_AUDIT_TABLE"),
            metrics_namespace: metrics_namespace(&env)?,
        })
    }
}

fn metrics_namespace<F: Fn(&str) -> Option<String>>(env: &Env<'_, F>) -> Result<String, ConfigError> {
    const NAME: &str = "WRAPUP_METRICS_NAMESPACE";
    let namespace = env
        .optional(NAME)
        .unwrap_or_else(|| wrapup_metrics::NAMESPACE.to_owned());
    match wrapup_metrics::namespace_problem(&namespace) {
        Some(reason) => Err(ConfigError::Invalid {
            name: NAME,
            reason: format!("{namespace:?} {reason}"),
        }),
        None => Ok(namespace),
    }
}

/// How to reach and authenticate with one Genesys Cloud org.
#[derive(Debug, Clone)]
pub struct GenesysConfig {
    pub client_id: String,
    /// Never printed: `SecretString`'s Debug shows `[REDACTED]`.
    pub client_secret: SecretSource,
    /// `https://api.<domain>` or the `GENESYS_API_BASE_URL` override.
    pub api_base: Url,
    /// `https://login.<domain>` or the `GENESYS_LOGIN_BASE_URL` override.
    pub login_base: Url,
    pub http: HttpConfig,
    /// A token is refreshed this long before it expires (`GENESYS_TOKEN_REFRESH_MARGIN_SECS`).
    pub token_refresh_margin: Duration,
}

/// The OAuth client secret: in AWS it stays in Secrets Manager (`GENESYS_CLIENT_SECRET_ARN`) and
/// is read once at cold start ([`GenesysConfig::resolve_secret`]); locally it may be given
/// directly (`GENESYS_CLIENT_SECRET`).
pub const GENESYS_CLIENT_SECRET: SecretVars = SecretVars {
    value: "GENESYS_CLIENT_SECRET",
    arn: "GENESYS_CLIENT_SECRET_ARN",
    what: "the Genesys client secret",
    json_fields: &["clientSecret", "client_secret"],
    min_chars: 1,
};

impl From<SecretVarError> for ConfigError {
    fn from(error: SecretVarError) -> Self {
        ConfigError::Invalid {
            name: error.name,
            reason: error.reason,
        }
    }
}

/// Timeouts and retry policy of the one HTTP layer.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Attempts per call, the first included.
    pub max_attempts: u32,
    pub retry_base_delay: Duration,
    pub retry_max_delay: Duration,
    /// Budget of a call when the caller sets no deadline (a Lambda sets its remaining time).
    pub default_call_budget: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(10),
            max_attempts: 4,
            retry_base_delay: Duration::from_millis(200),
            retry_max_delay: Duration::from_secs(5),
            default_call_budget: Duration::from_secs(25),
        }
    }
}

impl GenesysConfig {
    /// Replaces a `GENESYS_CLIENT_SECRET_ARN` reference with the secret's value; a config that
    /// already holds the value is returned as it is, without any call.
    pub async fn resolve_secret(
        mut self,
        secrets: &aws_sdk_secretsmanager::Client,
    ) -> Result<Self, SecretError> {
        self.client_secret = self
            .client_secret
            .resolve(secrets, &GENESYS_CLIENT_SECRET)
            .await?;
        Ok(self)
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let client_id = env.required("GENESYS_CLIENT_ID")?;
        let client_secret = SecretSource::from_lookup(&GENESYS_CLIENT_SECRET, &lookup)?.ok_or(
            ConfigError::Missing("GENESYS_CLIENT_SECRET_ARN (or GENESYS_CLIENT_SECRET)"),
        )?;
        let api_override = env.url("GENESYS_API_BASE_URL")?;
        let login_override = env.url("GENESYS_LOGIN_BASE_URL")?;
        let region = match env.optional("GENESYS_REGION") {
            Some(name) => Some(Region::find(&name).ok_or_else(|| ConfigError::Invalid {
                name: "GENESYS_REGION",
                reason: format!(
                    "unknown region {name:?}: use a Genesys domain such as mypurecloud.com or \
                     mypurecloud.ie, or the AWS region it runs in such as eu-west-1"
                ),
            })?),
            None => None,
        };
        let (api_base, login_base) = match (api_override, login_override, region) {
            (Some(api), Some(login), _) => (api, login),
            (api, login, Some(region)) => (
                api.unwrap_or_else(|| region.api_base()),
                login.unwrap_or_else(|| region.login_base()),
            ),
            (_, _, None) => return Err(ConfigError::Missing("GENESYS_REGION")),
        };
        let defaults = HttpConfig::default();
        let http = HttpConfig {
            connect_timeout: env.millis("GENESYS_CONNECT_TIMEOUT_MS", defaults.connect_timeout)?,
            request_timeout: env.millis("GENESYS_REQUEST_TIMEOUT_MS", defaults.request_timeout)?,
            max_attempts: env.number("GENESYS_MAX_ATTEMPTS", defaults.max_attempts, 1..=10)?,
            retry_base_delay: env.millis("GENESYS_RETRY_BASE_MS", defaults.retry_base_delay)?,
            retry_max_delay: env.millis("GENESYS_RETRY_MAX_MS", defaults.retry_max_delay)?,
            default_call_budget: env.millis("GENESYS_CALL_BUDGET_MS", defaults.default_call_budget)?,
        };
        let margin = env.number("GENESYS_TOKEN_REFRESH_MARGIN_SECS", 300, 0..=86_400)?;
        Ok(Self {
            client_id,
            client_secret,
            api_base,
            login_base,
            http,
            token_refresh_margin: Duration::from_secs(margin.into()),
        })
    }
}

/// An object in S3, as configured (`s3://bucket/key`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Object {
    pub bucket: String,
    pub key: String,
}

impl std::fmt::Display for S3Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.key)
    }
}

/// Reads environment-style settings through a lookup function; every error names the variable.
pub struct Env<'a, F: Fn(&str) -> Option<String>>(pub &'a F);

impl<F: Fn(&str) -> Option<String>> Env<'_, F> {
    pub fn optional(&self, name: &'static str) -> Option<String> {
        (self.0)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    pub fn required(&self, name: &'static str) -> Result<String, ConfigError> {
        self.optional(name).ok_or(ConfigError::Missing(name))
    }

    pub fn url(&self, name: &'static str) -> Result<Option<Url>, ConfigError> {
        let Some(raw) = self.optional(name) else {
            return Ok(None);
        };
        let url = Url::parse(&raw).map_err(|e| ConfigError::Invalid {
            name,
            reason: e.to_string(),
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(ConfigError::Invalid {
                name,
                reason: "must be an http(s) URL with a host".into(),
            });
        }
        Ok(Some(url))
    }

    pub fn number(
        &self,
        name: &'static str,
        default: u32,
        range: std::ops::RangeInclusive<u32>,
    ) -> Result<u32, ConfigError> {
        let Some(raw) = self.optional(name) else {
            return Ok(default);
        };
        let value: u32 = raw.parse().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("{raw:?} is not a whole number"),
        })?;
        if !range.contains(&value) {
            return Err(ConfigError::Invalid {
                name,
                reason: format!("{value} is outside {}..={}", range.start(), range.end()),
            });
        }
        Ok(value)
    }

    /// An S3 object named `s3://bucket/key`.
    pub fn s3_object(&self, name: &'static str) -> Result<Option<S3Object>, ConfigError> {
        let Some(raw) = self.optional(name) else {
            return Ok(None);
        };
        let invalid = || ConfigError::Invalid {
            name,
            reason: format!("{raw:?} is not s3://bucket/key"),
        };
        let rest = raw.strip_prefix("s3://").ok_or_else(invalid)?;
        let (bucket, key) = rest.split_once('/').ok_or_else(invalid)?;
        if bucket.is_empty() || key.is_empty() {
            return Err(invalid());
        }
        Ok(Some(S3Object {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
        }))
    }

    /// A switch: `true`, `1`, `yes`, `on` or `false`, `0`, `no`, `off`, any case.
    pub fn flag(&self, name: &'static str, default: bool) -> Result<bool, ConfigError> {
        let Some(raw) = self.optional(name) else {
            return Ok(default);
        };
        match raw.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" => Ok(false),
            _ => Err(ConfigError::Invalid {
                name,
                reason: format!("{raw:?} is not true or false"),
            }),
        }
    }

    /// A share or a score in 0..=1.
    pub fn ratio(&self, name: &'static str, default: f32) -> Result<f32, ConfigError> {
        let Some(raw) = self.optional(name) else {
            return Ok(default);
        };
        let value: f32 = raw.parse().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("{raw:?} is not a number"),
        })?;
        if !(0.0..=1.0).contains(&value) {
            return Err(ConfigError::Invalid {
                name,
                reason: format!("{raw} is outside 0..=1"),
            });
        }
        Ok(value)
    }

    /// A price in US dollars: a finite number, zero or more (unset: none).
    pub fn price(&self, name: &'static str) -> Result<Option<f64>, ConfigError> {
        let Some(raw) = self.optional(name) else {
            return Ok(None);
        };
        match raw.trim().parse::<f64>() {
            Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
            _ => Err(ConfigError::Invalid {
                name,
                reason: format!("{raw:?} is not a price in dollars (a number, zero or more)"),
            }),
        }
    }

    /// A retention in whole days, 1..=3650.
    pub fn days(&self, name: &'static str, default_days: u32) -> Result<Duration, ConfigError> {
        let days = self.number(name, default_days, 1..=3650)?;
        Ok(Duration::from_secs(u64::from(days) * 86_400))
    }

    pub fn millis(&self, name: &'static str, default: Duration) -> Result<Duration, ConfigError> {
        let default_ms = u32::try_from(default.as_millis()).unwrap_or(u32::MAX);
        Ok(Duration::from_millis(
            self.number(name, default_ms, 1..=900_000)?.into(),
        ))
    }
}

/// An environment of `pairs`, for the `from_lookup` of every configuration in tests and tools.
pub fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: std::collections::HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}

#[cfg(test)]
#[path = "config_tests.rs"]
pub(crate) mod tests;
