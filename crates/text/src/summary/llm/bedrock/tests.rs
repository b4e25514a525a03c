use std::time::Duration;

use aws_sdk_bedrockruntime::config::{BehaviorVersion, Region};
use aws_sdk_bedrockruntime::error::ErrorMetadata;
use aws_sdk_bedrockruntime::operation::converse::ConverseOutput;
use aws_sdk_bedrockruntime::types::error::{
    AccessDeniedException, ModelTimeoutException, ServiceUnavailableException, ThrottlingException,
    ValidationException,
};
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, ConverseOutput as ConverseAnswer, Message, StopReason,
    SystemContentBlock, Tool, ToolChoice, ToolInputSchema, ToolUseBlock,
};
use serde_json::json;

use super::request::{to_document, to_json};
use super::*;
use crate::summary::FallbackCause;
use crate::summary::llm::model::Turn;

fn client() -> Client {
    let config = aws_sdk_bedrockruntime::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-1"))
        .build();
    Client::from_conf(config)
}

fn schema() -> serde_json::Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["answer", "score"],
        "properties": {"answer": {"type": ["string", "null"]}, "score": {"type": "number", "minimum": -1.5}}
    })
}

#[test]
fn the_request_forces_the_one_tool_whose_input_schema_is_the_answers() {
    let schema = schema();
    let turns = [
        Turn::user("[00:01] Agent: hello".into()),
        Turn::assistant("not json".into()),
        Turn::user("Fix it.".into()),
    ];
    let request = ModelRequest {
        system: "You summarise.",
        turns: &turns,
        schema_name: "post_call_summary",
        schema: &schema,
    };
    let guardrail = GuardrailConfig {
        id: "gr-abc123".into(),
        version: "2".into(),
    };
    let settings = RequestSettings {
        model_id: "anthropic.claude-3-haiku-20240307-v1:0",
        max_output_tokens: 800,
        guardrail: Some(&guardrail),
    };
    let call = converse_request(&client(), &settings, &request).unwrap();
    let input = call.as_input();
    assert_eq!(
        input.get_model_id().as_deref(),
        Some("anthropic.claude-3-haiku-20240307-v1:0")
    );
    let tools = input.get_tool_config().as_ref().expect("toolConfig");
    let [Tool::ToolSpec(spec)] = tools.tools() else {
        panic!("exactly one tool spec: {tools:?}");
    };
    assert_eq!(spec.name(), "post_call_summary");
    let Some(ToolInputSchema::Json(document)) = spec.input_schema().cloned() else {
        panic!("a JSON input schema: {spec:?}");
    };
    assert_eq!(to_json(&document), schema, "the schema goes as it is");
    let Some(ToolChoice::Tool(choice)) = tools.tool_choice() else {
        panic!("the tool is forced: {tools:?}");
    };
    assert_eq!(choice.name(), "post_call_summary");

    let system = input.get_system().as_deref().unwrap_or_default();
    assert!(matches!(system, [SystemContentBlock::Text(text)] if text == "You summarise."));
    let messages = input.get_messages().as_deref().unwrap_or_default();
    let roles: Vec<&ConversationRole> = messages.iter().map(|m| m.role()).collect();
    assert_eq!(
        roles,
        [
            &ConversationRole::User,
            &ConversationRole::Assistant,
            &ConversationRole::User
        ]
    );
    let inference = input.get_inference_config().as_ref().expect("inferenceConfig");
    assert_eq!(inference.max_tokens(), Some(800));
    assert_eq!(inference.temperature(), Some(0.0));
    let applied = input.get_guardrail_config().as_ref().expect("guardrailConfig");
    assert_eq!(
        (applied.guardrail_identifier(), applied.guardrail_version()),
        ("gr-abc123", "2")
    );

    // Without a guardrail, none is sent; consecutive user turns share one message.
    let turns = [
        Turn::user("a".into()),
        Turn::assistant(" ".into()),
        Turn::user("b".into()),
    ];
    let request = ModelRequest {
        turns: &turns,
        ..request
    };
    let settings = RequestSettings {
        guardrail: None,
        ..settings
    };
    let call = converse_request(&client(), &settings, &request).unwrap();
    assert!(call.as_input().get_guardrail_config().is_none());
    let messages = call.as_input().get_messages().clone().unwrap_or_default();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].content().len(), 2);

    // Llama refuses a forced tool: it gets the same tool with `auto`.
    let settings = RequestSettings {
        model_id: "us.meta.llama3-1-70b-instruct-v1:0",
        ..settings
    };
    let call = converse_request(&client(), &settings, &request).unwrap();
    let tools = call.as_input().get_tool_config().clone().expect("toolConfig");
    assert!(
        matches!(tools.tool_choice(), Some(ToolChoice::Auto(_))),
        "{tools:?}"
    );
    assert_eq!(tools.tools().len(), 1);
}

