//! Every typed operation against the simulator, with the real request and response shapes.

use crate::common;

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{Duration as Days, Utc};
use common::*;
use serde_json::{Value, json};
use wrapup::genesys::GenesysApi;
use wrapup::genesys::models::{
    AsyncConversationQuery, ConversationQuery, DataActionInput, EngagementType, JobState, MediaType,
    ParticipantAttributes, SuggestionEngagement, SuggestionsQuery,
};
use wrapup::ids::ConversationId;
use wrapup::transcript::{Channel, FetchTranscript, SpeakerRole};

fn whole_archive() -> ConversationQuery {
    let end = Utc::now() + Days::days(1);
    ConversationQuery::for_interval(end - Days::days(30), end).unwrap()
}

#[tokio::test]
async fn details_query_pages_until_total_hits() {
    let sim = sim().await;
    let client = client(&sim);
    let first = client
        .query_conversation_details(&whole_archive().page(25, 1))
        .await
        .unwrap();
    let total = first.total_hits.unwrap() as usize;
    assert!(total >= 75, "enough for three pages of 25: {total}");
    let all = client
        .query_all_conversation_details(whole_archive(), 25)
        .await
        .unwrap();
    assert_eq!(all.len(), total);
    let ids: BTreeSet<_> = all.iter().map(|c| c.conversation_id.clone()).collect();
    assert_eq!(ids.len(), total, "no conversation twice");
    let pages = total.div_ceil(25) as u64;
    assert!(pages >= 3);
    assert_eq!(
        operation_count(&sim, "postAnalyticsConversationsDetailsQuery").await,
        pages + 1
    );
}

#[tokio::test]
async fn details_query_filters_by_media_type() {
    let sim = sim().await;
    let client = client(&sim);
    let chats = client
        .query_all_conversation_details(whole_archive().with_media_types(&[MediaType::Chat]), 100)
        .await
        .unwrap();
    assert!(!chats.is_empty());
    for conversation in &chats {
        assert!(
            conversation
                .sessions()
                .any(|(_, s)| s.media_type == Some(MediaType::Chat)),
            "{conversation:?}"
        );
    }
}

