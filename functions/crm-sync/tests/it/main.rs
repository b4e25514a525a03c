//! crm-sync's integration tests: the handler on moto and the simulator or in memory.
//! One integration-test binary for the crate (`cargo test --test it`): each file below was its
//! own binary, each linking the whole dependency tree again.

mod common;

mod metrics;
mod soak;
mod sync;
mod sync_memory;
mod template_env;
