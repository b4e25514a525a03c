//! The LLM summariser: any OpenAI-compatible chat-completions endpoint, strict JSON-schema
//! structured output, one repair round, and map-reduce over utterance-aligned chunks for
//! transcripts longer than the model's context (see [`budget`] for the token estimate).
//!
//! Prompts, answers, transcript text and the key are never logged: only counts, statuses,
//! attempts and token figures.

mod budget;
mod client;
mod config;
mod mapreduce;
mod prompt;
mod response;
mod schema;

use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use tracing::{info, warn};

pub use budget::estimate_tokens;
pub use config::{
    DEFAULT_CONTEXT_TOKENS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_REQUEST_TIMEOUT,
    LlmConfig,
};
pub(crate) use schema::extract_json_object;

use self::budget::{Budget, Line, MIN_USER_TOKENS};
use self::client::{ChatClient, Message};
use self::prompt::Style;
use crate::config::HttpConfig;
use crate::genesys::Deadline;
use crate::summary::{
    Provenance, SummarizeError, Summarized, Summarizer, Summary, SummaryInput, SummarySource, SummaryTone,
    TokenUsage,
};

/// Part summaries requested at the same time.
const MAP_CONCURRENCY: usize = 3;
/// More parts than this is a misconfigured context window, not a transcript to pay for.
const MAX_PARTS: usize = 200;
/// Backoff between attempts (full jitter under a capped exponential schedule).
const RETRY_BASE_DELAY: Duration = Duration::from_millis(250);
const RETRY_MAX_DELAY: Duration = Duration::from_secs(4);

/// Summarises through one chat-completions endpoint. Built once per sandbox and shared: it holds
/// one connection pool.
pub struct LlmSummarizer {
    client: ChatClient,
    /// The summary schema as `response_format`.
    summary_format: Value,
    budget: Budget,
}

