//! [`AssistStore`] in the assist table (`template.yaml`, `AssistTable`):
//! - a conversation: `pk = conv#<id>`, `sk = conv`; each of its suggestions: `sk = sugg#<id>`;
//!   the record as JSON (ids, states, times, scores) and its `version`;
//! - an event's marker: `pk = seen#<content key>`, `sk = seen`, kept until its `ttl`;
//! - counts: `pk = counts#<queue or none>#<kind>`, `sk = item#<item>#<month>` or `type#<month>`,
//!   and `pk = counts#*#<kind>`, `sk = type#<month>` for a type everywhere: `impressions`,
//!   `halves` and `dismissed`, added to. A type's counts, which every suggestion of the kind
//!   writes, are spread over [`TYPE_SHARDS`] items (`type#<month>#<shard>`, the shard from the
//!   event's content key) so that concurrent events seldom write the same item; reads add them.
//!
//! A commit is one `TransactWriteItems`: the marker put (`attribute_not_exists`), the record put
//! (its version unchanged), the count updates (`ADD`).

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem, Update};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use uuid::Uuid;
use wrapup_adapters::store::StoreError;
use wrapup_adapters::store::item::{Item, n, optional_n, optional_s, query_all, s, sdk_error};
use wrapup_core::ids::ConversationId;

use crate::ranking::{Bucket, MonthKey};
use crate::record::{ConversationRecord, SuggestionRecord};
use crate::store::{AssistStore, Commit, Committed, CountsKey, Record, Versioned};

const PK: &str = "pk";
/// Items a type's month counts are spread over.
pub const TYPE_SHARDS: u8 = 8;
const SK: &str = "sk";

pub struct DynamoDbAssistStore {
    client: Client,
    table: String,
    /// How long records and counts are kept after their last change.
    retention: Duration,
}

impl DynamoDbAssistStore {
    pub fn new(client: Client, table: impl Into<String>, retention: Duration) -> Self {
        Self {
            client,
            table: table.into(),
            retention,
        }
    }

    fn ttl(&self, at: DateTime<Utc>) -> AttributeValue {
        let secs = i64::try_from(self.retention.as_secs()).unwrap_or(i64::MAX / 2);
        n(at.timestamp().saturating_add(secs))
    }

    async fn record<T: DeserializeOwned>(
        &self,
        pk: String,
        sk: String,
    ) -> Result<Option<Versioned<T>>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| sdk_error("GetItem", e))?;
        output.item.as_ref().map(versioned).transpose()
    }

    fn record_put<T: Serialize>(
        &self,
        pk: String,
        sk: String,
        record: &Versioned<T>,
    ) -> Result<TransactWriteItem, StoreError> {
        let json = serde_json::to_string(&record.record)
            .map_err(|e| StoreError::Malformed(format!("record cannot be encoded: {e}")))?;
        let version = i64::try_from(record.version).unwrap_or(i64::MAX - 1);
        let item: Item = HashMap::from([
            (PK.to_owned(), s(pk)),
            (SK.to_owned(), s(sk)),
            ("record".to_owned(), s(json)),
            ("version".to_owned(), n(version + 1)),
            ("ttl".to_owned(), self.ttl(Utc::now())),
        ]);
        let put = Put::builder().table_name(&self.table).set_item(Some(item));
        let put = if record.version == 0 {
            put.condition_expression("attribute_not_exists(pk)")
        } else {
            put.condition_expression("version = :v")
                .expression_attribute_values(":v", n(version))
        };
        let put = put.build().map_err(|e| StoreError::Malformed(e.to_string()))?;
        Ok(TransactWriteItem::builder().put(put).build())
    }
}

fn conversation_pk(id: &ConversationId) -> String {
    format!("conv#{id}")
}

