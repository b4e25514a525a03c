//! Mention aggregates per (day, media type, product, speaker), each conversation counted exactly
//! once, and the topic aggregates of the Speech & Text Analytics fast path.
//! [`DynamoDbAggregateStore`](super::DynamoDbAggregateStore) keeps them in
//! `MentionAggregatesTable`; [`MemoryAggregateStore`](super::MemoryAggregateStore) in memory.

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;
use chrono::NaiveDate;

use super::model::{AggregateRow, MiningSource, Speaker};
use wrapup_adapters::store::StoreError;
use wrapup_genesys::models::MediaType;

/// One conversation's mentions per (product, speaker).
pub type Mentions = BTreeMap<(String, Speaker), u64>;

/// What one conversation contributes: mentions per (product, speaker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationCount {
    pub conversation_id: String,
    pub date: NaiveDate,
    pub media_type: MediaType,
    pub mentions: Mentions,
}

/// Whether a count changed the aggregates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountOutcome {
    Counted,
    /// A marker was there: counted before, by `run_id`.
    AlreadyCounted {
        run_id: String,
    },
}

#[async_trait]
pub trait AggregateStore: Send + Sync {
    /// The runs that counted each of `conversation_ids` (absent: not counted yet). An id may be
    /// named more than once.
    async fn counted_by(&self, conversation_ids: &[String]) -> Result<HashMap<String, String>, StoreError>;

    /// Adds one conversation's mentions, exactly once: every (product, speaker) with mentions
    /// gains them and one conversation. A conversation counted before (by any run, on any day)
    /// adds nothing and names the run that counted it.
    async fn count(&self, run_id: &str, count: &ConversationCount) -> Result<CountOutcome, StoreError>;

    /// The customer and agent mentions each of `conversation_ids` was counted with, as recorded
    /// with its marker: what a redelivered batch writes as mention rows without downloading the
    /// transcript again. Absent: not counted (or counted before the counts were recorded).
    async fn recorded_mentions(
        &self,
        conversation_ids: &[String],
    ) -> Result<HashMap<String, Mentions>, StoreError>;

    /// Every aggregate row of the days `from..=to` that `source` produced, sorted.
    async fn rows(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        source: MiningSource,
    ) -> Result<Vec<AggregateRow>, StoreError>;

    /// Replaces a day's topic aggregates with Genesys' totals: `(media type, product) -> count`,
    /// as rows of [`Speaker::Any`] whose mentions and conversations are both the count. Setting
    /// rather than adding makes a re-run of the day give the same numbers.
    async fn replace_topic_day(
        &self,
        day: NaiveDate,
        counts: &BTreeMap<(String, String), u64>,
    ) -> Result<(), StoreError>;
}
