//! Mention rows for SQL (Athena over the reports bucket, DuckDB locally): one row per
//! (conversation, product, speaker) with mentions, written as Parquet under
//! `mentions/day=YYYY-MM-DD/`, one file per (run, batch, day).
//!
//! The file's key is the batch's identity, so a redelivered batch overwrites its file rather
//! than adding one. A file holds only the conversations the batch's run counted (the DynamoDB
//! markers decide, as for the counters), so a re-run, which counts nothing again, adds no rows.
//! A conversation counted on an earlier delivery of the batch is not downloaded again: its
//! counts come from its marker ([`AggregateStore::recorded_mentions`]).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::MiningError;
use super::aggregates::{AggregateStore, Mentions};
pub use super::mention_parquet::MentionRow;
use super::mention_parquet::{PARQUET_CONTENT_TYPE, encode};
use super::model::Speaker;
use super::publish::{ReportStore, path_segment};
use super::window::ConversationRef;

/// The folder of the Glue table `mentions` in the reports bucket.
pub const MENTIONS_PREFIX: &str = "mentions/";

/// What a batch wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MentionFilesWritten {
    pub files: usize,
    pub rows: usize,
    /// Building the rows, encoding and writing them.
    pub elapsed: Duration,
}

/// `mentions/day=2026-11-20/<run>--<batch>.parquet`; run and batch ids are made path-safe.
pub fn mention_file_key(day: NaiveDate, run_id: &str, batch_id: &str) -> String {
    format!(
        "{MENTIONS_PREFIX}day={day}/{}--{}.parquet",
        path_segment(run_id),
        path_segment(batch_id)
    )
}

/// The day of a key written by [`mention_file_key`].
pub fn day_of_key(key: &str) -> Option<NaiveDate> {
    let rest = key.split("day=").nth(1)?;
    rest.get(..10)?.parse().ok()
}

/// A conversation's rows: one per (product, speaker) with mentions; the "either" totals of
/// [`Speaker::Any`] are left to SQL.
pub fn rows_of(run_id: &str, reference: &ConversationRef, mentions: &Mentions) -> Vec<MentionRow> {
    mentions
        .iter()
        .filter(|((_, speaker), count)| *speaker != Speaker::Any && **count > 0)
        .map(|((product, speaker), count)| MentionRow {
            day: reference.date,
            hour: reference.started_hour,
            conversation_id: reference.conversation_id.clone(),
            media_type: reference.media_type.as_str().to_owned(),
            queue_id: reference.queue_id.clone(),
            product_id: product.clone(),
            speaker: *speaker,
            mentions: *count,
            run_id: run_id.to_owned(),
        })
        .collect()
}

/// Writes the rows of the conversations a batch's run counted: `counted` holds each one's
/// reference and, when this delivery mined it, its counts (else they are read from its marker).
/// One file per day; nothing for a day without rows.
pub async fn write_batch_rows(
    store: &dyn ReportStore,
    aggregates: &dyn AggregateStore,
    run_id: &str,
    batch_id: &str,
    counted: &[(&ConversationRef, Option<&Mentions>)],
) -> Result<MentionFilesWritten, MiningError> {
    let started = Instant::now();
    let missing: Vec<String> = counted
        .iter()
        .filter(|(_, mentions)| mentions.is_none())
        .map(|(reference, _)| reference.conversation_id.clone())
        .collect();
    let recorded: HashMap<String, Mentions> = if missing.is_empty() {
        HashMap::new()
    } else {
        aggregates.recorded_mentions(&missing).await?
    };
    let mut by_day: BTreeMap<NaiveDate, Vec<MentionRow>> = BTreeMap::new();
    for (reference, mentions) in counted {
        let Some(mentions) = mentions.or_else(|| recorded.get(&reference.conversation_id)) else {
            continue;
        };
        by_day
            .entry(reference.date)
            .or_default()
            .extend(rows_of(run_id, reference, mentions));
    }
    let mut written = MentionFilesWritten::default();
    for (day, mut rows) in by_day {
        if rows.is_empty() {
            continue;
        }
        // The same rows in the same order make the same bytes, whatever order the batch's
        // conversations finished in.
        rows.sort();
        let file = encode(&rows)?;
        store
            .put(
                &mention_file_key(day, run_id, batch_id),
                PARQUET_CONTENT_TYPE,
                file,
            )
            .await?;
        written.files += 1;
        written.rows += rows.len();
    }
    written.elapsed = started.elapsed();
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wrapup_genesys::models::MediaType;

    #[test]
    fn keys_are_the_batch_identity_and_path_safe() {
        let day: NaiveDate = "2026-11-20".parse().unwrap();
        let key = mention_file_key(day, "backfill-2026-11-20-2026-11-20-all-x", "0-0-1-2");
        assert_eq!(
            key,
            "mentions/day=2026-11-20/backfill-2026-11-20-2026-11-20-all-x--0-0-1-2.parquet"
        );
        assert_eq!(
            mention_file_key(day, "run", "b"),
            mention_file_key(day, "run", "b")
        );
        let hostile = mention_file_key(day, "../etc", "a/b");
        assert!(
            !hostile.contains("..") && hostile.matches('/').count() == 2,
            "{hostile}"
        );
        assert_eq!(day_of_key(&key), Some(day));
    }

    #[test]
    fn rows_leave_out_the_either_totals_and_zeros() {
        let reference = ConversationRef {
            conversation_id: "c1".into(),
            media_type: MediaType::Chat,
            date: "2026-11-20".parse().unwrap(),
            started_hour: Some(14),
            agent_communication_ids: vec![],
            other_communication_ids: vec![],
            queue_id: Some("q1".into()),
        };
        let mentions: Mentions = [
            (("router".to_owned(), Speaker::Customer), 2),
            (("router".to_owned(), Speaker::Agent), 0),
            (("router".to_owned(), Speaker::Any), 2),
        ]
        .into_iter()
        .collect();
        let rows = rows_of("r1", &reference, &mentions);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(
            (rows[0].speaker, rows[0].mentions, rows[0].hour),
            (Speaker::Customer, 2, Some(14))
        );
        assert_eq!(rows[0].queue_id.as_deref(), Some("q1"));
    }
}
