//! Every event file of `events/` and the vendored real envelope, read; every kind of bad event
//! refused with the field and the reason.

use serde_json::{Value, json};
use wrapup_assist::envelope::{self, EventError};
use wrapup_assist::event::{AssistEvent, Engagement, Parsed, Rating, State};
use wrapup_assist::topic::SuggestionKind;

use crate::common::{event_file, parse, policy, repo_file, with_body};

#[test]
fn every_event_file_is_read_as_its_topic_says() {
    let AssistEvent::Suggestion(search) = event_file("assist-suggestion-knowledge-search.json") else {
        panic!("not a suggestion");
    };
    assert_eq!(search.kind, SuggestionKind::KnowledgeSearch);
    assert_eq!(search.state, State::Suggested);
    assert_eq!(
        search.item.as_ref().map(|i| i.as_str()),
        Some("doc:d0c00001-aaaa-4bbb-8ccc-000000000001")
    );
    assert_eq!(search.confidence, Some(0.82));
    assert!(search.queue_id.is_some());

    let AssistEvent::Suggestion(copied) = event_file("assist-suggestion-copied.json") else {
        panic!("not a suggestion");
    };
    assert_eq!(copied.engagement, Some(Engagement::Copied));
    assert_eq!(copied.suggestion_id, search.suggestion_id);

    let AssistEvent::Suggestion(response) = event_file("assist-suggestion-response.json") else {
        panic!("not a suggestion");
    };
    assert_eq!(response.kind, SuggestionKind::CannedResponse);
    assert_eq!(
        response.item.as_ref().map(|i| i.as_str()),
        Some("resp:e5e50001-bbbb-4ccc-8ddd-000000000002")
    );
    let AssistEvent::Suggestion(feedback) = event_file("assist-suggestion-feedback.json") else {
        panic!("not a suggestion");
    };
    assert_eq!(feedback.engagement, Some(Engagement::Feedback(Rating::Negative)));
    assert_eq!(feedback.item, None, "the feedback event names no item");

    let AssistEvent::Intent(intent) = event_file("assist-intent.json") else {
        panic!("not an intent");
    };
    assert_eq!(intent.intent_id.as_deref(), Some("intent-cancel-addon"));

    let AssistEvent::End(end) = event_file("assist-customer-end.json") else {
        panic!("not an end");
    };
    assert!(!end.is_transfer() && !end.after_call_work);
    assert_eq!(end.event_time.to_rfc3339(), "2026-12-04T10:20:00+00:00");

    let AssistEvent::Summary(summary) = event_file("assist-copilot-summary.json") else {
        panic!("not a summary");
    };
    assert!(summary.is_ready_after_disconnect());
    assert_eq!(summary.conversation_id, end.conversation_id);
}

