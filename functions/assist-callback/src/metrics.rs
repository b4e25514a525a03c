//! assist-callback's CloudWatch metrics (namespace `Wrapup`, `Function` = `assist-callback`):
//! events by topic and outcome, event lag, agents' engagement by suggestion type (acceptance by
//! type) and summary jobs. Dimensions are the typed topic's kind and static outcome names, never
//! a concrete topic name (it holds a conversation's or user's id).

use chrono::{DateTime, Utc};
use serde_json::Value;
use wrapup_assist::event::{AssistEvent, Engagement, Rating, State, SuggestionEvent};
use wrapup_assist::topic::{self, TopicKind};
use wrapup_assist::{Handled, JobSent, ProcessError};
use wrapup_metrics::Metrics;

use crate::outcome::Outcome;

/// The `Function` dimension of every assist-callback metric.
pub const FUNCTION_NAME: &str = "assist-callback";

/// The `Topic` of an event whose topic this build does not read, or that has none to read.
const OTHER_TOPIC: &str = "other";

/// The `Outcome` dimension of `Events`.
fn event_outcome(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Applied => "applied",
        Outcome::Duplicate => "duplicate",
        Outcome::Unknown => "unknown_topic",
        Outcome::Rejected => "foreign",
        Outcome::Malformed(_) => "malformed",
        Outcome::Failed => "transient",
    }
}

/// The topic kind of a typed event.
fn topic_of(event: &AssistEvent) -> TopicKind {
    match event {
        AssistEvent::Suggestion(e) => TopicKind::Suggestion(e.kind),
        AssistEvent::Intent(_) => TopicKind::Intent,
        AssistEvent::End(e) if e.after_call_work => TopicKind::AfterCallWork,
        AssistEvent::End(_) => TopicKind::CustomerEnd,
        AssistEvent::Summary(_) => TopicKind::ConversationSummary,
    }
}

/// The topic kind an EventBridge event names in `detail.topicName`, if this build reads it.
fn topic_named_in(value: &Value) -> &'static str {
    value
        .get("detail")
        .and_then(|d| d.get("topicName"))
        .and_then(Value::as_str)
        .and_then(topic::parse)
        .map_or(OTHER_TOPIC, |t| t.kind.as_str())
}

/// The `Outcome` of `Engagements` an applied suggestion event counts under: `shown` for a
/// showing; `accepted` when the agent used it (copied, opened or rated helpful: what the ranking
/// counts as used); `dismissed`; `negative_feedback` when rated unhelpful. None for the rest
/// (a failure, an engagement Genesys did not type).
fn engagement_outcome(event: &SuggestionEvent) -> Option<&'static str> {
    match event.implied_engagement() {
        Some(Engagement::Copied | Engagement::Opened | Engagement::Feedback(Rating::Positive)) => {
            Some("accepted")
        }
        Some(Engagement::Dismissed) => Some("dismissed"),
        Some(Engagement::Feedback(Rating::Negative)) => Some("negative_feedback"),
        Some(Engagement::Feedback(Rating::Unknown) | Engagement::Unknown) => None,
        None => (event.state == State::Suggested).then_some("shown"),
    }
}

/// The `Outcome` of `SummaryJobs` the event's processing led to, if it sent or tried one.
fn summary_job_outcome(result: &Result<Handled, ProcessError>) -> Option<&'static str> {
    match result {
        Ok(Handled::Applied { job: Some((_, sent)) }) => Some(match sent {
            JobSent::Sent => "sent",
            JobSent::Skipped("no-case") => "skipped_no_case",
            JobSent::Skipped(_) => "skipped",
        }),
        Err(ProcessError::Job(_)) => Some("failed"),
        _ => None,
    }
}

/// An event that never became a typed event: not JSON, foreign, malformed or of an unknown
/// topic. Its topic is read from the raw event when it names one this build reads.
pub fn unread(metrics: &Metrics, value: &Value, outcome: &Outcome) {
    metrics.count(
        "Events",
        1,
        &[
            ("Topic", topic_named_in(value)),
            ("Outcome", event_outcome(outcome)),
        ],
    );
}

/// A typed event and what its processing at `now` did.
pub fn handled(
    metrics: &Metrics,
    event: &AssistEvent,
    now: DateTime<Utc>,
    result: &Result<Handled, ProcessError>,
    outcome: &Outcome,
) {
    let topic = topic_of(event).as_str();
    metrics.count(
        "Events",
        1,
        &[("Topic", topic), ("Outcome", event_outcome(outcome))],
    );
    if *outcome == Outcome::Applied {
        // A duplicate's lag says how late a redelivery came, not how late events are.
        if let Some(at) = event.event_time() {
            let lag = u64::try_from((now - at).num_milliseconds()).unwrap_or(0);
            let mut document = metrics.document().dimension("Topic", topic);
            document.millis("EventLag", lag);
            document.emit();
        }
        if let AssistEvent::Suggestion(suggestion) = event
            && let Some(engagement) = engagement_outcome(suggestion)
        {
            metrics.count(
                "Engagements",
                1,
                &[
                    ("SuggestionType", suggestion.kind.as_str()),
                    ("Outcome", engagement),
                ],
            );
        }
    }
    if let Some(job) = summary_job_outcome(result) {
        metrics.count("SummaryJobs", 1, &[("Outcome", job)]);
    }
}
