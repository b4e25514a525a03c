//! Mention aggregates in DynamoDB (`MentionAggregatesTable`, hash `pk`, range `sk`, TTL `ttl`).
//!
//! - aggregate: `pk = day#2026-11-20`, `sk = voice#acme-router-pro#customer`, with `mentions` and
//!   `conversations` grown by atomic ADDs;
//! - marker: `pk = conversation#<id>`, `sk = counted#<chunk>`, written in the same transaction as
//!   the ADDs it guards, so a conversation is counted once however often it is mined; marker 0
//!   also records the customer and agent counts (`counts`, `product#speaker -> n`), from which a
//!   redelivered batch writes its mention rows without downloading the transcript again;
//! - topic aggregate (the Speech & Text Analytics fast path): `pk = day#2026-11-20`,
//!   `sk = topics#voice#acme-router-pro`, set (not added) from Genesys' own daily totals.
//!
//! A transaction holds at most 100 items; a conversation with more (product, speaker) pairs is
//! written in chunks, each with its own marker. Chunks are written last-first, so marker 0 (the one
//! workers check before downloading a transcript) exists only when every chunk is in.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, Put, TransactWriteItem, Update};
use chrono::NaiveDate;

use super::aggregates::{AggregateStore, ConversationCount, CountOutcome, Mentions};
use super::model::{AggregateRow, MiningSource, Speaker};
use wrapup_adapters::store::StoreError;
use wrapup_adapters::store::item::{Item, n, optional_s, query_all, s, sdk_error};

const PK: &str = "pk";
const TOPICS_PREFIX: &str = "topics#";
const SK: &str = "sk";
/// Marker 0's map of the conversation's customer and agent counts.
const COUNTS: &str = "counts";
/// Aggregate updates per transaction: 100 items minus the marker.
const UPDATES_PER_CHUNK: usize = 99;
/// Attempts of a transaction that lost a race with another writer of the same items.
const CONFLICT_ATTEMPTS: usize = 5;

#[derive(Clone, Debug)]
pub struct DynamoDbAggregateStore {
    client: DynamoDbClient,
    table: String,
    retention: Duration,
}

fn day_pk(date: NaiveDate) -> String {
    format!("day#{date}")
}

/// `{"product#speaker": n}` of the customer and agent counts (the "either" totals follow from them).
fn recorded_counts(mentions: &Mentions) -> AttributeValue {
    AttributeValue::M(
        mentions
            .iter()
            .filter(|((_, speaker), count)| *speaker != Speaker::Any && **count > 0)
            .map(|((product, speaker), count)| {
                (
                    format!("{product}#{}", speaker.as_str()),
                    n(i64::try_from(*count).unwrap_or(i64::MAX)),
                )
            })
            .collect(),
    )
}

fn mentions_from_counts(item: &Item) -> Result<Option<Mentions>, StoreError> {
    let Some(AttributeValue::M(counts)) = item.get(COUNTS) else {
        return Ok(None);
    };
    let mut mentions = Mentions::new();
    for (key, value) in counts {
        let parsed = key
            .rsplit_once('#')
            .and_then(|(product, speaker)| Some((product, Speaker::parse(speaker)?)));
        let (Some((product, speaker)), AttributeValue::N(number)) = (parsed, value) else {
            return Err(StoreError::Malformed(format!(
                "marker count {key:?} is not product#speaker -> number"
            )));
        };
        let count = number
            .parse::<u64>()
            .map_err(|_| StoreError::Malformed(format!("marker count {key:?} is not a count")))?;
        mentions.insert((product.to_owned(), speaker), count);
    }
    Ok(Some(mentions))
}

fn marker_key(conversation_id: &str, chunk: usize) -> HashMap<String, AttributeValue> {
    HashMap::from([
        (PK.to_owned(), s(format!("conversation#{conversation_id}"))),
        (SK.to_owned(), s(format!("counted#{chunk}"))),
    ])
}

impl DynamoDbAggregateStore {
    pub fn new(client: DynamoDbClient, table: impl Into<String>, retention: Duration) -> Self {
        Self {
            client,
            table: table.into(),
            retention,
        }
    }

