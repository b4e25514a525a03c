//! [`GenesysApi`] in memory: conversations, their transcript documents, Copilot summaries and
//! analytics jobs held in maps, writes recorded, and failures injected per operation. For the
//! fast test tier (no simulator, no network) and for fault injection at the Genesys edge; the
//! simulator behind the real client stays the faithful tier.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;

use super::models::{
    AnalyticsConversation, AnalyticsConversationAsyncQueryResponse, AsyncConversationQuery,
    AsyncQueryResponse, AsyncQueryStatus, ConversationSummariesGetResponse, DataActionInput, Interval,
    JobState, MediaType, ParticipantAttributes, Suggestion, TranscriptAggregateQueryResponse,
    TranscriptAggregationQuery, TranscriptDocument,
};
use super::transcript_download::communication_ids;
use super::{Deadline, GenesysApi, GenesysError};
use crate::ids::ConversationId;

/// A details job's results page when the caller names no size (Genesys' default is larger;
/// small pages exercise cursor paging).
const DEFAULT_PAGE_SIZE: usize = 25;
/// The budget of a call when no deadline was given, as the real client's default.
const DEFAULT_CALL_BUDGET: Duration = Duration::from_secs(30);

/// A failure the next call of an operation answers instead of its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// An HTTP error answer (429, 500, 503, 404...).
    Status(u16),
    /// No answer within the call's deadline.
    Timeout,
}

/// A write the fake received, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum GenesysWrite {
    DataAction {
        action_id: String,
        input: DataActionInput,
    },
    ParticipantAttributes {
        conversation_id: String,
        participant_id: String,
        attributes: ParticipantAttributes,
    },
}

#[derive(Default)]
struct State {
    conversations: BTreeMap<String, StoredConversation>,
    summaries: HashMap<String, ConversationSummariesGetResponse>,
    suggestions: HashMap<String, Vec<Suggestion>>,
    aggregates: Option<TranscriptAggregateQueryResponse>,
    jobs: HashMap<String, Vec<AnalyticsConversation>>,
    jobs_created: u64,
    faults: HashMap<&'static str, VecDeque<Fault>>,
    writes: Vec<GenesysWrite>,
    calls: HashMap<&'static str, u64>,
}

struct StoredConversation {
    details: AnalyticsConversation,
    /// By communication (session) id.
    documents: HashMap<String, TranscriptDocument>,
}

/// Clones share one state: a handle `with_deadline` sees what the original holds.
#[derive(Clone, Default)]
pub struct MemoryGenesys {
    state: Arc<Mutex<State>>,
    deadline: Option<Deadline>,
}

impl std::fmt::Debug for MemoryGenesys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryGenesys").finish_non_exhaustive()
    }
}

impl MemoryGenesys {
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves a state still worth reading.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds (or replaces) a conversation: its details and the transcript document of each
    /// communication that has one (matched by the document's `communicationId`).
    pub fn add_conversation(&self, details: AnalyticsConversation, documents: Vec<TranscriptDocument>) {
        let Some(id) = details.conversation_id.as_deref() else {
            return;
        };
        // Keyed as `ConversationId` prints, so that any spelling of the id finds it.
        let id = ConversationId::parse(id).map_or_else(|_| id.to_owned(), |id| id.to_string());
        let documents = documents
            .into_iter()
            .filter_map(|d| d.communication_id.clone().map(|c| (c, d)))
            .collect();
        self.state()
            .conversations
            .insert(id, StoredConversation { details, documents });
    }

    /// Adds a conversation from the API's JSON shapes: its details, its transcript documents
    /// and its Copilot summaries (what the simulator renders, `genesys_sim::render_org`).
    pub fn add_json(
        &self,
        details: &serde_json::Value,
        transcripts: &[serde_json::Value],
        summaries: Option<&serde_json::Value>,
    ) -> Result<(), serde_json::Error> {
        let details: AnalyticsConversation = serde_json::from_value(details.clone())?;
        let documents = transcripts
            .iter()
            .map(|t| serde_json::from_value(t.clone()))
            .collect::<Result<Vec<TranscriptDocument>, _>>()?;
        let summaries: Option<ConversationSummariesGetResponse> =
            summaries.map(|s| serde_json::from_value(s.clone())).transpose()?;
        let id = details
            .conversation_id
            .as_deref()
            .and_then(|id| ConversationId::parse(id).ok());
        if let (Some(id), Some(summaries)) = (id, summaries) {
            self.set_summaries(&id, summaries);
        }
        self.add_conversation(details, documents);
        Ok(())
    }

    /// The suggestions `conversation_suggestions` answers for `id` (none set: no Copilot, 404).
    pub fn set_suggestions(&self, id: &ConversationId, suggestions: Vec<Suggestion>) {
        self.state().suggestions.insert(id.to_string(), suggestions);
    }

    /// The Copilot summaries `conversation_summaries` answers for `id`.
    pub fn set_summaries(&self, id: &ConversationId, summaries: ConversationSummariesGetResponse) {
        self.state().summaries.insert(id.to_string(), summaries);
    }

