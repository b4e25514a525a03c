//! The mining stores in memory, with the DynamoDB stores' semantics (the same conditions, the same
//! once-only counting): the fast tier runs the planner, the workers and the handler on them without
//! moto, and `shared/tests/it/{store_mining_runs,mining_aggregates}.rs` run every case against both.
//! Retention is not modelled: the DynamoDB stores only stamp a TTL and never read it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;

use super::aggregates::{AggregateStore, ConversationCount, CountOutcome, Mentions};
use super::model::{AggregateRow, MiningSource, Speaker};
use super::run_store::{
    BatchCounters, JobFailure, RunRecord, RunStatus, RunStore, SliceCheckpoint, SliceState,
};
use wrapup_adapters::store::memory::{lease_end, lock, now_ms};
use wrapup_adapters::store::{StoreError, now_timestamp};

/// A run and its planner lease: (owner, lease end in epoch ms).
#[derive(Debug)]
struct Run {
    record: RunRecord,
    planner: Option<(String, i64)>,
}

#[derive(Debug, Default)]
struct Runs {
    runs: HashMap<String, Run>,
    /// (run, slice index) -> checkpoint. `save_checkpoint` writes one whether or not the run
    /// exists, as DynamoDB's put does; a page or a failed slice only with its run.
    checkpoints: HashMap<(String, u32), SliceCheckpoint>,
    /// (run, batch) of every counted batch.
    batches: HashSet<(String, String)>,
}

impl Runs {
    /// Saves `checkpoint` and changes the run's record, both or neither (DynamoDB's transaction
    /// of a checkpoint put and a run update conditioned on the run existing).
    fn checkpoint_and(
        &mut self,
        run_id: &str,
        checkpoint: &SliceCheckpoint,
        change: impl FnOnce(&mut RunRecord),
    ) -> Result<(), StoreError> {
        let Some(run) = self.runs.get_mut(run_id) else {
            return Err(StoreError::Conflict(format!("run {run_id} does not exist")));
        };
        change(&mut run.record);
        run.record.updated_at = now_timestamp();
        self.checkpoints
            .insert((run_id.to_owned(), checkpoint.index), checkpoint.clone());
        Ok(())
    }
}

/// [`RunStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryRunStore {
    state: Mutex<Runs>,
}

impl MemoryRunStore {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl RunStore for MemoryRunStore {
    async fn create(&self, run: &RunRecord) -> Result<bool, StoreError> {
        let mut state = lock(&self.state);
        if state.runs.contains_key(&run.run_id) {
            return Ok(false);
        }
        // What DynamoDB's item holds: a new run, whatever the record's progress said.
        let record = RunRecord {
            status: run.status,
            slices_total: run.slices_total,
            created_at: run.created_at.clone(),
            updated_at: run.updated_at.clone(),
            ..RunRecord::new(run.run_id.clone(), run.kind, run.window.clone(), run.source)
        };
        state.runs.insert(
            run.run_id.clone(),
            Run {
                record,
                planner: None,
            },
        );
        Ok(true)
    }

    async fn get(&self, run_id: &str) -> Result<Option<RunRecord>, StoreError> {
        Ok(lock(&self.state).runs.get(run_id).map(|run| run.record.clone()))
    }

    async fn claim_planner(&self, run_id: &str, owner: &str, lease: Duration) -> Result<bool, StoreError> {
        let mut state = lock(&self.state);
        let Some(run) = state.runs.get_mut(run_id) else {
            return Ok(false);
        };
        let now = now_ms();
        let free = match &run.planner {
            None => true,
            Some((holder, until)) => *until < now || holder == owner,
        };
        if run.record.status != RunStatus::Planning || !free {
            return Ok(false);
        }
        run.planner = Some((owner.to_owned(), lease_end(lease)));
        Ok(true)
    }

    async fn release_planner(&self, run_id: &str, owner: &str) -> Result<(), StoreError> {
        if let Some(run) = lock(&self.state).runs.get_mut(run_id)
            && run.planner.as_ref().is_some_and(|(holder, _)| holder == owner)
        {
            run.planner = None;
        }
        Ok(())
    }

