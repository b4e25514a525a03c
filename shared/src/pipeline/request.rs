//! A summary request, parsed once: every field checked, every problem reported at once.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::ConversationId;
use crate::summary::{SourceChoice, SummaryLength, SummaryOptions, SummaryTone};

/// The largest request body accepted (a request is a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
const MAX_CASE_ID_CHARS: usize = 128;
/// Languages the summarisers handle (primary subtags); regions are free (`en-AU`, `pt-BR`).
const LANGUAGES: [&str; 8] = ["en", "es", "fr", "de", "it", "pt", "nl", "ja"];
const FIELDS: [&str; 8] = [
    "conversationId",
    "caseId",
    "language",
    "length",
    "tone",
    "source",
    "async",
    "force",
];

/// One problem with one field, as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// A CRM's case or ticket id: 1..=128 printable characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CaseId(String);

impl CaseId {
    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Err("must not be empty".into());
        }
        if value.chars().count() > MAX_CASE_ID_CHARS {
            return Err(format!("must be at most {MAX_CASE_ID_CHARS} characters"));
        }
        if value.chars().any(char::is_control) {
            return Err("must not contain control characters".into());
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `POST /summaries`, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRequest {
    pub conversation_id: ConversationId,
    pub case_id: CaseId,
    pub options: SummaryOptions,
    /// Answer 202 at once and finish through the summary-jobs queue.
    pub asynchronous: bool,
    /// Recompute even if a result for the same request exists.
    pub force: bool,
}

impl SummaryRequest {
    /// Parses a JSON body, listing every problem (not just the first).
    pub fn parse(body: &[u8]) -> Result<Self, Vec<FieldError>> {
        if body.len() > MAX_BODY_BYTES {
            return Err(vec![FieldError::new(
                "body",
                format!("is larger than {MAX_BODY_BYTES} bytes"),
            )]);
        }
        let value: Value = serde_json::from_slice(body).map_err(|e| {
            vec![FieldError::new(
                "body",
                format!("is not valid JSON ({})", json_problem(&e)),
            )]
        })?;
        let Value::Object(fields) = value else {
            return Err(vec![FieldError::new("body", "must be a JSON object")]);
        };
        let mut errors = Vec::new();
        for name in fields.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
            errors.push(FieldError::new(name.clone(), "is not a known field"));
        }
        let conversation_id = match fields.get("conversationId") {
            None | Some(Value::Null) => Err(FieldError::new("conversationId", "is required")),
            Some(Value::String(s)) => ConversationId::parse(s)
                .map_err(|_| FieldError::new("conversationId", "must be a UUID (a Genesys conversation id)")),
            Some(_) => Err(FieldError::new("conversationId", "must be a string")),
        };
        let case_id = match fields.get("caseId") {
            None | Some(Value::Null) => Err(FieldError::new("caseId", "is required")),
            Some(Value::String(s)) => CaseId::parse(s).map_err(|reason| FieldError::new("caseId", reason)),
            Some(_) => Err(FieldError::new("caseId", "must be a string")),
        };
        let language =
            optional_string(&fields, "language", &mut errors).and_then(|tag| match check_language(&tag) {
                Ok(tag) => Some(tag),
                Err(reason) => {
                    errors.push(FieldError::new("language", reason));
                    None
                }
            });
        let length = enum_field::<SummaryLength>(&fields, "length", "short, medium or long", &mut errors);
        let tone = enum_field::<SummaryTone>(
            &fields,
            "tone",
            "neutral, formal, casual or empathetic",
            &mut errors,
        );
        let source =
            enum_field::<SourceChoice>(&fields, "source", "auto, genesys, llm or extractive", &mut errors);
        let asynchronous = bool_field(&fields, "async", &mut errors);
        let force = bool_field(&fields, "force", &mut errors);
        let conversation_id = conversation_id.map_err(|e| errors.push(e)).ok();
        let case_id = case_id.map_err(|e| errors.push(e)).ok();
        match (conversation_id, case_id) {
            (Some(conversation_id), Some(case_id)) if errors.is_empty() => Ok(Self {
                conversation_id,
                case_id,
                options: SummaryOptions {
                    language,
                    length: length.unwrap_or_default(),
                    tone: tone.unwrap_or_default(),
                    source: source.unwrap_or_default(),
                },
                asynchronous,
                force,
            }),
            _ => {
                errors.sort_by(|a, b| a.field.cmp(&b.field));
                Err(errors)
            }
        }
    }
}

