//! The summariser over an in-memory [`ModelClient`]: what every provider shares (the schema sent,
//! the repair round, errors kept by cause, map-reduce sized by the context), without a network.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use serde_json::json;

use super::*;
use crate::summary::{FallbackCause, Sentiment, SummaryOptions};
use crate::transcript::{Channel, SpeakerRole, Transcript, Utterance};
use wrapup_genesys::ids::ConversationId;

const ID: &str = "3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b";

/// What one request carried.
#[derive(Debug, Clone)]
struct Seen {
    system: String,
    turns: Vec<(Role, String)>,
    schema_name: String,
    purpose: &'static str,
}

/// Answers from a script, then `fallback` (a valid summary) for every further request.
#[derive(Debug, Default)]
struct Scripted {
    script: Mutex<VecDeque<Result<Completion, SummarizeError>>>,
    seen: Mutex<Vec<Seen>>,
}

impl Scripted {
    fn new(script: Vec<Result<Completion, SummarizeError>>) -> Arc<Self> {
        Arc::new(Self {
            script: Mutex::new(script.into()),
            seen: Mutex::default(),
        })
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

#[async_trait]
impl ModelClient for Scripted {
    fn model(&self) -> &str {
        "scripted-model"
    }

    async fn complete(
        &self,
        request: ModelRequest<'_>,
        _deadline: Deadline,
        purpose: &'static str,
    ) -> Result<Completion, SummarizeError> {
        self.seen.lock().unwrap().push(Seen {
            system: request.system.to_owned(),
            turns: request
                .turns
                .iter()
                .map(|t| (t.role, t.content.clone()))
                .collect(),
            schema_name: request.schema_name.to_owned(),
            purpose,
        });
        let next = self.script.lock().unwrap().pop_front();
        next.unwrap_or_else(|| Ok(answer(&valid_summary())))
    }
}

fn valid_summary() -> String {
    json!({
        "executiveSummary": "The customer's router was replaced.",
        "actionItems": [{"text": "Send a replacement router", "owner": "agent", "dueDate": "by Friday"}],
        "customerSentiment": "positive",
        "reason": "The router drops the connection.",
        "resolution": "Replacement sent.",
        "keyPhrases": ["router"],
        "confidence": 0.9
    })
    .to_string()
}

fn answer(content: &str) -> Completion {
    Completion {
        content: content.to_owned(),
        usage: TokenUsage {
            prompt_tokens: 100,
            completion_tokens: 20,
            requests: 1,
        },
    }
}

fn transcript(utterances: usize) -> Transcript {
    Transcript {
        conversation_id: ID.into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some("en-US".into()),
        duration_ms: 60_000,
        utterances: (0..utterances)
            .map(|i| Utterance {
                speaker: if i % 2 == 0 {
                    SpeakerRole::Agent
                } else {
                    SpeakerRole::Customer
                },
                text: format!("Line {i}: my router keeps dropping the connection every evening."),
                start_offset_ms: i as u64 * 5_000,
                duration_ms: 4_000,
                confidence: Some(0.9),
                communication_id: "comm-1".into(),
            })
            .collect(),
    }
}

async fn summarize(
    summarizer: &LlmSummarizer,
    transcript: &Transcript,
) -> Result<Summarized, SummarizeError> {
    let id = ConversationId::parse(ID).unwrap();
    let options = SummaryOptions::default();
    let input = SummaryInput {
        conversation_id: &id,
        transcript,
        customer_sentiment: Sentiment::Neutral,
        options: &options,
        deadline: Deadline::after(Duration::from_secs(10)),
    };
    summarizer.summarize(&input).await
}

fn summarizer(client: &Arc<Scripted>) -> LlmSummarizer {
    LlmSummarizer::with_client(client.clone(), DEFAULT_CONTEXT_TOKENS, DEFAULT_MAX_OUTPUT_TOKENS).unwrap()
}

#[tokio::test]
async fn one_request_carries_the_prompt_the_transcript_and_the_summary_schema() {
    let client = Scripted::new(vec![]);
    let summarized = summarize(&summarizer(&client), &transcript(4)).await.unwrap();
    assert_eq!(summarized.provenance.source, SummarySource::Llm);
    assert_eq!(summarized.provenance.model, "scripted-model");
    assert_eq!(summarized.summary.customer_sentiment, Sentiment::Positive);
    let usage = summarized.provenance.usage.unwrap();
    assert_eq!((usage.prompt_tokens, usage.requests), (100, 1));
    let seen = client.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].schema_name.as_str(), seen[0].purpose),
        ("post_call_summary", "whole")
    );
    assert!(seen[0].system.contains("customer-service conversation"));
    assert!(matches!(&seen[0].turns[..], [(Role::User, text)] if text.contains("[00:00] Agent: Line 0")));
}

