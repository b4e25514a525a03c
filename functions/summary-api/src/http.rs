//! The HTTP routes.

use std::convert::Infallible;
use std::time::Duration;

use lambda_http::http::{Method, StatusCode, header};
use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use serde_json::json;
use tracing::{info, instrument};
use wrapup::genesys::Deadline;
use wrapup::ids::ConversationId;
use wrapup::pipeline::{AcceptedBecause, FieldError, Submitted, SummaryRequest, SummaryResponse};
use wrapup::store::{Reader, StoredSummary};

use crate::App;
use crate::errors::{from_pipeline, invalid_request, json, not_found};
use crate::metrics::Trigger;

/// API Gateway gives up after 29 s; answer well before.
const GATEWAY_LIMIT: Duration = Duration::from_secs(28);
/// Time kept for answering and bookkeeping after the pipeline's work.
const RESERVE: Duration = Duration::from_millis(1500);

enum Route {
    Submit,
    Status(String),
    WrongMethod(&'static str),
    Unknown,
}

fn route(method: &Method, path: &str) -> Route {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // A REST API stage or a custom-domain base path may come before "summaries".
    match segments.iter().rposition(|s| *s == "summaries") {
        Some(i) if i + 1 == segments.len() => match *method {
            Method::POST => Route::Submit,
            _ => Route::WrongMethod("POST"),
        },
        Some(i) if i + 2 == segments.len() => match *method {
            Method::GET => Route::Status(segments[i + 1].to_owned()),
            _ => Route::WrongMethod("GET"),
        },
        _ => Route::Unknown,
    }
}

#[instrument(skip_all, fields(method = %request.method(), route))]
pub async fn handle(app: &App, request: Request) -> Result<Response<Body>, Infallible> {
    let response = match route(request.method(), request.uri().path()) {
        Route::Submit => submit(app, &request).await,
        Route::Status(id) => status(app, &request, &id).await,
        Route::WrongMethod(allowed) => {
            let mut response = json(
                StatusCode::METHOD_NOT_ALLOWED,
                &json!({"error": "method_not_allowed", "message": format!("use {allowed}")}),
            );
            if let Ok(value) = allowed.parse() {
                response.headers_mut().insert(header::ALLOW, value);
            }
            response
        }
        Route::Unknown => not_found(
            "route_not_found",
            "No such route.",
            "Use POST /summaries or GET /summaries/{conversationId}.",
        ),
    };
    info!(status = response.status().as_u16(), "answered");
    Ok(response)
}

async fn submit(app: &App, request: &Request) -> Response<Body> {
    if let Some(problem) = content_type_problem(request) {
        app.metrics.refused(Trigger::Api, "invalid_request");
        return invalid_request(&[problem]);
    }
    let mut summary_request = match SummaryRequest::parse(request.body().as_ref()) {
        Ok(parsed) => parsed,
        Err(errors) => {
            app.metrics.refused(Trigger::Api, "invalid_request");
            return invalid_request(&errors);
        }
    };
    if prefers_async(request) {
        summary_request.asynchronous = true;
    }
    let caller = caller(request);
    let deadline = deadline(request);
    let result = app
        .pipeline
        .submit(&summary_request, caller.as_deref(), deadline)
        .await;
    app.metrics.submitted(&result);
    match result {
        Ok(Submitted::Done { response, replayed }) => done(&response, replayed),
        Ok(Submitted::Accepted {
            conversation_id,
            audit_id,
            reason,
        }) => accepted(&conversation_id, &audit_id, reason),
        Err(err) => from_pipeline(&err),
    }
}

async fn status(app: &App, request: &Request, raw_id: &str) -> Response<Body> {
    let Ok(id) = ConversationId::parse(raw_id) else {
        return invalid_request(&[FieldError::new(
            "conversationId",
            "must be a UUID (a Genesys conversation id)",
        )]);
    };
    // A caller reads only the summaries it asked for (another's answer 404, as if none existed);
    // the configured admin scope reads all.
    let caller = caller(request);
    let admin = app
        .admin_scope
        .as_deref()
        .is_some_and(|scope| scopes(request).iter().any(|s| s == scope));
    let reader = if admin {
        Reader::Admin
    } else {
        Reader::Caller(caller.as_deref())
    };
    match app.pipeline.latest(&id, reader).await {
        Ok(Some(stored)) => json(StatusCode::OK, &status_body(&stored)),
        Ok(None) => not_found(
            "summary_not_found",
            "No summary has been requested for this conversation.",
            "POST /summaries with this conversationId first.",
        ),
        Err(err) => from_pipeline(&err),
    }
}

fn status_body(stored: &StoredSummary) -> serde_json::Value {
    json!({
        "conversationId": stored.conversation_id,
        "caseId": stored.case_id,
        "status": stored.status,
        "auditId": stored.audit_id,
        "result": stored.result,
        "error": stored.error,
        "crmSync": stored.crm_sync,
        "updatedAt": stored.updated_at,
    })
}

fn done(response: &SummaryResponse, replayed: bool) -> Response<Body> {
    let mut answer = json(
        StatusCode::OK,
        &serde_json::to_value(response).unwrap_or_default(),
    );
    if replayed {
        answer
            .headers_mut()
            .insert("x-wrapup-replayed", header::HeaderValue::from_static("true"));
    }
    answer
}

fn accepted(conversation_id: &ConversationId, audit_id: &str, reason: AcceptedBecause) -> Response<Body> {
    let location = format!("/summaries/{conversation_id}");
    let why = match reason {
        AcceptedBecause::AskedForAsync => "asynchronous request",
        AcceptedBecause::NotEnoughTime => "the summary needs more time than this request has",
        AcceptedBecause::DuplicateInProgress => "an identical request is being processed",
    };
    let mut response = json(
        StatusCode::ACCEPTED,
        &json!({"conversationId": conversation_id, "auditId": audit_id, "status": "processing",
                "statusUrl": location, "message": why}),
    );
    let headers = response.headers_mut();
    if let Ok(value) = location.parse() {
        headers.insert(header::LOCATION, value);
    }
    headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
    response
}

fn content_type_problem(request: &Request) -> Option<FieldError> {
    let content_type = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    (essence != "application/json" && !essence.ends_with("+json"))
        .then(|| FieldError::new("content-type", "must be application/json"))
}

fn prefers_async(request: &Request) -> bool {
    request
        .headers()
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim().eq_ignore_ascii_case("respond-async"))
}

