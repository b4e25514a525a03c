//! The Amazon Bedrock [`ModelClient`]: the Converse API with the answer's schema as the input
//! schema of one tool the model is forced to call, authorised by the function's IAM role (no
//! key). The SDK's own retries are off: throttling (`ThrottlingException`, a 429) and passing
//! outages (`ServiceUnavailableException`, `InternalServerException`, `ModelNotReadyException`,
//! other 5xx, no answer) are retried by the one retry core within the deadline; every other
//! error ends the call with a cause of its own. Errors are told apart by their type, never by their text, and
//! their messages (which may quote the request) are never kept.

mod request;
#[cfg(test)]
mod tests;

use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::config::retry::RetryConfig;
use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_bedrockruntime::operation::converse::ConverseError;
use tracing::debug;

use self::request::{RequestSettings, converse_request, read_answer};
use super::config::{BedrockConfig, GuardrailConfig, LlmConfig};
use super::model::within_attempt_time;
use super::model::{Completion, ModelClient, ModelRequest};
use crate::summary::SummarizeError;
use wrapup_core::Deadline;
use wrapup_core::retry::{Attempt, GiveUp, RetryPolicy, StatusClass, Stopped, classify_status, with_retries};

pub(super) struct BedrockClient {
    client: Client,
    model_id: String,
    guardrail: Option<GuardrailConfig>,
    max_output_tokens: i32,
    request_timeout: Duration,
    policy: RetryPolicy,
}

impl std::fmt::Debug for BedrockClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BedrockClient")
            .field("model_id", &self.model_id)
            .field("guardrail", &self.guardrail)
            .finish_non_exhaustive()
    }
}

impl BedrockClient {
    /// The client of `aws`'s region and credentials; `bedrock.endpoint_url` replaces the
    /// region's endpoint (the simulator in tests).
    pub(super) fn new(
        aws: &aws_config::SdkConfig,
        bedrock: &BedrockConfig,
        config: &LlmConfig,
        policy: RetryPolicy,
    ) -> Self {
        let mut sdk =
            aws_sdk_bedrockruntime::config::Builder::from(aws).retry_config(RetryConfig::disabled());
        if let Some(endpoint) = &bedrock.endpoint_url {
            // The SDK appends `/model/{modelId}/converse` to the endpoint as given.
            sdk = sdk.endpoint_url(endpoint.as_str().trim_end_matches('/'));
        }
        Self {
            client: Client::from_conf(sdk.build()),
            model_id: config.model.clone(),
            guardrail: bedrock.guardrail.clone(),
            max_output_tokens: i32::try_from(config.max_output_tokens).unwrap_or(i32::MAX),
            request_timeout: config.request_timeout,
            policy,
        }
    }

    async fn attempt(
        &self,
        call: &aws_sdk_bedrockruntime::operation::converse::builders::ConverseFluentBuilder,
        tool_name: &str,
        deadline: Deadline,
        purpose: &'static str,
        attempt: u32,
    ) -> Attempt<Completion, Failed> {
        let fatal = |error| Attempt::Fatal(Failed::Error(error));
        let outcome = match within_attempt_time(
            call.clone().send(),
            self.request_timeout,
            deadline,
            "bedrock",
            purpose,
            attempt,
        )
        .await
        {
            Ok(outcome) => outcome,
            Err(error) => return fatal(error),
        };
        match outcome {
            Ok(output) => {
                debug!(
                    purpose,
                    attempt,
                    stop_reason = output.stop_reason().as_str(),
                    "bedrock answered"
                );
                match read_answer(&output, tool_name) {
                    Ok(completion) => Attempt::Done(completion),
                    Err(error) => fatal(error),
                }
            }
            Err(error) => {
                let failed = classify(&error, &self.model_id);
                if let Failed::Error(error) = failed {
                    return fatal(error);
                }
                Attempt::Retry {
                    error: failed,
                    retry_after: None,
                }
            }
        }
    }
}

#[async_trait]
impl ModelClient for BedrockClient {
    fn model(&self) -> &str {
        &self.model_id
    }

    async fn complete(
        &self,
        request: ModelRequest<'_>,
        deadline: Deadline,
        purpose: &'static str,
    ) -> Result<Completion, SummarizeError> {
        let settings = RequestSettings {
            model_id: &self.model_id,
            max_output_tokens: self.max_output_tokens,
            guardrail: self.guardrail.as_ref(),
        };
        let call = converse_request(&self.client, &settings, &request)?;
        let call = &call;
        let outcome = with_retries(&self.policy, deadline, purpose, |attempt| {
            self.attempt(call, request.schema_name, deadline, purpose, attempt)
        })
        .await;
        outcome.map_err(give_up_error)
    }
}

