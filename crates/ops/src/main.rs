//! `wrapup-ops`: what an operator runs against a deployed Wrapup (docs/operations.md).

mod cli;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    cli::run().await
}
