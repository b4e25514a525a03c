//! The shared tier of the token cache: one DynamoDB item per (client id, login host) that every
//! Lambda instance reads, plus a conditional-write lease so that only one instance refreshes.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::types::AttributeValue;

use super::auth::AccessToken;
use super::error::TokenStoreError;

/// What the shared tier holds for one cache key.
#[derive(Debug, Clone, Default)]
pub struct SharedTokenRecord {
    pub token: Option<AccessToken>,
    pub lease_owner: Option<String>,
    pub lease_until_ms: Option<i64>,
}

impl SharedTokenRecord {
    pub fn lease_active(&self, now_ms: i64) -> bool {
        self.lease_until_ms.is_some_and(|until| until > now_ms)
    }
}

/// Storage shared by every instance of a client. Small on purpose: the cache logic lives in
/// `TokenCache`, the store only reads and writes atomically.
#[async_trait]
pub trait TokenStore: Send + Sync + 'static {
    /// Strongly consistent read of the record.
    async fn load(&self, key: &str) -> Result<SharedTokenRecord, TokenStoreError>;

    /// Takes the refresh lease unless another owner holds a live one, or the stored token is not
    /// yet due for refresh. Returns whether `owner` now holds it.
    async fn try_lease(
        &self,
        key: &str,
        owner: &str,
        now_ms: i64,
        lease: Duration,
    ) -> Result<bool, TokenStoreError>;

    /// Stores a fresh token and releases `owner`'s lease. Returns false (and writes nothing) if
    /// the lease was lost to another instance meanwhile.
    async fn put_token(&self, key: &str, owner: &str, token: &AccessToken) -> Result<bool, TokenStoreError>;

    /// Releases `owner`'s lease after a failed refresh, so others need not wait for it to expire.
    async fn release_lease(&self, key: &str, owner: &str) -> Result<(), TokenStoreError>;

    /// Removes the token if (and only if) it is still `token`: a 401 proves that exact token bad,
    /// not a newer one another instance stored meanwhile. Returns whether it was removed.
    async fn invalidate(&self, key: &str, token: &AccessToken) -> Result<bool, TokenStoreError>;
}

/// The token table in DynamoDB (`cacheKey` hash key, `ttl` TTL attribute; see template.yaml).
#[derive(Clone, Debug)]
pub struct DynamoDbTokenStore {
    client: DynamoDbClient,
    table: String,
}

const KEY: &str = "cacheKey";
const TOKEN: &str = "accessToken";
const EXPIRES_AT: &str = "expiresAt";
const REFRESH_AT: &str = "refreshAt";
const LEASE_OWNER: &str = "leaseOwner";
const LEASE_UNTIL: &str = "leaseUntil";
const TTL: &str = "ttl";

impl DynamoDbTokenStore {
    pub fn new(client: DynamoDbClient, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    fn key(key: &str) -> HashMap<String, AttributeValue> {
        HashMap::from([(KEY.to_owned(), AttributeValue::S(key.to_owned()))])
    }
}

fn store_error<E, R>(operation: &'static str, err: SdkError<E, R>) -> TokenStoreError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    TokenStoreError::DynamoDb {
        operation,
        message: DisplayErrorContext(&err).to_string(),
    }
}

/// `Ok(true)` when a conditional write happened, `Ok(false)` when its condition did not hold.
fn conditional<T, E, R>(
    operation: &'static str,
    result: Result<T, SdkError<E, R>>,
    condition_failed: impl Fn(&E) -> bool,
) -> Result<bool, TokenStoreError>
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match result {
        Ok(_) => Ok(true),
        Err(err) if err.as_service_error().is_some_and(&condition_failed) => Ok(false),
        Err(err) => Err(store_error(operation, err)),
    }
}

fn number(item: &HashMap<String, AttributeValue>, name: &str) -> Result<Option<i64>, TokenStoreError> {
    match item.get(name) {
        None => Ok(None),
        Some(AttributeValue::N(n)) => n
            .parse()
            .map(Some)
            .map_err(|_| TokenStoreError::Malformed(format!("{name} is not an integer"))),
        Some(_) => Err(TokenStoreError::Malformed(format!("{name} is not a number"))),
    }
}

