//! Suggestions and engagements exactly once, in every order of arrival.

use chrono::Utc;
use serde_json::json;
use wrapup_assist::event::{AssistEvent, Parsed};
use wrapup_assist::process::ranked;
use wrapup_assist::store::{AssistStore, CountsKey};
use wrapup_assist::{AssistConfig, Handled, MemoryAssistStore, handle};

use crate::common::{RecordingJobs, event_file, parse, repo_file, with_body};

async fn feed(store: &MemoryAssistStore, events: &[AssistEvent]) -> Vec<Handled> {
    let jobs = RecordingJobs::default();
    let config = AssistConfig::default();
    let mut handled = Vec::new();
    for event in events {
        handled.push(
            handle(event, store, &jobs, &config, Utc::now())
                .await
                .expect("handled"),
        );
    }
    handled
}

fn suggestion_events() -> Vec<AssistEvent> {
    vec![
        event_file("assist-suggestion-knowledge-search.json"),
        event_file("assist-suggestion-copied.json"),
        event_file("assist-suggestion-response.json"),
        event_file("assist-suggestion-feedback.json"),
    ]
}

async fn counts_of(store: &MemoryAssistStore, kind: &str) -> (i64, i64) {
    let counts = store
        .counts(&[CountsKey::Type {
            kind: kind.to_owned(),
        }])
        .await
        .expect("counts");
    counts
        .iter()
        .flatten()
        .fold((0, 0), |(n, h), b| (n + b.impressions, h + b.halves))
}

#[tokio::test]
async fn a_suggestion_and_its_engagement_count_one_impression_and_one_use() {
    let store = MemoryAssistStore::new();
    let handled = feed(&store, &suggestion_events()).await;
    assert!(handled.iter().all(|h| matches!(h, Handled::Applied { .. })));
    assert_eq!(
        counts_of(&store, "knowledgeSearch").await,
        (1, 2),
        "copied: one use"
    );
    assert_eq!(
        counts_of(&store, "cannedResponse").await,
        (1, 0),
        "rated unhelpful"
    );
    let conversation = *suggestion_events()[0].conversation_id();
    let suggestions = ranked(store.suggestions(&conversation).await.expect("suggestions"));
    assert_eq!(suggestions.len(), 2);
    let search = suggestions
        .iter()
        .find(|s| s.kind == "knowledgeSearch")
        .expect("search");
    assert_eq!(search.state, "Accepted");
    let score = search.score.expect("scored when suggested");
    assert_eq!(score.confidence, Some(0.82));
    assert!((0.0..=1.0).contains(&score.score));
    assert!(suggestions.iter().all(|s| s.score.is_some()));
    // Ranked: the knowledge result's confidence carries it above the canned response.
    assert_eq!(suggestions[0].kind, "knowledgeSearch");
}

#[tokio::test]
async fn duplicates_are_acknowledged_and_count_nothing() {
    let store = MemoryAssistStore::new();
    let events = suggestion_events();
    feed(&store, &events).await;
    let again = feed(&store, &events).await;
    assert!(again.iter().all(|h| *h == Handled::Duplicate), "{again:?}");
    assert_eq!(counts_of(&store, "knowledgeSearch").await, (1, 2));
    assert_eq!(store.markers(), 4);
}

#[tokio::test]
async fn every_order_of_arrival_ends_in_the_same_record_and_counts() {
    let events = suggestion_events();
    let reference = MemoryAssistStore::new();
    feed(&reference, &events).await;
    let conversation = *events[0].conversation_id();
    let strip = |mut records: Vec<wrapup_assist::record::SuggestionRecord>| {
        records.sort_by_key(|r| r.suggestion_id);
        // The score depends on the counts at the time of the impression, so on the order.
        records.iter_mut().for_each(|r| r.score = None);
        records
    };
    let expected = strip(reference.suggestions(&conversation).await.expect("records"));
    let orders = [
        [0, 1, 2, 3],
        [1, 0, 3, 2],
        [3, 1, 2, 0],
        [1, 3, 0, 2],
        [2, 3, 1, 0],
        [3, 2, 1, 0],
    ];
    for order in orders {
        let store = MemoryAssistStore::new();
        let shuffled: Vec<AssistEvent> = order.iter().map(|&i| events[i].clone()).collect();
        feed(&store, &shuffled).await;
        let got = strip(store.suggestions(&conversation).await.expect("records"));
        assert_eq!(got, expected, "order {order:?}");
        assert_eq!(
            counts_of(&store, "knowledgeSearch").await,
            (1, 2),
            "order {order:?}"
        );
        assert_eq!(
            counts_of(&store, "cannedResponse").await,
            (1, 0),
            "order {order:?}"
        );
    }
}

#[tokio::test]
async fn a_late_suggested_never_undoes_an_engagement() {
    let store = MemoryAssistStore::new();
    let copied = event_file("assist-suggestion-copied.json");
    let suggested = event_file("assist-suggestion-knowledge-search.json");
    feed(&store, &[copied.clone(), suggested]).await;
    let records = store
        .suggestions(copied.conversation_id())
        .await
        .expect("records");
    assert_eq!(records[0].state, "Accepted");
    assert_eq!(records[0].outcome(), 2);
}

#[tokio::test]
async fn an_engagement_without_an_item_counts_once_its_suggestion_names_it() {
    let store = MemoryAssistStore::new();
    feed(&store, &[event_file("assist-suggestion-feedback.json")]).await;
    assert_eq!(counts_of(&store, "cannedResponse").await, (0, 0), "no item yet");
    feed(&store, &[event_file("assist-suggestion-response.json")]).await;
    assert_eq!(counts_of(&store, "cannedResponse").await, (1, 0));
}

#[tokio::test]
async fn feedback_outweighs_engagement_and_the_later_rating_wins_in_any_order() {
    let base = repo_file("events/assist-suggestion-copied.json");
    let rating = |rating: &str, at: &str| {
        let value = with_body(
            base.clone(),
            &[
                ("state", json!("Rated")),
                ("engagementType", json!("Feedback")),
                ("feedback", json!({"rating": rating})),
                ("eventTime", json!(at)),
            ],
        );
        match parse(&value) {
            Ok(Parsed::Event(event)) => event,
            other => panic!("{other:?}"),
        }
    };
    let negative = rating("Negative", "2026-12-04T10:17:00Z");
    let positive_later = rating("Positive", "2026-12-04T10:18:00Z");
    let copied = event_file("assist-suggestion-copied.json");
    for events in [
        vec![copied.clone(), negative.clone(), positive_later.clone()],
        vec![positive_later.clone(), negative.clone(), copied.clone()],
    ] {
        let store = MemoryAssistStore::new();
        feed(&store, &events).await;
        assert_eq!(counts_of(&store, "knowledgeSearch").await, (1, 2));
        let store = MemoryAssistStore::new();
        feed(&store, &events[..2]).await;
        let (_, used) = counts_of(&store, "knowledgeSearch").await;
        let has_positive = events[..2].contains(&positive_later);
        assert_eq!(used, if has_positive { 2 } else { 0 }, "{events:?}");
    }
}
