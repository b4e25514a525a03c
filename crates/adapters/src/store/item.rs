//! Reading and writing DynamoDB attributes without panics, and mapping SDK errors.

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::AttributeValue;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

pub type Item = HashMap<String, AttributeValue>;

pub fn sdk_error<E, R>(operation: &'static str, err: SdkError<E, R>) -> StoreError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    StoreError::DynamoDb {
        operation,
        message: DisplayErrorContext(&err).to_string(),
    }
}

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn n(value: i64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

pub fn json<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<AttributeValue, StoreError> {
    serde_json::to_string(value)
        .map(AttributeValue::S)
        .map_err(|e| StoreError::Malformed(format!("{name} cannot be encoded as JSON: {e}")))
}

pub fn required_s(item: &Item, name: &str) -> Result<String, StoreError> {
    optional_s(item, name)?.ok_or_else(|| StoreError::Malformed(format!("{name} is missing")))
}

pub fn optional_s(item: &Item, name: &str) -> Result<Option<String>, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::S(value)) => Ok(Some(value.clone())),
        Some(_) => Err(StoreError::Malformed(format!("{name} is not a string"))),
    }
}

pub fn optional_n(item: &Item, name: &str) -> Result<Option<i64>, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::N(value)) => value
            .parse()
            .map(Some)
            .map_err(|_| StoreError::Malformed(format!("{name} is not an integer"))),
        Some(_) => Err(StoreError::Malformed(format!("{name} is not a number"))),
    }
}

pub fn optional_json<T: DeserializeOwned>(item: &Item, name: &str) -> Result<Option<T>, StoreError> {
    optional_s(item, name)?
        .map(|text| {
            serde_json::from_str(&text)
                .map_err(|e| StoreError::Malformed(format!("{name} is not the expected JSON: {e}")))
        })
        .transpose()
}

/// Every item `query` finds, following its pages.
pub async fn query_all(query: QueryFluentBuilder) -> Result<Vec<Item>, StoreError> {
    let mut items = Vec::new();
    let mut start_key = None;
    loop {
        let output = query
            .clone()
            .set_exclusive_start_key(start_key)
            .send()
            .await
            .map_err(|e| sdk_error("Query", e))?;
        items.extend(output.items.unwrap_or_default());
        start_key = output.last_evaluated_key.filter(|k| !k.is_empty());
        if start_key.is_none() {
            return Ok(items);
        }
    }
}

pub fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

pub fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// The result of a conditional write: done, or its condition did not hold (with the old item when
/// the request asked for it with `ReturnValuesOnConditionCheckFailure::AllOld`).
pub enum WriteOutcome {
    Written,
    ConditionFailed(Option<Item>),
}

/// Conditional-check failures are told apart by type, never by message.
pub fn update_outcome<O, R: std::fmt::Debug>(
    result: Result<O, SdkError<UpdateItemError, R>>,
) -> Result<WriteOutcome, StoreError> {
    match result {
        Ok(_) => Ok(WriteOutcome::Written),
        Err(err) => match err.as_service_error() {
            Some(UpdateItemError::ConditionalCheckFailedException(e)) => {
                Ok(WriteOutcome::ConditionFailed(e.item().cloned()))
            }
            _ => Err(sdk_error("UpdateItem", err)),
        },
    }
}

pub fn put_outcome<O, R: std::fmt::Debug>(
    result: Result<O, SdkError<PutItemError, R>>,
) -> Result<WriteOutcome, StoreError> {
    match result {
        Ok(_) => Ok(WriteOutcome::Written),
        Err(err) => match err.as_service_error() {
            Some(PutItemError::ConditionalCheckFailedException(e)) => {
                Ok(WriteOutcome::ConditionFailed(e.item().cloned()))
            }
            _ => Err(sdk_error("PutItem", err)),
        },
    }
}
