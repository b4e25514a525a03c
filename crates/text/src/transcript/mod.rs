//! The normalised transcript: every communication of a conversation merged into one time-ordered
//! list of utterances with a speaker role. Pure functions, no I/O.
//!
//! Built from the analytics details of the conversation and the Speech & Text Analytics transcript
//! documents of its communications (one document per communication, or per recording segment);
//! see [`Transcript::from_documents`].

use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod fetch;
pub use fetch::FetchTranscript;
mod normalise;
#[cfg(test)]
mod tests;

use wrapup_genesys::models::{AnalyticsConversation, MediaType, TranscriptDocument};

/// Who spoke (or wrote) an utterance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerRole {
    Agent,
    Customer,
    /// IVR prompts, bots, queue announcements.
    IvrBot,
    Other,
}

impl SpeakerRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Customer => "customer",
            Self::IvrBot => "ivr_bot",
            Self::Other => "other",
        }
    }
}

/// The channel of a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Voice,
    Chat,
    Email,
    Message,
    Other,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Voice => "voice",
            Self::Chat => "chat",
            Self::Email => "email",
            Self::Message => "message",
            Self::Other => "other",
        }
    }

    /// From an analytics session `mediaType` (`callback` counts as voice).
    pub fn from_media_type(media_type: MediaType) -> Self {
        match media_type {
            MediaType::Voice | MediaType::Callback => Self::Voice,
            MediaType::Chat => Self::Chat,
            MediaType::Email => Self::Email,
            MediaType::Message => Self::Message,
            _ => Self::Other,
        }
    }

    /// From a transcript document `mediaType` (`call`, `chat`, `email`, `message`, ...),
    /// case-insensitively.
    pub fn from_document_media_type(media_type: &str) -> Self {
        let m = media_type.trim();
        let is = |s: &str| m.eq_ignore_ascii_case(s);
        if is("call") || is("voice") || is("callback") {
            Self::Voice
        } else if is("chat") {
            Self::Chat
        } else if is("email") {
            Self::Email
        } else if is("message") || is("messaging") || is("webmessaging") || is("sms") {
            Self::Message
        } else {
            Self::Other
        }
    }
}

/// One phrase or message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Utterance {
    pub speaker: SpeakerRole,
    /// Trimmed, whitespace collapsed to single spaces, never empty.
    pub text: String,
    /// From the conversation start; 0 for anything earlier.
    pub start_offset_ms: u64,
    pub duration_ms: u64,
    pub confidence: Option<f32>,
    /// The communication (analytics session) the utterance came from: shared by its
    /// utterances (one allocation a communication, not one an utterance and copy).
    pub communication_id: Arc<str>,
}

/// A whole conversation, in time order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    pub conversation_id: String,
    /// The agents' display names from Genesys participant data (never sent anywhere: the
    /// redactor uses them to find and, if configured, keep agents' first names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agent_names: Vec<String>,
    pub media_type: Channel,
    /// The most common language of the transcript sections, e.g. `en-US`.
    pub language: Option<String>,
    pub duration_ms: u64,
    pub utterances: Vec<Utterance>,
}

/// Why documents cannot be turned into a transcript.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranscriptError {
    #[error(
        "transcript document of communication {communication_id:?} belongs to conversation {found}, not {expected}"
    )]
    ConversationMismatch {
        expected: String,
        found: String,
        communication_id: Option<String>,
    },
    #[error("neither the conversation details nor any transcript document name the conversation")]
    MissingConversationId,
    #[error("the transcript documents hold no phrase with text")]
    Empty,
}

impl Transcript {
    /// A transcript of speaker turns that did not come from Genesys documents (the labelled
    /// evaluation set, tests): one turn every 5 s, in order.
    pub fn from_turns<S: Into<String>>(
        conversation_id: impl Into<String>,
        media_type: Channel,
        language: Option<&str>,
        turns: impl IntoIterator<Item = (SpeakerRole, S)>,
    ) -> Self {
        const TURN_MS: u64 = 5_000;
        let utterances: Vec<Utterance> = turns
            .into_iter()
            .enumerate()
            .map(|(i, (speaker, text))| Utterance {
                speaker,
                text: text.into(),
                start_offset_ms: i as u64 * TURN_MS,
                duration_ms: TURN_MS - 500,
                confidence: None,
                communication_id: "turns".into(),
            })
            .collect();
        Self {
            conversation_id: conversation_id.into(),
            agent_names: Vec::new(),
            media_type,
            language: language.map(str::to_owned),
            duration_ms: utterances.len() as u64 * TURN_MS,
            utterances,
        }
    }

    /// Merges the documents of every communication of `details` into one transcript.
    ///
    /// Phrases are ordered by absolute time (`startTimeMs`, else section/document `startTime` +
    /// `offset`), ties broken by communication id, then `phraseIndex`. Speakers: `external` /
    /// `customer` are the customer; `agent` / `user` the agent; `ivr` / `bot` / `botflow` / `acd`
    /// the IVR or bot; `internal` is the agent, except on a communication that belongs to an
    /// IVR, bot flow or ACD participant, or at a time when such a participant was connected and no
    /// agent was (then it is the IVR or bot).
    pub fn from_documents(
        details: &AnalyticsConversation,
        documents: &[TranscriptDocument],
    ) -> Result<Transcript, TranscriptError> {
        normalise::from_documents(details, documents)
    }

    /// Total UTF-8 length of the utterance texts, in bytes.
    pub fn text_len(&self) -> usize {
        self.utterances.iter().map(|u| u.text.len()).sum()
    }

    /// Total length of the utterance texts, in characters (what `WRAPUP_MAX_TRANSCRIPT_CHARS`
    /// limits).
    pub fn text_chars(&self) -> usize {
        self.utterances.iter().map(|u| u.text.chars().count()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.utterances.is_empty()
    }
}
