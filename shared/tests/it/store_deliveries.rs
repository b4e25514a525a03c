//! The CRM delivery store against moto, its table created from template.yaml. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup --test store_deliveries`.

use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use wrapup::store::{
    DEFAULT_DELIVERY_TTL, DeliveryClaim, DeliveryStatus, DeliveryStore, DynamoDbDeliveryStore,
    MemoryDeliveryStore, StoreError,
};

const LEASE: Duration = Duration::from_secs(30);
const WEBHOOK: &str = "webhook";

struct Fixture {
    store: Arc<dyn DeliveryStore>,
}

/// The DynamoDB store on a fresh stack in moto, with its client and table for raw reads.
async fn dynamodb_fixture() -> (Fixture, aws_sdk_dynamodb::Client, String) {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let dynamodb = aws.dynamodb_client().await;
    let stack = wrapup_testkit::unique_stack_name("deliveries");
    let tables = wrapup_testkit::create_tables(&dynamodb, &stack)
        .await
        .expect("tables from template.yaml");
    let table = tables
        .iter()
        .find(|t| t.logical_id == "CrmDeliveryTable")
        .expect("CrmDeliveryTable in template.yaml")
        .name
        .clone();
    assert_eq!(table, format!("{stack}-crm-deliveries"));
    let store = Arc::new(DynamoDbDeliveryStore::new(
        dynamodb.clone(),
        table.clone(),
        DEFAULT_DELIVERY_TTL,
    ));
    (Fixture { store }, dynamodb, table)
}

/// The in-memory store.
fn memory_fixture() -> Fixture {
    Fixture {
        store: Arc::new(MemoryDeliveryStore::new()),
    }
}

/// A delivery key as crm-sync builds it: idempotency key and audit id.
fn new_key() -> String {
    format!("{}.{}", "ab".repeat(32), uuid::Uuid::new_v4())
}

async fn claim(f: &Fixture, key: &str, owner: &str) -> DeliveryClaim {
    f.store.claim(key, WEBHOOK, owner, LEASE).await.unwrap()
}

async fn a_claim_completed_is_done_and_never_claimed_again(f: Fixture) {
    let key = new_key();
    assert_eq!(f.store.get(&key, WEBHOOK).await.unwrap(), None);
    assert_eq!(
        claim(&f, &key, "worker-a").await,
        DeliveryClaim::Acquired { attempt: 1 }
    );
    let claimed = f.store.get(&key, WEBHOOK).await.unwrap().expect("claimed");
    assert_eq!(claimed.status, DeliveryStatus::InProgress);
    assert_eq!(claimed.attempts, 1);

    f.store
        .complete(&key, WEBHOOK, "worker-a", 201, 87)
        .await
        .unwrap();
    let DeliveryClaim::Done(done) = claim(&f, &key, "worker-b").await else {
        panic!("a written delivery must come back Done");
    };
    assert_eq!(done.delivery_key, key);
    assert_eq!(done.target, WEBHOOK);
    assert_eq!(done.status, DeliveryStatus::Done);
    assert_eq!(
        (done.attempts, done.http_status, done.latency_ms),
        (1, Some(201), Some(87))
    );
    assert_eq!(done.last_error, None);
    assert!(done.updated_at >= claimed.updated_at);
    assert_eq!(f.store.get(&key, WEBHOOK).await.unwrap(), Some(done.clone()));

    // Completing twice (an SDK retry of a call that got through) is fine; a release is not.
    f.store
        .complete(&key, WEBHOOK, "worker-a", 201, 87)
        .await
        .unwrap();
    let late = f.store.release(&key, WEBHOOK, "worker-a", "HTTP 500").await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    assert_eq!(f.store.get(&key, WEBHOOK).await.unwrap(), Some(done));

    // Another target of the same delivery is independent.
    assert_eq!(
        f.store
            .claim(&key, "dataAction", "worker-b", LEASE)
            .await
            .unwrap(),
        DeliveryClaim::Acquired { attempt: 1 }
    );
}

