//! What is kept of a conversation and of each suggestion, and how an event changes it, in any
//! order of arrival: an engagement before its suggestion creates the suggestion, a late
//! `Suggested` never undoes an engagement, explicit feedback outweighs an implicit engagement
//! and the later of two ratings wins. Ids, states, times and scores only: never the customer's
//! words (a knowledge query is not kept at all).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::event::{
    EndEvent, Engagement, IntentEvent, ItemKey, Rating, State, SuggestionEvent, SummaryEvent,
};
use crate::ranking::{HalfPoints, MonthKey, Score};
use crate::topic::SuggestionKind;

/// One suggestion shown in one conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionRecord {
    pub suggestion_id: Uuid,
    pub kind: String,
    pub item: Option<String>,
    pub queue_id: Option<Uuid>,
    /// When it was shown (`Suggested`); `None` while only an engagement has arrived.
    pub suggested_at: Option<DateTime<Utc>>,
    /// The earliest event time seen: the impression's month.
    pub first_seen: DateTime<Utc>,
    /// The latest state by event time (an engagement's state is never replaced by `Suggested`).
    pub state: String,
    pub state_at: DateTime<Utc>,
    /// The best implicit engagement, in half points (opened 1, copied 2, dismissed 0).
    pub engaged: Option<HalfPoints>,
    /// The latest explicit rating and when.
    pub rating: Option<(DateTime<Utc>, String)>,
    pub confidence: Option<f64>,
    /// The score when it was suggested, with its parts.
    pub score: Option<Score>,
}

/// What one suggestion adds to the counts: an impression of `item` in `queue` in `month` and
/// its outcome. Only a suggestion whose item is known counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub queue: Option<Uuid>,
    pub kind: String,
    pub item: String,
    pub month: MonthKey,
    pub halves: HalfPoints,
    /// Dismissed or rated unhelpful.
    pub dismissed: bool,
}

impl SuggestionRecord {
    /// A record from its first event.
    pub fn new(event: &SuggestionEvent) -> Self {
        let mut record = SuggestionRecord {
            suggestion_id: event.suggestion_id,
            kind: event.kind.as_str().to_owned(),
            item: None,
            queue_id: None,
            suggested_at: None,
            first_seen: event.event_time,
            state: State::Unknown.as_str().to_owned(),
            state_at: event.event_time,
            engaged: None,
            rating: None,
            confidence: None,
            score: None,
        };
        record.apply(event);
        record
    }

    /// Folds `event` in; the result does not depend on the order events arrive in.
    pub fn apply(&mut self, event: &SuggestionEvent) {
        if self.item.is_none() {
            self.item = event.item.as_ref().map(|i| i.as_str().to_owned());
        }
        self.queue_id = self.queue_id.or(event.queue_id);
        self.confidence = self.confidence.or(event.confidence);
        self.first_seen = self.first_seen.min(event.event_time);
        if event.state == State::Suggested {
            self.suggested_at = Some(
                self.suggested_at
                    .map_or(event.event_time, |at| at.min(event.event_time)),
            );
        }
        match event.implied_engagement() {
            Some(Engagement::Feedback(rating @ (Rating::Positive | Rating::Negative))) => {
                let later = self.rating.as_ref().is_none_or(|(at, _)| event.event_time >= *at);
                if later {
                    self.rating = Some((event.event_time, rating.as_str().to_owned()));
                }
            }
            Some(Engagement::Copied) => self.engaged = Some(self.engaged.unwrap_or(0).max(2)),
            Some(Engagement::Opened) => self.engaged = Some(self.engaged.unwrap_or(0).max(1)),
            Some(Engagement::Dismissed) => self.engaged = Some(self.engaged.unwrap_or(0)),
            _ => {}
        }
        // The state shown is the latest, but `Suggested` never replaces an engagement's.
        let engaged_state = !matches!(self.state.as_str(), "Suggested" | "Unknown");
        let replaces = if event.state == State::Suggested {
            !engaged_state
        } else {
            event.state != State::Unknown && (!engaged_state || event.event_time >= self.state_at)
        };
        if replaces {
            self.state = event.state.as_str().to_owned();
            self.state_at = event.event_time;
        }
    }

