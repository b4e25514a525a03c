//! The Bedrock Converse endpoint (`POST /model/{modelId}/converse`): Bedrock's shapes with the
//! OpenAI endpoint's summaries, the requests Bedrock rejects, the faults and the request log.

use std::time::{Duration, Instant};

use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

use crate::common::Ctx;
use crate::llm_summary::{CALL, summary_schema};

const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";
/// The model id as the AWS SDK puts it in the path.
const MODEL_IN_PATH: &str = "anthropic.claude-3-haiku-20240307-v1%3A0";
const SIGNATURE: &str = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250609/us-east-1/bedrock/aws4_request, \
                         SignedHeaders=host;x-amz-date, Signature=0123abcd";
const TOOL: &str = "post_call_summary";

/// A summary request as a Converse client sends it: the schema as the one tool, forced.
fn converse_request() -> Value {
    json!({
        "system": [{"text": "Write the executiveSummary in at most 3 sentences."}],
        "messages": [{"role": "user", "content": [{"text": CALL}]}],
        "inferenceConfig": {"maxTokens": 800, "temperature": 0},
        "toolConfig": {
            "tools": [{"toolSpec": {"name": TOOL, "description": "Record the post-call summary.",
                                    "inputSchema": {"json": summary_schema()}}}],
            "toolChoice": {"tool": {"name": TOOL}}
        }
    })
}

async fn converse(ctx: &Ctx, body: &Value) -> Response {
    ctx.http
        .post(ctx.url(&format!("/model/{MODEL_IN_PATH}/converse")))
        .header("authorization", SIGNATURE)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A 200 answer's body.
async fn answered(ctx: &Ctx, body: &Value) -> Value {
    let r = converse(ctx, body).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().contains_key("x-amzn-requestid"));
    r.json().await.unwrap()
}

/// The exception's name (`x-amzn-ErrorType`) and message of an error answer.
async fn exception(r: Response, status: u16) -> (String, String) {
    assert_eq!(r.status().as_u16(), status);
    let kind = r.headers()["x-amzn-errortype"].to_str().unwrap().to_owned();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body.as_object().unwrap().len(), 1, "only a message: {body}");
    (kind, body["message"].as_str().unwrap().to_owned())
}

fn tool_input(answer: &Value) -> &Value {
    assert_eq!(answer["stopReason"], "tool_use", "{answer:#}");
    &answer["output"]["message"]["content"][0]["toolUse"]["input"]
}

#[tokio::test]
async fn a_summary_comes_as_the_forced_tools_input_with_usage() {
    let ctx = Ctx::start().await;
    let body = converse_request();
    let answer = answered(&ctx, &body).await;
    let message = &answer["output"]["message"];
    assert_eq!(message["role"], "assistant");
    assert_eq!(message["content"].as_array().unwrap().len(), 1);
    let tool_use = &message["content"][0]["toolUse"];
    assert_eq!(tool_use["name"], TOOL);
    let id = tool_use["toolUseId"].as_str().unwrap();
    assert!(id.starts_with("tooluse_") && id.len() == 30, "{id}");
    let input = tool_input(&answer);
    assert!(jsonschema::is_valid(&summary_schema(), input), "{input:#}");
    let usage = &answer["usage"];
    let (prompt, output) = (
        usage["inputTokens"].as_u64().unwrap(),
        usage["outputTokens"].as_u64().unwrap(),
    );
    assert!(prompt > 200 && output > 20, "{usage}");
    assert_eq!(usage["totalTokens"], prompt + output);
    assert!(answer["metrics"]["latencyMs"].is_u64());

    // The same summary as the OpenAI endpoint's for the same prompt.
    let chat = json!({
        "model": "sim-model",
        "messages": [{"role": "system", "content": "Write the executiveSummary in at most 3 sentences."},
                     {"role": "user", "content": CALL}],
        "max_tokens": 800,
        "response_format": {"type": "json_schema",
            "json_schema": {"name": TOOL, "strict": true, "schema": summary_schema()}}
    });
    let r = ctx
        .http
        .post(ctx.url("/v1/chat/completions"))
        .bearer_auth("sk-test")
        .json(&chat)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    let content: Value =
        serde_json::from_str(v["choices"][0]["message"]["content"].as_str().unwrap()).unwrap();
    assert_eq!(&content, input);

    // Recorded with the model id (decoded) and the signature's scheme.
    let requests: Value = ctx.get_json("/_sim/bedrock/requests").await;
    assert_eq!(requests.as_array().unwrap().len(), 1);
    assert_eq!(requests[0]["modelId"], MODEL);
    assert_eq!(requests[0]["authorization"], "AWS4-HMAC-SHA256");
    assert_eq!(requests[0]["body"], body);
    assert!(requests[0]["receivedAt"].is_string());
    let stats = ctx.stats().await;
    assert_eq!(stats["operations"]["bedrockConverse"], 1);
    assert_eq!(stats["llmRequests"], 2);
}

