//! The LLM path of the function in memory, whichever the provider: a scripted `ModelClient`
//! stands in for OpenAI or Bedrock behind the real pipeline, so a provider's answers and
//! failures (model access denied, a guardrail that intervenes) are checked end to end in the
//! answer, the audit record and the metrics, without a network.

use crate::common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use common::*;
use serde_json::json;
use wrapup::genesys::Deadline;
use wrapup::summary::llm::{Completion, LlmSummarizer, ModelClient, ModelRequest};
use wrapup::summary::{FallbackCause, SummarizeError, TokenUsage};
use wrapup_metrics::{checked_documents, sum_where};

/// Answers from a script; a valid summary once it runs out.
#[derive(Debug, Default)]
struct Scripted {
    script: Mutex<VecDeque<Result<Completion, SummarizeError>>>,
    requests: Mutex<usize>,
}

#[async_trait]
impl ModelClient for Scripted {
    fn model(&self) -> &str {
        "amazon.nova-lite-v1:0"
    }

    async fn complete(
        &self,
        _request: ModelRequest<'_>,
        _deadline: Deadline,
        _purpose: &'static str,
    ) -> Result<Completion, SummarizeError> {
        *self.requests.lock().unwrap() += 1;
        let next = self.script.lock().unwrap().pop_front();
        next.unwrap_or_else(|| {
            Ok(Completion {
                content: json!({
                    "executiveSummary": "The customer called about the order and the agent helped.",
                    "actionItems": [],
                    "customerSentiment": "neutral",
                    "reason": null,
                    "resolution": null,
                    "keyPhrases": [],
                    "confidence": 0.8
                })
                .to_string(),
                usage: TokenUsage {
                    prompt_tokens: 1200,
                    completion_tokens: 90,
                    requests: 1,
                },
            })
        })
    }
}

fn harness(script: Vec<Result<Completion, SummarizeError>>) -> (MemoryHarness, Arc<Scripted>) {
    let client = Arc::new(Scripted {
        script: Mutex::new(script.into()),
        ..Scripted::default()
    });
    let llm = LlmSummarizer::with_client(client.clone(), 16_000, 800).expect("a usable budget");
    let h = memory_harness_with_llm(Default::default(), Some(llm));
    (h, client)
}

#[tokio::test]
async fn the_models_answer_is_the_llm_summary_with_its_model_and_tokens() {
    let (h, client) = harness(vec![]);
    let call = h.transcribed_call();
    let answer = h
        .post(json!({"conversationId": call, "caseId": "C-1", "source": "llm"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_valid("SummaryResponse", &answer.body);
    assert_eq!(answer.body["source"]["type"], "llm");
    assert_eq!(answer.body["source"]["model"], "amazon.nova-lite-v1:0");
    assert_eq!(answer.body["source"]["usage"]["promptTokens"], 1200);
    assert_eq!(*client.requests.lock().unwrap(), 1);
}

#[tokio::test]
async fn a_provider_failure_falls_back_with_its_cause() {
    for (error, cause) in [
        (
            SummarizeError::AccessDenied("model access".into()),
            FallbackCause::AccessDenied,
        ),
        (
            SummarizeError::ModelTimeout("slow".into()),
            FallbackCause::ModelTimeout,
        ),
        (
            SummarizeError::InvalidRequest("no tool choice".into()),
            FallbackCause::InvalidRequest,
        ),
        (
            SummarizeError::RateLimited { retry_after: None },
            FallbackCause::RateLimited,
        ),
    ] {
        let (h, _) = harness(vec![Err(error)]);
        let call = h.transcribed_call();
        let answer = h.post(json!({"conversationId": call, "caseId": "C-2"})).await;
        assert_eq!(answer.status, 200, "{:#}", answer.body);
        assert_valid("SummaryResponse", &answer.body);
        assert_eq!(answer.body["source"]["type"], "extractive", "{cause:?}");
        assert_eq!(answer.body["source"]["fallbackReason"], cause.reason());
        let docs = checked_documents(&h.metric_lines.take(), summary_api::metrics::FUNCTION_NAME).unwrap();
        assert_eq!(
            sum_where(&docs, "Fallbacks", &[("Cause", cause.code())]),
            1.0,
            "{cause:?}"
        );
    }
}

#[tokio::test]
async fn a_guardrail_intervention_falls_back_and_sends_the_call_to_review() {
    let (h, _) = harness(vec![Err(SummarizeError::GuardrailIntervened)]);
    let call = h.transcribed_call();
    let answer = h.post(json!({"conversationId": call, "caseId": "C-3"})).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_valid("SummaryResponse", &answer.body);
    assert_eq!(answer.body["source"]["type"], "extractive");
    assert_eq!(
        answer.body["source"]["fallbackReason"],
        FallbackCause::Guardrail.reason()
    );
    assert_eq!(answer.body["status"], "needs_review", "{:#}", answer.body);
    let kinds = answer.body["verification"]["reasonKinds"].as_array().unwrap();
    assert!(kinds.iter().any(|k| k == "guardrail"), "{kinds:?}");
    assert!(
        h.crm_queue.sent().is_empty(),
        "a call in review is not sent to the CRM"
    );
    let docs = checked_documents(&h.metric_lines.take(), summary_api::metrics::FUNCTION_NAME).unwrap();
    assert_eq!(sum_where(&docs, "NeedsReview", &[("Reason", "guardrail")]), 1.0);
    assert_eq!(sum_where(&docs, "Fallbacks", &[("Cause", "guardrail")]), 1.0);
}
