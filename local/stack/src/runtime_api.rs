//! A local Lambda Runtime API (the interface a custom runtime polls, `2018-06-01`): a function's
//! release binary runs as its own process against it, exactly as in a Lambda sandbox, so its
//! cold start, CPU and memory can be read from `/proc` (`make bench-request`).
//!
//! `GET /runtime/invocation/next` hands out one event at a time; `POST .../{id}/response` and
//! `.../{id}/error` answer it; `POST /runtime/init/error` reports a failed init.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use tokio::sync::{Mutex, mpsc, oneshot, watch};
use tokio::task::JoinHandle;

/// How long a function may take over one event before the invocation is given up.
const INVOCATION_TIMEOUT: Duration = Duration::from_secs(30);

/// What the function answered to one event.
#[derive(Debug)]
pub enum Outcome {
    Response(Value),
    Error(String),
}

struct Pending {
    event: Value,
    answer: oneshot::Sender<Outcome>,
}

struct Shared {
    events: Mutex<mpsc::Receiver<Pending>>,
    waiting: Mutex<HashMap<String, oneshot::Sender<Outcome>>>,
    /// When the function first asked for an event (its init is over), or why its init failed.
    ready: watch::Sender<Option<Result<Instant, String>>>,
    counter: std::sync::atomic::AtomicU64,
}

/// A running Runtime API on a free loopback port.
pub struct RuntimeApi {
    addr: SocketAddr,
    events: mpsc::Sender<Pending>,
    ready: watch::Receiver<Option<Result<Instant, String>>>,
    server: JoinHandle<()>,
}

impl RuntimeApi {
    pub async fn start() -> Result<Self> {
        let (events, receiver) = mpsc::channel(1);
        let (ready, ready_rx) = watch::channel(None);
        let shared = Arc::new(Shared {
            events: Mutex::new(receiver),
            waiting: Mutex::new(HashMap::new()),
            ready,
            counter: std::sync::atomic::AtomicU64::new(0),
        });
        let router = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next))
            .route("/2018-06-01/runtime/invocation/{id}/response", post(response))
            .route("/2018-06-01/runtime/invocation/{id}/error", post(error))
            .route("/2018-06-01/runtime/init/error", post(init_error))
            .with_state(shared);
        let (addr, server) = serve_on_loopback(router, "the local Runtime API").await?;
        Ok(Self {
            addr,
            events,
            ready: ready_rx,
            server,
        })
    }

    /// The value of `AWS_LAMBDA_RUNTIME_API`.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// Waits until the function asks for its first event: the moment its init is over.
    pub async fn ready(&mut self, timeout: Duration) -> Result<Instant> {
        let state = tokio::time::timeout(timeout, self.ready.wait_for(Option::is_some))
            .await
            .context("the function did not finish its init in time")?
            .context("the Runtime API stopped")?
            .clone();
        match state {
            Some(Ok(at)) => Ok(at),
            Some(Err(reason)) => bail!("the function's init failed: {reason}"),
            None => bail!("the function never asked for an event"),
        }
    }

    /// Hands `event` to the function and waits for its answer.
    pub async fn invoke(&self, event: Value) -> Result<Outcome> {
        let (answer, outcome) = oneshot::channel();
        self.events
            .send(Pending { event, answer })
            .await
            .context("the Runtime API stopped")?;
        tokio::time::timeout(INVOCATION_TIMEOUT, outcome)
            .await
            .context("the function did not answer in time")?
            .context("the function went away without answering")
    }
}

/// Serves `router` on a free loopback port until the task is aborted; `what` names it in errors.
pub(crate) async fn serve_on_loopback(router: Router, what: &str) -> Result<(SocketAddr, JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .with_context(|| format!("binding {what}"))?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Ok((addr, server))
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn next(State(shared): State<Arc<Shared>>) -> Response {
    shared.ready.send_if_modified(|state| {
        let first = state.is_none();
        if first {
            *state = Some(Ok(Instant::now()));
        }
        first
    });
    let Some(Pending { event, answer }) = shared.events.lock().await.recv().await else {
        return StatusCode::GONE.into_response();
    };
    let n = shared.counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let id = format!("bench-{n:08}");
    shared.waiting.lock().await.insert(id.clone(), answer);
    let deadline = SystemTime::now()
        .checked_add(INVOCATION_TIMEOUT)
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_millis());
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    };
    set("lambda-runtime-aws-request-id", id);
    set("lambda-runtime-deadline-ms", deadline.to_string());
    set(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:us-east-1:123456789012:function:bench".to_owned(),
    );
    set(
        "lambda-runtime-trace-id",
        "Root=1-00000000-000000000000000000000000;Sampled=0".to_owned(),
    );
    (headers, axum::Json(event)).into_response()
}

async fn response(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> StatusCode {
    let value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    answer(&shared, &id, Outcome::Response(value)).await
}

async fn error(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> StatusCode {
    answer(
        &shared,
        &id,
        Outcome::Error(String::from_utf8_lossy(&body).into_owned()),
    )
    .await
}

async fn init_error(State(shared): State<Arc<Shared>>, body: Bytes) -> StatusCode {
    let reason = String::from_utf8_lossy(&body).into_owned();
    shared.ready.send_replace(Some(Err(reason)));
    StatusCode::ACCEPTED
}

async fn answer(shared: &Shared, id: &str, outcome: Outcome) -> StatusCode {
    match shared.waiting.lock().await.remove(id) {
        Some(sender) => {
            let _ = sender.send(outcome);
            StatusCode::ACCEPTED
        }
        None => StatusCode::NOT_FOUND,
    }
}