    /// What every transcript aggregates query answers.
    pub fn set_transcript_aggregates(&self, response: TranscriptAggregateQueryResponse) {
        self.state().aggregates = Some(response);
    }

    /// The next `times` calls of `operation` (its Genesys operation id, such as
    /// `getAnalyticsConversationDetails`) fail with `fault`, before any earlier injected fault
    /// of that operation runs out.
    pub fn fail_next(&self, operation: &'static str, fault: Fault, times: usize) {
        let mut state = self.state();
        let queue = state.faults.entry(operation).or_default();
        queue.extend(std::iter::repeat_n(fault, times));
    }

    /// The writes received (Data Actions, participant attributes), in order.
    pub fn writes(&self) -> Vec<GenesysWrite> {
        self.state().writes.clone()
    }

    /// How many times `operation` was called (faults included).
    pub fn calls(&self, operation: &str) -> u64 {
        self.state().calls.get(operation).copied().unwrap_or(0)
    }

    /// Counts the call and answers its injected fault, if any.
    fn enter(&self, operation: &'static str) -> Result<MutexGuard<'_, State>, GenesysError> {
        let mut state = self.state();
        let calls = state.calls.entry(operation).or_default();
        *calls += 1;
        // Genesys gives every answer a contextId, the one its support asks for.
        let context_id = format!("memory-{operation}-{calls}");
        let fault = state.faults.get_mut(operation).and_then(VecDeque::pop_front);
        match fault {
            None => Ok(state),
            Some(Fault::Timeout) => Err(GenesysError::Timeout {
                operation,
                attempts: 1,
            }),
            Some(Fault::Status(status)) => Err(GenesysError::Api {
                operation,
                status,
                code: Some("memory.fault".into()),
                message: "injected by MemoryGenesys".into(),
                context_id: Some(context_id),
            }),
        }
    }
}

fn not_found(operation: &'static str) -> GenesysError {
    GenesysError::Api {
        operation,
        status: 404,
        code: Some("not.found".into()),
        message: "not found".into(),
        context_id: None,
    }
}

fn bad_request(operation: &'static str, message: String) -> GenesysError {
    GenesysError::Api {
        operation,
        status: 400,
        code: Some("bad.request".into()),
        message,
        context_id: None,
    }
}

/// The media types a query's segment filters ask for (`mediaType` predicates); empty: any.
fn media_types_of(query: &AsyncConversationQuery) -> Vec<MediaType> {
    query
        .segment_filters
        .iter()
        .flat_map(|f| &f.predicates)
        .filter(|p| p.dimension.as_deref() == Some("mediaType"))
        .filter_map(|p| p.value.as_deref())
        .filter_map(|v| serde_json::from_value(serde_json::Value::String(v.to_owned())).ok())
        .collect()
}

#[async_trait]
impl GenesysApi for MemoryGenesys {
    fn with_deadline(&self, deadline: Deadline) -> Arc<dyn GenesysApi> {
        Arc::new(Self {
            state: Arc::clone(&self.state),
            deadline: Some(deadline),
        })
    }

    fn deadline(&self) -> Deadline {
        self.deadline
            .unwrap_or_else(|| Deadline::after(DEFAULT_CALL_BUDGET))
    }

    async fn conversation_details(&self, id: &ConversationId) -> Result<AnalyticsConversation, GenesysError> {
        const OPERATION: &str = "getAnalyticsConversationDetails";
        let state = self.enter(OPERATION)?;
        state
            .conversations
            .get(&id.to_string())
            .map(|c| c.details.clone())
            .ok_or_else(|| not_found(OPERATION))
    }

    async fn conversation_documents(
        &self,
        id: &ConversationId,
    ) -> Result<(AnalyticsConversation, Vec<TranscriptDocument>), GenesysError> {
        let details = self.conversation_details(id).await?;
        let mut documents = Vec::new();
        for communication in communication_ids(&details) {
            documents.extend(self.download_transcript(id, &communication).await?);
        }
        Ok((details, documents))
    }

    async fn download_transcript(
        &self,
        id: &ConversationId,
        communication_id: &str,
    ) -> Result<Option<TranscriptDocument>, GenesysError> {
        // As the real client: a 404 on the transcript URL is "no transcript (yet)".
        let state = match self.enter("getSpeechandtextanalyticsConversationCommunicationTranscripturl") {
            Err(err) if err.is_not_found() => return Ok(None),
            entered => entered?,
        };
        Ok(state
            .conversations
            .get(&id.to_string())
            .and_then(|c| c.documents.get(communication_id))
            .cloned())
    }

    async fn conversation_summaries(
        &self,
        id: &ConversationId,
    ) -> Result<Option<ConversationSummariesGetResponse>, GenesysError> {
        let state = match self.enter("getConversationSummaries") {
            Err(err) if err.is_not_found() => return Ok(None),
            entered => entered?,
        };
        Ok(state.summaries.get(&id.to_string()).cloned())
    }

