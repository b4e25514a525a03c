//! Comprehend's configuration, the languages sent, and its errors classified without their text.

use aws_sdk_comprehend::error::ErrorMetadata;
use aws_sdk_comprehend::types::error::{
    InternalServerException, InvalidRequestException, TextSizeLimitExceededException,
    UnsupportedLanguageException,
};

use super::tests::transcript;
use super::*;
use wrapup_genesys::config::env_of as lookup;

#[test]
fn only_supported_configured_languages_are_sent() {
    let config = ComprehendConfig::default();
    let lang = |tag: Option<&str>| config.language_of(&transcript(tag, &["hi"]));
    assert_eq!(lang(Some("en-US")), Some(LanguageCode::En));
    assert_eq!(lang(Some("EN_gb")), Some(LanguageCode::En));
    assert_eq!(lang(Some("es-MX")), Some(LanguageCode::Es));
    assert_eq!(lang(Some("es")), Some(LanguageCode::Es));
    for other in [
        Some("fr-FR"),
        Some("de"),
        Some("pt-BR"),
        Some(""),
        Some("english"),
        None,
    ] {
        assert_eq!(lang(other), None, "{other:?}");
    }
    let english_only = ComprehendConfig {
        languages: vec!["en".into()],
        ..ComprehendConfig::default()
    };
    assert_eq!(
        english_only.language_of(&transcript(Some("es-ES"), &["hola"])),
        None
    );
    let french = ComprehendConfig {
        languages: vec!["fr".into()],
        ..ComprehendConfig::default()
    };
    assert_eq!(french.language_of(&transcript(Some("fr"), &["salut"])), None);
}

#[test]
fn config_defaults_and_values() {
    let config = ComprehendConfig::from_lookup(lookup(&[])).unwrap();
    assert_eq!(config, ComprehendConfig::default());
    assert!(!config.enabled);
    assert_eq!(config.min_score, 0.5);
    assert_eq!(config.languages, vec!["en", "es"]);
    let config = ComprehendConfig::from_lookup(lookup(&[
        ("WRAPUP_COMPREHEND_PII", " TRUE "),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "0.9"),
    ]))
    .unwrap();
    assert!(config.enabled);
    assert_eq!(config.min_score, 0.9);
    for (raw, on) in [("false", false), ("0", false), ("yes", true), ("", false)] {
        let config = ComprehendConfig::from_lookup(lookup(&[("WRAPUP_COMPREHEND_PII", raw)])).unwrap();
        assert_eq!(config.enabled, on, "{raw}");
    }
    for raw in ["0", "1", "0.0", "1.0"] {
        assert!(ComprehendConfig::from_lookup(lookup(&[("WRAPUP_COMPREHEND_MIN_SCORE", raw)])).is_ok());
    }
}

#[test]
fn config_errors_name_the_variable() {
    let cases = [
        ("WRAPUP_COMPREHEND_PII", "maybe", "true or false"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "high", "not a number"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "1.5", "outside 0..=1"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "-0.1", "outside 0..=1"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "NaN", "outside 0..=1"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "inf", "outside 0..=1"),
    ];
    for (name, value, reason) in cases {
        let err = ComprehendConfig::from_lookup(lookup(&[(name, value)])).unwrap_err();
        assert!(
            matches!(err, ConfigError::Invalid { name: n, .. } if n == name),
            "{err}"
        );
        let text = err.to_string();
        assert!(text.contains(name) && text.contains(reason), "{text}");
    }
}

