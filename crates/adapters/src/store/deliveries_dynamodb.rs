//! [`DeliveryStore`] on the `CrmDeliveryTable` (hash `deliveryKey`, range `target`, TTL `ttl`).
//!
//! A claim is a conditional PutItem: a new item only if none exists, or a takeover that compares
//! and swaps on the `attempts` counter and status it read, so of many concurrent claims exactly
//! one gets through (an UpdateItem that creates the item is not atomic enough on moto).

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValuesOnConditionCheckFailure};
use chrono::Utc;

use super::deliveries::{DeliveryClaim, DeliveryRecord, DeliveryStatus, DeliveryStore, clipped};
use super::item::{
    Item, WriteOutcome, millis, n, optional_n, optional_s, put_outcome, required_s, s, sdk_error, seconds,
    update_outcome,
};
use super::{StoreError, timestamp};

const DELIVERY_KEY: &str = "deliveryKey";
const TARGET: &str = "target";
const STATUS: &str = "status";
const ATTEMPTS: &str = "attempts";
const OWNER: &str = "owner";
const LEASE_UNTIL: &str = "leaseUntil";
const HTTP_STATUS: &str = "httpStatus";
const LATENCY_MS: &str = "latencyMs";
const LAST_ERROR: &str = "lastError";
const UPDATED_AT: &str = "updatedAt";
const TTL: &str = "ttl";

/// A claim races at most this many times with writers changing the item under it.
const CLAIM_ATTEMPTS: usize = 4;
/// Keeps a stored error short; the caller passes a kind and a status, never a body.

#[derive(Clone, Debug)]
pub struct DynamoDbDeliveryStore {
    client: DynamoDbClient,
    table: String,
    /// How long an item lives after its last change (DynamoDB TTL).
    ttl: Duration,
}

/// A stored item, parsed: the public record plus the lease.
struct Stored {
    record: DeliveryRecord,
    owner: Option<String>,
    lease_until_ms: Option<i64>,
}

impl DynamoDbDeliveryStore {
    pub fn new(client: DynamoDbClient, table: impl Into<String>, ttl: Duration) -> Self {
        Self {
            client,
            table: table.into(),
            ttl,
        }
    }

    fn key(delivery_key: &str, target: &str) -> Item {
        HashMap::from([
            (DELIVERY_KEY.to_owned(), s(delivery_key)),
            (TARGET.to_owned(), s(target)),
        ])
    }

    fn expires_at(&self) -> AttributeValue {
        n(Utc::now().timestamp().saturating_add(seconds(self.ttl)))
    }

    /// The whole item of a fresh claim; the caller adds the condition.
    fn claim_item(&self, write: &ClaimWrite<'_>, attempt: u32, last_error: Option<&str>) -> Item {
        let mut item = Self::key(write.delivery_key, write.target);
        item.insert(STATUS.into(), s(DeliveryStatus::InProgress.as_str()));
        item.insert(ATTEMPTS.into(), n(i64::from(attempt)));
        item.insert(OWNER.into(), s(write.owner));
        item.insert(
            LEASE_UNTIL.into(),
            n(write.now_ms.saturating_add(millis(write.lease))),
        );
        item.insert(UPDATED_AT.into(), s(timestamp(Utc::now())));
        item.insert(TTL.into(), self.expires_at());
        if let Some(error) = last_error {
            item.insert(LAST_ERROR.into(), s(error));
        }
        item
    }

