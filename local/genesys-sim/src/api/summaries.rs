//! Copilot conversation summaries.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use serde_json::Value;

use crate::error::ApiError;
use crate::org::{Org, render};
use crate::state::Sim;

/// `GET /api/v2/conversations/{conversationId}/summaries`.
pub async fn summaries(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let conv = sim
        .conversation(&id)
        .ok_or_else(|| ApiError::not_found(&format!("Conversation {id}")))?;
    let dialogue = Org::dialogue(&conv);
    render::summaries(&conv, &dialogue)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(&format!("Summary for conversation {id}")))
}