#[test]
fn errors_are_classified_by_type_and_carry_no_service_text() {
    let secret = "arn:aws:comprehend:us-east-1:123456789012:x Jane Doe 4111111111111111";
    let en = LanguageCode::En;
    let cases = [
        (
            DetectPiiEntitiesError::TextSizeLimitExceededException(
                TextSizeLimitExceededException::builder().message(secret).build(),
            ),
            400,
            ComprehendError::TextTooLong,
        ),
        (
            DetectPiiEntitiesError::UnsupportedLanguageException(
                UnsupportedLanguageException::builder().message(secret).build(),
            ),
            400,
            ComprehendError::UnsupportedLanguage { language: "en" },
        ),
        (
            DetectPiiEntitiesError::InvalidRequestException(
                InvalidRequestException::builder().message(secret).build(),
            ),
            400,
            ComprehendError::Other {
                cause: FailureCause::Service { status: 400 },
            },
        ),
        (
            DetectPiiEntitiesError::InternalServerException(
                InternalServerException::builder().message(secret).build(),
            ),
            500,
            ComprehendError::Other {
                cause: FailureCause::Service { status: 500 },
            },
        ),
        (
            DetectPiiEntitiesError::generic(
                ErrorMetadata::builder()
                    .code("ThrottlingException")
                    .message(secret)
                    .build(),
            ),
            400,
            ComprehendError::Throttled,
        ),
        (
            DetectPiiEntitiesError::generic(
                ErrorMetadata::builder()
                    .code("TooManyRequestsException")
                    .message(secret)
                    .build(),
            ),
            400,
            ComprehendError::Throttled,
        ),
        (
            DetectPiiEntitiesError::generic(ErrorMetadata::builder().message(secret).build()),
            429,
            ComprehendError::Throttled,
        ),
        (
            // A message that mentions throttling does not make an error a throttle.
            DetectPiiEntitiesError::generic(
                ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("Throttling ThrottlingException")
                    .build(),
            ),
            400,
            ComprehendError::Other {
                cause: FailureCause::Service { status: 400 },
            },
        ),
    ];
    for (error, status, expected) in cases {
        let got = classify_service(&error, status, &en);
        assert_eq!(got, expected, "{error:?}");
        let text = got.to_string();
        for leak in ["arn:", "Jane", "4111", "Throttling Throttling", "AccessDenied"] {
            assert!(!text.contains(leak), "{text}");
        }
    }
    assert!(ComprehendError::Throttled.is_transient());
    assert!(!ComprehendError::TextTooLong.is_transient());
    assert!(
        ComprehendError::Other {
            cause: FailureCause::Service { status: 503 }
        }
        .is_transient()
    );
}

/// A client whose every call would fail (nothing listens on the discard port).
fn unreachable_client() -> Client {
    let config = aws_sdk_comprehend::Config::builder()
        .behavior_version(aws_sdk_comprehend::config::BehaviorVersion::latest())
        .region(aws_sdk_comprehend::config::Region::new("us-east-1"))
        .endpoint_url("http://127.0.0.1:9")
        .credentials_provider(aws_sdk_comprehend::config::Credentials::new(
            "test",
            "test",
            None,
            None,
            "unit-test",
        ))
        .build();
    Client::from_conf(config)
}

#[tokio::test]
async fn other_languages_disabled_config_and_empty_calls_make_no_request() {
    let enabled = ComprehendConfig {
        enabled: true,
        ..ComprehendConfig::default()
    };
    let pii = ComprehendPii::from_client(unreachable_client(), enabled.clone());
    for language in [Some("fr-FR"), Some("de"), None] {
        let t = transcript(language, &["Je m'appelle Jean Dupont"]);
        assert_eq!(pii.detect(&t).await, Ok(Vec::new()), "{language:?}");
    }
    assert_eq!(pii.detect(&transcript(Some("en"), &[])).await, Ok(Vec::new()));
    let disabled = ComprehendPii::from_client(unreachable_client(), ComprehendConfig::default());
    let t = transcript(Some("en-US"), &["My name is Jane Doe"]);
    assert_eq!(disabled.detect(&t).await, Ok(Vec::new()));
    assert!(!disabled.config().enabled);
}

#[tokio::test]
async fn an_unreachable_service_is_a_network_error_without_text() {
    let config = ComprehendConfig {
        enabled: true,
        ..ComprehendConfig::default()
    };
    let client = {
        let conf = unreachable_client()
            .config()
            .to_builder()
            .retry_config(aws_sdk_comprehend::config::retry::RetryConfig::disabled())
            .build();
        Client::from_conf(conf)
    };
    let pii = ComprehendPii::from_client(client, config);
    let t = transcript(Some("en-US"), &["My name is Jane Doe"]);
    let err = pii.detect(&t).await.unwrap_err();
    assert!(
        matches!(
            err,
            ComprehendError::Other {
                cause: FailureCause::Network | FailureCause::Timeout
            }
        ),
        "{err:?}"
    );
    assert!(!err.to_string().contains("Jane") && !err.to_string().contains("127.0.0.1"));
}
