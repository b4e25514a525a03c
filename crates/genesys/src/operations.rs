//! Typed Genesys operations (Platform API v2), named after their `operationId`s in
//! `spec/genesys-openapi.json`.

use std::collections::BTreeSet;

use reqwest::Method;
use tracing::{debug, instrument};

use super::client::GenesysClient;
use super::error::GenesysError;
use super::models::{
    AnalyticsConversation, AnalyticsConversationAsyncQueryResponse, AnalyticsConversationQueryResponse,
    AsyncConversationQuery, AsyncQueryResponse, AsyncQueryStatus, ConversationQuery,
    ConversationSummariesGetResponse, DataActionInput, ParticipantAttributes, Suggestion,
    SuggestionEngagement, SuggestionListing, SuggestionsQuery, TranscriptAggregateQueryResponse,
    TranscriptAggregationQuery, TranscriptUrl, TranscriptUrls,
};
use crate::ids::ConversationId;

/// Genesys caps details-query pages at 100 conversations.
pub const MAX_DETAILS_PAGE_SIZE: i32 = 100;
/// Safety stop for cursor and page loops, far above anything real.
const MAX_PAGES: usize = 10_000;

impl GenesysClient {
    /// `POST /api/v2/analytics/conversations/details/query`: one page.
    #[instrument(skip_all)]
    pub async fn query_conversation_details(
        &self,
        query: &ConversationQuery,
    ) -> Result<AnalyticsConversationQueryResponse, GenesysError> {
        let call = self.call(
            "postAnalyticsConversationsDetailsQuery",
            Method::POST,
            "/api/v2/analytics/conversations/details/query",
            &[],
        );
        // A query changes nothing: safe to repeat after a timeout or a 5xx.
        let call = self.with_body(call, query, true)?;
        self.core.json(call, self.deadline()).await
    }

    /// Every conversation matching `query`, paged by page number until `totalHits` are read.
    #[instrument(skip_all, fields(page_size))]
    pub async fn query_all_conversation_details(
        &self,
        mut query: ConversationQuery,
        page_size: i32,
    ) -> Result<Vec<AnalyticsConversation>, GenesysError> {
        if !(1..=MAX_DETAILS_PAGE_SIZE).contains(&page_size) {
            return Err(GenesysError::InvalidArgument {
                what: "page size",
                reason: format!("{page_size} is outside 1..={MAX_DETAILS_PAGE_SIZE}"),
            });
        }
        let mut all = Vec::new();
        for page_number in 1..=MAX_PAGES as i32 {
            query = query.page(page_size, page_number);
            let page = self.query_conversation_details(&query).await?;
            let total = page.total_hits.unwrap_or(0).max(0) as usize;
            let received = page.conversations.len();
            all.extend(page.conversations);
            debug!(page_number, received, total, "details page");
            if received == 0 || all.len() >= total {
                break;
            }
        }
        Ok(all)
    }

