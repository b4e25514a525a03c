//! The environment template.yaml gives the deployed archive miner is enough for it to start, and
//! the numbers the function and its queue must agree on do agree.

use std::collections::BTreeMap;

use archive_miner::FunctionConfig;
use chrono_tz::Tz;
use serde_norway::Value;
use wrapup_genesys::models::MediaType;
use wrapup_template::{EnvValue, Template};

/// A value for a variable whose parameter has no default, or that names a resource.
fn sample(name: &str) -> String {
    match name {
        n if n.ends_with("_ARN") => "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf".into(),
        n if n.ends_with("_QUEUE_URL") || n.ends_with("_DLQ_URL") => {
            "https://sqs.us-east-1.amazonaws.com/123456789012/q".into()
        }
        "GENESYS_REGION" => "mypurecloud.de".into(),
        "WRAPUP_MINING_MEDIA_TYPES" => "voice,chat".into(),
        "WRAPUP_CATALOG_S3_URI" => "s3://config-bucket/catalog/products.json".into(),
        "WRAPUP_DASHBOARD_URL" => "https://dashboard.example.com/api/trends".into(),
        _ => "value".into(),
    }
}

fn ref_target(value: &Value) -> Option<&str> {
    match value {
        Value::Tagged(tagged) if tagged.tag == "!Ref" => tagged.value.as_str(),
        _ => None,
    }
}

