//! A Converse request, checked as Bedrock checks it (the message of its 400 ValidationException
//! on the first problem) and turned into the chat-completions body the OpenAI endpoint answers,
//! so both endpoints give the same deterministic answers.

use std::collections::BTreeSet;

use serde_json::{Value, json};

pub use super::config::{Guardrail, Tool};
use super::config::{guardrail, tool_config, union_member};

/// What answering a valid Converse request needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Converse {
    /// The tool the answer calls: the forced one, else the first.
    pub tool: Option<Tool>,
    pub guardrail: Option<Guardrail>,
    /// The equivalent chat-completions request: same prompt, token limit and schema.
    pub chat: Value,
    /// Characters of the prompt, tool definitions included (Bedrock bills them as input).
    pub prompt_chars: usize,
}

const ALTERNATE: &str = "A conversation must alternate between user and assistant roles. Make sure the \
                         conversation alternates between user and assistant roles and try again.";
const START_WITH_USER: &str = "A conversation must start with a user message. Try again with a \
                               conversation that starts with a user message.";
const CONTENT_BLOCKS: &[&str] = &[
    "text",
    "image",
    "document",
    "video",
    "toolUse",
    "toolResult",
    "guardContent",
    "cachePoint",
    "reasoningContent",
];
const SYSTEM_BLOCKS: &[&str] = &["text", "guardContent", "cachePoint"];

/// Checks `body` (sent to `/model/{model_id}/converse`) and reads what the answer needs.
pub fn parse(model_id: &str, body: &Value) -> Result<Converse, String> {
    if model_id.is_empty() || model_id.len() > 2048 || model_id.contains(char::is_whitespace) {
        return Err("The provided model identifier is invalid.".into());
    }
    let body = body
        .as_object()
        .ok_or("Malformed input request, please reformat your input and try again.")?;
    let system = system_text(body.get("system"))?;
    let max_tokens = inference_config(body.get("inferenceConfig"))?;
    let (messages, uses_tools) = messages(body.get("messages"))?;
    let tool = match body.get("toolConfig") {
        Some(config) => tool_config(model_id, config)?,
        None if uses_tools => {
            return Err(
                "The toolConfig field must be defined when using toolUse and toolResult content blocks."
                    .into(),
            );
        }
        None => None,
    };
    let guardrail = body.get("guardrailConfig").map(guardrail).transpose()?;

    let mut chat_messages = Vec::new();
    if !system.is_empty() {
        chat_messages.push(json!({"role": "system", "content": system}));
    }
    chat_messages.extend(
        messages
            .iter()
            .map(|(role, text)| json!({"role": role, "content": text})),
    );
    let mut chat = json!({"model": model_id, "messages": chat_messages});
    if let Some(max_tokens) = max_tokens {
        chat["max_tokens"] = json!(max_tokens);
    }
    if let Some(tool) = &tool {
        chat["response_format"] = json!({"type": "json_schema",
            "json_schema": {"name": tool.name, "strict": true, "schema": tool.schema}});
    }
    let prompt_chars = system.len()
        + messages.iter().map(|(_, text)| text.len()).sum::<usize>()
        + body.get("toolConfig").map_or(0, |c| c.to_string().len());
    Ok(Converse {
        tool,
        guardrail,
        chat,
        prompt_chars,
    })
}

fn text_block(v: &Value, at: &str, what: &str) -> Result<String, String> {
    match v.as_str() {
        Some(text) if !text.trim().is_empty() => Ok(text.to_owned()),
        Some(_) => Err(format!(
            "The text field in the {what} object at {at} is blank. Add text to the text field, and try again."
        )),
        None => Err(format!("{at}.text: must be a string")),
    }
}

/// The system prompt's text blocks, joined.
fn system_text(system: Option<&Value>) -> Result<String, String> {
    let Some(system) = system else {
        return Ok(String::new());
    };
    let blocks = system.as_array().ok_or("system: must be an array")?;
    let mut texts = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let at = format!("system.{i}");
        if let ("text", text) = union_member(block, &at, SYSTEM_BLOCKS)? {
            texts.push(text_block(text, &at, "SystemContentBlock")?);
        }
    }
    Ok(texts.join("\n"))
}

fn unit_interval(v: &Value, at: &str) -> Result<(), String> {
    match v.as_f64() {
        Some(x) if (0.0..=1.0).contains(&x) => Ok(()),
        _ => Err(format!(
            "Value '{v}' at '{at}' failed to satisfy constraint: Member must have value between 0 and 1"
        )),
    }
}

/// `inferenceConfig`: its `maxTokens`.
fn inference_config(config: Option<&Value>) -> Result<Option<u64>, String> {
    let Some(config) = config else {
        return Ok(None);
    };
    let config = config.as_object().ok_or("inferenceConfig: must be an object")?;
    if let Some(t) = config.get("temperature") {
        unit_interval(t, "inferenceConfig.temperature")?;
    }
    if let Some(p) = config.get("topP") {
        unit_interval(p, "inferenceConfig.topP")?;
    }
    if let Some(stops) = config.get("stopSequences")
        && !stops.as_array().is_some_and(|s| s.iter().all(Value::is_string))
    {
        return Err("inferenceConfig.stopSequences: must be an array of strings".into());
    }
    config
        .get("maxTokens")
        .map(|n| {
            n.as_u64().filter(|&n| n >= 1).ok_or_else(|| {
                format!(
                    "Value '{n}' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member \
                     must have value greater than or equal to 1"
                )
            })
        })
        .transpose()
}

