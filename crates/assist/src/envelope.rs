//! What arrives: an EventBridge event from Genesys' partner event source (whole, from a rule
//! that targets the function, or as the body of an `assist-events` SQS message), or the bare
//! `{topicName, version, eventBody}` of the signed webhook. Checked here before anything reads
//! the body: the source is the configured org's, the detail is an object with a topic and a
//! body, and `detail-type` is the topic's template.

use serde_json::{Map, Value};

use crate::topic;

/// Why an event is refused. Reasons name fields, never values from the body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    /// It can never be processed: to the dead-letter queue with this reason.
    #[error("{field} {reason}")]
    Malformed { field: String, reason: String },
    /// It comes from another Genesys org's event source (or another AWS account): a security
    /// event, rejected and never processed.
    #[error("the event's source is not the configured Genesys event source")]
    ForeignSource,
}

pub(crate) fn malformed(field: &str, reason: impl Into<String>) -> EventError {
    EventError::Malformed {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// Where events may come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePolicy {
    /// The partner event source, `aws.partner/genesys.com/cloud/<orgId>/<suffix>`.
    pub event_source: String,
    /// The AWS account the events must name, when set.
    pub account: Option<String>,
}

impl SourcePolicy {
    /// The org id in the event source's name.
    pub fn org_id(&self) -> Option<&str> {
        org_of(&self.event_source)
    }
}

/// The Genesys org id in a partner event source name.
pub fn org_of(source: &str) -> Option<&str> {
    source
        .strip_prefix("aws.partner/genesys.com/cloud/")?
        .split('/')
        .next()
        .filter(|org| !org.is_empty())
}

/// The envelope Genesys wraps every notification in (EventBridge's `detail`).
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The concrete topic, ids filled in.
    pub topic_name: String,
    /// The topic's schema version ("2" on EventBridge).
    pub version: String,
    pub event_body: Map<String, Value>,
    /// EventBridge's event id, when it came through EventBridge.
    pub event_id: Option<String>,
    /// `metadata.CorrelationId`, for logs.
    pub correlation_id: Option<String>,
    /// The envelope's `timestamp` (when Genesys published it), for the event's lag.
    pub published: Option<String>,
}

/// An EventBridge event, checked against `policy`.
pub fn from_eventbridge(event: &Value, policy: &SourcePolicy) -> Result<Envelope, EventError> {
    let event = event
        .as_object()
        .ok_or_else(|| malformed("event", "is not a JSON object"))?;
    let source = text(event, "source", "source")?;
    if source != policy.event_source {
        return Err(EventError::ForeignSource);
    }
    if let (Some(expected), Some(account)) = (&policy.account, event.get("account").and_then(Value::as_str))
        && expected != account
    {
        return Err(EventError::ForeignSource);
    }
    let detail = event
        .get("detail")
        .and_then(Value::as_object)
        .ok_or_else(|| malformed("detail", "is missing or not an object"))?;
    let mut envelope = from_detail(detail, "detail.")?;
    let detail_type = text(event, "detail-type", "detail-type")?;
    // A topic this function does not read has no template to compare; it is acknowledged as
    // unknown, not refused.
    if let Some(template) = topic::template_of(&envelope.topic_name)
        && template != detail_type
    {
        return Err(malformed(
            "detail-type",
            "is not the template of detail.topicName",
        ));
    }
    envelope.event_id = event.get("id").and_then(Value::as_str).map(str::to_owned);
    Ok(envelope)
}

/// The webhook's body: the envelope alone.
pub fn from_webhook(body: &Value) -> Result<Envelope, EventError> {
    let body = body
        .as_object()
        .ok_or_else(|| malformed("body", "is not a JSON object"))?;
    from_detail(body, "")
}

fn from_detail(detail: &Map<String, Value>, prefix: &str) -> Result<Envelope, EventError> {
    let field = |name: &str| format!("{prefix}{name}");
    let topic_name = text(detail, "topicName", &field("topicName"))?.to_owned();
    let version = match detail.get("version") {
        Some(Value::String(v)) if !v.is_empty() => v.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(malformed(&field("version"), "is missing or not a string")),
    };
    let event_body = detail
        .get("eventBody")
        .and_then(Value::as_object)
        .cloned()
        .ok_or_else(|| malformed(&field("eventBody"), "is missing or not an object"))?;
    Ok(Envelope {
        topic_name,
        version,
        event_body,
        event_id: None,
        correlation_id: detail
            .get("metadata")
            .and_then(|m| m.get("CorrelationId"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        published: detail.get("timestamp").and_then(Value::as_str).map(str::to_owned),
    })
}

fn text<'a>(object: &'a Map<String, Value>, name: &str, field: &str) -> Result<&'a str, EventError> {
    object
        .get(name)
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| malformed(field, "is missing or not a string"))
}