async fn a_live_lease_is_in_progress_for_everybody_else(f: Fixture) {
    let key = new_key();
    assert_eq!(
        claim(&f, &key, "worker-a").await,
        DeliveryClaim::Acquired { attempt: 1 }
    );
    let before = chrono::Utc::now().timestamp_millis();
    match claim(&f, &key, "worker-b").await {
        DeliveryClaim::InProgress {
            lease_until_ms,
            owner,
        } => {
            assert_eq!(owner, "worker-a");
            let lease = i64::try_from(LEASE.as_millis()).unwrap();
            assert!(
                (before..=before + lease).contains(&lease_until_ms),
                "lease until {lease_until_ms}, claimed at ~{before}"
            );
        }
        other => panic!("expected InProgress, got {other:?}"),
    }
    // Someone who does not hold the claim can neither complete nor release it.
    let wrong = f.store.complete(&key, WEBHOOK, "worker-b", 200, 1).await;
    assert!(matches!(wrong, Err(StoreError::Conflict(_))), "{wrong:?}");
    let wrong = f.store.release(&key, WEBHOOK, "worker-b", "nope").await;
    assert!(matches!(wrong, Err(StoreError::Conflict(_))), "{wrong:?}");
    let current = f.store.get(&key, WEBHOOK).await.unwrap().unwrap();
    assert_eq!(
        (current.status, current.attempts),
        (DeliveryStatus::InProgress, 1)
    );
}

async fn an_expired_lease_is_taken_over_and_the_old_owner_cannot_complete(f: Fixture) {
    let key = new_key();
    let short = Duration::from_millis(300);
    let first = f.store.claim(&key, WEBHOOK, "crashed", short).await.unwrap();
    assert_eq!(first, DeliveryClaim::Acquired { attempt: 1 });
    tokio::time::sleep(Duration::from_millis(500)).await;

    assert_eq!(
        claim(&f, &key, "worker-b").await,
        DeliveryClaim::Acquired { attempt: 2 }
    );
    let late = f.store.complete(&key, WEBHOOK, "crashed", 200, 10).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    let late = f.store.release(&key, WEBHOOK, "crashed", "timeout").await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");

    f.store
        .complete(&key, WEBHOOK, "worker-b", 200, 12)
        .await
        .unwrap();
    let done = f.store.get(&key, WEBHOOK).await.unwrap().unwrap();
    assert_eq!((done.status, done.attempts), (DeliveryStatus::Done, 2));
    assert_eq!(done.http_status, Some(200));
    // The old owner's complete stays refused once the new owner is done.
    let late = f.store.complete(&key, WEBHOOK, "crashed", 200, 10).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
}

async fn a_released_claim_is_claimed_at_once_with_the_next_attempt(f: Fixture) {
    let key = new_key();
    assert_eq!(
        claim(&f, &key, "worker-a").await,
        DeliveryClaim::Acquired { attempt: 1 }
    );
    f.store
        .release(&key, WEBHOOK, "worker-a", "retryable: HTTP 503")
        .await
        .unwrap();
    let failed = f.store.get(&key, WEBHOOK).await.unwrap().unwrap();
    assert_eq!(failed.status, DeliveryStatus::Failed);
    assert_eq!(failed.last_error.as_deref(), Some("retryable: HTTP 503"));

    // Long before the 30 s lease would have run out.
    assert_eq!(
        claim(&f, &key, "worker-b").await,
        DeliveryClaim::Acquired { attempt: 2 }
    );
    f.store
        .complete(&key, WEBHOOK, "worker-b", 200, 40)
        .await
        .unwrap();
    let done = f.store.get(&key, WEBHOOK).await.unwrap().unwrap();
    assert_eq!((done.status, done.attempts), (DeliveryStatus::Done, 2));
    assert_eq!(
        done.last_error.as_deref(),
        Some("retryable: HTTP 503"),
        "the earlier failure stays on record for the audit"
    );
}

