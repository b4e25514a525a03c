//! One event, exactly once, in any order: the record is read, the event folded in, and the
//! record, the event's marker and the count changes written in one atomic commit that fails on
//! a duplicate (nothing changes) or on a concurrent change (read again and retry). A
//! conversation's end and Copilot's summary also start the post-call summary (through
//! [`EndOfConversation`]): the job is sent before the commit records it, so a crash between the two
//! sends it again on the retry, which summary-api answers as superseded (one request key).

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::{info, warn};
use wrapup_adapters::store::StoreError;
use wrapup_core::ids::ConversationId;
use wrapup_genesys::models::suggestions::Suggestion;

use crate::event::{AssistEvent, SuggestionEvent};
use crate::ranking::RankingConfig;
use crate::reconcile;
use crate::record::{ConversationRecord, JobTrigger, SuggestionRecord};
use crate::store::{AssistStore, Commit, Committed, CountsKey, Record, Versioned, deltas};

/// How events are processed.
#[derive(Debug, Clone, PartialEq)]
pub struct AssistConfig {
    /// How long a content key is remembered: longer than Genesys (4 days), EventBridge (24 h)
    /// and Lambda's asynchronous retries (6 h) together.
    pub marker_ttl: Duration,
    pub ranking: RankingConfig,
    /// Send a summary job for every finished conversation (`WRAPUP_ASSIST_AUTO_SUMMARY`).
    pub auto_summary: bool,
    /// How long the end's job waits for a Copilot summary (`DelaySeconds`, at most 900 s).
    pub end_grace: Duration,
    /// No summary job for an event older than this (a replay from the archive).
    pub job_max_age: Duration,
}

impl Default for AssistConfig {
    fn default() -> Self {
        Self {
            marker_ttl: Duration::from_secs(7 * 86_400),
            ranking: RankingConfig::default(),
            auto_summary: false,
            end_grace: Duration::from_secs(120),
            job_max_age: Duration::from_secs(5 * 86_400),
        }
    }
}

/// What became of a summary job's sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobSent {
    Sent,
    /// Not sent, and never will be for this conversation (no CRM case id): the reason.
    Skipped(&'static str),
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Genesys or SQS failed for now: the event comes back.
    #[error("the summary job could not be sent now: {0}")]
    Transient(String),
}

/// What the end of a conversation asks of the world outside the store: Genesys' list of its
/// suggestions, and the post-call summary job.
#[async_trait]
pub trait EndOfConversation: Send + Sync {
    /// Sends the post-call summary job of a conversation, delivered after `delay`.
    async fn send_summary_job(
        &self,
        conversation: &ConversationId,
        delay: Duration,
    ) -> Result<JobSent, JobError>;

    /// Every suggestion Genesys lists for the conversation; `None` when it has no Copilot.
    async fn listed_suggestions(
        &self,
        _conversation: &ConversationId,
    ) -> Result<Option<Vec<Suggestion>>, JobError> {
        Ok(None)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    Applied { job: Option<(JobTrigger, JobSent)> },
    Duplicate,
}

#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Job(#[from] JobError),
    /// Other writers kept changing the record: the event comes back.
    #[error("the record kept changing under concurrent events")]
    Contended,
}

/// Optimistic writes tried before the event is handed back to the queue.
const ATTEMPTS: usize = 5;

pub async fn handle(
    event: &AssistEvent,
    store: &dyn AssistStore,
    jobs: &dyn EndOfConversation,
    config: &AssistConfig,
    now: DateTime<Utc>,
) -> Result<Handled, ProcessError> {
    if let AssistEvent::Suggestion(e) = event {
        return suggestion(e, store, config, now).await;
    }
    let expires = marker_expiry(config, now);
    for _ in 0..ATTEMPTS {
        let id = event.conversation_id();
        let old = store.conversation(id).await?;
        let version = old.as_ref().map_or(0, |v| v.version);
        let mut record = old.map(|v| v.record).unwrap_or_default();
        let was_ended = record.ended_at.is_some();
        match event {
            AssistEvent::Intent(e) => record.apply_intent(e),
            AssistEvent::End(e) => {
                record.apply_end(e);
            }
            AssistEvent::Summary(e) => record.apply_summary(e),
            AssistEvent::Suggestion(_) => {}
        }
        if let (AssistEvent::End(_), false, Some(ended)) = (event, was_ended, record.ended_at) {
            // Before the end is recorded, so a failure here brings the event back to try again.
            reconcile(*id, ended, jobs, store, config, now).await?;
        }
        let fresh = event
            .event_time()
            .is_none_or(|at| (now - at).to_std().unwrap_or_default() <= config.job_max_age);
        let job = match record.job_due() {
            Some(trigger) if config.auto_summary && fresh => {
                let delay = match trigger {
                    JobTrigger::End => config.end_grace,
                    JobTrigger::CopilotSummary => Duration::ZERO,
                };
                let sent = jobs.send_summary_job(id, delay).await?;
                record.jobs.push(trigger);
                Some((trigger, sent))
            }
            _ => None,
        };
        let commit = Commit {
            content_key: event.content_key(),
            marker_expires: expires,
            record: Record::Conversation(*id, Versioned { record, version }),
            deltas: Vec::new(),
        };
        match store.commit(commit).await? {
            Committed::Applied => {
                if let Some((trigger, sent)) = &job {
                    info!(conversation_id = %id, ?trigger, ?sent, "summary job");
                }
                return Ok(Handled::Applied { job });
            }
            Committed::Duplicate => return Ok(Handled::Duplicate),
            Committed::Conflict => continue,
        }
    }
    warn!(conversation_id = %event.conversation_id(), "record contended; the event comes back");
    Err(ProcessError::Contended)
}