    /// The first claim of (delivery, target): only if there is no item yet.
    async fn try_create(&self, write: &ClaimWrite<'_>) -> Result<WriteOutcome, StoreError> {
        let request = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(self.claim_item(write, 1, None)))
            .condition_expression("attribute_not_exists(#key)")
            .expression_attribute_names("#key", DELIVERY_KEY)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        put_outcome(request.send().await)
    }

    /// Takes over a failed or expired claim, if the item is still exactly what we saw: same
    /// attempts and status, so a concurrent claim (which bumps attempts) or completion wins.
    async fn try_take_over(&self, write: &ClaimWrite<'_>, seen: &Stored) -> Result<WriteOutcome, StoreError> {
        let attempt = seen.record.attempts.saturating_add(1);
        let item = self.claim_item(write, attempt, seen.record.last_error.as_deref());
        let request = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression(
                "#attempts = :seenAttempts AND #status = :seenStatus \
                 AND (#status = :failed OR (#status = :inProgress AND #lease < :nowMs))",
            )
            .expression_attribute_names("#attempts", ATTEMPTS)
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_values(":seenAttempts", n(i64::from(seen.record.attempts)))
            .expression_attribute_values(":seenStatus", s(seen.record.status.as_str()))
            .expression_attribute_values(":failed", s(DeliveryStatus::Failed.as_str()))
            .expression_attribute_values(":inProgress", s(DeliveryStatus::InProgress.as_str()))
            .expression_attribute_values(":nowMs", n(write.now_ms))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        put_outcome(request.send().await)
    }

    async fn get_item(&self, delivery_key: &str, target: &str) -> Result<Option<Item>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(delivery_key, target)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| sdk_error("GetItem", e))?;
        Ok(output.item)
    }

    /// The item a failed conditional write ran into: returned with the error, or read.
    async fn current(
        &self,
        returned: Option<Item>,
        delivery_key: &str,
        target: &str,
    ) -> Result<Option<Stored>, StoreError> {
        let item = match returned {
            Some(item) => Some(item),
            None => self.get_item(delivery_key, target).await?,
        };
        item.as_ref().map(parse_item).transpose()
    }

    /// Runs an update conditional on `owner` holding an in-progress claim. When the condition
    /// fails but the item already is in `already` under the same owner, an earlier try of this
    /// very call got through (an SDK retry), so it succeeded.
    async fn owner_update(
        &self,
        request: aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder,
        ids: (&str, &str, &str),
        already: DeliveryStatus,
    ) -> Result<(), StoreError> {
        let (delivery_key, target, owner) = ids;
        let request = request
            .condition_expression("#owner = :owner AND #status = :inProgress")
            .expression_attribute_names("#owner", OWNER)
            .expression_attribute_values(":owner", s(owner))
            .expression_attribute_values(":inProgress", s(DeliveryStatus::InProgress.as_str()))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        let returned = match update_outcome(request.send().await)? {
            WriteOutcome::Written => return Ok(()),
            WriteOutcome::ConditionFailed(returned) => returned,
        };
        match self.current(returned, delivery_key, target).await? {
            Some(now) if now.record.status == already && now.owner.as_deref() == Some(owner) => Ok(()),
            Some(_) => Err(StoreError::Conflict(format!(
                "delivery {delivery_key} to {target} is no longer claimed by {owner}"
            ))),
            None => Err(StoreError::Conflict(format!(
                "delivery {delivery_key} to {target} was never claimed"
            ))),
        }
    }
}

#[derive(Clone, Copy)]
struct ClaimWrite<'a> {
    delivery_key: &'a str,
    target: &'a str,
    owner: &'a str,
    lease: Duration,
    now_ms: i64,
}

/// What a claim that met an existing item means. `None`: the item may be taken over.
fn held_claim(current: &Stored, now_ms: i64) -> Result<Option<DeliveryClaim>, StoreError> {
    match current.record.status {
        DeliveryStatus::Done => Ok(Some(DeliveryClaim::Done(current.record.clone()))),
        DeliveryStatus::Failed => Ok(None),
        DeliveryStatus::InProgress => match current.lease_until_ms {
            Some(until) if until >= now_ms => Ok(Some(DeliveryClaim::InProgress {
                lease_until_ms: until,
                owner: current
                    .owner
                    .clone()
                    .ok_or_else(|| StoreError::Malformed(format!("{OWNER} is missing")))?,
            })),
            // Expired (or, for an item written by hand, no lease at all): a crashed worker.
            _ => Ok(None),
        },
    }
}

fn parse_item(item: &Item) -> Result<Stored, StoreError> {
    let status = required_s(item, STATUS)?;
    let status = DeliveryStatus::parse(&status)
        .ok_or_else(|| StoreError::Malformed(format!("unknown delivery status {status:?}")))?;
    let record = DeliveryRecord {
        delivery_key: required_s(item, DELIVERY_KEY)?,
        target: required_s(item, TARGET)?,
        status,
        attempts: unsigned(item, ATTEMPTS)?
            .ok_or_else(|| StoreError::Malformed(format!("{ATTEMPTS} is missing")))?,
        http_status: unsigned(item, HTTP_STATUS)?,
        latency_ms: unsigned(item, LATENCY_MS)?,
        last_error: optional_s(item, LAST_ERROR)?,
        updated_at: optional_s(item, UPDATED_AT)?.unwrap_or_default(),
    };
    Ok(Stored {
        record,
        owner: optional_s(item, OWNER)?,
        lease_until_ms: optional_n(item, LEASE_UNTIL)?,
    })
}

