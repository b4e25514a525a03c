//! The deterministic answer to a chat-completions request: a post-call summary for Wrapup's
//! summary schema, a generic schema instance for any other schema, a short text otherwise.

use serde_json::{Map, Value, json};

use super::fit::{self, cut, max_chars};
use super::instance::{Generator, sentences};
use super::{dialogue, summary};

/// The text of a message's `content` (a string or text parts).
pub fn text_of(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// The contents of the messages with `role`, in order.
fn contents(body: &Value, role: &str) -> Vec<String> {
    body.get("messages")
        .and_then(Value::as_array)
        .map(|messages| {
            messages
                .iter()
                .filter(|m| m.get("role").and_then(Value::as_str) == Some(role))
                .map(|m| text_of(m.get("content").unwrap_or(&Value::Null)))
                .collect()
        })
        .unwrap_or_default()
}

/// The deterministic answer text for a request.
pub fn answer(body: &Value) -> String {
    let users = contents(body, "user");
    let last_user = users.last().map(String::as_str).unwrap_or_default();
    let budget = max_chars(body);
    let format = body.get("response_format");
    match format.and_then(|f| f.get("type")).and_then(Value::as_str) {
        Some("json_schema") => {
            let schema = format
                .and_then(|f| f.get("json_schema"))
                .and_then(|j| j.get("schema"))
                .cloned()
                .unwrap_or_else(|| json!({"type": "object"}));
            if summary::is_summary_schema(&schema)
                && let Some(answer) = summary_answer(body, &schema, &users, budget)
            {
                return answer.to_string();
            }
            generic(&schema, last_user, budget)
        }
        Some("json_object") => {
            let text = first_sentences(last_user);
            let text = budget.map_or(text.clone(), |b| cut(&text, b.saturating_sub(16).max(8)));
            json!({"summary": text}).to_string()
        }
        _ => {
            let text = format!("Summary: {}", first_sentences(last_user));
            budget.map_or(text.clone(), |b| cut(&text, b.max(8)))
        }
    }
}

fn first_sentences(text: &str) -> String {
    sentences(text).into_iter().take(2).collect::<Vec<_>>().join(" ")
}

/// A schema instance with sentences of the prompt; when it is over the budget, generated again
/// with every sentence cut to its share.
fn generic(schema: &Value, prompt: &str, budget: Option<usize>) -> String {
    let generator = Generator::new(schema, prompt);
    let full = generator.generate().to_string();
    let Some(max) = budget.filter(|&max| full.chars().count() > max) else {
        return full;
    };
    let (count, chars) = generator.sentence_usage();
    if count == 0 {
        return full;
    }
    let frame = full.chars().count().saturating_sub(chars);
    let share = (max.saturating_sub(frame) / count).max(12);
    Generator::new(schema, prompt)
        .with_sentence_cap(share)
        .generate()
        .to_string()
}

/// N of "at most N sentences" in the system prompt; 3 when it says nothing.
fn max_sentences(body: &Value) -> usize {
    for system in contents(body, "system") {
        let lower = system.to_lowercase();
        for (i, _) in lower.match_indices("at most ") {
            let rest = &lower[i + "at most ".len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<usize>()
                && rest[digits.len()..].trim_start().starts_with("sentence")
            {
                return n;
            }
        }
    }
    3
}

/// The summary of the transcript (or the merge of the part summaries) in the latest user message
/// that holds one: a repair request's last message is the instruction, its transcript comes
/// before. `None` when the summary does not validate against `schema` (a look-alike schema).
fn summary_answer(body: &Value, schema: &Value, users: &[String], budget: Option<usize>) -> Option<Value> {
    let n = max_sentences(body);
    let from_input = users.iter().rev().find_map(|text| {
        if let Some(parts) = summary::parts_of(text) {
            return Some(summary::merge(&parts, n));
        }
        dialogue::parse(text).map(|turns| summary::from_transcript(&turns, n))
    });
    let mut built = from_input.unwrap_or_else(|| {
        let last = users.last().map(String::as_str).unwrap_or_default();
        summary::from_transcript(&dialogue::unlabelled(last), n)
    });
    if let Some(max) = budget {
        fit::fit(&mut built, max);
    }
    // Properties the summary does not fill keep the generic generator's values.
    let props = schema.get("properties").and_then(Value::as_object)?;
    let last_user = users.last().map(String::as_str).unwrap_or_default();
    let others = props.keys().any(|k| !summary::FIELDS.contains(&k.as_str()));
    let mut out = match others.then(|| Generator::new(schema, last_user).generate()) {
        Some(Value::Object(o)) => o,
        _ => Map::new(),
    };
    if let Value::Object(fields) = built.to_json() {
        out.extend(fields.into_iter().filter(|(k, _)| props.contains_key(k)));
    }
    let out = Value::Object(out);
    match jsonschema::validator_for(schema) {
        Ok(validator) => validator.is_valid(&out).then_some(out),
        Err(_) => Some(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_limits_come_from_the_system_prompt() {
        let body = json!({"messages": [
            {"role": "system", "content": "Write it in at most 2 sentences, in a formal tone."},
            {"role": "user", "content": "x"}]});
        assert_eq!(max_sentences(&body), 2);
        assert_eq!(max_sentences(&json!({"messages": []})), 3);
    }
}
