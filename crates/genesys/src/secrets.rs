//! Secrets, each given one way: as a value (locally) or as the ARN of a Secrets Manager secret
//! (in AWS, where only the ARN is in the environment), read once at cold start. The Genesys
//! client secret, the CRM webhook key, the LLM API key and the dashboard token all come through
//! here, each described by its [`SecretVars`] next to the settings it belongs to.

use aws_sdk_secretsmanager::Client as SecretsClient;
use aws_sdk_secretsmanager::error::DisplayErrorContext;
use secrecy::{ExposeSecret, SecretString};

/// Where a secret comes from. Its `Debug` never shows a value.
#[derive(Debug, Clone)]
pub enum SecretSource {
    Value(SecretString),
    SecretsManager { arn: String },
}

impl From<&str> for SecretSource {
    fn from(value: &str) -> Self {
        SecretSource::Value(SecretString::from(value))
    }
}

impl From<SecretString> for SecretSource {
    fn from(value: SecretString) -> Self {
        SecretSource::Value(value)
    }
}

/// One secret's settings: the variable holding its value, the one holding its ARN, and what a
/// Secrets Manager secret may hold it as.
#[derive(Debug, Clone, Copy)]
pub struct SecretVars {
    /// The value's variable (`GENESYS_CLIENT_SECRET`).
    pub value: &'static str,
    /// The ARN's variable (`GENESYS_CLIENT_SECRET_ARN`).
    pub arn: &'static str,
    /// What it is, for messages: "the Genesys client secret".
    pub what: &'static str,
    /// The fields of a JSON secret that may hold it; a secret that is not a JSON object is the
    /// value itself.
    pub json_fields: &'static [&'static str],
    /// The shortest value accepted.
    pub min_chars: usize,
}

/// A secret's variables set wrongly: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("environment variable {name} is invalid: {reason}")]
pub struct SecretVarError {
    pub name: &'static str,
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("could not read {what} {arn} from Secrets Manager: {message}")]
    Fetch {
        what: &'static str,
        arn: String,
        message: String,
    },
    #[error(
        "the Secrets Manager secret {arn} holds no usable value for {what}: store it as plain text \
         or as JSON with one of the fields {fields:?}, at least {min_chars} characters long"
    )]
    Empty {
        what: &'static str,
        arn: String,
        fields: &'static [&'static str],
        min_chars: usize,
    },
}

impl SecretSource {
    /// The secret of `vars` as the environment gives it: its value or its ARN, not both; `None`
    /// when neither is set (the caller decides whether that is an error).
    pub fn from_lookup(
        vars: &SecretVars,
        lookup: impl Fn(&'static str) -> Option<String>,
    ) -> Result<Option<Self>, SecretVarError> {
        let get = |name: &'static str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        match (get(vars.value), get(vars.arn)) {
            (Some(_), Some(_)) => Err(SecretVarError {
                name: vars.arn,
                reason: format!("set either {} or {}, not both", vars.value, vars.arn),
            }),
            (Some(value), None) if value.chars().count() < vars.min_chars => Err(SecretVarError {
                name: vars.value,
                reason: format!("must be at least {} characters long", vars.min_chars),
            }),
            (Some(value), None) => Ok(Some(SecretSource::Value(SecretString::from(value)))),
            (None, Some(arn)) if is_secrets_manager_arn(&arn) => {
                Ok(Some(SecretSource::SecretsManager { arn }))
            }
            (None, Some(_)) => Err(SecretVarError {
                name: vars.arn,
                reason: "must be a Secrets Manager ARN (arn:aws:secretsmanager:...)".into(),
            }),
            (None, None) => Ok(None),
        }
    }

    /// The value, once there is one (given, or resolved).
    pub fn value(&self) -> Option<&SecretString> {
        match self {
            SecretSource::Value(value) => Some(value),
            SecretSource::SecretsManager { .. } => None,
        }
    }

    /// The secret with its value: read from Secrets Manager (one call) when it is an ARN, as it
    /// is when it is a value.
    pub async fn resolve(self, secrets: &SecretsClient, vars: &SecretVars) -> Result<Self, SecretError> {
        let SecretSource::SecretsManager { arn } = self else {
            return Ok(self);
        };
        let raw = fetch_string(secrets, &arn)
            .await
            .map_err(|message| SecretError::Fetch {
                what: vars.what,
                arn: arn.clone(),
                message,
            })?;
        match raw.as_deref().and_then(|raw| extract(raw, vars)) {
            Some(value) => Ok(SecretSource::Value(value)),
            None => Err(SecretError::Empty {
                what: vars.what,
                arn,
                fields: vars.json_fields,
                min_chars: vars.min_chars,
            }),
        }
    }
}

fn is_secrets_manager_arn(arn: &str) -> bool {
    arn.starts_with("arn:") && arn.contains(":secretsmanager:")
}

