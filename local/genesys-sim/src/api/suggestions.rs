//! Copilot / Agent Assist suggestions.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::page_size;
use crate::error::{ApiError, parse_body};
use crate::org::{Conversation, Org, SuggestionSeed, render};
use crate::state::Sim;

const TYPES: &[&str] = &[
    "Faq",
    "Article",
    "KnowledgeArticle",
    "KnowledgeSearch",
    "CannedResponse",
    "Script",
    "SuggestedKnowledgeAnswer",
    "ThirdPartySuggestion",
];
const STATES: &[&str] = &["Suggested", "Accepted", "Dismissed", "Failed", "Rated"];

fn encode_cursor(position: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("sugg:{position}"))
}

fn decode_cursor(raw: &str, name: &str) -> Result<usize, ApiError> {
    URL_SAFE_NO_PAD
        .decode(raw.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("sugg:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| ApiError::bad_request(format!("{name}: '{raw}' is not a valid cursor")))
}

/// Suggestions of a conversation with their current state.
fn current(sim: &Sim, conv: &Conversation) -> Vec<(SuggestionSeed, String)> {
    let dialogue = Org::dialogue(conv);
    let inner = sim.lock();
    dialogue
        .suggestions
        .iter()
        .map(|s| {
            let state = inner
                .suggestion_states
                .get(&(conv.id.clone(), s.id.clone()))
                .cloned()
                .unwrap_or_else(|| s.state.clone());
            (s.clone(), state)
        })
        .collect()
}

fn conversation(sim: &Sim, id: &str) -> Result<Arc<Conversation>, ApiError> {
    sim.conversation(id)
        .ok_or_else(|| ApiError::not_found(&format!("Conversation {id}")))
}

fn enum_param<'a>(
    params: &'a HashMap<String, String>,
    name: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, ApiError> {
    match params.get(name) {
        None => Ok(None),
        Some(v) if allowed.contains(&v.as_str()) => Ok(Some(v)),
        Some(v) => Err(ApiError::bad_request(format!(
            "{name}: '{v}' is not one of {}",
            allowed.join(", ")
        ))),
    }
}

/// `GET /api/v2/conversations/{conversationId}/suggestions`.
pub async fn list(
    State(sim): State<Arc<Sim>>,
    Path(cid): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let size = page_size(params.get("pageSize"), 25, 200, "pageSize")? as usize;
    let kind = enum_param(&params, "type", TYPES)?;
    let state = enum_param(&params, "state", STATES)?;
    if params.contains_key("before") && params.contains_key("after") {
        return Err(ApiError::bad_request(
            "before, after: use only one of the two cursors",
        ));
    }
    let conv = conversation(&sim, &cid)?;
    let all: Vec<(SuggestionSeed, String)> = current(&sim, &conv)
        .into_iter()
        .filter(|(s, st)| kind.is_none_or(|k| s.kind == k) && state.is_none_or(|x| st == x))
        .collect();
    let (start, end) = if let Some(after) = params.get("after") {
        let p = decode_cursor(after, "after")?.saturating_add(1);
        (p, p.saturating_add(size))
    } else if let Some(before) = params.get("before") {
        let p = decode_cursor(before, "before")?.min(all.len());
        (p.saturating_sub(size), p)
    } else {
        (0, size)
    };
    let end = end.min(all.len());
    let start = start.min(end);
    let org_id = &sim.org.organization_id;
    let entities: Vec<Value> = all[start..end]
        .iter()
        .map(|(s, st)| render::suggestion(&conv, s, st, org_id))
        .collect();
    let mut filters = String::new();
    if let Some(k) = kind {
        filters.push_str(&format!("&type={k}"));
    }
    if let Some(s) = state {
        filters.push_str(&format!("&state={s}"));
    }
    let base = format!("/api/v2/conversations/{cid}/suggestions");
    let mut listing = json!({
        "entities": entities,
        "selfUri": format!("{base}?pageSize={size}{filters}"),
    });
    if end < all.len() && end > start {
        listing["nextUri"] = json!(format!(
            "{base}?after={}&pageSize={size}{filters}",
            encode_cursor(end - 1)
        ));
    }
    if start > 0 {
        listing["previousUri"] = json!(format!(
            "{base}?before={}&pageSize={size}{filters}",
            encode_cursor(start)
        ));
    }
    Ok(Json(listing))
}

/// `GET /api/v2/conversations/{conversationId}/suggestions/{suggestionId}`.
pub async fn get_one(
    State(sim): State<Arc<Sim>>,
    Path((cid, sid)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let conv = conversation(&sim, &cid)?;
    let (s, st) = current(&sim, &conv)
        .into_iter()
        .find(|(s, _)| s.id == sid)
        .ok_or_else(|| ApiError::not_found(&format!("Suggestion {sid}")))?;
    Ok(Json(render::suggestion(&conv, &s, &st, &sim.org.organization_id)))
}

/// `POST /api/v2/conversations/{conversationId}/suggestions/{suggestionId}/engagement`.
pub async fn engagement(
    State(sim): State<Arc<Sim>>,
    Path((cid, sid)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = parse_body(&body, Some("SuggestionEngagement"))?;
    let engagement = body
        .get("engagementType")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let state = match engagement {
        "Dismissed" => "Dismissed",
        "Copied" | "Opened" => "Accepted",
        _ => {
            if body.get("feedback").is_none() {
                return Err(ApiError::bad_request(
                    "feedback: is required when engagementType is Feedback",
                ));
            }
            "Rated"
        }
    };
    let conv = conversation(&sim, &cid)?;
    if !Org::dialogue(&conv).suggestions.iter().any(|s| s.id == sid) {
        return Err(ApiError::not_found(&format!("Suggestion {sid}")));
    }
    sim.lock().suggestion_states.insert((cid, sid), state.to_string());
    Ok(Json(body))
}
