//! Which CRM targets a deployment writes to, read from `WRAPUP_CRM_*` variables. The webhook
//! secret may stay in Secrets Manager (`WRAPUP_CRM_WEBHOOK_SECRET_ARN`), fetched once at cold
//! start by [`CrmConfig::resolve_secrets`].

use std::collections::BTreeSet;
use std::time::Duration;

use aws_sdk_secretsmanager::Client as SecretsClient;
use url::Url;

use super::TargetKind;
pub use super::mapping::{FieldMapping, SourceField};
use wrapup_genesys::config::ConfigError;
use wrapup_genesys::secrets::SecretSource;
use wrapup_genesys::secrets::{SecretError, SecretVars};

pub const DEFAULT_WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_ATTRIBUTE_PREFIX: &str = "wrapup.";
/// HMAC keys shorter than this are too easy to guess.
pub const MIN_WEBHOOK_SECRET_CHARS: usize = 16;

/// The configured targets; each `Some` is written to. `Debug` is safe to log: the webhook secret
/// prints as `[REDACTED]`.
#[derive(Debug, Clone)]
pub struct CrmConfig {
    pub data_action: Option<DataActionConfig>,
    pub webhook: Option<WebhookConfig>,
    pub participant_attributes: Option<ParticipantAttributesConfig>,
}

#[derive(Debug, Clone)]
pub struct DataActionConfig {
    pub action_id: String,
    pub mapping: FieldMapping,
}

#[derive(Debug, Clone)]
pub struct WebhookConfig {
    pub url: Url,
    pub secret: SecretSource,
    /// Per request, never longer than what is left of the delivery's deadline.
    pub timeout: Duration,
}

/// The webhook's HMAC key: in AWS it stays in Secrets Manager (`WRAPUP_CRM_WEBHOOK_SECRET_ARN`)
/// and is read once at cold start ([`CrmConfig::resolve_secrets`]); locally it may be given
/// directly (`WRAPUP_CRM_WEBHOOK_SECRET`).
pub const CRM_WEBHOOK_SECRET: SecretVars = SecretVars {
    value: "WRAPUP_CRM_WEBHOOK_SECRET",
    arn: "WRAPUP_CRM_WEBHOOK_SECRET_ARN",
    what: "the CRM webhook secret",
    json_fields: &["webhookSecret", "secret"],
    min_chars: MIN_WEBHOOK_SECRET_CHARS,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantAttributesConfig {
    /// Prepended to every attribute name (`wrapup.summary`, ...).
    pub prefix: String,
}

impl Default for ParticipantAttributesConfig {
    fn default() -> Self {
        Self {
            prefix: DEFAULT_ATTRIBUTE_PREFIX.to_owned(),
        }
    }
}

impl CrmConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests never touch the process environment.
    /// Variables of targets that are not in `WRAPUP_CRM_TARGETS` are ignored.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let kinds = parse_targets(&env.required("WRAPUP_CRM_TARGETS")?)?;
        let data_action = match kinds.contains(&TargetKind::DataAction) {
            true => Some(data_action(&env)?),
            false => None,
        };
        let webhook = match kinds.contains(&TargetKind::Webhook) {
            true => Some(webhook(&env)?),
            false => None,
        };
        let participant_attributes = match kinds.contains(&TargetKind::ParticipantAttributes) {
            true => Some(participant_attributes(&env)?),
            false => None,
        };
        Ok(Self {
            data_action,
            webhook,
            participant_attributes,
        })
    }

    /// The configured targets, in a fixed order.
    pub fn kinds(&self) -> Vec<TargetKind> {
        let mut kinds = Vec::new();
        if self.data_action.is_some() {
            kinds.push(TargetKind::DataAction);
        }
        if self.webhook.is_some() {
            kinds.push(TargetKind::Webhook);
        }
        if self.participant_attributes.is_some() {
            kinds.push(TargetKind::ParticipantAttributes);
        }
        kinds
    }

    /// Replaces a `WRAPUP_CRM_WEBHOOK_SECRET_ARN` reference with the secret's value; a config
    /// without one is returned as it is, without any call.
    pub async fn resolve_secrets(mut self, secrets: &SecretsClient) -> Result<Self, SecretError> {
        if let Some(webhook) = self.webhook.as_mut() {
            webhook.secret = webhook
                .secret
                .clone()
                .resolve(secrets, &CRM_WEBHOOK_SECRET)
                .await?;
        }
        Ok(self)
    }
}

