//! The summary-jobs queue: each record parsed and processed on its own; transient failures come
//! back as batch item failures (SQS retries them, then the DLQ keeps them); permanent ones are
//! recorded in the summary table and the audit trail, and acknowledged.

use std::time::Duration;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use futures_util::StreamExt;
use lambda_runtime::Context;
use tracing::{error, info, warn};
use wrapup::genesys::Deadline;
use wrapup::pipeline::PipelineError;
use wrapup::queue::parse_summary_job;

use crate::App;

/// Jobs of one batch that run at the same time.
const PARALLEL_JOBS: usize = 5;
const RESERVE: Duration = Duration::from_secs(2);

pub async fn handle_batch(app: &App, batch: SqsEvent, context: &Context) -> SqsBatchResponse {
    let deadline = if context.deadline > 0 {
        Deadline::from_epoch_millis(context.deadline, RESERVE)
    } else {
        Deadline::after(Duration::from_secs(60))
    };
    let failures: Vec<BatchItemFailure> = futures_util::stream::iter(batch.records)
        .map(|record| async move { handle_record(app, &record, deadline).await.err() })
        .buffer_unordered(PARALLEL_JOBS)
        .filter_map(|failure| async move { failure })
        .collect()
        .await;
    let mut response = SqsBatchResponse::default();
    response.batch_item_failures = failures;
    response
}

/// `Err` = leave the message on the queue (retry, eventually the DLQ).
async fn handle_record(app: &App, record: &SqsMessage, deadline: Deadline) -> Result<(), BatchItemFailure> {
    let message_id = record.message_id.clone().unwrap_or_default();
    let retry = || {
        let mut failure = BatchItemFailure::default();
        failure.item_identifier = message_id.clone();
        failure
    };
    let Some(body) = record.body.as_deref() else {
        error!(
            message_id,
            "summary-jobs message without a body; leaving it for the DLQ"
        );
        return Err(retry());
    };
    let job = match parse_summary_job(body) {
        Ok(job) => job,
        Err(err) => {
            // It will never parse: let SQS move it to the DLQ after its receive count, where an
            // operator can read the reason in the logs and replay it once fixed.
            error!(message_id, error = %err, "invalid summary-jobs message");
            return Err(retry());
        }
    };
    match app.pipeline.run_job(&job, deadline).await {
        Ok(response) => {
            info!(message_id, audit_id = %response.audit_id, status = ?response.status, "job done");
            Ok(())
        }
        Err(PipelineError::Superseded { by }) => {
            info!(message_id, superseded_by = %by, "job superseded by a newer request");
            Ok(())
        }
        Err(err) if err.is_transient() => {
            warn!(message_id, code = err.code(), error = %err, "job failed; SQS will retry it");
            Err(retry())
        }
        Err(err) => {
            // Permanent (unknown conversation, invalid job): recorded by the pipeline; a retry
            // cannot succeed.
            warn!(message_id, code = err.code(), "job failed permanently");
            if matches!(err, PipelineError::InvalidJob(_)) {
                Err(retry())
            } else {
                Ok(())
            }
        }
    }
}
