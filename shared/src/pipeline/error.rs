//! What can go wrong in the pipeline, in terms a caller can act on.

use std::time::Duration;

use crate::genesys::GenesysError;
use crate::language::{CallLanguage, LanguageSource, SERVED};
use crate::queue::QueueError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("Genesys Cloud does not know this conversation")]
    UnknownConversation,
    #[error("the conversation has no transcript yet")]
    NoTranscript,
    #[error("Genesys Copilot has no completed summary for this conversation")]
    NoCopilotSummary,
    #[error("no LLM is configured for this deployment")]
    LlmNotConfigured,
    /// The transcript is longer than this deployment summarises (`WRAPUP_MAX_TRANSCRIPT_CHARS`).
    #[error(
        "the transcript has {chars} characters of text, more than this deployment's limit of {limit} \
         (WRAPUP_MAX_TRANSCRIPT_CHARS)"
    )]
    TranscriptTooLarge { chars: usize, limit: usize },
    /// Genesys' documents of the conversation are past what the function reads (the sentence
    /// says which and its limit).
    #[error("the conversation is too large to summarise: {0}")]
    ConversationTooLarge(String),
    /// The request's `language`, or the call's own, is accepted but not served by every stage.
    #[error("{} {}", not_served_field(.0), not_served_reason(.0))]
    LanguageNotServed(CallLanguage),
    #[error("Genesys Cloud is rate limiting; retry after {retry_after:?}")]
    RateLimited {
        retry_after: Duration,
        context_id: Option<String>,
    },
    /// Genesys failed; `detail` is for logs only, never for a response body.
    #[error("Genesys Cloud failed: {detail}")]
    Upstream {
        status: Option<u16>,
        context_id: Option<String>,
        detail: String,
    },
    #[error("the request did not finish within its deadline")]
    DeadlineExceeded,
    #[error("the summary-jobs message is invalid: {0}")]
    InvalidJob(String),
    #[error("a newer request ({by}) took this computation over")]
    Superseded { by: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Queue(#[from] QueueError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl PipelineError {
    /// Worth retrying later (a queued job goes back to the queue; an API caller may retry).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            PipelineError::RateLimited { .. }
                | PipelineError::Upstream { .. }
                | PipelineError::DeadlineExceeded
                | PipelineError::Store(_)
                | PipelineError::Queue(_)
                | PipelineError::NoTranscript
        )
    }

    /// A short machine-readable code for API bodies, audit records and logs.
    pub fn code(&self) -> &'static str {
        match self {
            PipelineError::UnknownConversation => "conversation_not_found",
            PipelineError::NoTranscript => "transcript_not_ready",
            PipelineError::NoCopilotSummary => "copilot_summary_not_found",
            PipelineError::LlmNotConfigured => "llm_not_configured",
            PipelineError::TranscriptTooLarge { .. } | PipelineError::ConversationTooLarge(_) => {
                "transcript_too_large"
            }
            PipelineError::LanguageNotServed(_) => "language_not_served",
            PipelineError::RateLimited { .. } => "genesys_rate_limited",
            PipelineError::Upstream { .. } => "genesys_unavailable",
            PipelineError::DeadlineExceeded => "deadline_exceeded",
            PipelineError::InvalidJob(_) => "invalid_job",
            PipelineError::Superseded { .. } => "superseded",
            PipelineError::Store(_) | PipelineError::Queue(_) | PipelineError::Internal(_) => {
                "internal_error"
            }
        }
    }
}

impl PipelineError {
    /// What a caller may read about the failure (`GET /summaries/{id}`'s `error.message`): the
    /// message of a client-facing failure, and for the others what failed without its details
    /// (SDK errors name roles, tables and the account; Genesys' text is Genesys'). The details
    /// stay in the logs, next to the audit record's id.
    pub fn public_message(&self) -> String {
        match self {
            PipelineError::Upstream {
                status, context_id, ..
            } => {
                let status = status.map_or_else(|| "no answer".to_owned(), |s| format!("status {s}"));
                match context_id {
                    Some(id) => format!("Genesys Cloud failed ({status}, contextId {id})"),
                    None => format!("Genesys Cloud failed ({status})"),
                }
            }
            PipelineError::InvalidJob(_) => "the summary-jobs message is invalid".to_owned(),
            PipelineError::Store(_) | PipelineError::Queue(_) | PipelineError::Internal(_) => {
                "an internal error stopped the summary; the audit record's id finds its cause in the logs"
                    .to_owned()
            }
            other => other.to_string(),
        }
    }
}

