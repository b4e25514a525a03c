//! The environment template.yaml gives the deployed crm-sync function is enough for it to start.

use std::collections::HashMap;

use crm_sync::FunctionConfig;
use serde_norway::Value;

fn variables(node: &Value) -> Vec<String> {
    node.get("Environment")
        .and_then(|e| e.get("Variables"))
        .and_then(Value::as_mapping)
        .map(|m| m.keys().filter_map(|k| k.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn sample(name: &str) -> String {
    match name {
        n if n.ends_with("_SECRET_ARN") => {
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf".into()
        }
        n if n.ends_with("_QUEUE_URL") || n.ends_with("_DLQ_URL") => {
            "https://sqs.us-east-1.amazonaws.com/1/q".into()
        }
        n if n.ends_with("_DAYS") => "30".into(),
        "GENESYS_REGION" => "mypurecloud.de".into(),
        "WRAPUP_CRM_TARGETS" => "dataAction,webhook,participantAttributes".into(),
        "WRAPUP_CRM_WEBHOOK_URL" => "https://crm.example.com/hooks/wrapup".into(),
        _ => "value".into(),
    }
}

#[test]
fn the_template_environment_configures_the_function() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../template.yaml");
    let template: Value = serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut names = variables(&template["Globals"]["Function"]);
    names.extend(variables(&template["Resources"]["CrmSyncFunction"]["Properties"]));
    assert!(
        names.iter().any(|n| n == "WRAPUP_CRM_DELIVERY_TABLE"),
        "{names:?}"
    );
    let env: HashMap<String, String> = names.iter().map(|n| (n.clone(), sample(n))).collect();
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned());
    let config = config.unwrap_or_else(|e| panic!("the deployed function would not start: {e}"));
    assert_eq!(config.crm.kinds().len(), 3);
}
