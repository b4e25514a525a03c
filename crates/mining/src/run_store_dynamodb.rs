//! Mining runs and their checkpoints in DynamoDB (`MiningStateTable`, hash `pk`, range `sk`).
//!
//! - run record: `pk = run#<id>`, `sk = run`: window, status and counters an operator reads;
//! - slice checkpoint: `sk = slice#<0000>`: the details job id, the next results cursor, pages done;
//! - batch marker: `sk = batch#<batchId>`: written with the batch's counters, so a redelivered batch
//!   adds nothing to the run.
//!
//! Counters grow by atomic ADDs; a page's checkpoint and the counters it adds go in one transaction,
//! so a planner cut between the two re-sends the page (workers dedupe) but counts it once.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use aws_sdk_dynamodb::types::builders::UpdateBuilder;
use aws_sdk_dynamodb::types::{AttributeValue, Put, ReturnValue, TransactWriteItem, Update};
use chrono::Utc;

use super::model::MiningSource;
use super::run_store::{
    BatchCounters, JobFailure, RunKind, RunRecord, RunStatus, RunStore, SliceCheckpoint, SliceState,
};
use wrapup_adapters::store::StoreError;
use wrapup_adapters::store::item::{
    Item, WriteOutcome, json, n, optional_json, optional_n, optional_s, query_all, required_s, s, sdk_error,
    update_outcome,
};

const PK: &str = "pk";
const SK: &str = "sk";
const RUN_SK: &str = "run";

#[derive(Clone, Debug)]
pub struct DynamoDbRunStore {
    client: DynamoDbClient,
    table: String,
    retention: Duration,
}

fn key(run_id: &str, sk: impl Into<String>) -> HashMap<String, AttributeValue> {
    HashMap::from([
        (PK.to_owned(), s(format!("run#{run_id}"))),
        (SK.to_owned(), s(sk)),
    ])
}

fn slice_sk(index: u32) -> String {
    format!("slice#{index:04}")
}

fn num(value: u64) -> AttributeValue {
    n(i64::try_from(value).unwrap_or(i64::MAX))
}

fn build_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Malformed(e.to_string())
}

impl DynamoDbRunStore {
    pub fn new(client: DynamoDbClient, table: impl Into<String>, retention: Duration) -> Self {
        Self {
            client,
            table: table.into(),
            retention,
        }
    }

    /// An UpdateItem on the run record.
    fn update_run(
        &self,
        run_id: &str,
    ) -> aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder {
        self.client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(run_id, RUN_SK)))
    }

    fn ttl(&self) -> AttributeValue {
        let secs = i64::try_from(self.retention.as_secs()).unwrap_or(i64::MAX / 2);
        n(Utc::now().timestamp().saturating_add(secs))
    }

    fn checkpoint_put(&self, run_id: &str, checkpoint: &SliceCheckpoint) -> Result<Put, StoreError> {
        let mut item = key(run_id, slice_sk(checkpoint.index));
        item.insert("checkpoint".into(), json("checkpoint", checkpoint)?);
        item.insert("updatedAt".into(), s(wrapup_adapters::store::now_timestamp()));
        item.insert("ttl".into(), self.ttl());
        Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .build()
            .map_err(build_err)
    }

    /// A transaction item's update of the run record, with `:now` for `updatedAt`.
    fn transaction_update(&self, run_id: &str) -> UpdateBuilder {
        Update::builder()
            .table_name(&self.table)
            .set_key(Some(key(run_id, RUN_SK)))
            // An update of no run would create a run item with no status, unreadable after.
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":now", s(wrapup_adapters::store::now_timestamp()))
    }

    /// Writes a checkpoint and the change it brings to the run record, in one transaction.
    async fn checkpoint_with(
        &self,
        run_id: &str,
        checkpoint: &SliceCheckpoint,
        update: UpdateBuilder,
    ) -> Result<(), StoreError> {
        let items = vec![
            TransactWriteItem::builder()
                .put(self.checkpoint_put(run_id, checkpoint)?)
                .build(),
            TransactWriteItem::builder()
                .update(update.build().map_err(build_err)?)
                .build(),
        ];
        self.client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
            .map_err(|e| sdk_error("TransactWriteItems", e))?;
        Ok(())
    }
}

#[async_trait]
impl RunStore for DynamoDbRunStore {
    async fn create(&self, run: &RunRecord) -> Result<bool, StoreError> {
        let mut item = key(&run.run_id, RUN_SK);
        item.insert("runId".into(), s(&run.run_id));
        item.insert("kind".into(), json("kind", &run.kind)?);
        item.insert("window".into(), json("window", &run.window)?);
        item.insert("source".into(), s(run.source.as_str()));
        item.insert("status".into(), s(run.status.as_str()));
        item.insert("planningDone".into(), AttributeValue::Bool(false));
        item.insert("slicesTotal".into(), num(run.slices_total));
        for counter in COUNTERS {
            item.insert((*counter).into(), n(0));
        }
        item.insert("createdAt".into(), s(&run.created_at));
        item.insert("updatedAt".into(), s(&run.updated_at));
        item.insert("ttl".into(), self.ttl());
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await;
        match wrapup_adapters::store::item::put_outcome(result)? {
            WriteOutcome::Written => Ok(true),
            WriteOutcome::ConditionFailed(_) => Ok(false),
        }
    }

