//! Wrapup's shared library: the Genesys Cloud client (OAuth, shared token cache, retries, typed
//! operations), the normalised transcript model, the summary pipeline (redaction, summarisers,
//! verification), storage and queues. No Lambda types live here, so the same code runs in Lambda,
//! in the local stack and in tests.

pub mod catalog;
pub mod config;
pub mod crm;
#[cfg(any(test, feature = "testing"))]
pub mod fuzz_json;
pub mod genesys;
mod http_body;
pub mod ids;
pub mod language;
pub mod pipeline;
pub mod queue;
pub mod redact;
pub mod region;
pub mod secrets;
pub mod sentiment;
pub mod store;
pub mod summary;
pub mod transcript;
pub mod verify;
/// Word-keyed maps and sets with a fast hasher, below every text stage.
pub(crate) mod word_hash;

#[cfg(test)]
mod outside_input_properties;
