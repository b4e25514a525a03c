//! Shared semantics of `ConversationQuery` / `AsyncConversationQuery`: interval, filters, order.

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use crate::error::ApiError;
use crate::org::{Conversation, Speaker};

/// Parses one ISO-8601 instant (RFC 3339, or without offset = UTC).
fn instant(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|n| n.and_utc())
}

/// Parses `interval`: two ISO-8601 instants separated by `/`, start before end.
pub fn interval(body: &Value) -> Result<(DateTime<Utc>, DateTime<Utc>), ApiError> {
    let raw = body
        .get("interval")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_request("interval: is required"))?;
    let bad = || {
        ApiError::bad_request(format!(
            "interval: '{raw}' must be two ISO-8601 instants separated by '/', e.g. 2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z"
        ))
    };
    let (a, b) = raw.split_once('/').ok_or_else(bad)?;
    let (start, end) = (
        instant(a.trim()).ok_or_else(bad)?,
        instant(b.trim()).ok_or_else(bad)?,
    );
    if start >= end {
        return Err(ApiError::bad_request(format!(
            "interval: '{raw}' must start before it ends"
        )));
    }
    Ok((start, end))
}

/// A (participant, session, segment) tuple segment predicates are evaluated against.
struct SegmentView<'a> {
    conv: &'a Conversation,
    purpose: Speaker,
    user_id: Option<&'a str>,
    name: &'a str,
    segment_type: &'static str,
}

impl SegmentView<'_> {
    fn dimension(&self, dim: &str) -> Option<String> {
        let c = self.conv;
        let voice = c.media == crate::org::Media::Voice;
        match dim {
            "mediaType" => Some(c.media.analytics().to_string()),
            "purpose" => Some(self.purpose.purpose().to_string()),
            "userId" => self.user_id.map(str::to_string),
            "participantName" => Some(self.name.to_string()),
            "direction" => Some(c.direction.to_string()),
            "segmentType" => Some(self.segment_type.to_string()),
            "queueId" => (self.purpose != Speaker::Ivr).then(|| c.queue_id.clone()),
            "ani" => voice.then(|| c.ani.clone()),
            "dnis" => voice.then(|| c.dnis.clone()),
            "wrapUpCode" => (self.segment_type == "wrapup").then(|| c.wrapup_code.clone()),
            _ => None,
        }
    }
}

fn conversation_dimension(c: &Conversation, dim: &str) -> Option<String> {
    match dim {
        "conversationId" => Some(c.id.clone()),
        "originatingDirection" => Some(c.direction.to_string()),
        "divisionId" => Some(c.division_id.clone()),
        "conversationInitiator" => Some(
            if c.direction == "outbound" {
                "agent"
            } else {
                "customer"
            }
            .to_string(),
        ),
        "customerParticipation" => Some("true".to_string()),
        _ => None,
    }
}

const SEGMENT_DIMENSIONS: &[&str] = &[
    "mediaType",
    "purpose",
    "userId",
    "participantName",
    "direction",
    "segmentType",
    "queueId",
    "ani",
    "dnis",
    "wrapUpCode",
];
const CONVERSATION_DIMENSIONS: &[&str] = &[
    "conversationId",
    "originatingDirection",
    "divisionId",
    "conversationInitiator",
    "customerParticipation",
];

/// Evaluates one predicate; predicates on unsupported dimensions, metrics or properties match.
fn predicate(p: &Value, supported: &[&str], lookup: &dyn Fn(&str) -> Option<String>) -> bool {
    let Some(dim) = p.get("dimension").and_then(Value::as_str) else {
        return true;
    };
    if p.get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t != "dimension")
        || !supported.contains(&dim)
    {
        return true;
    }
    let actual = lookup(dim);
    match p.get("operator").and_then(Value::as_str).unwrap_or("matches") {
        "exists" => actual.is_some(),
        "notExists" => actual.is_none(),
        _ => match p.get("value").and_then(Value::as_str) {
            Some(v) => actual.as_deref() == Some(v),
            None => true,
        },
    }
}

