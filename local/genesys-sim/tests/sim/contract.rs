//! Every served operation answers with the spec's 2xx definition; errors are ErrorBody.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Ctx, WINDOW, assert_error, assert_valid, media_of, session_of};

const QUERY: &str = "/api/v2/analytics/conversations/details/query";
const JOBS: &str = "/api/v2/analytics/conversations/details/jobs";

#[tokio::test]
async fn details_query_and_details_match_the_spec() {
    let ctx = Ctx::start().await;
    let r = ctx
        .post(
            QUERY,
            json!({"interval": WINDOW, "order": "desc", "paging": {"pageSize": 50, "pageNumber": 2}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page: Value = r.json().await.unwrap();
    assert_valid("AnalyticsConversationQueryResponse", &page);
    assert_eq!(page["totalHits"], 300);
    assert_eq!(page["conversations"].as_array().unwrap().len(), 50);

    let all = ctx.all_conversations().await;
    assert_eq!(all.len(), 300);
    for media in ["voice", "chat", "message", "email"] {
        let of_media: Vec<&Value> = all.iter().filter(|c| media_of(c) == media).take(4).collect();
        assert_eq!(of_media.len(), 4, "{media}");
        for conv in of_media {
            let id = conv["conversationId"].as_str().unwrap();
            let details = ctx
                .get_json(&format!("/api/v2/analytics/conversations/{id}/details"))
                .await;
            assert_valid("AnalyticsConversationWithoutAttributes", &details);
            assert_eq!(&details, conv);
        }
    }
    // An empty page omits `conversations`, like Genesys.
    let r = ctx
        .post(
            QUERY,
            json!({"interval": "2020-01-01T00:00:00Z/2020-01-02T00:00:00Z"}),
        )
        .await;
    let empty: Value = r.json().await.unwrap();
    assert_valid("AnalyticsConversationQueryResponse", &empty);
    assert_eq!(empty, json!({"totalHits": 0}));
}

#[tokio::test]
async fn transcripts_match_the_spec_and_the_document_schema() {
    let ctx = Ctx::start().await;
    let all = ctx.all_conversations().await;
    for media in ["voice", "chat", "message", "email"] {
        for conv in all.iter().filter(|c| media_of(c) == media).take(3) {
            let cid = conv["conversationId"].as_str().unwrap();
            let comm = session_of(conv, "agent");
            let base = format!("/api/v2/speechandtextanalytics/conversations/{cid}/communications/{comm}");
            let one = ctx.get_json(&format!("{base}/transcripturl")).await;
            assert_valid("TranscriptUrl", &one);
            let many = ctx.get_json(&format!("{base}/transcripturls")).await;
            assert_valid("TranscriptUrls", &many);
            let url = one["url"].as_str().unwrap();
            let doc: Value = ctx.http.get(url).send().await.unwrap().json().await.unwrap();
            genesys_sim::spec::validate_transcript_document(&doc).expect("valid transcript document");
            assert_eq!(doc["conversationId"], cid);
            assert_eq!(doc["communicationId"], comm.as_str());
            let expected = if media == "voice" { "call" } else { media };
            assert_eq!(doc["mediaType"], expected);
            let phrases = doc["transcripts"][0]["phrases"].as_array().unwrap();
            assert!(phrases.len() >= 2);
            assert!(phrases.iter().any(|p| p["participantPurpose"] == "internal"));
            assert!(phrases.iter().any(|p| p["participantPurpose"] == "external"));
            assert_eq!(
                phrases.iter().all(|p| p.get("confidence").is_some()),
                media == "voice"
            );
            assert_eq!(doc["transcripts"][0].get("subject").is_some(), media == "email");
            // Sessions without a transcript answer 404 not.found.
            let customer = session_of(conv, "customer");
            let r = ctx
                .get(&format!("/api/v2/speechandtextanalytics/conversations/{cid}/communications/{customer}/transcripturl"))
                .await;
            assert_eq!(assert_error(r, 404).await["code"], "not.found");
        }
    }
    assert_eq!(ctx.stats().await["transcriptDownloadsWithAuthorization"], 0);
}

#[tokio::test]
async fn summaries_and_suggestions_match_the_spec() {
    let ctx = Ctx::start().await;
    let all = ctx.all_conversations().await;
    let (mut with_summary, mut without, mut with_suggestions) = (0, 0, 0);
    for conv in all.iter().take(60) {
        let cid = conv["conversationId"].as_str().unwrap();
        let r = ctx.get(&format!("/api/v2/conversations/{cid}/summaries")).await;
        if r.status() == StatusCode::OK {
            let v: Value = r.json().await.unwrap();
            assert_valid("ConversationSummariesGetResponse", &v);
            assert_eq!(v["summary"]["status"], "Completed");
            with_summary += 1;
        } else {
            assert_eq!(assert_error(r, 404).await["code"], "not.found");
            without += 1;
        }
        let list = ctx
            .get_json(&format!("/api/v2/conversations/{cid}/suggestions?pageSize=3"))
            .await;
        assert_valid("SuggestionListing", &list);
        let entities = list["entities"].as_array().unwrap();
        if let Some(first) = entities.first() {
            with_suggestions += 1;
            let sid = first["id"].as_str().unwrap();
            let one = ctx
                .get_json(&format!("/api/v2/conversations/{cid}/suggestions/{sid}"))
                .await;
            assert_valid("Suggestion", &one);
            let r = ctx
                .post(
                    &format!("/api/v2/conversations/{cid}/suggestions/{sid}/engagement"),
                    json!({"engagementType": "Dismissed"}),
                )
                .await;
            assert_eq!(r.status(), StatusCode::OK);
            assert_valid("SuggestionEngagement", &r.json().await.unwrap());
            let again = ctx
                .get_json(&format!("/api/v2/conversations/{cid}/suggestions/{sid}"))
                .await;
            assert_eq!(again["state"], "Dismissed");
        }
    }
    assert!(
        with_summary > 5 && without > 20 && with_suggestions > 5,
        "{with_summary} {without} {with_suggestions}"
    );
}

#[tokio::test]
async fn suggestion_paging_uses_cursors() {
    let ctx = Ctx::start().await;
    let all = ctx.all_conversations().await;
    for conv in &all {
        let cid = conv["conversationId"].as_str().unwrap();
        let first = ctx
            .get_json(&format!("/api/v2/conversations/{cid}/suggestions?pageSize=200"))
            .await;
        let total = first["entities"].as_array().unwrap().len();
        if total < 25 {
            continue;
        }
        let mut seen = Vec::new();
        let mut path = format!("/api/v2/conversations/{cid}/suggestions?pageSize=10");
        loop {
            let page = ctx.get_json(&path).await;
            assert_valid("SuggestionListing", &page);
            seen.extend(
                page["entities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["id"].clone()),
            );
            match page["nextUri"].as_str() {
                Some(next) => path = next.to_string(),
                None => break,
            }
        }
        assert_eq!(seen.len(), total);
        let r = ctx
            .get(&format!("/api/v2/conversations/{cid}/suggestions?pageSize=201"))
            .await;
        assert_error(r, 400).await;
        return;
    }
    panic!("no conversation with 25+ suggestions");
}

#[tokio::test]
async fn writeback_jobs_and_aggregates_match_the_spec() {
    let ctx = Ctx::start().await;
    let all = ctx.all_conversations().await;
    let conv = &all[0];
    let cid = conv["conversationId"].as_str().unwrap();
    let r = ctx
        .post(
            "/api/v2/integrations/actions/custom_-_abc/execute",
            json!({"conversationId": cid, "summary": "x"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert!(v.is_object());

    let pid = conv["participants"][0]["participantId"].as_str().unwrap();
    let path = format!("/api/v2/conversations/{cid}/participants/{pid}/attributes");
    let r = ctx
        .call(
            Method::PATCH,
            &path,
            Some(json!({"attributes": {"wrapup.summary": "done"}})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let r = ctx
        .call(
            Method::PATCH,
            &format!("/api/v2/conversations/{cid}/participants/nope/attributes"),
            Some(json!({"attributes": {}})),
        )
        .await;
    assert_error(r, 404).await;

    let r = ctx.post(JOBS, json!({"interval": WINDOW})).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let created: Value = r.json().await.unwrap();
    assert_valid("AsyncQueryResponse", &created);
    let job = created["jobId"].as_str().unwrap();
    let mut states = Vec::new();
    for _ in 0..3 {
        let s = ctx.get_json(&format!("{JOBS}/{job}")).await;
        assert_valid("AsyncQueryStatus", &s);
        states.push(s["state"].as_str().unwrap().to_string());
    }
    assert_eq!(states, ["QUEUED", "PENDING", "FULFILLED"]);
    let mut cursor: Option<String> = None;
    let mut count = 0;
    loop {
        let q = cursor
            .as_ref()
            .map(|c| format!("&cursor={c}"))
            .unwrap_or_default();
        let page = ctx
            .get_json(&format!("{JOBS}/{job}/results?pageSize=120{q}"))
            .await;
        assert_valid("AnalyticsConversationAsyncQueryResponse", &page);
        count += page["conversations"].as_array().unwrap().len();
        match page["cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(count, 300);
    let r = ctx.call(Method::DELETE, &format!("{JOBS}/{job}"), None).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_error(ctx.get(&format!("{JOBS}/{job}")).await, 404).await;

    let r = ctx
        .post(
            "/api/v2/analytics/transcripts/aggregates/query",
            json!({"interval": WINDOW, "metrics": ["nTopicCommunications"], "groupBy": ["topicId", "mediaType"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_valid("TranscriptAggregateQueryResponse", &v);
    assert!(v["results"].as_array().unwrap().len() >= 6);
}
