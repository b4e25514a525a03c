//! The summary-jobs queue, through the one SQS consumer: each record parsed and processed on its
//! own; transient failures come back (SQS retries them, then the DLQ keeps them); a job that can
//! never run goes to the DLQ at once with why; permanent failures of a valid job are recorded in
//! the summary table and the audit trail, and acknowledged.

use std::time::Duration;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::Context;
use tracing::{info, warn};
use wrapup::pipeline::PipelineError;
use wrapup::queue::parse_summary_job;
use wrapup_lambda_kit::{BatchConsumer, ConsumerConfig, DeadLetter, Disposition, Received};

use crate::App;
use crate::metrics::Trigger;

/// Five jobs of a batch at a time; retried jobs keep the queue's visibility timeout (longer
/// than a Genesys outage's first minutes, unlike a short backoff).
pub const CONSUMER: ConsumerConfig = ConsumerConfig {
    queue: "summary-jobs",
    parallel: 5,
    reserve: Duration::from_secs(2),
    budget_without_deadline: Duration::from_secs(60),
    retry: None,
};

pub async fn handle_batch(app: &App, batch: SqsEvent, context: &Context) -> SqsBatchResponse {
    BatchConsumer::new(CONSUMER, app.jobs.as_ref())
        .consume(batch, context, |message| handle_job(app, message))
        .await
}

async fn handle_job(app: &App, message: Received) -> Disposition {
    let job = match parse_summary_job(&message.body) {
        Ok(job) => job,
        // It will never parse: the operator reads why on the dead letter and replays it once fixed.
        Err(err) => {
            app.metrics.refused(Trigger::Job, "invalid_job");
            return invalid(format!("invalid summary-jobs message: {err}"));
        }
    };
    let result = app.pipeline.run_job(&job, message.deadline).await;
    app.metrics.job(&result);
    match result {
        Ok(response) => {
            info!(audit_id = %response.audit_id, status = ?response.status, "job done");
            Disposition::Done
        }
        Err(PipelineError::Superseded { by }) => {
            info!(superseded_by = %by, "job superseded by a newer request");
            Disposition::Done
        }
        Err(err) if err.is_transient() => {
            warn!(code = err.code(), error = %err, "job failed; SQS will retry it");
            Disposition::retry()
        }
        Err(err @ PipelineError::InvalidJob(_)) => invalid(err.public_message()),
        Err(err) => {
            // Permanent (unknown conversation): recorded by the pipeline; a retry cannot succeed.
            warn!(code = err.code(), "job failed permanently");
            Disposition::Done
        }
    }
}

fn invalid(reason: String) -> Disposition {
    Disposition::DeadLetter(DeadLetter {
        reason,
        target: Some("message".into()),
        status: None,
    })
}
