//! A keep-alive front for moto: moto (Werkzeug's development server) answers every request with
//! `Connection: close`, so a function talking to it opens a TCP connection per SDK call, which
//! DynamoDB and SQS, keeping connections alive, never make it do. `make bench-request` points
//! the functions here, so their CPU is what it would be against AWS; the reconnecting is this
//! process's.

use std::net::SocketAddr;

use anyhow::Result;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tokio::task::JoinHandle;

use crate::runtime_api::serve_on_loopback;

/// Hop-by-hop headers, which a proxy does not forward.
const HOP_BY_HOP: [&str; 4] = ["connection", "keep-alive", "transfer-encoding", "content-length"];

#[derive(Clone)]
struct Upstream {
    base: String,
    client: reqwest::Client,
}

/// A running front on a free loopback port.
pub struct KeepAliveFront {
    addr: SocketAddr,
    server: JoinHandle<()>,
}

impl KeepAliveFront {
    /// Forwards every request to `upstream` (moto's URL).
    pub async fn start(upstream: &str) -> Result<Self> {
        let state = Upstream {
            base: upstream.trim_end_matches('/').to_owned(),
            client: reqwest::Client::new(),
        };
        let router = Router::new().fallback(forward).with_state(state);
        let (addr, server) = serve_on_loopback(router, "the keep-alive front").await?;
        Ok(Self { addr, server })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for KeepAliveFront {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn forward(
    State(upstream): State<Upstream>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut request = upstream
        .client
        .request(method, format!("{}{path}", upstream.base))
        .body(body);
    for (name, value) in &headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            request = request.header(name, value);
        }
    }
    let answer = match request.send().await {
        Ok(answer) => answer,
        Err(_) => return StatusCode::BAD_GATEWAY.into_response(),
    };
    let status = answer.status();
    let mut out = HeaderMap::new();
    for (name, value) in answer.headers() {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            out.append(name, value.clone());
        }
    }
    match answer.bytes().await {
        Ok(bytes) => (status, out, Body::from(bytes)).into_response(),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}