    /// The outcome counted for this impression, in half points.
    pub fn outcome(&self) -> HalfPoints {
        match self.rating.as_ref().map(|(_, r)| r.as_str()) {
            Some("Positive") => 2,
            Some("Negative") => 0,
            _ => self.engaged.unwrap_or(0),
        }
    }

    /// The agent turned it down: rated unhelpful, or dismissed without a helpful rating.
    pub fn dismissed(&self) -> bool {
        match self.rating.as_ref().map(|(_, r)| r.as_str()) {
            Some("Negative") => true,
            Some("Positive") => false,
            _ => self.engaged == Some(0),
        }
    }

    pub fn contribution(&self) -> Option<Contribution> {
        Some(Contribution {
            queue: self.queue_id,
            kind: self.kind.clone(),
            item: self.item.clone()?,
            month: MonthKey::of(self.first_seen),
            halves: self.outcome(),
            dismissed: self.dismissed(),
        })
    }

    pub fn suggestion_kind(&self) -> Option<SuggestionKind> {
        SuggestionKind::parse(&self.kind)
    }

    pub fn item_key(&self) -> Option<ItemKey> {
        self.item.as_deref().and_then(ItemKey::parse)
    }
}

/// A summary job sent for a conversation, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum JobTrigger {
    /// The customer's end, delayed by the grace period for a Copilot summary.
    End,
    /// A Copilot summary ready after the end: at once.
    CopilotSummary,
}

/// One conversation as Agent Assist saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ConversationRecord {
    pub intent_id: Option<String>,
    pub intent_name: Option<String>,
    pub intent_confidence: Option<f64>,
    pub intent_at: Option<DateTime<Utc>>,
    /// When the customer's end (not a transfer) or the agent's after-call work arrived first.
    pub ended_at: Option<DateTime<Utc>>,
    /// A Copilot summary made after the disconnect, ready to read.
    pub copilot_summary_ready: bool,
    /// Copilot's errors (`CONVERSATION_TOO_LONG`, ...), for the audit.
    pub copilot_errors: Vec<String>,
    /// Summary jobs sent, at most two (the delayed one at the end, one when Copilot's summary
    /// is ready).
    pub jobs: Vec<JobTrigger>,
}

impl ConversationRecord {
    pub fn apply_intent(&mut self, event: &IntentEvent) {
        if self.intent_at.is_none_or(|at| event.event_time >= at) && event.state != State::Dismissed {
            self.intent_id = event.intent_id.clone();
            self.intent_name = event.intent_name.clone();
            self.intent_confidence = event.confidence;
            self.intent_at = Some(event.event_time);
        }
    }

    /// True when this end ends the conversation (a transfer only ends a leg).
    pub fn apply_end(&mut self, event: &EndEvent) -> bool {
        if event.is_transfer() {
            return false;
        }
        self.ended_at = Some(
            self.ended_at
                .map_or(event.event_time, |at| at.min(event.event_time)),
        );
        true
    }

    pub fn apply_summary(&mut self, event: &SummaryEvent) {
        if event.is_ready_after_disconnect() {
            self.copilot_summary_ready = true;
        } else if let Some(error) = &event.error
            && !self.copilot_errors.contains(error)
        {
            self.copilot_errors.push(error.clone());
        }
    }

    /// The job to send now, if any: at the end (delayed unless Copilot's summary is already
    /// here), or when Copilot's summary arrives after the end. Each trigger once, two at most.
    pub fn job_due(&self) -> Option<JobTrigger> {
        self.ended_at?;
        let due = if self.copilot_summary_ready && !self.jobs.contains(&JobTrigger::CopilotSummary) {
            JobTrigger::CopilotSummary
        } else if !self.jobs.contains(&JobTrigger::End) && self.jobs.is_empty() {
            JobTrigger::End
        } else {
            return None;
        };
        (self.jobs.len() < 2).then_some(due)
    }
}