/// The Lambda's own deadline, capped by API Gateway's, less the reserve.
fn deadline(request: &Request) -> Deadline {
    let gateway = Deadline::after(GATEWAY_LIMIT.saturating_sub(RESERVE));
    match request.lambda_context_ref() {
        Some(context) if context.deadline > 0 => {
            Deadline::from_epoch_millis(context.deadline, RESERVE).min(gateway)
        }
        _ => gateway,
    }
}

/// Who is calling, from the authorizer: JWT subject (or client id), IAM principal, or a custom
/// authorizer's principal. Recorded in the audit trail.
pub fn caller(request: &Request) -> Option<String> {
    match request.request_context_ref()? {
        RequestContext::ApiGatewayV2(context) => {
            let authorizer = context.authorizer.as_ref()?;
            if let Some(jwt) = &authorizer.jwt {
                let subject = jwt.claims.get("sub").or_else(|| jwt.claims.get("client_id"));
                return subject.map(|s| format!("jwt:{s}"));
            }
            authorizer
                .iam
                .as_ref()
                .and_then(|iam| iam.user_arn.clone())
                .map(|arn| format!("iam:{arn}"))
        }
        RequestContext::ApiGatewayV1(context) => {
            let fields = &context.authorizer.fields;
            let claims_sub = fields
                .get("claims")
                .and_then(|c| c.get("sub"))
                .and_then(|s| s.as_str());
            let principal = fields.get("principalId").and_then(|s| s.as_str());
            claims_sub
                .map(|s| format!("jwt:{s}"))
                .or_else(|| principal.map(|p| format!("authorizer:{p}")))
                .or_else(|| context.identity.user_arn.clone().map(|arn| format!("iam:{arn}")))
        }
        _ => None,
    }
}

/// The scopes the JWT authorizer passed on (`scope`, space-separated, or `scp`).
fn scopes(request: &Request) -> Vec<String> {
    let Some(RequestContext::ApiGatewayV2(context)) = request.request_context_ref() else {
        return Vec::new();
    };
    let Some(jwt) = context.authorizer.as_ref().and_then(|a| a.jwt.as_ref()) else {
        return Vec::new();
    };
    ["scope", "scp"]
        .iter()
        .filter_map(|name| jwt.claims.get(*name))
        .flat_map(|value| value.split([' ', ',']))
        .map(|s| s.trim_matches(['[', ']', '"']).to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert!(matches!(route(&Method::POST, "/summaries"), Route::Submit));
        assert!(matches!(route(&Method::POST, "/prod/summaries/"), Route::Submit));
        assert!(matches!(route(&Method::GET, "/summaries/abc"), Route::Status(id) if id == "abc"));
        assert!(matches!(
            route(&Method::GET, "/summaries"),
            Route::WrongMethod("POST")
        ));
        assert!(matches!(
            route(&Method::DELETE, "/summaries/abc"),
            Route::WrongMethod("GET")
        ));
        assert!(matches!(route(&Method::GET, "/other"), Route::Unknown));
        assert!(matches!(route(&Method::GET, "/summaries/a/b"), Route::Unknown));
    }
}
