//! wrapup-assist's tests: the fast tier in memory, and the DynamoDB store against moto.

mod common;
mod events;
mod process_jobs;
mod process_suggestions;
mod ranking_replay;
mod store_dynamodb;
