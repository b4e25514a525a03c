//! assist-callback's metrics in memory: every line it writes is valid EMF by the specification's
//! schema, with the names, units, dimensions and values of what happened to each event; none
//! carries an id or any text of an event.

use std::sync::Arc;
use std::time::Duration;

use assist_callback::{App, dispatch};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use lambda_runtime::Context;
use serde_json::{Value, json};
use wrapup::ids::ConversationId;
use wrapup_assist::{EndOfConversation, JobError, JobSent, MemoryAssistStore};
use wrapup_metrics::{EmfDocument, MemorySink, Metrics, NAMESPACE, checked_documents, leaks};

use crate::common::{DownStore, app, read};

/// The function in memory on `store`, its metrics in a sink of their own.
fn app_with_metrics(store: Arc<dyn wrapup_assist::AssistStore>) -> (App, Arc<MemorySink>) {
    let (metrics, sink) = Metrics::in_memory(assist_callback::metrics::FUNCTION_NAME);
    let (app, _, _) = app(store);
    (app.with_metrics(metrics), sink)
}

/// Every line of the sink, checked against the EMF specification and carrying
/// assist-callback's `Function` dimension; the sink is left empty.
fn documents(sink: &MemorySink) -> Vec<EmfDocument> {
    let docs = checked_documents(&sink.take(), assist_callback::metrics::FUNCTION_NAME)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(docs.iter().all(|d| d.namespace == NAMESPACE));
    docs
}

/// The values of `name` in the documents with exactly these dimensions (besides `Function`),
/// checking its unit.
fn values(docs: &[EmfDocument], name: &str, unit: &str, dims: &[(&str, &str)]) -> Vec<f64> {
    docs.iter()
        .filter(|d| {
            d.dimensions.len() == dims.len() + 1 && dims.iter().all(|(k, v)| d.dimension(k) == Some(*v))
        })
        .filter_map(|d| d.metric(name))
        .inspect(|m| assert_eq!(m.unit.as_deref(), Some(unit), "{name}"))
        .flat_map(|m| m.values.clone())
        .collect()
}

fn count(docs: &[EmfDocument], name: &str, dims: &[(&str, &str)]) -> f64 {
    values(docs, name, "Count", dims).iter().sum()
}

/// Every count of `name` whatever its dimensions.
fn all(docs: &[EmfDocument], name: &str) -> f64 {
    docs.iter().map(|d| d.sum(name)).sum()
}

async fn deliver(app: &App, events: &[Value]) {
    for event in events {
        dispatch(app, event.clone(), &Context::default()).await.ok();
    }
}

fn event_time(event: &Value) -> DateTime<Utc> {
    let at = &event["detail"]["eventBody"]["eventTime"];
    match at.as_i64() {
        Some(ms) => DateTime::from_timestamp_millis(ms).expect("time"),
        None => at.as_str().expect("time").parse().expect("time"),
    }
}

#[tokio::test]
async fn events_are_counted_by_topic_and_outcome_with_their_lag_and_a_redelivery_is_a_duplicate() {
    let (app, sink) = app_with_metrics(Arc::new(MemoryAssistStore::new()));
    let batch = read("events/assist-events-sqs.json");
    let started = Utc::now();
    dispatch(&app, batch.clone(), &Context::default())
        .await
        .expect("answer");
    let finished = Utc::now();
    let docs = documents(&sink);
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "knowledgeSearch"), ("Outcome", "applied")]
        ),
        2.0
    );
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "customerEnd"), ("Outcome", "applied")]
        ),
        1.0
    );
    assert_eq!(all(&docs, "Events"), 3.0);

    // The lag is eventTime to processing, per topic.
    let end: Value = serde_json::from_str(batch["Records"][2]["body"].as_str().unwrap()).unwrap();
    let lag = values(&docs, "EventLag", "Milliseconds", &[("Topic", "customerEnd")]);
    assert_eq!(lag.len(), 1);
    let (least, most) = (started - event_time(&end), finished - event_time(&end));
    assert!(
        (least.num_milliseconds() as f64..=most.num_milliseconds() as f64).contains(&lag[0]),
        "{lag:?} not within {least} ..= {most}"
    );
    assert_eq!(
        values(&docs, "EventLag", "Milliseconds", &[("Topic", "knowledgeSearch")]).len(),
        2
    );

    // Shown, then copied: acceptance by type.
    let shown = [("SuggestionType", "knowledgeSearch"), ("Outcome", "shown")];
    let accepted = [("SuggestionType", "knowledgeSearch"), ("Outcome", "accepted")];
    assert_eq!(count(&docs, "Engagements", &shown), 1.0);
    assert_eq!(count(&docs, "Engagements", &accepted), 1.0);
    assert_eq!(count(&docs, "SummaryJobs", &[("Outcome", "sent")]), 1.0);

    // The same batch again: three duplicates, and nothing counted twice.
    dispatch(&app, batch, &Context::default()).await.expect("answer");
    let docs = documents(&sink);
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "knowledgeSearch"), ("Outcome", "duplicate")]
        ),
        2.0
    );
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "customerEnd"), ("Outcome", "duplicate")]
        ),
        1.0
    );
    assert_eq!(all(&docs, "Events"), 3.0);
    for name in ["EventLag", "Engagements", "SummaryJobs"] {
        assert!(
            docs.iter().all(|d| d.metric(name).is_none()),
            "no {name} for a duplicate"
        );
    }
}

