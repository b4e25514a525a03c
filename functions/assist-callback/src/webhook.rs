//! `POST /assist/events`, off by default: the webhook for orgs without the EventBridge
//! integration (Genesys Process Automation: trigger, workflow, web-services Data Action) and for
//! first-party callers such as a CRM panel. The body is the envelope alone,
//! `{topicName, version, eventBody}`, authenticated one of two ways:
//! - `Wrapup-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>` within 300 s
//!   (the signature crm-sync's webhook sends, verified the same way), for callers that can sign;
//! - `Wrapup-Assist-Key: <key>`, a static shared secret, for Data Actions that can only send a
//!   static header (audited as the weaker trust).
//!
//! Either key of two (the current one and the one being rotated out) is accepted, each compared in
//! constant time. A replayed request is the same event: its content key makes it a duplicate.

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use wrapup::config::ConfigError;
use wrapup::crm::webhook::{DEFAULT_TOLERANCE, SIGNATURE_HEADER, verify};
use wrapup::secrets::{SecretSource, SecretVars};

/// The header of the shared-secret mode.
pub const KEY_HEADER: &str = "Wrapup-Assist-Key";

pub const WEBHOOK_KEY: SecretVars = SecretVars {
    value: "WRAPUP_ASSIST_WEBHOOK_KEY",
    arn: "WRAPUP_ASSIST_WEBHOOK_KEY_ARN",
    what: "the assist webhook key",
    json_fields: &["current", "key"],
    min_chars: 32,
};

pub const WEBHOOK_PREVIOUS_KEY: SecretVars = SecretVars {
    value: "WRAPUP_ASSIST_WEBHOOK_PREVIOUS_KEY",
    arn: "WRAPUP_ASSIST_WEBHOOK_PREVIOUS_KEY_ARN",
    what: "the assist webhook's previous key",
    json_fields: &["previous", "key"],
    min_chars: 32,
};

/// How webhook callers prove who they are (`WRAPUP_ASSIST_WEBHOOK`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookMode {
    Off,
    Signed,
    SharedSecret,
}

impl WebhookMode {
    pub fn trust(self) -> &'static str {
        match self {
            WebhookMode::Off => "none",
            WebhookMode::Signed => "hmac",
            WebhookMode::SharedSecret => "shared-secret",
        }
    }
}

#[derive(Debug, Clone)]
pub struct WebhookConfig {
    pub mode: WebhookMode,
    /// The current key, then the previous one.
    pub keys: Vec<SecretSource>,
}

impl WebhookConfig {
    pub fn off() -> Self {
        Self {
            mode: WebhookMode::Off,
            keys: Vec::new(),
        }
    }

    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mode = match lookup("WRAPUP_ASSIST_WEBHOOK").as_deref().map(str::trim) {
            None | Some("") | Some("off") => return Ok(Self::off()),
            Some("hmac") => WebhookMode::Signed,
            Some("shared-secret") => WebhookMode::SharedSecret,
            Some(_) => {
                return Err(ConfigError::Invalid {
                    name: "WRAPUP_ASSIST_WEBHOOK",
                    reason: "must be off, hmac or shared-secret".into(),
                });
            }
        };
        let source = |vars: &SecretVars| {
            SecretSource::from_lookup(vars, lookup).map_err(|e| ConfigError::Invalid {
                name: e.name,
                reason: e.reason,
            })
        };
        let current = source(&WEBHOOK_KEY)?.ok_or(ConfigError::Missing(WEBHOOK_KEY.arn))?;
        let mut keys = vec![current];
        keys.extend(source(&WEBHOOK_PREVIOUS_KEY)?);
        Ok(Self { mode, keys })
    }

    /// The keys read from Secrets Manager where given as ARNs (once, at cold start).
    pub async fn resolve(self, secrets: &aws_sdk_secretsmanager::Client) -> anyhow::Result<Self> {
        let mut keys = Vec::new();
        for (i, key) in self.keys.into_iter().enumerate() {
            let vars = if i == 0 {
                &WEBHOOK_KEY
            } else {
                &WEBHOOK_PREVIOUS_KEY
            };
            keys.push(key.resolve(secrets, vars).await?);
        }
        Ok(Self { keys, ..self })
    }

    fn values(&self) -> impl Iterator<Item = &SecretString> {
        self.keys.iter().filter_map(SecretSource::value)
    }

    /// Whether the request proves it knows a key; `Err` names what is wrong, never a key.
    pub fn authenticate(
        &self,
        header: impl Fn(&str) -> Option<String>,
        body: &[u8],
        now: i64,
    ) -> Result<(), &'static str> {
        match self.mode {
            WebhookMode::Off => Err("the webhook is off"),
            WebhookMode::Signed => {
                let signature = header(SIGNATURE_HEADER).ok_or("no Wrapup-Signature header")?;
                let mut outcome = Err("the signature does not verify");
                for key in self.values() {
                    match verify(
                        key.expose_secret().as_bytes(),
                        &signature,
                        body,
                        now,
                        DEFAULT_TOLERANCE,
                    ) {
                        Ok(()) => return Ok(()),
                        Err(wrapup::crm::webhook::SignatureError::OutsideTolerance { .. }) => {
                            outcome = Err("the signature's timestamp is outside the 300 s tolerance");
                        }
                        Err(wrapup::crm::webhook::SignatureError::Malformed(_)) => {
                            outcome = Err("the Wrapup-Signature header is malformed");
                        }
                        Err(_) => {}
                    }
                }
                outcome
            }
            WebhookMode::SharedSecret => {
                let given = header(KEY_HEADER).ok_or("no Wrapup-Assist-Key header")?;
                // Every key compared, in constant time each, whichever matches.
                let matched = self
                    .values()
                    .fold(false, |found, key| found | same(key.expose_secret(), &given));
                if matched {
                    Ok(())
                } else {
                    Err("the key does not match")
                }
            }
        }
    }
}

