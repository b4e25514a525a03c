//! Agent Assist and Copilot events of a scripted conversation, in the envelope Genesys' Amazon
//! EventBridge integration delivers them in (`events/assist-*.json`, topics and bodies from
//! `spec/genesys-notification-topics.json`): the intent, suggestions over the call (knowledge
//! search results with their confidences, a canned response, a script), what the agent did with
//! them (copied, opened, dismissed, rated), the customer's end and Copilot's summary after the
//! disconnect. Ids are derived from the conversation's, so the same conversation always yields
//! the same events. No transcript text: ids, titles, states and times only.
//!
//! `GET /_sim/assist/events` yields the scripted conversation's events (the latest seeded voice
//! call with a transcript and a Copilot summary); `GET /_sim/assist/events/{conversationId}` any
//! conversation's. `?source=` sets the partner event source (default: the org's,
//! [`event_source`]). Both also give the conversation's customer the CRM case id attribute
//! ([`CASE_ATTRIBUTE`]) if it has none, as a flow or a CRM integration would.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::org::render::assistant_id;
use crate::org::templates::SCENARIOS;
use crate::org::{Content, Conversation, Media, Org, Speaker, derive_uuid, fmt_time};
use crate::state::Sim;

/// The suffix of the partner event source the org's EventBridge integration created.
pub const EVENT_SOURCE_SUFFIX: &str = "wrapup-assist";

/// The participant attribute holding the CRM case id.
pub const CASE_ATTRIBUTE: &str = "caseId";

/// The AWS account the events name (moto's default account).
const ACCOUNT: &str = "123456789012";

/// The partner event source of org `org_id`: `aws.partner/genesys.com/cloud/<orgId>/wrapup-assist`.
pub fn event_source(org_id: &str) -> String {
    format!("aws.partner/genesys.com/cloud/{org_id}/{EVENT_SOURCE_SUFFIX}")
}

/// The partner event source of the org a simulator with `seed` generates.
pub fn event_source_for_seed(seed: u64) -> String {
    event_source(&crate::org::organization_id(seed))
}

/// The CRM case id the simulator gives a conversation's customer.
pub fn case_id_of(conversation_id: &str) -> String {
    let short: String = conversation_id.chars().take(8).collect();
    format!("CASE-AA-{}", short.to_ascii_uppercase())
}

/// The scripted conversation: the latest seeded voice call (not a long one, no PII planted)
/// with a transcript and a Copilot summary.
pub fn scripted_conversation(org: &Org) -> Option<&Arc<Conversation>> {
    org.conversations().iter().rev().find(|c| {
        let Content::Seeded(plan) = &c.content else {
            return false;
        };
        c.media == Media::Voice
            && plan.has_summary
            && !plan.long_call
            && !plan.pii
            && c.transcript_communication_id().is_some()
            && c.participant(Speaker::Customer).is_some()
    })
}

/// One event in EventBridge's envelope.
fn envelope(source: &str, template: &str, id: &str, body: Value, at: DateTime<Utc>, n: usize) -> Value {
    let conversation_id = body["conversationId"].as_str().unwrap_or_default().to_owned();
    json!({
        "version": "0",
        "id": derive_uuid(&format!("{conversation_id}:assist:event:{n}")),
        "detail-type": template,
        "source": source,
        "account": ACCOUNT,
        "time": at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "region": "us-east-1",
        "resources": [],
        "detail": {
            "topicName": template.replace("{id}", id),
            "version": "2",
            "eventBody": body,
            "metadata": {"CorrelationId": derive_uuid(&format!("{conversation_id}:assist:correlation"))},
            "timestamp": fmt_time(at + Duration::milliseconds(100)),
        }
    })
}

/// A step of the script: when (a share of the call), which topic, the body's own fields.
struct Step {
    share: f64,
    topic: &'static str,
    fields: Value,
}

