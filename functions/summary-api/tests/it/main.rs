//! summary-api's integration tests: the handler driven by the event documents, on moto and the simulator or in memory.
//! One integration-test binary for the crate (`cargo test --test it`): each file below was its
//! own binary, each linking the whole dependency tree again.

mod common;

mod api_async;
mod api_bedrock;
mod api_errors;
mod api_idempotency;
mod api_judge;
mod api_limits;
mod api_llm;
mod api_memory;
mod api_metrics;
mod api_model_client;
mod api_pii;
mod api_summaries;
mod api_tenancy;
mod eval_pipeline;
mod eval_references;
mod template_env;
