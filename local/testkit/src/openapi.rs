//! docs/openapi.yaml for the tests that check answers against it: the document, and its schemas
//! as the JSON Schema draft 4 a validator reads.

use anyhow::{Context, Result};
use serde_json::{Value, json};

/// docs/openapi.yaml as JSON.
pub fn openapi_document() -> Result<Value> {
    let path = crate::find_repo_root()?.join("docs/openapi.yaml");
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    serde_norway::from_str(&text).context("docs/openapi.yaml is not YAML")
}

/// OpenAPI 3.0 schemas are JSON Schema draft 4 plus `nullable`, which becomes `anyOf [null, ..]`.
pub fn openapi_draft4(node: &Value) -> Value {
    match node {
        Value::Object(map) => {
            let mut out: serde_json::Map<String, Value> = map
                .iter()
                .filter(|(k, _)| *k != "nullable")
                .map(|(k, v)| (k.clone(), openapi_draft4(v)))
                .collect();
            if map.get("nullable") == Some(&Value::Bool(true)) {
                out = serde_json::Map::from_iter([(
                    "anyOf".to_owned(),
                    json!([{"type": "null"}, Value::Object(out)]),
                )]);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(openapi_draft4).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_becomes_any_of_null() {
        let schema = json!({"type": "object", "properties": {"a": {"type": "string", "nullable": true}}});
        assert_eq!(
            openapi_draft4(&schema)["properties"]["a"],
            json!({"anyOf": [{"type": "null"}, {"type": "string"}]})
        );
        assert!(openapi_document().is_ok_and(|doc| doc["paths"].is_object()));
    }
}
