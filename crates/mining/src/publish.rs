//! Publishing a trend report: the JSON, the chart and the HTML page to the reports bucket (per run
//! and as `latest`), then the JSON to the dashboard endpoint.
//!
//! A store failure fails the publication (the run's report would be lost); a dashboard failure
//! is only recorded: the report is in S3 and the next run posts a fresh one.

mod dashboard;

use async_trait::async_trait;
use aws_sdk_s3::error::DisplayErrorContext;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::ServerSideEncryption;
use serde::{Deserialize, Serialize};
use tracing::{info, warn};

pub use dashboard::{DashboardClient, DashboardConfig, DashboardDelivery};

use super::report::{ReportError, TrendReport, render_html, render_svg};

pub const JSON_CONTENT_TYPE: &str = "application/json";
pub const SVG_CONTENT_TYPE: &str = "image/svg+xml";
pub const HTML_CONTENT_TYPE: &str = "text/html; charset=utf-8";
/// Header carrying the run id, so a dashboard can drop a repeated delivery.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Render(#[from] ReportError),
    #[error("cannot encode the trend report as JSON: {0}")]
    Encode(String),
    #[error("cannot write {key} to the reports bucket: {reason}")]
    Store { key: String, reason: String },
    #[error("dashboard delivery failed after {attempts} attempt(s): {reason}")]
    Dashboard {
        reason: String,
        attempts: u32,
        status: Option<u16>,
    },
}

/// Where reports are written.
#[async_trait]
pub trait ReportStore: Send + Sync {
    /// Writes `body` under `key`; returns the object's URI (`s3://bucket/key`).
    async fn put(&self, key: &str, content_type: &str, body: Vec<u8>) -> Result<String, PublishError>;
}

/// Reports kept in memory, by key: for the fast test tier and local runs.
#[derive(Debug, Default)]
pub struct MemoryReportStore {
    objects: std::sync::Mutex<std::collections::BTreeMap<String, (String, Vec<u8>)>>,
}

impl MemoryReportStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// The body written under `key`, if any.
    pub fn object(&self, key: &str) -> Option<Vec<u8>> {
        let objects = self
            .objects
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        objects.get(key).map(|(_, body)| body.clone())
    }

    /// Drops the object under `key` (a test's lost write).
    pub fn remove(&self, key: &str) {
        let mut objects = self
            .objects
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        objects.remove(key);
    }

    /// Every key written, in order.
    pub fn keys(&self) -> Vec<String> {
        let objects = self
            .objects
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        objects.keys().cloned().collect()
    }
}

#[async_trait]
impl ReportStore for MemoryReportStore {
    async fn put(&self, key: &str, content_type: &str, body: Vec<u8>) -> Result<String, PublishError> {
        let mut objects = self
            .objects
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        objects.insert(key.to_owned(), (content_type.to_owned(), body));
        Ok(format!("memory://reports/{key}"))
    }
}

/// Server-side encryption of report objects.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ReportEncryption {
    /// SSE-S3 (`AES256`).
    #[default]
    Aes256,
    /// SSE-KMS (`aws:kms`) with the bucket's default key or the given key id / ARN.
    Kms { key_id: Option<String> },
}

/// The reports bucket.
#[derive(Debug, Clone)]
pub struct S3ReportStore {
    client: aws_sdk_s3::Client,
    bucket: String,
    prefix: String,
    encryption: ReportEncryption,
    cache_control: String,
}

impl S3ReportStore {
    /// Objects go to `s3://bucket/prefix/key` (`prefix` may be empty), SSE-S3 encrypted, with
    /// `Cache-Control: no-cache` (the `latest` objects change with every run).
    pub fn new(client: aws_sdk_s3::Client, bucket: String, prefix: String) -> Self {
        let prefix = prefix.trim_matches('/');
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}/")
        };
        Self {
            client,
            bucket,
            prefix,
            encryption: ReportEncryption::default(),
            cache_control: "no-cache".to_string(),
        }
    }

    pub fn with_encryption(mut self, encryption: ReportEncryption) -> Self {
        self.encryption = encryption;
        self
    }

    pub fn with_cache_control(mut self, cache_control: impl Into<String>) -> Self {
        self.cache_control = cache_control.into();
        self
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The object key of a report key (the prefix prepended).
    pub fn object_key(&self, key: &str) -> String {
        format!("{}{}", self.prefix, key.trim_start_matches('/'))
    }
}

