//! The signed webhook target against the simulator's CRM receiver and a raw local receiver.

use crate::crm_common;

use std::time::{Duration, SystemTime};

use crm_common::*;
use serde_json::{Value, json};
use url::Url;
use wrapup::crm::config::WebhookConfig;
use wrapup::crm::webhook::{self, DEFAULT_TOLERANCE, SignatureError, WebhookTarget};
use wrapup::crm::{CrmError, CrmTarget, Delivery, TargetBuildError, TargetKind};
use wrapup::genesys::Deadline;
use wrapup::secrets::SecretSource;

fn config(url: &str, secret: &str, timeout: Duration) -> WebhookConfig {
    WebhookConfig {
        url: Url::parse(url).unwrap(),
        secret: SecretSource::from(secret),
        timeout,
    }
}

async fn sim_target(sim: &genesys_sim::SimHandle) -> WebhookTarget {
    let url = format!("{}/_sim/crm/webhook", sim.base_url);
    WebhookTarget::new(config(&url, SIM_WEBHOOK_SECRET, Duration::from_secs(5))).unwrap()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn the_simulator_receives_a_signed_versioned_document_with_the_delivery_key() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = sim_target(&sim).await;
    let message = message();
    let delivery = delivery(&message);
    assert_eq!(target.kind(), TargetKind::Webhook);

    let written = target.write(&delivery).await.unwrap();
    assert_eq!(written.http_status, 200);

    let log = crm_requests(&sim).await;
    assert_eq!(log.len(), 1, "{log:?}");
    let entry = &log[0];
    assert_eq!(entry["kind"], "webhook");
    assert_eq!(entry["accepted"], true);
    assert_eq!(entry["signatureValid"], true);
    assert_eq!(entry["duplicate"], false);
    assert_eq!(entry["idempotencyKey"], delivery.key());
    let body = &entry["body"];
    assert_eq!(body["version"], 1);
    assert_eq!(body["deliveryKey"], delivery.key());
    assert_eq!(body["idempotencyKey"], message.idempotency_key);
    assert_eq!(body["auditId"], message.audit_id);
    assert_eq!(body["conversationId"], message.conversation_id);
    assert_eq!(body["caseId"], "CASE-10482");
    assert_eq!(body["summary"]["customerSentiment"], "positive");
    assert_eq!(body["summary"]["confidence"], json!(0.86));
    assert_eq!(body["summary"]["actionItems"][1]["owner"], "customer");
    assert_eq!(body["source"]["model"], "gpt-4o-mini");
    assert_eq!(body["createdAt"], "2024-05-01T14:03:27.512Z");
    let fields: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(fields.len(), 9, "exactly the documented fields: {fields:?}");

    // The second write of the same delivery carries the same key: the receiver sees a duplicate.
    target.write(&delivery).await.unwrap();
    assert_eq!(crm_requests(&sim).await[1]["duplicate"], true);
}

#[tokio::test]
async fn the_raw_request_verifies_with_verify_and_matches_the_simulators_signature() {
    let receiver = RawReceiver::start(Some("HTTP/1.1 204 No Content")).await;
    let secret = "a-receiver-side-secret-of-some-length";
    let target = WebhookTarget::new(config(&receiver.url, secret, Duration::from_secs(5))).unwrap();
    let message = message();
    let delivery = delivery(&message);
    let written = target.write(&delivery).await.unwrap();
    assert_eq!(written.http_status, 204);

    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert!(
        request.head.starts_with("POST /hook HTTP/1.1"),
        "{}",
        request.head
    );
    assert_eq!(
        request.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(request.header("idempotency-key"), Some(delivery.key()));
    let header = request.header("wrapup-signature").expect("signed");

    webhook::verify(
        secret.as_bytes(),
        &header,
        &request.body,
        now(),
        DEFAULT_TOLERANCE,
    )
    .unwrap();
    let (t, v1) = header.split_once(',').unwrap();
    let t: i64 = t.strip_prefix("t=").unwrap().parse().unwrap();
    assert!((now() - t).abs() <= 5, "signed just now");
    assert_eq!(
        v1.strip_prefix("v1=").unwrap(),
        genesys_sim::sign_webhook(secret, t, &request.body)
    );
    assert_eq!(
        webhook::sign(secret.as_bytes(), t, &request.body),
        genesys_sim::sign_webhook(secret, t, &request.body)
    );

    // A receiver refuses a changed body, another secret, an old or a future timestamp.
    let mut tampered = request.body.clone();
    let body: Value = serde_json::from_slice(&tampered).unwrap();
    tampered = serde_json::to_vec(&json!({"caseId": "CASE-99999", "rest": body})).unwrap();
    let check = |secret: &str, body: &[u8], at: i64| {
        webhook::verify(secret.as_bytes(), &header, body, at, DEFAULT_TOLERANCE)
    };
    assert_eq!(check(secret, &tampered, now()), Err(SignatureError::Mismatch));
    let mut flipped = request.body.clone();
    flipped[10] ^= 1;
    assert_eq!(check(secret, &flipped, now()), Err(SignatureError::Mismatch));
    assert_eq!(
        check("another-secret-entirely", &request.body, now()),
        Err(SignatureError::Mismatch)
    );
    assert!(matches!(
        check(secret, &request.body, t + 301),
        Err(SignatureError::OutsideTolerance {
            tolerance_secs: 300,
            ..
        })
    ));
    assert!(matches!(
        check(secret, &request.body, t - 301),
        Err(SignatureError::OutsideTolerance { .. })
    ));
    assert_eq!(check(secret, &request.body, t + 300), Ok(()));
}

#[tokio::test]
async fn a_wrong_secret_is_refused_by_the_receiver_and_is_permanent() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let url = format!("{}/_sim/crm/webhook", sim.base_url);
    let target =
        WebhookTarget::new(config(&url, "not-the-simulators-secret", Duration::from_secs(5))).unwrap();
    let message = message();
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Permanent {
                status: Some(401),
                ..
            }
        ),
        "{error:?}"
    );
    let log = crm_requests(&sim).await;
    assert_eq!(log[0]["signatureValid"], false);
    assert_eq!(log[0]["accepted"], false);
}

