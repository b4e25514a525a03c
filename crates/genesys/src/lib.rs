//! Genesys Cloud Platform API v2 client: OAuth client credentials, a two-tier token cache shared
//! through DynamoDB, one HTTP layer with deadlines and retries, and typed operations; with what
//! every function reads at cold start beside it (typed configuration, secrets, regions); the
//! identifiers parsed at the edge are `wrapup-core`'s, re-exported. Below the text pipeline, the
//! stores and the functions.

pub mod api;
pub mod auth;
pub mod client;
pub mod config;
mod counters;
pub mod error;
mod http;
/// Response bodies read with a cap, for every outbound HTTP client (the LLM's too).
pub mod http_body;
/// The identifiers parsed at the edge (in `wrapup-core`, below this crate).
pub use wrapup_core::ids;
pub mod memory;
pub mod models;
pub mod operations;
pub mod pacer;
pub mod rate_budget;
/// Regions are below both the configuration and the client.
pub mod region;
pub mod retry;
pub mod secrets;
pub mod token_cache;
pub mod token_store;
pub mod transcript_download;

pub use api::GenesysApi;
pub use auth::AccessToken;
pub use client::{GenesysClient, GenesysClientBuilder};
pub use counters::{CallCounters, CallCounts};
pub use error::{AuthError, GenesysError, TokenStoreError};
pub use memory::{Fault, GenesysWrite, MemoryGenesys};
pub use pacer::{Pacer, RateLimitStatus, RequestPacer};
pub use rate_budget::{RateBudgetConfig, RateBudgetError, RateBudgetStats, SharedRateBudget};
pub use region::Region;
pub use retry::Deadline;
pub use token_cache::{TokenCacheConfig, TokenCacheStats};
pub use token_store::{DynamoDbTokenStore, SharedTokenRecord, TokenStore};
