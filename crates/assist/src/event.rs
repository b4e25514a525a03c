//! The typed events assist-callback acts on, read from an envelope's `eventBody` by the topic's
//! schema (`spec/genesys-notification-topics.json`). Unknown fields are ignored and unknown enum
//! values read as `Unknown`; a missing or malformed id, or a body about another conversation
//! than its topic names, is refused with the field's name.

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use wrapup::ids::ConversationId;

use crate::envelope::{Envelope, EventError, malformed};
use crate::topic::{self, SuggestionKind, TopicKind};

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

/// Reads the event an envelope holds.
pub fn parse(envelope: &Envelope) -> Result<Parsed, EventError> {
    let Some(topic) = topic::parse(&envelope.topic_name) else {
        return Ok(Parsed::Unknown {
            topic: "other".to_owned(),
            version: envelope.version.clone(),
        });
    };
    if envelope.version != TOPIC_VERSION {
        return Ok(Parsed::Unknown {
            topic: topic::template_of(&envelope.topic_name).unwrap_or_else(|| "other".to_owned()),
            version: envelope.version.clone(),
        });
    }
    let body = &envelope.event_body;
    if topic.kind != TopicKind::ConversationSummary {
        uuid_field(Some(topic.id), "detail.topicName")?;
    }
    let conversation_id = ConversationId::parse(required(body, "conversationId")?)
        .map_err(|_| malformed("eventBody.conversationId", "is not a UUID"))?;
    if topic.kind.names_conversation() && !topic.id.eq_ignore_ascii_case(&conversation_id.to_string()) {
        return Err(malformed(
            "eventBody.conversationId",
            "is not the conversation its topicName names",
        ));
    }
    let event = match topic.kind {
        TopicKind::Suggestion(kind) => AssistEvent::Suggestion(suggestion(body, kind, conversation_id)?),
        TopicKind::Intent => AssistEvent::Intent(intent(body, conversation_id)?),
        TopicKind::CustomerEnd => AssistEvent::End(end(body, conversation_id, false)?),
        TopicKind::AfterCallWork => AssistEvent::End(end(body, conversation_id, true)?),
        TopicKind::ConversationSummary => AssistEvent::Summary(summary(body, conversation_id)?),
    };
    Ok(Parsed::Event(event))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Item {
    document_id: Option<String>,
    response_id: Option<String>,
    script_id: Option<String>,
    page_id: Option<String>,
    confidence: Option<f64>,
    title: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize, Default)]
struct Source {
    url: Option<String>,
}

fn suggestion(
    body: &Map<String, Value>,
    kind: SuggestionKind,
    conversation_id: ConversationId,
) -> Result<SuggestionEvent, EventError> {
    let field = match kind {
        SuggestionKind::KnowledgeSearch => "knowledgeSearch",
        SuggestionKind::KnowledgeArticle => "knowledgeArticle",
        SuggestionKind::CannedResponse => "cannedResponse",
        SuggestionKind::Script => "script",
        SuggestionKind::ThirdPartyAction => "thirdPartySuggestion",
    };
    let item: Item = match body.get(field) {
        None | Some(Value::Null) => Item::default(),
        Some(value) => serde_json::from_value(value.clone())
            .map_err(|_| malformed(&format!("eventBody.{field}"), "has the wrong shape"))?,
    };
    let item_key = match kind {
        SuggestionKind::KnowledgeSearch | SuggestionKind::KnowledgeArticle => item
            .document_id
            .as_deref()
            .map(|id| uuid_field(Some(id), &format!("eventBody.{field}.documentId")))
            .transpose()?
            .map(ItemKey::document),
        SuggestionKind::CannedResponse => item
            .response_id
            .as_deref()
            .map(|id| uuid_field(Some(id), "eventBody.cannedResponse.responseId"))
            .transpose()?
            .map(ItemKey::response),
        SuggestionKind::Script => match item.script_id.as_deref() {
            Some(id) => {
                let script = uuid_field(Some(id), "eventBody.script.scriptId")?;
                let page = item
                    .page_id
                    .as_deref()
                    .map(|p| uuid_field(Some(p), "eventBody.script.pageId"))
                    .transpose()?;
                Some(ItemKey::script(script, page))
            }
            None => None,
        },
        SuggestionKind::ThirdPartyAction => item.title.as_deref().map(|title| {
            let url = item
                .sources
                .as_ref()
                .and_then(|s| s.iter().find_map(|s| s.url.as_deref()))
                .unwrap_or_default();
            ItemKey::third_party(title, url)
        }),
    };
    let state = State::parse(body.get("state").and_then(Value::as_str));
    let engagement = body
        .get("engagementType")
        .and_then(Value::as_str)
        .map(|e| match e {
            "Copied" => Engagement::Copied,
            "Opened" => Engagement::Opened,
            "Dismissed" => Engagement::Dismissed,
            "Feedback" => Engagement::Feedback(
                match body
                    .get("feedback")
                    .and_then(|f| f.get("rating"))
                    .and_then(Value::as_str)
                {
                    Some("Positive") => Rating::Positive,
                    Some("Negative") => Rating::Negative,
                    _ => Rating::Unknown,
                },
            ),
            _ => Engagement::Unknown,
        });
    let queue_id = body
        .get("context")
        .and_then(|c| c.get("queueId"))
        .and_then(Value::as_str)
        .map(|q| uuid_field(Some(q), "eventBody.context.queueId"))
        .transpose()?;
    Ok(SuggestionEvent {
        conversation_id,
        suggestion_id: uuid_field(
            body.get("suggestionId").and_then(Value::as_str),
            "eventBody.suggestionId",
        )?,
        kind,
        item: item_key,
        state,
        engagement,
        confidence: item.confidence.filter(|c| (0.0..=1.0).contains(c)),
        queue_id,
        event_time: iso_time(body, "eventTime")?,
    })
}

