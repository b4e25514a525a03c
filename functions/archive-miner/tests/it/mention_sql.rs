//! Mentions in SQL against moto and the simulator: the README's queries (`queries/*.sql`), run
//! with the pinned DuckDB over the Parquet files a run wrote to the reports bucket, answer what
//! the DynamoDB counters hold; redeliveries and a re-run leave the files as they were; no file
//! holds transcript text. And what writing the rows costs beside mining.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use common::*;
use serde_json::Value;
use wrapup_mining::{
    AggregateRow, BatchResult, MENTIONS_PREFIX, MiningMessage, MiningSource, RunStatus, Speaker, mine_batch,
};
use wrapup_testkit::{QueryAnswer, download_prefix, duckdb_answers, mention_queries};

const RUN_TIMEOUT: Duration = Duration::from_secs(120);
/// The product of `queries/product-daily-trend.sql`.
const TREND_PRODUCT: &str = "acme-router-pro";

/// A folder of its own under the system's temporary folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let path = std::env::temp_dir().join(format!("wrapup-mentions-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&path).expect("scratch folder");
        Self(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every file under `folder/mentions/`, by object key.
fn files_in(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let root = folder.join("mentions");
    for day in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(day.path()).into_iter().flatten().flatten() {
            let key = file
                .path()
                .strip_prefix(folder)
                .expect("under the folder")
                .to_string_lossy()
                .into_owned();
            files.insert(key, std::fs::read(file.path()).expect("a file"));
        }
    }
    files
}

/// The mention files in the bucket, and the answers of every query over them.
async fn query_the_bucket(h: &Harness) -> (BTreeMap<String, Vec<u8>>, Vec<QueryAnswer>) {
    let scratch = Scratch::new();
    download_prefix(&h.s3, &h.bucket, MENTIONS_PREFIX, &scratch.0)
        .await
        .expect("download");
    let queries = mention_queries().expect("queries/");
    assert_eq!(queries.len(), 3, "{queries:?}");
    let answers = duckdb_answers(&scratch.0, &queries).await.expect("DuckDB");
    (files_in(&scratch.0), answers)
}

fn answer<'a>(answers: &'a [QueryAnswer], name: &str) -> &'a QueryAnswer {
    answers
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no answer {name}"))
}

