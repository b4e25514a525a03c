//! [`SummaryStore`] on the `SummaryStateTable` (hash `conversationId`, range `requestKey`, TTL
//! `ttl`). Claims are conditional writes with a lease (`leaseUntil`, epoch ms).

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};
use chrono::Utc;

use super::item::{
    Item, WriteOutcome, json, millis, n, optional_json, optional_n, optional_s, required_s, s, sdk_error,
    seconds, update_outcome,
};
use super::summaries::{
    Claim, ClaimFor, Reader, StoredError, StoredSummary, SummaryStatus, SummaryStore, held_claim,
};
use super::{RequestKey, StoreError, timestamp};
use wrapup_core::ids::ConversationId;

const CONVERSATION_ID: &str = "conversationId";
const REQUEST_KEY: &str = "requestKey";
const CASE_ID: &str = "caseId";
const STATUS: &str = "status";
const AUDIT_ID: &str = "auditId";
const LEASE_UNTIL: &str = "leaseUntil";
const RESULT: &str = "result";
const ERROR: &str = "error";
const CRM_SYNC: &str = "crmSync";
const CRM_SYNC_AT: &str = "crmSyncAt";
const CREATED_AT: &str = "createdAt";
const UPDATED_AT: &str = "updatedAt";
const TTL: &str = "ttl";
const GENERATION: &str = "generation";
const CALLER: &str = "caller";

/// A claim races at most this many times with writers changing the item under it.
const CLAIM_ATTEMPTS: usize = 4;
/// Bounds `latest` on a conversation with an absurd number of request variants.
const MAX_QUERY_PAGES: usize = 20;

#[derive(Clone, Debug)]
pub struct DynamoDbSummaryStore {
    client: DynamoDbClient,
    table: String,
    /// How long an item lives after its last claim or completion (DynamoDB TTL).
    ttl: Duration,
}

impl DynamoDbSummaryStore {
    pub fn new(client: DynamoDbClient, table: impl Into<String>, ttl: Duration) -> Self {
        Self {
            client,
            table: table.into(),
            ttl,
        }
    }

    fn key(conversation_id: &str, request_key: &str) -> Item {
        HashMap::from([
            (CONVERSATION_ID.to_owned(), s(conversation_id)),
            (REQUEST_KEY.to_owned(), s(request_key)),
        ])
    }

    fn expires_at(&self) -> AttributeValue {
        n(Utc::now().timestamp().saturating_add(seconds(self.ttl)))
    }

    /// One conditional claim write; on failure, the item that made it fail. A claim replaces the
    /// whole item (a put, not an update): whatever an earlier computation left (result, error,
    /// CRM sync) goes with it, and no reader ever sees a half-written claim.
    /// One conditional upsert: the claim's fields set, the old result, error and CRM sync
    /// removed, and the generation counted up by one for a forced claim (`ADD` starts a new
    /// item at zero). `Ok(Some(generation))` when claimed; `Err(old)` names what stopped it.
    async fn try_claim(
        &self,
        claim: &ClaimWrite<'_>,
        now_ms: i64,
    ) -> Result<Result<u32, Option<Item>>, StoreError> {
        let now = timestamp(Utc::now());
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(claim.conversation_id, claim.key.as_str())))
            .update_expression(match claim.caller {
                Some(_) => {
                    "SET #case = :case, #status = :processing, #audit = :audit, #lease = :lease, \
                     #created = :now, #updated = :now, #ttl = :ttl, #caller = :caller \
                     REMOVE #result, #error, #crm, #crmAt ADD #generation :forced"
                }
                None => {
                    "SET #case = :case, #status = :processing, #audit = :audit, #lease = :lease, \
                     #created = :now, #updated = :now, #ttl = :ttl \
                     REMOVE #result, #error, #crm, #crmAt, #caller ADD #generation :forced"
                }
            })
            .expression_attribute_names("#caller", CALLER)
            .expression_attribute_names("#conv", CONVERSATION_ID)
            .expression_attribute_names("#case", CASE_ID)
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#audit", AUDIT_ID)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_names("#created", CREATED_AT)
            .expression_attribute_names("#updated", UPDATED_AT)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_names("#result", RESULT)
            .expression_attribute_names("#error", ERROR)
            .expression_attribute_names("#crm", CRM_SYNC)
            .expression_attribute_names("#crmAt", CRM_SYNC_AT)
            .expression_attribute_names("#generation", GENERATION)
            .expression_attribute_values(":case", s(claim.case_id))
            .expression_attribute_values(":processing", s(SummaryStatus::Processing.as_str()))
            .expression_attribute_values(":audit", s(claim.audit_id))
            .expression_attribute_values(":lease", n(now_ms.saturating_add(millis(claim.lease))))
            .expression_attribute_values(":now", s(now))
            .expression_attribute_values(":ttl", self.expires_at())
            .expression_attribute_values(":forced", n(i64::from(claim.force)))
            .expression_attribute_values(":nowMs", n(now_ms))
            .return_values(ReturnValue::UpdatedNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        if let Some(caller) = claim.caller {
            request = request.expression_attribute_values(":caller", s(caller));
        }
        request = if claim.force {
            // Anything but a live lease: a finished or failed result is recomputed.
            request.condition_expression(
                "attribute_not_exists(#conv) OR #status <> :processing OR #lease < :nowMs",
            )
        } else {
            request
                .condition_expression(
                    "attribute_not_exists(#conv) OR #status = :failed \
                     OR (#status = :processing AND #lease < :nowMs)",
                )
                .expression_attribute_values(":failed", s(SummaryStatus::Failed.as_str()))
        };
        match request.send().await {
            Ok(output) => {
                let generation = match output.attributes() {
                    Some(item) => optional_n(item, GENERATION)?.unwrap_or(0),
                    None => 0,
                };
                Ok(Ok(u32::try_from(generation).unwrap_or(u32::MAX)))
            }
            Err(err) => match update_outcome::<(), _>(Err(err))? {
                WriteOutcome::ConditionFailed(old) => Ok(Err(old)),
                // Not produced by an error; kept for the match.
                WriteOutcome::Written => Ok(Ok(0)),
            },
        }
    }

    async fn get_item(&self, conversation_id: &str, request_key: &str) -> Result<Option<Item>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(conversation_id, request_key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| sdk_error("GetItem", e))?;
        Ok(output.item)
    }

    async fn query_conversation(&self, conversation_id: &str) -> Result<Vec<Item>, StoreError> {
        let mut items = Vec::new();
        let mut start = None;
        for _ in 0..MAX_QUERY_PAGES {
            let output = self
                .client
                .query()
                .table_name(&self.table)
                .key_condition_expression("#conv = :conv")
                .expression_attribute_names("#conv", CONVERSATION_ID)
                .expression_attribute_values(":conv", s(conversation_id))
                .consistent_read(true)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(|e| sdk_error("Query", e))?;
            items.extend(output.items.unwrap_or_default());
            match output.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(items),
            }
        }
        tracing::warn!(
            conversation_id,
            pages = MAX_QUERY_PAGES,
            "summary query stopped at its page limit"
        );
        Ok(items)
    }
}

