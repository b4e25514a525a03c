//! One function, two kinds of events: HTTP requests (API Gateway v1/v2, function URLs) and
//! summary-jobs SQS batches.

use lambda_http::request::LambdaRequest;
use lambda_http::{Adapter, Service};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

use crate::App;

/// Routes an event to the HTTP or the SQS handler and answers in the event's own format.
pub async fn dispatch(app: &App, event: LambdaEvent<Value>) -> Result<Value, Error> {
    let LambdaEvent { payload, context } = event;
    if wrapup_lambda_kit::is_sqs_batch(&payload) {
        let batch = serde_json::from_value(payload)?;
        let response = crate::jobs::handle_batch(app, batch, &context).await;
        return Ok(serde_json::to_value(response)?);
    }
    let request: LambdaRequest = serde_json::from_value(payload)?;
    let mut adapter = Adapter::from(lambda_http::service_fn(|request| {
        crate::http::handle(app, request)
    }));
    let response = adapter.call(LambdaEvent::new(request, context)).await?;
    Ok(serde_json::to_value(response)?)
}
