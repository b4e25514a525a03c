//! The summary store against moto, its table created from template.yaml. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup --test store_summaries`.

#[path = "store_summaries/reads.rs"]
mod reads;

use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::json;
use wrapup::ids::ConversationId;
use wrapup::store::{
    Claim, ClaimFor, DynamoDbSummaryStore, MemorySummaryStore, Reader, RequestKey, StoreError, StoredError,
    StoredSummary, SummaryStatus, SummaryStore,
};
use wrapup::summary::{SummaryLength, SummaryOptions};

use reads::{a_caller_reads_only_its_own_summaries, latest_returns_the_most_recently_updated_request};

const LEASE: Duration = Duration::from_secs(30);
const TTL: Duration = Duration::from_secs(7 * 24 * 3600);

struct Fixture {
    store: Arc<dyn SummaryStore>,
}

/// The DynamoDB store on a fresh stack in moto, with its client and table for raw reads.
async fn dynamodb_fixture() -> (Fixture, aws_sdk_dynamodb::Client, String) {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let dynamodb = aws.dynamodb_client().await;
    let stack = wrapup_testkit::unique_stack_name("store");
    let tables = wrapup_testkit::create_tables(&dynamodb, &stack)
        .await
        .expect("tables from template.yaml");
    let table = tables
        .iter()
        .find(|t| t.logical_id == "SummaryStateTable")
        .expect("SummaryStateTable in template.yaml")
        .name
        .clone();
    assert_eq!(table, format!("{stack}-summaries"));
    let store = Arc::new(DynamoDbSummaryStore::new(dynamodb.clone(), table.clone(), TTL));
    (Fixture { store }, dynamodb, table)
}

/// The in-memory store.
fn memory_fixture() -> Fixture {
    Fixture {
        store: Arc::new(MemorySummaryStore::new()),
    }
}

fn new_conversation() -> ConversationId {
    ConversationId::parse(&uuid::Uuid::new_v4().to_string()).unwrap()
}

fn key_for(conversation: &ConversationId, case_id: &str) -> RequestKey {
    RequestKey::new(conversation, case_id, &SummaryOptions::default())
}

