//! Map-reduce for transcripts longer than one request: a summary per utterance-aligned chunk
//! (map, a few at a time), then one merge of the part summaries, or a hierarchy of merges when
//! they do not fit one request together.

use futures_util::{StreamExt, TryStreamExt, stream};
use tracing::info;

use super::budget::{Line, chunk_lines};
use super::prompt::{self, Style};
use super::{LlmSummarizer, MAP_CONCURRENCY, MAX_PARTS, add_usage};
use crate::summary::{SummarizeError, Summary, TokenUsage};
use wrapup_core::Deadline;

impl LlmSummarizer {
    /// Map: a summary per chunk, a few at a time. Reduce: merge them (hierarchically when the
    /// part summaries together do not fit one request).
    pub(super) async fn map_reduce(
        &self,
        style: &Style,
        lines: &[Line<'_>],
        deadline: Deadline,
    ) -> Result<(Summary, TokenUsage, usize), SummarizeError> {
        let room = self
            .budget
            .user_bytes_after(&prompt::part_system(style, MAX_PARTS, MAX_PARTS));
        let chunks = chunk_lines(lines, room);
        let total = chunks.len();
        if total > MAX_PARTS {
            return Err(SummarizeError::Unavailable(format!(
                "the transcript needs {total} LLM requests, more than the {MAX_PARTS} allowed: \
                 use a model with a larger context"
            )));
        }
        info!(parts = total, chunk_budget_tokens = room / 4, "llm map-reduce");
        let parts: Vec<(Summary, TokenUsage)> = stream::iter(chunks.into_iter().enumerate())
            .map(|(i, chunk)| {
                self.request_summary(prompt::part_system(style, i + 1, total), chunk, deadline, "part")
            })
            .buffered(MAP_CONCURRENCY)
            .try_collect()
            .await?;
        let mut usage = TokenUsage::default();
        let mut level = Vec::with_capacity(parts.len());
        for (summary, part_usage) in parts {
            add_usage(&mut usage, part_usage);
            level.push(summary);
        }
        // Each level merges at least one pair, so the number of summaries falls every round.
        for depth in 0.. {
            let rendered = level.iter().map(render_summary).collect::<Result<Vec<_>, _>>()?;
            let last_system = prompt::merge_system(style, true);
            let all = prompt::merge_user(&rendered);
            if self.budget.fits_with_repair(&last_system, &all) {
                let (summary, merge_usage) =
                    self.request_summary(last_system, all, deadline, "merge").await?;
                add_usage(&mut usage, merge_usage);
                return Ok((summary, usage, total));
            }
            let system = prompt::merge_system(style, false);
            let groups = pack(&rendered, self.budget.user_bytes_after(&system));
            if groups.iter().all(|g| g.len() < 2) {
                break;
            }
            info!(
                depth,
                summaries = level.len(),
                groups = groups.len(),
                "llm intermediate merge"
            );
            let merged = self
                .merge_level(&level, &rendered, groups, &system, deadline)
                .await?;
            level = Vec::with_capacity(merged.len());
            for (summary, merge_usage) in merged {
                add_usage(&mut usage, merge_usage);
                level.push(summary);
            }
        }
        Err(SummarizeError::InvalidOutput(format!(
            "the part summaries are too long to merge within the {}-token context",
            self.budget.context_tokens
        )))
    }

    /// One level of the hierarchical reduce: a merge per group; a lone summary waits for the next
    /// level unchanged.
    async fn merge_level(
        &self,
        level: &[Summary],
        rendered: &[String],
        groups: Vec<Vec<usize>>,
        system: &str,
        deadline: Deadline,
    ) -> Result<Vec<(Summary, TokenUsage)>, SummarizeError> {
        stream::iter(groups)
            .map(|group| async move {
                if let [only] = group.as_slice()
                    && let Some(summary) = level.get(*only)
                {
                    return Ok((summary.clone(), TokenUsage::default()));
                }
                let items: Vec<String> = group.iter().filter_map(|&i| rendered.get(i).cloned()).collect();
                let user = prompt::merge_user(&items);
                self.request_summary(system.to_owned(), user, deadline, "merge")
                    .await
            })
            .buffered(MAP_CONCURRENCY)
            .try_collect()
            .await
    }
}

/// A part summary as a JSON object with one member per line: compact, yet each field stays on a
/// line of its own for the model to read.
fn render_summary(summary: &Summary) -> Result<String, SummarizeError> {
    let value = serde_json::to_value(summary)
        .map_err(|e| SummarizeError::InvalidOutput(format!("cannot encode a part summary: {e}")))?;
    let members: Vec<String> = match value {
        serde_json::Value::Object(members) => members
            .iter()
            .map(|(key, value)| format!("{}:{value}", serde_json::Value::String(key.clone())))
            .collect(),
        other => vec![other.to_string()],
    };
    Ok(format!("{{{}}}", members.join(",\n")))
}

/// Groups consecutive rendered summaries so that each group's JSON array fits `max_bytes`.
fn pack(rendered: &[String], max_bytes: usize) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut bytes = prompt::MERGE_FRAME_BYTES;
    for (i, item) in rendered.iter().enumerate() {
        if !current.is_empty() && bytes + prompt::MERGE_SEPARATOR_BYTES + item.len() > max_bytes {
            groups.push(std::mem::take(&mut current));
            bytes = prompt::MERGE_FRAME_BYTES;
        }
        if !current.is_empty() {
            bytes += prompt::MERGE_SEPARATOR_BYTES;
        }
        bytes += item.len();
        current.push(i);
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_keeps_order_and_fits() {
        let items: Vec<String> = ["aaaa", "bbbb", "cccc", "dddddddddddd", "e"]
            .map(String::from)
            .into();
        let groups = pack(&items, 14);
        assert_eq!(groups, vec![vec![0, 1], vec![2], vec![3], vec![4]]);
        for group in &groups {
            let refs: Vec<String> = group.iter().map(|&i| items[i].clone()).collect();
            assert!(prompt::merge_user(&refs).len() <= 14 || group.len() == 1);
        }
        assert_eq!(prompt::merge_user(&items[..2]).len(), 14);
    }

    #[test]
    fn part_summaries_render_as_json_one_member_per_line() {
        let summary = Summary {
            executive_summary: "Router replaced.".into(),
            action_items: vec![],
            customer_sentiment: crate::summary::Sentiment::Positive,
            reason: None,
            resolution: Some("Replacement sent".into()),
            key_phrases: vec!["router".into()],
            confidence: 0.5,
        };
        let rendered = render_summary(&summary).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&rendered).unwrap();
        assert_eq!(parsed["resolution"], "Replacement sent");
        assert_eq!(rendered.lines().count(), parsed.as_object().unwrap().len());
        let merged: serde_json::Value =
            serde_json::from_str(&prompt::merge_user(&[rendered.clone(), rendered])).unwrap();
        assert_eq!(merged.as_array().unwrap().len(), 2);
    }
}
