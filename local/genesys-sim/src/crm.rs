//! The CRM side: a signed webhook receiver and the log of every CRM write
//! (`GET /_sim/crm/requests`).

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use rand::Rng;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::org::fmt_time;
use crate::state::Sim;

/// Operation name of the webhook receiver (for `failNext` and stats).
pub const WEBHOOK_OPERATION: &str = "crmWebhook";
/// Allowed clock skew of `Wrapup-Signature` timestamps.
pub const TOLERANCE_SECS: i64 = 300;

/// Appends a record `{kind, receivedAt, status, accepted, ...fields}` to the CRM log.
pub fn record(sim: &Sim, kind: &str, fields: Value, status: u16, accepted: bool) {
    let mut entry = json!({
        "kind": kind,
        "receivedAt": fmt_time(chrono::Utc::now()),
        "status": status,
        "accepted": accepted,
    });
    if let (Some(e), Value::Object(f)) = (entry.as_object_mut(), fields) {
        e.extend(f);
    }
    let mut inner = sim.lock();
    inner.stats.crm_requests += 1;
    inner.crm_requests.push(entry);
}

/// Consumes one `crm.failNext` failure for `target`.
pub fn take_failure(sim: &Sim, target: &str) -> Option<u16> {
    let mut inner = sim.lock();
    if let Some(status) = inner.faults.take_crm_failure(target) {
        return Some(status);
    }
    let crm = &inner.faults.crm;
    let (rate, status) = (crm.rate, crm.status);
    let applies = crm.target.as_deref().is_none_or(|t| t == target);
    (applies && rate > 0.0 && inner.fault_rng.gen_bool(rate)).then_some(status)
}

/// Computes the `v1` signature: hex HMAC-SHA256 of `"<t>.<body>"`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks `Wrapup-Signature: t=<unix secs>,v1=<hex>`; `Err` says why it is invalid.
pub fn verify(secret: &str, header: Option<&str>, body: &[u8], now: i64) -> Result<(), String> {
    let header = header.ok_or("missing Wrapup-Signature header")?;
    let mut timestamp = None;
    let mut candidates = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.trim().parse::<i64>().ok(),
            Some(("v1", v)) => candidates.push(v.trim().to_ascii_lowercase()),
            _ => {}
        }
    }
    let t = timestamp.ok_or("signature header has no valid t=<unix seconds>")?;
    if (now - t).abs() > TOLERANCE_SECS {
        return Err(format!("timestamp outside the {TOLERANCE_SECS} s tolerance"));
    }
    let expected = sign(secret, t, body);
    if candidates.contains(&expected) {
        Ok(())
    } else {
        Err("no v1 signature matches".into())
    }
}

/// `POST /_sim/crm/webhook`.
pub async fn webhook(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let rule = {
        let mut inner = sim.lock();
        inner.stats.count(WEBHOOK_OPERATION);
        inner
            .faults
            .take_fail_next(WEBHOOK_OPERATION, "/_sim/crm/webhook")
    };
    let mut injected = None;
    if let Some(rule) = rule {
        if let Some(ms) = rule.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        injected = rule.status;
    }
    let signature = headers.get("wrapup-signature").and_then(|v| v.to_str().ok());
    let verdict = verify(
        &sim.config.webhook_secret,
        signature,
        &body,
        chrono::Utc::now().timestamp(),
    );
    let idempotency_key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let parsed: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    let duplicate = idempotency_key.as_ref().is_some_and(|k| {
        sim.lock().crm_requests.iter().any(|r| {
            r["kind"] == "webhook"
                && r["accepted"] == true
                && r["idempotencyKey"].as_str() == Some(k.as_str())
        })
    });
    let mut fields = json!({
        "signatureValid": verdict.is_ok(),
        "idempotencyKey": idempotency_key,
        "duplicate": duplicate,
        "body": parsed,
    });
    let failure = injected.or_else(|| take_failure(&sim, "webhook"));
    if let Some(status) = failure {
        record(&sim, "webhook", fields, status, false);
        let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (code, Json(json!({"error": "injected failure", "status": status}))).into_response();
    }
    if let Err(reason) = verdict {
        fields["signatureError"] = json!(reason);
        record(&sim, "webhook", fields, 401, false);
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid signature", "reason": reason})),
        )
            .into_response();
    }
    record(&sim, "webhook", fields, 200, true);
    Json(json!({"received": true, "duplicate": duplicate})).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_signatures() {
        let sig = sign("s3cret", 1000, b"{}");
        assert!(verify("s3cret", Some(&format!("t=1000,v1={sig}")), b"{}", 1100).is_ok());
        assert!(verify("s3cret", Some(&format!("t=1000,v1={sig}")), b"{ }", 1100).is_err());
        assert!(verify("s3cret", Some(&format!("t=1000,v1={sig}")), b"{}", 2000).is_err());
        assert!(verify("other", Some(&format!("t=1000,v1={sig}")), b"{}", 1000).is_err());
        assert!(verify("s3cret", None, b"{}", 1000).is_err());
    }
}
