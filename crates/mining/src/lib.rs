//! Archive mining: plan a window into details jobs, fan conversation batches out, count product
//! mentions per (day, media type, product, speaker) exactly once, and publish trend reports.

mod aggregates;
mod aggregates_dynamodb;
mod count;
mod memory;
pub mod mention_parquet;
pub mod mention_rows;
mod messages;
mod model;
mod planner;
mod planner_deps;
pub mod publish;
pub mod report;
mod run_lifecycle;
mod run_record;
mod run_store;
mod run_store_dynamodb;
mod topics;
mod window;
mod worker;

pub use aggregates::{AggregateStore, ConversationCount, CountOutcome, Mentions};
pub use aggregates_dynamodb::DynamoDbAggregateStore;
pub use count::MentionCounter;
pub use memory::{MemoryAggregateStore, MemoryRunStore};
pub use mention_rows::{MENTIONS_PREFIX, MentionFilesWritten, MentionRow};
pub use messages::{
    BackfillRequest, DEFAULT_BATCH_SIZE, MINING_MESSAGE_TYPE, MINING_MESSAGE_VERSION, MiningMessage,
    WorkBatch,
};
pub use model::{AggregateRow, MiningSource, Speaker};
pub use planner::{PlanOutcome, plan_run};
pub use planner_deps::PlannerDeps;
pub use run_lifecycle::{ReportDeps, finish_run, run_id, start_run};
pub use run_store::{
    BatchCounters, JobFailure, RunKind, RunRecord, RunStatus, RunStore, SliceCheckpoint, SliceState,
};
pub use run_store_dynamodb::DynamoDbRunStore;
pub use window::{ConversationRef, MAX_WINDOW_DAYS, MiningWindow, Slice, WindowError, parse_time_zone};
pub use worker::{BatchResult, MediaCounters, WorkerDeps, mine_batch};

/// Why a mining step could not finish; the message names what failed, never transcript text.
#[derive(Debug, thiserror::Error)]
pub enum MiningError {
    #[error(transparent)]
    Store(#[from] wrapup_adapters::store::StoreError),
    #[error(transparent)]
    Queue(#[from] wrapup_adapters::queue::QueueError),
    #[error(transparent)]
    Genesys(#[from] wrapup_genesys::GenesysError),
    #[error(transparent)]
    Publish(#[from] publish::PublishError),
    #[error(transparent)]
    MentionFile(#[from] mention_parquet::MentionFileError),
    #[error("run {0} does not exist")]
    UnknownRun(String),
    /// A queue message this build cannot read.
    #[error("unreadable message: {0}")]
    Unreadable(String),
    /// Some conversations of a batch failed and attempts remain.
    #[error("{0} conversation(s) failed; the batch will be delivered again")]
    Retry(usize),
}
