//! The Speech & Text Analytics fast path: when the org defines a topic per product, one
//! aggregates query per day gives `nTopicCommunications` by topic and media type, with no
//! transcript downloads. There is no speaker split: every row is [`Speaker::Any`].

use std::collections::{BTreeMap, HashMap};

use tracing::info;

use super::MiningError;
use super::planner_deps::PlannerDeps;
use super::run_store::{RunRecord, SliceCheckpoint, SliceState};
use super::window::Slice;
use wrapup_genesys::models::TranscriptAggregationQuery;
use wrapup_genesys::{Deadline, GenesysError};

const METRIC: &str = "nTopicCommunications";

/// Counts one day from topic aggregates and records the slice as done.
pub(crate) async fn plan_topics_slice(
    deps: &PlannerDeps<'_>,
    run: &RunRecord,
    slice: &Slice,
    mut checkpoint: SliceCheckpoint,
    deadline: Deadline,
) -> Result<(), MiningError> {
    let mut products_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for product in deps.catalog.products() {
        for topic in &product.topic_ids {
            products_of
                .entry(topic.as_str())
                .or_default()
                .push(product.id.as_str());
        }
    }
    let mut topic_ids: Vec<String> = products_of.keys().map(|t| (*t).to_owned()).collect();
    topic_ids.sort();
    if topic_ids.is_empty() {
        return Err(MiningError::Genesys(GenesysError::InvalidArgument {
            what: "product catalog",
            reason: "the topics source needs topicIds on the catalog's products".into(),
        }));
    }
    let media_types: Vec<String> = run
        .window
        .media_types
        .iter()
        .map(|m| m.as_str().to_owned())
        .collect();
    let query =
        TranscriptAggregationQuery::topic_communications(slice.start, slice.end, &topic_ids, &media_types)
            .map_err(|e| GenesysError::InvalidArgument {
                what: "slice interval",
                reason: e.to_string(),
            })?;
    let genesys = deps.genesys.with_deadline(Deadline::after(
        deadline.remaining().saturating_sub(deps.handover_reserve),
    ));
    let response = genesys.transcript_aggregates(&query).await?;
    let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
    for group in &response.results {
        let (Some(topic), Some(media)) = (group.group.get("topicId"), group.group.get("mediaType")) else {
            continue;
        };
        let Some(products) = products_of.get(topic.as_str()) else {
            continue;
        };
        let count = group.count(METRIC);
        if count == 0 {
            continue;
        }
        for product in products {
            *counts.entry((media.clone(), (*product).to_owned())).or_default() += count;
        }
    }
    deps.aggregates.replace_topic_day(slice.day, &counts).await?;
    let communications: u64 = counts.values().sum();
    checkpoint.state = SliceState::Done;
    checkpoint.pages = 1;
    checkpoint.conversations = communications;
    deps.runs.record_page(&run.run_id, &checkpoint, 0, 0).await?;
    info!(day = %slice.day, rows = counts.len(), communications, "topic aggregates counted");
    Ok(())
}
