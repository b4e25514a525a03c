//! Configuration of the LLM summariser, read from `WRAPUP_LLM_*` variables.

use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use crate::config::ConfigError;
use crate::secrets::{SecretError, SecretSource, SecretVars};

/// The API key: in AWS it stays in Secrets Manager (`WRAPUP_LLM_API_KEY_SECRET_ARN`) and is read
/// once at cold start ([`LlmConfig::resolve_api_key`]); locally it may be given directly
/// (`WRAPUP_LLM_API_KEY`).
pub const LLM_API_KEY: SecretVars = SecretVars {
    value: "WRAPUP_LLM_API_KEY",
    arn: "WRAPUP_LLM_API_KEY_SECRET_ARN",
    what: "the LLM API key",
    json_fields: &["apiKey", "api_key"],
    min_chars: 1,
};

pub const DEFAULT_CONTEXT_TOKENS: usize = 16_000;
pub const DEFAULT_MAX_OUTPUT_TOKENS: usize = 800;
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// How to reach one OpenAI-compatible chat-completions endpoint.
///
/// `Debug` is safe to log: the key is a `SecretString` (or a Secrets Manager ARN), printed as
/// `[REDACTED]`.
#[derive(Debug, Clone)]
pub struct LlmConfig {
    /// The API root the `chat/completions` path is appended to, e.g. `https://api.openai.com/v1/`.
    pub base_url: Url,
    pub model: String,
    pub api_key: SecretSource,
    /// The model's context window, prompt and answer together.
    pub context_tokens: usize,
    /// `max_tokens` of every request; reserved in the budget of every request.
    pub max_output_tokens: usize,
    /// Per request; never longer than what is left of the caller's deadline.
    pub request_timeout: Duration,
    /// Attempts per request (the first included) on 429, 5xx and network errors.
    pub max_attempts: u32,
}

impl LlmConfig {
    /// A configuration with the default budget, timeout and attempts.
    pub fn new(base_url: Url, model: impl Into<String>, api_key: impl Into<SecretString>) -> Self {
        Self {
            base_url,
            model: model.into(),
            api_key: SecretSource::Value(api_key.into()),
            context_tokens: DEFAULT_CONTEXT_TOKENS,
            max_output_tokens: DEFAULT_MAX_OUTPUT_TOKENS,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }

    /// Replaces a `WRAPUP_LLM_API_KEY_SECRET_ARN` reference with the key; a config that holds
    /// the key is returned as it is, without any call.
    pub async fn resolve_api_key(
        mut self,
        secrets: &aws_sdk_secretsmanager::Client,
    ) -> Result<Self, SecretError> {
        self.api_key = self.api_key.resolve(secrets, &LLM_API_KEY).await?;
        Ok(self)
    }

    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// `Ok(None)` when `WRAPUP_LLM_BASE_URL` is unset: no LLM is configured, which is a valid
    /// deployment (the extractive summariser is used). Once the base URL is set, the model and
    /// the key are required.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let Some(raw_url) = get("WRAPUP_LLM_BASE_URL") else {
            return Ok(None);
        };
        let base_url = parse_base_url(&raw_url).map_err(|reason| ConfigError::Invalid {
            name: "WRAPUP_LLM_BASE_URL",
            reason,
        })?;
        let model = get("WRAPUP_LLM_MODEL").ok_or(ConfigError::Missing("WRAPUP_LLM_MODEL"))?;
        let api_key = SecretSource::from_lookup(&LLM_API_KEY, &lookup)?.ok_or(ConfigError::Missing(
            "WRAPUP_LLM_API_KEY_SECRET_ARN (or WRAPUP_LLM_API_KEY)",
        ))?;
        let number = |name: &'static str, default: usize, min: usize, max: usize| match get(name) {
            None => Ok(default),
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                Ok(n) => Err(ConfigError::Invalid {
                    name,
                    reason: format!("{n} is outside {min}..={max}"),
                }),
                Err(_) => Err(ConfigError::Invalid {
                    name,
                    reason: format!("{raw:?} is not a whole number"),
                }),
            },
        };
        let context_tokens = number(
            "WRAPUP_LLM_CONTEXT_TOKENS",
            DEFAULT_CONTEXT_TOKENS,
            1_000,
            10_000_000,
        )?;
        let max_output_tokens = number(
            "WRAPUP_LLM_MAX_OUTPUT_TOKENS",
            DEFAULT_MAX_OUTPUT_TOKENS,
            64,
            1_000_000,
        )?;
        if max_output_tokens * 2 > context_tokens {
            return Err(ConfigError::Invalid {
                name: "WRAPUP_LLM_MAX_OUTPUT_TOKENS",
                reason: format!(
                    "{max_output_tokens} leaves too little of the {context_tokens}-token context \
                     (WRAPUP_LLM_CONTEXT_TOKENS) for the transcript: use at most half of it"
                ),
            });
        }
        let default_timeout_ms = DEFAULT_REQUEST_TIMEOUT.as_millis() as usize;
        let timeout_ms = number("WRAPUP_LLM_TIMEOUT_MS", default_timeout_ms, 1, 900_000)?;
        let max_attempts = number("WRAPUP_LLM_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS as usize, 1, 10)?;
        Ok(Some(Self {
            base_url,
            model,
            api_key,
            context_tokens,
            max_output_tokens,
            request_timeout: Duration::from_millis(timeout_ms as u64),
            max_attempts: max_attempts as u32,
        }))
    }
}

/// An http(s) URL with a host, without query or fragment.
pub(super) fn parse_base_url(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw).map_err(|e| e.to_string())?;
    check_base_url(&url)?;
    Ok(url)
}

pub(super) fn check_base_url(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("must be an http(s) URL with a host, e.g. https://api.openai.com/v1/".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("must not have a query or fragment".into());
    }
    Ok(())
}

/// `{base}chat/completions`, whether or not the base URL ends with a slash
/// (`Url::join` would otherwise drop its last segment).
pub(super) fn completions_url(base: &Url) -> Result<Url, String> {
    check_base_url(base)?;
    let mut base = base.clone();
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.join("chat/completions").map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_url_keeps_the_version_segment() {
        for base in ["https://api.openai.com/v1", "https://api.openai.com/v1/"] {
            let url = completions_url(&Url::parse(base).unwrap()).unwrap();
            assert_eq!(url.as_str(), "https://api.openai.com/v1/chat/completions");
        }
        assert!(completions_url(&Url::parse("ftp://x/").unwrap()).is_err());
        assert!(completions_url(&Url::parse("https://x/v1/?key=1").unwrap()).is_err());
    }
}
