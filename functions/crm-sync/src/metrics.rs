//! crm-sync's CloudWatch metrics (namespace `Wrapup`, `Function` = `crm-sync`): writes by target
//! and outcome, attempts before success, the oldest message's age and dead letters by reason.
//! Tallied over a batch and written once at its end, so a batch of ten messages is a handful of
//! log lines, not one per write.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lambda_events::event::sqs::SqsEvent;
use wrapup_metrics::{Metrics, Unit};

use crate::outcome::{MessageOutcome, TargetOutcome};

/// The `Function` dimension of every crm-sync metric.
pub const FUNCTION_NAME: &str = "crm-sync";

/// Why a message was dead-lettered, as a class: the free-text reason names conversations and
/// Genesys' context ids, which are no dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeadLetterReason {
    /// The message does not parse as a crm-sync message.
    InvalidMessage,
    /// A target answered 401 or 403: credentials or permissions.
    Unauthorized,
    /// A target does not know the conversation (404).
    NotFound,
    /// A target refused the write with another HTTP status.
    Rejected,
    /// The write could not be built or sent at all (no HTTP status): a mapping, an invalid
    /// argument, bad credentials.
    Unwritable,
}

impl DeadLetterReason {
    /// The class of a target's permanent failure with this HTTP status.
    pub fn of_status(status: Option<u16>) -> Self {
        match status {
            Some(401 | 403) => DeadLetterReason::Unauthorized,
            Some(404) => DeadLetterReason::NotFound,
            Some(_) => DeadLetterReason::Rejected,
            None => DeadLetterReason::Unwritable,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeadLetterReason::InvalidMessage => "invalid_message",
            DeadLetterReason::Unauthorized => "unauthorized",
            DeadLetterReason::NotFound => "not_found",
            DeadLetterReason::Rejected => "rejected",
            DeadLetterReason::Unwritable => "unwritable",
        }
    }
}

/// The `Outcome` dimension of `Writes`.
fn write_outcome(outcome: &TargetOutcome) -> &'static str {
    match outcome {
        TargetOutcome::Written(_) => "written",
        TargetOutcome::AlreadyWritten => "duplicate",
        TargetOutcome::Busy => "busy",
        TargetOutcome::Retry { .. } => "retry",
        TargetOutcome::Permanent { .. } => "failed",
    }
}

#[derive(Default)]
struct Tally {
    /// (target, outcome) → writes.
    writes: BTreeMap<(&'static str, &'static str), u64>,
    /// target → the attempt number of each write that succeeded.
    attempts: BTreeMap<&'static str, Vec<u32>>,
    dead_letters: BTreeMap<DeadLetterReason, u64>,
}

/// One batch's metrics, shared by the messages handled in parallel.
#[derive(Default)]
pub struct BatchMetrics {
    tally: Mutex<Tally>,
}

impl BatchMetrics {
    fn with_tally(&self, update: impl FnOnce(&mut Tally)) {
        // A panic elsewhere while the lock was held leaves counts, not broken invariants.
        update(&mut self.tally.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// Every target's outcome of one message; `attempts` of a write done now is the number of
    /// times this (delivery, target) write was claimed, this one included.
    pub fn record_writes(&self, outcome: &MessageOutcome) {
        self.with_tally(|tally| {
            for (target, (result, attempts)) in &outcome.targets {
                *tally
                    .writes
                    .entry((target.as_str(), write_outcome(result)))
                    .or_default() += 1;
                if matches!(result, TargetOutcome::Written(_)) {
                    tally.attempts.entry(target.as_str()).or_default().push(*attempts);
                }
            }
        });
    }

    pub fn record_dead_letter(&self, reason: DeadLetterReason) {
        self.with_tally(|tally| *tally.dead_letters.entry(reason).or_default() += 1);
    }

    /// Writes the batch's documents.
    pub fn emit(self, metrics: &Metrics, oldest_message_age: Option<Duration>) {
        let tally = self.tally.into_inner().unwrap_or_else(|e| e.into_inner());
        for ((target, outcome), n) in tally.writes {
            metrics.count("Writes", n, &[("Target", target), ("Outcome", outcome)]);
        }
        for (target, attempts) in tally.attempts {
            let mut document = metrics.document().dimension("Target", target);
            for attempt in attempts {
                document.value("AttemptsBeforeSuccess", Unit::None, attempt.into());
            }
            document.emit();
        }
        for (reason, n) in tally.dead_letters {
            metrics.count("DeadLetters", n, &[("Reason", reason.as_str())]);
        }
        if let Some(age) = oldest_message_age {
            let mut document = metrics.document();
            document.duration("OldestMessageAge", age);
            document.emit();
        }
    }
}

/// How long the oldest message of the batch has waited since it was sent (`SentTimestamp`);
/// `None` when no record carries one.
pub fn oldest_message_age(batch: &SqsEvent) -> Option<Duration> {
    let oldest_sent = batch
        .records
        .iter()
        .filter_map(|record| record.attributes.get("SentTimestamp")?.parse::<u64>().ok())
        .min()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_millis();
    let age = u64::try_from(now).ok()?.saturating_sub(oldest_sent);
    Some(Duration::from_millis(age))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_letter_reasons_are_classes_of_the_status() {
        assert_eq!(
            DeadLetterReason::of_status(Some(403)),
            DeadLetterReason::Unauthorized
        );
        assert_eq!(DeadLetterReason::of_status(Some(404)), DeadLetterReason::NotFound);
        assert_eq!(DeadLetterReason::of_status(Some(422)), DeadLetterReason::Rejected);
        assert_eq!(DeadLetterReason::of_status(None), DeadLetterReason::Unwritable);
    }
}