#[tokio::test]
async fn a_repair_round_answers_the_tool_use_with_its_result() {
    let ctx = Ctx::start().await;
    let mut body = converse_request();
    let first = answered(&ctx, &body).await;
    let tool_use = first["output"]["message"]["content"][0]["toolUse"].clone();
    let id = tool_use["toolUseId"].clone();
    body["messages"] = json!([
        body["messages"][0],
        {"role": "assistant", "content": [{"toolUse": tool_use}]},
        {"role": "user", "content": [
            {"toolResult": {"toolUseId": id, "status": "error", "content": [{"text": "confidence is missing"}]}},
            {"text": "Call the tool again with every required field."}]}
    ]);
    let repaired = answered(&ctx, &body).await;
    assert_eq!(
        tool_input(&repaired),
        tool_input(&first),
        "the transcript is still the input"
    );

    // A tool use left without its result is what Bedrock refuses.
    body["messages"][2]["content"] = json!([{"text": "again"}]);
    let (kind, message) = exception(converse(&ctx, &body).await, 400).await;
    assert_eq!(kind, "ValidationException");
    assert!(
        message.starts_with("Expected toolResult blocks at messages.2.content"),
        "{message}"
    );
}

#[tokio::test]
async fn what_bedrock_rejects_is_a_validation_exception_and_takes_no_fault() {
    let ctx = Ctx::start().await;
    ctx.faults(json!({"llm": {"mode": "rate_limited", "count": 1}}))
        .await;
    let mut no_messages = converse_request();
    no_messages.as_object_mut().unwrap().remove("messages");
    let mut unknown_tool = converse_request();
    unknown_tool["toolConfig"]["toolChoice"] = json!({"tool": {"name": "other"}});
    let mut no_max = converse_request();
    no_max["inferenceConfig"]["maxTokens"] = json!(0);
    for (body, expected) in [
        (no_messages, "Value null at 'messages'"),
        (unknown_tool, "toolConfig.toolChoice.tool"),
        (no_max, "inferenceConfig.maxTokens"),
    ] {
        let (kind, message) = exception(converse(&ctx, &body).await, 400).await;
        assert_eq!(kind, "ValidationException");
        assert!(message.contains(expected), "{message}");
    }
    let r = ctx
        .http
        .post(ctx.url(&format!("/model/{MODEL_IN_PATH}/converse")))
        .header("authorization", SIGNATURE)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(exception(r, 400).await.0, "ValidationException");
    let unsigned = ctx
        .http
        .post(ctx.url(&format!("/model/{MODEL_IN_PATH}/converse")))
        .json(&converse_request())
        .send()
        .await
        .unwrap();
    assert_eq!(
        exception(unsigned, 403).await.0,
        "MissingAuthenticationTokenException"
    );
    // The rejected requests are recorded but left the fault for the next valid one.
    assert_eq!(
        exception(converse(&ctx, &converse_request()).await, 429).await.0,
        "ThrottlingException"
    );
    let requests: Value = ctx.get_json("/_sim/bedrock/requests").await;
    assert_eq!(requests.as_array().unwrap().len(), 6);
    assert_eq!(requests[4]["authorization"], Value::Null);
}

#[tokio::test]
async fn fault_modes_answer_bedrocks_exceptions_then_recover() {
    let ctx = Ctx::start().await;
    for (mode, status, kind, text) in [
        (
            "rate_limited",
            429,
            "ThrottlingException",
            "Too many requests, please wait before trying again.",
        ),
        (
            "service_unavailable",
            503,
            "ServiceUnavailableException",
            "Bedrock is unable to process your request.",
        ),
        (
            "access_denied",
            403,
            "AccessDeniedException",
            "You don't have access to the model with the specified model ID.",
        ),
        (
            "validation",
            400,
            "ValidationException",
            "The model returned the following errors: Input is too long for requested model.",
        ),
        (
            "model_timeout",
            408,
            "ModelTimeoutException",
            "Model has timed out in processing the request. Try your request again.",
        ),
    ] {
        ctx.faults(json!({"llm": {"mode": mode, "count": 1}})).await;
        let r = converse(&ctx, &converse_request()).await;
        assert_eq!(
            exception(r, status).await,
            (kind.to_owned(), text.to_owned()),
            "{mode}"
        );
        answered(&ctx, &converse_request()).await;
    }
}

