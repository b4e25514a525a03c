//! A worker mines one batch: skip what was counted before, fetch each transcript through the paced
//! client, count mentions, write them exactly once, write the batch's mention rows for SQL, then
//! add the batch to its run.

use futures_util::{StreamExt, stream};
use tracing::{info, instrument, warn};

use super::MiningError;
use super::aggregates::{AggregateStore, ConversationCount, CountOutcome, Mentions};
use super::count::MentionCounter;
use super::mention_rows::{MentionFilesWritten, write_batch_rows};
use super::messages::{MINING_MESSAGE_TYPE, MiningMessage, WorkBatch};
use super::model::Speaker;
use super::publish::ReportStore;
use super::run_store::{BatchCounters, RunStatus, RunStore};
use super::window::ConversationRef;
use wrapup_adapters::catalog::{MentionMatcher, ProductCatalog};
use wrapup_adapters::queue::MessageQueue;
use wrapup_core::ids::ConversationId;
use wrapup_genesys::GenesysApi;
use wrapup_genesys::models::MediaType;
use wrapup_genesys::models::TranscriptDocument;

/// Conversations of one batch mined at the same time; the shared rate budget paces them anyway.
const CONVERSATIONS_IN_FLIGHT: usize = 4;

pub struct WorkerDeps<'a> {
    pub genesys: &'a dyn GenesysApi,
    pub catalog: &'a ProductCatalog,
    pub matcher: &'a MentionMatcher,
    pub aggregates: &'a dyn AggregateStore,
    pub runs: &'a dyn RunStore,
    /// The mining-work queue (for the report message).
    pub queue: &'a dyn MessageQueue,
    /// Where conversations that failed on the batch's last attempt go, to be replayed.
    pub dead_letters: &'a dyn MessageQueue,
    /// The reports bucket, where the mention rows go (`mentions/day=.../`).
    pub mention_files: &'a dyn ReportStore,
}

/// How a batch ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchResult {
    /// Counted in the run. `report_queued`: this batch finished the run.
    Done {
        counters: BatchCounters,
        report_queued: bool,
        mention_files: MentionFilesWritten,
        /// The same counts per media type, with the mentions this delivery counted.
        by_media: Vec<MediaCounters>,
    },
    /// The batch had been counted before (a redelivery).
    Duplicate,
    /// Some conversations failed and attempts remain: let SQS deliver the batch again.
    Retry { failed: usize },
}

/// What one batch mined of one media type, for the function's metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaCounters {
    pub media_type: MediaType,
    pub mined: u64,
    pub without_transcript: u64,
    /// Mentions this delivery counted (not those of conversations an earlier delivery of the
    /// run counted: their counts are not read again).
    pub mentions: u64,
}

/// Adds to the counters of `media_type` in `by_media` (new ones when missing).
fn add_to(by_media: &mut Vec<MediaCounters>, media_type: MediaType, add: impl FnOnce(&mut MediaCounters)) {
    match by_media.iter_mut().find(|c| c.media_type == media_type) {
        Some(counters) => add(counters),
        None => {
            let mut counters = MediaCounters {
                media_type,
                mined: 0,
                without_transcript: 0,
                mentions: 0,
            };
            add(&mut counters);
            by_media.push(counters);
        }
    }
}

#[derive(Debug)]
enum Outcome {
    /// Counted by this run; the counts when this delivery mined it.
    Mined(Option<Mentions>),
    AlreadyCounted,
    NoTranscript,
    Failed(String),
}

#[instrument(skip_all, fields(run_id = %batch.run_id, batch_id = %batch.batch_id, conversations = batch.conversations.len()))]
pub async fn mine_batch(
    deps: &WorkerDeps<'_>,
    batch: &WorkBatch,
    receive_count: u32,
    max_receives: u32,
) -> Result<BatchResult, MiningError> {
    let ids: Vec<String> = batch
        .conversations
        .iter()
        .map(|c| c.conversation_id.clone())
        .collect();
    let counted_by = deps.aggregates.counted_by(&ids).await?;
    // The futures are built eagerly: a lazy `map` closure over borrowed items inside this
    // future trips the compiler's Send check when the future is spawned.
    let work: Vec<_> = batch
        .conversations
        .iter()
        .enumerate()
        .map(|(index, reference)| {
            let previous = counted_by.get(&reference.conversation_id).cloned();
            async move { (index, mine_one(deps, &batch.run_id, reference, previous).await) }
        })
        .collect();
    let outcomes: Vec<(usize, Outcome)> = stream::iter(work)
        .buffer_unordered(CONVERSATIONS_IN_FLIGHT)
        .collect()
        .await;

    let mut counters = BatchCounters::default();
    let mut failed = Vec::new();
    let mut counted = Vec::new();
    let mut by_media = Vec::new();
    for (index, outcome) in outcomes {
        let media_type = batch
            .conversations
            .get(index)
            .map_or(MediaType::Unknown, |c| c.media_type);
        match outcome {
            Outcome::Mined(mentions) => {
                counters.mined += 1;
                // Each person's mentions; the `Any` rows repeat them.
                let found: u64 = mentions
                    .iter()
                    .flatten()
                    .filter(|((_, speaker), _)| Speaker::PEOPLE.contains(speaker))
                    .map(|(_, n)| n)
                    .sum();
                add_to(&mut by_media, media_type, |c| {
                    c.mined += 1;
                    c.mentions += found;
                });
                counted.push((index, mentions));
            }
            Outcome::AlreadyCounted => counters.already_counted += 1,
            Outcome::NoTranscript => {
                counters.without_transcript += 1;
                add_to(&mut by_media, media_type, |c| c.without_transcript += 1);
            }
            Outcome::Failed(reason) => failed.push((index, reason)),
        }
    }
    if !failed.is_empty() && receive_count < max_receives {
        warn!(
            failed = failed.len(),
            receive_count, "conversations failed; the batch will be retried"
        );
        return Ok(BatchResult::Retry { failed: failed.len() });
    }
    if !failed.is_empty() {
        counters.failed = failed.len() as u64;
        dead_letter(deps, batch, &failed).await?;
    }
    // Before the batch is marked done: a failed write brings the batch back, and every delivery
    // writes the same rows under the same keys.
    let counted: Vec<_> = counted
        .iter()
        .filter_map(|(index, mentions)| Some((batch.conversations.get(*index)?, mentions.as_ref())))
        .collect();
    let mention_files = write_batch_rows(
        deps.mention_files,
        deps.aggregates,
        &batch.run_id,
        &batch.batch_id,
        &counted,
    )
    .await?;
    let Some(run) = deps
        .runs
        .complete_batch(&batch.run_id, &batch.batch_id, &counters)
        .await?
    else {
        info!("batch counted before; nothing added");
        return Ok(BatchResult::Duplicate);
    };
    let mut report_queued = false;
    if run.status == RunStatus::Mining
        && run.all_batches_done()
        && deps.runs.start_reporting(&run.run_id).await?
    {
        deps.queue
            .send(
                &MiningMessage::report(&run.run_id).to_json(),
                &[("messageType", MINING_MESSAGE_TYPE)],
            )
            .await?;
        report_queued = true;
        info!("last batch of the run: report queued");
    }
    Ok(BatchResult::Done {
        counters,
        report_queued,
        mention_files,
        by_media,
    })
}

