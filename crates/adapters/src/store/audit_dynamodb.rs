//! [`AuditLog`] on the `AuditTable` (hash `auditId`; GSI `byConversation` on conversationId +
//! createdAt; TTL `ttl` = createdAt + retention). Every write is conditional: a record is created
//! once, its outcome set once, and its history only grows.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValuesOnConditionCheckFailure};
use chrono::{DateTime, Utc};

use super::audit::{
    AuditLog, AuditOutcome, AuditRecord, OutcomeWrite, StatusEntry, bounded_detail, check_sha256,
};
use super::item::{
    Item, WriteOutcome, json, n, optional_json, optional_s, put_outcome, required_s, s, sdk_error, seconds,
    update_outcome,
};
use super::{StoreError, now_timestamp};

const AUDIT_ID: &str = "auditId";
const CONVERSATION_ID: &str = "conversationId";
const CASE_ID: &str = "caseId";
const CALLER: &str = "caller";
const REQUEST_SHA256: &str = "requestSha256";
const TRANSCRIPT_SHA256: &str = "transcriptSha256";
const SOURCE: &str = "source";
const MODEL: &str = "model";
const TOKEN_USAGE: &str = "tokenUsage";
const TIMINGS: &str = "timings";
const REDACTIONS: &str = "redactions";
const VERIFICATION: &str = "verification";
const STATUS_HISTORY: &str = "statusHistory";
const CRM_SYNC: &str = "crmSync";
const CRM_SYNC_AT: &str = "crmSyncAt";
const CREATED_AT: &str = "createdAt";
const OUTCOME_AT: &str = "outcomeAt";
const TTL: &str = "ttl";

#[derive(Clone, Debug)]
pub struct DynamoDbAuditLog {
    client: DynamoDbClient,
    table: String,
    /// How long a record is kept after `createdAt` (DynamoDB TTL).
    retention: Duration,
}

impl DynamoDbAuditLog {
    pub fn new(client: DynamoDbClient, table: impl Into<String>, retention: Duration) -> Self {
        Self {
            client,
            table: table.into(),
            retention,
        }
    }

    fn key(audit_id: &str) -> Item {
        HashMap::from([(AUDIT_ID.to_owned(), s(audit_id))])
    }

    /// An update conditional on the record existing; `Conflict` naming `what` when it does not.
    async fn update_existing(
        &self,
        audit_id: &str,
        what: &str,
        request: aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder,
    ) -> Result<(), StoreError> {
        let result = request
            .table_name(&self.table)
            .set_key(Some(Self::key(audit_id)))
            .condition_expression("attribute_exists(#id)")
            .expression_attribute_names("#id", AUDIT_ID)
            .send()
            .await;
        match update_outcome(result)? {
            WriteOutcome::Written => Ok(()),
            WriteOutcome::ConditionFailed(_) => Err(StoreError::Conflict(format!(
                "cannot {what}: audit record {audit_id} does not exist"
            ))),
        }
    }
}

fn entry_value(entry: &StatusEntry) -> AttributeValue {
    let mut map = HashMap::from([
        ("status".to_owned(), s(&entry.status)),
        ("at".to_owned(), s(&entry.at)),
    ]);
    if let Some(detail) = bounded_detail(&entry.detail) {
        map.insert("detail".to_owned(), s(detail));
    }
    AttributeValue::M(map)
}

fn parse_entry(value: &AttributeValue) -> Result<StatusEntry, StoreError> {
    let AttributeValue::M(map) = value else {
        return Err(StoreError::Malformed(format!(
            "{STATUS_HISTORY} entries must be maps"
        )));
    };
    Ok(StatusEntry {
        status: required_s(map, "status")?,
        at: required_s(map, "at")?,
        detail: optional_s(map, "detail")?,
    })
}

