//! Conversations loaded through `POST /_sim/conversations`.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::generator::queue_id;
use super::{Content, Conversation, Dialogue, Media, Participant, Phrase, Speaker};
use super::{SuggestionSeed, SummarySeed, derive_uuid};

const SUGGESTION_TYPES: &[&str] = &[
    "Faq",
    "Article",
    "KnowledgeArticle",
    "CannedResponse",
    "ThirdPartySuggestion",
];
const SUGGESTION_STATES: &[&str] = &["Suggested", "Accepted", "Dismissed", "Failed", "Rated"];
const TRIGGER_TYPES: &[&str] = &[
    "Unknown",
    "Fallback",
    "ConversationStart",
    "ConversationTransfer",
    "ConversationEnd",
    "Intent",
];

fn opt_str<'a>(v: &'a Value, field: &str, path: &str) -> Result<Option<&'a str>, String> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(format!("{path}{field}: must be a string")),
    }
}

/// Longest offset or duration a loaded phrase may have (7 days).
const MAX_MS: i64 = 7 * 24 * 3_600_000;

fn opt_i64(v: &Value, field: &str, path: &str) -> Result<Option<i64>, String> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(n) => n
            .as_i64()
            .filter(|n| (0..=MAX_MS).contains(n))
            .map(Some)
            .ok_or_else(|| format!("{path}{field}: must be an integer between 0 and {MAX_MS} (ms)")),
    }
}

/// Builds a conversation from a load request. Errors name the offending field.
pub fn load_conversation(body: &Value, seed: u64, division_id: &str) -> Result<Conversation, String> {
    if !body.is_object() {
        return Err("body: must be a JSON object".into());
    }
    let id = match opt_str(body, "conversationId", "")? {
        Some(s) => uuid::Uuid::parse_str(s)
            .map_err(|_| format!("conversationId: '{s}' is not a uuid"))?
            .to_string(),
        None => uuid::Uuid::new_v4().to_string(),
    };
    let media_raw =
        opt_str(body, "mediaType", "")?.ok_or("mediaType: is required (voice, chat, email or message)")?;
    let media = Media::parse(media_raw)
        .ok_or_else(|| format!("mediaType: '{media_raw}' is not one of voice, chat, email, message"))?;
    let language = opt_str(body, "language", "")?.unwrap_or("en-US").to_string();
    let start: DateTime<Utc> = match opt_str(body, "startTime", "")? {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map_err(|e| format!("startTime: '{s}' is not an RFC 3339 date-time ({e})"))?
            .with_timezone(&Utc),
        None => Utc::now() - Duration::hours(1),
    };
    let raw_phrases = match body.get("phrases") {
        Some(Value::Array(a)) if !a.is_empty() => a,
        Some(Value::Array(_)) => return Err("phrases: must not be empty".into()),
        None | Some(Value::Null) => return Err("phrases: is required".into()),
        Some(_) => return Err("phrases: must be an array".into()),
    };
    let voice = media == Media::Voice;
    let mut phrases = Vec::with_capacity(raw_phrases.len());
    let mut at: i64 = 0;
    let mut in_ivr = true;
    for (i, p) in raw_phrases.iter().enumerate() {
        let path = format!("phrases[{i}].");
        if !p.is_object() {
            return Err(format!("phrases[{i}]: must be an object"));
        }
        let speaker_raw =
            opt_str(p, "speaker", &path)?.ok_or_else(|| format!("{path}speaker: is required"))?;
        let speaker = Speaker::parse(speaker_raw)
            .ok_or_else(|| format!("{path}speaker: '{speaker_raw}' is not one of agent, customer, ivr"))?;
        let text = opt_str(p, "text", &path)?.ok_or_else(|| format!("{path}text: is required"))?;
        if text.trim().is_empty() {
            return Err(format!("{path}text: must not be empty"));
        }
        if speaker != Speaker::Ivr && in_ivr {
            in_ivr = false;
            at += 4000;
        }
        let words = text.split_whitespace().count() as i64;
        let natural = if voice { 400 + words * 330 } else { 0 };
        let offset_ms = opt_i64(p, "offsetMs", &path)?.unwrap_or(at.max(500));
        let duration_ms = opt_i64(p, "durationMs", &path)?.unwrap_or(natural);
        at = offset_ms
            + duration_ms
            + match media {
                Media::Voice => 700,
                Media::Chat | Media::Message => 20_000,
                Media::Email => 3_600_000,
            };
        phrases.push(Phrase {
            speaker,
            text: text.to_string(),
            offset_ms,
            duration_ms,
            confidence: 0.93,
        });
    }
    let last_end = phrases
        .iter()
        .map(|p| p.offset_ms + p.duration_ms)
        .max()
        .unwrap_or(0)
        + 1000;
    let ivr_end = phrases
        .iter()
        .filter(|p| p.speaker == Speaker::Ivr)
        .map(|p| p.offset_ms + p.duration_ms + 500)
        .max();
    let first_talk = phrases
        .iter()
        .filter(|p| p.speaker != Speaker::Ivr)
        .map(|p| p.offset_ms)
        .min()
        .unwrap_or(last_end);
    let talk_start = (first_talk - 500).max(ivr_end.unwrap_or(0)).max(3000);

    let summary = match body.get("copilotSummary") {
        None | Some(Value::Null) => None,
        Some(s) if s.is_object() => Some(summary(s)?),
        Some(_) => return Err("copilotSummary: must be an object".into()),
    };
    let suggestions = match body.get("suggestions") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, s)| suggestion(&id, i, s, talk_start))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("suggestions: must be an array".into()),
    };
    let subject = opt_str(body, "subject", "")?
        .map(str::to_string)
        .or_else(|| (media == Media::Email).then(|| "Customer enquiry".to_string()));

    let agent_name = opt_str(body, "agentName", "")?.unwrap_or("Sim Agent").to_string();
    let customer_name = opt_str(body, "customerName", "")?
        .unwrap_or("Loaded Customer")
        .to_string();
    let pid = |kind: &str| derive_uuid(&format!("{id}:{kind}:participant"));
    let sid = |kind: &str| derive_uuid(&format!("{id}:{kind}:session"));
    let mut participants = vec![Participant {
        id: pid("customer"),
        purpose: Speaker::Customer,
        name: customer_name.clone(),
        user_id: None,
        session_id: sid("customer"),
        start_ms: 0,
        end_ms: last_end,
    }];
    if let Some(end) = ivr_end {
        participants.push(Participant {
            id: pid("ivr"),
            purpose: Speaker::Ivr,
            name: "Main IVR".into(),
            user_id: None,
            session_id: sid("ivr"),
            start_ms: 0,
            end_ms: end,
        });
    }
    participants.push(Participant {
        id: pid("agent"),
        purpose: Speaker::Agent,
        name: agent_name,
        user_id: Some(derive_uuid(&format!("{seed}:user:loaded"))),
        session_id: sid("agent"),
        start_ms: talk_start,
        end_ms: last_end,
    });
    Ok(Conversation {
        id,
        media,
        start,
        end: start + Duration::milliseconds(last_end),
        direction: "inbound",
        language,
        queue_id: queue_id(seed, 1),
        division_id: division_id.to_string(),
        customer_name,
        ani: "tel:+15550000000".into(),
        dnis: "tel:+18005550100".into(),
        wrapup_code: derive_uuid(&format!("{seed}:wrapup:loaded")),
        participants,
        content: Content::Loaded(Arc::new(Dialogue {
            phrases,
            subject,
            summary,
            suggestions,
            ..Dialogue::default()
        })),
    })
}

