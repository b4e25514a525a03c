//! Test helpers: a running simulator, an authenticated client, schema assertions.

use chrono::NaiveDate;
use genesys_sim::{SimConfig, SimHandle, spec};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

/// Interval covering the whole seeded window of [`config`].
pub const WINDOW: &str = "2025-06-03T00:00:00.000Z/2025-06-10T00:00:00.000Z";

pub fn config() -> SimConfig {
    SimConfig {
        anchor_date: NaiveDate::from_ymd_opt(2025, 6, 10).expect("valid date"),
        ..SimConfig::default()
    }
}

pub struct Ctx {
    pub sim: SimHandle,
    pub http: reqwest::Client,
    pub token: String,
}

impl Ctx {
    pub async fn start() -> Ctx {
        Ctx::with(config()).await
    }

    pub async fn with(config: SimConfig) -> Ctx {
        let sim = genesys_sim::start(config, 0).await.expect("sim starts");
        let http = reqwest::Client::new();
        let mut ctx = Ctx {
            sim,
            http,
            token: String::new(),
        };
        ctx.token = ctx.new_token().await;
        ctx
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.base_url)
    }

    pub async fn new_token(&self) -> String {
        let r = self
            .http
            .post(self.url("/oauth/token"))
            .basic_auth("local-client", Some("local-secret"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .expect("token request");
        assert_eq!(r.status(), StatusCode::OK);
        let body: Value = r.json().await.expect("token json");
        body["access_token"].as_str().expect("access_token").to_string()
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut req = self.http.request(method, self.url(path)).bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.call(Method::POST, path, Some(body)).await
    }

    /// `GET` that must answer 200 with JSON.
    pub async fn get_json(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        r.json().await.expect("json")
    }

    pub async fn control(&self, path: &str, body: Value) -> Value {
        let r = self
            .http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("control request");
        assert!(r.status().is_success(), "POST {path}: {}", r.status());
        r.json().await.expect("control json")
    }

    pub async fn faults(&self, body: Value) -> Value {
        self.control("/_sim/faults", body).await
    }

    pub async fn stats(&self) -> Value {
        self.http
            .get(self.url("/_sim/stats"))
            .send()
            .await
            .expect("stats")
            .json()
            .await
            .expect("stats json")
    }

    /// Every conversation of the seeded window (details query, all pages).
    pub async fn all_conversations(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for page in 1.. {
            let body = json!({"interval": WINDOW, "paging": {"pageSize": 100, "pageNumber": page}});
            let r = self
                .post("/api/v2/analytics/conversations/details/query", body)
                .await;
            assert_eq!(r.status(), StatusCode::OK);
            let v: Value = r.json().await.expect("json");
            match v["conversations"].as_array() {
                Some(c) => out.extend(c.iter().cloned()),
                None => break,
            }
        }
        out
    }

    /// The URL of the transcript of a conversation's agent session.
    pub async fn transcript_url(&self, conv: &Value) -> String {
        let cid = conv["conversationId"].as_str().expect("id");
        let comm = session_of(conv, "agent");
        let v = self
            .get_json(&format!(
                "/api/v2/speechandtextanalytics/conversations/{cid}/communications/{comm}/transcripturl"
            ))
            .await;
        v["url"].as_str().expect("url").to_string()
    }
}

/// The session id of the participant with this purpose.
pub fn session_of(conv: &Value, purpose: &str) -> String {
    conv["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["purpose"] == purpose))
        .and_then(|p| p["sessions"][0]["sessionId"].as_str())
        .unwrap_or_else(|| panic!("no {purpose} session in {conv}"))
        .to_string()
}

pub fn media_of(conv: &Value) -> &str {
    conv["participants"][0]["sessions"][0]["mediaType"]
        .as_str()
        .expect("mediaType")
}

pub fn assert_valid(definition: &str, v: &Value) {
    if let Err(errors) = spec::validate_definition(definition, v) {
        panic!("response is not a valid {definition}: {errors:#?}\n{v}");
    }
}

/// Asserts the status, that the body is a Genesys ErrorBody and the correlation header matches.
pub async fn assert_error(r: Response, status: u16) -> Value {
    assert_eq!(r.status().as_u16(), status);
    let correlation = r
        .headers()
        .get("ININ-Correlation-Id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .expect("ININ-Correlation-Id header");
    let body: Value = r.json().await.expect("error json");
    assert_valid("ErrorBody", &body);
    assert_eq!(body["status"], status);
    assert_eq!(body["contextId"], correlation.as_str());
    body
}
