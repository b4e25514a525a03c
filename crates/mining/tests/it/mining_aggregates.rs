//! The aggregate store's contract, against moto (table from template.yaml) and in memory: counted
//! once, markers found even when a batch repeats a conversation, the counts recorded with the
//! marker, rows read back per source and day, topic days replaced. Run the moto tier with
//! `scripts/with-moto.sh cargo test -p wrapup --test mining_aggregates -- --include-ignored`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::NaiveDate;
use wrapup_genesys::models::MediaType;
use wrapup_mining::{
    AggregateRow, AggregateStore, ConversationCount, CountOutcome, DynamoDbAggregateStore,
    MemoryAggregateStore, MiningSource, Speaker,
};

const RETENTION: Duration = Duration::from_secs(86_400);

/// A conversation's mentions: (product, speaker, count).
type Mentions<'a> = &'a [(&'a str, Speaker, u64)];

struct Fixture {
    store: Arc<dyn AggregateStore>,
}

/// The DynamoDB store on a fresh stack in moto, with its client and table for raw reads.
async fn dynamodb_fixture() -> (Fixture, aws_sdk_dynamodb::Client, String) {
    let (dynamodb, table) = wrapup_testkit::moto_table("agg", "MentionAggregatesTable").await;
    let store = Arc::new(DynamoDbAggregateStore::new(
        dynamodb.clone(),
        table.clone(),
        RETENTION,
    ));
    (Fixture { store }, dynamodb, table)
}

/// The in-memory store.
fn memory_fixture() -> Fixture {
    Fixture {
        store: Arc::new(MemoryAggregateStore::new()),
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn conversation(id: &str, date: &str, media_type: MediaType, mentions: Mentions) -> ConversationCount {
    ConversationCount {
        conversation_id: id.to_owned(),
        date: day(date),
        media_type,
        mentions: mentions
            .iter()
            .map(|(product, speaker, count)| (((*product).to_owned(), *speaker), *count))
            .collect(),
    }
}

fn row(date: &str, media: &str, product: &str, speaker: Speaker, counts: (u64, u64)) -> AggregateRow {
    AggregateRow {
        date: day(date),
        media_type: media.to_owned(),
        product_id: product.to_owned(),
        speaker,
        mentions: counts.0,
        conversations: counts.1,
    }
}

/// The rows of `from..=to` (dates as text) from `source`.
async fn rows_of(
    store: &dyn AggregateStore,
    from: &str,
    to: &str,
    source: MiningSource,
) -> Vec<AggregateRow> {
    store.rows(day(from), day(to), source).await.expect("rows")
}

fn already(run_id: &str) -> CountOutcome {
    CountOutcome::AlreadyCounted {
        run_id: run_id.to_owned(),
    }
}

async fn a_conversation_counts_once_and_repeated_ids_are_looked_up_once(f: Fixture) {
    let store = f.store;
    let day = day("2026-11-20");
    let count = conversation(
        "c-1",
        "2026-11-20",
        MediaType::Voice,
        &[
            ("acme-router-pro", Speaker::Customer, 2),
            ("acme-router-pro", Speaker::Any, 2),
        ],
    );
    assert_eq!(store.count("run-1", &count).await.unwrap(), CountOutcome::Counted);
    assert_eq!(store.count("run-2", &count).await.unwrap(), already("run-1"));
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

async fn rows_add_up_per_day_media_product_and_speaker(f: Fixture) {
    use Speaker::{Agent, Any, Customer};
    let store = f.store;
    let voice = MediaType::Voice;
    let conversations: [(&str, &str, MediaType, Mentions); 5] = [
        (
            "c-1",
            "2026-11-20",
            voice,
            &[("router", Customer, 2), ("router", Agent, 0), ("router", Any, 2)],
        ),
        (
            "c-2",
            "2026-11-20",
            voice,
            &[("router", Customer, 1), ("router", Agent, 3), ("router", Any, 4)],
        ),
        ("c-3", "2026-11-20", MediaType::Chat, &[("modem", Agent, 5)]),
        ("c-4", "2026-11-21", voice, &[("router", Customer, 7)]),
        ("c-5", "2026-11-23", voice, &[("router", Customer, 1)]),
    ];
    for (id, date, media_type, mentions) in conversations {
        let count = conversation(id, date, media_type, mentions);
        assert_eq!(store.count("run-1", &count).await.unwrap(), CountOutcome::Counted);
    }
    let rows = rows_of(&*store, "2026-11-20", "2026-11-21", MiningSource::Transcripts).await;
    // Sorted; a speaker with no mentions has no row; the 23rd is outside the days asked for.
    assert_eq!(
        rows,
        vec![
            row("2026-11-20", "chat", "modem", Speaker::Agent, (5, 1)),
            row("2026-11-20", "voice", "router", Speaker::Customer, (3, 2)),
            row("2026-11-20", "voice", "router", Speaker::Agent, (3, 1)),
            row("2026-11-20", "voice", "router", Speaker::Any, (6, 2)),
            row("2026-11-21", "voice", "router", Speaker::Customer, (7, 1)),
        ]
    );
    let later = rows_of(&*store, "2026-11-22", "2026-11-30", MiningSource::Transcripts).await;
    assert_eq!(
        later,
        vec![row("2026-11-23", "voice", "router", Speaker::Customer, (1, 1))]
    );
    let backwards = rows_of(&*store, "2026-11-21", "2026-11-20", MiningSource::Transcripts).await;
    assert_eq!(backwards, Vec::new(), "from after to: no days");
}

async fn a_conversation_without_mentions_is_counted_and_adds_no_rows(f: Fixture) {
    let store = f.store;
    let quiet = conversation("c-quiet", "2026-11-20", MediaType::Email, &[]);
    assert_eq!(store.count("run-1", &quiet).await.unwrap(), CountOutcome::Counted);
    let found = store.counted_by(&["c-quiet".to_owned()]).await.unwrap();
    assert_eq!(found.get("c-quiet").map(String::as_str), Some("run-1"));
    // Counted means counted: mentions found on a later mining of it are not added.
    let noisy = conversation(
        "c-quiet",
        "2026-11-20",
        MediaType::Email,
        &[("router", Speaker::Agent, 4)],
    );
    assert_eq!(store.count("run-2", &noisy).await.unwrap(), already("run-1"));
    let rows = rows_of(&*store, "2026-11-20", "2026-11-20", MiningSource::Transcripts).await;
    assert_eq!(rows, Vec::new());
}

async fn a_conversation_with_many_products_counts_every_one_once(f: Fixture) {
    let store = f.store;
    // 150 (product, speaker) pairs: more than one DynamoDB transaction holds.
    let products: Vec<String> = (0..150).map(|i| format!("product-{i:03}")).collect();
    let mentions: Vec<(&str, Speaker, u64)> = products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), Speaker::Customer, i as u64 % 3 + 1))
        .collect();
    let count = conversation("c-big", "2026-11-20", MediaType::Voice, &mentions);
    assert_eq!(store.count("run-1", &count).await.unwrap(), CountOutcome::Counted);
    assert_eq!(store.count("run-1", &count).await.unwrap(), already("run-1"));
    let rows = rows_of(&*store, "2026-11-20", "2026-11-20", MiningSource::Transcripts).await;
    assert_eq!(rows.len(), 150);
    assert_eq!(rows.iter().map(|r| r.mentions).sum::<u64>(), 300);
    assert!(rows.iter().all(|r| r.conversations == 1), "{rows:?}");
    assert_eq!(rows[0].product_id, "product-000");
    assert_eq!(rows[149].product_id, "product-149");
}

async fn concurrent_counts_of_one_conversation_add_once(f: Fixture) {
    let store = f.store;
    let count = conversation(
        "c-race",
        "2026-11-20",
        MediaType::Voice,
        &[("router", Speaker::Customer, 3)],
    );
    let mut counts = tokio::task::JoinSet::new();
    for i in 0..8 {
        let (store, count) = (Arc::clone(&store), count.clone());
        counts.spawn(async move { (format!("run-{i}"), store.count(&format!("run-{i}"), &count).await) });
    }
    let mut winners = Vec::new();
    let mut seen = Vec::new();
    while let Some(joined) = counts.join_next().await {
        match joined.unwrap() {
            (run, Ok(CountOutcome::Counted)) => winners.push(run),
            (_, Ok(CountOutcome::AlreadyCounted { run_id })) => seen.push(run_id),
            (run, Err(err)) => panic!("{run}: {err}"),
        }
    }
    assert_eq!(winners.len(), 1, "{winners:?}");
    assert_eq!(seen.len(), 7);
    assert!(
        seen.iter().all(|run| *run == winners[0]),
        "{seen:?} vs {winners:?}"
    );
    let rows = rows_of(&*store, "2026-11-20", "2026-11-20", MiningSource::Transcripts).await;
    assert_eq!(
        rows,
        vec![row("2026-11-20", "voice", "router", Speaker::Customer, (3, 1))]
    );
}

async fn counts_are_recorded_with_the_marker_for_the_mention_rows(f: Fixture) {
    let store = f.store;
    let count = conversation(
        "c-1",
        "2026-11-20",
        MediaType::Chat,
        &[
            ("router", Speaker::Customer, 2),
            ("router", Speaker::Agent, 1),
            ("router", Speaker::Any, 3),
            ("modem", Speaker::Agent, 0),
        ],
    );
    store.count("run-1", &count).await.unwrap();
    store
        .count(
            "run-1",
            &conversation("c-quiet", "2026-11-20", MediaType::Voice, &[]),
        )
        .await
        .unwrap();
    // A later count with other numbers changes nothing: the first count is the one recorded.
    let other = conversation(
        "c-1",
        "2026-11-20",
        MediaType::Chat,
        &[("modem", Speaker::Customer, 9)],
    );
    assert_eq!(store.count("run-2", &other).await.unwrap(), already("run-1"));
    // 150 pairs: written in two transactions, recorded in full with the first marker.
    let products: Vec<String> = (0..150).map(|i| format!("product-{i:03}")).collect();
    let many: Vec<(&str, Speaker, u64)> = products.iter().map(|p| (p.as_str(), Speaker::Agent, 1)).collect();
    store
        .count(
            "run-1",
            &conversation("c-big", "2026-11-20", MediaType::Voice, &many),
        )
        .await
        .unwrap();

    let ids = ["c-1", "c-quiet", "c-never", "c-1", "c-big"].map(str::to_owned);
    let recorded = store.recorded_mentions(&ids).await.expect("recorded mentions");
    let expected: wrapup_mining::Mentions = [
        (("router".to_owned(), Speaker::Customer), 2),
        (("router".to_owned(), Speaker::Agent), 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(recorded.get("c-1"), Some(&expected), "no Any totals, no zeros");
    assert_eq!(recorded.get("c-quiet").map(|m| m.len()), Some(0));
    assert!(!recorded.contains_key("c-never"));
    assert_eq!(recorded["c-big"].len(), 150);
    assert_eq!(recorded.len(), 3);
}

/// Replaces the topic aggregates of `date` with `(media type, product, count)`s.
async fn store_topics(store: &dyn AggregateStore, date: &str, entries: &[(&str, &str, u64)]) {
    let counts: BTreeMap<(String, String), u64> = entries
        .iter()
        .map(|(media, product, count)| (((*media).to_owned(), (*product).to_owned()), *count))
        .collect();
    store
        .replace_topic_day(day(date), &counts)
        .await
        .expect("topic day replaced");
}

async fn topic_days_are_replaced_not_added(f: Fixture) {
    let store = f.store;
    store_topics(
        &*store,
        "2026-11-20",
        &[("voice", "router", 4), ("chat", "modem", 2)],
    )
    .await;
    store_topics(&*store, "2026-11-21", &[("voice", "router", 9)]).await;
    // The day again: router changes, modem is gone, a zero total is a row of its own.
    store_topics(
        &*store,
        "2026-11-20",
        &[("voice", "router", 5), ("email", "phone", 0)],
    )
    .await;
    let count = conversation(
        "c-1",
        "2026-11-20",
        MediaType::Voice,
        &[("router", Speaker::Any, 1)],
    );
    store.count("run-1", &count).await.unwrap();

    let topics = rows_of(&*store, "2026-11-20", "2026-11-21", MiningSource::Topics).await;
    assert_eq!(
        topics,
        vec![
            row("2026-11-20", "email", "phone", Speaker::Any, (0, 0)),
            row("2026-11-20", "voice", "router", Speaker::Any, (5, 5)),
            row("2026-11-21", "voice", "router", Speaker::Any, (9, 9)),
        ]
    );
    // The two sources never mix.
    let transcripts = rows_of(&*store, "2026-11-20", "2026-11-21", MiningSource::Transcripts).await;
    assert_eq!(
        transcripts,
        vec![row("2026-11-20", "voice", "router", Speaker::Any, (1, 1))]
    );
    store_topics(&*store, "2026-11-21", &[]).await;
    let topics = rows_of(&*store, "2026-11-21", "2026-11-21", MiningSource::Topics).await;
    assert_eq!(topics, Vec::new(), "an empty day clears the day");
}

/// Markers and aggregates expire `RETENTION` after the start of the conversation's day, so a
/// re-run after the retention counts into fresh aggregates (the in-memory store keeps no TTL).
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn markers_and_aggregates_expire_with_their_day() {
    let (f, dynamodb, table) = dynamodb_fixture().await;
    let count = conversation(
        "c-ttl",
        "2026-11-20",
        MediaType::Voice,
        &[("router", Speaker::Customer, 1)],
    );
    f.store.count("run-1", &count).await.unwrap();
    let expected = day("2026-11-20")
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp()
        + RETENTION.as_secs() as i64;
    for (pk, sk) in [
        ("conversation#c-ttl", "counted#0"),
        ("day#2026-11-20", "voice#router#customer"),
    ] {
        let item = dynamodb
            .get_item()
            .table_name(&table)
            .key("pk", AttributeValue::S(pk.into()))
            .key("sk", AttributeValue::S(sk.into()))
            .send()
            .await
            .unwrap()
            .item
            .unwrap_or_else(|| panic!("{pk} {sk}"));
        assert_eq!(item["ttl"].as_n().unwrap(), &expected.to_string(), "{pk} {sk}");
    }
}

wrapup_testkit::against_both!(
    a_conversation_counts_once_and_repeated_ids_are_looked_up_once,
    rows_add_up_per_day_media_product_and_speaker,
    a_conversation_without_mentions_is_counted_and_adds_no_rows,
    a_conversation_with_many_products_counts_every_one_once,
    concurrent_counts_of_one_conversation_add_once,
    counts_are_recorded_with_the_marker_for_the_mention_rows,
    topic_days_are_replaced_not_added,
);
