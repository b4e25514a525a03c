//! The vendored Genesys spec: JSON-Schema validation of definitions and transcript documents, and
//! mapping of request paths to operation ids.

use std::collections::HashMap;
use std::sync::LazyLock;

use jsonschema::Validator;
use serde_json::{Value, json};

const OPENAPI: &str = include_str!("../../../spec/genesys-openapi.json");
const TRANSCRIPT_SCHEMA: &str = include_str!("../../../spec/transcript-document.schema.json");

/// The vendored Swagger 2.0 document.
pub static SPEC: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(OPENAPI).unwrap_or_else(|_| json!({"definitions": {}, "paths": {}}))
});

static DEFINITION_VALIDATORS: LazyLock<HashMap<String, Validator>> = LazyLock::new(|| {
    let Some(definitions) = SPEC.get("definitions").and_then(Value::as_object) else {
        return HashMap::new();
    };
    definitions
        .keys()
        .filter_map(|name| {
            let root = json!({
                "definitions": definitions,
                "$ref": format!("#/definitions/{name}"),
            });
            match jsonschema::draft4::new(&root) {
                Ok(v) => Some((name.clone(), v)),
                Err(e) => {
                    tracing::error!(definition = %name, error = %e, "cannot compile spec definition");
                    None
                }
            }
        })
        .collect()
});

static TRANSCRIPT_VALIDATOR: LazyLock<Result<Validator, String>> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(TRANSCRIPT_SCHEMA).map_err(|e| e.to_string())?;
    jsonschema::validator_for(&schema).map_err(|e| e.to_string())
});

fn run(validator: &Validator, instance: &Value) -> Result<(), Vec<String>> {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| {
            let path = e.instance_path().to_string();
            let at = if path.is_empty() {
                "(root)".to_string()
            } else {
                path
            };
            format!("{at}: {e}")
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Validates `instance` against the Swagger definition `name` (e.g. `ConversationQuery`).
/// Errors are human strings `"<JSON pointer of the instance>: <reason>"`.
pub fn validate_definition(name: &str, instance: &Value) -> Result<(), Vec<String>> {
    match DEFINITION_VALIDATORS.get(name) {
        Some(v) => run(v, instance),
        None => Err(vec![format!("unknown definition '{name}'")]),
    }
}

/// Validates a transcript document against `transcript-document.schema.json`.
pub fn validate_transcript_document(v: &Value) -> Result<(), Vec<String>> {
    match &*TRANSCRIPT_VALIDATOR {
        Ok(validator) => run(validator, v),
        Err(e) => Err(vec![format!("transcript schema does not compile: {e}")]),
    }
}

/// Names of all definitions in the vendored spec.
pub fn definition_names() -> Vec<String> {
    SPEC.get("definitions")
        .and_then(Value::as_object)
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default()
}

struct Route {
    method: String,
    segments: Vec<String>,
    operation_id: String,
}

static ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| {
    let mut routes = Vec::new();
    if let Some(paths) = SPEC.get("paths").and_then(Value::as_object) {
        for (path, ops) in paths {
            let Some(ops) = ops.as_object() else { continue };
            for (method, op) in ops {
                if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                    routes.push(Route {
                        method: method.to_ascii_uppercase(),
                        segments: path.split('/').map(str::to_string).collect(),
                        operation_id: id.to_string(),
                    });
                }
            }
        }
    }
    // Literal segments win over parameters (e.g. `/jobs/{jobId}` vs longer literal paths).
    routes.sort_by_key(|r| r.segments.iter().filter(|s| s.starts_with('{')).count());
    routes
});

/// The spec's operationId for a request (`GET`, `/api/v2/...`), if the spec has one.
pub fn operation_id(method: &str, path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    ROUTES
        .iter()
        .find(|r| {
            r.method.eq_ignore_ascii_case(method)
                && r.segments.len() == segments.len()
                && r.segments
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s)
        })
        .map(|r| r.operation_id.as_str())
}

/// The definition name of an operation's request body, if it has a `$ref` body.
pub fn body_definition(operation_id: &str) -> Option<String> {
    let paths = SPEC.get("paths")?.as_object()?;
    for ops in paths.values() {
        for op in ops.as_object()?.values() {
            if op.get("operationId").and_then(Value::as_str) == Some(operation_id) {
                let params = op.get("parameters")?.as_array()?;
                let body = params
                    .iter()
                    .find(|p| p.get("in").and_then(Value::as_str) == Some("body"))?;
                let r = body.get("schema")?.get("$ref")?.as_str()?;
                return r.strip_prefix("#/definitions/").map(str::to_string);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_paths_to_operations() {
        assert_eq!(
            operation_id("GET", "/api/v2/analytics/conversations/abc/details"),
            Some("getAnalyticsConversationDetails")
        );
        assert_eq!(
            operation_id("POST", "/api/v2/analytics/conversations/details/query"),
            Some("postAnalyticsConversationsDetailsQuery")
        );
        assert_eq!(operation_id("GET", "/api/v2/nothing"), None);
        assert_eq!(
            body_definition("postAnalyticsConversationsDetailsQuery").as_deref(),
            Some("ConversationQuery")
        );
    }

    #[test]
    fn validates_definitions() {
        assert!(validate_definition("ConversationQuery", &json!({"interval": "a/b"})).is_ok());
        let errs = validate_definition("ConversationQuery", &json!({"order": "sideways"})).unwrap_err();
        assert!(errs.iter().any(|e| e.contains("interval")), "{errs:?}");
        assert!(errs.iter().any(|e| e.starts_with("/order")), "{errs:?}");
        assert!(validate_definition("Nope", &json!({})).is_err());
        assert!(validate_transcript_document(&json!({"conversationId": "x"})).is_ok());
        assert!(validate_transcript_document(&json!({"conversationId": 1})).is_err());
    }
}
