//! Starting runs (schedule, backfill) and finishing them (the report).

use chrono::{DateTime, Utc};
use tracing::{info, instrument, warn};

use super::MiningError;
use super::aggregates::AggregateStore;
use super::messages::{MINING_MESSAGE_TYPE, MiningMessage};
use super::model::MiningSource;
use super::publish::{DashboardClient, ReportStore, publish};
use super::report::{ProductName, ReportInput, RunFigures, TrendReport};
use super::run_store::{RunKind, RunRecord, RunStatus, RunStore};
use super::window::MiningWindow;
use wrapup_adapters::catalog::ProductCatalog;
use wrapup_adapters::queue::MessageQueue;

/// The id of a run: the scheduled run of a window is one run however often EventBridge delivers
/// it; every backfill is a run of its own (re-runs count nothing twice: the markers see to that).
pub fn run_id(kind: RunKind, window: &MiningWindow, now: DateTime<Utc>) -> String {
    let media = if window.media_types.is_empty() {
        "all".to_owned()
    } else {
        window
            .media_types
            .iter()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join("+")
    };
    match kind {
        RunKind::Scheduled => format!("scheduled-{}-{media}", window.from),
        RunKind::Backfill => format!(
            "backfill-{}-{}-{media}-{}",
            window.from,
            window.to,
            now.format("%Y%m%dT%H%M%S%3f")
        ),
    }
}

/// Creates the run record and queues its planning. A run that exists already is returned as it
/// is (with planning queued again while it is still planning: the planner lease makes that safe).
#[instrument(skip_all, fields(run_id = %run_id))]
pub async fn start_run(
    runs: &dyn RunStore,
    queue: &dyn MessageQueue,
    run_id: String,
    kind: RunKind,
    window: MiningWindow,
    source: MiningSource,
) -> Result<RunRecord, MiningError> {
    let record = RunRecord::new(run_id.clone(), kind, window, source);
    let created = runs.create(&record).await?;
    let current = if created {
        record
    } else {
        runs.get(&run_id)
            .await?
            .ok_or_else(|| MiningError::UnknownRun(run_id.clone()))?
    };
    if current.status == RunStatus::Planning {
        queue
            .send(
                &MiningMessage::plan(&run_id).to_json(),
                &[("messageType", MINING_MESSAGE_TYPE)],
            )
            .await?;
    }
    info!(
        created,
        status = current.status.as_str(),
        days = current.window.day_count(),
        "run started"
    );
    Ok(current)
}

pub struct ReportDeps<'a> {
    pub runs: &'a dyn RunStore,
    pub aggregates: &'a dyn AggregateStore,
    pub catalog: &'a ProductCatalog,
    pub store: &'a dyn ReportStore,
    pub dashboard: Option<&'a DashboardClient>,
    /// The trend covers this many days, ending with the run's last day.
    pub report_days: u32,
}

/// Builds and publishes the trend report of a run that finished mining, then closes the run.
/// Safe to repeat: the same keys are overwritten and the status is set again.
#[instrument(skip_all, fields(run_id = %run_id))]
pub async fn finish_run(deps: &ReportDeps<'_>, run_id: &str) -> Result<Option<RunRecord>, MiningError> {
    let run = deps
        .runs
        .get(run_id)
        .await?
        .ok_or_else(|| MiningError::UnknownRun(run_id.to_owned()))?;
    if !matches!(run.status, RunStatus::Reporting) {
        info!(
            status = run.status.as_str(),
            "run is not waiting for its report; nothing to do"
        );
        return Ok(None);
    }
    let to = run.window.to;
    let from = to
        .checked_sub_days(chrono::Days::new(u64::from(deps.report_days.max(1) - 1)))
        .unwrap_or(to);
    let rows = deps.aggregates.rows(from, to, run.source).await?;
    let report = TrendReport::build(ReportInput {
        run_id: run.run_id.clone(),
        generated_at: Utc::now(),
        time_zone: run.window.time_zone.name().to_owned(),
        from,
        to,
        source: run.source,
        products: deps
            .catalog
            .products()
            .iter()
            .map(|p| ProductName {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect(),
        rows,
        run: Some(RunFigures {
            conversations_seen: run.conversations_seen,
            mined: run.mined,
            without_transcript: run.without_transcript,
            failed: run.failed,
            already_counted: run.already_counted,
        }),
    });
    let published = publish(&report, deps.store, deps.dashboard).await?;
    let status = if run.had_errors() {
        RunStatus::CompletedWithErrors
    } else {
        RunStatus::Completed
    };
    let summary = serde_json::json!({
        "published": published,
        "jobFailures": run.job_failures,
    });
    deps.runs.finish(run_id, status, &summary).await?;
    if run.had_errors() {
        warn!(
            failed_slices = run.slices_failed,
            failed = run.failed,
            "run completed with errors"
        );
    }
    info!(status = status.as_str(), "report published");
    deps.runs.get(run_id).await.map_err(Into::into)
}
