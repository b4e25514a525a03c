//! The synthetic organisation: conversations, their participants and (lazily generated) dialogue.

mod generator;
mod loaded;
pub mod render;
mod scenarios;
mod script;
pub(crate) mod templates;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

pub use crate::ids::{derive_uuid, topic_id};

pub use generator::Org;
pub use loaded::load_conversation;

/// The id of the org a simulator with `seed` generates.
pub fn organization_id(seed: u64) -> String {
    derive_uuid(&format!("{seed}:organization"))
}

/// A deterministic 32-byte RNG seed from a name.
pub fn derive_seed(name: &str) -> [u8; 32] {
    Sha256::digest(name.as_bytes()).into()
}

/// Genesys date-time format: RFC 3339 UTC with milliseconds (`2024-05-01T10:00:00.000Z`).
pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Media type of a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Media {
    Voice,
    Chat,
    Message,
    Email,
}

impl Media {
    /// Analytics `mediaType` (`voice`, `chat`, `message`, `email`).
    pub fn analytics(self) -> &'static str {
        match self {
            Media::Voice => "voice",
            Media::Chat => "chat",
            Media::Message => "message",
            Media::Email => "email",
        }
    }
    /// Transcript document `mediaType` (`call`, `chat`, `message`, `email`).
    pub fn transcript(self) -> &'static str {
        match self {
            Media::Voice => "call",
            other => other.analytics(),
        }
    }
    /// Copilot summary `mediaType` (`Call`, `Chat`, `Message`, `Email`).
    pub fn summary(self) -> &'static str {
        match self {
            Media::Voice => "Call",
            Media::Chat => "Chat",
            Media::Message => "Message",
            Media::Email => "Email",
        }
    }
    /// Parses an analytics media type (also accepts `call`).
    pub fn parse(s: &str) -> Option<Media> {
        match s {
            "voice" | "call" => Some(Media::Voice),
            "chat" => Some(Media::Chat),
            "message" => Some(Media::Message),
            "email" => Some(Media::Email),
            _ => None,
        }
    }
}

/// Who says a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Speaker {
    Agent,
    Customer,
    Ivr,
}

impl Speaker {
    /// Transcript `participantPurpose` (`internal`, `external`, `ivr`).
    pub fn transcript_purpose(self) -> &'static str {
        match self {
            Speaker::Agent => "internal",
            Speaker::Customer => "external",
            Speaker::Ivr => "ivr",
        }
    }
    /// Analytics participant `purpose` (`agent`, `customer`, `ivr`).
    pub fn purpose(self) -> &'static str {
        match self {
            Speaker::Agent => "agent",
            Speaker::Customer => "customer",
            Speaker::Ivr => "ivr",
        }
    }
    /// Parses `agent`, `customer` or `ivr`.
    pub fn parse(s: &str) -> Option<Speaker> {
        match s {
            "agent" => Some(Speaker::Agent),
            "customer" => Some(Speaker::Customer),
            "ivr" => Some(Speaker::Ivr),
            _ => None,
        }
    }
}

/// A participant of a conversation, with its single session (communication).
#[derive(Debug, Clone)]
pub struct Participant {
    pub id: String,
    pub purpose: Speaker,
    pub name: String,
    pub user_id: Option<String>,
    /// The session id, which is the communication id.
    pub session_id: String,
    /// Offsets (ms from conversation start) of the session's interaction.
    pub start_ms: i64,
    pub end_ms: i64,
}

/// One conversation's metadata. Its dialogue is generated on demand (see [`Org::dialogue`]).
#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: String,
    pub media: Media,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub direction: &'static str,
    pub language: String,
    pub queue_id: String,
    pub division_id: String,
    pub customer_name: String,
    pub ani: String,
    pub dnis: String,
    pub wrapup_code: String,
    /// customer first, then IVR (if any), then agent.
    pub participants: Vec<Participant>,
    pub content: Content,
}

/// Where a conversation's dialogue comes from.
#[derive(Debug, Clone)]
pub enum Content {
    /// Generated from a per-conversation RNG seed.
    Seeded(SeededPlan),
    /// Loaded through `POST /_sim/conversations`.
    Loaded(Arc<Dialogue>),
}

/// Decisions taken when the seeded skeleton is generated; the dialogue follows them.
#[derive(Debug, Clone)]
pub struct SeededPlan {
    pub rng_seed: [u8; 32],
    pub scenario: usize,
    pub long_call: bool,
    pub pii: bool,
    pub has_summary: bool,
    pub suggestions: usize,
    /// Windows (ms from conversation start) for IVR and for agent/customer talk.
    pub ivr_window: Option<(i64, i64)>,
    pub talk_window: (i64, i64),
    pub agent_first_name: String,
}

impl Conversation {
    /// The participant with this purpose.
    pub fn participant(&self, purpose: Speaker) -> Option<&Participant> {
        self.participants.iter().find(|p| p.purpose == purpose)
    }
    /// The communication id whose transcript the simulator serves (the agent's session).
    pub fn transcript_communication_id(&self) -> Option<&str> {
        self.participant(Speaker::Agent).map(|p| p.session_id.as_str())
    }
    /// Scenario key of a seeded conversation (`billing_dispute`, `outage`, ...).
    pub fn scenario(&self) -> Option<&'static str> {
        match &self.content {
            Content::Seeded(plan) => templates::SCENARIOS.get(plan.scenario).map(|s| s.key),
            Content::Loaded(_) => None,
        }
    }
    /// UTC day of `conversationStart`.
    pub fn date(&self) -> NaiveDate {
        self.start.date_naive()
    }
}

/// A phrase of the dialogue.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub speaker: Speaker,
    pub text: String,
    /// Milliseconds from conversation start.
    pub offset_ms: i64,
    pub duration_ms: i64,
    /// Recognition confidence (voice only).
    pub confidence: f64,
}

/// A planted product mention count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub product_id: &'static str,
    pub speaker: Speaker,
    pub count: u32,
}

/// A Copilot summary of a conversation.
#[derive(Debug, Clone)]
pub struct SummarySeed {
    pub text: String,
    pub reason: String,
    pub resolution: String,
    pub outcome: String,
    pub followup: String,
    pub confidence: f64,
}

/// A Copilot suggestion (rendered into a Genesys `Suggestion`).
#[derive(Debug, Clone)]
pub struct SuggestionSeed {
    pub id: String,
    /// `Faq`, `Article`, `KnowledgeArticle` or `CannedResponse`.
    pub kind: String,
    pub title: String,
    pub text: String,
    pub trigger: String,
    pub state: String,
    pub offset_ms: i64,
}

/// A topic detected in a phrase.
#[derive(Debug, Clone)]
pub struct TopicHit {
    pub name: &'static str,
    pub keyword: &'static str,
    pub phrase_index: usize,
}

/// Everything said in a conversation plus its Copilot artefacts.
#[derive(Debug, Clone, Default)]
pub struct Dialogue {
    pub phrases: Vec<Phrase>,
    pub subject: Option<String>,
    pub summary: Option<SummarySeed>,
    pub suggestions: Vec<SuggestionSeed>,
    pub mentions: Vec<Mention>,
    pub topics: Vec<TopicHit>,
    /// Indices of phrases with a sentiment score.
    pub sentiment: Vec<(usize, f64)>,
    pub contains_pii: bool,
}
