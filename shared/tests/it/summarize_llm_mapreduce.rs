//! Transcripts longer than the model's context: map-reduce over utterance-aligned chunks, every
//! request within the budget, nothing dropped.

use crate::common;

use std::time::Duration;

use chrono::{Duration as Days, Utc};
use common::*;
use genesys_sim::SimHandle;
use serde_json::Value;
use wrapup::genesys::Deadline;
use wrapup::genesys::models::{ConversationQuery, MediaType};
use wrapup::ids::ConversationId;
use wrapup::summary::llm::{LlmConfig, LlmSummarizer};
use wrapup::summary::{Summarized, Summarizer, SummaryInput, SummaryOptions, SummaryTone};
use wrapup::transcript::{Channel, FetchTranscript, SpeakerRole, Transcript, Utterance};

/// Two answers must fit one merge request: 800 would not leave room for that in 2000 tokens.
const MAX_OUTPUT_TOKENS: usize = 300;

fn small_context(sim: &SimHandle, context_tokens: usize) -> LlmConfig {
    LlmConfig {
        context_tokens,
        max_output_tokens: MAX_OUTPUT_TOKENS,
        ..llm_config(sim)
    }
}

async fn summarize(config: LlmConfig, transcript: &Transcript) -> Summarized {
    let summarizer = LlmSummarizer::new(config).expect("a small context is usable");
    let id = ConversationId::parse(&transcript.conversation_id).unwrap();
    let options = SummaryOptions {
        tone: SummaryTone::Casual,
        ..Default::default()
    };
    let input = SummaryInput {
        conversation_id: &id,
        transcript,
        customer_sentiment: wrapup::sentiment::customer_sentiment(transcript),
        options: &options,
        deadline: Deadline::after(Duration::from_secs(60)),
    };
    summarizer.summarize(&input).await.expect("map-reduce summary")
}

fn content(request: &Value, index: usize) -> &str {
    request["body"]["messages"][index]["content"]
        .as_str()
        .unwrap_or("")
}

/// (system + user + every other message) chars / 4, plus the response schema, plus `max_tokens`.
fn estimated_tokens(request: &Value) -> usize {
    let body = &request["body"];
    let message_chars: usize = body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].as_str().unwrap().chars().count())
        .sum();
    let schema_chars = body["response_format"].to_string().chars().count();
    let max_tokens = body["max_tokens"].as_u64().unwrap() as usize;
    message_chars.div_ceil(4) + schema_chars.div_ceil(4) + max_tokens
}

struct Recorded {
    parts: Vec<String>,
    merges: usize,
    all: Vec<Value>,
}

/// Checks the budget of every request and sorts them into part (map) and merge (reduce) requests.
async fn recorded(sim: &SimHandle, context_tokens: usize) -> Recorded {
    let all = llm_requests(sim).await;
    let mut parts = Vec::new();
    let mut merges = 0;
    for request in &all {
        let tokens = estimated_tokens(request);
        assert!(tokens <= context_tokens, "a request of ~{tokens} tokens");
        let system = content(request, 0);
        if system.contains("You summarise part ") {
            parts.push(content(request, 1).to_owned());
        } else if system.contains("You merge the summaries") {
            let merged: Value = serde_json::from_str(content(request, 1)).expect("part summaries as JSON");
            assert!(merged.as_array().is_some_and(|a| !a.is_empty()));
            merges += 1;
        } else {
            assert!(
                system.contains("You summarise a customer-service conversation"),
                "{system}"
            );
        }
    }
    Recorded { parts, merges, all }
}

async fn longest_seeded_voice_call(sim: &SimHandle) -> (ConversationId, Duration) {
    let end = Utc::now() + Days::days(1);
    let query = ConversationQuery::for_interval(end - Days::days(30), end)
        .unwrap()
        .with_media_types(&[MediaType::Voice]);
    let calls = client(sim)
        .query_all_conversation_details(query, 100)
        .await
        .unwrap();
    let (id, length) = calls
        .iter()
        .filter_map(|c| {
            Some((
                c.conversation_id.clone()?,
                c.conversation_end? - c.conversation_start?,
            ))
        })
        .max_by_key(|(_, length)| *length)
        .expect("seeded voice calls");
    (
        ConversationId::parse(&id).unwrap(),
        length.to_std().unwrap_or_default(),
    )
}

#[tokio::test]
async fn an_hour_long_call_goes_through_map_reduce_within_the_budget() {
    let sim = sim().await;
    let (id, length) = longest_seeded_voice_call(&sim).await;
    assert!(length > Duration::from_secs(3600), "{length:?}");
    let transcript = client(&sim)
        .conversation_transcript(&id)
        .await
        .unwrap()
        .expect("transcript");
    assert!(transcript.utterances.len() >= 200);

    let summarized = summarize(small_context(&sim, 2_000), &transcript).await;
    assert!(!summarized.summary.executive_summary.is_empty());
    let rec = recorded(&sim, 2_000).await;
    assert!(rec.parts.len() >= 3, "{} parts", rec.parts.len());
    assert!(rec.merges >= 1);
    assert_eq!(
        summarized.provenance.usage.unwrap().requests as usize,
        rec.all.len()
    );
    let last = content(rec.all.last().unwrap(), 0);
    assert!(
        last.contains("whole conversation") && last.contains("casual"),
        "{last}"
    );
    // Parts run concurrently: each "part i of n" once, in any arrival order.
    let n = rec.parts.len();
    for i in 1..=n {
        let label = format!("part {i} of {n} of a long");
        let count = rec.all.iter().filter(|r| content(r, 0).contains(&label)).count();
        assert_eq!(count, 1, "{label}");
    }
    // Every utterance, whole and with its speaker, in some part request.
    for utterance in &transcript.utterances {
        let speaker = match utterance.speaker {
            SpeakerRole::Agent => "Agent",
            SpeakerRole::Customer => "Customer",
            SpeakerRole::IvrBot => "IVR",
            SpeakerRole::Other => "Other",
        };
        let line = format!("] {speaker}: {}", utterance.text);
        assert!(
            rec.parts.iter().any(|p| p.lines().any(|l| l.ends_with(&line))),
            "utterance at {} ms missing",
            utterance.start_offset_ms
        );
    }
}

