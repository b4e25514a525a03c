//! `make demo`, last step: the archive miner mines the simulator's last seven days through the
//! mining-work queue (the local gateway's pollers are the function's concurrency), then the trend
//! report is copied out of the local S3 so it can be opened, and the README's SQL runs over the
//! mention rows (`demo_sql`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{Days, Utc};
use wrapup_mining::{BackfillRequest, MiningSource, RunStatus};

use crate::stack::LocalEnv;

const RUN_TIMEOUT: Duration = Duration::from_secs(240);

pub async fn run(env: &LocalEnv) -> anyhow::Result<()> {
    println!(
        "\n== 6. Archive mining: product mentions of the last 7 days (details jobs, mining-work queue, S3 report)"
    );
    let aws = wrapup_testkit::LocalAws::new(env.moto_url.clone());
    let app = archive_miner::App::from_config(
        crate::gateway::archive_miner_config(env)?,
        &aws.sdk_config().await,
    )
    .await?
    .with_metrics(env.metrics_for(archive_miner::metrics::FUNCTION_NAME));
    let today = Utc::now().date_naive();
    let from = today.checked_sub_days(Days::new(7)).context("date arithmetic")?;
    let to = today.checked_sub_days(Days::new(1)).context("date arithmetic")?;
    let run = archive_miner::backfill(
        &app,
        BackfillRequest {
            from,
            to,
            media_types: None,
        },
    )
    .await?;
    println!(
        "run {} ({from} .. {to}, {})",
        run.run_id,
        run.window.time_zone.name()
    );
    let started = Instant::now();
    let mut last_line = String::new();
    let run = loop {
        let current = app.runs.get(&run.run_id).await?.context("the run disappeared")?;
        let line = format!(
            "  {:<12} slices {}/{}  batches {}/{}  conversations seen {}  mined {}",
            current.status.as_str(),
            current.slices_done,
            current.slices_total,
            current.batches_done,
            current.batches_planned,
            current.conversations_seen,
            current.mined
        );
        if line != last_line {
            println!("{line}");
            last_line = line;
        }
        if matches!(
            current.status,
            RunStatus::Completed | RunStatus::CompletedWithErrors
        ) {
            break current;
        }
        if started.elapsed() > RUN_TIMEOUT {
            bail!("the mining run did not finish in {RUN_TIMEOUT:?}");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    println!(
        "finished in {:.1} s: {} conversations mined, {} without a transcript, {} failed",
        started.elapsed().as_secs_f64(),
        run.mined,
        run.without_transcript,
        run.failed
    );
    let mut by_product: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    for row in app.aggregates.rows(from, to, MiningSource::Transcripts).await? {
        let entry = by_product.entry(row.product_id).or_default();
        match row.speaker {
            wrapup_mining::Speaker::Any => entry.0 += row.mentions,
            wrapup_mining::Speaker::Customer => entry.1 += row.mentions,
            wrapup_mining::Speaker::Agent => entry.2 += row.mentions,
        }
    }
    let mut top: Vec<_> = by_product.into_iter().collect();
    top.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    println!("top products (mentions: customer / agent):");
    for (product, (total, customer, agent)) in top.iter().take(5) {
        println!("  {product:<22} {total:>4}  ({customer} / {agent})");
    }
    let folder = local_reports_folder()?;
    let s3 = aws.s3_client().await;
    for name in ["index.html", "trend.svg", "trend.json"] {
        let key = format!("reports/latest/{name}");
        let object = s3
            .get_object()
            .bucket(&env.reports_bucket)
            .key(&key)
            .send()
            .await
            .with_context(|| format!("reading s3://{}/{key}", env.reports_bucket))?;
        let bytes = object.body.collect().await.context("report body")?.into_bytes();
        std::fs::write(folder.join(name), &bytes).with_context(|| format!("writing {name}"))?;
    }
    println!(
        "report: s3://{}/reports/latest/index.html (local S3)",
        env.reports_bucket
    );
    println!("        copied to {}", folder.join("index.html").display());
    let dashboard = &run
        .report
        .as_ref()
        .map(|r| r["published"]["dashboard"].clone())
        .unwrap_or_default();
    println!("dashboard: {dashboard}");
    crate::demo_sql::print_mention_queries(env, &aws).await?;
    Ok(())
}

/// `.local/reports/` in the repository (ignored by git).
fn local_reports_folder() -> anyhow::Result<PathBuf> {
    let root = wrapup_testkit::find_repo_root()?;
    let folder = root.join(".local").join("reports");
    std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
    Ok(folder)
}
