//! The HTTP API routes (JWT-authorised by API Gateway with the read scope; the data is the one
//! Genesys org's this stack serves):
//! - `GET /assist/conversations/{conversationId}/suggestions`: the conversation's suggestions,
//!   ranked, with their state, the agent's engagement and the score's parts;
//! - `GET /assist/insights?queueId=&from=&to=`: acceptance per kind and item, and the items most
//!   often turned down, for months `from..=to` (`YYYY-MM`, default the last three months).
//!
//! Failures become answers in one place ([`failure`]): a status, a code, a message naming the
//! field, never internals.

use std::convert::Infallible;

use chrono::{Datelike, Utc};
use lambda_http::http::{Method, StatusCode, header};
use lambda_http::{Body, Request, RequestExt, Response};
use serde_json::{Value, json};
use tracing::{info, warn};
use uuid::Uuid;
use wrapup::ids::ConversationId;
use wrapup::store::StoreError;
use wrapup_assist::insights::insights;
use wrapup_assist::process::ranked;
use wrapup_assist::ranking::MonthKey;
use wrapup_assist::{EventError, Parsed, envelope, event, topic};

use crate::App;
use crate::webhook::WebhookMode;

/// The longest range of months `insights` answers.
const MAX_MONTHS: i32 = 24;

enum Failure {
    Invalid {
        field: &'static str,
        reason: String,
    },
    NotFound(&'static str),
    WrongMethod(&'static str),
    Unauthorized(&'static str),
    Store(StoreError),
    /// assist-events refused the event for now.
    Queue,
}

pub async fn handle(app: &App, request: Request) -> Result<Response<Body>, Infallible> {
    let segments: Vec<&str> = request
        .uri()
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    // A stage or base path may come before "assist".
    let at = segments.iter().rposition(|s| *s == "assist");
    let route = at.map(|i| &segments[i + 1..]).unwrap_or_default();
    let answer = match route {
        ["conversations", id, "suggestions"] if request.method() == Method::GET => suggestions(app, id).await,
        ["insights"] if request.method() == Method::GET => queue_insights(app, &request).await,
        ["events"] if app.config.webhook.mode != WebhookMode::Off => match *request.method() {
            Method::POST => webhook_event(app, &request).await,
            _ => Err(Failure::WrongMethod("POST")),
        },
        ["conversations", _, "suggestions"] | ["insights"] => Err(Failure::WrongMethod("GET")),
        _ => Err(Failure::NotFound("route_not_found")),
    };
    let response = answer.unwrap_or_else(failure);
    info!(status = response.status().as_u16(), "answered");
    Ok(response)
}

async fn suggestions(app: &App, id: &str) -> Result<Response<Body>, Failure> {
    let id = ConversationId::parse(id).map_err(|_| Failure::Invalid {
        field: "conversationId",
        reason: "must be a UUID".into(),
    })?;
    let conversation = app.store.conversation(&id).await.map_err(Failure::Store)?;
    let suggestions = ranked(app.store.suggestions(&id).await.map_err(Failure::Store)?);
    if conversation.is_none() && suggestions.is_empty() {
        return Err(Failure::NotFound("conversation_not_found"));
    }
    let record = conversation.map(|c| c.record).unwrap_or_default();
    let listed: Vec<Value> = suggestions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "rank": i + 1,
                "suggestionId": s.suggestion_id,
                "kind": s.kind,
                "item": s.item,
                "queueId": s.queue_id,
                "state": s.state,
                "suggestedAt": s.suggested_at,
                "engagement": {
                    "outcome": match (s.outcome(), s.dismissed()) {
                        (2, _) => "used",
                        (1, _) => "opened",
                        (_, true) => "dismissed",
                        _ => "none",
                    },
                    "rating": s.rating.as_ref().map(|(_, r)| r),
                },
                "score": s.score,
            })
        })
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "conversationId": id,
            "intent": record.intent_id.as_ref().map(|intent| json!({
                "intentId": intent, "name": record.intent_name, "confidence": record.intent_confidence,
            })),
            "endedAt": record.ended_at,
            "suggestions": listed,
        }),
    ))
}

async fn queue_insights(app: &App, request: &Request) -> Result<Response<Body>, Failure> {
    let query = request.query_string_parameters();
    let queue = match query.first("queueId") {
        None | Some("") => None,
        Some(q) => Some(Uuid::try_parse(q).map_err(|_| Failure::Invalid {
            field: "queueId",
            reason: "must be a UUID".into(),
        })?),
    };
    let now = Utc::now();
    let to = month_param(query.first("to"), "to")?.unwrap_or(MonthKey {
        year: now.year(),
        month: now.month(),
    });
    let from = month_param(query.first("from"), "from")?.unwrap_or_else(|| months_before(to, 2));
    let span = (to.year - from.year) * 12 + to.month as i32 - from.month as i32;
    if span < 0 {
        return Err(Failure::Invalid {
            field: "from",
            reason: "must not be after to".into(),
        });
    }
    if span >= MAX_MONTHS {
        return Err(Failure::Invalid {
            field: "from",
            reason: format!("the range may span at most {MAX_MONTHS} months"),
        });
    }
    let answer = insights(app.store.as_ref(), queue, from, to)
        .await
        .map_err(Failure::Store)?;
    let body =
        serde_json::to_value(&answer).map_err(|e| Failure::Store(StoreError::Malformed(e.to_string())))?;
    Ok(json_response(StatusCode::OK, &body))
}

