//! The local stand-in for API Gateway and the SQS event source mapping: HTTP requests become API
//! Gateway v2 events and SQS messages become SQS events, handed to the functions' real handlers.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use lambda_runtime::{Context as LambdaContext, LambdaEvent};
use serde_json::{Value, json};
use summary_api::{App, FunctionConfig};
use tokio::task::JoinHandle;
use tracing::{info, warn};

use crate::stack::LocalEnv;

/// The summary-api configured against the local stack: simulator, moto, and the simulator's
/// OpenAI-compatible endpoint as the `llm` source.
pub fn summary_api_config(env: &LocalEnv) -> Result<FunctionConfig> {
    let table = |id: &str| {
        env.tables
            .iter()
            .find(|t| t.logical_id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let queue = |id: &str| env.queue_urls.get(id).cloned().unwrap_or_default();
    let vars: HashMap<&str, String> = HashMap::from([
        ("GENESYS_CLIENT_ID", "local-client".to_owned()),
        ("GENESYS_CLIENT_SECRET", "local-secret".to_owned()),
        ("GENESYS_API_BASE_URL", env.genesys_base_url.clone()),
        ("GENESYS_LOGIN_BASE_URL", env.genesys_base_url.clone()),
        ("WRAPUP_TOKEN_TABLE", env.token_table.clone()),
        ("WRAPUP_AUDIT_TABLE", env.audit_table.clone()),
        ("WRAPUP_SUMMARY_TABLE", table("SummaryStateTable")),
        ("WRAPUP_SUMMARY_JOBS_QUEUE_URL", queue("SummaryJobsQueue")),
        ("WRAPUP_CRM_SYNC_QUEUE_URL", queue("CrmSyncQueue")),
        ("WRAPUP_LLM_BASE_URL", format!("{}/v1/", env.genesys_base_url)),
        ("WRAPUP_LLM_MODEL", "genesys-sim-llm".to_owned()),
        ("WRAPUP_LLM_API_KEY", "local-llm-key".to_owned()),
    ]);
    FunctionConfig::from_lookup(|name| vars.get(name).cloned()).context("summary-api configuration")
}

/// crm-sync configured against the local stack: the simulator's signed-webhook receiver and its
/// Data Action endpoint as the CRM.
pub fn crm_sync_config(env: &LocalEnv) -> Result<crm_sync::FunctionConfig> {
    let table = |id: &str| {
        env.tables
            .iter()
            .find(|t| t.logical_id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let queue = |id: &str| env.queue_urls.get(id).cloned().unwrap_or_default();
    let vars: HashMap<&str, String> = HashMap::from([
        ("GENESYS_CLIENT_ID", "local-client".to_owned()),
        ("GENESYS_CLIENT_SECRET", "local-secret".to_owned()),
        ("GENESYS_API_BASE_URL", env.genesys_base_url.clone()),
        ("GENESYS_LOGIN_BASE_URL", env.genesys_base_url.clone()),
        ("WRAPUP_TOKEN_TABLE", env.token_table.clone()),
        ("WRAPUP_AUDIT_TABLE", env.audit_table.clone()),
        ("WRAPUP_SUMMARY_TABLE", table("SummaryStateTable")),
        ("WRAPUP_CRM_DELIVERY_TABLE", table("CrmDeliveryTable")),
        ("WRAPUP_CRM_SYNC_QUEUE_URL", queue("CrmSyncQueue")),
        ("WRAPUP_CRM_SYNC_DLQ_URL", queue("CrmSyncDLQ")),
        ("WRAPUP_CRM_TARGETS", "webhook,dataAction".to_owned()),
        ("WRAPUP_CRM_DATA_ACTION_ID", "custom_-_crm-case-update".to_owned()),
        (
            "WRAPUP_CRM_WEBHOOK_URL",
            format!("{}/_sim/crm/webhook", env.genesys_base_url),
        ),
        ("WRAPUP_CRM_WEBHOOK_SECRET", "local-webhook-secret".to_owned()),
        ("WRAPUP_CRM_RETRY_BASE_MS", "1000".to_owned()),
    ]);
    crm_sync::FunctionConfig::from_lookup(|name| vars.get(name).cloned()).context("crm-sync configuration")
}

pub struct Gateway {
    pub addr: SocketAddr,
    server: JoinHandle<()>,
    pollers: Vec<JoinHandle<()>>,
}

impl Gateway {
    /// Serves the summary API on `port` and drains the summary-jobs queue.
    pub async fn start(env: &LocalEnv, port: u16) -> Result<Self> {
        let aws = wrapup_testkit::LocalAws::new(env.moto_url.clone())
            .sdk_config()
            .await;
        let app = Arc::new(App::from_config(summary_api_config(env)?, &aws).await?);
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .with_context(|| {
                format!("binding the local gateway to 127.0.0.1:{port} (in use? set WRAPUP_LOCAL_PORT)")
            })?;
        let addr = listener.local_addr()?;
        let router = axum::Router::new().fallback(forward).with_state(Arc::clone(&app));
        let server = tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, router).await {
                warn!(error = %err, "local gateway stopped");
            }
        });
        let sqs = aws_sdk_sqs::Client::new(&aws);
        let jobs_url = env
            .queue_urls
            .get("SummaryJobsQueue")
            .cloned()
            .context("template.yaml has no SummaryJobsQueue")?;
        let crm_url = env
            .queue_urls
            .get("CrmSyncQueue")
            .cloned()
            .context("template.yaml has no CrmSyncQueue")?;
        let crm = Arc::new(crm_sync::App::from_config(crm_sync_config(env)?, &aws).await?);
        let crm_queue = crm_url.clone();
        let crm_handler = move |event: Value| {
            let crm = Arc::clone(&crm);
            async move {
                let batch = serde_json::from_value(event)?;
                let response = crm_sync::handle_batch(&crm, batch, &lambda_context()).await;
                Ok::<Value, anyhow::Error>(serde_json::to_value(response)?)
            }
        };
        let jobs_handler = move |event: Value| {
            let app = Arc::clone(&app);
            async move {
                summary_api::dispatch(&app, lambda_event(event))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))
            }
        };
        let pollers = vec![
            tokio::spawn(poll(sqs.clone(), jobs_url, 5, jobs_handler)),
            tokio::spawn(poll(sqs, crm_queue, 10, crm_handler)),
        ];
        Ok(Self {
            addr,
            server,
            pollers,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stop(self) {
        self.server.abort();
        for poller in self.pollers {
            poller.abort();
        }
    }
}

/// One HTTP request -> one API Gateway HTTP API (v2) event -> the function -> the HTTP answer.
async fn forward(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let headers_json: serde_json::Map<String, Value> = headers
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_owned(), Value::String(v.to_str().ok()?.to_owned()))))
        .collect();
    let path = uri.path().to_owned();
    let event = json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": uri.query().unwrap_or(""),
        "headers": headers_json,
        "requestContext": {
            "accountId": "000000000000", "apiId": "local", "stage": "$default", "requestId": uuid::Uuid::new_v4().to_string(),
            // Locally there is no JWT authorizer; the caller is recorded as the local developer.
            "authorizer": {"jwt": {"claims": {"sub": "local-developer"}, "scopes": []}},
            "domainName": "localhost", "time": "", "timeEpoch": 0,
            "http": {"method": method.as_str(), "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": ""}
        },
        "body": String::from_utf8_lossy(&body),
        "isBase64Encoded": false
    });
    let answer = match summary_api::dispatch(&app, lambda_event(event)).await {
        Ok(answer) => answer,
        Err(err) => {
            warn!(error = %err, "the function failed");
            return plain(StatusCode::BAD_GATEWAY, "the function failed; see the logs");
        }
    };
    let status = answer["statusCode"]
        .as_u64()
        .and_then(|s| StatusCode::from_u16(s as u16).ok())
        .unwrap_or(StatusCode::BAD_GATEWAY);
    let mut response = Response::new(Body::from(answer["body"].as_str().unwrap_or_default().to_owned()));
    *response.status_mut() = status;
    if let Some(map) = answer["headers"].as_object() {
        for (name, value) in map {
            if let (Ok(name), Some(Ok(value))) = (
                HeaderName::try_from(name.as_str()),
                value.as_str().map(HeaderValue::from_str),
            ) {
                response.headers_mut().insert(name, value);
            }
        }
    }
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response
}

