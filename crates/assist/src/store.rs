//! Where assist-callback keeps what it learned: records of conversations and suggestions (each
//! with a version for optimistic writes), the month counts the ranking reads, and a marker per
//! event's content key. One write ([`AssistStore::commit`]) puts the marker, the record and the
//! counts together or not at all, so an event counts once however often it comes.

use std::collections::BTreeMap;
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;
use wrapup_adapters::store::StoreError;
use wrapup_core::ids::ConversationId;

use crate::ranking::{Bucket, HalfPoints, MonthKey};
use crate::record::{Contribution, ConversationRecord, SuggestionRecord};

/// A record and the version it was read at (0: not stored yet).
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned<T> {
    pub record: T,
    pub version: u64,
}

/// Whose counts: an item in a queue, a type in a queue, or a type everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CountsKey {
    Item {
        queue: Option<Uuid>,
        kind: String,
        item: String,
    },
    TypeInQueue {
        queue: Option<Uuid>,
        kind: String,
    },
    Type {
        kind: String,
    },
}

/// A change to one month's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delta {
    pub key: CountsKey,
    pub month: MonthKey,
    pub impressions: i64,
    pub halves: HalfPoints,
    pub dismissed: i64,
}

/// The count changes that turn `old`'s contribution into `new`'s, merged by key and month;
/// none when they are the same.
pub fn deltas(old: Option<&Contribution>, new: Option<&Contribution>) -> Vec<Delta> {
    let mut merged: BTreeMap<(CountsKey, MonthKey), [i64; 3]> = BTreeMap::new();
    for (contribution, sign) in [(old, -1), (new, 1)] {
        let Some(c) = contribution else { continue };
        for key in [
            CountsKey::Item {
                queue: c.queue,
                kind: c.kind.clone(),
                item: c.item.clone(),
            },
            CountsKey::TypeInQueue {
                queue: c.queue,
                kind: c.kind.clone(),
            },
            CountsKey::Type { kind: c.kind.clone() },
        ] {
            let entry = merged.entry((key, c.month)).or_default();
            entry[0] += sign;
            entry[1] += sign * c.halves;
            entry[2] += sign * i64::from(c.dismissed);
        }
    }
    merged
        .into_iter()
        .filter(|(_, counts)| counts.iter().any(|c| *c != 0))
        .map(|((key, month), [impressions, halves, dismissed])| Delta {
            key,
            month,
            impressions,
            halves,
            dismissed,
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Suggestion(ConversationId, Versioned<SuggestionRecord>),
    Conversation(ConversationId, Versioned<ConversationRecord>),
}

/// One atomic write.
#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    /// The event's content key: the write fails as a duplicate if it is marked already.
    pub content_key: String,
    /// Until when the marker is kept (longer than Genesys retries an event).
    pub marker_expires: DateTime<Utc>,
    /// The record as it should be, with the version it was read at: the write fails as a
    /// conflict if another writer changed it since.
    pub record: Record,
    pub deltas: Vec<Delta>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Committed {
    Applied,
    /// The content key was marked already: nothing written.
    Duplicate,
    /// The record changed since it was read: nothing written; read again and retry.
    Conflict,
}

#[async_trait]
pub trait AssistStore: Send + Sync {
    async fn suggestion(
        &self,
        conversation: &ConversationId,
        suggestion: &Uuid,
    ) -> Result<Option<Versioned<SuggestionRecord>>, StoreError>;

    async fn conversation(
        &self,
        id: &ConversationId,
    ) -> Result<Option<Versioned<ConversationRecord>>, StoreError>;

    /// Every suggestion of a conversation.
    async fn suggestions(&self, conversation: &ConversationId) -> Result<Vec<SuggestionRecord>, StoreError>;

    /// The month buckets of each key, in the order asked.
    async fn counts(&self, keys: &[CountsKey]) -> Result<Vec<Vec<Bucket>>, StoreError>;

    async fn commit(&self, commit: Commit) -> Result<Committed, StoreError>;

    /// Every month bucket of a queue's (or, with `None`, the queue-less) suggestions of `kind`:
    /// the item's key for an item's counts, `None` for the kind's own.
    async fn queue_counts(
        &self,
        queue: Option<Uuid>,
        kind: &str,
    ) -> Result<Vec<(Option<String>, Bucket)>, StoreError>;
}

/// The store in memory, for the fast test tier and the ranking replay.
#[derive(Default)]
pub struct MemoryAssistStore {
    state: Mutex<MemoryState>,
}

#[derive(Default)]
struct MemoryState {
    markers: BTreeMap<String, DateTime<Utc>>,
    suggestions: BTreeMap<(String, Uuid), Versioned<SuggestionRecord>>,
    conversations: BTreeMap<String, Versioned<ConversationRecord>>,
    counts: BTreeMap<(CountsKey, MonthKey), [i64; 3]>,
}

impl MemoryAssistStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, MemoryState> {
        // A panic elsewhere while holding the lock leaves consistent maps (each commit checks
        // everything before it changes anything).
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many content keys are marked.
    pub fn markers(&self) -> usize {
        self.state().markers.len()
    }
}

#[async_trait]
impl AssistStore for MemoryAssistStore {
    async fn suggestion(
        &self,
        conversation: &ConversationId,
        suggestion: &Uuid,
    ) -> Result<Option<Versioned<SuggestionRecord>>, StoreError> {
        Ok(self
            .state()
            .suggestions
            .get(&(conversation.to_string(), *suggestion))
            .cloned())
    }

    async fn conversation(
        &self,
        id: &ConversationId,
    ) -> Result<Option<Versioned<ConversationRecord>>, StoreError> {
        Ok(self.state().conversations.get(&id.to_string()).cloned())
    }

    async fn suggestions(&self, conversation: &ConversationId) -> Result<Vec<SuggestionRecord>, StoreError> {
        let id = conversation.to_string();
        Ok(self
            .state()
            .suggestions
            .iter()
            .filter(|((c, _), _)| *c == id)
            .map(|(_, v)| v.record.clone())
            .collect())
    }

    async fn counts(&self, keys: &[CountsKey]) -> Result<Vec<Vec<Bucket>>, StoreError> {
        let state = self.state();
        Ok(keys
            .iter()
            .map(|key| {
                state
                    .counts
                    .iter()
                    .filter(|((k, _), _)| k == key)
                    .map(|((_, month), [impressions, halves, dismissed])| Bucket {
                        month: *month,
                        impressions: *impressions,
                        halves: *halves,
                        dismissed: *dismissed,
                    })
                    .collect()
            })
            .collect())
    }

    async fn commit(&self, commit: Commit) -> Result<Committed, StoreError> {
        let mut state = self.state();
        if state.markers.contains_key(&commit.content_key) {
            return Ok(Committed::Duplicate);
        }
        let current = match &commit.record {
            Record::Suggestion(c, v) => state
                .suggestions
                .get(&(c.to_string(), v.record.suggestion_id))
                .map_or(0, |s| s.version),
            Record::Conversation(c, _) => state.conversations.get(&c.to_string()).map_or(0, |s| s.version),
        };
        let expected = match &commit.record {
            Record::Suggestion(_, v) => v.version,
            Record::Conversation(_, v) => v.version,
        };
        if current != expected {
            return Ok(Committed::Conflict);
        }
        state.markers.insert(commit.content_key, commit.marker_expires);
        match commit.record {
            Record::Suggestion(c, v) => {
                let key = (c.to_string(), v.record.suggestion_id);
                state.suggestions.insert(
                    key,
                    Versioned {
                        record: v.record,
                        version: expected + 1,
                    },
                );
            }
            Record::Conversation(c, v) => {
                state.conversations.insert(
                    c.to_string(),
                    Versioned {
                        record: v.record,
                        version: expected + 1,
                    },
                );
            }
        }
        for delta in commit.deltas {
            let entry = state.counts.entry((delta.key, delta.month)).or_default();
            entry[0] += delta.impressions;
            entry[1] += delta.halves;
            entry[2] += delta.dismissed;
        }
        Ok(Committed::Applied)
    }

    async fn queue_counts(
        &self,
        queue: Option<Uuid>,
        kind: &str,
    ) -> Result<Vec<(Option<String>, Bucket)>, StoreError> {
        let state = self.state();
        Ok(state
            .counts
            .iter()
            .filter_map(|((key, month), [impressions, halves, dismissed])| {
                let item = match key {
                    CountsKey::Item {
                        queue: q,
                        kind: k,
                        item,
                    } if *q == queue && k == kind => Some(item.clone()),
                    CountsKey::TypeInQueue { queue: q, kind: k } if *q == queue && k == kind => None,
                    _ => return None,
                };
                Some((
                    item,
                    Bucket {
                        month: *month,
                        impressions: *impressions,
                        halves: *halves,
                        dismissed: *dismissed,
                    },
                ))
            })
            .collect())
    }
}
