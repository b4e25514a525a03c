//! What the tests of the function share: the repository's files, the function in memory, a
//! store that is down, its answers read back.

use std::sync::Arc;
use std::time::Duration;

use assist_callback::{App, FunctionConfig, dispatch};
use async_trait::async_trait;
use lambda_runtime::Context;
use serde_json::Value;
use wrapup::ids::ConversationId;
use wrapup::queue::MemoryQueue;
use wrapup::store::{MemoryAuditLog, StoreError};
use wrapup_assist::ranking::Bucket;
use wrapup_assist::record::{ConversationRecord, SuggestionRecord};
use wrapup_assist::store::{AssistStore, Commit, Committed, CountsKey, Versioned};
use wrapup_assist::{EndOfConversation, JobError, JobSent, MemoryAssistStore};
use wrapup_lambda_kit::MemoryControl;

use crate::template_env::sample;

pub fn read(path: &str) -> Value {
    let root = wrapup_template::find_repo_root().expect("repo");
    serde_json::from_str(&std::fs::read_to_string(root.join(path)).expect("file")).expect("json")
}

pub fn config() -> FunctionConfig {
    let template = wrapup_template::Template::load().expect("template.yaml");
    let function = template
        .function("AssistCallbackFunction")
        .expect("AssistCallbackFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    FunctionConfig::from_lookup(|name| env.get(name).cloned()).expect("config")
}

#[derive(Default)]
pub struct CountingJobs(pub std::sync::Mutex<Vec<Duration>>);

#[async_trait]
impl EndOfConversation for CountingJobs {
    async fn send_summary_job(&self, _: &ConversationId, delay: Duration) -> Result<JobSent, JobError> {
        if let Ok(mut sent) = self.0.lock() {
            sent.push(delay);
        }
        Ok(JobSent::Sent)
    }
}

/// A store that is down for every read.
pub struct DownStore;

fn down() -> StoreError {
    StoreError::DynamoDb {
        operation: "Query",
        message: "throttled".into(),
    }
}

#[async_trait]
impl AssistStore for DownStore {
    async fn suggestion(
        &self,
        _: &ConversationId,
        _: &uuid::Uuid,
    ) -> Result<Option<Versioned<SuggestionRecord>>, StoreError> {
        Err(down())
    }
    async fn conversation(
        &self,
        _: &ConversationId,
    ) -> Result<Option<Versioned<ConversationRecord>>, StoreError> {
        Err(down())
    }
    async fn suggestions(&self, _: &ConversationId) -> Result<Vec<SuggestionRecord>, StoreError> {
        Err(down())
    }
    async fn counts(&self, _: &[CountsKey]) -> Result<Vec<Vec<Bucket>>, StoreError> {
        Err(down())
    }
    async fn commit(&self, _: Commit) -> Result<Committed, StoreError> {
        Err(down())
    }
    async fn queue_counts(
        &self,
        _: Option<uuid::Uuid>,
        _: &str,
    ) -> Result<Vec<(Option<String>, Bucket)>, StoreError> {
        Err(down())
    }
}

pub fn app(store: Arc<dyn AssistStore>) -> (App, Arc<MemoryControl>, Arc<CountingJobs>) {
    let (app, control, jobs, _) = app_with(store, config());
    (app, control, jobs)
}

/// The function in memory with `config`, and its assist-events queue.
pub fn app_with(
    store: Arc<dyn AssistStore>,
    config: FunctionConfig,
) -> (App, Arc<MemoryControl>, Arc<CountingJobs>, Arc<MemoryQueue>) {
    let control = Arc::new(MemoryControl::new());
    let jobs = Arc::new(CountingJobs::default());
    let events = Arc::new(MemoryQueue::new());
    let app = App {
        store,
        jobs: jobs.clone(),
        queue: control.clone(),
        events: events.clone(),
        audit: Arc::new(MemoryAuditLog::new()),
        config,
        // Tests that read the metrics give the app their own sink (`App::with_metrics`).
        metrics: wrapup_metrics::Metrics::in_memory(assist_callback::metrics::FUNCTION_NAME).0,
    };
    (app, control, jobs, events)
}

/// Status, headers and JSON body of the function's answer.
pub async fn answer(app: &App, request: Value) -> (u16, Value, Value) {
    let response = dispatch(app, request, &Context::default()).await.expect("answer");
    let status = response["statusCode"].as_u64().unwrap_or_default() as u16;
    let body = serde_json::from_str(response["body"].as_str().unwrap_or("null")).unwrap_or(Value::Null);
    (status, response["headers"].clone(), body)
}

pub async fn app_with_events() -> App {
    let (app, _, _) = app(Arc::new(MemoryAssistStore::new()));
    for name in [
        "assist-intent.json",
        "assist-suggestion-knowledge-search.json",
        "assist-suggestion-copied.json",
        "assist-suggestion-response.json",
        "assist-suggestion-feedback.json",
    ] {
        dispatch(&app, read(&format!("events/{name}")), &Context::default())
            .await
            .expect("processed");
    }
    app
}
