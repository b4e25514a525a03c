//! What a queue's agents make of the suggestions over a range of months: acceptance per kind and
//! per item, and the items most often turned down (knowledge gaps), from the month counts.

use serde::Serialize;
use uuid::Uuid;
use wrapup_adapters::store::StoreError;

use crate::ranking::{Bucket, MonthKey};
use crate::store::AssistStore;
use crate::topic::SuggestionKind;

/// Impressions an item needs before its dismissal rate counts as a knowledge gap.
pub const GAP_MIN_IMPRESSIONS: i64 = 5;
/// Items listed per table.
const TOP: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub impressions: i64,
    /// Used, in points (copied or rated helpful 1, opened 0.5).
    pub used: f64,
    pub acceptance_rate: f64,
    pub dismissed: i64,
    pub dismissal_rate: f64,
}

impl Rate {
    fn new(kind: &'static str, item: Option<String>, buckets: &[Bucket]) -> Self {
        let impressions: i64 = buckets.iter().map(|b| b.impressions).sum::<i64>().max(0);
        let used = buckets.iter().map(|b| b.halves).sum::<i64>().max(0) as f64 / 2.0;
        let dismissed = buckets.iter().map(|b| b.dismissed).sum::<i64>().max(0);
        let share = |n: f64| {
            if impressions > 0 {
                n / impressions as f64
            } else {
                0.0
            }
        };
        Rate {
            kind,
            item,
            impressions,
            used,
            acceptance_rate: share(used),
            dismissed,
            dismissal_rate: share(dismissed as f64),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    pub queue_id: Option<Uuid>,
    pub from: String,
    pub to: String,
    pub by_kind: Vec<Rate>,
    /// The most shown items first.
    pub by_item: Vec<Rate>,
    /// Items shown at least [`GAP_MIN_IMPRESSIONS`] times, the most often turned down first.
    pub knowledge_gaps: Vec<Rate>,
}

/// A queue's insights for the months `from..=to`.
pub async fn insights(
    store: &dyn AssistStore,
    queue: Option<Uuid>,
    from: MonthKey,
    to: MonthKey,
) -> Result<Insights, StoreError> {
    let mut by_kind = Vec::new();
    let mut by_item = Vec::new();
    for kind in SuggestionKind::ALL {
        let counts = store.queue_counts(queue, kind.as_str()).await?;
        let in_range: Vec<&(Option<String>, Bucket)> = counts
            .iter()
            .filter(|(_, b)| (from..=to).contains(&b.month))
            .collect();
        let own: Vec<Bucket> = in_range
            .iter()
            .filter(|(item, _)| item.is_none())
            .map(|(_, b)| *b)
            .collect();
        if !own.is_empty() {
            by_kind.push(Rate::new(kind.as_str(), None, &own));
        }
        let mut items: std::collections::BTreeMap<&str, Vec<Bucket>> = Default::default();
        for (item, bucket) in &in_range {
            if let Some(item) = item {
                items.entry(item.as_str()).or_default().push(*bucket);
            }
        }
        by_item.extend(
            items
                .into_iter()
                .map(|(item, buckets)| Rate::new(kind.as_str(), Some(item.to_owned()), &buckets)),
        );
    }
    by_item.sort_by(|a, b| b.impressions.cmp(&a.impressions).then(a.item.cmp(&b.item)));
    let mut knowledge_gaps: Vec<Rate> = by_item
        .iter()
        .filter(|r| r.impressions >= GAP_MIN_IMPRESSIONS && r.dismissed > 0)
        .cloned()
        .collect();
    knowledge_gaps.sort_by(|a, b| {
        b.dismissal_rate
            .total_cmp(&a.dismissal_rate)
            .then(b.impressions.cmp(&a.impressions))
    });
    by_item.truncate(TOP);
    knowledge_gaps.truncate(TOP);
    Ok(Insights {
        queue_id: queue,
        from: from.to_string(),
        to: to.to_string(),
        by_kind,
        by_item,
        knowledge_gaps,
    })
}