fn answer(blocks: Vec<ContentBlock>, stop: StopReason) -> ConverseOutput {
    let message = Message::builder()
        .role(ConversationRole::Assistant)
        .set_content(Some(blocks))
        .build()
        .unwrap();
    ConverseOutput::builder()
        .output(ConverseAnswer::Message(message))
        .stop_reason(stop)
        .usage(
            aws_sdk_bedrockruntime::types::TokenUsage::builder()
                .input_tokens(1200)
                .output_tokens(150)
                .total_tokens(1350)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

#[test]
fn the_answer_is_the_tools_input_with_the_usage() {
    let input = json!({"answer": "Router replaced.", "score": 0.5, "n": -3, "big": 7});
    let tool_use = ToolUseBlock::builder()
        .tool_use_id("tooluse_1")
        .name("post_call_summary")
        .input(to_document(&input))
        .build()
        .unwrap();
    let output = answer(
        vec![
            ContentBlock::Text("Here is the summary.".into()),
            ContentBlock::ToolUse(tool_use),
        ],
        StopReason::ToolUse,
    );
    let completion = read_answer(&output, "post_call_summary").unwrap();
    let read: serde_json::Value = serde_json::from_str(&completion.content).unwrap();
    assert_eq!(read, input);
    assert_eq!(
        (
            completion.usage.prompt_tokens,
            completion.usage.completion_tokens,
            completion.usage.requests
        ),
        (1200, 150, 1)
    );

    // A model that answered in text: its text, for the parser or the repair round.
    let output = answer(
        vec![ContentBlock::Text("{\"answer\": null}".into())],
        StopReason::EndTurn,
    );
    assert_eq!(
        read_answer(&output, "post_call_summary").unwrap().content,
        "{\"answer\": null}"
    );

    let output = answer(
        vec![ContentBlock::Text("Sorry, the model cannot answer.".into())],
        StopReason::GuardrailIntervened,
    );
    let error = read_answer(&output, "post_call_summary").unwrap_err();
    assert!(matches!(error, SummarizeError::GuardrailIntervened), "{error:?}");
    assert_eq!(FallbackCause::of(&error), FallbackCause::Guardrail);
}

#[test]
fn errors_are_told_apart_by_type() {
    let model = "amazon.nova-lite-v1:0";
    let throttled =
        ConverseError::ThrottlingException(ThrottlingException::builder().message("slow down").build());
    assert!(matches!(
        classify_service(&throttled, 429, model),
        Failed::Throttled
    ));
    let unavailable =
        ConverseError::ServiceUnavailableException(ServiceUnavailableException::builder().build());
    assert!(matches!(
        classify_service(&unavailable, 503, model),
        Failed::Unavailable(_)
    ));

    let cases = [
        (
            ConverseError::AccessDeniedException(
                AccessDeniedException::builder()
                    .message("You don't have access to the model with the specified model ID.")
                    .build(),
            ),
            403,
            FallbackCause::AccessDenied,
        ),
        (
            ConverseError::ValidationException(
                ValidationException::builder()
                    .message("Malformed input: my card 4111 1111 1111 1111")
                    .build(),
            ),
            400,
            FallbackCause::InvalidRequest,
        ),
        (
            ConverseError::ModelTimeoutException(ModelTimeoutException::builder().build()),
            408,
            FallbackCause::ModelTimeout,
        ),
    ];
    for (error, status, cause) in cases {
        let Failed::Error(error) = classify_service(&error, status, model) else {
            panic!("{cause:?} is not retried");
        };
        assert_eq!(FallbackCause::of(&error), cause, "{error}");
        let text = error.to_string();
        assert!(text.contains(model) && !text.contains("4111"), "{text}");
    }

    // An error type this SDK does not know: by its status.
    let unknown = |code: &str| ConverseError::generic(ErrorMetadata::builder().code(code).build());
    assert!(matches!(
        classify_service(&unknown("SlowDown"), 429, model),
        Failed::Throttled
    ));
    assert!(matches!(
        classify_service(&unknown("Oops"), 502, model),
        Failed::Unavailable(_)
    ));
    let Failed::Error(error) = classify_service(&unknown("Nope"), 400, model) else {
        panic!("a 400 is not retried");
    };
    assert!(error.to_string().contains("400, Nope"), "{error}");
    let Failed::Error(error) = classify_service(&unknown("has spaces 4111"), 400, model) else {
        panic!("a 400 is not retried");
    };
    assert!(!error.to_string().contains("4111"), "{error}");
}

/// Runs `script` (one failure or success per attempt) through the retry core as `complete` does.
async fn run(
    script: Vec<Option<Failed>>,
    policy: &RetryPolicy,
    budget: Duration,
) -> (Result<Completion, SummarizeError>, usize) {
    let script = std::sync::Mutex::new(script.into_iter());
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let outcome = with_retries(policy, Deadline::after(budget), "test", |_| {
        calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let next = script.lock().unwrap().next().flatten();
        async move {
            match next {
                None => Attempt::Done(Completion::default()),
                Some(Failed::Error(error)) => Attempt::Fatal(Failed::Error(error)),
                Some(failed) => Attempt::Retry {
                    error: failed,
                    retry_after: None,
                },
            }
        }
    })
    .await
    .map_err(give_up_error);
    (outcome, calls.into_inner())
}

fn throttled(n: usize) -> Vec<Option<Failed>> {
    (0..n).map(|_| Some(Failed::Throttled)).collect()
}

#[tokio::test]
async fn throttling_and_outages_are_retried_then_reported_by_cause() {
    let policy = RetryPolicy::new(3, Duration::from_millis(1), Duration::from_millis(2));
    let budget = Duration::from_secs(5);
    let (outcome, calls) = run(vec![Some(Failed::Throttled), None], &policy, budget).await;
    assert!(
        outcome.is_ok() && calls == 2,
        "throttling then success: {outcome:?}"
    );

    let (outcome, calls) = run(throttled(3), &policy, budget).await;
    let error = outcome.unwrap_err();
    assert_eq!(
        (FallbackCause::of(&error), calls),
        (FallbackCause::RateLimited, 3)
    );

    let unavailable = || Some(Failed::Unavailable("ServiceUnavailableException"));
    let (outcome, calls) = run(vec![unavailable(), unavailable(), unavailable()], &policy, budget).await;
    let error = outcome.unwrap_err();
    assert!(
        matches!(&error, SummarizeError::Upstream(m) if m.contains("all 3 attempts")),
        "{error}"
    );
    assert_eq!(calls, 3);

    let denied = Some(Failed::Error(SummarizeError::AccessDenied("denied".into())));
    let (outcome, calls) = run(vec![denied], &policy, budget).await;
    assert_eq!(
        (FallbackCause::of(&outcome.unwrap_err()), calls),
        (FallbackCause::AccessDenied, 1)
    );

    // No time left for the wait: given up at once, as rate limited.
    let slow = RetryPolicy::new(3, Duration::from_secs(10), Duration::from_secs(10));
    let (outcome, _) = run(throttled(3), &slow, Duration::from_millis(200)).await;
    let error = outcome.unwrap_err();
    assert!(matches!(error, SummarizeError::RateLimited { .. }), "{error:?}");
}
