//! The Converse request (system prompt, messages, `maxTokens`, the one tool whose input schema is
//! the answer's JSON schema, forced by `toolChoice`, the guardrail) and the reading of its
//! answer: the tool's input as JSON text, `stopReason`, and the token usage.

use std::collections::HashMap;

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::operation::converse::ConverseOutput;
use aws_sdk_bedrockruntime::operation::converse::builders::ConverseFluentBuilder;
use aws_sdk_bedrockruntime::types::{
    AutoToolChoice, ContentBlock, ConversationRole, ConverseOutput as ConverseAnswer, GuardrailConfiguration,
    InferenceConfiguration, Message, SpecificToolChoice, StopReason, SystemContentBlock, Tool, ToolChoice,
    ToolConfiguration, ToolInputSchema, ToolSpecification,
};
use aws_smithy_types::{Document, Number};
use serde_json::Value;

use super::super::config::GuardrailConfig;
use super::super::model::{Completion, ModelRequest, Role};
use crate::summary::{SummarizeError, TokenUsage};

/// What the model is told the one tool is for.
const TOOL_DESCRIPTION: &str =
    "Records the answer. Call it exactly once, with the whole answer as its input.";

/// Whether Converse lets `model_id` be forced to call one tool. Meta's Llama models take tools
/// but refuse a forced `toolChoice` (ValidationException): they get `auto`, with the one tool and
/// the prompt asking for it; an answer in text instead goes to the repair round.
pub(super) fn forces_a_tool(model_id: &str) -> bool {
    !model_id.contains("meta.llama")
}

/// What a request is sent with besides its messages.
pub(super) struct RequestSettings<'a> {
    pub model_id: &'a str,
    pub max_output_tokens: i32,
    pub guardrail: Option<&'a GuardrailConfig>,
}

/// The Converse call for `request`, ready to send (and to send again: it is cloned per attempt).
pub(super) fn converse_request(
    client: &Client,
    settings: &RequestSettings<'_>,
    request: &ModelRequest<'_>,
) -> Result<ConverseFluentBuilder, SummarizeError> {
    // Builder errors name a missing field, never content.
    let build_error = |e: aws_sdk_bedrockruntime::error::BuildError| {
        SummarizeError::Upstream(format!("cannot build the Bedrock request: {e}"))
    };
    let tool = ToolSpecification::builder()
        .name(request.schema_name)
        .description(TOOL_DESCRIPTION)
        .input_schema(ToolInputSchema::Json(to_document(request.schema)))
        .build()
        .map_err(build_error)?;
    let choice = if forces_a_tool(settings.model_id) {
        let forced = SpecificToolChoice::builder()
            .name(request.schema_name)
            .build()
            .map_err(build_error)?;
        ToolChoice::Tool(forced)
    } else {
        ToolChoice::Auto(AutoToolChoice::builder().build())
    };
    let tools = ToolConfiguration::builder()
        .tools(Tool::ToolSpec(tool))
        .tool_choice(choice)
        .build()
        .map_err(build_error)?;
    let inference = InferenceConfiguration::builder()
        .max_tokens(settings.max_output_tokens)
        .temperature(0.0)
        .build();
    let mut call = client
        .converse()
        .model_id(settings.model_id)
        .system(SystemContentBlock::Text(request.system.to_owned()))
        .set_messages(Some(messages(request).map_err(build_error)?))
        .inference_config(inference)
        .tool_config(tools);
    if let Some(guardrail) = settings.guardrail {
        call = call.guardrail_config(
            GuardrailConfiguration::builder()
                .guardrail_identifier(&guardrail.id)
                .guardrail_version(&guardrail.version)
                .build(),
        );
    }
    Ok(call)
}

/// The turns as Converse messages. Converse wants the roles to alternate and no blank text, so
/// consecutive turns of one role share a message and empty turns are left out.
fn messages(request: &ModelRequest<'_>) -> Result<Vec<Message>, aws_sdk_bedrockruntime::error::BuildError> {
    let mut grouped: Vec<(Role, Vec<ContentBlock>)> = Vec::new();
    for turn in request.turns.iter().filter(|t| !t.content.trim().is_empty()) {
        let block = ContentBlock::Text(turn.content.clone());
        match grouped.last_mut() {
            Some((role, blocks)) if *role == turn.role => blocks.push(block),
            _ => grouped.push((turn.role, vec![block])),
        }
    }
    grouped
        .into_iter()
        .map(|(role, blocks)| {
            let role = match role {
                Role::User => ConversationRole::User,
                Role::Assistant => ConversationRole::Assistant,
            };
            Message::builder().role(role).set_content(Some(blocks)).build()
        })
        .collect()
}

/// The answer: the input of the tool called `tool_name` as JSON text (a model that answered in
/// text instead gets its text, which the parser reads or the repair round corrects), and the
/// usage. A guardrail's intervention is an error of its own: what it let through is no summary.
pub(super) fn read_answer(output: &ConverseOutput, tool_name: &str) -> Result<Completion, SummarizeError> {
    if *output.stop_reason() == StopReason::GuardrailIntervened {
        return Err(SummarizeError::GuardrailIntervened);
    }
    let usage = output.usage().map_or(
        TokenUsage {
            requests: 1,
            ..TokenUsage::default()
        },
        |usage| TokenUsage {
            prompt_tokens: u64::try_from(usage.input_tokens()).unwrap_or(0),
            completion_tokens: u64::try_from(usage.output_tokens()).unwrap_or(0),
            requests: 1,
        },
    );
    let content = match output.output() {
        Some(ConverseAnswer::Message(message)) => answer_text(message.content(), tool_name),
        _ => String::new(),
    };
    Ok(Completion { content, usage })
}

fn answer_text(blocks: &[ContentBlock], tool_name: &str) -> String {
    let tool_input = blocks.iter().find_map(|block| match block {
        ContentBlock::ToolUse(tool_use) if tool_use.name() == tool_name => Some(tool_use.input()),
        _ => None,
    });
    if let Some(input) = tool_input {
        return to_json(input).to_string();
    }
    blocks
        .iter()
        .filter_map(|block| match block {
            ContentBlock::Text(text) => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("")
}

/// A JSON value as the SDK's document type.
pub(super) fn to_document(value: &Value) -> Document {
    match value {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => Document::Number(match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Number::PosInt(u),
            (None, Some(i)) => Number::NegInt(i),
            // serde_json numbers are finite, so this is never the default.
            (None, None) => Number::Float(n.as_f64().unwrap_or_default()),
        }),
        Value::String(s) => Document::String(s.clone()),
        Value::Array(items) => Document::Array(items.iter().map(to_document).collect()),
        Value::Object(members) => Document::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_document(v)))
                .collect::<HashMap<_, _>>(),
        ),
    }
}

/// The SDK's document as a JSON value (a float JSON cannot hold becomes null).
pub(super) fn to_json(document: &Document) -> Value {
    match document {
        Document::Null => Value::Null,
        Document::Bool(b) => Value::Bool(*b),
        Document::Number(Number::PosInt(u)) => Value::from(*u),
        Document::Number(Number::NegInt(i)) => Value::from(*i),
        Document::Number(Number::Float(f)) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        Document::String(s) => Value::String(s.clone()),
        Document::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Document::Object(members) => {
            Value::Object(members.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}