/// An optional number that must fit `T` (attempts, HTTP status, latency).
fn unsigned<T: TryFrom<i64>>(item: &Item, name: &str) -> Result<Option<T>, StoreError> {
    optional_n(item, name)?
        .map(|value| {
            T::try_from(value).map_err(|_| StoreError::Malformed(format!("{name} is out of range: {value}")))
        })
        .transpose()
}

#[async_trait]
impl DeliveryStore for DynamoDbDeliveryStore {
    async fn claim(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        lease: Duration,
    ) -> Result<DeliveryClaim, StoreError> {
        // The item that stopped the previous write; none: try to create it.
        let mut seen: Option<Stored> = None;
        for _ in 0..CLAIM_ATTEMPTS {
            let write = ClaimWrite {
                delivery_key,
                target,
                owner,
                lease,
                now_ms: Utc::now().timestamp_millis(),
            };
            let (outcome, attempt) = match &seen {
                None => (self.try_create(&write).await?, 1),
                Some(current) => {
                    if let Some(claim) = held_claim(current, write.now_ms)? {
                        return Ok(claim);
                    }
                    let attempt = current.record.attempts.saturating_add(1);
                    (self.try_take_over(&write, current).await?, attempt)
                }
            };
            seen = match outcome {
                WriteOutcome::Written => return Ok(DeliveryClaim::Acquired { attempt }),
                // Gone meanwhile (TTL): the next round creates it again.
                WriteOutcome::ConditionFailed(returned) => {
                    self.current(returned, delivery_key, target).await?
                }
            };
        }
        Err(StoreError::Conflict(format!(
            "could not claim delivery {delivery_key} to {target}: it kept changing"
        )))
    }

    async fn complete(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        http_status: u16,
        latency_ms: u64,
    ) -> Result<(), StoreError> {
        let request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(delivery_key, target)))
            .update_expression(
                "SET #status = :done, #http = :http, #latency = :latency, #updated = :now, #ttl = :ttl \
                 REMOVE #lease",
            )
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#http", HTTP_STATUS)
            .expression_attribute_names("#latency", LATENCY_MS)
            .expression_attribute_names("#updated", UPDATED_AT)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_values(":done", s(DeliveryStatus::Done.as_str()))
            .expression_attribute_values(":http", n(i64::from(http_status)))
            .expression_attribute_values(":latency", n(i64::try_from(latency_ms).unwrap_or(i64::MAX)))
            .expression_attribute_values(":now", s(timestamp(Utc::now())))
            .expression_attribute_values(":ttl", self.expires_at());
        self.owner_update(request, (delivery_key, target, owner), DeliveryStatus::Done)
            .await
    }

    async fn release(
        &self,
        delivery_key: &str,
        target: &str,
        owner: &str,
        error: &str,
    ) -> Result<(), StoreError> {
        let request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(delivery_key, target)))
            .update_expression(
                "SET #status = :failed, #error = :error, #updated = :now, #ttl = :ttl REMOVE #lease",
            )
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#error", LAST_ERROR)
            .expression_attribute_names("#updated", UPDATED_AT)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_values(":failed", s(DeliveryStatus::Failed.as_str()))
            .expression_attribute_values(":error", s(clipped(error)))
            .expression_attribute_values(":now", s(timestamp(Utc::now())))
            .expression_attribute_values(":ttl", self.expires_at());
        self.owner_update(request, (delivery_key, target, owner), DeliveryStatus::Failed)
            .await
    }

    async fn get(&self, delivery_key: &str, target: &str) -> Result<Option<DeliveryRecord>, StoreError> {
        self.get_item(delivery_key, target)
            .await?
            .map(|item| parse_item(&item).map(|stored| stored.record))
            .transpose()
    }
}

#[cfg(test)]
mod tests;
