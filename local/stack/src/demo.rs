//! `make demo`: the Genesys client end to end against the simulator and moto.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{Days, Utc};
use url::Url;
use wrapup::config::{GenesysConfig, HttpConfig};
use wrapup::genesys::models::ConversationQuery;
use wrapup::genesys::{DynamoDbTokenStore, GenesysClient, TokenStore};
use wrapup::ids::ConversationId;
use wrapup::redact::RedactionCounts;
use wrapup::transcript::{Channel, FetchTranscript, SpeakerRole, Transcript};

use crate::stack::LocalEnv;

pub async fn run(env: &LocalEnv, api: &str) -> anyhow::Result<()> {
    let dynamodb = wrapup_testkit::LocalAws::new(env.moto_url.clone())
        .dynamodb_client()
        .await;
    let store: Arc<dyn TokenStore> = Arc::new(DynamoDbTokenStore::new(dynamodb, env.token_table.clone()));
    let config = genesys_config(&env.genesys_base_url)?;
    let client = GenesysClient::builder(config.clone())
        .token_store(Arc::clone(&store))
        .build()?;

    section("1. Yesterday's conversations (POST /api/v2/analytics/conversations/details/query)");
    let today = Utc::now().date_naive();
    let yesterday = today.checked_sub_days(Days::new(1)).context("date arithmetic")?;
    let start = yesterday.and_hms_opt(0, 0, 0).context("midnight")?.and_utc();
    let end = today.and_hms_opt(0, 0, 0).context("midnight")?.and_utc();
    let conversations = client
        .query_all_conversation_details(ConversationQuery::for_interval(start, end)?, 100)
        .await
        .context("details query")?;
    let mut by_media: BTreeMap<String, usize> = BTreeMap::new();
    for conversation in &conversations {
        *by_media.entry(media_of(conversation)).or_default() += 1;
    }
    println!(
        "{} conversations on {yesterday} (UTC): {by_media:?}",
        conversations.len()
    );
    for conversation in conversations.iter().take(5) {
        println!(
            "  {}  {}  {:<8} {} participant(s)",
            conversation.conversation_id.as_deref().unwrap_or("?"),
            conversation
                .conversation_start
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            media_of(conversation),
            conversation.participants.len()
        );
    }

    section("2. One normalised transcript (details + STA transcript URL + pre-signed download)");
    let mut shown = false;
    for conversation in conversations.iter().filter(|c| media_of(c) == "voice") {
        let Some(id) = conversation
            .conversation_id
            .as_deref()
            .and_then(|id| ConversationId::parse(id).ok())
        else {
            continue;
        };
        if let Some(transcript) = client.conversation_transcript(&id).await.context("transcript")? {
            print_transcript(&id, &transcript);
            shown = true;
            break;
        }
    }
    if !shown {
        bail!("no voice conversation with a transcript yesterday");
    }

    section("3. The shared token cache (three sandboxes, twenty concurrent calls each, one DynamoDB item)");
    let before = token_requests(&env.genesys_base_url).await?;
    let sandboxes: Vec<GenesysClient> = (0..3)
        .map(|_| {
            GenesysClient::builder(config.clone())
                .token_store(Arc::clone(&store))
                .build()
        })
        .collect::<Result<_, _>>()?;
    let started = Instant::now();
    let mut calls = tokio::task::JoinSet::new();
    for sandbox in &sandboxes {
        for conversation in conversations.iter().take(20) {
            let sandbox = sandbox.clone();
            let id = conversation.conversation_id.clone().unwrap_or_default();
            calls.spawn(async move {
                let id = ConversationId::parse(&id)?;
                sandbox
                    .conversation_details(&id)
                    .await
                    .map(|_| ())
                    .map_err(anyhow::Error::from)
            });
        }
    }
    let mut ok = 0;
    while let Some(result) = calls.join_next().await {
        result??;
        ok += 1;
    }
    let after = token_requests(&env.genesys_base_url).await?;
    println!(
        "{ok} calls in {:?}; token requests seen by Genesys: {}",
        started.elapsed(),
        after - before
    );
    for (i, sandbox) in sandboxes.iter().enumerate() {
        let stats = sandbox.token_stats();
        println!(
            "  sandbox {}: fetched {} token(s), {} from DynamoDB, {} from memory",
            i + 1,
            stats.fetches,
            stats.shared_hits,
            stats.memory_hits
        );
    }
    println!(
        "  ({before} token request(s) before this step: step 1's client stored its token in DynamoDB, so the sandboxes fetched none)"
    );
    if let Some(limit) = sandboxes[0].rate_limit() {
        println!(
            "rate limit: {} of {} requests used, window resets in {:?}",
            limit.count, limit.allowed, limit.reset
        );
    }
    let summarised = summaries(api, &conversations).await?;
    crm_received(&env.genesys_base_url).await?;
    if let Some(conversation_id) = summarised {
        crate::demo_bedrock::run(env, &conversation_id).await?;
    }
    crate::demo_mining::run(env).await?;
    crate::demo_assist::run(env).await?;
    crate::demo_metrics::run(env)?;
    println!("\ndemo finished");
    Ok(())
}

