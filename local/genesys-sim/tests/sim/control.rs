//! The control API: loaded conversations, ground truth, stats and reset.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, assert_error, assert_valid};

fn loaded() -> Value {
    json!({
        "conversationId": "7d6a4c1e-0000-4000-8000-000000000001",
        "mediaType": "voice",
        "startTime": "2025-06-09T10:00:00Z",
        "phrases": [
            {"speaker": "ivr", "text": "Welcome, please hold."},
            {"speaker": "agent", "text": "Hi, how can I help?"},
            {"speaker": "customer", "text": "My Nimbus Phone X is broken, email me at jane@example.com."},
            {"speaker": "agent", "text": "I'll send a replacement by Friday."}
        ],
        "copilotSummary": {"text": "Customer's phone is broken; replacement by Friday.", "reason": "Broken phone"},
        "suggestions": [{"type": "Faq", "question": "Warranty?", "answer": "Two years."}]
    })
}

#[tokio::test]
async fn loaded_conversations_are_served_everywhere() {
    let ctx = Ctx::start().await;
    let created = ctx
        .http
        .post(ctx.url("/_sim/conversations"))
        .json(&loaded())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let cid = created["conversationId"].as_str().unwrap();
    assert_eq!(created["participants"].as_array().unwrap().len(), 3);
    let comm = created["transcriptCommunicationId"].as_str().unwrap();

    let details = ctx
        .get_json(&format!("/api/v2/analytics/conversations/{cid}/details"))
        .await;
    assert_valid("AnalyticsConversationWithoutAttributes", &details);
    assert_eq!(details["conversationStart"], "2025-06-09T10:00:00.000Z");
    let url = ctx
        .get_json(&format!(
            "/api/v2/speechandtextanalytics/conversations/{cid}/communications/{comm}/transcripturl"
        ))
        .await["url"]
        .as_str()
        .unwrap()
        .to_string();
    let doc: Value = ctx.http.get(url).send().await.unwrap().json().await.unwrap();
    genesys_sim::spec::validate_transcript_document(&doc).unwrap();
    let purposes: Vec<&str> = doc["transcripts"][0]["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["participantPurpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, ["ivr", "internal", "external", "internal"]);
    let summary = ctx
        .get_json(&format!("/api/v2/conversations/{cid}/summaries"))
        .await;
    assert_valid("ConversationSummariesGetResponse", &summary);
    assert_eq!(summary["summary"]["reason"]["text"], "Broken phone");
    let list = ctx
        .get_json(&format!("/api/v2/conversations/{cid}/suggestions"))
        .await;
    assert_eq!(list["entities"][0]["faq"]["answer"], "Two years.");

    // In the window of the details query too.
    let q = json!({"interval": "2025-06-09T09:00:00Z/2025-06-09T11:00:00Z", "conversationFilters": [
        {"type": "and", "predicates": [{"dimension": "conversationId", "value": cid}]}]});
    let v: Value = ctx
        .post("/api/v2/analytics/conversations/details/query", q)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["totalHits"], 1);

    // Bad input names the field.
    let mut bad = loaded();
    bad["phrases"][1]["speaker"] = json!("robot");
    let r = ctx
        .http
        .post(ctx.url("/_sim/conversations"))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert!(
        assert_error(r, 400).await["message"]
            .as_str()
            .unwrap()
            .contains("phrases[1].speaker")
    );
    let r = ctx
        .http
        .post(ctx.url("/_sim/conversations"))
        .json(&json!({"phrases": []}))
        .send()
        .await
        .unwrap();
    assert!(
        assert_error(r, 400).await["message"]
            .as_str()
            .unwrap()
            .contains("mediaType")
    );

    // Reset forgets loaded conversations, stats and tokens.
    ctx.control("/_sim/reset", json!({})).await;
    assert_eq!(ctx.stats().await["totalApiRequests"], 0);
    assert_error(
        ctx.get(&format!("/api/v2/analytics/conversations/{cid}/details"))
            .await,
        401,
    )
    .await;
}

#[tokio::test]
async fn ground_truth_and_stats() {
    let ctx = Ctx::start().await;
    let gt: Value = ctx
        .http
        .get(ctx.url("/_sim/ground-truth?from=2025-06-04&to=2025-06-05"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let gt = gt.as_array().unwrap();
    assert!(gt.len() > 50 && gt.len() < 130, "{}", gt.len());
    assert!(
        gt.iter()
            .all(|c| c["date"] == "2025-06-04" || c["date"] == "2025-06-05")
    );
    let mentions: u64 = gt
        .iter()
        .flat_map(|c| c["mentions"].as_array().unwrap())
        .map(|m| m["count"].as_u64().unwrap())
        .sum();
    assert!(mentions > 100);
    let ids: Vec<&str> = genesys_sim::catalog::products().iter().map(|p| p.id).collect();
    assert!(
        gt.iter()
            .flat_map(|c| c["mentions"].as_array().unwrap())
            .all(|m| ids.contains(&m["productId"].as_str().unwrap()))
    );

    // Planted mentions are really in the transcript text.
    let first = &gt[0];
    let cid = first["conversationId"].as_str().unwrap();
    let details = ctx
        .get_json(&format!("/api/v2/analytics/conversations/{cid}/details"))
        .await;
    let doc: Value = ctx
        .http
        .get(ctx.transcript_url(&details).await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text: String = doc["transcripts"][0]["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    for m in first["mentions"].as_array().unwrap() {
        let p = genesys_sim::catalog::find(m["productId"].as_str().unwrap()).unwrap();
        let found = std::iter::once(p.name)
            .chain(p.aliases.iter().copied())
            .any(|n| text.contains(&n.to_lowercase()));
        assert!(found, "{} not in {text}", p.name);
    }
    let r = ctx
        .http
        .get(ctx.url("/_sim/ground-truth?from=June"))
        .send()
        .await
        .unwrap();
    assert_error(r, 400).await;

    let stats = ctx.stats().await;
    assert_eq!(stats["tokenRequests"], 1);
    assert_eq!(stats["operations"]["getAnalyticsConversationDetails"], 1);
    assert_eq!(
        stats["operations"]["getSpeechandtextanalyticsConversationCommunicationTranscripturl"],
        1
    );
    assert_eq!(stats["transcriptDownloads"], 1);
    assert_eq!(stats["totalApiRequests"], 2);
}
