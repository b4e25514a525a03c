//! Configuration of the LLM summariser, read from `WRAPUP_LLM_*` variables (and
//! `WRAPUP_BEDROCK_*` with `WRAPUP_LLM_PROVIDER=bedrock`).

use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use wrapup_genesys::config::ConfigError;
use wrapup_genesys::secrets::{SecretError, SecretSource, SecretVars};

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

/// Which model provider, and how to reach it.
///
/// `Debug` is safe to log: the key is a `SecretString` (or a Secrets Manager ARN), printed as
/// `[REDACTED]`.
#[derive(Debug, Clone)]
pub struct LlmConfig {
    pub provider: LlmProvider,
    /// The model: its name at the OpenAI-compatible endpoint (`WRAPUP_LLM_MODEL`), or the
    /// Bedrock model id, inference-profile id or ARN (`WRAPUP_BEDROCK_MODEL_ID`).
    pub model: String,
    /// The model's context window, prompt and answer together.
    pub context_tokens: usize,
    /// `max_tokens` of every request; reserved in the budget of every request.
    pub max_output_tokens: usize,
    /// Per request; never longer than what is left of the caller's deadline.
    pub request_timeout: Duration,
    /// Attempts per request (the first included) on 429, 5xx and network errors.
    pub max_attempts: u32,
}

/// `WRAPUP_LLM_PROVIDER`.
#[derive(Debug, Clone)]
pub enum LlmProvider {
    /// An OpenAI-compatible chat-completions API (`openai`, the default).
    OpenAi {
        /// The API root the `chat/completions` path is appended to, e.g.
        /// `https://api.openai.com/v1/`.
        base_url: Url,
        api_key: SecretSource,
    },
    /// Amazon Bedrock's Converse API (`bedrock`): the function's IAM role authorises it, so there
    /// is no key, and the transcript stays in the account's region.
    Bedrock(BedrockConfig),
}

#[derive(Debug, Clone, Default)]
pub struct BedrockConfig {
    /// `WRAPUP_BEDROCK_GUARDRAIL_ID` and `_VERSION`: a Bedrock guardrail applied to every request.
    pub guardrail: Option<GuardrailConfig>,
    /// `WRAPUP_BEDROCK_ENDPOINT_URL`: another endpoint than the region's (the simulator, tests).
    pub endpoint_url: Option<Url>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardrailConfig {
    /// The guardrail's id or ARN.
    pub id: String,
    /// A version number, or `DRAFT`.
    pub version: String,
}

impl LlmConfig {
    /// An OpenAI-compatible endpoint with the default budget, timeout and attempts.
    pub fn new(base_url: Url, model: impl Into<String>, api_key: impl Into<SecretString>) -> Self {
        Self::with_provider(
            LlmProvider::OpenAi {
                base_url,
                api_key: SecretSource::Value(api_key.into()),
            },
            model,
        )
    }

    /// A Bedrock model (id, inference-profile id or ARN) with the default budget, timeout and
    /// attempts.
    pub fn bedrock(model_id: impl Into<String>, bedrock: BedrockConfig) -> Self {
        Self::with_provider(LlmProvider::Bedrock(bedrock), model_id)
    }

