//! archive-miner Lambda: thin on purpose. Configuration and clients are built once per sandbox;
//! every event goes to `archive_miner::handle`.

use anyhow::Context;
use archive_miner::{App, FunctionConfig, handle};
use lambda_runtime::{Error, LambdaEvent, run, service_fn};
use serde_json::Value;

// One event at a time on a fraction of a vCPU (256 MB): one thread, no worker threads to park
// and wake for every event.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    // JSON lines when the function's LoggingConfig says LogFormat: JSON; RUST_LOG filters.
    lambda_runtime::tracing::init_default_subscriber();
    let config = FunctionConfig::from_env().context("configuration")?;
    let aws = aws_config::load_from_env().await;
    let app = App::from_config(config, &aws).await?;
    let app = &app;
    run(service_fn(move |event: LambdaEvent<Value>| async move {
        handle(app, event.payload, &event.context)
            .await
            .map_err(Error::from)
    }))
    .await
}
