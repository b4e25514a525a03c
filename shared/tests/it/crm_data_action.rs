//! The Genesys Data Action target against the simulator.

use crate::common;
use crate::crm_common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{client, genesys_config};
use crm_common::*;
use serde_json::json;
use wrapup::crm::config::{DataActionConfig, FieldMapping, SourceField};
use wrapup::crm::{CrmError, CrmTarget, DataActionTarget, Delivery, TargetKind};
use wrapup::genesys::{Deadline, GenesysClient};

const ACTION_ID: &str = "custom_-_5c9a2f3e-1b7d-4e8a-9f10-2a3b4c5d6e7f";

fn target(client: GenesysClient) -> DataActionTarget {
    DataActionTarget::new(
        std::sync::Arc::new(client),
        DataActionConfig {
            action_id: ACTION_ID.into(),
            mapping: FieldMapping::default(),
        },
    )
}

#[tokio::test]
async fn the_default_mapping_reaches_the_simulator_with_the_idempotency_key() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = target(client(&sim));
    assert_eq!(target.kind(), TargetKind::DataAction);
    let message = message();
    let delivery = delivery(&message);
    let written = target.write(&delivery).await.unwrap();
    assert_eq!(written.http_status, 200);

    let log = crm_requests(&sim).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["kind"], "dataAction");
    assert_eq!(log[0]["accepted"], true);
    assert_eq!(log[0]["actionId"], ACTION_ID);
    assert_eq!(
        log[0]["body"],
        json!({
            "Post_Call_Summary": message.summary.executive_summary,
            "Action_Items": "Send the refund confirmation by email (agent, today); \
                             Check the statement for the refund (customer, within 5 business days)",
            "Call_Sentiment": "positive",
            "Summary_Confidence": 0.86,
            "Case_Id": "CASE-10482",
            "Conversation_Id": "3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b",
            "Wrapup_Idempotency_Key": delivery.key(),
        })
    );
}

#[tokio::test]
async fn a_custom_mapping_writes_the_chosen_fields_only() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let mapping = FieldMapping::new(BTreeMap::from([
        ("Description".to_owned(), SourceField::Reason),
        ("Tags".to_owned(), SourceField::KeyPhrases),
        ("Model".to_owned(), SourceField::SourceModel),
    ]))
    .unwrap();
    let target = DataActionTarget::new(
        std::sync::Arc::new(client(&sim)),
        DataActionConfig {
            action_id: "servicenow-update".into(),
            mapping,
        },
    );
    let message = message();
    target.write(&delivery(&message)).await.unwrap();
    let body = &crm_requests(&sim).await[0]["body"];
    assert_eq!(
        *body,
        json!({
            "Description": "Duplicate charge on the March invoice",
            "Tags": "duplicate charge; March invoice; refund",
            "Model": "gpt-4o-mini",
            "Wrapup_Idempotency_Key": delivery(&message).key(),
        })
    );
}

#[tokio::test]
async fn a_500_is_retryable_and_is_not_repeated_by_the_client() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = target(client(&sim));
    let message = message();
    crm_fault(&sim, 1, 500, "dataAction").await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    match &error {
        CrmError::Retryable {
            target,
            status,
            reason,
            ..
        } => {
            assert_eq!((*target, *status), ("dataAction", Some(500)));
            assert!(
                reason.contains("internal.server.error") && reason.contains("contextId"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        crm_requests(&sim).await.len(),
        1,
        "an ambiguous failure is not repeated"
    );
    target.write(&delivery(&message)).await.unwrap();
}

#[tokio::test]
async fn a_400_is_permanent_with_genesys_code_and_context_id_but_no_input_values() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = target(client(&sim));
    let message = message();
    crm_fault(&sim, 1, 400, "dataAction").await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    let CrmError::Permanent {
        target,
        status,
        reason,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*target, *status), ("dataAction", Some(400)));
    assert!(reason.contains("bad.request"), "{reason}");
    let context = reason.split("[contextId ").nth(1).unwrap().trim_end_matches(']');
    assert!(uuid::Uuid::parse_str(context).is_ok(), "{reason}");
    assert!(
        !reason.contains("CASE-10482") && !reason.contains("refund"),
        "{reason}"
    );
}

#[tokio::test]
async fn throttling_beyond_the_deadline_is_retryable_with_retry_after() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = target(client(&sim));
    let message = message();
    post_faults(
        &sim,
        json!({"failNext": [{"operation": "postIntegrationsActionExecute", "status": 429, "count": 5, "retryAfterSecs": 30}]}),
    )
    .await;
    let short = Delivery {
        message: &message,
        deadline: Deadline::after(Duration::from_secs(3)),
    };
    let error = target.write(&short).await.unwrap_err();
    assert!(
        matches!(error, CrmError::Retryable { status: Some(429), retry_after: Some(d), .. } if d == Duration::from_secs(30)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_short_throttle_is_waited_out_by_the_client() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = target(client(&sim));
    let message = message();
    crm_fault(&sim, 1, 429, "dataAction").await;
    target.write(&delivery(&message)).await.unwrap();
    let log = crm_requests(&sim).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[1]["accepted"], true);
}

#[tokio::test]
async fn a_timeout_is_retryable_and_not_repeated() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let mut config = genesys_config(&sim);
    config.http.request_timeout = Duration::from_millis(400);
    let target = target(GenesysClient::builder(config).build().unwrap());
    let message = message();
    post_faults(
        &sim,
        json!({"failNext": [{"operation": "postIntegrationsActionExecute", "delayMs": 2000}]}),
    )
    .await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(error, CrmError::Retryable { status: None, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn bad_credentials_are_permanent_and_a_throttled_login_is_retryable() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let message = message();

    let mut config = genesys_config(&sim);
    config.client_secret = "wrong-secret".into();
    let error = target(GenesysClient::builder(config).build().unwrap())
        .write(&delivery(&message))
        .await
        .unwrap_err();
    assert!(matches!(error, CrmError::Permanent { .. }), "{error:?}");
    assert!(!error.to_string().contains("wrong-secret"), "{error}");

    post_faults(&sim, json!({"tokenEndpointFailure": "server_error"})).await;
    let error = target(client(&sim)).write(&delivery(&message)).await.unwrap_err();
    assert!(matches!(error, CrmError::Retryable { .. }), "{error:?}");
    assert!(crm_requests(&sim).await.is_empty());
}
