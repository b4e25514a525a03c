//! The LLM endpoint's answers to Wrapup's post-call summary schema: plausible, deterministic,
//! within `max_tokens`; other schemas keep the generic generator.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::Ctx;

/// Wrapup's `post_call_summary` schema (crates/text/src/summary/llm/schema.rs).
pub fn summary_schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["executiveSummary", "actionItems", "customerSentiment", "reason", "resolution",
                     "keyPhrases", "confidence"],
        "properties": {
            "executiveSummary": {"type": "string"},
            "actionItems": {"type": "array", "items": {
                "type": "object", "additionalProperties": false, "required": ["text", "owner", "dueDate"],
                "properties": {
                    "text": {"type": "string"},
                    "owner": {"type": ["string", "null"], "enum": ["agent", "customer", null]},
                    "dueDate": {"type": ["string", "null"]}
                }}},
            "customerSentiment": {"type": "string", "enum": ["positive", "neutral", "negative", "mixed"]},
            "reason": {"type": ["string", "null"]},
            "resolution": {"type": ["string", "null"]},
            "keyPhrases": {"type": "array", "items": {"type": "string"}},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1}
        }
    })
}

pub const CALL: &str = "[00:00] IVR: Thank you for calling Northwind Connect. Calls are recorded.\n\
[00:04] Customer: billing\n\
[00:10] Agent: Hi Robin, you're chatting with Sofia from Northwind Connect. How can I help?\n\
[00:15] Customer: Hi, my Acme Router Pro keeps dropping the connection every few minutes.\n\
[00:20] Agent: Can I get the full name on the account?\n\
[00:24] Customer: Sure, it's Dana Wright.\n\
[00:30] Agent: When did you first notice the problem?\n\
[00:34] Customer: Last week. I did a reset, twice, and it made no difference. This is really frustrating.\n\
[00:40] Agent: I've booked a replacement Acme Router Pro for you.\n\
[00:45] Agent: I'll send the replacement by Friday.\n\
[00:48] Agent: Please upload the receipt for the card [CARD] within 24 hours.\n\
[00:52] Customer: Great, thank you so much, that works.\n\
[00:55] Agent: Is there anything else I can help you with today?\n\
[00:58] Customer: No, that's all. Bye.\n\
[01:00] Agent: Thank you for contacting Northwind Connect. Have a great day!";

fn request(system: &str, user: &str, max_tokens: u64) -> Value {
    json!({
        "model": "sim-model",
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        "temperature": 0,
        "max_tokens": max_tokens,
        "response_format": {"type": "json_schema",
            "json_schema": {"name": "post_call_summary", "strict": true, "schema": summary_schema()}}
    })
}

