//! The environment template.yaml gives the deployed assist-callback function is enough for it to
//! start, and the rule lets through exactly the topics the function reads.

use assist_callback::FunctionConfig;
use wrapup_template::Template;

pub fn sample(name: &str) -> String {
    match name {
        n if n.ends_with("_SECRET_ARN") => {
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf".into()
        }
        n if n.ends_with("_QUEUE_URL") || n.ends_with("_DLQ_URL") => {
            "https://sqs.us-east-1.amazonaws.com/1/q".into()
        }
        n if n.ends_with("_DAYS") => "30".into(),
        "GENESYS_REGION" => "mypurecloud.de".into(),
        "WRAPUP_ASSIST_EVENT_SOURCE" => {
            "aws.partner/genesys.com/cloud/bb14bed0-f8f9-445d-b9d1-10cecb8569d6/wrapup-assist".into()
        }
        "WRAPUP_ASSIST_EVENT_ACCOUNT" => "123456789012".into(),
        "WRAPUP_ASSIST_AUTO_SUMMARY" => "true".into(),
        "WRAPUP_ASSIST_CASE_ATTRIBUTE" => "caseId".into(),
        "WRAPUP_ASSIST_WEBHOOK" => "hmac".into(),
        "WRAPUP_ASSIST_SUMMARY_LENGTH" => "medium".into(),
        "WRAPUP_ASSIST_SUMMARY_TONE" => "neutral".into(),
        "WRAPUP_ASSIST_SUMMARY_LANGUAGE" => String::new(),
        n if n.ends_with("_KEY_ARN") => {
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf".into()
        }
        _ => "value".into(),
    }
}

#[test]
fn the_template_environment_configures_the_function() {
    let template = Template::load().expect("template.yaml");
    let function = template
        .function("AssistCallbackFunction")
        .expect("AssistCallbackFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned())
        .unwrap_or_else(|e| panic!("the deployed function would not start: {e}"));
    assert!(config.assist.auto_summary);
    assert_eq!(config.source.account.as_deref(), Some("123456789012"));
    assert_eq!(config.assist.end_grace.as_secs(), 120);
    assert_eq!(config.webhook.keys.len(), 2, "the current and the previous key");
}

#[test]
fn a_source_that_is_not_a_genesys_partner_source_fails_at_cold_start() {
    let template = Template::load().expect("template.yaml");
    let function = template
        .function("AssistCallbackFunction")
        .expect("AssistCallbackFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    for bad in [
        "aws.partner/other.com/x",
        "aws.partner/genesys.com/cloud//x",
        "wrapup.assist.webhook",
    ] {
        let err = FunctionConfig::from_lookup(|name| {
            if name == "WRAPUP_ASSIST_EVENT_SOURCE" {
                Some(bad.to_owned())
            } else {
                env.get(name).cloned()
            }
        })
        .expect_err("refused");
        assert!(err.to_string().contains("WRAPUP_ASSIST_EVENT_SOURCE"), "{err}");
    }
}

#[test]
fn the_rule_lets_through_every_topic_the_function_reads_and_no_other() {
    let text = std::fs::read_to_string(
        wrapup_template::find_repo_root()
            .expect("repo")
            .join("template.yaml"),
    )
    .expect("template.yaml");
    let yaml: serde_norway::Value = serde_norway::from_str(&text).expect("yaml");
    let pattern = &yaml["Resources"]["AssistEventsRule"]["Properties"]["EventPattern"]["detail-type"];
    let topics: Vec<String> = pattern
        .as_sequence()
        .expect("a list of detail-types")
        .iter()
        .filter_map(|t| t.as_str().map(str::to_owned))
        .collect();
    assert_eq!(topics.len(), 11);
    for topic in &topics {
        let concrete = topic.replace("{id}", "6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70");
        assert!(
            wrapup_assist::topic::parse(&concrete).is_some(),
            "{topic} is not read"
        );
        assert_eq!(
            wrapup_assist::topic::template_of(&concrete).as_deref(),
            Some(topic.as_str())
        );
    }
}

#[test]
fn without_a_partner_source_only_the_webhook_serves() {
    let template = Template::load().expect("template.yaml");
    let function = template
        .function("AssistCallbackFunction")
        .expect("AssistCallbackFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    let config = FunctionConfig::from_lookup(|name| {
        if name == "WRAPUP_ASSIST_EVENT_SOURCE" {
            Some(String::new())
        } else {
            env.get(name).cloned()
        }
    })
    .expect("a webhook-only deployment starts");
    assert_eq!(
        config.source.event_source,
        assist_callback::config::WEBHOOK_ONLY_SOURCE
    );
    assert!(wrapup_assist::envelope::org_of(&config.source.event_source).is_none());
}

#[test]
fn automatic_summaries_take_their_options_from_the_environment_checked_like_the_api() {
    let template = Template::load().expect("template.yaml");
    let function = template
        .function("AssistCallbackFunction")
        .expect("AssistCallbackFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    let with = |name: &str, value: &str| {
        FunctionConfig::from_lookup(|n| {
            if n == name {
                Some(value.to_owned())
            } else {
                env.get(n).cloned()
            }
        })
    };
    let short = with("WRAPUP_ASSIST_SUMMARY_LENGTH", "short").expect("short");
    assert_eq!(
        serde_json::to_value(&short.summary_options)
            .ok()
            .and_then(|v| v["length"].as_str().map(str::to_owned)),
        Some("short".to_owned())
    );
    assert_eq!(
        serde_json::to_value(&short.summary_options)
            .ok()
            .and_then(|v| v["source"].as_str().map(str::to_owned)),
        Some("auto".to_owned())
    );
    let german = with("WRAPUP_ASSIST_SUMMARY_LANGUAGE", "de").expect("de");
    assert_eq!(german.summary_options.language.as_deref(), Some("de"));
    for (name, bad) in [
        ("WRAPUP_ASSIST_SUMMARY_LENGTH", "epic"),
        ("WRAPUP_ASSIST_SUMMARY_TONE", "angry"),
        ("WRAPUP_ASSIST_SUMMARY_LANGUAGE", "klingon"),
    ] {
        let err = with(name, bad).expect_err("refused");
        assert!(err.to_string().contains(name), "{err}");
    }
}
