//! The environment template.yaml gives the deployed function is enough for it to start: every
//! variable the configuration requires is set there, under the same name.

use std::collections::HashMap;

use serde_norway::Value;
use summary_api::FunctionConfig;

fn variables(node: &Value) -> Vec<String> {
    node.get("Environment")
        .and_then(|e| e.get("Variables"))
        .and_then(Value::as_mapping)
        .map(|m| m.keys().filter_map(|k| k.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// A plausible deployed value for a variable, by its name.
fn sample(name: &str) -> String {
    match name {
        n if n.ends_with("_SECRET_ARN") => {
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:genesys-AbCdEf".into()
        }
        n if n.ends_with("_QUEUE_URL") => "https://sqs.us-east-1.amazonaws.com/123456789012/queue".into(),
        n if n.ends_with("_DAYS") => "30".into(),
        "GENESYS_REGION" => "mypurecloud.ie".into(),
        "WRAPUP_LLM_BASE_URL" => "https://llm.example.com/v1/".into(),
        _ => "value".into(),
    }
}

#[test]
fn the_template_environment_configures_the_function() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../template.yaml");
    let template: Value = serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut names = variables(&template["Globals"]["Function"]);
    names.extend(variables(
        &template["Resources"]["SummaryApiFunction"]["Properties"],
    ));
    assert!(names.iter().any(|n| n == "WRAPUP_SUMMARY_TABLE"), "{names:?}");
    let env: HashMap<String, String> = names.iter().map(|n| (n.clone(), sample(n))).collect();
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned());
    let config = config.unwrap_or_else(|e| panic!("the deployed function would not start: {e}"));
    assert!(config.llm.is_some() && config.llm_api_key_secret_arn.is_some());
    // And with the LLM parameters left empty (their defaults), there is simply no LLM.
    let without_llm: HashMap<String, String> = env
        .into_iter()
        .map(|(k, v)| {
            if k.starts_with("WRAPUP_LLM_") {
                (k, String::new())
            } else {
                (k, v)
            }
        })
        .collect();
    let config = FunctionConfig::from_lookup(|name| without_llm.get(name).cloned()).unwrap();
    assert!(config.llm.is_none());
}
