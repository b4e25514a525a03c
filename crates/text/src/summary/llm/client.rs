//! The OpenAI-compatible [`ModelClient`]: one chat-completions request with a strict
//! `response_format`, retried on 429 (honouring `Retry-After`), 5xx and network errors with the
//! jittered backoff schedule of the Genesys client, inside the caller's deadline.
//!
//! Logs carry statuses, attempts, waits and token counts only: never messages, answers or the key.

use std::time::{Duration, Instant};

use async_trait::async_trait;
use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde_json::json;
use tracing::{debug, warn};
use url::Url;

use super::config::{LlmConfig, LlmProvider, completions_url};
use super::model::{Completion, ModelClient, ModelRequest, Role, within_attempt_time};
use super::response::{completion, refused};
use super::schema::response_format;
use crate::summary::SummarizeError;
use wrapup_core::Deadline;
use wrapup_core::retry::{
    Attempt, GiveUp, RetryPolicy, StatusClass, Stopped, classify_status, parse_retry_after, with_retries,
};
use wrapup_genesys::http_body::{BodyError, read_capped};

/// A bigger answer is not a summary.
const MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;
/// A chat-completions message as the API takes it.
#[derive(Debug, Clone, Serialize)]
struct Message<'a> {
    role: &'static str,
    content: &'a str,
}

pub(super) struct ChatClient {
    http: reqwest::Client,
    endpoint: Url,
    api_key: SecretString,
    model: String,
    max_output_tokens: usize,
    request_timeout: Duration,
    policy: RetryPolicy,
}

impl std::fmt::Debug for ChatClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatClient")
            .field("endpoint", &self.endpoint.as_str())
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

/// Why an attempt produced no answer: the status worth retrying (`None`: no complete answer),
/// or the error that ends the call.
#[derive(Debug)]
enum Failed {
    Status(Option<StatusCode>),
    Error(SummarizeError),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Status(Some(status)) => write!(f, "the LLM endpoint answered {}", status.as_u16()),
            Failed::Status(None) => f.write_str("no complete answer from the LLM endpoint"),
            Failed::Error(error) => error.fmt(f),
        }
    }
}

#[async_trait]
impl ModelClient for ChatClient {
    fn model(&self) -> &str {
        &self.model
    }

    /// Sends the system prompt and the turns with the schema as a strict `response_format`.
    async fn complete(
        &self,
        request: ModelRequest<'_>,
        deadline: Deadline,
        purpose: &'static str,
    ) -> Result<Completion, SummarizeError> {
        let system = Message {
            role: "system",
            content: request.system,
        };
        let messages: Vec<Message<'_>> = std::iter::once(system)
            .chain(request.turns.iter().map(|turn| Message {
                role: match turn.role {
                    Role::User => "user",
                    Role::Assistant => "assistant",
                },
                content: &turn.content,
            }))
            .collect();
        let body = json!({
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": self.max_output_tokens,
            "response_format": response_format(request.schema_name, request.schema),
        });
        let body = Bytes::from(
            serde_json::to_vec(&body)
                .map_err(|e| SummarizeError::Upstream(format!("cannot encode the LLM request: {e}")))?,
        );
        let body = &body;
        let outcome = with_retries(&self.policy, deadline, purpose, |attempt| {
            self.attempt(body, deadline, purpose, attempt)
        })
        .await;
        match outcome {
            Ok(completion) => Ok(completion),
            Err(Stopped::GaveUp {
                error: Failed::Status(status),
                attempts,
                retry_after,
                why,
            }) => Err(give_up_error(status, retry_after, why, attempts)),
            Err(stopped) => Err(match stopped.into_error() {
                Failed::Error(error) => error,
                // Only retries carry a status, and they end as `GaveUp`.
                Failed::Status(status) => give_up_error(status, None, GiveUp::AttemptsExhausted, 1),
            }),
        }
    }
}

impl ChatClient {
    /// Checks the base URL and the key (read from Secrets Manager by now) and builds the HTTP
    /// client.
    pub(super) fn new(config: &LlmConfig, policy: RetryPolicy) -> Result<Self, SummarizeError> {
        let not_configured =
            |reason: String| SummarizeError::NotConfigured(format!("LLM summariser: {reason}"));
        let LlmProvider::OpenAi { base_url, api_key } = &config.provider else {
            return Err(not_configured("not an OpenAI-compatible endpoint".into()));
        };
        let endpoint = completions_url(base_url).map_err(|e| not_configured(format!("the base URL {e}")))?;
        let Some(api_key) = api_key.value().cloned() else {
            return Err(not_configured(
                "the API key is still a Secrets Manager reference: call LlmConfig::resolve_api_key first"
                    .to_owned(),
            ));
        };
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .pool_idle_timeout(Duration::from_secs(50))
            .user_agent(concat!("wrapup/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| not_configured(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            http,
            endpoint,
            api_key,
            model: config.model.clone(),
            max_output_tokens: config.max_output_tokens,
            request_timeout: config.request_timeout,
            policy,
        })
    }

