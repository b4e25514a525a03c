//! `POST /api/v2/analytics/transcripts/aggregates/query` (topic counts; simplified: no granularity).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use serde_json::{Value, json};

use super::query;
use crate::error::{ApiError, parse_body};
use crate::org::{Org, topic_id};
use crate::state::Sim;

/// group key -> (topic communications, analysed conversations)
type Groups = BTreeMap<Vec<(String, String)>, (u64, BTreeSet<String>)>;

const GROUPS: &[&str] = &["topicId", "mediaType", "conversationId"];

fn predicate_ok(p: &Value, lookup: &dyn Fn(&str) -> Option<String>) -> bool {
    let Some(dim) = p.get("dimension").and_then(Value::as_str) else {
        return true;
    };
    let Some(actual) = lookup(dim) else {
        return true;
    };
    match p.get("value").and_then(Value::as_str) {
        Some(v) => actual == v,
        None => true,
    }
}

/// `type` (and/or) over the filter's own predicates and its clauses, each clause being `type`
/// over its predicates, as Genesys evaluates `TranscriptAggregateQueryFilter`.
fn filter_ok(f: Option<&Value>, lookup: &dyn Fn(&str) -> Option<String>) -> bool {
    let Some(f) = f else { return true };
    let combine = |node: &Value, parts: Vec<bool>| -> bool {
        if parts.is_empty() {
            return true;
        }
        if node.get("type").and_then(Value::as_str) == Some("or") {
            parts.into_iter().any(|p| p)
        } else {
            parts.into_iter().all(|p| p)
        }
    };
    let predicates = |node: &Value| -> Vec<bool> {
        node.get("predicates")
            .and_then(Value::as_array)
            .map(|ps| ps.iter().map(|p| predicate_ok(p, lookup)).collect())
            .unwrap_or_default()
    };
    let mut parts = predicates(f);
    for clause in f.get("clauses").and_then(Value::as_array).into_iter().flatten() {
        parts.push(combine(clause, predicates(clause)));
    }
    combine(f, parts)
}

/// `POST /api/v2/analytics/transcripts/aggregates/query`.
pub async fn query(State(sim): State<Arc<Sim>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body = parse_body(&body, Some("TranscriptAggregationQuery"))?;
    let (start, end) = query::interval(&body)?;
    let raw_interval = body
        .get("interval")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let metrics: Vec<&str> = body
        .get("metrics")
        .and_then(Value::as_array)
        .map(|m| m.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if metrics.is_empty() {
        return Err(ApiError::bad_request("metrics: at least one metric is required"));
    }
    let group_by: Vec<&str> = body
        .get("groupBy")
        .and_then(Value::as_array)
        .map(|g| {
            g.iter()
                .filter_map(Value::as_str)
                .filter(|g| GROUPS.contains(g))
                .collect()
        })
        .unwrap_or_default();
    let mut groups = Groups::new();
    for conv in sim
        .all_conversations()
        .iter()
        .filter(|c| c.start >= start && c.start < end)
    {
        let dialogue = Org::dialogue(conv);
        // Speech & Text Analytics topics: the scenario's, plus one per product mentioned (an
        // org that mines products with topics defines a topic per product).
        let topics: BTreeSet<(String, &str)> = dialogue
            .topics
            .iter()
            .map(|t| (topic_id(t.name), t.name))
            .chain(
                dialogue
                    .mentions
                    .iter()
                    .filter(|m| m.count > 0)
                    .map(|m| (crate::catalog::topic_id(m.product_id), m.product_id)),
            )
            .collect();
        let rows: Vec<Option<&(String, &str)>> = if topics.is_empty() {
            vec![None]
        } else {
            topics.iter().map(Some).collect()
        };
        for topic in rows {
            let lookup = |dim: &str| match dim {
                "mediaType" => Some(conv.media.analytics().to_string()),
                "conversationId" => Some(conv.id.clone()),
                "topicId" => topic.map(|t| t.0.clone()),
                _ => None,
            };
            if !filter_ok(body.get("filter"), &lookup) {
                continue;
            }
            let key: Vec<(String, String)> = group_by
                .iter()
                .filter_map(|g| lookup(g).map(|v| (g.to_string(), v)))
                .collect();
            let entry = groups.entry(key).or_default();
            entry.0 += u64::from(topic.is_some());
            entry.1.insert(conv.id.clone());
        }
    }
    let results: Vec<Value> = groups
        .into_iter()
        .map(|(key, (topic_comms, convs))| {
            let stats: Vec<Value> = metrics
                .iter()
                .map(|m| {
                    let count = match *m {
                        "nTopicCommunications" => topic_comms,
                        "nSpeechTextAnalyzedConversations" => convs.len() as u64,
                        _ => 0,
                    };
                    json!({"metric": m, "stats": {"count": count}})
                })
                .collect();
            let group: BTreeMap<String, String> = key.into_iter().collect();
            json!({"group": group, "data": [{"interval": raw_interval, "metrics": stats}]})
        })
        .collect();
    Ok(Json(json!({"results": results})))
}