async fn raw_content(ctx: &Ctx, body: &Value) -> String {
    let r = ctx
        .http
        .post(ctx.url("/v1/chat/completions"))
        .bearer_auth("sk-test")
        .json(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["choices"][0]["message"]["content"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The answer, checked against the request's schema.
async fn answer(ctx: &Ctx, body: &Value) -> Value {
    let content = raw_content(ctx, body).await;
    let v: Value = serde_json::from_str(&content).unwrap();
    let schema = &body["response_format"]["json_schema"]["schema"];
    assert!(jsonschema::is_valid(schema, &v), "{v:#}");
    v
}

#[tokio::test]
async fn a_support_call_gets_a_plausible_summary() {
    let ctx = Ctx::start().await;
    let body = request("Write the executiveSummary in at most 3 sentences.", CALL, 800);
    let v = answer(&ctx, &body).await;
    assert_eq!(
        v["reason"],
        "My Acme Router Pro keeps dropping the connection every few minutes."
    );
    assert_eq!(
        v["resolution"],
        "I've booked a replacement Acme Router Pro for you."
    );
    assert_eq!(
        v["actionItems"],
        json!([
            {"text": "Send the replacement by Friday.", "owner": "agent", "dueDate": "by Friday"},
            {"text": "Upload the receipt for the card [CARD] within 24 hours.", "owner": "customer",
             "dueDate": "within 24 hours"}
        ])
    );
    let sentiment = v["customerSentiment"].as_str().unwrap();
    assert!(["positive", "mixed"].contains(&sentiment), "{sentiment}");
    let summary = v["executiveSummary"].as_str().unwrap();
    assert!(summary.contains("Acme Router Pro keeps dropping"), "{summary}");
    assert!(summary.contains("booked a replacement"), "{summary}");
    for invented in ["Robin", "Sofia", "Dana", "Wright", "Northwind", "When did you"] {
        assert!(!v.to_string().contains(invented), "{invented} in {v:#}");
    }
    let phrases = v["keyPhrases"].as_array().unwrap();
    assert_eq!(phrases[0], "Acme Router Pro", "{phrases:?}");
    assert!(phrases.len() <= 5);
    assert!((0.5..=1.0).contains(&v["confidence"].as_f64().unwrap()));

    // At most N sentences, as the prompt asks.
    let one = answer(&ctx, &request("Write it in at most 1 sentences.", CALL, 800)).await;
    let one = one["executiveSummary"].as_str().unwrap();
    assert_eq!(
        one,
        "The customer reported: My Acme Router Pro keeps dropping the connection every few minutes."
    );
}

#[tokio::test]
async fn answers_are_deterministic() {
    let ctx = Ctx::start().await;
    let body = request("Write the executiveSummary in at most 3 sentences.", CALL, 800);
    let first = raw_content(&ctx, &body).await;
    for _ in 0..3 {
        assert_eq!(raw_content(&ctx, &body).await, first);
    }
}

#[tokio::test]
async fn a_repair_round_summarises_the_transcript_before_the_instruction() {
    let ctx = Ctx::start().await;
    let mut body = request("Summarise.", CALL, 800);
    let messages = body["messages"].as_array_mut().unwrap();
    messages.push(json!({"role": "assistant", "content": "{\"executiveSummary\": \"trunc"}));
    messages.push(
        json!({"role": "user", "content": "Your previous answer could not be used: the \
        answer is not valid JSON. Answer again with only the JSON object."}),
    );
    let v = answer(&ctx, &body).await;
    assert_eq!(
        v["reason"],
        "My Acme Router Pro keeps dropping the connection every few minutes."
    );
}

#[tokio::test]
async fn part_summaries_are_merged() {
    let ctx = Ctx::start().await;
    let parts = [
        json!({"executiveSummary": "The customer reported: My Nimbus Phone X is cracked.",
               "actionItems": [{"text": "Send a replacement by Friday.", "owner": "agent", "dueDate": "by Friday"}],
               "customerSentiment": "negative", "reason": "My Nimbus Phone X is cracked.",
               "keyPhrases": ["Nimbus Phone X", "cracked"], "confidence": 0.86}),
        json!({"executiveSummary": "The agent confirmed: I've issued a refund of $42.50.",
               "actionItems": [{"text": "send a replacement by Friday.", "owner": "agent", "dueDate": "by Friday"},
                               {"text": "Upload the receipt.", "owner": "customer"}],
               "customerSentiment": "positive", "resolution": "I've issued a refund of $42.50.",
               "keyPhrases": ["refund", "Nimbus Phone X"], "confidence": 0.8}),
    ];
    let user = format!("[\n{},\n{}\n]", parts[0], parts[1]);
    let v = answer(
        &ctx,
        &request("You merge the summaries... at most 2 sentences.", &user, 800),
    )
    .await;
    assert_eq!(v["reason"], "My Nimbus Phone X is cracked.");
    assert_eq!(v["resolution"], "I've issued a refund of $42.50.");
    assert_eq!(v["customerSentiment"], "positive");
    assert_eq!(v["actionItems"].as_array().unwrap().len(), 2, "{v:#}");
    assert_eq!(v["actionItems"][1]["owner"], "customer");
    assert_eq!(v["keyPhrases"][0], "Nimbus Phone X");
    assert_eq!(
        v["executiveSummary"],
        "The customer reported: My Nimbus Phone X is cracked. The agent confirmed: I've issued a refund of $42.50."
    );
}

#[tokio::test]
async fn max_tokens_bounds_the_answer() {
    let ctx = Ctx::start().await;
    let long_reason = format!(
        "My Acme Router Pro keeps dropping and my card [CARD] was charged {}.",
        "again and again ".repeat(60).trim_end()
    );
    let call = CALL.replace(
        "my Acme Router Pro keeps dropping the connection every few minutes.",
        &long_reason,
    );
    let full = answer(&ctx, &request("Summarise.", &call, 800)).await;
    let cut = answer(&ctx, &request("Summarise.", &call, 200)).await;
    let len = cut.to_string().chars().count();
    assert!(full.to_string().chars().count() > 800, "the uncut answer is long");
    assert!(len <= 800, "{len} chars for 200 tokens: {cut:#}");
    let reason = cut["reason"].as_str().unwrap();
    assert!(
        long_reason.starts_with(reason) && reason.len() < long_reason.len(),
        "{reason}"
    );
    assert!(!cut["executiveSummary"].as_str().unwrap().is_empty());
    let text = cut.to_string();
    assert_eq!(
        text.matches("[C").count(),
        text.matches("[CARD]").count(),
        "markers stay whole: {text}"
    );
    assert_eq!(cut["resolution"], full["resolution"], "short fields survive");
    assert_eq!(cut["actionItems"], full["actionItems"]);

    // The generic generator keeps to the budget too.
    let schema = json!({"type": "object", "required": ["notes"], "properties": {
        "notes": {"type": "array", "minItems": 3, "maxItems": 3, "items": {"type": "string"}}}});
    let mut body = request("Summarise.", &call, 50);
    body["response_format"]["json_schema"]["schema"] = schema;
    let v = answer(&ctx, &body).await;
    assert!(v.to_string().chars().count() <= 260, "{v}");
}

#[tokio::test]
async fn other_schemas_keep_the_generic_generator() {
    let ctx = Ctx::start().await;
    let schema = json!({"type": "object", "additionalProperties": false, "required": ["title", "mood"],
        "properties": {"title": {"type": "string"}, "mood": {"enum": ["calm", "upset"]}}});
    let mut body = request("Summarise.", "Customer: My order never arrived at all.", 300);
    body["response_format"]["json_schema"]["schema"] = schema;
    let v = answer(&ctx, &body).await;
    assert_eq!(v["title"], "My order never arrived at all.");

    // A look-alike summary schema that a summary would not satisfy (other sentiment values) gets a
    // valid generic instance.
    let mut schema = summary_schema();
    schema["properties"]["customerSentiment"]["enum"] = json!(["happy", "sad"]);
    let mut body = request("Summarise.", CALL, 800);
    body["response_format"]["json_schema"]["schema"] = schema;
    let v = answer(&ctx, &body).await;
    assert!(["happy", "sad"].contains(&v["customerSentiment"].as_str().unwrap()));
}
