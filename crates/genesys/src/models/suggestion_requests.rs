//! Requests about suggestions: the query parameters of
//! `GET /api/v2/conversations/{conversationId}/suggestions` and the body of
//! `POST .../suggestions/{suggestionId}/engagement`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::suggestions::{SuggestionState, SuggestionType};

/// `engagementType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EngagementType {
    Dismissed,
    Copied,
    Opened,
    Feedback,
    #[serde(other)]
    Unknown,
}

/// `rating` of suggestion feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rating {
    Positive,
    Negative,
    #[serde(other)]
    Unknown,
}

/// `SuggestionFeedback`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionFeedback {
    pub rating: Rating,
}

/// `SuggestionEngagement`: the body of `POST .../suggestions/{suggestionId}/engagement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionEngagement {
    pub engagement_type: EngagementType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<SuggestionFeedback>,
}

impl SuggestionEngagement {
    pub fn new(engagement_type: EngagementType) -> Self {
        Self {
            engagement_type,
            feedback: None,
        }
    }

    /// A `Feedback` engagement with `rating`.
    pub fn feedback(rating: Rating) -> Self {
        Self {
            engagement_type: EngagementType::Feedback,
            feedback: Some(SuggestionFeedback { rating }),
        }
    }
}

/// Query parameters of `GET .../suggestions` (`pageSize` is a string parameter upstream).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionsQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "page_size_as_string",
        deserialize_with = "page_size_from_string_or_number"
    )]
    pub page_size: Option<u16>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub suggestion_type: Option<SuggestionType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<SuggestionState>,
}

impl SuggestionsQuery {
    /// The query pairs, in a fixed order, for any HTTP client.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::with_capacity(5);
        if let Some(v) = &self.before {
            pairs.push(("before", v.clone()));
        }
        if let Some(v) = &self.after {
            pairs.push(("after", v.clone()));
        }
        if let Some(v) = self.page_size {
            pairs.push(("pageSize", v.to_string()));
        }
        if let Some(v) = self.suggestion_type {
            pairs.push(("type", v.as_str().to_owned()));
        }
        if let Some(v) = self.state {
            pairs.push(("state", v.as_str().to_owned()));
        }
        pairs
    }
}

fn page_size_as_string<S: Serializer>(v: &Option<u16>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(n) => s.collect_str(n),
        None => s.serialize_none(),
    }
}

fn page_size_from_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Num(u16),
        Str(String),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(None),
        Some(Raw::Num(n)) => Ok(Some(n)),
        Some(Raw::Str(s)) => s.trim().parse().map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_serialises_page_size_as_a_string() {
        let q = SuggestionsQuery {
            after: Some("cur".into()),
            page_size: Some(50),
            suggestion_type: Some(SuggestionType::KnowledgeSearch),
            state: Some(SuggestionState::Suggested),
            ..SuggestionsQuery::default()
        };
        assert_eq!(
            serde_json::to_value(&q).unwrap(),
            json!({"after": "cur", "pageSize": "50", "type": "KnowledgeSearch", "state": "Suggested"})
        );
        assert_eq!(
            q.to_pairs(),
            vec![
                ("after", "cur".to_owned()),
                ("pageSize", "50".to_owned()),
                ("type", "KnowledgeSearch".to_owned()),
                ("state", "Suggested".to_owned()),
            ]
        );
        for raw in [json!({"pageSize": "50"}), json!({"pageSize": 50})] {
            let back: SuggestionsQuery = serde_json::from_value(raw).unwrap();
            assert_eq!(back.page_size, Some(50));
        }
        assert!(serde_json::from_value::<SuggestionsQuery>(json!({"pageSize": "many"})).is_err());
        assert_eq!(
            serde_json::from_value::<SuggestionsQuery>(json!({})).unwrap(),
            SuggestionsQuery::default()
        );
    }

    #[test]
    fn engagement_constructors() {
        assert_eq!(
            serde_json::to_value(SuggestionEngagement::feedback(Rating::Negative)).unwrap(),
            json!({"engagementType": "Feedback", "feedback": {"rating": "Negative"}})
        );
        assert_eq!(
            serde_json::to_value(SuggestionEngagement::new(EngagementType::Copied)).unwrap(),
            json!({"engagementType": "Copied"})
        );
    }
}
