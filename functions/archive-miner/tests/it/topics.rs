//! The Speech & Text Analytics fast path: product counts from topic aggregates, no transcript
//! downloads, and a report that says where its numbers came from.

use crate::common;

use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use wrapup_mining::{MiningSource, RunStatus};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn topic_aggregates_count_conversations_per_product_without_downloads() {
    let mut h = harness(sim_config(200, 3)).await;
    // The org's catalog names each product's topic; it replaces the built-in one from S3.
    let mut catalog: Value = serde_json::from_slice(archive_miner::BUILT_IN_CATALOG).unwrap();
    for product in catalog["products"].as_array_mut().unwrap() {
        let id = product["id"].as_str().unwrap().to_owned();
        product["topicIds"] = json!([genesys_sim::catalog::topic_id(&id)]);
    }
    h.s3.put_object()
        .bucket(&h.bucket)
        .key("config/catalog.json")
        .body(serde_json::to_vec(&catalog).unwrap().into())
        .send()
        .await
        .unwrap();
    h.env.insert(
        "WRAPUP_CATALOG_S3_URI".into(),
        format!("s3://{}/config/catalog.json", h.bucket),
    );
    h.env.insert("WRAPUP_MINING_SOURCE".into(), "topics".into());
    let app = h.app().await;
    let _workers = h.workers(1, Duration::from_secs(30), 30).await;

    let (from, to) = (day("2026-11-14"), day("2026-11-15"));
    // One topic communication per conversation that mentions the product (either speaker).
    let expected: Counts = h
        .ground_truth_any(from, to)
        .await
        .into_iter()
        .map(|(key, (_, conversations))| (key, (conversations, conversations)))
        .collect();
    assert!(expected.len() > 20);
    for attempt in 0..2 {
        let run = h.mine(&app, from, to).await;
        assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
        let rows = app.aggregates.rows(from, to, MiningSource::Topics).await.unwrap();
        let actual = any_counts_of(&rows);
        assert!(
            actual == expected,
            "attempt {attempt}:\n{}",
            diff(&expected, &actual)
        );
        assert!(
            app.aggregates
                .rows(from, to, MiningSource::Transcripts)
                .await
                .unwrap()
                .is_empty(),
            "the transcript path's aggregates are separate"
        );
        let trend: Value = serde_json::from_slice(
            &h.object(&format!("reports/{to}/{}/trend.json", run.run_id))
                .await
                .expect("trend.json"),
        )
        .unwrap();
        assert_eq!(trend["source"], json!("topics"));
    }
    let stats = h.sim_stats().await;
    let operations = &stats["operations"];
    assert_eq!(
        operations["postAnalyticsTranscriptsAggregatesQuery"],
        json!(4),
        "one query per day and run"
    );
    assert!(
        operations
            .get("getSpeechandtextanalyticsConversationCommunicationTranscripturl")
            .is_none(),
        "{stats}"
    );
    assert!(
        operations.get("postAnalyticsConversationsDetailsJobs").is_none(),
        "{stats}"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_topics_source_needs_topic_ids_in_the_catalog() {
    let h = harness_with(sim_config(20, 2), &[("WRAPUP_MINING_SOURCE", "topics")]).await;
    let app = h.app().await;
    let _workers = h.workers(1, Duration::from_secs(30), 30).await;
    let day = day("2026-11-15");
    let run = h.mine(&app, day, day).await;
    assert_eq!(run.status, RunStatus::CompletedWithErrors, "{run:#?}");
    assert!(
        run.job_failures[0].message.contains("topicIds"),
        "{:?}",
        run.job_failures
    );
}