    async fn attempt(
        &self,
        body: &Bytes,
        deadline: Deadline,
        purpose: &'static str,
        attempt: u32,
    ) -> Attempt<Completion, Failed> {
        let fatal = |error| Attempt::Fatal(Failed::Error(error));
        let retry = |status, retry_after| Attempt::Retry {
            error: Failed::Status(status),
            retry_after,
        };
        let started = Instant::now();
        let exchange = async {
            let mut request = self
                .http
                .post(self.endpoint.clone())
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
            // Local endpoints may need no key; an empty one is not sent.
            let key = self.api_key.expose_secret();
            if !key.is_empty() {
                request = request.bearer_auth(key);
            }
            let response = request.send().await?;
            let status = response.status();
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            // `None`: past the limit (reported as such below, never held whole).
            let body = match read_capped(response, MAX_RESPONSE_BYTES).await {
                Ok(body) => Some(body),
                Err(BodyError::TooLarge { .. }) => None,
                Err(BodyError::Transport(error)) => return Err(error),
            };
            Ok::<_, reqwest::Error>((status, retry_after, body))
        };
        let outcome = match within_attempt_time(
            exchange,
            self.request_timeout,
            deadline,
            "openai",
            purpose,
            attempt,
        )
        .await
        {
            Ok(outcome) => outcome,
            Err(error) => return fatal(error),
        };
        let (status, retry_after, body) = match outcome {
            Ok(parts) => parts,
            Err(error) => {
                warn!(purpose, attempt, error = %error.without_url(), "llm request failed to complete");
                return retry(None, None);
            }
        };
        let elapsed_ms = started.elapsed().as_millis() as u64;
        debug!(
            purpose,
            attempt,
            status = status.as_u16(),
            elapsed_ms,
            "llm answered"
        );
        if status.is_success() {
            let Some(body) = body else {
                return fatal(SummarizeError::Upstream(format!(
                    "the LLM answer is larger than {MAX_RESPONSE_BYTES} bytes"
                )));
            };
            return match completion(&body, status) {
                Ok(completion) => Attempt::Done(completion),
                Err(error) => fatal(error),
            };
        }
        // A chat completion is safe to repeat: nothing is written.
        if classify_status(status.as_u16(), true) == StatusClass::Retryable {
            return retry(Some(status), retry_after);
        }
        fatal(refused(status, body.as_deref()))
    }
}

/// The error once no further attempt will be made.
fn give_up_error(
    status: Option<StatusCode>,
    retry_after: Option<Duration>,
    give_up: GiveUp,
    attempts: u32,
) -> SummarizeError {
    match (status, give_up) {
        (Some(StatusCode::TOO_MANY_REQUESTS), GiveUp::OverBudget { wait, .. }) => {
            SummarizeError::RateLimited {
                retry_after: Some(retry_after.unwrap_or(wait)),
            }
        }
        (Some(StatusCode::TOO_MANY_REQUESTS), GiveUp::AttemptsExhausted) => {
            SummarizeError::RateLimited { retry_after }
        }
        (Some(status), GiveUp::AttemptsExhausted) => SummarizeError::Upstream(format!(
            "the LLM endpoint answered {} on all {attempts} attempts",
            status.as_u16()
        )),
        (Some(status), GiveUp::OverBudget { .. }) => SummarizeError::Upstream(format!(
            "the LLM endpoint answered {} and the deadline leaves no time to retry",
            status.as_u16()
        )),
        (None, _) => SummarizeError::Upstream(format!(
            "the LLM endpoint could not be reached ({attempts} attempts)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn giving_up_on_429_reports_the_wait() {
        let error = give_up_error(
            Some(StatusCode::TOO_MANY_REQUESTS),
            Some(Duration::from_secs(30)),
            GiveUp::OverBudget {
                wait: Duration::from_secs(30),
                remaining: Duration::from_secs(2),
            },
            1,
        );
        assert!(
            matches!(error, SummarizeError::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(30))
        );
        let error = give_up_error(Some(StatusCode::BAD_GATEWAY), None, GiveUp::AttemptsExhausted, 3);
        assert!(error.to_string().contains("502 on all 3 attempts"));
    }
}
