//! The mention rows a run wrote (`mentions/day=.../*.parquet`), read back and added up in the
//! counters' shape, and the transcript text they must never hold.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use genesys_sim::SimConfig;
use serde_json::Value;
use wrapup_mining::MentionRow;
use wrapup_mining::mention_parquet::decode;
use wrapup_mining::mention_rows::day_of_key;

use super::Counts;

/// The rows of every file, by key.
pub fn rows_of_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<MentionRow> {
    files
        .iter()
        .flat_map(|(key, body)| {
            let day = day_of_key(key).unwrap_or_else(|| panic!("{key} names no day"));
            decode(day, body.clone()).unwrap_or_else(|e| panic!("{key}: {e}"))
        })
        .collect()
}

/// Per (day, media, product, speaker): the rows' mentions and conversations (one row per
/// conversation, product and speaker), as the per-speaker counters hold them.
pub fn counts_of_rows(rows: &[MentionRow]) -> Counts {
    let mut counts = Counts::new();
    for row in rows {
        let key = (
            row.day,
            row.media_type.clone(),
            row.product_id.clone(),
            row.speaker.as_str().to_owned(),
        );
        let entry = counts.entry(key).or_default();
        entry.0 += row.mentions;
        entry.1 += 1;
    }
    counts
}

/// Per (day, media, product): mentions by either speaker and distinct conversations, as the
/// "any" counters hold them.
pub fn any_counts_of_rows(rows: &[MentionRow]) -> Counts {
    let mut grouped: BTreeMap<(NaiveDate, String, String), (u64, BTreeSet<&str>)> = BTreeMap::new();
    for row in rows {
        let entry = grouped
            .entry((row.day, row.media_type.clone(), row.product_id.clone()))
            .or_default();
        entry.0 += row.mentions;
        entry.1.insert(&row.conversation_id);
    }
    grouped
        .into_iter()
        .map(|((day, media, product), (mentions, conversations))| {
            (
                (day, media, product, "any".to_owned()),
                (mentions, conversations.len() as u64),
            )
        })
        .collect()
}

/// Every phrase the seeded transcripts hold that is long enough to be telling (a product name
/// alone is not transcript text).
pub fn transcript_phrases(sim: &SimConfig) -> Vec<String> {
    fn texts(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(fields) => {
                for (name, field) in fields {
                    match (name.as_str(), field) {
                        ("text", Value::String(text)) if text.len() >= 24 => out.push(text.clone()),
                        _ => texts(field, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| texts(item, out)),
            _ => {}
        }
    }
    let mut phrases = Vec::new();
    for conversation in genesys_sim::render_org(sim) {
        for transcript in &conversation.transcripts {
            texts(transcript, &mut phrases);
        }
    }
    phrases
}

/// Fails when a file holds any 16-byte piece of any of `phrases`.
pub fn assert_no_transcript_text(files: &BTreeMap<String, Vec<u8>>, phrases: &[String]) {
    assert!(
        phrases.len() > 100,
        "{} phrases: a meaningful archive",
        phrases.len()
    );
    for (key, body) in files {
        let windows: std::collections::HashSet<&[u8]> = body.windows(16).collect();
        for phrase in phrases {
            let leaked = phrase.as_bytes().windows(16).any(|piece| windows.contains(piece));
            assert!(!leaked, "{key} holds transcript text: {phrase:?}");
        }
    }
}
