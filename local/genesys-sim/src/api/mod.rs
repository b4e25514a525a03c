//! The Genesys Platform API v2 routes and the guard every `/api/v2/*` request passes:
//! stats, bearer auth, per-token rate limit, fault injection, `inin-ratelimit-*` headers.

mod aggregates;
mod analytics;
mod jobs;
mod query;
mod suggestions;
mod summaries;
mod transcripts;
mod writeback;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use rand::Rng;

use crate::auth;
use crate::error::ApiError;
use crate::ratelimit::{self, Limit, RateState};
use crate::spec;
use crate::state::Sim;

pub use transcripts::transcript_document;

/// Operation name used for requests that match no spec operation.
const UNKNOWN_OPERATION: &str = "unknown";

/// The `/api/v2` router (guarded).
pub fn router(sim: Arc<Sim>) -> Router<Arc<Sim>> {
    let conv = "/api/v2/conversations/{conversationId}";
    let jobs = "/api/v2/analytics/conversations/details/jobs";
    let sta =
        "/api/v2/speechandtextanalytics/conversations/{conversationId}/communications/{communicationId}";
    Router::new()
        .route(
            "/api/v2/analytics/conversations/details/query",
            post(analytics::details_query),
        )
        .route(
            "/api/v2/analytics/conversations/{conversationId}/details",
            get(analytics::details),
        )
        .route(&format!("{sta}/transcripturl"), get(transcripts::transcript_url))
        .route(
            &format!("{sta}/transcripturls"),
            get(transcripts::transcript_urls),
        )
        .route(&format!("{conv}/summaries"), get(summaries::summaries))
        .route(&format!("{conv}/suggestions"), get(suggestions::list))
        .route(
            &format!("{conv}/suggestions/{{suggestionId}}"),
            get(suggestions::get_one),
        )
        .route(
            &format!("{conv}/suggestions/{{suggestionId}}/engagement"),
            post(suggestions::engagement),
        )
        .route(
            "/api/v2/integrations/actions/{actionId}/execute",
            post(writeback::execute_action),
        )
        .route(
            &format!("{conv}/participants/{{participantId}}/attributes"),
            patch(writeback::patch_attributes),
        )
        .route(jobs, post(jobs::create))
        .route(
            &format!("{jobs}/{{jobId}}"),
            get(jobs::status).delete(jobs::delete),
        )
        .route(&format!("{jobs}/{{jobId}}/results"), get(jobs::results))
        .route(
            "/api/v2/analytics/transcripts/aggregates/query",
            post(aggregates::query),
        )
        .fallback(|| async { ApiError::not_found("Resource") })
        .layer(middleware::from_fn_with_state(sim, guard))
}

enum Decision {
    Reject(ApiError),
    Proceed { delay_ms: u64, fail: Option<ApiError> },
}

/// Stats, auth, rate limit and faults for every `/api/v2/*` request.
async fn guard(State(sim): State<Arc<Sim>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let operation = spec::operation_id(req.method().as_str(), &path).unwrap_or(UNKNOWN_OPERATION);
    let limit = Limit::new(
        sim.config.rate_limit_per_minute,
        sim.config.rate_limit_window_secs,
    );
    let allowed = limit.allowed;
    let (rate, decision) = {
        let mut inner = sim.lock();
        inner.stats.total_api_requests += 1;
        inner.stats.count(operation);
        inner.stats.api_request_at(chrono::Utc::now().timestamp_millis());
        match auth::check_bearer(&mut inner, req.headers()) {
            Err(e) => (RateState::unauthenticated(limit), Decision::Reject(e)),
            Ok(token) => {
                let state = match inner.tokens.get_mut(&token) {
                    Some(t) => ratelimit::hit(&mut t.window, Instant::now(), limit),
                    None => RateState::unauthenticated(limit),
                };
                if state.limited {
                    inner.stats.rate_limited += 1;
                    inner.stats.window_rate_limited += 1;
                    let msg = format!(
                        "Rate limit exceeded the maximum [{allowed}] requests within [{}] seconds",
                        limit.window.as_secs()
                    );
                    (
                        state,
                        Decision::Reject(ApiError::too_many_requests(msg, state.reset_secs, allowed)),
                    )
                } else {
                    let mut delay_ms = inner.faults.latency_ms;
                    let mut fail = None;
                    if let Some(rule) = inner.faults.take_fail_next(operation, &path) {
                        delay_ms += rule.delay_ms.unwrap_or(0);
                        fail = rule
                            .status
                            .map(|s| ApiError::from_status(s, rule.retry_after_secs));
                    }
                    if fail.is_none() {
                        let (p429, p5xx) = (inner.faults.rate429, inner.faults.status5xx);
                        if p429 > 0.0 && inner.fault_rng.gen_bool(p429) {
                            fail = Some(ApiError::from_status(429, Some(inner.faults.retry_after_secs)));
                        } else if p5xx > 0.0 && inner.fault_rng.gen_bool(p5xx) {
                            fail = Some(ApiError::from_status(inner.faults.status5xx_code, None));
                        }
                    }
                    if fail.as_ref().is_some_and(|e| e.status.as_u16() == 429) {
                        inner.stats.rate_limited += 1;
                    }
                    (state, Decision::Proceed { delay_ms, fail })
                }
            }
        }
    };
    let mut response = match decision {
        Decision::Reject(e) => e.into_response(),
        Decision::Proceed { delay_ms, fail } => {
            if delay_ms > 0 {
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            }
            match fail {
                Some(e) => e.into_response(),
                None => next.run(req).await,
            }
        }
    };
    rate.apply(response.headers_mut());
    if !response.headers().contains_key("ININ-Correlation-Id")
        && let Ok(v) = HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
    {
        response.headers_mut().insert("ININ-Correlation-Id", v);
    }
    tracing::info!(operation, status = response.status().as_u16(), "api request");
    response
}

/// Parses a positive integer query parameter within `1..=max`.
pub(crate) fn page_size(raw: Option<&String>, default: u32, max: u32, name: &str) -> Result<u32, ApiError> {
    match raw {
        None => Ok(default),
        Some(s) => s
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!("{name}: '{s}' must be an integer between 1 and {max}"))
            }),
    }
}
