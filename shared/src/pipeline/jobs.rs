//! summary-jobs messages: the one that finishes an asynchronous request, the backstop for a
//! computation in progress, and the request a job carries.

use std::time::Duration;

use super::{CaseId, Pipeline, PipelineError, SummaryRequest, status_entry};
use crate::ids::ConversationId;
use crate::queue::{ORIGIN_API_ASYNC, ORIGIN_API_BACKSTOP, SummaryJobMessage};
use crate::store::{RequestKey, now_timestamp};

impl Pipeline {
    /// Queues the job that finishes an asynchronous request, and says so in its audit trail.
    pub(super) async fn enqueue(
        &self,
        request: &SummaryRequest,
        caller: Option<&str>,
        key: &RequestKey,
        audit_id: &str,
    ) -> Result<(), PipelineError> {
        let job = job_for(request, key, audit_id, caller, ORIGIN_API_ASYNC);
        self.send_job(&job, Duration::ZERO).await?;
        self.audit
            .append_status(audit_id, &status_entry("queued", None))
            .await?;
        Ok(())
    }

    /// Queues a job for the computation `audit_id` holds, delivered after the longest lease: a
    /// live holder has finished by then (the job finds its result and stops); a dead one's job
    /// carries on under the same audit id, so an "in progress" answer never waits on nothing.
    pub(super) async fn backstop(
        &self,
        request: &SummaryRequest,
        caller: Option<&str>,
        key: &RequestKey,
        audit_id: &str,
    ) -> Result<(), PipelineError> {
        let job = job_for(request, key, audit_id, caller, ORIGIN_API_BACKSTOP);
        self.send_job(&job, self.config.lease.max(self.config.async_lease))
            .await
    }

    async fn send_job(&self, job: &SummaryJobMessage, delay: Duration) -> Result<(), PipelineError> {
        let body = serde_json::to_string(job).map_err(|e| PipelineError::Internal(e.to_string()))?;
        self.jobs_queue
            .send_delayed(&body, &[("audit_id", &job.audit_id)], delay)
            .await?;
        Ok(())
    }
}

/// The summary-jobs message that finishes `request` asynchronously.
pub fn job_for(
    request: &SummaryRequest,
    key: &RequestKey,
    audit_id: &str,
    caller: Option<&str>,
    origin: &str,
) -> SummaryJobMessage {
    SummaryJobMessage {
        version: 1,
        conversation_id: request.conversation_id.to_string(),
        case_id: request.case_id.as_str().to_owned(),
        options: request.options.clone(),
        force: request.force,
        request_key: key.as_str().to_owned(),
        audit_id: audit_id.to_owned(),
        caller: caller.map(str::to_owned),
        requested_at: now_timestamp(),
        origin: origin.to_owned(),
    }
}

/// The request a job carries, checked like an API request.
pub fn request_from_job(job: &SummaryJobMessage) -> Result<SummaryRequest, String> {
    let conversation_id = ConversationId::parse(&job.conversation_id).map_err(|e| e.to_string())?;
    let case_id = CaseId::parse(&job.case_id).map_err(|reason| format!("caseId {reason}"))?;
    Ok(SummaryRequest {
        conversation_id,
        case_id,
        options: job.options.clone(),
        asynchronous: false,
        force: job.force,
    })
}
