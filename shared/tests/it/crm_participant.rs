//! The participant-attributes target against conversations loaded into the simulator.

use crate::common;
use crate::crm_common;

use common::{client, load_conversation};
use crm_common::*;
use serde_json::{Value, json};
use wrapup::crm::config::ParticipantAttributesConfig;
use wrapup::crm::participant::{MAX_ATTRIBUTE_CHARS, participant_to_write};
use wrapup::crm::{CrmError, CrmTarget, ParticipantAttributesTarget, TargetKind};
use wrapup::genesys::models::AnalyticsConversation;

fn target(sim: &genesys_sim::SimHandle, prefix: &str) -> ParticipantAttributesTarget {
    ParticipantAttributesTarget::new(
        std::sync::Arc::new(client(sim)),
        ParticipantAttributesConfig {
            prefix: prefix.into(),
        },
    )
}

/// Loads a short call with the example message's conversation id; returns the customer's id.
async fn load_example_conversation(sim: &genesys_sim::SimHandle, conversation_id: &str) -> String {
    let loaded = load_conversation(
        sim,
        json!({
            "conversationId": conversation_id,
            "mediaType": "voice",
            "phrases": [
                {"speaker": "agent", "text": "Hi, how can I help?"},
                {"speaker": "customer", "text": "I was charged twice on my March invoice."},
                {"speaker": "agent", "text": "I've issued a refund of $49.99."}
            ]
        }),
    )
    .await;
    loaded["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["purpose"] == "customer")
        .and_then(|p| p["participantId"].as_str())
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_summary_is_written_onto_the_customer_participant() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let message = message();
    let customer = load_example_conversation(&sim, &message.conversation_id).await;
    let target = target(&sim, "wrapup.");
    assert_eq!(target.kind(), TargetKind::ParticipantAttributes);

    let written = target.write(&delivery(&message)).await.unwrap();
    assert_eq!(written.http_status, 202);

    let log = crm_requests(&sim).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["kind"], "participantAttributes");
    assert_eq!(log[0]["accepted"], true);
    assert_eq!(log[0]["conversationId"], message.conversation_id);
    assert_eq!(log[0]["participantId"], customer);
    assert_eq!(
        log[0]["body"]["attributes"],
        json!({
            "wrapup.summary": message.summary.executive_summary,
            "wrapup.actionItems": "Send the refund confirmation by email (agent, today); \
                                   Check the statement for the refund (customer, within 5 business days)",
            "wrapup.sentiment": "positive",
            "wrapup.confidence": "0.86",
            "wrapup.caseId": "CASE-10482",
            "wrapup.auditId": message.audit_id,
        })
    );
}

#[tokio::test]
async fn long_values_are_capped_on_char_boundaries_with_the_configured_prefix() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let mut message = message();
    message.summary.executive_summary = "Le client a signalé un problème — ".repeat(200);
    load_example_conversation(&sim, &message.conversation_id).await;
    target(&sim, "crm_").write(&delivery(&message)).await.unwrap();

    let attributes = crm_requests(&sim).await[0]["body"]["attributes"].clone();
    let summary = attributes["crm_summary"].as_str().unwrap();
    assert_eq!(summary.chars().count(), MAX_ATTRIBUTE_CHARS);
    assert!(message.summary.executive_summary.starts_with(summary));
    assert_eq!(attributes.as_object().unwrap().len(), 6);
    assert!(
        attributes
            .as_object()
            .unwrap()
            .keys()
            .all(|k| k.starts_with("crm_"))
    );
}

#[tokio::test]
async fn an_unknown_conversation_is_permanent() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let mut message = message();
    message.conversation_id = "00000000-0000-4000-8000-00000000abcd".into();
    let error = target(&sim, "wrapup.")
        .write(&delivery(&message))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Permanent {
                target: "participantAttributes",
                status: Some(404),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(crm_requests(&sim).await.is_empty());
}

#[tokio::test]
async fn crm_failures_are_sorted_into_retryable_and_permanent() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let message = message();
    load_example_conversation(&sim, &message.conversation_id).await;
    let target = target(&sim, "wrapup.");

    // The PATCH is idempotent: the client repeats a 503 itself, so fail more often than it tries.
    crm_fault(&sim, 10, 503, "participantAttributes").await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Retryable {
                status: Some(503),
                ..
            }
        ),
        "{error:?}"
    );

    post_faults(&sim, json!({"reset": true})).await;
    crm_fault(&sim, 1, 403, "participantAttributes").await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Permanent {
                status: Some(403),
                ..
            }
        ),
        "{error:?}"
    );

    // A failed details lookup is retryable too.
    post_faults(
        &sim,
        json!({"failNext": [{"operation": "getAnalyticsConversationDetails", "status": 503, "count": 10}]}),
    )
    .await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Retryable {
                status: Some(503),
                ..
            }
        ),
        "{error:?}"
    );

    post_faults(&sim, json!({"reset": true})).await;
    target.write(&delivery(&message)).await.unwrap();
    let accepted = crm_requests(&sim)
        .await
        .iter()
        .filter(|r| r["accepted"] == true)
        .count();
    assert_eq!(accepted, 1);
}

fn conversation(participants: Value) -> AnalyticsConversation {
    serde_json::from_value(json!({"conversationId": "c", "participants": participants})).unwrap()
}

#[test]
fn the_customer_is_preferred_then_the_first_agent() {
    let both = conversation(json!([
        {"participantId": "ivr-1", "purpose": "ivr"},
        {"participantId": "agent-1", "purpose": "agent"},
        {"participantId": "cust-1", "purpose": "customer"}
    ]));
    assert_eq!(participant_to_write(&both), Some("cust-1"));
    let external = conversation(json!([
        {"participantId": "agent-1", "purpose": "agent"},
        {"participantId": "ext-1", "purpose": "external"}
    ]));
    assert_eq!(participant_to_write(&external), Some("ext-1"));
    let agents = conversation(json!([
        {"participantId": "acd-1", "purpose": "acd"},
        {"purpose": "customer"},
        {"participantId": "user-1", "purpose": "user"},
        {"participantId": "agent-2", "purpose": "agent"}
    ]));
    assert_eq!(participant_to_write(&agents), Some("user-1"));
    let nobody = conversation(json!([{"participantId": "ivr-1", "purpose": "ivr"}, {"participantId": "x"}]));
    assert_eq!(participant_to_write(&nobody), None);
}
