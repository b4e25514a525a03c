//! `wrapup-local`: runs Wrapup on one machine.
//!
//! - `up`: moto (with the tables and queues of template.yaml) and the Genesys simulator, until
//!   Ctrl-C. Prints one line per service, then `ready`.
//! - `create-tables`: creates the template's tables and queues against an existing endpoint.
//! - `demo`: starts the same stack on free ports, runs the demo, stops.
//! - `token`: prints a JWT the local gateway's authorizer accepts.
//! - `put-events`: delivers EventBridge events through the template's `AssistEventsRule` to the
//!   running stack's assist-events queue.
//! - `bench-request`: CPU, time and memory per request of the release functions (`make bench-request`).
//!
//! What an operator runs against a deployed stack (DLQ replay, backfills) is `wrapup-ops`.

mod assist;
mod auth;
mod bench_request;
mod cli;
#[cfg(test)]
mod crm_sync_replay;
mod demo;
mod demo_assist;
mod demo_bedrock;
mod demo_metrics;
mod demo_mining;
mod demo_sql;
mod gateway;
mod keep_alive;
mod put_events;
mod runtime_api;
mod stack;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    cli::run().await
}
