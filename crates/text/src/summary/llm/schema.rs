//! The JSON schema the model answers in (strict structured output), and the tolerant parsing of
//! its answer into our [`Summary`].
//!
//! Parse errors name fields and expectations but never quote the answer: the answer is built
//! from the transcript, and these messages end up in logs and error bodies.

use serde_json::{Map, Value, json};

use crate::summary::{ActionItem, Owner, Sentiment, Summary};

/// `response_format.json_schema.name`.
pub(super) const SCHEMA_NAME: &str = "post_call_summary";

/// The JSON schema of a summary. Strict mode wants `additionalProperties: false` and every
/// property required, so optional fields are nullable rather than absent.
pub(super) fn summary_schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["executiveSummary", "actionItems", "customerSentiment", "reason", "resolution",
                     "keyPhrases", "confidence"],
        "properties": {
            "executiveSummary": {"type": "string"},
            "actionItems": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["text", "owner", "dueDate"],
                    "properties": {
                        "text": {"type": "string"},
                        "owner": {"type": ["string", "null"], "enum": ["agent", "customer", null]},
                        "dueDate": {"type": ["string", "null"]}
                    }
                }
            },
            "customerSentiment": {"type": "string", "enum": ["positive", "neutral", "negative", "mixed"]},
            "reason": {"type": ["string", "null"]},
            "resolution": {"type": ["string", "null"]},
            "keyPhrases": {"type": "array", "items": {"type": "string"}},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1}
        }
    })
}

/// The `response_format` object of a request: `schema` as strict structured output named `name`.
pub(super) fn response_format(name: &str, schema: &Value) -> Value {
    json!({
        "type": "json_schema",
        "json_schema": {"name": name, "strict": true, "schema": schema}
    })
}

/// Turns the model's content into a summary: code fences and surrounding prose are tolerated.
pub(super) fn parse_summary(content: &str) -> Result<Summary, String> {
    let json_text =
        extract_json_object(content).ok_or_else(|| "the answer holds no JSON object".to_string())?;
    let value: Value =
        serde_json::from_str(json_text).map_err(|e| format!("the answer is not valid JSON: {e}"))?;
    summary_from_value(&value)
}

/// The JSON object in `content`: fences (```json ... ``` or ``` ... ```) stripped, then the span
/// from the first `{` to its matching `}` (outside strings); when the braces do not balance, to
/// the last `}` or the end, so the JSON parser reports what is wrong.
pub(crate) fn extract_json_object(content: &str) -> Option<&str> {
    let text = strip_fences(content.trim());
    let start = text.find('{')?;
    let body = text.get(start..)?;
    let end = matching_brace(body)
        .or_else(|| body.rfind('}').map(|i| i + 1))
        .unwrap_or(body.len());
    body.get(..end)
}

fn strip_fences(text: &str) -> &str {
    let Some(open) = text.find("```") else {
        return text;
    };
    let after = text.get(open + 3..).unwrap_or_default();
    // The info string (`json`, `JSON`, nothing) runs to the end of the fence line.
    let body = after
        .find('\n')
        .map_or("", |i| after.get(i + 1..).unwrap_or_default());
    match body.find("```") {
        Some(close) => body.get(..close).unwrap_or(body),
        None => body,
    }
}

/// The byte length of the balanced `{...}` at the start of `text`.
fn matching_brace(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn summary_from_value(value: &Value) -> Result<Summary, String> {
    let object = value.as_object().ok_or("the answer is not a JSON object")?;
    let executive_summary = required_text(object, "executiveSummary")?;
    let action_items = match object.get("actionItems") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| action_item(item, i).transpose())
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("actionItems is not an array".into()),
    };
    let customer_sentiment = match object.get("customerSentiment").and_then(Value::as_str) {
        Some(s) => {
            sentiment(s).ok_or("customerSentiment is not one of positive, neutral, negative, mixed")?
        }
        None => return Err("customerSentiment is missing or not a string".into()),
    };
    let key_phrases = match object.get("keyPhrases") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let mut phrases: Vec<String> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let phrase = item
                    .as_str()
                    .ok_or_else(|| format!("keyPhrases[{i}] is not a string"))?;
                let phrase = phrase.trim();
                if !phrase.is_empty() && !phrases.iter().any(|p| p.eq_ignore_ascii_case(phrase)) {
                    phrases.push(phrase.to_owned());
                }
            }
            phrases
        }
        Some(_) => return Err("keyPhrases is not an array".into()),
    };
    let confidence = match object.get("confidence").and_then(Value::as_f64) {
        Some(c) if c.is_finite() => c.clamp(0.0, 1.0) as f32,
        _ => return Err("confidence is missing or not a number".into()),
    };
    Ok(Summary {
        executive_summary,
        action_items,
        customer_sentiment,
        reason: optional_text(object, "reason")?,
        resolution: optional_text(object, "resolution")?,
        key_phrases,
        confidence,
    })
}

