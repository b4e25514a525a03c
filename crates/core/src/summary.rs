//! The summary model every layer shares: what a summary holds, where it came from and what a
//! caller asked for. Plain data (serde), below the text pipeline that writes it, the stores and
//! queues that keep and carry it, and the CRM targets that write it.

use serde::{Deserialize, Serialize};

/// The customer's sentiment over a call (the summary's `customerSentiment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
    Mixed,
}

impl Sentiment {
    /// Its name as the API and the CRM write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Positive => "positive",
            Sentiment::Neutral => "neutral",
            Sentiment::Negative => "negative",
            Sentiment::Mixed => "mixed",
        }
    }
}

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
