//! Genesys Copilot summaries (`GET /api/v2/conversations/{id}/summaries`) mapped to our model.
//! Copilot's own text is not redacted by Genesys; the pipeline redacts and verifies every summary,
//! so this module only maps.

use std::sync::Arc;

use async_trait::async_trait;
use tracing::debug;

use super::extractive::{self, Limits, cap_chars, followup_item, split_text};
use super::{
    Provenance, SummarizeError, Summarized, Summarizer, Summary, SummaryInput, SummaryOptions, SummarySource,
};
use crate::transcript::Transcript;
use wrapup_genesys::GenesysApi;
use wrapup_genesys::models::{CompletedSummary, ResolutionPart, SummaryPart};

/// The model name in the provenance of Copilot summaries.
pub const COPILOT_MODEL: &str = "genesys-copilot";
/// Used when Copilot reports no (or an unusable) confidence.
pub const DEFAULT_COPILOT_CONFIDENCE: f32 = 0.7;
const NO_SUMMARY: &str = "no completed Copilot summary for this conversation";
/// Reason and resolution texts are capped like long action items.
const PART_MAX_CHARS: usize = 400;

pub struct GenesysSummarizer {
    client: Arc<dyn GenesysApi>,
}

impl GenesysSummarizer {
    pub fn new(client: Arc<dyn GenesysApi>) -> Self {
        GenesysSummarizer { client }
    }
}

#[async_trait]
impl Summarizer for GenesysSummarizer {
    fn source(&self) -> SummarySource {
        SummarySource::Genesys
    }

    async fn summarize(&self, input: &SummaryInput<'_>) -> Result<Summarized, SummarizeError> {
        let response = self
            .client
            .with_deadline(input.deadline)
            .conversation_summaries(input.conversation_id)
            .await?;
        let Some(completed) = response.as_ref().and_then(|r| r.completed()) else {
            debug!(found = response.is_some(), "no completed Copilot summary");
            return Err(SummarizeError::Unavailable(NO_SUMMARY.to_string()));
        };
        debug!(
            edited = completed.edited,
            session_level = completed.communication_id.is_some(),
            "using the Copilot summary"
        );
        Ok(Summarized {
            summary: map_copilot(&completed, input.transcript, input.options),
            provenance: Provenance {
                source: SummarySource::Genesys,
                model: COPILOT_MODEL.to_string(),
                usage: None,
                fallback_reason: None,
            },
        })
    }
}

/// Maps a completed Copilot summary; sentiment and key phrases come from the (redacted)
/// transcript, since Copilot gives neither.
pub fn map_copilot(
    summary: &CompletedSummary<'_>,
    transcript: &Transcript,
    options: &SummaryOptions,
) -> Summary {
    let limits = Limits::of(options.length);
    let sentences = split_text(summary.text);
    let executive_summary = if sentences.len() > limits.sentences {
        sentences
            .iter()
            .take(limits.sentences)
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        summary.text.trim().to_string()
    };
    let copilot = summary.summary;
    let followup = copilot.followup.as_ref().and_then(part_text);
    Summary {
        executive_summary,
        action_items: followup
            .and_then(|t| followup_item(t, limits.action_item_chars))
            .into_iter()
            .collect(),
        customer_sentiment: crate::sentiment::customer_sentiment(transcript),
        reason: copilot
            .reason
            .as_ref()
            .and_then(part_text)
            .map(|t| cap_chars(t, PART_MAX_CHARS)),
        resolution: copilot
            .resolution
            .as_ref()
            .and_then(resolution_text)
            .map(|t| cap_chars(&t, PART_MAX_CHARS)),
        key_phrases: extractive::key_phrases(transcript, options.length),
        confidence: copilot
            .confidence
            .filter(|c| c.is_finite())
            .map_or(DEFAULT_COPILOT_CONFIDENCE, |c| c.clamp(0.0, 1.0)),
    }
}

fn nonblank(text: Option<&String>) -> Option<&str> {
    text.map(|t| t.trim()).filter(|t| !t.is_empty())
}

/// The part's text, else its description.
fn part_text(part: &SummaryPart) -> Option<&str> {
    nonblank(part.text.as_ref()).or_else(|| nonblank(part.description.as_ref()))
}

