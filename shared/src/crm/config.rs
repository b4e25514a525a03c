//! Which CRM targets a deployment writes to, read from `WRAPUP_CRM_*` variables. The webhook
//! secret may stay in Secrets Manager (`WRAPUP_CRM_WEBHOOK_SECRET_ARN`), fetched once at cold
//! start by [`CrmConfig::resolve_secrets`].

use std::collections::BTreeSet;
use std::time::Duration;

use aws_sdk_secretsmanager::Client as SecretsClient;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::TargetKind;
pub use super::mapping::{FieldMapping, SourceField};
use crate::config::ConfigError;

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
    pub secret: WebhookSecret,
    /// Per request, never longer than what is left of the delivery's deadline.
    pub timeout: Duration,
}

/// Where the webhook's HMAC key comes from: the value (locally), or a Secrets Manager ARN in AWS,
/// replaced by the value at cold start.
#[derive(Debug, Clone)]
pub enum WebhookSecret {
    Value(SecretString),
    SecretsManager { arn: String },
}

impl From<&str> for WebhookSecret {
    fn from(value: &str) -> Self {
        WebhookSecret::Value(SecretString::from(value))
    }
}

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

#[derive(Debug, thiserror::Error)]
pub enum CrmSecretError {
    #[error("could not read the CRM webhook secret {arn} from Secrets Manager: {message}")]
    Fetch { arn: String, message: String },
    #[error(
        "the Secrets Manager secret {arn} holds no webhook secret of at least \
         {MIN_WEBHOOK_SECRET_CHARS} characters: store it as plain text or as JSON with a \
         \"webhookSecret\" field"
    )]
    Empty { arn: String },
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
    pub async fn resolve_secrets(mut self, secrets: &SecretsClient) -> Result<Self, CrmSecretError> {
        let Some(webhook) = self.webhook.as_mut() else {
            return Ok(self);
        };
        let WebhookSecret::SecretsManager { arn } = &webhook.secret else {
            return Ok(self);
        };
        let raw = crate::secrets::fetch_string(secrets, arn)
            .await
            .map_err(|message| CrmSecretError::Fetch {
                arn: arn.clone(),
                message,
            })?;
        let value = raw
            .as_deref()
            .and_then(extract_secret)
            .filter(|value| value.expose_secret().chars().count() >= MIN_WEBHOOK_SECRET_CHARS)
            .ok_or_else(|| CrmSecretError::Empty { arn: arn.clone() })?;
        webhook.secret = WebhookSecret::Value(value);
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
    let secret = match (
        env.optional("WRAPUP_CRM_WEBHOOK_SECRET"),
        env.optional("WRAPUP_CRM_WEBHOOK_SECRET_ARN"),
    ) {
        (Some(value), None) if value.chars().count() >= MIN_WEBHOOK_SECRET_CHARS => {
            WebhookSecret::Value(SecretString::from(value))
        }
        (Some(_), None) => {
            return Err(ConfigError::Invalid {
                name: "WRAPUP_CRM_WEBHOOK_SECRET",
                reason: format!("must be at least {MIN_WEBHOOK_SECRET_CHARS} characters"),
            });
        }
        (None, Some(arn)) if arn.starts_with("arn:") && arn.contains(":secretsmanager:") => {
            WebhookSecret::SecretsManager { arn }
        }
        (None, Some(_)) => {
            return Err(ConfigError::Invalid {
                name: "WRAPUP_CRM_WEBHOOK_SECRET_ARN",
                reason: "must be a Secrets Manager ARN (arn:aws:secretsmanager:...)".into(),
            });
        }
        (Some(_), Some(_)) => {
            return Err(ConfigError::Invalid {
                name: "WRAPUP_CRM_WEBHOOK_SECRET_ARN",
                reason: "set either WRAPUP_CRM_WEBHOOK_SECRET or WRAPUP_CRM_WEBHOOK_SECRET_ARN, not both"
                    .into(),
            });
        }
        (None, None) => {
            return Err(ConfigError::Missing(
                "WRAPUP_CRM_WEBHOOK_SECRET_ARN (or WRAPUP_CRM_WEBHOOK_SECRET)",
            ));
        }
    };
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

/// Plain text, or a JSON object with `webhookSecret` (or `secret`).
fn extract_secret(raw: &str) -> Option<SecretString> {
    let raw = raw.trim();
    let value = match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::Object(fields)) => ["webhookSecret", "secret"]
            .iter()
            .find_map(|k| fields.get(*k).and_then(|v| v.as_str()).map(str::to_owned))?,
        _ => raw.to_owned(),
    };
    let value = value.trim();
    (!value.is_empty()).then(|| SecretString::from(value.to_owned()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_read_from_text_or_json() {
        let read = |raw| extract_secret(raw).map(|s| s.expose_secret().to_owned());
        assert_eq!(read(" abc \n").as_deref(), Some("abc"));
        assert_eq!(read(r#"{"webhookSecret": "xyz"}"#).as_deref(), Some("xyz"));
        assert_eq!(read(r#"{"secret": "q"}"#).as_deref(), Some("q"));
        assert_eq!(read(r#"{"other": "q"}"#), None);
        assert_eq!(read("  "), None);
    }
}
