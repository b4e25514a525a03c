//! Wrapup's shared library: the Genesys Cloud client (OAuth, shared token cache, retries, typed
//! operations), the normalised transcript model and, as later work adds them, the summary
//! pipeline, storage and queues. No Lambda types live here, so the same code runs in Lambda, in
//! the local stack and in tests.

pub mod config;
pub mod genesys;
pub mod ids;
pub mod secrets;
pub mod transcript;
