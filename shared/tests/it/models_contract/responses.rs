//! Response fixtures: each validates against its definition, deserializes and serializes back.

use super::*;

#[test]
fn analytics_conversation_fixture() {
    let conv: AnalyticsConversation = load("analytics_conversation.json", "AnalyticsConversation");
    assert_eq!(
        conv.conversation_id.as_deref(),
        Some("5f3c0a52-7b1e-4c1a-9a55-2f8f0f6b7c01")
    );
    let purposes: Vec<_> = conv.participants.iter().filter_map(|p| p.purpose).collect();
    assert_eq!(
        purposes,
        [
            ParticipantPurpose::Customer,
            ParticipantPurpose::Ivr,
            ParticipantPurpose::Acd,
            ParticipantPurpose::Agent
        ]
    );
    assert_eq!(conv.media_type(), Some(MediaType::Voice));
    assert_eq!(conv.originating_direction, Some(Direction::Inbound));
    let customer = &conv.participants[0];
    assert_eq!(customer.attributes.as_ref().unwrap()["crmCaseId"], "CASE-1042");
    let (agent, session) = conv.find_session("a1b2c3d4-0004-4e5f-8a9b-000000000004").unwrap();
    assert_eq!(agent.purpose, Some(ParticipantPurpose::Agent));
    let wrapup = session
        .segments
        .iter()
        .find(|s| s.segment_type == Some(SegmentType::Wrapup))
        .unwrap();
    assert_eq!(wrapup.wrap_up_note.as_deref(), Some("Router replacement ordered"));
    let ivr_flow = conv.participants[1].sessions[0].flow.as_ref().unwrap();
    assert_eq!(ivr_flow.flow_type.as_deref(), Some("INBOUNDCALL"));
    let (start, end) = session.span().unwrap();
    assert_eq!((end.unwrap() - start).num_seconds(), 340);
}

#[test]
fn details_query_and_job_fixtures() {
    let page: AnalyticsConversationQueryResponse = load(
        "details_query_response.json",
        "AnalyticsConversationQueryResponse",
    );
    assert_eq!(page.total_hits, Some(1));
    assert!(
        page.conversations[0]
            .participants
            .iter()
            .all(|p| p.attributes.is_none())
    );

    let status: AsyncQueryStatus = load("async_query_status.json", "AsyncQueryStatus");
    assert_eq!(status.state, Some(JobState::Fulfilled));
    assert!(status.state.unwrap().is_terminal());

    let results: AnalyticsConversationAsyncQueryResponse = load(
        "async_query_results.json",
        "AnalyticsConversationAsyncQueryResponse",
    );
    assert_eq!(results.cursor.as_deref(), Some("eyJwYWdlIjoyfQ=="));
    assert_eq!(results.conversations[0].participants.len(), 4);

    let job: AsyncQueryResponse = serde_json::from_value(json!({"jobId": "j-1"})).unwrap();
    assert_definition("AsyncQueryResponse", &body(&job));
}