    fn with_provider(provider: LlmProvider, model: impl Into<String>) -> Self {
        Self {
            provider,
            model: model.into(),
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
        if let LlmProvider::OpenAi { base_url, api_key } = self.provider {
            let api_key = api_key.resolve(secrets, &LLM_API_KEY).await?;
            self.provider = LlmProvider::OpenAi { base_url, api_key };
        }
        Ok(self)
    }

    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// `Ok(None)` when the provider is `openai` (the default) and `WRAPUP_LLM_BASE_URL` is unset:
    /// no LLM is configured, which is a valid deployment (the extractive summariser is used).
    /// Once the base URL is set, the model and the key are required. With
    /// `WRAPUP_LLM_PROVIDER=bedrock`, `WRAPUP_BEDROCK_MODEL_ID` is required and the OpenAI
    /// variables are not read.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let provider = get("WRAPUP_LLM_PROVIDER").map(|name| name.to_ascii_lowercase());
        let (provider, model) = match provider.as_deref() {
            None | Some("openai") => {
                let Some(raw_url) = get("WRAPUP_LLM_BASE_URL") else {
                    return Ok(None);
                };
                let base_url = parse_base_url(&raw_url).map_err(|reason| ConfigError::Invalid {
                    name: "WRAPUP_LLM_BASE_URL",
                    reason,
                })?;
                let model = get("WRAPUP_LLM_MODEL").ok_or(ConfigError::Missing("WRAPUP_LLM_MODEL"))?;
                let api_key = SecretSource::from_lookup(&LLM_API_KEY, &lookup)?.ok_or(
                    ConfigError::Missing("WRAPUP_LLM_API_KEY_SECRET_ARN (or WRAPUP_LLM_API_KEY)"),
                )?;
                (LlmProvider::OpenAi { base_url, api_key }, model)
            }
            Some("bedrock") => {
                let model =
                    get("WRAPUP_BEDROCK_MODEL_ID").ok_or(ConfigError::Missing("WRAPUP_BEDROCK_MODEL_ID"))?;
                check_name(&model, 2048).map_err(|reason| ConfigError::Invalid {
                    name: "WRAPUP_BEDROCK_MODEL_ID",
                    reason,
                })?;
                (LlmProvider::Bedrock(BedrockConfig::from_lookup(&get)?), model)
            }
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "WRAPUP_LLM_PROVIDER",
                    reason: format!("{other:?} is neither openai nor bedrock"),
                });
            }
        };
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
            provider,
            model,
            context_tokens,
            max_output_tokens,
            request_timeout: Duration::from_millis(timeout_ms as u64),
            max_attempts: max_attempts as u32,
        }))
    }
}

impl BedrockConfig {
    fn from_lookup(get: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let guardrail = match (
            get("WRAPUP_BEDROCK_GUARDRAIL_ID"),
            get("WRAPUP_BEDROCK_GUARDRAIL_VERSION"),
        ) {
            (None, _) => None,
            (Some(_), None) => return Err(ConfigError::Missing("WRAPUP_BEDROCK_GUARDRAIL_VERSION")),
            (Some(id), Some(version)) => {
                check_name(&id, 2048).map_err(|reason| ConfigError::Invalid {
                    name: "WRAPUP_BEDROCK_GUARDRAIL_ID",
                    reason,
                })?;
                let numbered = !version.is_empty()
                    && version.len() <= 8
                    && version.chars().all(|c| c.is_ascii_digit())
                    && !version.starts_with('0');
                if !(numbered || version == "DRAFT") {
                    return Err(ConfigError::Invalid {
                        name: "WRAPUP_BEDROCK_GUARDRAIL_VERSION",
                        reason: format!("{version:?} is neither a version number nor DRAFT"),
                    });
                }
                Some(GuardrailConfig { id, version })
            }
        };
        let endpoint_url = get("WRAPUP_BEDROCK_ENDPOINT_URL")
            .map(|raw| parse_base_url(&raw))
            .transpose()
            .map_err(|reason| ConfigError::Invalid {
                name: "WRAPUP_BEDROCK_ENDPOINT_URL",
                reason,
            })?;
        Ok(Self {
            guardrail,
            endpoint_url,
        })
    }
}

