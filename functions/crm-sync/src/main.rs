//! crm-sync Lambda: thin on purpose. Configuration and clients are built once per sandbox; each
//! SQS batch goes to `crm_sync::handle_batch`.

use anyhow::Context;
use aws_lambda_events::event::sqs::SqsEvent;
use crm_sync::{App, FunctionConfig, handle_batch};
use lambda_runtime::{Error, LambdaEvent, run, service_fn};

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
    run(service_fn(move |event: LambdaEvent<SqsEvent>| async move {
        Ok::<_, Error>(handle_batch(app, event.payload, &event.context).await)
    }))
    .await
}
