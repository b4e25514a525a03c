//! assist-callback: Genesys Agent Assist and Copilot events from the org's EventBridge partner
//! source (through the `assist-events` queue, or straight from the rule), recorded exactly once
//! in any order by `wrapup_assist`, with a summary job for every finished conversation.

pub mod app;
pub mod audit;
pub mod config;
pub mod handler;
pub mod http;
pub mod jobs;
pub mod metrics;
pub mod outcome;
pub mod webhook;

pub use app::App;
pub use config::FunctionConfig;
pub use handler::dispatch;
