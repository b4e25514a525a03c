//! The one place where failures become HTTP answers: a status, a machine-readable code, a message
//! a CRM integrator can act on, and never internals.

use lambda_http::http::{StatusCode, header};
use lambda_http::{Body, Response};
use serde_json::{Value, json};
use tracing::error;
use wrapup::language::SERVED;
use wrapup::pipeline::{FieldError, PipelineError, not_served_field, not_served_reason};

pub fn json(status: StatusCode, body: &Value) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::Text(body.to_string()))
        .unwrap_or_else(|_| Response::new(Body::Empty))
}

pub fn invalid_request(errors: &[FieldError]) -> Response<Body> {
    let message = match errors {
        [one] => format!("{} {}", one.field, one.reason),
        many => format!("{} problems with the request", many.len()),
    };
    json(
        StatusCode::BAD_REQUEST,
        &json!({"error": "invalid_request", "message": message, "errors": errors}),
    )
}

pub fn not_found(code: &str, message: &str, hint: &str) -> Response<Body> {
    json(
        StatusCode::NOT_FOUND,
        &json!({"error": code, "message": message, "hint": hint}),
    )
}

pub fn from_pipeline(err: &PipelineError) -> Response<Body> {
    let code = err.code();
    match err {
        PipelineError::UnknownConversation => not_found(
            code,
            "Genesys Cloud does not know this conversation.",
            "Check the conversationId and that the conversation belongs to the org Wrapup is connected to.",
        ),
        PipelineError::NoTranscript => not_found(
            code,
            "The conversation has no transcript yet.",
            "Speech & Text Analytics publishes transcripts a few minutes after a conversation ends; retry later.",
        ),
        PipelineError::NoCopilotSummary => not_found(
            code,
            "Genesys Copilot has no completed summary for this conversation.",
            "Use source \"auto\" or \"extractive\", or retry once Copilot has finished.",
        ),
        PipelineError::LlmNotConfigured => json(
            StatusCode::BAD_REQUEST,
            &json!({"error": "invalid_request", "message": "source llm is not available",
                    "errors": [{"field": "source", "reason": "llm is not configured for this deployment; use auto, genesys or extractive"}]}),
        ),
        PipelineError::TranscriptTooLarge { chars, limit } => json(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({"error": code,
                    "message": format!("The transcript has {chars} characters of text, more than this deployment's limit of {limit} (WRAPUP_MAX_TRANSCRIPT_CHARS)."),
                    "transcriptChars": chars, "maxTranscriptChars": limit,
                    "hint": "Wrapup does not summarise calls this long; an operator can raise WRAPUP_MAX_TRANSCRIPT_CHARS."}),
        ),
        PipelineError::ConversationTooLarge(reason) => json(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({"error": code,
                    "message": format!("The conversation is too large to summarise: {reason}."),
                    "hint": "Wrapup does not summarise conversations this large."}),
        ),
        PipelineError::LanguageNotServed(language) => {
            let problem = FieldError::new(not_served_field(language), not_served_reason(language));
            json(
                StatusCode::UNPROCESSABLE_ENTITY,
                &json!({"error": code, "message": format!("{} {}", problem.field, problem.reason),
                        "errors": [problem], "servedLanguages": SERVED}),
            )
        }
        PipelineError::RateLimited {
            retry_after,
            context_id,
        } => {
            let secs = retry_after.as_secs().max(1);
            let mut response = json(
                StatusCode::TOO_MANY_REQUESTS,
                &json!({"error": code, "message": "Genesys Cloud is throttling requests; retry later.",
                        "retryAfterSeconds": secs, "contextId": context_id}),
            );
            if let Ok(value) = secs.to_string().parse() {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        PipelineError::Upstream {
            context_id, status, ..
        } => json(
            StatusCode::BAD_GATEWAY,
            &json!({"error": code, "message": "Genesys Cloud failed to answer; retry later.",
                    "genesysStatus": status, "contextId": context_id}),
        ),
        PipelineError::DeadlineExceeded => json(
            StatusCode::GATEWAY_TIMEOUT,
            &json!({"error": code, "message": "The summary did not finish in time; retry with \"async\": true."}),
        ),
        PipelineError::InvalidJob(_)
        | PipelineError::Superseded { .. }
        | PipelineError::Store(_)
        | PipelineError::Queue(_)
        | PipelineError::Internal(_) => {
            error!(code, error = %err, "internal failure");
            json(
                StatusCode::INTERNAL_SERVER_ERROR,
                &json!({"error": "internal_error", "message": "Something went wrong on our side; retry later."}),
            )
        }
    }
}