fn intent(body: &Map<String, Value>, conversation_id: ConversationId) -> Result<IntentEvent, EventError> {
    let active = body.get("activeIntent");
    let text = |name: &str| {
        active
            .and_then(|a| a.get(name))
            .and_then(Value::as_str)
            .map(|v| v.chars().take(200).collect::<String>())
    };
    Ok(IntentEvent {
        conversation_id,
        suggestion_id: uuid_field(
            body.get("suggestionId").and_then(Value::as_str),
            "eventBody.suggestionId",
        )?,
        state: State::parse(body.get("state").and_then(Value::as_str)),
        intent_id: text("intentId"),
        intent_name: text("intent"),
        confidence: active
            .and_then(|a| a.get("confidence"))
            .and_then(Value::as_f64)
            .filter(|c| (0.0..=1.0).contains(c)),
        event_time: iso_time(body, "eventTime")?,
    })
}

fn end(
    body: &Map<String, Value>,
    conversation_id: ConversationId,
    after_call_work: bool,
) -> Result<EndEvent, EventError> {
    // Detail events carry epoch milliseconds where the suggestion topics carry ISO text.
    let millis = body
        .get("eventTime")
        .and_then(Value::as_i64)
        .ok_or_else(|| malformed("eventBody.eventTime", "is missing or not epoch milliseconds"))?;
    let event_time = Utc
        .timestamp_millis_opt(millis)
        .single()
        .ok_or_else(|| malformed("eventBody.eventTime", "is out of range"))?;
    Ok(EndEvent {
        conversation_id,
        participant_id: uuid_field(
            body.get("participantId").and_then(Value::as_str),
            "eventBody.participantId",
        )?
        .to_string(),
        session_id: uuid_field(
            body.get("sessionId").and_then(Value::as_str),
            "eventBody.sessionId",
        )?
        .to_string(),
        event_time,
        disconnect_type: body
            .get("disconnectType")
            .and_then(Value::as_str)
            .filter(|d| d.len() <= 40 && d.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
            .unwrap_or("UNKNOWN")
            .to_owned(),
        after_call_work,
    })
}

fn summary(body: &Map<String, Value>, conversation_id: ConversationId) -> Result<SummaryEvent, EventError> {
    let upper = |value: Option<&Value>| {
        value
            .and_then(Value::as_str)
            .filter(|d| d.len() <= 40 && d.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
            .map(str::to_owned)
    };
    Ok(SummaryEvent {
        conversation_id,
        summary_id: uuid_field(
            body.get("summaryId").and_then(Value::as_str),
            "eventBody.summaryId",
        )?,
        trigger: upper(body.get("triggerType")).unwrap_or_else(|| "UNKNOWN".to_owned()),
        error: upper(body.get("errorType")),
        created: body
            .get("createdDate")
            .and_then(Value::as_str)
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc)),
    })
}

fn required<'a>(body: &'a Map<String, Value>, name: &str) -> Result<&'a str, EventError> {
    body.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| malformed(&format!("eventBody.{name}"), "is missing or not a string"))
}

fn uuid_field(value: Option<&str>, field: &str) -> Result<Uuid, EventError> {
    let value = value.ok_or_else(|| malformed(field, "is missing or not a string"))?;
    Uuid::try_parse(value).map_err(|_| malformed(field, "is not a UUID"))
}

fn iso_time(body: &Map<String, Value>, name: &str) -> Result<DateTime<Utc>, EventError> {
    let text = required(body, name)?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| malformed(&format!("eventBody.{name}"), "is not an ISO 8601 time"))
}