    /// Expiry of items about `date`: markers and aggregates go together, so a re-run after the
    /// retention counts into fresh aggregates rather than twice into old ones.
    fn ttl(&self, date: NaiveDate) -> AttributeValue {
        let day_start = date
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp();
        let retention = i64::try_from(self.retention.as_secs()).unwrap_or(i64::MAX / 2);
        n(day_start.saturating_add(retention))
    }

    fn marker_put(
        &self,
        run_id: &str,
        count: &ConversationCount,
        chunk: usize,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut item = marker_key(&count.conversation_id, chunk);
        item.insert("runId".into(), s(run_id));
        item.insert("date".into(), s(count.date.to_string()));
        item.insert("mediaType".into(), s(count.media_type.as_str()));
        item.insert("countedAt".into(), s(wrapup_adapters::store::now_timestamp()));
        let total: u64 = count.mentions.values().sum();
        item.insert("mentions".into(), n(i64::try_from(total).unwrap_or(i64::MAX)));
        item.insert("ttl".into(), self.ttl(count.date));
        if chunk == 0 {
            item.insert(COUNTS.into(), recorded_counts(&count.mentions));
        }
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .return_values_on_condition_check_failure(
                aws_sdk_dynamodb::types::ReturnValuesOnConditionCheckFailure::AllOld,
            )
            .build()
            .map_err(|e| StoreError::Malformed(e.to_string()))?;
        Ok(TransactWriteItem::builder().put(put).build())
    }

    fn aggregate_update(
        &self,
        count: &ConversationCount,
        product: &str,
        speaker: Speaker,
        mentions: u64,
    ) -> Result<TransactWriteItem, StoreError> {
        let key = HashMap::from([
            (PK.to_owned(), s(day_pk(count.date))),
            (
                SK.to_owned(),
                s(format!(
                    "{}#{product}#{}",
                    count.media_type.as_str(),
                    speaker.as_str()
                )),
            ),
        ]);
        let update = Update::builder()
            .table_name(&self.table)
            .set_key(Some(key))
            .update_expression(
                "ADD mentions :m, conversations :one \
                 SET #date = :date, mediaType = :media, productId = :product, speaker = :speaker, \
                 updatedAt = :now, #ttl = :ttl",
            )
            .expression_attribute_names("#date", "date")
            .expression_attribute_names("#ttl", "ttl")
            .expression_attribute_values(":m", n(i64::try_from(mentions).unwrap_or(i64::MAX)))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":date", s(count.date.to_string()))
            .expression_attribute_values(":media", s(count.media_type.as_str()))
            .expression_attribute_values(":product", s(product))
            .expression_attribute_values(":speaker", s(speaker.as_str()))
            .expression_attribute_values(":now", s(wrapup_adapters::store::now_timestamp()))
            .expression_attribute_values(":ttl", self.ttl(count.date))
            .build()
            .map_err(|e| StoreError::Malformed(e.to_string()))?;
        Ok(TransactWriteItem::builder().update(update).build())
    }

    /// Runs a transaction whose first item is a marker put. `Some(run)`: the marker existed.
    async fn transact(&self, items: Vec<TransactWriteItem>) -> Result<Option<String>, StoreError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self
                .client
                .transact_write_items()
                .set_transact_items(Some(items.clone()))
                .send()
                .await;
            match result {
                Ok(_) => return Ok(None),
                Err(err) => match marker_conflict(&err) {
                    Conflict::MarkerExists(run) => return Ok(Some(run)),
                    Conflict::Race if attempt < CONFLICT_ATTEMPTS => {
                        let pause = 20 * attempt as u64 + rand::random::<u64>() % 30;
                        tokio::time::sleep(Duration::from_millis(pause)).await;
                    }
                    _ => return Err(sdk_error("TransactWriteItems", err)),
                },
            }
        }
    }

    /// Marker 0 of each conversation that has one (consistent reads).
    async fn first_markers(&self, conversation_ids: &[String]) -> Result<Vec<Item>, StoreError> {
        let mut found = Vec::new();
        // BatchGetItem refuses a request that names a key twice: a batch may repeat a conversation.
        let unique: Vec<&String> = conversation_ids
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        for chunk in unique.chunks(100) {
            let keys: Vec<HashMap<String, AttributeValue>> =
                chunk.iter().map(|id| marker_key(id, 0)).collect();
            let mut request = Some(
                KeysAndAttributes::builder()
                    .set_keys(Some(keys))
                    .consistent_read(true)
                    .build()
                    .map_err(|e| StoreError::Malformed(e.to_string()))?,
            );
            // BatchGetItem may hand back unprocessed keys under load: ask again for those.
            for _ in 0..8 {
                let Some(keys) = request.take() else { break };
                let output = self
                    .client
                    .batch_get_item()
                    .request_items(&self.table, keys)
                    .send()
                    .await
                    .map_err(|e| sdk_error("BatchGetItem", e))?;
                found.extend(
                    output
                        .responses
                        .and_then(|mut r| r.remove(&self.table))
                        .unwrap_or_default(),
                );
                request = output
                    .unprocessed_keys
                    .and_then(|mut u| u.remove(&self.table))
                    .filter(|k| !k.keys.is_empty());
                if request.is_some() {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
        Ok(found)
    }

    async fn day_items(&self, day: NaiveDate) -> Result<Vec<Item>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(day_pk(day)));
        query_all(query).await
    }
}

