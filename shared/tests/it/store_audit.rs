//! The audit log against moto, its table created from template.yaml. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup --test store_audit`.

use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::json;
use sha2::{Digest, Sha256};
use wrapup::ids::ConversationId;
use wrapup::store::{
    AuditLog, AuditOutcome, AuditRecord, DynamoDbAuditLog, MemoryAuditLog, OutcomeWrite, RequestKey,
    StatusEntry, StoreError, now_timestamp,
};
use wrapup::summary::{SummaryOptions, TokenUsage};

const RETENTION: Duration = Duration::from_secs(400 * 24 * 3600);

struct Fixture {
    audit: Arc<dyn AuditLog>,
}

/// The DynamoDB store on a fresh stack in moto, with its client and table for raw reads.
async fn dynamodb_fixture() -> (Fixture, aws_sdk_dynamodb::Client, String) {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let dynamodb = aws.dynamodb_client().await;
    let stack = wrapup_testkit::unique_stack_name("audit");
    wrapup_testkit::create_tables(&dynamodb, &stack)
        .await
        .expect("tables from template.yaml");
    let table = format!("{stack}-audit");
    let audit = Arc::new(DynamoDbAuditLog::new(dynamodb.clone(), table.clone(), RETENTION));
    (Fixture { audit }, dynamodb, table)
}

/// The in-memory store.
fn memory_fixture() -> Fixture {
    Fixture {
        audit: Arc::new(MemoryAuditLog::new()),
    }
}

fn record(audit_id: &str, conversation: &ConversationId) -> AuditRecord {
    AuditRecord {
        audit_id: audit_id.into(),
        conversation_id: conversation.to_string(),
        case_id: "CASE-7".into(),
        caller: Some("0oa8f5j3ecb5w3dF35d7".into()),
        request_sha256: RequestKey::new(conversation, "CASE-7", &SummaryOptions::default())
            .as_str()
            .to_owned(),
        transcript_sha256: None,
        source: None,
        model: None,
        token_usage: None,
        timings: None,
        redactions: None,
        verification: None,
        status_history: vec![StatusEntry::now("received", None)],
        crm_sync: None,
        created_at: now_timestamp(),
    }
}

fn new_ids() -> (String, ConversationId) {
    let conversation = ConversationId::parse(&uuid::Uuid::new_v4().to_string()).unwrap();
    (uuid::Uuid::new_v4().to_string(), conversation)
}

fn outcome(transcript_sha256: String, status: &str) -> AuditOutcome {
    AuditOutcome {
        transcript_sha256: Some(transcript_sha256),
        source: Some("llm".into()),
        model: Some("sim-model".into()),
        token_usage: Some(TokenUsage {
            prompt_tokens: 1200,
            completion_tokens: 180,
            requests: 1,
        }),
        timings: Some(json!({"transcriptMs": 120, "summarizeMs": 900, "verifyMs": 3, "totalMs": 1030})),
        redactions: Some(json!({"email": 1, "phone": 2, "card": 1})),
        verification: Some(json!({"passed": true, "unsupported": []})),
        status: StatusEntry::now(status, None),
    }
}

async fn a_record_is_created_once_and_never_overwritten(f: Fixture) {
    let (audit_id, conversation) = new_ids();
    let first = record(&audit_id, &conversation);
    f.audit.create(&first).await.unwrap();

    let mut second = record(&audit_id, &conversation);
    second.case_id = "CASE-OTHER".into();
    let again = f.audit.create(&second).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(f.audit.get(&audit_id).await.unwrap(), Some(first));
    assert_eq!(f.audit.get("no-such-audit").await.unwrap(), None);
}

async fn the_outcome_is_recorded_once_only(f: Fixture) {
    let (audit_id, conversation) = new_ids();
    f.audit.create(&record(&audit_id, &conversation)).await.unwrap();
    let hash = hex::encode(Sha256::digest(b"normalised transcript"));
    let first = outcome(hash.clone(), "queued_for_crm");
    assert_eq!(
        f.audit.record_outcome(&audit_id, &first).await.unwrap(),
        OutcomeWrite::Recorded
    );

    let mut second = outcome(hex::encode(Sha256::digest(b"other")), "needs_review");
    second.model = Some("another-model".into());
    // A retried job records its outcome again: the first one stands.
    let again = f.audit.record_outcome(&audit_id, &second).await;
    assert_eq!(again.unwrap(), OutcomeWrite::AlreadyRecorded);

    let stored = f.audit.get(&audit_id).await.unwrap().unwrap();
    assert_eq!(stored.transcript_sha256.as_deref(), Some(hash.as_str()));
    assert_eq!(stored.source.as_deref(), Some("llm"));
    assert_eq!(stored.model.as_deref(), Some("sim-model"));
    assert_eq!(stored.token_usage, first.token_usage);
    assert_eq!(stored.timings, first.timings);
    assert_eq!(stored.redactions, first.redactions);
    assert_eq!(stored.verification, first.verification);
    let statuses: Vec<&str> = stored.status_history.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["received", "queued_for_crm"],
        "the second outcome appended nothing"
    );

    let missing = f.audit.record_outcome("no-such-audit", &first).await;
    assert!(matches!(missing, Err(StoreError::Conflict(_))), "{missing:?}");
    assert_eq!(
        f.audit.get("no-such-audit").await.unwrap(),
        None,
        "nothing was created"
    );
}

