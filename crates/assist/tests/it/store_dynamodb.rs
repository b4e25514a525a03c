//! The assist store's contract, against DynamoDB (moto, `AssistTable` from template.yaml) and in
//! memory: one commit writes the marker, the record and the counts together or not at all.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use uuid::Uuid;
use wrapup_assist::event::AssistEvent;
use wrapup_assist::ranking::MonthKey;
use wrapup_assist::record::{ConversationRecord, JobTrigger};
use wrapup_assist::store::{AssistStore, Commit, Committed, CountsKey, Delta, Record, Versioned};
use wrapup_assist::{AssistConfig, DynamoDbAssistStore, Handled, MemoryAssistStore, ProcessError, handle};
use wrapup_core::ids::ConversationId;

use crate::common::{RecordingJobs, event_file};

struct Fixture {
    store: Arc<dyn AssistStore>,
}

async fn dynamodb_fixture() -> (Fixture, ()) {
    let (dynamodb, table) = wrapup_testkit::moto_table("assist", "AssistTable").await;
    let store = Arc::new(DynamoDbAssistStore::new(
        dynamodb,
        table,
        Duration::from_secs(86_400 * 400),
    ));
    (Fixture { store }, ())
}

fn memory_fixture() -> Fixture {
    Fixture {
        store: Arc::new(MemoryAssistStore::new()),
    }
}

fn conversation_id() -> ConversationId {
    ConversationId::parse(&Uuid::new_v4().to_string()).unwrap_or_else(|_| unreachable!())
}

fn commit(
    id: &ConversationId,
    key: &str,
    version: u64,
    record: ConversationRecord,
    deltas: Vec<Delta>,
) -> Commit {
    Commit {
        content_key: key.to_owned(),
        marker_expires: Utc::now() + chrono::Duration::days(7),
        record: Record::Conversation(*id, Versioned { record, version }),
        deltas,
    }
}

fn delta(kind: &str, month: &str, impressions: i64, halves: i64) -> Delta {
    Delta {
        key: CountsKey::Type {
            kind: kind.to_owned(),
        },
        month: MonthKey::parse(month).unwrap_or_default(),
        impressions,
        halves,
        dismissed: 0,
    }
}

async fn a_commit_writes_all_or_nothing(f: Fixture) {
    let id = conversation_id();
    let key = format!("end#{id}#a#b");
    let ended = ConversationRecord {
        jobs: vec![JobTrigger::End],
        ..ConversationRecord::default()
    };
    let first = commit(
        &id,
        &key,
        0,
        ended.clone(),
        vec![delta("script", "2026-12", 1, 2)],
    );
    assert_eq!(
        f.store.commit(first.clone()).await.expect("commit"),
        Committed::Applied
    );
    let stored = f.store.conversation(&id).await.expect("read").expect("stored");
    assert_eq!(stored.version, 1);
    assert_eq!(stored.record, ended);

    // The same event again: a duplicate, nothing written.
    let again = commit(
        &id,
        &key,
        1,
        ConversationRecord::default(),
        vec![delta("script", "2026-12", 1, 2)],
    );
    assert_eq!(f.store.commit(again).await.expect("commit"), Committed::Duplicate);
    // Another event written against a stale version: a conflict, nothing written.
    let stale = commit(
        &id,
        "other-key",
        0,
        ConversationRecord::default(),
        vec![delta("script", "2026-12", 1, 2)],
    );
    assert_eq!(f.store.commit(stale).await.expect("commit"), Committed::Conflict);
    let stored = f.store.conversation(&id).await.expect("read").expect("stored");
    assert_eq!((stored.version, stored.record), (1, ended));
    let counts = f
        .store
        .counts(&[CountsKey::Type {
            kind: "script".into(),
        }])
        .await
        .expect("counts");
    let total: (i64, i64) = counts[0]
        .iter()
        .fold((0, 0), |(n, h), b| (n + b.impressions, h + b.halves));
    // Tests share the global type counts only through their own kind names.
    assert!(total.0 >= 1);
    // The stale key was not marked: sent again at the right version, it applies.
    let fresh = commit(&id, "other-key", 1, ConversationRecord::default(), Vec::new());
    assert_eq!(f.store.commit(fresh).await.expect("commit"), Committed::Applied);
}

async fn counts_add_up_per_key_and_month(f: Fixture) {
    let kind = format!("kind-{}", Uuid::new_v4().simple());
    let id = conversation_id();
    for (i, (month, n, h)) in [
        ("2026-11", 1, 2),
        ("2026-12", 1, 0),
        ("2026-12", 1, 1),
        ("2026-12", -1, -1),
    ]
    .into_iter()
    .enumerate()
    {
        let version = i as u64;
        let c = commit(
            &id,
            &format!("k{i}-{kind}"),
            version,
            ConversationRecord::default(),
            vec![delta(&kind, month, n, h)],
        );
        assert_eq!(f.store.commit(c).await.expect("commit"), Committed::Applied);
    }
    let mut buckets = f
        .store
        .counts(&[
            CountsKey::Type { kind: kind.clone() },
            CountsKey::Type { kind: "none".into() },
        ])
        .await
        .expect("counts");
    // A type's counts may be spread over items (DynamoDB's shards): summed by month.
    let mut by_month: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
    for b in buckets.remove(0) {
        let entry = by_month.entry(b.month.to_string()).or_default();
        entry.0 += b.impressions;
        entry.1 += b.halves;
    }
    let got: Vec<(String, i64, i64)> = by_month.into_iter().map(|(m, (n, h))| (m, n, h)).collect();
    assert_eq!(got, vec![("2026-11".into(), 1, 2), ("2026-12".into(), 1, 0)]);
}

