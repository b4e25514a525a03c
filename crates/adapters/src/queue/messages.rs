//! The versioned JSON messages on Wrapup's queues (camelCase, `version: 1`), documented field by
//! field in docs/messages.md. Each parser checks the version first, then every field on its own,
//! so an error names the field. Unknown fields are ignored: adding an optional field does not
//! change the version.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::store::RequestKey;
use wrapup_core::ids::ConversationId;
use wrapup_core::summary::{Provenance, Summary, SummaryOptions};

/// The version this build writes and reads.
pub const MESSAGE_VERSION: u32 = 1;

/// The `messageType` message attribute, so a misrouted message is recognisable without parsing.
pub const MESSAGE_TYPE_ATTRIBUTE: &str = "messageType";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error("the message body is not a JSON object: {0}")]
    NotJson(String),
    #[error("message version {0} is not supported: this build reads version {MESSAGE_VERSION}")]
    UnknownVersion(u32),
    #[error("message field {field} is invalid: {reason}")]
    Invalid { field: String, reason: String },
    #[error("the message cannot be encoded as JSON: {0}")]
    Encode(String),
}

/// What is wrong with a body serde refused, without its content: serde's own text quotes the
/// value it did not expect (a summary's sentence, a name), and these reasons reach logs and
/// dead-letter attributes.
pub fn content_free(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match error.classify() {
        // "missing field `auditId`" names only the schema.
        serde_json::error::Category::Data if text.starts_with("missing field") => text,
        serde_json::error::Category::Data => "has the wrong type or an unknown value".to_owned(),
        serde_json::error::Category::Syntax => {
            format!(
                "is not valid JSON (line {}, column {})",
                error.line(),
                error.column()
            )
        }
        serde_json::error::Category::Eof => "ends before the JSON does".to_owned(),
        serde_json::error::Category::Io => "could not be read".to_owned(),
    }
}

fn invalid(field: &str, reason: impl Into<String>) -> MessageError {
    MessageError::Invalid {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// A verified summary for the CRM: sent by summary-api, consumed by crm-sync.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CrmSyncMessage {
    pub version: u32,
    /// The request key: the same request always carries the same key.
    pub idempotency_key: String,
    pub audit_id: String,
    /// The request's forced generation: with the idempotency key, the CRM delivery's key, so
    /// every retry of one computation (whatever its audit id) reaches the CRM once per target.
    /// Absent in messages from before it existed: those are keyed by their audit id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<u32>,
    pub conversation_id: String,
    pub case_id: String,
    pub summary: Summary,
    pub source: Provenance,
    pub verification_passed: bool,
    pub created_at: String,
}

/// `origin` of a job from `POST /summaries` that answered 202.
pub const ORIGIN_API_ASYNC: &str = "api-async";
/// `origin` of the job an identical request queues for a computation in progress, delivered
/// when that computation's lease is over (it finishes a computation whose worker died).
pub const ORIGIN_API_BACKSTOP: &str = "api-backstop";
/// `origin` of a job from an Agent Assist / conversation-end event.
pub const ORIGIN_ASSIST_CALLBACK: &str = "assist-callback";

/// A summary to compute asynchronously: sent by summary-api and assist-callback, consumed by
/// summary-api.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SummaryJobMessage {
    pub version: u32,
    pub conversation_id: String,
    pub case_id: String,
    pub options: SummaryOptions,
    pub force: bool,
    pub request_key: String,
    pub audit_id: String,
    pub caller: Option<String>,
    pub requested_at: String,
    /// [`ORIGIN_API_ASYNC`] or [`ORIGIN_ASSIST_CALLBACK`]; informational, so other values are
    /// accepted (a new producer does not need a new version).
    pub origin: String,
}

impl CrmSyncMessage {
    pub const MESSAGE_TYPE: &'static str = "crm-sync";

    pub fn to_body(&self) -> Result<String, MessageError> {
        encode(self)
    }

    /// The attributes to send with the body.
    pub fn attributes() -> [(&'static str, &'static str); 1] {
        [(MESSAGE_TYPE_ATTRIBUTE, Self::MESSAGE_TYPE)]
    }
}

impl SummaryJobMessage {
    pub const MESSAGE_TYPE: &'static str = "summary-job";

    pub fn to_body(&self) -> Result<String, MessageError> {
        encode(self)
    }

    pub fn attributes() -> [(&'static str, &'static str); 1] {
        [(MESSAGE_TYPE_ATTRIBUTE, Self::MESSAGE_TYPE)]
    }
}

fn encode<T: Serialize>(message: &T) -> Result<String, MessageError> {
    serde_json::to_string(message).map_err(|e| MessageError::Encode(e.to_string()))
}

