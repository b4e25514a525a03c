//! Reading a chat-completions answer: the first choice's text and the token usage; and the error
//! for a refused request, which keeps the provider's error code but never its message.

use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use tracing::debug;

use super::model::Completion;
use crate::summary::{SummarizeError, TokenUsage};

/// A 4xx other than 429/408: the status and the provider's error code, never its message (a 401
/// message may quote part of the key, a 400 one part of the prompt).
pub(super) fn refused(status: StatusCode, body: Option<&[u8]>) -> SummarizeError {
    if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
        return SummarizeError::Upstream(format!(
            "the LLM endpoint refused the API key ({}): check WRAPUP_LLM_API_KEY",
            status.as_u16()
        ));
    }
    let code = body
        .and_then(|b| serde_json::from_slice::<Value>(b).ok())
        .and_then(|v| {
            let error = v.get("error")?;
            error
                .get("code")
                .and_then(Value::as_str)
                .or_else(|| error.get("type").and_then(Value::as_str))
                .map(str::to_owned)
        })
        .filter(|c| {
            c.len() <= 64
                && c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || "_.-".contains(ch))
        });
    SummarizeError::Upstream(match code {
        Some(code) => format!(
            "the LLM endpoint rejected the request ({}, {code})",
            status.as_u16()
        ),
        None => format!("the LLM endpoint rejected the request ({})", status.as_u16()),
    })
}

#[derive(Deserialize)]
struct ChatResponse {
    #[serde(default)]
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Choice {
    #[serde(default)]
    message: Option<ChoiceMessage>,
}

#[derive(Deserialize)]
struct ChoiceMessage {
    #[serde(default)]
    content: Option<Value>,
}

#[derive(Deserialize)]
struct Usage {
    #[serde(default)]
    prompt_tokens: Option<u64>,
    #[serde(default)]
    completion_tokens: Option<u64>,
}

/// The first choice's text (a string, or the text parts of a content array). An empty text (a
/// refusal, a filtered answer) is returned as such and fails parsing, which triggers the repair.
pub(super) fn completion(body: &[u8], status: StatusCode) -> Result<Completion, SummarizeError> {
    let response: ChatResponse = serde_json::from_slice(body).map_err(|_| {
        SummarizeError::Upstream(format!(
            "the LLM endpoint answered {} with a body that is not a chat completion",
            status.as_u16()
        ))
    })?;
    let content = response
        .choices
        .into_iter()
        .next()
        .and_then(|c| c.message)
        .and_then(|m| m.content)
        .map(|content| match content {
            Value::String(text) => text,
            Value::Array(parts) => parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join(""),
            _ => String::new(),
        })
        .unwrap_or_default();
    let usage = response.usage.unwrap_or(Usage {
        prompt_tokens: None,
        completion_tokens: None,
    });
    let usage = TokenUsage {
        prompt_tokens: usage.prompt_tokens.unwrap_or(0),
        completion_tokens: usage.completion_tokens.unwrap_or(0),
        requests: 1,
    };
    debug!(
        prompt_tokens = usage.prompt_tokens,
        completion_tokens = usage.completion_tokens,
        "llm usage"
    );
    Ok(Completion { content, usage })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_may_be_a_string_or_parts() {
        let body = br#"{"choices":[{"message":{"content":"{}"}}],"usage":{"prompt_tokens":7,"completion_tokens":2}}"#;
        let c = completion(body, StatusCode::OK).unwrap();
        assert_eq!(
            (c.content.as_str(), c.usage.prompt_tokens, c.usage.requests),
            ("{}", 7, 1)
        );
        let parts = br#"{"choices":[{"message":{"content":[{"type":"text","text":"{"},{"text":"}"}]}}]}"#;
        assert_eq!(completion(parts, StatusCode::OK).unwrap().content, "{}");
        let refusal = br#"{"choices":[{"message":{"content":null,"refusal":"no"}}]}"#;
        assert_eq!(completion(refusal, StatusCode::OK).unwrap().content, "");
        assert!(matches!(
            completion(b"<html>", StatusCode::OK),
            Err(SummarizeError::Upstream(m)) if m.contains("not a chat completion")
        ));
    }

    #[test]
    fn refusals_keep_the_status_and_code_but_not_the_message() {
        let body =
            br#"{"error":{"message":"Incorrect API key provided: sk-abc***xyz","code":"invalid_api_key"}}"#;
        let text = refused(StatusCode::UNAUTHORIZED, Some(body)).to_string();
        assert!(text.contains("401") && !text.contains("sk-abc"), "{text}");
        let body =
            br#"{"error":{"message":"context length of 'my card 4111'","code":"context_length_exceeded"}}"#;
        let text = refused(StatusCode::BAD_REQUEST, Some(body)).to_string();
        assert!(
            text.contains("400") && text.contains("context_length_exceeded"),
            "{text}"
        );
        assert!(!text.contains("4111"), "{text}");
        let odd = br#"{"error":{"code":"a code with spaces and 4111"}}"#;
        assert!(
            !refused(StatusCode::BAD_REQUEST, Some(odd))
                .to_string()
                .contains("4111")
        );
    }
}
