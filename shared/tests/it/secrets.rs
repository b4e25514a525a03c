//! Secrets kept in Secrets Manager (moto), resolved at cold start: the Genesys client secret
//! and the LLM API key (the CRM webhook key: `crm_secrets.rs`).

use crate::common;

use common::*;
use wrapup::genesys::{GenesysClient, GenesysError};
use wrapup::secrets::{SecretError, SecretSource};

async fn secrets_client() -> aws_sdk_secretsmanager::Client {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto");
    aws_sdk_secretsmanager::Client::new(&aws.sdk_config().await)
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
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
    config.client_secret = SecretSource::SecretsManager {
        arn: created.arn().unwrap().to_owned(),
    };

    // Unresolved, the builder refuses rather than authenticating with nothing.
    let err = GenesysClient::builder(config.clone())
        .build()
        .err()
        .expect("refused");
    assert!(matches!(err, GenesysError::InvalidArgument { .. }), "{err:?}");

    let resolved = config.resolve_secret(&secrets).await.unwrap();
    assert!(matches!(resolved.client_secret, SecretSource::Value(_)));
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
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_missing_secret_names_the_arn() {
    let secrets = secrets_client().await;
    let sim = sim().await;
    let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:does-not-exist-AbCdEf";
    let mut config = genesys_config(&sim);
    config.client_secret = SecretSource::SecretsManager { arn: arn.to_owned() };
    let err = config.resolve_secret(&secrets).await.unwrap_err();
    assert!(matches!(err, SecretError::Fetch { .. }));
    assert!(err.to_string().contains(arn), "{err}");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_llm_key_is_read_from_its_arn_as_text_or_json_and_never_printed() {
    let secrets = secrets_client().await;
    let mut arns = Vec::new();
    for value in ["sk-local-key", r#"{"apiKey": "sk-local-key"}"#] {
        let created = secrets
            .create_secret()
            .name(wrapup_testkit::unique_stack_name("llm-key"))
            .secret_string(value)
            .send()
            .await
            .unwrap();
        arns.push(created.arn().unwrap().to_owned());
    }
    for arn in arns {
        let vars = std::collections::HashMap::from([
            ("WRAPUP_LLM_BASE_URL", "https://llm.example.com/v1/".to_owned()),
            ("WRAPUP_LLM_MODEL", "gpt-4o-mini".to_owned()),
            ("WRAPUP_LLM_API_KEY_SECRET_ARN", arn.clone()),
        ]);
        let config = wrapup::summary::llm::LlmConfig::from_lookup(|name| vars.get(name).cloned())
            .unwrap()
            .unwrap();
        assert!(
            wrapup::summary::llm::LlmSummarizer::new(config.clone()).is_err(),
            "an unresolved key is refused, not sent"
        );
        let resolved = config.resolve_api_key(&secrets).await.unwrap();
        let wrapup::summary::llm::LlmProvider::OpenAi { api_key, .. } = &resolved.provider else {
            panic!("an OpenAI-compatible endpoint: {resolved:?}");
        };
        let key = api_key.value().expect("resolved");
        assert_eq!(secrecy::ExposeSecret::expose_secret(key), "sk-local-key");
        assert!(!format!("{resolved:?}").contains("sk-local-key"));
        assert!(wrapup::summary::llm::LlmSummarizer::new(resolved).is_ok());
    }
}
