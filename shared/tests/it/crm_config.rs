//! `CrmConfig::from_lookup`: each variable, the defaults, errors that name the variable, secrets
//! that never print; the field mapping; `build_targets`.

use crate::common;
use crate::crm_common;

use std::collections::HashMap;
use std::time::Duration;

use crm_common::{delivery, message};
use secrecy::ExposeSecret;
use serde_json::json;
use wrapup::config::ConfigError;
use wrapup::crm::config::{CrmConfig, FieldMapping, ParticipantAttributesConfig, SourceField};
use wrapup::crm::{CrmError, TargetBuildError, TargetKind, build_targets};
use wrapup::secrets::SecretSource;

const SECRET: &str = "s3cret-webhook-key-0123456789";
const ARN: &str = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:wrapup-crm-AbCdEf";

fn parse(pairs: &[(&str, &str)]) -> Result<CrmConfig, ConfigError> {
    let vars: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    CrmConfig::from_lookup(|name| vars.get(name).cloned())
}

fn invalid_name(result: Result<CrmConfig, ConfigError>) -> &'static str {
    match result {
        Err(ConfigError::Invalid { name, .. }) => name,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn every_target_with_its_defaults() {
    let config = parse(&[
        ("WRAPUP_CRM_TARGETS", "dataAction, webhook ,participantAttributes"),
        ("WRAPUP_CRM_DATA_ACTION_ID", "custom_-_abc"),
        (
            "WRAPUP_CRM_WEBHOOK_URL",
            "https://crm.example.com/hooks/wrapup?tenant=7",
        ),
        ("WRAPUP_CRM_WEBHOOK_SECRET", SECRET),
    ])
    .unwrap();
    assert_eq!(
        config.kinds(),
        [
            TargetKind::DataAction,
            TargetKind::Webhook,
            TargetKind::ParticipantAttributes
        ]
    );
    let data_action = config.data_action.as_ref().unwrap();
    assert_eq!(data_action.action_id, "custom_-_abc");
    assert_eq!(data_action.mapping, FieldMapping::default());
    let mapped: Vec<(&str, &str)> = data_action
        .mapping
        .fields()
        .iter()
        .map(|(name, field)| (name.as_str(), field.path()))
        .collect();
    assert_eq!(
        mapped,
        [
            ("Action_Items", "summary.actionItems"),
            ("Call_Sentiment", "summary.customerSentiment"),
            ("Case_Id", "caseId"),
            ("Conversation_Id", "conversationId"),
            ("Post_Call_Summary", "summary.executiveSummary"),
            ("Summary_Confidence", "summary.confidence"),
        ]
    );
    let webhook = config.webhook.as_ref().unwrap();
    assert_eq!(
        webhook.url.as_str(),
        "https://crm.example.com/hooks/wrapup?tenant=7"
    );
    assert_eq!(webhook.timeout, Duration::from_secs(10));
    assert!(matches!(&webhook.secret, SecretSource::Value(s) if s.expose_secret() == SECRET));
    assert_eq!(
        config.participant_attributes,
        Some(ParticipantAttributesConfig::default())
    );
    assert_eq!(config.participant_attributes.unwrap().prefix, "wrapup.");
}

#[test]
fn only_the_listed_targets_are_configured_and_their_variables_read() {
    let config = parse(&[
        ("WRAPUP_CRM_TARGETS", "participantattributes"),
        ("WRAPUP_CRM_ATTRIBUTE_PREFIX", "crm."),
        // Set but unused: webhook is not a target here.
        ("WRAPUP_CRM_WEBHOOK_URL", "ftp://nowhere"),
    ])
    .unwrap();
    assert_eq!(config.kinds(), [TargetKind::ParticipantAttributes]);
    assert!(config.data_action.is_none() && config.webhook.is_none());
    assert_eq!(config.participant_attributes.unwrap().prefix, "crm.");
}

#[test]
fn optional_variables_override_the_defaults() {
    let config = parse(&[
        ("WRAPUP_CRM_TARGETS", "webhook,dataAction"),
        ("WRAPUP_CRM_DATA_ACTION_ID", "a1"),
        (
            "WRAPUP_CRM_DATA_ACTION_MAPPING",
            r#"{"Notes": "summary.executiveSummary", "Score": "summary.confidence", "Key": "deliveryKey"}"#,
        ),
        ("WRAPUP_CRM_WEBHOOK_URL", "http://127.0.0.1:8090/_sim/crm/webhook"),
        ("WRAPUP_CRM_WEBHOOK_SECRET_ARN", ARN),
        ("WRAPUP_CRM_WEBHOOK_TIMEOUT_MS", "2500"),
    ])
    .unwrap();
    let mapping = &config.data_action.as_ref().unwrap().mapping;
    assert_eq!(mapping.fields().len(), 3);
    assert_eq!(mapping.fields()["Key"], SourceField::DeliveryKey);
    let webhook = config.webhook.unwrap();
    assert_eq!(webhook.timeout, Duration::from_millis(2500));
    assert!(matches!(webhook.secret, SecretSource::SecretsManager { ref arn } if arn == ARN));
    for local in ["http://localhost:9000/x", "http://[::1]:9000/x"] {
        let config = parse(&[
            ("WRAPUP_CRM_TARGETS", "webhook"),
            ("WRAPUP_CRM_WEBHOOK_URL", local),
            ("WRAPUP_CRM_WEBHOOK_SECRET", SECRET),
        ]);
        assert!(config.is_ok(), "{local}: {config:?}");
    }
}

#[test]
fn missing_variables_are_named() {
    assert_eq!(
        parse(&[]).unwrap_err(),
        ConfigError::Missing("WRAPUP_CRM_TARGETS")
    );
    assert_eq!(
        parse(&[("WRAPUP_CRM_TARGETS", "  ")]).unwrap_err(),
        ConfigError::Missing("WRAPUP_CRM_TARGETS")
    );
    assert_eq!(
        parse(&[("WRAPUP_CRM_TARGETS", "dataAction")]).unwrap_err(),
        ConfigError::Missing("WRAPUP_CRM_DATA_ACTION_ID")
    );
    assert_eq!(
        parse(&[("WRAPUP_CRM_TARGETS", "webhook")]).unwrap_err(),
        ConfigError::Missing("WRAPUP_CRM_WEBHOOK_URL")
    );
    let missing_secret = parse(&[
        ("WRAPUP_CRM_TARGETS", "webhook"),
        ("WRAPUP_CRM_WEBHOOK_URL", "https://crm.example.com/h"),
    ]);
    assert!(
        matches!(missing_secret, Err(ConfigError::Missing(name)) if name.contains("WRAPUP_CRM_WEBHOOK_SECRET")),
        "{missing_secret:?}"
    );
}

#[test]
fn malformed_variables_are_named_with_the_reason() {
    let targets = parse(&[("WRAPUP_CRM_TARGETS", "dataAction,salesforce")]);
    let Err(ConfigError::Invalid { name, reason }) = &targets else {
        panic!("{targets:?}")
    };
    assert_eq!(*name, "WRAPUP_CRM_TARGETS");
    assert!(reason.contains("salesforce"), "{reason}");
    assert_eq!(
        invalid_name(parse(&[("WRAPUP_CRM_TARGETS", " , ,")])),
        "WRAPUP_CRM_TARGETS"
    );

    let action = |id: &str, mapping: Option<&str>| {
        let mut pairs = vec![
            ("WRAPUP_CRM_TARGETS", "dataAction"),
            ("WRAPUP_CRM_DATA_ACTION_ID", id),
        ];
        pairs.extend(mapping.map(|m| ("WRAPUP_CRM_DATA_ACTION_MAPPING", m)));
        parse(&pairs)
    };
    assert_eq!(
        invalid_name(action("has space", None)),
        "WRAPUP_CRM_DATA_ACTION_ID"
    );
    for mapping in [
        "not json",
        "[1, 2]",
        "{}",
        r#"{"Notes": 7}"#,
        r#"{"Notes": "summary.transcript"}"#,
        r#"{"Wrapup_Idempotency_Key": "caseId"}"#,
        r#"{"": "caseId"}"#,
    ] {
        assert_eq!(
            invalid_name(action("a1", Some(mapping))),
            "WRAPUP_CRM_DATA_ACTION_MAPPING",
            "{mapping}"
        );
    }
    let unknown_path = action("a1", Some(r#"{"Notes": "summary.transcript"}"#));
    assert!(format!("{unknown_path:?}").contains("summary.transcript"));

    let hook = |pairs: &[(&'static str, &'static str)]| {
        let mut all = vec![
            ("WRAPUP_CRM_TARGETS", "webhook"),
            ("WRAPUP_CRM_WEBHOOK_URL", "https://crm.example.com/h"),
            ("WRAPUP_CRM_WEBHOOK_SECRET", SECRET),
        ];
        for (name, value) in pairs {
            all.retain(|(n, _)| n != name);
            all.push((name, value));
        }
        parse(&all)
    };
    for url in [
        "http://crm.example.com/h",
        "ftp://crm.example.com/h",
        "crm.example.com/h",
        "https://user:pw@crm.example.com/h",
        "https://crm.example.com/h#frag",
    ] {
        assert_eq!(
            invalid_name(hook(&[("WRAPUP_CRM_WEBHOOK_URL", url)])),
            "WRAPUP_CRM_WEBHOOK_URL",
            "{url}"
        );
    }
    assert_eq!(
        invalid_name(hook(&[("WRAPUP_CRM_WEBHOOK_SECRET", "short")])),
        "WRAPUP_CRM_WEBHOOK_SECRET"
    );
    assert_eq!(
        invalid_name(hook(&[("WRAPUP_CRM_WEBHOOK_SECRET_ARN", ARN)])),
        "WRAPUP_CRM_WEBHOOK_SECRET_ARN",
        "both the value and the ARN"
    );
    for timeout in ["0", "fast", "-5", "120001"] {
        assert_eq!(
            invalid_name(hook(&[("WRAPUP_CRM_WEBHOOK_TIMEOUT_MS", timeout)])),
            "WRAPUP_CRM_WEBHOOK_TIMEOUT_MS",
            "{timeout}"
        );
    }
    let only_arn = parse(&[
        ("WRAPUP_CRM_TARGETS", "webhook"),
        ("WRAPUP_CRM_WEBHOOK_URL", "https://crm.example.com/h"),
        ("WRAPUP_CRM_WEBHOOK_SECRET_ARN", "my-secret-name"),
    ]);
    assert_eq!(invalid_name(only_arn), "WRAPUP_CRM_WEBHOOK_SECRET_ARN");
    let prefix = parse(&[
        ("WRAPUP_CRM_TARGETS", "participantAttributes"),
        ("WRAPUP_CRM_ATTRIBUTE_PREFIX", "wrap up."),
    ]);
    assert_eq!(invalid_name(prefix), "WRAPUP_CRM_ATTRIBUTE_PREFIX");
}

#[test]
fn the_webhook_secret_never_prints() {
    let config = parse(&[
        ("WRAPUP_CRM_TARGETS", "webhook"),
        ("WRAPUP_CRM_WEBHOOK_URL", "https://crm.example.com/h"),
        ("WRAPUP_CRM_WEBHOOK_SECRET", SECRET),
    ])
    .unwrap();
    let printed = format!("{config:?} {:?}", config.webhook);
    assert!(!printed.contains(SECRET), "{printed}");
    assert!(printed.contains("REDACTED"), "{printed}");
    let short = "tooshort-secret";
    let error = parse(&[
        ("WRAPUP_CRM_TARGETS", "webhook"),
        ("WRAPUP_CRM_WEBHOOK_URL", "https://crm.example.com/h"),
        ("WRAPUP_CRM_WEBHOOK_SECRET", short),
    ])
    .unwrap_err();
    assert!(
        !error.to_string().contains(short) && !format!("{error:?}").contains(short),
        "{error}"
    );
}

#[test]
fn the_mapping_builds_numbers_strings_joined_lists_and_the_key() {
    let mut message = message();
    let mapping = FieldMapping::from_json(
        r#"{"a": "summary.actionItems", "c": "summary.confidence", "r": "summary.resolution",
            "s": "source.type", "t": "createdAt", "i": "idempotencyKey", "u": "auditId"}"#,
    )
    .unwrap();
    let delivery_key = delivery(&message).key();
    let input = mapping.input(&delivery(&message)).unwrap();
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({
            "a": "Send the refund confirmation by email (agent, today); \
                  Check the statement for the refund (customer, within 5 business days)",
            "c": 0.86,
            "r": "Refund of $49.99 issued",
            "s": "llm",
            "t": "2024-05-01T14:03:27.512Z",
            "i": message.idempotency_key,
            "u": message.audit_id,
            "Wrapup_Idempotency_Key": delivery_key,
        })
    );

    // Absent optional parts: empty strings, items without owner or due date stay bare.
    message.summary.resolution = None;
    message.summary.action_items[0].owner = None;
    message.summary.action_items[1].due_date = None;
    message.summary.action_items[1].owner = None;
    let input = serde_json::to_value(mapping.input(&delivery(&message)).unwrap()).unwrap();
    assert_eq!(input["r"], "");
    assert_eq!(
        input["a"],
        "Send the refund confirmation by email (today); Check the statement for the refund"
    );

    // A confidence that is no number cannot be mapped: permanent, nothing is written.
    message.summary.confidence = f32::NAN;
    let error = mapping.input(&delivery(&message)).unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Permanent {
                target: "dataAction",
                status: None,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn build_targets_makes_one_per_configured_kind() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let genesys: std::sync::Arc<dyn wrapup::genesys::GenesysApi> = std::sync::Arc::new(common::client(&sim));
    let all = parse(&[
        ("WRAPUP_CRM_TARGETS", "participantAttributes,webhook,dataAction"),
        ("WRAPUP_CRM_DATA_ACTION_ID", "a1"),
        ("WRAPUP_CRM_WEBHOOK_URL", "https://crm.example.com/h"),
        ("WRAPUP_CRM_WEBHOOK_SECRET", SECRET),
    ])
    .unwrap();
    let kinds: Vec<TargetKind> = build_targets(&all, &genesys)
        .unwrap()
        .iter()
        .map(|t| t.kind())
        .collect();
    assert_eq!(kinds, all.kinds());
    assert_eq!(kinds.len(), 3);

    let unresolved = parse(&[
        ("WRAPUP_CRM_TARGETS", "webhook"),
        ("WRAPUP_CRM_WEBHOOK_URL", "https://crm.example.com/h"),
        ("WRAPUP_CRM_WEBHOOK_SECRET_ARN", ARN),
    ])
    .unwrap();
    assert!(matches!(
        build_targets(&unresolved, &genesys),
        Err(TargetBuildError::UnresolvedSecret)
    ));
}
