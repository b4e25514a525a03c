//! Renders conversations into the Genesys JSON shapes.

use std::collections::{BTreeMap, HashMap};

use chrono::Duration;
use serde_json::{Map, Value, json};

use super::{
    Conversation, Dialogue, Media, Participant, Speaker, SuggestionSeed, derive_uuid, fmt_time, topic_id,
};

/// Participant attributes written through the API, by participant id.
pub type Attributes = HashMap<String, BTreeMap<String, String>>;

fn at(conv: &Conversation, offset_ms: i64) -> String {
    fmt_time(conv.start + Duration::milliseconds(offset_ms))
}

/// Id of the Copilot assistant of an org.
pub fn assistant_id(org_id: &str) -> String {
    derive_uuid(&format!("{org_id}:assistant"))
}

/// `AnalyticsConversationWithoutAttributes` (or `AnalyticsConversation` when `attributes` is
/// given: participants then carry their `attributes`).
pub fn details(conv: &Conversation, org_id: &str, attributes: Option<&Attributes>) -> Value {
    let participants: Vec<Value> = conv
        .participants
        .iter()
        .map(|p| {
            let mut v = participant(conv, p, org_id);
            if let (Some(attrs), Some(obj)) = (attributes, v.as_object_mut()) {
                let a = attrs.get(&p.id).cloned().unwrap_or_default();
                obj.insert("attributes".into(), json!(a));
            }
            v
        })
        .collect();
    json!({
        "conversationId": conv.id,
        "conversationStart": fmt_time(conv.start),
        "conversationEnd": fmt_time(conv.end),
        "originatingDirection": conv.direction,
        "conversationInitiator": if conv.direction == "outbound" { "agent" } else { "customer" },
        "customerParticipation": true,
        "divisionIds": [conv.division_id],
        "participants": participants,
    })
}

fn participant(conv: &Conversation, p: &Participant, org_id: &str) -> Value {
    let mut session = Map::new();
    session.insert("sessionId".into(), json!(p.session_id));
    session.insert("mediaType".into(), json!(conv.media.analytics()));
    session.insert("direction".into(), json!(conv.direction));
    match conv.media {
        Media::Voice => {
            session.insert("ani".into(), json!(conv.ani));
            session.insert("dnis".into(), json!(conv.dnis));
            session.insert("provider".into(), json!("Edge"));
            session.insert("recording".into(), json!(p.purpose != Speaker::Ivr));
        }
        Media::Chat => {
            session.insert("provider".into(), json!("PureCloud Webchat v2"));
        }
        Media::Message => {
            session.insert("messageType".into(), json!("webmessaging"));
            session.insert("provider".into(), json!("PureCloud Messaging"));
        }
        Media::Email => {
            session.insert("addressTo".into(), json!("support@northwind.example"));
            session.insert("provider".into(), json!("PureCloud Email"));
        }
    }
    let mut segments = Vec::new();
    let mut segment = |start: i64, end: i64, kind: &str, extra: Value| {
        let mut s =
            json!({"segmentStart": at(conv, start), "segmentEnd": at(conv, end), "segmentType": kind});
        if let (Some(obj), Value::Object(extra)) = (s.as_object_mut(), extra) {
            obj.extend(extra);
        }
        segments.push(s);
    };
    match p.purpose {
        Speaker::Customer => {
            segment(
                p.start_ms,
                p.end_ms,
                "interact",
                json!({"queueId": conv.queue_id, "disconnectType": "endpoint"}),
            );
        }
        Speaker::Ivr => segment(p.start_ms, p.end_ms, "ivr", json!({"disconnectType": "transfer"})),
        Speaker::Agent => {
            session.insert("requestedRoutings".into(), json!(["Standard"]));
            session.insert("usedRouting".into(), json!("Standard"));
            session.insert("agentAssistantId".into(), json!(assistant_id(org_id)));
            let q = json!({"queueId": conv.queue_id});
            segment(p.start_ms - 3000, p.start_ms, "alert", q.clone());
            let mut interact = q.clone();
            interact["disconnectType"] = json!("client");
            if conv.media == Media::Email {
                interact["subject"] = json!("Customer enquiry");
            }
            segment(p.start_ms, p.end_ms, "interact", interact);
            let mut wrapup = q;
            wrapup["wrapUpCode"] = json!(conv.wrapup_code);
            segment(p.end_ms, p.end_ms + 45_000, "wrapup", wrapup);
        }
    }
    session.insert("segments".into(), Value::Array(segments));
    let mut v = json!({
        "participantId": p.id,
        "participantName": p.name,
        "purpose": p.purpose.purpose(),
        "sessions": [Value::Object(session)],
    });
    if let Some(user) = &p.user_id {
        v["userId"] = json!(user);
    }
    v
}

