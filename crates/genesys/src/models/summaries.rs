//! Genesys (Copilot) conversation summaries: `GET /api/v2/conversations/{conversationId}/summaries`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::{AddressableEntityRef, Entity};

/// `status` of a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SummaryStatus {
    Pending,
    Queued,
    Started,
    Completed,
    Error,
    Processing,
    #[serde(other)]
    Unknown,
}

/// `mediaType` of a summary. `Unknown` is also Genesys' literal `"Unknown"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SummaryMediaType {
    Email,
    Call,
    Chat,
    Message,
    Webmessaging,
    #[serde(other)]
    Unknown,
}

/// `ConversationSummaryReason` / `ConversationSummaryFollowup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryPart {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

/// `ConversationSummaryResolution`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolutionPart {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// `ConversationSummaryWrapupCode`: a wrap-up code Copilot predicts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PredictedWrapupCode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// `ConversationEditedInput`: the agent's edit of a summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditedSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<DateTime<Utc>>,
}

/// `ConversationSummary`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SummaryStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<SummaryMediaType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<SummaryPart>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<ResolutionPart>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup: Option<SummaryPart>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predicted_wrapup_codes: Vec<PredictedWrapupCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_summary: Option<EditedSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<AddressableEntityRef>,
}

impl ConversationSummary {
    /// The text to use: the agent's edit when it is not blank, else Copilot's text when not blank.
    /// Returns the trimmed text and whether it is the edited one.
    pub fn effective_text(&self) -> Option<(&str, bool)> {
        fn nonblank(t: Option<&String>) -> Option<&str> {
            t.map(|t| t.trim()).filter(|t| !t.is_empty())
        }
        let edited = self.edited_summary.as_ref().and_then(|e| e.text.as_ref());
        nonblank(edited)
            .map(|t| (t, true))
            .or_else(|| nonblank(self.text.as_ref()).map(|t| (t, false)))
    }

    pub fn is_completed(&self) -> bool {
        self.status == Some(SummaryStatus::Completed)
    }
}

/// `ConversationSessionSummary`: a summary of one communication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSessionSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<Entity>,
    #[serde(flatten)]
    pub summary: ConversationSummary,
}

/// `ConversationSummariesGetResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummariesGetResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<AddressableEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<ConversationSummary>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub session_summaries: Vec<ConversationSessionSummary>,
}

/// The summary [`ConversationSummariesGetResponse::completed`] picked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompletedSummary<'a> {
    /// Trimmed text: the agent's edit when there is one, else Copilot's.
    pub text: &'a str,
    pub edited: bool,
    pub summary: &'a ConversationSummary,
    /// `None` for the conversation-level summary.
    pub communication_id: Option<&'a str>,
}

impl ConversationSummariesGetResponse {
    /// The best completed summary with text, if any. An edited summary beats an unedited one; the
    /// conversation-level summary beats session summaries; then higher confidence, then the most
    /// recently created.
    pub fn completed(&self) -> Option<CompletedSummary<'_>> {
        let conversation = self.summary.iter().map(|s| (s, None));
        let sessions = self.session_summaries.iter().map(|s| {
            let id = s.communication.as_ref().and_then(|c| c.id.as_deref());
            (&s.summary, id)
        });
        conversation
            .chain(sessions)
            .enumerate()
            .filter(|(_, (s, _))| s.is_completed())
            .filter_map(|(order, (summary, communication_id))| {
                let (text, edited) = summary.effective_text()?;
                Some((
                    order,
                    CompletedSummary {
                        text,
                        edited,
                        summary,
                        communication_id,
                    },
                ))
            })
            .max_by(|(ia, a), (ib, b)| {
                let conf = |c: &CompletedSummary<'_>| c.summary.confidence.unwrap_or(0.0);
                a.edited
                    .cmp(&b.edited)
                    .then(a.communication_id.is_none().cmp(&b.communication_id.is_none()))
                    .then(conf(a).total_cmp(&conf(b)))
                    .then(a.summary.date_created.cmp(&b.summary.date_created))
                    // Earlier in the response wins a full tie.
                    .then(ib.cmp(ia))
            })
            .map(|(_, c)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn response(v: serde_json::Value) -> ConversationSummariesGetResponse {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn prefers_edited_then_conversation_level_then_confidence() {
        let r = response(json!({
            "summary": {"status": "Completed", "text": "conversation text", "confidence": 0.5},
            "sessionSummaries": [
                {"communication": {"id": "comm-1"}, "status": "Completed", "text": "s1", "confidence": 0.9},
                {"communication": {"id": "comm-2"}, "status": "Completed", "text": "s2",
                 "editedSummary": {"text": "  agent edit  ", "dateModified": "2024-05-01T00:00:00Z"}}
            ]
        }));
        let best = r.completed().unwrap();
        assert_eq!(best.text, "agent edit");
        assert!(best.edited);
        assert_eq!(best.communication_id, Some("comm-2"));

        let r = response(json!({
            "summary": {"status": "Completed", "text": "conversation text", "confidence": 0.5},
            "sessionSummaries": [
                {"communication": {"id": "comm-1"}, "status": "Completed", "text": "s1", "confidence": 0.9}
            ]
        }));
        assert_eq!(r.completed().unwrap().text, "conversation text");

        let r = response(json!({
            "sessionSummaries": [
                {"communication": {"id": "a"}, "status": "Completed", "text": "low", "confidence": 0.2},
                {"communication": {"id": "b"}, "status": "Completed", "text": "high", "confidence": 0.8},
                {"communication": {"id": "c"}, "status": "Processing", "text": "wip", "confidence": 1.0}
            ]
        }));
        assert_eq!(r.completed().unwrap().communication_id, Some("b"));
    }

    #[test]
    fn ignores_incomplete_and_blank_summaries() {
        let r = response(json!({
            "summary": {"status": "Pending"},
            "sessionSummaries": [
                {"status": "Completed", "text": "   ", "editedSummary": {"text": ""}},
                {"status": "Error", "text": "failed"},
                {"status": "SomethingNew", "text": "?"}
            ]
        }));
        assert_eq!(r.completed(), None);
        assert_eq!(
            r.session_summaries[2].summary.status,
            Some(SummaryStatus::Unknown)
        );
        assert_eq!(ConversationSummariesGetResponse::default().completed(), None);
    }

    #[test]
    fn session_summary_flattens_the_summary_fields() {
        let s: ConversationSessionSummary = serde_json::from_value(json!({
            "communication": {"id": "comm-1"}, "id": "sum-1", "status": "Completed",
            "mediaType": "Webmessaging", "confidence": 0.75, "newField": [1, 2]
        }))
        .unwrap();
        assert_eq!(s.summary.id.as_deref(), Some("sum-1"));
        assert_eq!(s.summary.media_type, Some(SummaryMediaType::Webmessaging));
        assert_eq!(s.summary.confidence, Some(0.75));
        let back = serde_json::to_value(&s).unwrap();
        assert_eq!(back["communication"]["id"], "comm-1");
        assert_eq!(back["status"], "Completed");
        assert!(back.get("newField").is_none());
    }
}