#[test]
fn transcript_url_and_error_fixtures() {
    let urls: TranscriptUrls = load("transcript_urls.json", "TranscriptUrls");
    assert_eq!(
        urls.communication_id.as_deref(),
        Some("a1b2c3d4-0001-4e5f-8a9b-000000000001")
    );
    assert!(urls.urls[0].url.as_deref().unwrap().starts_with("https://"));
    assert_definition(
        "TranscriptUrl",
        &body(&TranscriptUrl {
            url: Some("https://x".into()),
        }),
    );

    let error: ErrorBody = load("error_body.json", "ErrorBody");
    assert_eq!(error.status, Some(429));
    assert_eq!(error.limit.as_ref().unwrap().value, Some(300));
    assert_eq!(
        error.context_id.as_deref(),
        Some("7f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    );
}

#[test]
fn summaries_fixture() {
    let summaries: ConversationSummariesGetResponse =
        load("summaries_response.json", "ConversationSummariesGetResponse");
    let best = summaries.completed().expect("a completed summary");
    assert!(best.edited);
    assert_eq!(best.communication_id, None);
    assert_eq!(
        best.text,
        "Customer's router rebooted hourly; replacement ordered, arrives in 2 days."
    );
    let summary = summaries.summary.as_ref().unwrap();
    assert_eq!(summary.media_type, Some(SummaryMediaType::Call));
    assert_eq!(
        summary.resolution.as_ref().unwrap().outcome.as_deref(),
        Some("Resolved")
    );
    assert_eq!(
        summary.predicted_wrapup_codes[0].name.as_deref(),
        Some("Hardware - Replacement")
    );
    let session = &summaries.session_summaries[0];
    assert_eq!(
        session.communication.as_ref().unwrap().id.as_deref(),
        Some("a1b2c3d4-0004-4e5f-8a9b-000000000004")
    );
    assert_eq!(session.summary.status, Some(SummaryStatus::Completed));
}

#[test]
fn suggestion_listing_fixture() {
    let listing: SuggestionListing = load("suggestion_listing.json", "SuggestionListing");
    assert_eq!(listing.next_cursor().as_deref(), Some("eyJpZCI6InMtMDAwMyJ9="));
    let types: Vec<_> = listing
        .entities
        .iter()
        .filter_map(|s| s.suggestion_type)
        .collect();
    assert_eq!(
        types,
        [
            SuggestionType::Faq,
            SuggestionType::KnowledgeSearch,
            SuggestionType::ThirdPartySuggestion
        ]
    );
    assert_eq!(
        listing.entities[0].display_text(),
        Some("Update the firmware, then power-cycle the router.")
    );
    assert_eq!(
        listing.entities[0].context.as_ref().unwrap().media_type,
        Some(SuggestionMediaType::Voice)
    );
    assert_eq!(
        listing.entities[1].display_text(),
        Some("Order a replacement if a firmware update does not help.")
    );
    assert_eq!(
        listing.entities[2].trigger_type,
        Some(TriggerType::ConversationStart)
    );
    for suggestion in &listing.entities {
        assert_definition("Suggestion", &body(suggestion));
    }
}

#[test]
fn voice_transcript_fixture_normalises_with_its_details() {
    let details: AnalyticsConversation = load("analytics_conversation.json", "AnalyticsConversation");
    let document = load_document("transcript_voice.json");
    assert_eq!(document.transcripts[0].phrases.len(), 10);
    let alternative = &document.transcripts[0].phrases[1].alternatives[0];
    assert_eq!(alternative.words.as_ref().unwrap().as_slice().len(), 1);
    assert_eq!(
        document.transcripts[0].analytics.as_ref().unwrap().topics[0]
            .topic_name
            .as_deref(),
        Some("Hardware replacement")
    );

    let t = Transcript::from_documents(&details, &[document]).unwrap();
    assert_eq!(t.media_type, Channel::Voice);
    assert_eq!(t.language.as_deref(), Some("en-US"));
    assert_eq!(t.duration_ms, 400_000);
    use SpeakerRole::*;
    let got: Vec<(SpeakerRole, u64)> = t
        .utterances
        .iter()
        .map(|u| (u.speaker, u.start_offset_ms))
        .collect();
    assert_eq!(
        got,
        [
            (IvrBot, 1_000),
            (Customer, 8_000),
            (IvrBot, 12_000),
            (IvrBot, 45_000),
            (Agent, 66_000),
            (Customer, 70_000),
            (Agent, 76_000),
            (Customer, 82_000),
            (Agent, 300_000),
            (Customer, 310_000),
        ]
    );
    assert_eq!(
        t.utterances[6].text,
        "Can you read me the serial number on the back?"
    );
    assert_eq!(t.utterances[9].text, "Great, thanks for your help!");
}

#[test]
fn chat_transcript_fixture_normalises_without_details() {
    let document = load_document("transcript_chat.json");
    let details: AnalyticsConversation =
        serde_json::from_value(json!({"conversationId": "c4a1e2f3-8b9c-4d0e-9f1a-2b3c4d5e6f70"})).unwrap();
    let t = Transcript::from_documents(&details, &[document]).unwrap();
    assert_eq!(t.media_type, Channel::Chat);
    assert_eq!(t.language.as_deref(), Some("en-GB"));
    let speakers: Vec<SpeakerRole> = t.utterances.iter().map(|u| u.speaker).collect();
    use SpeakerRole::*;
    assert_eq!(speakers, [Customer, Agent, Agent, Customer]);
    assert_eq!(t.utterances[0].start_offset_ms, 5_000);
    assert_eq!(t.duration_ms, 120_000);
}