fn counts_pk_sk(key: &CountsKey) -> (String, String) {
    let queue = |q: &Option<Uuid>| q.map_or_else(|| "none".to_owned(), |q| q.to_string());
    match key {
        CountsKey::Item { queue: q, kind, item } => {
            (format!("counts#{}#{kind}", queue(q)), format!("item#{item}#"))
        }
        CountsKey::TypeInQueue { queue: q, kind } => {
            (format!("counts#{}#{kind}", queue(q)), "type#".to_owned())
        }
        CountsKey::Type { kind } => (format!("counts#*#{kind}"), "type#".to_owned()),
    }
}

/// A count item's sort key: an item's month, or a type's month and shard.
fn count_sk(key: &CountsKey, prefix: &str, month: MonthKey, shard: u8) -> String {
    match key {
        CountsKey::Item { .. } => format!("{prefix}{month}"),
        CountsKey::TypeInQueue { .. } | CountsKey::Type { .. } => format!("{prefix}{month}#{shard}"),
    }
}

/// The month of a count item's sort key after its prefix (`2026-12`, or `2026-12#3` sharded).
fn month_of(rest: &str) -> Option<MonthKey> {
    MonthKey::parse(rest.split('#').next().unwrap_or(rest))
}

fn versioned<T: DeserializeOwned>(item: &Item) -> Result<Versioned<T>, StoreError> {
    let json =
        optional_s(item, "record")?.ok_or_else(|| StoreError::Malformed("record is missing".into()))?;
    let record = serde_json::from_str(&json)
        .map_err(|e| StoreError::Malformed(format!("record is not the expected JSON: {e}")))?;
    let version = optional_n(item, "version")?.unwrap_or(0);
    Ok(Versioned {
        record,
        version: u64::try_from(version).unwrap_or(0),
    })
}

#[async_trait]
impl AssistStore for DynamoDbAssistStore {
    async fn suggestion(
        &self,
        conversation: &ConversationId,
        suggestion: &Uuid,
    ) -> Result<Option<Versioned<SuggestionRecord>>, StoreError> {
        self.record(conversation_pk(conversation), format!("sugg#{suggestion}"))
            .await
    }

    async fn conversation(
        &self,
        id: &ConversationId,
    ) -> Result<Option<Versioned<ConversationRecord>>, StoreError> {
        self.record(conversation_pk(id), "conv".to_owned()).await
    }

