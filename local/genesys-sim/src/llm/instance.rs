//! Generates a JSON instance valid against a JSON Schema, deterministically, with string values
//! drawn from the sentences of the prompt.

use std::cell::Cell;

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::fit::cut;

/// Splits a prompt into sentences (speaker labels and timestamps stripped, >= 3 words).
pub fn sentences(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut line = line.trim();
        while line.starts_with('[') {
            match line.find(']') {
                Some(i) => line = line[i + 1..].trim_start(),
                None => break,
            }
        }
        if let Some((label, rest)) = line.split_once(':')
            && label.len() <= 24
            && label.split_whitespace().count() <= 3
            && !rest.trim().is_empty()
        {
            line = rest.trim();
        }
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let end_of_sentence =
                matches!(c, '.' | '?' | '!') && chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
            if end_of_sentence || k + 1 == chars.len() {
                let s = line[start..i + c.len_utf8()].trim();
                if s.split_whitespace().count() >= 3 && !out.iter().any(|o| o == s) {
                    out.push(s.to_string());
                }
                start = i + c.len_utf8();
            }
        }
    }
    if out.is_empty() {
        out.push("No details were provided in the conversation.".to_string());
    }
    out
}

/// Schema-driven instance generator.
pub struct Generator<'a> {
    root: &'a Value,
    sentences: Vec<String>,
    next_sentence: Cell<usize>,
    /// Characters of the sentences used so far.
    sentence_chars: Cell<usize>,
    /// Sentences are cut to this many characters.
    sentence_cap: Option<usize>,
    salt: String,
}

