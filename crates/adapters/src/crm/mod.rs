//! CRM targets: where crm-sync writes a verified summary. Each target is a small trait object;
//! the crm-sync function makes each write exactly once per (delivery, target).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::queue::CrmSyncMessage;
use wrapup_genesys::{Deadline, GenesysApi};

pub mod config;
pub mod data_action;
mod genesys_failure;
pub mod mapping;
pub mod participant;
pub mod webhook;

pub use config::CrmConfig;
pub use data_action::DataActionTarget;
pub use participant::ParticipantAttributesTarget;
pub use webhook::WebhookTarget;

/// The kinds of target a deployment can configure (one or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TargetKind {
    /// `POST /api/v2/integrations/actions/{actionId}/execute` (Salesforce, ServiceNow, ...).
    DataAction,
    /// A signed HTTPS POST of the summary document to the CRM.
    Webhook,
    /// `PATCH /api/v2/conversations/{id}/participants/{participantId}/attributes`.
    ParticipantAttributes,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::DataAction => "dataAction",
            TargetKind::Webhook => "webhook",
            TargetKind::ParticipantAttributes => "participantAttributes",
        }
    }
}

/// One delivery of a crm-sync message: the same (`idempotencyKey`, `auditId`) is the same
/// delivery however often SQS hands it over.
pub struct Delivery<'a> {
    pub message: &'a CrmSyncMessage,
    pub deadline: Deadline,
}

impl Delivery<'_> {
    /// The key a receiver de-duplicates by (`Idempotency-Key` header, Data Action input), and
    /// crm-sync claims each write under: derived from the request (its key and forced
    /// generation), not from an attempt.
    pub fn key(&self) -> String {
        delivery_key(self.message)
    }
}

/// [`Delivery::key`] of a message.
pub fn delivery_key(message: &CrmSyncMessage) -> String {
    match message.generation {
        Some(generation) => format!("{}.g{generation}", message.idempotency_key),
        None => format!("{}.{}", message.idempotency_key, message.audit_id),
    }
}

/// A write that happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Written {
    pub http_status: u16,
    pub latency_ms: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum CrmError {
    /// Worth retrying later (429, 5xx, timeouts, network): the message comes back after a
    /// growing visibility timeout, at least `retry_after` when the target said so.
    #[error("{target} write failed, will retry: {reason}")]
    Retryable {
        target: &'static str,
        status: Option<u16>,
        retry_after: Option<Duration>,
        reason: String,
    },
    /// Will never succeed as it is (4xx other than 429, mapping errors): dead-lettered at once.
    #[error("{target} write failed permanently: {reason}")]
    Permanent {
        target: &'static str,
        status: Option<u16>,
        reason: String,
    },
}

impl CrmError {
    pub fn status(&self) -> Option<u16> {
        match self {
            CrmError::Retryable { status, .. } | CrmError::Permanent { status, .. } => *status,
        }
    }
}

#[async_trait]
pub trait CrmTarget: Send + Sync {
    fn kind(&self) -> TargetKind;
    async fn write(&self, delivery: &Delivery<'_>) -> Result<Written, CrmError>;
}

/// Why the targets could not be built at cold start.
#[derive(Debug, thiserror::Error)]
pub enum TargetBuildError {
    #[error(
        "the CRM webhook secret is still a Secrets Manager reference: call CrmConfig::resolve_secrets first"
    )]
    UnresolvedSecret,
    #[error("the CRM webhook HTTP client cannot be built: {0}")]
    HttpClient(String),
}

/// One target per configured kind, in [`CrmConfig::kinds`] order; the Genesys targets share
/// `genesys` (its token cache and connection pool).
pub fn build_targets(
    config: &CrmConfig,
    genesys: &Arc<dyn GenesysApi>,
) -> Result<Vec<Arc<dyn CrmTarget>>, TargetBuildError> {
    let mut targets: Vec<Arc<dyn CrmTarget>> = Vec::new();
    if let Some(data_action) = &config.data_action {
        targets.push(Arc::new(DataActionTarget::new(
            Arc::clone(genesys),
            data_action.clone(),
        )));
    }
    if let Some(webhook) = &config.webhook {
        targets.push(Arc::new(WebhookTarget::new(webhook.clone())?));
    }
    if let Some(attributes) = &config.participant_attributes {
        targets.push(Arc::new(ParticipantAttributesTarget::new(
            Arc::clone(genesys),
            attributes.clone(),
        )));
    }
    Ok(targets)
}
