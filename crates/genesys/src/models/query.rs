//! Analytics conversation-detail query bodies: `ConversationQuery`
//! (`POST /api/v2/analytics/conversations/details/query`) and the filters it shares with
//! `AsyncConversationQuery` (see [`super::jobs`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::MediaType;
use super::interval::{Interval, IntervalError};

/// `order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    Desc,
    Unordered,
    #[serde(other)]
    Unknown,
}

/// `orderBy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OrderBy {
    ConversationStart,
    ConversationEnd,
    SegmentStart,
    SegmentEnd,
    #[serde(other)]
    Unknown,
}

/// `type` of a filter or clause: how its predicates combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterType {
    And,
    Or,
    #[serde(other)]
    Unknown,
}

/// `type` of a predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PredicateType {
    Dimension,
    Property,
    Metric,
    #[serde(other)]
    Unknown,
}

/// `operator` of a predicate (absent means `matches`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PredicateOperator {
    Matches,
    Exists,
    NotExists,
    #[serde(other)]
    Unknown,
}

/// `NumericRange`, for metric predicates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NumericRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gt: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lt: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lte: Option<f64>,
}

/// `PagingSpec` (`pageNumber` starts at 1; Genesys caps `pageSize` at 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PagingSpec {
    pub page_size: i32,
    pub page_number: i32,
}

/// `ConversationDetailQueryPredicate`. `dimension` and `metric` are long enums: strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationDetailQueryPredicate {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub predicate_type: Option<PredicateType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<PredicateOperator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<NumericRange>,
}

impl ConversationDetailQueryPredicate {
    /// `dimension == value`.
    pub fn dimension(dimension: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            predicate_type: Some(PredicateType::Dimension),
            dimension: Some(dimension.into()),
            operator: Some(PredicateOperator::Matches),
            value: Some(value.into()),
            ..Self::default()
        }
    }
}

/// `ConversationDetailQueryClause`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationDetailQueryClause {
    #[serde(rename = "type")]
    pub clause_type: FilterType,
    #[serde(default)]
    pub predicates: Vec<ConversationDetailQueryPredicate>,
}

/// `ConversationDetailQueryFilter`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationDetailQueryFilter {
    #[serde(rename = "type")]
    pub filter_type: FilterType,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<ConversationDetailQueryClause>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predicates: Vec<ConversationDetailQueryPredicate>,
}

impl ConversationDetailQueryFilter {
    /// `conversationId` is any of `ids`; `None` when `ids` is empty.
    pub fn conversation_ids<S: AsRef<str>>(ids: &[S]) -> Option<Self> {
        (!ids.is_empty()).then(|| Self {
            filter_type: FilterType::Or,
            clauses: Vec::new(),
            predicates: ids
                .iter()
                .map(|id| ConversationDetailQueryPredicate::dimension("conversationId", id.as_ref()))
                .collect(),
        })
    }
}

/// `SegmentDetailQueryPredicate`. `dimension` is a long, growing enum: a string.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentDetailQueryPredicate {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub predicate_type: Option<PredicateType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<PredicateOperator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<NumericRange>,
}

impl SegmentDetailQueryPredicate {
    /// `dimension == value`.
    pub fn dimension(dimension: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            predicate_type: Some(PredicateType::Dimension),
            dimension: Some(dimension.into()),
            operator: Some(PredicateOperator::Matches),
            value: Some(value.into()),
            ..Self::default()
        }
    }
}

/// `SegmentDetailQueryClause`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentDetailQueryClause {
    #[serde(rename = "type")]
    pub clause_type: FilterType,
    #[serde(default)]
    pub predicates: Vec<SegmentDetailQueryPredicate>,
}

/// `SegmentDetailQueryFilter`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentDetailQueryFilter {
    #[serde(rename = "type")]
    pub filter_type: FilterType,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<SegmentDetailQueryClause>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predicates: Vec<SegmentDetailQueryPredicate>,
}

