//! summary-api's CloudWatch metrics (EMF lines, namespace `Wrapup`): what each request or job
//! ended with, its stages' latency, why summaries go to review, what was redacted, what the
//! LLM cost, and how Genesys answered. Ids and text never appear: every dimension value is one
//! of a fixed set of names.

use std::sync::Arc;

use wrapup::config::{ConfigError, Env};
use wrapup::genesys::CallCounters;
use wrapup::pipeline::{PipelineError, Submitted, SummaryResponse};
use wrapup::summary::{FallbackCause, TokenUsage};
use wrapup_metrics::{Metrics, Unit};

pub const FUNCTION_NAME: &str = "summary-api";

/// `WRAPUP_LLM_PROMPT_PRICE_PER_1K` and `WRAPUP_LLM_COMPLETION_PRICE_PER_1K`: US dollars per
/// 1,000 tokens, for the `LlmCost` estimate (no estimate without them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LlmPrices {
    pub prompt_per_1k: f64,
    pub completion_per_1k: f64,
}

impl LlmPrices {
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let env = Env(&lookup);
        let prompt = env.price("WRAPUP_LLM_PROMPT_PRICE_PER_1K")?;
        let completion = env.price("WRAPUP_LLM_COMPLETION_PRICE_PER_1K")?;
        Ok(match (prompt, completion) {
            (None, None) => None,
            (prompt, completion) => Some(Self {
                prompt_per_1k: prompt.unwrap_or_default(),
                completion_per_1k: completion.unwrap_or_default(),
            }),
        })
    }

    pub fn cost(&self, usage: &TokenUsage) -> f64 {
        (usage.prompt_tokens as f64 * self.prompt_per_1k
            + usage.completion_tokens as f64 * self.completion_per_1k)
            / 1000.0
    }
}

/// Where the request came from: the HTTP API or the summary-jobs queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Api,
    Job,
}

impl Trigger {
    fn as_str(self) -> &'static str {
        match self {
            Trigger::Api => "api",
            Trigger::Job => "job",
        }
    }
}

pub struct SummaryMetrics {
    metrics: Metrics,
    prices: Option<LlmPrices>,
    genesys_calls: Option<Arc<CallCounters>>,
}

impl SummaryMetrics {
    pub fn new(metrics: Metrics, prices: Option<LlmPrices>) -> Self {
        Self {
            metrics,
            prices,
            genesys_calls: None,
        }
    }

    /// The same metrics written through `metrics` (its sink and function name).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// Reports the Genesys client's requests, 429s and retries with each request's metrics.
    pub fn with_genesys_calls(mut self, counters: Arc<CallCounters>) -> Self {
        self.genesys_calls = Some(counters);
        self
    }

    /// A request the API refused before the pipeline (invalid body, unknown route, ...).
    pub fn refused(&self, trigger: Trigger, outcome: &'static str) {
        self.request(trigger, outcome, "none");
    }

    pub fn submitted(&self, result: &Result<Submitted, PipelineError>) {
        match result {
            Ok(Submitted::Done { response, replayed }) if *replayed => {
                self.request(Trigger::Api, "replayed", response.source.source.as_str());
            }
            Ok(Submitted::Done { response, .. }) => self.computed(Trigger::Api, response),
            Ok(Submitted::Accepted { .. }) => self.request(Trigger::Api, "accepted", "none"),
            Err(err) => self.request(Trigger::Api, err.code(), "none"),
        }
        self.genesys();
    }

    pub fn job(&self, result: &Result<SummaryResponse, PipelineError>) {
        match result {
            Ok(response) => self.computed(Trigger::Job, response),
            Err(err) => self.request(Trigger::Job, err.code(), "none"),
        }
        self.genesys();
    }

    /// One count per request: by outcome (the review-rate alarm), by source (the fallback-rate
    /// alarm) and by trigger, not every combination of the three.
    fn request(&self, trigger: Trigger, outcome: &'static str, source: &'static str) {
        let mut document = self
            .metrics
            .document()
            .dimension("Trigger", trigger.as_str())
            .dimension("Outcome", outcome)
            .dimension("Source", source)
            .dimension_sets(&[&["Outcome"], &["Source"], &["Trigger"]]);
        document.count("Requests", 1);
        document.emit();
    }

