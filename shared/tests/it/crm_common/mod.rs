//! Helpers of the CRM target tests: the example crm-sync message, the simulator's CRM log and
//! faults, and a tiny raw HTTP receiver for answers the simulator does not give (Retry-After,
//! silence).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use genesys_sim::SimHandle;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wrapup::crm::Delivery;
use wrapup::genesys::Deadline;
use wrapup::queue::{CrmSyncMessage, parse_crm_sync};

pub const SIM_WEBHOOK_SECRET: &str = "local-webhook-secret";

/// `events/crm-sync-message.json`, parsed as crm-sync does.
pub fn message() -> CrmSyncMessage {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../events/crm-sync-message.json");
    let body = std::fs::read_to_string(path).expect("events/crm-sync-message.json");
    parse_crm_sync(&body).expect("the example message parses")
}

pub fn delivery(message: &CrmSyncMessage) -> Delivery<'_> {
    Delivery {
        message,
        deadline: Deadline::after(Duration::from_secs(15)),
    }
}

/// Every CRM write the simulator received, oldest first.
pub async fn crm_requests(sim: &SimHandle) -> Vec<Value> {
    let log: Value = reqwest::get(format!("{}/_sim/crm/requests", sim.base_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    match log {
        Value::Array(entries) => entries,
        other => panic!("crm requests: {other}"),
    }
}

/// `crm.failNext`: the next `count` writes to `target` answer `status`.
pub async fn crm_fault(sim: &SimHandle, count: u32, status: u16, target: &str) {
    post_faults(
        sim,
        json!({"crm": {"failNext": count, "status": status, "target": target}}),
    )
    .await;
}

pub async fn post_faults(sim: &SimHandle, faults: Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/_sim/faults", sim.base_url))
        .json(&faults)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "faults rejected");
}

/// A raw request as a receiver saw it.
#[derive(Debug, Clone)]
pub struct RawRequest {
    pub head: String,
    pub body: Vec<u8>,
}

impl RawRequest {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

/// A receiver on 127.0.0.1 that answers every request with `response` (raw HTTP/1.1 status line
/// and headers, `Content-Length: 0` added), or never answers when `response` is `None`.
pub struct RawReceiver {
    pub url: String,
    pub requests: Arc<Mutex<Vec<RawRequest>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for RawReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl RawReceiver {
    pub async fn start(response: Option<&str>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let response = response.map(str::to_owned);
        let log = Arc::clone(&requests);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                let response = response.clone();
                tokio::spawn(serve(stream, log, response));
            }
        });
        Self { url, requests, task }
    }

    pub fn received(&self) -> Vec<RawRequest> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, log: Arc<Mutex<Vec<RawRequest>>>, response: Option<String>) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let request = loop {
        let Ok(n) = stream.read(&mut chunk).await else {
            return;
        };
        if n == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..n]);
        let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
        let partial = RawRequest {
            head,
            body: Vec::new(),
        };
        let length: usize = partial
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if buffer.len() >= end + 4 + length {
            break RawRequest {
                body: buffer[end + 4..end + 4 + length].to_vec(),
                ..partial
            };
        }
    };
    log.lock().unwrap().push(request);
    match response {
        Some(response) => {
            let answer = format!("{response}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(answer.as_bytes()).await;
        }
        // Keep the connection open and silent.
        None => tokio::time::sleep(Duration::from_secs(3600)).await,
    }
}