/// The transcript document behind a transcript URL.
pub fn transcript(conv: &Conversation, dialogue: &Dialogue, org_id: &str, communication_id: &str) -> Value {
    let start_ms = conv.start.timestamp_millis();
    let duration_ms = (conv.end - conv.start).num_milliseconds();
    let voice = conv.media == Media::Voice;
    let phrases: Vec<Value> = dialogue
        .phrases
        .iter()
        .enumerate()
        .map(|(i, ph)| {
            let mut v = json!({
                "phraseIndex": i,
                "participantPurpose": ph.speaker.transcript_purpose(),
                "text": ph.text,
                "offset": {"milliseconds": ph.offset_ms},
                "startTimeMs": start_ms + ph.offset_ms,
                "duration": {"milliseconds": ph.duration_ms},
            });
            if voice {
                v["confidence"] = json!(ph.confidence);
            }
            v
        })
        .collect();
    let phrase_at = |i: usize| dialogue.phrases.get(i);
    let sentiment: Vec<Value> = dialogue
        .sentiment
        .iter()
        .filter_map(|&(i, score)| {
            let ph = phrase_at(i)?;
            Some(json!({
                "participant": ph.speaker.transcript_purpose(),
                "phrase": ph.text,
                "phraseIndex": i,
                "sentiment": score,
                "type": if score > 0.2 { "Positive" } else if score < -0.2 { "Negative" } else { "Neutral" },
                "offset": {"milliseconds": ph.offset_ms},
                "duration": {"milliseconds": ph.duration_ms},
                "startTimeMs": start_ms + ph.offset_ms,
            }))
        })
        .collect();
    let topics: Vec<Value> = dialogue
        .topics
        .iter()
        .filter_map(|t| {
            let ph = phrase_at(t.phrase_index)?;
            Some(json!({
                "topicId": topic_id(t.name),
                "topicName": t.name,
                "topicPhrase": t.keyword,
                "transcriptPhrase": ph.text,
                "participant": ph.speaker.transcript_purpose(),
                "confidence": 0.9,
                "type": "Topic",
                "offset": {"milliseconds": ph.offset_ms},
                "duration": {"milliseconds": ph.duration_ms},
                "startTimeMs": start_ms + ph.offset_ms,
            }))
        })
        .collect();
    let mut transcript = json!({
        "transcriptId": derive_uuid(&format!("{}:{communication_id}:transcript", conv.id)),
        "language": conv.language,
        "engineId": if voice { "genesys" } else { "digital" },
        "startTime": start_ms,
        "duration": {"milliseconds": duration_ms},
        "phrases": phrases,
        "analytics": {"sentiment": sentiment, "topics": topics},
    });
    if let Some(subject) = &dialogue.subject {
        transcript["subject"] = json!(subject);
    }
    if conv.media == Media::Message {
        transcript["messageType"] = json!("webmessaging");
    }
    let participants: Vec<Value> = conv
        .participants
        .iter()
        .map(|p| {
            let mut v = json!({
                "participantPurpose": p.purpose.transcript_purpose(),
                "initialDirection": conv.direction,
                "divisionId": conv.division_id,
                "startTimeMs": start_ms + p.start_ms,
                "endTimeMs": start_ms + p.end_ms,
            });
            if p.purpose == Speaker::Agent {
                v["userId"] = json!(p.user_id);
                v["queueId"] = json!(conv.queue_id);
            }
            if voice {
                v["ani"] = json!(conv.ani);
                v["dnis"] = json!(conv.dnis);
            }
            v
        })
        .collect();
    json!({
        "organizationId": org_id,
        "conversationId": conv.id,
        "communicationId": communication_id,
        "mediaType": conv.media.transcript(),
        "conversationStartTime": start_ms,
        "startTime": start_ms,
        "duration": {"milliseconds": duration_ms},
        "participants": participants,
        "transcripts": [transcript],
    })
}