/// Step 4: the CRM's view: POST /summaries through the local gateway for a few of yesterday's
/// conversations, one asynchronously, and a replay. Returns the first conversation summarised.
async fn summaries(
    api: &str,
    conversations: &[wrapup::genesys::models::AnalyticsConversation],
) -> anyhow::Result<Option<String>> {
    section("4. Post-call summaries (POST /summaries through the local API gateway and its JWT authorizer)");
    let http = caller(DEMO_CRM, &[])?;
    let mut picked: Vec<(&str, String)> = Vec::new();
    for media in ["voice", "chat", "email", "message"] {
        if let Some(c) = conversations.iter().find(|c| media_of(c) == media) {
            picked.push((media, c.conversation_id.clone().unwrap_or_default()));
        }
    }
    for (i, (media, id)) in picked.iter().enumerate() {
        let source = ["auto", "llm", "extractive", "auto"][i % 4];
        let body = serde_json::json!({"conversationId": id, "caseId": format!("CASE-{}", 1000 + i), "source": source});
        let started = Instant::now();
        let response = http.post(format!("{api}/summaries")).json(&body).send().await?;
        let status = response.status();
        let answer: serde_json::Value = response.json().await?;
        println!(
            "\n{media} {id} (source {source}) -> HTTP {status} in {:?}",
            started.elapsed()
        );
        print_summary(&answer);
    }
    if let Some((media, id)) = picked.first() {
        let body = serde_json::json!({"conversationId": id, "caseId": "CASE-2000", "async": true, "length": "short"});
        let response = http.post(format!("{api}/summaries")).json(&body).send().await?;
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        println!(
            "\nasync request for the {media} call -> HTTP {} Location {location}",
            response.status()
        );
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let state: serde_json::Value = http.get(format!("{api}{location}")).send().await?.json().await?;
            if state["status"] != "processing" {
                println!("  GET {location} -> status {}", state["status"]);
                print_summary(&state["result"]);
                break;
            }
        }
        let replay = http
            .post(format!("{api}/summaries"))
            .json(&serde_json::json!({"conversationId": id, "caseId": "CASE-1000", "source": "auto"}))
            .send()
            .await?;
        println!(
            "\nthe first request again -> HTTP {} replayed={} (no Genesys or LLM call)",
            replay.status(),
            replay.headers().get("x-wrapup-replayed").is_some()
        );
        access(api, id).await?;
    }
    Ok(picked.first().map(|(_, id)| id.clone()))
}

/// The CRM the demo speaks for, and a second tenant of the same API.
const DEMO_CRM: &str = "crm-demo";
const OTHER_CRM: &str = "crm-other";

