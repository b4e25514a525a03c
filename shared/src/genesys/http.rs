//! The one HTTP layer every Genesys API call goes through: bearer token from the cache, deadline
//! budget, retries (429 honouring `Retry-After`; 5xx except 501, timeouts and network errors for
//! idempotent calls), one 401 -> invalidate -> retry, rate-limit headers, optional pacing.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tracing::{Instrument, debug, info_span, warn};
use url::Url;

use super::error::{AuthError, GenesysError};
use super::ratelimit::{RateLimitStatus, RequestPacer};
use super::retry::{Deadline, GiveUp, RetryPolicy, parse_retry_after};
use super::token_cache::TokenCache;
use crate::config::HttpConfig;

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
}

/// What one attempt ended with, when it did not succeed.
enum Failure {
    /// Worth another attempt, after `retry_after` when the server said so.
    Retry {
        error: GenesysError,
        retry_after: Option<Duration>,
    },
    /// The token was refused: invalidate it and try once more.
    Unauthorized {
        error: GenesysError,
    },
    Fatal(GenesysError),
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
        serde_json::from_slice(&body).map_err(|source| GenesysError::Decode { operation, source })
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
            let mut backoff = self.policy.start(deadline);
            let mut reauthorized = false;
            loop {
                let outcome = self.attempt(&call, deadline).await;
                let (error, retry_after) = match outcome {
                    Ok((status, body)) => {
                        tracing::Span::current().record("status", status.as_u16()).record("attempts", backoff.attempts());
                        return Ok((status, body));
                    }
                    Err(Failure::Fatal(error)) => return Err(error),
                    Err(Failure::Unauthorized { error }) if reauthorized => return Err(error),
                    Err(Failure::Unauthorized { .. }) => {
                        // The token was invalidated in attempt(); one more try with a new one.
                        reauthorized = true;
                        continue;
                    }
                    Err(Failure::Retry { error, retry_after }) => (error, retry_after),
                };
                match backoff.next_wait(retry_after) {
                    Ok(wait) => {
                        warn!(attempt = backoff.attempts(), wait_ms = wait.as_millis() as u64, error = %error, "retrying Genesys call");
                        tokio::time::sleep(wait).await;
                    }
                    Err(GiveUp::OverBudget { wait, remaining }) if retry_after.is_some() && error.status() == Some(429) => {
                        return Err(GenesysError::RateLimited {
                            operation: call.operation,
                            retry_after: wait,
                            remaining,
                            context_id: error.context_id().map(str::to_owned),
                        });
                    }
                    Err(GiveUp::OverBudget { .. }) if matches!(error, GenesysError::Timeout { .. }) => {
                        return Err(GenesysError::DeadlineExceeded { operation: call.operation, attempts: backoff.attempts() });
                    }
                    Err(_) => return Err(error.with_attempts(backoff.attempts())),
                }
            }
        }
        .instrument(span)
        .await
    }

    async fn attempt(&self, call: &ApiCall, deadline: Deadline) -> Result<(StatusCode, Bytes), Failure> {
        let operation = call.operation;
        // A throttled token endpoint is worth waiting for like a throttled API; other token
        // failures (bad credentials, unknown client) will not fix themselves.
        let token = self.tokens.token(deadline).await.map_err(|error| match error {
            GenesysError::Auth(AuthError::RateLimited { retry_after }) => {
                Failure::Retry { error, retry_after }
            }
            other => Failure::Fatal(other),
        })?;
        if let Some(pacer) = &self.pacer {
            pacer.acquire().await;
        }
        let remaining = deadline.remaining();
        if remaining.is_zero() {
            return Err(Failure::Fatal(GenesysError::DeadlineExceeded {
                operation,
                attempts: 1,
            }));
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
        let response = match request.send().await {
            Ok(response) => response,
            Err(err) => return Err(self.transport_failure(call, err)),
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
        let body = match response.bytes().await {
            Ok(body) => body,
            Err(err) => return Err(self.transport_failure(call, err)),
        };
        debug!(
            status = status.as_u16(),
            latency_ms = started.elapsed().as_millis() as u64,
            "genesys answered"
        );
        if status.is_success() {
            return Ok((status, body));
        }
        let error = GenesysError::from_error_body(operation, status.as_u16(), &body);
        match status.as_u16() {
            401 => {
                if let Err(invalidate) = self.tokens.invalidate(&token).await {
                    warn!(error = %invalidate, "could not invalidate the refused token");
                }
                Err(Failure::Unauthorized { error })
            }
            429 => {
                // Tell the pacer first, so every caller sharing it backs off, not just this retry.
                if let Some(pacer) = &self.pacer {
                    pacer.throttled(retry_after);
                }
                Err(Failure::Retry { error, retry_after })
            }
            501 => Err(Failure::Fatal(error)),
            s if s >= 500 && call.idempotent => Err(Failure::Retry { error, retry_after }),
            _ => Err(Failure::Fatal(error)),
        }
    }

    fn transport_failure(&self, call: &ApiCall, err: reqwest::Error) -> Failure {
        let operation = call.operation;
        if err.is_timeout() {
            let error = GenesysError::Timeout {
                operation,
                attempts: 1,
            };
            return if call.idempotent {
                Failure::Retry {
                    error,
                    retry_after: None,
                }
            } else {
                Failure::Fatal(error)
            };
        }
        // A refused connection never reached Genesys: safe to retry even when not idempotent.
        if call.idempotent || err.is_connect() {
            return Failure::Retry {
                error: GenesysError::Network {
                    operation,
                    source: err,
                },
                retry_after: None,
            };
        }
        Failure::Fatal(GenesysError::Network {
            operation,
            source: err,
        })
    }
}