/// Why an attempt produced no answer.
#[derive(Debug)]
enum Failed {
    /// Bedrock is throttling: retried, then `RateLimited`.
    Throttled,
    /// Bedrock or the way to it failed in passing (what, by type): retried, then `Upstream`.
    Unavailable(&'static str),
    /// No attempt can succeed.
    Error(SummarizeError),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Throttled => f.write_str("Bedrock is throttling (ThrottlingException)"),
            Failed::Unavailable(what) => write!(f, "Bedrock is unavailable ({what})"),
            Failed::Error(error) => error.fmt(f),
        }
    }
}

/// What a failed Converse call means, by the error's type and the HTTP status.
fn classify(error: &SdkError<ConverseError>, model_id: &str) -> Failed {
    match error {
        SdkError::ServiceError(service) => {
            classify_service(service.err(), service.raw().status().as_u16(), model_id)
        }
        SdkError::DispatchFailure(_) => Failed::Unavailable("no connection"),
        SdkError::TimeoutError(_) => Failed::Unavailable("no answer in time"),
        SdkError::ResponseError(response) => {
            let status = response.raw().status().as_u16();
            if classify_status(status, true) == StatusClass::Retryable {
                Failed::Unavailable("an unreadable error answer")
            } else {
                Failed::Error(SummarizeError::Upstream(format!(
                    "Bedrock answered {status} with a body that is not a Converse response"
                )))
            }
        }
        _ => Failed::Error(SummarizeError::Upstream(
            "the Bedrock request could not be built or signed: check the function's region and \
             credentials"
                .into(),
        )),
    }
}

fn classify_service(error: &ConverseError, status: u16, model_id: &str) -> Failed {
    match error {
        ConverseError::ThrottlingException(_) => Failed::Throttled,
        // The model is being loaded: the SDK would retry it too.
        ConverseError::ModelNotReadyException(_) => Failed::Unavailable("ModelNotReadyException"),
        ConverseError::ServiceUnavailableException(_) => Failed::Unavailable("ServiceUnavailableException"),
        ConverseError::InternalServerException(_) => Failed::Unavailable("InternalServerException"),
        ConverseError::AccessDeniedException(_) => Failed::Error(SummarizeError::AccessDenied(format!(
            "Bedrock denied access to the model {model_id} (AccessDeniedException): grant model access \
             in the Bedrock console and bedrock:InvokeModel on it to the function's role"
        ))),
        ConverseError::ValidationException(_) => Failed::Error(SummarizeError::InvalidRequest(format!(
            "Bedrock rejected the request to {model_id} as invalid (ValidationException): the model \
             may not support a forced tool choice, or the request exceeds its context"
        ))),
        ConverseError::ResourceNotFoundException(_) => {
            Failed::Error(SummarizeError::InvalidRequest(format!(
                "Bedrock has no model {model_id} in this region (ResourceNotFoundException): check \
             WRAPUP_BEDROCK_MODEL_ID"
            )))
        }
        ConverseError::ModelTimeoutException(_) => Failed::Error(SummarizeError::ModelTimeout(format!(
            "the model {model_id} took longer than Bedrock allows (ModelTimeoutException)"
        ))),
        ConverseError::ModelErrorException(_) => Failed::Error(SummarizeError::Upstream(format!(
            "the model {model_id} failed to process the request (ModelErrorException)"
        ))),
        _ if status == 429 => Failed::Throttled,
        _ if classify_status(status, true) == StatusClass::Retryable => Failed::Unavailable("a server error"),
        other => {
            // The error code names a type; a code that is not a plain name is not repeated.
            let code = other
                .code()
                .filter(|c| c.len() <= 64 && c.chars().all(|ch| ch.is_ascii_alphanumeric()));
            Failed::Error(SummarizeError::Upstream(match code {
                Some(code) => format!("Bedrock refused the request ({status}, {code})"),
                None => format!("Bedrock refused the request ({status})"),
            }))
        }
    }
}

/// The error once no further attempt will be made.
fn give_up_error(stopped: Stopped<Failed>) -> SummarizeError {
    let attempts = stopped.attempts();
    let why = match &stopped {
        Stopped::GaveUp { why, .. } => Some(*why),
        Stopped::Fatal { .. } => None,
    };
    match (stopped.into_error(), why) {
        (Failed::Error(error), _) => error,
        (Failed::Throttled, Some(GiveUp::OverBudget { wait, .. })) => SummarizeError::RateLimited {
            retry_after: Some(wait),
        },
        (Failed::Throttled, _) => SummarizeError::RateLimited { retry_after: None },
        (Failed::Unavailable(what), Some(GiveUp::OverBudget { .. })) => SummarizeError::Upstream(format!(
            "Bedrock was unavailable ({what}) and the deadline leaves no time to retry"
        )),
        (Failed::Unavailable(what), _) => SummarizeError::Upstream(format!(
            "Bedrock was unavailable ({what}) on all {attempts} attempts"
        )),
    }
}
