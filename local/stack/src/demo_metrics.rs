//! `make demo`, last step: the CloudWatch metrics the functions wrote, read back from their EMF
//! lines as CloudWatch Logs would, summed up in a short table.

use std::collections::BTreeMap;

use anyhow::Context;
use wrapup_metrics::{EmfDocument, documents_in};

use crate::stack::LocalEnv;

pub fn run(env: &LocalEnv) -> anyhow::Result<()> {
    println!("\n== 8. Metrics: the EMF lines the functions wrote, as CloudWatch would read them");
    let lines = env.metric_lines.lines();
    let docs = documents_in(lines.iter().map(String::as_str)).context("a metric line is not valid EMF")?;
    for line in table(&docs) {
        println!("{line}");
    }
    Ok(())
}

/// The values of `metric` of `function`, by the value of dimension `by` (all under `*`).
fn by(docs: &[EmfDocument], function: &str, metric: &str, by: &str) -> BTreeMap<String, Vec<f64>> {
    let mut out: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for doc in docs.iter().filter(|d| d.dimension("Function") == Some(function)) {
        if let Some(m) = doc.metric(metric) {
            let key = doc.dimension(by).unwrap_or("*").to_owned();
            out.entry(key).or_default().extend(&m.values);
        }
    }
    out
}

fn sum(docs: &[EmfDocument], function: &str, metric: &str) -> f64 {
    // + 0.0: an empty sum of floats is -0, which would print as "-0".
    by(docs, function, metric, "").values().flatten().sum::<f64>() + 0.0
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or(0.0)
}

/// "a 3, b 1" from sums by dimension value, largest first.
fn counts(values: &BTreeMap<String, Vec<f64>>) -> String {
    let mut sums: Vec<(&String, f64)> = values.iter().map(|(k, v)| (k, v.iter().sum())).collect();
    sums.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = sums.iter().map(|(k, n)| format!("{k} {n}")).collect();
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The table's lines.
pub fn table(docs: &[EmfDocument]) -> Vec<String> {
    let mut functions: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in docs {
        *functions
            .entry(doc.dimension("Function").unwrap_or("?"))
            .or_default() += 1;
    }
    let mut lines = vec![format!(
        "{} valid EMF lines: {}",
        docs.len(),
        functions
            .iter()
            .map(|(f, n)| format!("{f} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    )];
    let s = "summary-api";
    let outcomes = by(docs, s, "Requests", "Outcome");
    let outcome = |name: &str| outcomes.get(name).map_or(0.0, |v| v.iter().sum::<f64>());
    let (review, queued) = (outcome("needs_review"), outcome("queued_for_crm"));
    lines.push(format!("  {s:<15} requests: {}", counts(&outcomes)));
    if review + queued > 0.0 {
        lines.push(format!(
            "  {:<15} review rate {:.0}% ({review} of {} summaries)",
            "",
            100.0 * review / (review + queued),
            review + queued
        ));
    }
    let stages: Vec<String> = [
        ("transcript", "TranscriptLatency"),
        ("redact", "RedactLatency"),
        ("summarise", "SummarizeLatency"),
        ("verify", "VerifyLatency"),
        ("total", "TotalLatency"),
    ]
    .iter()
    .filter_map(|(label, metric)| {
        let values: Vec<f64> = by(docs, s, metric, "").into_values().flatten().collect();
        (!values.is_empty()).then(|| {
            format!(
                "{label} {:.0}/{:.0}",
                percentile(&values, 0.5),
                percentile(&values, 0.95)
            )
        })
    })
    .collect();
    lines.push(format!("  {:<15} latency p50/p95 ms: {}", "", stages.join(", ")));
    lines.push(format!(
        "  {:<15} LLM: {} requests, {} prompt + {} completion tokens, ${:.4} estimated; fallbacks: {}",
        "",
        sum(docs, s, "LlmRequests"),
        sum(docs, s, "PromptTokens"),
        sum(docs, s, "CompletionTokens"),
        sum(docs, s, "LlmCost"),
        counts(&by(docs, s, "Fallbacks", "Cause"))
    ));
    lines.push(format!(
        "  {:<15} review reasons: {}",
        "",
        counts(&by(docs, s, "NeedsReview", "Reason"))
    ));
    lines.push(format!(
        "  {:<15} PII redacted: {}",
        "",
        counts(&by(docs, s, "Redactions", "Kind"))
    ));
    lines.push(format!(
        "  {:<15} Genesys: {} requests, {} answered 429, {} retries",
        "",
        sum(docs, s, "GenesysRequests"),
        sum(docs, s, "GenesysThrottled"),
        sum(docs, s, "GenesysRetries")
    ));
    let c = "crm-sync";
    lines.push(format!(
        "  {c:<15} writes by target: {}",
        counts(&by(docs, c, "Writes", "Target"))
    ));
    lines.push(format!(
        "  {:<15} writes by outcome: {}",
        "",
        counts(&by(docs, c, "Writes", "Outcome"))
    ));
    let m = "archive-miner";
    lines.push(format!(
        "  {m:<15} {} conversations mined, {} without transcript, {} mentions; runs: {}",
        sum(docs, m, "ConversationsMined"),
        sum(docs, m, "TranscriptsMissing"),
        sum(docs, m, "MentionsCounted"),
        counts(&by(docs, m, "Runs", "Outcome"))
    ));
    let a = "assist-callback";
    let lag: Vec<f64> = by(docs, a, "EventLag", "").into_values().flatten().collect();
    lines.push(format!(
        "  {a:<15} events by outcome: {}; lag p50 {:.0} ms",
        counts(&by(docs, a, "Events", "Outcome")),
        percentile(&lag, 0.5)
    ));
    lines.push(format!(
        "  {:<15} engagements by outcome: {}",
        "",
        counts(&by(docs, a, "Engagements", "Outcome"))
    ));
    lines
}

#[cfg(test)]
mod tests {
    use wrapup_metrics::Metrics;

    use super::*;

    #[test]
    fn the_table_sums_what_the_functions_wrote() {
        let (api, sink) = Metrics::in_memory("summary-api");
        for (outcome, total) in [
            ("queued_for_crm", 40),
            ("queued_for_crm", 60),
            ("needs_review", 100),
        ] {
            api.count("Requests", 1, &[("Outcome", outcome)]);
            let mut doc = api.document().dimension("Source", "extractive");
            doc.millis("TotalLatency", total);
            doc.emit();
        }
        api.count("Redactions", 3, &[("Kind", "name")]);
        let docs = documents_in(sink.lines().iter().map(String::as_str)).unwrap();
        let text = table(&docs).join("\n");
        assert!(text.starts_with("7 valid EMF lines: summary-api 7"), "{text}");
        assert!(text.contains("LLM: 0 requests"), "{text}");
        assert!(text.contains("queued_for_crm 2, needs_review 1"), "{text}");
        assert!(text.contains("review rate 33% (1 of 3 summaries)"), "{text}");
        assert!(text.contains("total 60/100"), "{text}");
        assert!(text.contains("PII redacted: name 3"), "{text}");
    }
}
