//! A dashboard endpoint for trend reports: `POST /_sim/dashboard/reports` checks the bearer token
//! and logs every delivery; `GET /_sim/dashboard/reports` returns the log.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::org::fmt_time;
use crate::state::Sim;

/// Operation name of the receiver (for `failNext` and stats).
pub const OPERATION: &str = "dashboardReports";
/// Bigger than the default 2 MB: a long window with many products makes a large report.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// `Authorization: Bearer <token>` matches the configured token (the scheme is case-insensitive).
fn authorized(headers: &HeaderMap, token: &str) -> bool {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    match value.trim().split_once(' ') {
        Some((scheme, given)) => scheme.eq_ignore_ascii_case("bearer") && given.trim() == token,
        None => false,
    }
}

/// Appends `{receivedAt, status, authorized, idempotencyKey, duplicate, body}` to the log (never
/// the token).
fn record(sim: &Sim, status: u16, authorized: bool, key: Option<&str>, duplicate: bool, body: Value) {
    sim.lock().dashboard_reports.push(json!({
        "receivedAt": fmt_time(chrono::Utc::now()),
        "status": status,
        "authorized": authorized,
        "idempotencyKey": key,
        "duplicate": duplicate,
        "body": body,
    }));
}

/// `POST /_sim/dashboard/reports`.
pub async fn receive(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let (rule, failure) = {
        let mut inner = sim.lock();
        inner.stats.count(OPERATION);
        let rule = inner.faults.take_fail_next(OPERATION, "/_sim/dashboard/reports");
        let failure = inner.faults.take_dashboard_failure();
        (rule, failure)
    };
    let mut injected = failure;
    if let Some(rule) = rule {
        if let Some(ms) = rule.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        if let Some(status) = rule.status {
            injected = Some((status, rule.retry_after_secs));
        }
    }
    let is_authorized = authorized(&headers, &sim.config.dashboard_token);
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let parsed: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));

    if let Some((status, retry_after)) = injected {
        record(&sim, status, is_authorized, key.as_deref(), false, parsed);
        tracing::info!(status, "dashboard report answered with an injected failure");
        let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let mut response =
            (code, Json(json!({"error": "injected failure", "status": status}))).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        return response;
    }
    if !is_authorized {
        record(&sim, 401, false, key.as_deref(), false, parsed);
        tracing::info!(status = 401, "dashboard report without a valid bearer token");
        let mut response = (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid or missing bearer token"})),
        )
            .into_response();
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    let duplicate = key.as_deref().is_some_and(|k| {
        sim.lock()
            .dashboard_reports
            .iter()
            .any(|r| r["status"] == 200 && r["idempotencyKey"].as_str() == Some(k))
    });
    record(&sim, 200, true, key.as_deref(), duplicate, parsed);
    tracing::info!(status = 200, duplicate, "dashboard report received");
    Json(json!({"received": true, "duplicate": duplicate})).into_response()
}

/// `GET /_sim/dashboard/reports`: every delivery, oldest first.
pub async fn reports(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(Value::Array(sim.lock().dashboard_reports.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(authorization: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(authorization).unwrap());
        headers
    }

    #[test]
    fn checks_the_bearer_token() {
        assert!(authorized(&headers("Bearer t0k"), "t0k"));
        assert!(authorized(&headers("bearer t0k"), "t0k"));
        assert!(!authorized(&headers("Bearer other"), "t0k"));
        assert!(!authorized(&headers("Basic t0k"), "t0k"));
        assert!(!authorized(&headers("t0k"), "t0k"));
        assert!(!authorized(&HeaderMap::new(), "t0k"));
    }
}