/// Until when an event's marker is kept.
fn marker_expiry(config: &AssistConfig, now: DateTime<Utc>) -> DateTime<Utc> {
    now + chrono::Duration::from_std(config.marker_ttl).unwrap_or(chrono::Duration::days(7))
}

/// One suggestion event: read, fold, commit; again on a conflict.
async fn suggestion(
    event: &SuggestionEvent,
    store: &dyn AssistStore,
    config: &AssistConfig,
    now: DateTime<Utc>,
) -> Result<Handled, ProcessError> {
    let key = event.content_key();
    let expires = marker_expiry(config, now);
    for _ in 0..ATTEMPTS {
        let commit = suggestion_commit(event, key.clone(), expires, store, config, now).await?;
        match store.commit(commit).await? {
            Committed::Applied => return Ok(Handled::Applied { job: None }),
            Committed::Duplicate => return Ok(Handled::Duplicate),
            Committed::Conflict => continue,
        }
    }
    warn!(conversation_id = %event.conversation_id, "suggestion contended; the event comes back");
    Err(ProcessError::Contended)
}

/// What Genesys lists for the conversation at its (first) end, as the events that would have
/// said it: suggestions the events missed count their impressions and engagements.
async fn reconcile(
    id: ConversationId,
    ended: DateTime<Utc>,
    jobs: &dyn EndOfConversation,
    store: &dyn AssistStore,
    config: &AssistConfig,
    now: DateTime<Utc>,
) -> Result<(), ProcessError> {
    let Some(listed) = jobs.listed_suggestions(&id).await? else {
        return Ok(());
    };
    let mut filled = 0;
    for suggestion_listed in &listed {
        for event in reconcile::events_of(id, suggestion_listed, ended) {
            if let Handled::Applied { .. } = suggestion(&event, store, config, now).await? {
                filled += 1;
            }
        }
    }
    info!(conversation_id = %id, listed = listed.len(), filled, "suggestions reconciled at the end");
    Ok(())
}

async fn suggestion_commit(
    event: &SuggestionEvent,
    content_key: String,
    marker_expires: DateTime<Utc>,
    store: &dyn AssistStore,
    config: &AssistConfig,
    now: DateTime<Utc>,
) -> Result<Commit, StoreError> {
    let old = store
        .suggestion(&event.conversation_id, &event.suggestion_id)
        .await?;
    let version = old.as_ref().map_or(0, |v| v.version);
    let before = old.as_ref().and_then(|v| v.record.contribution());
    let mut record = match old {
        Some(v) => {
            let mut record = v.record;
            record.apply(event);
            record
        }
        None => SuggestionRecord::new(event),
    };
    if record.score.is_none()
        && record.suggested_at.is_some()
        && let Some(item) = record.item.clone()
    {
        let keys = [
            CountsKey::Item {
                queue: record.queue_id,
                kind: record.kind.clone(),
                item,
            },
            CountsKey::TypeInQueue {
                queue: record.queue_id,
                kind: record.kind.clone(),
            },
            CountsKey::Type {
                kind: record.kind.clone(),
            },
        ];
        let counts = store.counts(&keys).await?;
        let weigh = |i: usize| {
            config
                .ranking
                .weigh(counts.get(i).map(Vec::as_slice).unwrap_or_default(), now)
        };
        record.score = Some(
            config
                .ranking
                .score(record.confidence, weigh(0), weigh(1), weigh(2)),
        );
    }
    let after = record.contribution();
    Ok(Commit {
        content_key,
        marker_expires,
        deltas: deltas(before.as_ref(), after.as_ref()),
        record: Record::Suggestion(event.conversation_id, Versioned { record, version }),
    })
}

/// The ranked suggestions of a conversation: by score, the later suggestion first on a tie.
pub fn ranked(mut suggestions: Vec<SuggestionRecord>) -> Vec<SuggestionRecord> {
    suggestions.sort_by(|a, b| {
        let score = |s: &SuggestionRecord| s.score.map_or(f64::MIN, |s| s.score);
        score(b)
            .total_cmp(&score(a))
            .then(b.suggested_at.cmp(&a.suggested_at))
            .then(a.suggestion_id.cmp(&b.suggestion_id))
    });
    suggestions
}

/// A conversation's record as stored, for answers and tests.
pub async fn conversation(
    store: &dyn AssistStore,
    id: &ConversationId,
) -> Result<Option<ConversationRecord>, StoreError> {
    Ok(store.conversation(id).await?.map(|v| v.record))
}
