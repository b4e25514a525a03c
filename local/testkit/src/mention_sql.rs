//! The README's Athena queries (`queries/*.sql`) run locally with DuckDB over the mention rows
//! archive-miner wrote to the (local) reports bucket: the objects are downloaded as they lie
//! (`mentions/day=YYYY-MM-DD/*.parquet`) and `scripts/duckdb_mentions.py` runs the very same text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, Result, bail};
use aws_sdk_s3::Client;
use aws_sdk_s3::error::DisplayErrorContext;
use serde_json::{Value, json};

use wrapup_template::find_repo_root;

/// One query of `queries/`: its file name without `.sql`, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionQuery {
    pub name: String,
    pub sql: String,
}

/// What a query answered: column names, and rows of JSON values (dates and decimals as text).
#[derive(Debug, Clone, PartialEq)]
pub struct QueryAnswer {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl QueryAnswer {
    /// The position of `column`.
    pub fn column(&self, column: &str) -> Result<usize> {
        self.columns
            .iter()
            .position(|c| c == column)
            .with_context(|| format!("{} has no column {column} ({:?})", self.name, self.columns))
    }
}

/// Every `queries/*.sql` of the repository, by name.
pub fn mention_queries() -> Result<Vec<MentionQuery>> {
    let folder = find_repo_root()?.join("queries");
    let mut queries = Vec::new();
    for entry in std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("sql") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .context("a query file name")?
            .to_owned();
        let sql = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        queries.push(MentionQuery { name, sql });
    }
    queries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(queries)
}

/// Downloads every object under `prefix` of `bucket` into `folder`, keeping the keys as paths;
/// returns how many. A key that would leave `folder` (`..`, absolute) is refused.
pub async fn download_prefix(client: &Client, bucket: &str, prefix: &str, folder: &Path) -> Result<usize> {
    let mut count = 0;
    let mut pages = client
        .list_objects_v2()
        .bucket(bucket)
        .prefix(prefix)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page =
            page.map_err(|e| anyhow::anyhow!("listing s3://{bucket}/{prefix}: {}", DisplayErrorContext(&e)))?;
        for object in page.contents() {
            let Some(key) = object.key() else { continue };
            if key.split('/').any(|part| part == "..") || key.starts_with('/') {
                bail!("refusing to download {key:?}: not a relative key");
            }
            let body = client
                .get_object()
                .bucket(bucket)
                .key(key)
                .send()
                .await
                .map_err(|e| anyhow::anyhow!("reading s3://{bucket}/{key}: {}", DisplayErrorContext(&e)))?
                .body
                .collect()
                .await
                .with_context(|| format!("reading s3://{bucket}/{key}"))?
                .into_bytes();
            let path = folder.join(key);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            std::fs::write(&path, &body).with_context(|| format!("writing {}", path.display()))?;
            count += 1;
        }
    }
    Ok(count)
}

/// Runs `queries` with the pinned DuckDB of `.venv` over the mention rows under `folder`
/// (`folder/mentions/day=.../*.parquet`, as [`download_prefix`] lays them out).
pub async fn duckdb_answers(folder: &Path, queries: &[MentionQuery]) -> Result<Vec<QueryAnswer>> {
    let root = find_repo_root()?;
    let python: PathBuf = root.join(".venv").join("bin").join("python");
    if !python.is_file() {
        bail!(
            "{} not found: run `make venv` (DuckDB is pinned in requirements-dev.txt)",
            python.display()
        );
    }
    let input = json!(
        queries
            .iter()
            .map(|q| json!({"name": q.name, "sql": q.sql}))
            .collect::<Vec<_>>()
    );
    // A blocking child on a blocking thread: the script reads all of stdin before it answers.
    let script = root.join("scripts").join("duckdb_mentions.py");
    let folder = folder.to_path_buf();
    let output = tokio::task::spawn_blocking(move || -> Result<std::process::Output> {
        let mut child = std::process::Command::new(&python)
            .arg(script)
            .arg(folder)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", python.display()))?;
        let mut stdin = child.stdin.take().context("DuckDB's stdin")?;
        stdin.write_all(input.to_string().as_bytes())?;
        drop(stdin);
        child.wait_with_output().context("running DuckDB")
    })
    .await
    .context("the DuckDB thread")??;
    if !output.status.success() {
        bail!(
            "DuckDB failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let answers: Vec<Value> = serde_json::from_slice(&output.stdout).context("DuckDB's JSON answer")?;
    answers
        .into_iter()
        .map(|answer| {
            let text_list = |field: &str| -> Vec<String> {
                answer[field]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|v| v.as_str().unwrap_or_default().to_owned())
                    .collect()
            };
            let rows = answer["rows"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|row| row.as_array().cloned().unwrap_or_default())
                .collect();
            Ok(QueryAnswer {
                name: answer["name"].as_str().unwrap_or_default().to_owned(),
                columns: text_list("columns"),
                rows,
            })
        })
        .collect()
}

/// The answers as aligned text, at most `max_rows` rows each, for a terminal.
pub fn render_answer(answer: &QueryAnswer, max_rows: usize) -> String {
    let cell = |value: &Value| match value {
        Value::String(text) => text.clone(),
        Value::Null => "-".to_owned(),
        other => other.to_string(),
    };
    let shown: Vec<Vec<String>> = answer
        .rows
        .iter()
        .take(max_rows)
        .map(|row| row.iter().map(cell).collect())
        .collect();
    let widths: Vec<usize> = answer
        .columns
        .iter()
        .enumerate()
        .map(|(i, name)| {
            shown
                .iter()
                .filter_map(|row| row.get(i).map(String::len))
                .chain([name.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(text, width)| format!("{text:<width$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut lines = vec![line(&answer.columns)];
    lines.extend(shown.iter().map(|row| line(row)));
    if answer.rows.len() > max_rows {
        lines.push(format!("... {} rows in all", answer.rows.len()));
    }
    lines.join("\n")
}