#[derive(Clone, Copy)]
struct ClaimWrite<'a> {
    conversation_id: &'a str,
    case_id: &'a str,
    key: &'a RequestKey,
    audit_id: &'a str,
    caller: Option<&'a str>,
    lease: Duration,
    force: bool,
}

fn parse_item(item: &Item) -> Result<(StoredSummary, Option<i64>), StoreError> {
    let status = required_s(item, STATUS)?;
    let status = SummaryStatus::parse(&status)
        .ok_or_else(|| StoreError::Malformed(format!("unknown summary status {status:?}")))?;
    let summary = StoredSummary {
        conversation_id: required_s(item, CONVERSATION_ID)?,
        case_id: required_s(item, CASE_ID)?,
        request_key: required_s(item, REQUEST_KEY)?,
        status,
        audit_id: required_s(item, AUDIT_ID)?,
        result: optional_json(item, RESULT)?,
        error: optional_json(item, ERROR)?,
        crm_sync: optional_json(item, CRM_SYNC)?,
        caller: optional_s(item, CALLER)?,
        generation: optional_n(item, GENERATION)?
            .and_then(|g| u32::try_from(g).ok())
            .unwrap_or(0),
        created_at: optional_s(item, CREATED_AT)?.unwrap_or_default(),
        updated_at: optional_s(item, UPDATED_AT)?.unwrap_or_default(),
    };
    Ok((summary, optional_n(item, LEASE_UNTIL)?))
}

#[async_trait]
impl SummaryStore for DynamoDbSummaryStore {
    async fn claim(&self, claim: ClaimFor<'_>, lease: Duration, force: bool) -> Result<Claim, StoreError> {
        let ClaimFor {
            conversation_id,
            case_id,
            key,
            audit_id,
            caller,
        } = claim;
        let conversation = conversation_id.to_string();
        let write = ClaimWrite {
            conversation_id: &conversation,
            case_id,
            key,
            audit_id,
            caller,
            lease,
            force,
        };
        for _ in 0..CLAIM_ATTEMPTS {
            let now_ms = Utc::now().timestamp_millis();
            let old = match self.try_claim(&write, now_ms).await? {
                Ok(generation) => return Ok(Claim::Acquired { generation }),
                Err(Some(old)) => Some(old),
                // Endpoints that do not return the old item: read it.
                Err(None) => self.get_item(&conversation, key.as_str()).await?,
            };
            let Some(old) = old else { continue };
            let (current, lease_until) = parse_item(&old)?;
            if let Some(claim) = held_claim(current, lease_until, now_ms, force) {
                return Ok(claim);
            }
        }
        Err(StoreError::Conflict(format!(
            "could not claim summary {key} of conversation {conversation}: it kept changing"
        )))
    }