fn lambda_context() -> LambdaContext {
    let mut context = LambdaContext::default();
    context.deadline = (chrono::Utc::now() + chrono::Duration::seconds(60)).timestamp_millis() as u64;
    context.request_id = uuid::Uuid::new_v4().to_string();
    context
}

fn lambda_event(payload: Value) -> LambdaEvent<Value> {
    LambdaEvent::new(payload, lambda_context())
}

/// The SQS event source mapping: batches of up to `batch`, `ReportBatchItemFailures` honoured.
async fn poll<F, Fut>(sqs: aws_sdk_sqs::Client, url: String, batch: i32, handler: F)
where
    F: Fn(Value) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Value>>,
{
    let name = url.rsplit('/').next().unwrap_or_default().to_owned();
    loop {
        let received = sqs
            .receive_message()
            .queue_url(&url)
            .max_number_of_messages(batch)
            .wait_time_seconds(1)
            .message_system_attribute_names(
                aws_sdk_sqs::types::MessageSystemAttributeName::ApproximateReceiveCount,
            )
            .send()
            .await;
        let messages = match received {
            Ok(out) => out.messages.unwrap_or_default(),
            Err(err) => {
                warn!(queue = %name, error = %err, "receiving from the queue failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if messages.is_empty() {
            continue;
        }
        let records: Vec<Value> = messages
            .iter()
            .map(|m| {
                let count = m
                    .attributes()
                    .and_then(|a| a.get(&aws_sdk_sqs::types::MessageSystemAttributeName::ApproximateReceiveCount))
                    .cloned()
                    .unwrap_or_else(|| "1".to_owned());
                json!({"messageId": m.message_id(), "receiptHandle": m.receipt_handle(), "body": m.body(),
                       "attributes": {"ApproximateReceiveCount": count}, "messageAttributes": {},
                       "eventSource": "aws:sqs", "eventSourceARN": format!("arn:aws:sqs:us-east-1:000000000000:{name}"), "awsRegion": "us-east-1"})
            })
            .collect();
        let failed: Vec<String> = match handler(json!({"Records": records})).await {
            Ok(answer) => answer["batchItemFailures"]
                .as_array()
                .map(|f| {
                    f.iter()
                        .filter_map(|i| i["itemIdentifier"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            Err(err) => {
                warn!(queue = %name, error = %err, "the function failed on a batch");
                messages
                    .iter()
                    .filter_map(|m| m.message_id().map(str::to_owned))
                    .collect()
            }
        };
        for message in &messages {
            let keep = message
                .message_id()
                .is_some_and(|id| failed.iter().any(|f| f == id));
            if let (false, Some(handle)) = (keep, message.receipt_handle()) {
                if let Err(err) = sqs
                    .delete_message()
                    .queue_url(&url)
                    .receipt_handle(handle)
                    .send()
                    .await
                {
                    warn!(queue = %name, error = %err, "deleting a processed message failed");
                }
            }
        }
        info!(queue = %name, received = messages.len(), failed = failed.len(), "batch");
    }
}
