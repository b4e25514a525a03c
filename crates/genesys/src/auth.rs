//! OAuth client credentials exactly as Genesys does it: `POST {login}/oauth/token` with HTTP Basic
//! `client_id:client_secret` and the form `grant_type=client_credentials`.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tracing::debug;
use url::Url;

use super::error::AuthError;
use super::retry::{Attempt, Deadline, RetryPolicy, parse_retry_after, with_retries};

/// A bearer token. Cheap to clone; its Debug output never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    value: Arc<str>,
    /// Milliseconds since the Unix epoch.
    expires_at_ms: i64,
    /// When a refresh should start (expiry minus the refresh margin).
    refresh_at_ms: i64,
}

impl AccessToken {
    pub fn new(value: impl Into<Arc<str>>, expires_at_ms: i64, refresh_at_ms: i64) -> Self {
        Self {
            value: value.into(),
            expires_at_ms,
            refresh_at_ms: refresh_at_ms.min(expires_at_ms),
        }
    }

    pub fn secret(&self) -> &str {
        &self.value
    }

    pub fn expires_at_ms(&self) -> i64 {
        self.expires_at_ms
    }

    pub fn refresh_at_ms(&self) -> i64 {
        self.refresh_at_ms
    }

    /// Fresh: no refresh due yet.
    pub fn is_fresh(&self, now_ms: i64) -> bool {
        now_ms < self.refresh_at_ms
    }

    /// Usable: refresh may be due, but the token is valid for at least `skew` more.
    pub fn is_usable(&self, now_ms: i64, skew: Duration) -> bool {
        now_ms.saturating_add(skew.as_millis() as i64) < self.expires_at_ms
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("value", &"[REDACTED]")
            .field("expires_at_ms", &self.expires_at_ms)
            .finish()
    }
}

pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    expires_in: u64,
}

#[derive(Deserialize, Default)]
struct OAuthErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

/// Performs the client-credentials exchange; knows nothing of caching.
pub(crate) struct OAuthClient {
    http: reqwest::Client,
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    policy: RetryPolicy,
    refresh_margin: Duration,
}

impl OAuthClient {
    pub(crate) fn new(
        http: reqwest::Client,
        login_base: &Url,
        client_id: String,
        client_secret: SecretString,
        policy: RetryPolicy,
        refresh_margin: Duration,
    ) -> Result<Self, url::ParseError> {
        Ok(Self {
            http,
            token_url: login_base.join("oauth/token")?,
            client_id,
            client_secret,
            policy,
            refresh_margin,
        })
    }

    pub(crate) fn client_id(&self) -> &str {
        &self.client_id
    }

