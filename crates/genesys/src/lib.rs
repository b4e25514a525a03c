//! Genesys Cloud Platform API v2 client: OAuth client credentials, a two-tier token cache shared
//! through DynamoDB, one HTTP layer with deadlines and retries, and typed operations.

pub mod api;
pub mod auth;
pub mod client;
mod counters;
pub mod error;
mod http;
pub mod memory;
pub mod models;
pub mod operations;
pub mod rate_budget;
pub mod ratelimit;
/// Regions are below both the configuration and the client.
pub use crate::region;
pub mod retry;
pub mod token_cache;
pub mod token_store;
pub mod transcripts;

pub use api::GenesysApi;
pub use auth::AccessToken;
pub use client::{GenesysClient, GenesysClientBuilder};
pub use counters::{CallCounters, CallCounts};
pub use error::{AuthError, GenesysError, TokenStoreError};
pub use memory::{Fault, GenesysWrite, MemoryGenesys};
pub use rate_budget::{RateBudgetConfig, RateBudgetError, RateBudgetStats, SharedRateBudget};
pub use ratelimit::{Pacer, RateLimitStatus, RequestPacer};
pub use region::Region;
pub use retry::Deadline;
pub use token_cache::{TokenCacheConfig, TokenCacheStats};
pub use token_store::{DynamoDbTokenStore, SharedTokenRecord, TokenStore};
