//! Wrapup's lowest layer: types every other crate shares and that depend on nothing of ours:
//! deadlines, the one outbound retry core, the identifiers parsed at the edge and the summary
//! model; with the `testing` feature, the JSON strategies of the parsers' property tests.

mod deadline;
#[cfg(any(test, feature = "testing"))]
pub mod fuzz_json;
pub mod ids;
pub mod retry;
pub mod summary;

pub use deadline::Deadline;
