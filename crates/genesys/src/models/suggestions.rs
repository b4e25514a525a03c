//! Copilot / Agent Assist suggestions: `GET /api/v2/conversations/{conversationId}/suggestions`
//! and `GET .../suggestions/{suggestionId}`. Every `Suggestion` field is read-only upstream.
//! The request side (query parameters, engagement) is in [`super::suggestion_requests`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::{AddressableEntityRef, Entity, UserReference};

/// `type` of a suggestion (also a query filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SuggestionType {
    Faq,
    Article,
    KnowledgeArticle,
    KnowledgeSearch,
    CannedResponse,
    Script,
    SuggestedKnowledgeAnswer,
    ThirdPartySuggestion,
    #[serde(other)]
    Unknown,
}

impl SuggestionType {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Faq => "Faq",
            Self::Article => "Article",
            Self::KnowledgeArticle => "KnowledgeArticle",
            Self::KnowledgeSearch => "KnowledgeSearch",
            Self::CannedResponse => "CannedResponse",
            Self::Script => "Script",
            Self::SuggestedKnowledgeAnswer => "SuggestedKnowledgeAnswer",
            Self::ThirdPartySuggestion => "ThirdPartySuggestion",
            Self::Unknown => "Unknown",
        }
    }
}

/// `state` of a suggestion (also a query filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SuggestionState {
    Suggested,
    Accepted,
    Dismissed,
    Failed,
    Rated,
    #[serde(other)]
    Unknown,
}

impl SuggestionState {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Suggested => "Suggested",
            Self::Accepted => "Accepted",
            Self::Dismissed => "Dismissed",
            Self::Failed => "Failed",
            Self::Rated => "Rated",
            Self::Unknown => "Unknown",
        }
    }
}

/// `triggerType`. `Unknown` is also Genesys' literal `"Unknown"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TriggerType {
    Fallback,
    ConversationStart,
    ConversationTransfer,
    ConversationEnd,
    Intent,
    #[serde(other)]
    Unknown,
}

/// `SuggestionListing`: one page of suggestions, cursor-paged through `nextUri`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionListing {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Suggestion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

impl SuggestionListing {
    /// The `after` cursor of `nextUri` (absolute or relative), percent-decoded; `None` on the
    /// last page.
    pub fn next_cursor(&self) -> Option<String> {
        let uri = self.next_uri.as_deref()?;
        let query = uri.split_once('?')?.1;
        let query = query.split_once('#').map_or(query, |(q, _)| q);
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "after")
            .map(|(_, v)| v.into_owned())
            .filter(|v| !v.is_empty())
    }
}

/// `Suggestion`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub suggestion_type: Option<SuggestionType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<SuggestionState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_type: Option<TriggerType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assistant: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faq: Option<Faq>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Article>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_article: Option<SuggestionKnowledgeArticle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_search: Option<SuggestionKnowledgeArticle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canned_response: Option<SuggestionCannedResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<SuggestionScript>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_suggestion: Option<ThirdPartySuggestion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<SuggestionContext>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_record_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

impl Suggestion {
    /// The text an agent would read: FAQ answer, knowledge answer, third-party text or the first
    /// snippet, whichever the suggestion carries first.
    pub fn display_text(&self) -> Option<&str> {
        fn answer(k: &Option<SuggestionKnowledgeArticle>) -> Option<&str> {
            k.as_ref()?.knowledge_answer.as_ref()?.answer.as_deref()
        }
        fn snippet(k: &Option<SuggestionKnowledgeArticle>) -> Option<&str> {
            k.as_ref()?.snippets.first().map(String::as_str)
        }
        [
            self.faq.as_ref().and_then(|f| f.answer.as_deref()),
            answer(&self.knowledge_search),
            answer(&self.knowledge_article),
            self.third_party_suggestion
                .as_ref()
                .and_then(|t| t.text.as_deref()),
            snippet(&self.knowledge_search),
            snippet(&self.knowledge_article),
            self.article
                .as_ref()
                .and_then(|a| a.snippets.first())
                .map(String::as_str),
        ]
        .into_iter()
        .flatten()
        .find(|t| !t.trim().is_empty())
    }

