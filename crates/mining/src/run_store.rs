//! Mining runs and their checkpoints: the run record an operator reads, one checkpoint per slice
//! and a marker per counted batch. [`DynamoDbRunStore`](super::DynamoDbRunStore) keeps them in
//! `MiningStateTable`; [`MemoryRunStore`](super::MemoryRunStore) in memory for the fast tier.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;

pub use super::run_record::{
    BatchCounters, JobFailure, RunKind, RunRecord, RunStatus, SliceCheckpoint, SliceState,
};
use wrapup_adapters::store::StoreError;

#[async_trait]
pub trait RunStore: Send + Sync {
    /// Creates the run; `false` when a run with this id exists (a duplicate schedule event).
    /// The record is stored as a new run: not planned, every counter zero, no job failures, no
    /// report; its id, kind, window, source, status, slice total and timestamps are kept.
    async fn create(&self, run: &RunRecord) -> Result<bool, StoreError>;

    async fn get(&self, run_id: &str) -> Result<Option<RunRecord>, StoreError>;

    /// Takes the planner lease: one planner per run at a time, and a crashed planner's lease runs
    /// out so the redelivered message can take over. `true` when the run exists, is still
    /// PLANNING and its lease is free, expired or already `owner`'s (then renewed).
    async fn claim_planner(&self, run_id: &str, owner: &str, lease: Duration) -> Result<bool, StoreError>;

    /// Gives the lease back (a continuation message may then plan at once). Nothing happens when
    /// `owner` does not hold it.
    async fn release_planner(&self, run_id: &str, owner: &str) -> Result<(), StoreError>;

    /// Every saved slice checkpoint of the run, by slice index.
    async fn checkpoints(&self, run_id: &str) -> Result<HashMap<u32, SliceCheckpoint>, StoreError>;

    /// Saves a checkpoint that adds nothing to the run (a job was created).
    async fn save_checkpoint(&self, run_id: &str, checkpoint: &SliceCheckpoint) -> Result<(), StoreError>;

    /// A results page was handed to workers: its checkpoint and counters (`batches` planned,
    /// `conversations` seen, one slice done when the checkpoint is DONE), atomically. The counters
    /// are added on every call: a page is counted once because the planner resumes from the
    /// checkpoint written with them, not because the store recognises a repeat.
    async fn record_page(
        &self,
        run_id: &str,
        checkpoint: &SliceCheckpoint,
        batches: u64,
        conversations: u64,
    ) -> Result<(), StoreError>;

    /// A slice's details job failed for good: the checkpoint says so and the run reports it (one
    /// more failed slice, `failure` appended to its job failures), atomically.
    async fn fail_slice(
        &self,
        run_id: &str,
        checkpoint: &SliceCheckpoint,
        failure: &JobFailure,
    ) -> Result<(), StoreError>;

    /// Every slice is planned: workers may now finish the run. PLANNING becomes MINING and the
    /// planner lease is dropped; `None` when the run is missing or not PLANNING (another planner
    /// finished first).
    async fn finish_planning(&self, run_id: &str) -> Result<Option<RunRecord>, StoreError>;

    /// Adds a batch's counters once, whatever the run's status. `None`: the batch was counted
    /// before (a redelivery). An error when the run does not exist.
    async fn complete_batch(
        &self,
        run_id: &str,
        batch_id: &str,
        counters: &BatchCounters,
    ) -> Result<Option<RunRecord>, StoreError>;

    /// Moves a finished run (MINING, planning done, every planned batch done) to REPORTING;
    /// `true` for exactly one caller.
    async fn start_reporting(&self, run_id: &str) -> Result<bool, StoreError>;

    /// The report is out (or could not be built): the run's final status and where it went.
    /// Whatever the run's status; `Conflict` when the run does not exist.
    async fn finish(
        &self,
        run_id: &str,
        status: RunStatus,
        report: &serde_json::Value,
    ) -> Result<(), StoreError>;
}
