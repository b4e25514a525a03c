//! Genesys `ErrorBody` responses.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error answered with a Genesys `ErrorBody` (fresh `contextId`, also sent as the
/// `ININ-Correlation-Id` header). Boxed to keep `Result`s small.
#[derive(Debug, Clone)]
pub struct ApiError(Box<ErrorData>);

/// The parts of an [`ApiError`].
#[derive(Debug, Clone)]
pub struct ErrorData {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub retry_after: Option<u64>,
    pub limit: Option<Value>,
    pub details: Vec<Value>,
    pub with_params: bool,
}

impl std::ops::Deref for ApiError {
    type Target = ErrorData;
    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for ApiError {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self(Box::new(ErrorData {
            status,
            code: code.to_string(),
            message: message.into(),
            retry_after: None,
            limit: None,
            details: Vec::new(),
            with_params: false,
        }))
    }

    /// 400 `bad.request`; the message names the field and the problem.
    pub fn bad_request(message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::BAD_REQUEST, "bad.request", message);
        e.with_params = true;
        e
    }

    /// 404 `not.found`.
    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not.found", format!("{what} not found"))
    }

    /// 401: `authentication.required` (no token) or `bad.credentials` (unknown/expired/revoked).
    pub fn unauthorized(code: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, "Authentication failed.")
    }

    /// 429 `too.many.requests` with `Retry-After`.
    pub fn too_many_requests(message: impl Into<String>, retry_after: u64, allowed: u32) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, "too.many.requests", message);
        e.retry_after = Some(retry_after);
        e.limit =
            Some(json!({"key": "token.rate.per.minute", "namespace": "platform.api", "value": allowed}));
        e
    }

    /// Any status with the code Genesys uses for it.
    pub fn from_status(status: u16, retry_after: Option<u64>) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let (code, message) = match status.as_u16() {
            400 => (
                "bad.request",
                "The request could not be understood by the server due to malformed syntax.",
            ),
            401 => ("bad.credentials", "Authentication failed."),
            403 => (
                "missing.any.permissions",
                "Unable to perform the requested action. You are missing the following permission(s).",
            ),
            404 => ("not.found", "The requested resource was not found."),
            408 => (
                "request.timeout",
                "The client did not produce a request within the server timeout limit.",
            ),
            409 => (
                "conflict",
                "The request could not be completed due to a conflict.",
            ),
            429 => (
                "too.many.requests",
                "Rate limit exceeded the maximum [1] requests within [60] seconds",
            ),
            500 => (
                "internal.server.error",
                "The server encountered an unexpected condition which prevented it from fulfilling the request.",
            ),
            501 => (
                "not.implemented",
                "The server does not support the functionality required to fulfill the request.",
            ),
            502 => (
                "bad.gateway",
                "The server received an invalid response from an upstream server.",
            ),
            503 => (
                "service.unavailable",
                "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).",
            ),
            504 => ("gateway.timeout", "The request timed out."),
            _ => ("error", "Injected error."),
        };
        let mut e = Self::new(status, code, message);
        e.with_params = status == StatusCode::BAD_REQUEST;
        if status == StatusCode::TOO_MANY_REQUESTS {
            e.retry_after = Some(retry_after.unwrap_or(1));
        } else {
            e.retry_after = retry_after;
        }
        e
    }

    /// The `ErrorBody` JSON with a fresh `contextId`.
    pub fn body(&self, context_id: &str) -> Value {
        let mut body = json!({
            "message": self.message,
            "code": self.code,
            "status": self.status.as_u16(),
            "contextId": context_id,
            "details": self.details,
            "errors": [],
        });
        if self.with_params {
            body["messageWithParams"] = json!(self.message);
            body["messageParams"] = json!({});
        }
        if let Some(limit) = &self.limit {
            body["limit"] = limit.clone();
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let context_id = uuid::Uuid::new_v4().to_string();
        let mut response = (self.status, axum::Json(self.body(&context_id))).into_response();
        let headers = response.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&context_id) {
            headers.insert("ININ-Correlation-Id", v);
        }
        if let Some(secs) = self.retry_after {
            headers.insert("Retry-After", HeaderValue::from(secs));
        }
        response
    }
}

/// Parses a JSON request body and validates it against a spec definition (Genesys 400s).
pub fn parse_body(bytes: &[u8], definition: Option<&str>) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("body: a JSON request body is required"));
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("body: malformed JSON ({e})")))?;
    if let Some(name) = definition
        && let Err(errors) = crate::spec::validate_definition(name, &value)
    {
        let mut err = ApiError::bad_request(format!("Invalid {name}: {}", errors.join("; ")));
        err.details = errors
            .iter()
            .map(|e| json!({"errorCode": "invalid.value", "fieldName": field_of(e)}))
            .collect();
        return Err(err);
    }
    Ok(value)
}

/// The field a validation error is about: the JSON pointer, or the missing property's name.
fn field_of(error: &str) -> String {
    let (path, reason) = error.split_once(": ").unwrap_or(("", error));
    if let Some(name) = reason.strip_prefix('"').and_then(|r| r.split('"').next())
        && reason.contains("required")
    {
        return if path == "(root)" {
            name.to_string()
        } else {
            format!("{path}/{name}")
        };
    }
    path.to_string()
}
