//! Wrapup's lowest layer: types every other crate shares and that depend on nothing of ours.

mod deadline;
pub mod retry;

pub use deadline::Deadline;