/// Evaluates a filter (`type` and/or over `predicates` and `clauses`).
fn filter(f: &Value, supported: &[&str], lookup: &dyn Fn(&str) -> Option<String>) -> bool {
    let empty = Vec::new();
    let preds = f.get("predicates").and_then(Value::as_array).unwrap_or(&empty);
    let clauses = f.get("clauses").and_then(Value::as_array).unwrap_or(&empty);
    let clause = |c: &Value| {
        let cp = c.get("predicates").and_then(Value::as_array).unwrap_or(&empty);
        if c.get("type").and_then(Value::as_str) == Some("or") {
            cp.is_empty() || cp.iter().any(|p| predicate(p, supported, lookup))
        } else {
            cp.iter().all(|p| predicate(p, supported, lookup))
        }
    };
    if f.get("type").and_then(Value::as_str) == Some("or") {
        (preds.is_empty() && clauses.is_empty())
            || preds.iter().any(|p| predicate(p, supported, lookup))
            || clauses.iter().any(clause)
    } else {
        preds.iter().all(|p| predicate(p, supported, lookup)) && clauses.iter().all(clause)
    }
}

fn segment_views(c: &Conversation) -> Vec<SegmentView<'_>> {
    let mut out = Vec::new();
    for p in &c.participants {
        let types: &[&'static str] = match p.purpose {
            Speaker::Customer => &["interact"],
            Speaker::Ivr => &["ivr"],
            Speaker::Agent => &["alert", "interact", "wrapup"],
        };
        for t in types {
            out.push(SegmentView {
                conv: c,
                purpose: p.purpose,
                user_id: p.user_id.as_deref(),
                name: &p.name,
                segment_type: t,
            });
        }
    }
    out
}

/// Whether a conversation passes the query's conversation and segment filters.
pub fn matches(c: &Conversation, body: &Value) -> bool {
    let empty = Vec::new();
    let conv_filters = body
        .get("conversationFilters")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let conv_lookup = |d: &str| conversation_dimension(c, d);
    if !conv_filters
        .iter()
        .all(|f| filter(f, CONVERSATION_DIMENSIONS, &conv_lookup))
    {
        return false;
    }
    let seg_filters = body
        .get("segmentFilters")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    if seg_filters.is_empty() {
        return true;
    }
    let views = segment_views(c);
    seg_filters.iter().all(|f| {
        views.iter().any(|v| {
            let lookup = |d: &str| v.dimension(d);
            filter(f, SEGMENT_DIMENSIONS, &lookup)
        })
    })
}

/// Conversations starting in the interval that pass the filters, in the requested order.
pub fn select(all: Vec<Arc<Conversation>>, body: &Value) -> Result<Vec<Arc<Conversation>>, ApiError> {
    let (start, end) = interval(body)?;
    let mut out: Vec<Arc<Conversation>> = all
        .into_iter()
        .filter(|c| c.start >= start && c.start < end && matches(c, body))
        .collect();
    if body.get("orderBy").and_then(Value::as_str) == Some("conversationEnd") {
        out.sort_by(|a, b| a.end.cmp(&b.end).then_with(|| a.id.cmp(&b.id)));
    }
    if body.get("order").and_then(Value::as_str) == Some("desc") {
        out.reverse();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_intervals() {
        assert!(interval(&json!({"interval": "2024-05-01T00:00:00.000Z/2024-05-02T00:00:00Z"})).is_ok());
        assert!(interval(&json!({"interval": "2024-05-01T00:00:00/2024-05-02T00:00:00"})).is_ok());
        assert!(interval(&json!({"interval": "2024-05-02T00:00:00Z/2024-05-01T00:00:00Z"})).is_err());
        assert!(
            interval(&json!({"interval": "yesterday"}))
                .unwrap_err()
                .message
                .contains("interval")
        );
    }
}