impl SegmentDetailQueryFilter {
    /// `mediaType` is any of `media_types`; `None` when the slice is empty.
    pub fn media_types(media_types: &[MediaType]) -> Option<Self> {
        (!media_types.is_empty()).then(|| Self {
            filter_type: FilterType::Or,
            clauses: Vec::new(),
            predicates: media_types
                .iter()
                .map(|m| SegmentDetailQueryPredicate::dimension("mediaType", m.as_str()))
                .collect(),
        })
    }
}

/// `ConversationQuery`: the synchronous details query (at most 7 days per interval upstream).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationQuery {
    pub interval: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversation_filters: Vec<ConversationDetailQueryFilter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segment_filters: Vec<SegmentDetailQueryFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Order>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_by: Option<OrderBy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<PagingSpec>,
}

impl ConversationQuery {
    /// A query over `interval`, no filters.
    pub fn new(interval: Interval) -> Self {
        Self {
            interval: interval.to_string(),
            conversation_filters: Vec::new(),
            segment_filters: Vec::new(),
            order: None,
            order_by: None,
            paging: None,
        }
    }

    /// A query over `[start, end)`, formatted `YYYY-MM-DDTHH:MM:SS.mmmZ/...`; rejects `end <= start`.
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

    pub fn with_conversation_filter(mut self, filter: ConversationDetailQueryFilter) -> Self {
        self.conversation_filters.push(filter);
        self
    }

    pub fn with_segment_filter(mut self, filter: SegmentDetailQueryFilter) -> Self {
        self.segment_filters.push(filter);
        self
    }

    pub fn ordered(mut self, order: Order, order_by: OrderBy) -> Self {
        self.order = Some(order);
        self.order_by = Some(order_by);
        self
    }

    /// Page `number` (from 1) of `size` conversations.
    pub fn page(mut self, size: i32, number: i32) -> Self {
        self.paging = Some(PagingSpec {
            page_size: size,
            page_number: number,
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    #[test]
    fn builds_the_expected_body() {
        let start = Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap();
        let q = ConversationQuery::for_interval(start, start + chrono::TimeDelta::days(1))
            .unwrap()
            .with_media_types(&[MediaType::Voice, MediaType::Message])
            .with_conversation_ids(&["c-1"])
            .with_conversation_ids::<&str>(&[])
            .ordered(Order::Asc, OrderBy::ConversationStart)
            .page(100, 2);
        assert_eq!(
            serde_json::to_value(&q).unwrap(),
            json!({
                "interval": "2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z",
                "conversationFilters": [{"type": "or", "predicates": [
                    {"type": "dimension", "dimension": "conversationId", "operator": "matches", "value": "c-1"}
                ]}],
                "segmentFilters": [{"type": "or", "predicates": [
                    {"type": "dimension", "dimension": "mediaType", "operator": "matches", "value": "voice"},
                    {"type": "dimension", "dimension": "mediaType", "operator": "matches", "value": "message"}
                ]}],
                "order": "asc",
                "orderBy": "conversationStart",
                "paging": {"pageSize": 100, "pageNumber": 2}
            })
        );
        assert!(ConversationQuery::for_interval(start, start).is_err());
    }

    #[test]
    fn tolerates_unknown_enum_values() {
        let q: ConversationQuery = serde_json::from_value(json!({
            "interval": "x", "order": "sideways", "orderBy": "mood",
            "segmentFilters": [{"type": "xor", "predicates": [{"type": "vibe", "operator": "near"}]}]
        }))
        .unwrap();
        assert_eq!(q.order, Some(Order::Unknown));
        assert_eq!(q.order_by, Some(OrderBy::Unknown));
        assert_eq!(q.segment_filters[0].filter_type, FilterType::Unknown);
        let p = &q.segment_filters[0].predicates[0];
        assert_eq!(p.predicate_type, Some(PredicateType::Unknown));
        assert_eq!(p.operator, Some(PredicateOperator::Unknown));
    }
}