/// A webhook event: authenticated, checked like an EventBridge one, and put on assist-events in
/// EventBridge's shape (the configured source, the topic's template as `detail-type`), so the
/// queue's consumer reads one shape; 202 once queued.
async fn webhook_event(app: &App, request: &Request) -> Result<Response<Body>, Failure> {
    let body = request.body().as_ref();
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    app.config
        .webhook
        .authenticate(header, body, Utc::now().timestamp())
        .map_err(Failure::Unauthorized)?;
    let value: Value = serde_json::from_slice(body).map_err(|_| Failure::Invalid {
        field: "body",
        reason: "must be a JSON object {topicName, version, eventBody}".into(),
    })?;
    let envelope = envelope::from_webhook(&value).map_err(invalid_event)?;
    if let Parsed::Unknown { topic, version } = event::parse(&envelope).map_err(invalid_event)? {
        info!(topic = %topic, version = %version, metric = "UnknownTopic", "webhook event of a topic this build does not read");
        return Ok(json_response(
            StatusCode::ACCEPTED,
            &json!({"status": "ignored", "reason": "a topic or version this deployment does not read"}),
        ));
    }
    let detail_type = topic::template_of(&envelope.topic_name).unwrap_or_default();
    let mut detail = value;
    detail["metadata"] = json!({"trust": app.config.webhook.mode.trust()});
    let event = json!({
        "version": "0",
        "id": uuid::Uuid::new_v4(),
        "detail-type": detail_type,
        "source": app.config.source.event_source,
        "account": app.config.source.account.clone().unwrap_or_default(),
        "time": Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "region": "",
        "resources": [],
        "detail": detail,
    });
    app.events.send(&event.to_string(), &[]).await.map_err(|err| {
        warn!(error = %err, "could not queue a webhook event");
        Failure::Queue
    })?;
    Ok(json_response(StatusCode::ACCEPTED, &json!({"status": "queued"})))
}

/// A refused event's field, as the webhook's caller names it (the envelope's own fields).
fn invalid_event(err: EventError) -> Failure {
    match err {
        EventError::Malformed { field, reason } => {
            let named = if field.starts_with("eventBody") {
                "eventBody"
            } else if field.contains("topicName") {
                "topicName"
            } else if field == "version" {
                "version"
            } else {
                "body"
            };
            Failure::Invalid {
                field: named,
                reason: format!("{field} {reason}"),
            }
        }
        EventError::ForeignSource => Failure::Unauthorized("the event's source is not this deployment's"),
    }
}

/// `YYYY-MM` or `YYYY-MM-DD` (its month).
fn month_param(value: Option<&str>, field: &'static str) -> Result<Option<MonthKey>, Failure> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let month = value.get(..7).filter(|_| value.len() == 7 || value.len() == 10);
    let parsed = month
        .and_then(MonthKey::parse)
        .filter(|m| (2000..=2100).contains(&m.year));
    let day_ok = value.len() == 7 || chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok();
    match parsed {
        Some(m) if day_ok => Ok(Some(m)),
        _ => Err(Failure::Invalid {
            field,
            reason: "must be a month (YYYY-MM) or a date (YYYY-MM-DD)".into(),
        }),
    }
}

fn months_before(month: MonthKey, n: i32) -> MonthKey {
    let index = month.year * 12 + month.month as i32 - 1 - n;
    MonthKey {
        year: index.div_euclid(12),
        month: (index.rem_euclid(12) + 1) as u32,
    }
}

fn failure(failure: Failure) -> Response<Body> {
    match failure {
        Failure::Invalid { field, reason } => json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "invalid_request", "message": format!("{field} {reason}"),
                    "errors": [{"field": field, "reason": reason}]}),
        ),
        Failure::NotFound(code) => json_response(
            StatusCode::NOT_FOUND,
            &json!({"error": code, "message": match code {
                "conversation_not_found" => "No Agent Assist event has been received for this conversation.",
                _ => "No such route. Use GET /assist/conversations/{conversationId}/suggestions or GET /assist/insights.",
            }}),
        ),
        Failure::WrongMethod(allowed) => {
            let mut response = json_response(
                StatusCode::METHOD_NOT_ALLOWED,
                &json!({"error": "method_not_allowed", "message": format!("use {allowed}")}),
            );
            response
                .headers_mut()
                .insert(header::ALLOW, header::HeaderValue::from_static(allowed));
            response
        }
        Failure::Unauthorized(reason) => {
            warn!(security = true, reason, "webhook request refused");
            json_response(
                StatusCode::UNAUTHORIZED,
                &json!({"error": "unauthorized", "message": reason}),
            )
        }
        Failure::Queue => json_response(
            StatusCode::SERVICE_UNAVAILABLE,
            &json!({"error": "temporarily_unavailable", "message": "The event could not be queued; send it again."}),
        ),
        Failure::Store(err) => {
            // The cause stays in the logs; the caller may retry.
            warn!(error = %err, "store failed");
            let mut response = json_response(
                StatusCode::SERVICE_UNAVAILABLE,
                &json!({"error": "temporarily_unavailable", "message": "Try again shortly."}),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
            response
        }
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::Text(body.to_string()))
        .unwrap_or_else(|_| Response::new(Body::Empty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_and_counted_back() {
        assert_eq!(
            month_param(Some("2026-03"), "from").ok().flatten(),
            MonthKey::parse("2026-03")
        );
        assert_eq!(
            month_param(Some("2026-03-31"), "from").ok().flatten(),
            MonthKey::parse("2026-03")
        );
        for bad in [
            "2026-3",
            "2026-02-30",
            "26-03",
            "2026-13",
            "march",
            "2026-03-01T00:00",
        ] {
            assert!(month_param(Some(bad), "from").is_err(), "{bad}");
        }
        assert_eq!(
            months_before(MonthKey { year: 2026, month: 2 }, 2),
            MonthKey {
                year: 2025,
                month: 12
            }
        );
    }
}
