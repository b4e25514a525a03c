//! The environment template.yaml gives the deployed function is enough for it to start: every
//! variable the configuration requires is set there, under the same name.

use std::collections::{BTreeMap, HashMap};

use serde_norway::Value;
use summary_api::FunctionConfig;
use wrapup_template::Template;

/// A plausible deployed value for a variable, by its name.
fn sample(name: &str) -> String {
    match name {
        n if n.ends_with("_SECRET_ARN") => {
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:genesys-AbCdEf".into()
        }
        n if n.ends_with("_QUEUE_URL") || n.ends_with("_DLQ_URL") => {
            "https://sqs.us-east-1.amazonaws.com/123456789012/queue".into()
        }
        n if n.ends_with("_DAYS") => "30".into(),
        n if n.ends_with("_PRICE_PER_1K") => "0.003".into(),
        "WRAPUP_METRICS_NAMESPACE" => "Wrapup/wrapup-prod".into(),
        "GENESYS_REGION" => "mypurecloud.ie".into(),
        "WRAPUP_LLM_BASE_URL" => "https://llm.example.com/v1/".into(),
        "WRAPUP_LLM_PROVIDER" => "openai".into(),
        "WRAPUP_BEDROCK_GUARDRAIL_VERSION" => "1".into(),
        "WRAPUP_COMPREHEND_PII" => "true".into(),
        "WRAPUP_MAX_TRANSCRIPT_CHARS" => "200000".into(),
        "WRAPUP_CATALOG_S3_URI" => "s3://config-bucket/catalog/products.json".into(),
        _ => "value".into(),
    }
}

#[test]
fn the_template_environment_configures_the_function() {
    let parsed = Template::load().unwrap();
    let function = parsed.function("SummaryApiFunction").expect("SummaryApiFunction");
    let env = function.resolve(|variable, _| Some(sample(variable)));
    assert!(env.contains_key("WRAPUP_SUMMARY_TABLE"), "{env:?}");
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned());
    let config = config.unwrap_or_else(|e| panic!("the deployed function would not start: {e}"));
    let llm = config.llm.as_ref().expect("the LLM is configured");
    assert!(
        matches!(
            llm.provider,
            wrapup::summary::llm::LlmProvider::OpenAi {
                api_key: wrapup::secrets::SecretSource::SecretsManager { .. },
                ..
            }
        ),
        "the deployed key stays in Secrets Manager until cold start"
    );
    assert!(config.comprehend.enabled);
    assert!(config.llm_prices.is_some(), "the LlmCost metric has its prices");
    assert_eq!(config.base.metrics_namespace, "Wrapup/wrapup-prod");
    assert!(
        config.summary_jobs_dlq_url.is_some(),
        "invalid jobs are dead-lettered at once, with why"
    );
    assert_eq!(config.pipeline.max_transcript_chars, 200_000);
    assert_eq!(
        parsed.parameters.get("MaxTranscriptChars"),
        Some(&wrapup::pipeline::DEFAULT_MAX_TRANSCRIPT_CHARS.to_string()),
        "the template's default is the function's"
    );
    // And with the LLM parameters left empty (their defaults), there is simply no LLM.
    let without_llm: BTreeMap<String, String> = env
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

fn template() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../template.yaml");
    serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The function's configuration from the required variables plus `extra`.
fn with(extra: &[(&str, &str)]) -> Result<FunctionConfig, wrapup::config::ConfigError> {
    let mut env: HashMap<&str, &str> = HashMap::from([
        ("GENESYS_CLIENT_ID", "client"),
        ("GENESYS_CLIENT_SECRET", "secret"),
        ("GENESYS_REGION", "mypurecloud.ie"),
        ("WRAPUP_TOKEN_TABLE", "tokens"),
        ("WRAPUP_AUDIT_TABLE", "audit"),
        ("WRAPUP_SUMMARY_TABLE", "summaries"),
        (
            "WRAPUP_SUMMARY_JOBS_QUEUE_URL",
            "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
        ),
        (
            "WRAPUP_CRM_SYNC_QUEUE_URL",
            "https://sqs.us-east-1.amazonaws.com/123456789012/crm",
        ),
    ]);
    env.extend(extra.iter().copied());
    FunctionConfig::from_lookup(|name| env.get(name).map(|v| (*v).to_owned()))
}