#[async_trait]
impl ReportStore for S3ReportStore {
    async fn put(&self, key: &str, content_type: &str, body: Vec<u8>) -> Result<String, PublishError> {
        let object_key = self.object_key(key);
        let mut request = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(&object_key)
            .content_type(content_type)
            .cache_control(&self.cache_control)
            .body(ByteStream::from(body));
        request = match &self.encryption {
            ReportEncryption::Aes256 => request.server_side_encryption(ServerSideEncryption::Aes256),
            ReportEncryption::Kms { key_id } => request
                .server_side_encryption(ServerSideEncryption::AwsKms)
                .set_ssekms_key_id(key_id.clone()),
        };
        request.send().await.map_err(|e| PublishError::Store {
            key: object_key.clone(),
            reason: DisplayErrorContext(&e).to_string(),
        })?;
        Ok(format!("s3://{}/{}", self.bucket, object_key))
    }
}

/// What happened to the dashboard delivery of a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum DashboardOutcome {
    Delivered {
        status: u16,
        attempts: u32,
    },
    /// `reason` names the status or the network failure; never a body or the token.
    Failed {
        reason: String,
        attempts: u32,
    },
    NotConfigured,
}

/// Where a report was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Published {
    /// URIs of the run's objects (`s3://bucket/reports/{to}/{runId}/...`).
    pub json: String,
    pub svg: String,
    pub html: String,
    pub dashboard: DashboardOutcome,
}

/// The folders of a report: `reports/{to}/{runId}/` and `reports/latest/`. Characters of the run
/// id other than ASCII letters, digits, `-` and `_` become `-`, so a run id cannot name another
/// folder (`/`, `..`) or need URL escaping.
pub fn report_folders(report: &TrendReport) -> [String; 2] {
    let run = path_segment(&report.run_id);
    [
        format!("reports/{}/{run}/", report.to),
        "reports/latest/".to_string(),
    ]
}

/// `id` as one path segment of an object key: characters other than ASCII letters, digits and
/// `_` become `-` (no `/`, `..` or URL escaping); an empty id becomes `run`.
pub fn path_segment(id: &str) -> String {
    let segment: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if segment.is_empty() {
        "run".to_string()
    } else {
        segment
    }
}

/// Renders and writes the report (trend.json, trend.svg, index.html) under the run's folder and
/// under `reports/latest/`, then POSTs it to the dashboard when one is configured.
pub async fn publish(
    report: &TrendReport,
    store: &dyn ReportStore,
    dashboard: Option<&DashboardClient>,
) -> Result<Published, PublishError> {
    let json = serde_json::to_vec_pretty(report).map_err(|e| PublishError::Encode(e.to_string()))?;
    let svg = render_svg(report)?;
    let html = render_html(report, &svg);
    let files = [
        ("trend.json", JSON_CONTENT_TYPE, json),
        ("trend.svg", SVG_CONTENT_TYPE, svg.into_bytes()),
        ("index.html", HTML_CONTENT_TYPE, html.into_bytes()),
    ];
    let [run_folder, latest_folder] = report_folders(report);
    let mut uris = Vec::with_capacity(files.len());
    for (name, content_type, body) in &files {
        uris.push(
            store
                .put(&format!("{run_folder}{name}"), content_type, body.clone())
                .await?,
        );
    }
    // `latest` is written after the run's copy, so it never points at a report that is missing.
    for (name, content_type, body) in files {
        store
            .put(&format!("{latest_folder}{name}"), content_type, body)
            .await?;
    }
    info!(run_id = %report.run_id, folder = %run_folder, "trend report written");

    let dashboard = match dashboard {
        None => DashboardOutcome::NotConfigured,
        Some(client) => match client.post(report).await {
            Ok(delivery) => DashboardOutcome::Delivered {
                status: delivery.status,
                attempts: delivery.attempts,
            },
            Err(PublishError::Dashboard { reason, attempts, .. }) => {
                warn!(run_id = %report.run_id, attempts, %reason, "dashboard delivery failed");
                DashboardOutcome::Failed { reason, attempts }
            }
            Err(other) => {
                warn!(run_id = %report.run_id, error = %other, "dashboard delivery failed");
                DashboardOutcome::Failed {
                    reason: other.to_string(),
                    attempts: 0,
                }
            }
        },
    };
    let mut uris = uris.into_iter();
    Ok(Published {
        json: uris.next().unwrap_or_default(),
        svg: uris.next().unwrap_or_default(),
        html: uris.next().unwrap_or_default(),
        dashboard,
    })
}