    async fn complete(&self, record: &StoredSummary) -> Result<(), StoreError> {
        if record.status == SummaryStatus::Processing {
            return Err(StoreError::Malformed(
                "a completed summary needs a final status, not processing".into(),
            ));
        }
        let mut set = vec!["#status = :status", "#updated = :now", "#ttl = :ttl"];
        let mut remove = vec!["#lease"];
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(&record.conversation_id, &record.request_key)))
            .condition_expression("#audit = :audit AND #status = :processing")
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#audit", AUDIT_ID)
            .expression_attribute_names("#updated", UPDATED_AT)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_names("#result", RESULT)
            .expression_attribute_names("#error", ERROR)
            .expression_attribute_values(":status", s(record.status.as_str()))
            .expression_attribute_values(":processing", s(SummaryStatus::Processing.as_str()))
            .expression_attribute_values(":audit", s(&record.audit_id))
            .expression_attribute_values(":now", s(timestamp(Utc::now())))
            .expression_attribute_values(":ttl", self.expires_at());
        match &record.result {
            Some(result) => {
                set.push("#result = :result");
                request = request.expression_attribute_values(":result", json(RESULT, result)?);
            }
            None => remove.push("#result"),
        }
        match &record.error {
            Some(error) => {
                set.push("#error = :error");
                request = request.expression_attribute_values(":error", json(ERROR, error)?);
            }
            None => remove.push("#error"),
        }
        if let Some(crm_sync) = &record.crm_sync {
            set.push("#crm = :crm");
            request = request
                .expression_attribute_names("#crm", CRM_SYNC)
                .expression_attribute_values(":crm", json(CRM_SYNC, crm_sync)?);
        }
        let expression = format!("SET {} REMOVE {}", set.join(", "), remove.join(", "));
        match update_outcome(request.update_expression(expression).send().await)? {
            WriteOutcome::Written => Ok(()),
            WriteOutcome::ConditionFailed(_) => Err(StoreError::Conflict(format!(
                "summary {} of conversation {} is no longer claimed by audit {}",
                record.request_key, record.conversation_id, record.audit_id
            ))),
        }
    }

    async fn fail(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        error: StoredError,
    ) -> Result<(), StoreError> {
        let conversation = conversation_id.to_string();
        let request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(&conversation, key.as_str())))
            .update_expression("SET #status = :failed, #error = :error, #updated = :now REMOVE #lease")
            .condition_expression("#audit = :audit AND #status = :processing")
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#error", ERROR)
            .expression_attribute_names("#updated", UPDATED_AT)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_names("#audit", AUDIT_ID)
            .expression_attribute_values(":failed", s(SummaryStatus::Failed.as_str()))
            .expression_attribute_values(":error", json(ERROR, &error)?)
            .expression_attribute_values(":now", s(timestamp(Utc::now())))
            .expression_attribute_values(":audit", s(audit_id))
            .expression_attribute_values(":processing", s(SummaryStatus::Processing.as_str()));
        match update_outcome(request.send().await)? {
            WriteOutcome::Written => Ok(()),
            WriteOutcome::ConditionFailed(_) => Err(StoreError::Conflict(format!(
                "summary {key} of conversation {conversation} is no longer claimed by audit {audit_id}"
            ))),
        }
    }

    async fn get(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
    ) -> Result<Option<StoredSummary>, StoreError> {
        self.get_item(&conversation_id.to_string(), key.as_str())
            .await?
            .map(|item| parse_item(&item).map(|(summary, _)| summary))
            .transpose()
    }

    async fn latest(
        &self,
        conversation_id: &ConversationId,
        reader: Reader<'_>,
    ) -> Result<Option<StoredSummary>, StoreError> {
        let items = self.query_conversation(&conversation_id.to_string()).await?;
        let mut newest: Option<StoredSummary> = None;
        for item in &items {
            let (summary, _) = parse_item(item)?;
            if !reader.may_read(&summary) {
                continue;
            }
            let newer = newest.as_ref().is_none_or(|best| {
                (&summary.updated_at, &summary.request_key) > (&best.updated_at, &best.request_key)
            });
            if newer {
                newest = Some(summary);
            }
        }
        Ok(newest)
    }

    async fn set_crm_sync(
        &self,
        conversation_id: &ConversationId,
        key: &RequestKey,
        audit_id: &str,
        crm_sync: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let conversation = conversation_id.to_string();
        let request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(&conversation, key.as_str())))
            .update_expression("SET #crm = :crm, #crmAt = :now")
            .condition_expression("attribute_exists(#conv) AND #audit = :audit")
            .expression_attribute_names("#audit", AUDIT_ID)
            .expression_attribute_values(":audit", s(audit_id))
            .expression_attribute_names("#crm", CRM_SYNC)
            .expression_attribute_names("#crmAt", CRM_SYNC_AT)
            .expression_attribute_names("#conv", CONVERSATION_ID)
            .expression_attribute_values(":crm", json(CRM_SYNC, crm_sync)?)
            .expression_attribute_values(":now", s(timestamp(Utc::now())));
        match update_outcome(request.send().await)? {
            WriteOutcome::Written => Ok(()),
            WriteOutcome::ConditionFailed(_) => Err(StoreError::Conflict(format!(
                "no summary {key} of conversation {conversation} computed by audit {audit_id}"
            ))),
        }
    }
}