    async fn suggestions(&self, conversation: &ConversationId) -> Result<Vec<SuggestionRecord>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(conversation_pk(conversation)))
            .expression_attribute_values(":prefix", s("sugg#"))
            .consistent_read(true);
        query_all(query)
            .await?
            .iter()
            .map(|item| versioned::<SuggestionRecord>(item).map(|v| v.record))
            .collect()
    }

    async fn counts(&self, keys: &[CountsKey]) -> Result<Vec<Vec<Bucket>>, StoreError> {
        let mut all = Vec::with_capacity(keys.len());
        for key in keys {
            let (pk, prefix) = counts_pk_sk(key);
            let query = self
                .client
                .query()
                .table_name(&self.table)
                .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
                .expression_attribute_values(":pk", s(pk))
                .expression_attribute_values(":prefix", s(prefix.clone()));
            let mut buckets = Vec::new();
            for item in query_all(query).await? {
                let sk = optional_s(&item, SK)?.unwrap_or_default();
                let Some(month) = sk.strip_prefix(&prefix).and_then(month_of) else {
                    continue;
                };
                buckets.push(Bucket {
                    month,
                    impressions: optional_n(&item, "impressions")?.unwrap_or(0),
                    halves: optional_n(&item, "halves")?.unwrap_or(0),
                    dismissed: optional_n(&item, "dismissed")?.unwrap_or(0),
                });
            }
            all.push(buckets);
        }
        Ok(all)
    }

    async fn commit(&self, commit: Commit) -> Result<Committed, StoreError> {
        let marker: Item = HashMap::from([
            (PK.to_owned(), s(format!("seen#{}", commit.content_key))),
            (SK.to_owned(), s("seen")),
            ("ttl".to_owned(), n(commit.marker_expires.timestamp())),
        ]);
        let marker = Put::builder()
            .table_name(&self.table)
            .set_item(Some(marker))
            .condition_expression("attribute_not_exists(pk)")
            .build()
            .map_err(|e| StoreError::Malformed(e.to_string()))?;
        let mut items = vec![TransactWriteItem::builder().put(marker).build()];
        items.push(match &commit.record {
            Record::Suggestion(c, v) => {
                self.record_put(conversation_pk(c), format!("sugg#{}", v.record.suggestion_id), v)?
            }
            Record::Conversation(c, v) => self.record_put(conversation_pk(c), "conv".to_owned(), v)?,
        });
        let shard = Sha256::digest(commit.content_key.as_bytes())[0] % TYPE_SHARDS;
        for delta in &commit.deltas {
            let (pk, prefix) = counts_pk_sk(&delta.key);
            let update = Update::builder()
                .table_name(&self.table)
                .key(PK, s(pk))
                .key(SK, s(count_sk(&delta.key, &prefix, delta.month, shard)))
                .update_expression("ADD impressions :n, halves :h, dismissed :d SET #ttl = :ttl")
                .expression_attribute_names("#ttl", "ttl")
                .expression_attribute_values(":n", n(delta.impressions))
                .expression_attribute_values(":h", n(delta.halves))
                .expression_attribute_values(":d", n(delta.dismissed))
                .expression_attribute_values(":ttl", self.ttl(Utc::now()))
                .build()
                .map_err(|e| StoreError::Malformed(e.to_string()))?;
            items.push(TransactWriteItem::builder().update(update).build());
        }
        match self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
        {
            Ok(_) => Ok(Committed::Applied),
            Err(err) => match cancelled(&err) {
                Some(outcome) => Ok(outcome),
                None => Err(sdk_error("TransactWriteItems", err)),
            },
        }
    }

    async fn queue_counts(
        &self,
        queue: Option<Uuid>,
        kind: &str,
    ) -> Result<Vec<(Option<String>, Bucket)>, StoreError> {
        let (pk, _) = counts_pk_sk(&CountsKey::TypeInQueue {
            queue,
            kind: kind.to_owned(),
        });
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(pk));
        let mut all = Vec::new();
        for item in query_all(query).await? {
            let sk = optional_s(&item, SK)?.unwrap_or_default();
            let (key, month) = if let Some(month) = sk.strip_prefix("type#") {
                (None, month)
            } else if let Some((key, month)) = sk.strip_prefix("item#").and_then(|rest| rest.rsplit_once('#'))
            {
                (Some(key.to_owned()), month)
            } else {
                continue;
            };
            let Some(month) = month_of(month) else {
                continue;
            };
            all.push((
                key,
                Bucket {
                    month,
                    impressions: optional_n(&item, "impressions")?.unwrap_or(0),
                    halves: optional_n(&item, "halves")?.unwrap_or(0),
                    dismissed: optional_n(&item, "dismissed")?.unwrap_or(0),
                },
            ));
        }
        Ok(all)
    }
}

/// Reads a cancelled transaction by its reasons' codes: the marker (item 0) failing its
/// condition is a duplicate; the record (item 1) failing its, or a race with another
/// transaction, is a conflict to retry.
fn cancelled<R>(err: &SdkError<TransactWriteItemsError, R>) -> Option<Committed> {
    match err.as_service_error()? {
        TransactWriteItemsError::TransactionCanceledException(c) => {
            let reasons = c.cancellation_reasons();
            let code = |i: usize| reasons.get(i).and_then(|r| r.code());
            if code(0) == Some("ConditionalCheckFailed") {
                Some(Committed::Duplicate)
            } else if code(1) == Some("ConditionalCheckFailed")
                || reasons.iter().any(|r| r.code() == Some("TransactionConflict"))
            {
                Some(Committed::Conflict)
            } else {
                None
            }
        }
        TransactWriteItemsError::TransactionInProgressException(_) => Some(Committed::Conflict),
        _ => None,
    }
}