#[tokio::test]
async fn engagements_count_what_agents_did_with_each_type_of_suggestion() {
    let (app, sink) = app_with_metrics(Arc::new(MemoryAssistStore::new()));
    let response = read("events/assist-suggestion-response.json");
    let negative = read("events/assist-suggestion-feedback.json");
    let mut positive = negative.clone();
    positive["detail"]["eventBody"]["feedback"]["rating"] = json!("Positive");
    positive["detail"]["eventBody"]["eventTime"] = json!("2026-12-04T10:16:40.000Z");
    let mut opened = response.clone();
    opened["detail"]["eventBody"]["state"] = json!("Accepted");
    opened["detail"]["eventBody"]["engagementType"] = json!("Opened");
    let mut dismissed = read("events/assist-suggestion-knowledge-search.json");
    dismissed["detail"]["eventBody"]["state"] = json!("Dismissed");
    deliver(&app, &[response, negative, positive, opened, dismissed]).await;
    let docs = documents(&sink);
    let canned = |outcome| [("SuggestionType", "cannedResponse"), ("Outcome", outcome)];
    assert_eq!(count(&docs, "Engagements", &canned("shown")), 1.0);
    assert_eq!(count(&docs, "Engagements", &canned("negative_feedback")), 1.0);
    assert_eq!(
        count(&docs, "Engagements", &canned("accepted")),
        2.0,
        "rated helpful, opened"
    );
    assert_eq!(
        count(
            &docs,
            "Engagements",
            &[("SuggestionType", "knowledgeSearch"), ("Outcome", "dismissed")]
        ),
        1.0
    );
    assert_eq!(all(&docs, "Engagements"), 5.0);
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "cannedResponse"), ("Outcome", "applied")]
        ),
        4.0
    );
}

#[tokio::test]
async fn bad_events_are_counted_as_malformed_foreign_and_unknown_topics() {
    let (app, sink) = app_with_metrics(Arc::new(MemoryAssistStore::new()));
    let mut foreign = read("events/assist-customer-end.json");
    foreign["source"] = json!("aws.partner/genesys.com/cloud/00000000-0000-4000-8000-000000000000/x");
    let mut malformed = read("events/assist-intent.json");
    malformed["detail"]["eventBody"]["suggestionId"] = json!("not-a-uuid");
    let mut new_version = read("events/assist-intent.json");
    new_version["detail"]["version"] = json!("9");
    let mut unread_topic = read("events/assist-intent.json");
    unread_topic["detail"]["topicName"] =
        json!("v2.conversations.6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70.transcription");
    unread_topic["detail-type"] = json!("v2.conversations.{id}.transcription");
    let bodies = [
        "{not json".to_owned(),
        foreign.to_string(),
        malformed.to_string(),
        new_version.to_string(),
        unread_topic.to_string(),
    ];
    let messages: Vec<(&str, u32)> = bodies.iter().map(|b| (b.as_str(), 1)).collect();
    let batch = wrapup_testkit::sqs_event_of("assist-events", &messages);
    dispatch(&app, batch, &Context::default()).await.expect("answer");
    let docs = documents(&sink);
    let events = |topic, outcome| count(&docs, "Events", &[("Topic", topic), ("Outcome", outcome)]);
    assert_eq!(events("other", "malformed"), 1.0, "the body that is not JSON");
    assert_eq!(events("customerEnd", "foreign"), 1.0);
    assert_eq!(events("intent", "malformed"), 1.0);
    assert_eq!(
        events("intent", "unknown_topic"),
        1.0,
        "a version this build does not read"
    );
    assert_eq!(
        events("other", "unknown_topic"),
        1.0,
        "a topic this build does not read"
    );
    assert_eq!(all(&docs, "Events"), 5.0);
    assert!(
        docs.iter()
            .all(|d| d.metric("EventLag").is_none() && d.metric("Engagements").is_none())
    );
}

