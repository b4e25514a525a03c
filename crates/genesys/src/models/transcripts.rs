//! Speech & Text Analytics transcripts: the `transcripturl(s)` responses and the transcript
//! DOCUMENT behind those pre-signed URLs (`spec/transcript-document.schema.json`, every field
//! optional).

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::common::AddressableEntityRef;

/// `TranscriptUrl`: the answer to `GET .../communications/{communicationId}/transcripturl`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `TranscriptUrls`: the answer to `GET .../transcripturls` (one URL per recording segment).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptUrls {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<SegmentUrl>,
}

/// `SegmentUrl`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A duration or offset, written by Genesys as `{"milliseconds": 1234}`. A bare number is also
/// accepted; fractional values are truncated, out-of-range ones saturate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Millis {
    pub milliseconds: i64,
}

impl Millis {
    pub fn new(milliseconds: i64) -> Self {
        Self { milliseconds }
    }
}

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MillisVisitor)
    }
}

struct MillisVisitor;

impl<'de> Visitor<'de> for MillisVisitor {
    type Value = Millis;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{\"milliseconds\": <integer>} or an integer")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Millis, E> {
        Ok(Millis::new(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Millis, E> {
        Ok(Millis::new(i64::try_from(v).unwrap_or(i64::MAX)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Millis, E> {
        // `as` saturates and maps NaN to 0.
        Ok(Millis::new(v as i64))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Millis, A::Error> {
        let mut out = Millis::default();
        while let Some(key) = map.next_key::<MillisField>()? {
            match key {
                MillisField::Milliseconds => {
                    out = map.next_value::<Option<Millis>>()?.unwrap_or_default();
                }
                MillisField::Other => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// Keys of a `Millis` object, identified without allocating.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum MillisField {
    Milliseconds,
    #[serde(other)]
    Other,
}

/// The transcript document of one communication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptDocument {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_id: Option<String>,
    /// e.g. `call`, `chat`, `email`, `message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// Epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_start_time: Option<i64>,
    /// Epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Millis>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transcripts: Vec<TranscriptSection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<DocumentParticipant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// `Transcript` of the document schema: one transcription run (one per language/program).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_id: Option<String>,
    /// Epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Millis>,
    /// Digital (email) transcripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<Phrase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analytics: Option<TranscriptAnalytics>,
}

/// One phrase (utterance) of a transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Phrase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase_index: Option<i64>,
    /// `internal` (agent/IVR/ACD side) or `external` (customer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_purpose: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Text after redaction/formatting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decorated_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stability: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Millis>,
    /// Epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Millis>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Word>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub phrase_type: Option<String>,
}

/// One recognised word.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Word {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Millis>,
    /// Epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Millis>,
}

/// An alternative recognition of a phrase.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Millis>,
    /// The published schema types this as a single `Word`; documents may carry an array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<OneOrMany<Word>>,
}

/// A value the sources disagree on: one object or an array of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn as_slice(&self) -> &[T] {
        match self {
            Self::One(one) => std::slice::from_ref(one),
            Self::Many(many) => many,
        }
    }
}

/// `analytics` of a transcript section (acoustic events are not modelled).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptAnalytics {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentiment: Vec<Sentiment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
}

/// A sentiment marker (consumers read 1/0/-1 as positive/neutral/negative).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sentiment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase_index: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<f64>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub sentiment_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Millis>,
}

/// A detected topic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Topic {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_phrase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript_phrase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub topic_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Millis>,
}

/// `Participant` of the document schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentParticipant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_purpose: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ani: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_ms: Option<i64>,
    /// Epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn millis_accepts_objects_numbers_and_odd_values() {
        let m = |v| serde_json::from_value::<Millis>(v).unwrap().milliseconds;
        assert_eq!(m(json!({"milliseconds": 1234})), 1234);
        assert_eq!(m(json!({"milliseconds": 12.9, "nanos": 5})), 12);
        assert_eq!(m(json!({"seconds": 3})), 0);
        assert_eq!(m(json!({"milliseconds": null})), 0);
        assert_eq!(m(json!(-5)), -5);
        assert_eq!(m(json!(u64::MAX)), i64::MAX);
        assert_eq!(m(json!(1e300)), i64::MAX);
        assert!(serde_json::from_value::<Millis>(json!("12")).is_err());
        assert_eq!(
            serde_json::to_value(Millis::new(7)).unwrap(),
            json!({"milliseconds": 7})
        );
    }

    #[test]
    fn alternative_words_may_be_one_or_many() {
        let p: Phrase = serde_json::from_value(json!({
            "text": "hi",
            "alternatives": [
                {"text": "high", "words": {"word": "high"}},
                {"text": "hi", "words": [{"word": "hi"}, {"word": "there"}]}
            ]
        }))
        .unwrap();
        let words = |i: usize| p.alternatives[i].words.as_ref().unwrap().as_slice().len();
        assert_eq!(words(0), 1);
        assert_eq!(words(1), 2);
    }
}
