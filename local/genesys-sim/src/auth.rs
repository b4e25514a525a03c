//! `POST /oauth/token` (client credentials) and bearer-token checks.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::json;

use crate::error::ApiError;
use crate::state::{Inner, Sim, Token};

/// Operation name of the token endpoint (for `failNext` and stats).
pub const OAUTH_OPERATION: &str = "oauthToken";

fn oauth_error(status: StatusCode, error: &str, description: &str, retry_after: Option<u64>) -> Response {
    let body = json!({"error": error, "description": description, "error_description": description});
    let mut response = (status, axum::Json(body)).into_response();
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn injected(status: u16, retry_after: Option<u64>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (error, description) = match status {
        429 => ("rate_limit_exceeded", "Rate limit exceeded"),
        400 => ("invalid_request", "invalid request"),
        401 => ("invalid_client", "authentication failed"),
        s if s >= 500 => ("server_error", "internal server error"),
        _ => ("invalid_request", "request failed"),
    };
    let retry = if status == 429 {
        Some(retry_after.unwrap_or(1))
    } else {
        retry_after
    };
    oauth_error(code, error, description, retry)
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// `POST /oauth/token`.
pub async fn token(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let (fault, endpoint_failure, retry_after) = {
        let mut inner = sim.lock();
        inner.stats.token_requests += 1;
        inner.stats.count(OAUTH_OPERATION);
        let rule = inner.faults.take_fail_next(OAUTH_OPERATION, "/oauth/token");
        (
            rule,
            inner.faults.token_endpoint_failure.clone(),
            inner.faults.retry_after_secs,
        )
    };
    if let Some(rule) = fault {
        if let Some(ms) = rule.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        if let Some(status) = rule.status {
            return injected(status, rule.retry_after_secs);
        }
    }
    match endpoint_failure.as_str() {
        "rate_limited" => return injected(429, Some(retry_after)),
        "server_error" => return injected(500, None),
        _ => {}
    }
    let Some((client_id, secret)) = basic_credentials(&headers) else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication is required",
            None,
        );
    };
    let Some((_, expected)) = sim.config.clients.iter().find(|(id, _)| *id == client_id) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "client not found",
            None,
        );
    };
    if *expected != secret {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "authentication failed",
            None,
        );
    }
    let grant = url::form_urlencoded::parse(&body)
        .find(|(k, _)| k == "grant_type")
        .map(|(_, v)| v.into_owned());
    match grant.as_deref() {
        Some("client_credentials") => {}
        Some(other) => {
            let msg = format!("grant type '{other}' is not supported");
            return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", &msg, None);
        }
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "grant_type is required",
                None,
            );
        }
    }
    let bytes: [u8; 32] = rand::random();
    let access_token = URL_SAFE_NO_PAD.encode(bytes);
    let lifetime = sim.config.token_lifetime_secs;
    sim.lock().tokens.insert(
        access_token.clone(),
        Token {
            expires_at: Instant::now() + Duration::from_secs(lifetime),
            revoked: false,
            window: None,
        },
    );
    let body = json!({"access_token": access_token, "token_type": "bearer", "expires_in": lifetime});
    let mut response = axum::Json(body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The bearer token of a request, if it is live. Errors are Genesys 401s.
pub fn check_bearer(inner: &mut Inner, headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Err(ApiError::unauthorized("authentication.required"));
    };
    let Some((scheme, token)) = value.trim().split_once(' ') else {
        return Err(ApiError::unauthorized("authentication.required"));
    };
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::unauthorized("authentication.required"));
    }
    let token = token.trim();
    match inner.tokens.get(token) {
        Some(t) if !t.revoked && t.expires_at > Instant::now() => Ok(token.to_string()),
        _ => Err(ApiError::unauthorized("bad.credentials")),
    }
}