fn entity_ref(id: &str, self_uri: &str) -> Value {
    json!({"id": id, "selfUri": self_uri})
}

/// `ConversationSummariesGetResponse`, or `None` when there is no Copilot summary.
pub fn summaries(conv: &Conversation, dialogue: &Dialogue) -> Option<Value> {
    let s = dialogue.summary.as_ref()?;
    let created = fmt_time(conv.end + Duration::seconds(20));
    let participants: Vec<Value> = conv
        .participants
        .iter()
        .filter(|p| p.purpose != Speaker::Ivr)
        .map(|p| {
            entity_ref(
                &p.id,
                &format!("/api/v2/conversations/{}/participants/{}", conv.id, p.id),
            )
        })
        .collect();
    let body = |id: String| {
        json!({
            "id": id,
            "text": s.text,
            "confidence": s.confidence,
            "status": "Completed",
            "mediaType": conv.media.summary(),
            "language": conv.language,
            "reason": {"text": s.reason, "confidence": s.confidence},
            "resolution": {"text": s.resolution, "confidence": s.confidence, "outcome": s.outcome},
            "followup": {"text": s.followup, "confidence": s.confidence},
            "dateCreated": created,
            "participants": participants,
        })
    };
    let mut session = body(derive_uuid(&format!("{}:session-summary", conv.id)));
    if let Some(comm) = conv.transcript_communication_id() {
        session["communication"] = json!({"id": comm});
    }
    Some(json!({
        "conversation": entity_ref(&conv.id, &format!("/api/v2/conversations/{}", conv.id)),
        "summary": body(derive_uuid(&format!("{}:summary", conv.id))),
        "sessionSummaries": [session],
    }))
}

/// A Genesys `Suggestion`.
pub fn suggestion(conv: &Conversation, s: &SuggestionSeed, state: &str, org_id: &str) -> Value {
    let mut v = json!({
        "id": s.id,
        "type": s.kind,
        "state": state,
        "dateCreated": at(conv, s.offset_ms),
        "triggerType": s.trigger,
        "conversation": entity_ref(&conv.id, &format!("/api/v2/conversations/{}", conv.id)),
        "assistant": entity_ref(&assistant_id(org_id), &format!("/api/v2/assistants/{}", assistant_id(org_id))),
        "selfUri": format!("/api/v2/conversations/{}/suggestions/{}", conv.id, s.id),
    });
    let doc = derive_uuid(&format!("{}:document", s.title));
    match s.kind.as_str() {
        "Article" => {
            v["article"] = json!({"title": s.title, "snippets": [s.text], "confidence": 0.82,
                "uri": format!("https://help.northwind.example/articles/{doc}")})
        }
        "KnowledgeArticle" => {
            v["knowledgeArticle"] = json!({"title": s.title, "snippets": [s.text],
                "document": entity_ref(&doc, &format!("/api/v2/knowledge/documents/{doc}"))})
        }
        "CannedResponse" => {
            let lib = derive_uuid("canned-library");
            v["cannedResponse"] = json!({"library": {"id": lib}, "response": {"id": derive_uuid(&s.text)}})
        }
        "ThirdPartySuggestion" => v["thirdPartySuggestion"] = json!({"title": s.title, "text": s.text}),
        _ => {
            v["faq"] = json!({"question": s.title, "answer": s.text, "confidence": 0.87,
                "documentDisplayName": "Northwind FAQ"})
        }
    }
    v
}
