//! assist-callback Lambda: thin on purpose. Configuration and clients are built once per
//! sandbox; each event (an SQS batch or one EventBridge event) goes to `assist_callback::dispatch`.

use anyhow::Context;
use assist_callback::{App, FunctionConfig, dispatch};
use lambda_runtime::{Error, LambdaEvent, run, service_fn};
use serde_json::Value;

// One event at a time on a fraction of a vCPU: one thread, no worker threads to park and wake.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    // JSON lines when the function's LoggingConfig says LogFormat: JSON; RUST_LOG filters.
    lambda_runtime::tracing::init_default_subscriber();
    let config = FunctionConfig::from_env().context("configuration")?;
    let aws = aws_config::load_from_env().await;
    let app = App::from_config(config, &aws).await?;
    let app = &app;
    run(service_fn(move |event: LambdaEvent<Value>| async move {
        dispatch(app, event.payload, &event.context).await
    }))
    .await
}
