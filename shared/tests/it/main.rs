//! The wrapup library's integration tests.
//! One integration-test binary for the crate (`cargo test --test it`): each file below was its
//! own binary, each linking the whole dependency tree again.

mod common;
mod crm_common;

mod catalog_file;
mod client_operations;
mod client_retries;
mod client_tokens;
mod crm_config;
mod crm_data_action;
mod crm_participant;
mod crm_secrets;
mod crm_signature;
mod crm_webhook;
mod models_contract;
mod models_tolerance;
mod queue_messages;
mod queue_sqs;
mod rate_budget;
mod redact_comprehend_moto;
mod redact_pii;
mod redact_properties;
mod secrets;
mod store_audit;
mod store_deliveries;
mod store_summaries;
mod summarize_extractive_addressed;
mod summarize_extractive_commitment_forms;
mod summarize_extractive_commitments;
mod summarize_extractive_edge_cases;
mod summarize_extractive_languages;
mod summarize_extractive_properties;
mod summarize_extractive_referents;
mod summarize_extractive_sim;
mod summarize_extractive_transcripts;
mod summarize_genesys_copilot;
mod summarize_llm_config;
mod summarize_llm_faults;
mod summarize_llm_happy;
mod summarize_llm_mapreduce;
mod token_cache_shared;
mod verify_properties;
mod verify_seeded;
mod verify_summary;