impl std::fmt::Debug for LlmSummarizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmSummarizer")
            .field("endpoint", &self.client.endpoint.as_str())
            .field("model", &self.client.model)
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl LlmSummarizer {
    /// Checks the configuration (URL, model, a context window with room for a transcript) and
    /// builds the HTTP client.
    pub fn new(config: LlmConfig) -> Result<Self, SummarizeError> {
        let not_configured =
            |reason: String| SummarizeError::NotConfigured(format!("LLM summariser: {reason}"));
        let endpoint = config::completions_url(&config.base_url)
            .map_err(|e| not_configured(format!("the base URL {e}")))?;
        if config.model.trim().is_empty() {
            return Err(not_configured("the model name is empty".into()));
        }
        if config.max_output_tokens == 0 {
            return Err(not_configured("max_output_tokens must be at least 1".into()));
        }
        if config.request_timeout.is_zero() {
            return Err(not_configured("request_timeout must not be zero".into()));
        }
        let summary_format = schema::response_format(schema::SCHEMA_NAME, &schema::summary_schema());
        let budget = Budget {
            context_tokens: config.context_tokens,
            max_output_tokens: config.max_output_tokens,
            schema_tokens: estimate_tokens(&summary_format.to_string()),
        };
        // Map-reduce needs room for a transcript chunk, and for two part summaries (answers of
        // up to max_output_tokens each) in one merge.
        let room = budget.user_bytes_after(&widest_system_prompt()) / 4;
        let needed = MIN_USER_TOKENS.max(2 * config.max_output_tokens);
        if room < needed {
            return Err(not_configured(format!(
                "a context of {} tokens leaves {room} tokens for the transcript after the prompt, \
                 the schema and {} answer tokens; at least {needed} are needed (two answers, to \
                 merge part summaries)",
                config.context_tokens, config.max_output_tokens
            )));
        }
        let Some(api_key) = config.api_key.value().cloned() else {
            return Err(not_configured(
                "the API key is still a Secrets Manager reference: call LlmConfig::resolve_api_key first"
                    .to_owned(),
            ));
        };
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .pool_idle_timeout(Duration::from_secs(50))
            .user_agent(concat!("wrapup/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| not_configured(format!("cannot build the HTTP client: {e}")))?;
        let retry = HttpConfig {
            max_attempts: config.max_attempts.max(1),
            retry_base_delay: RETRY_BASE_DELAY,
            retry_max_delay: RETRY_MAX_DELAY,
            ..HttpConfig::default()
        };
        Ok(Self {
            client: ChatClient {
                http,
                endpoint,
                api_key,
                model: config.model,
                max_output_tokens: config.max_output_tokens,
                request_timeout: config.request_timeout,
                policy: crate::genesys::retry::policy(&retry),
            },
            summary_format,
            budget,
        })
    }

    pub fn model(&self) -> &str {
        &self.client.model
    }

    /// One structured-output request besides summarising (the verification judge), through the
    /// same endpoint, model, key, retries, deadline and repair round as a summary: `schema` goes
    /// as a strict `response_format` named `schema_name`, and `parse` reads the answer (a problem
    /// it names gets one repair round). `Unavailable` when the request would not fit the model's
    /// context.
    pub(crate) async fn request_structured<T>(
        &self,
        system: String,
        user: String,
        (schema_name, schema): (&str, &Value),
        parse: impl Fn(&str) -> Result<T, String>,
        deadline: Deadline,
        (purpose, repair): (&'static str, &'static str),
    ) -> Result<(T, TokenUsage), SummarizeError> {
        let format = schema::response_format(schema_name, schema);
        let budget = Budget {
            schema_tokens: estimate_tokens(&format.to_string()),
            ..self.budget
        };
        if !budget.fits_with_repair(&system, &user) {
            return Err(SummarizeError::Unavailable(format!(
                "the request needs about {} tokens, more than the model's context of {} \
                 (WRAPUP_LLM_CONTEXT_TOKENS)",
                budget.request_tokens(&[&system, &user]),
                budget.context_tokens
            )));
        }
        self.request_parsed(system, user, &format, &budget, parse, deadline, (purpose, repair))
            .await
    }

    /// One summary request, and one repair round when its answer is not a valid summary.
    async fn request_summary(
        &self,
        system: String,
        user: String,
        deadline: Deadline,
        purpose: &'static str,
    ) -> Result<(Summary, TokenUsage), SummarizeError> {
        let format = &self.summary_format;
        self.request_parsed(
            system,
            user,
            format,
            &self.budget,
            schema::parse_summary,
            deadline,
            (purpose, "repair"),
        )
        .await
    }

    /// One structured-output request with `format`, and one repair round when `parse` finds its
    /// answer unusable.
    #[allow(clippy::too_many_arguments)]
    async fn request_parsed<T>(
        &self,
        system: String,
        user: String,
        format: &Value,
        budget: &Budget,
        parse: impl Fn(&str) -> Result<T, String>,
        deadline: Deadline,
        (purpose, repair): (&'static str, &'static str),
    ) -> Result<(T, TokenUsage), SummarizeError> {
        let mut messages = vec![Message::system(system), Message::user(user)];
        let first = self.client.complete(&messages, format, deadline, purpose).await?;
        let mut usage = first.usage;
        let problem = match parse(&first.content) {
            Ok(parsed) => return Ok((parsed, usage)),
            Err(problem) => problem,
        };
        warn!(purpose, problem = %problem, "llm answer unusable; one repair round");
        let instruction = prompt::repair_instruction(&problem);
        let contents: Vec<&str> = messages.iter().map(|m| m.content.as_str()).collect();
        let fixed = budget.request_tokens(&[&contents[..], &["", &instruction]].concat());
        // The bad answer is only context for the repair: it is cut to what the budget leaves.
        let room = budget.context_tokens.saturating_sub(fixed) * 4;
        let bad = truncate_to(&first.content, room);
        if !bad.is_empty() {
            messages.push(Message::assistant(bad.to_owned()));
        }
        messages.push(Message::user(instruction));
        let second = self.client.complete(&messages, format, deadline, repair).await?;
        add_usage(&mut usage, second.usage);
        let parsed = parse(&second.content).map_err(|problem| {
            SummarizeError::InvalidOutput(format!(
                "the LLM answered nothing usable ({purpose}), even after one repair round: {problem}"
            ))
        })?;
        Ok((parsed, usage))
    }
}

#[async_trait]
impl Summarizer for LlmSummarizer {
    fn source(&self) -> SummarySource {
        SummarySource::Llm
    }

    async fn summarize(&self, input: &SummaryInput<'_>) -> Result<Summarized, SummarizeError> {
        if input.transcript.is_empty() {
            return Err(SummarizeError::Unavailable(
                "the transcript has no utterances".into(),
            ));
        }
        if input.deadline.is_past() {
            return Err(SummarizeError::DeadlineExceeded);
        }
        let style = Style::from_input(input);
        let lines: Vec<Line<'_>> = input
            .transcript
            .utterances
            .iter()
            .map(|u| Line {
                prefix: prompt::line_prefix(u),
                text: &u.text,
            })
            .collect();
        let system = prompt::whole_system(&style);
        let whole = render_lines(&lines);
        let (summary, usage, parts) = if self.budget.fits_with_repair(&system, &whole) {
            let (summary, usage) = self
                .request_summary(system, whole, input.deadline, "whole")
                .await?;
            (summary, usage, 1)
        } else {
            drop(whole);
            self.map_reduce(&style, &lines, input.deadline).await?
        };
        info!(
            conversation_id = %input.conversation_id,
            utterances = lines.len(),
            parts,
            requests = usage.requests,
            prompt_tokens = usage.prompt_tokens,
            completion_tokens = usage.completion_tokens,
            "llm summary"
        );
        Ok(Summarized {
            summary,
            provenance: Provenance {
                source: SummarySource::Llm,
                model: self.client.model.clone(),
                usage: Some(usage),
                fallback_reason: None,
            },
        })
    }
}

fn render_lines(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line.prefix);
        out.push_str(line.text);
    }
    out
}

