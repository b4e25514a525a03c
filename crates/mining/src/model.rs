//! The vocabulary of archive mining: who said it, which path produced the numbers, and one
//! aggregate row per (day, media type, product, speaker).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who mentioned the product. IVR prompts and system messages are not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    Customer,
    Agent,
    /// Either of them: the row's `conversations` counts a conversation once even when both
    /// mentioned the product. Topic aggregates (no speaker split) have only these rows.
    Any,
}

impl Speaker {
    /// The speakers a transcript phrase is attributed to.
    pub const PEOPLE: [Speaker; 2] = [Speaker::Customer, Speaker::Agent];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Agent => "agent",
            Self::Any => "any",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "customer" => Some(Self::Customer),
            "agent" => Some(Self::Agent),
            "any" => Some(Self::Any),
            _ => None,
        }
    }

    /// The speaker of a transcript phrase from its `participantPurpose` (`external` is the
    /// customer, `internal` the agent; `ivr`, `acd` and anything else are not counted).
    pub fn from_participant_purpose(purpose: &str) -> Option<Self> {
        match purpose {
            "external" | "customer" => Some(Self::Customer),
            "internal" | "agent" => Some(Self::Agent),
            _ => None,
        }
    }
}

impl fmt::Display for Speaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which path produced a run's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum MiningSource {
    /// Transcripts downloaded and matched against the product catalog (exact, per speaker).
    #[default]
    Transcripts,
    /// Speech & Text Analytics topic aggregates (`nTopicCommunications`): no downloads, no
    /// speaker split; one "mention" per communication where the topic was detected.
    Topics,
}

impl MiningSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Transcripts => "transcripts",
            Self::Topics => "topics",
        }
    }
}

/// One aggregate: mentions of `product_id` by `speaker` in conversations of `media_type` that
/// started on `date` (org time zone), and how many conversations had at least one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AggregateRow {
    pub date: NaiveDate,
    pub media_type: String,
    pub product_id: String,
    pub speaker: Speaker,
    pub mentions: u64,
    pub conversations: u64,
}
