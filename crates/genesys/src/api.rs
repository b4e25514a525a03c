//! The Genesys operations the functions call, behind one narrow trait: [`GenesysClient`] speaks
//! them over HTTP; [`super::memory::MemoryGenesys`] answers them in memory for the fast test tier
//! and for fault injection at this edge.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use super::models::{
    AnalyticsConversation, AnalyticsConversationAsyncQueryResponse, AsyncConversationQuery,
    AsyncQueryResponse, AsyncQueryStatus, ConversationSummariesGetResponse, DataActionInput,
    ParticipantAttributes, Suggestion, SuggestionsQuery, TranscriptAggregateQueryResponse,
    TranscriptAggregationQuery, TranscriptDocument,
};
use super::{Deadline, GenesysClient, GenesysError};
use crate::ids::ConversationId;

/// The longest pause between two polls of a details job.
const MAX_POLL_PAUSE: Duration = Duration::from_secs(30);

#[async_trait]
pub trait GenesysApi: Send + Sync {
    /// The same API whose calls must finish by `deadline` (retries and waits included).
    fn with_deadline(&self, deadline: Deadline) -> Arc<dyn GenesysApi>;

    /// The deadline the calls of this handle run under.
    fn deadline(&self) -> Deadline;

    /// `GET /api/v2/analytics/conversations/{id}/details`.
    async fn conversation_details(&self, id: &ConversationId) -> Result<AnalyticsConversation, GenesysError>;

    /// The details and every transcript document of a conversation.
    async fn conversation_documents(
        &self,
        id: &ConversationId,
    ) -> Result<(AnalyticsConversation, Vec<TranscriptDocument>), GenesysError>;

    /// The transcript document of one communication; `None` when there is none.
    async fn download_transcript(
        &self,
        id: &ConversationId,
        communication_id: &str,
    ) -> Result<Option<TranscriptDocument>, GenesysError>;

    /// `GET /api/v2/conversations/{id}/summaries`; `None` when Genesys has none.
    async fn conversation_summaries(
        &self,
        id: &ConversationId,
    ) -> Result<Option<ConversationSummariesGetResponse>, GenesysError>;

    /// `GET /api/v2/conversations/{id}/suggestions`, every page; `None` when the conversation
    /// has no Copilot (Genesys answers 404).
    async fn conversation_suggestions(
        &self,
        id: &ConversationId,
    ) -> Result<Option<Vec<Suggestion>>, GenesysError>;

    /// `POST /api/v2/integrations/actions/{actionId}/execute`.
    async fn execute_data_action(
        &self,
        action_id: &str,
        input: &DataActionInput,
    ) -> Result<serde_json::Value, GenesysError>;

    /// `PATCH /api/v2/conversations/{id}/participants/{participantId}/attributes`.
    async fn patch_participant_attributes(
        &self,
        id: &ConversationId,
        participant_id: &str,
        attributes: &ParticipantAttributes,
    ) -> Result<(), GenesysError>;

    /// `POST /api/v2/analytics/transcripts/aggregates/query`.
    async fn transcript_aggregates(
        &self,
        query: &TranscriptAggregationQuery,
    ) -> Result<TranscriptAggregateQueryResponse, GenesysError>;

    /// `POST /api/v2/analytics/conversations/details/jobs`.
    async fn create_details_job(
        &self,
        query: &AsyncConversationQuery,
    ) -> Result<AsyncQueryResponse, GenesysError>;

    /// `GET /api/v2/analytics/conversations/details/jobs/{jobId}`.
    async fn details_job_status(&self, job_id: &str) -> Result<AsyncQueryStatus, GenesysError>;

    /// One page of a details job's results; `cursor` is absent on the last.
    async fn details_job_results(
        &self,
        job_id: &str,
        cursor: Option<&str>,
        page_size: Option<u32>,
    ) -> Result<AnalyticsConversationAsyncQueryResponse, GenesysError>;

    /// `DELETE /api/v2/analytics/conversations/details/jobs/{jobId}`.
    async fn delete_details_job(&self, job_id: &str) -> Result<(), GenesysError>;

