//! Scripted LLM answers (`POST /_sim/llm/script`): a test sets what the model answers to requests
//! with one schema name; others keep the deterministic answers.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::Ctx;

fn request(schema_name: &str) -> Value {
    json!({
        "model": "gpt-test",
        "messages": [
            {"role": "system", "content": "Judge the claims."},
            {"role": "user", "content": "[0] agent: I'll send a replacement by Friday.\n\nClaims:\n[0] A replacement is sent by Friday"}
        ],
        "response_format": {"type": "json_schema", "json_schema": {"name": schema_name, "strict": true,
            "schema": {"type": "object", "required": ["verdicts"], "properties": {"verdicts": {"type": "array"}}}}}
    })
}

async fn content(ctx: &Ctx, schema_name: &str) -> String {
    let r = ctx
        .http
        .post(ctx.url("/v1/chat/completions"))
        .bearer_auth("sk-test")
        .json(&request(schema_name))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["choices"][0]["message"]["content"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn scripted_answers_come_in_order_for_their_schema_only() {
    let ctx = Ctx::start().await;
    let deterministic = content(&ctx, "claim_verdicts").await;
    let verdicts =
        json!({"verdicts": [{"claim": 0, "verdict": "contradicted", "kind": "date", "utterances": [0]}]});
    let queued = ctx
        .control(
            "/_sim/llm/script",
            json!({"schema": "claim_verdicts", "answers": [verdicts, "{not json"]}),
        )
        .await;
    assert_eq!(queued["queued"]["claim_verdicts"], 2);

    // A request with another schema name takes nothing from the queue.
    content(&ctx, "other").await;
    let first: Value = serde_json::from_str(&content(&ctx, "claim_verdicts").await).unwrap();
    assert_eq!(first, verdicts);
    assert_eq!(
        content(&ctx, "claim_verdicts").await,
        "{not json",
        "strings as they are"
    );
    assert_eq!(
        content(&ctx, "claim_verdicts").await,
        deterministic,
        "queue used up"
    );

    // Faults still apply; an empty list clears the queue; reset clears every queue.
    ctx.control(
        "/_sim/llm/script",
        json!({"schema": "claim_verdicts", "answers": ["a", "b"]}),
    )
    .await;
    ctx.faults(json!({"llm": {"mode": "fenced", "count": 1}})).await;
    assert_eq!(content(&ctx, "claim_verdicts").await, "```json\na\n```");
    let cleared = ctx
        .control(
            "/_sim/llm/script",
            json!({"schema": "claim_verdicts", "answers": []}),
        )
        .await;
    assert_eq!(cleared["queued"]["claim_verdicts"], 0);
    assert_eq!(content(&ctx, "claim_verdicts").await, deterministic);
    ctx.control(
        "/_sim/llm/script",
        json!({"schema": "claim_verdicts", "answers": ["x"]}),
    )
    .await;
    ctx.control("/_sim/reset", json!({})).await;
    assert_eq!(content(&ctx, "claim_verdicts").await, deterministic);
}

#[tokio::test]
async fn a_script_needs_a_schema_name_and_a_list() {
    let ctx = Ctx::start().await;
    for body in [
        json!({"answers": []}),
        json!({"schema": "", "answers": []}),
        json!({"schema": "claim_verdicts"}),
        json!({"schema": "claim_verdicts", "answers": "x"}),
    ] {
        let r = ctx.post("/_sim/llm/script", body.clone()).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{body}");
    }
}
