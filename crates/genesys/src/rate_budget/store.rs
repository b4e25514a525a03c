//! Where the budget lives: one DynamoDB item per client id in the token cache table.
//!
//! Item: `cacheKey` (`ratebudget#<client id>`), `nextSlot` (ms since the epoch), `allowed`,
//! `pausedUntil` (ms, last 429 pause, for operators), `ttl` (epoch seconds: abandoned budgets
//! vanish). Every write is one UpdateItem whose condition DynamoDB checks atomically with the
//! update, so concurrent leases never overlap.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};

const KEY: &str = "cacheKey";
const NEXT: &str = "nextSlot";
const ALLOWED: &str = "allowed";
const PAUSED_UNTIL: &str = "pausedUntil";
const TTL: &str = "ttl";
/// The item's `allowed` agrees with the caller's (or was never set).
const SAME_ALLOWED: &str = "(attribute_not_exists(#allowed) OR #allowed = :allowed)";

/// Failures of the budget store. They never fail a Genesys call: the budget falls back to
/// pacing in-process.
#[derive(Debug, thiserror::Error)]
pub enum RateBudgetError {
    #[error("DynamoDB {operation} on the rate budget failed: {message}")]
    DynamoDb {
        operation: &'static str,
        message: String,
    },
    #[error("the rate budget item is malformed: {0}")]
    Malformed(String),
    #[error("the rate budget store did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the rate budget item stayed contended after {0} attempts")]
    Contended(u32),
}

/// What the item held when a condition failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct BudgetItem {
    pub next_ms: Option<i64>,
    pub allowed: Option<u32>,
    pub paused_until_ms: Option<i64>,
}

/// One lease: `span_ms` of slots, taken from `nextSlot` when the bucket is busy (`nextSlot` in
/// `floor_ms..=horizon_ms`), or from `floor_ms` when it is idle (`nextSlot < floor_ms`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GrantRequest {
    pub idle: bool,
    pub floor_ms: i64,
    pub horizon_ms: i64,
    pub span_ms: i64,
    pub allowed: u32,
    pub ttl_secs: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GrantOutcome {
    /// The item's `nextSlot` after the lease: the leased slots end there.
    Granted { next_ms: i64 },
    /// A condition did not hold; the item as it is.
    Refused(BudgetItem),
}

#[async_trait]
pub(crate) trait BudgetStore: Send + Sync + std::fmt::Debug {
    /// Strongly consistent read of the item.
    async fn load(&self, key: &str) -> Result<BudgetItem, RateBudgetError>;

    async fn grant(&self, key: &str, request: &GrantRequest) -> Result<GrantOutcome, RateBudgetError>;

    /// Moves `nextSlot` to `until_ms` unless it is later already (`pause`: also `pausedUntil`).
    async fn hold(&self, key: &str, until_ms: i64, pause: bool, ttl_secs: i64)
    -> Result<(), RateBudgetError>;

    async fn set_allowed(&self, key: &str, allowed: u32, ttl_secs: i64) -> Result<(), RateBudgetError>;
}

#[derive(Debug, Clone)]
pub(crate) struct DynamoDbBudgetStore {
    client: DynamoDbClient,
    table: String,
}

impl DynamoDbBudgetStore {
    pub fn new(client: DynamoDbClient, table: String) -> Self {
        Self { client, table }
    }

    fn update(
        &self,
        key: &str,
        ttl_secs: i64,
    ) -> aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder {
        self.client
            .update_item()
            .table_name(&self.table)
            .key(KEY, AttributeValue::S(key.to_owned()))
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_values(":ttl", n(ttl_secs))
    }
}

fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

fn store_error<E, R>(operation: &'static str, err: SdkError<E, R>) -> RateBudgetError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    RateBudgetError::DynamoDb {
        operation,
        message: DisplayErrorContext(&err).to_string(),
    }
}

fn number(item: &HashMap<String, AttributeValue>, name: &str) -> Result<Option<i64>, RateBudgetError> {
    match item.get(name) {
        None => Ok(None),
        Some(AttributeValue::N(value)) => value
            .parse::<i64>()
            .map(Some)
            .map_err(|_| RateBudgetError::Malformed(format!("{name} is not an integer"))),
        Some(_) => Err(RateBudgetError::Malformed(format!("{name} is not a number"))),
    }
}

