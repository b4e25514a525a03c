//! The function's configuration, read once at cold start; errors name the variable.

use std::time::Duration;

use wrapup::config::{Config, ConfigError, Env};
use wrapup::pipeline::SummaryRequest;
use wrapup::summary::SummaryOptions;
use wrapup_assist::ranking::RankingConfig;
use wrapup_assist::{AssistConfig, SourcePolicy};

use crate::webhook::WebhookConfig;

/// The source webhook events are queued under when no partner event source is configured.
/// EventBridge never delivers it: partner sources start with `aws.partner/`, and the queue
/// accepts only the rule's events.
pub const WEBHOOK_ONLY_SOURCE: &str = "wrapup.assist.webhook";

#[derive(Debug, Clone)]
pub struct FunctionConfig {
    /// Genesys (the conversation's details, for its CRM case id) and the shared token table.
    pub base: Config,
    pub assist_table: String,
    pub audit_table: String,
    pub audit_retention: Duration,
    /// `assist-events` and its dead-letter queue.
    pub queue_url: String,
    pub dlq_url: String,
    /// summary-jobs, where the post-call summary goes.
    pub summary_jobs_queue_url: String,
    /// Where events must come from.
    pub source: SourcePolicy,
    pub assist: AssistConfig,
    /// The participant attribute holding the CRM case id (`WRAPUP_ASSIST_CASE_ATTRIBUTE`).
    pub case_attribute: String,
    /// Without that attribute, use `genesys:<conversationId>` (for attribute-only CRM targets)
    /// instead of skipping the summary.
    pub case_from_conversation: bool,
    pub retention: Duration,
    /// `POST /assist/events` (off by default).
    pub webhook: WebhookConfig,
    /// The options of every automatic summary (`source: auto`; length, tone and language from
    /// `WRAPUP_ASSIST_SUMMARY_*`), checked as `POST /summaries` checks them.
    pub summary_options: SummaryOptions,
    /// The principal automatic summaries are made for (`WRAPUP_ASSIST_SUMMARY_CALLER`: the CRM
    /// integration's JWT `sub`), so the CRM reads them with `GET /summaries/{id}` and its own
    /// identical `POST /summaries` finds them; none: they belong to no caller.
    pub summary_caller: Option<String>,
}

impl FunctionConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        // Empty for an org without the EventBridge integration (webhook only): no EventBridge
        // event is then accepted, and webhook events carry the internal source below.
        let event_source = match env
            .optional("WRAPUP_ASSIST_EVENT_SOURCE")
            .filter(|s| !s.is_empty())
        {
            None => WEBHOOK_ONLY_SOURCE.to_owned(),
            Some(source) if wrapup_assist::envelope::org_of(&source).is_some() => source,
            Some(_) => {
                return Err(ConfigError::Invalid {
                    name: "WRAPUP_ASSIST_EVENT_SOURCE",
                    reason:
                        "must be aws.partner/genesys.com/cloud/<orgId>/<suffix>, or empty for webhook-only"
                            .into(),
                });
            }
        };
        let grace = env.number("WRAPUP_ASSIST_SUMMARY_DELAY_SECS", 120, 0..=900)?;
        Ok(Self {
            base: Config::from_lookup(&lookup)?,
            assist_table: env.required("WRAPUP_ASSIST_TABLE")?,
            audit_table: env.required("WRAPUP_AUDIT_TABLE")?,
            audit_retention: env.days("WRAPUP_AUDIT_RETENTION_DAYS", 400)?,
            queue_url: env.required("WRAPUP_ASSIST_EVENTS_QUEUE_URL")?,
            dlq_url: env.required("WRAPUP_ASSIST_EVENTS_DLQ_URL")?,
            summary_jobs_queue_url: env.required("WRAPUP_SUMMARY_JOBS_QUEUE_URL")?,
            source: SourcePolicy {
                event_source,
                account: env
                    .optional("WRAPUP_ASSIST_EVENT_ACCOUNT")
                    .filter(|a| !a.is_empty()),
            },
            assist: AssistConfig {
                auto_summary: env.flag("WRAPUP_ASSIST_AUTO_SUMMARY", false)?,
                end_grace: Duration::from_secs(grace.into()),
                ranking: RankingConfig {
                    half_life_days: env.number("WRAPUP_ASSIST_HALF_LIFE_DAYS", 60, 1..=3650)?.into(),
                    ..RankingConfig::default()
                },
                ..AssistConfig::default()
            },
            case_attribute: env
                .optional("WRAPUP_ASSIST_CASE_ATTRIBUTE")
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| "caseId".to_owned()),
            case_from_conversation: env.flag("WRAPUP_ASSIST_CASE_FROM_CONVERSATION", false)?,
            retention: env.days("WRAPUP_ASSIST_RETENTION_DAYS", 400)?,
            webhook: WebhookConfig::from_lookup(&lookup)?,
            summary_options: summary_options(&env)?,
            summary_caller: env
                .optional("WRAPUP_ASSIST_SUMMARY_CALLER")
                .filter(|c| !c.is_empty()),
        })
    }
}

/// The automatic summaries' options, read as a `POST /summaries` body with the same checks, so
/// a value the API refuses fails the cold start naming its variable.
fn summary_options<F: Fn(&str) -> Option<String>>(env: &Env<'_, F>) -> Result<SummaryOptions, ConfigError> {
    const VARS: [(&str, &str); 3] = [
        ("length", "WRAPUP_ASSIST_SUMMARY_LENGTH"),
        ("tone", "WRAPUP_ASSIST_SUMMARY_TONE"),
        ("language", "WRAPUP_ASSIST_SUMMARY_LANGUAGE"),
    ];
    let mut body = serde_json::json!({
        "conversationId": "00000000-0000-4000-8000-000000000000",
        "caseId": "automatic",
        "source": "auto",
    });
    for (field, name) in VARS {
        if let Some(value) = env.optional(name).filter(|v| !v.is_empty()) {
            body[field] = serde_json::Value::String(value);
        }
    }
    match SummaryRequest::parse(body.to_string().as_bytes()) {
        Ok(request) => Ok(request.options),
        Err(errors) => {
            let first = errors.first();
            let name = VARS
                .iter()
                .find(|(field, _)| first.is_some_and(|e| e.field == *field))
                .map_or("WRAPUP_ASSIST_SUMMARY_LENGTH", |(_, name)| *name);
            Err(ConfigError::Invalid {
                name,
                reason: first.map_or_else(|| "is invalid".to_owned(), |e| e.reason.clone()),
            })
        }
    }
}
