//! `make demo`, Agent Assist: the simulator's scripted conversation as Genesys' EventBridge
//! integration would send it, through put-events' path (the template's rule, the assist-events
//! queue, assist-callback), every event twice as EventBridge's at-least-once delivery may: the
//! suggestions ranked as they arrive, the agent's engagements, the end, then the automatic summary
//! (summary-jobs, summary-api) and its one CRM write (crm-sync).

use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wrapup::ids::ConversationId;
use wrapup_assist::record::SuggestionRecord;
use wrapup_assist::{AssistStore, DynamoDbAssistStore};

use crate::put_events::{Delivery, EventPattern, QUEUE_LOGICAL_ID, deliver};
use crate::stack::LocalEnv;

/// How long the end-to-end summary may take (the end's job waits its grace first).
const SUMMARY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one phase's events may take to be recorded.
const PHASE_TIMEOUT: Duration = Duration::from_secs(20);

/// The call the demo scripts: a transcript its Copilot summary is true to, so summary-api's
/// verification passes and the summary goes to the CRM.
const SCRIPTED_CALL_ID: &str = "5c1e7a11-3b2d-4c4e-9f00-00000000a551";

fn scripted_call() -> Value {
    json!({
        "conversationId": SCRIPTED_CALL_ID, "mediaType": "voice", "language": "en-US",
        "startTime": (Utc::now() - chrono::Duration::minutes(30)).to_rfc3339(),
        "phrases": [
            {"speaker": "agent", "text": "Thanks for calling Northwind, how can I help?"},
            {"speaker": "customer", "text": "Hi, my router keeps dropping the connection every evening."},
            {"speaker": "agent", "text": "I am sorry about that. Let me check the line from here."},
            {"speaker": "customer", "text": "Thank you."},
            {"speaker": "agent", "text": "The line looks fine, so the router is faulty. I will send you a replacement router today."},
            {"speaker": "customer", "text": "Great, thanks."},
            {"speaker": "agent", "text": "You will get an email with the tracking number. Is there anything else?"},
            {"speaker": "customer", "text": "No, that is all, thanks."},
        ],
        "copilotSummary": {
            "text": "Customer reported that their router keeps dropping the connection every evening. Agent checked the line and will send a replacement router today.",
            "reason": "Router keeps dropping the connection every evening",
            "resolution": "Agent will send a replacement router today",
            "followup": "Customer will get an email with the tracking number",
            "outcome": "Resolved", "confidence": 0.9,
        },
    })
}

/// Loads the scripted call into the simulator and returns its Agent Assist events in time order
/// (`GET /_sim/assist/events/{conversationId}`).
pub async fn scripted_events(sim: &str) -> anyhow::Result<Vec<Value>> {
    let http = reqwest::Client::new();
    let loaded = http
        .post(format!("{sim}/_sim/conversations"))
        .json(&scripted_call())
        .send()
        .await?;
    if !loaded.status().is_success() {
        bail!("POST /_sim/conversations: HTTP {}", loaded.status());
    }
    let answer = http
        .get(format!("{sim}/_sim/assist/events/{SCRIPTED_CALL_ID}"))
        .send()
        .await?;
    if !answer.status().is_success() {
        bail!("GET /_sim/assist/events: HTTP {}", answer.status());
    }
    let mut events: Vec<Value> = answer.json().await?;
    events.sort_by_key(|e| timestamp(e).unwrap_or_default());
    Ok(events)
}

/// The conversation the events are about.
pub fn conversation_of(events: &[Value]) -> anyhow::Result<ConversationId> {
    let id = events
        .first()
        .and_then(|e| e["detail"]["eventBody"]["conversationId"].as_str())
        .ok_or_else(|| anyhow!("no events"))?;
    Ok(ConversationId::parse(id)?)
}

/// Sends `events` through the rule to the assist-events queue, each `copies` times in a row;
/// fails if the rule drops one.
pub async fn put(env: &LocalEnv, events: &[Value], copies: usize) -> anyhow::Result<()> {
    let aws = wrapup_testkit::LocalAws::new(env.moto_url.clone());
    let sqs = aws.sqs_client().await;
    let url = env
        .queue_urls
        .get(QUEUE_LOGICAL_ID)
        .context("template.yaml has no AssistEventsQueue")?;
    let pattern = EventPattern::load(&env.assist_event_source)?;
    for event in events {
        let twice: Vec<Value> = std::iter::repeat_n(event.clone(), copies).collect();
        for delivered in deliver(&sqs, url, &pattern, &twice).await? {
            if let Delivery::Dropped(reason) = delivered.delivery {
                bail!("{} dropped by the rule: {reason}", delivered.detail_type);
            }
        }
    }
    Ok(())
}