fn template() -> Value {
    let path = wrapup_template::find_repo_root().unwrap().join("template.yaml");
    serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The function's environment as CloudFormation would resolve it: literals as written, parameters
/// at their defaults (`fill_empty`: empty defaults replaced by a sample, as an operator sets them),
/// resources by a sample name.
fn environment(fill_empty: bool) -> BTreeMap<String, String> {
    let template = Template::load().unwrap();
    let function = template
        .function("ArchiveMinerFunction")
        .expect("ArchiveMinerFunction");
    function.resolve(|variable, value| {
        Some(match value {
            EnvValue::Parameter { default, .. } => {
                let default = default.clone().unwrap_or_default();
                if default.is_empty() && (fill_empty || variable.starts_with("GENESYS_")) {
                    sample(variable)
                } else {
                    default
                }
            }
            _ => sample(variable),
        })
    })
}

fn config(env: &BTreeMap<String, String>) -> FunctionConfig {
    FunctionConfig::from_lookup(|name| env.get(name).cloned())
        .unwrap_or_else(|e| panic!("the deployed function would not start: {e}"))
}

#[test]
fn the_template_environment_configures_the_function_with_the_defaults() {
    let config = config(&environment(false));
    assert_eq!(config.time_zone, Tz::UTC);
    assert!(config.media_types.is_empty(), "all media types by default");
    assert!(config.catalog_s3_uri.is_none(), "the built-in catalog by default");
    assert!(config.dashboard.is_none(), "no dashboard by default");
    assert_eq!(config.report_days, 30);
    assert_eq!(config.aggregate_retention.as_secs(), 400 * 86_400);
}

#[test]
fn the_template_environment_configures_every_option() {
    let config = config(&environment(true));
    assert_eq!(config.media_types, [MediaType::Voice, MediaType::Chat]);
    assert_eq!(
        config.catalog_s3_uri,
        Some(wrapup_genesys::config::S3Object {
            bucket: "config-bucket".to_owned(),
            key: "catalog/products.json".to_owned()
        })
    );
    let dashboard = config.dashboard.expect("the dashboard is configured");
    assert!(matches!(
        dashboard.token,
        wrapup_genesys::secrets::SecretSource::SecretsManager { .. }
    ));
}

#[test]
fn queue_function_and_concurrency_agree() {
    let template = template();
    let resources = &template["Resources"];
    let function = &resources["ArchiveMinerFunction"]["Properties"];
    let queue = &resources["MiningWorkQueue"]["Properties"];
    let config = config(&environment(false));

    let max_receive_count = queue["RedrivePolicy"]["maxReceiveCount"].as_u64().unwrap();
    assert_eq!(
        u64::from(config.max_receives),
        max_receive_count,
        "WRAPUP_MINING_MAX_RECEIVES must be the queue's maxReceiveCount"
    );
    let timeout = function["Timeout"].as_u64().unwrap();
    assert_eq!(queue["VisibilityTimeout"].as_u64(), Some(6 * timeout));

    let events = &function["Events"];
    let work = &events["MiningWork"]["Properties"];
    match &work["Queue"] {
        Value::Tagged(queue) => {
            assert!(queue.tag == "!GetAtt", "{}", queue.tag);
            assert_eq!(queue.value.as_str(), Some("MiningWorkQueue.Arn"));
        }
        other => panic!("the event source's queue is {other:?}"),
    }
    assert_eq!(
        work["FunctionResponseTypes"][0].as_str(),
        Some("ReportBatchItemFailures")
    );
    assert_eq!(
        ref_target(&work["ScalingConfig"]["MaximumConcurrency"]),
        Some("MiningConcurrency")
    );
    assert_eq!(
        ref_target(&function["ReservedConcurrentExecutions"]),
        Some("MiningConcurrency")
    );
    // SQS event sources accept a maximum concurrency of 2 or more.
    assert!(template["Parameters"]["MiningConcurrency"]["MinValue"].as_u64() >= Some(2));
    assert_eq!(
        ref_target(&function["Environment"]["Variables"]["WRAPUP_MINING_QUEUE_URL"]),
        Some("MiningWorkQueue")
    );
    assert_eq!(
        ref_target(&function["Environment"]["Variables"]["WRAPUP_MINING_DLQ_URL"]),
        Some("MiningWorkDLQ")
    );
    assert_eq!(
        ref_target(&function["Environment"]["Variables"]["WRAPUP_REPORTS_BUCKET"]),
        Some("ReportsBucket")
    );
}

/// Every DynamoDB action the miner's code calls on the mentions table is granted, and no more.
#[test]
fn the_role_may_do_what_the_mentions_code_does() {
    let template = template();
    let statements = template["Resources"]["ArchiveMinerRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"]
        .as_sequence()
        .expect("statements");
    let mentions = statements
        .iter()
        .find(|s| s["Sid"].as_str() == Some("MentionAggregates"))
        .expect("the MentionAggregates statement");
    let granted: Vec<&str> = mentions["Action"]
        .as_sequence()
        .expect("actions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let code = std::fs::read_to_string(
        wrapup_template::find_repo_root()
            .unwrap()
            .join("crates/mining/src/aggregates_dynamodb.rs"),
    )
    .unwrap();
    // A transaction's items need the actions of their kinds (Put, Update).
    for (calls, action) in [
        (&[".batch_get_item()"][..], "dynamodb:BatchGetItem"),
        (&[".put_item()", "Put::builder()"][..], "dynamodb:PutItem"),
        (
            &[".update_item()", "Update::builder()"][..],
            "dynamodb:UpdateItem",
        ),
        (
            &[".delete_item()", "Delete::builder()"][..],
            "dynamodb:DeleteItem",
        ),
        (&[".query()"][..], "dynamodb:Query"),
    ] {
        let called = calls.iter().any(|call| code.contains(call));
        assert_eq!(
            called,
            granted.contains(&action),
            "{action}: called {called}, granted {}",
            granted.contains(&action)
        );
    }
}

/// At `trace`, lambda_runtime logs raw events (bearer tokens, summaries): the template does not
/// offer it, and every level it offers is one `RUST_LOG` reads.
#[test]
fn no_log_level_prints_raw_events() {
    let template = template();
    let levels: Vec<&str> = template["Parameters"]["LogLevel"]["AllowedValues"]
        .as_sequence()
        .expect("LogLevel's allowed values")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!levels.is_empty());
    assert!(!levels.contains(&"trace"), "{levels:?}");
    for level in levels {
        assert!(["error", "warn", "info", "debug"].contains(&level), "{level}");
    }
}
