//! A run's progress: pages planned, batches counted, slices failed, and the steps from PLANNING to
//! COMPLETED with their repeats.

use serde_json::json;

use super::*;

/// (batches done, mined, already counted, without transcript, failed)
fn mining_of(run: &RunRecord) -> (u64, u64, u64, u64, u64) {
    (
        run.batches_done,
        run.mined,
        run.already_counted,
        run.without_transcript,
        run.failed,
    )
}

/// Completes `batch_id` of the run: the run as it stands after, or `None` for a repeat.
async fn batch(f: &Fixture, run_id: &str, batch_id: &str, counters: BatchCounters) -> Option<RunRecord> {
    f.runs
        .complete_batch(run_id, batch_id, &counters)
        .await
        .expect("complete_batch")
}

pub(super) async fn a_page_adds_its_counters_with_its_checkpoint(f: Fixture) {
    let run = created(&f).await;
    let id = run.run_id.as_str();
    let page_one = checkpoint(0, SliceState::Paging, Some("cursor-1"), 1);
    f.runs.record_page(id, &page_one, 2, 120).await.unwrap();
    let after_one = f.runs.get(id).await.unwrap().unwrap();
    assert_eq!(progress_of(&after_one), (2, 0, 120, 0, 0));
    assert!(after_one.updated_at >= run.updated_at);
    assert_eq!(f.runs.checkpoints(id).await.unwrap()[&0], page_one);

    // The slice's last page: the slice is done.
    let last = checkpoint(0, SliceState::Done, None, 2);
    f.runs.record_page(id, &last, 1, 30).await.unwrap();
    assert_eq!(
        progress_of(&f.runs.get(id).await.unwrap().unwrap()),
        (3, 0, 150, 1, 0)
    );
    assert_eq!(f.runs.checkpoints(id).await.unwrap()[&0], last);

    // A page is counted once because a resumed planner starts after the checkpoint written with
    // its counters; the store itself adds whatever it is given, a repeated call included.
    f.runs.record_page(id, &last, 1, 30).await.unwrap();
    let repeated = f.runs.get(id).await.unwrap().unwrap();
    assert_eq!(progress_of(&repeated), (4, 0, 180, 2, 0));
    assert_eq!(f.runs.checkpoints(id).await.unwrap().len(), 1);
    // Planning counters only: nothing was mined.
    assert_eq!(
        (repeated.mined, repeated.status, repeated.planning_done),
        (0, RunStatus::Planning, false)
    );
}

pub(super) async fn a_batch_counts_once_per_run(f: Fixture) {
    let run = created(&f).await;
    let other = created(&f).await;
    let id = run.run_id.as_str();
    let first = batch(&f, id, "0-0-0-0", counters(3, 1, 1, 0))
        .await
        .expect("counted");
    assert_eq!(mining_of(&first), (1, 3, 1, 1, 0));
    assert_eq!(f.runs.get(id).await.unwrap(), Some(first.clone()));

    // A redelivery adds nothing, whatever it counted this time.
    let again = batch(&f, id, "0-0-0-0", counters(5, 0, 0, 2)).await;
    assert_eq!(again, None);
    assert_eq!(f.runs.get(id).await.unwrap(), Some(first));

    let second = batch(&f, id, "0-0-0-1", counters(2, 0, 0, 2))
        .await
        .expect("another batch");
    assert_eq!(mining_of(&second), (2, 5, 1, 1, 2));
    assert!(second.had_errors());
    // Batch ids are per run.
    let elsewhere = batch(&f, &other.run_id, "0-0-0-0", counters(1, 0, 0, 0))
        .await
        .expect("the other run's batch");
    assert_eq!((elsewhere.batches_done, elsewhere.mined), (1, 1));
}

pub(super) async fn a_run_goes_from_planning_to_completed(f: Fixture) {
    let run = created(&f).await;
    let id = run.run_id.as_str();
    assert!(!f.runs.start_reporting(id).await.unwrap(), "still planning");
    assert!(f.runs.claim_planner(id, "planner-a", LEASE).await.unwrap());
    f.runs
        .record_page(id, &checkpoint(0, SliceState::Done, None, 1), 2, 40)
        .await
        .unwrap();

    let planned = f
        .runs
        .finish_planning(id)
        .await
        .unwrap()
        .expect("planning finished");
    assert_eq!((planned.status, planned.planning_done), (RunStatus::Mining, true));
    assert_eq!(progress_of(&planned), (2, 0, 40, 1, 0));
    assert_eq!(f.runs.get(id).await.unwrap(), Some(planned.clone()));
    assert_eq!(f.runs.finish_planning(id).await.unwrap(), None, "finished before");

    assert!(!f.runs.start_reporting(id).await.unwrap(), "no batch done yet");
    let one = batch(&f, id, "0-0-0-0", counters(20, 0, 0, 0)).await.unwrap();
    assert!(!one.all_batches_done());
    assert!(!f.runs.start_reporting(id).await.unwrap(), "one batch of two");
    let two = batch(&f, id, "0-0-0-1", counters(19, 0, 1, 0)).await.unwrap();
    assert!(two.all_batches_done());
    assert_eq!(two.status, RunStatus::Mining);
    assert!(f.runs.start_reporting(id).await.unwrap());
    assert!(
        !f.runs.start_reporting(id).await.unwrap(),
        "exactly one caller reports"
    );
    assert_eq!(
        f.runs.get(id).await.unwrap().unwrap().status,
        RunStatus::Reporting
    );
    // A late redelivery still counts nothing twice once the run reports.
    assert_eq!(batch(&f, id, "0-0-0-1", counters(19, 0, 1, 0)).await, None);

    let report = json!({"published": {"key": "reports/run.json"}, "jobFailures": []});
    f.runs.finish(id, RunStatus::Completed, &report).await.unwrap();
    let done = f.runs.get(id).await.unwrap().unwrap();
    assert_eq!(done.status, RunStatus::Completed);
    assert_eq!(done.report, Some(report));
    let completed_at = done.completed_at.clone().expect("completedAt");
    assert_eq!(done.updated_at, completed_at);
    assert_eq!(
        (done.mined, done.without_transcript, done.batches_done),
        (39, 1, 2)
    );

    // Finishing again (a repeated report message) sets the status and report again.
    let again = json!({"published": null});
    f.runs
        .finish(id, RunStatus::CompletedWithErrors, &again)
        .await
        .unwrap();
    let redone = f.runs.get(id).await.unwrap().unwrap();
    assert_eq!(
        (redone.status, redone.report),
        (RunStatus::CompletedWithErrors, Some(again))
    );
    assert!(redone.completed_at.expect("completedAt") >= completed_at);
    assert!(!f.runs.start_reporting(id).await.unwrap());
    assert_eq!(f.runs.finish_planning(id).await.unwrap(), None);
}