/// What summary-api and crm-sync did for a conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryOutcome {
    /// `(caseId, status)` of each summary state item (one per request key).
    pub summaries: Vec<(String, String)>,
    /// Signed-webhook writes the CRM accepted for the conversation.
    pub webhook_writes: usize,
    /// Data Action writes Genesys accepted for it.
    pub data_action_writes: usize,
}

/// Waits until a summary of `conversation` has reached the CRM (or `timeout`), then a moment
/// more so a second write would show.
pub async fn summary_outcome(
    env: &LocalEnv,
    conversation: &ConversationId,
    timeout: Duration,
) -> anyhow::Result<SummaryOutcome> {
    let started = Instant::now();
    let mut settled_at: Option<Instant> = None;
    loop {
        let outcome = read_outcome(env, conversation).await?;
        if outcome.webhook_writes > 0 {
            let since = *settled_at.get_or_insert_with(Instant::now);
            if since.elapsed() >= Duration::from_secs(3) {
                return Ok(outcome);
            }
        }
        if started.elapsed() > timeout {
            return Ok(outcome);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn read_outcome(env: &LocalEnv, conversation: &ConversationId) -> anyhow::Result<SummaryOutcome> {
    let dynamodb = wrapup_testkit::LocalAws::new(env.moto_url.clone())
        .dynamodb_client()
        .await;
    let table = table(env, "SummaryStateTable")?;
    let items = dynamodb
        .query()
        .table_name(table)
        .key_condition_expression("conversationId = :c")
        .expression_attribute_values(
            ":c",
            aws_sdk_dynamodb::types::AttributeValue::S(conversation.to_string()),
        )
        .consistent_read(true)
        .send()
        .await
        .context("querying the summary state table")?
        .items
        .unwrap_or_default();
    let text = |item: &std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>,
                name: &str| {
        item.get(name)
            .and_then(|v| v.as_s().ok())
            .cloned()
            .unwrap_or_default()
    };
    let summaries = items
        .iter()
        .map(|item| (text(item, "caseId"), text(item, "status")))
        .collect();
    let all: Value = reqwest::get(format!("{}/_sim/crm/requests", env.genesys_base_url))
        .await?
        .json()
        .await?;
    let id = conversation.to_string();
    let writes = |kind: &str| {
        all.as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["kind"] == kind && r["accepted"] == true && r["body"].to_string().contains(&id))
            .count()
    };
    Ok(SummaryOutcome {
        summaries,
        webhook_writes: writes("webhook"),
        data_action_writes: writes("dataAction"),
    })
}

fn table<'a>(env: &'a LocalEnv, logical_id: &str) -> anyhow::Result<&'a str> {
    env.tables
        .iter()
        .find(|t| t.logical_id == logical_id)
        .map(|t| t.name.as_str())
        .ok_or_else(|| anyhow!("template.yaml has no {logical_id}"))
}