    /// `GET /api/v2/analytics/conversations/{conversationId}/details`.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn conversation_details(
        &self,
        id: &ConversationId,
    ) -> Result<AnalyticsConversation, GenesysError> {
        let id = id.to_string();
        let call = self.call(
            "getAnalyticsConversationDetails",
            Method::GET,
            "/api/v2/analytics/conversations/{conversationId}/details",
            &[&id],
        );
        self.core.json(call, self.deadline()).await
    }

    /// `GET .../speechandtextanalytics/conversations/{id}/communications/{communicationId}/transcripturl`.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn transcript_url(
        &self,
        id: &ConversationId,
        communication_id: &str,
    ) -> Result<TranscriptUrl, GenesysError> {
        let id = id.to_string();
        let call = self.call(
            "getSpeechandtextanalyticsConversationCommunicationTranscripturl",
            Method::GET,
            "/api/v2/speechandtextanalytics/conversations/{conversationId}/communications/{communicationId}/transcripturl",
            &[&id, communication_id],
        );
        self.core.json(call, self.deadline()).await
    }

    /// `GET .../transcripturls`: one URL per recording of the communication.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn transcript_urls(
        &self,
        id: &ConversationId,
        communication_id: &str,
    ) -> Result<TranscriptUrls, GenesysError> {
        let id = id.to_string();
        let call = self.call(
            "getSpeechandtextanalyticsConversationCommunicationTranscripturls",
            Method::GET,
            "/api/v2/speechandtextanalytics/conversations/{conversationId}/communications/{communicationId}/transcripturls",
            &[&id, communication_id],
        );
        self.core.json(call, self.deadline()).await
    }

    /// `GET /api/v2/conversations/{conversationId}/summaries`; `None` when Genesys has none (404).
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn conversation_summaries(
        &self,
        id: &ConversationId,
    ) -> Result<Option<ConversationSummariesGetResponse>, GenesysError> {
        let id = id.to_string();
        let call = self.call(
            "getConversationSummaries",
            Method::GET,
            "/api/v2/conversations/{conversationId}/summaries",
            &[&id],
        );
        match self.core.json(call, self.deadline()).await {
            Ok(summaries) => Ok(Some(summaries)),
            Err(err) if err.is_not_found() => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// `GET /api/v2/conversations/{conversationId}/suggestions`: one page (cursor paging).
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn suggestions(
        &self,
        id: &ConversationId,
        query: &SuggestionsQuery,
    ) -> Result<SuggestionListing, GenesysError> {
        let id = id.to_string();
        let mut call = self.call(
            "getConversationSuggestions",
            Method::GET,
            "/api/v2/conversations/{conversationId}/suggestions",
            &[&id],
        );
        {
            let mut pairs = call.url.query_pairs_mut();
            for (name, value) in query.to_pairs() {
                pairs.append_pair(name, &value);
            }
        }
        if call.url.query() == Some("") {
            call.url.set_query(None);
        }
        self.core.json(call, self.deadline()).await
    }

    /// Every suggestion of a conversation, following the `after` cursor of `nextUri`.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn all_suggestions(
        &self,
        id: &ConversationId,
        mut query: SuggestionsQuery,
    ) -> Result<Vec<Suggestion>, GenesysError> {
        let mut all = Vec::new();
        let mut seen = BTreeSet::new();
        for _ in 0..MAX_PAGES {
            let page = self.suggestions(id, &query).await?;
            let next = page.next_cursor();
            all.extend(page.entities);
            match next {
                // A repeated cursor would loop forever: stop rather than trust it.
                Some(cursor) if seen.insert(cursor.clone()) => query.after = Some(cursor),
                _ => break,
            }
        }
        Ok(all)
    }

    /// `GET /api/v2/conversations/{conversationId}/suggestions/{suggestionId}`.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn suggestion(
        &self,
        id: &ConversationId,
        suggestion_id: &str,
    ) -> Result<Suggestion, GenesysError> {
        let id = id.to_string();
        let call = self.call(
            "getConversationSuggestion",
            Method::GET,
            "/api/v2/conversations/{conversationId}/suggestions/{suggestionId}",
            &[&id, suggestion_id],
        );
        self.core.json(call, self.deadline()).await
    }

    /// `POST .../suggestions/{suggestionId}/engagement`.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn engage_suggestion(
        &self,
        id: &ConversationId,
        suggestion_id: &str,
        engagement: &SuggestionEngagement,
    ) -> Result<SuggestionEngagement, GenesysError> {
        let id = id.to_string();
        let call = self.call(
            "postConversationSuggestionEngagement",
            Method::POST,
            "/api/v2/conversations/{conversationId}/suggestions/{suggestionId}/engagement",
            &[&id, suggestion_id],
        );
        let call = self.with_body(call, engagement, false)?;
        self.core.json(call, self.deadline()).await
    }

    /// `POST /api/v2/integrations/actions/{actionId}/execute`: runs a Data Action (the way Genesys
    /// orgs reach Salesforce, ServiceNow, Dynamics, Zendesk). Not idempotent: never retried after
    /// an ambiguous failure.
    #[instrument(skip_all, fields(action_id))]
    pub async fn execute_data_action(
        &self,
        action_id: &str,
        input: &DataActionInput,
    ) -> Result<serde_json::Value, GenesysError> {
        let call = self.call(
            "postIntegrationsActionExecute",
            Method::POST,
            "/api/v2/integrations/actions/{actionId}/execute",
            &[action_id],
        );
        let call = self.with_body(call, input, false)?;
        self.core.json(call, self.deadline()).await
    }

    /// `PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes`.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn patch_participant_attributes(
        &self,
        id: &ConversationId,
        participant_id: &str,
        attributes: &ParticipantAttributes,
    ) -> Result<(), GenesysError> {
        let id = id.to_string();
        let call = self.call(
            "patchConversationParticipantAttributes",
            Method::PATCH,
            "/api/v2/conversations/{conversationId}/participants/{participantId}/attributes",
            &[&id, participant_id],
        );
        // Setting the same attributes twice leaves the same state.
        let call = self.with_body(call, attributes, true)?;
        self.core.execute(call, self.deadline()).await.map(|_| ())
    }

    /// `POST /api/v2/analytics/transcripts/aggregates/query`: Speech & Text Analytics aggregates.
    #[instrument(skip_all)]
    pub async fn transcript_aggregates(
        &self,
        query: &TranscriptAggregationQuery,
    ) -> Result<TranscriptAggregateQueryResponse, GenesysError> {
        let call = self.call(
            "postAnalyticsTranscriptsAggregatesQuery",
            Method::POST,
            "/api/v2/analytics/transcripts/aggregates/query",
            &[],
        );
        // A query changes nothing: safe to repeat.
        let call = self.with_body(call, query, true)?;
        self.core.json(call, self.deadline()).await
    }

    /// `POST /api/v2/analytics/conversations/details/jobs`.
    #[instrument(skip_all)]
    pub async fn create_details_job(
        &self,
        query: &AsyncConversationQuery,
    ) -> Result<AsyncQueryResponse, GenesysError> {
        let call = self.call(
            "postAnalyticsConversationsDetailsJobs",
            Method::POST,
            "/api/v2/analytics/conversations/details/jobs",
            &[],
        );
        // A repeated create would start a second job: only retried when certainly not run.
        let call = self.with_body(call, query, false)?;
        self.core.json(call, self.deadline()).await
    }

    /// `GET /api/v2/analytics/conversations/details/jobs/{jobId}`.
    #[instrument(skip_all, fields(job_id))]
    pub async fn details_job_status(&self, job_id: &str) -> Result<AsyncQueryStatus, GenesysError> {
        let call = self.call(
            "getAnalyticsConversationsDetailsJob",
            Method::GET,
            "/api/v2/analytics/conversations/details/jobs/{jobId}",
            &[job_id],
        );
        self.core.json(call, self.deadline()).await
    }

    /// `GET .../jobs/{jobId}/results?cursor=&pageSize=`: one page; `cursor` is absent on the last.
    #[instrument(skip_all, fields(job_id))]
    pub async fn details_job_results(
        &self,
        job_id: &str,
        cursor: Option<&str>,
        page_size: Option<u32>,
    ) -> Result<AnalyticsConversationAsyncQueryResponse, GenesysError> {
        let mut call = self.call(
            "getAnalyticsConversationsDetailsJobResults",
            Method::GET,
            "/api/v2/analytics/conversations/details/jobs/{jobId}/results",
            &[job_id],
        );
        if cursor.is_some() || page_size.is_some() {
            let mut pairs = call.url.query_pairs_mut();
            if let Some(cursor) = cursor {
                pairs.append_pair("cursor", cursor);
            }
            if let Some(size) = page_size {
                pairs.append_pair("pageSize", &size.to_string());
            }
        }
        self.core.json(call, self.deadline()).await
    }

    /// `DELETE /api/v2/analytics/conversations/details/jobs/{jobId}`.
    #[instrument(skip_all, fields(job_id))]
    pub async fn delete_details_job(&self, job_id: &str) -> Result<(), GenesysError> {
        let call = self.call(
            "deleteAnalyticsConversationsDetailsJob",
            Method::DELETE,
            "/api/v2/analytics/conversations/details/jobs/{jobId}",
            &[job_id],
        );
        self.core.execute(call, self.deadline()).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The operations' code: this file up to its tests.
    fn operations_source() -> &'static str {
        let source = include_str!("operations.rs");
        source.split("#[cfg(test)]").next().unwrap_or_default()
    }

    /// Every call of an operation in this file: its operation id, method, path template and
    /// number of parameters given, read from the source.
    fn calls_in_source() -> Vec<(String, String, String, usize)> {
        operations_source()
            .split("self.call(")
            .skip(1)
            .filter_map(|call| {
                let mut quoted = call.split('"').skip(1).step_by(2);
                let (operation, path) = (quoted.next()?, quoted.next()?);
                let method = call.split("Method::").nth(1)?.split(',').next()?;
                let params = call.split("&[").nth(1)?.split(']').next()?;
                let given = params.split(',').filter(|p| !p.trim().is_empty()).count();
                Some((operation.to_owned(), method.to_owned(), path.to_owned(), given))
            })
            .collect()
    }

    #[test]
    fn every_operation_is_the_spec_operation_of_its_id() {
        let spec: serde_json::Value =
            serde_json::from_str(include_str!("../../../spec/genesys-openapi.json")).expect("spec parses");
        let calls = calls_in_source();
        // Every call was read.
        assert_eq!(calls.len(), operations_source().matches("self.call(").count());
        assert!(calls.len() >= 15, "{calls:?}");
        let mut seen = BTreeSet::new();
        for (operation, method, path, given) in &calls {
            assert_eq!(
                path.matches('{').count(),
                *given,
                "{operation}: parameters of {path}"
            );
            let spec_operation = &spec["paths"][path][method.to_lowercase()]["operationId"];
            assert_eq!(
                spec_operation.as_str(),
                Some(operation.as_str()),
                "{method} {path} is not {operation} in spec/genesys-openapi.json"
            );
            assert!(seen.insert(operation), "{operation} has two methods");
        }
    }
}
