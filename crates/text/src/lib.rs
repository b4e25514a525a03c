//! Wrapup's text pipeline: the normalised transcript model, language detection, redaction,
//! sentiment, the summarisers (extractive, Genesys Copilot, LLM) and verification. It reads
//! Genesys' documents and calls an LLM, but knows nothing of the stores, the queues or Lambda.

pub mod language;
/// Groups of values in one buffer, below the text stages.
pub(crate) mod ragged;
pub mod redact;
pub mod sentiment;
pub mod summary;
pub mod transcript;
pub mod verify;
/// Word-keyed maps and sets with a fast hasher, below every text stage.
pub(crate) mod word_hash;