/// Equal strings, in time independent of where they differ (their SHA-256 digests compared
/// byte by byte without an early exit).
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter().zip(b.iter()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use wrapup::crm::webhook::signature_header;

    const KEY: &str = "0123456789abcdef0123456789abcdef-current";
    const OLD: &str = "0123456789abcdef0123456789abcdef-previous";

    fn config(mode: &str, previous: bool) -> WebhookConfig {
        WebhookConfig::from_lookup(&|name| match name {
            "WRAPUP_ASSIST_WEBHOOK" => Some(mode.to_owned()),
            "WRAPUP_ASSIST_WEBHOOK_KEY" => Some(KEY.to_owned()),
            "WRAPUP_ASSIST_WEBHOOK_PREVIOUS_KEY" if previous => Some(OLD.to_owned()),
            _ => None,
        })
        .expect("config")
    }

    #[test]
    fn a_signature_by_either_key_within_the_tolerance_is_accepted() {
        let webhook = config("hmac", true);
        let body = br#"{"topicName":"x"}"#;
        for key in [KEY, OLD] {
            let signed = signature_header(key.as_bytes(), 1_000, body);
            let header = |name: &str| (name == SIGNATURE_HEADER).then(|| signed.clone());
            assert_eq!(webhook.authenticate(header, body, 1_100), Ok(()));
        }
        let signed = signature_header(KEY.as_bytes(), 1_000, body);
        let header = |name: &str| (name == SIGNATURE_HEADER).then(|| signed.clone());
        assert!(webhook.authenticate(header, body, 1_400).is_err(), "too old");
        assert!(
            webhook.authenticate(header, b"{}", 1_100).is_err(),
            "another body"
        );
        assert!(webhook.authenticate(|_| None, body, 1_100).is_err(), "no header");
        let single = config("hmac", false);
        let by_old = signature_header(OLD.as_bytes(), 1_000, body);
        assert!(
            single
                .authenticate(
                    |n: &str| (n == SIGNATURE_HEADER).then(|| by_old.clone()),
                    body,
                    1_000
                )
                .is_err(),
            "a retired key"
        );
    }

    #[test]
    fn a_shared_key_must_match_one_of_the_two_keys() {
        let webhook = config("shared-secret", true);
        for (given, ok) in [
            (KEY, true),
            (OLD, true),
            ("0123456789abcdef0123456789abcdef-wrong", false),
            ("", false),
        ] {
            let header = |name: &str| (name == KEY_HEADER).then(|| given.to_owned());
            assert_eq!(webhook.authenticate(header, b"{}", 0).is_ok(), ok, "{given}");
        }
    }

    #[test]
    fn the_mode_and_keys_are_checked_at_cold_start() {
        assert_eq!(
            WebhookConfig::from_lookup(&|_| None).map(|c| c.mode).ok(),
            Some(WebhookMode::Off)
        );
        let missing =
            WebhookConfig::from_lookup(&|n| (n == "WRAPUP_ASSIST_WEBHOOK").then(|| "hmac".to_owned()));
        assert!(missing.is_err());
        let short = WebhookConfig::from_lookup(&|n| match n {
            "WRAPUP_ASSIST_WEBHOOK" => Some("hmac".to_owned()),
            "WRAPUP_ASSIST_WEBHOOK_KEY" => Some("short".to_owned()),
            _ => None,
        });
        assert!(short.is_err());
        let odd = WebhookConfig::from_lookup(&|n| (n == "WRAPUP_ASSIST_WEBHOOK").then(|| "basic".to_owned()));
        assert!(
            odd.err()
                .is_some_and(|e| e.to_string().contains("WRAPUP_ASSIST_WEBHOOK"))
        );
    }
}