fn summary(s: &Value) -> Result<SummarySeed, String> {
    let p = "copilotSummary.";
    let text = opt_str(s, "text", p)?.ok_or("copilotSummary.text: is required")?;
    let confidence = match s.get("confidence") {
        None | Some(Value::Null) => 0.85,
        Some(v) => v
            .as_f64()
            .filter(|c| (0.0..=1.0).contains(c))
            .ok_or("copilotSummary.confidence: must be a number between 0 and 1")?,
    };
    Ok(SummarySeed {
        text: text.to_string(),
        reason: opt_str(s, "reason", p)?.unwrap_or_default().to_string(),
        resolution: opt_str(s, "resolution", p)?.unwrap_or_default().to_string(),
        outcome: opt_str(s, "outcome", p)?.unwrap_or("Resolved").to_string(),
        followup: opt_str(s, "followup", p)?.unwrap_or_default().to_string(),
        confidence,
    })
}

fn suggestion(conv_id: &str, i: usize, s: &Value, at: i64) -> Result<SuggestionSeed, String> {
    let p = format!("suggestions[{i}].");
    if !s.is_object() {
        return Err(format!("suggestions[{i}]: must be an object"));
    }
    let kind = opt_str(s, "type", &p)?.unwrap_or("Faq");
    if !SUGGESTION_TYPES.contains(&kind) {
        return Err(format!(
            "{p}type: '{kind}' is not one of {}",
            SUGGESTION_TYPES.join(", ")
        ));
    }
    let state = opt_str(s, "state", &p)?.unwrap_or("Suggested");
    if !SUGGESTION_STATES.contains(&state) {
        return Err(format!(
            "{p}state: '{state}' is not one of {}",
            SUGGESTION_STATES.join(", ")
        ));
    }
    let trigger = opt_str(s, "triggerType", &p)?.unwrap_or("Intent");
    if !TRIGGER_TYPES.contains(&trigger) {
        return Err(format!(
            "{p}triggerType: '{trigger}' is not one of {}",
            TRIGGER_TYPES.join(", ")
        ));
    }
    let title = opt_str(s, "title", &p)?
        .or(opt_str(s, "question", &p)?)
        .unwrap_or("Suggested answer");
    let text = opt_str(s, "text", &p)?
        .or(opt_str(s, "answer", &p)?)
        .unwrap_or_default();
    Ok(SuggestionSeed {
        id: match opt_str(s, "id", &p)? {
            Some(id) => id.to_string(),
            None => derive_uuid(&format!("{conv_id}:suggestion:{i}")),
        },
        kind: kind.to_string(),
        title: title.to_string(),
        text: text.to_string(),
        trigger: trigger.to_string(),
        state: state.to_string(),
        offset_ms: at + i as i64 * 1000,
    })
}
