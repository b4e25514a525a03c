//! The post-call summary job: the conversation's CRM case id read from its participants'
//! attributes (the details API), then a summary-jobs message with the configured options, so
//! every trigger of one conversation carries the same request key and summary-api computes it
//! once and writes it to the CRM once.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tracing::info;
use wrapup::genesys::GenesysApi;
use wrapup::genesys::models::Suggestion;
use wrapup::ids::ConversationId;
use wrapup::pipeline::{CaseId, SummaryRequest, job_for};
use wrapup::queue::{MessageQueue, ORIGIN_ASSIST_CALLBACK, SummaryJobMessage};
use wrapup::store::RequestKey;
use wrapup::summary::SummaryOptions;
use wrapup_assist::{EndOfConversation, JobError, JobSent};

pub struct QueuedSummaryJobs {
    pub genesys: Arc<dyn GenesysApi>,
    pub queue: Arc<dyn MessageQueue>,
    pub options: SummaryOptions,
    pub case_attribute: String,
    pub case_from_conversation: bool,
}

impl QueuedSummaryJobs {
    async fn case_id(&self, conversation: &ConversationId) -> Result<Option<CaseId>, JobError> {
        let details = match self.genesys.conversation_details(conversation).await {
            Ok(details) => Some(details),
            // Not in analytics (at all, or not yet): no attribute to read.
            Err(err) if err.is_not_found() => None,
            // Throttled, down or refusing: the event comes back and asks again. The reason
            // names the failure, never Genesys' text.
            Err(err) => {
                let status = err
                    .status()
                    .map_or_else(|| "no status".to_owned(), |s| s.to_string());
                return Err(JobError::Transient(format!(
                    "Genesys conversation details ({status})"
                )));
            }
        };
        let attribute = details.iter().flat_map(|d| &d.participants).find_map(|p| {
            p.attributes
                .as_ref()
                .and_then(|a| a.get(&self.case_attribute))
                .and_then(|v| CaseId::parse(v).ok())
        });
        Ok(attribute.or_else(|| {
            self.case_from_conversation
                .then(|| CaseId::parse(&format!("genesys:{conversation}")).ok())
                .flatten()
        }))
    }
}

#[async_trait]
impl EndOfConversation for QueuedSummaryJobs {
    async fn send_summary_job(
        &self,
        conversation: &ConversationId,
        delay: Duration,
    ) -> Result<JobSent, JobError> {
        let Some(case_id) = self.case_id(conversation).await? else {
            info!(conversation_id = %conversation, "no CRM case id on the conversation: no summary job");
            return Ok(JobSent::Skipped("no-case"));
        };
        let request = SummaryRequest {
            conversation_id: *conversation,
            case_id,
            options: self.options.clone(),
            asynchronous: false,
            force: false,
        };
        let key = RequestKey::new(
            &request.conversation_id,
            request.case_id.as_str(),
            &request.options,
        );
        let audit_id = uuid::Uuid::new_v4().to_string();
        let job = job_for(&request, &key, &audit_id, None, ORIGIN_ASSIST_CALLBACK);
        let body = job.to_body().map_err(|e| JobError::Transient(e.to_string()))?;
        self.queue
            .send_delayed(&body, &SummaryJobMessage::attributes(), delay)
            .await
            .map_err(|e| JobError::Transient(e.to_string()))?;
        Ok(JobSent::Sent)
    }

    async fn listed_suggestions(
        &self,
        conversation: &ConversationId,
    ) -> Result<Option<Vec<Suggestion>>, JobError> {
        self.genesys
            .conversation_suggestions(conversation)
            .await
            .map_err(|err| {
                let status = err
                    .status()
                    .map_or_else(|| "no status".to_owned(), |s| s.to_string());
                JobError::Transient(format!("Genesys conversation suggestions ({status})"))
            })
    }
}