    async fn get(&self, run_id: &str) -> Result<Option<RunRecord>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key(run_id, RUN_SK)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| sdk_error("GetItem", e))?;
        output.item.map(|item| run_from_item(&item)).transpose()
    }

    async fn claim_planner(&self, run_id: &str, owner: &str, lease: Duration) -> Result<bool, StoreError> {
        let now = Utc::now().timestamp_millis();
        let until = now.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX / 2));
        let result = self
            .update_run(run_id)
            .update_expression("SET plannerOwner = :owner, plannerLeaseUntil = :until")
            .condition_expression(
                "attribute_exists(pk) AND #status = :planning AND \
                 (attribute_not_exists(plannerLeaseUntil) OR plannerLeaseUntil < :now OR plannerOwner = :owner)",
            )
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":owner", s(owner))
            .expression_attribute_values(":until", n(until))
            .expression_attribute_values(":now", n(now))
            .expression_attribute_values(":planning", s(RunStatus::Planning.as_str()))
            .send()
            .await;
        Ok(matches!(update_outcome(result)?, WriteOutcome::Written))
    }

    async fn release_planner(&self, run_id: &str, owner: &str) -> Result<(), StoreError> {
        let result = self
            .update_run(run_id)
            .update_expression("REMOVE plannerOwner, plannerLeaseUntil")
            .condition_expression("plannerOwner = :owner")
            .expression_attribute_values(":owner", s(owner))
            .send()
            .await;
        update_outcome(result).map(|_| ())
    }

    async fn checkpoints(&self, run_id: &str) -> Result<HashMap<u32, SliceCheckpoint>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :slice)")
            .expression_attribute_values(":pk", s(format!("run#{run_id}")))
            .expression_attribute_values(":slice", s("slice#"))
            .consistent_read(true);
        let mut found = HashMap::new();
        for item in query_all(query).await? {
            if let Some(checkpoint) = optional_json::<SliceCheckpoint>(&item, "checkpoint")? {
                found.insert(checkpoint.index, checkpoint);
            }
        }
        Ok(found)
    }

    async fn save_checkpoint(&self, run_id: &str, checkpoint: &SliceCheckpoint) -> Result<(), StoreError> {
        let put = self.checkpoint_put(run_id, checkpoint)?;
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(put.item().clone()))
            .send()
            .await
            .map_err(|e| sdk_error("PutItem", e))?;
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
        let update = self
            .transaction_update(run_id)
            .update_expression(
                "ADD batchesPlanned :b, conversationsSeen :c, slicesDone :d SET updatedAt = :now",
            )
            .expression_attribute_values(":b", num(batches))
            .expression_attribute_values(":c", num(conversations))
            .expression_attribute_values(":d", num(done));
        self.checkpoint_with(run_id, checkpoint, update).await
    }

    async fn fail_slice(
        &self,
        run_id: &str,
        checkpoint: &SliceCheckpoint,
        failure: &JobFailure,
    ) -> Result<(), StoreError> {
        let update = self
            .transaction_update(run_id)
            .update_expression(
                "ADD slicesFailed :one \
                 SET jobFailures = list_append(if_not_exists(jobFailures, :empty), :failure), updatedAt = :now",
            )
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":empty", AttributeValue::L(Vec::new()))
            .expression_attribute_values(":failure", AttributeValue::L(vec![json("jobFailure", failure)?]));
        self.checkpoint_with(run_id, checkpoint, update).await
    }

    async fn finish_planning(&self, run_id: &str) -> Result<Option<RunRecord>, StoreError> {
        let output = self
            .update_run(run_id)
            .update_expression("SET planningDone = :true, #status = :mining, updatedAt = :now REMOVE plannerOwner, plannerLeaseUntil")
            .condition_expression("#status = :planning")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":true", AttributeValue::Bool(true))
            .expression_attribute_values(":mining", s(RunStatus::Mining.as_str()))
            .expression_attribute_values(":planning", s(RunStatus::Planning.as_str()))
            .expression_attribute_values(":now", s(wrapup_adapters::store::now_timestamp()))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match output {
            Ok(output) => output.attributes.map(|item| run_from_item(&item)).transpose(),
            // Not PLANNING any more: another planner finished first.
            Err(err)
                if err
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(None)
            }
            Err(err) => Err(sdk_error("UpdateItem", err)),
        }
    }

    async fn complete_batch(
        &self,
        run_id: &str,
        batch_id: &str,
        counters: &BatchCounters,
    ) -> Result<Option<RunRecord>, StoreError> {
        let mut marker = key(run_id, format!("batch#{batch_id}"));
        marker.insert("counters".into(), json("counters", counters)?);
        marker.insert("ttl".into(), self.ttl());
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(marker))
            .condition_expression("attribute_not_exists(pk)")
            .build()
            .map_err(build_err)?;
        let update = self
            .transaction_update(run_id)
            .update_expression(
                "ADD batchesDone :one, mined :mined, alreadyCounted :already, \
                 withoutTranscript :none, failed :failed SET updatedAt = :now",
            )
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":mined", num(counters.mined))
            .expression_attribute_values(":already", num(counters.already_counted))
            .expression_attribute_values(":none", num(counters.without_transcript))
            .expression_attribute_values(":failed", num(counters.failed))
            .build()
            .map_err(build_err)?;
        let items = vec![
            TransactWriteItem::builder().put(put).build(),
            TransactWriteItem::builder().update(update).build(),
        ];
        let result = self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        if let Err(err) = result {
            let duplicate = err.as_service_error().is_some_and(|e| {
                e.is_transaction_canceled_exception()
                    && matches!(
                        e,
                        aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(c)
                            if c.cancellation_reasons().first().and_then(|r| r.code()) == Some("ConditionalCheckFailed")
                    )
            });
            if duplicate {
                return Ok(None);
            }
            return Err(sdk_error("TransactWriteItems", err));
        }
        self.get(run_id).await
    }

    async fn start_reporting(&self, run_id: &str) -> Result<bool, StoreError> {
        let result = self
            .update_run(run_id)
            .update_expression("SET #status = :reporting, updatedAt = :now")
            .condition_expression(
                "#status = :mining AND planningDone = :true AND batchesDone >= batchesPlanned",
            )
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":reporting", s(RunStatus::Reporting.as_str()))
            .expression_attribute_values(":mining", s(RunStatus::Mining.as_str()))
            .expression_attribute_values(":true", AttributeValue::Bool(true))
            .expression_attribute_values(":now", s(wrapup_adapters::store::now_timestamp()))
            .send()
            .await;
        Ok(matches!(update_outcome(result)?, WriteOutcome::Written))
    }

    async fn finish(
        &self,
        run_id: &str,
        status: RunStatus,
        report: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let now = wrapup_adapters::store::now_timestamp();
        let result = self
            .update_run(run_id)
            .update_expression(
                "SET #status = :status, report = :report, completedAt = :now, updatedAt = :now",
            )
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":status", s(status.as_str()))
            .expression_attribute_values(":report", json("report", report)?)
            .expression_attribute_values(":now", s(now))
            .send()
            .await;
        match update_outcome(result)? {
            WriteOutcome::Written => Ok(()),
            WriteOutcome::ConditionFailed(_) => {
                Err(StoreError::Conflict(format!("run {run_id} does not exist")))
            }
        }
    }
}

