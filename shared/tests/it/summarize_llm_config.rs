//! `LlmConfig::from_lookup`: no LLM, a complete configuration, named errors, a key that never prints.

use std::time::Duration;

use secrecy::ExposeSecret;
use wrapup::config::{ConfigError, env_of as lookup};
use wrapup::summary::llm::{LlmConfig, LlmProvider, LlmSummarizer};

const KEY: &str = "sk-very-secret-key-0123456789";

const BASE: [(&str, &str); 3] = [
    ("WRAPUP_LLM_BASE_URL", "https://api.openai.com/v1/"),
    ("WRAPUP_LLM_MODEL", "gpt-4o-mini"),
    ("WRAPUP_LLM_API_KEY", KEY),
];

fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut pairs = BASE.to_vec();
    pairs.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
    pairs.extend_from_slice(extra);
    pairs
}

#[test]
fn no_base_url_means_no_llm() {
    assert!(LlmConfig::from_lookup(lookup(&[])).unwrap().is_none());
    assert!(
        LlmConfig::from_lookup(lookup(&[
            ("WRAPUP_LLM_BASE_URL", "  "),
            ("WRAPUP_LLM_MODEL", "m")
        ]))
        .unwrap()
        .is_none()
    );
}

#[test]
fn a_complete_configuration_has_the_defaults() {
    let config = LlmConfig::from_lookup(lookup(&BASE))
        .unwrap()
        .expect("configured");
    let LlmProvider::OpenAi { base_url, api_key } = &config.provider else {
        panic!("the default provider is openai: {config:?}");
    };
    assert_eq!(base_url.as_str(), "https://api.openai.com/v1/");
    assert_eq!(config.model, "gpt-4o-mini");
    assert_eq!(api_key.value().unwrap().expose_secret(), KEY);
    assert_eq!(config.context_tokens, 16_000);
    assert_eq!(config.max_output_tokens, 800);
    assert_eq!(config.request_timeout, Duration::from_secs(20));
    assert_eq!(config.max_attempts, 3);
    assert!(LlmSummarizer::new(config).is_ok());

    let tuned = LlmConfig::from_lookup(lookup(&with(&[
        ("WRAPUP_LLM_CONTEXT_TOKENS", "128000"),
        ("WRAPUP_LLM_MAX_OUTPUT_TOKENS", "1200"),
        ("WRAPUP_LLM_TIMEOUT_MS", "9000"),
        ("WRAPUP_LLM_MAX_ATTEMPTS", "2"),
    ])))
    .unwrap()
    .unwrap();
    assert_eq!(tuned.context_tokens, 128_000);
    assert_eq!(tuned.max_output_tokens, 1200);
    assert_eq!(tuned.request_timeout, Duration::from_millis(9000));
    assert_eq!(tuned.max_attempts, 2);
}

#[test]
fn a_base_url_without_model_or_key_names_the_variable() {
    for missing in ["WRAPUP_LLM_MODEL", "WRAPUP_LLM_API_KEY"] {
        let pairs: Vec<_> = BASE.iter().copied().filter(|(k, _)| *k != missing).collect();
        let err = LlmConfig::from_lookup(lookup(&pairs)).unwrap_err();
        assert!(
            matches!(err, ConfigError::Missing(name) if name.contains(missing)),
            "{err}"
        );
        assert!(err.to_string().contains(missing));
    }
    // The key as a value and as an ARN at once is refused, naming both.
    let both = LlmConfig::from_lookup(lookup(&with(&[(
        "WRAPUP_LLM_API_KEY_SECRET_ARN",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:llm-AbCdEf",
    )])))
    .unwrap_err();
    assert!(
        both.to_string().contains("WRAPUP_LLM_API_KEY_SECRET_ARN") && both.to_string().contains("not both")
    );
}

#[test]
fn malformed_values_name_the_variable_and_the_reason() {
    let cases = [
        ("WRAPUP_LLM_BASE_URL", "not a url", "WRAPUP_LLM_BASE_URL"),
        ("WRAPUP_LLM_BASE_URL", "ftp://models.example.com/", "http(s)"),
        ("WRAPUP_LLM_CONTEXT_TOKENS", "lots", "not a whole number"),
        ("WRAPUP_LLM_CONTEXT_TOKENS", "10", "outside"),
        ("WRAPUP_LLM_MAX_OUTPUT_TOKENS", "12000", "at most half"),
        ("WRAPUP_LLM_TIMEOUT_MS", "0", "outside"),
        ("WRAPUP_LLM_MAX_ATTEMPTS", "-1", "not a whole number"),
    ];
    for (name, value, reason) in cases {
        let err = LlmConfig::from_lookup(lookup(&with(&[(name, value)]))).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(name) && text.contains(reason), "{text}");
        assert!(!text.contains(KEY), "{text}");
    }
}

#[test]
fn the_key_never_prints() {
    let config = LlmConfig::from_lookup(lookup(&BASE)).unwrap().unwrap();
    let printed = format!("{config:?}");
    assert!(!printed.contains(KEY), "{printed}");
    assert!(printed.contains("gpt-4o-mini"), "the rest is visible: {printed}");
    let summarizer = LlmSummarizer::new(config).unwrap();
    let printed = format!("{summarizer:?}");
    assert!(
        !printed.contains(KEY) && printed.contains("chat/completions"),
        "{printed}"
    );
}
