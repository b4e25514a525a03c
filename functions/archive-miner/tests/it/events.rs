//! The sample events in events/ and AWS's own documents are read as the function reads them; bad
//! events are refused with an error that says what was expected. No AWS or Genesys needed.

use std::path::PathBuf;

use archive_miner::{Invocation, InvocationError};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};
use serde_norway::Value as Yaml;
use wrapup_core::ids::ConversationId;
use wrapup_genesys::models::MediaType;
use wrapup_mining::{MINING_MESSAGE_TYPE, MiningMessage, MiningWindow, RunKind, run_id};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn event_file(name: &str) -> Value {
    read_json(repo_root().join("events").join(name))
}

fn aws_event_file(name: &str) -> Value {
    read_json(repo_root().join("spec/aws-lambda-events").join(name))
}

fn invalid(event: Value) -> String {
    match Invocation::parse(event) {
        Err(err @ InvocationError::Invalid(_)) => err.to_string(),
        other => panic!("expected an invalid event, got {other:?}"),
    }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_scheduled_event_mines_the_previous_day() {
    let Invocation::Scheduled { time } =
        Invocation::parse(event_file("archive-miner-scheduled.json")).unwrap()
    else {
        panic!("events/archive-miner-scheduled.json is not a scheduled event");
    };
    assert_eq!(time, "2026-11-21T02:30:00Z".parse::<DateTime<Utc>>().unwrap());
    let window = MiningWindow::previous_day(time, Tz::UTC);
    assert_eq!((window.from, window.to), (date("2026-11-20"), date("2026-11-20")));
    // The batch sample belongs to the run this schedule starts.
    assert_eq!(
        run_id(RunKind::Scheduled, &window, time),
        "scheduled-2026-11-20-all"
    );
    // 02:30 UTC is still the 20th in Los Angeles: its previous day is the 19th.
    let west = MiningWindow::previous_day(time, "America/Los_Angeles".parse().unwrap());
    assert_eq!(west.from, date("2026-11-19"));
}

#[test]
fn aws_scheduled_event_is_a_scheduled_invocation() {
    let event = aws_event_file("example-eventbridge-schedule.json");
    let Invocation::Scheduled { time } = Invocation::parse(event).unwrap() else {
        panic!("AWS's scheduled event is not a scheduled invocation");
    };
    assert_eq!(time, "2015-10-08T16:53:06Z".parse::<DateTime<Utc>>().unwrap());
}

/// EventBridge Scheduler sends only the Input template.yaml gives it: rendered with Scheduler's
/// context attributes, it is the sample scheduled event.
#[test]
fn the_template_schedule_input_renders_to_the_sample_event() {
    let text = std::fs::read_to_string(repo_root().join("template.yaml")).unwrap();
    let template: Yaml = serde_norway::from_str(&text).unwrap();
    let properties =
        &template["Resources"]["ArchiveMinerFunction"]["Properties"]["Events"]["Schedule"]["Properties"];
    assert_eq!(
        properties["ScheduleExpressionTimezone"],
        template_ref("MiningTimeZone")
    );
    let Yaml::Tagged(input) = &properties["Input"] else {
        panic!("the schedule's Input is not a !Sub");
    };
    assert!(input.tag == "!Sub", "{}", input.tag);
    let rendered = input
        .value
        .as_str()
        .expect("the !Sub of the Input is a string")
        .replace("${AWS::AccountId}", "123456789012")
        .replace("${AWS::Region}", "us-east-1")
        .replace("<aws.scheduler.execution-id>", "d32c5kddcf5bb8c3")
        .replace("<aws.scheduler.scheduled-time>", "2026-11-21T02:30:00Z")
        .replace(
            "<aws.scheduler.schedule-arn>",
            "arn:aws:scheduler:us-east-1:123456789012:schedule/default/wrapup-dev-ArchiveMinerFunctionSchedule-1X2Y3Z4W5V6U",
        );
    let rendered: Value = serde_json::from_str(&rendered).expect("the rendered Input is JSON");
    assert_eq!(rendered, event_file("archive-miner-scheduled.json"));
    assert!(matches!(
        Invocation::parse(rendered),
        Ok(Invocation::Scheduled { .. })
    ));
}

fn template_ref(name: &str) -> Yaml {
    serde_norway::from_str(&format!("!Ref {name}")).unwrap()
}

#[test]
fn the_backfill_event_is_a_backfill() {
    let event = event_file("archive-miner-backfill.json");
    assert_eq!(
        event,
        json!({"from": "2026-11-01", "to": "2026-11-07", "mediaTypes": ["voice", "chat"]})
    );
    let Invocation::Backfill(request) = Invocation::parse(event.clone()).unwrap() else {
        panic!("events/archive-miner-backfill.json is not a backfill");
    };
    assert_eq!(
        (request.from, request.to),
        (date("2026-11-01"), date("2026-11-07"))
    );
    assert_eq!(request.media_types, Some(vec![MediaType::Voice, MediaType::Chat]));
    let window = MiningWindow::new(
        request.from,
        request.to,
        Tz::UTC,
        request.media_types.clone().unwrap(),
    )
    .expect("a valid window");
    assert_eq!(window.day_count(), 7);

    // `make backfill` queues the same request as a mining-work message.
    let mut queued = event;
    queued["kind"] = json!("backfill");
    queued["version"] = json!(1);
    match MiningMessage::parse(&queued.to_string()).unwrap() {
        MiningMessage::Backfill {
            request: from_queue, ..
        } => assert_eq!(from_queue, request),
        other => panic!("expected a backfill message, got {other:?}"),
    }
}

#[test]
fn the_mining_work_event_carries_one_batch_of_valid_conversations() {
    let event = event_file("archive-miner-mining-work.json");
    let Invocation::Queue(sqs) = Invocation::parse(event).unwrap() else {
        panic!("events/archive-miner-mining-work.json is not an SQS event");
    };
    assert_eq!(sqs.records.len(), 1);
    let record = &sqs.records[0];
    assert_eq!(record.event_source.as_deref(), Some("aws:sqs"));
    assert_eq!(
        record
            .message_attributes
            .get("messageType")
            .and_then(|a| a.string_value.as_deref()),
        Some(MINING_MESSAGE_TYPE)
    );
    assert_eq!(
        record
            .attributes
            .get("ApproximateReceiveCount")
            .map(String::as_str),
        Some("1")
    );
    let message = MiningMessage::parse(record.body.as_deref().unwrap()).unwrap();
    let MiningMessage::Batch(batch) = message else {
        panic!("expected a batch message, got {}", message.kind());
    };
    assert_eq!(batch.run_id, "scheduled-2026-11-20-all");
    assert_eq!(batch.batch_id, "0-0-0-0");
    assert_eq!(batch.conversations.len(), 2);
    for conversation in &batch.conversations {
        ConversationId::parse(&conversation.conversation_id).unwrap();
        assert_eq!(conversation.date, date("2026-11-20"));
        assert_ne!(conversation.media_type, MediaType::Unknown);
        assert!(!conversation.agent_communication_ids.is_empty());
        for id in conversation
            .agent_communication_ids
            .iter()
            .chain(&conversation.other_communication_ids)
            .chain(&conversation.queue_id)
        {
            assert_eq!(id.len(), 36, "{id}");
            uuid::Uuid::try_parse(id).unwrap();
        }
    }
}

#[test]
fn aws_sqs_event_is_a_queue_invocation_whose_body_is_refused() {
    let Invocation::Queue(sqs) = Invocation::parse(aws_event_file("example-sqs-event.json")).unwrap() else {
        panic!("AWS's SQS event is not a queue invocation");
    };
    assert_eq!(sqs.records[0].message_id.as_deref(), Some("MessageID_1"));
    let err = MiningMessage::parse(sqs.records[0].body.as_deref().unwrap()).unwrap_err();
    assert!(err.starts_with("not a mining-work message"), "{err}");
    assert!(
        !err.contains("Message Body"),
        "the error does not echo the body: {err}"
    );
}

#[test]
fn tampered_batches_are_refused_with_the_reason() {
    let event = event_file("archive-miner-mining-work.json");
    let body: Value = serde_json::from_str(event["Records"][0]["body"].as_str().unwrap()).unwrap();
    for (change, expected) in [
        (json!({"version": 2}), "version 2 is not supported"),
        (
            json!({"conversations": []}),
            "conversations: a batch needs at least one conversation",
        ),
        (json!({"batchId": ""}), "runId and batchId must not be empty"),
        (json!({"kind": "mine"}), "not a mining-work message"),
    ] {
        let mut tampered = body.clone();
        for (key, value) in change.as_object().unwrap() {
            tampered[key] = value.clone();
        }
        let err = MiningMessage::parse(&tampered.to_string()).unwrap_err();
        assert!(err.contains(expected), "{change}: {err}");
    }
}

#[test]
fn other_events_are_refused_with_what_was_expected() {
    let err = invalid(aws_event_file("example-eventbridge-event-obj.json"));
    assert!(
        err.contains("this detail-type is not handled")
            && err.contains("\"Scheduled Event\"")
            && !err.contains("EC2"),
        "{err}"
    );
    for event in [
        json!({}),
        aws_event_file("example-apigw-v2-request-no-authorizer.json"),
        json!([1, 2]),
    ] {
        let err = invalid(event);
        assert!(err.contains("expected an SQS event"), "{err}");
    }
    let err = invalid(json!({"Records": 5}));
    assert!(err.contains("not an SQS event"), "{err}");
}

#[test]
fn malformed_backfills_name_the_field() {
    for (event, expected) in [
        (json!({"from": "2026-11-01"}), "to: is required"),
        (json!({"from": "2026-11-01", "to": "2026-11-31"}), "backfill"),
        (json!({"from": "01/11/2026", "to": "2026-11-07"}), "backfill"),
        (
            json!({"from": "2026-11-01", "to": "2026-11-07", "media": ["voice"]}),
            "unknown field \"media\"",
        ),
        (
            json!({"from": "2026-11-01", "to": "2026-11-07", "mediaTypes": "voice"}),
            "backfill",
        ),
    ] {
        let err = invalid(event.clone());
        assert!(err.starts_with("invalid event: backfill"), "{event}: {err}");
        assert!(err.contains(expected), "{event}: {err}");
    }
}

/// serde's own text quotes the value it did not expect; a refused SQS batch must not (a record
/// body can hold a customer's words).
#[test]
fn a_malformed_sqs_batch_is_refused_without_quoting_it() {
    let err = invalid(json!({"Records": ["Zq9SECRETzq9"]}));
    assert!(err.starts_with("invalid event: not an SQS event"), "{err}");
    assert!(!err.contains("Zq9SECRETzq9"), "{err}");
}

mod properties {
    use archive_miner::Invocation;
    use proptest::prelude::*;
    use serde_json::Value;
    use wrapup_core::fuzz_json::{MARKER, any_json, mutate, mutations};

    /// The three shapes the function is invoked with: an EventBridge schedule, an SQS batch and
    /// a backfill body.
    fn documents() -> Vec<Value> {
        [
            "archive-miner-scheduled.json",
            "archive-miner-mining-work.json",
            "archive-miner-backfill.json",
        ]
        .into_iter()
        .map(super::event_file)
        .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        /// Any event, and each sample with parts replaced or removed: parsed or refused as
        /// invalid, never a panic. A refused schedule or SQS batch does not quote the event; a
        /// refused backfill names the operator's bad value, so it can be fixed.
        #[test]
        fn invocations(which in 0usize..4, changes in mutations(), other in any_json()) {
            let event = match documents().into_iter().nth(which) {
                Some(document) => mutate(document, &changes),
                None => other,
            };
            let backfill = event.get("from").is_some() || event.get("to").is_some();
            if let Err(error) = Invocation::parse(event) {
                prop_assert!(backfill || !error.to_string().contains(MARKER), "{error}");
            }
        }
    }
}
