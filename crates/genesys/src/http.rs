//! The one HTTP layer every Genesys API call goes through: bearer token from the cache, deadline
//! budget, retries (429 honouring `Retry-After`; 5xx except 501, timeouts and network errors for
//! idempotent calls), one 401 -> invalidate -> retry, rate-limit headers, optional pacing.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use bytes::Bytes;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tracing::{Instrument, debug, info_span, warn};
use url::Url;

use super::counters::CallCounters;
use super::error::{AuthError, GenesysError};
use super::pacer::{RateLimitStatus, RequestPacer};
use super::retry::{
    Attempt, Deadline, GiveUp, RetryPolicy, StatusClass, Stopped, classify_status, parse_retry_after,
    with_retries,
};
use super::token_cache::TokenCache;
use crate::config::HttpConfig;
use crate::http_body::{BodyError, read_capped};

/// The largest Genesys API answer read: analytics details of a long conversation are a few
/// hundred kilobytes.
const MAX_API_BODY: usize = 16 * 1024 * 1024;

/// One API call, described once and replayed by the retry loop.
pub(crate) struct ApiCall {
    /// Genesys' operationId, used in logs, errors and the simulator's statistics.
    pub operation: &'static str,
    pub method: Method,
    pub url: Url,
    pub body: Option<Bytes>,
    /// Safe to repeat after an ambiguous failure (timeout, 5xx)? Reads and queries are; a Data
    /// Action execute is not: it is only retried when Genesys certainly did not run it (429).
    pub idempotent: bool,
}

pub(crate) struct HttpCore {
    pub(crate) http: reqwest::Client,
    pub(crate) api_base: Url,
    pub(crate) tokens: TokenCache,
    pub(crate) policy: RetryPolicy,
    pub(crate) config: HttpConfig,
    pub(crate) pacer: Option<Arc<dyn RequestPacer>>,
    pub(crate) rate_limit: Mutex<Option<RateLimitStatus>>,
    /// Requests, 429s and retries, for the function's metrics.
    pub(crate) counters: Arc<CallCounters>,
}

