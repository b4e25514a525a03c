//! A Converse request's `toolConfig` (the tool the answer calls) and `guardrailConfig`, checked
//! as Bedrock checks them.

use serde_json::{Map, Value};

/// The tool the answer calls.
#[derive(Debug, Clone, PartialEq)]
pub struct Tool {
    pub name: String,
    pub schema: Value,
}

/// The guardrail applied to the call.
#[derive(Debug, Clone, PartialEq)]
pub struct Guardrail {
    pub identifier: String,
    /// `trace: enabled | enabled_full`: the answer carries the guardrail's assessment.
    pub trace: bool,
}

fn valid_tool_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Models that take tools but not a forced tool choice (`toolChoice.any` / `.tool`).
fn forced_choice_unsupported(model_id: &str) -> bool {
    // An inference profile's region prefix (`us.`, `eu.`, ...) or an ARN's path comes first.
    let model = model_id.rsplit('/').next().unwrap_or(model_id);
    model.starts_with("meta.") || model.contains(".meta.")
}

/// `toolConfig`: its tools and choice; the tool the answer calls.
pub(super) fn tool_config(model_id: &str, config: &Value) -> Result<Option<Tool>, String> {
    let tools = config
        .get("tools")
        .and_then(Value::as_array)
        .filter(|t| !t.is_empty())
        .ok_or(
            "Value at 'toolConfig.tools' failed to satisfy constraint: Member must have length \
             greater than or equal to 1",
        )?;
    let mut specs: Vec<Tool> = Vec::new();
    for (i, tool) in tools.iter().enumerate() {
        let at = format!("toolConfig.tools.{i}");
        let ("toolSpec", spec) = union_member(tool, &at, &["toolSpec", "cachePoint"])? else {
            continue;
        };
        let name = spec.get("name").and_then(Value::as_str).unwrap_or_default();
        if !valid_tool_name(name) {
            return Err(format!(
                "Value '{name}' at '{at}.member.toolSpec.name' failed to satisfy constraint: Member \
                 must satisfy regular expression pattern: [a-zA-Z0-9_-]+ and have length between 1 and 64"
            ));
        }
        if specs.iter().any(|t| t.name == name) {
            return Err(format!(
                "The tool name {name} is used more than once in toolConfig.tools."
            ));
        }
        if spec
            .get("description")
            .is_some_and(|d| d.as_str().is_none_or(str::is_empty))
        {
            return Err(format!("{at}.toolSpec.description: must be a non-empty string"));
        }
        let (_, schema) = union_member(
            spec.get("inputSchema").unwrap_or(&Value::Null),
            &format!("{at}.toolSpec.inputSchema"),
            &["json"],
        )?;
        if schema.get("type").and_then(Value::as_str) != Some("object") {
            return Err(format!(
                "The value at {at}.toolSpec.inputSchema.json.type must be object"
            ));
        }
        if let Err(error) = jsonschema::validator_for(schema) {
            return Err(format!(
                "{at}.toolSpec.inputSchema.json is not a valid JSON schema: {error}"
            ));
        }
        specs.push(Tool {
            name: name.to_owned(),
            schema: schema.clone(),
        });
    }
    let Some(choice) = config.get("toolChoice") else {
        return Ok(specs.into_iter().next());
    };
    match union_member(choice, "toolConfig.toolChoice", &["auto", "any", "tool"])? {
        ("auto", _) => Ok(specs.into_iter().next()),
        (forced, _) if forced_choice_unsupported(model_id) => Err(format!(
            "This model doesn't support the toolConfig.toolChoice.{forced} field. Remove \
             toolConfig.toolChoice.{forced} and try again."
        )),
        ("any", _) => Ok(specs.into_iter().next()),
        (_, tool) => {
            let name = tool.get("name").and_then(Value::as_str).unwrap_or_default();
            specs
                .into_iter()
                .find(|t| t.name == name)
                .map(Some)
                .ok_or_else(|| {
                    format!("The tool '{name}' in toolConfig.toolChoice.tool is not one of toolConfig.tools.")
                })
        }
    }
}

pub(super) fn guardrail(config: &Value) -> Result<Guardrail, String> {
    let config: &Map<String, Value> = config.as_object().ok_or("guardrailConfig: must be an object")?;
    let identifier = config
        .get("guardrailIdentifier")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .ok_or("guardrailConfig.guardrailIdentifier: is required")?;
    let version = config
        .get("guardrailVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !(version == "DRAFT" || (!version.is_empty() && version.chars().all(|c| c.is_ascii_digit()))) {
        return Err(format!(
            "Value '{version}' at 'guardrailConfig.guardrailVersion' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: (([1-9][0-9]{{0,7}})|(DRAFT))"
        ));
    }
    let trace = match config.get("trace").map(|t| t.as_str()) {
        None | Some(Some("disabled")) => false,
        Some(Some("enabled" | "enabled_full")) => true,
        Some(_) => {
            return Err("guardrailConfig.trace: must be one of enabled, disabled, enabled_full".into());
        }
    };
    Ok(Guardrail {
        identifier: identifier.to_owned(),
        trace,
    })
}

/// The one member of a union (a content block, a tool, a tool choice).
pub(super) fn union_member<'a>(
    v: &'a Value,
    at: &str,
    allowed: &[&str],
) -> Result<(&'a str, &'a Value), String> {
    let o = v.as_object().ok_or_else(|| format!("{at}: must be an object"))?;
    let mut members = o.iter();
    match (members.next(), members.next()) {
        (Some((key, value)), None) if allowed.contains(&key.as_str()) => Ok((key, value)),
        (Some((key, _)), None) => Err(format!("{at}: '{key}' is not one of {}", allowed.join(", "))),
        _ => Err(format!("{at}: exactly one of {} must be set", allowed.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::request::parse;
    use super::super::request::tests::valid;

    #[test]
    fn llama_takes_tools_but_not_a_forced_choice() {
        let llama = "us.meta.llama3-1-70b-instruct-v1:0";
        assert!(parse(llama, &valid()).unwrap_err().contains("toolChoice.tool"));
        let mut auto = valid();
        auto["toolConfig"]["toolChoice"] = json!({"auto": {}});
        assert_eq!(parse(llama, &auto).unwrap().tool.unwrap().name, "verdict");
        assert!(parse("amazon.nova-lite-v1:0", &valid()).is_ok());
    }
}
