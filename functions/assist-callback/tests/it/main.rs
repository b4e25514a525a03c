//! assist-callback's integration tests (one binary): the template's environment, and the handler
//! over SQS batches and direct EventBridge events, in memory.

mod common;
mod handler_memory;
mod http_memory;
mod jobs_memory;
mod metrics;
mod openapi;
mod template_env;
mod webhook_memory;