#[test]
fn comprehend_is_off_by_default_and_each_template_value_configures_the_function() {
    let template = template();
    let parameter = &template["Parameters"]["ComprehendPii"];
    assert_eq!(parameter["Default"].as_str(), Some("false"));
    let allowed: Vec<&str> = parameter["AllowedValues"]
        .as_sequence()
        .expect("AllowedValues")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(allowed, ["true", "false"]);
    let variables = &template["Resources"]["SummaryApiFunction"]["Properties"]["Environment"]["Variables"];
    assert!(
        variables.get("WRAPUP_COMPREHEND_PII").is_some(),
        "the function must get WRAPUP_COMPREHEND_PII"
    );

    // Unset: off, with the default score.
    let config = with(&[]).unwrap();
    assert!(!config.comprehend.enabled);
    assert_eq!(config.comprehend.min_score, 0.5);
    for value in allowed {
        let config = with(&[("WRAPUP_COMPREHEND_PII", value)]).unwrap();
        assert_eq!(config.comprehend.enabled, value == "true", "{value}");
    }
    let config = with(&[
        ("WRAPUP_COMPREHEND_PII", "true"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "0.8"),
    ])
    .unwrap();
    assert!(config.comprehend.enabled);
    assert_eq!(config.comprehend.min_score, 0.8);
    // A bad value stops the start, naming the variable.
    for (name, value) in [
        ("WRAPUP_COMPREHEND_PII", "on please"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "2"),
    ] {
        let err = with(&[(name, value)]).unwrap_err().to_string();
        assert!(err.contains(name), "{err}");
    }
}