const COUNTERS: &[&str] = &[
    "slicesDone",
    "slicesFailed",
    "batchesPlanned",
    "batchesDone",
    "conversationsSeen",
    "mined",
    "alreadyCounted",
    "withoutTranscript",
    "failed",
];

fn run_from_item(item: &Item) -> Result<RunRecord, StoreError> {
    let count =
        |name: &str| -> Result<u64, StoreError> { Ok(optional_n(item, name)?.unwrap_or(0).max(0) as u64) };
    let status_raw = required_s(item, "status")?;
    let status = RunStatus::parse(&status_raw)
        .ok_or_else(|| StoreError::Malformed(format!("status {status_raw:?} is unknown")))?;
    let job_failures = match item.get("jobFailures") {
        Some(AttributeValue::L(list)) => list
            .iter()
            .filter_map(|v| v.as_s().ok())
            .filter_map(|text| serde_json::from_str(text).ok())
            .collect(),
        _ => Vec::new(),
    };
    let source = match optional_s(item, "source")?.as_deref() {
        Some("topics") => MiningSource::Topics,
        _ => MiningSource::Transcripts,
    };
    Ok(RunRecord {
        run_id: required_s(item, "runId")?,
        kind: optional_json(item, "kind")?.unwrap_or(RunKind::Backfill),
        window: optional_json(item, "window")?
            .ok_or_else(|| StoreError::Malformed("window is missing".into()))?,
        source,
        status,
        planning_done: matches!(item.get("planningDone"), Some(AttributeValue::Bool(true))),
        slices_total: count("slicesTotal")?,
        slices_done: count("slicesDone")?,
        slices_failed: count("slicesFailed")?,
        batches_planned: count("batchesPlanned")?,
        batches_done: count("batchesDone")?,
        conversations_seen: count("conversationsSeen")?,
        mined: count("mined")?,
        already_counted: count("alreadyCounted")?,
        without_transcript: count("withoutTranscript")?,
        failed: count("failed")?,
        job_failures,
        created_at: optional_s(item, "createdAt")?.unwrap_or_default(),
        updated_at: optional_s(item, "updatedAt")?.unwrap_or_default(),
        completed_at: optional_s(item, "completedAt")?,
        report: optional_json(item, "report")?,
    })
}
