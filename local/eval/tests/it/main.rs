//! The evaluation over eval/: redaction, verification and the built-in summary (make eval).
//! One integration-test binary for the crate (`cargo test --test it`): each file below was its
//! own binary, each linking the whole dependency tree again.

mod redaction;
mod summary;
