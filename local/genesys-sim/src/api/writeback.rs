//! Writing back to Genesys: Data Action executes and participant attributes (CRM log).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::crm;
use crate::error::{ApiError, parse_body};
use crate::org::derive_uuid;
use crate::state::Sim;

/// `POST /api/v2/integrations/actions/{actionId}/execute`.
pub async fn execute_action(
    State(sim): State<Arc<Sim>>,
    Path(action_id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let input = parse_body(&body, None)?;
    if !input.is_object() {
        return Err(ApiError::bad_request(
            "body: must be a JSON object of input variables",
        ));
    }
    if let Some(f) = params.get("flatten")
        && f != "true"
        && f != "false"
    {
        return Err(ApiError::bad_request(format!(
            "flatten: '{f}' must be true or false"
        )));
    }
    let record = json!({"actionId": action_id, "body": input});
    if let Some(status) = crm::take_failure(&sim, "dataAction") {
        crm::record(&sim, "dataAction", record, status, false);
        return Err(ApiError::from_status(status, None));
    }
    crm::record(&sim, "dataAction", record, 200, true);
    let execution_id = derive_uuid(&format!("{action_id}:{}", uuid::Uuid::new_v4()));
    Ok(Json(
        json!({"status": "ok", "actionId": action_id, "executionId": execution_id, "input": input}),
    ))
}

/// `PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes`.
pub async fn patch_attributes(
    State(sim): State<Arc<Sim>>,
    Path((cid, pid)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_body(&body, Some("ParticipantAttributes"))?;
    let Some(attributes) = body.get("attributes").and_then(Value::as_object) else {
        return Err(ApiError::bad_request(
            "attributes: is required (an object of string values)",
        ));
    };
    let conv = sim
        .conversation(&cid)
        .ok_or_else(|| ApiError::not_found(&format!("Conversation {cid}")))?;
    if !conv.participants.iter().any(|p| p.id == pid) {
        return Err(ApiError::not_found(&format!("Participant {pid}")));
    }
    let record = json!({"conversationId": cid, "participantId": pid, "body": body});
    if let Some(status) = crm::take_failure(&sim, "participantAttributes") {
        crm::record(&sim, "participantAttributes", record, status, false);
        return Err(ApiError::from_status(status, None));
    }
    crm::record(&sim, "participantAttributes", record, 202, true);
    {
        let mut inner = sim.lock();
        let entry = inner.attributes.entry(cid).or_default().entry(pid).or_default();
        for (k, v) in attributes {
            entry.insert(k.clone(), v.as_str().unwrap_or_default().to_string());
        }
    }
    Ok(StatusCode::ACCEPTED.into_response())
}