fn finished(
    conversation: &ConversationId,
    key: &RequestKey,
    audit_id: &str,
    status: SummaryStatus,
) -> StoredSummary {
    StoredSummary {
        conversation_id: conversation.to_string(),
        case_id: "CASE-1".into(),
        request_key: key.as_str().to_owned(),
        status,
        audit_id: audit_id.into(),
        result: Some(json!({"status": status, "auditId": audit_id, "summary": {"confidence": 0.8}})),
        error: None,
        crm_sync: None,
        caller: None,
        generation: 0,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

async fn claim(f: &Fixture, conversation: &ConversationId, key: &RequestKey, audit: &str) -> Claim {
    f.store
        .claim(
            ClaimFor {
                conversation_id: conversation,
                case_id: "CASE-1",
                key,
                audit_id: audit,
                caller: None,
            },
            LEASE,
            false,
        )
        .await
        .unwrap()
}

async fn first_claim_acquires_and_a_second_sees_it_in_progress(f: Fixture) {
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    assert_eq!(
        claim(&f, &conversation, &key, "audit-a").await,
        Claim::Acquired { generation: 0 }
    );
    match claim(&f, &conversation, &key, "audit-b").await {
        Claim::InProgress(current) => {
            assert_eq!(current.audit_id, "audit-a");
            assert_eq!(current.status, SummaryStatus::Processing);
            assert_eq!(current.case_id, "CASE-1");
            assert_eq!(current.result, None);
        }
        other => panic!("expected InProgress, got {other:?}"),
    }
    // A different request for the same conversation is independent.
    let other_key = key_for(&conversation, "CASE-2");
    assert_eq!(
        claim(&f, &conversation, &other_key, "audit-c").await,
        Claim::Acquired { generation: 0 }
    );
}

async fn a_completed_claim_is_done_with_its_result(f: Fixture) {
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    assert_eq!(
        claim(&f, &conversation, &key, "audit-a").await,
        Claim::Acquired { generation: 0 }
    );
    let claimed = f
        .store
        .get(&conversation, &key)
        .await
        .unwrap()
        .expect("claimed item");
    let record = finished(&conversation, &key, "audit-a", SummaryStatus::QueuedForCrm);
    f.store.complete(&record).await.unwrap();

    let Claim::Done(done) = claim(&f, &conversation, &key, "audit-b").await else {
        panic!("expected Done");
    };
    assert_eq!(done.status, SummaryStatus::QueuedForCrm);
    assert_eq!(done.audit_id, "audit-a");
    assert_eq!(done.result, record.result);
    assert_eq!(done.created_at, claimed.created_at, "createdAt is the claim's");
    assert!(done.updated_at >= claimed.updated_at);
    assert_eq!(f.store.get(&conversation, &key).await.unwrap(), Some(done));

    // needs_review is a finished result too: replays return it without recomputing.
    let review_key = key_for(&conversation, "CASE-9");
    assert_eq!(
        claim(&f, &conversation, &review_key, "audit-c").await,
        Claim::Acquired { generation: 0 }
    );
    f.store
        .complete(&finished(
            &conversation,
            &review_key,
            "audit-c",
            SummaryStatus::NeedsReview,
        ))
        .await
        .unwrap();
    assert!(matches!(
        claim(&f, &conversation, &review_key, "audit-d").await,
        Claim::Done(s) if s.status == SummaryStatus::NeedsReview
    ));
}

async fn an_expired_lease_is_taken_over_and_the_old_holder_cannot_complete(f: Fixture) {
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    let short = Duration::from_millis(300);
    let first = f
        .store
        .claim(
            ClaimFor {
                conversation_id: &conversation,
                case_id: "CASE-1",
                key: &key,
                audit_id: "audit-a",
                caller: None,
            },
            short,
            false,
        )
        .await;
    assert_eq!(first.unwrap(), Claim::Acquired { generation: 0 });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        claim(&f, &conversation, &key, "audit-b").await,
        Claim::Acquired { generation: 0 }
    );

    let late = f
        .store
        .complete(&finished(
            &conversation,
            &key,
            "audit-a",
            SummaryStatus::QueuedForCrm,
        ))
        .await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    let late_fail = f.store.fail(&conversation, &key, "audit-a", error("LATE")).await;
    assert!(matches!(late_fail, Err(StoreError::Conflict(_))), "{late_fail:?}");

    f.store
        .complete(&finished(
            &conversation,
            &key,
            "audit-b",
            SummaryStatus::QueuedForCrm,
        ))
        .await
        .unwrap();
    let stored = f.store.get(&conversation, &key).await.unwrap().unwrap();
    assert_eq!(stored.audit_id, "audit-b");
}

async fn force_recomputes_a_finished_result_but_not_a_live_one(f: Fixture) {
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    assert_eq!(
        claim(&f, &conversation, &key, "audit-a").await,
        Claim::Acquired { generation: 0 }
    );
    f.store
        .complete(&finished(
            &conversation,
            &key,
            "audit-a",
            SummaryStatus::QueuedForCrm,
        ))
        .await
        .unwrap();
    f.store
        .set_crm_sync(&conversation, &key, "audit-a", &json!({"status": "written"}))
        .await
        .unwrap();

    let forced = f
        .store
        .claim(
            ClaimFor {
                conversation_id: &conversation,
                case_id: "CASE-1",
                key: &key,
                audit_id: "audit-b",
                caller: None,
            },
            LEASE,
            true,
        )
        .await;
    assert_eq!(
        forced.unwrap(),
        Claim::Acquired { generation: 1 },
        "a forced recomputation is a new CRM delivery"
    );
    let current = f.store.get(&conversation, &key).await.unwrap().unwrap();
    assert_eq!(current.status, SummaryStatus::Processing);
    assert_eq!(current.audit_id, "audit-b");
    assert_eq!(
        current.result, None,
        "the old result is not served while recomputing"
    );
    assert_eq!(
        current.crm_sync, None,
        "the old CRM sync belongs to the old result"
    );
    // A late report of the old result's CRM write does not mark the new computation synced.
    let stale = f
        .store
        .set_crm_sync(&conversation, &key, "audit-a", &json!({"status": "synced"}))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let current = f.store.get(&conversation, &key).await.unwrap().unwrap();
    assert_eq!(current.crm_sync, None);

    let again = f
        .store
        .claim(
            ClaimFor {
                conversation_id: &conversation,
                case_id: "CASE-1",
                key: &key,
                audit_id: "audit-c",
                caller: None,
            },
            LEASE,
            true,
        )
        .await;
    assert!(
        matches!(again.unwrap(), Claim::InProgress(s) if s.audit_id == "audit-b"),
        "force does not preempt a live lease"
    );
}

fn error(code: &str) -> StoredError {
    StoredError {
        code: code.into(),
        message: "Genesys was unavailable".into(),
    }
}

async fn a_failed_claim_can_be_claimed_again(f: Fixture) {
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    assert_eq!(
        claim(&f, &conversation, &key, "audit-a").await,
        Claim::Acquired { generation: 0 }
    );
    f.store
        .fail(&conversation, &key, "audit-a", error("UPSTREAM"))
        .await
        .unwrap();
    let failed = f.store.get(&conversation, &key).await.unwrap().unwrap();
    assert_eq!(failed.status, SummaryStatus::Failed);
    assert_eq!(failed.error, Some(error("UPSTREAM")));

    // The retry of a failed computation is the same CRM delivery: same generation.
    assert_eq!(
        claim(&f, &conversation, &key, "audit-b").await,
        Claim::Acquired { generation: 0 }
    );
    let retried = f.store.get(&conversation, &key).await.unwrap().unwrap();
    assert_eq!(retried.status, SummaryStatus::Processing);
    assert_eq!(retried.error, None);

    // Only the holder may fail it.
    let wrong = f.store.fail(&conversation, &key, "audit-x", error("X")).await;
    assert!(matches!(wrong, Err(StoreError::Conflict(_))), "{wrong:?}");
}

async fn ten_concurrent_claims_acquire_exactly_once(f: Fixture) {
    let store = Arc::new(f.store);
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    let mut claims = tokio::task::JoinSet::new();
    for i in 0..10 {
        let (store, key) = (Arc::clone(&store), key.clone());
        claims.spawn(async move {
            store
                .claim(
                    ClaimFor {
                        conversation_id: &conversation,
                        case_id: "CASE-1",
                        key: &key,
                        audit_id: &format!("audit-{i}"),
                        caller: None,
                    },
                    LEASE,
                    false,
                )
                .await
        });
    }
    let (mut acquired, mut in_progress) = (0, 0);
    while let Some(result) = claims.join_next().await {
        match result.unwrap().unwrap() {
            Claim::Acquired { .. } => acquired += 1,
            Claim::InProgress(_) => in_progress += 1,
            Claim::Done(s) => panic!("nothing was completed, got Done {s:?}"),
        }
    }
    assert_eq!((acquired, in_progress), (1, 9));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_item_has_a_ttl_and_json_results() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    assert_eq!(
        claim(&f, &conversation, &key, "audit-a").await,
        Claim::Acquired { generation: 0 }
    );
    let record = finished(&conversation, &key, "audit-a", SummaryStatus::QueuedForCrm);
    f.store.complete(&record).await.unwrap();

    let item = dynamodb
        .get_item()
        .table_name(&table)
        .key("conversationId", AttributeValue::S(conversation.to_string()))
        .key("requestKey", AttributeValue::S(key.as_str().to_owned()))
        .send()
        .await
        .unwrap()
        .item
        .expect("item");
    let ttl: i64 = item["ttl"].as_n().unwrap().parse().unwrap();
    let expected = chrono::Utc::now().timestamp() + TTL.as_secs() as i64;
    assert!(
        (expected - 60..=expected + 1).contains(&ttl),
        "ttl {ttl}, expected ~{expected}"
    );
    assert!(!item.contains_key("leaseUntil"), "a finished item holds no lease");
    let result: serde_json::Value = serde_json::from_str(item["result"].as_s().unwrap()).unwrap();
    assert_eq!(Some(result), record.result);
}

async fn misuse_is_refused(f: Fixture) {
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    let never_claimed = f
        .store
        .complete(&finished(
            &conversation,
            &key,
            "audit-a",
            SummaryStatus::QueuedForCrm,
        ))
        .await;
    assert!(
        matches!(never_claimed, Err(StoreError::Conflict(_))),
        "{never_claimed:?}"
    );
    assert_eq!(
        f.store.get(&conversation, &key).await.unwrap(),
        None,
        "nothing was created"
    );

    assert_eq!(
        claim(&f, &conversation, &key, "audit-a").await,
        Claim::Acquired { generation: 0 }
    );
    let still_processing = f
        .store
        .complete(&finished(
            &conversation,
            &key,
            "audit-a",
            SummaryStatus::Processing,
        ))
        .await;
    assert!(
        matches!(still_processing, Err(StoreError::Malformed(_))),
        "{still_processing:?}"
    );

    let unknown = f
        .store
        .set_crm_sync(
            &conversation,
            &key_for(&conversation, "NOPE"),
            "audit-a",
            &json!({}),
        )
        .await;
    assert!(matches!(unknown, Err(StoreError::Conflict(_))), "{unknown:?}");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_malformed_item_is_an_error_not_a_panic() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let conversation = new_conversation();
    let key = key_for(&conversation, "CASE-1");
    dynamodb
        .put_item()
        .table_name(&table)
        .item("conversationId", AttributeValue::S(conversation.to_string()))
        .item("requestKey", AttributeValue::S(key.as_str().to_owned()))
        .item("status", AttributeValue::S("exploded".into()))
        .send()
        .await
        .unwrap();
    let read = f.store.get(&conversation, &key).await;
    assert!(matches!(read, Err(StoreError::Malformed(_))), "{read:?}");
}

wrapup_testkit::against_both!(
    first_claim_acquires_and_a_second_sees_it_in_progress,
    a_completed_claim_is_done_with_its_result,
    an_expired_lease_is_taken_over_and_the_old_holder_cannot_complete,
    force_recomputes_a_finished_result_but_not_a_live_one,
    a_failed_claim_can_be_claimed_again,
    ten_concurrent_claims_acquire_exactly_once,
    latest_returns_the_most_recently_updated_request,
    misuse_is_refused,
    a_caller_reads_only_its_own_summaries,
);
