//! The typed events assist-callback acts on, read from an envelope's `eventBody` by the topic's
//! schema (`spec/genesys-notification-topics.json`). Unknown fields are ignored and unknown enum
//! values read as `Unknown`; a missing or malformed id, or a body about another conversation
//! than its topic names, is refused with the field's name.

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use wrapup_core::ids::ConversationId;

use crate::envelope::{Envelope, EventError, malformed};
use crate::topic::{self, SuggestionKind, TopicKind};

mod parse;
pub use parse::parse;

/// The schema version of the topics read here (EventBridge's `detail.version`).
pub const TOPIC_VERSION: &str = "2";

/// What an envelope holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Event(AssistEvent),
    /// A topic or version this build does not read: acknowledged and counted, never retried.
    /// `topic` is the topic's template when it has one, else "other" (a topic name may hold ids).
    Unknown {
        topic: String,
        version: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum AssistEvent {
    Suggestion(SuggestionEvent),
    Intent(IntentEvent),
    /// `customer.end`, or `acw` (the agent's after-call work): the conversation is over for the
    /// customer.
    End(EndEvent),
    Summary(SummaryEvent),
}

impl AssistEvent {
    pub fn conversation_id(&self) -> &ConversationId {
        match self {
            AssistEvent::Suggestion(e) => &e.conversation_id,
            AssistEvent::Intent(e) => &e.conversation_id,
            AssistEvent::End(e) => &e.conversation_id,
            AssistEvent::Summary(e) => &e.conversation_id,
        }
    }

    /// The key every copy of this event shares, however often and through whichever path it
    /// is delivered: a second event with the same key is a duplicate.
    pub fn content_key(&self) -> String {
        match self {
            AssistEvent::Suggestion(e) => e.content_key(),
            AssistEvent::Intent(e) => format!("intent#{}#{}", e.suggestion_id, e.state.as_str()),
            AssistEvent::End(e) => format!(
                "{}#{}#{}#{}",
                if e.after_call_work { "acw" } else { "end" },
                e.conversation_id,
                e.participant_id,
                e.session_id
            ),
            AssistEvent::Summary(e) => format!("sum#{}#{}", e.summary_id, e.trigger),
        }
    }

    /// When Genesys says it happened.
    pub fn event_time(&self) -> Option<DateTime<Utc>> {
        match self {
            AssistEvent::Suggestion(e) => Some(e.event_time),
            AssistEvent::Intent(e) => Some(e.event_time),
            AssistEvent::End(e) => Some(e.event_time),
            AssistEvent::Summary(e) => e.created,
        }
    }
}

/// A suggestion's state (`Suggested`, then an engagement's `Accepted`, `Dismissed`, `Rated`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Suggested,
    Accepted,
    Dismissed,
    Failed,
    Rated,
    Triggered,
    Unknown,
}

impl State {
    fn parse(value: Option<&str>) -> Self {
        match value {
            Some("Suggested") => State::Suggested,
            Some("Accepted") => State::Accepted,
            Some("Dismissed") => State::Dismissed,
            Some("Failed") => State::Failed,
            Some("Rated") => State::Rated,
            Some("Triggered") => State::Triggered,
            _ => State::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Suggested => "Suggested",
            State::Accepted => "Accepted",
            State::Dismissed => "Dismissed",
            State::Failed => "Failed",
            State::Rated => "Rated",
            State::Triggered => "Triggered",
            State::Unknown => "Unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    Positive,
    Negative,
    Unknown,
}

impl Rating {
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Positive => "Positive",
            Rating::Negative => "Negative",
            Rating::Unknown => "Unknown",
        }
    }
}

/// What the agent did with a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engagement {
    Copied,
    Opened,
    Dismissed,
    Feedback(Rating),
    Unknown,
}

impl Engagement {
    pub fn as_str(self) -> &'static str {
        match self {
            Engagement::Copied => "Copied",
            Engagement::Opened => "Opened",
            Engagement::Dismissed => "Dismissed",
            Engagement::Feedback(_) => "Feedback",
            Engagement::Unknown => "Unknown",
        }
    }

    pub fn rating(self) -> Option<Rating> {
        match self {
            Engagement::Feedback(rating) => Some(rating),
            _ => None,
        }
    }
}