    pub(crate) fn login_host(&self) -> String {
        let host = self.token_url.host_str().unwrap_or("unknown");
        match self.token_url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    /// Fetches a new token, retrying throttling, 5xx (not 501) and network failures in budget.
    pub(crate) async fn fetch(&self, deadline: Deadline) -> Result<AccessToken, AuthError> {
        with_retries(&self.policy, deadline, "genesys token", |_| async {
            match self.attempt(deadline).await {
                Ok(token) => Attempt::Done(token),
                Err((error, retry_after)) => {
                    let retryable = match &error {
                        AuthError::RateLimited { .. }
                        | AuthError::Network(_)
                        | AuthError::DeadlineExceeded => true,
                        AuthError::Unavailable { status } => *status != 501,
                        _ => false,
                    };
                    if retryable {
                        Attempt::Retry { error, retry_after }
                    } else {
                        Attempt::Fatal(error)
                    }
                }
            }
        })
        .await
        .map_err(|stopped| stopped.into_error())
    }

    async fn attempt(&self, deadline: Deadline) -> Result<AccessToken, (AuthError, Option<Duration>)> {
        let remaining = deadline.remaining();
        if remaining.is_zero() {
            return Err((AuthError::DeadlineExceeded, None));
        }
        let sent_at = now_ms();
        let response = self
            .http
            .post(self.token_url.clone())
            .basic_auth(&self.client_id, Some(self.client_secret.expose_secret()))
            .form(&[("grant_type", "client_credentials")])
            .timeout(remaining)
            .send()
            .await
            .map_err(|e| {
                let error = if e.is_timeout() {
                    AuthError::DeadlineExceeded
                } else {
                    AuthError::Network(e)
                };
                (error, None)
            })?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = response
            .bytes()
            .await
            .map_err(|e| (AuthError::Network(e), None))?;
        if status.is_success() {
            let token: TokenResponse =
                serde_json::from_slice(&body).map_err(|e| (AuthError::Decode(e), None))?;
            if let Some(kind) = token
                .token_type
                .as_deref()
                .filter(|t| !t.eq_ignore_ascii_case("bearer"))
            {
                debug!(
                    token_type = kind,
                    "unexpected token type; using it as a bearer token"
                );
            }
            let lifetime_ms = (token.expires_in.saturating_mul(1000)) as i64;
            // Refresh ahead by the margin, but never before half the lifetime has passed.
            let margin_ms = (self.refresh_margin.as_millis() as i64).min(lifetime_ms / 2);
            let expires_at = sent_at.saturating_add(lifetime_ms);
            return Ok(AccessToken::new(
                token.access_token,
                expires_at,
                expires_at - margin_ms,
            ));
        }
        let parsed: OAuthErrorBody = serde_json::from_slice(&body).unwrap_or_default();
        Err((classify(status, parsed, retry_after), retry_after))
    }
}

fn classify(status: StatusCode, body: OAuthErrorBody, retry_after: Option<Duration>) -> AuthError {
    let error = body.error.unwrap_or_default();
    let description = body
        .error_description
        .or(body.description)
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("no description").to_owned());
    match (status.as_u16(), error.as_str()) {
        (429, _) => AuthError::RateLimited { retry_after },
        (s, _) if s >= 500 => AuthError::Unavailable { status: s },
        (_, "unauthorized_client" | "unsupported_grant_type") => AuthError::GrantNotAllowed { description },
        (400 | 404, "invalid_client") => AuthError::UnknownClient { description },
        (401, "invalid_client" | "") => AuthError::BadCredentials { description },
        (_, "invalid_client") if description.to_ascii_lowercase().contains("not found") => {
            AuthError::UnknownClient { description }
        }
        (s, _) => AuthError::Rejected {
            status: s,
            error,
            description,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(error: &str, description: &str) -> OAuthErrorBody {
        OAuthErrorBody {
            error: Some(error.into()),
            description: Some(description.into()),
            error_description: None,
        }
    }

    #[test]
    fn classifies_token_errors_by_what_to_fix() {
        let unknown = classify(
            StatusCode::BAD_REQUEST,
            body("invalid_client", "client not found"),
            None,
        );
        assert!(matches!(unknown, AuthError::UnknownClient { .. }));
        assert!(unknown.to_string().contains("GENESYS_CLIENT_ID"));
        let bad = classify(
            StatusCode::UNAUTHORIZED,
            body("invalid_client", "authentication failed"),
            None,
        );
        assert!(matches!(bad, AuthError::BadCredentials { .. }));
        assert!(bad.to_string().contains("GENESYS_CLIENT_SECRET"));
        let grant = classify(
            StatusCode::BAD_REQUEST,
            body("unsupported_grant_type", "nope"),
            None,
        );
        assert!(matches!(grant, AuthError::GrantNotAllowed { .. }));
        let limited = classify(
            StatusCode::TOO_MANY_REQUESTS,
            OAuthErrorBody::default(),
            Some(Duration::from_secs(3)),
        );
        assert!(
            matches!(limited, AuthError::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(3))
        );
        assert!(matches!(
            classify(StatusCode::BAD_GATEWAY, OAuthErrorBody::default(), None),
            AuthError::Unavailable { status: 502 }
        ));
    }

    #[test]
    fn tokens_never_print() {
        let token = AccessToken::new("very-secret-token", 10_000, 5_000);
        assert!(!format!("{token:?}").contains("very-secret"));
        assert!(token.is_fresh(4_999) && !token.is_fresh(5_000));
        assert!(token.is_usable(8_000, Duration::from_secs(1)));
        assert!(!token.is_usable(9_500, Duration::from_secs(1)));
    }
}