/// Where the JSON broke, without echoing the body back.
fn json_problem(error: &serde_json::Error) -> String {
    format!("line {}, column {}", error.line(), error.column())
}

fn optional_string(fields: &Map<String, Value>, name: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    match fields.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim().to_owned()),
        Some(_) => {
            errors.push(FieldError::new(name, "must be a string"));
            None
        }
    }
}

fn enum_field<T: serde::de::DeserializeOwned>(
    fields: &Map<String, Value>,
    name: &str,
    allowed: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let raw = optional_string(fields, name, errors)?;
    match serde_json::from_value(Value::String(raw.to_ascii_lowercase())) {
        Ok(value) => Some(value),
        Err(_) => {
            errors.push(FieldError::new(name, format!("must be one of {allowed}")));
            None
        }
    }
}

fn bool_field(fields: &Map<String, Value>, name: &str, errors: &mut Vec<FieldError>) -> bool {
    match fields.get(name) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push(FieldError::new(name, "must be true or false"));
            false
        }
    }
}

/// A BCP-47 tag (`en`, `en-US`, `pt-BR`, `zh-Hant-TW`) in a language we summarise.
fn check_language(tag: &str) -> Result<String, String> {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let well_formed = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !well_formed {
        return Err("must be a BCP-47 language tag such as en-US".into());
    }
    let primary = primary.to_ascii_lowercase();
    if !LANGUAGES.contains(&primary.as_str()) {
        return Err(format!(
            "is not supported; supported languages: {}",
            LANGUAGES.join(", ")
        ));
    }
    Ok(tag.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b";

    fn parse(body: &str) -> Result<SummaryRequest, Vec<FieldError>> {
        SummaryRequest::parse(body.as_bytes())
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_minimal_request_gets_the_defaults() {
        let request = parse(&format!(r#"{{"conversationId":"{ID}","caseId":"CASE-1"}}"#)).unwrap();
        assert_eq!(request.case_id.as_str(), "CASE-1");
        assert_eq!(request.options, SummaryOptions::default());
        assert!(!request.asynchronous && !request.force);
    }

    #[test]
    fn every_option_is_read() {
        let body = format!(
            r#"{{"conversationId":"{ID}","caseId":"C","language":"pt-BR","length":"long","tone":"Empathetic","source":"llm","async":true,"force":true}}"#
        );
        let request = parse(&body).unwrap();
        assert_eq!(request.options.language.as_deref(), Some("pt-BR"));
        assert_eq!(request.options.length, SummaryLength::Long);
        assert_eq!(request.options.tone, SummaryTone::Empathetic);
        assert_eq!(request.options.source, SourceChoice::Llm);
        assert!(request.asynchronous && request.force);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let body = r#"{"conversationId":"nope","language":"xx-YY","length":"epic","tone":3,"source":"gpt","async":"yes","extra":1}"#;
        let errors = parse(body).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "async",
                "caseId",
                "conversationId",
                "extra",
                "language",
                "length",
                "source",
                "tone"
            ]
        );
        let reason = |f: &str| errors.iter().find(|e| e.field == f).unwrap().reason.clone();
        assert!(reason("conversationId").contains("UUID"));
        assert_eq!(reason("caseId"), "is required");
        assert!(reason("language").contains("not supported"));
        assert!(reason("length").contains("short, medium or long"));
        assert_eq!(reason("extra"), "is not a known field");
    }

    #[test]
    fn bodies_that_are_not_requests() {
        assert_eq!(fields(&parse("").unwrap_err()), ["body"]);
        assert!(parse("{").unwrap_err()[0].reason.contains("not valid JSON"));
        assert!(parse("[1]").unwrap_err()[0].reason.contains("object"));
        let huge = format!(r#"{{"caseId":"{}"}}"#, "x".repeat(MAX_BODY_BYTES));
        assert!(parse(&huge).unwrap_err()[0].reason.contains("larger than"));
    }

    #[test]
    fn case_ids_and_languages() {
        assert!(CaseId::parse("  ").is_err());
        assert!(CaseId::parse(&"x".repeat(129)).is_err());
        assert!(CaseId::parse("a\u{0007}b").is_err());
        assert!(check_language("en").is_ok());
        assert!(check_language("zh-Hant-TW").is_err());
        assert!(check_language("english").is_err());
        assert!(check_language("en_US").is_err());
    }
}
