//! The LLM summariser against the simulator's OpenAI-compatible endpoint: voice and chat
//! transcripts, the request it sends, the summary it returns.

use crate::common;

use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use wrapup::genesys::Deadline;
use wrapup::ids::ConversationId;
use wrapup::summary::llm::LlmSummarizer;
use wrapup::summary::{
    Summarized, Summarizer, SummaryInput, SummaryLength, SummaryOptions, SummarySource, SummaryTone,
};
use wrapup::transcript::{Channel, FetchTranscript, Transcript};

const VOICE_ID: &str = "7d6a4c1e-0000-4000-8000-00000000c0de";

async fn summarize(
    summarizer: &LlmSummarizer,
    id: &ConversationId,
    transcript: &Transcript,
    options: &SummaryOptions,
) -> Summarized {
    let input = SummaryInput {
        conversation_id: id,
        transcript,
        customer_sentiment: wrapup::sentiment::customer_sentiment(transcript),
        options,
        deadline: Deadline::after(Duration::from_secs(20)),
    };
    summarizer.summarize(&input).await.expect("llm summary")
}

fn assert_valid(summarized: &Summarized) {
    let summary = &summarized.summary;
    assert!(!summary.executive_summary.trim().is_empty());
    assert!((0.0..=1.0).contains(&summary.confidence));
    assert!(summary.action_items.iter().all(|a| !a.text.trim().is_empty()));
    assert_eq!(summarized.provenance.source, SummarySource::Llm);
    assert_eq!(summarized.provenance.model, "sim-model");
    let usage = summarized.provenance.usage.expect("usage");
    assert_eq!(usage.requests, 1);
    assert!(
        usage.prompt_tokens > 0 && usage.completion_tokens > 0,
        "{usage:?}"
    );
}

fn message<'a>(request: &'a Value, index: usize, role: &str) -> &'a str {
    let message = &request["body"]["messages"][index];
    assert_eq!(message["role"], role, "{message}");
    message["content"].as_str().expect("string content")
}

fn assert_structured_output(request: &Value) {
    let body = &request["body"];
    assert_eq!(request["authorized"], true);
    assert_eq!(body["model"], "sim-model");
    assert_eq!(body["temperature"], 0);
    assert_eq!(body["max_tokens"], 800);
    let format = &body["response_format"];
    assert_eq!(format["type"], "json_schema");
    assert_eq!(format["json_schema"]["name"], "post_call_summary");
    assert_eq!(format["json_schema"]["strict"], true);
    let schema = &format["json_schema"]["schema"];
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in [
        "executiveSummary",
        "actionItems",
        "customerSentiment",
        "reason",
        "resolution",
        "keyPhrases",
        "confidence",
    ] {
        assert!(required.contains(&field), "{field} required");
    }
    assert!(jsonschema::validator_for(schema).is_ok(), "a valid JSON Schema");
}

