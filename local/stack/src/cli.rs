//! The command line of `wrapup-local`: its commands and what each runs.

use crate::{auth, bench_request, demo, gateway, put_events};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use tracing_subscriber::EnvFilter;
use wrapup_testkit::{LocalAws, create_queues, create_tables};

use crate::stack::{LocalStack, STACK_NAME, StackPorts};

#[derive(Debug, Parser)]
#[command(
    name = "wrapup-local",
    about = "Runs Wrapup on one machine: moto, the Genesys simulator and the functions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start moto, create the tables and queues of template.yaml, start the Genesys simulator,
    /// and run until Ctrl-C.
    Up(UpArgs),
    /// Create the tables and queues of template.yaml against an existing endpoint (e.g. a moto).
    CreateTables {
        /// DynamoDB/SQS endpoint URL.
        #[arg(long, env = "WRAPUP_TEST_MOTO_URL")]
        endpoint: String,
        /// Stack name the resource names derive from.
        #[arg(long, default_value = STACK_NAME)]
        stack_name: String,
    },
    /// Start the stack on free ports (or the ports in the environment), run the demo, stop.
    Demo(DemoArgs),
    /// CPU, wall time and memory per summary request through the release summary-api behind a
    /// local Lambda Runtime API; init time, RSS and size of every function next to a hello-world
    /// Lambda (`make bench-request` builds the binaries first).
    BenchRequest(BenchArgs),
    /// Deliver EventBridge events as the template's AssistEventsRule would: events whose source
    /// and detail-type match its pattern go to the running stack's assist-events queue, the rest
    /// are reported as dropped.
    PutEvents(PutEventsArgs),
    /// Print a token the local gateway accepts, as the CRM's identity provider would issue it
    /// (`Authorization: Bearer <token>`).
    Token(TokenArgs),
}

#[derive(Debug, Args)]
struct BenchArgs {
    /// Summary requests measured.
    #[arg(long, default_value_t = 300)]
    requests: usize,
    /// Summary requests made first, not measured.
    #[arg(long, default_value_t = 20)]
    warmup: usize,
    /// Where the release binaries are.
    #[arg(long, default_value = "target/release")]
    binaries: std::path::PathBuf,
}

#[derive(Debug, Args)]
struct PutEventsArgs {
    /// A JSON file holding one event or an array of events, or a directory of such files.
    #[arg(long)]
    file: std::path::PathBuf,
    /// The running stack's moto (DynamoDB/SQS endpoint).
    #[arg(long, env = "WRAPUP_LOCAL_MOTO_URL", default_value = "http://127.0.0.1:5000")]
    endpoint: String,
    /// Stack name the queue's name derives from.
    #[arg(long, default_value = STACK_NAME)]
    stack_name: String,
    /// GenesysEventSourceName: the partner event source the rule accepts (default: the local
    /// simulator org's).
    #[arg(long)]
    event_source: Option<String>,
}

#[derive(Debug, Args)]
struct TokenArgs {
    /// The caller: the token's `sub` and `client_id`. Summaries belong to the caller that asked.
    #[arg(long)]
    subject: String,
    /// A scope to grant; repeat for more. Default: every scope the API's routes require.
    #[arg(long = "scope")]
    scopes: Vec<String>,
    /// Minutes the token stays valid.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=1440))]
    ttl_minutes: u64,
}

#[derive(Debug, Args)]
struct UpArgs {
    /// moto's port.
    #[arg(long, env = "MOTO_PORT", default_value_t = 5000)]
    moto_port: u16,
    /// The Genesys simulator's port.
    #[arg(long, env = "GENESYS_SIM_PORT", default_value_t = 8090)]
    genesys_sim_port: u16,
    /// The local HTTP gateway in front of the functions (API Gateway's stand-in).
    #[arg(long, env = "WRAPUP_LOCAL_PORT", default_value_t = 3000)]
    local_port: u16,
}

#[derive(Debug, Args)]
struct DemoArgs {
    /// moto's port (default: a free port).
    #[arg(long, env = "MOTO_PORT")]
    moto_port: Option<u16>,
    /// The Genesys simulator's port (default: a free port).
    #[arg(long, env = "GENESYS_SIM_PORT")]
    genesys_sim_port: Option<u16>,
    /// The local gateway's port (default: a free port).
    #[arg(long, env = "WRAPUP_LOCAL_PORT")]
    local_port: Option<u16>,
}

