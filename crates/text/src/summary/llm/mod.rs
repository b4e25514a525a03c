//! The LLM summariser: strict JSON-schema structured output, one repair round, and map-reduce
//! over utterance-aligned chunks for transcripts longer than the model's context (see [`budget`]
//! for the token estimate), over one [`ModelClient`]: an OpenAI-compatible chat-completions
//! endpoint ([`client`]) or Amazon Bedrock's Converse API ([`bedrock`]).
//!
//! Prompts, answers, transcript text and the key are never logged: only counts, statuses,
//! attempts and token figures.

mod bedrock;
mod budget;
mod client;
mod config;
mod mapreduce;
mod model;
mod prompt;
mod response;
mod schema;
#[cfg(test)]
mod tests_model;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use tracing::{info, warn};

pub use budget::estimate_tokens;
pub use config::{
    BedrockConfig, DEFAULT_CONTEXT_TOKENS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_OUTPUT_TOKENS,
    DEFAULT_REQUEST_TIMEOUT, GuardrailConfig, LlmConfig, LlmProvider,
};
pub use model::{Completion, ModelClient, ModelRequest, Role, Turn};
pub(crate) use schema::extract_json_object;

use self::budget::{Budget, Line, MIN_USER_TOKENS};
use self::prompt::Style;
use crate::summary::{
    Provenance, SummarizeError, Summarized, Summarizer, Summary, SummaryInput, SummarySource, SummaryTone,
    TokenUsage,
};
use wrapup_core::Deadline;
use wrapup_core::retry::RetryPolicy;
use wrapup_genesys::config::HttpConfig;

/// Part summaries requested at the same time.
const MAP_CONCURRENCY: usize = 3;
/// More parts than this is a misconfigured context window, not a transcript to pay for.
const MAX_PARTS: usize = 200;
/// Backoff between attempts (full jitter under a capped exponential schedule).
const RETRY_BASE_DELAY: Duration = Duration::from_millis(250);
const RETRY_MAX_DELAY: Duration = Duration::from_secs(4);

/// Summarises through one model client. Built once per sandbox and shared: it holds one
/// connection pool.
pub struct LlmSummarizer {
    client: Arc<dyn ModelClient>,
    /// The JSON schema of a summary.
    summary_schema: Value,
    budget: Budget,
}

