//! The one seam between the summariser and a model provider: a [`ModelClient`] sends a system
//! prompt and the conversation so far with the JSON schema the answer must match, and returns the
//! answer's JSON text and its token usage. The prompt, validation, repair round, map-reduce and
//! the verification judge sit above it and are shared by every provider (the OpenAI-compatible
//! chat-completions client and the Amazon Bedrock Converse client).

use async_trait::async_trait;
use serde_json::Value;

use crate::summary::{SummarizeError, TokenUsage};
use wrapup_core::Deadline;

/// Who said a turn of the conversation after the system prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Assistant,
}

/// One turn: the transcript or an instruction (user), or an earlier answer (assistant, only in
/// the repair round).
#[derive(Debug, Clone)]
pub struct Turn {
    pub role: Role,
    pub content: String,
}

impl Turn {
    pub fn user(content: String) -> Self {
        Self {
            role: Role::User,
            content,
        }
    }

    pub fn assistant(content: String) -> Self {
        Self {
            role: Role::Assistant,
            content,
        }
    }
}

/// One structured-output request.
#[derive(Debug, Clone, Copy)]
pub struct ModelRequest<'a> {
    pub system: &'a str,
    pub turns: &'a [Turn],
    /// The name the provider shows the model for the schema (`post_call_summary`, the judge's).
    pub schema_name: &'a str,
    /// The JSON schema of the answer.
    pub schema: &'a Value,
}

/// One answer: the JSON text the model produced (not yet validated) and what it cost.
#[derive(Debug, Clone, Default)]
pub struct Completion {
    pub content: String,
    pub usage: TokenUsage,
}

/// A model provider. Implementations retry what is worth retrying within `deadline` through the
/// one retry core and map every failure to a [`SummarizeError`]; they never log prompts or
/// answers. `purpose` names the request in logs (`whole`, `part`, `merge`, `repair`, `judge`).
#[async_trait]
pub trait ModelClient: Send + Sync + std::fmt::Debug {
    /// The model's name as the provenance and the audit record show it.
    fn model(&self) -> &str;

    async fn complete(
        &self,
        request: ModelRequest<'_>,
        deadline: Deadline,
        purpose: &'static str,
    ) -> Result<Completion, SummarizeError>;
}

/// An attempt gets less than this of the deadline: not started.
pub(super) const MIN_ATTEMPT_TIME: std::time::Duration = std::time::Duration::from_millis(50);

/// Runs one attempt of a provider's request within its time: the request timeout, never past
/// the deadline. Running out of the deadline is `DeadlineExceeded`; out of the request timeout,
/// an `Upstream` failure that is not worth a retry (a model this slow is slow again: the time
/// goes to the fallback). `provider` and `purpose` name it in the logs.
pub(super) async fn within_attempt_time<F: std::future::Future>(
    request: F,
    request_timeout: std::time::Duration,
    deadline: Deadline,
    provider: &'static str,
    purpose: &'static str,
    attempt: u32,
) -> Result<F::Output, SummarizeError> {
    let remaining = deadline.remaining();
    if remaining < MIN_ATTEMPT_TIME {
        return Err(SummarizeError::DeadlineExceeded);
    }
    let timeout = request_timeout.min(remaining);
    match tokio::time::timeout(timeout, request).await {
        Ok(output) => Ok(output),
        Err(_) if timeout < request_timeout || deadline.is_past() => {
            tracing::warn!(
                provider,
                purpose,
                attempt,
                timeout_ms = timeout.as_millis() as u64,
                "model request hit the deadline"
            );
            Err(SummarizeError::DeadlineExceeded)
        }
        Err(_) => {
            tracing::warn!(
                provider,
                purpose,
                attempt,
                timeout_ms = timeout.as_millis() as u64,
                "model request timed out"
            );
            Err(SummarizeError::Upstream(format!(
                "the LLM did not answer within the request timeout of {} ms",
                timeout.as_millis()
            )))
        }
    }
}
