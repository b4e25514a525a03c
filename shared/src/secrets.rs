//! The Genesys client secret from AWS Secrets Manager, fetched once at cold start. The secret is
//! never an environment variable or a template value in AWS; only its ARN is.

use aws_sdk_secretsmanager::Client as SecretsClient;
use aws_sdk_secretsmanager::error::DisplayErrorContext;
use secrecy::SecretString;

use crate::config::{ClientSecret, GenesysConfig};

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("could not read the Genesys client secret {arn} from Secrets Manager: {message}")]
    Fetch { arn: String, message: String },
    #[error(
        "the Secrets Manager secret {arn} holds no client secret: store it as plain text or as JSON \
         with a \"clientSecret\" field"
    )]
    Empty { arn: String },
}

impl GenesysConfig {
    /// Replaces a `GENESYS_CLIENT_SECRET_ARN` reference with the secret's value; a config that
    /// already holds the value is returned as it is, without any call.
    pub async fn resolve_secret(mut self, secrets: &SecretsClient) -> Result<Self, SecretError> {
        let ClientSecret::SecretsManager { arn } = &self.client_secret else {
            return Ok(self);
        };
        let raw = fetch_string(secrets, arn)
            .await
            .map_err(|message| SecretError::Fetch {
                arn: arn.clone(),
                message,
            })?;
        let value = raw
            .as_deref()
            .and_then(extract)
            .ok_or_else(|| SecretError::Empty { arn: arn.clone() })?;
        self.client_secret = ClientSecret::Value(value);
        Ok(self)
    }
}

/// The string value of a Secrets Manager secret (`None` when it holds binary data only). The
/// one place Wrapup reads Secrets Manager; errors carry the SDK's context, never the value.
pub async fn fetch_string(secrets: &SecretsClient, arn: &str) -> Result<Option<String>, String> {
    let output = secrets
        .get_secret_value()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| DisplayErrorContext(&e).to_string())?;
    Ok(output.secret_string().map(str::to_owned))
}

/// Plain text, or a JSON object with `clientSecret` (or `client_secret`).
fn extract(raw: &str) -> Option<SecretString> {
    let raw = raw.trim();
    let value = match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::Object(fields)) => ["clientSecret", "client_secret"]
            .iter()
            .find_map(|k| fields.get(*k).and_then(|v| v.as_str()).map(str::to_owned))?,
        _ => raw.to_owned(),
    };
    let value = value.trim();
    (!value.is_empty()).then(|| SecretString::from(value.to_owned()))
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn plain_and_json_secrets() {
        assert_eq!(extract(" abc \n").unwrap().expose_secret(), "abc");
        assert_eq!(
            extract(r#"{"clientSecret": "xyz"}"#).unwrap().expose_secret(),
            "xyz"
        );
        assert_eq!(extract(r#"{"client_secret": "q"}"#).unwrap().expose_secret(), "q");
        assert!(extract(r#"{"other": "q"}"#).is_none());
        assert!(extract("   ").is_none());
    }
}
