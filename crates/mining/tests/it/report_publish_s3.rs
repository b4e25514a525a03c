//! Publishing trend reports to S3 (moto) and the simulator's dashboard. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup --test report_publish_s3`.

use std::time::Duration;

use aws_sdk_s3::types::ServerSideEncryption;
use chrono::{NaiveDate, TimeZone, Utc};
use genesys_sim::SimConfig;
use secrecy::SecretString;
use url::Url;
use wrapup_mining::publish::{
    DashboardClient, DashboardConfig, DashboardOutcome, PublishError, ReportEncryption, ReportStore,
    S3ReportStore, publish,
};
use wrapup_mining::report::{ProductName, ReportInput, TrendReport};
use wrapup_mining::{AggregateRow, MiningSource, Speaker};

async fn s3() -> aws_sdk_s3::Client {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    aws.s3_client().await
}

async fn bucket(client: &aws_sdk_s3::Client) -> String {
    let name = wrapup_testkit::unique_stack_name("reports");
    client
        .create_bucket()
        .bucket(&name)
        .send()
        .await
        .expect("create bucket");
    name
}

fn report(run_id: &str) -> TrendReport {
    let day = NaiveDate::from_ymd_opt(2025, 11, 3).unwrap();
    TrendReport::build(ReportInput {
        run_id: run_id.to_string(),
        generated_at: Utc.with_ymd_and_hms(2025, 12, 3, 1, 0, 0).unwrap(),
        time_zone: "Europe/Berlin".to_string(),
        from: day,
        to: day + chrono::Duration::days(29),
        source: MiningSource::Transcripts,
        products: vec![
            ProductName::new("acme-router-pro", "Acme Router Pro"),
            ProductName::new("nimbus-phone-x", "Nimbus Phone X"),
        ],
        rows: (0..30)
            .map(|d| AggregateRow {
                date: day + chrono::Duration::days(d),
                media_type: "voice".to_string(),
                product_id: "acme-router-pro".to_string(),
                speaker: Speaker::Customer,
                mentions: 5 + d as u64 % 4,
                conversations: 3,
            })
            .collect(),
        run: None,
    })
}

async fn get(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
) -> (aws_sdk_s3::operation::get_object::GetObjectOutput, Vec<u8>) {
    let object = client
        .get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{key} is missing: {}", aws_sdk_s3::error::DisplayErrorContext(&e)));
    let mut object = object;
    let body = std::mem::replace(
        &mut object.body,
        aws_sdk_s3::primitives::ByteStream::from_static(b""),
    );
    let bytes = body.collect().await.unwrap().into_bytes().to_vec();
    (object, bytes)
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn writes_run_and_latest_objects_encrypted() {
    let client = s3().await;
    let bucket = bucket(&client).await;
    let store = S3ReportStore::new(client.clone(), bucket.clone(), "/wrapup/".to_string());
    let report = report("mining-2025-12-03T01:00:00Z");
    let published = publish(&report, &store, None).await.unwrap();

    let folder = "wrapup/reports/2025-12-02/mining-2025-12-03T01-00-00Z/";
    assert_eq!(published.json, format!("s3://{bucket}/{folder}trend.json"));
    assert_eq!(published.svg, format!("s3://{bucket}/{folder}trend.svg"));
    assert_eq!(published.html, format!("s3://{bucket}/{folder}index.html"));
    assert_eq!(published.dashboard, DashboardOutcome::NotConfigured);

    for (name, content_type) in [
        ("trend.json", "application/json"),
        ("trend.svg", "image/svg+xml"),
        ("index.html", "text/html; charset=utf-8"),
    ] {
        for key in [format!("{folder}{name}"), format!("wrapup/reports/latest/{name}")] {
            let (object, body) = get(&client, &bucket, &key).await;
            assert_eq!(object.content_type(), Some(content_type), "{key}");
            assert_eq!(object.cache_control(), Some("no-cache"), "{key}");
            assert_eq!(
                object.server_side_encryption(),
                Some(&ServerSideEncryption::Aes256),
                "{key}"
            );
            assert!(!body.is_empty(), "{key}");
        }
    }
    let (_, json) = get(&client, &bucket, &format!("{folder}trend.json")).await;
    let stored: TrendReport = serde_json::from_slice(&json).unwrap();
    assert_eq!(stored, report);
    let (_, html) = get(&client, &bucket, "wrapup/reports/latest/index.html").await;
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("Acme Router Pro") && html.contains("<svg"));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn kms_encryption_is_requested() {
    let client = s3().await;
    let bucket = bucket(&client).await;
    let store = S3ReportStore::new(client.clone(), bucket.clone(), String::new())
        .with_encryption(ReportEncryption::Kms { key_id: None })
        .with_cache_control("max-age=60");
    let uri = store
        .put("reports/x/trend.json", "application/json", b"{}".to_vec())
        .await
        .unwrap();
    assert_eq!(uri, format!("s3://{bucket}/reports/x/trend.json"));
    let (object, _) = get(&client, &bucket, "reports/x/trend.json").await;
    assert_eq!(
        object.server_side_encryption(),
        Some(&ServerSideEncryption::AwsKms)
    );
    assert_eq!(object.cache_control(), Some("max-age=60"));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn missing_bucket_is_an_error() {
    let client = s3().await;
    let missing = wrapup_testkit::unique_stack_name("no-such-bucket");
    let store = S3ReportStore::new(client, missing, "reports".to_string());
    let error = publish(&report("run-1"), &store, None).await.unwrap_err();
    match error {
        PublishError::Store { key, reason } => {
            assert!(key.starts_with("reports/reports/2025-12-02/run-1/"), "{key}");
            assert!(reason.contains("NoSuchBucket"), "{reason}");
        }
        other => panic!("expected a store error, got {other:?}"),
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn publishes_to_s3_and_the_dashboard() {
    let client = s3().await;
    let bucket = bucket(&client).await;
    let store = S3ReportStore::new(client.clone(), bucket.clone(), String::new());
    let sim = genesys_sim::start(
        SimConfig {
            conversations: 5,
            ..SimConfig::default()
        },
        0,
    )
    .await
    .unwrap();
    let dashboard = DashboardClient::new(
        reqwest::Client::new(),
        DashboardConfig {
            url: Url::parse(&format!("{}/_sim/dashboard/reports", sim.base_url)).unwrap(),
            token: SecretString::from("local-dashboard-token".to_string()),
            timeout: Duration::from_secs(5),
            max_attempts: 3,
        },
    );
    let report = report("run-both");
    let published = publish(&report, &store, Some(&dashboard)).await.unwrap();
    assert_eq!(
        published.dashboard,
        DashboardOutcome::Delivered {
            status: 200,
            attempts: 1
        }
    );
    get(&client, &bucket, "reports/latest/index.html").await;
    let log: serde_json::Value = reqwest::get(format!("{}/_sim/dashboard/reports", sim.base_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log[0]["idempotencyKey"], "run-both");
    assert_eq!(log[0]["body"]["runId"], "run-both");
}
