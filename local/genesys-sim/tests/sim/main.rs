//! Integration tests of the Genesys simulator over HTTP (one test binary, several modules).

mod auth;
mod bedrock;
mod bedrock_sdk;
mod common;
mod contract;
mod control;
mod faults;
mod llm_crm;
mod llm_script;
mod llm_summary;
mod validation;
