//! The Data Action field mapping (action input name -> crm-sync message field) and the small text
//! helpers every target shares (action items as one line, values capped on char boundaries).

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Number, Value};

use super::{CrmError, Delivery, TargetKind};
use crate::queue::CrmSyncMessage;
use wrapup_core::summary::{ActionItem, Owner, SummarySource};
use wrapup_genesys::models::DataActionInput;

/// Always in the Data Action input: the delivery key, so the CRM side can de-duplicate.
pub const IDEMPOTENCY_KEY_INPUT: &str = "Wrapup_Idempotency_Key";

/// Separator of action items and key phrases written as one string.
pub const LIST_SEPARATOR: &str = "; ";

/// The tutorial's CRM fields: what a deployment gets without `WRAPUP_CRM_DATA_ACTION_MAPPING`.
pub const DEFAULT_MAPPING: [(&str, SourceField); 6] = [
    ("Post_Call_Summary", SourceField::ExecutiveSummary),
    ("Action_Items", SourceField::ActionItems),
    ("Call_Sentiment", SourceField::CustomerSentiment),
    ("Summary_Confidence", SourceField::Confidence),
    ("Case_Id", SourceField::CaseId),
    ("Conversation_Id", SourceField::ConversationId),
];

/// A field of the crm-sync message that a Data Action input can take its value from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceField {
    ExecutiveSummary,
    /// Joined with "; ", each as "text (owner, due)".
    ActionItems,
    CustomerSentiment,
    /// Empty when the summary has none.
    Reason,
    /// Empty when the summary has none.
    Resolution,
    /// Joined with "; ".
    KeyPhrases,
    /// A JSON number, 0..1.
    Confidence,
    CaseId,
    ConversationId,
    IdempotencyKey,
    AuditId,
    /// `<idempotencyKey>.<auditId>`, as in `Idempotency-Key`.
    DeliveryKey,
    CreatedAt,
    SourceType,
    SourceModel,
}

impl SourceField {
    pub const ALL: [SourceField; 15] = [
        SourceField::ExecutiveSummary,
        SourceField::ActionItems,
        SourceField::CustomerSentiment,
        SourceField::Reason,
        SourceField::Resolution,
        SourceField::KeyPhrases,
        SourceField::Confidence,
        SourceField::CaseId,
        SourceField::ConversationId,
        SourceField::IdempotencyKey,
        SourceField::AuditId,
        SourceField::DeliveryKey,
        SourceField::CreatedAt,
        SourceField::SourceType,
        SourceField::SourceModel,
    ];

    /// The path as written in the mapping (`summary.executiveSummary`, `caseId`, ...).
    pub fn path(self) -> &'static str {
        match self {
            SourceField::ExecutiveSummary => "summary.executiveSummary",
            SourceField::ActionItems => "summary.actionItems",
            SourceField::CustomerSentiment => "summary.customerSentiment",
            SourceField::Reason => "summary.reason",
            SourceField::Resolution => "summary.resolution",
            SourceField::KeyPhrases => "summary.keyPhrases",
            SourceField::Confidence => "summary.confidence",
            SourceField::CaseId => "caseId",
            SourceField::ConversationId => "conversationId",
            SourceField::IdempotencyKey => "idempotencyKey",
            SourceField::AuditId => "auditId",
            SourceField::DeliveryKey => "deliveryKey",
            SourceField::CreatedAt => "createdAt",
            SourceField::SourceType => "source.type",
            SourceField::SourceModel => "source.model",
        }
    }

    pub fn from_path(path: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.path() == path)
    }

    fn value(self, message: &CrmSyncMessage, delivery_key: &str) -> Result<Value, String> {
        let summary = &message.summary;
        let text = |s: &str| Value::String(s.to_owned());
        Ok(match self {
            SourceField::ExecutiveSummary => text(&summary.executive_summary),
            SourceField::ActionItems => Value::String(join_action_items(&summary.action_items)),
            SourceField::CustomerSentiment => text(summary.customer_sentiment.as_str()),
            SourceField::Reason => text(summary.reason.as_deref().unwrap_or_default()),
            SourceField::Resolution => text(summary.resolution.as_deref().unwrap_or_default()),
            SourceField::KeyPhrases => Value::String(summary.key_phrases.join(LIST_SEPARATOR)),
            SourceField::Confidence => Value::Number(
                confidence_number(summary.confidence).ok_or("summary.confidence is not a finite number")?,
            ),
            SourceField::CaseId => text(&message.case_id),
            SourceField::ConversationId => text(&message.conversation_id),
            SourceField::IdempotencyKey => text(&message.idempotency_key),
            SourceField::AuditId => text(&message.audit_id),
            SourceField::DeliveryKey => text(delivery_key),
            SourceField::CreatedAt => text(&message.created_at),
            SourceField::SourceType => text(source_name(message.source.source)),
            SourceField::SourceModel => text(&message.source.model),
        })
    }
}