    /// A summary computed now: its outcome, stages, review reasons, redactions and LLM use.
    fn computed(&self, trigger: Trigger, response: &SummaryResponse) {
        let source = response.source.source.as_str();
        self.request(trigger, response.status.as_str(), source);

        let timings = &response.timings;
        let mut stages = self.metrics.document().dimension("Source", source);
        stages
            .millis("TranscriptLatency", timings.transcript_ms)
            .millis("RedactLatency", timings.redact_ms)
            .millis("SummarizeLatency", timings.summarize_ms)
            .millis("VerifyLatency", timings.verify_ms)
            .millis("TotalLatency", timings.total_ms);
        stages.emit();

        let mut kinds = response.verification.reason_kinds.clone();
        kinds.sort_by_key(|k| k.as_str());
        kinds.dedup();
        for kind in kinds {
            self.metrics.count("NeedsReview", 1, &[("Reason", kind.as_str())]);
        }

        for (kind, n) in response.redactions.nonzero() {
            self.metrics
                .count("Redactions", u64::from(n), &[("Kind", kind.as_str())]);
        }

        if let Some(usage) = &response.source.usage {
            self.llm("summary", usage);
        }
        if let Some(usage) = response
            .verification
            .judge
            .as_ref()
            .and_then(|j| j.usage.as_ref())
        {
            self.llm("judge", usage);
        }
        if let Some(reason) = &response.source.fallback_reason {
            let cause = FallbackCause::from_reason(reason).unwrap_or(FallbackCause::Failed);
            self.metrics.count("Fallbacks", 1, &[("Cause", cause.code())]);
        }
    }

    fn llm(&self, purpose: &'static str, usage: &TokenUsage) {
        let mut document = self.metrics.document().dimension("Purpose", purpose);
        document
            .count("LlmRequests", u64::from(usage.requests))
            .count("PromptTokens", usage.prompt_tokens)
            .count("CompletionTokens", usage.completion_tokens);
        if let Some(prices) = &self.prices {
            // Dollars: CloudWatch has no currency unit.
            document.value("LlmCost", Unit::None, prices.cost(usage));
        }
        document.emit();
    }

    fn genesys(&self) {
        let Some(counters) = &self.genesys_calls else {
            return;
        };
        let calls = counters.take();
        if calls.requests == 0 && calls.retries == 0 {
            return;
        }
        let mut document = self.metrics.document();
        document
            .count("GenesysRequests", calls.requests)
            .count("GenesysThrottled", calls.throttled)
            .count("GenesysRetries", calls.retries);
        document.emit();
    }
}

impl std::fmt::Debug for SummaryMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SummaryMetrics")
            .field("metrics", &self.metrics)
            .field("prices", &self.prices)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_both_optional_and_refused_when_not_a_price() {
        let none = LlmPrices::from_lookup(|_| None).unwrap();
        assert_eq!(none, None);
        let prices = LlmPrices::from_lookup(|name| {
            (name == "WRAPUP_LLM_PROMPT_PRICE_PER_1K").then(|| "0.003".to_owned())
        })
        .unwrap()
        .unwrap();
        let usage = TokenUsage {
            prompt_tokens: 2000,
            completion_tokens: 500,
            requests: 1,
        };
        assert!((prices.cost(&usage) - 0.006).abs() < 1e-12);
        for bad in ["-1", "free", "NaN", "inf"] {
            let err = LlmPrices::from_lookup(|name| {
                (name == "WRAPUP_LLM_COMPLETION_PRICE_PER_1K").then(|| bad.to_owned())
            })
            .unwrap_err();
            assert!(
                err.to_string().contains("WRAPUP_LLM_COMPLETION_PRICE_PER_1K"),
                "{err}"
            );
        }
    }
}