async fn load_call(sim: &genesys_sim::SimHandle, id: &str, media: &str, extra: Value) -> ConversationId {
    let mut body = json!({
        "conversationId": id,
        "mediaType": media,
        "language": "en-US",
        "startTime": (Utc::now() - Days::hours(2)).to_rfc3339(),
        "phrases": [
            {"speaker": "agent", "text": "Thank you for calling Acme, this is Dana."},
            {"speaker": "customer", "text": "Hi, my Acme Router Pro keeps dropping the connection."},
            {"speaker": "agent", "text": "I'm sorry to hear that. I'll send a replacement by Friday."},
            {"speaker": "customer", "text": "Great, thanks."}
        ]
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    load_conversation(sim, body).await;
    ConversationId::parse(id).unwrap()
}

#[tokio::test]
async fn transcripts_are_downloaded_without_authorization_and_normalised() {
    let sim = sim().await;
    let client = client(&sim);
    for (id, media, channel) in [
        ("11111111-1111-4111-8111-111111111111", "voice", Channel::Voice),
        ("22222222-2222-4222-8222-222222222222", "chat", Channel::Chat),
        (
            "33333333-3333-4333-8333-333333333333",
            "message",
            Channel::Message,
        ),
        ("44444444-4444-4444-8444-444444444444", "email", Channel::Email),
    ] {
        let id = load_call(&sim, id, media, json!({})).await;
        let transcript = client
            .conversation_transcript(&id)
            .await
            .unwrap()
            .expect("a transcript");
        assert_eq!(transcript.media_type, channel, "{media}");
        let speakers: Vec<_> = transcript.utterances.iter().map(|u| u.speaker).collect();
        assert_eq!(
            speakers,
            [
                SpeakerRole::Agent,
                SpeakerRole::Customer,
                SpeakerRole::Agent,
                SpeakerRole::Customer
            ],
            "{media}"
        );
        assert!(transcript.utterances[2].text.contains("replacement by Friday"));
        let offsets: Vec<_> = transcript.utterances.iter().map(|u| u.start_offset_ms).collect();
        assert!(
            offsets.windows(2).all(|w| w[0] <= w[1]),
            "time ordered: {offsets:?}"
        );
    }
    let stats = stats(&sim).await;
    assert!(stats["transcriptDownloads"].as_u64().unwrap() >= 4);
    assert_eq!(
        stats["transcriptDownloadsWithAuthorization"].as_u64(),
        Some(0),
        "pre-signed URLs get no bearer token"
    );
}

#[tokio::test]
async fn seeded_conversations_of_every_media_type_normalise() {
    let sim = sim().await;
    let client = client(&sim);
    let all = client
        .query_all_conversation_details(whole_archive(), 100)
        .await
        .unwrap();
    let mut seen = BTreeSet::new();
    for conversation in all.iter().take(40) {
        let id = ConversationId::parse(conversation.conversation_id.as_deref().unwrap()).unwrap();
        if let Some(transcript) = client.conversation_transcript(&id).await.unwrap() {
            assert!(!transcript.utterances.is_empty());
            assert!(
                transcript
                    .utterances
                    .iter()
                    .any(|u| u.speaker == SpeakerRole::Customer)
            );
            assert!(
                transcript
                    .utterances
                    .iter()
                    .any(|u| u.speaker == SpeakerRole::Agent)
            );
            seen.insert(format!("{:?}", transcript.media_type));
        }
    }
    assert!(
        seen.len() >= 3,
        "several media types among the first 40: {seen:?}"
    );
}

#[tokio::test]
async fn an_expired_transcript_url_is_requested_again_once() {
    let sim = sim().await;
    let client = client(&sim);
    let id = load_call(&sim, "55555555-5555-4555-8555-555555555555", "voice", json!({})).await;
    fail_next(&sim, "transcriptDocument", 403, 1, json!({})).await;
    let transcript = client
        .conversation_transcript(&id)
        .await
        .unwrap()
        .expect("transcript after a new URL");
    assert_eq!(transcript.utterances.len(), 4);

    faults(&sim, json!({"expireTranscriptUrls": true})).await;
    let err = client.conversation_transcript(&id).await.unwrap_err();
    assert!(
        matches!(err, wrapup::genesys::GenesysError::TranscriptUrlExpired { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn transcript_urls_list_one_url_per_recording() {
    let sim = sim().await;
    let client = client(&sim);
    let id = load_call(&sim, "12121212-1212-4212-8212-121212121212", "voice", json!({})).await;
    let details = client.conversation_details(&id).await.unwrap();
    let mut with_urls = 0;
    for communication in wrapup::genesys::transcript_download::communication_ids(&details) {
        match client.transcript_urls(&id, &communication).await {
            Ok(urls) => {
                assert_eq!(urls.communication_id.as_deref(), Some(communication.as_str()));
                assert!(!urls.urls.is_empty());
                assert!(
                    urls.urls
                        .iter()
                        .all(|u| u.url.as_deref().is_some_and(|u| u.contains("signature=")))
                );
                with_urls += 1;
            }
            Err(err) => assert!(err.is_not_found(), "{err}"),
        }
    }
    assert_eq!(
        with_urls, 1,
        "the simulator keeps one transcript per conversation"
    );
}

#[tokio::test]
async fn unknown_conversations_and_missing_transcripts() {
    let sim = sim().await;
    let client = client(&sim);
    let unknown = ConversationId::parse("66666666-6666-4666-8666-666666666666").unwrap();
    let err = client.conversation_transcript(&unknown).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.code(), Some("not.found"));
    assert!(client.conversation_summaries(&unknown).await.unwrap().is_none());
}

#[tokio::test]
async fn copilot_summaries_when_present() {
    let sim = sim().await;
    let client = client(&sim);
    let with = load_call(
        &sim,
        "77777777-7777-4777-8777-777777777777",
        "voice",
        json!({"copilotSummary": {"text": "Customer's router drops; replacement sent.", "reason": "Router drops connection",
               "resolution": "Replacement shipped", "followup": "Confirm delivery Friday", "confidence": 0.87}}),
    )
    .await;
    let without = load_call(&sim, "88888888-8888-4888-8888-888888888888", "chat", json!({})).await;
    let summaries = client
        .conversation_summaries(&with)
        .await
        .unwrap()
        .expect("summary");
    let summary = summaries.completed().expect("completed summary");
    assert_eq!(summary.text, "Customer's router drops; replacement sent.");
    assert_eq!(
        summary.summary.reason.as_ref().and_then(|r| r.text.as_deref()),
        Some("Router drops connection")
    );
    assert!(client.conversation_summaries(&without).await.unwrap().is_none());
}

#[tokio::test]
async fn suggestions_follow_the_cursor_and_engagement_is_recorded() {
    let sim = sim().await;
    let client = client(&sim);
    let suggestions: Vec<Value> = (0..5)
        .map(|i| json!({"type": "Faq", "faq": {"question": format!("Question {i}?"), "answer": format!("Answer {i}.")}}))
        .collect();
    let id = load_call(
        &sim,
        "99999999-9999-4999-8999-999999999999",
        "voice",
        json!({"suggestions": suggestions}),
    )
    .await;
    let query = SuggestionsQuery {
        page_size: Some(2),
        ..SuggestionsQuery::default()
    };
    let first = client.suggestions(&id, &query).await.unwrap();
    assert_eq!(first.entities.len(), 2);
    assert!(first.next_cursor().is_some());
    let all = client.all_suggestions(&id, query).await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(operation_count(&sim, "getConversationSuggestions").await, 1 + 3);
    let suggestion_id = all[0].id.clone().unwrap();
    let engagement = SuggestionEngagement {
        engagement_type: EngagementType::Copied,
        feedback: None,
    };
    client
        .engage_suggestion(&id, &suggestion_id, &engagement)
        .await
        .unwrap();
    let one = client.suggestion(&id, &suggestion_id).await.unwrap();
    assert_eq!(one.id.as_deref(), Some(suggestion_id.as_str()));
}

#[tokio::test]
async fn data_actions_and_participant_attributes_reach_the_crm_side() {
    let sim = sim().await;
    let client = client(&sim);
    let loaded = load_conversation(
        &sim,
        json!({"conversationId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "mediaType": "voice", "language": "en-US",
               "startTime": Utc::now().to_rfc3339(), "phrases": [{"speaker": "agent", "text": "Hello."}]}),
    )
    .await;
    let id = ConversationId::parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa").unwrap();
    let input = DataActionInput(serde_json::Map::from_iter([
        ("caseId".to_owned(), json!("CASE-42")),
        ("Post_Call_Summary".to_owned(), json!("Replacement router sent.")),
    ]));
    client.execute_data_action("custom_-_1234", &input).await.unwrap();
    let participant = loaded["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["purpose"] == "agent")
        .unwrap()["participantId"]
        .as_str()
        .unwrap()
        .to_owned();
    let attributes = ParticipantAttributes {
        attributes: [("wrapup.summary".to_owned(), "Replacement sent".to_owned())].into(),
    };
    client
        .patch_participant_attributes(&id, &participant, &attributes)
        .await
        .unwrap();
    let crm = get(&sim, "/_sim/crm/requests").await;
    let crm = crm
        .as_array()
        .cloned()
        .or_else(|| crm["requests"].as_array().cloned())
        .unwrap();
    assert!(
        crm.iter()
            .any(|r| r["kind"] == "dataAction" && r.to_string().contains("CASE-42")),
        "{crm:?}"
    );
    assert!(
        crm.iter()
            .any(|r| r["kind"] == "participantAttributes" && r.to_string().contains("wrapup.summary")),
        "{crm:?}"
    );
}

#[tokio::test]
async fn details_jobs_run_to_results_and_failures_are_reported() {
    let sim = sim().await;
    let client = client(&sim);
    let end = Utc::now() + Days::days(1);
    let query = AsyncConversationQuery::for_interval(end - Days::days(30), end).unwrap();
    let job = client.create_details_job(&query).await.unwrap();
    let job_id = job.job_id.unwrap();
    let status = client
        .wait_for_details_job(&job_id, Duration::from_millis(20))
        .await
        .unwrap();
    assert_eq!(status.state, Some(JobState::Fulfilled));
    let mut cursor: Option<String> = None;
    let mut ids = BTreeSet::new();
    let mut pages = 0;
    loop {
        let page = client
            .details_job_results(&job_id, cursor.as_deref(), Some(50))
            .await
            .unwrap();
        pages += 1;
        ids.extend(
            page.conversations
                .iter()
                .filter_map(|c| c.conversation_id.clone()),
        );
        match page.cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert!(pages >= 2, "cursor paging: {pages}");
    let total = client
        .query_all_conversation_details(whole_archive(), 100)
        .await
        .unwrap()
        .len();
    assert_eq!(
        ids.len(),
        total,
        "the job returns the same conversations as the query"
    );
    client.delete_details_job(&job_id).await.unwrap();

    for (outcome, state) in [("failed", JobState::Failed), ("expired", JobState::Expired)] {
        faults(&sim, json!({"jobOutcome": outcome})).await;
        let job = client.create_details_job(&query).await.unwrap();
        let status = client
            .wait_for_details_job(&job.job_id.unwrap(), Duration::from_millis(20))
            .await
            .unwrap();
        assert_eq!(status.state, Some(state));
    }
}
