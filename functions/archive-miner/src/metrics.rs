//! archive-miner's CloudWatch metrics (namespace `Wrapup`, `Function` = `archive-miner`):
//! conversations mined, transcripts missing and mentions counted per media type, Genesys
//! requests and the share of Genesys' rate limit in use, and finished runs with their duration.

use chrono::{DateTime, Utc};
use wrapup_genesys::GenesysClient;
use wrapup_genesys::models::MediaType;
use wrapup_metrics::{Metrics, Unit};
use wrapup_mining::{MediaCounters, RunRecord, RunStatus};

/// The `Function` dimension of every archive-miner metric.
pub const FUNCTION_NAME: &str = "archive-miner";

/// The `MediaType` dimension: the media mined most, the rest as `other`.
fn media_dimension(media_type: MediaType) -> &'static str {
    match media_type {
        MediaType::Voice => "voice",
        MediaType::Chat => "chat",
        MediaType::Email => "email",
        MediaType::Message => "message",
        _ => "other",
    }
}

/// A batch counted in its run: what it mined per media type.
pub fn batch_mined(metrics: &Metrics, by_media: &[MediaCounters]) {
    for counters in by_media {
        let mut document = metrics
            .document()
            .dimension("MediaType", media_dimension(counters.media_type));
        document
            .count("ConversationsMined", counters.mined)
            .count("TranscriptsMissing", counters.without_transcript)
            .count("MentionsCounted", counters.mentions);
        document.emit();
    }
}

/// What one invocation asked of Genesys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenesysUsage {
    /// HTTP requests sent (every attempt).
    pub requests: u64,
    /// Genesys' last `inin-ratelimit-count` and `inin-ratelimit-allowed`: the token's window, which
    /// every worker sharing the token uses together.
    pub window: Option<(u32, u32)>,
}

/// Reads a Genesys client's usage since the last reading.
#[derive(Clone)]
pub struct GenesysMeter {
    client: GenesysClient,
}

impl GenesysMeter {
    pub fn new(client: &GenesysClient) -> Self {
        Self {
            client: client.clone(),
        }
    }

    pub fn take(&self) -> GenesysUsage {
        GenesysUsage {
            requests: self.client.call_counters().take().requests,
            window: self
                .client
                .rate_limit()
                .map(|status| (status.count, status.allowed)),
        }
    }
}

/// `GenesysRequests`, and `RateLimitShare` (the share of the current window's allowance in use,
/// as Genesys last reported it) when this invocation's requests brought the headers.
pub fn genesys_used(metrics: &Metrics, usage: GenesysUsage) {
    if usage.requests == 0 {
        // No request, no fresh headers: a share from an earlier invocation would be stale.
        return;
    }
    let mut document = metrics.document();
    document.count("GenesysRequests", usage.requests);
    if let Some((count, allowed)) = usage.window
        && allowed > 0
    {
        let share = (f64::from(count) / f64::from(allowed) * 100.0).min(100.0);
        document.value("RateLimitShare", Unit::Percent, share);
    }
    document.emit();
}

/// The `Outcome` of `Runs`.
fn run_outcome(status: RunStatus) -> Option<&'static str> {
    match status {
        RunStatus::Completed => Some("completed"),
        RunStatus::CompletedWithErrors => Some("completed_with_errors"),
        RunStatus::Planning | RunStatus::Mining | RunStatus::Reporting => None,
    }
}

fn parse_time(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A run that published its report: `Runs` and `RunDuration` (creation to completion).
pub fn run_finished(metrics: &Metrics, run: &RunRecord, now: DateTime<Utc>) {
    let Some(outcome) = run_outcome(run.status) else {
        return;
    };
    let mut document = metrics.document().dimension("Outcome", outcome);
    document.count("Runs", 1);
    let finished = run.completed_at.as_deref().and_then(parse_time).unwrap_or(now);
    if let Some(started) = parse_time(&run.created_at)
        && let Ok(duration) = (finished - started).to_std()
    {
        document.duration("RunDuration", duration);
    }
    document.emit();
}

/// A run whose planning or report failed on its last delivery: it will not finish.
pub fn run_failed(metrics: &Metrics) {
    metrics.count("Runs", 1, &[("Outcome", "failed")]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use wrapup_metrics::check_against_spec;

    #[test]
    fn genesys_usage_is_requests_and_the_share_of_the_window_in_use() {
        let (metrics, sink) = Metrics::in_memory(FUNCTION_NAME);
        genesys_used(&metrics, GenesysUsage::default());
        assert!(sink.lines().is_empty(), "no request, nothing to say");
        genesys_used(
            &metrics,
            GenesysUsage {
                requests: 42,
                window: Some((240, 300)),
            },
        );
        genesys_used(
            &metrics,
            GenesysUsage {
                requests: 1,
                window: Some((500, 300)),
            },
        );
        let docs: Vec<_> = sink
            .take()
            .iter()
            .map(|l| check_against_spec(l).expect("EMF"))
            .collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sum("GenesysRequests"), 42.0);
        let share = docs[0].metric("RateLimitShare").expect("share");
        assert_eq!(
            (share.unit.as_deref(), share.values.as_slice()),
            (Some("Percent"), &[80.0][..])
        );
        assert_eq!(docs[1].sum("RateLimitShare"), 100.0, "never over 100%");
        assert_eq!(docs[0].dimensions.len(), 1, "Function only");
    }
}
