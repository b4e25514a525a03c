//! Synchronous conversation details.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::query;
use crate::error::{ApiError, parse_body};
use crate::org::render;
use crate::state::Sim;

/// `POST /api/v2/analytics/conversations/details/query`.
pub async fn details_query(State(sim): State<Arc<Sim>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body = parse_body(&body, Some("ConversationQuery"))?;
    let (page_size, page_number) = match body.get("paging") {
        None | Some(Value::Null) => (25, 1),
        Some(p) => {
            let size = p.get("pageSize").and_then(Value::as_i64).unwrap_or(25);
            let number = p.get("pageNumber").and_then(Value::as_i64).unwrap_or(1);
            if !(1..=100).contains(&size) {
                return Err(ApiError::bad_request(format!(
                    "paging.pageSize: {size} must be between 1 and 100"
                )));
            }
            if number < 1 {
                return Err(ApiError::bad_request(format!(
                    "paging.pageNumber: {number} must be at least 1"
                )));
            }
            (size as usize, number as usize)
        }
    };
    let selected = query::select(sim.all_conversations(), &body)?;
    let total = selected.len();
    let org_id = &sim.org.organization_id;
    let page: Vec<Value> = selected
        .iter()
        .skip(page_size.saturating_mul(page_number - 1))
        .take(page_size)
        .map(|c| render::details(c, org_id, None))
        .collect();
    let mut response = json!({"totalHits": total});
    if !page.is_empty() {
        response["conversations"] = Value::Array(page);
    }
    Ok(Json(response))
}

/// `GET /api/v2/analytics/conversations/{conversationId}/details`.
pub async fn details(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let conv = sim
        .conversation(&id)
        .ok_or_else(|| ApiError::not_found(&format!("Conversation {id}")))?;
    Ok(Json(render::details(&conv, &sim.org.organization_id, None)))
}
