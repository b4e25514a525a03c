//! Wrapup's shared library, the top of the layers below the functions: the summary pipeline
//! (fetch, redact, summarise, verify, audit, hand over) over the text stages and the adapters.
//! It re-exports the layers below (as ripgrep's `grep` crate does), so code that runs the
//! pipeline names `wrapup::redact` or `wrapup::store` whichever crate holds it; a function that
//! does not run the pipeline (crm-sync, the miner) depends on the lower crates alone:
//!
//! - `wrapup-core`: deadlines, the retry core, ids, the summary model;
//! - `wrapup-genesys`: the Genesys client, configuration, secrets, regions;
//! - `wrapup-text`: transcript, language, redaction, sentiment, summarisers, verification;
//! - `wrapup-adapters`: stores, queues and messages, the product catalog, the CRM targets.
//!
//! No Lambda types live here, so the same code runs in Lambda, in the local stack and in tests.

pub mod pipeline;

pub use wrapup_adapters::{catalog, crm, queue, store};
#[cfg(any(test, feature = "testing"))]
pub use wrapup_core::fuzz_json;
pub use wrapup_core::ids;
pub use wrapup_genesys as genesys;
pub use wrapup_genesys::{config, region, secrets};
pub use wrapup_text::{language, redact, sentiment, summary, transcript, verify};

#[cfg(test)]
mod outside_input_properties;
