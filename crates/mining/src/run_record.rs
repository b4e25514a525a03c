//! What a run is: its record (what an operator reads), slice checkpoints and batch counters.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::MiningSource;
use super::window::MiningWindow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RunKind {
    Scheduled,
    Backfill,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RunStatus {
    Planning,
    Mining,
    Reporting,
    Completed,
    /// Finished, but some slices' details jobs failed or some conversations could not be mined:
    /// `jobFailures` and the counters say which.
    CompletedWithErrors,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planning => "PLANNING",
            Self::Mining => "MINING",
            Self::Reporting => "REPORTING",
            Self::Completed => "COMPLETED",
            Self::CompletedWithErrors => "COMPLETED_WITH_ERRORS",
        }
    }

    pub(crate) fn parse(value: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(value.to_owned())).ok()
    }
}

/// A details job that did not deliver: reported in the run record and the trend report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobFailure {
    pub day: NaiveDate,
    pub job_id: Option<String>,
    /// `FAILED`, `EXPIRED`, `CANCELLED` or `ERROR` (the API refused the job).
    pub state: String,
    pub message: String,
    pub at: DateTime<Utc>,
}

/// What an operator reads about a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunRecord {
    pub run_id: String,
    pub kind: RunKind,
    pub window: MiningWindow,
    pub source: MiningSource,
    pub status: RunStatus,
    pub planning_done: bool,
    pub slices_total: u64,
    pub slices_done: u64,
    pub slices_failed: u64,
    pub batches_planned: u64,
    pub batches_done: u64,
    pub conversations_seen: u64,
    pub mined: u64,
    pub already_counted: u64,
    pub without_transcript: u64,
    pub failed: u64,
    pub job_failures: Vec<JobFailure>,
    pub created_at: String,
    pub updated_at: String,
    pub completed_at: Option<String>,
    /// Where the report went and what the dashboard said (JSON of `Published`).
    pub report: Option<serde_json::Value>,
}

impl RunRecord {
    pub fn new(run_id: String, kind: RunKind, window: MiningWindow, source: MiningSource) -> Self {
        let now = wrapup_adapters::store::now_timestamp();
        Self {
            run_id,
            kind,
            slices_total: u64::from(window.day_count()),
            window,
            source,
            status: RunStatus::Planning,
            planning_done: false,
            slices_done: 0,
            slices_failed: 0,
            batches_planned: 0,
            batches_done: 0,
            conversations_seen: 0,
            mined: 0,
            already_counted: 0,
            without_transcript: 0,
            failed: 0,
            job_failures: Vec::new(),
            created_at: now.clone(),
            updated_at: now,
            completed_at: None,
            report: None,
        }
    }

    /// Planning finished and every planned batch has been mined.
    pub fn all_batches_done(&self) -> bool {
        self.planning_done && self.batches_done >= self.batches_planned
    }

    pub fn had_errors(&self) -> bool {
        self.slices_failed > 0 || self.failed > 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SliceState {
    Pending,
    Paging,
    Done,
    Failed,
}

/// Where planning of one slice stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SliceCheckpoint {
    pub index: u32,
    pub day: NaiveDate,
    pub state: SliceState,
    pub job_id: Option<String>,
    /// Bumped when an expired job is replaced, so the new job's batches get new ids.
    pub generation: u32,
    /// The cursor of the next results page; `None` before the first page.
    pub cursor: Option<String>,
    pub pages: u32,
    pub conversations: u64,
}

impl SliceCheckpoint {
    pub fn pending(index: u32, day: NaiveDate) -> Self {
        Self {
            index,
            day,
            state: SliceState::Pending,
            job_id: None,
            generation: 0,
            cursor: None,
            pages: 0,
            conversations: 0,
        }
    }
}

/// What one batch adds to its run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCounters {
    pub mined: u64,
    pub already_counted: u64,
    pub without_transcript: u64,
    pub failed: u64,
}
