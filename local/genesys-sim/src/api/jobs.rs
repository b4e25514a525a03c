//! Asynchronous conversation details jobs.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use super::{page_size, query};
use crate::error::{ApiError, parse_body};
use crate::org::{fmt_time, render};
use crate::state::{Job, Sim};

/// Results are available for this long after completion.
const RESULT_TTL_DAYS: i64 = 7;

/// `POST /api/v2/analytics/conversations/details/jobs`.
pub async fn create(State(sim): State<Arc<Sim>>, body: Bytes) -> Result<Response, ApiError> {
    let body = parse_body(&body, Some("AsyncConversationQuery"))?;
    let limit = match body.get("limit").and_then(Value::as_i64) {
        Some(n) if n < 1 => {
            return Err(ApiError::bad_request(format!("limit: {n} must be at least 1")));
        }
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    let mut selected = query::select(sim.all_conversations(), &body)?;
    selected.truncate(limit);
    let job_id = uuid::Uuid::new_v4().to_string();
    let job = Job {
        submitted: Utc::now(),
        polls: 0,
        state: "QUEUED",
        completed: None,
        error: None,
        conversation_ids: selected.iter().map(|c| c.id.clone()).collect(),
    };
    sim.lock().jobs.insert(job_id.clone(), job);
    Ok((StatusCode::ACCEPTED, Json(json!({"jobId": job_id}))).into_response())
}

fn status_body(job: &Job) -> Value {
    let mut v = json!({"state": job.state, "submissionDate": fmt_time(job.submitted)});
    if let Some(done) = job.completed {
        v["completionDate"] = json!(fmt_time(done));
        v["expirationDate"] = json!(fmt_time(done + Duration::days(RESULT_TTL_DAYS)));
    }
    if let Some(e) = &job.error {
        v["errorMessage"] = json!(e);
    }
    v
}

/// `GET /api/v2/analytics/conversations/details/jobs/{jobId}`: QUEUED on the first poll, PENDING
/// until `job_ready_after_polls` polls were made, then FULFILLED (or FAILED/EXPIRED by fault).
pub async fn status(
    State(sim): State<Arc<Sim>>,
    Path(job_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let ready_after = sim.config.job_ready_after_polls;
    let mut inner = sim.lock();
    let outcome = inner.faults.job_outcome.clone();
    let job = inner
        .jobs
        .get_mut(&job_id)
        .ok_or_else(|| ApiError::not_found(&format!("Job {job_id}")))?;
    let mut ended_with_fault = false;
    if matches!(job.state, "QUEUED" | "PENDING") {
        if job.polls >= ready_after {
            ended_with_fault = outcome != "fulfilled";
            job.completed = Some(Utc::now());
            job.state = match outcome.as_str() {
                "failed" => {
                    job.error = Some("The job failed to complete (injected by genesys-sim).".into());
                    "FAILED"
                }
                "expired" => "EXPIRED",
                _ => "FULFILLED",
            };
        } else {
            job.state = if job.polls == 0 { "QUEUED" } else { "PENDING" };
        }
        job.polls += 1;
    }
    let body = status_body(job);
    // `jobOutcomeCount`: the fault ends after that many jobs.
    if ended_with_fault && let Some(left) = inner.faults.job_outcome_count.as_mut() {
        *left = left.saturating_sub(1);
        if *left == 0 {
            inner.faults.job_outcome = "fulfilled".into();
            inner.faults.job_outcome_count = None;
        }
    }
    Ok(Json(body))
}

fn decode_cursor(raw: &str) -> Result<usize, ApiError> {
    URL_SAFE_NO_PAD
        .decode(raw.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("job:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| ApiError::bad_request(format!("cursor: '{raw}' is not a valid cursor")))
}

/// `GET /api/v2/analytics/conversations/details/jobs/{jobId}/results?cursor=&pageSize=`.
pub async fn results(
    State(sim): State<Arc<Sim>>,
    Path(job_id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let size = page_size(params.get("pageSize"), 1000, 1000, "pageSize")? as usize;
    let offset = params
        .get("cursor")
        .map(|c| decode_cursor(c))
        .transpose()?
        .unwrap_or(0);
    let (ids, attributes) = {
        let inner = sim.lock();
        let job = inner
            .jobs
            .get(&job_id)
            .ok_or_else(|| ApiError::not_found(&format!("Job {job_id}")))?;
        if job.state != "FULFILLED" {
            return Err(ApiError::bad_request(format!(
                "jobId: job {job_id} is {}; results are only available when it is FULFILLED",
                job.state
            )));
        }
        let end = offset.saturating_add(size).min(job.conversation_ids.len());
        let ids: Vec<String> = job
            .conversation_ids
            .get(offset.min(end)..end)
            .unwrap_or_default()
            .to_vec();
        let attributes: HashMap<String, _> = ids
            .iter()
            .filter_map(|id| inner.attributes.get(id).map(|a| (id.clone(), a.clone())))
            .collect();
        let more = end < job.conversation_ids.len();
        ((ids, more), attributes)
    };
    let (ids, more) = ids;
    let org_id = &sim.org.organization_id;
    let empty = render::Attributes::new();
    let conversations: Vec<Value> = ids
        .iter()
        .filter_map(|id| sim.conversation(id))
        .map(|c| render::details(&c, org_id, Some(attributes.get(&c.id).unwrap_or(&empty))))
        .collect();
    let mut body = json!({"conversations": conversations, "dataAvailabilityDate": fmt_time(Utc::now())});
    if more {
        body["cursor"] = json!(URL_SAFE_NO_PAD.encode(format!("job:{}", offset + ids.len())));
    }
    Ok(Json(body))
}

/// `DELETE /api/v2/analytics/conversations/details/jobs/{jobId}`.
pub async fn delete(State(sim): State<Arc<Sim>>, Path(job_id): Path<String>) -> Result<Response, ApiError> {
    match sim.lock().jobs.remove(&job_id) {
        Some(_) => Ok(StatusCode::NO_CONTENT.into_response()),
        None => Err(ApiError::not_found(&format!("Job {job_id}"))),
    }
}
