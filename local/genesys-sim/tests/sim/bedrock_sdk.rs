//! The AWS SDK for Bedrock Runtime against the Converse endpoint, through its endpoint override:
//! it signs the request, and reads the answers, the exceptions and a guardrail's trace.

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::config::retry::RetryConfig;
use aws_sdk_bedrockruntime::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_bedrockruntime::error::ProvideErrorMetadata;
use aws_sdk_bedrockruntime::operation::converse::ConverseError;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, GuardrailConfiguration, GuardrailTrace, InferenceConfiguration, Message,
    SpecificToolChoice, StopReason, SystemContentBlock, Tool, ToolChoice, ToolConfiguration, ToolInputSchema,
    ToolSpecification,
};
use aws_smithy_types::{Document, Number};
use serde_json::{Value, json};

use crate::common::Ctx;
use crate::llm_summary::{CALL, summary_schema};

const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_bedrockruntime::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "test"))
        .endpoint_url(&ctx.sim.base_url)
        // Each exception as the simulator answered it, not the SDK's retries.
        .retry_config(RetryConfig::disabled())
        .build();
    Client::from_conf(config)
}

fn document(v: &Value) -> Document {
    match v {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Document::Number(Number::PosInt(u)),
            (_, Some(i)) => Document::Number(Number::NegInt(i)),
            _ => Document::Number(Number::Float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => Document::String(s.clone()),
        Value::Array(items) => Document::Array(items.iter().map(document).collect()),
        Value::Object(o) => Document::Object(o.iter().map(|(k, v)| (k.clone(), document(v))).collect()),
    }
}

fn request(client: &Client) -> aws_sdk_bedrockruntime::operation::converse::builders::ConverseFluentBuilder {
    let spec = ToolSpecification::builder()
        .name("post_call_summary")
        .description("Record the post-call summary.")
        .input_schema(ToolInputSchema::Json(document(&summary_schema())))
        .build()
        .unwrap();
    let tools = ToolConfiguration::builder()
        .tools(Tool::ToolSpec(spec))
        .tool_choice(ToolChoice::Tool(
            SpecificToolChoice::builder()
                .name("post_call_summary")
                .build()
                .unwrap(),
        ))
        .build()
        .unwrap();
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(CALL.to_owned()))
        .build()
        .unwrap();
    client
        .converse()
        .model_id(MODEL)
        .system(SystemContentBlock::Text(
            "Write the executiveSummary in at most 3 sentences.".into(),
        ))
        .messages(message)
        .inference_config(
            InferenceConfiguration::builder()
                .max_tokens(800)
                .temperature(0.0)
                .build(),
        )
        .tool_config(tools)
}

#[tokio::test]
async fn the_sdk_reads_the_tool_use_and_the_usage() {
    let ctx = Ctx::start().await;
    let output = request(&client(&ctx)).send().await.unwrap();
    assert_eq!(output.stop_reason(), &StopReason::ToolUse);
    let usage = output.usage().unwrap();
    assert!(usage.input_tokens() > 200 && usage.output_tokens() > 20);
    assert_eq!(usage.total_tokens(), usage.input_tokens() + usage.output_tokens());
    let message = output.output().unwrap().as_message().unwrap();
    let ContentBlock::ToolUse(tool_use) = &message.content()[0] else {
        panic!("no tool use: {message:?}");
    };
    assert_eq!(tool_use.name(), "post_call_summary");
    assert!(tool_use.tool_use_id().starts_with("tooluse_"));
    let Document::Object(input) = tool_use.input() else {
        panic!("input: {:?}", tool_use.input());
    };
    assert!(input.contains_key("executiveSummary") && input.contains_key("actionItems"));

    // Signed, and the model id (percent-encoded in the path) read back whole.
    let requests: Value = reqwest::get(ctx.url("/_sim/bedrock/requests"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(requests[0]["modelId"], MODEL);
    assert_eq!(requests[0]["authorization"], "AWS4-HMAC-SHA256");
    assert_eq!(
        requests[0]["body"]["toolConfig"]["toolChoice"],
        json!({"tool": {"name": "post_call_summary"}})
    );
    assert_eq!(
        requests[0]["body"]["toolConfig"]["tools"][0]["toolSpec"]["inputSchema"]["json"],
        summary_schema()
    );
}

#[tokio::test]
async fn the_sdk_reads_each_exception() {
    let ctx = Ctx::start().await;
    let client = client(&ctx);
    for (mode, check) in [
        (
            "rate_limited",
            (|e| e.is_throttling_exception()) as fn(&ConverseError) -> bool,
        ),
        ("service_unavailable", |e| e.is_service_unavailable_exception()),
        ("access_denied", |e| e.is_access_denied_exception()),
        ("validation", |e| e.is_validation_exception()),
        ("model_timeout", |e| e.is_model_timeout_exception()),
    ] {
        ctx.faults(json!({"llm": {"mode": mode, "count": 1}})).await;
        let error = request(&client).send().await.unwrap_err().into_service_error();
        assert!(check(&error), "{mode}: {error:?}");
        assert!(error.message().is_some_and(|m| !m.is_empty()), "{mode}");
    }
}

#[tokio::test]
async fn the_sdk_reads_a_guardrails_intervention_and_trace() {
    let ctx = Ctx::start().await;
    ctx.faults(json!({"llm": {"mode": "guardrail_intervened"}})).await;
    let guardrail = GuardrailConfiguration::builder()
        .guardrail_identifier("gr-wrapup")
        .guardrail_version("1")
        .trace(GuardrailTrace::Enabled)
        .build();
    let output = request(&client(&ctx))
        .guardrail_config(guardrail)
        .send()
        .await
        .unwrap();
    assert_eq!(output.stop_reason(), &StopReason::GuardrailIntervened);
    let message = output.output().unwrap().as_message().unwrap();
    assert!(matches!(&message.content()[0], ContentBlock::Text(t) if t.starts_with("Sorry")));
    let assessment = output.trace().and_then(|t| t.guardrail()).unwrap();
    assert!(assessment.input_assessment().unwrap().contains_key("gr-wrapup"));
}