fn number(value: &Value) -> u64 {
    value.as_u64().unwrap_or_else(|| panic!("{value} is not a count"))
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{value} is not text"))
        .to_owned()
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Each query's answer checked against the counters of the same days.
fn assert_answers_equal_the_counters(answers: &[QueryAnswer], counters: &[AggregateRow]) {
    // Top products by week and media: the "either speaker" counters added up per week.
    let weekly = answer(answers, "top-products-by-week-and-media");
    let mut expected: BTreeMap<(String, String, String), (u64, u64)> = BTreeMap::new();
    for row in counters.iter().filter(|r| r.speaker == Speaker::Any) {
        let entry = expected
            .entry((
                monday_of(row.date).to_string(),
                row.media_type.clone(),
                row.product_id.clone(),
            ))
            .or_default();
        entry.0 += row.mentions;
        entry.1 += row.conversations;
    }
    let columns =
        ["week", "media_type", "product_id", "mentions", "conversations"].map(|c| weekly.column(c).unwrap());
    let actual: BTreeMap<(String, String, String), (u64, u64)> = weekly
        .rows
        .iter()
        .map(|row| {
            (
                (
                    text(&row[columns[0]]),
                    text(&row[columns[1]]),
                    text(&row[columns[2]]),
                ),
                (number(&row[columns[3]]), number(&row[columns[4]])),
            )
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(actual, expected, "top products by week and media");

    // Customer vs agent: the per-speaker counters added up per product.
    let share = answer(answers, "customer-vs-agent-share");
    let mut expected: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for row in counters {
        let entry = expected.entry(row.product_id.clone()).or_default();
        match row.speaker {
            Speaker::Customer => entry.0 += row.mentions,
            Speaker::Agent => entry.1 += row.mentions,
            Speaker::Any => {}
        }
    }
    let [product, customer, agent, percent] = [
        "product_id",
        "customer_mentions",
        "agent_mentions",
        "customer_share_pct",
    ]
    .map(|c| share.column(c).unwrap());
    let mut actual = BTreeMap::new();
    for row in &share.rows {
        let (c, a) = (number(&row[customer]), number(&row[agent]));
        // A DOUBLE in DuckDB, a DECIMAL (text) in Athena's shape.
        let pct = row[percent]
            .as_f64()
            .unwrap_or_else(|| text(&row[percent]).parse().expect("a decimal"));
        let exact = 100.0 * c as f64 / (c + a) as f64;
        assert!((pct - exact).abs() <= 0.05 + 1e-9, "{row:?}: {exact}");
        actual.insert(text(&row[product]), (c, a));
    }
    assert_eq!(actual, expected, "customer vs agent");

    // A product's daily trend: its "either speaker" counters per day.
    let trend = answer(answers, "product-daily-trend");
    let expected: BTreeMap<String, (u64, u64)> = counters
        .iter()
        .filter(|r| r.speaker == Speaker::Any && r.product_id == TREND_PRODUCT)
        .fold(BTreeMap::new(), |mut days, r| {
            let entry: &mut (u64, u64) = days.entry(r.date.to_string()).or_default();
            entry.0 += r.mentions;
            entry.1 += r.conversations;
            days
        });
    let [day, mentions, conversations] =
        ["day", "mentions", "conversations"].map(|c| trend.column(c).unwrap());
    let actual: BTreeMap<String, (u64, u64)> = trend
        .rows
        .iter()
        .map(|row| {
            (
                text(&row[day]),
                (number(&row[mentions]), number(&row[conversations])),
            )
        })
        .collect();
    assert!(!expected.is_empty(), "{TREND_PRODUCT} is mentioned");
    assert_eq!(actual, expected, "the daily trend of {TREND_PRODUCT}");
}

async fn wait_until_drained(h: &Harness) {
    for _ in 0..240 {
        if h.queue_depth("MiningWorkQueue").await == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the mining-work queue did not drain");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_readme_queries_answer_what_the_counters_hold_and_redeliveries_and_reruns_change_nothing() {
    let sim = sim_config(300, 6);
    let h = harness(sim.clone()).await;
    let (from, to) = (day("2026-11-13"), day("2026-11-16"));
    let app = h.app().await;
    let workers = h.workers(3, Duration::from_secs(60), 30).await;
    let run = h.mine(&app, from, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    let counters = app
        .aggregates
        .rows(from, to, MiningSource::Transcripts)
        .await
        .unwrap();

    let (files, answers) = query_the_bucket(&h).await;
    assert!(files.len() >= 4, "{:?}", files.keys());
    assert_answers_equal_the_counters(&answers, &counters);
    let rows = rows_of_files(&files);
    assert_eq!(counts_of_rows(&rows), counts_of(&counters));
    assert_no_transcript_text(&files, &transcript_phrases(&sim));

    // Every batch delivered again: the same keys and rows, the same answers.
    let batches: Vec<String> = h
        .delivered
        .lock()
        .unwrap()
        .iter()
        .filter(|body| matches!(MiningMessage::parse(body), Ok(MiningMessage::Batch(_))))
        .cloned()
        .collect();
    for body in &batches {
        h.send(body).await;
    }
    wait_until_drained(&h).await;
    let (again, answers_again) = query_the_bucket(&h).await;
    assert_eq!(again.keys().collect::<Vec<_>>(), files.keys().collect::<Vec<_>>());
    assert_eq!(rows_of_files(&again).len(), rows.len(), "no row added");
    assert_eq!(answers_again, answers);

    // A re-run of the window: a new run that counts nothing again and adds no row.
    let rerun = h.start_backfill(&app, from, to).await;
    let rerun = h.wait_for_run(&app, &rerun.run_id, RUN_TIMEOUT).await;
    assert_eq!(rerun.mined, 0, "{rerun:#?}");
    let (after_rerun, answers_after_rerun) = query_the_bucket(&h).await;
    assert_eq!(after_rerun, again, "the same files, byte for byte");
    assert_eq!(answers_after_rerun, answers);
    drop(workers);
}

/// What writing the rows costs beside mining, measured on the same batches: the handler's
/// batch work (`mine_batch`: markers, transcripts, counts, rows, the run's counters) and, inside
/// it, the rows' part (build, encode, one PUT per day). Prints the figures for
/// docs/benchmarks.md; fails above the 10% the design allows.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn writing_the_mention_rows_costs_under_a_tenth_of_mining_a_batch() {
    let h = harness(sim_config(400, 6)).await;
    let (from, to) = (day("2026-11-12"), day("2026-11-14"));
    let app = h.app().await;
    let run = h.start_backfill(&app, from, to).await;
    let queue = h.queues["MiningWorkQueue"].clone();
    let (mut mining, mut writing) = (Duration::ZERO, Duration::ZERO);
    let (mut batches, mut conversations, mut rows, mut files) = (0, 0, 0, 0);
    let started = Instant::now();
    loop {
        let received = h
            .sqs
            .receive_message()
            .queue_url(&queue)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .visibility_timeout(120)
            .send()
            .await
            .expect("receive");
        for message in received.messages() {
            let body = message.body().unwrap_or_default();
            match MiningMessage::parse(body).expect("a mining message") {
                MiningMessage::Batch(batch) => {
                    let deps = app.worker_deps(app.genesys.as_ref());
                    let clock = Instant::now();
                    let result = mine_batch(&deps, &batch, 1, 5).await.expect("a mined batch");
                    mining += clock.elapsed();
                    let BatchResult::Done { mention_files, .. } = result else {
                        panic!("batch {}: {result:?}", batch.batch_id);
                    };
                    writing += mention_files.elapsed;
                    batches += 1;
                    conversations += batch.conversations.len();
                    rows += mention_files.rows;
                    files += mention_files.files;
                }
                _ => {
                    let event = wrapup_testkit::sqs_event_of("mining-work", &[(body, 1)]);
                    archive_miner::handle(&app, event, &context(Duration::from_secs(60)))
                        .await
                        .expect("the handler");
                }
            }
            h.sqs
                .delete_message()
                .queue_url(&queue)
                .receipt_handle(message.receipt_handle().unwrap_or_default())
                .send()
                .await
                .expect("delete");
        }
        let current = app.runs.get(&run.run_id).await.unwrap().unwrap();
        if matches!(
            current.status,
            RunStatus::Completed | RunStatus::CompletedWithErrors
        ) {
            break;
        }
        assert!(
            started.elapsed() < RUN_TIMEOUT,
            "the run did not finish: {current:#?}"
        );
    }
    let share = writing.as_secs_f64() / mining.as_secs_f64();
    println!(
        "mention rows: {batches} batches, {conversations} conversations, {rows} rows in {files} files; \
         mine_batch {:.1} ms in all ({:.1} ms a batch), writing the rows {:.1} ms ({:.2} ms a batch): {:.1}% of mining",
        mining.as_secs_f64() * 1000.0,
        mining.as_secs_f64() * 1000.0 / batches as f64,
        writing.as_secs_f64() * 1000.0,
        writing.as_secs_f64() * 1000.0 / batches as f64,
        share * 100.0
    );
    assert!(batches >= 3 && rows > 0);
    assert!(
        share < 0.10,
        "writing the rows took {:.1}% of mining",
        share * 100.0
    );
}
