//! The Copilot summariser against the simulator: mapping, missing summaries and upstream faults.

use crate::common;

use std::time::Duration;

use genesys_sim::SimHandle;
use serde_json::{Value, json};
use wrapup::genesys::Deadline;
use wrapup::ids::ConversationId;
use wrapup::summary::genesys::{COPILOT_MODEL, GenesysSummarizer};
use wrapup::summary::{
    ActionItem, Owner, SummarizeError, Summarized, Summarizer, SummaryInput, SummaryLength, SummaryOptions,
    SummarySource,
};
use wrapup::transcript::{FetchTranscript, Transcript};

const OPERATION: &str = "getConversationSummaries";

fn conversation(id: &str, copilot: Option<Value>) -> Value {
    let mut body = json!({
        "conversationId": id,
        "mediaType": "voice",
        "phrases": [
            {"speaker": "ivr", "text": "Welcome to Northwind Connect, please hold."},
            {"speaker": "agent", "text": "Hi, you're through to Dana. How can I help?"},
            {"speaker": "customer", "text": "My Nimbus Phone X is broken and the screen stays black."},
            {"speaker": "agent", "text": "I've arranged a replacement Nimbus Phone X for you."},
            {"speaker": "agent", "text": "I will send a replacement by Friday."},
            {"speaker": "customer", "text": "Great, thank you so much, that is really helpful."}
        ]
    });
    if let Some(copilot) = copilot {
        body["copilotSummary"] = copilot;
    }
    body
}

async fn load(sim: &SimHandle, id: &str, copilot: Option<Value>) -> (ConversationId, Transcript) {
    common::load_conversation(sim, conversation(id, copilot)).await;
    let id = ConversationId::parse(id).unwrap();
    let transcript = common::client(sim)
        .conversation_transcript(&id)
        .await
        .unwrap()
        .expect("transcript");
    (id, transcript)
}

async fn summarize(
    sim: &SimHandle,
    id: &ConversationId,
    transcript: &Transcript,
    length: SummaryLength,
) -> Result<Summarized, SummarizeError> {
    let options = SummaryOptions {
        length,
        ..Default::default()
    };
    let input = SummaryInput {
        conversation_id: id,
        transcript,
        customer_sentiment: wrapup::sentiment::customer_sentiment(transcript),
        options: &options,
        deadline: Deadline::after(Duration::from_secs(10)),
    };
    GenesysSummarizer::new(std::sync::Arc::new(common::client(sim)))
        .summarize(&input)
        .await
}

fn copilot() -> Value {
    json!({
        "text": "Customer reported a broken Nimbus Phone X. The screen stayed black after a reset. \
                 Agent arranged a replacement. The agent committed: \"I will send a replacement by Friday.\"",
        "reason": "Customer's Nimbus Phone X was broken.",
        "resolution": "Agent arranged a replacement device.",
        "followup": "I will send a replacement by Friday.",
        "confidence": 0.9,
        "outcome": "Resolved"
    })
}

#[tokio::test]
async fn completed_copilot_summary_is_mapped() {
    let sim = common::sim().await;
    let (id, transcript) = load(&sim, "7d6a4c1e-0000-4000-8000-0000000000c1", Some(copilot())).await;

    let out = summarize(&sim, &id, &transcript, SummaryLength::Medium)
        .await
        .unwrap();
    assert_eq!(out.provenance.source, SummarySource::Genesys);
    assert_eq!(out.provenance.model, COPILOT_MODEL);
    assert_eq!(out.provenance.model, "genesys-copilot");
    assert_eq!(out.provenance.usage, None);
    let s = out.summary;
    assert_eq!(
        s.executive_summary,
        "Customer reported a broken Nimbus Phone X. The screen stayed black after a reset. Agent arranged a replacement."
    );
    assert_eq!(s.reason.as_deref(), Some("Customer's Nimbus Phone X was broken."));
    assert_eq!(
        s.resolution.as_deref(),
        Some("Agent arranged a replacement device. Outcome: Resolved.")
    );
    assert_eq!(
        s.action_items,
        vec![ActionItem {
            text: "I will send a replacement by Friday".into(),
            owner: Some(Owner::Agent),
            due_date: Some("by Friday".into()),
        }]
    );
    assert!((s.confidence - 0.9).abs() < 1e-6, "{}", s.confidence);
    assert!(
        s.key_phrases.iter().any(|k| k == "Nimbus Phone X"),
        "{:?}",
        s.key_phrases
    );
    assert_eq!(
        s.customer_sentiment,
        wrapup::sentiment::customer_sentiment(&transcript)
    );

    let short = summarize(&sim, &id, &transcript, SummaryLength::Short)
        .await
        .unwrap()
        .summary;
    assert_eq!(
        short.executive_summary,
        "Customer reported a broken Nimbus Phone X. The screen stayed black after a reset."
    );
    // Long asks for more sentences than Copilot wrote: the text is kept whole.
    let long = summarize(&sim, &id, &transcript, SummaryLength::Long)
        .await
        .unwrap()
        .summary;
    assert!(
        long.executive_summary.ends_with("by Friday.\""),
        "{}",
        long.executive_summary
    );
}

