//! One entry point for everything the function receives: the EventBridge schedule, a manual
//! backfill event, and SQS batches from its own `mining-work` queue.

use std::time::Duration;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use chrono::{DateTime, Utc};
use lambda_runtime::Context as LambdaContext;
use serde_json::{Value, json};
use tracing::{error, info, instrument, warn};
use wrapup_mining::{
    BackfillRequest, BatchResult, MiningError, MiningMessage, MiningWindow, PlanOutcome, PlannerDeps,
    ReportDeps, RunKind, RunRecord, finish_run, mine_batch, plan_run, run_id, start_run,
};

use wrapup_adapters::queue::messages::content_free;
use wrapup_lambda_kit::{BatchConsumer, ConsumerConfig, DeadLetter, Disposition, Received};

use crate::app::App;
use crate::metrics;

/// What the function was invoked with.
#[derive(Debug)]
pub enum Invocation {
    Scheduled { time: DateTime<Utc> },
    Backfill(BackfillRequest),
    Queue(SqsEvent),
}

#[derive(Debug, thiserror::Error)]
pub enum InvocationError {
    /// The event is not one this function handles, or a backfill is malformed: nothing is retried.
    #[error("invalid event: {0}")]
    Invalid(String),
    #[error(transparent)]
    Mining(#[from] MiningError),
}

impl Invocation {
    /// Tells the event kinds apart by shape: SQS records, an EventBridge scheduled event, or a
    /// backfill body `{"from", "to", "mediaTypes"?}`.
    pub fn parse(event: Value) -> Result<Self, InvocationError> {
        if event.get("Records").is_some() {
            return serde_json::from_value(event)
                .map(Self::Queue)
                .map_err(|e| InvocationError::Invalid(format!("not an SQS event: {}", content_free(&e))));
        }
        if let Some(detail_type) = event.get("detail-type").and_then(Value::as_str) {
            if detail_type != "Scheduled Event" {
                // Not quoted: whatever sent it chose the text, and these reasons reach the logs.
                return Err(InvocationError::Invalid(
                    "this detail-type is not handled (expected \"Scheduled Event\")".into(),
                ));
            }
            let time = event
                .get("time")
                .and_then(Value::as_str)
                .and_then(|t| t.parse::<DateTime<Utc>>().ok())
                .unwrap_or_else(Utc::now);
            return Ok(Self::Scheduled { time });
        }
        if event.get("from").is_some() || event.get("to").is_some() {
            return BackfillRequest::from_value(&event)
                .map(Self::Backfill)
                .map_err(|e| InvocationError::Invalid(format!("backfill {e}")));
        }
        Err(InvocationError::Invalid(
            "expected an SQS event, an EventBridge \"Scheduled Event\" or a backfill {\"from\", \"to\", \"mediaTypes\"?}"
                .into(),
        ))
    }
}

/// Handles one invocation; the answer is the SQS batch response or the started run.
pub async fn handle(app: &App, event: Value, context: &LambdaContext) -> Result<Value, InvocationError> {
    match Invocation::parse(event)? {
        Invocation::Scheduled { time } => {
            let mut window = MiningWindow::previous_day(time, app.config.time_zone);
            window.media_types.clone_from(&app.config.media_types);
            let run = begin(app, RunKind::Scheduled, window, time).await?;
            Ok(run_answer(&run))
        }
        Invocation::Backfill(request) => {
            let run = backfill(app, request).await?;
            Ok(run_answer(&run))
        }
        Invocation::Queue(event) => {
            let response = handle_queue(app, event, context).await;
            Ok(serde_json::to_value(response).unwrap_or_else(|_| json!({"batchItemFailures": []})))
        }
    }
}

fn run_answer(run: &RunRecord) -> Value {
    json!({
        "runId": run.run_id,
        "status": run.status.as_str(),
        "from": run.window.from,
        "to": run.window.to,
        "timeZone": run.window.time_zone.name(),
    })
}

/// Validates a backfill and starts its run.
pub async fn backfill(app: &App, request: BackfillRequest) -> Result<RunRecord, InvocationError> {
    let window = MiningWindow::new(
        request.from,
        request.to,
        app.config.time_zone,
        request.media_types.unwrap_or_default(),
    )
    .map_err(|e| InvocationError::Invalid(format!("backfill {e}")))?;
    begin(app, RunKind::Backfill, window, Utc::now()).await
}

async fn begin(
    app: &App,
    kind: RunKind,
    window: MiningWindow,
    now: DateTime<Utc>,
) -> Result<RunRecord, InvocationError> {
    let id = run_id(kind, &window, now);
    Ok(start_run(
        app.runs.as_ref(),
        app.queue.as_ref(),
        id,
        kind,
        window,
        app.config.source,
    )
    .await?)
}

/// How the mining-work queue is consumed: the template's batch of 5 at once; a failed batch
/// keeps the queue's visibility timeout (the worker counts receives itself, `max_receives`).
pub const CONSUMER: ConsumerConfig = ConsumerConfig {
    queue: "mining-work",
    parallel: 5,
    reserve: Duration::from_secs(2),
    budget_without_deadline: Duration::from_secs(60),
    retry: None,
};

/// Each record on its own, through the one SQS consumer: an unreadable message goes to the DLQ
/// at once with why (it can never succeed), a failed one comes back, the others are unaffected.
#[instrument(skip_all, fields(records = event.records.len()))]
pub async fn handle_queue(app: &App, event: SqsEvent, context: &LambdaContext) -> SqsBatchResponse {
    let response = BatchConsumer::new(CONSUMER, app.control.as_ref())
        .consume(event, context, |message| handle_message(app, message))
        .await;
    if let Some(meter) = &app.genesys_meter {
        metrics::genesys_used(&app.metrics, meter.take());
    }
    response
}

async fn handle_message(app: &App, received: Received) -> Disposition {
    let message = match MiningMessage::parse(&received.body) {
        Ok(message) => message,
        // A newer message version during a deploy is replayed from the DLQ once deployed.
        Err(reason) => {
            return Disposition::DeadLetter(DeadLetter {
                reason: format!("unreadable mining-work message: {reason}"),
                target: Some("message".into()),
                status: None,
            });
        }
    };
    // Planning and the report are a run's only path to its end.
    let ends_run = matches!(message, MiningMessage::Plan { .. } | MiningMessage::Report { .. });
    match handle_mining(app, message, &received).await {
        Ok(()) => Disposition::Done,
        Err(err) => {
            if ends_run && received.receive_count >= app.config.max_receives {
                metrics::run_failed(&app.metrics);
            }
            warn!(error = %err, "message will be retried");
            Disposition::retry()
        }
    }
}

async fn handle_mining(app: &App, message: MiningMessage, received: &Received) -> Result<(), MiningError> {
    let (owner, deadline, receive_count) = (&*received.owner, received.deadline, received.receive_count);
    match message {
        MiningMessage::Plan { run_id, .. } => {
            let deps = PlannerDeps {
                genesys: app.genesys.as_ref(),
                runs: app.runs.as_ref(),
                catalog: &app.catalog,
                aggregates: app.aggregates.as_ref(),
                queue: app.queue.as_ref(),
                batch_size: app.config.batch_size,
                page_size: app.config.page_size,
                first_poll_pause: Duration::from_secs(1),
                handover_reserve: app.config.handover_reserve,
            };
            let outcome = plan_run(&deps, &run_id, owner, deadline).await?;
            if let PlanOutcome::Finished { run, report_queued } = &outcome {
                info!(run_id, batches = run.batches_planned, report_queued, "planned");
            }
            Ok(())
        }
        MiningMessage::Batch(batch) => {
            let genesys = app.genesys.with_deadline(deadline);
            let deps = app.worker_deps(genesys.as_ref());
            match mine_batch(&deps, &batch, receive_count, app.config.max_receives).await? {
                BatchResult::Retry { failed } => Err(MiningError::Retry(failed)),
                BatchResult::Done { by_media, .. } => {
                    metrics::batch_mined(&app.metrics, &by_media);
                    Ok(())
                }
                BatchResult::Duplicate => Ok(()),
            }
        }
        MiningMessage::Report { run_id, .. } => {
            let deps = ReportDeps {
                runs: app.runs.as_ref(),
                aggregates: app.aggregates.as_ref(),
                catalog: &app.catalog,
                store: app.reports.as_ref(),
                dashboard: app.dashboard.as_ref(),
                report_days: app.config.report_days,
            };
            if let Some(run) = finish_run(&deps, &run_id).await? {
                metrics::run_finished(&app.metrics, &run, Utc::now());
            }
            Ok(())
        }
        MiningMessage::Backfill { request, .. } => match backfill(app, request).await {
            Ok(run) => {
                info!(run_id = run.run_id, "backfill started from the queue");
                Ok(())
            }
            Err(InvocationError::Invalid(reason)) => {
                error!(reason, "invalid backfill message dropped");
                Ok(())
            }
            Err(InvocationError::Mining(err)) => Err(err),
        },
    }
}