/// The string value of a Secrets Manager secret (`None` when it holds binary data only). The
/// one place Wrapup reads Secrets Manager; errors carry the SDK's context, never the value.
async fn fetch_string(secrets: &SecretsClient, arn: &str) -> Result<Option<String>, String> {
    let output = secrets
        .get_secret_value()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| DisplayErrorContext(&e).to_string())?;
    Ok(output.secret_string().map(str::to_owned))
}

/// Plain text, or a JSON object with one of the secret's fields; trimmed, long enough.
fn extract(raw: &str, vars: &SecretVars) -> Option<SecretString> {
    let raw = raw.trim();
    let value = match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::Object(fields)) => vars
            .json_fields
            .iter()
            .find_map(|k| fields.get(*k).and_then(|v| v.as_str()).map(str::to_owned))?,
        _ => raw.to_owned(),
    };
    let value = SecretString::from(value.trim().to_owned());
    let chars = value.expose_secret().chars().count();
    (chars > 0 && chars >= vars.min_chars).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENESYS_CLIENT_SECRET: SecretVars = SecretVars {
        value: "GENESYS_CLIENT_SECRET",
        arn: "GENESYS_CLIENT_SECRET_ARN",
        what: "the Genesys client secret",
        json_fields: &["clientSecret", "client_secret"],
        min_chars: 1,
    };
    const LONG_KEY: SecretVars = SecretVars {
        value: "LONG_KEY",
        arn: "LONG_KEY_ARN",
        what: "a long key",
        json_fields: &["apiKey"],
        min_chars: 32,
    };

    fn lookup<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn plain_and_json_secrets() {
        let vars = &GENESYS_CLIENT_SECRET;
        assert_eq!(extract(" abc \n", vars).unwrap().expose_secret(), "abc");
        assert_eq!(
            extract(r#"{"clientSecret": "xyz"}"#, vars)
                .unwrap()
                .expose_secret(),
            "xyz"
        );
        assert_eq!(
            extract(r#"{"client_secret": "q"}"#, vars)
                .unwrap()
                .expose_secret(),
            "q"
        );
        assert!(extract(r#"{"other": "q"}"#, vars).is_none());
        assert!(extract("   ", vars).is_none());
        assert_eq!(
            extract(r#"{"apiKey": "0123456789abcdef0123456789abcdef"}"#, &LONG_KEY)
                .unwrap()
                .expose_secret()
                .len(),
            32
        );
        assert!(
            extract("too short", &LONG_KEY).is_none(),
            "shorter than the secret's minimum"
        );
    }

    #[test]
    fn a_value_or_an_arn_not_both_and_errors_name_the_variable() {
        let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:genesys-AbCdEf";
        let vars = &GENESYS_CLIENT_SECRET;
        assert!(matches!(
            SecretSource::from_lookup(vars, lookup(&[("GENESYS_CLIENT_SECRET", "s3cret")])),
            Ok(Some(SecretSource::Value(_)))
        ));
        assert!(matches!(
            SecretSource::from_lookup(vars, lookup(&[("GENESYS_CLIENT_SECRET_ARN", arn)])),
            Ok(Some(SecretSource::SecretsManager { arn: a })) if a == arn
        ));
        assert!(matches!(SecretSource::from_lookup(vars, lookup(&[])), Ok(None)));
        assert!(matches!(
            SecretSource::from_lookup(vars, lookup(&[("GENESYS_CLIENT_SECRET", " ")])),
            Ok(None)
        ));
        let both = SecretSource::from_lookup(
            vars,
            lookup(&[("GENESYS_CLIENT_SECRET", "s"), ("GENESYS_CLIENT_SECRET_ARN", arn)]),
        )
        .unwrap_err();
        assert_eq!(both.name, "GENESYS_CLIENT_SECRET_ARN");
        assert!(both.reason.contains("not both"));
        let not_an_arn =
            SecretSource::from_lookup(vars, lookup(&[("GENESYS_CLIENT_SECRET_ARN", "my-secret")]))
                .unwrap_err();
        assert!(not_an_arn.to_string().contains("GENESYS_CLIENT_SECRET_ARN"));
        assert!(not_an_arn.reason.contains("Secrets Manager ARN"));
        let short = SecretSource::from_lookup(&LONG_KEY, lookup(&[("LONG_KEY", "short")])).unwrap_err();
        assert_eq!(short.name, "LONG_KEY");
    }

    #[test]
    fn a_secret_never_prints() {
        let source = SecretSource::from("hunter2-hunter2");
        assert!(!format!("{source:?}").contains("hunter2"));
        assert_eq!(source.value().unwrap().expose_secret(), "hunter2-hunter2");
        assert!(
            SecretSource::SecretsManager { arn: "arn:x".into() }
                .value()
                .is_none()
        );
    }
}
