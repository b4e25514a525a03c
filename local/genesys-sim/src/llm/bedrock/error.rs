//! Bedrock Runtime's error answers: the status, the exception name in `x-amzn-ErrorType` (which
//! the AWS SDKs read) and `{"message": ...}`, with the messages Bedrock sends.

use axum::Json;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// `x-amzn-ErrorType`: the exception's name.
pub const ERROR_TYPE_HEADER: HeaderName = HeaderName::from_static("x-amzn-errortype");
/// `x-amzn-RequestId`, on every Bedrock answer.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// One Bedrock exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BedrockError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
}

impl BedrockError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            kind,
            message: message.into(),
        }
    }

    pub fn throttling() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "ThrottlingException",
            "Too many requests, please wait before trying again.",
        )
    }

    pub fn service_unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailableException",
            "Bedrock is unable to process your request.",
        )
    }

    pub fn access_denied() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "AccessDeniedException",
            "You don't have access to the model with the specified model ID.",
        )
    }

    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "ValidationException", message)
    }

    pub fn model_timeout() -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "ModelTimeoutException",
            "Model has timed out in processing the request. Try your request again.",
        )
    }

    /// What AWS answers a request without a signature.
    pub fn missing_authentication() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        )
    }

    /// The exception Bedrock answers with `status` (for `failNext` rules).
    pub fn for_status(status: u16) -> Self {
        match status {
            429 => Self::throttling(),
            503 => Self::service_unavailable(),
            403 => Self::access_denied(),
            408 => Self::model_timeout(),
            400 => Self::validation("Malformed input request, please reformat your input and try again."),
            404 => Self::new(
                StatusCode::NOT_FOUND,
                "ResourceNotFoundException",
                "Could not resolve the foundation model from the provided model identifier.",
            ),
            424 => Self::new(
                StatusCode::FAILED_DEPENDENCY,
                "ModelErrorException",
                "The model returned an unexpected error while processing the request.",
            ),
            other => {
                let status = StatusCode::from_u16(other).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                if status.is_server_error() {
                    Self::new(
                        status,
                        "InternalServerException",
                        "The server encountered an internal error while processing the request.",
                    )
                } else {
                    Self::new(status, "ValidationException", "Injected failure.")
                }
            }
        }
    }
}

/// A fresh `x-amzn-RequestId`.
pub fn request_id() -> HeaderValue {
    HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()).unwrap_or(HeaderValue::from_static("0"))
}

impl IntoResponse for BedrockError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({"message": self.message}))).into_response();
        let headers = response.headers_mut();
        headers.insert(ERROR_TYPE_HEADER, HeaderValue::from_static(self.kind));
        headers.insert(REQUEST_ID_HEADER, request_id());
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injected_statuses_answer_bedrocks_exceptions() {
        for (status, kind) in [
            (429, "ThrottlingException"),
            (503, "ServiceUnavailableException"),
            (403, "AccessDeniedException"),
            (400, "ValidationException"),
            (408, "ModelTimeoutException"),
            (404, "ResourceNotFoundException"),
            (424, "ModelErrorException"),
            (500, "InternalServerException"),
            (502, "InternalServerException"),
        ] {
            let error = BedrockError::for_status(status);
            assert_eq!((error.status.as_u16(), error.kind), (status, kind));
        }
    }

    #[test]
    fn the_exception_name_is_in_the_header() {
        let response = BedrockError::throttling().into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[ERROR_TYPE_HEADER], "ThrottlingException");
        assert!(response.headers().contains_key(REQUEST_ID_HEADER));
    }
}
