//! Types shared by several Genesys operations: entity references, the error body every operation
//! may answer with, and the analytics media type.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// `AddressableEntityRef` (also the shape of `UserReference`): a reference to another entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressableEntityRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

impl AddressableEntityRef {
    /// A reference carrying only an id.
    pub fn with_id(id: impl Into<String>) -> Self {
        Self {
            id: Some(id.into()),
            self_uri: None,
        }
    }
}

/// `UserReference` has the same shape as [`AddressableEntityRef`].
pub type UserReference = AddressableEntityRef;

/// `Entity`: an object that only carries an id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `ErrorBody`: what Genesys answers with on 4xx/5xx.
///
/// Parsing must never fail on a real error body, so `messageParams` values are kept as raw JSON
/// (the spec says strings, but numbers have been seen in the wild).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_with_params: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub message_params: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorBody>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit>,
}

/// `Detail`: one entry of [`ErrorBody::details`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
}

/// `Limit`: which organisation limit a 429/400 hit. `namespace` is a long, growing enum: kept as a
/// string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Limit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
}

/// Analytics `mediaType` (sessions, segment filters).
///
/// `Unknown` is both Genesys' literal `"unknown"` and the fallback for any value this build does
/// not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaType {
    Voice,
    Chat,
    Email,
    Message,
    Callback,
    Cobrowse,
    Video,
    Screenshare,
    Screenmonitoring,
    Internalmessage,
    #[serde(other)]
    Unknown,
}

impl MediaType {
    /// The wire value, e.g. for a segment filter predicate.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Voice => "voice",
            Self::Chat => "chat",
            Self::Email => "email",
            Self::Message => "message",
            Self::Callback => "callback",
            Self::Cobrowse => "cobrowse",
            Self::Video => "video",
            Self::Screenshare => "screenshare",
            Self::Screenmonitoring => "screenmonitoring",
            Self::Internalmessage => "internalmessage",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_round_trips_and_tolerates_unknown_values() {
        let all = [
            MediaType::Voice,
            MediaType::Chat,
            MediaType::Email,
            MediaType::Message,
            MediaType::Callback,
            MediaType::Cobrowse,
            MediaType::Video,
            MediaType::Screenshare,
            MediaType::Screenmonitoring,
            MediaType::Internalmessage,
            MediaType::Unknown,
        ];
        for m in all {
            let json = serde_json::to_value(m).unwrap();
            assert_eq!(json, serde_json::Value::String(m.as_str().to_owned()));
            assert_eq!(serde_json::from_value::<MediaType>(json).unwrap(), m);
        }
        let odd: MediaType = serde_json::from_str("\"hologram\"").unwrap();
        assert_eq!(odd, MediaType::Unknown);
    }

    #[test]
    fn error_body_parses_nested_errors_and_odd_params() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"message":"Rate limit exceeded","code":"too.many.requests","status":429,
                "contextId":"ctx-1","messageParams":{"limit":"300","n":3},
                "details":[{"errorCode":"x","fieldName":"interval"}],
                "errors":[{"message":"inner","status":400}],
                "limit":{"key":"requests.volume.max","namespace":"platform.api","value":300},
                "somethingNew":true}"#,
        )
        .unwrap();
        assert_eq!(body.status, Some(429));
        assert_eq!(body.context_id.as_deref(), Some("ctx-1"));
        assert_eq!(body.message_params["n"], serde_json::json!(3));
        assert_eq!(body.details[0].field_name.as_deref(), Some("interval"));
        assert_eq!(body.errors[0].status, Some(400));
        assert_eq!(body.limit.unwrap().value, Some(300));
    }
}