/// The conversation's events, in time order, from `source`.
pub fn events(conv: &Conversation, org_id: &str, source: &str) -> Vec<Value> {
    let cid = conv.id.as_str();
    let id = |name: &str| derive_uuid(&format!("{cid}:assist:{name}"));
    let scenario = match &conv.content {
        Content::Seeded(plan) => SCENARIOS.get(plan.scenario),
        Content::Loaded(_) => None,
    };
    let intent = scenario.map_or("General enquiry", |s| s.topic);
    let intent_id = format!("intent-{}", scenario.map_or("general", |s| s.key));
    let query = scenario.map_or("customer asks for help", |s| s.subject);
    let titles: Vec<&str> = scenario
        .map(|s| s.faqs.iter().map(|(question, _)| *question).collect())
        .unwrap_or_default();
    const GENERAL_TITLES: [&str; 3] = [
        "Troubleshooting guide",
        "Returns and replacements",
        "Billing questions",
    ];
    let title = |i: usize| {
        titles
            .get(i)
            .or_else(|| GENERAL_TITLES.get(i))
            .copied()
            .unwrap_or("Troubleshooting guide")
    };
    let agent = conv.participant(Speaker::Agent);
    let user_id = agent
        .and_then(|a| a.user_id.clone())
        .unwrap_or_else(|| id("agent"));
    let context_media = match conv.media {
        Media::Voice => "VOICE",
        Media::Email => "EMAIL",
        Media::Chat | Media::Message => "MESSAGE",
    };
    let context = json!({
        "queueId": conv.queue_id, "mediaType": context_media, "userId": user_id,
        "assistantId": assistant_id(org_id), "language": conv.language, "queryStatement": query,
    });
    let active_intent = json!({"intent": intent, "intentId": intent_id, "confidence": 0.91});
    let search = |n: usize, confidence: f64| {
        json!({"title": title(n), "searchId": id("search"), "documentId": derive_uuid(&format!("{}:document", title(n))),
            "versionId": id(&format!("doc-version-{n}")), "confidence": confidence})
    };
    let document = |n: usize, confidence: f64| json!({"documentId": derive_uuid(&format!("{}:document", title(n))), "confidence": confidence});
    let canned = json!({"responseId": id("canned-response"), "libraryId": derive_uuid("canned-library")});
    let script = json!({"scriptId": id("script"), "pageId": id("script-page")});
    let suggested = |suggestion: &str, extra: Value| {
        let mut fields =
            json!({"suggestionId": id(suggestion), "state": "Suggested", "triggerType": "Intent"});
        merge(&mut fields, extra);
        fields
    };
    let engaged = |suggestion: &str, state: &str, engagement: &str, extra: Value| {
        let mut fields =
            json!({"suggestionId": id(suggestion), "state": state, "engagementType": engagement});
        merge(&mut fields, extra);
        fields
    };
    const SEARCH: &str = "v2.conversations.{id}.suggestions.knowledge.search";
    const RESPONSE: &str = "v2.conversations.{id}.suggestions.response";
    const SCRIPT: &str = "v2.conversations.{id}.suggestions.script";
    let steps = [
        Step {
            share: 0.12,
            topic: "v2.conversations.{id}.suggestions.intent",
            fields: suggested("intent", json!({"activeIntent": active_intent})),
        },
        Step {
            share: 0.15,
            topic: SEARCH,
            fields: suggested(
                "search-1",
                json!({"knowledgeSearch": search(0, 0.86), "activeIntent": active_intent}),
            ),
        },
        Step {
            share: 0.16,
            topic: SEARCH,
            fields: suggested(
                "search-2",
                json!({"knowledgeSearch": search(1, 0.64), "activeIntent": active_intent}),
            ),
        },
        Step {
            share: 0.17,
            topic: SEARCH,
            fields: suggested(
                "search-3",
                json!({"knowledgeSearch": search(2, 0.41), "activeIntent": active_intent}),
            ),
        },
        Step {
            share: 0.25,
            topic: SEARCH,
            fields: engaged(
                "search-1",
                "Accepted",
                "Copied",
                json!({"knowledgeSearch": document(0, 0.86)}),
            ),
        },
        Step {
            share: 0.30,
            topic: SEARCH,
            fields: engaged(
                "search-2",
                "Accepted",
                "Opened",
                json!({"knowledgeSearch": document(1, 0.64)}),
            ),
        },
        Step {
            share: 0.40,
            topic: RESPONSE,
            fields: suggested("canned-response", json!({"cannedResponse": canned})),
        },
        Step {
            share: 0.45,
            topic: RESPONSE,
            fields: engaged("canned-response", "Dismissed", "Dismissed", json!({})),
        },
        Step {
            share: 0.55,
            topic: SCRIPT,
            fields: suggested("script", json!({"script": script})),
        },
        Step {
            share: 0.70,
            topic: SCRIPT,
            fields: engaged(
                "script",
                "Rated",
                "Feedback",
                json!({"feedback": {"rating": "Positive"}}),
            ),
        },
    ];
    let length = conv.end - conv.start;
    let mut out = Vec::with_capacity(steps.len() + 2);
    for step in steps {
        let at = conv.start + Duration::milliseconds((length.num_milliseconds() as f64 * step.share) as i64);
        let mut body = json!({"eventTime": fmt_time(at), "conversationId": cid});
        merge(&mut body, step.fields);
        body["context"] = context.clone();
        let n = out.len();
        out.push(envelope(source, step.topic, cid, body, at, n));
    }
    if let Some(customer) = conv.participant(Speaker::Customer) {
        let end_media = match conv.media {
            Media::Voice => "VOICE",
            Media::Chat => "CHAT",
            Media::Message => "MESSAGE",
            Media::Email => "EMAIL",
        };
        let body = json!({
            "eventTime": conv.end.timestamp_millis(), "conversationId": cid,
            "participantId": customer.id, "sessionId": customer.session_id,
            "disconnectType": "ENDPOINT", "mediaType": end_media,
            "direction": conv.direction.to_ascii_uppercase(),
            "interactingDurationMs": (customer.end_ms - customer.start_ms).max(0),
            "divisionId": conv.division_id,
        });
        let n = out.len();
        out.push(envelope(
            source,
            "v2.detail.events.conversation.{id}.customer.end",
            cid,
            body,
            conv.end,
            n,
        ));
    }
    // Copilot's summary is ready 20 s after the end (as GET .../summaries says it was created).
    let created = conv.end + Duration::seconds(20);
    let summary_media = match conv.media {
        Media::Voice => "CALL",
        Media::Email => "EMAIL",
        Media::Chat | Media::Message => "MESSAGE",
    };
    let body = json!({
        "conversationId": cid, "queueId": conv.queue_id,
        "summaryId": derive_uuid(&format!("{cid}:summary")),
        "language": conv.language, "createdDate": fmt_time(created), "mediaType": summary_media,
        "triggerType": "AFTER_DISCONNECT",
        "triggerSource": {"sourceType": "COPILOT", "sourceId": assistant_id(org_id)},
        "summarySourceType": "GENESYS_NATIVE_SERVICE",
        "durationMs": length.num_milliseconds(),
    });
    let n = out.len();
    out.push(envelope(
        source,
        "v2.users.{id}.conversations.summaries",
        &user_id,
        body,
        created,
        n,
    ));
    out
}