async fn complete_and_release_of_a_delivery_never_claimed_conflict(f: Fixture) {
    let key = new_key();
    let complete = f.store.complete(&key, WEBHOOK, "worker-a", 200, 1).await;
    assert!(matches!(complete, Err(StoreError::Conflict(_))), "{complete:?}");
    let release = f.store.release(&key, WEBHOOK, "worker-a", "x").await;
    assert!(matches!(release, Err(StoreError::Conflict(_))), "{release:?}");
    assert_eq!(f.store.get(&key, WEBHOOK).await.unwrap(), None);
}

async fn twenty_concurrent_claims_acquire_exactly_once(f: Fixture) {
    let store = Arc::new(f.store);
    for round in 0..2 {
        let key = new_key();
        if round == 1 {
            // The takeover path races too: a failed delivery, then twenty claims at once.
            let first = store.claim(&key, WEBHOOK, "first", LEASE).await.unwrap();
            assert_eq!(first, DeliveryClaim::Acquired { attempt: 1 });
            store.release(&key, WEBHOOK, "first", "HTTP 500").await.unwrap();
        }
        let mut claims = tokio::task::JoinSet::new();
        for i in 0..20 {
            let (store, key) = (Arc::clone(&store), key.clone());
            claims.spawn(async move { store.claim(&key, WEBHOOK, &format!("worker-{i}"), LEASE).await });
        }
        let (mut acquired, mut in_progress) = (Vec::new(), 0);
        while let Some(result) = claims.join_next().await {
            match result.unwrap().unwrap() {
                DeliveryClaim::Acquired { attempt } => acquired.push(attempt),
                DeliveryClaim::InProgress { .. } => in_progress += 1,
                DeliveryClaim::Done(record) => panic!("nothing was completed, got Done {record:?}"),
            }
        }
        assert_eq!(acquired, [round + 1], "round {round}");
        assert_eq!(in_progress, 19, "round {round}");
        let current = store.get(&key, WEBHOOK).await.unwrap().unwrap();
        assert_eq!(current.attempts, round + 1);
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn items_expire_by_ttl_and_hold_no_lease_once_done() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let key = new_key();
    claim(&f, &key, "worker-a").await;
    f.store.complete(&key, WEBHOOK, "worker-a", 204, 5).await.unwrap();
    let item = dynamodb
        .get_item()
        .table_name(&table)
        .key("deliveryKey", AttributeValue::S(key.clone()))
        .key("target", AttributeValue::S(WEBHOOK.into()))
        .send()
        .await
        .unwrap()
        .item
        .expect("item");
    let ttl: i64 = item["ttl"].as_n().unwrap().parse().unwrap();
    let expected = chrono::Utc::now().timestamp() + DEFAULT_DELIVERY_TTL.as_secs() as i64;
    assert!(
        (expected - 60..=expected + 1).contains(&ttl),
        "ttl {ttl}, expected ~{expected}"
    );
    assert!(!item.contains_key("leaseUntil"), "a done delivery holds no lease");
    assert_eq!(item["status"].as_s().unwrap(), "done");
    assert_eq!(item["httpStatus"].as_n().unwrap(), "204");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_malformed_item_is_an_error_not_a_panic() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let key = new_key();
    dynamodb
        .put_item()
        .table_name(&table)
        .item("deliveryKey", AttributeValue::S(key.clone()))
        .item("target", AttributeValue::S(WEBHOOK.into()))
        .item("status", AttributeValue::S("written".into()))
        .item("attempts", AttributeValue::N("1".into()))
        .send()
        .await
        .unwrap();
    let claimed = f.store.claim(&key, WEBHOOK, "worker-a", LEASE).await;
    assert!(matches!(claimed, Err(StoreError::Malformed(_))), "{claimed:?}");
    let read = f.store.get(&key, WEBHOOK).await;
    assert!(matches!(read, Err(StoreError::Malformed(_))), "{read:?}");
}

wrapup_testkit::against_both!(
    a_claim_completed_is_done_and_never_claimed_again,
    a_live_lease_is_in_progress_for_everybody_else,
    an_expired_lease_is_taken_over_and_the_old_owner_cannot_complete,
    a_released_claim_is_claimed_at_once_with_the_next_attempt,
    complete_and_release_of_a_delivery_never_claimed_conflict,
    twenty_concurrent_claims_acquire_exactly_once,
);
