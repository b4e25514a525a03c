//! The models must survive Genesys releases: unknown fields anywhere are ignored, unknown enum
//! values parse to `Unknown`, and neither changes what the known fields say.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wrapup::genesys::models::*;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Fields whose value is a free-form map: adding a key there adds an entry, not an unknown field.
const MAP_FIELDS: &[&str] = &["attributes", "messageParams", "data", "metadata"];

/// Adds fields no model knows (scalars, arrays, nested objects) to every object.
fn add_unknown_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if !MAP_FIELDS.contains(&key.as_str()) {
                    add_unknown_fields(child);
                }
            }
            map.insert(
                "zzFutureField".into(),
                json!({"nested": [1, "two", {"three": null}]}),
            );
            map.insert("zzFutureFlag".into(), json!(true));
            map.insert("zzFutureList".into(), json!([{"a": 1}, 2.5]));
        }
        Value::Array(items) => items.iter_mut().for_each(add_unknown_fields),
        _ => {}
    }
}

fn parse<T: DeserializeOwned>(what: &str, value: Value) -> T {
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{what}: {e}"))
}

fn assert_ignores_unknown_fields<T: DeserializeOwned + PartialEq + std::fmt::Debug>(file: &str) {
    let plain: T = parse(file, fixture(file));
    let mut noisy = fixture(file);
    add_unknown_fields(&mut noisy);
    assert_ne!(noisy, fixture(file));
    let noisy: T = parse(file, noisy);
    assert_eq!(noisy, plain, "{file}: unknown fields changed the result");
}

#[test]
fn unknown_fields_are_ignored_everywhere() {
    assert_ignores_unknown_fields::<AnalyticsConversation>("analytics_conversation.json");
    assert_ignores_unknown_fields::<AnalyticsConversationQueryResponse>("details_query_response.json");
    assert_ignores_unknown_fields::<AnalyticsConversationAsyncQueryResponse>("async_query_results.json");
    assert_ignores_unknown_fields::<AsyncQueryStatus>("async_query_status.json");
    assert_ignores_unknown_fields::<TranscriptDocument>("transcript_voice.json");
    assert_ignores_unknown_fields::<TranscriptDocument>("transcript_chat.json");
    assert_ignores_unknown_fields::<TranscriptUrls>("transcript_urls.json");
    assert_ignores_unknown_fields::<ConversationSummariesGetResponse>("summaries_response.json");
    assert_ignores_unknown_fields::<SuggestionListing>("suggestion_listing.json");
    assert_ignores_unknown_fields::<ErrorBody>("error_body.json");
}

#[test]
fn unknown_enum_values_parse_as_unknown() {
    let mut conv = fixture("analytics_conversation.json");
    conv["conversationInitiator"] = json!("hologram");
    conv["originatingDirection"] = json!("sideways");
    conv["participants"][0]["purpose"] = json!("robotAssistant");
    let session = &mut conv["participants"][0]["sessions"][0];
    session["mediaType"] = json!("telepathy");
    session["direction"] = json!("inward");
    session["segments"][0]["segmentType"] = json!("daydreaming");
    session["segments"][0]["disconnectType"] = json!("brandNewReason");
    let conv: AnalyticsConversation = parse("conversation", conv);
    assert_eq!(conv.conversation_initiator, Some(ParticipantPurpose::Unknown));
    assert_eq!(conv.originating_direction, Some(Direction::Unknown));
    let participant = &conv.participants[0];
    assert_eq!(participant.purpose, Some(ParticipantPurpose::Unknown));
    assert_eq!(participant.sessions[0].media_type, Some(MediaType::Unknown));
    assert_eq!(participant.sessions[0].direction, Some(Direction::Unknown));
    let segment = &participant.sessions[0].segments[0];
    assert_eq!(segment.segment_type, Some(SegmentType::Unknown));
    assert_eq!(segment.disconnect_type.as_deref(), Some("brandNewReason"));
    // The rest of the conversation is intact.
    assert_eq!(conv.participants.len(), 4);
    assert_eq!(conv.media_type(), Some(MediaType::Voice));

    let status: AsyncQueryStatus = parse("status", json!({"state": "ARCHIVED"}));
    assert_eq!(status.state, Some(JobState::Unknown));
    assert!(!status.state.unwrap().is_terminal());

    let mut summaries = fixture("summaries_response.json");
    summaries["summary"]["status"] = json!("Summarising");
    summaries["summary"]["mediaType"] = json!("Hologram");
    summaries["sessionSummaries"][0]["status"] = json!("Reviewing");
    let summaries: ConversationSummariesGetResponse = parse("summaries", summaries);
    assert_eq!(
        summaries.summary.as_ref().unwrap().status,
        Some(SummaryStatus::Unknown)
    );
    assert_eq!(
        summaries.summary.as_ref().unwrap().media_type,
        Some(SummaryMediaType::Unknown)
    );
    assert_eq!(
        summaries.session_summaries[0].summary.status,
        Some(SummaryStatus::Unknown)
    );
    assert_eq!(summaries.completed(), None, "only Completed summaries count");

    let mut listing = fixture("suggestion_listing.json");
    listing["entities"][0]["type"] = json!("Hologram");
    listing["entities"][0]["state"] = json!("Pondering");
    listing["entities"][0]["triggerType"] = json!("Moonrise");
    listing["entities"][0]["context"]["mediaType"] = json!("Email");
    let listing: SuggestionListing = parse("listing", listing);
    let first = &listing.entities[0];
    assert_eq!(first.suggestion_type, Some(SuggestionType::Unknown));
    assert_eq!(first.state, Some(SuggestionState::Unknown));
    assert_eq!(first.trigger_type, Some(TriggerType::Unknown));
    assert_eq!(
        first.context.as_ref().unwrap().media_type,
        Some(SuggestionMediaType::Unknown)
    );
    assert!(first.display_text().is_some());

    let engagement: SuggestionEngagement = parse(
        "engagement",
        json!({"engagementType": "Shared", "feedback": {"rating": "Neutral"}}),
    );
    assert_eq!(engagement.engagement_type, EngagementType::Unknown);
    assert_eq!(engagement.feedback.unwrap().rating, Rating::Unknown);
}

#[test]
fn documents_tolerate_odd_shapes() {
    // Durations as bare numbers, words as an array, nulls where objects were expected.
    let doc: TranscriptDocument = parse(
        "document",
        json!({
            "conversationId": "c", "duration": 5000,
            "transcripts": [{"phrases": [{
                "text": "hi", "duration": 1200, "offset": {"milliseconds": 10, "seconds": 0},
                "startTimeMs": null, "words": [],
                "alternatives": [{"words": [{"word": "hi"}, {"word": "hey"}]}]
            }], "analytics": {"sentiment": [], "topics": [], "acoustic": [{"eventType": "silence"}]}}]
        }),
    );
    assert_eq!(doc.duration, Some(Millis::new(5_000)));
    let phrase = &doc.transcripts[0].phrases[0];
    assert_eq!(phrase.duration, Some(Millis::new(1_200)));
    assert_eq!(phrase.offset, Some(Millis::new(10)));
    assert_eq!(phrase.start_time_ms, None);
    assert_eq!(phrase.alternatives[0].words.as_ref().unwrap().as_slice().len(), 2);
    // Empty objects parse to all-`None` models.
    let empty: AnalyticsConversation = parse("empty", json!({}));
    assert_eq!(empty, AnalyticsConversation::default());
    let empty: SuggestionListing = parse("empty", json!({}));
    assert_eq!(empty.next_cursor(), None);
}