pub fn parse_crm_sync(body: &str) -> Result<CrmSyncMessage, MessageError> {
    let fields = Fields::parse(body)?;
    let summary: Summary = fields.required("summary")?;
    if !(0.0..=1.0).contains(&summary.confidence) {
        return Err(invalid("summary.confidence", "must be between 0 and 1"));
    }
    Ok(CrmSyncMessage {
        version: MESSAGE_VERSION,
        idempotency_key: fields.request_key("idempotencyKey")?,
        audit_id: fields.text("auditId")?,
        generation: fields.optional("generation")?,
        conversation_id: fields.conversation_id("conversationId")?,
        case_id: fields.text("caseId")?,
        summary,
        source: fields.required("source")?,
        verification_passed: fields.required("verificationPassed")?,
        created_at: fields.timestamp("createdAt")?,
    })
}

pub fn parse_summary_job(body: &str) -> Result<SummaryJobMessage, MessageError> {
    let fields = Fields::parse(body)?;
    Ok(SummaryJobMessage {
        version: MESSAGE_VERSION,
        conversation_id: fields.conversation_id("conversationId")?,
        case_id: fields.text("caseId")?,
        options: fields.required("options")?,
        force: fields.optional("force")?.unwrap_or(false),
        request_key: fields.request_key("requestKey")?,
        audit_id: fields.text("auditId")?,
        caller: fields.optional("caller")?,
        requested_at: fields.timestamp("requestedAt")?,
        origin: fields.text("origin")?,
    })
}

/// The top-level object of a message whose version this build reads.
struct Fields(Map<String, Value>);

impl Fields {
    fn parse(body: &str) -> Result<Self, MessageError> {
        let value: Value = serde_json::from_str(body).map_err(|e| MessageError::NotJson(content_free(&e)))?;
        let Value::Object(object) = value else {
            return Err(MessageError::NotJson("the body is JSON but not an object".into()));
        };
        let version = match object.get("version") {
            None | Some(Value::Null) => return Err(invalid("version", "missing")),
            Some(Value::Number(n)) => n
                .as_u64()
                .ok_or_else(|| invalid("version", "must be a positive integer"))?,
            Some(_) => return Err(invalid("version", "must be a number")),
        };
        if version != u64::from(MESSAGE_VERSION) {
            return Err(MessageError::UnknownVersion(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        Ok(Self(object))
    }

    /// Absent and `null` are both "not given".
    fn optional<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, MessageError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::deserialize(value)
                .map(Some)
                .map_err(|e| invalid(name, content_free(&e))),
        }
    }

    fn required<T: DeserializeOwned>(&self, name: &str) -> Result<T, MessageError> {
        self.optional(name)?.ok_or_else(|| invalid(name, "missing"))
    }

    /// A required, non-blank string.
    fn text(&self, name: &str) -> Result<String, MessageError> {
        let value: String = self.required(name)?;
        if value.trim().is_empty() {
            return Err(invalid(name, "must not be empty"));
        }
        Ok(value)
    }

    fn conversation_id(&self, name: &str) -> Result<String, MessageError> {
        let value: String = self.required(name)?;
        ConversationId::parse(&value)
            .map(|id| id.to_string())
            .map_err(|_| invalid(name, "must be a conversation id (a UUID)"))
    }

    fn request_key(&self, name: &str) -> Result<String, MessageError> {
        let value: String = self.required(name)?;
        RequestKey::parse(&value)
            .map(|key| key.as_str().to_owned())
            .map_err(|e| invalid(name, e.to_string()))
    }

    fn timestamp(&self, name: &str) -> Result<String, MessageError> {
        let value: String = self.required(name)?;
        chrono::DateTime::parse_from_rfc3339(&value)
            .map_err(|_| invalid(name, "must be an RFC 3339 timestamp"))?;
        Ok(value)
    }
}

#[cfg(test)]
mod content_free_tests {
    use super::*;

    /// A refused body's reason names the field and what is wrong, never the value: reasons go
    /// to logs and dead-letter attributes, and a crm-sync body holds a summary.
    #[test]
    fn a_refused_value_is_not_quoted_in_the_reason() {
        let mut message: Value =
            serde_json::from_str(include_str!("../../../../events/crm-sync-message.json"))
                .unwrap_or_default();
        message["summary"]["customerSentiment"] = serde_json::json!("Denise Albright was furious");
        let err = parse_crm_sync(&message.to_string())
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(err.contains("summary"), "{err}");
        assert!(!err.contains("Denise") && !err.contains("furious"), "{err}");

        let err = parse_crm_sync("{\"version\": 1, \"note\": \"Denise Albright")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("Denise"), "{err}");
        // What names only the schema stays.
        message["summary"] = serde_json::json!({"executiveSummary": "x"});
        let err = parse_crm_sync(&message.to_string()).unwrap_err().to_string();
        assert!(err.contains("missing field"), "{err}");
    }
}
