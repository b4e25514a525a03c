//! Speech & text analytics transcript URLs and the pre-signed transcript documents behind them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::error::ApiError;
use crate::org::{Conversation, Org, derive_uuid, render};
use crate::state::Sim;

/// Operation name of the transcript download (for `failNext` and stats).
pub const TRANSCRIPT_OPERATION: &str = "transcriptDocument";

fn signature(key: &[u8], cid: &str, comm: &str, expires: i64) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(format!("{cid}\n{comm}\n{expires}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn transcript_conversation(sim: &Sim, cid: &str, comm: &str) -> Result<Arc<Conversation>, ApiError> {
    let conv = sim
        .conversation(cid)
        .ok_or_else(|| ApiError::not_found(&format!("Conversation {cid}")))?;
    if conv.transcript_communication_id() != Some(comm) {
        return Err(ApiError::not_found(&format!(
            "Transcript for communication {comm}"
        )));
    }
    Ok(conv)
}

/// The origin clients reached the simulator at (`Host` header), so URLs work behind port maps.
fn origin(sim: &Sim, headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .map_or_else(|| sim.base_url().to_string(), |h| format!("http://{h}"))
}

fn signed_url(sim: &Sim, headers: &HeaderMap, cid: &str, comm: &str) -> String {
    let expired = sim.lock().faults.expire_transcript_urls;
    let now = chrono::Utc::now().timestamp();
    let ttl = i64::try_from(sim.config.transcript_url_ttl_secs).unwrap_or(i64::MAX / 2);
    let expires = if expired { now - 1 } else { now.saturating_add(ttl) };
    let sig = signature(&sim.url_key, cid, comm, expires);
    format!(
        "{}/_sim/transcripts/{cid}/{comm}?expires={expires}&signature={sig}",
        origin(sim, headers)
    )
}

/// `GET .../communications/{communicationId}/transcripturl`.
pub async fn transcript_url(
    State(sim): State<Arc<Sim>>,
    Path((cid, comm)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    transcript_conversation(&sim, &cid, &comm)?;
    Ok(Json(json!({"url": signed_url(&sim, &headers, &cid, &comm)})))
}

/// `GET .../communications/{communicationId}/transcripturls`.
pub async fn transcript_urls(
    State(sim): State<Arc<Sim>>,
    Path((cid, comm)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    transcript_conversation(&sim, &cid, &comm)?;
    let recording = derive_uuid(&format!("{cid}:{comm}:recording"));
    Ok(Json(json!({
        "conversation": {"id": cid, "selfUri": format!("/api/v2/conversations/{cid}")},
        "communicationId": comm,
        "urls": [{"recording": {"id": recording}, "url": signed_url(&sim, &headers, &cid, &comm)}],
    })))
}

fn s3_error(status: StatusCode, code: &str, message: &str, retry_after: Option<u64>) -> Response {
    let request_id = uuid::Uuid::new_v4().simple().to_string();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{request_id}</RequestId></Error>"
    );
    let mut response = (status, xml).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    if let Some(secs) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn injected(status: u16, retry_after: Option<u64>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let (name, message) = match status {
        403 => ("AccessDenied", "Access Denied"),
        404 => ("NoSuchKey", "The specified key does not exist."),
        429 | 503 => ("SlowDown", "Please reduce your request rate."),
        500 => (
            "InternalError",
            "We encountered an internal error. Please try again.",
        ),
        _ => ("ServiceUnavailable", "Injected error."),
    };
    s3_error(code, name, message, retry_after.or((status == 429).then_some(1)))
}

/// `GET /_sim/transcripts/{conversationId}/{communicationId}?expires=&signature=` — the
/// pre-signed transcript document (no bearer auth; an `Authorization` header is ignored but counted).
pub async fn transcript_document(
    State(sim): State<Arc<Sim>>,
    Path((cid, comm)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/_sim/transcripts/{cid}/{comm}");
    let (rule, expired_fault) = {
        let mut inner = sim.lock();
        inner.stats.transcript_downloads += 1;
        if headers.contains_key(header::AUTHORIZATION) {
            inner.stats.transcript_downloads_with_authorization += 1;
        }
        inner.stats.count(TRANSCRIPT_OPERATION);
        (
            inner.faults.take_fail_next(TRANSCRIPT_OPERATION, &path),
            inner.faults.expire_transcript_urls,
        )
    };
    if let Some(rule) = rule {
        if let Some(ms) = rule.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        if let Some(status) = rule.status {
            return injected(status, rule.retry_after_secs);
        }
    }
    let (Some(expires), Some(sig)) = (params.get("expires"), params.get("signature")) else {
        return s3_error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Query-string authentication requires the Signature and Expires parameters",
            None,
        );
    };
    let Ok(expires) = expires.parse::<i64>() else {
        return s3_error(StatusCode::FORBIDDEN, "AccessDenied", "Invalid date", None);
    };
    if signature(&sim.url_key, &cid, &comm, expires) != *sig {
        return s3_error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "The request signature we calculated does not match the signature you provided.",
            None,
        );
    }
    if expired_fault || expires < chrono::Utc::now().timestamp() {
        return s3_error(StatusCode::FORBIDDEN, "AccessDenied", "Request has expired", None);
    }
    let Ok(conv) = transcript_conversation(&sim, &cid, &comm) else {
        return s3_error(
            StatusCode::NOT_FOUND,
            "NoSuchKey",
            "The specified key does not exist.",
            None,
        );
    };
    let dialogue = Org::dialogue(&conv);
    Json(render::transcript(
        &conv,
        &dialogue,
        &sim.org.organization_id,
        &comm,
    ))
    .into_response()
}