#[tokio::test]
async fn followups_get_the_owner_who_must_act() {
    let sim = common::sim().await;
    let cases = [
        (
            "7d6a4c1e-0000-4000-8000-0000000000d1",
            "Customer to upload the receipt by Monday.",
            Some(Owner::Customer),
            Some("by Monday"),
        ),
        (
            "7d6a4c1e-0000-4000-8000-0000000000d2",
            "Agent will call the customer back tomorrow.",
            Some(Owner::Agent),
            Some("tomorrow"),
        ),
        (
            "7d6a4c1e-0000-4000-8000-0000000000d3",
            "Replacement shipment pending courier confirmation.",
            None,
            None,
        ),
    ];
    for (id, followup, owner, due) in cases {
        let mut copilot = copilot();
        copilot["followup"] = json!(followup);
        copilot.as_object_mut().unwrap().remove("confidence");
        let (id, transcript) = load(&sim, id, Some(copilot)).await;
        let s = summarize(&sim, &id, &transcript, SummaryLength::Medium)
            .await
            .unwrap()
            .summary;
        assert_eq!(s.action_items.len(), 1, "{followup}");
        assert_eq!(s.action_items[0].owner, owner, "{followup}");
        assert_eq!(s.action_items[0].due_date.as_deref(), due, "{followup}");
        // The simulator defaults a missing confidence to 0.85.
        assert!((s.confidence - 0.85).abs() < 1e-6, "{}", s.confidence);
    }
    let mut none = copilot();
    none["followup"] = json!("No follow-up required.");
    let (id, transcript) = load(&sim, "7d6a4c1e-0000-4000-8000-0000000000d4", Some(none)).await;
    let s = summarize(&sim, &id, &transcript, SummaryLength::Medium)
        .await
        .unwrap()
        .summary;
    assert!(s.action_items.is_empty(), "{:?}", s.action_items);
}

#[tokio::test]
async fn no_copilot_summary_is_unavailable() {
    let sim = common::sim().await;
    let (id, transcript) = load(&sim, "7d6a4c1e-0000-4000-8000-0000000000e1", None).await;
    let err = summarize(&sim, &id, &transcript, SummaryLength::Medium)
        .await
        .unwrap_err();
    match err {
        SummarizeError::Unavailable(message) => {
            assert_eq!(message, "no completed Copilot summary for this conversation")
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
    assert_eq!(common::operation_count(&sim, OPERATION).await, 1);

    // A conversation Genesys does not know answers 404 as well: also unavailable, not an error.
    let unknown = ConversationId::parse("7d6a4c1e-0000-4000-8000-0000000000e2").unwrap();
    let err = summarize(&sim, &unknown, &transcript, SummaryLength::Medium)
        .await
        .unwrap_err();
    assert!(matches!(err, SummarizeError::Unavailable(_)), "{err:?}");
}

#[tokio::test]
async fn a_503_is_retried_and_the_summary_still_arrives() {
    let sim = common::sim().await;
    let (id, transcript) = load(&sim, "7d6a4c1e-0000-4000-8000-0000000000f1", Some(copilot())).await;
    common::fail_next(&sim, OPERATION, 503, 1, json!({})).await;
    let out = summarize(&sim, &id, &transcript, SummaryLength::Medium)
        .await
        .unwrap();
    assert_eq!(
        out.summary.reason.as_deref(),
        Some("Customer's Nimbus Phone X was broken.")
    );
    assert_eq!(common::operation_count(&sim, OPERATION).await, 2);
}

#[tokio::test]
async fn upstream_failures_surface_as_genesys_errors() {
    let sim = common::sim().await;
    let (id, transcript) = load(&sim, "7d6a4c1e-0000-4000-8000-0000000000f2", Some(copilot())).await;
    common::fail_next(&sim, OPERATION, 500, 10, json!({})).await;
    let err = summarize(&sim, &id, &transcript, SummaryLength::Medium)
        .await
        .unwrap_err();
    match err {
        SummarizeError::Genesys(e) => {
            assert_eq!(e.status(), Some(500));
            assert!(e.context_id().is_some(), "Genesys' contextId is kept");
        }
        other => panic!("expected a Genesys error, got {other:?}"),
    }
    common::faults(&sim, json!({"reset": true})).await;
    common::fail_next(&sim, OPERATION, 400, 1, json!({})).await;
    let err = summarize(&sim, &id, &transcript, SummaryLength::Medium)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SummarizeError::Genesys(e) if e.status() == Some(400)),
        "{err:?}"
    );
}
