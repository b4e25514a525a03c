//! SqsQueue against moto, its queues created from template.yaml. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup --test queue_sqs`.

use std::collections::BTreeMap;
use std::time::Duration;

use aws_sdk_sqs::types::{MessageSystemAttributeName, QueueAttributeName};
use serde_json::Value;
use wrapup::queue::{
    CrmSyncMessage, MESSAGE_VERSION, MessageQueue, ORIGIN_ASSIST_CALLBACK, QueueError, SqsQueue,
    SummaryJobMessage, parse_crm_sync, parse_summary_job,
};
use wrapup::store::RequestKey;
use wrapup::summary::SummaryOptions;

async fn queues() -> (aws_sdk_sqs::Client, BTreeMap<String, String>) {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let sqs = aws.sqs_client().await;
    let stack = wrapup_testkit::unique_stack_name("queue");
    let urls = wrapup_testkit::create_queues(&sqs, &stack)
        .await
        .expect("queues from template.yaml");
    (sqs, urls)
}

async fn receive_one(sqs: &aws_sdk_sqs::Client, url: &str) -> aws_sdk_sqs::types::Message {
    let out = sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(10)
        .wait_time_seconds(2)
        .message_attribute_names("All")
        .message_system_attribute_names(MessageSystemAttributeName::ApproximateReceiveCount)
        .send()
        .await
        .unwrap();
    let mut messages = out.messages.unwrap_or_default();
    assert_eq!(messages.len(), 1, "exactly one message");
    messages.remove(0)
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_crm_sync_message_round_trips_through_sqs() {
    let (sqs, urls) = queues().await;
    let url = &urls["CrmSyncQueue"];
    let queue = SqsQueue::new(sqs.clone(), url.clone());
    assert_eq!(queue.url(), url);

    let root = wrapup_testkit::find_repo_root().unwrap();
    let example = std::fs::read_to_string(root.join("events/crm-sync-message.json")).unwrap();
    let message: CrmSyncMessage = parse_crm_sync(&example).unwrap();
    let id = queue
        .send(&message.to_body().unwrap(), &CrmSyncMessage::attributes())
        .await
        .unwrap();

    let received = receive_one(&sqs, url).await;
    assert_eq!(received.message_id.as_deref(), Some(id.as_str()));
    assert_eq!(parse_crm_sync(received.body().unwrap()).unwrap(), message);
    let attribute = received
        .message_attributes
        .as_ref()
        .and_then(|a| a.get("messageType"))
        .expect("messageType attribute");
    assert_eq!(attribute.string_value(), Some("crm-sync"));
    assert_eq!(attribute.data_type(), "String");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_summary_job_round_trips_through_sqs() {
    let (sqs, urls) = queues().await;
    let url = &urls["SummaryJobsQueue"];
    let conversation = wrapup::ids::ConversationId::parse("3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b").unwrap();
    let job = SummaryJobMessage {
        version: MESSAGE_VERSION,
        conversation_id: conversation.to_string(),
        case_id: "CASE-1".into(),
        options: SummaryOptions::default(),
        force: false,
        request_key: RequestKey::new(&conversation, "CASE-1", &SummaryOptions::default())
            .as_str()
            .to_owned(),
        audit_id: "audit-1".into(),
        caller: None,
        requested_at: wrapup::store::now_timestamp(),
        origin: ORIGIN_ASSIST_CALLBACK.to_owned(),
    };
    let queue = SqsQueue::new(sqs.clone(), url.clone());
    queue
        .send(&job.to_body().unwrap(), &SummaryJobMessage::attributes())
        .await
        .unwrap();
    let received = receive_one(&sqs, url).await;
    assert_eq!(parse_summary_job(received.body().unwrap()).unwrap(), job);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_template_queues_redrive_to_their_dlqs() {
    let (sqs, urls) = queues().await;
    // crm-sync's queue keeps a message for twelve receives: it rides out a CRM outage.
    for (queue, dlq, visibility, receives) in [
        ("SummaryJobsQueue", "SummaryJobsDLQ", "360", 5),
        ("CrmSyncQueue", "CrmSyncDLQ", "180", 20),
    ] {
        let attributes = sqs
            .get_queue_attributes()
            .queue_url(&urls[queue])
            .attribute_names(QueueAttributeName::All)
            .send()
            .await
            .unwrap()
            .attributes
            .unwrap_or_default();
        assert_eq!(
            attributes
                .get(&QueueAttributeName::VisibilityTimeout)
                .map(String::as_str),
            Some(visibility)
        );
        let policy: Value = serde_json::from_str(&attributes[&QueueAttributeName::RedrivePolicy]).unwrap();
        assert_eq!(policy["maxReceiveCount"].as_u64(), Some(receives), "{queue}");
        let dlq_arn = sqs
            .get_queue_attributes()
            .queue_url(&urls[dlq])
            .attribute_names(QueueAttributeName::QueueArn)
            .send()
            .await
            .unwrap()
            .attributes
            .unwrap_or_default()
            .remove(&QueueAttributeName::QueueArn)
            .unwrap();
        assert_eq!(policy["deadLetterTargetArn"], Value::String(dlq_arn));
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn sqs_errors_and_oversized_messages_are_typed() {
    let (sqs, urls) = queues().await;
    let missing = SqsQueue::new(sqs.clone(), format!("{}-does-not-exist", urls["CrmSyncQueue"]));
    let err = missing.send("{}", &[]).await.unwrap_err();
    assert!(
        matches!(
            err,
            QueueError::Sqs {
                operation: "SendMessage",
                ..
            }
        ),
        "{err}"
    );

    let queue = SqsQueue::new(sqs.clone(), urls["CrmSyncQueue"].clone());
    let big = "x".repeat(wrapup::queue::MAX_MESSAGE_BYTES + 1);
    let err = queue.send(&big, &[]).await.unwrap_err();
    assert!(matches!(err, QueueError::TooLarge { .. }), "{err}");
    let err = queue.send("{}", &[("messageType", "")]).await.unwrap_err();
    assert!(matches!(err, QueueError::InvalidAttribute { .. }), "{err}");

    // Nothing reached the queue.
    let out = sqs
        .receive_message()
        .queue_url(&urls["CrmSyncQueue"])
        .wait_time_seconds(1)
        .send()
        .await
        .unwrap();
    assert!(out.messages.unwrap_or_default().is_empty());
    tokio::time::sleep(Duration::from_millis(1)).await;
}
