//! The planner: one details job per slice (day), polled until it is ready, its results paged with
//! the cursor and handed to workers in batches. Every step is checkpointed, so planning cut by the
//! Lambda time limit or a crash resumes where it stopped.

use std::time::Duration;

use chrono::Utc;
use tracing::{info, instrument, warn};

use super::MiningError;
use super::messages::{MINING_MESSAGE_TYPE, MINING_MESSAGE_VERSION, MiningMessage, WorkBatch};
use super::model::MiningSource;
use super::planner_deps::PlannerDeps;
use super::run_store::{JobFailure, RunRecord, SliceCheckpoint, SliceState};
use super::topics::plan_topics_slice;
use super::window::{ConversationRef, MiningWindow, Slice};
use wrapup_genesys::models::{AsyncConversationQuery, JobState, Order, OrderBy};
use wrapup_genesys::{Deadline, GenesysApi, GenesysError};

/// An expired job (its results are gone) is replaced this many times before the slice fails.
const MAX_JOB_GENERATIONS: u32 = 3;

#[derive(Debug, Clone, PartialEq)]
pub enum PlanOutcome {
    /// Every slice is planned; `report_queued` when no batch was left to mine.
    Finished {
        run: Box<RunRecord>,
        report_queued: bool,
    },
    /// Time ran out: a continuation message carries on.
    Continued,
    /// Another planner holds the run (its own message will finish it).
    Busy,
    /// The run is past planning (a late duplicate message).
    AlreadyPlanned,
}

/// Why one slice stopped.
enum SliceEnd {
    Planned,
    Failed,
    OutOfTime,
}

#[instrument(skip_all, fields(run_id))]
pub async fn plan_run(
    deps: &PlannerDeps<'_>,
    run_id: &str,
    owner: &str,
    deadline: Deadline,
) -> Result<PlanOutcome, MiningError> {
    let run = deps
        .runs
        .get(run_id)
        .await?
        .ok_or_else(|| MiningError::UnknownRun(run_id.to_owned()))?;
    if run.planning_done {
        return Ok(PlanOutcome::AlreadyPlanned);
    }
    // Outlives this invocation by a little: a crashed planner's run is free again soon after.
    let lease = deadline.remaining() + Duration::from_secs(5);
    if !deps.runs.claim_planner(run_id, owner, lease).await? {
        info!("another planner holds this run");
        return Ok(PlanOutcome::Busy);
    }
    match plan_claimed(deps, run, owner, deadline).await {
        Ok(outcome) => Ok(outcome),
        Err(err) => {
            // The message is retried, by a new invocation (another owner): it must find the run
            // free, or it would see "busy", be dropped, and leave the run planning for ever.
            if let Err(release) = deps.runs.release_planner(run_id, owner).await {
                warn!(error = %release, "could not release the planner lease after a failure");
            }
            Err(err)
        }
    }
}

/// Plans the run's slices from their checkpoints, holding the planner lease.
async fn plan_claimed(
    deps: &PlannerDeps<'_>,
    run: RunRecord,
    owner: &str,
    deadline: Deadline,
) -> Result<PlanOutcome, MiningError> {
    let run_id = run.run_id.as_str();
    let checkpoints = deps.runs.checkpoints(run_id).await?;
    for slice in run.window.slices() {
        let checkpoint = checkpoints
            .get(&slice.index)
            .cloned()
            .unwrap_or_else(|| SliceCheckpoint::pending(slice.index, slice.day));
        if matches!(checkpoint.state, SliceState::Done | SliceState::Failed) {
            continue;
        }
        match plan_slice(deps, &run, &slice, checkpoint, deadline).await? {
            SliceEnd::Planned | SliceEnd::Failed => {}
            SliceEnd::OutOfTime => {
                // Lease first: a continuation picked up at once must find the run free, or it
                // would see "busy" and be dropped. A failed send retries this message instead.
                deps.runs.release_planner(run_id, owner).await?;
                deps.queue
                    .send(
                        &MiningMessage::plan(run_id).to_json(),
                        &[("messageType", MINING_MESSAGE_TYPE)],
                    )
                    .await?;
                info!(
                    slice = slice.index,
                    "out of time; planning continues in a new invocation"
                );
                return Ok(PlanOutcome::Continued);
            }
        }
    }
    let Some(run) = deps.runs.finish_planning(run_id).await? else {
        return Ok(PlanOutcome::AlreadyPlanned);
    };
    info!(
        batches = run.batches_planned,
        conversations = run.conversations_seen,
        failed_slices = run.slices_failed,
        "planning finished"
    );
    let mut report_queued = false;
    if run.all_batches_done() && deps.runs.start_reporting(run_id).await? {
        deps.queue
            .send(
                &MiningMessage::report(run_id).to_json(),
                &[("messageType", MINING_MESSAGE_TYPE)],
            )
            .await?;
        report_queued = true;
    }
    Ok(PlanOutcome::Finished {
        run: Box::new(run),
        report_queued,
    })
}