#[tokio::test]
async fn fail_next_rules_name_the_operation_or_the_path() {
    let ctx = Ctx::start().await;
    ctx.faults(json!({"failNext": [
        {"operation": "bedrockConverse", "status": 429, "count": 2},
        {"operation": "/model/", "status": 503}
    ]}))
    .await;
    for (status, kind) in [
        (429, "ThrottlingException"),
        (429, "ThrottlingException"),
        (503, "ServiceUnavailableException"),
    ] {
        assert_eq!(
            exception(converse(&ctx, &converse_request()).await, status)
                .await
                .0,
            kind
        );
    }
    answered(&ctx, &converse_request()).await;
}

#[tokio::test]
async fn malformed_answers_miss_a_field_or_come_as_text() {
    let ctx = Ctx::start().await;
    let body = converse_request();
    ctx.faults(json!({"llm": {"mode": "malformed", "count": 1}}))
        .await;
    let answer = answered(&ctx, &body).await;
    let input = tool_input(&answer);
    assert!(input.get("executiveSummary").is_none(), "{input:#}");
    assert!(input.get("actionItems").is_some());
    assert!(!jsonschema::is_valid(&summary_schema(), input));

    ctx.faults(json!({"llm": {"mode": "text", "count": 1}})).await;
    let answer = answered(&ctx, &body).await;
    assert_eq!(answer["stopReason"], "end_turn");
    let text = answer["output"]["message"]["content"][0]["text"]
        .as_str()
        .unwrap();
    let as_json: Value = serde_json::from_str(text).unwrap();
    assert!(jsonschema::is_valid(&summary_schema(), &as_json));

    ctx.faults(json!({"llm": {"mode": "fenced", "count": 1}})).await;
    let answer = answered(&ctx, &body).await;
    let text = answer["output"]["message"]["content"][0]["text"]
        .as_str()
        .unwrap();
    assert!(text.starts_with("```json\n"), "{text}");
}

#[tokio::test]
async fn a_timeout_delays_the_answer() {
    let ctx = Ctx::start().await;
    ctx.faults(json!({"llm": {"mode": "timeout", "delayMs": 300, "count": 1}}))
        .await;
    let started = Instant::now();
    let answer = answered(&ctx, &converse_request()).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(answer["metrics"]["latencyMs"].as_u64().unwrap() >= 300);
    tool_input(&answer);
}

#[tokio::test]
async fn a_guardrail_intervenes_only_where_one_is_applied() {
    let ctx = Ctx::start().await;
    ctx.faults(json!({"llm": {"mode": "guardrail_intervened"}})).await;
    tool_input(&answered(&ctx, &converse_request()).await);

    let mut guarded = converse_request();
    guarded["guardrailConfig"] =
        json!({"guardrailIdentifier": "gr-wrapup", "guardrailVersion": "1", "trace": "enabled"});
    let answer = answered(&ctx, &guarded).await;
    assert_eq!(answer["stopReason"], "guardrail_intervened");
    assert_eq!(
        answer["output"]["message"]["content"],
        json!([{"text": "Sorry, the model cannot answer this question."}])
    );
    assert_eq!(answer["usage"]["outputTokens"], 0);
    let filters = &answer["trace"]["guardrail"]["inputAssessment"]["gr-wrapup"]["contentPolicy"]["filters"];
    assert_eq!(filters[0]["action"], "BLOCKED");

    guarded["guardrailConfig"]["trace"] = json!("disabled");
    assert!(answered(&ctx, &guarded).await.get("trace").is_none());
}

#[tokio::test]
async fn scripted_answers_follow_the_tool_name() {
    let ctx = Ctx::start().await;
    let deterministic = tool_input(&answered(&ctx, &converse_request()).await).clone();
    ctx.control(
        "/_sim/llm/script",
        json!({"schema": TOOL, "answers": [{"executiveSummary": "Scripted."}, "not json"]}),
    )
    .await;
    let first = answered(&ctx, &converse_request()).await;
    assert_eq!(tool_input(&first), &json!({"executiveSummary": "Scripted."}));
    let second = answered(&ctx, &converse_request()).await;
    assert_eq!(second["stopReason"], "end_turn");
    assert_eq!(second["output"]["message"]["content"][0]["text"], "not json");
    assert_eq!(
        tool_input(&answered(&ctx, &converse_request()).await),
        &deterministic
    );
}