#[tokio::test]
async fn an_unusable_answer_gets_one_repair_round_with_the_bad_answer() {
    let client = Scripted::new(vec![
        Ok(answer("{\"executiveSummary\": 3")),
        Ok(answer(&valid_summary())),
    ]);
    let summarized = summarize(&summarizer(&client), &transcript(4)).await.unwrap();
    assert_eq!(summarized.provenance.usage.unwrap().requests, 2);
    let seen = client.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].purpose, "repair");
    let roles: Vec<Role> = seen[1].turns.iter().map(|(role, _)| *role).collect();
    assert_eq!(roles, [Role::User, Role::Assistant, Role::User]);
    assert_eq!(seen[1].turns[1].1, "{\"executiveSummary\": 3");

    // Twice unusable: invalid output, after exactly one repair.
    let client = Scripted::new(vec![Ok(answer("no")), Ok(answer("still no"))]);
    let error = summarize(&summarizer(&client), &transcript(4)).await.unwrap_err();
    assert_eq!(FallbackCause::of(&error), FallbackCause::InvalidOutput);
    assert_eq!(client.seen().len(), 2);
}

#[tokio::test]
async fn a_failing_client_is_not_repaired_and_keeps_its_cause() {
    let cases = [
        (
            SummarizeError::RateLimited { retry_after: None },
            FallbackCause::RateLimited,
        ),
        (
            SummarizeError::AccessDenied("denied".into()),
            FallbackCause::AccessDenied,
        ),
        (
            SummarizeError::InvalidRequest("invalid".into()),
            FallbackCause::InvalidRequest,
        ),
        (
            SummarizeError::ModelTimeout("slow".into()),
            FallbackCause::ModelTimeout,
        ),
        (SummarizeError::GuardrailIntervened, FallbackCause::Guardrail),
        (SummarizeError::Upstream("down".into()), FallbackCause::Failed),
        (SummarizeError::DeadlineExceeded, FallbackCause::Timeout),
    ];
    for (error, cause) in cases {
        let client = Scripted::new(vec![Err(error)]);
        let error = summarize(&summarizer(&client), &transcript(4)).await.unwrap_err();
        assert_eq!(FallbackCause::of(&error), cause, "{error}");
        assert_eq!(
            client.seen().len(),
            1,
            "{cause:?}: no repair round for a failed request"
        );
        assert_eq!(FallbackCause::from_reason(cause.reason()), Some(cause));
    }
}

#[tokio::test]
async fn a_long_call_is_summarised_in_parts_then_merged_within_the_context() {
    let client = Scripted::new(vec![]);
    let summarizer = LlmSummarizer::with_client(client.clone(), 3_000, 300).unwrap();
    let summarized = summarize(&summarizer, &transcript(200)).await.unwrap();
    let seen = client.seen();
    let parts = seen.iter().filter(|s| s.purpose == "part").count();
    assert!(parts > 1, "{parts} parts");
    assert_eq!(seen.last().map(|s| s.purpose), Some("merge"));
    assert_eq!(summarized.provenance.usage.unwrap().requests as usize, seen.len());
    for request in &seen {
        let texts: Vec<&str> = std::iter::once(request.system.as_str())
            .chain(request.turns.iter().map(|(_, text)| text.as_str()))
            .collect();
        assert!(
            summarizer.budget.request_tokens(&texts) <= 3_000,
            "{}",
            request.purpose
        );
    }
}

#[test]
fn a_context_too_small_for_two_answers_is_refused() {
    let client = Scripted::new(vec![]);
    let error = LlmSummarizer::with_client(client.clone(), 2_000, 800).unwrap_err();
    assert!(error.to_string().contains("2000"), "{error}");
    assert!(LlmSummarizer::with_client(client, 2_000, 300).is_ok());
}
