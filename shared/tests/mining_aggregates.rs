//! The aggregate store against moto: counted once, markers found even when a batch repeats a
//! conversation, and rows read back per source.

use std::collections::BTreeMap;
use std::time::Duration;

use wrapup::genesys::models::MediaType;
use wrapup::mining::{ConversationCount, CountOutcome, DynamoDbAggregateStore, MiningSource, Speaker};
use wrapup_testkit::LocalAws;

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_conversation_counts_once_and_repeated_ids_are_looked_up_once() {
    let aws = LocalAws::from_env().expect("moto");
    let dynamodb = aws.dynamodb_client().await;
    let stack = wrapup_testkit::unique_stack_name("agg");
    let tables = wrapup_testkit::create_tables(&dynamodb, &stack).await.unwrap();
    let table = tables
        .iter()
        .find(|t| t.logical_id == "MentionAggregatesTable")
        .unwrap()
        .name
        .clone();
    let store = DynamoDbAggregateStore::new(dynamodb, table, Duration::from_secs(86_400));
    let day = "2026-11-20".parse().unwrap();
    let count = ConversationCount {
        conversation_id: "c-1".into(),
        date: day,
        media_type: MediaType::Voice,
        mentions: BTreeMap::from([
            (("acme-router-pro".to_owned(), Speaker::Customer), 2),
            (("acme-router-pro".to_owned(), Speaker::Any), 2),
        ]),
    };
    assert_eq!(store.count("run-1", &count).await.unwrap(), CountOutcome::Counted);
    assert_eq!(
        store.count("run-2", &count).await.unwrap(),
        CountOutcome::AlreadyCounted {
            run_id: "run-1".into()
        }
    );
    let ids = ["c-1", "c-2", "c-1"].map(str::to_owned);
    let found = store
        .counted_by(&ids)
        .await
        .expect("a repeated id is not an error");
    assert_eq!(found.len(), 1);
    assert_eq!(found["c-1"], "run-1");
    let rows = store.rows(day, day, MiningSource::Transcripts).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().all(|r| r.mentions == 2 && r.conversations == 1),
        "{rows:?}"
    );
    assert!(
        store
            .rows(day, day, MiningSource::Topics)
            .await
            .unwrap()
            .is_empty()
    );
}