async fn plan_slice(
    deps: &PlannerDeps<'_>,
    run: &RunRecord,
    slice: &Slice,
    mut checkpoint: SliceCheckpoint,
    deadline: Deadline,
) -> Result<SliceEnd, MiningError> {
    let time_left = || deadline.remaining().saturating_sub(deps.handover_reserve);
    if run.source == MiningSource::Topics {
        if time_left().is_zero() {
            return Ok(SliceEnd::OutOfTime);
        }
        return match plan_topics_slice(deps, run, slice, checkpoint.clone(), deadline).await {
            Ok(()) => Ok(SliceEnd::Planned),
            Err(MiningError::Genesys(err)) if is_out_of_time(&err) => Ok(SliceEnd::OutOfTime),
            // A refused query or a catalog without topics will not get better by asking again.
            Err(MiningError::Genesys(err))
                if is_permanent(&err) || matches!(err, GenesysError::InvalidArgument { .. }) =>
            {
                fail_slice(deps, run, &mut checkpoint, "ERROR", &err.to_string()).await?;
                Ok(SliceEnd::Failed)
            }
            Err(err) => Err(err),
        };
    }
    loop {
        if time_left().is_zero() {
            return Ok(SliceEnd::OutOfTime);
        }
        let genesys = deps.genesys.with_deadline(Deadline::after(time_left()));
        let job_id = match checkpoint.job_id.clone() {
            Some(job_id) => job_id,
            None => match create_job(genesys.as_ref(), &run.window, slice).await {
                Ok(job_id) => {
                    checkpoint.job_id = Some(job_id.clone());
                    checkpoint.state = SliceState::Paging;
                    deps.runs.save_checkpoint(&run.run_id, &checkpoint).await?;
                    job_id
                }
                Err(err) if is_out_of_time(&err) => return Ok(SliceEnd::OutOfTime),
                Err(err) if is_permanent(&err) => {
                    fail_slice(deps, run, &mut checkpoint, "ERROR", &err.to_string()).await?;
                    return Ok(SliceEnd::Failed);
                }
                Err(err) => return Err(err.into()),
            },
        };
        if checkpoint.cursor.is_none() && checkpoint.pages == 0 {
            let status = match genesys.wait_for_details_job(&job_id, deps.first_poll_pause).await {
                Ok(status) => status,
                Err(err) if is_out_of_time(&err) => return Ok(SliceEnd::OutOfTime),
                Err(err) if err.is_not_found() => {
                    // The job is gone (deleted or aged out): start a new one.
                    if !replace_job(deps, run, &mut checkpoint, "job not found").await? {
                        return Ok(SliceEnd::Failed);
                    }
                    continue;
                }
                Err(err) => return Err(err.into()),
            };
            match status.state {
                Some(JobState::Fulfilled) => {}
                Some(JobState::Expired) => {
                    if !replace_job(deps, run, &mut checkpoint, "EXPIRED").await? {
                        return Ok(SliceEnd::Failed);
                    }
                    continue;
                }
                state => {
                    let state = match state {
                        Some(JobState::Cancelled) => "CANCELLED",
                        _ => "FAILED",
                    };
                    let message = status.error_message.unwrap_or_else(|| "no errorMessage".into());
                    fail_slice(deps, run, &mut checkpoint, state, &message).await?;
                    return Ok(SliceEnd::Failed);
                }
            }
        }
        match page_results(deps, run, slice, &mut checkpoint, &job_id, deadline).await {
            Ok(end) => return Ok(end),
            Err(MiningError::Genesys(err)) if err.is_not_found() || err.status() == Some(400) => {
                // Results of an expired job answer 400/404: replace the job, page from the start.
                if !replace_job(deps, run, &mut checkpoint, "EXPIRED while paging").await? {
                    return Ok(SliceEnd::Failed);
                }
            }
            Err(MiningError::Genesys(err)) if is_out_of_time(&err) => return Ok(SliceEnd::OutOfTime),
            Err(err) => return Err(err),
        }
    }
}

async fn create_job(
    genesys: &dyn GenesysApi,
    window: &MiningWindow,
    slice: &Slice,
) -> Result<String, GenesysError> {
    let query = AsyncConversationQuery::for_interval(slice.start, slice.end)
        .map_err(|e| GenesysError::InvalidArgument {
            what: "slice interval",
            reason: e.to_string(),
        })?
        .with_media_types(&window.media_types)
        .ordered(Order::Asc, OrderBy::ConversationStart);
    let response = genesys.create_details_job(&query).await?;
    response
        .job_id
        .filter(|id| !id.is_empty())
        .ok_or(GenesysError::InvalidArgument {
            what: "details job",
            reason: "Genesys answered without a jobId".into(),
        })
}

