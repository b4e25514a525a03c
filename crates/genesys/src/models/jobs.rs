//! Async analytics details jobs (`/api/v2/analytics/conversations/details/jobs`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::analytics::AnalyticsConversation;
use super::common::MediaType;
use super::interval::{Interval, IntervalError};
use super::query::{ConversationDetailQueryFilter, Order, OrderBy, SegmentDetailQueryFilter};

/// `AsyncConversationQuery`: the body of `POST .../details/jobs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AsyncConversationQuery {
    pub interval: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversation_filters: Vec<ConversationDetailQueryFilter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segment_filters: Vec<SegmentDetailQueryFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Order>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_by: Option<OrderBy>,
    /// Maximum number of conversations per results page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_of_day_interval_matching: Option<bool>,
}

impl AsyncConversationQuery {
    pub fn new(interval: Interval) -> Self {
        Self {
            interval: interval.to_string(),
            conversation_filters: Vec::new(),
            segment_filters: Vec::new(),
            order: None,
            order_by: None,
            limit: None,
            start_of_day_interval_matching: None,
        }
    }

    /// A job over `[start, end)`; rejects `end <= start`.
    pub fn for_interval(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, IntervalError> {
        Interval::new(start, end).map(Self::new)
    }

    /// Only conversations with a segment of one of `media_types` (no-op for an empty slice).
    pub fn with_media_types(mut self, media_types: &[MediaType]) -> Self {
        self.segment_filters
            .extend(SegmentDetailQueryFilter::media_types(media_types));
        self
    }

    /// Only the conversations in `ids` (no-op for an empty slice).
    pub fn with_conversation_ids<S: AsRef<str>>(mut self, ids: &[S]) -> Self {
        self.conversation_filters
            .extend(ConversationDetailQueryFilter::conversation_ids(ids));
        self
    }

    pub fn ordered(mut self, order: Order, order_by: OrderBy) -> Self {
        self.order = Some(order);
        self.order_by = Some(order_by);
        self
    }

    pub fn with_limit(mut self, limit: i32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// `AsyncQueryResponse`: the answer to `POST .../details/jobs`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AsyncQueryResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
}

/// `state` of an async job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum JobState {
    Queued,
    Pending,
    Failed,
    Cancelled,
    Fulfilled,
    Expired,
    #[serde(other)]
    Unknown,
}

impl JobState {
    /// The job will not change state any more. `Unknown` is treated as still running: the
    /// poller's own deadline bounds it.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Failed | Self::Cancelled | Self::Fulfilled | Self::Expired
        )
    }

    /// Results can be fetched.
    pub fn is_success(self) -> bool {
        self == Self::Fulfilled
    }
}

/// `AsyncQueryStatus`: the answer to `GET .../details/jobs/{jobId}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AsyncQueryStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<JobState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_date: Option<DateTime<Utc>>,
}

/// `AnalyticsConversationAsyncQueryResponse`: one page of job results; `cursor` asks for the
/// next page and is absent on the last one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsConversationAsyncQueryResponse {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversations: Vec<AnalyticsConversation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_availability_date: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_states_parse_and_classify() {
        let cases = [
            ("QUEUED", JobState::Queued, false),
            ("PENDING", JobState::Pending, false),
            ("FAILED", JobState::Failed, true),
            ("CANCELLED", JobState::Cancelled, true),
            ("FULFILLED", JobState::Fulfilled, true),
            ("EXPIRED", JobState::Expired, true),
            ("THINKING", JobState::Unknown, false),
        ];
        for (wire, state, terminal) in cases {
            let parsed: JobState = serde_json::from_value(serde_json::json!(wire)).unwrap();
            assert_eq!(parsed, state, "{wire}");
            assert_eq!(parsed.is_terminal(), terminal, "{wire}");
        }
        assert!(JobState::Fulfilled.is_success());
        assert!(!JobState::Failed.is_success());
        assert_eq!(serde_json::to_value(JobState::Fulfilled).unwrap(), "FULFILLED");
    }

    #[test]
    fn status_parses_dates() {
        let s: AsyncQueryStatus = serde_json::from_str(
            r#"{"state":"FULFILLED","submissionDate":"2024-05-01T00:00:00Z",
                "completionDate":"2024-05-01T00:01:00.123Z","expirationDate":"2024-05-03T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(s.state, Some(JobState::Fulfilled));
        assert_eq!(
            s.completion_date.unwrap().timestamp_millis() - s.submission_date.unwrap().timestamp_millis(),
            60_123
        );
    }
}