/// `None` for an item without text (it says nothing).
fn action_item(item: &Value, index: usize) -> Result<Option<ActionItem>, String> {
    let object = item
        .as_object()
        .ok_or_else(|| format!("actionItems[{index}] is not an object"))?;
    let text = match object.get("text") {
        Some(Value::String(s)) => s.trim(),
        None | Some(Value::Null) => "",
        Some(_) => return Err(format!("actionItems[{index}].text is not a string")),
    };
    if text.is_empty() {
        return Ok(None);
    }
    let owner = match object.get("owner") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(
            owner(s)
                .ok_or_else(|| format!("actionItems[{index}].owner is not one of agent, customer, null"))?,
        ),
        Some(_) => return Err(format!("actionItems[{index}].owner is not a string")),
    };
    let due_date = optional_text(object, "dueDate").map_err(|e| format!("actionItems[{index}].{e}"))?;
    Ok(Some(ActionItem {
        text: text.to_owned(),
        owner,
        due_date,
    }))
}

fn required_text(object: &Map<String, Value>, field: &str) -> Result<String, String> {
    match object.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        Some(Value::String(_)) => Err(format!("{field} is empty")),
        _ => Err(format!("{field} is missing or not a string")),
    }
}

/// A nullable string; an empty one counts as null.
fn optional_text(object: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
        Some(_) => Err(format!("{field} is not a string or null")),
    }
}

fn sentiment(value: &str) -> Option<Sentiment> {
    match value.trim().to_ascii_lowercase().as_str() {
        "positive" => Some(Sentiment::Positive),
        "neutral" => Some(Sentiment::Neutral),
        "negative" => Some(Sentiment::Negative),
        "mixed" => Some(Sentiment::Mixed),
        _ => None,
    }
}

fn owner(value: &str) -> Option<Owner> {
    match value.trim().to_ascii_lowercase().as_str() {
        "agent" => Some(Owner::Agent),
        "customer" => Some(Owner::Customer),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{"executiveSummary":"The customer's router {was} down.","actionItems":[
        {"text":"Send a replacement","owner":"agent","dueDate":"by Friday"},{"text":" ","owner":null,"dueDate":null}],
        "customerSentiment":"Negative","reason":"Router outage","resolution":"","keyPhrases":["router","Router"],
        "confidence":1.7}"#;

    #[test]
    fn maps_a_valid_answer_and_clamps_confidence() {
        let s = parse_summary(VALID).unwrap();
        assert_eq!(s.executive_summary, "The customer's router {was} down.");
        assert_eq!(s.action_items.len(), 1, "the empty item is dropped");
        assert_eq!(s.action_items[0].owner, Some(Owner::Agent));
        assert_eq!(s.action_items[0].due_date.as_deref(), Some("by Friday"));
        assert_eq!(s.customer_sentiment, Sentiment::Negative);
        assert_eq!(s.resolution, None);
        assert_eq!(s.key_phrases, vec!["router"]);
        assert_eq!(s.confidence, 1.0);
    }

    #[test]
    fn fences_and_prose_are_stripped() {
        for wrapped in [
            format!("```json\n{VALID}\n```"),
            format!("```\n{VALID}\n```"),
            format!("Here is the summary:\n{VALID}\nHope this helps {{:}}"),
            format!("Sure!\n```JSON\n{VALID}\n```\nAnything else?"),
        ] {
            let s = parse_summary(&wrapped).unwrap_or_else(|e| panic!("{e}: {wrapped}"));
            assert_eq!(s.customer_sentiment, Sentiment::Negative);
        }
    }

    #[test]
    fn errors_name_the_problem_without_quoting_the_answer() {
        let cases = [
            ("no json at all", "no JSON object"),
            (r#"{"executiveSummary": "Card 4111 was"#, "not valid JSON"),
            (r#"[1, 2]"#, "no JSON object"),
            (
                r#"{"executiveSummary":"x","customerSentiment":"ecstatic","confidence":0.5}"#,
                "customerSentiment",
            ),
            (
                r#"{"executiveSummary":"","customerSentiment":"mixed","confidence":0.5}"#,
                "executiveSummary is empty",
            ),
            (
                r#"{"executiveSummary":"x","customerSentiment":"mixed"}"#,
                "confidence",
            ),
            (
                r#"{"executiveSummary":"x","customerSentiment":"mixed","confidence":0.5,
                "actionItems":[{"text":"y","owner":"robot"}]}"#,
                "actionItems[0].owner",
            ),
            (
                r#"{"executiveSummary":"x","customerSentiment":"mixed","confidence":0.5,"keyPhrases":[3]}"#,
                "keyPhrases[0]",
            ),
        ];
        for (answer, expected) in cases {
            let err = parse_summary(answer).unwrap_err();
            assert!(err.contains(expected), "{err} for {answer}");
            assert!(
                !err.contains("4111") && !err.contains("ecstatic") && !err.contains("robot"),
                "{err}"
            );
        }
    }

    #[test]
    fn the_schema_is_strict() {
        let schema = summary_schema();
        assert_eq!(schema["additionalProperties"], false);
        let required = schema["required"].as_array().unwrap();
        assert_eq!(required.len(), schema["properties"].as_object().unwrap().len());
        let item = &schema["properties"]["actionItems"]["items"];
        assert_eq!(item["required"].as_array().unwrap().len(), 3);
        assert_eq!(item["additionalProperties"], false);
    }
}
