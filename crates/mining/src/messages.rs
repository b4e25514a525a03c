//! Messages on the `mining-work` queue (docs/messages.md). The function drains its own queue:
//! planning continues there after a cut, workers mine batches, and one message publishes the report.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::window::{ConversationRef, WindowError};
use wrapup_genesys::models::MediaType;

/// `messageType` attribute of every mining-work message.
pub const MINING_MESSAGE_TYPE: &str = "mining-work";
/// Version of the body; a consumer rejects versions it does not know.
pub const MINING_MESSAGE_VERSION: u32 = 1;
/// Conversations per batch: one SQS message, one Lambda invocation's worth of transcripts.
pub const DEFAULT_BATCH_SIZE: usize = 25;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum MiningMessage {
    /// Plan (or go on planning) a run from its checkpoints.
    Plan { version: u32, run_id: String },
    /// Mine these conversations for a run.
    Batch(WorkBatch),
    /// Every batch is done: build and publish the report.
    Report { version: u32, run_id: String },
    /// An operator's backfill sent through the queue (`make backfill`).
    Backfill {
        version: u32,
        #[serde(flatten)]
        request: BackfillRequest,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkBatch {
    pub version: u32,
    pub run_id: String,
    /// Stable across re-sends of the same page (`<slice>-<generation>-<page>-<n>`), so a batch
    /// is counted in the run once however often it arrives.
    pub batch_id: String,
    pub conversations: Vec<ConversationRef>,
}

/// `{"from": "2026-11-01", "to": "2026-11-07", "mediaTypes": ["voice"]}`: the manual backfill
/// event (direct invoke) and the body of a queued backfill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackfillRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_types: Option<Vec<MediaType>>,
}

impl BackfillRequest {
    /// Reads a backfill event field by field, so the error names the field at fault.
    pub fn from_value(value: &serde_json::Value) -> Result<Self, WindowError> {
        let error = |field: &'static str, reason: String| WindowError { field, reason };
        let Some(fields) = value.as_object() else {
            return Err(error("(body)", "a backfill is a JSON object".into()));
        };
        if let Some(unknown) = fields
            .keys()
            .find(|k| !matches!(k.as_str(), "from" | "to" | "mediaTypes"))
        {
            return Err(error(
                "(body)",
                format!("unknown field {unknown:?}; expected from, to, mediaTypes"),
            ));
        }
        let date = |field: &'static str| -> Result<NaiveDate, WindowError> {
            let raw = fields
                .get(field)
                .ok_or_else(|| error(field, "is required (YYYY-MM-DD)".into()))?;
            raw.as_str()
                .filter(|s| s.len() == 10)
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .ok_or_else(|| error(field, format!("{raw} is not a date (YYYY-MM-DD)")))
        };
        let media_types = match fields.get("mediaTypes") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| {
                        serde_json::from_value::<MediaType>(item.clone())
                            .ok()
                            .filter(|m| *m != MediaType::Unknown)
                            .ok_or_else(|| error("mediaTypes", format!("{item} is not a Genesys media type")))
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(other) => return Err(error("mediaTypes", format!("{other} is not a list"))),
        };
        Ok(Self {
            from: date("from")?,
            to: date("to")?,
            media_types,
        })
    }
}

impl MiningMessage {
    pub fn plan(run_id: &str) -> Self {
        Self::Plan {
            version: MINING_MESSAGE_VERSION,
            run_id: run_id.to_owned(),
        }
    }

    pub fn report(run_id: &str) -> Self {
        Self::Report {
            version: MINING_MESSAGE_VERSION,
            run_id: run_id.to_owned(),
        }
    }

    pub fn version(&self) -> u32 {
        match self {
            Self::Plan { version, .. } | Self::Report { version, .. } | Self::Backfill { version, .. } => {
                *version
            }
            Self::Batch(batch) => batch.version,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Plan { .. } => "plan",
            Self::Batch(_) => "batch",
            Self::Report { .. } => "report",
            Self::Backfill { .. } => "backfill",
        }
    }

    /// Parses a queue body; the error says what is wrong without echoing the body.
    pub fn parse(body: &str) -> Result<Self, String> {
        let message: Self = serde_json::from_str(body).map_err(|e| {
            format!(
                "not a mining-work message: it {}",
                wrapup_adapters::queue::messages::content_free(&e)
            )
        })?;
        if message.version() != MINING_MESSAGE_VERSION {
            return Err(format!(
                "version {} is not supported (this build reads {MINING_MESSAGE_VERSION})",
                message.version()
            ));
        }
        if let Self::Batch(batch) = &message {
            if batch.conversations.is_empty() {
                return Err("conversations: a batch needs at least one conversation".into());
            }
            if batch.run_id.is_empty() || batch.batch_id.is_empty() {
                return Err("runId and batchId must not be empty".into());
            }
        }
        Ok(message)
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind() {
        let batch = MiningMessage::Batch(WorkBatch {
            version: 1,
            run_id: "r1".into(),
            batch_id: "0-0-0-0".into(),
            conversations: vec![ConversationRef {
                conversation_id: "c1".into(),
                media_type: MediaType::Voice,
                date: "2026-11-20".parse().unwrap(),
                started_hour: Some(9),
                agent_communication_ids: vec!["s1".into()],
                other_communication_ids: vec![],
                queue_id: None,
            }],
        });
        let backfill = MiningMessage::Backfill {
            version: 1,
            request: BackfillRequest {
                from: "2026-11-01".parse().unwrap(),
                to: "2026-11-02".parse().unwrap(),
                media_types: Some(vec![MediaType::Chat]),
            },
        };
        for message in [
            MiningMessage::plan("r1"),
            MiningMessage::report("r1"),
            batch,
            backfill,
        ] {
            let json = message.to_json();
            assert_eq!(MiningMessage::parse(&json).unwrap(), message, "{json}");
        }
        assert!(MiningMessage::plan("r").to_json().contains(r#""kind":"plan""#));
        assert!(MiningMessage::plan("r").to_json().contains(r#""runId":"r""#));
    }

    #[test]
    fn rejects_bad_bodies() {
        assert!(MiningMessage::parse("nope").is_err());
        let err = MiningMessage::parse(r#"{"kind":"plan","version":9,"runId":"r"}"#).unwrap_err();
        assert!(err.contains("version 9"), "{err}");
        let err = MiningMessage::parse(
            r#"{"kind":"batch","version":1,"runId":"r","batchId":"b","conversations":[]}"#,
        )
        .unwrap_err();
        assert!(err.starts_with("conversations"), "{err}");
        let err = MiningMessage::parse(r#"{"kind":"backfill","version":1,"from":"2026-11-01","to":"x"}"#)
            .unwrap_err();
        assert!(err.contains("not a mining-work message"), "{err}");
    }
}

#[cfg(test)]
#[path = "messages_properties.rs"]
mod properties;