    async fn checkpoints(&self, run_id: &str) -> Result<HashMap<u32, SliceCheckpoint>, StoreError> {
        Ok(lock(&self.state)
            .checkpoints
            .iter()
            .filter(|((run, _), _)| run == run_id)
            .map(|((_, index), checkpoint)| (*index, checkpoint.clone()))
            .collect())
    }

    async fn save_checkpoint(&self, run_id: &str, checkpoint: &SliceCheckpoint) -> Result<(), StoreError> {
        lock(&self.state)
            .checkpoints
            .insert((run_id.to_owned(), checkpoint.index), checkpoint.clone());
        Ok(())
    }

    async fn record_page(
        &self,
        run_id: &str,
        checkpoint: &SliceCheckpoint,
        batches: u64,
        conversations: u64,
    ) -> Result<(), StoreError> {
        let done = u64::from(checkpoint.state == SliceState::Done);
        lock(&self.state).checkpoint_and(run_id, checkpoint, |run| {
            run.batches_planned = run.batches_planned.saturating_add(batches);
            run.conversations_seen = run.conversations_seen.saturating_add(conversations);
            run.slices_done = run.slices_done.saturating_add(done);
        })
    }

    async fn fail_slice(
        &self,
        run_id: &str,
        checkpoint: &SliceCheckpoint,
        failure: &JobFailure,
    ) -> Result<(), StoreError> {
        lock(&self.state).checkpoint_and(run_id, checkpoint, |run| {
            run.slices_failed = run.slices_failed.saturating_add(1);
            run.job_failures.push(failure.clone());
        })
    }

    async fn finish_planning(&self, run_id: &str) -> Result<Option<RunRecord>, StoreError> {
        let mut state = lock(&self.state);
        match state.runs.get_mut(run_id) {
            Some(run) if run.record.status == RunStatus::Planning => {
                run.record.planning_done = true;
                run.record.status = RunStatus::Mining;
                run.record.updated_at = now_timestamp();
                run.planner = None;
                Ok(Some(run.record.clone()))
            }
            _ => Ok(None),
        }
    }

    async fn complete_batch(
        &self,
        run_id: &str,
        batch_id: &str,
        counters: &BatchCounters,
    ) -> Result<Option<RunRecord>, StoreError> {
        let mut state = lock(&self.state);
        let marker = (run_id.to_owned(), batch_id.to_owned());
        if state.batches.contains(&marker) {
            return Ok(None);
        }
        let Some(run) = state.runs.get_mut(run_id) else {
            return Err(StoreError::Conflict(format!(
                "cannot count batch {batch_id}: run {run_id} does not exist"
            )));
        };
        let record = &mut run.record;
        record.batches_done = record.batches_done.saturating_add(1);
        record.mined = record.mined.saturating_add(counters.mined);
        record.already_counted = record.already_counted.saturating_add(counters.already_counted);
        record.without_transcript = record
            .without_transcript
            .saturating_add(counters.without_transcript);
        record.failed = record.failed.saturating_add(counters.failed);
        record.updated_at = now_timestamp();
        let record = record.clone();
        state.batches.insert(marker);
        Ok(Some(record))
    }

