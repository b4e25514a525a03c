//! `wrapup-ops dlq-replay` as an operator runs it, against moto. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup-ops --test dlq_replay`.

use std::collections::BTreeMap;
use std::process::Output;

use aws_sdk_sqs::Client;
use aws_sdk_sqs::types::{MessageAttributeValue, QueueAttributeName};
use wrapup_testkit::LocalAws;

struct Stack {
    moto: String,
    name: String,
    sqs: Client,
    urls: BTreeMap<String, String>,
}

async fn stack() -> Stack {
    let aws = LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let sqs = aws.sqs_client().await;
    let name = wrapup_testkit::unique_stack_name("replay");
    let urls = wrapup_testkit::create_queues(&sqs, &name)
        .await
        .expect("queues from template.yaml");
    Stack {
        moto: aws.endpoint().to_owned(),
        name,
        sqs,
        urls,
    }
}

impl Stack {
    fn url(&self, logical_id: &str) -> &str {
        &self.urls[logical_id]
    }

    async fn dead_letter(&self, count: usize) {
        for i in 0..count {
            let reason = MessageAttributeValue::builder()
                .data_type("String")
                .string_value("http_5xx")
                .build()
                .unwrap();
            let message_type = MessageAttributeValue::builder()
                .data_type("String")
                .string_value("crm-sync")
                .build()
                .unwrap();
            self.sqs
                .send_message()
                .queue_url(self.url("CrmSyncDLQ"))
                .message_body(format!(r#"{{"version":1,"n":{i}}}"#))
                .message_attributes("messageType", message_type)
                .message_attributes("wrapupDeadLetterReason", reason)
                .send()
                .await
                .unwrap();
        }
    }

    async fn depth(&self, logical_id: &str) -> usize {
        let output = self
            .sqs
            .get_queue_attributes()
            .queue_url(self.url(logical_id))
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
            .send()
            .await
            .unwrap();
        output.attributes().unwrap()[&QueueAttributeName::ApproximateNumberOfMessages]
            .parse()
            .unwrap()
    }

    /// Runs the CLI against this stack's moto.
    async fn cli(&self, args: &[&str]) -> Output {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_wrapup-ops"))
            .arg("dlq-replay")
            .args(["--endpoint", &self.moto, "--stack-name", &self.name])
            .args(args)
            .output()
            .await
            .unwrap()
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The value printed after a label (`moved       3`).
fn figure(output: &Output, label: &str) -> Option<usize> {
    stdout(output)
        .lines()
        .find_map(|line| line.strip_prefix(label))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn replays_a_dlq_named_by_logical_id_into_its_source_queue() {
    let s = stack().await;
    s.dead_letter(3).await;
    let output = s.cli(&["--queue", "CrmSyncDLQ"]).await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(figure(&output, "moved"), Some(3), "{}", stdout(&output));
    assert_eq!(figure(&output, "failed"), Some(0));
    assert!(
        stdout(&output).contains(s.url("CrmSyncQueue")),
        "{}",
        stdout(&output)
    );
    assert!(
        !stdout(&output).contains("\"version\""),
        "bodies are never printed"
    );
    assert_eq!(s.depth("CrmSyncQueue").await, 3);
    assert_eq!(s.depth("CrmSyncDLQ").await, 0);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn dry_run_and_max_by_url_with_an_explicit_destination() {
    let s = stack().await;
    s.dead_letter(4).await;
    let dlq = s.url("CrmSyncDLQ").to_owned();
    let dry = s
        .cli(&["--queue", &dlq, "--to", "CrmSyncQueue", "--dry-run"])
        .await;
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert_eq!(figure(&dry, "would move"), Some(4), "{}", stdout(&dry));
    assert_eq!(s.depth("CrmSyncDLQ").await, 4);
    assert_eq!(s.depth("CrmSyncQueue").await, 0);

    let some = s.cli(&["--queue", &dlq, "--max", "3"]).await;
    assert!(some.status.success(), "{}", stderr(&some));
    assert_eq!(figure(&some, "moved"), Some(3), "{}", stdout(&some));
    assert_eq!(s.depth("CrmSyncDLQ").await, 1);
    assert_eq!(s.depth("CrmSyncQueue").await, 3);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn refuses_what_it_cannot_resolve() {
    let s = stack().await;
    s.dead_letter(1).await;
    // Nothing dead-letters into CrmSyncQueue, so there is no default destination.
    let no_source = s.cli(&["--queue", "CrmSyncQueue"]).await;
    assert!(!no_source.status.success());
    assert!(stderr(&no_source).contains("pass --to"), "{}", stderr(&no_source));

    let unknown = s.cli(&["--queue", "NoSuchDLQ"]).await;
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("NoSuchDLQ"), "{}", stderr(&unknown));

    let zero = s.cli(&["--queue", "CrmSyncDLQ", "--max", "0"]).await;
    assert!(!zero.status.success(), "--max 0 is refused");
    assert_eq!(s.depth("CrmSyncDLQ").await, 1, "nothing moved");
}
