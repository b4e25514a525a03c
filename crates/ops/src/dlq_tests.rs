//! [`replay`] against moto, its queues created from template.yaml. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup-ops`.

use std::collections::{BTreeMap, HashMap};

use aws_sdk_sqs::primitives::Blob;

use super::*;
use wrapup_testkit::{LocalAws, Template};

struct Queues {
    sqs: Client,
    dlq: String,
    source: String,
    stack: String,
}

async fn queues() -> Queues {
    let aws = LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let sqs = aws.sqs_client().await;
    let stack = wrapup_testkit::unique_stack_name("dlq");
    let urls = wrapup_testkit::create_queues(&sqs, &stack)
        .await
        .expect("queues from template.yaml");
    Queues {
        dlq: urls["CrmSyncDLQ"].clone(),
        source: urls["CrmSyncQueue"].clone(),
        sqs,
        stack,
    }
}

fn string(value: &str) -> MessageAttributeValue {
    MessageAttributeValue::builder()
        .data_type("String")
        .string_value(value)
        .build()
        .unwrap()
}

/// The attributes a dead-lettered crm-sync message carries: its own, plus crm-sync's reason.
fn attributes_of(i: usize) -> HashMap<String, MessageAttributeValue> {
    let mut attributes = HashMap::from([
        ("messageType".to_owned(), string("crm-sync")),
        ("auditId".to_owned(), string(&format!("audit-{i}"))),
        (
            "attempt".to_owned(),
            MessageAttributeValue::builder()
                .data_type("Number")
                .string_value(i.to_string())
                .build()
                .unwrap(),
        ),
        (
            "raw".to_owned(),
            MessageAttributeValue::builder()
                .data_type("Binary")
                .binary_value(Blob::new(vec![0, 159, 146, 150, i as u8]))
                .build()
                .unwrap(),
        ),
    ]);
    for (name, value) in DEAD_LETTER_ATTRIBUTES.iter().zip(["http_4xx", "webhook", "400"]) {
        attributes.insert((*name).to_owned(), string(value));
    }
    attributes
}

fn body_of(i: usize) -> String {
    format!(
        r#"{{"version":1,"idempotencyKey":"{}","auditId":"audit-{i}"}}"#,
        "ab".repeat(32)
    )
}

async fn fill(q: &Queues, count: usize) {
    for i in 0..count {
        q.sqs
            .send_message()
            .queue_url(&q.dlq)
            .message_body(body_of(i))
            .set_message_attributes(Some(attributes_of(i)))
            .send()
            .await
            .unwrap();
    }
}

/// Everything on a queue: body -> attributes, deleting as it goes.
async fn drain(sqs: &Client, url: &str) -> BTreeMap<String, HashMap<String, MessageAttributeValue>> {
    let mut out = BTreeMap::new();
    loop {
        let batch = receive(sqs, url, 10).await.unwrap();
        if batch.is_empty() {
            return out;
        }
        for message in batch {
            let body = message.body().unwrap().to_owned();
            let attributes = message.message_attributes().cloned().unwrap_or_default();
            assert!(out.insert(body, attributes).is_none(), "a message arrived twice");
            sqs.delete_message()
                .queue_url(url)
                .receipt_handle(message.receipt_handle().unwrap())
                .send()
                .await
                .unwrap();
        }
    }
}

