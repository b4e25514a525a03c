//! The testkit's integration tests.
//! One integration-test binary for the crate (`cargo test --test it`): each file below was its
//! own binary, each linking the whole dependency tree again.

mod crate_layers;
mod module_layers;
mod moto;
mod stack_names;
