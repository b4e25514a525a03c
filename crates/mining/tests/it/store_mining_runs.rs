//! The mining run store's contract, against moto (`MiningStateTable` from template.yaml) and in
//! memory. Run the moto tier with
//! `scripts/with-moto.sh cargo test -p wrapup --test store_mining_runs -- --include-ignored`.

#[path = "store_mining_runs/progress.rs"]
mod progress;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::NaiveDate;
use wrapup_adapters::store::StoreError;
use wrapup_mining::{
    BatchCounters, DynamoDbRunStore, JobFailure, MemoryRunStore, MiningSource, MiningWindow, RunKind,
    RunRecord, RunStatus, RunStore, SliceCheckpoint, SliceState,
};

use progress::{
    a_batch_counts_once_per_run, a_failed_slice_is_checkpointed_and_reported,
    a_page_adds_its_counters_with_its_checkpoint, a_run_goes_from_planning_to_completed,
    concurrent_steps_happen_once, planning_without_batches_may_report_at_once,
};

const RETENTION: Duration = Duration::from_secs(30 * 24 * 3600);
const LEASE: Duration = Duration::from_secs(30);

struct Fixture {
    runs: Arc<dyn RunStore>,
}

/// The DynamoDB store on a fresh stack in moto, with its client and table for raw reads.
async fn dynamodb_fixture() -> (Fixture, aws_sdk_dynamodb::Client, String) {
    let (dynamodb, table) = wrapup_testkit::moto_table("runs", "MiningStateTable").await;
    let runs = Arc::new(DynamoDbRunStore::new(dynamodb.clone(), table.clone(), RETENTION));
    (Fixture { runs }, dynamodb, table)
}

