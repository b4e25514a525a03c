//! The summary model, the options a caller chooses, and the `Summarizer` trait every source
//! (Genesys Copilot, an LLM, the built-in extractive summariser) implements.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::genesys::Deadline;
use crate::ids::ConversationId;
pub use crate::sentiment::Sentiment;
use crate::transcript::Transcript;

pub mod extractive;
pub mod genesys;
pub mod llm;

/// How long the summary should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SummaryLength {
    Short,
    #[default]
    Medium,
    Long,
}

impl SummaryLength {
    /// Sentences in the executive summary.
    pub fn sentences(self) -> usize {
        match self {
            SummaryLength::Short => 2,
            SummaryLength::Medium => 3,
            SummaryLength::Long => 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SummaryTone {
    #[default]
    Neutral,
    Formal,
    Casual,
    Empathetic,
}

/// The source a caller asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceChoice {
    /// Genesys Copilot if it has a completed summary, else the LLM if configured, else extractive.
    #[default]
    Auto,
    Genesys,
    Llm,
    Extractive,
}

/// The source that produced a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SummarySource {
    Genesys,
    Llm,
    Extractive,
}

impl SummarySource {
    pub fn as_str(self) -> &'static str {
        match self {
            SummarySource::Genesys => "genesys",
            SummarySource::Llm => "llm",
            SummarySource::Extractive => "extractive",
        }
    }
}

/// What a caller asked for, beyond the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryOptions {
    /// BCP-47 tag of the summary's language; `None` = the transcript's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default)]
    pub length: SummaryLength,
    #[serde(default)]
    pub tone: SummaryTone,
    #[serde(default)]
    pub source: SourceChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Agent,
    Customer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionItem {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// The due phrase as said ("by Friday", "tomorrow") or an ISO date when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
}

/// A structured post-call summary (the `summary` object of the API answer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub executive_summary: String,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    pub customer_sentiment: Sentiment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    #[serde(default)]
    pub key_phrases: Vec<String>,
    /// 0..=1.
    pub confidence: f32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenUsage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    /// Chat-completion requests made (map-reduce makes several).
    pub requests: u32,
}

/// Which source produced the summary, with which model, at what cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    #[serde(rename = "type")]
    pub source: SummarySource,
    /// The LLM's model, `genesys-copilot`, or `wrapup-extractive-v1`.
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<TokenUsage>,
    /// Why a fallback source was used (e.g. "llm timed out"), without internals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
}

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
    Genesys(#[from] crate::genesys::GenesysError),
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