impl fmt::Display for SourceField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

/// Which message field goes into which Data Action input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMapping {
    fields: BTreeMap<String, SourceField>,
}

impl Default for FieldMapping {
    fn default() -> Self {
        Self {
            fields: DEFAULT_MAPPING
                .iter()
                .map(|(name, field)| ((*name).to_owned(), *field))
                .collect(),
        }
    }
}

impl FieldMapping {
    /// Parses `{"<input name>": "<message field path>", ...}`; the error says what is wrong
    /// without echoing more than the offending name or path.
    pub fn from_json(raw: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(raw).map_err(|e| format!("is not JSON: {e}"))?;
        let Value::Object(entries) = value else {
            return Err("must be a JSON object of {\"<action input>\": \"<message field>\"}".into());
        };
        let mut fields = BTreeMap::new();
        for (name, path) in entries {
            let Some(path) = path.as_str() else {
                return Err(format!(
                    "the value of {name:?} must be a string (a message field)"
                ));
            };
            let field = SourceField::from_path(path.trim()).ok_or_else(|| {
                let known: Vec<&str> = SourceField::ALL.iter().map(|f| f.path()).collect();
                format!(
                    "{path:?} (for {name:?}) is not a message field; known: {}",
                    known.join(", ")
                )
            })?;
            fields.insert(name, field);
        }
        Self::new(fields)
    }

    pub fn new(fields: BTreeMap<String, SourceField>) -> Result<Self, String> {
        if fields.is_empty() {
            return Err("must map at least one action input".into());
        }
        for name in fields.keys() {
            if name.trim().is_empty() || name.len() > 200 || name.chars().any(char::is_control) {
                return Err(format!("{name:?} is not a usable action input name"));
            }
            if name == IDEMPOTENCY_KEY_INPUT {
                return Err(format!(
                    "{IDEMPOTENCY_KEY_INPUT} is reserved: Wrapup always sets it"
                ));
            }
        }
        Ok(Self { fields })
    }

    pub fn fields(&self) -> &BTreeMap<String, SourceField> {
        &self.fields
    }

    /// The Data Action input of one delivery: the mapped fields plus `Wrapup_Idempotency_Key`.
    pub fn input(&self, delivery: &Delivery<'_>) -> Result<DataActionInput, CrmError> {
        let key = delivery.key();
        let mut input = DataActionInput::new();
        for (name, field) in &self.fields {
            let value = field
                .value(delivery.message, &key)
                .map_err(|reason| CrmError::Permanent {
                    target: TargetKind::DataAction.as_str(),
                    status: None,
                    reason: format!("the Data Action input {name} cannot be built: {reason}"),
                })?;
            input = input.with(name.clone(), value);
        }
        Ok(input.with(IDEMPOTENCY_KEY_INPUT, key))
    }
}

/// "Send the refund confirmation (agent, today); Check the statement (customer)".
pub fn join_action_items(items: &[ActionItem]) -> String {
    items
        .iter()
        .map(action_item_line)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn action_item_line(item: &ActionItem) -> String {
    let owner = item.owner.map(|owner| match owner {
        Owner::Agent => "agent",
        Owner::Customer => "customer",
    });
    let due = item.due_date.as_deref().map(str::trim).filter(|d| !d.is_empty());
    let details: Vec<&str> = owner.into_iter().chain(due).collect();
    let text = item.text.trim();
    if details.is_empty() {
        text.to_owned()
    } else {
        format!("{text} ({})", details.join(", "))
    }
}

fn source_name(source: SummarySource) -> &'static str {
    match source {
        SummarySource::Genesys => "genesys",
        SummarySource::Llm => "llm",
        SummarySource::Extractive => "extractive",
    }
}

/// The confidence as its shortest decimal (0.86, not the f32's 0.8600000143).
pub fn confidence_number(confidence: f32) -> Option<Number> {
    let shortest: f64 = confidence.to_string().parse().ok()?;
    Number::from_f64(shortest)
}

/// At most `max_chars` characters, cut on a char boundary.
pub fn cap_chars(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => text.get(..end).unwrap_or(text),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_on_char_boundaries() {
        assert_eq!(cap_chars("héllo", 2), "hé");
        assert_eq!(cap_chars("héllo", 10), "héllo");
        assert_eq!(cap_chars("", 0), "");
        assert_eq!(cap_chars("€€€", 0), "");
    }

    #[test]
    fn every_path_round_trips() {
        for field in SourceField::ALL {
            assert_eq!(SourceField::from_path(field.path()), Some(field));
        }
        assert_eq!(SourceField::from_path("summary"), None);
    }

    #[test]
    fn confidence_keeps_its_decimal_form() {
        assert_eq!(confidence_number(0.86).unwrap().to_string(), "0.86");
        assert_eq!(confidence_number(1.0).unwrap().as_f64(), Some(1.0));
        assert!(confidence_number(f32::NAN).is_none());
    }
}
