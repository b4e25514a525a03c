//! The command line of `wrapup-ops`: its commands and what each runs.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;
use wrapup_ops::{backfill, dlq};

#[derive(Debug, Parser)]
#[command(
    name = "wrapup-ops",
    about = "Operate a deployed Wrapup: DLQ replay, archive backfills"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Move a dead-letter queue's messages back to their source queue, once the cause is fixed.
    DlqReplay(dlq::ReplayArgs),
    /// Ask the archive miner to mine a window (a backfill on its mining-work queue).
    Backfill(backfill::BackfillArgs),
}

/// Parses the command line and runs.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::DlqReplay(args) => dlq::run(args).await,
        Command::Backfill(args) => backfill::run(args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wrapup-ops: {err:#}");
            ExitCode::FAILURE
        }
    }
}
