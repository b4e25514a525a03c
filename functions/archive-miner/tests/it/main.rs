//! archive-miner's integration tests: the handler on moto and the simulator or in memory.
//! One integration-test binary for the crate (`cargo test --test it`): each file below was its
//! own binary, each linking the whole dependency tree again.

mod common;

mod events;
mod mention_rows_memory;
mod mention_sql;
mod mention_table;
mod metrics;
mod mining;
mod mining_memory;
mod rate_limit;
mod template_env;
mod topics;
