//! `make demo`, after the mining run: the README's Athena queries (`queries/*.sql`), run with the
//! pinned DuckDB over the mention rows the run wrote to the local reports bucket, and printed.
//! The files are downloaded first (DuckDB's S3 reader is an extension it would fetch online).

use anyhow::Context;
use wrapup_mining::MENTIONS_PREFIX;
use wrapup_testkit::{LocalAws, download_prefix, duckdb_answers, mention_queries, render_answer};

use crate::stack::LocalEnv;

/// Rows shown of each answer.
const ROWS_SHOWN: usize = 8;

pub async fn print_mention_queries(env: &LocalEnv, aws: &LocalAws) -> anyhow::Result<()> {
    let folder = wrapup_testkit::find_repo_root()?
        .join(".local")
        .join("mentions-sql");
    // A fresh copy: files of an earlier demo's stack must not answer for this one.
    if folder.exists() {
        std::fs::remove_dir_all(&folder).with_context(|| format!("clearing {}", folder.display()))?;
    }
    std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
    let s3 = aws.s3_client().await;
    let files = download_prefix(&s3, &env.reports_bucket, MENTIONS_PREFIX, &folder).await?;
    println!(
        "mention rows: {files} Parquet files under s3://{}/{MENTIONS_PREFIX} (local S3), copied to {}",
        env.reports_bucket,
        folder.display()
    );
    let queries = mention_queries()?;
    let answers = duckdb_answers(&folder, &queries).await?;
    for answer in &answers {
        println!(
            "\nqueries/{}.sql (DuckDB; the same text runs in Athena):",
            answer.name
        );
        for line in render_answer(answer, ROWS_SHOWN).lines() {
            println!("  {line}");
        }
    }
    Ok(())
}