/// Pages the job's results from the checkpoint's cursor, one batch message per `batch_size`
/// conversations, checkpointing after every page.
async fn page_results(
    deps: &PlannerDeps<'_>,
    run: &RunRecord,
    slice: &Slice,
    checkpoint: &mut SliceCheckpoint,
    job_id: &str,
    deadline: Deadline,
) -> Result<SliceEnd, MiningError> {
    loop {
        let left = deadline.remaining().saturating_sub(deps.handover_reserve);
        if left.is_zero() {
            return Ok(SliceEnd::OutOfTime);
        }
        let genesys = deps.genesys.with_deadline(Deadline::after(left));
        let page = genesys
            .details_job_results(job_id, checkpoint.cursor.as_deref(), deps.page_size)
            .await?;
        let references: Vec<ConversationRef> = page
            .conversations
            .iter()
            .filter_map(|c| ConversationRef::from_details(c, &run.window))
            .filter(|r| r.date == slice.day)
            .collect();
        let mut batches = 0u64;
        for (n, chunk) in references.chunks(deps.batch_size.max(1)).enumerate() {
            let batch = MiningMessage::Batch(WorkBatch {
                version: MINING_MESSAGE_VERSION,
                run_id: run.run_id.clone(),
                batch_id: format!(
                    "{}-{}-{}-{n}",
                    slice.index, checkpoint.generation, checkpoint.pages
                ),
                conversations: chunk.to_vec(),
            });
            deps.queue
                .send(&batch.to_json(), &[("messageType", MINING_MESSAGE_TYPE)])
                .await?;
            batches += 1;
        }
        checkpoint.pages += 1;
        checkpoint.conversations += references.len() as u64;
        checkpoint.cursor = page.cursor.filter(|c| !c.is_empty());
        if checkpoint.cursor.is_none() {
            checkpoint.state = SliceState::Done;
        }
        deps.runs
            .record_page(&run.run_id, checkpoint, batches, references.len() as u64)
            .await?;
        if checkpoint.state == SliceState::Done {
            // Genesys keeps results for a while; freeing them is polite, not required.
            if let Err(err) = deps.genesys.delete_details_job(job_id).await {
                warn!(error = %err, "could not delete a finished details job");
            }
            info!(slice = slice.index, day = %slice.day, conversations = checkpoint.conversations, "slice planned");
            return Ok(SliceEnd::Planned);
        }
    }
}

/// Starts a new generation of the slice's job; `false` when the slice has used them all (failed).
async fn replace_job(
    deps: &PlannerDeps<'_>,
    run: &RunRecord,
    checkpoint: &mut SliceCheckpoint,
    why: &str,
) -> Result<bool, MiningError> {
    if checkpoint.generation + 1 >= MAX_JOB_GENERATIONS {
        fail_slice(
            deps,
            run,
            checkpoint,
            "EXPIRED",
            &format!("{why}; gave up after {MAX_JOB_GENERATIONS} jobs"),
        )
        .await?;
        return Ok(false);
    }
    warn!(slice = checkpoint.index, why, "details job replaced");
    checkpoint.generation += 1;
    checkpoint.job_id = None;
    checkpoint.cursor = None;
    checkpoint.pages = 0;
    checkpoint.state = SliceState::Pending;
    deps.runs.save_checkpoint(&run.run_id, checkpoint).await?;
    Ok(true)
}

async fn fail_slice(
    deps: &PlannerDeps<'_>,
    run: &RunRecord,
    checkpoint: &mut SliceCheckpoint,
    state: &str,
    message: &str,
) -> Result<(), MiningError> {
    warn!(slice = checkpoint.index, day = %checkpoint.day, state, "details job did not deliver; slice failed");
    let failure = JobFailure {
        day: checkpoint.day,
        job_id: checkpoint.job_id.clone(),
        state: state.to_owned(),
        message: message.chars().take(300).collect(),
        at: Utc::now(),
    };
    checkpoint.state = SliceState::Failed;
    deps.runs.fail_slice(&run.run_id, checkpoint, &failure).await?;
    Ok(())
}

fn is_out_of_time(err: &GenesysError) -> bool {
    matches!(err, GenesysError::DeadlineExceeded { .. })
}

/// A 4xx other than 408/429: asking again will not help.
fn is_permanent(err: &GenesysError) -> bool {
    err.status()
        .is_some_and(|s| (400..500).contains(&s) && s != 408 && s != 429)
}