#[tokio::test]
async fn a_500_is_retryable_then_the_write_succeeds() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = sim_target(&sim).await;
    let message = message();
    crm_fault(&sim, 1, 500, "webhook").await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    match &error {
        CrmError::Retryable {
            target,
            status,
            retry_after,
            reason,
        } => {
            assert_eq!(*target, "webhook");
            assert_eq!(*status, Some(500));
            assert_eq!(*retry_after, None);
            assert!(reason.contains("HTTP 500"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.status(), Some(500));
    target.write(&delivery(&message)).await.unwrap();
    let log = crm_requests(&sim).await;
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0]["accepted"].clone(), log[1]["accepted"].clone()),
        (json!(false), json!(true))
    );
}

#[tokio::test]
async fn a_400_is_permanent_and_a_408_is_retryable() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    let target = sim_target(&sim).await;
    let message = message();
    crm_fault(&sim, 1, 400, "webhook").await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Permanent {
                target: "webhook",
                status: Some(400),
                ..
            }
        ),
        "{error:?}"
    );
    crm_fault(&sim, 1, 408, "webhook").await;
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Retryable {
                status: Some(408),
                ..
            }
        ),
        "{error:?}"
    );
    // A fault for another target leaves the webhook alone.
    crm_fault(&sim, 1, 500, "dataAction").await;
    target.write(&delivery(&message)).await.unwrap();
}

#[tokio::test]
async fn a_429_honours_retry_after_in_seconds_and_as_an_http_date() {
    let message = message();
    let receiver = RawReceiver::start(Some("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7")).await;
    let target =
        WebhookTarget::new(config(&receiver.url, SIM_WEBHOOK_SECRET, Duration::from_secs(5))).unwrap();
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(error, CrmError::Retryable { status: Some(429), retry_after: Some(d), .. } if d == Duration::from_secs(7)),
        "{error:?}"
    );

    let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
    let answer = format!("HTTP/1.1 503 Service Unavailable\r\nRetry-After: {later}");
    let receiver = RawReceiver::start(Some(&answer)).await;
    let target =
        WebhookTarget::new(config(&receiver.url, SIM_WEBHOOK_SECRET, Duration::from_secs(5))).unwrap();
    let error = target.write(&delivery(&message)).await.unwrap_err();
    match error {
        CrmError::Retryable {
            status: Some(503),
            retry_after: Some(wait),
            ..
        } => {
            assert!(
                wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
                "{wait:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_is_permanent() {
    let receiver = RawReceiver::start(Some(
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:9/x",
    ))
    .await;
    let target =
        WebhookTarget::new(config(&receiver.url, SIM_WEBHOOK_SECRET, Duration::from_secs(5))).unwrap();
    let message = message();
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(
            error,
            CrmError::Permanent {
                status: Some(307),
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(receiver.received().len(), 1);
}

#[tokio::test]
async fn a_slow_receiver_times_out_as_retryable() {
    let sim = genesys_sim::start(Default::default(), 0).await.unwrap();
    post_faults(
        &sim,
        json!({"failNext": [{"operation": "crmWebhook", "delayMs": 2000}]}),
    )
    .await;
    let url = format!("{}/_sim/crm/webhook", sim.base_url);
    let target = WebhookTarget::new(config(&url, SIM_WEBHOOK_SECRET, Duration::from_millis(300))).unwrap();
    let message = message();
    let started = std::time::Instant::now();
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(error, CrmError::Retryable { status: None, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("did not answer"), "{error}");
}

#[tokio::test]
async fn a_silent_receiver_and_the_delivery_deadline_bound_the_wait() {
    let receiver = RawReceiver::start(None).await;
    let target =
        WebhookTarget::new(config(&receiver.url, SIM_WEBHOOK_SECRET, Duration::from_secs(30))).unwrap();
    let message = message();
    let short = Delivery {
        message: &message,
        deadline: Deadline::after(Duration::from_millis(300)),
    };
    let started = std::time::Instant::now();
    let error = target.write(&short).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(error, CrmError::Retryable { .. }), "{error:?}");
    assert_eq!(receiver.received().len(), 1, "the request went out");

    // With no time left nothing is sent at all.
    let spent = Delivery {
        message: &message,
        deadline: Deadline::after(Duration::ZERO),
    };
    let error = target.write(&spent).await.unwrap_err();
    assert!(matches!(error, CrmError::Retryable { .. }), "{error:?}");
    assert_eq!(receiver.received().len(), 1);
}

#[tokio::test]
async fn an_unreachable_receiver_is_retryable() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/hook");
    let target = WebhookTarget::new(config(&url, SIM_WEBHOOK_SECRET, Duration::from_secs(2))).unwrap();
    let message = message();
    let error = target.write(&delivery(&message)).await.unwrap_err();
    assert!(
        matches!(error, CrmError::Retryable { status: None, .. }),
        "{error:?}"
    );
}

#[test]
fn a_secret_still_in_secrets_manager_is_refused() {
    let config = WebhookConfig {
        url: Url::parse("https://crm.example.com/hook").unwrap(),
        secret: SecretSource::SecretsManager {
            arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:crm-AbCdEf".into(),
        },
        timeout: Duration::from_secs(5),
    };
    assert!(matches!(
        WebhookTarget::new(config),
        Err(TargetBuildError::UnresolvedSecret)
    ));
}