/// The in-memory store.
fn memory_fixture() -> Fixture {
    Fixture {
        runs: Arc::new(MemoryRunStore::new()),
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// A backfill of 2026-11-16..=2026-11-18 (three slices) with a unique id.
fn new_run() -> RunRecord {
    let window = MiningWindow::new(day("2026-11-16"), day("2026-11-18"), chrono_tz::UTC, Vec::new())
        .expect("a window");
    let id = format!("backfill-{}", uuid::Uuid::new_v4());
    RunRecord::new(id, RunKind::Backfill, window, MiningSource::Transcripts)
}

/// A run created in the store, as the store returns it.
async fn created(f: &Fixture) -> RunRecord {
    let run = new_run();
    assert!(f.runs.create(&run).await.unwrap());
    f.runs
        .get(&run.run_id)
        .await
        .unwrap()
        .expect("the run just created")
}

fn checkpoint(index: u32, state: SliceState, cursor: Option<&str>, pages: u32) -> SliceCheckpoint {
    SliceCheckpoint {
        index,
        day: day("2026-11-16") + chrono::Days::new(u64::from(index)),
        state,
        job_id: Some(format!("job-{index}")),
        generation: 0,
        cursor: cursor.map(str::to_owned),
        pages,
        conversations: u64::from(pages) * 100,
    }
}

fn failure(day_text: &str, state: &str) -> JobFailure {
    JobFailure {
        day: day(day_text),
        job_id: Some(format!("job-{day_text}")),
        state: state.to_owned(),
        message: format!("{state} on {day_text}"),
        at: chrono::Utc::now(),
    }
}

fn counters(mined: u64, already_counted: u64, without_transcript: u64, failed: u64) -> BatchCounters {
    BatchCounters {
        mined,
        already_counted,
        without_transcript,
        failed,
    }
}

/// (batches planned, batches done, conversations seen, slices done, slices failed)
fn progress_of(run: &RunRecord) -> (u64, u64, u64, u64, u64) {
    (
        run.batches_planned,
        run.batches_done,
        run.conversations_seen,
        run.slices_done,
        run.slices_failed,
    )
}

async fn a_run_is_created_once(f: Fixture) {
    let mut run = new_run();
    // Whatever the record says of progress, a new run starts from nothing.
    run.mined = 7;
    run.planning_done = true;
    run.job_failures.push(failure("2026-11-16", "FAILED"));
    assert!(f.runs.create(&run).await.unwrap());
    let stored = f.runs.get(&run.run_id).await.unwrap().expect("created");
    let expected = RunRecord {
        mined: 0,
        planning_done: false,
        job_failures: Vec::new(),
        ..run.clone()
    };
    assert_eq!(stored, expected);
    assert_eq!((stored.status, stored.slices_total), (RunStatus::Planning, 3));

    // A duplicate schedule event: the first run stands.
    let mut again = new_run();
    again.run_id.clone_from(&run.run_id);
    again.kind = RunKind::Scheduled;
    again.source = MiningSource::Topics;
    assert!(!f.runs.create(&again).await.unwrap());
    assert_eq!(f.runs.get(&run.run_id).await.unwrap(), Some(expected));
}

async fn a_missing_run_is_none_and_refuses_every_step(f: Fixture) {
    let missing = "backfill-missing";
    assert_eq!(f.runs.get(missing).await.unwrap(), None);
    assert!(!f.runs.claim_planner(missing, "planner-a", LEASE).await.unwrap());
    f.runs.release_planner(missing, "planner-a").await.unwrap();
    assert_eq!(f.runs.checkpoints(missing).await.unwrap(), HashMap::new());
    assert_eq!(f.runs.finish_planning(missing).await.unwrap(), None);
    assert!(!f.runs.start_reporting(missing).await.unwrap());
    let batch = f
        .runs
        .complete_batch(missing, "0-0-0-0", &counters(1, 0, 0, 0))
        .await;
    assert!(batch.is_err(), "a batch of no run: {batch:?}");
    let finished = f
        .runs
        .finish(missing, RunStatus::Completed, &serde_json::json!({}))
        .await;
    assert!(matches!(finished, Err(StoreError::Conflict(_))), "{finished:?}");
    let day = NaiveDate::from_ymd_opt(2026, 11, 14).unwrap();
    let checkpoint = SliceCheckpoint::pending(0, day);
    let page = f.runs.record_page(missing, &checkpoint, 1, 10).await;
    assert!(page.is_err(), "a page of no run: {page:?}");
    let failure = JobFailure {
        day,
        job_id: None,
        state: "FAILED".into(),
        message: "gone".into(),
        at: chrono::Utc::now(),
    };
    let failed = f.runs.fail_slice(missing, &checkpoint, &failure).await;
    assert!(failed.is_err(), "a failed slice of no run: {failed:?}");
    assert_eq!(f.runs.get(missing).await.unwrap(), None, "nothing created it");
    assert_eq!(f.runs.checkpoints(missing).await.unwrap(), HashMap::new());
}

async fn one_planner_holds_the_run_until_it_releases_or_its_lease_runs_out(f: Fixture) {
    let run = created(&f).await;
    let id = run.run_id.as_str();
    assert!(f.runs.claim_planner(id, "planner-a", LEASE).await.unwrap());
    assert!(
        !f.runs.claim_planner(id, "planner-b", LEASE).await.unwrap(),
        "a's lease holds"
    );
    assert!(
        f.runs.claim_planner(id, "planner-a", LEASE).await.unwrap(),
        "the holder renews"
    );
    // Only the holder gives it back.
    f.runs.release_planner(id, "planner-b").await.unwrap();
    assert!(!f.runs.claim_planner(id, "planner-b", LEASE).await.unwrap());
    f.runs.release_planner(id, "planner-a").await.unwrap();
    assert!(
        f.runs.claim_planner(id, "planner-b", LEASE).await.unwrap(),
        "released"
    );

    // A crashed planner's lease runs out.
    f.runs.release_planner(id, "planner-b").await.unwrap();
    let short = Duration::from_millis(300);
    assert!(f.runs.claim_planner(id, "planner-c", short).await.unwrap());
    assert!(!f.runs.claim_planner(id, "planner-d", LEASE).await.unwrap());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        f.runs.claim_planner(id, "planner-d", LEASE).await.unwrap(),
        "expired"
    );

    // Past planning nobody plans, the last holder included.
    assert!(f.runs.finish_planning(id).await.unwrap().is_some());
    assert!(!f.runs.claim_planner(id, "planner-d", LEASE).await.unwrap());
    assert!(!f.runs.claim_planner(id, "planner-e", LEASE).await.unwrap());
    // The lease is not part of the record: claims leave it as it was, but for planning.
    let after = f.runs.get(id).await.unwrap().unwrap();
    assert_eq!((after.status, after.planning_done), (RunStatus::Mining, true));
    assert_eq!(
        RunRecord {
            status: RunStatus::Planning,
            planning_done: false,
            updated_at: run.updated_at.clone(),
            ..after
        },
        run
    );
}

async fn checkpoints_are_saved_and_read_back_by_slice(f: Fixture) {
    let run = created(&f).await;
    let other = created(&f).await;
    assert_eq!(f.runs.checkpoints(&run.run_id).await.unwrap(), HashMap::new());

    let first = SliceCheckpoint::pending(0, day("2026-11-16"));
    let second = checkpoint(1, SliceState::Paging, None, 0);
    f.runs.save_checkpoint(&run.run_id, &first).await.unwrap();
    f.runs.save_checkpoint(&run.run_id, &second).await.unwrap();
    f.runs
        .save_checkpoint(&other.run_id, &checkpoint(2, SliceState::Done, None, 4))
        .await
        .unwrap();
    // A slice's checkpoint is replaced, not added to.
    let replaced = SliceCheckpoint {
        generation: 1,
        job_id: Some("job-0-again".into()),
        state: SliceState::Paging,
        ..first
    };
    f.runs.save_checkpoint(&run.run_id, &replaced).await.unwrap();

    let saved = f.runs.checkpoints(&run.run_id).await.unwrap();
    assert_eq!(saved, HashMap::from([(0, replaced), (1, second)]));
    let others = f.runs.checkpoints(&other.run_id).await.unwrap();
    assert_eq!(others.keys().copied().collect::<Vec<_>>(), vec![2]);
    assert_eq!(others[&2].pages, 4);
    // A checkpoint alone adds nothing to the run.
    assert_eq!(f.runs.get(&run.run_id).await.unwrap(), Some(run));
}

/// Every item of a run expires `RETENTION` after it was written (the in-memory store keeps no
/// TTL: DynamoDB only deletes expired items, never hides them from reads).
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn run_items_expire_after_the_retention() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let run = created(&f).await;
    f.runs
        .record_page(&run.run_id, &checkpoint(0, SliceState::Done, None, 1), 1, 100)
        .await
        .unwrap();
    f.runs
        .complete_batch(&run.run_id, "0-0-0-0", &counters(1, 0, 0, 0))
        .await
        .unwrap();
    let expected = chrono::Utc::now().timestamp() + RETENTION.as_secs() as i64;
    for sk in ["run", "slice#0000", "batch#0-0-0-0"] {
        let item = dynamodb
            .get_item()
            .table_name(&table)
            .key("pk", AttributeValue::S(format!("run#{}", run.run_id)))
            .key("sk", AttributeValue::S(sk.into()))
            .send()
            .await
            .unwrap()
            .item
            .unwrap_or_else(|| panic!("item {sk}"));
        let ttl: i64 = item["ttl"].as_n().unwrap().parse().unwrap();
        assert!(
            (expected - 60..=expected).contains(&ttl),
            "{sk}: ttl {ttl}, expected ~{expected}"
        );
    }
}

wrapup_testkit::against_both!(
    a_run_is_created_once,
    a_missing_run_is_none_and_refuses_every_step,
    one_planner_holds_the_run_until_it_releases_or_its_lease_runs_out,
    checkpoints_are_saved_and_read_back_by_slice,
    a_page_adds_its_counters_with_its_checkpoint,
    a_batch_counts_once_per_run,
    a_run_goes_from_planning_to_completed,
    planning_without_batches_may_report_at_once,
    a_failed_slice_is_checkpointed_and_reported,
    concurrent_steps_happen_once,
);