fn add_usage(total: &mut TokenUsage, more: TokenUsage) {
    total.prompt_tokens = total.prompt_tokens.saturating_add(more.prompt_tokens);
    total.completion_tokens = total.completion_tokens.saturating_add(more.completion_tokens);
    total.requests = total.requests.saturating_add(more.requests);
}

/// The longest prefix of `text` of at most `max_bytes` bytes, on a character boundary.
fn truncate_to(text: &str, max_bytes: usize) -> &str {
    let mut end = max_bytes.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// The longest system prompt any request uses, to check the context leaves room for a transcript.
fn widest_system_prompt() -> String {
    let style = Style {
        tone: SummaryTone::Empathetic,
        sentences: 5,
        language: "the language with BCP-47 tag zh-Hant-TW-x-private1234567".into(),
    };
    [
        prompt::whole_system(&style),
        prompt::part_system(&style, MAX_PARTS, MAX_PARTS),
        prompt::merge_system(&style, true),
        prompt::merge_system(&style, false),
    ]
    .into_iter()
    .max_by_key(String::len)
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_stays_on_character_boundaries() {
        assert_eq!(truncate_to("héllo", 2), "h");
        assert_eq!(truncate_to("héllo", 3), "hé");
        assert_eq!(truncate_to("abc", 10), "abc");
    }

    #[test]
    fn a_context_too_small_is_refused_with_the_figures() {
        let mut config = LlmConfig::new(url::Url::parse("http://127.0.0.1:1/v1/").unwrap(), "m", "k");
        config.context_tokens = 1200;
        let err = LlmSummarizer::new(config.clone()).unwrap_err().to_string();
        assert!(err.contains("1200") && err.contains("800"), "{err}");
        config.context_tokens = 2_000;
        assert!(
            LlmSummarizer::new(config.clone()).is_err(),
            "800-token answers cannot be merged in pairs"
        );
        config.max_output_tokens = 300;
        assert!(LlmSummarizer::new(config.clone()).is_ok());
        config.model = " ".into();
        assert!(LlmSummarizer::new(config).is_err());
    }
}
