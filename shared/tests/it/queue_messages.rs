//! Parsing the versioned queue messages, and the examples in events/ (no moto needed).

use serde_json::{Value, json};
use wrapup::ids::ConversationId;
use wrapup::queue::{
    CrmSyncMessage, MessageError, ORIGIN_API_ASYNC, ORIGIN_ASSIST_CALLBACK, SummaryJobMessage,
    parse_crm_sync, parse_summary_job,
};
use wrapup::store::RequestKey;
use wrapup::summary::{SourceChoice, SummaryLength, SummaryOptions, SummarySource, SummaryTone};

fn repo_file(path: &str) -> String {
    let root = wrapup_testkit::find_repo_root().expect("repository root");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn crm_example() -> Value {
    serde_json::from_str(&repo_file("events/crm-sync-message.json")).unwrap()
}

fn job_example() -> Value {
    json!({
        "version": 1,
        "conversationId": "3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b",
        "caseId": "CASE-10482",
        "options": {"length": "short"},
        "force": true,
        "requestKey": RequestKey::new(
            &ConversationId::parse("3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b").unwrap(),
            "CASE-10482",
            &SummaryOptions { length: SummaryLength::Short, ..SummaryOptions::default() },
        ).as_str(),
        "auditId": "0e7c3a52-6b1d-4a8f-b2c9-4d5e6f708192",
        "caller": "0oa8f5j3ecb5w3dF35d7",
        "requestedAt": "2024-05-01T14:02:10.004Z",
        "origin": "api-async"
    })
}

fn invalid_field(err: MessageError) -> String {
    match err {
        MessageError::Invalid { field, .. } => field,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn the_crm_sync_example_parses_and_round_trips() {
    let message = parse_crm_sync(&crm_example().to_string()).unwrap();
    assert_eq!(message.version, 1);
    assert_eq!(message.case_id, "CASE-10482");
    assert_eq!(message.source.source, SummarySource::Llm);
    assert!(message.verification_passed);
    assert_eq!(message.summary.action_items.len(), 2);
    // The idempotency key is the request key of the request that produced it (default options).
    let conversation = ConversationId::parse(&message.conversation_id).unwrap();
    let key = RequestKey::new(&conversation, &message.case_id, &SummaryOptions::default());
    assert_eq!(message.idempotency_key, key.as_str());

    let body = message.to_body().unwrap();
    assert_eq!(parse_crm_sync(&body).unwrap(), message);
    assert_eq!(CrmSyncMessage::attributes(), [("messageType", "crm-sync")]);
}

#[test]
fn the_summary_jobs_sqs_event_has_two_valid_jobs() {
    let event: Value = serde_json::from_str(&repo_file("events/summary-jobs-sqs.json")).unwrap();
    let records = event["Records"].as_array().expect("Records");
    assert_eq!(records.len(), 2);
    let mut origins = Vec::new();
    for record in records {
        assert_eq!(record["eventSource"], "aws:sqs");
        assert!(
            record["eventSourceARN"]
                .as_str()
                .unwrap()
                .ends_with("-summary-jobs")
        );
        assert!(record["messageId"].is_string() && record["receiptHandle"].is_string());
        assert_eq!(
            record["messageAttributes"]["messageType"]["stringValue"],
            "summary-job"
        );
        let job = parse_summary_job(record["body"].as_str().expect("body")).unwrap();
        let conversation = ConversationId::parse(&job.conversation_id).unwrap();
        assert_eq!(
            job.request_key,
            RequestKey::new(&conversation, &job.case_id, &job.options).as_str(),
            "the example's requestKey is the real key of its request"
        );
        origins.push(job.origin);
    }
    assert_eq!(origins, [ORIGIN_API_ASYNC, ORIGIN_ASSIST_CALLBACK]);
}

#[test]
fn a_summary_job_parses_and_round_trips() {
    let job = parse_summary_job(&job_example().to_string()).unwrap();
    assert_eq!(
        job.options,
        SummaryOptions {
            language: None,
            length: SummaryLength::Short,
            tone: SummaryTone::Neutral,
            source: SourceChoice::Auto,
        }
    );
    assert!(job.force);
    assert_eq!(job.caller.as_deref(), Some("0oa8f5j3ecb5w3dF35d7"));
    assert_eq!(parse_summary_job(&job.to_body().unwrap()).unwrap(), job);
    assert_eq!(SummaryJobMessage::attributes(), [("messageType", "summary-job")]);

    // Optional fields may be absent or null; unknown fields are ignored within a version.
    let mut minimal = job_example();
    let object = minimal.as_object_mut().unwrap();
    object.remove("force");
    object.insert("caller".into(), Value::Null);
    object.insert("addedInAMinorChange".into(), json!("ignored"));
    let job = parse_summary_job(&minimal.to_string()).unwrap();
    assert!(!job.force);
    assert_eq!(job.caller, None);
}

#[test]
fn unknown_or_missing_versions_are_refused() {
    for (version, expected) in [
        (json!(2), MessageError::UnknownVersion(2)),
        (json!(0), MessageError::UnknownVersion(0)),
        (json!(1u64 << 40), MessageError::UnknownVersion(u32::MAX)),
    ] {
        let mut crm = crm_example();
        crm["version"] = version.clone();
        assert_eq!(parse_crm_sync(&crm.to_string()).unwrap_err(), expected);
        let mut job = job_example();
        job["version"] = version;
        assert_eq!(parse_summary_job(&job.to_string()).unwrap_err(), expected);
    }
    for bad in [json!("1"), json!(1.5), json!(-1), Value::Null] {
        let mut job = job_example();
        job["version"] = bad;
        assert_eq!(
            invalid_field(parse_summary_job(&job.to_string()).unwrap_err()),
            "version"
        );
    }
    let mut job = job_example();
    job.as_object_mut().unwrap().remove("version");
    let err = parse_summary_job(&job.to_string()).unwrap_err();
    assert!(err.to_string().contains("version"), "{err}");
    assert!(
        MessageError::UnknownVersion(2)
            .to_string()
            .contains("reads version 1")
    );
}

#[test]
fn every_missing_required_field_is_named() {
    for field in [
        "idempotencyKey",
        "auditId",
        "conversationId",
        "caseId",
        "summary",
        "source",
        "verificationPassed",
        "createdAt",
    ] {
        let mut crm = crm_example();
        crm.as_object_mut().unwrap().remove(field);
        assert_eq!(
            invalid_field(parse_crm_sync(&crm.to_string()).unwrap_err()),
            field
        );
    }
    for field in [
        "conversationId",
        "caseId",
        "options",
        "requestKey",
        "auditId",
        "requestedAt",
        "origin",
    ] {
        let mut job = job_example();
        job.as_object_mut().unwrap().remove(field);
        assert_eq!(
            invalid_field(parse_summary_job(&job.to_string()).unwrap_err()),
            field
        );
    }
}

#[test]
fn bad_values_are_named() {
    let cases: [(&str, Value, &str); 10] = [
        ("conversationId", json!("not-a-uuid"), "conversationId"),
        ("caseId", json!("  "), "caseId"),
        ("requestKey", json!("ABC"), "requestKey"),
        ("requestedAt", json!("yesterday"), "requestedAt"),
        ("origin", json!(""), "origin"),
        ("options", json!({"length": "epic"}), "options"),
        ("force", json!("yes"), "force"),
        ("caller", json!(42), "caller"),
        ("auditId", json!(""), "auditId"),
        ("origin", json!(7), "origin"),
    ];
    for (field, value, named) in cases {
        let mut job = job_example();
        job[field] = value;
        assert_eq!(
            invalid_field(parse_summary_job(&job.to_string()).unwrap_err()),
            named
        );
    }

    let mut crm = crm_example();
    crm["summary"]["confidence"] = json!(1.5);
    assert_eq!(
        invalid_field(parse_crm_sync(&crm.to_string()).unwrap_err()),
        "summary.confidence"
    );
    let mut crm = crm_example();
    crm["summary"]["customerSentiment"] = json!("ecstatic");
    let err = parse_crm_sync(&crm.to_string()).unwrap_err();
    assert_eq!(invalid_field(err), "summary");
    let mut crm = crm_example();
    crm["source"]["type"] = json!("oracle");
    assert_eq!(
        invalid_field(parse_crm_sync(&crm.to_string()).unwrap_err()),
        "source"
    );
    let mut crm = crm_example();
    crm["verificationPassed"] = json!("true");
    assert_eq!(
        invalid_field(parse_crm_sync(&crm.to_string()).unwrap_err()),
        "verificationPassed"
    );
}

#[test]
fn bodies_that_are_not_json_objects_are_refused() {
    for body in [
        "",
        "not json",
        "{\"version\": 1",
        "[1, 2]",
        "\"text\"",
        "42",
        "null",
    ] {
        assert!(
            matches!(parse_crm_sync(body), Err(MessageError::NotJson(_))),
            "{body:?}"
        );
        assert!(
            matches!(parse_summary_job(body), Err(MessageError::NotJson(_))),
            "{body:?}"
        );
    }
}
