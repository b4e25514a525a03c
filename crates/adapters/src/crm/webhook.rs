//! The signed webhook target: one HTTPS POST of the versioned summary document per delivery, with
//! `Idempotency-Key` and `Wrapup-Signature`. One attempt per call: retries are the queue's, so a
//! slow CRM never holds a Lambda longer than the webhook timeout.

use std::time::{Duration, Instant};

use async_trait::async_trait;
use reqwest::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use tracing::debug;
use url::Url;

use super::config::WebhookConfig;
use super::data_action::elapsed_ms;
use super::{CrmError, CrmTarget, Delivery, TargetBuildError, TargetKind, Written};
use crate::queue::CrmSyncMessage;
use wrapup_core::retry::{StatusClass, classify_status, parse_retry_after};
use wrapup_core::summary::{Provenance, Summary};
use wrapup_genesys::secrets::SecretSource;

mod signature;

pub use signature::{DEFAULT_TOLERANCE, SIGNATURE_HEADER, SignatureError, sign, signature_header, verify};

/// The receiver de-duplicates by this header (`<idempotencyKey>.<auditId>`).
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";
/// `version` of the document; a receiver refuses versions it does not know.
pub const DOCUMENT_VERSION: u32 = 1;

const TARGET: &str = "webhook";

/// The body of every webhook POST.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDocument<'a> {
    pub version: u32,
    pub delivery_key: String,
    pub idempotency_key: &'a str,
    pub audit_id: &'a str,
    pub conversation_id: &'a str,
    pub case_id: &'a str,
    pub summary: &'a Summary,
    pub source: &'a Provenance,
    pub created_at: &'a str,
}

impl<'a> WebhookDocument<'a> {
    pub fn new(message: &'a CrmSyncMessage, delivery_key: String) -> Self {
        Self {
            version: DOCUMENT_VERSION,
            delivery_key,
            idempotency_key: &message.idempotency_key,
            audit_id: &message.audit_id,
            conversation_id: &message.conversation_id,
            case_id: &message.case_id,
            summary: &message.summary,
            source: &message.source,
            created_at: &message.created_at,
        }
    }
}

pub struct WebhookTarget {
    http: reqwest::Client,
    url: Url,
    secret: SecretString,
    timeout: Duration,
}

impl WebhookTarget {
    /// Builds the one HTTP client of this target; refuses a secret still in Secrets Manager
    /// (`CrmConfig::resolve_secrets` first).
    pub fn new(config: WebhookConfig) -> Result<Self, TargetBuildError> {
        let SecretSource::Value(secret) = config.secret else {
            return Err(TargetBuildError::UnresolvedSecret);
        };
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .timeout(config.timeout)
            .pool_idle_timeout(Duration::from_secs(50))
            // A redirect would re-send (or drop) the signed body somewhere else: refuse it.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("wrapup/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| TargetBuildError::HttpClient(e.without_url().to_string()))?;
        Ok(Self {
            http,
            url: config.url,
            secret,
            timeout: config.timeout,
        })
    }

    fn retryable(status: Option<u16>, retry_after: Option<Duration>, reason: String) -> CrmError {
        CrmError::Retryable {
            target: TARGET,
            status,
            retry_after,
            reason,
        }
    }

    fn permanent(status: Option<u16>, reason: String) -> CrmError {
        CrmError::Permanent {
            target: TARGET,
            status,
            reason,
        }
    }

    fn transport_failure(&self, error: reqwest::Error, timeout: Duration) -> CrmError {
        if error.is_timeout() {
            return Self::retryable(
                None,
                None,
                format!("the CRM webhook did not answer within {timeout:?}"),
            );
        }
        if error.is_connect() {
            return Self::retryable(None, None, "the CRM webhook could not be reached".into());
        }
        // without_url: the URL may carry a token in its query.
        Self::retryable(
            None,
            None,
            format!("the CRM webhook request failed: {}", error.without_url()),
        )
    }
}

#[async_trait]
impl CrmTarget for WebhookTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::Webhook
    }

    async fn write(&self, delivery: &Delivery<'_>) -> Result<Written, CrmError> {
        let key = delivery.key();
        let key_header = HeaderValue::from_str(&key)
            .map_err(|_| Self::permanent(None, "the delivery key is not a valid header value".into()))?;
        let body = serde_json::to_vec(&WebhookDocument::new(delivery.message, key))
            .map_err(|e| Self::permanent(None, format!("the summary document cannot be encoded: {e}")))?;
        let timeout = self.timeout.min(delivery.deadline.remaining());
        if timeout.is_zero() {
            return Err(Self::retryable(
                None,
                None,
                "no time left before the deadline".into(),
            ));
        }
        let timestamp = chrono::Utc::now().timestamp();
        let signature = signature_header(self.secret.expose_secret().as_bytes(), timestamp, &body);
        let started = Instant::now();
        let response = self
            .http
            .post(self.url.clone())
            .timeout(timeout)
            .header(CONTENT_TYPE, "application/json")
            .header(IDEMPOTENCY_KEY_HEADER, key_header)
            .header(SIGNATURE_HEADER, signature)
            .body(body)
            .send()
            .await
            .map_err(|e| self.transport_failure(e, timeout))?;
        let latency_ms = elapsed_ms(started);
        let status = response.status().as_u16();
        debug!(status, latency_ms, "CRM webhook answered");
        if response.status().is_success() {
            return Ok(Written {
                http_status: status,
                latency_ms,
            });
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        // The body is not read: a CRM error page may echo the summary back.
        let reason = format!("the CRM webhook answered HTTP {status}");
        // The receiver de-duplicates by Idempotency-Key: a repeat is safe.
        match classify_status(status, true) {
            StatusClass::Retryable => Err(Self::retryable(Some(status), retry_after, reason)),
            StatusClass::Success | StatusClass::Fatal => Err(Self::permanent(Some(status), reason)),
        }
    }
}
