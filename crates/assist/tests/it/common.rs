//! What the tests share: the repository's event files, the policy they are sent under, a
//! summary-job sender that records.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use wrapup_assist::event::{self, AssistEvent, Parsed};
use wrapup_assist::{EndOfConversation, JobError, JobSent, SourcePolicy, envelope};
use wrapup_core::ids::ConversationId;
use wrapup_genesys::models::suggestions::Suggestion;

pub const ORG_SOURCE: &str =
    "aws.partner/genesys.com/cloud/bb14bed0-f8f9-445d-b9d1-10cecb8569d6/wrapup-assist";

pub fn policy() -> SourcePolicy {
    SourcePolicy {
        event_source: ORG_SOURCE.to_owned(),
        account: Some("123456789012".to_owned()),
    }
}

pub fn repo_file(path: &str) -> Value {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path);
    let text = std::fs::read_to_string(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", root.display()))
}

/// An `events/` file read as assist-callback reads it.
pub fn event_file(name: &str) -> AssistEvent {
    match parse(&repo_file(&format!("events/{name}"))) {
        Ok(Parsed::Event(event)) => event,
        other => panic!("{name}: {other:?}"),
    }
}

pub fn parse(value: &Value) -> Result<Parsed, envelope::EventError> {
    event::parse(&envelope::from_eventbridge(value, &policy())?)
}

/// Records every job it is asked to send; fails while `failing` is set.
#[derive(Default)]
pub struct RecordingJobs {
    pub sent: Mutex<Vec<(ConversationId, Duration)>>,
    pub failing: Mutex<bool>,
    /// What Genesys lists for every conversation (`None`: no Copilot), and how often it was asked.
    pub listing: Mutex<Option<Vec<Suggestion>>>,
    pub listed: Mutex<usize>,
}

impl RecordingJobs {
    pub fn sent(&self) -> Vec<(ConversationId, Duration)> {
        self.sent.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn fail(&self, failing: bool) {
        if let Ok(mut f) = self.failing.lock() {
            *f = failing;
        }
    }
}

#[async_trait]
impl EndOfConversation for RecordingJobs {
    async fn send_summary_job(
        &self,
        conversation: &ConversationId,
        delay: Duration,
    ) -> Result<JobSent, JobError> {
        if self.failing.lock().map(|f| *f).unwrap_or(false) {
            return Err(JobError::Transient("SQS is down".into()));
        }
        if let Ok(mut sent) = self.sent.lock() {
            sent.push((*conversation, delay));
        }
        Ok(JobSent::Sent)
    }

    async fn listed_suggestions(&self, _: &ConversationId) -> Result<Option<Vec<Suggestion>>, JobError> {
        if self.failing.lock().map(|f| *f).unwrap_or(false) {
            return Err(JobError::Transient("Genesys is down".into()));
        }
        if let Ok(mut n) = self.listed.lock() {
            *n += 1;
        }
        Ok(self.listing.lock().ok().and_then(|l| l.clone()))
    }
}

/// `event` with its body's fields changed.
pub fn with_body(mut event: Value, changes: &[(&str, Value)]) -> Value {
    if let Some(body) = event
        .pointer_mut("/detail/eventBody")
        .and_then(Value::as_object_mut)
    {
        for (name, value) in changes {
            if value.is_null() {
                body.remove(*name);
            } else {
                body.insert((*name).to_owned(), value.clone());
            }
        }
    }
    event
}