fn synthetic(utterances: usize, long_words: usize) -> Transcript {
    let mut list: Vec<Utterance> = (0..utterances)
        .map(|i| Utterance {
            speaker: if i % 2 == 0 {
                SpeakerRole::Agent
            } else {
                SpeakerRole::Customer
            },
            text: format!(
                "Utterance u{i:04} talks about order {} and the delivery window.",
                i * 7
            ),
            start_offset_ms: i as u64 * 4_000,
            duration_ms: 3_000,
            confidence: None,
            communication_id: "comm-1".into(),
        })
        .collect();
    // One utterance far longer than a chunk: a monologue of ten-word sentences.
    let monologue: Vec<String> = (0..long_words)
        .map(|w| {
            if w % 10 == 9 {
                format!("w{w:05}.")
            } else {
                format!("w{w:05}")
            }
        })
        .collect();
    list.insert(
        utterances / 2,
        Utterance {
            speaker: SpeakerRole::Customer,
            text: monologue.join(" "),
            start_offset_ms: (utterances as u64 / 2) * 4_000,
            duration_ms: 600_000,
            confidence: None,
            communication_id: "comm-1".into(),
        },
    );
    Transcript {
        conversation_id: "5e1f0a2b-1c3d-4e5f-8a9b-0c1d2e3f4a5b".into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some("en-GB".into()),
        duration_ms: utterances as u64 * 4_000,
        utterances: list,
    }
}

#[tokio::test]
async fn a_thousand_utterances_and_an_oversized_one_are_all_sent() {
    let sim = sim().await;
    let transcript = synthetic(1_000, 2_000);
    // A 2000-token context: the part summaries do not fit one merge, so merging is hierarchical.
    let summarized = summarize(small_context(&sim, 2_000), &transcript).await;
    assert!(!summarized.summary.executive_summary.is_empty());
    let rec = recorded(&sim, 2_000).await;
    assert!(rec.parts.len() >= 10, "{} parts", rec.parts.len());
    // Far more part summaries than one merge can take: the reduce is hierarchical.
    assert!(rec.merges >= 2, "{} merges", rec.merges);
    for i in 0..1_000 {
        let text = format!(
            "Utterance u{i:04} talks about order {} and the delivery window.",
            i * 7
        );
        assert!(
            rec.parts.iter().any(|p| p.contains(&text)),
            "utterance {i} missing"
        );
    }
    let monologue_parts = rec
        .parts
        .iter()
        .filter(|p| p.contains("w00000") || p.contains("w01999"))
        .count();
    assert!(monologue_parts >= 1);
    for w in 0..2_000 {
        let word = format!("w{w:05}");
        assert!(
            rec.parts.iter().any(|p| p.contains(&word)),
            "word {word} of the long utterance missing"
        );
    }
    let pieces = rec
        .parts
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| l.contains(" w0"))
        .count();
    assert!(
        pieces >= 2,
        "the long utterance was split, not cut: {pieces} pieces"
    );
}

#[tokio::test]
async fn a_transcript_that_fits_is_one_request() {
    let sim = sim().await;
    let transcript = synthetic(10, 10);
    let summarized = summarize(small_context(&sim, 2_000), &transcript).await;
    assert_eq!(summarized.provenance.usage.unwrap().requests, 1);
    let rec = recorded(&sim, 2_000).await;
    assert_eq!(rec.all.len(), 1);
    assert!(content(&rec.all[0], 0).contains("You summarise a customer-service conversation"));
}

#[tokio::test]
async fn a_repair_round_inside_map_reduce_fits_the_budget_too() {
    let sim = sim().await;
    llm_fault(&sim, "malformed", Some(1), None).await;
    let transcript = synthetic(300, 10);
    let summarized = summarize(small_context(&sim, 3_000), &transcript).await;
    let rec = recorded(&sim, 3_000).await;
    assert!(rec.parts.len() >= 3, "{} parts", rec.parts.len());
    let repairs: Vec<&Value> = rec
        .all
        .iter()
        .filter(|r| r["body"]["messages"].as_array().is_some_and(|m| m.len() == 4))
        .collect();
    assert_eq!(repairs.len(), 1, "one malformed answer, one repair");
    assert_eq!(repairs[0]["body"]["messages"][2]["role"], "assistant");
    assert_eq!(
        summarized.provenance.usage.unwrap().requests as usize,
        rec.all.len()
    );
}