#[test]
fn comprehend_is_granted_only_when_enabled() {
    let template = template();
    let condition = format!("{:?}", template["Conditions"]["ComprehendEnabled"]);
    assert!(
        condition.contains("ComprehendPii") && condition.contains("true"),
        "{condition}"
    );
    let statements =
        template["Resources"]["SummaryApiRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
            .as_sequence()
            .expect("statements");
    let printed: Vec<String> = statements.iter().map(|s| format!("{s:?}")).collect();
    let granting: Vec<&String> = printed.iter().filter(|s| s.contains("comprehend:")).collect();
    assert_eq!(granting.len(), 1, "{printed:#?}");
    let statement = granting[0];
    // Inside `!If [ComprehendEnabled, {...}, !Ref AWS::NoValue]`, and nothing but DetectPiiEntities.
    assert!(
        statement.contains("ComprehendEnabled") && statement.contains("AWS::NoValue"),
        "{statement}"
    );
    assert!(statement.contains("comprehend:DetectPiiEntities"), "{statement}");
    assert_eq!(statement.matches("comprehend:").count(), 1, "{statement}");
}

#[test]
fn the_miners_catalog_from_s3_is_read_when_configured_and_granted_only_then() {
    assert!(
        with(&[]).unwrap().catalog_s3_uri.is_none(),
        "the built-in catalog by default"
    );
    let config = with(&[(
        "WRAPUP_CATALOG_S3_URI",
        "s3://config-bucket/catalog/products.json",
    )])
    .unwrap();
    let location = config.catalog_s3_uri.expect("the catalog location");
    assert_eq!(
        (location.bucket.as_str(), location.key.as_str()),
        ("config-bucket", "catalog/products.json")
    );
    let error = with(&[("WRAPUP_CATALOG_S3_URI", "https://config-bucket/products.json")]).unwrap_err();
    assert!(error.to_string().contains("WRAPUP_CATALOG_S3_URI"), "{error}");

    let template = template();
    let statements =
        template["Resources"]["SummaryApiRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
            .as_sequence()
            .expect("statements");
    let printed: Vec<String> = statements.iter().map(|s| format!("{s:?}")).collect();
    let granting: Vec<&String> = printed.iter().filter(|s| s.contains("s3:GetObject")).collect();
    assert_eq!(granting.len(), 1, "{printed:#?}");
    assert!(
        granting[0].contains("HasCatalogS3Uri") && granting[0].contains("AWS::NoValue"),
        "{}",
        granting[0]
    );
}

#[test]
fn the_llm_judge_needs_an_llm() {
    let err = with(&[("WRAPUP_VERIFY_JUDGE", "llm")]).unwrap_err().to_string();
    assert!(err.contains("WRAPUP_VERIFY_JUDGE"), "{err}");
    let llm = [
        ("WRAPUP_VERIFY_JUDGE", "llm"),
        ("WRAPUP_LLM_BASE_URL", "https://llm.example.com/v1/"),
        ("WRAPUP_LLM_MODEL", "model"),
        ("WRAPUP_LLM_API_KEY", "key"),
    ];
    let config = with(&llm).unwrap();
    assert_eq!(config.verification.judge, wrapup::verify::JudgeMode::Llm);
    assert_eq!(
        with(&[]).unwrap().verification.judge,
        wrapup::verify::JudgeMode::Off
    );
}

#[test]
fn bedrock_is_configured_by_the_template_and_granted_the_one_model() {
    let template = template();
    let parameter = &template["Parameters"]["LlmProvider"];
    assert_eq!(parameter["Default"].as_str(), Some("openai"));
    let variables = &template["Resources"]["SummaryApiFunction"]["Properties"]["Environment"]["Variables"];
    for name in [
        "WRAPUP_LLM_PROVIDER",
        "WRAPUP_BEDROCK_MODEL_ID",
        "WRAPUP_BEDROCK_GUARDRAIL_ID",
        "WRAPUP_BEDROCK_GUARDRAIL_VERSION",
    ] {
        assert!(variables.get(name).is_some(), "the function must get {name}");
    }
    // The template's values for Bedrock (the OpenAI ones left empty) configure the function,
    // and the judge with it.
    let bedrock = [
        ("WRAPUP_LLM_PROVIDER", "bedrock"),
        (
            "WRAPUP_BEDROCK_MODEL_ID",
            "eu.anthropic.claude-3-haiku-20240307-v1:0",
        ),
        ("WRAPUP_BEDROCK_GUARDRAIL_ID", ""),
        ("WRAPUP_BEDROCK_GUARDRAIL_VERSION", ""),
        ("WRAPUP_LLM_BASE_URL", ""),
        ("WRAPUP_LLM_MODEL", ""),
        ("WRAPUP_LLM_API_KEY_SECRET_ARN", ""),
        ("WRAPUP_VERIFY_JUDGE", "llm"),
    ];
    let config = with(&bedrock).unwrap();
    let llm = config.llm.expect("Bedrock is the LLM");
    assert!(
        matches!(&llm.provider, wrapup::summary::llm::LlmProvider::Bedrock(b) if b.guardrail.is_none()),
        "{llm:?}"
    );

    let statements =
        template["Resources"]["SummaryApiRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
            .as_sequence()
            .expect("statements");
    let printed: Vec<String> = statements.iter().map(|s| format!("{s:?}")).collect();
    let granting: Vec<&String> = printed.iter().filter(|s| s.contains("bedrock:")).collect();
    assert_eq!(granting.len(), 4, "{granting:#?}");
    for statement in &granting {
        assert!(
            statement.contains("AWS::NoValue"),
            "only with Bedrock: {statement}"
        );
        assert!(
            !statement.contains("String(\"bedrock:*\")") && !statement.contains("String(\"*\")"),
            "nothing wider than the model: {statement}"
        );
    }
    let invoking: Vec<&&String> = granting
        .iter()
        .filter(|s| s.contains("bedrock:InvokeModel"))
        .collect();
    assert_eq!(invoking.len(), 3, "{invoking:#?}");
    for statement in &invoking {
        assert!(statement.contains("BedrockModel"), "{statement}");
        assert!(
            !statement.contains("foundation-model/*"),
            "the configured model only: {statement}"
        );
    }
    // The models an inference profile routes to, through that profile only.
    let any_region: Vec<&&String> = invoking
        .iter()
        .copied()
        .filter(|s| s.contains("bedrock:*::"))
        .collect();
    assert_eq!(any_region.len(), 1, "{invoking:#?}");
    assert!(
        any_region[0].contains("bedrock:InferenceProfileArn"),
        "{}",
        any_region[0]
    );
    let guardrail: Vec<&&String> = granting
        .iter()
        .filter(|s| s.contains("bedrock:ApplyGuardrail"))
        .collect();
    assert!(
        guardrail.len() == 1 && guardrail[0].contains("HasBedrockGuardrail"),
        "{guardrail:#?}"
    );
    // No key secret with Bedrock.
    let secret_condition = format!("{:?}", template["Conditions"]["HasLlmSecret"]);
    assert!(secret_condition.contains("UseBedrock"), "{secret_condition}");
}