impl HttpCore {
    pub(crate) fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.api_base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty();
            // push() percent-encodes each segment, so an id can never change the path.
            for segment in segments {
                path.push(segment);
            }
        }
        url
    }

    pub(crate) fn rate_limit(&self) -> Option<RateLimitStatus> {
        *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) async fn json<T: DeserializeOwned>(
        &self,
        call: ApiCall,
        deadline: Deadline,
    ) -> Result<T, GenesysError> {
        let operation = call.operation;
        let (_, body) = self.execute(call, deadline).await?;
        crate::http_body::decode_json(&body).map_err(|source| GenesysError::Decode { operation, source })
    }

    pub(crate) async fn execute(
        &self,
        call: ApiCall,
        deadline: Deadline,
    ) -> Result<(StatusCode, Bytes), GenesysError> {
        let span = info_span!(
            "genesys",
            operation = call.operation,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty
        );
        async {
            let mut attempts = 0;
            let outcome = with_retries(&self.policy, deadline, call.operation, |attempt| {
                tracing::Span::current().record("attempts", attempt);
                attempts = attempt;
                self.attempt(&call, deadline)
            })
            .await;
            self.counters.retried(attempts);
            match outcome {
                Ok((status, body)) => {
                    tracing::Span::current().record("status", status.as_u16());
                    Ok((status, body))
                }
                Err(Stopped::Fatal { error, .. }) => Err(error),
                Err(Stopped::GaveUp {
                    error,
                    attempts,
                    retry_after,
                    why,
                }) => Err(match why {
                    GiveUp::OverBudget { wait, remaining }
                        if retry_after.is_some() && error.status() == Some(429) =>
                    {
                        GenesysError::RateLimited {
                            operation: call.operation,
                            retry_after: wait,
                            remaining,
                            context_id: error.context_id().map(str::to_owned),
                        }
                    }
                    GiveUp::OverBudget { .. } if matches!(error, GenesysError::Timeout { .. }) => {
                        GenesysError::DeadlineExceeded {
                            operation: call.operation,
                            attempts,
                        }
                    }
                    _ => error.with_attempts(attempts),
                }),
            }
        }
        .instrument(span)
        .await
    }

    async fn attempt(
        &self,
        call: &ApiCall,
        deadline: Deadline,
    ) -> Attempt<(StatusCode, Bytes), GenesysError> {
        let operation = call.operation;
        // A throttled token endpoint is worth waiting for like a throttled API; other token
        // failures (bad credentials, unknown client) will not fix themselves.
        let token = match self.tokens.token(deadline).await {
            Ok(token) => token,
            Err(error @ GenesysError::Auth(AuthError::RateLimited { retry_after })) => {
                return Attempt::Retry { error, retry_after };
            }
            Err(other) => return Attempt::Fatal(other),
        };
        if let Some(pacer) = &self.pacer {
            pacer.acquire().await;
        }
        let remaining = deadline.remaining();
        if remaining.is_zero() {
            return Attempt::Fatal(GenesysError::DeadlineExceeded {
                operation,
                attempts: 1,
            });
        }
        let mut request = self
            .http
            .request(call.method.clone(), call.url.clone())
            .bearer_auth(token.secret())
            .timeout(remaining.min(self.config.request_timeout));
        if let Some(body) = &call.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let started = Instant::now();
        self.counters.sent();
        let response = match request.send().await {
            Ok(response) => response,
            Err(err) => return self.transport_failure(call, err),
        };
        let status = response.status();
        if let Some(observed) = RateLimitStatus::from_headers(response.headers()) {
            *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner()) = Some(observed);
            if let Some(pacer) = &self.pacer {
                pacer.observe(&observed);
            }
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = match read_capped(response, MAX_API_BODY).await {
            Ok(body) => body,
            Err(BodyError::Transport(err)) => return self.transport_failure(call, err),
            Err(BodyError::TooLarge { limit }) => {
                return Attempt::Fatal(GenesysError::TooLarge {
                    what: operation,
                    limit: format!("{limit} bytes"),
                });
            }
        };
        debug!(
            status = status.as_u16(),
            latency_ms = started.elapsed().as_millis() as u64,
            "genesys answered"
        );
        if status.is_success() {
            return Attempt::Done((status, body));
        }
        let error = GenesysError::from_error_body(operation, status.as_u16(), &body);
        if status == StatusCode::UNAUTHORIZED {
            // Dropped here, so the one more attempt `Again` allows fetches a new token.
            if let Err(invalidate) = self.tokens.invalidate(&token).await {
                warn!(error = %invalidate, "could not invalidate the refused token");
            }
            return Attempt::Again(error);
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            self.counters.throttled();
        }
        if status == StatusCode::TOO_MANY_REQUESTS
            && let Some(pacer) = &self.pacer
        {
            // Tell the pacer first, so every caller sharing it backs off, not just this retry.
            pacer.throttled(retry_after);
        }
        match classify_status(status.as_u16(), call.idempotent) {
            StatusClass::Retryable => Attempt::Retry { error, retry_after },
            StatusClass::Success | StatusClass::Fatal => Attempt::Fatal(error),
        }
    }

    fn transport_failure(
        &self,
        call: &ApiCall,
        err: reqwest::Error,
    ) -> Attempt<(StatusCode, Bytes), GenesysError> {
        let operation = call.operation;
        if err.is_timeout() {
            let error = GenesysError::Timeout {
                operation,
                attempts: 1,
            };
            return if call.idempotent {
                Attempt::Retry {
                    error,
                    retry_after: None,
                }
            } else {
                Attempt::Fatal(error)
            };
        }
        // A refused connection never reached Genesys: safe to retry even when not idempotent.
        if call.idempotent || err.is_connect() {
            return Attempt::Retry {
                error: GenesysError::Network {
                    operation,
                    source: err,
                },
                retry_after: None,
            };
        }
        Attempt::Fatal(GenesysError::Network {
            operation,
            source: err,
        })
    }
}