/// (role, the text of its text blocks) of each message.
type Turns<'a> = Vec<(&'a str, String)>;

/// The messages as (role, text of their text blocks), and whether they hold tool blocks. Roles
/// alternate from a user message; each tool use is answered by a tool result in the next message.
fn messages(messages: Option<&Value>) -> Result<(Turns<'_>, bool), String> {
    let messages = messages.ok_or(
        "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member \
         must not be null",
    )?;
    let messages = messages.as_array().ok_or("messages: must be an array")?;
    let mut out = Vec::new();
    let mut uses_tools = false;
    // The ids of the previous assistant message's tool uses, waiting for their results.
    let mut pending: BTreeSet<String> = BTreeSet::new();
    for (i, message) in messages.iter().enumerate() {
        let role = message.get("role").and_then(Value::as_str).unwrap_or_default();
        if !["user", "assistant"].contains(&role) {
            return Err(format!(
                "Value '{role}' at 'messages.{i}.member.role' failed to satisfy constraint: Member \
                 must satisfy enum value set: [user, assistant]"
            ));
        }
        let expected = if i % 2 == 0 { "user" } else { "assistant" };
        if role != expected {
            return Err(if i == 0 { START_WITH_USER } else { ALTERNATE }.into());
        }
        let content = message
            .get("content")
            .and_then(Value::as_array)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                format!(
                    "The content field in the Message object at messages.{i} is empty. Add a \
                     ContentBlock object to the content field and try again."
                )
            })?;
        let mut texts = Vec::new();
        let mut results = BTreeSet::new();
        let mut uses = BTreeSet::new();
        for (j, block) in content.iter().enumerate() {
            let at = format!("messages.{i}.content.{j}");
            match union_member(block, &at, CONTENT_BLOCKS)? {
                ("text", text) => texts.push(text_block(text, &at, "ContentBlock")?),
                ("toolUse", tool_use) if role == "assistant" => {
                    uses.insert(tool_use_id(tool_use, &format!("{at}.toolUse"))?);
                    if !tool_use.get("name").is_some_and(Value::is_string) || tool_use.get("input").is_none()
                    {
                        return Err(format!("{at}.toolUse: name and input are required"));
                    }
                }
                ("toolResult", result) if role == "user" => {
                    results.insert(tool_use_id(result, &format!("{at}.toolResult"))?);
                    if !result.get("content").is_some_and(Value::is_array) {
                        return Err(format!("{at}.toolResult.content: must be an array"));
                    }
                }
                ("toolUse" | "toolResult", _) => {
                    return Err(format!("{at}: a {role} message cannot hold this content block"));
                }
                _ => {}
            }
        }
        uses_tools |= !uses.is_empty() || !results.is_empty();
        if let Some(unknown) = results.difference(&pending).next() {
            return Err(format!(
                "The toolResult block at messages.{i}.content for the Id {unknown} has no toolUse \
                 block in the previous turn."
            ));
        }
        let missing: Vec<&str> = pending.difference(&results).map(String::as_str).collect();
        if !missing.is_empty() {
            return Err(format!(
                "Expected toolResult blocks at messages.{i}.content for the following Ids: {}",
                missing.join(", ")
            ));
        }
        pending = uses;
        out.push((role, texts.join("\n")));
    }
    if out.is_empty() {
        return Err(START_WITH_USER.into());
    }
    if !pending.is_empty() {
        return Err(format!(
            "Expected toolResult blocks at messages.{} for the following Ids: {}",
            out.len(),
            pending.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    Ok((out, uses_tools))
}

fn tool_use_id(block: &Value, at: &str) -> Result<String, String> {
    block
        .get("toolUseId")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| format!("{at}.toolUseId: must be a non-empty string"))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in super::super) const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";

    pub(in super::super) fn schema() -> Value {
        json!({"type": "object", "required": ["verdict"], "properties": {"verdict": {"type": "string"}}})
    }

    pub(in super::super) fn valid() -> Value {
        json!({
            "system": [{"text": "Judge it in at most 2 sentences."}],
            "messages": [{"role": "user", "content": [{"text": "agent: Hello there, welcome."}]}],
            "inferenceConfig": {"maxTokens": 300, "temperature": 0},
            "toolConfig": {
                "tools": [{"toolSpec": {"name": "verdict", "description": "The verdict.",
                           "inputSchema": {"json": schema()}}}],
                "toolChoice": {"tool": {"name": "verdict"}}
            }
        })
    }

    fn rejected(body: Value) -> String {
        parse(MODEL, &body).expect_err("rejected")
    }

    #[test]
    fn a_valid_request_becomes_the_equivalent_chat_request() {
        let converse = parse(MODEL, &valid()).unwrap();
        assert_eq!(
            converse.tool,
            Some(Tool {
                name: "verdict".into(),
                schema: schema()
            })
        );
        assert_eq!(converse.guardrail, None);
        assert_eq!(
            converse.chat,
            json!({"model": MODEL, "max_tokens": 300,
                "messages": [{"role": "system", "content": "Judge it in at most 2 sentences."},
                             {"role": "user", "content": "agent: Hello there, welcome."}],
                "response_format": {"type": "json_schema",
                    "json_schema": {"name": "verdict", "strict": true, "schema": schema()}}})
        );
        assert!(converse.prompt_chars > 60, "{}", converse.prompt_chars);
    }

    #[test]
    fn a_repair_round_answers_the_tool_use_with_its_result() {
        let mut body = valid();
        body["messages"] = json!([
            {"role": "user", "content": [{"text": "agent: Hello there, welcome."}]},
            {"role": "assistant", "content": [{"toolUse": {"toolUseId": "tooluse_1", "name": "verdict", "input": {}}}]},
            {"role": "user", "content": [
                {"toolResult": {"toolUseId": "tooluse_1", "status": "error", "content": [{"text": "verdict is missing"}]}},
                {"text": "Call the tool again with a valid input."}]}
        ]);
        let converse = parse(MODEL, &body).unwrap();
        assert_eq!(converse.chat["messages"].as_array().unwrap().len(), 4);
        assert_eq!(
            converse.chat["messages"][3]["content"],
            "Call the tool again with a valid input."
        );

        body["messages"][2]["content"] = json!([{"text": "try again"}]);
        assert!(rejected(body.clone()).contains("Expected toolResult blocks at messages.2.content"));
        body["messages"][2]["content"] =
            json!([{"toolResult": {"toolUseId": "tooluse_9", "content": [{"text": "x"}]}}]);
        assert!(rejected(body.clone()).contains("tooluse_9"));
        body.as_object_mut().unwrap().remove("toolConfig");
        body["messages"][2]["content"] =
            json!([{"toolResult": {"toolUseId": "tooluse_1", "content": [{"text": "x"}]}}]);
        assert!(rejected(body).contains("toolConfig field must be defined"));
    }

    #[test]
    fn what_bedrock_rejects_is_rejected_naming_the_problem() {
        let with = |pointer: &str, value: Value| {
            let mut body = valid();
            *body.pointer_mut(pointer).unwrap() = value;
            rejected(body)
        };
        let mut no_messages = valid();
        no_messages.as_object_mut().unwrap().remove("messages");
        assert!(rejected(no_messages).contains("Value null at 'messages'"));
        assert!(with("/messages", json!([])).contains("must start with a user message"));
        assert!(with("/messages/0/role", json!("assistant")).contains("must start with a user message"));
        assert!(with("/messages/0/role", json!("system")).contains("[user, assistant]"));
        assert!(with("/messages/0/content", json!([])).contains("messages.0 is empty"));
        assert!(with("/messages/0/content/0/text", json!("  ")).contains("is blank"));
        assert!(with("/messages/0/content/0", json!({"text": "a", "image": {}})).contains("exactly one"));
        assert!(
            with(
                "/messages",
                json!([{"role": "user", "content": [{"text": "a"}]},
                                     {"role": "user", "content": [{"text": "b"}]}])
            )
            .contains("must alternate")
        );
        assert!(with("/system/0/text", json!("")).contains("SystemContentBlock"));
        assert!(with("/inferenceConfig/maxTokens", json!(0)).contains("inferenceConfig.maxTokens"));
        assert!(with("/inferenceConfig/temperature", json!(1.5)).contains("inferenceConfig.temperature"));
        assert!(with("/toolConfig/tools", json!([])).contains("toolConfig.tools"));
        assert!(with("/toolConfig/tools/0/toolSpec/name", json!("a summary")).contains("toolSpec.name"));
        assert!(
            with(
                "/toolConfig/tools/0/toolSpec/inputSchema",
                json!({"json": {"type": "string"}})
            )
            .contains("must be object")
        );
        assert!(
            with("/toolConfig/toolChoice", json!({"tool": {"name": "other"}}))
                .contains("'other' in toolConfig.toolChoice.tool")
        );
        assert!(with("/toolConfig/toolChoice", json!({"required": {}})).contains("toolChoice"));
        assert!(rejected(json!([])).contains("Malformed input request"));
        let mut guarded = valid();
        guarded["guardrailConfig"] = json!({"guardrailIdentifier": "gr-1", "guardrailVersion": "v1"});
        assert!(rejected(guarded.clone()).contains("guardrailVersion"));
        guarded["guardrailConfig"]["guardrailVersion"] = json!("DRAFT");
        guarded["guardrailConfig"]["trace"] = json!("enabled");
        let guardrail = parse(MODEL, &guarded).unwrap().guardrail.unwrap();
        assert_eq!((guardrail.identifier.as_str(), guardrail.trace), ("gr-1", true));
        assert!(parse(" ", &valid()).unwrap_err().contains("model identifier"));
    }
}
