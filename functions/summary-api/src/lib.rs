//! summary-api: `POST /summaries`, `GET /summaries/{conversationId}` (API Gateway HTTP API v2,
//! REST API v1 and function URLs), and the summary-jobs SQS queue, in one function. Handlers
//! turn an event into a call on `wrapup::pipeline` and its result into a response; the logic
//! lives in the shared crate.

pub mod app;
pub mod config;
pub mod dispatch;
pub mod errors;
pub mod http;
pub mod jobs;
pub mod metrics;

pub use app::App;
pub use config::FunctionConfig;
pub use dispatch::dispatch;