/// The request field a language that is not served came from: `language` when the request named
/// it, else the conversation whose call is in it.
pub fn not_served_field(language: &CallLanguage) -> &'static str {
    match language.source {
        LanguageSource::Request => "language",
        LanguageSource::Transcript | LanguageSource::Detected => "conversationId",
    }
}

/// Why a language is refused, with the languages that are served.
pub fn not_served_reason(language: &CallLanguage) -> String {
    let tag = &language.tag;
    let served = SERVED.join(", ");
    match language.source {
        LanguageSource::Request => {
            format!("{tag} is accepted but not served yet; served languages: {served}")
        }
        LanguageSource::Transcript => format!(
            "is a call in {tag} (the language of Genesys' transcript), which is not served yet; \
             served languages: {served}"
        ),
        LanguageSource::Detected => format!(
            "is a call in {tag} (detected from the transcript), and the call's language is not served \
             yet; served languages: {served}"
        ),
    }
}

impl From<GenesysError> for PipelineError {
    fn from(err: GenesysError) -> Self {
        let context_id = err.context_id().map(str::to_owned);
        match &err {
            e if e.is_not_found() => PipelineError::UnknownConversation,
            GenesysError::RateLimited { retry_after, .. } => PipelineError::RateLimited {
                retry_after: *retry_after,
                context_id,
            },
            GenesysError::Api { status: 429, .. } => PipelineError::RateLimited {
                retry_after: Duration::from_secs(5),
                context_id,
            },
            GenesysError::DeadlineExceeded { .. } | GenesysError::TokenWaitTimedOut => {
                PipelineError::DeadlineExceeded
            }
            GenesysError::Timeout { .. } => PipelineError::DeadlineExceeded,
            GenesysError::TooLarge { .. } => PipelineError::ConversationTooLarge(err.to_string()),
            _ => PipelineError::Upstream {
                status: err.status(),
                context_id,
                detail: err.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_failure_shows_what_failed_and_none_of_its_internals() {
        let sdk_text = "AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/wrapup-SummaryApi/x \
                        is not authorized to perform dynamodb:PutItem on table/wrapup-summaries";
        let internal = [
            PipelineError::Store(StoreError::DynamoDb {
                operation: "PutItem",
                message: sdk_text.into(),
            }),
            PipelineError::Internal(sdk_text.into()),
            PipelineError::Upstream {
                status: Some(503),
                context_id: Some("ctx-1".into()),
                detail: format!("upstream said: {sdk_text}"),
            },
            PipelineError::InvalidJob(sdk_text.into()),
        ];
        for err in internal {
            let message = err.public_message();
            assert!(
                !message.contains("arn:")
                    && !message.contains("123456789012")
                    && !message.contains("upstream said"),
                "{message}"
            );
            assert!(!message.is_empty());
        }
        let upstream = PipelineError::Upstream {
            status: Some(503),
            context_id: Some("ctx-1".into()),
            detail: "x".into(),
        };
        assert_eq!(
            upstream.public_message(),
            "Genesys Cloud failed (status 503, contextId ctx-1)"
        );
        // A client-facing failure keeps its whole message.
        let large = PipelineError::TranscriptTooLarge { chars: 10, limit: 5 };
        assert_eq!(large.public_message(), large.to_string());
    }

    #[test]
    fn a_conversation_past_the_read_limits_is_a_client_error_not_retried() {
        let err = PipelineError::from(GenesysError::TooLarge {
            what: "a transcript document",
            limit: "16777216 bytes".into(),
        });
        assert!(matches!(err, PipelineError::ConversationTooLarge(_)), "{err:?}");
        assert!(!err.is_transient());
        assert_eq!(err.code(), "transcript_too_large");
        assert!(
            err.public_message().contains("a transcript document"),
            "{}",
            err.public_message()
        );
    }
}
