//! The environment template.yaml gives the deployed crm-sync function is enough for it to start.

use crm_sync::FunctionConfig;
use wrapup_template::Template;

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
    let template = Template::load().unwrap();
    let function = template.function("CrmSyncFunction").expect("CrmSyncFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    assert!(env.contains_key("WRAPUP_CRM_DELIVERY_TABLE"), "{env:?}");
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned());
    let config = config.unwrap_or_else(|e| panic!("the deployed function would not start: {e}"));
    assert_eq!(config.crm.kinds().len(), 3);
}

/// With the template's redrive limit and the function's default schedule, a CRM outage of 30
/// minutes is ridden out before anything is dead-lettered, even on the shortest jitter.
#[test]
fn a_thirty_minute_crm_outage_dead_letters_nothing() {
    let template = Template::load().unwrap();
    let queue = template.queue("CrmSyncQueue").expect("CrmSyncQueue");
    let max_receives = queue
        .redrive_policy
        .as_ref()
        .expect("a redrive policy")
        .max_receive_count;
    let function = template.function("CrmSyncFunction").expect("CrmSyncFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned()).unwrap();
    let schedule = wrapup_lambda_kit::RetrySchedule {
        base: config.retry_base,
        cap: config.retry_cap,
    };
    let least = schedule.least_time_before_dead_letter(u32::try_from(max_receives).unwrap());
    assert!(
        least >= std::time::Duration::from_secs(100 * 60),
        "{max_receives} receives ride out only {least:?}"
    );
}
