//! archive-miner: plans archive windows into Genesys details jobs, fans conversation batches out
//! over its own `mining-work` queue, counts product mentions exactly once and publishes trend
//! reports. The logic lives in `wrapup_mining`; this crate wires it to Lambda events.

pub mod app;
pub mod config;
pub mod handler;
pub mod metrics;

pub use app::{App, BUILT_IN_CATALOG};
pub use config::FunctionConfig;
pub use handler::{Invocation, InvocationError, backfill, handle, handle_queue};