fn parse_item(item: &Item) -> Result<AuditRecord, StoreError> {
    let status_history = match item.get(STATUS_HISTORY) {
        None => Vec::new(),
        Some(AttributeValue::L(entries)) => entries.iter().map(parse_entry).collect::<Result<_, _>>()?,
        Some(_) => return Err(StoreError::Malformed(format!("{STATUS_HISTORY} is not a list"))),
    };
    Ok(AuditRecord {
        audit_id: required_s(item, AUDIT_ID)?,
        conversation_id: required_s(item, CONVERSATION_ID)?,
        case_id: required_s(item, CASE_ID)?,
        caller: optional_s(item, CALLER)?,
        request_sha256: required_s(item, REQUEST_SHA256)?,
        transcript_sha256: optional_s(item, TRANSCRIPT_SHA256)?,
        source: optional_s(item, SOURCE)?,
        model: optional_s(item, MODEL)?,
        token_usage: optional_json(item, TOKEN_USAGE)?,
        timings: optional_json(item, TIMINGS)?,
        redactions: optional_json(item, REDACTIONS)?,
        verification: optional_json(item, VERIFICATION)?,
        status_history,
        crm_sync: optional_json(item, CRM_SYNC)?,
        created_at: required_s(item, CREATED_AT)?,
    })
}