/// Summary jobs that answer as told.
struct ScriptedJobs(Option<JobSent>);

#[async_trait]
impl EndOfConversation for ScriptedJobs {
    async fn send_summary_job(&self, _: &ConversationId, _: Duration) -> Result<JobSent, JobError> {
        self.0
            .clone()
            .ok_or_else(|| JobError::Transient("SQS is down".to_owned()))
    }
}

#[tokio::test]
async fn transient_failures_and_summary_jobs_are_counted_by_outcome() {
    let (down, sink) = app_with_metrics(Arc::new(DownStore));
    dispatch(&down, read("events/assist-events-sqs.json"), &Context::default())
        .await
        .expect("answer");
    let docs = documents(&sink);
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "knowledgeSearch"), ("Outcome", "transient")]
        ),
        2.0
    );
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "customerEnd"), ("Outcome", "transient")]
        ),
        1.0
    );
    assert_eq!(all(&docs, "SummaryJobs"), 0.0, "the store failed before any job");

    let end = read("events/assist-customer-end.json");
    for (jobs, outcome, events) in [
        (ScriptedJobs(None), "failed", "transient"),
        (
            ScriptedJobs(Some(JobSent::Skipped("no-case"))),
            "skipped_no_case",
            "applied",
        ),
    ] {
        let (mut app, sink) = app_with_metrics(Arc::new(MemoryAssistStore::new()));
        app.jobs = Arc::new(jobs);
        dispatch(&app, end.clone(), &Context::default()).await.ok();
        let docs = documents(&sink);
        assert_eq!(count(&docs, "SummaryJobs", &[("Outcome", outcome)]), 1.0);
        assert_eq!(all(&docs, "SummaryJobs"), 1.0);
        assert_eq!(
            count(&docs, "Events", &[("Topic", "customerEnd"), ("Outcome", events)]),
            1.0
        );
    }
}

/// Every string of at least 8 characters in `value`.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.len() >= 8 => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn no_metric_line_carries_an_id_or_text_of_an_event() {
    let (app, sink) = app_with_metrics(Arc::new(MemoryAssistStore::new()));
    let mut events: Vec<Value> = [
        "assist-intent.json",
        "assist-suggestion-knowledge-search.json",
        "assist-suggestion-copied.json",
        "assist-suggestion-response.json",
        "assist-suggestion-feedback.json",
        "assist-customer-end.json",
        "assist-copilot-summary.json",
    ]
    .iter()
    .map(|name| read(&format!("events/{name}")))
    .collect();
    let mut foreign = events[5].clone();
    foreign["source"] = json!("aws.partner/genesys.com/cloud/00000000-0000-4000-8000-000000000000/x");
    let mut malformed = events[0].clone();
    malformed["detail"]["eventBody"]["eventTime"] = json!("noon");
    events.extend([foreign, malformed]);
    deliver(&app, &events).await;
    deliver(&app, &events).await;
    let lines = sink.lines();
    assert!(lines.len() >= 20, "{lines:?}");
    let mut secrets = Vec::new();
    for event in &events {
        strings(&event["detail"], &mut secrets);
        strings(
            &json!([event["id"], event["source"], event["account"]]),
            &mut secrets,
        );
    }
    assert!(
        secrets.iter().any(|s| s.contains("roaming")),
        "the customer's words are looked for"
    );
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let found = leaks(&lines, &secrets);
    assert!(found.is_empty(), "{found:#?}");
    let docs = documents(&sink);
    assert_eq!(
        count(
            &docs,
            "Events",
            &[("Topic", "conversationSummary"), ("Outcome", "applied")]
        ),
        1.0
    );
    assert_eq!(
        count(&docs, "SummaryJobs", &[("Outcome", "sent")]),
        2.0,
        "at the end, then Copilot's summary"
    );
}
