//! `make bench`: the CPU cost of the summary pipeline for a 60-minute call, on one core: parse
//! the transcript documents, normalise, redact, extractive summary, verify. Target: under 5 ms.
//!
//! The call is built in the simulator from its own seeded dialogue lines: ~900 utterances, one
//! every 4 s, so 60 minutes; the documents are downloaded once, then the pipeline's CPU stages
//! run from their raw bytes in a loop.
//!
//! One untimed run first builds what is built once per process (the name lists, the cue
//! automata), as a warm sandbox has. `WRAPUP_BENCH_RUNS=<n>` changes the number of runs (fewer under callgrind);
//! `WRAPUP_BENCH_DUMP=<file>` writes the call's redacted utterances, summary and verification there, so that a change
//! meant to keep the output (a speed-up) can be diffed against a run before it.

use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use serde_json::{Value, json};
use url::Url;
use wrapup::config::{GenesysConfig, HttpConfig};
use wrapup::genesys::GenesysClient;
use wrapup::genesys::models::{AnalyticsConversation, ConversationQuery, TranscriptDocument};
use wrapup::ids::ConversationId;
use wrapup::redact::{RedactionConfig, Redactor};
use wrapup::summary::SummaryOptions;
use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::transcript::{FetchTranscript, Transcript};
use wrapup::verify::{VerificationConfig, verify};

const DEFAULT_RUNS: usize = 500;
const CALL: &str = "b0b0b0b0-0000-4000-8000-000000000060";

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (details, documents) = runtime.block_on(sixty_minute_call())?;
    let raw: Vec<Vec<u8>> = documents
        .iter()
        .map(serde_json::to_vec)
        .collect::<Result<_, _>>()?;
    let redactor = Redactor::new(RedactionConfig::default());
    let summarizer = ExtractiveSummarizer::new();
    let options = SummaryOptions::default();
    let checks = VerificationConfig::default();
    let runs: usize = match std::env::var("WRAPUP_BENCH_RUNS") {
        Ok(n) => n.parse()?,
        Err(_) => DEFAULT_RUNS,
    };
    if let Ok(path) = std::env::var("WRAPUP_BENCH_DUMP") {
        let transcript = Transcript::from_documents(&details, &documents)?;
        let call = redact_stage(&redactor, &transcript);
        let mut text: String = call
            .transcript
            .utterances
            .iter()
            .map(|u| format!("{}\n", u.text))
            .collect();
        // Each text alone too: the path the leak check of summaries takes.
        for u in &transcript.utterances {
            text.push_str(&redactor.redact(&u.text).0);
            text.push('\n');
        }
        // And what the later stages make of it.
        let summary =
            summarizer.summarize_with_sentiment(&call.transcript, call.customer_sentiment(), &options);
        let verification = verify(&summary, &transcript, &call, &redactor, &checks);
        text.push_str(&serde_json::to_string_pretty(&summary)?);
        text.push_str(&serde_json::to_string_pretty(&verification)?);
        std::fs::write(path, text)?;
    }

    // Warm-up: lazily built tables load here, not in the first timed run.
    let transcript = Transcript::from_documents(&details, &documents)?;
    let call = redact_stage(&redactor, &transcript);
    let summary = summarizer.summarize_with_sentiment(&call.transcript, call.customer_sentiment(), &options);
    std::hint::black_box(verify(&summary, &transcript, &call, &redactor, &checks));

    let mut total = Histogram::<u64>::new(3)?;
    let mut stages = [Duration::ZERO; 5];
    let mut stage_p50 = std::array::from_fn::<_, 5, _>(|_| Histogram::<u64>::new(3));
    let mut utterances = 0;
    let mut text_kb = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let documents: Vec<TranscriptDocument> = raw
            .iter()
            .map(|b| wrapup::genesys::http_body::decode_json(b))
            .collect::<Result<_, _>>()?;
        let parsed = Instant::now();
        let transcript = Transcript::from_documents(&details, &documents)?;
        let normalised = Instant::now();
        let call = redact_stage(&redactor, &transcript);
        let redacted = &call.transcript;
        let masked = Instant::now();
        let summary = summarizer.summarize_with_sentiment(redacted, call.customer_sentiment(), &options);
        let summarised = Instant::now();
        let verification = verify(&summary, &transcript, &call, &redactor, &checks);
        let verified = Instant::now();
        std::hint::black_box(verification);
        for (i, (from, to)) in [
            (started, parsed),
            (parsed, normalised),
            (normalised, masked),
            (masked, summarised),
            (summarised, verified),
        ]
        .into_iter()
        .enumerate()
        {
            stages[i] += to - from;
            if let Some(Ok(h)) = stage_p50.get_mut(i) {
                h.record((to - from).as_nanos() as u64)?;
            }
        }
        total.record((verified - started).as_micros() as u64)?;
        utterances = transcript.utterances.len();
        text_kb = transcript.text_len() / 1024;
    }
    let mean = |d: Duration| d.as_secs_f64() * 1e3 / runs as f64;
    println!(
        "60-minute call: {utterances} utterances, {text_kb} KB of text, {} document bytes",
        raw.iter().map(Vec::len).sum::<usize>()
    );
    println!("| stage | mean | p50 |");
    println!("| --- | ---: | ---: |");
    for ((name, d), h) in [
        "parse documents",
        "normalise",
        "redact",
        "extractive summary",
        "verify",
    ]
    .iter()
    .zip(stages)
    .zip(&stage_p50)
    {
        let p50 = h.as_ref().map_or(0.0, |h| h.value_at_quantile(0.5) as f64 / 1e6);
        println!("| {name} | {:.3} ms | {p50:.3} ms |", mean(d));
    }
    println!(
        "| **whole pipeline (CPU)** | **p50 {:.2} ms, p99 {:.2} ms** |",
        total.value_at_quantile(0.5) as f64 / 1000.0,
        total.value_at_quantile(0.99) as f64 / 1000.0
    );
    Ok(())
}

