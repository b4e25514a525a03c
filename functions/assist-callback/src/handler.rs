//! Events from the assist-events queue (EventBridge's rule targets it) or straight from a rule
//! that targets the function. Each event on its own: a foreign one is rejected and logged as a
//! security event (ids only), an unknown topic acknowledged and counted, a malformed one
//! dead-lettered with the reason, a transient failure retried; one bad event never fails the
//! batch.

use std::time::Duration;

use aws_lambda_events::event::sqs::SqsEvent;
use chrono::Utc;
use lambda_runtime::{Context, Error};
use serde_json::Value;
use tracing::{info, warn};
use wrapup_assist::{AssistEvent, EventError, Handled, Parsed, envelope, event};
use wrapup_lambda_kit::{BatchConsumer, ConsumerConfig, DeadLetter, Disposition, Received};

use crate::App;
use crate::metrics;
pub use crate::outcome::Outcome;

pub const CONSUMER: ConsumerConfig = ConsumerConfig {
    queue: "assist-events",
    parallel: 10,
    reserve: Duration::from_secs(2),
    budget_without_deadline: Duration::from_secs(25),
    retry: None,
};

/// A Lambda event: an SQS batch, or one EventBridge event.
pub async fn dispatch(app: &App, payload: Value, context: &Context) -> Result<Value, Error> {
    if payload.get("requestContext").is_some() {
        return http(app, payload, context).await;
    }
    if wrapup_lambda_kit::is_sqs_batch(&payload) {
        let batch: SqsEvent = serde_json::from_value(payload)?;
        let response = BatchConsumer::new(CONSUMER, app.queue.as_ref())
            .consume(batch, context, |message| handle_message(app, message))
            .await;
        return Ok(serde_json::to_value(response)?);
    }
    // A rule targeting the function: Lambda retries a failed event twice, then its on-failure
    // destination keeps it.
    match process(app, &payload).await {
        Outcome::Malformed(reason) => Err(format!("malformed event: {reason}").into()),
        Outcome::Failed => Err("the event could not be processed now".into()),
        _ => Ok(Value::Null),
    }
}

/// An API Gateway request, answered in its own format.
async fn http(app: &App, payload: Value, context: &Context) -> Result<Value, Error> {
    use lambda_http::request::LambdaRequest;
    use lambda_http::{Adapter, Service};
    let request: LambdaRequest = serde_json::from_value(payload)?;
    let mut adapter = Adapter::from(lambda_http::service_fn(|request| {
        crate::http::handle(app, request)
    }));
    let response = adapter
        .call(lambda_runtime::LambdaEvent::new(request, context.clone()))
        .await?;
    Ok(serde_json::to_value(response)?)
}

async fn handle_message(app: &App, message: Received) -> Disposition {
    let body: Value = match serde_json::from_str(&message.body) {
        Ok(body) => body,
        Err(_) => {
            let reason = "the message body is not JSON".to_owned();
            metrics::unread(&app.metrics, &Value::Null, &Outcome::Malformed(reason.clone()));
            return dead_letter(reason);
        }
    };
    match process(app, &body).await {
        Outcome::Malformed(reason) => dead_letter(reason),
        Outcome::Failed => Disposition::retry(),
        _ => Disposition::Done,
    }
}

fn dead_letter(reason: String) -> Disposition {
    Disposition::DeadLetter(DeadLetter {
        reason,
        target: Some("event".into()),
        status: None,
    })
}

/// One EventBridge event, start to end.
pub async fn process(app: &App, value: &Value) -> Outcome {
    match read(app, value) {
        Ok(event) => apply(app, &event).await,
        Err(outcome) => {
            metrics::unread(&app.metrics, value, &outcome);
            outcome
        }
    }
}

/// The typed event, or why there is none.
fn read(app: &App, value: &Value) -> Result<AssistEvent, Outcome> {
    let envelope = match envelope::from_eventbridge(value, &app.config.source) {
        Ok(envelope) => envelope,
        Err(EventError::ForeignSource) => {
            let text = |name: &str| value.get(name).and_then(Value::as_str).unwrap_or_default();
            let (event_id, account) = (text("id"), text("account"));
            let org = envelope::org_of(text("source")).unwrap_or_default();
            // A security event: logged with ids only.
            warn!(
                security = true,
                event_id, account, org, "event from a foreign Genesys org or account rejected"
            );
            return Err(Outcome::Rejected);
        }
        Err(err) => {
            warn!(reason = %err, "malformed event");
            return Err(Outcome::Malformed(err.to_string()));
        }
    };
    let parsed = match event::parse(&envelope) {
        Ok(parsed) => parsed,
        Err(err) => {
            warn!(reason = %err, event_id = envelope.event_id.as_deref().unwrap_or_default(), "malformed event");
            return Err(Outcome::Malformed(err.to_string()));
        }
    };
    match parsed {
        Parsed::Event(event) => Ok(event),
        Parsed::Unknown { topic, version } => {
            info!(topic = %topic, version = %version, metric = "UnknownTopic", "event of a topic this build does not read");
            Err(Outcome::Unknown)
        }
    }
}

/// A typed event processed exactly once.
async fn apply(app: &App, event: &AssistEvent) -> Outcome {
    let now = Utc::now();
    let lag_ms = event.event_time().map(|at| (now - at).num_milliseconds());
    let result = wrapup_assist::handle(
        event,
        app.store.as_ref(),
        app.jobs.as_ref(),
        &app.config.assist,
        now,
    )
    .await;
    let outcome = match &result {
        Ok(handled @ Handled::Applied { .. }) => {
            info!(conversation_id = %event.conversation_id(), event_lag_ms = lag_ms, "event applied");
            crate::audit::record(app, event, handled).await;
            Outcome::Applied
        }
        Ok(Handled::Duplicate) => {
            info!(conversation_id = %event.conversation_id(), metric = "Duplicate", "duplicate event acknowledged");
            Outcome::Duplicate
        }
        Err(err) => {
            warn!(conversation_id = %event.conversation_id(), error = %err, "event failed; it comes back");
            Outcome::Failed
        }
    };
    metrics::handled(&app.metrics, event, now, &result, &outcome);
    outcome
}
