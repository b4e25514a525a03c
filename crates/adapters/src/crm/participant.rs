//! The participant-attributes target: the summary written back onto the conversation
//! (`PATCH .../participants/{participantId}/attributes`), where agents and supervisors see it.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use tracing::debug;

use super::config::ParticipantAttributesConfig;
use super::data_action::elapsed_ms;
use super::genesys_failure::crm_error;
use super::mapping::{cap_chars, confidence_number, join_action_items};
use super::{CrmError, CrmTarget, Delivery, TargetKind, Written};
use crate::queue::CrmSyncMessage;
use wrapup_core::ids::ConversationId;
use wrapup_genesys::GenesysApi;
use wrapup_genesys::models::{AnalyticsConversation, ParticipantAttributes};

/// Longest attribute value written; longer values are cut on a char boundary.
pub const MAX_ATTRIBUTE_CHARS: usize = 2_000;

/// Genesys answers a participant-attributes PATCH with 202 Accepted.
const PATCH_STATUS: u16 = 202;

pub struct ParticipantAttributesTarget {
    client: Arc<dyn GenesysApi>,
    prefix: String,
}

impl ParticipantAttributesTarget {
    pub fn new(client: Arc<dyn GenesysApi>, config: ParticipantAttributesConfig) -> Self {
        Self {
            client,
            prefix: config.prefix,
        }
    }

    /// `<prefix>summary`, `actionItems`, `sentiment`, `confidence`, `caseId`, `auditId`.
    pub fn attributes(&self, message: &CrmSyncMessage) -> ParticipantAttributes {
        let summary = &message.summary;
        let confidence = confidence_number(summary.confidence)
            .map(|n| n.to_string())
            .unwrap_or_default();
        let values = [
            ("summary", summary.executive_summary.clone()),
            ("actionItems", join_action_items(&summary.action_items)),
            ("sentiment", summary.customer_sentiment.as_str().to_owned()),
            ("confidence", confidence),
            ("caseId", message.case_id.clone()),
            ("auditId", message.audit_id.clone()),
        ];
        values
            .into_iter()
            .map(|(name, value)| {
                (
                    format!("{}{name}", self.prefix),
                    cap_chars(&value, MAX_ATTRIBUTE_CHARS).to_owned(),
                )
            })
            .collect()
    }

    fn failure(reason: String) -> CrmError {
        CrmError::Permanent {
            target: TargetKind::ParticipantAttributes.as_str(),
            status: None,
            reason,
        }
    }
}

/// The participant whose attributes carry the summary: the customer, else the first agent.
pub fn participant_to_write(conversation: &AnalyticsConversation) -> Option<&str> {
    let with_purpose = |is: fn(wrapup_genesys::models::ParticipantPurpose) -> bool| {
        conversation.participants.iter().find_map(|p| {
            p.purpose
                .filter(|purpose| is(*purpose))
                .and(p.participant_id.as_deref())
        })
    };
    with_purpose(|p| p.is_customer()).or_else(|| with_purpose(|p| p.is_agent()))
}

#[async_trait]
impl CrmTarget for ParticipantAttributesTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::ParticipantAttributes
    }

    async fn write(&self, delivery: &Delivery<'_>) -> Result<Written, CrmError> {
        let message = delivery.message;
        let id = ConversationId::parse(&message.conversation_id).map_err(|e| Self::failure(e.to_string()))?;
        let client = self.client.with_deadline(delivery.deadline);
        let started = Instant::now();
        let conversation = client.conversation_details(&id).await.map_err(|error| {
            if error.is_not_found() {
                CrmError::Permanent {
                    target: TargetKind::ParticipantAttributes.as_str(),
                    status: Some(404),
                    reason: format!(
                        "Genesys does not know conversation {id} [contextId {}]",
                        error.context_id().unwrap_or("none")
                    ),
                }
            } else {
                crm_error(TargetKind::ParticipantAttributes, &error)
            }
        })?;
        let participant_id = participant_to_write(&conversation).ok_or_else(|| {
            Self::failure(format!("conversation {id} has no customer or agent participant"))
        })?;
        client
            .patch_participant_attributes(&id, participant_id, &self.attributes(message))
            .await
            .map_err(|error| crm_error(TargetKind::ParticipantAttributes, &error))?;
        let latency_ms = elapsed_ms(started);
        debug!(conversation_id = %id, participant_id, latency_ms, "participant attributes written");
        Ok(Written {
            http_status: PATCH_STATUS,
            latency_ms,
        })
    }
}
