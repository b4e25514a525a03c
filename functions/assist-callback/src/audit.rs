//! One audit record per conversation Agent Assist reported (`assist-<conversationId>` in the
//! audit table, findable by conversation like the summaries' records): each applied event as a
//! status entry with ids and outcomes only (the topic, the suggestion id and its state, the
//! summary job's trigger and result), never what anyone said.
//!
//! Written after the event's commit and best effort: a failed write is logged and the event is
//! not retried for it, since a retry would be a duplicate and write nothing either.

use sha2::{Digest, Sha256};
use tracing::warn;
use wrapup::store::{AuditRecord, StatusEntry, StoreError, now_timestamp};
use wrapup_assist::event::AssistEvent;
use wrapup_assist::record::JobTrigger;
use wrapup_assist::{Handled, JobSent};

use crate::App;

/// The audit id of a conversation's Agent Assist record.
pub fn audit_id(conversation: &str) -> String {
    format!("assist-{conversation}")
}

/// The status entry an applied event adds.
pub fn entry(event: &AssistEvent, handled: &Handled) -> StatusEntry {
    let (status, mut detail) = match event {
        AssistEvent::Suggestion(e) => (
            "assist:suggestion",
            format!(
                "{} {} {}{}",
                e.kind.as_str(),
                e.suggestion_id,
                e.state.as_str(),
                e.engagement
                    .map(|g| format!(" {}", g.as_str()))
                    .unwrap_or_default()
            ),
        ),
        AssistEvent::Intent(e) => ("assist:intent", e.intent_id.clone().unwrap_or_default()),
        AssistEvent::End(e) => (
            if e.after_call_work {
                "assist:acw"
            } else {
                "assist:customer-end"
            },
            e.disconnect_type.clone(),
        ),
        AssistEvent::Summary(e) => (
            "assist:copilot-summary",
            format!("{} {}", e.trigger, e.error.as_deref().unwrap_or("ready")),
        ),
    };
    if let Handled::Applied {
        job: Some((trigger, sent)),
    } = handled
    {
        let trigger = match trigger {
            JobTrigger::End => "end",
            JobTrigger::CopilotSummary => "copilot-summary",
        };
        let sent = match sent {
            JobSent::Sent => "sent".to_owned(),
            JobSent::Skipped(reason) => format!("skipped:{reason}"),
        };
        detail.push_str(&format!("; summary job ({trigger}) {sent}"));
    }
    StatusEntry::now(status, Some(detail))
}

/// Appends `event`'s entry to its conversation's record, creating the record first if needed.
pub async fn record(app: &App, event: &AssistEvent, handled: &Handled) {
    let conversation = event.conversation_id().to_string();
    let id = audit_id(&conversation);
    let entry = entry(event, handled);
    let result = match app.audit.append_status(&id, &entry).await {
        Err(StoreError::Conflict(_)) => create(app, &id, &conversation, entry).await,
        other => other,
    };
    if let Err(err) = result {
        warn!(conversation_id = %conversation, error = %err, "could not write the Agent Assist audit entry");
    }
}

async fn create(app: &App, id: &str, conversation: &str, entry: StatusEntry) -> Result<(), StoreError> {
    let record = AuditRecord {
        audit_id: id.to_owned(),
        conversation_id: conversation.to_owned(),
        case_id: String::new(),
        caller: Some("assist-callback".to_owned()),
        request_sha256: hex::encode(Sha256::digest(id.as_bytes())),
        transcript_sha256: None,
        source: Some("assist-callback".to_owned()),
        model: None,
        token_usage: None,
        timings: None,
        redactions: None,
        verification: None,
        status_history: vec![entry.clone()],
        crm_sync: None,
        created_at: now_timestamp(),
    };
    match app.audit.create(&record).await {
        Ok(()) => Ok(()),
        // Another event of the conversation created it first: append after all.
        Err(StoreError::Conflict(_)) => app.audit.append_status(id, &entry).await,
        Err(err) => Err(err),
    }
}