#[test]
fn the_sqs_sample_carries_eventbridge_events_as_bodies() {
    let sqs = repo_file("events/assist-events-sqs.json");
    let records = sqs["Records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 3);
    for record in records {
        let body: Value =
            serde_json::from_str(record["body"].as_str().unwrap_or_default()).unwrap_or_default();
        assert!(matches!(parse(&body), Ok(Parsed::Event(_))), "{body}");
    }
}

#[test]
fn the_real_envelope_is_read_and_its_topic_acknowledged_as_unknown() {
    let real = repo_file("spec/genesys-eventbridge-event.user-presence.json");
    let policy = wrapup_assist::SourcePolicy {
        event_source: real["source"].as_str().unwrap_or_default().to_owned(),
        account: None,
    };
    let envelope = envelope::from_eventbridge(&real, &policy).expect("the real envelope");
    assert_eq!(envelope.version, "2");
    assert!(envelope.correlation_id.is_some());
    assert_eq!(
        wrapup_assist::event::parse(&envelope),
        Ok(Parsed::Unknown {
            topic: "other".into(),
            version: "2".into()
        })
    );
    // The same event from the configured org's source is foreign.
    assert_eq!(
        envelope::from_eventbridge(&real, &crate::common::policy()),
        Err(EventError::ForeignSource)
    );
}

#[test]
fn a_foreign_org_or_account_is_rejected_as_a_security_event() {
    let mut event = repo_file("events/assist-customer-end.json");
    event["source"] =
        json!("aws.partner/genesys.com/cloud/00000000-0000-4000-8000-000000000000/wrapup-assist");
    assert_eq!(parse(&event), Err(EventError::ForeignSource));
    let mut event = repo_file("events/assist-customer-end.json");
    event["account"] = json!("999999999999");
    assert_eq!(parse(&event), Err(EventError::ForeignSource));
    assert_eq!(
        envelope::org_of(&policy().event_source),
        Some("bb14bed0-f8f9-445d-b9d1-10cecb8569d6")
    );
}

fn refused_field(value: &Value) -> String {
    match parse(value) {
        Err(EventError::Malformed { field, .. }) => field,
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn malformed_events_are_refused_naming_the_field() {
    let search = repo_file("events/assist-suggestion-knowledge-search.json");
    let other_conversation = json!("11111111-2222-4333-8444-555555555555");
    let cases: Vec<(Value, &str)> = vec![
        (json!("not an object"), "event"),
        (json!({"source": crate::common::ORG_SOURCE}), "detail"),
        (
            with_body(search.clone(), &[("conversationId", other_conversation)]),
            "eventBody.conversationId",
        ),
        (
            with_body(search.clone(), &[("conversationId", json!("not-a-uuid"))]),
            "eventBody.conversationId",
        ),
        (
            with_body(search.clone(), &[("suggestionId", Value::Null)]),
            "eventBody.suggestionId",
        ),
        (
            with_body(search.clone(), &[("suggestionId", json!(42))]),
            "eventBody.suggestionId",
        ),
        (
            with_body(search.clone(), &[("eventTime", json!("yesterday"))]),
            "eventBody.eventTime",
        ),
        (
            with_body(
                search.clone(),
                &[("knowledgeSearch", json!({"documentId": "doc-1"}))],
            ),
            "eventBody.knowledgeSearch.documentId",
        ),
        (
            with_body(search.clone(), &[("knowledgeSearch", json!("a string"))]),
            "eventBody.knowledgeSearch",
        ),
        (
            with_body(search.clone(), &[("context", json!({"queueId": "support"}))]),
            "eventBody.context.queueId",
        ),
        (
            with_body(
                repo_file("events/assist-customer-end.json"),
                &[("eventTime", json!("2026-12-04T10:20:00Z"))],
            ),
            "eventBody.eventTime",
        ),
        (
            with_body(
                repo_file("events/assist-customer-end.json"),
                &[("participantId", Value::Null)],
            ),
            "eventBody.participantId",
        ),
        (
            with_body(
                repo_file("events/assist-copilot-summary.json"),
                &[("summaryId", json!("s-1"))],
            ),
            "eventBody.summaryId",
        ),
    ];
    for (event, field) in cases {
        assert_eq!(refused_field(&event), field, "{event}");
    }
    let mut wrong_type = search.clone();
    wrong_type["detail-type"] = json!("v2.conversations.{id}.suggestions.script");
    assert_eq!(refused_field(&wrong_type), "detail-type");
    let mut no_body = search.clone();
    if let Some(detail) = no_body["detail"].as_object_mut() {
        detail.remove("eventBody");
    }
    assert_eq!(refused_field(&no_body), "detail.eventBody");
    let mut topic_id = search;
    topic_id["detail"]["topicName"] = json!("v2.conversations.nope.suggestions.knowledge.search");
    assert_eq!(refused_field(&topic_id), "detail.topicName");
}

#[test]
fn a_refusal_never_quotes_the_body() {
    let secret = "Denise Albright 4111111111111111";
    let search = repo_file("events/assist-suggestion-knowledge-search.json");
    for changes in [
        vec![("suggestionId", json!(secret))],
        vec![("eventTime", json!(secret))],
        vec![("knowledgeSearch", json!({"documentId": secret}))],
    ] {
        let err = parse(&with_body(search.clone(), &changes)).expect_err("refused");
        assert!(!err.to_string().contains("Denise"), "{err}");
    }
}

#[test]
fn unknown_topics_versions_and_enum_values_are_not_errors() {
    let mut version = repo_file("events/assist-customer-end.json");
    version["detail"]["version"] = json!("3");
    assert_eq!(
        parse(&version),
        Ok(Parsed::Unknown {
            topic: "v2.detail.events.conversation.{id}.customer.end".into(),
            version: "3".into()
        })
    );
    let mut transcription = repo_file("events/assist-customer-end.json");
    transcription["detail-type"] = json!("v2.conversations.{id}.transcription");
    transcription["detail"]["topicName"] =
        json!("v2.conversations.6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70.transcription");
    assert!(matches!(parse(&transcription), Ok(Parsed::Unknown { .. })));
    let odd = with_body(
        repo_file("events/assist-suggestion-copied.json"),
        &[
            ("state", json!("Teleported")),
            ("engagementType", json!("Shared")),
        ],
    );
    let Ok(Parsed::Event(AssistEvent::Suggestion(event))) = parse(&odd) else {
        panic!("not read");
    };
    assert_eq!(event.state, State::Unknown);
    assert_eq!(event.engagement, Some(Engagement::Unknown));
}

#[test]
fn the_webhook_envelope_is_the_detail_alone() {
    let event = repo_file("events/assist-customer-end.json");
    let envelope = envelope::from_webhook(&event["detail"]).expect("envelope");
    assert!(matches!(
        wrapup_assist::event::parse(&envelope),
        Ok(Parsed::Event(AssistEvent::End(_)))
    ));
    assert!(envelope::from_webhook(&json!({"topicName": "x"})).is_err());
}

#[test]
fn every_kind_of_item_is_keyed_by_what_is_suggested() {
    let base = repo_file("events/assist-suggestion-response.json");
    let conversation = "6f1d3c2a-8b4e-4d7f-9a10-2b3c4d5e6f70";
    let as_topic = |suffix: &str, field: &str, item: Value| {
        let mut event = with_body(base.clone(), &[("cannedResponse", Value::Null), (field, item)]);
        event["detail-type"] = json!(format!("v2.conversations.{{id}}.suggestions.{suffix}"));
        event["detail"]["topicName"] = json!(format!("v2.conversations.{conversation}.suggestions.{suffix}"));
        match parse(&event) {
            Ok(Parsed::Event(AssistEvent::Suggestion(s))) => (s.kind, s.item.map(|i| i.as_str().to_owned())),
            other => panic!("{suffix}: {other:?}"),
        }
    };
    let doc = "d0c00001-aaaa-4bbb-8ccc-000000000007";
    assert_eq!(
        as_topic(
            "knowledge.article",
            "knowledgeArticle",
            json!({"documentId": doc, "title": "Roaming"})
        ),
        (SuggestionKind::KnowledgeArticle, Some(format!("doc:{doc}")))
    );
    let (script, page) = (
        "5c000001-aaaa-4bbb-8ccc-000000000001",
        "9a000001-aaaa-4bbb-8ccc-000000000002",
    );
    assert_eq!(
        as_topic(
            "knowledge.script",
            "script",
            json!({"scriptId": script, "pageId": page})
        ),
        (SuggestionKind::Script, Some(format!("script:{script}:{page}")))
    );
    let third = |title: &str, url: &str| {
        as_topic(
            "thirdpartyaction",
            "thirdPartySuggestion",
            json!({"title": title, "text": "what the customer said", "sources": [{"name": "kb", "url": url}]}),
        )
    };
    let (kind, key) = third("Reset a router", "https://kb.example.com/router");
    assert_eq!(kind, SuggestionKind::ThirdPartyAction);
    let key = key.unwrap_or_default();
    assert!(key.starts_with("3p:") && key.len() == 35, "{key}");
    assert!(!key.contains("Reset"), "hashed, not the title");
    assert_eq!(
        third("Reset a router", "https://kb.example.com/router").1,
        Some(key.clone()),
        "stable"
    );
    assert_ne!(
        third("Reset a router", "https://kb.example.com/other").1,
        Some(key)
    );
}
