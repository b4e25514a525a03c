//! An OpenAI-compatible `POST /v1/chat/completions` with deterministic answers and faults: a
//! plausible post-call summary for Wrapup's summary schema (see [`summary`]), a generic schema
//! instance for any other schema, answers cut to about `max_tokens`; or the answers a test
//! scripted for a schema name (`POST /_sim/llm/script`).

mod answer;
mod bedrock;
mod cues;
mod dialogue;
mod fit;
mod instance;
mod keyphrases;
mod summary;

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use answer::{answer, text_of};
pub use bedrock::converse;

use crate::org::fmt_time;
use crate::state::Sim;

/// Operation name of the LLM endpoint (for `failNext` and stats).
pub const LLM_OPERATION: &str = "chatCompletions";
/// Default delay of the `timeout` mode.
const DEFAULT_TIMEOUT_MS: u64 = 30_000;

fn openai_error(status: StatusCode, message: &str, kind: &str, code: &str) -> Response {
    let body = json!({"error": {"message": message, "type": kind, "param": null, "code": code}});
    (status, Json(body)).into_response()
}

fn rate_limited(retry_after: u64) -> Response {
    let mut r = openai_error(
        StatusCode::TOO_MANY_REQUESTS,
        "Rate limit reached for requests. Please try again later.",
        "requests",
        "rate_limit_exceeded",
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    r
}

/// `response_format.json_schema.name`, which picks a scripted answer.
fn schema_name(body: &Value) -> Option<&str> {
    body.pointer("/response_format/json_schema/name")
        .and_then(Value::as_str)
}

fn tokens(chars: usize) -> usize {
    chars.div_ceil(4).max(1)
}

/// The first half of `content`, which is no longer JSON.
fn malformed(content: String) -> String {
    let keep = content.chars().count() / 2;
    let mut cut: String = content.chars().take(keep.max(1)).collect();
    if serde_json::from_str::<Value>(&cut).is_ok() {
        cut.push_str("{\"truncated");
    }
    cut
}

/// `POST /v1/chat/completions`.
pub async fn chat_completions(State(sim): State<Arc<Sim>>, headers: HeaderMap, raw: Bytes) -> Response {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    let parsed: Result<Value, _> = serde_json::from_slice(&raw);
    let (rule, (mode, delay), retry_after, scripted) = {
        let mut inner = sim.lock();
        inner.stats.llm_requests += 1;
        inner.stats.count(LLM_OPERATION);
        let logged = parsed
            .as_ref()
            .cloned()
            .unwrap_or_else(|_| json!(String::from_utf8_lossy(&raw)));
        inner.llm_requests.push(json!({
            "receivedAt": fmt_time(chrono::Utc::now()),
            "authorized": !key.is_empty(),
            "body": logged,
        }));
        let rule = inner.faults.take_fail_next(LLM_OPERATION, "/v1/chat/completions");
        let scripted = parsed
            .as_ref()
            .ok()
            .and_then(schema_name)
            .and_then(|name| inner.llm_script.get_mut(name))
            .and_then(|queue| queue.pop_front());
        (
            rule,
            inner.faults.take_llm_mode(),
            inner.faults.retry_after_secs,
            scripted,
        )
    };
    if key.is_empty() {
        return openai_error(
            StatusCode::UNAUTHORIZED,
            "You didn't provide an API key. Provide it in the Authorization header (Bearer <key>).",
            "invalid_request_error",
            "invalid_api_key",
        );
    }
    let Ok(body) = parsed else {
        return openai_error(
            StatusCode::BAD_REQUEST,
            "The request body is not valid JSON.",
            "invalid_request_error",
            "invalid_json",
        );
    };
    let messages = body.get("messages").and_then(Value::as_array);
    if messages.is_none_or(Vec::is_empty) {
        return openai_error(
            StatusCode::BAD_REQUEST,
            "'messages' must be a non-empty array.",
            "invalid_request_error",
            "invalid_value",
        );
    }
    if let Some(rule) = rule {
        if let Some(ms) = rule.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        if let Some(status) = rule.status {
            if status == 429 {
                return rate_limited(rule.retry_after_secs.unwrap_or(1));
            }
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return openai_error(code, "Injected failure.", "server_error", "server_error");
        }
    }
    match mode.as_str() {
        "rate_limited" => return rate_limited(retry_after),
        "service_unavailable" => {
            return openai_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "The server is overloaded or not ready yet.",
                "server_error",
                "service_unavailable",
            );
        }
        "timeout" => tokio::time::sleep(Duration::from_millis(delay.unwrap_or(DEFAULT_TIMEOUT_MS))).await,
        _ => {
            if let Some(ms) = delay {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
        }
    }
    let mut content = scripted.unwrap_or_else(|| answer(&body));
    match mode.as_str() {
        "malformed" => content = malformed(content),
        "fenced" => content = format!("```json\n{content}\n```"),
        _ => {}
    }
    let prompt_chars: usize = body
        .get("messages")
        .and_then(Value::as_array)
        .map(|m| {
            m.iter()
                .map(|m| text_of(m.get("content").unwrap_or(&Value::Null)).len())
                .sum()
        })
        .unwrap_or(0);
    let (prompt_tokens, completion_tokens) = (tokens(prompt_chars), tokens(content.len()));
    let digest = Sha256::digest(&raw);
    let id = format!("chatcmpl-{}", &hex::encode(digest)[..24]);
    let model = body
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or("genesys-sim-llm");
    Json(json!({
        "id": id,
        "object": "chat.completion",
        "created": chrono::Utc::now().timestamp(),
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "finish_reason": "stop",
        }],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }))
    .into_response()
}