/// The thing suggested, which the ranking learns about (not the suggestion, which is one
/// showing of it): `doc:<documentId>`, `resp:<responseId>`, `script:<scriptId>:<pageId>`,
/// `3p:<sha256 of title and url>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKey(String);

impl ItemKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn document(id: Uuid) -> Self {
        ItemKey(format!("doc:{id}"))
    }

    pub fn response(id: Uuid) -> Self {
        ItemKey(format!("resp:{id}"))
    }

    pub fn script(script: Uuid, page: Option<Uuid>) -> Self {
        ItemKey(match page {
            Some(page) => format!("script:{script}:{page}"),
            None => format!("script:{script}"),
        })
    }

    /// A third-party suggestion has no id: its title and first source's URL, hashed.
    pub fn third_party(title: &str, url: &str) -> Self {
        let digest = Sha256::digest(format!("{title}|{url}").as_bytes());
        ItemKey(format!("3p:{}", &hex::encode(digest)[..32]))
    }

    /// A stored key, checked for its shape.
    pub fn parse(value: &str) -> Option<Self> {
        let ok = ["doc:", "resp:", "script:", "3p:"]
            .iter()
            .any(|p| value.len() > p.len() && value.starts_with(p))
            && value.len() <= 160
            && !value.contains('#');
        ok.then(|| ItemKey(value.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionEvent {
    pub conversation_id: ConversationId,
    pub suggestion_id: Uuid,
    pub kind: SuggestionKind,
    /// `None` when the body does not say (an engagement event may carry only ids).
    pub item: Option<ItemKey>,
    pub state: State,
    pub engagement: Option<Engagement>,
    /// Genesys' own confidence (knowledge search results only).
    pub confidence: Option<f64>,
    pub queue_id: Option<Uuid>,
    pub event_time: DateTime<Utc>,
}

impl SuggestionEvent {
    /// What the agent did, as the event says it or its state implies it (an `Accepted` without
    /// an engagement type is a copy, a `Dismissed` a dismissal); `None` when it says neither.
    pub fn implied_engagement(&self) -> Option<Engagement> {
        self.engagement.or(match self.state {
            State::Accepted => Some(Engagement::Copied),
            State::Dismissed => Some(Engagement::Dismissed),
            _ => None,
        })
    }

    /// `sugg#<suggestionId>#<state>#<engagement>#<rating>`: see [`AssistEvent::content_key`].
    pub fn content_key(&self) -> String {
        format!(
            "sugg#{}#{}#{}#{}",
            self.suggestion_id,
            self.state.as_str(),
            self.engagement.map_or("", |g| g.as_str()),
            self.engagement
                .and_then(Engagement::rating)
                .map_or("", Rating::as_str)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntentEvent {
    pub conversation_id: ConversationId,
    pub suggestion_id: Uuid,
    pub state: State,
    pub intent_id: Option<String>,
    pub intent_name: Option<String>,
    pub confidence: Option<f64>,
    pub event_time: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndEvent {
    pub conversation_id: ConversationId,
    pub participant_id: String,
    pub session_id: String,
    pub event_time: DateTime<Utc>,
    /// `disconnectType` (`ENDPOINT`, `TRANSFER`, ...), `UNKNOWN` when absent.
    pub disconnect_type: String,
    /// From `acw` rather than `customer.end`.
    pub after_call_work: bool,
}

impl EndEvent {
    /// A transfer ends the customer's leg, not the conversation.
    pub fn is_transfer(&self) -> bool {
        self.disconnect_type.ends_with("TRANSFER")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SummaryEvent {
    pub conversation_id: ConversationId,
    pub summary_id: Uuid,
    /// `AFTER_DISCONNECT`, `ON_DEMAND` or `UNKNOWN`.
    pub trigger: String,
    /// `errorType` when Genesys could not summarise (`CONVERSATION_TOO_LONG`, ...).
    pub error: Option<String>,
    pub created: Option<DateTime<Utc>>,
}

impl SummaryEvent {
    /// A Copilot summary made when the conversation ended, ready for summary-api to read.
    pub fn is_ready_after_disconnect(&self) -> bool {
        self.trigger == "AFTER_DISCONNECT" && self.error.is_none()
    }
}
