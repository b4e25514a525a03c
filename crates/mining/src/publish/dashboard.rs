//! The dashboard endpoint: one POST of the report JSON, retried on 408, 429, 5xx (not 501),
//! timeouts and network errors with the Genesys client's jittered backoff, honouring
//! `Retry-After`. Logs carry statuses and attempts only: never the body or the token.

use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use tracing::info;
use url::Url;

use super::{IDEMPOTENCY_KEY_HEADER, JSON_CONTENT_TYPE, PublishError};
use crate::report::TrendReport;
use wrapup_core::retry::{
    Attempt, GiveUp, RetryPolicy, StatusClass, Stopped, classify_status, parse_retry_after, with_retries,
};
use wrapup_genesys::Deadline;

const RETRY_BASE_DELAY: Duration = Duration::from_millis(250);
const RETRY_MAX_DELAY: Duration = Duration::from_secs(5);
/// Time for waits between attempts on top of the attempts themselves: a `Retry-After` longer
/// than what is left is not waited for.
const WAIT_BUDGET: Duration = Duration::from_secs(30);

/// Where and how to POST reports.
#[derive(Debug, Clone)]
pub struct DashboardConfig {
    pub url: Url,
    pub token: SecretString,
    /// Per attempt.
    pub timeout: Duration,
    /// Attempts, the first included.
    pub max_attempts: u32,
}

/// A report the dashboard accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DashboardDelivery {
    pub status: u16,
    pub attempts: u32,
}

/// POSTs reports to the dashboard, retrying 408, 429, 5xx (not 501), timeouts and network errors
/// with the Genesys client's jittered backoff, honouring `Retry-After`.
#[derive(Debug, Clone)]
pub struct DashboardClient {
    http: reqwest::Client,
    config: DashboardConfig,
    policy: RetryPolicy,
}

/// Why one attempt did not deliver the report.
#[derive(Debug)]
struct Failed {
    reason: String,
    status: Option<u16>,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl DashboardClient {
    pub fn new(http: reqwest::Client, config: DashboardConfig) -> Self {
        let policy = policy(config.max_attempts, RETRY_BASE_DELAY, RETRY_MAX_DELAY);
        Self { http, config, policy }
    }

    /// Overrides the backoff schedule used when the dashboard sends no `Retry-After`.
    pub fn with_retry_delays(mut self, base: Duration, max: Duration) -> Self {
        self.policy = policy(self.config.max_attempts, base, max);
        self
    }

    /// POSTs `report` within a budget of every attempt's timeout plus 30 s of waiting.
    pub async fn post(&self, report: &TrendReport) -> Result<DashboardDelivery, PublishError> {
        let attempts = self.config.max_attempts.max(1);
        let budget = self
            .config
            .timeout
            .saturating_mul(attempts)
            .saturating_add(WAIT_BUDGET);
        self.post_within(report, Deadline::after(budget)).await
    }

    /// POSTs `report`; no wait is started that would end after `deadline`.
    pub async fn post_within(
        &self,
        report: &TrendReport,
        deadline: Deadline,
    ) -> Result<DashboardDelivery, PublishError> {
        let failed = |reason: String, attempts: u32, status: Option<u16>| PublishError::Dashboard {
            reason,
            attempts,
            status,
        };
        let idempotency_key = HeaderValue::from_str(&report.run_id)
            .map_err(|_| failed("the run id is not a valid Idempotency-Key header".into(), 0, None))?;
        let body = serde_json::to_vec(report).map_err(|e| PublishError::Encode(e.to_string()))?;
        let body = Bytes::from(body);
        let (body, key) = (&body, &idempotency_key);
        // POSTs carry the run id as Idempotency-Key: safe to repeat.
        let outcome = with_retries(&self.policy, deadline, "dashboard", |attempts| async move {
            self.attempt(body, key).await.map(|status| (status, attempts))
        })
        .await;
        match outcome {
            Ok((status, attempts)) => {
                info!(run_id = %report.run_id, status, attempts, "dashboard accepted the report");
                Ok(DashboardDelivery { status, attempts })
            }
            Err(Stopped::GaveUp {
                error,
                attempts,
                why: GiveUp::OverBudget { wait, remaining },
                ..
            }) => {
                let reason = format!(
                    "{}; the next attempt in {} ms would not fit in the remaining {} ms",
                    error.reason,
                    wait.as_millis(),
                    remaining.as_millis()
                );
                Err(failed(reason, attempts, error.status))
            }
            Err(stopped) => {
                let attempts = stopped.attempts();
                let error = stopped.into_error();
                Err(failed(error.reason, attempts, error.status))
            }
        }
    }

    async fn attempt(&self, body: &Bytes, idempotency_key: &HeaderValue) -> Attempt<u16, Failed> {
        let sent = self
            .http
            .post(self.config.url.clone())
            .timeout(self.config.timeout)
            .header(CONTENT_TYPE, JSON_CONTENT_TYPE)
            .header(IDEMPOTENCY_KEY_HEADER, idempotency_key.clone())
            // reqwest marks the header sensitive, so it is never printed.
            .bearer_auth(self.config.token.expose_secret())
            .body(body.clone())
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => return self.transport_failure(error),
        };
        let status = response.status();
        if status.is_success() {
            return Attempt::Done(status.as_u16());
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        // The body is not read into the reason: an error page may echo the request.
        let mut reason = format!("the dashboard answered HTTP {}", status.as_u16());
        if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
            reason.push_str(" (check the dashboard token)");
        }
        let error = Failed {
            reason,
            status: Some(status.as_u16()),
        };
        // The run id is the Idempotency-Key: a repeated POST is safe.
        match classify_status(status.as_u16(), true) {
            StatusClass::Retryable => Attempt::Retry { error, retry_after },
            StatusClass::Success | StatusClass::Fatal => Attempt::Fatal(error),
        }
    }

    fn transport_failure(&self, error: reqwest::Error) -> Attempt<u16, Failed> {
        let retry = |reason: String| Attempt::Retry {
            error: Failed { reason, status: None },
            retry_after: None,
        };
        if error.is_timeout() {
            retry(format!(
                "the dashboard did not answer within {} ms",
                self.config.timeout.as_millis()
            ))
        } else if error.is_connect() {
            retry("cannot connect to the dashboard".to_string())
        } else if error.is_request() || error.is_body() {
            retry(format!(
                "the request to the dashboard failed: {}",
                error.without_url()
            ))
        } else {
            Attempt::Fatal(Failed {
                reason: format!("cannot send the report to the dashboard: {}", error.without_url()),
                status: None,
            })
        }
    }
}

fn policy(max_attempts: u32, base: Duration, max: Duration) -> RetryPolicy {
    RetryPolicy::new(max_attempts, base, max)
}