fn parse_item(item: &HashMap<String, AttributeValue>) -> Result<BudgetItem, RateBudgetError> {
    let allowed = number(item, ALLOWED)?
        .map(|a| {
            u32::try_from(a).map_err(|_| RateBudgetError::Malformed(format!("{ALLOWED} is out of range")))
        })
        .transpose()?;
    Ok(BudgetItem {
        next_ms: number(item, NEXT)?,
        allowed,
        paused_until_ms: number(item, PAUSED_UNTIL)?,
    })
}

#[async_trait]
impl BudgetStore for DynamoDbBudgetStore {
    async fn load(&self, key: &str) -> Result<BudgetItem, RateBudgetError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(KEY, AttributeValue::S(key.to_owned()))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_error("GetItem", e))?;
        output.item.as_ref().map_or(Ok(BudgetItem::default()), parse_item)
    }

    async fn grant(&self, key: &str, request: &GrantRequest) -> Result<GrantOutcome, RateBudgetError> {
        let update = self
            .update(key, request.ttl_secs)
            .expression_attribute_names("#next", NEXT)
            .expression_attribute_names("#allowed", ALLOWED)
            .expression_attribute_values(":allowed", n(request.allowed))
            .expression_attribute_values(":floor", n(request.floor_ms))
            .return_values(ReturnValue::UpdatedNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        let update = if request.idle {
            update
                .update_expression(
                    "SET #next = :next, #ttl = :ttl, #allowed = if_not_exists(#allowed, :allowed)",
                )
                .condition_expression(format!(
                    "(attribute_not_exists(#next) OR #next < :floor) AND {SAME_ALLOWED}"
                ))
                .expression_attribute_values(":next", n(request.floor_ms + request.span_ms))
        } else {
            update
                .update_expression(
                    "SET #next = #next + :span, #ttl = :ttl, #allowed = if_not_exists(#allowed, :allowed)",
                )
                .condition_expression(format!("#next BETWEEN :floor AND :horizon AND {SAME_ALLOWED}"))
                .expression_attribute_values(":span", n(request.span_ms))
                .expression_attribute_values(":horizon", n(request.horizon_ms))
        };
        match update.send().await {
            Ok(output) => {
                let attributes = output.attributes.unwrap_or_default();
                let next_ms = number(&attributes, NEXT)?
                    .ok_or_else(|| RateBudgetError::Malformed(format!("{NEXT} missing after a lease")))?;
                Ok(GrantOutcome::Granted { next_ms })
            }
            Err(err)
                if err
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                let returned = match err.as_service_error() {
                    Some(UpdateItemError::ConditionalCheckFailedException(e)) => e.item().map(parse_item),
                    _ => None,
                };
                // Stores that do not return the item on a failed condition need one more read.
                let item = match returned {
                    Some(item) => item?,
                    None => self.load(key).await?,
                };
                Ok(GrantOutcome::Refused(item))
            }
            Err(err) => Err(store_error("UpdateItem", err)),
        }
    }

    async fn hold(
        &self,
        key: &str,
        until_ms: i64,
        pause: bool,
        ttl_secs: i64,
    ) -> Result<(), RateBudgetError> {
        let expression = if pause {
            "SET #next = :until, #paused = :until, #ttl = :ttl"
        } else {
            "SET #next = :until, #ttl = :ttl"
        };
        let mut update = self
            .update(key, ttl_secs)
            .update_expression(expression)
            .condition_expression("attribute_not_exists(#next) OR #next < :until")
            .expression_attribute_names("#next", NEXT)
            .expression_attribute_values(":until", n(until_ms));
        if pause {
            update = update.expression_attribute_names("#paused", PAUSED_UNTIL);
        }
        match update.send().await {
            Ok(_) => Ok(()),
            // The next slot is later already: the hold is in force.
            Err(err)
                if err
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(())
            }
            Err(err) => Err(store_error("UpdateItem", err)),
        }
    }

    async fn set_allowed(&self, key: &str, allowed: u32, ttl_secs: i64) -> Result<(), RateBudgetError> {
        self.update(key, ttl_secs)
            .update_expression("SET #allowed = :allowed, #ttl = :ttl")
            .expression_attribute_names("#allowed", ALLOWED)
            .expression_attribute_values(":allowed", n(allowed))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| store_error("UpdateItem", e))
    }
}
