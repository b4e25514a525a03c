//! The `Summarizer` trait every source (Genesys Copilot, an LLM, the built-in extractive
//! summariser) implements, over the summary model and the options a caller chooses
//! (`wrapup_core::summary`, re-exported here).

use async_trait::async_trait;

use crate::transcript::Transcript;
use wrapup_core::Deadline;
use wrapup_core::ids::ConversationId;
pub use wrapup_core::summary::{
    ActionItem, Owner, Provenance, Sentiment, SourceChoice, Summary, SummaryLength, SummaryOptions,
    SummarySource, SummaryTone, TokenUsage,
};

pub mod extractive;
pub mod genesys;
pub mod llm;

#[derive(Debug, Clone, PartialEq)]
pub struct Summarized {
    pub summary: Summary,
    pub provenance: Provenance,
}

/// What a summariser gets: the REDACTED transcript and the caller's options.
pub struct SummaryInput<'a> {
    pub conversation_id: &'a ConversationId,
    pub transcript: &'a Transcript,
    /// The transcript's customer sentiment ([`crate::sentiment::customer_sentiment`]), read once
    /// by the pipeline ([`crate::redact::RedactedCall::customer_sentiment`]): the summaries
    /// that report it and verification share it.
    pub customer_sentiment: Sentiment,
    pub options: &'a SummaryOptions,
    pub deadline: Deadline,
}

#[derive(Debug, thiserror::Error)]
pub enum SummarizeError {
    /// The source has nothing for this conversation (no completed Copilot summary).
    #[error("{0}")]
    Unavailable(String),
    /// The source is not configured (no LLM endpoint).
    #[error("{0}")]
    NotConfigured(String),
    #[error("the summariser did not finish within the deadline")]
    DeadlineExceeded,
    /// The source is throttling us beyond the budget.
    #[error("the summariser is rate limited")]
    RateLimited {
        retry_after: Option<std::time::Duration>,
    },
    /// The source answered something unusable (after the repair round, for an LLM).
    #[error("{0}")]
    InvalidOutput(String),
    #[error("{0}")]
    Upstream(String),
    /// The provider refused access to the model (Bedrock model access not granted, or the
    /// function's role may not invoke it).
    #[error("{0}")]
    AccessDenied(String),
    /// The provider rejected the request as invalid (an unknown model, a feature the model
    /// lacks); the same request fails again.
    #[error("{0}")]
    InvalidRequest(String),
    /// The model took longer than its provider allows (Bedrock's `ModelTimeoutException`).
    #[error("{0}")]
    ModelTimeout(String),
    /// A Bedrock guardrail intervened on the request or the answer: what it let through is no
    /// summary.
    #[error("the LLM's guardrail intervened")]
    GuardrailIntervened,
    #[error(transparent)]
    Genesys(#[from] wrapup_genesys::GenesysError),
}

/// Why the built-in summariser stood in for the LLM: the answer's `fallbackReason` is its
/// [`FallbackCause::reason`], the metrics' `Cause` its [`FallbackCause::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FallbackCause {
    Timeout,
    RateLimited,
    InvalidOutput,
    NotConfigured,
    Failed,
    AccessDenied,
    InvalidRequest,
    ModelTimeout,
    /// Also a verification reason ([`crate::verify::ReasonKind::Guardrail`]): the call goes to
    /// review.
    Guardrail,
}

impl FallbackCause {
    pub const ALL: [FallbackCause; 9] = [
        FallbackCause::Timeout,
        FallbackCause::RateLimited,
        FallbackCause::InvalidOutput,
        FallbackCause::NotConfigured,
        FallbackCause::Failed,
        FallbackCause::AccessDenied,
        FallbackCause::InvalidRequest,
        FallbackCause::ModelTimeout,
        FallbackCause::Guardrail,
    ];

    pub fn of(err: &SummarizeError) -> Self {
        match err {
            SummarizeError::DeadlineExceeded => FallbackCause::Timeout,
            SummarizeError::RateLimited { .. } => FallbackCause::RateLimited,
            SummarizeError::InvalidOutput(_) => FallbackCause::InvalidOutput,
            SummarizeError::NotConfigured(_) => FallbackCause::NotConfigured,
            SummarizeError::AccessDenied(_) => FallbackCause::AccessDenied,
            SummarizeError::InvalidRequest(_) => FallbackCause::InvalidRequest,
            SummarizeError::ModelTimeout(_) => FallbackCause::ModelTimeout,
            SummarizeError::GuardrailIntervened => FallbackCause::Guardrail,
            _ => FallbackCause::Failed,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            FallbackCause::Timeout => "timeout",
            FallbackCause::RateLimited => "rate_limited",
            FallbackCause::InvalidOutput => "invalid_output",
            FallbackCause::NotConfigured => "not_configured",
            FallbackCause::Failed => "failed",
            FallbackCause::AccessDenied => "access_denied",
            FallbackCause::InvalidRequest => "invalid_request",
            FallbackCause::ModelTimeout => "model_timeout",
            FallbackCause::Guardrail => "guardrail",
        }
    }

    /// What the answer says, without internals.
    pub fn reason(self) -> &'static str {
        match self {
            FallbackCause::Timeout => "the LLM did not answer in time",
            FallbackCause::RateLimited => "the LLM is rate limiting",
            FallbackCause::InvalidOutput => "the LLM answered invalid JSON twice",
            FallbackCause::NotConfigured => "no LLM is configured",
            FallbackCause::Failed => "the LLM failed",
            FallbackCause::AccessDenied => "access to the LLM's model is not granted",
            FallbackCause::InvalidRequest => "the LLM rejected the request",
            FallbackCause::ModelTimeout => "the LLM's model timed out",
            FallbackCause::Guardrail => "the LLM's guardrail intervened",
        }
    }

    /// The cause of a stored answer's `fallbackReason`.
    pub fn from_reason(reason: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|cause| cause.reason() == reason)
    }
}

#[async_trait]
pub trait Summarizer: Send + Sync {
    fn source(&self) -> SummarySource;
    async fn summarize(&self, input: &SummaryInput<'_>) -> Result<Summarized, SummarizeError>;
}