fn timestamp(event: &Value) -> Option<DateTime<Utc>> {
    event["detail"]["timestamp"]
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn is_suggestion(event: &Value) -> bool {
    let topic = event["detail-type"].as_str().unwrap_or_default();
    topic.starts_with("v2.conversations.") && !topic.ends_with(".intent")
}

pub async fn run(env: &LocalEnv) -> anyhow::Result<()> {
    println!(
        "\n== 7. Agent Assist: a conversation's events through EventBridge's rule, assist-events and assist-callback; the automatic summary"
    );
    let events = scripted_events(&env.genesys_base_url).await?;
    let conversation = conversation_of(&events)?;
    let aws = wrapup_testkit::LocalAws::new(env.moto_url.clone());
    let store = DynamoDbAssistStore::new(
        aws.dynamodb_client().await,
        table(env, "AssistTable")?,
        Duration::from_secs(400 * 86_400),
    );
    println!(
        "conversation {conversation}: {} events from {}, each delivered twice",
        events.len(),
        env.assist_event_source
    );
    let start = events.first().and_then(timestamp).unwrap_or_default();
    let (suggested, rest): (Vec<Value>, Vec<Value>) = events
        .into_iter()
        .partition(|e| e["detail"]["eventBody"]["state"] == "Suggested");
    let (engagements, ends): (Vec<Value>, Vec<Value>) = rest.into_iter().partition(is_suggestion);
    let shown = suggested.iter().filter(|e| is_suggestion(e)).count();

    put(env, &suggested, 2).await?;
    for event in &suggested {
        print_event(event, start);
    }
    let records = wait_for(&store, &conversation, |r| r.len() >= shown).await?;
    print_ranked("ranked as suggested", &records);

    put(env, &engagements, 2).await?;
    for event in &engagements {
        print_event(event, start);
    }
    let engaged = engagements.len();
    let records = wait_for(&store, &conversation, |r| {
        r.iter().filter(|s| s.state != "Suggested").count() >= engaged
    })
    .await?;
    print_ranked("after the agent's engagements", &records);

    put(env, &ends, 2).await?;
    for event in &ends {
        print_event(event, start);
    }
    let started = Instant::now();
    let outcome = summary_outcome(env, &conversation, SUMMARY_TIMEOUT).await?;
    let record = wrapup_assist::process::conversation(&store, &conversation)
        .await?
        .unwrap_or_default();
    println!(
        "\nsummary jobs sent by assist-callback: {:?} (the end's after {} s, Copilot's at once; one request key)",
        record.jobs,
        crate::assist::LOCAL_SUMMARY_DELAY_SECS
    );
    println!(
        "  {:<46} {:<16} {:>8} {:>12}",
        "case", "summary status", "webhook", "data action"
    );
    for (case, status) in &outcome.summaries {
        println!(
            "  {case:<46} {status:<16} {:>8} {:>12}",
            outcome.webhook_writes, outcome.data_action_writes
        );
    }
    println!(
        "{} summary, {} CRM webhook write(s) for the conversation in {:.1} s after its end",
        outcome.summaries.len(),
        outcome.webhook_writes,
        started.elapsed().as_secs_f64()
    );
    if outcome.summaries.len() != 1 || outcome.webhook_writes != 1 {
        bail!("expected one summary and one CRM write for {conversation}, got {outcome:?}");
    }
    Ok(())
}

/// The conversation's suggestions once `done` holds for them (or the phase's timeout).
async fn wait_for(
    store: &DynamoDbAssistStore,
    conversation: &ConversationId,
    done: impl Fn(&[SuggestionRecord]) -> bool,
) -> anyhow::Result<Vec<SuggestionRecord>> {
    let started = Instant::now();
    loop {
        let records = store.suggestions(conversation).await?;
        if done(&records) {
            return Ok(records);
        }
        if started.elapsed() > PHASE_TIMEOUT {
            bail!("assist-callback did not record the events in {PHASE_TIMEOUT:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn print_event(event: &Value, start: DateTime<Utc>) {
    let body = &event["detail"]["eventBody"];
    let at = timestamp(event).map_or(0, |t| (t - start).num_seconds().max(0));
    let topic = event["detail-type"].as_str().unwrap_or_default();
    let kind = topic.split(".{id}.").nth(1).unwrap_or(topic);
    let what = match (body["state"].as_str(), body["engagementType"].as_str()) {
        (Some(state), Some(engagement)) => {
            let rating = body["feedback"]["rating"]
                .as_str()
                .map(|r| format!(" {r}"))
                .unwrap_or_default();
            format!("{state} ({engagement}{rating})")
        }
        (Some(state), None) => state.to_owned(),
        _ => body["triggerType"]
            .as_str()
            .or_else(|| body["disconnectType"].as_str())
            .unwrap_or("")
            .to_owned(),
    };
    let confidence = ["knowledgeSearch", "activeIntent"]
        .iter()
        .find_map(|field| body[field]["confidence"].as_f64())
        .map(|c| format!(" confidence {c:.2}"))
        .unwrap_or_default();
    println!("  +{:>2}:{:02}  {kind:<34} {what}{confidence}", at / 60, at % 60);
}

fn print_ranked(title: &str, records: &[SuggestionRecord]) {
    println!("\n  {title}:");
    println!(
        "  {:<3} {:<16} {:<22} {:<10} {:>6}  {:>5} {:>6} {:>6} {:>6}",
        "#", "kind", "item", "state", "score", "conf", "item", "queue", "type"
    );
    for (i, s) in wrapup_assist::process::ranked(records.to_vec())
        .iter()
        .enumerate()
    {
        let item: String = s.item.as_deref().unwrap_or("-").chars().take(22).collect();
        let number = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.3}"));
        let score = s.score.as_ref();
        println!(
            "  {:<3} {:<16} {item:<22} {:<10} {:>6}  {:>5} {:>6} {:>6} {:>6}",
            i + 1,
            s.kind,
            s.state,
            number(score.map(|p| p.score)),
            number(score.and_then(|p| p.confidence)),
            number(score.map(|p| p.item_rate)),
            number(score.map(|p| p.queue_rate)),
            number(score.map(|p| p.type_rate)),
        );
    }
}