#[tokio::test]
async fn voice_call_summary_sends_the_transcript_with_schema_tone_and_length() {
    let sim = sim().await;
    load_conversation(
        &sim,
        json!({
            "conversationId": VOICE_ID, "mediaType": "voice", "language": "en-US",
            "phrases": [
                {"speaker": "ivr", "text": "Welcome to Acme, please hold.", "offsetMs": 0, "durationMs": 2000},
                {"speaker": "agent", "text": "Hi, how can I help you today?", "offsetMs": 5000, "durationMs": 2000},
                {"speaker": "customer", "text": "My Nimbus Phone X screen is cracked and my card [CARD] was charged twice.", "offsetMs": 9000, "durationMs": 4000},
                {"speaker": "agent", "text": "I will send a replacement by Friday and refund the second charge.", "offsetMs": 75000, "durationMs": 4000},
                {"speaker": "customer", "text": "Thank you, that works for me.", "offsetMs": 80000, "durationMs": 2000}
            ]
        }),
    )
    .await;
    let id = ConversationId::parse(VOICE_ID).unwrap();
    let transcript = client(&sim)
        .conversation_transcript(&id)
        .await
        .unwrap()
        .expect("transcript");
    assert_eq!(transcript.media_type, Channel::Voice);
    let summarizer = LlmSummarizer::new(llm_config(&sim)).unwrap();
    assert_eq!(summarizer.model(), "sim-model");
    assert_eq!(summarizer.source(), SummarySource::Llm);
    let options = SummaryOptions {
        tone: SummaryTone::Formal,
        length: SummaryLength::Short,
        ..Default::default()
    };
    let summarized = summarize(&summarizer, &id, &transcript, &options).await;
    assert_valid(&summarized);
    // The simulator summarises from the transcript's own sentences.
    let summary = &summarized.summary;
    let reason = summary.reason.as_deref().expect("a reason");
    assert!(
        transcript.utterances.iter().any(|u| u.text.contains(reason)),
        "{summary:?}"
    );
    assert!(
        summary.executive_summary.contains("[CARD]"),
        "markers kept: {summary:?}"
    );
    assert_eq!(
        summary.action_items.first().and_then(|a| a.due_date.as_deref()),
        Some("by Friday"),
        "{summary:?}"
    );

    let requests = llm_requests(&sim).await;
    assert_eq!(requests.len(), 1);
    assert_structured_output(&requests[0]);
    let system = message(&requests[0], 0, "system");
    assert!(system.contains("at most 2 sentences"), "{system}");
    assert!(system.contains("formal tone"), "{system}");
    assert!(system.contains("en-US"), "{system}");
    assert!(
        system.contains("[CARD_1]") && system.contains("never guess"),
        "{system}"
    );
    let user = message(&requests[0], 1, "user");
    let expected = "[00:00] IVR: Welcome to Acme, please hold.\n\
                    [00:05] Agent: Hi, how can I help you today?\n\
                    [00:09] Customer: My Nimbus Phone X screen is cracked and my card [CARD] was charged twice.\n\
                    [01:15] Agent: I will send a replacement by Friday and refund the second charge.\n\
                    [01:20] Customer: Thank you, that works for me.";
    assert_eq!(user, expected);
}

#[tokio::test]
async fn chat_summary_follows_the_requested_language_tone_and_length() {
    let sim = sim().await;
    let truth = get(&sim, "/_sim/ground-truth").await;
    let chat_id = truth
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["mediaType"] == "chat")
        .and_then(|c| c["conversationId"].as_str())
        .expect("a seeded chat")
        .to_owned();
    let id = ConversationId::parse(&chat_id).unwrap();
    let transcript = client(&sim)
        .conversation_transcript(&id)
        .await
        .unwrap()
        .expect("transcript");
    assert_eq!(transcript.media_type, Channel::Chat);
    let summarizer = LlmSummarizer::new(llm_config(&sim)).unwrap();
    let options = SummaryOptions {
        tone: SummaryTone::Empathetic,
        length: SummaryLength::Long,
        language: Some("de-DE".into()),
        ..Default::default()
    };
    let summarized = summarize(&summarizer, &id, &transcript, &options).await;
    assert_valid(&summarized);

    let requests = llm_requests(&sim).await;
    assert_eq!(requests.len(), 1);
    assert_structured_output(&requests[0]);
    let system = message(&requests[0], 0, "system");
    assert!(system.contains("at most 5 sentences"), "{system}");
    assert!(system.contains("empathetic"), "{system}");
    assert!(system.contains("de-DE"), "{system}");
    let user = message(&requests[0], 1, "user");
    assert_eq!(user.lines().count(), transcript.utterances.len());
    for (line, utterance) in user.lines().zip(&transcript.utterances) {
        assert!(line.starts_with('['), "{line}");
        assert!(line.ends_with(&utterance.text), "{line}");
        let label = match utterance.speaker.as_str() {
            "agent" => "] Agent: ",
            "customer" => "] Customer: ",
            "ivr_bot" => "] IVR: ",
            _ => "] Other: ",
        };
        assert!(line.contains(label), "{line}");
    }
}

#[tokio::test]
async fn an_empty_transcript_is_not_sent() {
    let sim = sim().await;
    let summarizer = LlmSummarizer::new(llm_config(&sim)).unwrap();
    let id = ConversationId::parse(VOICE_ID).unwrap();
    let transcript = Transcript {
        conversation_id: VOICE_ID.into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: None,
        duration_ms: 0,
        utterances: Vec::new(),
    };
    let options = SummaryOptions::default();
    let input = SummaryInput {
        conversation_id: &id,
        transcript: &transcript,
        customer_sentiment: wrapup::sentiment::customer_sentiment(&transcript),
        options: &options,
        deadline: Deadline::after(Duration::from_secs(5)),
    };
    let err = summarizer.summarize(&input).await.unwrap_err();
    assert!(err.to_string().contains("no utterances"), "{err}");
    assert!(llm_requests(&sim).await.is_empty());
}