pub(super) async fn planning_without_batches_may_report_at_once(f: Fixture) {
    let run = created(&f).await;
    let id = run.run_id.as_str();
    for index in 0..3 {
        f.runs
            .record_page(id, &checkpoint(index, SliceState::Done, None, 1), 0, 0)
            .await
            .unwrap();
    }
    let planned = f.runs.finish_planning(id).await.unwrap().expect("planned");
    assert_eq!(progress_of(&planned), (0, 0, 0, 3, 0));
    assert!(planned.all_batches_done());
    assert!(f.runs.start_reporting(id).await.unwrap());
    assert_eq!(
        f.runs.get(id).await.unwrap().unwrap().status,
        RunStatus::Reporting
    );
}

pub(super) async fn a_failed_slice_is_checkpointed_and_reported(f: Fixture) {
    let run = created(&f).await;
    let id = run.run_id.as_str();
    let (expired, refused) = (failure("2026-11-16", "EXPIRED"), failure("2026-11-18", "ERROR"));
    let first = checkpoint(0, SliceState::Failed, None, 0);
    let third = SliceCheckpoint {
        job_id: None,
        ..checkpoint(2, SliceState::Failed, None, 0)
    };
    f.runs.fail_slice(id, &first, &expired).await.unwrap();
    f.runs.fail_slice(id, &third, &refused).await.unwrap();

    let failed = f.runs.get(id).await.unwrap().unwrap();
    assert_eq!(progress_of(&failed), (0, 0, 0, 0, 2));
    assert_eq!(failed.job_failures, vec![expired, refused]);
    assert!(failed.had_errors());
    assert_eq!(
        failed.status,
        RunStatus::Planning,
        "planning goes on with the other slices"
    );
    let saved = f.runs.checkpoints(id).await.unwrap();
    assert_eq!(saved, HashMap::from([(0, first), (2, third)]));
}

pub(super) async fn concurrent_steps_happen_once(f: Fixture) {
    let runs = Arc::clone(&f.runs);
    let run = created(&f).await;
    let id = run.run_id.clone();
    let claims = race(10, |i| {
        let (runs, id) = (Arc::clone(&runs), id.clone());
        async move {
            runs.claim_planner(&id, &format!("planner-{i}"), LEASE)
                .await
                .unwrap()
        }
    })
    .await;
    assert_eq!(claims.iter().filter(|won| **won).count(), 1, "{claims:?}");

    f.runs
        .record_page(&id, &checkpoint(0, SliceState::Done, None, 1), 1, 10)
        .await
        .unwrap();
    let finished = race(10, |_| {
        let (runs, id) = (Arc::clone(&runs), id.clone());
        async move { runs.finish_planning(&id).await.unwrap().is_some() }
    })
    .await;
    assert_eq!(finished.iter().filter(|won| **won).count(), 1, "{finished:?}");

    let batches = race(10, |_| {
        let (runs, id) = (Arc::clone(&runs), id.clone());
        async move {
            runs.complete_batch(&id, "0-0-0-0", &counters(10, 0, 0, 0))
                .await
                .unwrap()
                .is_some()
        }
    })
    .await;
    assert_eq!(batches.iter().filter(|won| **won).count(), 1, "{batches:?}");

    let reporters = race(10, |_| {
        let (runs, id) = (Arc::clone(&runs), id.clone());
        async move { runs.start_reporting(&id).await.unwrap() }
    })
    .await;
    assert_eq!(reporters.iter().filter(|won| **won).count(), 1, "{reporters:?}");
    let end = f.runs.get(&id).await.unwrap().unwrap();
    assert_eq!(
        (end.status, end.batches_done, end.mined),
        (RunStatus::Reporting, 1, 10)
    );
}

/// Runs `count` copies of a step at once; what each returned.
async fn race<F, Fut>(count: usize, step: F) -> Vec<bool>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let mut set = tokio::task::JoinSet::new();
    for i in 0..count {
        set.spawn(step(i));
    }
    let mut results = Vec::new();
    while let Some(result) = set.join_next().await {
        results.push(result.unwrap());
    }
    results
}
