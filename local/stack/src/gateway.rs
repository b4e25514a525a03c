//! The local stand-in for API Gateway and the SQS event source mapping: HTTP requests become API
//! Gateway v2 events and SQS messages become SQS events, handed to the functions' real handlers.
//!
//! The HTTP side is the template's `SummaryApi` as API Gateway serves it: each route of the
//! functions' `HttpApi` events (method, path template, authorizer and scopes, or `NONE`) goes to
//! the function that declares it, after the same JWT check; a request no route matches is 404
//! `{"message":"Not Found"}`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use base64::Engine;
use lambda_runtime::{Context as LambdaContext, LambdaEvent};
use serde_json::{Value, json};
use summary_api::{App, FunctionConfig};
use tokio::task::JoinHandle;
use tracing::warn;
use wrapup_testkit::{PollerOptions, poll};

use crate::assist::ASSIST_BUDGET;
use crate::auth::{API_LOGICAL_ID, Admitted, Denied, LocalAuthorizer, LocalIssuer};
use crate::stack::{LocalEnv, function_vars, lambda_context_for};

/// The summary-api configured against the local stack: simulator, moto, and the simulator's
/// OpenAI-compatible endpoint as the `llm` source.
pub fn summary_api_config(env: &LocalEnv) -> Result<FunctionConfig> {
    let vars = summary_api_vars(env)?;
    FunctionConfig::from_lookup(|name| vars.get(name).cloned()).context("summary-api configuration")
}

/// summary-api's environment variables against the local stack.
pub fn summary_api_vars(env: &LocalEnv) -> Result<BTreeMap<String, String>> {
    function_vars(
        env,
        "SummaryApiFunction",
        [
            ("WRAPUP_LLM_BASE_URL", format!("{}/v1/", env.genesys_base_url)),
            ("WRAPUP_LLM_MODEL", "genesys-sim-llm".to_owned()),
            ("WRAPUP_LLM_API_KEY", "local-llm-key".to_owned()),
            // Example prices (US dollars per 1,000 tokens), so the demo's LlmCost is not zero.
            ("WRAPUP_LLM_PROMPT_PRICE_PER_1K", "0.003".to_owned()),
            ("WRAPUP_LLM_COMPLETION_PRICE_PER_1K", "0.015".to_owned()),
        ],
    )
}

/// crm-sync configured against the local stack: the simulator's signed-webhook receiver and its
/// Data Action endpoint as the CRM.
pub fn crm_sync_config(env: &LocalEnv) -> Result<crm_sync::FunctionConfig> {
    let vars = crm_sync_vars(env)?;
    crm_sync::FunctionConfig::from_lookup(|name| vars.get(name).cloned()).context("crm-sync configuration")
}

/// crm-sync's environment variables against the local stack.
pub fn crm_sync_vars(env: &LocalEnv) -> Result<BTreeMap<String, String>> {
    function_vars(
        env,
        "CrmSyncFunction",
        [
            ("WRAPUP_CRM_TARGETS", "webhook,dataAction".to_owned()),
            ("WRAPUP_CRM_DATA_ACTION_ID", "custom_-_crm-case-update".to_owned()),
            (
                "WRAPUP_CRM_WEBHOOK_URL",
                format!("{}/_sim/crm/webhook", env.genesys_base_url),
            ),
            ("WRAPUP_CRM_WEBHOOK_SECRET", "local-webhook-secret".to_owned()),
            ("WRAPUP_CRM_RETRY_BASE_MS", "1000".to_owned()),
        ],
    )
}

/// archive-miner configured against the local stack: the simulator as Genesys and as the dashboard.
pub fn archive_miner_config(env: &LocalEnv) -> Result<archive_miner::FunctionConfig> {
    let vars = archive_miner_vars(env)?;
    archive_miner::FunctionConfig::from_lookup(|name| vars.get(name).cloned())
        .context("archive-miner configuration")
}

/// archive-miner's environment variables against the local stack.
pub fn archive_miner_vars(env: &LocalEnv) -> Result<BTreeMap<String, String>> {
    function_vars(
        env,
        "ArchiveMinerFunction",
        [
            (
                "WRAPUP_DASHBOARD_URL",
                format!("{}/_sim/dashboard/reports", env.genesys_base_url),
            ),
            ("WRAPUP_DASHBOARD_TOKEN", "local-dashboard-token".to_owned()),
            ("GENESYS_RATE_LIMIT_WINDOW_SECS", env.rate_window_secs.to_string()),
        ],
    )
}

/// Pollers on the mining-work queue: the function's concurrency in the local stack.
const MINING_WORKERS: usize = 4;

/// The functions of template.yaml the local gateway runs behind HTTP API routes.
pub const HTTP_FUNCTIONS: [&str; 2] = ["SummaryApiFunction", "AssistCallbackFunction"];

/// A function behind the HTTP API, with its App.
#[derive(Clone)]
enum HttpFunction {
    SummaryApi(Arc<App>),
    AssistCallback(Arc<assist_callback::App>),
}