fn hash(salt: &str, path: &str) -> u64 {
    let d = Sha256::digest(format!("{salt}|{path}").as_bytes());
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

impl<'a> Generator<'a> {
    pub fn new(root: &'a Value, prompt: &str) -> Self {
        Self {
            root,
            sentences: sentences(prompt),
            next_sentence: Cell::new(0),
            sentence_chars: Cell::new(0),
            sentence_cap: None,
            salt: prompt.chars().take(2000).collect(),
        }
    }

    /// Cuts every sentence to at most `chars` characters (at a word boundary when one fits).
    pub fn with_sentence_cap(mut self, chars: usize) -> Self {
        self.sentence_cap = Some(chars);
        self
    }

    /// (sentences used, their characters) by the last [`Self::generate`].
    pub fn sentence_usage(&self) -> (usize, usize) {
        (self.next_sentence.get(), self.sentence_chars.get())
    }

    /// An instance of the root schema.
    pub fn generate(&self) -> Value {
        self.next_sentence.set(0);
        self.sentence_chars.set(0);
        self.value(self.root, "", "", 0)
    }

    fn resolve(&self, reference: &str) -> Option<&'a Value> {
        let pointer = reference.strip_prefix('#')?;
        self.root.pointer(pointer)
    }

    fn sentence(&self) -> String {
        let i = self.next_sentence.get();
        self.next_sentence.set(i + 1);
        let full = &self.sentences[i % self.sentences.len()];
        let s = match self.sentence_cap {
            Some(cap) => match cut(full, cap) {
                s if s.is_empty() => full.chars().take(cap.max(1)).collect(),
                s => s,
            },
            None => full.clone(),
        };
        self.sentence_chars
            .set(self.sentence_chars.get() + s.chars().count());
        s
    }

    fn value(&self, schema: &'a Value, path: &str, name: &str, depth: usize) -> Value {
        if depth > 12 {
            return Value::Null;
        }
        let Some(obj) = schema.as_object() else {
            return if schema == &Value::Bool(false) {
                Value::Null
            } else {
                json!(self.sentence())
            };
        };
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            return match self.resolve(r) {
                Some(target) => self.value(target, path, name, depth + 1),
                None => Value::Null,
            };
        }
        if let Some(c) = obj.get("const") {
            return c.clone();
        }
        if let Some(values) = obj
            .get("enum")
            .and_then(Value::as_array)
            .filter(|v| !v.is_empty())
        {
            let non_null: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
            let pool = if non_null.is_empty() {
                values.iter().collect()
            } else {
                non_null
            };
            return pool[(hash(&self.salt, path) % pool.len() as u64) as usize].clone();
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(alts) = obj.get(key).and_then(Value::as_array) {
                let alt = alts
                    .iter()
                    .find(|a| a.get("type").and_then(Value::as_str) != Some("null"))
                    .or(alts.first());
                if let Some(alt) = alt {
                    return self.value(alt, path, name, depth + 1);
                }
            }
        }
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in all {
                match self.value(part, path, name, depth + 1) {
                    Value::Object(o) => merged.extend(o),
                    other => return other,
                }
            }
            return Value::Object(merged);
        }
        let ty = match obj.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if obj.contains_key("properties") => "object",
            _ if obj.contains_key("items") => "array",
            _ => "string",
        };
        match ty {
            "object" => self.object(obj, path, depth),
            "array" => self.array(obj, path, name, depth),
            "integer" => self.integer(obj, path),
            "number" => self.number(obj, name),
            "boolean" => Value::Bool(true),
            "null" => Value::Null,
            _ => Value::String(self.string(obj, path, name)),
        }
    }

    fn object(&self, obj: &'a Map<String, Value>, path: &str, depth: usize) -> Value {
        let mut out = Map::new();
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            for (k, s) in props {
                out.insert(k.clone(), self.value(s, &format!("{path}/{k}"), k, depth + 1));
            }
        }
        if let Some(required) = obj.get("required").and_then(Value::as_array) {
            let extra = obj.get("additionalProperties").filter(|a| a.is_object());
            for k in required.iter().filter_map(Value::as_str) {
                if !out.contains_key(k) {
                    let v = match extra {
                        Some(s) => self.value(s, &format!("{path}/{k}"), k, depth + 1),
                        None => json!(self.sentence()),
                    };
                    out.insert(k.to_string(), v);
                }
            }
        }
        Value::Object(out)
    }

    fn array(&self, obj: &'a Map<String, Value>, path: &str, name: &str, depth: usize) -> Value {
        let min = obj.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        let max = obj.get("maxItems").and_then(Value::as_u64).unwrap_or(u64::MAX);
        let n = (1 + hash(&self.salt, path) % 3)
            .clamp(min, max.max(min))
            .min(1000);
        let prefix = obj.get("prefixItems").and_then(Value::as_array);
        let items = obj.get("items");
        (0..n)
            .map(|i| {
                let p = format!("{path}/{i}");
                let item_schema = prefix.and_then(|pf| pf.get(i as usize)).or(match items {
                    Some(Value::Array(tuple)) => tuple.get(i as usize),
                    other => other,
                });
                match item_schema {
                    Some(s) => self.value(s, &p, name, depth + 1),
                    None => json!(self.sentence()),
                }
            })
            .collect()
    }

    fn integer(&self, obj: &Map<String, Value>, path: &str) -> Value {
        let mut min = obj.get("minimum").and_then(Value::as_i64).map(i128::from);
        let mut max = obj.get("maximum").and_then(Value::as_i64).map(i128::from);
        if let Some(e) = obj.get("exclusiveMinimum").and_then(Value::as_i64) {
            min = Some(min.map_or(i128::from(e) + 1, |m| m.max(i128::from(e) + 1)));
        }
        if let Some(e) = obj.get("exclusiveMaximum").and_then(Value::as_i64) {
            max = Some(max.map_or(i128::from(e) - 1, |m| m.min(i128::from(e) - 1)));
        }
        let h = i128::from(hash(&self.salt, path) % 1_000_000);
        let v = match (min, max) {
            (Some(lo), Some(hi)) if hi >= lo => lo + h % (hi - lo + 1),
            (Some(lo), _) => lo,
            (None, Some(hi)) => hi.min(1),
            (None, None) => 1 + h % 5,
        };
        json!(i64::try_from(v).unwrap_or(0))
    }

    fn number(&self, obj: &Map<String, Value>, name: &str) -> Value {
        let min = obj
            .get("minimum")
            .and_then(Value::as_f64)
            .unwrap_or(f64::NEG_INFINITY);
        let max = obj
            .get("maximum")
            .and_then(Value::as_f64)
            .unwrap_or(f64::INFINITY);
        let lower = name.to_ascii_lowercase();
        let preferred: f64 = if lower.contains("confidence") || lower.contains("score") {
            0.9
        } else {
            0.5
        };
        let mut v = preferred.clamp(min, max.max(min));
        if let Some(e) = obj.get("exclusiveMinimum").and_then(Value::as_f64)
            && v <= e
        {
            v = if max.is_finite() { (e + max) / 2.0 } else { e + 1.0 };
        }
        if let Some(e) = obj.get("exclusiveMaximum").and_then(Value::as_f64)
            && v >= e
        {
            v = if min.is_finite() { (min + e) / 2.0 } else { e - 1.0 };
        }
        json!(v)
    }

    fn string(&self, obj: &Map<String, Value>, path: &str, name: &str) -> String {
        let lower = name.to_ascii_lowercase();
        let s = match obj.get("format").and_then(Value::as_str) {
            Some("date-time") => "2025-01-01T09:00:00Z".to_string(),
            Some("date") => "2025-01-01".to_string(),
            Some("email") => "customer@example.com".to_string(),
            Some("uuid") => crate::org::derive_uuid(&format!("{}{path}", self.salt)),
            Some("uri") => "https://example.com/item".to_string(),
            _ if lower == "id" || lower.ends_with("_id") || name.ends_with("Id") => {
                format!("item-{}", hash(&self.salt, path) % 1000)
            }
            _ if lower.contains("language") || lower == "locale" => "en-US".to_string(),
            _ if lower == "speaker" || lower == "role" || lower == "owner" => "agent".to_string(),
            _ => self.sentence(),
        };
        let min = obj
            .get("minLength")
            .and_then(Value::as_u64)
            .unwrap_or(0)
            .min(10_000) as usize;
        let max = obj.get("maxLength").and_then(Value::as_u64).map(|m| m as usize);
        let mut s = s;
        while s.chars().count() < min {
            s.push('.');
        }
        if let Some(max) = max
            && s.chars().count() > max
        {
            s = s.chars().take(max).collect();
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences() {
        let s = sentences(
            "[00:01] Agent: Hello there, how are you? Customer: I am fine.\nok\nagent: I'll send a replacement by Friday.",
        );
        assert!(s.contains(&"Hello there, how are you?".to_string()), "{s:?}");
        assert!(
            s.contains(&"I'll send a replacement by Friday.".to_string()),
            "{s:?}"
        );
    }

    #[test]
    fn generates_valid_instances() {
        let schema = json!({
            "type": "object",
            "required": ["summary", "actions", "confidence", "kind"],
            "additionalProperties": false,
            "properties": {
                "summary": {"type": "string", "minLength": 5, "maxLength": 200},
                "actions": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"$ref": "#/$defs/action"}},
                "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "kind": {"enum": ["a", "b"]},
                "count": {"type": ["integer", "null"], "minimum": 3, "maximum": 4}
            },
            "$defs": {"action": {"type": "object", "required": ["text", "due"], "properties": {
                "text": {"type": "string"}, "due": {"type": "string", "format": "date"}}}}
        });
        let v = Generator::new(&schema, "Customer: my router is broken again today.").generate();
        assert!(jsonschema::is_valid(&schema, &v), "{v}");
        assert_eq!(v["summary"], "my router is broken again today.");
    }
}
