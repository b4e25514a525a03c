//! Test and local-stack support for Wrapup.
//!
//! - [`template`]: `template.yaml` as the one source of table and queue definitions.
//! - [`create_tables`] / [`create_queues`] / [`create_buckets`]: create them (idempotently)
//!   against moto.
//! - [`MotoStack`]: all of them for one stack, under a fresh name: where every moto-tier
//!   harness starts.
//! - [`LocalAws`]: SDK clients for a local endpoint; [`LocalAws::from_env`] finds the moto that
//!   `scripts/with-moto.sh` (and so `make test`) started.
//! - [`MotoServer`]: the pinned moto from `.venv` as a child process.
//! - [`mention_queries`] / [`duckdb_answers`]: the README's Athena queries run with the pinned
//!   DuckDB over the mention rows a local run wrote.
//!
//! This crate must not depend on `wrapup`: `wrapup` uses it as a dev-dependency.

mod aws;
mod contract;
mod dynamo;
mod function_env;
mod mention_sql;
mod moto;
mod moto_stack;
mod openapi;
mod poller;
mod s3;
mod sqs;

use std::net::TcpListener;

pub use aws::{LOCAL_REGION, LocalAws, MOTO_URL_ENV};
pub use contract::moto_table;
pub use dynamo::{CreatedTable, create_tables, create_tables_from};
pub use function_env::StackRefs;
pub use mention_sql::{
    MentionQuery, QueryAnswer, download_prefix, duckdb_answers, mention_queries, render_answer,
};
pub use moto::{MotoServer, STARTUP_TIMEOUT};
pub use moto_stack::MotoStack;
pub use openapi::{openapi_document, openapi_draft4};
pub use poller::{PollerOptions, poll, sqs_event_of};
pub use s3::{create_buckets, create_buckets_from};
pub use sqs::{create_queues, create_queues_from};
/// Tables, queues and buckets as `template.yaml` defines them.
pub use wrapup_template::{self as template, BucketDef, QueueDef, TableDef, Template, find_repo_root};

/// The client credentials the simulator accepts (`genesys-sim`'s defaults).
pub const SIM_CLIENT_ID: &str = "local-client";
pub const SIM_CLIENT_SECRET: &str = "local-secret";

/// A stack name no other test uses, e.g. `test-1a2b3c4d`, so tests can share one moto.
pub fn unique_stack_name(prefix: &str) -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}-{}", &id[..8])
}

/// A loopback TCP port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        // Binding port 0 on loopback does not fail in practice; if it does, pick a random port
        // in the dynamic range rather than panic (a clash surfaces as a clear "in use" error).
        .unwrap_or_else(|_| 49152 + (uuid::Uuid::new_v4().as_u128() % 16000) as u16)
}
