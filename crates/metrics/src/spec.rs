//! Emitted lines checked against the EMF specification's own JSON schema
//! (`spec/cloudwatch-emf.schema.json`), then against the rules it cannot express.

use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::Value;

use crate::{EmfDocument, parse};

const SCHEMA: &str = include_str!("../../../spec/cloudwatch-emf.schema.json");

fn validator() -> Result<&'static Validator, String> {
    static VALIDATOR: OnceLock<Result<Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(SCHEMA).map_err(|e| e.to_string())?;
            jsonschema::validator_for(&schema).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The document of `line` if it is valid EMF, or every reason it is not.
pub fn check_against_spec(line: &str) -> Result<EmfDocument, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let errors: Vec<String> = validator()?
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    parse(line).map_err(|e| e.to_string())
}

/// Test support: every line checked against the specification and carrying `function`'s
/// `Function` dimension, or the first line that is not.
pub fn checked_documents(lines: &[String], function: &str) -> Result<Vec<EmfDocument>, String> {
    lines
        .iter()
        .map(|line| {
            let doc = check_against_spec(line).map_err(|e| format!("{e}: {line}"))?;
            if doc.dimension(crate::FUNCTION) != Some(function) {
                return Err(format!("not a line of {function}: {line}"));
            }
            Ok(doc)
        })
        .collect()
}

/// Test support: what in `lines` could be an id or text of a call, a message or an event:
/// any of `forbidden` anywhere in a line, and any string that is not a dimension value made of
/// lower-case letters, `_` and `-`, or camelCase letters (no digits: ids have them).
pub fn leaks(lines: &[String], forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for line in lines {
        for needle in forbidden.iter().filter(|n| !n.is_empty()) {
            if line.contains(needle) {
                found.push(format!("{needle:?} in {line}"));
            }
        }
        let doc = match parse(line) {
            Ok(doc) => doc,
            Err(e) => {
                found.push(format!("{e}: {line}"));
                continue;
            }
        };
        for (key, value) in doc.root.iter().filter(|(key, _)| key.as_str() != "_aws") {
            let problem = match value {
                Value::String(s) if doc.dimension(key) != Some(s.as_str()) => {
                    Some("a string that is no dimension")
                }
                Value::String(s) if !s.chars().all(|c| c.is_ascii_alphabetic() || c == '_' || c == '-') => {
                    Some("a dimension value that is not a name")
                }
                Value::String(_) => None,
                Value::Number(_) | Value::Array(_) if doc.metric(key).is_some() => None,
                _ => Some("a member that is neither a dimension nor a metric"),
            };
            if let Some(problem) = problem {
                found.push(format!("{key}: {problem}: {line}"));
            }
        }
    }
    found
}
