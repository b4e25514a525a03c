//! Dashboard delivery of trend reports against the simulator's dashboard endpoint, and `publish`
//! with an in-memory store: retries (with `Retry-After`), timeouts, give-up, 401 without retry,
//! store failures.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{NaiveDate, TimeZone, Utc};
use genesys_sim::{SimConfig, SimHandle};
use secrecy::SecretString;
use serde_json::{Value, json};
use url::Url;
use wrapup_mining::publish::{
    DashboardClient, DashboardConfig, DashboardOutcome, PublishError, ReportStore, publish,
};
use wrapup_mining::report::{ProductName, ReportInput, TrendReport};
use wrapup_mining::{AggregateRow, MiningSource, Speaker};

const TOKEN: &str = "test-dashboard-token-4f1c";

async fn sim() -> SimHandle {
    genesys_sim::start(
        SimConfig {
            conversations: 5,
            dashboard_token: TOKEN.to_string(),
            ..SimConfig::default()
        },
        0,
    )
    .await
    .expect("simulator starts")
}

fn report(run_id: &str) -> TrendReport {
    let day = NaiveDate::from_ymd_opt(2025, 11, 3).unwrap();
    TrendReport::build(ReportInput {
        run_id: run_id.to_string(),
        generated_at: Utc.with_ymd_and_hms(2025, 11, 4, 1, 0, 0).unwrap(),
        time_zone: "UTC".to_string(),
        from: day,
        to: day + chrono::Duration::days(6),
        source: MiningSource::Transcripts,
        products: vec![ProductName::new("acme-router-pro", "Acme Router Pro")],
        rows: vec![AggregateRow {
            date: day,
            media_type: "voice".to_string(),
            product_id: "acme-router-pro".to_string(),
            speaker: Speaker::Customer,
            mentions: 3,
            conversations: 2,
        }],
        run: None,
    })
}

fn client(sim: &SimHandle, token: &str, max_attempts: u32, timeout: Duration) -> DashboardClient {
    let config = DashboardConfig {
        url: Url::parse(&format!("{}/_sim/dashboard/reports", sim.base_url)).unwrap(),
        token: SecretString::from(token.to_string()),
        timeout,
        max_attempts,
    };
    // Tiny scheduled delays: any wait of a second or more comes from Retry-After.
    DashboardClient::new(reqwest::Client::new(), config)
        .with_retry_delays(Duration::from_millis(1), Duration::from_millis(5))
}

async fn log(sim: &SimHandle) -> Vec<Value> {
    let url = format!("{}/_sim/dashboard/reports", sim.base_url);
    let log: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    log.as_array().cloned().unwrap_or_default()
}

async fn faults(sim: &SimHandle, body: Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/_sim/faults", sim.base_url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "faults: {}",
        response.text().await.unwrap()
    );
}

/// Collects what would be written to S3.
#[derive(Default)]
struct MemoryStore {
    objects: Mutex<Vec<(String, String, Vec<u8>)>>,
    fail: bool,
}

#[async_trait]
impl ReportStore for MemoryStore {
    async fn put(&self, key: &str, content_type: &str, body: Vec<u8>) -> Result<String, PublishError> {
        if self.fail {
            return Err(PublishError::Store {
                key: key.to_string(),
                reason: "AccessDenied".to_string(),
            });
        }
        self.objects
            .lock()
            .unwrap()
            .push((key.to_string(), content_type.to_string(), body));
        Ok(format!("s3://memory/{key}"))
    }
}

#[tokio::test]
async fn delivers_with_token_and_idempotency_key() {
    let sim = sim().await;
    let report = report("run-delivered-1");
    let delivery = client(&sim, TOKEN, 3, Duration::from_secs(5))
        .post(&report)
        .await
        .unwrap();
    assert_eq!((delivery.status, delivery.attempts), (200, 1));
    let log = log(&sim).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["authorized"], true);
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[0]["idempotencyKey"], "run-delivered-1");
    let body: TrendReport = serde_json::from_value(log[0]["body"].clone()).unwrap();
    assert_eq!(body, report);
    assert!(!log[0].to_string().contains(TOKEN), "the log holds the token");

    // A second delivery of the same run is recognised by its key.
    client(&sim, TOKEN, 1, Duration::from_secs(5))
        .post(&report)
        .await
        .unwrap();
    assert_eq!(self::log(&sim).await[1]["duplicate"], true);

    let reset = reqwest::Client::new()
        .post(format!("{}/_sim/reset", sim.base_url))
        .send()
        .await
        .unwrap();
    assert!(reset.status().is_success());
    assert!(self::log(&sim).await.is_empty(), "reset clears the dashboard log");
}

#[tokio::test]
async fn retries_503s_honouring_retry_after() {
    let sim = sim().await;
    faults(
        &sim,
        json!({"dashboard": {"failNext": 2, "status": 503, "retryAfterSecs": 1}}),
    )
    .await;
    let started = Instant::now();
    let delivery = client(&sim, TOKEN, 4, Duration::from_secs(5))
        .post(&report("run-retried"))
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!((delivery.status, delivery.attempts), (200, 3));
    assert!(
        elapsed >= Duration::from_secs(2),
        "Retry-After: 1 was not waited for twice: {elapsed:?}"
    );
    let statuses: Vec<Value> = log(&sim).await.iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, [json!(503), json!(503), json!(200)]);
}