    /// The confidence Genesys attached, wherever it is.
    pub fn confidence(&self) -> Option<f32> {
        self.faq
            .as_ref()
            .and_then(|f| f.confidence)
            .or_else(|| self.knowledge_search.as_ref().and_then(|k| k.confidence))
            .or_else(|| self.article.as_ref().and_then(|a| a.confidence))
    }
}

/// `Faq`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Faq {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_uri: Option<String>,
}

/// `Article`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snippets: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variations: Vec<AddressableEntityRef>,
    /// `MetadataAttribute` values are `{"value": "..."}` objects.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

/// `SuggestionKnowledgeArticle`, also used for `SuggestionKnowledgeSearch` (which adds
/// `searchId` and `confidence`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionKnowledgeArticle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snippets: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variations: Vec<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_answer: Option<SuggestionKnowledgeAnswer>,
}

/// `SuggestionKnowledgeSearch` has the same fields as [`SuggestionKnowledgeArticle`].
pub type SuggestionKnowledgeSearch = SuggestionKnowledgeArticle;

/// `SuggestionKnowledgeAnswer`: the extracted answer and where it sits in the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionKnowledgeAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_index: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_index: Option<i32>,
}

/// `SuggestionCannedResponse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionCannedResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub library: Option<AddressableEntityRef>,
}

/// `SuggestionScript`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionScript {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
}

/// `ThirdPartySuggestion`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThirdPartySuggestion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ThirdPartySuggestionSource>,
}

/// `ThirdPartySuggestionSource`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThirdPartySuggestionSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `mediaType` of a suggestion context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SuggestionMediaType {
    Message,
    Voice,
    #[serde(other)]
    Unknown,
}

/// `SuggestionContext`: what triggered the suggestion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<SuggestionMediaType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_statement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_contact: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utterance: Option<Entity>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn listing(next_uri: Option<&str>) -> SuggestionListing {
        SuggestionListing {
            next_uri: next_uri.map(str::to_owned),
            ..SuggestionListing::default()
        }
    }

    #[test]
    fn next_cursor_reads_after_from_relative_and_absolute_uris() {
        let rel = "/api/v2/conversations/c1/suggestions?pageSize=25&after=abc%3D%3D&type=Faq";
        assert_eq!(listing(Some(rel)).next_cursor().as_deref(), Some("abc=="));
        let abs = "https://api.mypurecloud.com/api/v2/conversations/c1/suggestions?after=x+y#frag";
        assert_eq!(listing(Some(abs)).next_cursor().as_deref(), Some("x y"));
        assert_eq!(listing(Some("/api/v2/x?before=b")).next_cursor(), None);
        assert_eq!(listing(Some("/api/v2/x?after=")).next_cursor(), None);
        assert_eq!(listing(Some("/api/v2/x")).next_cursor(), None);
        assert_eq!(listing(None).next_cursor(), None);
    }

    #[test]
    fn as_str_matches_serde() {
        for t in [
            SuggestionType::Faq,
            SuggestionType::SuggestedKnowledgeAnswer,
            SuggestionType::Unknown,
        ] {
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
        for s in [
            SuggestionState::Suggested,
            SuggestionState::Rated,
            SuggestionState::Unknown,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }

    #[test]
    fn display_text_and_confidence() {
        let s: Suggestion = serde_json::from_value(json!({
            "type": "KnowledgeSearch",
            "knowledgeSearch": {"confidence": 0.7, "snippets": ["snip"],
                                "knowledgeAnswer": {"answer": "Reset it from settings."}}
        }))
        .unwrap();
        assert_eq!(s.display_text(), Some("Reset it from settings."));
        assert_eq!(s.confidence(), Some(0.7));
        let faq: Suggestion =
            serde_json::from_value(json!({"faq": {"answer": " ", "confidence": 0.1}})).unwrap();
        assert_eq!(faq.display_text(), None);
        assert_eq!(faq.confidence(), Some(0.1));
    }
}
