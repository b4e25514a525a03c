//! The client secret kept in Secrets Manager (moto), resolved at cold start.

mod common;

use common::*;
use wrapup::config::ClientSecret;
use wrapup::genesys::{GenesysClient, GenesysError};
use wrapup::secrets::SecretError;

async fn secrets_client() -> aws_sdk_secretsmanager::Client {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto");
    aws_sdk_secretsmanager::Client::new(&aws.sdk_config().await)
}

#[tokio::test]
async fn a_secret_arn_is_resolved_once_and_the_client_authenticates() {
    let sim = sim().await;
    let secrets = secrets_client().await;
    let name = wrapup_testkit::unique_stack_name("genesys-secret");
    let created = secrets
        .create_secret()
        .name(&name)
        .secret_string(r#"{"clientSecret": "local-secret"}"#)
        .send()
        .await
        .unwrap();
    let mut config = genesys_config(&sim);
    config.client_secret = ClientSecret::SecretsManager {
        arn: created.arn().unwrap().to_owned(),
    };

    // Unresolved, the builder refuses rather than authenticating with nothing.
    let err = GenesysClient::builder(config.clone())
        .build()
        .err()
        .expect("refused");
    assert!(matches!(err, GenesysError::InvalidArgument { .. }), "{err:?}");

    let resolved = config.resolve_secret(&secrets).await.unwrap();
    assert!(matches!(resolved.client_secret, ClientSecret::Value(_)));
    assert!(
        !format!("{resolved:?}").contains("local-secret"),
        "the resolved secret never prints"
    );
    GenesysClient::builder(resolved)
        .build()
        .unwrap()
        .ensure_token()
        .await
        .unwrap();
    assert_eq!(token_requests(&sim).await, 1);
}

#[tokio::test]
async fn a_missing_secret_names_the_arn() {
    let secrets = secrets_client().await;
    let sim = sim().await;
    let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:does-not-exist-AbCdEf";
    let mut config = genesys_config(&sim);
    config.client_secret = ClientSecret::SecretsManager { arn: arn.to_owned() };
    let err = config.resolve_secret(&secrets).await.unwrap_err();
    assert!(matches!(err, SecretError::Fetch { .. }));
    assert!(err.to_string().contains(arn), "{err}");
}
