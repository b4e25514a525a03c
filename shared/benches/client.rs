//! `make bench`: the Genesys client's own cost per call against the local simulator, and a
//! token-cache hit. Prints a Markdown table for docs/benchmarks.md.
//!
//! Overhead = (client call) - (bare reqwest call to the same URL with the same token), both
//! measured back to back on one connection pool, so the simulator's own time cancels out.

use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use url::Url;
use wrapup::config::{GenesysConfig, HttpConfig};
use wrapup::genesys::GenesysClient;
use wrapup::ids::ConversationId;
use wrapup::transcript::Transcript;

const CALLS: usize = 3000;
const TOKEN_HITS: u32 = 200_000;

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

async fn run() -> anyhow::Result<()> {
    // A rate limit the benchmark never reaches, so every call is a plain 200.
    let config = genesys_sim::SimConfig {
        rate_limit_per_minute: 1_000_000,
        ..genesys_sim::SimConfig::default()
    };
    let sim = genesys_sim::start(config, 0).await?;
    let base = Url::parse(&sim.base_url)?;
    let client = GenesysClient::builder(GenesysConfig {
        client_id: "local-client".into(),
        client_secret: "local-secret".into(),
        api_base: base.clone(),
        login_base: base,
        http: HttpConfig::default(),
        token_refresh_margin: Duration::from_secs(300),
    })
    .build()?;

    let end = chrono::Utc::now() + chrono::Duration::days(1);
    let query =
        wrapup::genesys::models::ConversationQuery::for_interval(end - chrono::Duration::days(30), end)?;
    let page = client
        .query_conversation_details(&query.clone().page(1, 1))
        .await?;
    let id = page
        .conversations
        .first()
        .and_then(|c| c.conversation_id.clone())
        .ok_or_else(|| anyhow::anyhow!("simulator has no conversations"))?;
    let id = ConversationId::parse(&id)?;

    // The bare baseline: same URL, same token, a plain reqwest client.
    let token = fetch_token(&sim.base_url).await?;
    let url = format!("{}/api/v2/analytics/conversations/{id}/details", sim.base_url);
    let bare = reqwest::Client::new();

    for _ in 0..200 {
        client.conversation_details(&id).await?;
        bare.get(&url).bearer_auth(&token).send().await?.bytes().await?;
    }
    let mut with_client = Histogram::<u64>::new(3)?;
    let mut baseline = Histogram::<u64>::new(3)?;
    for _ in 0..CALLS {
        let started = Instant::now();
        client.conversation_details(&id).await?;
        with_client.record(started.elapsed().as_nanos() as u64)?;
        let started = Instant::now();
        let body = bare.get(&url).bearer_auth(&token).send().await?.bytes().await?;
        let _: serde_json::Value = serde_json::from_slice(&body)?;
        baseline.record(started.elapsed().as_nanos() as u64)?;
    }

    let started = Instant::now();
    for _ in 0..TOKEN_HITS {
        client.ensure_token().await?;
    }
    let per_hit = started.elapsed() / TOKEN_HITS;

    // Normalising the longest seeded call (over an hour) from its downloaded documents.
    let all = client.query_all_conversation_details(query.clone(), 100).await?;
    let longest = all
        .iter()
        .filter(|c| c.media_type() == Some(wrapup::genesys::models::MediaType::Voice))
        .max_by_key(|c| match (c.conversation_start, c.conversation_end) {
            (Some(start), Some(end)) => (end - start).num_seconds(),
            _ => 0,
        })
        .and_then(|c| c.conversation_id.clone())
        .ok_or_else(|| anyhow::anyhow!("no voice conversation"))?;
    let (details, documents) = client
        .conversation_documents(&ConversationId::parse(&longest)?)
        .await?;
    let sample = Transcript::from_documents(&details, &documents)?;
    let runs = 2000u32;
    let started = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(Transcript::from_documents(
            std::hint::black_box(&details),
            &documents,
        )?);
    }
    let per_normalise = started.elapsed() / runs;

    let us = |h: &Histogram<u64>, q: f64| h.value_at_quantile(q) as f64 / 1000.0;
    println!("| measure | p50 | p99 |");
    println!("| --- | ---: | ---: |");
    println!(
        "| GET conversation details through GenesysClient | {:.0} µs | {:.0} µs |",
        us(&with_client, 0.5),
        us(&with_client, 0.99)
    );
    println!(
        "| same request with bare reqwest + serde_json::Value | {:.0} µs | {:.0} µs |",
        us(&baseline, 0.5),
        us(&baseline, 0.99)
    );
    println!(
        "| client overhead (difference) | {:.0} µs | {:.0} µs |",
        us(&with_client, 0.5) - us(&baseline, 0.5),
        us(&with_client, 0.99) - us(&baseline, 0.99)
    );
    println!(
        "| token-cache hit (in-process tier, `ensure_token`) | {:.0} ns | |",
        per_hit.as_nanos()
    );
    println!(
        "| normalise a {}-minute call ({} utterances, {} KB of text) | {:.0} µs | |",
        sample.duration_ms / 60_000,
        sample.utterances.len(),
        sample.text_len() / 1024,
        per_normalise.as_secs_f64() * 1e6
    );
    println!(
        "\n{CALLS} calls each, {TOKEN_HITS} token hits; token requests to the simulator: {}",
        client.token_stats().fetches
    );
    Ok(())
}

async fn fetch_token(base: &str) -> anyhow::Result<String> {
    let response: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/oauth/token"))
        .basic_auth("local-client", Some("local-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await?
        .json()
        .await?;
    response["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no token"))
}