async fn events_of_one_suggestion_processed_at_once_count_exactly(f: Fixture) {
    let events: Vec<AssistEvent> = [
        "assist-suggestion-knowledge-search.json",
        "assist-suggestion-copied.json",
        "assist-suggestion-response.json",
        "assist-suggestion-feedback.json",
    ]
    .iter()
    .map(|name| event_file(name))
    .collect();
    let conversation = *events[0].conversation_id();
    let store = f.store.clone();
    let tasks: Vec<_> = events
        .iter()
        .chain(events.iter())
        .cloned()
        .map(|event| {
            let store = store.clone();
            tokio::spawn(async move {
                let jobs = RecordingJobs::default();
                // As SQS would: a contended event comes back.
                loop {
                    match handle(
                        &event,
                        store.as_ref(),
                        &jobs,
                        &AssistConfig::default(),
                        Utc::now(),
                    )
                    .await
                    {
                        Ok(handled) => return handled,
                        Err(ProcessError::Contended) => continue,
                        Err(err) => panic!("{err}"),
                    }
                }
            })
        })
        .collect();
    let mut applied = 0;
    for task in tasks {
        if let Ok(Handled::Applied { .. }) = task.await {
            applied += 1;
        }
    }
    let suggestions = store.suggestions(&conversation).await.expect("records");
    assert_eq!(suggestions.len(), 2);
    assert_eq!(applied, 4, "each event applied once, its copy a duplicate");
    let search = suggestions
        .iter()
        .find(|s| s.kind == "knowledgeSearch")
        .expect("search");
    assert_eq!((search.state.as_str(), search.outcome()), ("Accepted", 2));
    let queue = search.queue_id;
    let item = search.item.clone().unwrap_or_default();
    let counts = store
        .counts(&[CountsKey::Item {
            queue,
            kind: "knowledgeSearch".into(),
            item,
        }])
        .await
        .expect("counts");
    // Other tests (and runs) share the item's counts only in memory-free moto stacks of their
    // own, so this stack's counts are exactly this conversation's.
    let total = counts[0]
        .iter()
        .fold((0, 0), |(n, h), b| (n + b.impressions, h + b.halves));
    assert_eq!(total, (1, 2));
}

async fn a_queues_counts_are_listed_by_item_and_kind(f: Fixture) {
    let events: Vec<AssistEvent> = [
        "assist-suggestion-knowledge-search.json",
        "assist-suggestion-response.json",
        "assist-suggestion-feedback.json",
    ]
    .iter()
    .map(|name| event_file(name))
    .collect();
    let jobs = RecordingJobs::default();
    for event in &events {
        handle(
            event,
            f.store.as_ref(),
            &jobs,
            &AssistConfig::default(),
            Utc::now(),
        )
        .await
        .expect("handled");
    }
    let AssistEvent::Suggestion(first) = &events[0] else {
        panic!("a suggestion");
    };
    let queue = first.queue_id;
    let responses = f
        .store
        .queue_counts(queue, "cannedResponse")
        .await
        .expect("counts");
    let item: Vec<_> = responses.iter().filter(|(k, _)| k.is_some()).collect();
    let kind: Vec<_> = responses.iter().filter(|(k, _)| k.is_none()).collect();
    assert_eq!(item.len(), 1, "{responses:?}");
    assert_eq!(
        item[0].0.as_deref(),
        Some("resp:e5e50001-bbbb-4ccc-8ddd-000000000002")
    );
    assert_eq!(
        (item[0].1.impressions, item[0].1.halves, item[0].1.dismissed),
        (1, 0, 1)
    );
    assert!(!kind.is_empty());
    let kind_total = kind.iter().fold((0, 0, 0), |(n, h, d), (_, b)| {
        (n + b.impressions, h + b.halves, d + b.dismissed)
    });
    assert_eq!(kind_total, (1, 0, 1));
    let searches = f
        .store
        .queue_counts(queue, "knowledgeSearch")
        .await
        .expect("counts");
    assert!(
        searches
            .iter()
            .all(|(_, b)| b.dismissed == 0 && b.impressions == 1)
    );
    assert!(
        f.store
            .queue_counts(None, "cannedResponse")
            .await
            .expect("counts")
            .is_empty()
    );
}

async fn many_events_of_a_kind_spread_its_counts_and_read_back_whole(f: Fixture) {
    let kind = format!("kind-{}", Uuid::new_v4().simple());
    let id = conversation_id();
    for i in 0..24u64 {
        let c = commit(
            &id,
            &format!("spread-{i}-{kind}"),
            i,
            ConversationRecord::default(),
            vec![delta(&kind, "2026-12", 1, 2)],
        );
        assert_eq!(f.store.commit(c).await.expect("commit"), Committed::Applied);
    }
    let buckets = f.store.counts(&[CountsKey::Type { kind }]).await.expect("counts");
    let total = buckets[0]
        .iter()
        .fold((0, 0), |(n, h), b| (n + b.impressions, h + b.halves));
    assert_eq!(total, (24, 48));
    let mid_month = "2026-12-15T00:00:00Z".parse().unwrap_or_default();
    let weighed = wrapup_assist::ranking::RankingConfig::default().weigh(&buckets[0], mid_month);
    assert!((weighed.impressions - 24.0).abs() < 1e-9, "{weighed:?}");
}

wrapup_testkit::against_both!(
    many_events_of_a_kind_spread_its_counts_and_read_back_whole,
    a_queues_counts_are_listed_by_item_and_kind,
    a_commit_writes_all_or_nothing,
    counts_add_up_per_key_and_month,
    events_of_one_suggestion_processed_at_once_count_exactly,
);
