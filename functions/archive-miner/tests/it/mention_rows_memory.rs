//! The mention rows for SQL, fast tier: what the Parquet files hold adds up to the counters, a
//! redelivered batch and a re-run replace rather than add, a conversation without mentions has
//! no row, and no file holds transcript text.

use crate::common;

use std::collections::BTreeMap;

use common::*;
use serde_json::Value;
use wrapup_mining::{MENTIONS_PREFIX, MiningMessage, RunStatus, Speaker};

/// Every mention file in the memory reports store, by key.
fn mention_files(h: &MemoryMiner) -> BTreeMap<String, Vec<u8>> {
    h.reports
        .keys()
        .into_iter()
        .filter(|key| key.starts_with(MENTIONS_PREFIX))
        .map(|key| {
            let body = h.reports.object(&key).expect("the object");
            (key, body)
        })
        .collect()
}

#[tokio::test]
async fn mention_rows_add_up_to_the_counters_and_redeliveries_and_reruns_replace_them() {
    let sim = sim_config(240, 4);
    let mut h = memory_miner(sim.clone(), &[]);
    let (from, to) = (day("2026-11-13"), day("2026-11-14"));
    let run = h.mine(from, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");

    let files = mention_files(&h);
    assert!(files.len() >= 2, "{:?}", files.keys());
    for key in files.keys() {
        assert!(
            key.starts_with("mentions/day=2026-11-1") && key.ends_with(".parquet"),
            "{key}"
        );
        assert!(
            key.contains(&run.run_id),
            "the key names the run and batch: {key}"
        );
    }
    let rows = rows_of_files(&files);
    let (counters, any_counters) = h.mined(from, to).await;
    let from_rows = counts_of_rows(&rows);
    assert!(
        from_rows == counters,
        "rows differ from the counters:\n{}",
        diff(&counters, &from_rows)
    );
    let any_from_rows = any_counts_of_rows(&rows);
    assert!(
        any_from_rows == any_counters,
        "either speaker:\n{}",
        diff(&any_counters, &any_from_rows)
    );
    assert!(rows.iter().all(|r| r.run_id == run.run_id && r.mentions > 0));
    assert!(
        rows.iter()
            .all(|r| matches!(r.speaker, Speaker::Customer | Speaker::Agent))
    );
    assert!(
        rows.iter().all(|r| r.hour.is_some_and(|h| h < 24)),
        "every batch of this run recorded the start hour"
    );

    assert_no_transcript_text(&files, &transcript_phrases(&sim));

    // Every batch delivered again: the same keys, the same bytes, no row added.
    h.redeliver_batches().await;
    assert_eq!(mention_files(&h), files, "redeliveries rewrite the same files");

    // A re-run counts nothing again, so it writes no rows.
    let rerun = h.mine(from, to).await;
    assert_ne!(rerun.run_id, run.run_id);
    assert_eq!(rerun.mined, 0, "{rerun:#?}");
    assert_eq!(mention_files(&h), files, "a re-run adds no file");
}

#[tokio::test]
async fn a_batch_redelivered_after_a_crash_writes_the_rows_of_conversations_counted_before() {
    let mut h = memory_miner(sim_config(60, 2), &[]);
    let (from, to) = (day("2026-11-15"), day("2026-11-15"));
    let run = h.mine(from, to).await;
    let files = mention_files(&h);
    assert!(!files.is_empty());

    // As if the first delivery had counted every conversation and crashed before writing its
    // files: the redelivery downloads nothing and writes them from the markers' counts.
    for key in files.keys() {
        h.reports.remove(key);
    }
    assert!(mention_files(&h).is_empty());
    let batches: Vec<String> = h
        .delivered
        .iter()
        .filter(|body| matches!(MiningMessage::parse(body), Ok(MiningMessage::Batch(b)) if b.run_id == run.run_id))
        .cloned()
        .collect();
    let downloads = h
        .genesys
        .calls("getSpeechandtextanalyticsConversationCommunicationTranscripturl");
    for body in &batches {
        wrapup_adapters::queue::MessageQueue::send(h.queue.as_ref(), body, &[])
            .await
            .unwrap();
    }
    h.drain().await;
    assert_eq!(
        h.genesys
            .calls("getSpeechandtextanalyticsConversationCommunicationTranscripturl"),
        downloads,
        "nothing downloaded again"
    );
    assert_eq!(mention_files(&h), files);
}

/// Every phrase of a transcript document said as `text`.
fn say_only(value: &mut Value, text: &str) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if name == "text" && field.is_string() {
                    *field = Value::String(text.to_owned());
                } else {
                    say_only(field, text);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| say_only(item, text)),
        _ => {}
    }
}

#[tokio::test]
async fn a_conversation_without_mentions_is_counted_and_has_no_row() {
    let sim = sim_config(40, 1);
    let mut h = memory_miner(sim.clone(), &[]);
    // A copy of a seeded call under a new id, in which nobody names a product.
    let model = genesys_sim::render_org(&sim)
        .into_iter()
        .find(|c| !c.transcripts.is_empty())
        .expect("a call with a transcript");
    let started = model.details["conversationStart"].as_str().expect("a start");
    let (from, to) = (day(&started[..10]), day(&started[..10]));
    let quiet_id = "0badc0de-0000-4000-8000-000000000001";
    let rename = |value: &Value| -> Value {
        serde_json::from_str(&value.to_string().replace(&model.conversation_id, quiet_id)).unwrap()
    };
    let mut transcripts: Vec<Value> = model.transcripts.iter().map(rename).collect();
    for transcript in &mut transcripts {
        say_only(transcript, "Thank you for calling, have a nice day.");
    }
    h.genesys
        .add_json(&rename(&model.details), &transcripts, None)
        .expect("the quiet call");

    let run = h.mine(from, to).await;
    assert_eq!(run.status, RunStatus::Completed, "{run:#?}");
    let quiet = [quiet_id.to_owned()];
    assert_eq!(
        h.app.aggregates.counted_by(&quiet).await.unwrap().get(quiet_id),
        Some(&run.run_id),
        "the quiet call was mined"
    );
    assert_eq!(
        h.app.aggregates.recorded_mentions(&quiet).await.unwrap()[quiet_id].len(),
        0
    );
    let rows = rows_of_files(&mention_files(&h));
    assert!(!rows.is_empty(), "the other calls have rows");
    assert!(
        rows.iter().all(|r| r.conversation_id != quiet_id),
        "no row for the quiet call"
    );
}