async fn statuses_are_appended_in_order(f: Fixture) {
    let (audit_id, conversation) = new_ids();
    f.audit.create(&record(&audit_id, &conversation)).await.unwrap();
    for status in ["transcript_fetched", "summarised", "verified"] {
        f.audit
            .append_status(&audit_id, &StatusEntry::now(status, Some(format!("{status} ok"))))
            .await
            .unwrap();
    }
    let stored = f.audit.get(&audit_id).await.unwrap().unwrap();
    let statuses: Vec<&str> = stored.status_history.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["received", "transcript_fetched", "summarised", "verified"]
    );
    assert_eq!(stored.status_history[2].detail.as_deref(), Some("summarised ok"));
    assert!(stored.status_history.windows(2).all(|w| w[0].at <= w[1].at));

    // Details are bounded, so a careless caller cannot park a transcript in one.
    let long = "x".repeat(5000);
    f.audit
        .append_status(&audit_id, &StatusEntry::now("failed", Some(long)))
        .await
        .unwrap();
    let stored = f.audit.get(&audit_id).await.unwrap().unwrap();
    let detail = stored
        .status_history
        .last()
        .and_then(|e| e.detail.clone())
        .unwrap();
    assert_eq!(detail.chars().count(), 240);

    let missing = f
        .audit
        .append_status("no-such-audit", &StatusEntry::now("x", None))
        .await;
    assert!(matches!(missing, Err(StoreError::Conflict(_))), "{missing:?}");
    assert_eq!(
        f.audit.get("no-such-audit").await.unwrap(),
        None,
        "nothing was created"
    );
}

async fn crm_sync_status_is_recorded_on_an_existing_record_only(f: Fixture) {
    let (audit_id, conversation) = new_ids();
    f.audit.create(&record(&audit_id, &conversation)).await.unwrap();
    let sync = json!({"status": "written", "targets": ["dataAction"]});
    f.audit.set_crm_sync(&audit_id, &sync).await.unwrap();
    assert_eq!(
        f.audit.get(&audit_id).await.unwrap().unwrap().crm_sync,
        Some(sync)
    );
    let missing = f.audit.set_crm_sync("no-such-audit", &json!({})).await;
    assert!(matches!(missing, Err(StoreError::Conflict(_))), "{missing:?}");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_item_has_a_ttl_of_created_plus_retention_and_is_found_by_conversation() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let (audit_id, conversation) = new_ids();
    let mut rec = record(&audit_id, &conversation);
    rec.created_at = "2024-05-01T12:00:00.000Z".into();
    f.audit.create(&rec).await.unwrap();

    let item = raw_item(&dynamodb, &table, &audit_id).await;
    let ttl: i64 = item["ttl"].as_n().unwrap().parse().unwrap();
    let created = chrono::DateTime::parse_from_rfc3339("2024-05-01T12:00:00Z")
        .unwrap()
        .timestamp();
    assert_eq!(ttl, created + RETENTION.as_secs() as i64);

    let found = dynamodb
        .query()
        .table_name(&table)
        .index_name("byConversation")
        .key_condition_expression("conversationId = :c")
        .expression_attribute_values(":c", AttributeValue::S(conversation.to_string()))
        .send()
        .await
        .unwrap();
    assert_eq!(found.count(), 1);

    let mut bad = record("bad-created", &conversation);
    bad.created_at = "yesterday".into();
    assert!(matches!(
        f.audit.create(&bad).await,
        Err(StoreError::Malformed(_))
    ));
}

async fn raw_item(
    dynamodb: &aws_sdk_dynamodb::Client,
    table: &str,
    audit_id: &str,
) -> std::collections::HashMap<String, AttributeValue> {
    dynamodb
        .get_item()
        .table_name(table)
        .key("auditId", AttributeValue::S(audit_id.into()))
        .send()
        .await
        .unwrap()
        .item
        .expect("audit item")
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn no_transcript_text_reaches_the_item() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let (audit_id, conversation) = new_ids();
    let transcript = [
        "Hi, this is Dana, my email is dana.smith@example.com",
        "Card 4111 1111 1111 1111, call me on +44 20 7946 0958",
    ];
    let transcript_sha256 = hex::encode(Sha256::digest(transcript.join("\n").as_bytes()));
    f.audit.create(&record(&audit_id, &conversation)).await.unwrap();
    f.audit
        .record_outcome(&audit_id, &outcome(transcript_sha256.clone(), "queued_for_crm"))
        .await
        .unwrap();

    let item = format!("{:?}", raw_item(&dynamodb, &table, &audit_id).await);
    // Fragments as said, spaces included: a bare "4111" also turns up in a TTL or a hash.
    for fragment in [
        "Dana",
        "dana.smith@example.com",
        "4111 1111",
        "4111111111111111",
        "7946 0958",
        "Card",
    ] {
        assert!(!item.contains(fragment), "{fragment:?} leaked into {item}");
    }
    assert!(
        item.contains(&transcript_sha256),
        "the transcript is identified by its hash"
    );

    // A field meant for a hash refuses anything else, so text cannot be stored by mistake.
    let (other_id, _) = new_ids();
    f.audit.create(&record(&other_id, &conversation)).await.unwrap();
    let text_as_hash = f
        .audit
        .record_outcome(&other_id, &outcome(transcript.join(" "), "queued_for_crm"))
        .await;
    assert!(
        matches!(text_as_hash, Err(StoreError::Malformed(_))),
        "{text_as_hash:?}"
    );
    let item = format!("{:?}", raw_item(&dynamodb, &table, &other_id).await);
    assert!(!item.contains("Dana"), "{item}");
    let mut bad = record("bad-hash", &conversation);
    bad.request_sha256 = "raw request text".into();
    assert!(matches!(
        f.audit.create(&bad).await,
        Err(StoreError::Malformed(_))
    ));
}

wrapup_testkit::against_both!(
    a_record_is_created_once_and_never_overwritten,
    the_outcome_is_recorded_once_only,
    statuses_are_appended_in_order,
    crm_sync_status_is_recorded_on_an_existing_record_only,
);