async fn depth(sqs: &Client, url: &str) -> usize {
    approximate_depth(sqs, url).await.unwrap()
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn moves_every_message_back_with_its_body_and_attributes() {
    let q = queues().await;
    fill(&q, 3).await;
    let report = replay(&q.sqs, &q.dlq, &q.source, None, false).await.unwrap();
    assert_eq!(
        report,
        ReplayReport {
            moved: 3,
            ..ReplayReport::default()
        }
    );
    assert_eq!(depth(&q.sqs, &q.dlq).await, 0, "the DLQ is empty");
    assert!(receive(&q.sqs, &q.dlq, 10).await.unwrap().is_empty());

    let moved = drain(&q.sqs, &q.source).await;
    assert_eq!(moved.len(), 3);
    for i in 0..3 {
        let attributes = moved.get(&body_of(i)).expect("the body arrives unchanged");
        let mut expected = attributes_of(i);
        expected.retain(|name, _| !DEAD_LETTER_ATTRIBUTES.contains(&name.as_str()));
        assert_eq!(
            attributes, &expected,
            "message {i}: its attributes, without the reason"
        );
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_dry_run_counts_and_moves_nothing() {
    let q = queues().await;
    fill(&q, 3).await;
    let report = replay(&q.sqs, &q.dlq, &q.source, None, true).await.unwrap();
    assert_eq!(
        report,
        ReplayReport {
            would_move: 3,
            ..ReplayReport::default()
        }
    );
    let capped = replay(&q.sqs, &q.dlq, &q.source, Some(2), true).await.unwrap();
    assert_eq!(capped.would_move, 2);
    assert_eq!(depth(&q.sqs, &q.source).await, 0);
    // Nothing was received either: every message is still visible in the DLQ.
    assert_eq!(drain(&q.sqs, &q.dlq).await.len(), 3);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn max_is_honoured_and_a_second_run_moves_the_rest() {
    let q = queues().await;
    fill(&q, 5).await;
    let first = replay(&q.sqs, &q.dlq, &q.source, Some(2), false).await.unwrap();
    assert_eq!((first.moved, first.failed), (2, 0));
    assert_eq!(depth(&q.sqs, &q.source).await, 2);
    assert_eq!(depth(&q.sqs, &q.dlq).await, 3);

    let rest = replay(&q.sqs, &q.dlq, &q.source, None, false).await.unwrap();
    assert_eq!((rest.moved, rest.failed), (3, 0));
    assert_eq!(drain(&q.sqs, &q.source).await.len(), 5, "five distinct bodies");
    assert_eq!(depth(&q.sqs, &q.dlq).await, 0);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_empty_dlq_moves_nothing() {
    let q = queues().await;
    let report = replay(&q.sqs, &q.dlq, &q.source, None, false).await.unwrap();
    assert_eq!(report, ReplayReport::default());
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_missing_destination_or_the_same_queue_is_refused_before_anything_moves() {
    let q = queues().await;
    fill(&q, 2).await;
    let missing = q.source.replace("-crm-sync", "-no-such-queue");
    let err = replay(&q.sqs, &q.dlq, &missing, None, false).await.unwrap_err();
    assert!(format!("{err:#}").contains("destination"), "{err:#}");
    let err = replay(&q.sqs, &q.dlq, &q.dlq, None, false).await.unwrap_err();
    assert!(format!("{err:#}").contains("same queue"), "{err:#}");
    let fifo = format!("{}.fifo", q.source);
    assert!(replay(&q.sqs, &q.dlq, &fifo, None, false).await.is_err());
    assert_eq!(drain(&q.sqs, &q.dlq).await.len(), 2, "still in the DLQ");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn logical_ids_resolve_in_the_stack_and_the_source_queue_comes_from_the_template() {
    let q = queues().await;
    let template = Template::load();
    let dlq = resolve(&q.sqs, &template, "CrmSyncDLQ", &q.stack).await.unwrap();
    assert_eq!(dlq, q.dlq);
    assert_eq!(
        source_queue_of(&template, &dlq, &q.stack).unwrap(),
        "CrmSyncQueue"
    );
    let jobs_dlq = resolve(&q.sqs, &template, "SummaryJobsDLQ", &q.stack)
        .await
        .unwrap();
    assert_eq!(
        source_queue_of(&template, &jobs_dlq, &q.stack).unwrap(),
        "SummaryJobsQueue"
    );
    // A URL is taken as it is.
    assert_eq!(
        resolve(&q.sqs, &template, &q.source, "other").await.unwrap(),
        q.source
    );

    let err = source_queue_of(&template, &q.source, &q.stack).unwrap_err();
    assert!(format!("{err:#}").contains("pass --to"), "{err:#}");
    let err = source_queue_of(&template, &dlq, "another-stack").unwrap_err();
    assert!(format!("{err:#}").contains("pass --to"), "{err:#}");
    let err = resolve(&q.sqs, &template, "NoSuchQueue", &q.stack)
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("NoSuchQueue"), "{err:#}");
    // A template queue that does not exist in this stack.
    assert!(
        resolve(&q.sqs, &template, "CrmSyncDLQ", "never-created")
            .await
            .is_err()
    );
}

#[test]
fn only_the_dead_letter_reason_is_dropped() {
    let message = Message::builder()
        .message_id("m-1")
        .set_message_attributes(Some(attributes_of(7)))
        .build();
    let kept = replayed_attributes(&message);
    let mut names: Vec<&str> = kept.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["attempt", "auditId", "messageType", "raw"]);
    assert!(replayed_attributes(&Message::builder().build()).is_empty());
}
