//! Analytics conversation details: the response of the synchronous details query, of
//! `GET /api/v2/analytics/conversations/{conversationId}/details` and of async job results.
//!
//! One type, [`AnalyticsConversation`], stands for both `AnalyticsConversation` and
//! `AnalyticsConversationWithoutAttributes` (participant `attributes` is simply absent in the
//! latter). Rarely used, bulky fields (media endpoint stats, evaluations, surveys, ...) are not
//! modelled; unknown fields are ignored.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::MediaType;

/// `purpose` of a participant (also `conversationInitiator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParticipantPurpose {
    Acd,
    Agent,
    Api,
    Botflow,
    Campaign,
    Customer,
    Dialer,
    External,
    Fax,
    Group,
    Inbound,
    Ivr,
    Manual,
    Outbound,
    Station,
    User,
    Voicemail,
    Voicesurveyflow,
    Workflow,
    Other,
    #[serde(other)]
    Unknown,
}

impl ParticipantPurpose {
    /// IVR, bot flow or ACD (queue) — automated, not a person.
    pub fn is_automated(self) -> bool {
        matches!(self, Self::Ivr | Self::Botflow | Self::Acd)
    }

    /// An agent (`agent` or `user`).
    pub fn is_agent(self) -> bool {
        matches!(self, Self::Agent | Self::User)
    }

    /// The customer side (`customer` or `external`).
    pub fn is_customer(self) -> bool {
        matches!(self, Self::Customer | Self::External)
    }
}

/// `direction` / `originatingDirection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
    #[serde(other)]
    Unknown,
}

/// `segmentType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentType {
    Alert,
    Barging,
    Callback,
    Coaching,
    Contacting,
    Converting,
    Delay,
    Dialing,
    Hold,
    Interact,
    Ivr,
    Monitoring,
    Parked,
    Scheduled,
    Screenmonitoring,
    Sharing,
    System,
    Transmitting,
    Uploading,
    Voicemail,
    Wrapup,
    #[serde(other)]
    Unknown,
}

/// `AnalyticsConversationQueryResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsConversationQueryResponse {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversations: Vec<AnalyticsConversation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_hits: Option<i32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aggregations: Vec<AggregationResult>,
}

/// `AggregationResult`; `type` is `termFrequency` or `numericRange`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AggregationResult {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub aggregation_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<AggregationResultEntry>,
}

/// `AggregationResultEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AggregationResultEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lt: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

/// `AnalyticsConversation` / `AnalyticsConversationWithoutAttributes`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsConversation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_start: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_end: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_initiator: Option<ParticipantPurpose>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originating_direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_participation: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub division_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_conversation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_served: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_stats_min_conversation_mos: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub knowledge_base_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<AnalyticsParticipant>,
}

impl AnalyticsConversation {
    /// Every session with the participant it belongs to, in document order.
    pub fn sessions(&self) -> impl Iterator<Item = (&AnalyticsParticipant, &AnalyticsSession)> {
        self.participants
            .iter()
            .flat_map(|p| p.sessions.iter().map(move |s| (p, s)))
    }

    /// The participant and session whose `sessionId` is `session_id` (a communication id).
    pub fn find_session(&self, session_id: &str) -> Option<(&AnalyticsParticipant, &AnalyticsSession)> {
        self.sessions()
            .find(|(_, s)| s.session_id.as_deref() == Some(session_id))
    }

    /// The first known media type among the sessions.
    pub fn media_type(&self) -> Option<MediaType> {
        self.sessions()
            .filter_map(|(_, s)| s.media_type)
            .find(|m| *m != MediaType::Unknown)
    }
}

/// `AnalyticsParticipant` (with or without `attributes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsParticipant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<ParticipantPurpose>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_organization_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<AnalyticsSession>,
}

/// `AnalyticsSession` (a communication; its `sessionId` is the `communicationId` of the
/// transcript endpoints).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsSession {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<MediaType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ani: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_assistant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<AnalyticsConversationSegment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<AnalyticsSessionMetric>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<AnalyticsFlow>,
}

impl AnalyticsSession {
    /// Earliest segment start and latest segment end (`None` ends mean "still open").
    pub fn span(&self) -> Option<(DateTime<Utc>, Option<DateTime<Utc>>)> {
        let start = self.segments.iter().filter_map(|s| s.segment_start).min()?;
        let end = if self.segments.iter().any(|s| s.segment_end.is_none()) {
            None
        } else {
            self.segments.iter().filter_map(|s| s.segment_end).max()
        };
        Some((start, end))
    }
}

/// `AnalyticsConversationSegment`. `disconnectType` is a long enum: a string.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsConversationSegment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_start: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_end: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_type: Option<SegmentType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_language_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap_up_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap_up_note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wrap_up_tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conference: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
}

/// `AnalyticsSessionMetric`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsSessionMetric {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emit_date: Option<DateTime<Utc>>,
}

/// `AnalyticsFlow` (IVR / bot flow of a session). `flowType`, `entryType` are kept as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsFlow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_target_name: Option<String>,
}