#[async_trait]
impl AggregateStore for DynamoDbAggregateStore {
    async fn counted_by(&self, conversation_ids: &[String]) -> Result<HashMap<String, String>, StoreError> {
        let mut found = HashMap::new();
        for item in self.first_markers(conversation_ids).await? {
            let pk = optional_s(&item, PK)?.unwrap_or_default();
            if let Some(id) = pk.strip_prefix("conversation#") {
                let run = optional_s(&item, "runId")?.unwrap_or_default();
                found.insert(id.to_owned(), run);
            }
        }
        Ok(found)
    }

    async fn recorded_mentions(
        &self,
        conversation_ids: &[String],
    ) -> Result<HashMap<String, Mentions>, StoreError> {
        let mut found = HashMap::new();
        for item in self.first_markers(conversation_ids).await? {
            let pk = optional_s(&item, PK)?.unwrap_or_default();
            if let (Some(id), Some(mentions)) =
                (pk.strip_prefix("conversation#"), mentions_from_counts(&item)?)
            {
                found.insert(id.to_owned(), mentions);
            }
        }
        Ok(found)
    }

    async fn count(&self, run_id: &str, count: &ConversationCount) -> Result<CountOutcome, StoreError> {
        let updates: Vec<TransactWriteItem> = count
            .mentions
            .iter()
            .filter(|(_, mentions)| **mentions > 0)
            .map(|((product, speaker), mentions)| self.aggregate_update(count, product, *speaker, *mentions))
            .collect::<Result<_, _>>()?;
        let chunks: Vec<&[TransactWriteItem]> = if updates.is_empty() {
            vec![&[]]
        } else {
            updates.chunks(UPDATES_PER_CHUNK).collect()
        };
        let mut outcome = CountOutcome::Counted;
        for (index, chunk) in chunks.iter().enumerate().rev() {
            let marker = self.marker_put(run_id, count, index)?;
            let mut items = vec![marker];
            items.extend(chunk.iter().cloned());
            match self.transact(items).await? {
                None => {}
                Some(previous_run) if index == 0 => {
                    outcome = CountOutcome::AlreadyCounted { run_id: previous_run };
                }
                // A later chunk was written by an earlier attempt that stopped before chunk 0.
                Some(_) => {}
            }
        }
        Ok(outcome)
    }

    async fn rows(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        source: MiningSource,
    ) -> Result<Vec<AggregateRow>, StoreError> {
        let mut rows = Vec::new();
        for day in from.iter_days().take_while(|d| *d <= to) {
            for item in self.day_items(day).await? {
                let sk = optional_s(&item, SK)?.unwrap_or_default();
                match (source, sk.strip_prefix(TOPICS_PREFIX)) {
                    (MiningSource::Topics, Some(rest)) => {
                        rows.push(row_from_item(day, rest, Some(Speaker::Any), &item)?)
                    }
                    (MiningSource::Transcripts, None) => rows.push(row_from_item(day, &sk, None, &item)?),
                    _ => {}
                }
            }
        }
        rows.sort();
        Ok(rows)
    }

