//! Calls and summaries for verification's tests, built one way: a call from its lines, and a
//! summary of it verified against its redaction.

use super::*;
use crate::summary::ActionItem;
use crate::transcript::{Channel, SpeakerRole, Utterance};

/// A voice call in `language`.
pub(super) fn call(language: &str, lines: &[(SpeakerRole, &str)]) -> Transcript {
    call_on(Channel::Voice, language, lines)
}

pub(super) fn call_on(media_type: Channel, language: &str, lines: &[(SpeakerRole, &str)]) -> Transcript {
    Transcript {
        conversation_id: "conv".into(),
        agent_names: Vec::new(),
        media_type,
        language: Some(language.into()),
        duration_ms: 60_000,
        utterances: lines
            .iter()
            .map(|(speaker, text)| Utterance {
                speaker: *speaker,
                text: (*text).into(),
                start_offset_ms: 0,
                duration_ms: 1_000,
                confidence: None,
                communication_id: "comm".into(),
            })
            .collect(),
    }
}

/// A neutral summary with this text and no action items.
pub(super) fn summary_of(text: &str) -> Summary {
    Summary {
        executive_summary: text.into(),
        action_items: vec![],
        customer_sentiment: Sentiment::Neutral,
        reason: None,
        resolution: None,
        key_phrases: vec![],
        confidence: 0.8,
    }
}

pub(super) fn check(call: &Transcript, text: &str, items: Vec<ActionItem>) -> Verification {
    let summary = Summary {
        action_items: items,
        ..summary_of(text)
    };
    let redactor = Redactor::default();
    verify(
        &summary,
        call,
        &redactor.redact_call(call, &[], None),
        &redactor,
        &VerificationConfig::default(),
    )
}

/// Whether verification found a flipped polarity.
pub(super) fn negation(v: &Verification) -> bool {
    v.findings.iter().any(|f| f.kind == ErrorKind::Negation)
}

/// The values of the findings of one kind.
pub(super) fn values(v: &Verification, kind: ErrorKind) -> Vec<&str> {
    v.findings
        .iter()
        .filter(|f| f.kind == kind)
        .filter_map(|f| f.value.as_deref())
        .collect()
}