/// Conversations that failed on the last attempt go to the DLQ as a batch of their own, with the
/// reason as attributes, so `make dlq-replay` can mine them again later.
async fn dead_letter(
    deps: &WorkerDeps<'_>,
    batch: &WorkBatch,
    failed: &[(usize, String)],
) -> Result<(), MiningError> {
    let conversations: Vec<ConversationRef> = failed
        .iter()
        .filter_map(|(index, _)| batch.conversations.get(*index).cloned())
        .collect();
    let message = MiningMessage::Batch(WorkBatch {
        version: batch.version,
        run_id: batch.run_id.clone(),
        batch_id: format!("{}-failed", batch.batch_id),
        conversations,
    });
    let reason = failed.first().map(|(_, r)| r.as_str()).unwrap_or("unknown");
    deps.dead_letters
        .send(
            &message.to_json(),
            &[
                ("messageType", MINING_MESSAGE_TYPE),
                ("errorKind", "mining-failed"),
                ("errorReason", reason),
            ],
        )
        .await?;
    warn!(
        failed = failed.len(),
        "conversations could not be mined; sent to the DLQ"
    );
    Ok(())
}

async fn mine_one(
    deps: &WorkerDeps<'_>,
    run_id: &str,
    reference: &ConversationRef,
    counted_by: Option<String>,
) -> Outcome {
    if let Some(previous_run) = counted_by {
        // Counted by this run on an earlier delivery: it is this run's, once.
        return if previous_run == run_id {
            Outcome::Mined(None)
        } else {
            Outcome::AlreadyCounted
        };
    }
    let Ok(id) = ConversationId::parse(&reference.conversation_id) else {
        return Outcome::Failed("conversationId is not a Genesys id".into());
    };
    let documents = match fetch_documents(deps.genesys, &id, reference).await {
        Ok(documents) => documents,
        Err(reason) => return Outcome::Failed(reason),
    };
    if documents.is_empty() {
        return Outcome::NoTranscript;
    }
    let mut counter = MentionCounter::new(deps.catalog, deps.matcher);
    for document in &documents {
        counter.add_document(document);
    }
    let count = ConversationCount {
        conversation_id: reference.conversation_id.clone(),
        date: reference.date,
        media_type: reference.media_type,
        mentions: counter.take(),
    };
    match deps.aggregates.count(run_id, &count).await {
        Ok(CountOutcome::Counted) => Outcome::Mined(Some(count.mentions)),
        // Counted by a concurrent delivery of this run: the transcript, so the counts, are the same.
        Ok(CountOutcome::AlreadyCounted { run_id: previous }) if previous == run_id => {
            Outcome::Mined(Some(count.mentions))
        }
        Ok(CountOutcome::AlreadyCounted { .. }) => Outcome::AlreadyCounted,
        Err(err) => Outcome::Failed(format!("aggregates: {err}")),
    }
}

/// Every agent communication's transcript; when none has one, the first other communication's.
async fn fetch_documents(
    genesys: &dyn GenesysApi,
    id: &ConversationId,
    reference: &ConversationRef,
) -> Result<Vec<TranscriptDocument>, String> {
    let mut documents = Vec::new();
    for communication in &reference.agent_communication_ids {
        if let Some(document) = download(genesys, id, communication).await? {
            documents.push(document);
        }
    }
    if documents.is_empty() {
        for communication in &reference.other_communication_ids {
            if let Some(document) = download(genesys, id, communication).await? {
                documents.push(document);
                break;
            }
        }
    }
    Ok(documents)
}

async fn download(
    genesys: &dyn GenesysApi,
    id: &ConversationId,
    communication: &str,
) -> Result<Option<TranscriptDocument>, String> {
    // The error's Display names the operation and status, never a URL or a body.
    genesys
        .download_transcript(id, communication)
        .await
        .map_err(|err| format!("transcript: {err}"))
}
