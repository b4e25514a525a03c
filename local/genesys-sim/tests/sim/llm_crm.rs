//! The OpenAI-compatible LLM endpoint and the CRM side.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::Ctx;

fn schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["summary", "actionItems", "sentiment", "confidence"],
        "properties": {
            "summary": {"type": "string"},
            "actionItems": {"type": "array", "maxItems": 5, "items": {
                "type": "object", "required": ["text", "owner"],
                "properties": {"text": {"type": "string"}, "owner": {"enum": ["agent", "customer"]}}}},
            "sentiment": {"enum": ["positive", "neutral", "negative"]},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1}
        }
    })
}

fn request() -> Value {
    json!({
        "model": "gpt-test",
        "messages": [
            {"role": "system", "content": "Summarise the call."},
            {"role": "user", "content": "Agent: Thanks for calling.\nCustomer: My Acme Router Pro keeps dropping.\nAgent: I'll send a replacement by Friday."}
        ],
        "response_format": {"type": "json_schema", "json_schema": {"name": "summary", "schema": schema(), "strict": true}},
        "max_tokens": 300
    })
}

async fn complete(ctx: &Ctx, body: &Value) -> reqwest::Response {
    ctx.http
        .post(ctx.url("/v1/chat/completions"))
        .bearer_auth("sk-test")
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn content(ctx: &Ctx) -> String {
    let r = complete(ctx, &request()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["choices"][0]["message"]["content"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn llm_answers_follow_the_schema_and_faults() {
    let ctx = Ctx::start().await;
    let r = complete(&ctx, &request()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["object"], "chat.completion");
    assert_eq!(v["choices"][0]["finish_reason"], "stop");
    assert!(v["usage"]["total_tokens"].as_u64().unwrap() > 0);
    let answer: Value =
        serde_json::from_str(v["choices"][0]["message"]["content"].as_str().unwrap()).unwrap();
    assert!(jsonschema::is_valid(&schema(), &answer), "{answer}");
    assert_eq!(
        content(&ctx).await,
        v["choices"][0]["message"]["content"].as_str().unwrap(),
        "deterministic"
    );

    let r = ctx
        .http
        .post(ctx.url("/v1/chat/completions"))
        .json(&request())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    ctx.faults(json!({"llm": {"mode": "malformed", "count": 1}}))
        .await;
    assert!(serde_json::from_str::<Value>(&content(&ctx).await).is_err());
    assert!(serde_json::from_str::<Value>(&content(&ctx).await).is_ok());
    ctx.faults(json!({"llm": {"mode": "fenced"}})).await;
    assert!(content(&ctx).await.starts_with("```json\n"));
    assert!(content(&ctx).await.starts_with("```json\n"));
    ctx.faults(json!({"llm": {"mode": "rate_limited", "count": 1}, "retryAfterSecs": 4}))
        .await;
    let r = complete(&ctx, &request()).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "4");
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "rate_limit_exceeded"
    );
    ctx.faults(json!({"llm": {"mode": "timeout", "delayMs": 400, "count": 1}}))
        .await;
    let t = Instant::now();
    content(&ctx).await;
    assert!(t.elapsed() >= Duration::from_millis(400));

    let mut plain = request();
    plain.as_object_mut().unwrap().remove("response_format");
    let v: Value = complete(&ctx, &plain).await.json().await.unwrap();
    assert!(
        v["choices"][0]["message"]["content"]
            .as_str()
            .unwrap()
            .contains("Acme Router Pro")
    );

    let log: Value = ctx
        .http
        .get(ctx.url("/_sim/llm/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log.as_array().unwrap().len(), 10);
    assert_eq!(log[0]["body"], request());
}

fn signed(secret: &str, t: i64, body: &str) -> String {
    format!(
        "t={t},v1={}",
        genesys_sim::sign_webhook(secret, t, body.as_bytes())
    )
}

#[tokio::test]
async fn webhook_signatures_and_crm_log() {
    let ctx = Ctx::start().await;
    let body = r#"{"conversationId":"c1","summary":"s"}"#;
    let now = chrono::Utc::now().timestamp();
    let post = |sig: String, key: &'static str| {
        ctx.http
            .post(ctx.url("/_sim/crm/webhook"))
            .header("Wrapup-Signature", sig)
            .header("Idempotency-Key", key)
            .body(body)
            .send()
    };
    assert_eq!(
        post(signed("local-webhook-secret", now, body), "k1")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        post(signed("wrong", now, body), "k2").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(signed("local-webhook-secret", now - 301, body), "k3")
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    ctx.faults(json!({"crm": {"failNext": 1, "status": 503}})).await;
    assert_eq!(
        post(signed("local-webhook-secret", now, body), "k4")
            .await
            .unwrap()
            .status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        post(signed("local-webhook-secret", now, body), "k4")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let r = ctx
        .post("/api/v2/integrations/actions/act-1/execute", json!({"a": 1}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    let log: Value = ctx
        .http
        .get(ctx.url("/_sim/crm/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 6);
    assert_eq!(log[0]["kind"], "webhook");
    assert_eq!(log[0]["signatureValid"], true);
    assert_eq!(log[0]["idempotencyKey"], "k1");
    assert_eq!(log[0]["body"]["conversationId"], "c1");
    assert_eq!(
        (log[1]["signatureValid"].as_bool(), log[1]["accepted"].as_bool()),
        (Some(false), Some(false))
    );
    assert_eq!(
        (log[3]["status"].as_u64(), log[3]["accepted"].as_bool()),
        (Some(503), Some(false))
    );
    assert_eq!(log[4]["accepted"], true);
    assert_eq!(log[5]["kind"], "dataAction");
    assert_eq!(log[5]["actionId"], "act-1");
}