    async fn replace_topic_day(
        &self,
        day: NaiveDate,
        counts: &BTreeMap<(String, String), u64>,
    ) -> Result<(), StoreError> {
        let keep: Vec<String> = counts
            .keys()
            .map(|(media, product)| format!("{TOPICS_PREFIX}{media}#{product}"))
            .collect();
        for item in self.day_items(day).await? {
            let sk = optional_s(&item, SK)?.unwrap_or_default();
            if sk.starts_with(TOPICS_PREFIX) && !keep.contains(&sk) {
                self.client
                    .delete_item()
                    .table_name(&self.table)
                    .key(PK, s(day_pk(day)))
                    .key(SK, s(sk))
                    .send()
                    .await
                    .map_err(|e| sdk_error("DeleteItem", e))?;
            }
        }
        for ((media, product), count) in counts {
            let number = n(i64::try_from(*count).unwrap_or(i64::MAX));
            self.client
                .put_item()
                .table_name(&self.table)
                .item(PK, s(day_pk(day)))
                .item(SK, s(format!("{TOPICS_PREFIX}{media}#{product}")))
                .item("date", s(day.to_string()))
                .item("mediaType", s(media))
                .item("productId", s(product))
                .item("speaker", s(Speaker::Any.as_str()))
                .item("mentions", number.clone())
                .item("conversations", number)
                .item("updatedAt", s(wrapup_adapters::store::now_timestamp()))
                .item("ttl", self.ttl(day))
                .send()
                .await
                .map_err(|e| sdk_error("PutItem", e))?;
        }
        Ok(())
    }
}

enum Conflict {
    MarkerExists(String),
    Race,
    Other,
}

/// Reads the cancellation reasons by their code: the first item (the marker) failing its
/// condition means "counted before"; a transaction conflict is a race worth retrying.
fn marker_conflict<R>(err: &SdkError<TransactWriteItemsError, R>) -> Conflict {
    let Some(service) = err.as_service_error() else {
        return Conflict::Other;
    };
    match service {
        TransactWriteItemsError::TransactionCanceledException(cancelled) => {
            let reasons = cancelled.cancellation_reasons();
            if let Some(first) = reasons.first()
                && first.code() == Some("ConditionalCheckFailed")
            {
                let run = first
                    .item()
                    .and_then(|item| optional_s(item, "runId").ok().flatten())
                    .unwrap_or_default();
                return Conflict::MarkerExists(run);
            }
            if reasons.iter().any(|r| r.code() == Some("TransactionConflict")) {
                return Conflict::Race;
            }
            Conflict::Other
        }
        TransactWriteItemsError::TransactionInProgressException(_) => Conflict::Race,
        _ => Conflict::Other,
    }
}

/// An aggregate row from its sort key (`media#product#speaker`, or `media#product` with the
/// speaker given).
fn row_from_item(
    day: NaiveDate,
    sk: &str,
    speaker: Option<Speaker>,
    item: &Item,
) -> Result<AggregateRow, StoreError> {
    let mut parts = sk.splitn(3, '#');
    let (Some(media), Some(product)) = (parts.next(), parts.next()) else {
        return Err(StoreError::Malformed(format!(
            "aggregate key {sk:?} is not media#product#speaker"
        )));
    };
    let speaker = match (speaker, parts.next()) {
        (Some(speaker), _) => speaker,
        (None, Some(raw)) => Speaker::parse(raw)
            .ok_or_else(|| StoreError::Malformed(format!("aggregate speaker {raw:?} is unknown")))?,
        (None, None) => {
            return Err(StoreError::Malformed(format!(
                "aggregate key {sk:?} has no speaker"
            )));
        }
    };
    let number = |name: &str| -> Result<u64, StoreError> {
        Ok(wrapup_adapters::store::item::optional_n(item, name)?
            .unwrap_or(0)
            .max(0) as u64)
    };
    Ok(AggregateRow {
        date: day,
        media_type: media.to_owned(),
        product_id: product.to_owned(),
        speaker,
        mentions: number("mentions")?,
        conversations: number("conversations")?,
    })
}