impl HttpFunction {
    /// One invocation with an API Gateway v2 event, as Lambda would make it.
    async fn invoke(&self, event: Value) -> Result<Value, lambda_runtime::Error> {
        match self {
            Self::SummaryApi(app) => summary_api::dispatch(app, lambda_event(event)).await,
            Self::AssistCallback(app) => {
                assist_callback::dispatch(app, event, &lambda_context_for(ASSIST_BUDGET)).await
            }
        }
    }
}

/// Every route of the API invokes one of the functions in `runs`; otherwise the gateway would
/// answer a declared route with an error, so it does not start.
pub(crate) fn check_routes(authorizer: &LocalAuthorizer, runs: &[&str]) -> Result<()> {
    for route in authorizer.routes() {
        if !runs.contains(&route.function.as_str()) {
            anyhow::bail!(
                "template.yaml routes {} to {}, which the local gateway does not run (it runs {})",
                route.route_key(),
                route.function,
                runs.join(", ")
            );
        }
    }
    Ok(())
}

/// What the HTTP side of the gateway holds: API Gateway's routes and authorizer, then the
/// functions by logical id.
struct Front {
    functions: BTreeMap<&'static str, HttpFunction>,
    authorizer: LocalAuthorizer,
}

pub struct Gateway {
    pub addr: SocketAddr,
    server: JoinHandle<()>,
    pollers: Vec<JoinHandle<()>>,
}

impl Gateway {
    /// Serves the HTTP API (summary-api's and assist-callback's routes) on `port` and drains the summary-jobs, crm-sync, assist-events and
    /// mining-work queues.
    pub async fn start(env: &LocalEnv, port: u16) -> Result<Self> {
        let aws = wrapup_testkit::LocalAws::new(env.moto_url.clone())
            .sdk_config()
            .await;
        let app = Arc::new(
            App::from_config(summary_api_config(env)?, &aws)
                .await?
                .with_metrics(env.metrics_for(summary_api::metrics::FUNCTION_NAME)),
        );
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .with_context(|| {
                format!("binding the local gateway to 127.0.0.1:{port} (in use? set WRAPUP_LOCAL_PORT)")
            })?;
        let addr = listener.local_addr()?;
        let template = wrapup_template::Template::load()?;
        let authorizer =
            LocalAuthorizer::from_template(&template, API_LOGICAL_ID, &LocalIssuer::load_or_create()?)
                .context("the local JWT authorizer")?;
        check_routes(&authorizer, &HTTP_FUNCTIONS)?;
        let assist = crate::assist::assist_callback_app(env, &aws).await?;
        let functions = BTreeMap::from([
            ("SummaryApiFunction", HttpFunction::SummaryApi(Arc::clone(&app))),
            (
                "AssistCallbackFunction",
                HttpFunction::AssistCallback(Arc::clone(&assist)),
            ),
        ]);
        let front = Arc::new(Front {
            functions,
            authorizer,
        });
        let router = axum::Router::new().fallback(forward).with_state(front);
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
        let crm = Arc::new(
            crm_sync::App::from_config(crm_sync_config(env)?, &aws)
                .await?
                .with_metrics(env.metrics_for(crm_sync::metrics::FUNCTION_NAME)),
        );
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
        let miner = Arc::new(
            archive_miner::App::from_config(archive_miner_config(env)?, &aws)
                .await?
                .with_metrics(env.metrics_for(archive_miner::metrics::FUNCTION_NAME)),
        );
        let mining_url = env
            .queue_urls
            .get("MiningWorkQueue")
            .cloned()
            .context("template.yaml has no MiningWorkQueue")?;
        let mining_handler = move |event: Value| {
            let miner = Arc::clone(&miner);
            async move {
                let context = lambda_context_for(Duration::from_secs(120));
                archive_miner::handle(&miner, event, &context)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))
            }
        };
        let options = |batch_size| PollerOptions {
            batch_size,
            ..PollerOptions::default()
        };
        let mut pollers = vec![
            tokio::spawn(poll(sqs.clone(), jobs_url, options(5), jobs_handler)),
            tokio::spawn(poll(sqs.clone(), crm_queue, options(10), crm_handler)),
        ];
        pollers.push(crate::assist::start_poller(env, &aws, assist)?);
        // Several pollers stand in for the function's concurrency on the mining-work queue.
        for _ in 0..MINING_WORKERS {
            let handler = mining_handler.clone();
            pollers.push(tokio::spawn(poll(
                sqs.clone(),
                mining_url.clone(),
                options(5),
                handler,
            )));
        }
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