/// Optional outcome fields of a record or an outcome, as attributes (absent ones left out).
fn outcome_attributes(
    transcript_sha256: &Option<String>,
    source: &Option<String>,
    model: &Option<String>,
    token_usage: &Option<wrapup_core::summary::TokenUsage>,
    json_fields: [(&'static str, &Option<serde_json::Value>); 3],
) -> Result<Vec<(&'static str, AttributeValue)>, StoreError> {
    let mut out = Vec::new();
    if let Some(hash) = transcript_sha256 {
        check_sha256(TRANSCRIPT_SHA256, hash)?;
        out.push((TRANSCRIPT_SHA256, s(hash)));
    }
    if let Some(source) = source {
        out.push((SOURCE, s(source)));
    }
    if let Some(model) = model {
        out.push((MODEL, s(model)));
    }
    if let Some(usage) = token_usage {
        out.push((TOKEN_USAGE, json(TOKEN_USAGE, usage)?));
    }
    for (name, value) in json_fields {
        if let Some(value) = value {
            out.push((name, json(name, value)?));
        }
    }
    Ok(out)
}

#[async_trait]
impl AuditLog for DynamoDbAuditLog {
    async fn create(&self, record: &AuditRecord) -> Result<(), StoreError> {
        check_sha256(REQUEST_SHA256, &record.request_sha256)?;
        let created = DateTime::parse_from_rfc3339(&record.created_at)
            .map_err(|_| StoreError::Malformed(format!("{CREATED_AT} is not an RFC 3339 timestamp")))?
            .with_timezone(&Utc);
        let expires = created.timestamp().saturating_add(seconds(self.retention));
        let mut request = self
            .client
            .put_item()
            .table_name(&self.table)
            .item(AUDIT_ID, s(&record.audit_id))
            .item(CONVERSATION_ID, s(&record.conversation_id))
            .item(CASE_ID, s(&record.case_id))
            .item(REQUEST_SHA256, s(&record.request_sha256))
            .item(
                STATUS_HISTORY,
                AttributeValue::L(record.status_history.iter().map(entry_value).collect()),
            )
            .item(CREATED_AT, s(&record.created_at))
            .item(TTL, n(expires))
            .condition_expression("attribute_not_exists(#id)")
            .expression_attribute_names("#id", AUDIT_ID);
        if let Some(caller) = &record.caller {
            request = request.item(CALLER, s(caller));
        }
        let optional = outcome_attributes(
            &record.transcript_sha256,
            &record.source,
            &record.model,
            &record.token_usage,
            [
                (TIMINGS, &record.timings),
                (REDACTIONS, &record.redactions),
                (VERIFICATION, &record.verification),
            ],
        )?;
        for (name, value) in optional {
            request = request.item(name, value);
        }
        if let Some(crm_sync) = &record.crm_sync {
            request = request.item(CRM_SYNC, json(CRM_SYNC, crm_sync)?);
        }
        match put_outcome(request.send().await)? {
            WriteOutcome::Written => Ok(()),
            WriteOutcome::ConditionFailed(_) => Err(StoreError::Conflict(format!(
                "audit record {} already exists",
                record.audit_id
            ))),
        }
    }

    async fn record_outcome(
        &self,
        audit_id: &str,
        outcome: &AuditOutcome,
    ) -> Result<OutcomeWrite, StoreError> {
        let fields = outcome_attributes(
            &outcome.transcript_sha256,
            &outcome.source,
            &outcome.model,
            &outcome.token_usage,
            [
                (TIMINGS, &outcome.timings),
                (REDACTIONS, &outcome.redactions),
                (VERIFICATION, &outcome.verification),
            ],
        )?;
        let mut set = vec![
            "#outcomeAt = :now".to_owned(),
            "#history = list_append(if_not_exists(#history, :empty), :entry)".to_owned(),
        ];
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(audit_id)))
            .condition_expression("attribute_exists(#id) AND attribute_not_exists(#outcomeAt)")
            .expression_attribute_names("#id", AUDIT_ID)
            .expression_attribute_names("#outcomeAt", OUTCOME_AT)
            .expression_attribute_names("#history", STATUS_HISTORY)
            .expression_attribute_values(":now", s(now_timestamp()))
            .expression_attribute_values(":empty", AttributeValue::L(Vec::new()))
            .expression_attribute_values(":entry", AttributeValue::L(vec![entry_value(&outcome.status)]))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        for (i, (name, value)) in fields.into_iter().enumerate() {
            set.push(format!("#f{i} = :f{i}"));
            request = request
                .expression_attribute_names(format!("#f{i}"), name)
                .expression_attribute_values(format!(":f{i}"), value);
        }
        let result = request
            .update_expression(format!("SET {}", set.join(", ")))
            .send()
            .await;
        match update_outcome(result)? {
            WriteOutcome::Written => Ok(OutcomeWrite::Recorded),
            // The record exists, so its outcome was recorded before.
            WriteOutcome::ConditionFailed(Some(_)) => Ok(OutcomeWrite::AlreadyRecorded),
            WriteOutcome::ConditionFailed(None) => match self.get(audit_id).await? {
                Some(_) => Ok(OutcomeWrite::AlreadyRecorded),
                None => Err(StoreError::Conflict(format!(
                    "audit record {audit_id} does not exist"
                ))),
            },
        }
    }

    async fn append_status(&self, audit_id: &str, entry: &StatusEntry) -> Result<(), StoreError> {
        let request = self
            .client
            .update_item()
            .update_expression("SET #history = list_append(if_not_exists(#history, :empty), :entry)")
            .expression_attribute_names("#history", STATUS_HISTORY)
            .expression_attribute_values(":empty", AttributeValue::L(Vec::new()))
            .expression_attribute_values(":entry", AttributeValue::L(vec![entry_value(entry)]));
        self.update_existing(audit_id, "append a status", request).await
    }

    async fn set_crm_sync(&self, audit_id: &str, crm_sync: &serde_json::Value) -> Result<(), StoreError> {
        let request = self
            .client
            .update_item()
            .update_expression("SET #crm = :crm, #crmAt = :now")
            .expression_attribute_names("#crm", CRM_SYNC)
            .expression_attribute_names("#crmAt", CRM_SYNC_AT)
            .expression_attribute_values(":crm", json(CRM_SYNC, crm_sync)?)
            .expression_attribute_values(":now", s(now_timestamp()));
        self.update_existing(audit_id, "record the CRM sync", request)
            .await
    }

    async fn get(&self, audit_id: &str) -> Result<Option<AuditRecord>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(audit_id)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| sdk_error("GetItem", e))?;
        output.item.as_ref().map(parse_item).transpose()
    }
}