/// An HTTP client that presents a local token for `subject` (`scopes` empty: every scope).
fn caller(subject: &str, scopes: &[&str]) -> anyhow::Result<reqwest::Client> {
    let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
    let token = crate::auth::local_token(subject, &scopes, 600)?;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        reqwest::header::HeaderValue::from_str(&format!("Bearer {token}"))?,
    );
    Ok(reqwest::Client::builder().default_headers(headers).build()?)
}

/// Who may do what: each caller sees only its own summaries, and the authorizer stops requests
/// without a token or without the route's scope before the function runs. Fails the demo if not.
async fn access(api: &str, conversation_id: &str) -> anyhow::Result<()> {
    println!("\naccess to {conversation_id}'s summary:");
    let status_url = format!("{api}/summaries/{conversation_id}");
    let mut checks = Vec::new();
    let own = caller(DEMO_CRM, &[])?.get(&status_url).send().await?.status();
    checks.push((format!("{DEMO_CRM} (asked for it)"), own, 200));
    let other = caller(OTHER_CRM, &[])?.get(&status_url).send().await?.status();
    checks.push((format!("{OTHER_CRM} (another caller)"), other, 404));
    let anonymous = reqwest::Client::new().get(&status_url).send().await?.status();
    checks.push(("no token".to_owned(), anonymous, 401));
    let read_only = caller(DEMO_CRM, &["wrapup/summaries.read"])?
        .post(format!("{api}/summaries"))
        .json(&serde_json::json!({"conversationId": conversation_id, "caseId": "CASE-3000"}))
        .send()
        .await?
        .status();
    checks.push((
        format!("{DEMO_CRM} with the read scope only, POST"),
        read_only,
        403,
    ));
    for (who, status, expected) in checks {
        println!("  {who:<44} -> HTTP {}", status.as_u16());
        if status.as_u16() != expected {
            bail!("{who}: expected HTTP {expected}, got {status}");
        }
    }
    Ok(())
}

fn print_summary(answer: &serde_json::Value) {
    if answer.get("summary").is_none() {
        println!("  {answer}");
        return;
    }
    let source = &answer["source"];
    println!(
        "  status {} | source {} ({}){} | verification passed={} | redacted {}",
        answer["status"],
        source["type"],
        source["model"].as_str().unwrap_or(""),
        source["fallbackReason"]
            .as_str()
            .map(|r| format!(", fallback: {r}"))
            .unwrap_or_default(),
        answer["verification"]["passed"],
        redacted_kinds(&answer["redactions"])
    );
    let summary = &answer["summary"];
    println!(
        "  summary:   {}",
        summary["executiveSummary"].as_str().unwrap_or("")
    );
    if let Some(reason) = summary["reason"].as_str() {
        println!("  reason:    {reason}");
    }
    if let Some(resolution) = summary["resolution"].as_str() {
        println!("  resolution: {resolution}");
    }
    for item in summary["actionItems"].as_array().into_iter().flatten() {
        println!(
            "  action:    [{}] {} {}",
            item["owner"].as_str().unwrap_or("-"),
            item["text"].as_str().unwrap_or(""),
            item["dueDate"]
                .as_str()
                .map(|d| format!("(due {d})"))
                .unwrap_or_default()
        );
    }
    println!(
        "  sentiment: {} | confidence {} | timings {}",
        summary["customerSentiment"], summary["confidence"], answer["timings"]
    );
    if let Some(reasons) = answer["verification"]["reasons"]
        .as_array()
        .filter(|r| !r.is_empty())
    {
        println!("  review:    {reasons:?}");
    }
}

fn genesys_config(base: &str) -> anyhow::Result<GenesysConfig> {
    let base = Url::parse(base).context("simulator URL")?;
    Ok(GenesysConfig {
        client_id: "local-client".to_owned(),
        client_secret: "local-secret".into(),
        api_base: base.clone(),
        login_base: base,
        http: HttpConfig::default(),
        token_refresh_margin: Duration::from_secs(300),
    })
}

fn section(title: &str) {
    println!("\n== {title}");
}