    /// Polls a details job with growing pauses until it reaches a terminal state (FULFILLED,
    /// FAILED, CANCELLED, EXPIRED) or the deadline passes.
    async fn wait_for_details_job(
        &self,
        job_id: &str,
        first_pause: Duration,
    ) -> Result<AsyncQueryStatus, GenesysError> {
        let deadline = self.deadline();
        let mut pause = first_pause;
        let mut polls = 0;
        loop {
            let status = self.details_job_status(job_id).await?;
            polls += 1;
            if status.state.is_some_and(|state| state.is_terminal()) {
                return Ok(status);
            }
            if pause >= deadline.remaining() {
                return Err(GenesysError::DeadlineExceeded {
                    operation: "getAnalyticsConversationsDetailsJob",
                    attempts: polls,
                });
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(MAX_POLL_PAUSE);
        }
    }
}

#[async_trait]
impl GenesysApi for GenesysClient {
    fn with_deadline(&self, deadline: Deadline) -> Arc<dyn GenesysApi> {
        Arc::new(GenesysClient::with_deadline(self, deadline))
    }

    fn deadline(&self) -> Deadline {
        GenesysClient::deadline(self)
    }

    async fn conversation_details(&self, id: &ConversationId) -> Result<AnalyticsConversation, GenesysError> {
        GenesysClient::conversation_details(self, id).await
    }

    async fn conversation_documents(
        &self,
        id: &ConversationId,
    ) -> Result<(AnalyticsConversation, Vec<TranscriptDocument>), GenesysError> {
        GenesysClient::conversation_documents(self, id).await
    }

    async fn download_transcript(
        &self,
        id: &ConversationId,
        communication_id: &str,
    ) -> Result<Option<TranscriptDocument>, GenesysError> {
        GenesysClient::download_transcript(self, id, communication_id).await
    }

    async fn conversation_summaries(
        &self,
        id: &ConversationId,
    ) -> Result<Option<ConversationSummariesGetResponse>, GenesysError> {
        GenesysClient::conversation_summaries(self, id).await
    }

    async fn conversation_suggestions(
        &self,
        id: &ConversationId,
    ) -> Result<Option<Vec<Suggestion>>, GenesysError> {
        let query = SuggestionsQuery {
            page_size: Some(200),
            ..SuggestionsQuery::default()
        };
        match GenesysClient::all_suggestions(self, id, query).await {
            Ok(all) => Ok(Some(all)),
            Err(err) if err.is_not_found() => Ok(None),
            Err(err) => Err(err),
        }
    }

    async fn execute_data_action(
        &self,
        action_id: &str,
        input: &DataActionInput,
    ) -> Result<serde_json::Value, GenesysError> {
        GenesysClient::execute_data_action(self, action_id, input).await
    }

    async fn patch_participant_attributes(
        &self,
        id: &ConversationId,
        participant_id: &str,
        attributes: &ParticipantAttributes,
    ) -> Result<(), GenesysError> {
        GenesysClient::patch_participant_attributes(self, id, participant_id, attributes).await
    }

    async fn transcript_aggregates(
        &self,
        query: &TranscriptAggregationQuery,
    ) -> Result<TranscriptAggregateQueryResponse, GenesysError> {
        GenesysClient::transcript_aggregates(self, query).await
    }

    async fn create_details_job(
        &self,
        query: &AsyncConversationQuery,
    ) -> Result<AsyncQueryResponse, GenesysError> {
        GenesysClient::create_details_job(self, query).await
    }

    async fn details_job_status(&self, job_id: &str) -> Result<AsyncQueryStatus, GenesysError> {
        GenesysClient::details_job_status(self, job_id).await
    }

    async fn details_job_results(
        &self,
        job_id: &str,
        cursor: Option<&str>,
        page_size: Option<u32>,
    ) -> Result<AnalyticsConversationAsyncQueryResponse, GenesysError> {
        GenesysClient::details_job_results(self, job_id, cursor, page_size).await
    }

    async fn delete_details_job(&self, job_id: &str) -> Result<(), GenesysError> {
        GenesysClient::delete_details_job(self, job_id).await
    }
}