/// The redaction stage on its own function: a profiler can count it alone
/// (`valgrind --tool=callgrind --toggle-collect='pipeline::redact_stage'`).
#[inline(never)]
fn redact_stage(redactor: &Redactor, transcript: &Transcript) -> wrapup::redact::RedactedCall {
    redactor.redact_call(transcript, &[], None)
}

/// Loads a 60-minute call made of the simulator's own dialogue lines and downloads it.
async fn sixty_minute_call() -> anyhow::Result<(AnalyticsConversation, Vec<TranscriptDocument>)> {
    let sim = genesys_sim::start(
        genesys_sim::SimConfig {
            rate_limit_per_minute: 1_000_000,
            ..Default::default()
        },
        0,
    )
    .await?;
    let base = Url::parse(&sim.base_url)?;
    let client = GenesysClient::builder(GenesysConfig {
        client_id: "local-client".into(),
        client_secret: "local-secret".into(),
        api_base: base.clone(),
        login_base: base,
        http: HttpConfig::default(),
        token_refresh_margin: Duration::from_secs(300),
    })
    .build()?;
    // Real dialogue lines, with their PII, from the seeded archive.
    let end = chrono::Utc::now() + chrono::Duration::days(1);
    let seeded = client
        .query_all_conversation_details(
            ConversationQuery::for_interval(end - chrono::Duration::days(30), end)?,
            100,
        )
        .await?;
    let mut lines: Vec<(String, String)> = Vec::new();
    for conversation in seeded.iter().take(40) {
        let Some(id) = conversation.conversation_id.as_deref() else {
            continue;
        };
        if let Some(t) = client
            .conversation_transcript(&ConversationId::parse(id)?)
            .await?
        {
            for u in t.utterances {
                let speaker = match u.speaker {
                    wrapup::transcript::SpeakerRole::Customer => "customer",
                    _ => "agent",
                };
                lines.push((speaker.to_owned(), u.text));
            }
        }
    }
    anyhow::ensure!(!lines.is_empty(), "no seeded dialogue");
    let phrases: Vec<Value> = (0..900)
        .map(|i| {
            let (speaker, text) = &lines[i % lines.len()];
            json!({"speaker": speaker, "text": text, "offsetMs": i * 4_000, "durationMs": 3_500})
        })
        .collect();
    let body = json!({"conversationId": CALL, "mediaType": "voice", "language": "en-US",
                      "startTime": (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339(), "phrases": phrases});
    let response = reqwest::Client::new()
        .post(format!("{}/_sim/conversations", sim.base_url))
        .json(&body)
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "loading the call failed: {}",
        response.text().await?
    );
    Ok(client
        .conversation_documents(&ConversationId::parse(CALL)?)
        .await?)
}
