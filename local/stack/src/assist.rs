//! assist-callback in the local stack: configured from its template.yaml environment like the
//! other functions (events from the simulator org's partner source, automatic summaries after a
//! short grace, Genesys = the simulator), and the assist-events queue polled into its handler as
//! the SQS event source mapping would. The same App answers its HTTP routes behind the local
//! gateway.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use aws_config::SdkConfig;
use serde_json::Value;
use tokio::task::JoinHandle;
use wrapup_testkit::{PollerOptions, poll};

use crate::stack::{LocalEnv, function_vars, lambda_context_for};

/// How long the end's summary job waits for Copilot's summary locally (120 s when deployed).
pub const LOCAL_SUMMARY_DELAY_SECS: u64 = 2;

/// assist-callback's environment variables against the local stack.
pub fn assist_callback_vars(env: &LocalEnv) -> Result<BTreeMap<String, String>> {
    function_vars(
        env,
        "AssistCallbackFunction",
        [
            ("WRAPUP_ASSIST_EVENT_SOURCE", env.assist_event_source.clone()),
            ("WRAPUP_ASSIST_AUTO_SUMMARY", "true".to_owned()),
            (
                "WRAPUP_ASSIST_SUMMARY_DELAY_SECS",
                LOCAL_SUMMARY_DELAY_SECS.to_string(),
            ),
        ],
    )
}

/// assist-callback configured against the local stack.
pub fn assist_callback_config(env: &LocalEnv) -> Result<assist_callback::FunctionConfig> {
    let vars = assist_callback_vars(env)?;
    assist_callback::FunctionConfig::from_lookup(|name| vars.get(name).cloned())
        .context("assist-callback configuration")
}

/// assist-callback's App against the local stack: one for its queue and its HTTP routes.
pub async fn assist_callback_app(env: &LocalEnv, aws: &SdkConfig) -> Result<Arc<assist_callback::App>> {
    Ok(Arc::new(
        assist_callback::App::from_config(assist_callback_config(env)?, aws)
            .await?
            .with_metrics(env.metrics_for(assist_callback::metrics::FUNCTION_NAME)),
    ))
}

/// How long one invocation of assist-callback may run (its template `Timeout`).
pub const ASSIST_BUDGET: Duration = Duration::from_secs(30);

/// Polls the assist-events queue into assist-callback until aborted.
pub fn start_poller(
    env: &LocalEnv,
    aws: &SdkConfig,
    app: Arc<assist_callback::App>,
) -> Result<JoinHandle<()>> {
    let url = env
        .queue_urls
        .get(crate::put_events::QUEUE_LOGICAL_ID)
        .cloned()
        .context("template.yaml has no AssistEventsQueue")?;
    let handler = move |event: Value| {
        let app = Arc::clone(&app);
        async move {
            let context = lambda_context_for(ASSIST_BUDGET);
            assist_callback::dispatch(&app, event, &context)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))
        }
    };
    let options = PollerOptions {
        batch_size: 10,
        ..PollerOptions::default()
    };
    Ok(tokio::spawn(poll(
        aws_sdk_sqs::Client::new(aws),
        url,
        options,
        handler,
    )))
}

#[cfg(test)]
#[path = "assist_tests.rs"]
mod tests;
