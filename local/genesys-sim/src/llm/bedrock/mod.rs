//! The Bedrock Runtime Converse API (`POST /model/{modelId}/converse`) in its real shapes, with
//! the OpenAI endpoint's deterministic answers: the request is checked as Bedrock checks it,
//! turned into the equivalent chat-completions request and answered by the same code, the answer
//! coming back as the tool's `toolUse` input. The `llm` faults apply, plus Bedrock's own
//! (access denied, validation, model timeout, a guardrail intervening, text instead of a tool
//! use). SigV4 signatures are not checked: any `Authorization` passes.

mod config;
mod error;
mod request;

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use self::error::{BedrockError, REQUEST_ID_HEADER, request_id};
use self::request::Tool;
use super::answer::answer;
use super::{DEFAULT_TIMEOUT_MS, malformed, tokens};
use crate::org::fmt_time;
use crate::state::Sim;

/// Operation name of the Converse endpoint (for `failNext` and stats).
pub const CONVERSE_OPERATION: &str = "bedrockConverse";
/// What a guardrail answers instead of the model (Bedrock's default blocked message).
const GUARDRAIL_BLOCKED: &str = "Sorry, the model cannot answer this question.";
const MALFORMED_REQUEST: &str = "Malformed input request, please reformat your input and try again.";

/// `POST /model/{modelId}/converse`.
pub async fn converse(
    State(sim): State<Arc<Sim>>,
    Path(model_id): Path<String>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let started = Instant::now();
    let scheme = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_whitespace().next())
        .map(str::to_owned);
    let parsed: Option<Value> = serde_json::from_slice(&raw).ok();
    let checked = match &parsed {
        Some(body) => request::parse(&model_id, body),
        None => Err(MALFORMED_REQUEST.to_owned()),
    };
    let (rule, (mode, delay), scripted) = {
        let mut inner = sim.lock();
        inner.stats.llm_requests += 1;
        inner.stats.count(CONVERSE_OPERATION);
        inner.bedrock_requests.push(json!({
            "receivedAt": fmt_time(chrono::Utc::now()),
            "modelId": model_id,
            "authorization": scheme,
            "body": parsed.clone().unwrap_or_else(|| json!(String::from_utf8_lossy(&raw))),
        }));
        match (&checked, &scheme) {
            // Faults and scripts apply to the requests Bedrock would accept.
            (Ok(converse), Some(_)) => {
                let path = format!("/model/{model_id}/converse");
                let rule = inner.faults.take_fail_next(CONVERSE_OPERATION, &path);
                let scripted = converse
                    .tool
                    .as_ref()
                    .and_then(|tool| inner.llm_script.get_mut(&tool.name))
                    .and_then(VecDeque::pop_front);
                (rule, inner.faults.take_llm_mode(), scripted)
            }
            _ => (None, ("ok".to_owned(), None), None),
        }
    };
    if scheme.is_none() {
        return BedrockError::missing_authentication().into_response();
    }
    let converse = match checked {
        Ok(converse) => converse,
        Err(message) => return BedrockError::validation(message).into_response(),
    };
    if let Some(rule) = rule {
        if let Some(ms) = rule.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        if let Some(status) = rule.status {
            return BedrockError::for_status(status).into_response();
        }
    }
    let failure = match mode.as_str() {
        "rate_limited" => Some(BedrockError::throttling()),
        "service_unavailable" => Some(BedrockError::service_unavailable()),
        "access_denied" => Some(BedrockError::access_denied()),
        "validation" => Some(BedrockError::validation(
            "The model returned the following errors: Input is too long for requested model.",
        )),
        "model_timeout" => Some(BedrockError::model_timeout()),
        _ => None,
    };
    let wait = match mode.as_str() {
        "timeout" => Some(delay.unwrap_or(DEFAULT_TIMEOUT_MS)),
        _ => delay,
    };
    if let Some(ms) = wait {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if let Some(failure) = failure {
        return failure.into_response();
    }
    let blocked = converse
        .guardrail
        .as_ref()
        .filter(|_| mode == "guardrail_intervened");
    let (block, stop_reason, output_chars) = match blocked {
        Some(_) => (json!({"text": GUARDRAIL_BLOCKED}), "guardrail_intervened", 0),
        None => {
            let text = scripted.unwrap_or_else(|| answer(&converse.chat));
            reply(converse.tool.as_ref(), text, &mode, &raw)
        }
    };
    let input_tokens = tokens(converse.prompt_chars);
    let output_tokens = if output_chars == 0 {
        0
    } else {
        tokens(output_chars)
    };
    let mut body = json!({
        "output": {"message": {"role": "assistant", "content": [block]}},
        "stopReason": stop_reason,
        "usage": {
            "inputTokens": input_tokens,
            "outputTokens": output_tokens,
            "totalTokens": input_tokens + output_tokens,
        },
        "metrics": {"latencyMs": u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)},
    });
    if let Some(guardrail) = blocked.filter(|g| g.trace) {
        body["trace"] = guardrail_trace(&guardrail.identifier);
    }
    let mut response = Json(body).into_response();
    response.headers_mut().insert(REQUEST_ID_HEADER, request_id());
    response
}