/// Parses the command line and runs the command.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")))
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::Up(args) => up(args).await,
        Command::CreateTables { endpoint, stack_name } => create(&endpoint, &stack_name).await,
        Command::Demo(args) => run_demo(args).await,
        Command::BenchRequest(args) => {
            bench_request::run(bench_request::BenchOptions {
                requests: args.requests,
                warmup: args.warmup,
                binaries: args.binaries,
            })
            .await
        }
        Command::PutEvents(args) => {
            let source = args.event_source.unwrap_or_else(|| {
                genesys_sim::assist_events::event_source_for_seed(genesys_sim::SimConfig::default().seed)
            });
            put_events::run(&args.file, &args.endpoint, &args.stack_name, &source).await
        }
        Command::Token(args) => auth::local_token(&args.subject, &args.scopes, args.ttl_minutes * 60)
            .map(|token| println!("{token}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wrapup-local: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn up(args: UpArgs) -> Result<()> {
    let ports = StackPorts {
        moto: Some(args.moto_port),
        genesys: args.genesys_sim_port,
    };
    let mut stack = LocalStack::start(ports, STACK_NAME).await?;
    let gateway = gateway::Gateway::start(&stack.env, args.local_port).await?;
    for line in stack.summary() {
        println!("{line}");
    }
    println!(
        "{:<10}{} (POST /summaries, GET /summaries/{{conversationId}}; summary-jobs drained)",
        "api",
        gateway.url()
    );
    let token = auth::local_token(LOCAL_DEVELOPER, &[], 12 * 3600)?;
    println!("{:<10}{token}", "token");
    println!(
        "{:<10}(subject {LOCAL_DEVELOPER}, every scope, 12 h: -H \"Authorization: Bearer <token>\"; \
         another caller: cargo run -p wrapup-local -- token --subject NAME [--scope S])",
        ""
    );
    println!("ready");
    let outcome = tokio::select! {
        biased;
        signal = shutdown_signal() => signal,
        status = stack.moto_exited() => match status {
            Ok(status) => Err(anyhow::anyhow!("moto exited unexpectedly ({status})")),
            Err(e) => Err(e),
        },
    };
    eprintln!("wrapup-local: shutting down");
    gateway.stop();
    let stopped = stack.shutdown().await;
    outcome.and(stopped)
}

/// The caller `make local`'s printed token speaks for.
const LOCAL_DEVELOPER: &str = "local-developer";

async fn run_demo(args: DemoArgs) -> Result<()> {
    let ports = StackPorts {
        moto: args.moto_port,
        genesys: args.genesys_sim_port.unwrap_or(0),
    };
    let stack = LocalStack::start(ports, STACK_NAME).await?;
    let gateway = gateway::Gateway::start(&stack.env, args.local_port.unwrap_or(0)).await?;
    for line in stack.summary() {
        println!("{line}");
    }
    println!("{:<10}{}", "api", gateway.url());
    println!("ready");
    let api = gateway.url();
    let outcome = tokio::select! {
        result = demo::run(&stack.env, &api) => result.context("demo failed"),
        signal = shutdown_signal() => signal.and(Err(anyhow::anyhow!("interrupted"))),
    };
    gateway.stop();
    let stopped = stack.shutdown().await;
    outcome.and(stopped)
}

async fn create(endpoint: &str, stack_name: &str) -> Result<()> {
    let aws = LocalAws::new(endpoint);
    let tables = create_tables(&aws.dynamodb_client().await, stack_name).await?;
    for table in tables {
        println!("{:<10}{:<24}{}", "table", table.logical_id, table.name);
    }
    let queues = create_queues(&aws.sqs_client().await, stack_name).await?;
    for (logical_id, url) in queues {
        println!("{:<10}{logical_id:<24}{url}", "queue");
    }
    Ok(())
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() -> Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("cannot listen for SIGTERM")?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.context("cannot listen for Ctrl-C"),
        _ = term.recv() => Ok(()),
    }
}