    async fn conversation_suggestions(
        &self,
        id: &ConversationId,
    ) -> Result<Option<Vec<Suggestion>>, GenesysError> {
        let state = match self.enter("getConversationSuggestions") {
            Err(err) if err.is_not_found() => return Ok(None),
            entered => entered?,
        };
        Ok(state.suggestions.get(&id.to_string()).cloned())
    }

    async fn execute_data_action(
        &self,
        action_id: &str,
        input: &DataActionInput,
    ) -> Result<serde_json::Value, GenesysError> {
        let mut state = self.enter("postIntegrationsActionExecute")?;
        state.writes.push(GenesysWrite::DataAction {
            action_id: action_id.to_owned(),
            input: input.clone(),
        });
        Ok(serde_json::json!({}))
    }

    async fn patch_participant_attributes(
        &self,
        id: &ConversationId,
        participant_id: &str,
        attributes: &ParticipantAttributes,
    ) -> Result<(), GenesysError> {
        const OPERATION: &str = "patchConversationParticipantAttributes";
        let mut state = self.enter(OPERATION)?;
        let known = state.conversations.get(&id.to_string()).is_some_and(|c| {
            c.details
                .participants
                .iter()
                .any(|p| p.participant_id.as_deref() == Some(participant_id))
        });
        if !known {
            return Err(not_found(OPERATION));
        }
        state.writes.push(GenesysWrite::ParticipantAttributes {
            conversation_id: id.to_string(),
            participant_id: participant_id.to_owned(),
            attributes: attributes.clone(),
        });
        Ok(())
    }

    async fn transcript_aggregates(
        &self,
        _query: &TranscriptAggregationQuery,
    ) -> Result<TranscriptAggregateQueryResponse, GenesysError> {
        let state = self.enter("postAnalyticsTranscriptsAggregatesQuery")?;
        Ok(state.aggregates.clone().unwrap_or_default())
    }

    async fn create_details_job(
        &self,
        query: &AsyncConversationQuery,
    ) -> Result<AsyncQueryResponse, GenesysError> {
        const OPERATION: &str = "postAnalyticsConversationsDetailsJobs";
        let mut state = self.enter(OPERATION)?;
        let interval: Interval = query
            .interval
            .parse()
            .map_err(|e: super::models::IntervalError| bad_request(OPERATION, e.to_string()))?;
        let media_types = media_types_of(query);
        // In conversation-start order, as the planner asks.
        let mut results: Vec<AnalyticsConversation> = state
            .conversations
            .values()
            .map(|c| &c.details)
            .filter(|d| d.conversation_start.is_some_and(|at| interval.contains(at)))
            .filter(|d| media_types.is_empty() || d.media_type().is_some_and(|m| media_types.contains(&m)))
            .cloned()
            .collect();
        results.sort_by_key(|d| d.conversation_start);
        state.jobs_created += 1;
        let job_id = format!("memory-job-{}", state.jobs_created);
        state.jobs.insert(job_id.clone(), results);
        Ok(AsyncQueryResponse { job_id: Some(job_id) })
    }

    async fn details_job_status(&self, job_id: &str) -> Result<AsyncQueryStatus, GenesysError> {
        const OPERATION: &str = "getAnalyticsConversationsDetailsJob";
        let state = self.enter(OPERATION)?;
        if !state.jobs.contains_key(job_id) {
            return Err(not_found(OPERATION));
        }
        Ok(AsyncQueryStatus {
            state: Some(JobState::Fulfilled),
            ..AsyncQueryStatus::default()
        })
    }

    async fn details_job_results(
        &self,
        job_id: &str,
        cursor: Option<&str>,
        page_size: Option<u32>,
    ) -> Result<AnalyticsConversationAsyncQueryResponse, GenesysError> {
        const OPERATION: &str = "getAnalyticsConversationsDetailsJobResults";
        let state = self.enter(OPERATION)?;
        let results = state.jobs.get(job_id).ok_or_else(|| not_found(OPERATION))?;
        let from = match cursor {
            None => 0,
            Some(cursor) => cursor
                .parse::<usize>()
                .map_err(|_| bad_request(OPERATION, "invalid cursor".into()))?,
        };
        let size = page_size.map_or(DEFAULT_PAGE_SIZE, |s| s.max(1) as usize);
        let to = from.saturating_add(size).min(results.len());
        Ok(AnalyticsConversationAsyncQueryResponse {
            conversations: results.get(from..to).unwrap_or_default().to_vec(),
            cursor: (to < results.len()).then(|| to.to_string()),
            data_availability_date: None,
        })
    }

    async fn delete_details_job(&self, job_id: &str) -> Result<(), GenesysError> {
        const OPERATION: &str = "deleteAnalyticsConversationsDetailsJob";
        let mut state = self.enter(OPERATION)?;
        state
            .jobs
            .remove(job_id)
            .map(|_| ())
            .ok_or_else(|| not_found(OPERATION))
    }
}

#[cfg(test)]
#[path = "memory_tests.rs"]
mod tests;