    async fn start_reporting(&self, run_id: &str) -> Result<bool, StoreError> {
        let mut state = lock(&self.state);
        match state.runs.get_mut(run_id) {
            Some(Run { record, .. })
                if record.status == RunStatus::Mining
                    && record.planning_done
                    && record.batches_done >= record.batches_planned =>
            {
                record.status = RunStatus::Reporting;
                record.updated_at = now_timestamp();
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn finish(
        &self,
        run_id: &str,
        status: RunStatus,
        report: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let mut state = lock(&self.state);
        let Some(run) = state.runs.get_mut(run_id) else {
            return Err(StoreError::Conflict(format!("run {run_id} does not exist")));
        };
        let now = now_timestamp();
        run.record.status = status;
        run.record.report = Some(report.clone());
        run.record.completed_at = Some(now.clone());
        run.record.updated_at = now;
        Ok(())
    }
}

#[derive(Debug, Default)]
struct Aggregates {
    /// conversation -> the run that counted it.
    markers: HashMap<String, String>,
    /// conversation -> its customer and agent counts, as the DynamoDB marker records them.
    recorded: HashMap<String, Mentions>,
    /// (day, media type, product, speaker) -> (mentions, conversations), from transcripts.
    counted: BTreeMap<(NaiveDate, String, String, Speaker), (u64, u64)>,
    /// (day, media type, product) -> communications, from topic aggregates.
    topics: BTreeMap<(NaiveDate, String, String), u64>,
}

/// [`AggregateStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryAggregateStore {
    state: Mutex<Aggregates>,
}

impl MemoryAggregateStore {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl AggregateStore for MemoryAggregateStore {
    async fn counted_by(&self, conversation_ids: &[String]) -> Result<HashMap<String, String>, StoreError> {
        let state = lock(&self.state);
        Ok(conversation_ids
            .iter()
            .filter_map(|id| Some((id.clone(), state.markers.get(id)?.clone())))
            .collect())
    }

    async fn count(&self, run_id: &str, count: &ConversationCount) -> Result<CountOutcome, StoreError> {
        let mut state = lock(&self.state);
        if let Some(previous) = state.markers.get(&count.conversation_id) {
            return Ok(CountOutcome::AlreadyCounted {
                run_id: previous.clone(),
            });
        }
        state
            .markers
            .insert(count.conversation_id.clone(), run_id.to_owned());
        let recorded: Mentions = count
            .mentions
            .iter()
            .filter(|((_, speaker), mentions)| *speaker != Speaker::Any && **mentions > 0)
            .map(|(key, mentions)| (key.clone(), *mentions))
            .collect();
        state.recorded.insert(count.conversation_id.clone(), recorded);
        let media = count.media_type.as_str();
        for ((product, speaker), mentions) in count.mentions.iter().filter(|(_, m)| **m > 0) {
            let row = state
                .counted
                .entry((count.date, media.to_owned(), product.clone(), *speaker))
                .or_default();
            row.0 = row.0.saturating_add(*mentions);
            row.1 = row.1.saturating_add(1);
        }
        Ok(CountOutcome::Counted)
    }

    async fn recorded_mentions(
        &self,
        conversation_ids: &[String],
    ) -> Result<HashMap<String, Mentions>, StoreError> {
        let state = lock(&self.state);
        Ok(conversation_ids
            .iter()
            .filter_map(|id| Some((id.clone(), state.recorded.get(id)?.clone())))
            .collect())
    }

    async fn rows(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        source: MiningSource,
    ) -> Result<Vec<AggregateRow>, StoreError> {
        let state = lock(&self.state);
        let days = |date: &NaiveDate| (from..=to).contains(date);
        let row =
            |date: NaiveDate, media: &str, product: &str, speaker, (mentions, conversations)| AggregateRow {
                date,
                media_type: media.to_owned(),
                product_id: product.to_owned(),
                speaker,
                mentions,
                conversations,
            };
        let mut rows: Vec<AggregateRow> = match source {
            MiningSource::Transcripts => state
                .counted
                .iter()
                .filter(|((date, ..), _)| days(date))
                .map(|((date, media, product, speaker), counts)| {
                    row(*date, media, product, *speaker, *counts)
                })
                .collect(),
            MiningSource::Topics => state
                .topics
                .iter()
                .filter(|((date, ..), _)| days(date))
                .map(|((date, media, product), count)| {
                    row(*date, media, product, Speaker::Any, (*count, *count))
                })
                .collect(),
        };
        rows.sort();
        Ok(rows)
    }

    async fn replace_topic_day(
        &self,
        day: NaiveDate,
        counts: &BTreeMap<(String, String), u64>,
    ) -> Result<(), StoreError> {
        let mut state = lock(&self.state);
        state.topics.retain(|(date, ..), _| *date != day);
        for ((media, product), count) in counts {
            state.topics.insert((day, media.clone(), product.clone()), *count);
        }
        Ok(())
    }
}