#[tokio::test]
async fn retries_a_timeout() {
    let sim = sim().await;
    faults(
        &sim,
        json!({"failNext": [{"operation": "dashboardReports", "delayMs": 1500, "status": 504}]}),
    )
    .await;
    let delivery = client(&sim, TOKEN, 3, Duration::from_millis(300))
        .post(&report("run-timeout"))
        .await
        .unwrap();
    assert_eq!((delivery.status, delivery.attempts), (200, 2));
}

#[tokio::test]
async fn gives_up_after_max_attempts_and_publish_still_succeeds() {
    let sim = sim().await;
    faults(
        &sim,
        json!({"dashboard": {"failNext": 10, "status": 503, "retryAfterSecs": 0}}),
    )
    .await;
    let store = MemoryStore::default();
    let dashboard = client(&sim, TOKEN, 3, Duration::from_secs(5));
    let published = publish(&report("run-gives-up"), &store, Some(&dashboard))
        .await
        .expect("a dashboard failure does not fail the publication");
    match &published.dashboard {
        DashboardOutcome::Failed { reason, attempts } => {
            assert_eq!(*attempts, 3);
            assert!(reason.contains("503"), "{reason}");
            assert!(!reason.contains(TOKEN), "{reason}");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    assert_eq!(log(&sim).await.len(), 3);
    assert_eq!(
        store.objects.lock().unwrap().len(),
        6,
        "every file is still written"
    );
    let json = serde_json::to_value(&published).unwrap();
    assert_eq!(json["dashboard"]["outcome"], "failed");
    assert_eq!(json["dashboard"]["attempts"], 3);
}

#[tokio::test]
async fn wrong_token_fails_without_retry() {
    let sim = sim().await;
    let wrong = "wrong-token-9d2e";
    let error = client(&sim, wrong, 4, Duration::from_secs(5))
        .post(&report("run-401"))
        .await
        .unwrap_err();
    match &error {
        PublishError::Dashboard {
            reason,
            attempts,
            status,
        } => {
            assert_eq!((*attempts, *status), (1, Some(401)));
            assert!(!reason.contains(wrong), "{reason}");
        }
        other => panic!("expected a dashboard error, got {other:?}"),
    }
    assert!(!format!("{error} {error:?}").contains(wrong));
    let log = log(&sim).await;
    assert_eq!(log.len(), 1, "a 401 is not retried");
    assert_eq!(log[0]["authorized"], false);

    let published = publish(
        &report("run-401"),
        &MemoryStore::default(),
        Some(&client(&sim, wrong, 4, Duration::from_secs(5))),
    )
    .await
    .unwrap();
    assert!(matches!(
        published.dashboard,
        DashboardOutcome::Failed { attempts: 1, .. }
    ));
}

#[tokio::test]
async fn unreachable_dashboard_is_retried_then_recorded() {
    let port = wrapup_testkit::free_port();
    let config = DashboardConfig {
        url: Url::parse(&format!("http://127.0.0.1:{port}/reports")).unwrap(),
        token: SecretString::from(TOKEN.to_string()),
        timeout: Duration::from_secs(2),
        max_attempts: 2,
    };
    let dashboard = DashboardClient::new(reqwest::Client::new(), config)
        .with_retry_delays(Duration::from_millis(1), Duration::from_millis(5));
    let error = dashboard.post(&report("run-unreachable")).await.unwrap_err();
    match error {
        PublishError::Dashboard { reason, attempts, .. } => {
            assert_eq!(attempts, 2);
            assert!(reason.contains("connect"), "{reason}");
        }
        other => panic!("expected a dashboard error, got {other:?}"),
    }
}

#[tokio::test]
async fn publish_writes_run_and_latest_files() {
    let store = MemoryStore::default();
    let report = report("run/../../etc");
    let published = publish(&report, &store, None).await.unwrap();
    assert_eq!(published.dashboard, DashboardOutcome::NotConfigured);
    let objects = store.objects.lock().unwrap();
    let keys: Vec<(&str, &str)> = objects.iter().map(|(k, t, _)| (k.as_str(), t.as_str())).collect();
    // The run id cannot climb out of its folder.
    let folder = "reports/2025-11-09/run-------etc/";
    assert_eq!(
        keys,
        [
            (format!("{folder}trend.json").as_str(), "application/json"),
            (format!("{folder}trend.svg").as_str(), "image/svg+xml"),
            (format!("{folder}index.html").as_str(), "text/html; charset=utf-8"),
            ("reports/latest/trend.json", "application/json"),
            ("reports/latest/trend.svg", "image/svg+xml"),
            ("reports/latest/index.html", "text/html; charset=utf-8"),
        ]
    );
    assert_eq!(published.json, format!("s3://memory/{folder}trend.json"));
    assert_eq!(published.html, format!("s3://memory/{folder}index.html"));
    let parsed: TrendReport = serde_json::from_slice(&objects[0].2).unwrap();
    assert_eq!(parsed, report);
    assert!(String::from_utf8_lossy(&objects[2].2).contains("<svg"));
    assert_eq!(objects[0].2, objects[3].2, "latest is the same report");
}

#[tokio::test]
async fn store_failure_fails_the_publication() {
    let store = MemoryStore {
        fail: true,
        ..MemoryStore::default()
    };
    let error = publish(&report("run-store-fails"), &store, None)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, PublishError::Store { key, .. } if key.ends_with("trend.json")),
        "{error:?}"
    );
}