fn merge(into: &mut Value, extra: Value) {
    if let (Some(into), Value::Object(extra)) = (into.as_object_mut(), extra) {
        into.extend(extra);
    }
}

/// `GET /_sim/assist/events`: the scripted conversation's events.
pub async fn scripted(
    State(sim): State<Arc<Sim>>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let conv = scripted_conversation(&sim.org)
        .cloned()
        .ok_or_else(|| ApiError::not_found("A scripted Agent Assist conversation"))?;
    Ok(Json(answer(&sim, &conv, &params)))
}

/// `GET /_sim/assist/events/{conversationId}`.
pub async fn for_conversation(
    State(sim): State<Arc<Sim>>,
    Path(id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let conv = sim
        .conversation(&id)
        .ok_or_else(|| ApiError::not_found(&format!("Conversation {id}")))?;
    Ok(Json(answer(&sim, &conv, &params)))
}

fn answer(sim: &Sim, conv: &Conversation, params: &HashMap<String, String>) -> Value {
    let org_id = &sim.org.organization_id;
    let source = params
        .get("source")
        .filter(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| event_source(org_id));
    if let Some(customer) = conv.participant(Speaker::Customer) {
        let mut inner = sim.lock();
        inner
            .attributes
            .entry(conv.id.clone())
            .or_default()
            .entry(customer.id.clone())
            .or_default()
            .entry(CASE_ATTRIBUTE.to_owned())
            .or_insert_with(|| case_id_of(&conv.id));
    }
    Value::Array(events(conv, org_id, source.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SimConfig;

    #[test]
    fn the_script_is_in_time_order_from_one_source_about_one_conversation() {
        let org = Org::generate(&SimConfig::default());
        let conv = scripted_conversation(&org).expect("a scripted conversation");
        let source = event_source(&org.organization_id);
        let events = events(conv, &org.organization_id, &source);
        assert_eq!(events.len(), 12);
        let mut last = String::new();
        for event in &events {
            assert_eq!(event["source"], source.as_str());
            let topic = event["detail"]["topicName"].as_str().expect("topic");
            let template = event["detail-type"].as_str().expect("detail-type");
            assert!(
                topic.contains(&conv.id) || template.starts_with("v2.users."),
                "{topic}"
            );
            assert_eq!(event["detail"]["eventBody"]["conversationId"], conv.id.as_str());
            let time = event["time"].as_str().expect("time").to_owned();
            assert!(time >= last, "{time} before {last}");
            last = time;
        }
        let end = &events[10]["detail"]["eventBody"];
        assert!(end["eventTime"].is_i64(), "{end}");
        assert_eq!(
            events[11]["detail"]["eventBody"]["triggerType"],
            "AFTER_DISCONNECT"
        );
    }
}
