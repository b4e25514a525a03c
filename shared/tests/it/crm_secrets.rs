//! The webhook secret kept in Secrets Manager (moto), resolved at cold start; the resolved
//! secret signs what the simulator's receiver accepts.

use crate::crm_common;

use std::collections::HashMap;
use std::time::Duration;

use crm_common::*;
use wrapup::crm::config::CrmConfig;
use wrapup::crm::{CrmTarget, WebhookTarget};
use wrapup::secrets::{SecretError, SecretSource};

async fn secrets_client() -> aws_sdk_secretsmanager::Client {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto");
    aws_sdk_secretsmanager::Client::new(&aws.sdk_config().await)
}

fn config(url: &str, arn: &str) -> CrmConfig {
    let vars = HashMap::from([
        ("WRAPUP_CRM_TARGETS", "webhook"),
        ("WRAPUP_CRM_WEBHOOK_URL", url),
        ("WRAPUP_CRM_WEBHOOK_SECRET_ARN", arn),
        ("WRAPUP_CRM_WEBHOOK_TIMEOUT_MS", "5000"),
    ]);
    CrmConfig::from_lookup(|name| vars.get(name).map(|v| v.to_string())).unwrap()
}

async fn create_secret(secrets: &aws_sdk_secretsmanager::Client, value: &str) -> String {
    let created = secrets
        .create_secret()
        .name(wrapup_testkit::unique_stack_name("crm-webhook-secret"))
        .secret_string(value)
        .send()
        .await
        .unwrap();
    created.arn().unwrap().to_owned()
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_secret_arn_is_resolved_and_signs_what_the_receiver_accepts() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let secrets = secrets_client().await;
    let arn = create_secret(
        &secrets,
        &format!(r#"{{"webhookSecret": "{SIM_WEBHOOK_SECRET}"}}"#),
    )
    .await;
    let config = config(&format!("{}/_sim/crm/webhook", sim.base_url), &arn);

    let resolved = config.resolve_secrets(&secrets).await.unwrap();
    let webhook = resolved.webhook.clone().unwrap();
    assert!(matches!(webhook.secret, SecretSource::Value(_)));
    assert!(
        !format!("{resolved:?}").contains(SIM_WEBHOOK_SECRET),
        "never printed"
    );

    let message = message();
    WebhookTarget::new(webhook)
        .unwrap()
        .write(&delivery(&message))
        .await
        .unwrap();
    let log = crm_requests(&sim).await;
    assert_eq!(log[0]["signatureValid"], true);
    assert_eq!(webhook_timeout(&resolved), Duration::from_secs(5));
}

fn webhook_timeout(config: &CrmConfig) -> Duration {
    config.webhook.as_ref().unwrap().timeout
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_missing_or_short_secret_names_the_arn_and_not_the_value() {
    let secrets = secrets_client().await;
    let missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:does-not-exist-AbCdEf";
    let error = config("https://crm.example.com/h", missing)
        .resolve_secrets(&secrets)
        .await
        .unwrap_err();
    assert!(matches!(error, SecretError::Fetch { .. }), "{error:?}");
    assert!(error.to_string().contains(missing), "{error}");

    let short = create_secret(&secrets, "tiny-secret").await;
    let error = config("https://crm.example.com/h", &short)
        .resolve_secrets(&secrets)
        .await
        .unwrap_err();
    assert!(matches!(error, SecretError::Empty { .. }), "{error:?}");
    assert!(!error.to_string().contains("tiny-secret"), "{error}");
}
