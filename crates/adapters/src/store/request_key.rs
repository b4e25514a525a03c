//! The idempotency key of a summary request.

use std::fmt;

use sha2::{Digest, Sha256};

use wrapup_core::ids::ConversationId;
use wrapup_core::summary::{SourceChoice, SummaryLength, SummaryOptions, SummaryTone};

/// Hex SHA-256 of the canonical request: the same conversation, case and options give the same
/// key, whatever the JSON the caller sent looked like (field order, defaults spelled out or not,
/// language tag case). `force` and `async` are not part of it: they say how to answer, not what.
/// It is also the `idempotencyKey` of the crm-sync message (docs/messages.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestKey(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a request key is 64 lowercase hex characters (a SHA-256)")]
pub struct InvalidRequestKey;

impl RequestKey {
    pub fn new(conversation_id: &ConversationId, case_id: &str, options: &SummaryOptions) -> Self {
        let digest = Sha256::digest(canonical_request(conversation_id, case_id, options).as_bytes());
        Self(hex::encode(digest))
    }

    /// The key of a request by `caller` (the authorizer's principal): identical requests of two
    /// callers are two requests, each computed and stored for its caller. Without a caller (a
    /// stack without an authorizer) it is [`RequestKey::new`].
    pub fn for_caller(
        conversation_id: &ConversationId,
        case_id: &str,
        options: &SummaryOptions,
        caller: Option<&str>,
    ) -> Self {
        match caller {
            None => Self::new(conversation_id, case_id, options),
            Some(caller) => {
                let canonical = canonical_request(conversation_id, case_id, options);
                let digest =
                    Sha256::digest(format!("{canonical}\ncaller:{}", json_string(caller)).as_bytes());
                Self(hex::encode(digest))
            }
        }
    }

    /// A key read back from a message or a stored item.
    pub fn parse(value: &str) -> Result<Self, InvalidRequestKey> {
        let valid = value.len() == 64 && value.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err(InvalidRequestKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The canonical form that is hashed: compact JSON with a fixed field order, every option spelled
/// out (defaults applied), the language tag lowercased (BCP-47 tags are case-insensitive).
/// Changing this changes every key: previously stored results would no longer be found.
pub(crate) fn canonical_request(
    conversation_id: &ConversationId,
    case_id: &str,
    options: &SummaryOptions,
) -> String {
    let language = match &options.language {
        Some(tag) => json_string(&tag.to_ascii_lowercase()),
        None => "null".to_owned(),
    };
    format!(
        r#"{{"conversationId":"{conversation_id}","caseId":{case_id},"options":{{"language":{language},"length":"{length}","tone":"{tone}","source":"{source}"}}}}"#,
        case_id = json_string(case_id),
        length = length_name(options.length),
        tone = tone_name(options.tone),
        source = source_name(options.source),
    )
}

fn json_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

// Spelled out here rather than taken from serde, so that a renamed variant cannot silently
// change every key.
fn length_name(length: SummaryLength) -> &'static str {
    match length {
        SummaryLength::Short => "short",
        SummaryLength::Medium => "medium",
        SummaryLength::Long => "long",
    }
}

fn tone_name(tone: SummaryTone) -> &'static str {
    match tone {
        SummaryTone::Neutral => "neutral",
        SummaryTone::Formal => "formal",
        SummaryTone::Casual => "casual",
        SummaryTone::Empathetic => "empathetic",
    }
}

fn source_name(source: SourceChoice) -> &'static str {
    match source {
        SourceChoice::Auto => "auto",
        SourceChoice::Genesys => "genesys",
        SourceChoice::Llm => "llm",
        SourceChoice::Extractive => "extractive",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> ConversationId {
        ConversationId::parse("3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b").unwrap()
    }

    #[test]
    fn canonical_form_is_fixed() {
        let options = SummaryOptions {
            language: Some("en-US".into()),
            ..SummaryOptions::default()
        };
        assert_eq!(
            canonical_request(&id(), "CASE-\"1\"", &options),
            r#"{"conversationId":"3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b","caseId":"CASE-\"1\"","options":{"language":"en-us","length":"medium","tone":"neutral","source":"auto"}}"#
        );
    }

    #[test]
    fn same_request_same_key_and_any_difference_changes_it() {
        let base = RequestKey::new(&id(), "C1", &SummaryOptions::default());
        assert_eq!(base.as_str().len(), 64);
        assert_eq!(RequestKey::parse(base.as_str()), Ok(base.clone()));
        let explicit: SummaryOptions =
            serde_json::from_str(r#"{"tone":"neutral","length":"medium","source":"auto"}"#).unwrap();
        assert_eq!(RequestKey::new(&id(), "C1", &explicit), base);

        let other_id = ConversationId::parse("00000000-0000-4000-8000-000000000001").unwrap();
        let variants = [
            RequestKey::new(&other_id, "C1", &SummaryOptions::default()),
            RequestKey::new(&id(), "C2", &SummaryOptions::default()),
            RequestKey::new(
                &id(),
                "C1",
                &SummaryOptions {
                    length: SummaryLength::Short,
                    ..SummaryOptions::default()
                },
            ),
            RequestKey::new(
                &id(),
                "C1",
                &SummaryOptions {
                    source: SourceChoice::Llm,
                    ..SummaryOptions::default()
                },
            ),
            RequestKey::new(
                &id(),
                "C1",
                &SummaryOptions {
                    language: Some("de".into()),
                    ..SummaryOptions::default()
                },
            ),
        ];
        for variant in &variants {
            assert_ne!(variant, &base);
        }
    }

    #[test]
    fn parse_rejects_anything_but_a_sha256() {
        for bad in ["", "abc", &"A".repeat(64), &"g".repeat(64), &"a".repeat(65)] {
            assert_eq!(RequestKey::parse(bad), Err(InvalidRequestKey));
        }
    }
}
