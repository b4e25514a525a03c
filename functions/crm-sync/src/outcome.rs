//! What happened to one message, per target, and the `crmSync` status it leaves in the audit
//! record and the summary table.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use wrapup_adapters::crm::{CrmError, TargetKind, Written};
use wrapup_adapters::store::now_timestamp;

#[derive(Debug, Clone)]
pub enum TargetOutcome {
    /// Written now.
    Written(Written),
    /// Written by an earlier delivery: nothing to do.
    AlreadyWritten,
    /// Another worker holds the write's lease; come back later.
    Busy,
    Retry {
        status: Option<u16>,
        retry_after: Option<Duration>,
        reason: String,
    },
    Permanent {
        status: Option<u16>,
        reason: String,
    },
}

impl TargetOutcome {
    pub fn from_error(err: &CrmError) -> Self {
        match err {
            CrmError::Retryable {
                status,
                retry_after,
                reason,
                ..
            } => TargetOutcome::Retry {
                status: *status,
                retry_after: *retry_after,
                reason: reason.clone(),
            },
            CrmError::Permanent { status, reason, .. } => TargetOutcome::Permanent {
                status: *status,
                reason: reason.clone(),
            },
        }
    }

    fn status(&self) -> &'static str {
        match self {
            TargetOutcome::Written(_) | TargetOutcome::AlreadyWritten => "written",
            TargetOutcome::Busy | TargetOutcome::Retry { .. } => "retrying",
            TargetOutcome::Permanent { .. } => "failed",
        }
    }
}

/// Outcomes of every target of one message.
#[derive(Debug, Default, Clone)]
pub struct MessageOutcome {
    pub targets: BTreeMap<TargetKind, (TargetOutcome, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Every target has it: delete the message.
    Done,
    /// Try again after this visibility timeout.
    Retry { retry_after: Option<Duration> },
    /// Will never succeed as it is: to the DLQ now, with this reason.
    DeadLetter {
        target: TargetKind,
        status: Option<u16>,
        reason: String,
    },
}

impl MessageOutcome {
    pub fn record(&mut self, target: TargetKind, outcome: TargetOutcome, attempts: u32) {
        self.targets.insert(target, (outcome, attempts));
    }

    pub fn verdict(&self) -> Verdict {
        if let Some((target, (TargetOutcome::Permanent { status, reason }, _))) = self
            .targets
            .iter()
            .find(|(_, (o, _))| matches!(o, TargetOutcome::Permanent { .. }))
        {
            return Verdict::DeadLetter {
                target: *target,
                status: *status,
                reason: reason.clone(),
            };
        }
        let retry_after = self
            .targets
            .values()
            .filter_map(|(o, _)| match o {
                TargetOutcome::Retry { retry_after, .. } => Some(*retry_after),
                TargetOutcome::Busy => Some(None),
                _ => None,
            })
            .reduce(|a, b| a.max(b));
        match retry_after {
            Some(retry_after) => Verdict::Retry { retry_after },
            None => Verdict::Done,
        }
    }

    /// Nothing failed: every target is written, or waits for another worker's live lease.
    pub fn only_waiting(&self) -> bool {
        let outcomes = || self.targets.values().map(|(o, _)| o);
        outcomes().any(|o| matches!(o, TargetOutcome::Busy))
            && outcomes().all(|o| {
                matches!(
                    o,
                    TargetOutcome::Busy | TargetOutcome::Written(_) | TargetOutcome::AlreadyWritten
                )
            })
    }

    /// The `crmSync` document for the audit record and `GET /summaries/{conversationId}`.
    pub fn crm_sync(&self) -> Value {
        let verdict = self.verdict();
        let status = match &verdict {
            Verdict::Done => "synced",
            Verdict::Retry { .. } => "retrying",
            Verdict::DeadLetter { .. } => "dead_lettered",
        };
        let targets: serde_json::Map<String, Value> = self
            .targets
            .iter()
            .map(|(kind, (outcome, attempts))| {
                let mut entry = json!({"status": outcome.status(), "attempts": attempts});
                match outcome {
                    TargetOutcome::Written(w) => {
                        entry["httpStatus"] = json!(w.http_status);
                        entry["latencyMs"] = json!(w.latency_ms);
                    }
                    TargetOutcome::Retry { status, reason, .. }
                    | TargetOutcome::Permanent { status, reason } => {
                        entry["httpStatus"] = json!(status);
                        entry["error"] = json!(reason);
                    }
                    TargetOutcome::AlreadyWritten | TargetOutcome::Busy => {}
                }
                (kind.as_str().to_owned(), entry)
            })
            .collect();
        let mut doc = json!({"status": status, "targets": targets, "updatedAt": now_timestamp()});
        // Which target and why, not where: a queue URL names the account and is no caller's business.
        if let Verdict::DeadLetter { reason, target, .. } = &verdict {
            doc["deadLetter"] = json!({"target": target.as_str(), "reason": reason});
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let written = TargetOutcome::Written(Written {
            http_status: 200,
            latency_ms: 3,
        });
        let mut outcome = MessageOutcome::default();
        outcome.record(TargetKind::Webhook, written.clone(), 1);
        outcome.record(TargetKind::DataAction, TargetOutcome::AlreadyWritten, 2);
        assert_eq!(outcome.verdict(), Verdict::Done);
        assert!(!outcome.only_waiting(), "done is not waiting");
        let mut waiting = outcome.clone();
        waiting.record(TargetKind::ParticipantAttributes, TargetOutcome::Busy, 0);
        assert!(waiting.only_waiting());
        assert_eq!(outcome.crm_sync()["status"], "synced");
        let retry = TargetOutcome::Retry {
            status: Some(503),
            retry_after: Some(Duration::from_secs(7)),
            reason: "503".into(),
        };
        outcome.record(TargetKind::DataAction, retry, 2);
        assert_eq!(
            outcome.verdict(),
            Verdict::Retry {
                retry_after: Some(Duration::from_secs(7))
            }
        );
        outcome.record(
            TargetKind::ParticipantAttributes,
            TargetOutcome::Permanent {
                status: Some(400),
                reason: "bad".into(),
            },
            1,
        );
        assert!(matches!(
            outcome.verdict(),
            Verdict::DeadLetter {
                target: TargetKind::ParticipantAttributes,
                ..
            }
        ));
        let doc = outcome.crm_sync();
        assert_eq!(doc["status"], "dead_lettered");
        assert_eq!(doc["deadLetter"]["target"], "participantAttributes");
        assert!(
            doc["deadLetter"].get("queue").is_none(),
            "no queue URL in an answer"
        );
        assert_eq!(doc["targets"]["webhook"]["httpStatus"], 200);
    }
}