fn media_of(conversation: &wrapup::genesys::models::AnalyticsConversation) -> String {
    conversation
        .media_type()
        .map_or("unknown", |m| m.as_str())
        .to_owned()
}

fn print_transcript(id: &ConversationId, transcript: &Transcript) {
    let channel = match transcript.media_type {
        Channel::Voice => "voice",
        Channel::Chat => "chat",
        Channel::Email => "email",
        Channel::Message => "message",
        Channel::Other => "other",
    };
    println!(
        "conversation {id}: {channel}, {}, {} utterances, {}:{:02} long",
        transcript.language.as_deref().unwrap_or("language unknown"),
        transcript.utterances.len(),
        transcript.duration_ms / 60_000,
        transcript.duration_ms / 1000 % 60
    );
    for utterance in transcript.utterances.iter().take(12) {
        let who = match utterance.speaker {
            SpeakerRole::Agent => "agent",
            SpeakerRole::Customer => "customer",
            SpeakerRole::IvrBot => "ivr",
            SpeakerRole::Other => "other",
        };
        let secs = utterance.start_offset_ms / 1000;
        println!(
            "  [{:02}:{:02}] {who:>8}: {}",
            secs / 60,
            secs % 60,
            utterance.text
        );
    }
    if transcript.utterances.len() > 12 {
        println!("  ... {} more", transcript.utterances.len() - 12);
    }
}

async fn token_requests(base: &str) -> anyhow::Result<u64> {
    let stats: serde_json::Value = reqwest::get(format!("{base}/_sim/stats")).await?.json().await?;
    stats["tokenRequests"]
        .as_u64()
        .context("tokenRequests in /_sim/stats")
}

/// Step 5: what the CRM received from crm-sync (the simulator's signed-webhook receiver and its
/// Data Action endpoint), once the crm-sync queue is drained.
async fn crm_received(sim: &str) -> anyhow::Result<()> {
    section("5. What the CRM received (crm-sync: signed webhook + Genesys Data Action, exactly once)");
    let mut requests = Vec::new();
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let all: serde_json::Value = reqwest::get(format!("{sim}/_sim/crm/requests"))
            .await?
            .json()
            .await?;
        requests = all
            .as_array()
            .cloned()
            .or_else(|| all["requests"].as_array().cloned())
            .unwrap_or_default();
        // Five verified summaries (four requests and the async one), two targets each.
        if requests.len() >= 10 {
            break;
        }
    }
    for r in &requests {
        let body = &r["body"];
        let case = body["caseId"]
            .as_str()
            .or_else(|| body["Case_Id"].as_str())
            .unwrap_or("?");
        let summary = body["summary"]["executiveSummary"]
            .as_str()
            .or_else(|| body["Post_Call_Summary"].as_str())
            .unwrap_or("");
        let short: String = summary.chars().take(70).collect();
        println!(
            "  {:<22} accepted={} signatureValid={} case={case} key={}…  \"{short}…\"",
            r["kind"].as_str().unwrap_or("?"),
            r["accepted"],
            r.get("signatureValid")
                .map(|v| v.to_string())
                .unwrap_or_else(|| "-".into()),
            r["idempotencyKey"]
                .as_str()
                .or_else(|| body["Wrapup_Idempotency_Key"].as_str())
                .unwrap_or("")
                .chars()
                .take(12)
                .collect::<String>(),
        );
    }
    println!("{} CRM write(s) received", requests.len());
    Ok(())
}

/// The non-zero redaction counts, as "name 2, phone 1" (or "nothing").
fn redacted_kinds(counts: &serde_json::Value) -> String {
    let counts: RedactionCounts = serde_json::from_value(counts.clone()).unwrap_or_default();
    let found: Vec<String> = counts
        .nonzero()
        .map(|(kind, n)| format!("{} {n}", kind.as_str()))
        .collect();
    if found.is_empty() {
        "nothing".to_owned()
    } else {
        found.join(", ")
    }
}