fn parse_targets(raw: &str) -> Result<BTreeSet<TargetKind>, ConfigError> {
    let invalid = |reason: String| ConfigError::Invalid {
        name: "WRAPUP_CRM_TARGETS",
        reason,
    };
    let mut kinds = BTreeSet::new();
    for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let kind = match name.to_ascii_lowercase().as_str() {
            "dataaction" => TargetKind::DataAction,
            "webhook" => TargetKind::Webhook,
            "participantattributes" => TargetKind::ParticipantAttributes,
            _ => {
                return Err(invalid(format!(
                    "{name:?} is not a target: use dataAction, webhook, participantAttributes"
                )));
            }
        };
        kinds.insert(kind);
    }
    if kinds.is_empty() {
        return Err(invalid(
            "names no target: use dataAction, webhook, participantAttributes".into(),
        ));
    }
    Ok(kinds)
}

fn data_action<F: Fn(&str) -> Option<String>>(env: &Env<'_, F>) -> Result<DataActionConfig, ConfigError> {
    let name = "WRAPUP_CRM_DATA_ACTION_ID";
    let action_id = env.required(name)?;
    // The id becomes one path segment; Genesys ids are short and printable.
    if action_id.len() > 200 || action_id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ConfigError::Invalid {
            name,
            reason: "must be a Data Action id (e.g. custom_-_3f2b1c4e-...)".into(),
        });
    }
    let mapping = match env.optional("WRAPUP_CRM_DATA_ACTION_MAPPING") {
        None => FieldMapping::default(),
        Some(raw) => FieldMapping::from_json(&raw).map_err(|reason| ConfigError::Invalid {
            name: "WRAPUP_CRM_DATA_ACTION_MAPPING",
            reason,
        })?,
    };
    Ok(DataActionConfig { action_id, mapping })
}

fn webhook<F: Fn(&str) -> Option<String>>(env: &Env<'_, F>) -> Result<WebhookConfig, ConfigError> {
    let url_name = "WRAPUP_CRM_WEBHOOK_URL";
    let url = parse_webhook_url(&env.required(url_name)?).map_err(|reason| ConfigError::Invalid {
        name: url_name,
        reason,
    })?;
    let secret = SecretSource::from_lookup(&CRM_WEBHOOK_SECRET, env.0)?.ok_or(ConfigError::Missing(
        "WRAPUP_CRM_WEBHOOK_SECRET_ARN (or WRAPUP_CRM_WEBHOOK_SECRET)",
    ))?;
    let timeout = env.millis(
        "WRAPUP_CRM_WEBHOOK_TIMEOUT_MS",
        DEFAULT_WEBHOOK_TIMEOUT,
        1..=120_000,
    )?;
    Ok(WebhookConfig { url, secret, timeout })
}

/// https, or http to this machine only (local runs against the simulator); never credentials in
/// the URL, which would end up in logs.
pub fn parse_webhook_url(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw).map_err(|e| format!("is not a URL: {e}"))?;
    let local = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" if url.host().is_some() => {}
        "http" if local => {}
        "http" => return Err("must be https (http only for 127.0.0.1 or localhost)".into()),
        _ => return Err("must be an https URL with a host".into()),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry credentials: the request is signed with the webhook secret".into());
    }
    if url.fragment().is_some() {
        return Err("must not have a fragment".into());
    }
    Ok(url)
}

fn participant_attributes<F: Fn(&str) -> Option<String>>(
    env: &Env<'_, F>,
) -> Result<ParticipantAttributesConfig, ConfigError> {
    let Some(prefix) = env.optional("WRAPUP_CRM_ATTRIBUTE_PREFIX") else {
        return Ok(ParticipantAttributesConfig::default());
    };
    if prefix.chars().count() > 64 || prefix.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ConfigError::Invalid {
            name: "WRAPUP_CRM_ATTRIBUTE_PREFIX",
            reason: "must be at most 64 characters without spaces (e.g. wrapup.)".into(),
        });
    }
    Ok(ParticipantAttributesConfig { prefix })
}

struct Env<'a, F: Fn(&str) -> Option<String>>(&'a F);

impl<F: Fn(&str) -> Option<String>> Env<'_, F> {
    fn optional(&self, name: &'static str) -> Option<String> {
        (self.0)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn required(&self, name: &'static str) -> Result<String, ConfigError> {
        self.optional(name).ok_or(ConfigError::Missing(name))
    }

    fn millis(
        &self,
        name: &'static str,
        default: Duration,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<Duration, ConfigError> {
        let Some(raw) = self.optional(name) else {
            return Ok(default);
        };
        let value: u64 = raw.parse().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("{raw:?} is not a whole number of milliseconds"),
        })?;
        if !range.contains(&value) {
            return Err(ConfigError::Invalid {
                name,
                reason: format!("{value} is outside {}..={}", range.start(), range.end()),
            });
        }
        Ok(Duration::from_millis(value))
    }
}
