//! The post-call summary job: the conversation's CRM case id read from its participants'
//! attributes (the details API), then a summary-jobs message with the configured options, so
//! every trigger of one conversation carries the same request key and summary-api computes it
//! once and writes it to the CRM once.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tracing::info;
use wrapup::genesys::models::Suggestion;
use wrapup::genesys::models::{AnalyticsConversation, AsyncConversationQuery, JobState};
use wrapup::genesys::{Deadline, GenesysApi, GenesysError};
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
    /// Whose summaries they are ([`crate::config::FunctionConfig::summary_caller`]).
    pub caller: Option<String>,
}

impl QueuedSummaryJobs {
    /// The CRM case id: the configured participant attribute, read through a details job (the
    /// only details shape that carries participants' attributes: the synchronous query and the
    /// per-conversation endpoint answer `...WithoutAttributes`), else `genesys:<id>` when so
    /// configured. A conversation not yet in analytics is a transient failure: the event comes
    /// back on the queue's schedule and, after its receives, waits in the dead-letter queue for
    /// a replay.
    async fn case_id(&self, conversation: &ConversationId) -> Result<Option<CaseId>, JobError> {
        let details = self.details(conversation).await?;
        let attribute = details
            .as_ref()
            .into_iter()
            .flat_map(|d| &d.participants)
            .find_map(|p| {
                p.attributes
                    .as_ref()
                    .and_then(|a| a.get(&self.case_attribute))
                    .and_then(|v| CaseId::parse(v).ok())
            });
        if attribute.is_none() && details.is_none() && !self.case_from_conversation {
            return Err(JobError::Transient(
                "the conversation is not in Genesys analytics yet".to_owned(),
            ));
        }
        Ok(attribute.or_else(|| {
            self.case_from_conversation
                .then(|| CaseId::parse(&format!("genesys:{conversation}")).ok())
                .flatten()
        }))
    }

    /// The conversation's details with attributes, from a details job over the last two days.
    async fn details(
        &self,
        conversation: &ConversationId,
    ) -> Result<Option<AnalyticsConversation>, JobError> {
        let genesys = self.genesys.with_deadline(Deadline::after(LOOKUP_BUDGET));
        let now = chrono::Utc::now();
        let query = AsyncConversationQuery::for_interval(
            now - chrono::Duration::days(2),
            now + chrono::Duration::hours(1),
        )
        .map_err(|e| JobError::Transient(e.to_string()))?
        .with_conversation_ids(&[conversation.to_string()])
        .with_limit(10);
        let job = genesys
            .create_details_job(&query)
            .await
            .map_err(genesys_failure)?;
        let Some(job_id) = job.job_id else {
            return Err(JobError::Transient("Genesys created no details job".to_owned()));
        };
        let status = genesys
            .wait_for_details_job(&job_id, Duration::from_millis(500))
            .await
            .map_err(genesys_failure)?;
        let found = if status.state == Some(JobState::Fulfilled) {
            let page = genesys
                .details_job_results(&job_id, None, Some(10))
                .await
                .map_err(genesys_failure)?;
            page.conversations
                .into_iter()
                .find(|c| c.conversation_id.as_deref() == Some(conversation.to_string().as_str()))
        } else {
            return Err(JobError::Transient("the details job did not complete".to_owned()));
        };
        // Frees the org's job capacity; it expires by itself otherwise.
        let _ = genesys.delete_details_job(&job_id).await;
        Ok(found)
    }
}

/// A Genesys failure as a reason: the operation's status, never Genesys' text.
fn genesys_failure(err: GenesysError) -> JobError {
    let status = err
        .status()
        .map_or_else(|| "no status".to_owned(), |s| s.to_string());
    JobError::Transient(format!("Genesys analytics details job ({status})"))
}

/// The time a conversation's details job may take, inside the function's 30 s.
const LOOKUP_BUDGET: Duration = Duration::from_secs(15);

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
        let key = RequestKey::for_caller(
            &request.conversation_id,
            request.case_id.as_str(),
            &request.options,
            self.caller.as_deref(),
        );
        let audit_id = uuid::Uuid::new_v4().to_string();
        let job = job_for(
            &request,
            &key,
            &audit_id,
            self.caller.as_deref(),
            ORIGIN_ASSIST_CALLBACK,
        );
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