/// The answer's content block, stop reason and characters: the text as the tool's input, or as
/// text when there is no tool, the text is no JSON object (a script said so) or the mode asks.
fn reply(tool: Option<&Tool>, text: String, mode: &str, raw: &[u8]) -> (Value, &'static str, usize) {
    let as_text = |text: String| {
        let chars = text.len();
        (json!({"text": text}), "end_turn", chars)
    };
    let Some(tool) = tool else {
        return as_text(text);
    };
    match mode {
        "text" => return as_text(text),
        "fenced" => return as_text(format!("```json\n{text}\n```")),
        _ => {}
    }
    let Ok(Value::Object(mut input)) = serde_json::from_str::<Value>(&text) else {
        return as_text(text);
    };
    if mode == "malformed" {
        // A tool input that misses a required field; truncated text when nothing is required.
        let required = tool.schema.get("required").and_then(Value::as_array);
        let dropped = required
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|field| input.remove(field).is_some());
        if !dropped {
            return as_text(malformed(text));
        }
    }
    let input = Value::Object(input);
    let chars = input.to_string().len();
    let tool_use = json!({"toolUse": {"toolUseId": tool_use_id(raw), "name": tool.name, "input": input}});
    (tool_use, "tool_use", chars)
}

/// `tooluse_` and 22 characters, as Bedrock's ids, derived from the request.
fn tool_use_id(raw: &[u8]) -> String {
    let digest = Sha256::digest(raw);
    format!("tooluse_{}", URL_SAFE_NO_PAD.encode(&digest[..16]))
}

/// A guardrail's assessment of a blocked input (`trace: enabled`).
fn guardrail_trace(identifier: &str) -> Value {
    let filter = json!({"type": "MISCONDUCT", "confidence": "HIGH", "filterStrength": "HIGH",
                        "action": "BLOCKED", "detected": true});
    let mut assessment = serde_json::Map::new();
    assessment.insert(
        identifier.to_owned(),
        json!({"contentPolicy": {"filters": [filter]}}),
    );
    json!({"guardrail": {"inputAssessment": assessment, "actionReason": "Guardrail blocked."}})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool() -> Tool {
        Tool {
            name: "verdict".into(),
            schema: json!({"type": "object", "required": ["verdict", "why"]}),
        }
    }

    #[test]
    fn the_answer_is_the_tool_input() {
        let (block, stop, chars) = reply(Some(&tool()), r#"{"verdict":"ok","why":"x"}"#.into(), "ok", b"r");
        assert_eq!(stop, "tool_use");
        assert_eq!(block["toolUse"]["input"], json!({"verdict": "ok", "why": "x"}));
        assert_eq!(block["toolUse"]["name"], "verdict");
        assert_eq!(block["toolUse"]["toolUseId"].as_str().unwrap().len(), 30);
        assert_eq!(chars, 26);
    }

    #[test]
    fn faulty_modes_change_the_content() {
        let text = r#"{"verdict":"ok","why":"x"}"#;
        let (block, stop, _) = reply(Some(&tool()), text.into(), "malformed", b"r");
        assert_eq!(
            (block["toolUse"]["input"].clone(), stop),
            (json!({"why": "x"}), "tool_use")
        );
        let (block, stop, _) = reply(Some(&tool()), text.into(), "text", b"r");
        assert_eq!((block, stop), (json!({"text": text}), "end_turn"));
        let (block, _, _) = reply(Some(&tool()), text.into(), "fenced", b"r");
        assert!(block["text"].as_str().unwrap().starts_with("```json\n"));
        let (block, stop, _) = reply(Some(&tool()), "not json".into(), "ok", b"r");
        assert_eq!((block, stop), (json!({"text": "not json"}), "end_turn"));
        let (block, stop, _) = reply(None, "Summary: hi".into(), "ok", b"r");
        assert_eq!((block, stop), (json!({"text": "Summary: hi"}), "end_turn"));
        let optional = Tool {
            name: "t".into(),
            schema: json!({"type": "object"}),
        };
        let (block, stop, _) = reply(Some(&optional), text.into(), "malformed", b"r");
        assert_eq!(stop, "end_turn");
        assert!(serde_json::from_str::<Value>(block["text"].as_str().unwrap()).is_err());
    }
}
