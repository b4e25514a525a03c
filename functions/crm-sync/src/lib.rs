//! crm-sync: consumes the `crm-sync` queue and writes each verified summary to the configured CRM
//! targets exactly once per (delivery, target). Retryable failures come back with growing
//! visibility timeouts; permanent ones go to the DLQ at once with the reason as attributes.

pub mod app;
pub mod config;
pub mod handler;
pub mod metrics;
pub mod outcome;

pub use app::App;
pub use config::FunctionConfig;
pub use handler::handle_batch;
