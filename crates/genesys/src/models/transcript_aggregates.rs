//! `POST /api/v2/analytics/transcripts/aggregates/query`: Speech & Text Analytics aggregates
//! (`TranscriptAggregationQuery` / `TranscriptAggregateQueryResponse`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::interval::{Interval, IntervalError};
use chrono::{DateTime, Utc};

/// `TranscriptAggregationQuery` (the fields Wrapup sets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptAggregationQuery {
    pub interval: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_by: Vec<String>,
    pub metrics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<TranscriptAggregateQueryFilter>,
}

impl TranscriptAggregationQuery {
    /// `nTopicCommunications` over `[start, end)` grouped by topic and media type, only for
    /// `topic_ids` (and `media_types` when not empty).
    pub fn topic_communications(
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        topic_ids: &[String],
        media_types: &[String],
    ) -> Result<Self, IntervalError> {
        let any_of = |dimension: &str, values: &[String]| TranscriptAggregateQueryClause {
            kind: "or".into(),
            predicates: values
                .iter()
                .map(|value| TranscriptAggregateQueryPredicate {
                    dimension: dimension.into(),
                    value: value.clone(),
                })
                .collect(),
        };
        let mut clauses = vec![any_of("topicId", topic_ids)];
        if !media_types.is_empty() {
            clauses.push(any_of("mediaType", media_types));
        }
        Ok(Self {
            interval: Interval::new(start, end)?.to_string(),
            group_by: vec!["topicId".into(), "mediaType".into()],
            metrics: vec!["nTopicCommunications".into()],
            filter: Some(TranscriptAggregateQueryFilter {
                kind: "and".into(),
                clauses,
            }),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateQueryFilter {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<TranscriptAggregateQueryClause>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateQueryClause {
    #[serde(rename = "type")]
    pub kind: String,
    pub predicates: Vec<TranscriptAggregateQueryPredicate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateQueryPredicate {
    pub dimension: String,
    pub value: String,
}

/// `TranscriptAggregateQueryResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateQueryResponse {
    #[serde(default)]
    pub results: Vec<TranscriptAggregateDataContainer>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateDataContainer {
    #[serde(default)]
    pub group: BTreeMap<String, String>,
    #[serde(default)]
    pub data: Vec<TranscriptAggregateStatistics>,
}

/// `StatisticalResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateStatistics {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    #[serde(default)]
    pub metrics: Vec<TranscriptAggregateMetric>,
}

/// `AggregateMetricData`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateMetric {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<TranscriptAggregateStats>,
}

/// `StatisticalSummary` (the field Wrapup reads).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranscriptAggregateStats {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<f64>,
}

impl TranscriptAggregateDataContainer {
    /// The summed `count` of `metric` over every interval of this group.
    pub fn count(&self, metric: &str) -> u64 {
        self.data
            .iter()
            .flat_map(|d| d.metrics.iter())
            .filter(|m| m.metric.as_deref() == Some(metric))
            .filter_map(|m| m.stats.as_ref()?.count)
            .filter(|c| c.is_finite() && *c > 0.0)
            .map(|c| c.round() as u64)
            .sum()
    }
}
