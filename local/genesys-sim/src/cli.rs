//! The command line of `genesys-sim`: its options and the simulator they start.

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Parser;
use genesys_sim::SimConfig;

/// A Genesys Cloud Platform API v2 simulator (plus LLM and CRM stand-ins) for local runs.
#[derive(Debug, Parser)]
#[command(name = "genesys-sim", version)]
struct Args {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, env = "GENESYS_SIM_PORT", default_value_t = 8090)]
    port: u16,
    /// Seed of the synthetic organisation.
    #[arg(long, env = "GENESYS_SIM_SEED", default_value_t = 42)]
    seed: u64,
    /// Number of seeded conversations.
    #[arg(long, env = "GENESYS_SIM_CONVERSATIONS", default_value_t = 300)]
    conversations: usize,
    /// Conversations are spread over this many days before the anchor date.
    #[arg(long, env = "GENESYS_SIM_DAYS", default_value_t = 7)]
    days: u32,
    /// Anchor date (YYYY-MM-DD, UTC); default today.
    #[arg(long, env = "GENESYS_SIM_ANCHOR_DATE")]
    anchor_date: Option<NaiveDate>,
    /// Lifetime of issued OAuth tokens in seconds.
    #[arg(long, env = "GENESYS_SIM_TOKEN_LIFETIME", default_value_t = 86_400)]
    token_lifetime: u64,
    /// Requests per token per window (`--rate-limit-window`, default 60 s).
    #[arg(long, env = "GENESYS_SIM_RATE_LIMIT", default_value_t = 300)]
    rate_limit: u32,
    /// Length of the fixed rate-limit window in seconds.
    #[arg(
        long,
        env = "GENESYS_SIM_RATE_LIMIT_WINDOW",
        default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    rate_limit_window: u64,
    /// OAuth client `id:secret` (repeatable; env: comma-separated). Default local-client:local-secret.
    #[arg(long = "client", env = "GENESYS_SIM_CLIENTS", value_delimiter = ',')]
    clients: Vec<String>,
    /// Lifetime of transcript URLs in seconds.
    #[arg(long, env = "GENESYS_SIM_TRANSCRIPT_URL_TTL", default_value_t = 600)]
    transcript_url_ttl: u64,
    /// Secret of the CRM webhook signatures.
    #[arg(
        long,
        env = "GENESYS_SIM_WEBHOOK_SECRET",
        default_value = "local-webhook-secret"
    )]
    webhook_secret: String,
    /// Details jobs are FULFILLED after this many status polls.
    #[arg(long, env = "GENESYS_SIM_JOB_READY_AFTER_POLLS", default_value_t = 2)]
    job_ready_after_polls: u32,
    /// Bearer token of the dashboard endpoint (`POST /_sim/dashboard/reports`).
    #[arg(
        long,
        env = "GENESYS_SIM_DASHBOARD_TOKEN",
        default_value = "local-dashboard-token"
    )]
    dashboard_token: String,
}

fn config(args: Args) -> anyhow::Result<(SimConfig, u16)> {
    let mut config = SimConfig {
        seed: args.seed,
        conversations: args.conversations,
        days: args.days,
        token_lifetime_secs: args.token_lifetime,
        rate_limit_per_minute: args.rate_limit,
        rate_limit_window_secs: args.rate_limit_window,
        transcript_url_ttl_secs: args.transcript_url_ttl,
        webhook_secret: args.webhook_secret,
        job_ready_after_polls: args.job_ready_after_polls,
        dashboard_token: args.dashboard_token,
        ..SimConfig::default()
    };
    if let Some(anchor) = args.anchor_date {
        config.anchor_date = anchor;
    }
    if !args.clients.is_empty() {
        config.clients = args
            .clients
            .iter()
            .map(|c| match c.split_once(':') {
                Some((id, secret)) if !id.is_empty() && !secret.is_empty() => {
                    Ok((id.to_string(), secret.to_string()))
                }
                _ => bail!("--client '{c}' must be id:secret"),
            })
            .collect::<anyhow::Result<_>>()?;
    }
    Ok((config, args.port))
}

/// Parses the command line and runs.
pub async fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let (config, port) = config(Args::parse())?;
    let (conversations, seed) = (config.conversations, config.seed);
    let handle = genesys_sim::start(config, port)
        .await
        .context("cannot start genesys-sim")?;
    println!(
        "genesys-sim listening on {} ({conversations} conversations, seed {seed})",
        handle.base_url
    );
    tokio::signal::ctrl_c().await.context("cannot wait for Ctrl-C")?;
    tracing::info!("shutting down");
    handle.shutdown().await;
    Ok(())
}