/// A model or guardrail identifier: at most `max` characters, no whitespace.
fn check_name(name: &str, max: usize) -> Result<(), String> {
    if name.chars().count() > max || name.chars().any(char::is_whitespace) {
        return Err(format!(
            "must be an identifier of at most {max} characters without spaces"
        ));
    }
    Ok(())
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
    use wrapup_genesys::config::env_of as lookup;

    #[test]
    fn completions_url_keeps_the_version_segment() {
        for base in ["https://api.openai.com/v1", "https://api.openai.com/v1/"] {
            let url = completions_url(&Url::parse(base).unwrap()).unwrap();
            assert_eq!(url.as_str(), "https://api.openai.com/v1/chat/completions");
        }
        assert!(completions_url(&Url::parse("ftp://x/").unwrap()).is_err());
        assert!(completions_url(&Url::parse("https://x/v1/?key=1").unwrap()).is_err());
    }

    const BEDROCK: [(&str, &str); 2] = [
        ("WRAPUP_LLM_PROVIDER", "bedrock"),
        (
            "WRAPUP_BEDROCK_MODEL_ID",
            "eu.anthropic.claude-3-haiku-20240307-v1:0",
        ),
    ];

    fn bedrock_with(extra: &[(&'static str, &'static str)]) -> Result<Option<LlmConfig>, ConfigError> {
        let mut pairs = BEDROCK.to_vec();
        pairs.extend_from_slice(extra);
        LlmConfig::from_lookup(lookup(&pairs))
    }

    #[test]
    fn bedrock_needs_a_model_id_and_no_key() {
        // The OpenAI variables are not read once the provider is bedrock.
        let config = bedrock_with(&[
            ("WRAPUP_LLM_BASE_URL", "not a url"),
            ("WRAPUP_LLM_CONTEXT_TOKENS", "200000"),
        ])
        .unwrap()
        .expect("configured");
        assert_eq!(config.model, "eu.anthropic.claude-3-haiku-20240307-v1:0");
        assert_eq!(config.context_tokens, 200_000, "the budget variables are shared");
        let LlmProvider::Bedrock(bedrock) = &config.provider else {
            panic!("{config:?}");
        };
        assert!(bedrock.guardrail.is_none() && bedrock.endpoint_url.is_none());

        let missing = LlmConfig::from_lookup(lookup(&[("WRAPUP_LLM_PROVIDER", "Bedrock")])).unwrap_err();
        assert!(
            missing.to_string().contains("WRAPUP_BEDROCK_MODEL_ID"),
            "{missing}"
        );
        let spaced = LlmConfig::from_lookup(lookup(&[
            ("WRAPUP_LLM_PROVIDER", "bedrock"),
            ("WRAPUP_BEDROCK_MODEL_ID", "a model"),
        ]))
        .unwrap_err();
        assert!(spaced.to_string().contains("WRAPUP_BEDROCK_MODEL_ID"), "{spaced}");
        let unknown = LlmConfig::from_lookup(lookup(&[("WRAPUP_LLM_PROVIDER", "azure")])).unwrap_err();
        assert!(unknown.to_string().contains("WRAPUP_LLM_PROVIDER"), "{unknown}");
        // openai (the default) without a base URL: no LLM, as before.
        assert!(
            LlmConfig::from_lookup(lookup(&[("WRAPUP_LLM_PROVIDER", "openai")]))
                .unwrap()
                .is_none()
        );
        assert!(
            LlmConfig::from_lookup(lookup(&[("WRAPUP_LLM_PROVIDER", " ")]))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_guardrail_needs_its_version_and_the_endpoint_a_url() {
        let config = bedrock_with(&[
            ("WRAPUP_BEDROCK_GUARDRAIL_ID", "gr0abc123"),
            ("WRAPUP_BEDROCK_GUARDRAIL_VERSION", "DRAFT"),
            ("WRAPUP_BEDROCK_ENDPOINT_URL", "http://127.0.0.1:4010/"),
        ])
        .unwrap()
        .unwrap();
        let LlmProvider::Bedrock(bedrock) = &config.provider else {
            panic!("{config:?}");
        };
        assert_eq!(
            bedrock.guardrail,
            Some(GuardrailConfig {
                id: "gr0abc123".into(),
                version: "DRAFT".into()
            })
        );
        assert_eq!(
            bedrock.endpoint_url.as_ref().map(Url::as_str),
            Some("http://127.0.0.1:4010/")
        );
        for (extra, named) in [
            (
                &[("WRAPUP_BEDROCK_GUARDRAIL_ID", "gr0abc123")][..],
                "WRAPUP_BEDROCK_GUARDRAIL_VERSION",
            ),
            (
                &[
                    ("WRAPUP_BEDROCK_GUARDRAIL_ID", "gr0abc123"),
                    ("WRAPUP_BEDROCK_GUARDRAIL_VERSION", "v1"),
                ][..],
                "WRAPUP_BEDROCK_GUARDRAIL_VERSION",
            ),
            (
                &[
                    ("WRAPUP_BEDROCK_GUARDRAIL_ID", "gr 1"),
                    ("WRAPUP_BEDROCK_GUARDRAIL_VERSION", "1"),
                ][..],
                "WRAPUP_BEDROCK_GUARDRAIL_ID",
            ),
            (
                &[("WRAPUP_BEDROCK_ENDPOINT_URL", "localhost:4010")][..],
                "WRAPUP_BEDROCK_ENDPOINT_URL",
            ),
        ] {
            let error = bedrock_with(extra).unwrap_err().to_string();
            assert!(error.contains(named), "{error}");
        }
    }
}