impl std::fmt::Debug for LlmSummarizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmSummarizer")
            .field("client", &self.client)
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl LlmSummarizer {
    /// An OpenAI-compatible endpoint: checks the configuration (URL, model, a context window with
    /// room for a transcript) and builds the HTTP client. Bedrock needs the AWS configuration:
    /// [`LlmSummarizer::with_aws`].
    pub fn new(config: LlmConfig) -> Result<Self, SummarizeError> {
        Self::build(config, None)
    }

    /// Either provider; Bedrock's client is built from `aws` (region, credentials of the
    /// function's role), with its own retries off: the retry core decides.
    pub fn with_aws(config: LlmConfig, aws: &aws_config::SdkConfig) -> Result<Self, SummarizeError> {
        Self::build(config, Some(aws))
    }

    fn build(config: LlmConfig, aws: Option<&aws_config::SdkConfig>) -> Result<Self, SummarizeError> {
        let not_configured =
            |reason: String| SummarizeError::NotConfigured(format!("LLM summariser: {reason}"));
        if config.model.trim().is_empty() {
            return Err(not_configured("the model name is empty".into()));
        }
        if config.request_timeout.is_zero() {
            return Err(not_configured("request_timeout must not be zero".into()));
        }
        let policy = retry_policy(config.max_attempts);
        let client: Arc<dyn ModelClient> = match &config.provider {
            LlmProvider::OpenAi { .. } => Arc::new(client::ChatClient::new(&config, policy)?),
            LlmProvider::Bedrock(bedrock) => {
                let Some(aws) = aws else {
                    return Err(not_configured(
                        "the Bedrock client needs the AWS configuration: use LlmSummarizer::with_aws".into(),
                    ));
                };
                Arc::new(bedrock::BedrockClient::new(aws, bedrock, &config, policy))
            }
        };
        Self::with_client(client, config.context_tokens, config.max_output_tokens)
    }

    /// Summarises through `client` (any provider, or one in memory in tests) with a context of
    /// `context_tokens`, of which every request reserves `max_output_tokens` for the answer.
    pub fn with_client(
        client: Arc<dyn ModelClient>,
        context_tokens: usize,
        max_output_tokens: usize,
    ) -> Result<Self, SummarizeError> {
        let not_configured =
            |reason: String| SummarizeError::NotConfigured(format!("LLM summariser: {reason}"));
        if max_output_tokens == 0 {
            return Err(not_configured("max_output_tokens must be at least 1".into()));
        }
        let summary_schema = schema::summary_schema();
        let budget = Budget {
            context_tokens,
            max_output_tokens,
            schema_tokens: schema_tokens(schema::SCHEMA_NAME, &summary_schema),
        };
        // Map-reduce needs room for a transcript chunk, and for two part summaries (answers of
        // up to max_output_tokens each) in one merge.
        let room = budget.user_bytes_after(&widest_system_prompt()) / 4;
        let needed = MIN_USER_TOKENS.max(2 * max_output_tokens);
        if room < needed {
            return Err(not_configured(format!(
                "a context of {context_tokens} tokens leaves {room} tokens for the transcript after \
                 the prompt, the schema and {max_output_tokens} answer tokens; at least {needed} are \
                 needed (two answers, to merge part summaries)"
            )));
        }
        Ok(Self {
            client,
            summary_schema,
            budget,
        })
    }

    pub fn model(&self) -> &str {
        self.client.model()
    }

    /// One structured-output request besides summarising (the verification judge), through the
    /// same client, model, retries, deadline and repair round as a summary: `schema` is the
    /// answer's JSON schema named `schema_name`, and `parse` reads the answer (a problem it names
    /// gets one repair round). `Unavailable` when the request would not fit the model's context.
    pub(crate) async fn request_structured<T>(
        &self,
        system: String,
        user: String,
        (schema_name, schema): (&str, &Value),
        parse: impl Fn(&str) -> Result<T, String>,
        deadline: Deadline,
        (purpose, repair): (&'static str, &'static str),
    ) -> Result<(T, TokenUsage), SummarizeError> {
        let budget = Budget {
            schema_tokens: schema_tokens(schema_name, schema),
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
        let answer = (schema_name, schema);
        self.request_parsed(system, user, answer, &budget, parse, deadline, (purpose, repair))
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
        self.request_parsed(
            system,
            user,
            (schema::SCHEMA_NAME, &self.summary_schema),
            &self.budget,
            schema::parse_summary,
            deadline,
            (purpose, "repair"),
        )
        .await
    }

    /// One structured-output request whose answer matches `schema`, and one repair round when
    /// `parse` finds its answer unusable.
    #[allow(clippy::too_many_arguments)]
    async fn request_parsed<T>(
        &self,
        system: String,
        user: String,
        (schema_name, schema): (&str, &Value),
        budget: &Budget,
        parse: impl Fn(&str) -> Result<T, String>,
        deadline: Deadline,
        (purpose, repair): (&'static str, &'static str),
    ) -> Result<(T, TokenUsage), SummarizeError> {
        let mut turns = vec![Turn::user(user)];
        let request = ModelRequest {
            system: &system,
            turns: &turns,
            schema_name,
            schema,
        };
        let first = self.client.complete(request, deadline, purpose).await?;
        let mut usage = first.usage;
        let problem = match parse(&first.content) {
            Ok(parsed) => return Ok((parsed, usage)),
            Err(problem) => problem,
        };
        warn!(purpose, problem = %problem, "llm answer unusable; one repair round");
        let instruction = prompt::repair_instruction(&problem);
        let contents: Vec<&str> = std::iter::once(system.as_str())
            .chain(turns.iter().map(|t| t.content.as_str()))
            .collect();
        let fixed = budget.request_tokens(&[&contents[..], &["", &instruction]].concat());
        // The bad answer is only context for the repair: it is cut to what the budget leaves.
        let room = budget.context_tokens.saturating_sub(fixed) * 4;
        let bad = truncate_to(&first.content, room);
        if !bad.is_empty() {
            turns.push(Turn::assistant(bad.to_owned()));
        }
        turns.push(Turn::user(instruction));
        let request = ModelRequest {
            system: &system,
            turns: &turns,
            schema_name,
            schema,
        };
        let second = self.client.complete(request, deadline, repair).await?;
        add_usage(&mut usage, second.usage);
        let parsed = parse(&second.content).map_err(|problem| {
            SummarizeError::InvalidOutput(format!(
                "the LLM answered nothing usable ({purpose}), even after one repair round: {problem}"
            ))
        })?;
        Ok((parsed, usage))
    }
}

/// What the answer's schema costs in every request: the provider sends it as a strict
/// `response_format` or as the input schema of the one tool, about the same size.
fn schema_tokens(name: &str, schema: &Value) -> usize {
    estimate_tokens(&schema::response_format(name, schema).to_string())
}

/// The retry schedule of `WRAPUP_LLM_MAX_ATTEMPTS`, whichever the provider.
fn retry_policy(max_attempts: u32) -> RetryPolicy {
    wrapup_genesys::retry::policy(&HttpConfig {
        max_attempts: max_attempts.max(1),
        retry_base_delay: RETRY_BASE_DELAY,
        retry_max_delay: RETRY_MAX_DELAY,
        ..HttpConfig::default()
    })
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
                model: self.client.model().to_owned(),
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