/// One HTTP request -> API Gateway's route match and JWT authorizer -> one HTTP API (v2) event ->
/// the route's function -> the HTTP answer.
async fn forward(
    State(front): State<Arc<Front>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let admitted = match front
        .authorizer
        .authorize(method.as_str(), uri.path(), header, now)
    {
        Ok(admitted) => admitted,
        Err(denied) => return refused(&denied),
    };
    let Some(function) = front.functions.get(admitted.function.as_str()) else {
        // check_routes at start makes this unreachable; API Gateway's answer for a broken
        // integration otherwise.
        warn!(function = %admitted.function, "no such function in the local gateway");
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"message":"Internal Server Error"}"#,
        );
    };
    let event = http_event(&method, &uri, &headers, &body, admitted);
    let answer = match function.invoke(event).await {
        Ok(answer) => answer,
        Err(err) => {
            warn!(error = %err, "the function failed");
            return plain(StatusCode::BAD_GATEWAY, "the function failed; see the logs");
        }
    };
    http_answer(&answer)
}

/// The HTTP API (payload 2.0) event API Gateway hands a function for an admitted request: the
/// template's route key, the path parameters, the raw and the parsed query string, the headers
/// (lower-case, repeated ones joined with commas, cookies apart), the authorizer's claims.
pub(crate) fn http_event(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    admitted: Admitted,
) -> Value {
    let mut headers_json = serde_json::Map::new();
    let mut cookies: Vec<Value> = Vec::new();
    for (name, value) in headers {
        let Ok(value) = value.to_str() else { continue };
        if name == axum::http::header::COOKIE {
            cookies.extend(
                value
                    .split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(|c| json!(c)),
            );
            continue;
        }
        match headers_json.get_mut(name.as_str()) {
            Some(Value::String(joined)) => {
                joined.push(',');
                joined.push_str(value);
            }
            _ => {
                headers_json.insert(name.as_str().to_owned(), json!(value));
            }
        }
    }
    let path = uri.path();
    let raw_query = uri.query().unwrap_or("");
    let mut query = serde_json::Map::new();
    for (name, value) in url::form_urlencoded::parse(raw_query.as_bytes()) {
        match query.get_mut(name.as_ref()) {
            Some(Value::String(joined)) => {
                joined.push(',');
                joined.push_str(&value);
            }
            _ => {
                query.insert(name.into_owned(), json!(value));
            }
        }
    }
    let now = chrono::Utc::now();
    let mut request_context = json!({
        "accountId": "000000000000", "apiId": "local", "stage": "$default", "requestId": uuid::Uuid::new_v4().to_string(),
        "routeKey": admitted.route_key,
        "domainName": "localhost", "domainPrefix": "localhost",
        "time": now.format("%d/%b/%Y:%H:%M:%S %z").to_string(), "timeEpoch": now.timestamp_millis(),
        "http": {"method": method.as_str(), "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                 "userAgent": headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("")}
    });
    if let Some(authorizer) = admitted.authorizer {
        request_context["authorizer"] = authorizer;
    }
    let (body, encoded) = match std::str::from_utf8(body) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (base64::engine::general_purpose::STANDARD.encode(body), true),
    };
    let mut event = json!({
        "version": "2.0",
        "routeKey": admitted.route_key,
        "rawPath": path,
        "rawQueryString": raw_query,
        "headers": headers_json,
        "requestContext": request_context,
        "body": body,
        "isBase64Encoded": encoded
    });
    if !admitted.path_parameters.is_empty() {
        event["pathParameters"] = Value::Object(admitted.path_parameters);
    }
    if !query.is_empty() {
        event["queryStringParameters"] = Value::Object(query);
    }
    if !cookies.is_empty() {
        event["cookies"] = Value::Array(cookies);
    }
    event
}

/// A function's answer (payload 2.0 response) as the HTTP response API Gateway sends.
fn http_answer(answer: &Value) -> Response {
    let status = answer["statusCode"]
        .as_u64()
        .and_then(|s| StatusCode::from_u16(s as u16).ok())
        .unwrap_or(StatusCode::BAD_GATEWAY);
    let text = answer["body"].as_str().unwrap_or_default();
    let body = if answer["isBase64Encoded"].as_bool() == Some(true) {
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap_or_default()
    } else {
        text.as_bytes().to_vec()
    };
    let mut response = Response::new(Body::from(body));
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
    for cookie in answer["cookies"].as_array().into_iter().flatten() {
        if let Some(Ok(value)) = cookie.as_str().map(HeaderValue::from_str) {
            response
                .headers_mut()
                .append(axum::http::header::SET_COOKIE, value);
        }
    }
    response
}

/// API Gateway's own answer when the route or the authorizer refuses a request.
fn refused(denied: &Denied) -> Response {
    let (status, body, www_authenticate) = denied.answer();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN);
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    if let Some(value) = www_authenticate.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert("www-authenticate", value);
    }
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response
}

fn lambda_context() -> LambdaContext {
    lambda_context_for(Duration::from_secs(60))
}

fn lambda_event(payload: Value) -> LambdaEvent<Value> {
    LambdaEvent::new(payload, lambda_context())
}

#[cfg(test)]
#[path = "gateway_tests.rs"]
mod tests;
