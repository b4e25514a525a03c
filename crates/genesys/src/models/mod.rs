//! Serde models of the Genesys Cloud Platform API v2 payloads Wrapup uses, following
//! `spec/genesys-openapi.json` and `spec/transcript-document.schema.json`.
//!
//! Conventions: camelCase field names as in the spec; every field the spec does not mark
//! required is an `Option` (or an empty-by-default `Vec`/map) and is omitted when unset; unknown
//! fields are ignored and every enum has an `Unknown` fallback, so a Genesys release that adds
//! fields or enum values never breaks parsing.

pub mod analytics;
pub mod common;
pub mod interval;
pub mod jobs;
pub mod query;
pub mod suggestion_requests;
pub mod suggestions;
pub mod summaries;
pub mod transcript_aggregates;
pub mod transcripts;
pub mod writeback;

pub use analytics::*;
pub use common::*;
pub use interval::*;
pub use jobs::*;
pub use query::*;
pub use suggestion_requests::*;
pub use suggestions::*;
pub use summaries::*;
pub use transcript_aggregates::*;
pub use transcripts::*;
pub use writeback::*;