/// The resolution text, with Copilot's outcome appended when the text does not already say it.
fn resolution_text(part: &ResolutionPart) -> Option<String> {
    let text = nonblank(part.text.as_ref()).or_else(|| nonblank(part.description.as_ref()));
    let outcome = nonblank(part.outcome.as_ref()).map(|o| o.trim_end_matches(['.', '!']));
    match (text, outcome) {
        (Some(text), Some(outcome)) if !text.to_lowercase().contains(&outcome.to_lowercase()) => {
            let stop = if text.ends_with(['.', '!', '?']) { "" } else { "." };
            Some(format!("{text}{stop} Outcome: {outcome}."))
        }
        (Some(text), _) => Some(text.to_string()),
        (None, Some(outcome)) => Some(format!("Outcome: {outcome}.")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::{Owner, SummaryLength};
    use crate::transcript::{Channel, SpeakerRole, Utterance};
    use wrapup_genesys::models::{ConversationSummariesGetResponse, ConversationSummary};

    fn transcript() -> Transcript {
        let utterance = |speaker, text: &str| Utterance {
            speaker,
            text: text.to_string(),
            start_offset_ms: 0,
            duration_ms: 0,
            confidence: None,
            communication_id: "c".into(),
        };
        Transcript {
            conversation_id: "x".to_string(),
            agent_names: Vec::new(),
            media_type: Channel::Voice,
            language: None,
            duration_ms: 0,
            utterances: vec![
                utterance(
                    SpeakerRole::Customer,
                    "My Acme Router Pro keeps dropping the connection.",
                ),
                utterance(
                    SpeakerRole::Agent,
                    "I pushed a firmware update to the Acme Router Pro.",
                ),
            ],
        }
    }

    fn response(value: serde_json::Value) -> ConversationSummariesGetResponse {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn maps_every_part() {
        let r = response(serde_json::json!({"summary": {
            "status": "Completed", "confidence": 1.7,
            "text": "Customer reported an outage. Agent pushed a fix. The agent committed to call back. Extra.",
            "reason": {"text": " Outage reported. "},
            "resolution": {"text": "Agent pushed a fix", "outcome": "Resolved"},
            "followup": {"text": "I'll call you back tomorrow."}
        }}));
        let completed = r.completed().unwrap();
        let options = SummaryOptions {
            length: SummaryLength::Short,
            ..Default::default()
        };
        let s = map_copilot(&completed, &transcript(), &options);
        assert_eq!(
            s.executive_summary,
            "Customer reported an outage. Agent pushed a fix."
        );
        assert_eq!(s.reason.as_deref(), Some("Outage reported."));
        assert_eq!(
            s.resolution.as_deref(),
            Some("Agent pushed a fix. Outcome: Resolved.")
        );
        assert_eq!(s.confidence, 1.0);
        assert_eq!(s.action_items.len(), 1);
        assert_eq!(s.action_items[0].owner, Some(Owner::Agent));
        assert_eq!(s.action_items[0].due_date.as_deref(), Some("tomorrow"));
        assert_eq!(s.key_phrases.first().map(String::as_str), Some("Acme Router Pro"));
    }

    #[test]
    fn the_agents_edit_wins() {
        let r = response(serde_json::json!({"summary": {
            "status": "Completed", "text": "Copilot text.",
            "editedSummary": {"text": "The agent's edit. Second sentence. Third. Fourth."}
        }}));
        let completed = r.completed().unwrap();
        let s = map_copilot(&completed, &transcript(), &SummaryOptions::default());
        assert_eq!(s.executive_summary, "The agent's edit. Second sentence. Third.");
        assert_eq!(s.reason, None);
        assert_eq!(s.resolution, None);
        assert!(s.action_items.is_empty());
    }

    #[test]
    fn defaults_and_blanks() {
        let copilot = ConversationSummary {
            text: Some("Short text".into()),
            status: Some(wrapup_genesys::models::SummaryStatus::Completed),
            confidence: Some(f32::NAN),
            reason: Some(SummaryPart {
                text: Some("  ".into()),
                description: Some("From description".into()),
                confidence: None,
            }),
            resolution: Some(ResolutionPart {
                outcome: Some("Resolved".into()),
                ..Default::default()
            }),
            followup: Some(SummaryPart {
                text: Some("No follow-up required.".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let completed = CompletedSummary {
            text: "Short text",
            edited: false,
            summary: &copilot,
            communication_id: None,
        };
        let s = map_copilot(&completed, &transcript(), &SummaryOptions::default());
        assert_eq!(s.executive_summary, "Short text");
        assert_eq!(s.confidence, DEFAULT_COPILOT_CONFIDENCE);
        assert_eq!(s.reason.as_deref(), Some("From description"));
        assert_eq!(s.resolution.as_deref(), Some("Outcome: Resolved."));
        assert!(s.action_items.is_empty());
        let resolved = ResolutionPart {
            text: Some("Issue resolved".into()),
            outcome: Some("Resolved".into()),
            ..Default::default()
        };
        assert_eq!(resolution_text(&resolved).as_deref(), Some("Issue resolved"));
    }
}