fn n(value: i64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

#[async_trait]
impl TokenStore for DynamoDbTokenStore {
    async fn load(&self, key: &str) -> Result<SharedTokenRecord, TokenStoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_error("GetItem", e))?;
        let Some(item) = output.item else {
            return Ok(SharedTokenRecord::default());
        };
        let token = match (item.get(TOKEN), number(&item, EXPIRES_AT)?) {
            (Some(AttributeValue::S(value)), Some(expires_at)) => {
                let refresh_at = number(&item, REFRESH_AT)?.unwrap_or(expires_at);
                Some(AccessToken::new(value.as_str(), expires_at, refresh_at))
            }
            _ => None,
        };
        let lease_owner = match item.get(LEASE_OWNER) {
            Some(AttributeValue::S(owner)) => Some(owner.clone()),
            _ => None,
        };
        Ok(SharedTokenRecord {
            token,
            lease_owner,
            lease_until_ms: number(&item, LEASE_UNTIL)?,
        })
    }

    async fn try_lease(
        &self,
        key: &str,
        owner: &str,
        now_ms: i64,
        lease: Duration,
    ) -> Result<bool, TokenStoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(key)))
            .update_expression("SET #owner = :owner, #until = :until, #ttl = if_not_exists(#ttl, :ttl)")
            .condition_expression(
                "(attribute_not_exists(#until) OR #until < :now) \
                 AND (attribute_not_exists(#refresh) OR #refresh <= :now)",
            )
            .expression_attribute_names("#owner", LEASE_OWNER)
            .expression_attribute_names("#until", LEASE_UNTIL)
            .expression_attribute_names("#refresh", REFRESH_AT)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_values(":owner", AttributeValue::S(owner.to_owned()))
            .expression_attribute_values(":until", n(now_ms + lease.as_millis() as i64))
            .expression_attribute_values(":now", n(now_ms))
            // A lease-only item must not outlive its purpose either.
            .expression_attribute_values(":ttl", n(now_ms / 1000 + 3600))
            .send()
            .await;
        conditional("UpdateItem", result, |e| {
            e.is_conditional_check_failed_exception()
        })
    }

    async fn put_token(&self, key: &str, owner: &str, token: &AccessToken) -> Result<bool, TokenStoreError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .item(KEY, AttributeValue::S(key.to_owned()))
            .item(TOKEN, AttributeValue::S(token.secret().to_owned()))
            .item(EXPIRES_AT, n(token.expires_at_ms()))
            .item(REFRESH_AT, n(token.refresh_at_ms()))
            // DynamoDB deletes expired items lazily (and moto never): readers check expiresAt too.
            .item(TTL, n(token.expires_at_ms() / 1000 + 1))
            .condition_expression("attribute_not_exists(#owner) OR #owner = :owner")
            .expression_attribute_names("#owner", LEASE_OWNER)
            .expression_attribute_values(":owner", AttributeValue::S(owner.to_owned()))
            .send()
            .await;
        conditional("PutItem", result, |e| e.is_conditional_check_failed_exception())
    }

    async fn release_lease(&self, key: &str, owner: &str) -> Result<(), TokenStoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(key)))
            .update_expression("REMOVE #owner, #until")
            .condition_expression("#owner = :owner")
            .expression_attribute_names("#owner", LEASE_OWNER)
            .expression_attribute_names("#until", LEASE_UNTIL)
            .expression_attribute_values(":owner", AttributeValue::S(owner.to_owned()))
            .send()
            .await;
        // Not holding the lease any more is fine: someone else took over.
        conditional("UpdateItem", result, |e| {
            e.is_conditional_check_failed_exception()
        })
        .map(|_| ())
    }

    async fn invalidate(&self, key: &str, token: &AccessToken) -> Result<bool, TokenStoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(key)))
            .update_expression("REMOVE #token, #expires, #refresh")
            .condition_expression("#token = :token")
            .expression_attribute_names("#token", TOKEN)
            .expression_attribute_names("#expires", EXPIRES_AT)
            .expression_attribute_names("#refresh", REFRESH_AT)
            .expression_attribute_values(":token", AttributeValue::S(token.secret().to_owned()))
            .send()
            .await;
        conditional("UpdateItem", result, |e| {
            e.is_conditional_check_failed_exception()
        })
    }
}
