//! The control API under `/_sim` (no auth, not rate limited).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::error::{ApiError, parse_body};
use crate::org::load_conversation;
use crate::state::Sim;

/// `GET /_sim/health`.
pub async fn health(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "seed": sim.config.seed,
        "conversations": sim.org.conversations().len(),
        "loadedConversations": sim.lock().loaded.len(),
        "anchorDate": sim.config.anchor_date.to_string(),
        "days": sim.config.days,
        "organizationId": sim.org.organization_id,
    }))
}

/// `GET /_sim/stats`.
pub async fn stats(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(json!(sim.lock().stats))
}

/// `GET /_sim/faults`.
pub async fn get_faults(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(json!(sim.lock().faults))
}

/// `POST /_sim/faults`: merges the update; returns the active faults.
pub async fn post_faults(State(sim): State<Arc<Sim>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let update = parse_body(&body, None)?;
    let mut inner = sim.lock();
    let actions = inner.faults.merge(&update).map_err(ApiError::bad_request)?;
    if actions.revoke_all_tokens {
        for token in inner.tokens.values_mut() {
            token.revoked = true;
        }
    }
    Ok(Json(json!(inner.faults)))
}

/// `GET /_sim/llm/requests`.
pub async fn llm_requests(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(Value::Array(sim.lock().llm_requests.clone()))
}

/// `GET /_sim/bedrock/requests`.
pub async fn bedrock_requests(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(Value::Array(sim.lock().bedrock_requests.clone()))
}

/// `POST /_sim/llm/script`: `{"schema": <json_schema.name>, "answers": [...]}` queues the content
/// of the next answers to requests with that schema name, or Converse requests calling the tool
/// of that name (a string as it is, anything else as its JSON); an empty list clears the queue.
/// Returns how many are queued per schema.
pub async fn post_llm_script(State(sim): State<Arc<Sim>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body = parse_body(&body, None)?;
    let schema = body
        .get("schema")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::bad_request("schema: a response_format.json_schema.name is required"))?;
    let answers = body
        .get("answers")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::bad_request("answers: an array is required"))?;
    let contents = answers.iter().map(|answer| match answer {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    });
    let mut inner = sim.lock();
    let queue = inner.llm_script.entry(schema.to_owned()).or_default();
    if answers.is_empty() {
        queue.clear();
    }
    queue.extend(contents);
    let queued: serde_json::Map<String, Value> = inner
        .llm_script
        .iter()
        .map(|(name, queue)| (name.clone(), json!(queue.len())))
        .collect();
    Ok(Json(json!({"queued": queued})))
}

/// `GET /_sim/crm/requests`.
pub async fn crm_requests(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(Value::Array(sim.lock().crm_requests.clone()))
}

/// `POST /_sim/reset`.
pub async fn reset(State(sim): State<Arc<Sim>>) -> Json<Value> {
    sim.reset();
    Json(json!({"status": "reset"}))
}

/// `POST /_sim/conversations`: loads a conversation.
pub async fn load(State(sim): State<Arc<Sim>>, body: Bytes) -> Result<Response, ApiError> {
    let body = parse_body(&body, None)?;
    let conv =
        load_conversation(&body, sim.config.seed, &sim.org.division_id).map_err(ApiError::bad_request)?;
    let response = json!({
        "conversationId": conv.id,
        "communicationIds": conv.participants.iter().map(|p| p.session_id.clone()).collect::<Vec<_>>(),
        "transcriptCommunicationId": conv.transcript_communication_id(),
        "participants": conv.participants.iter().map(|p| json!({
            "participantId": p.id,
            "purpose": p.purpose.purpose(),
            "communicationId": p.session_id,
        })).collect::<Vec<_>>(),
    });
    let mut inner = sim.lock();
    inner.suggestion_states.retain(|(cid, _), _| *cid != conv.id);
    inner.loaded.insert(conv.id.clone(), Arc::new(conv));
    Ok((StatusCode::CREATED, Json(response)).into_response())
}

fn date_param(params: &HashMap<String, String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    params
        .get(name)
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| ApiError::bad_request(format!("{name}: '{s}' is not a date (YYYY-MM-DD)")))
        })
        .transpose()
}

/// `GET /_sim/ground-truth?from=YYYY-MM-DD&to=YYYY-MM-DD` (inclusive, UTC days of
/// `conversationStart`): planted product mentions per seeded conversation.
pub async fn ground_truth(
    State(sim): State<Arc<Sim>>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let from = date_param(&params, "from")?;
    let to = date_param(&params, "to")?;
    Ok(Json(crate::rendered::ground_truth(&sim.org, from, to)))
}
