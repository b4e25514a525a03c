use serde_json::{Value, json};

use super::*;
use wrapup_genesys::models::{AnalyticsConversation, TranscriptDocument};

const CONV: &str = "7d9a1d2e-0000-4000-8000-000000000001";
/// 2024-05-01T10:00:00Z in epoch ms.
const T0: i64 = 1_714_557_600_000;

fn details(v: Value) -> AnalyticsConversation {
    serde_json::from_value(v).expect("details fixture")
}

fn doc(v: Value) -> TranscriptDocument {
    serde_json::from_value(v).expect("document fixture")
}

fn phrase(purpose: &str, text: &str, start_ms: i64, duration_ms: i64) -> Value {
    json!({"participantPurpose": purpose, "text": text, "startTimeMs": start_ms,
           "duration": {"milliseconds": duration_ms}, "confidence": 0.9})
}

fn speakers_and_texts(t: &Transcript) -> Vec<(SpeakerRole, &str)> {
    t.utterances
        .iter()
        .map(|u| (u.speaker, u.text.as_str()))
        .collect()
}

/// A voice call: IVR 0-30 s, queue 30-45 s, agent rings 45-50 s and talks 50-300 s.
fn voice_details() -> AnalyticsConversation {
    details(json!({
        "conversationId": CONV,
        "conversationStart": "2024-05-01T10:00:00.000Z",
        "conversationEnd": "2024-05-01T10:05:00.000Z",
        "participants": [
            {"purpose": "customer", "sessions": [{"sessionId": "comm-customer", "mediaType": "voice",
                "segments": [{"segmentStart": "2024-05-01T10:00:00Z", "segmentEnd": "2024-05-01T10:05:00Z", "segmentType": "interact"}]}]},
            {"purpose": "ivr", "sessions": [{"sessionId": "comm-ivr", "mediaType": "voice",
                "segments": [{"segmentStart": "2024-05-01T10:00:00Z", "segmentEnd": "2024-05-01T10:00:30Z", "segmentType": "ivr"}]}]},
            {"purpose": "acd", "sessions": [{"sessionId": "comm-acd", "mediaType": "voice",
                "segments": [{"segmentStart": "2024-05-01T10:00:30Z", "segmentEnd": "2024-05-01T10:00:45Z", "segmentType": "interact"}]}]},
            {"purpose": "agent", "userId": "u-1", "sessions": [{"sessionId": "comm-agent", "mediaType": "voice",
                "segments": [
                    {"segmentStart": "2024-05-01T10:00:45Z", "segmentEnd": "2024-05-01T10:00:50Z", "segmentType": "alert"},
                    {"segmentStart": "2024-05-01T10:00:50Z", "segmentEnd": "2024-05-01T10:05:00Z", "segmentType": "interact"}
                ]}]}
        ]
    }))
}

#[test]
fn voice_with_ivr_agent_and_customer() {
    let customer_doc = doc(json!({
        "conversationId": CONV, "communicationId": "comm-customer", "mediaType": "call",
        "conversationStartTime": T0, "startTime": T0,
        "transcripts": [{"language": "en-US", "phrases": [
            phrase("internal", "Welcome to Acme. Say billing or support.", T0 + 2_000, 3_000),
            phrase("external", "Support.", T0 + 10_000, 800),
            phrase("internal", "All our agents are busy.", T0 + 35_000, 2_000),
            phrase("internal", "Hi, this is Sam, how can I help?", T0 + 55_000, 2_500),
            phrase("external", "My router keeps rebooting.", T0 + 60_000, 3_000),
            phrase("agent", "Let me check that for you.", T0 + 65_000, 2_000),
        ]}]
    }));
    // The IVR's own communication: its internal phrases are the IVR whatever the time.
    let ivr_doc = doc(json!({
        "conversationId": CONV, "communicationId": "comm-ivr", "mediaType": "call",
        "transcripts": [{"language": "en-US", "phrases": [
            phrase("internal", "Please hold.", T0 + 70_000, 1_000),
        ]}]
    }));
    let t = Transcript::from_documents(&voice_details(), &[customer_doc, ivr_doc]).unwrap();
    assert_eq!(t.conversation_id, CONV);
    assert_eq!(t.media_type, Channel::Voice);
    assert_eq!(t.language.as_deref(), Some("en-US"));
    assert_eq!(t.duration_ms, 300_000);
    assert_eq!(
        speakers_and_texts(&t),
        vec![
            (SpeakerRole::IvrBot, "Welcome to Acme. Say billing or support."),
            (SpeakerRole::Customer, "Support."),
            (SpeakerRole::IvrBot, "All our agents are busy."),
            (SpeakerRole::Agent, "Hi, this is Sam, how can I help?"),
            (SpeakerRole::Customer, "My router keeps rebooting."),
            (SpeakerRole::Agent, "Let me check that for you."),
            (SpeakerRole::IvrBot, "Please hold."),
        ]
    );
    let offsets: Vec<u64> = t.utterances.iter().map(|u| u.start_offset_ms).collect();
    assert_eq!(offsets, [2_000, 10_000, 35_000, 55_000, 60_000, 65_000, 70_000]);
    assert_eq!(t.utterances[0].duration_ms, 3_000);
    assert_eq!(t.utterances[0].confidence, Some(0.9));
    assert_eq!(&*t.utterances[0].communication_id, "comm-customer");
    assert_eq!(&*t.utterances[6].communication_id, "comm-ivr");
    assert!(!t.is_empty());
    assert_eq!(
        t.text_len(),
        t.utterances.iter().map(|u| u.text.len()).sum::<usize>()
    );
}

#[test]
fn internal_without_details_is_the_agent() {
    let d = doc(
        json!({"conversationId": CONV, "communicationId": "c", "transcripts": [{"phrases": [
            phrase("internal", "Hello", T0, 1), phrase("IVR", "Press one", T0 + 1, 1),
            phrase("Customer", "Hi", T0 + 2, 1), phrase("supervisor", "psst", T0 + 3, 1),
            json!({"text": "no purpose", "startTimeMs": T0 + 4})
        ]}]}),
    );
    let t = Transcript::from_documents(&AnalyticsConversation::default(), &[d]).unwrap();
    let roles: Vec<SpeakerRole> = t.utterances.iter().map(|u| u.speaker).collect();
    use SpeakerRole::*;
    assert_eq!(roles, [Agent, IvrBot, Customer, Other, Other]);
    // No details: the conversation starts at the earliest phrase.
    assert_eq!(t.utterances[0].start_offset_ms, 0);
    assert_eq!(t.media_type, Channel::Other);
}

#[test]
fn chat_uses_document_start_when_details_have_none() {
    let details = details(json!({"conversationId": CONV, "participants": [
        {"purpose": "customer", "sessions": [{"sessionId": "chat-1", "mediaType": "chat"}]}
    ]}));
    let d = doc(json!({
        "conversationId": CONV, "communicationId": "chat-1", "mediaType": "chat",
        "conversationStartTime": T0 - 5_000,
        "transcripts": [{"language": "en-GB", "phrases": [
            phrase("external", "hello, my order is late", T0, 0),
            phrase("internal", "Sorry to hear that! Order number?", T0 + 20_000, 0),
        ]}]
    }));
    let t = Transcript::from_documents(&details, &[d]).unwrap();
    assert_eq!(t.media_type, Channel::Chat);
    assert_eq!(t.language.as_deref(), Some("en-GB"));
    let offsets: Vec<u64> = t.utterances.iter().map(|u| u.start_offset_ms).collect();
    assert_eq!(offsets, [5_000, 25_000]);
    // No conversation end in the details: the last phrase end.
    assert_eq!(t.duration_ms, 25_000);
}

#[test]
fn email_takes_the_channel_from_the_document() {
    let d = doc(json!({
        "conversationId": CONV, "communicationId": "mail-1", "mediaType": "email",
        "startTime": T0,
        "transcripts": [{"language": "de-DE", "subject": "Rechnung", "phrases": [
            {"participantPurpose": "external", "text": "Guten Tag,\n\nmeine Rechnung ist falsch.", "offset": {"milliseconds": 0}},
            {"participantPurpose": "internal", "text": "Wir korrigieren das.", "offset": {"milliseconds": 3_600_000},
             "duration": {"milliseconds": 1000}}
        ]}]
    }));
    let details = details(json!({"conversationId": CONV}));
    let t = Transcript::from_documents(&details, &[d]).unwrap();
    assert_eq!(t.media_type, Channel::Email);
    assert_eq!(t.utterances[0].text, "Guten Tag, meine Rechnung ist falsch.");
    assert_eq!(t.utterances[1].start_offset_ms, 3_600_000);
    assert_eq!(t.duration_ms, 3_601_000);
}

#[test]
fn two_communications_interleave_in_time_order() {
    let a = doc(
        json!({"conversationId": CONV, "communicationId": "comm-a", "transcripts": [{"phrases": [
            phrase("external", "a1", T0 + 1_000, 10), phrase("external", "a3", T0 + 3_000, 10),
            phrase("external", "a5", T0 + 5_000, 10), phrase("external", "tie-a", T0 + 6_000, 10),
        ]}]}),
    );
    let b = doc(
        json!({"conversationId": CONV, "communicationId": "comm-b", "transcripts": [{"phrases": [
            phrase("internal", "tie-b", T0 + 6_000, 10),
            phrase("internal", "b2", T0 + 2_000, 10), phrase("internal", "b4", T0 + 4_000, 10),
        ]}]}),
    );
    let details = details(json!({"conversationId": CONV, "conversationStart": "2024-05-01T10:00:00Z"}));
    // Input order must not matter.
    for docs in [[a.clone(), b.clone()], [b, a]] {
        let t = Transcript::from_documents(&details, &docs).unwrap();
        let texts: Vec<&str> = t.utterances.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, ["a1", "b2", "a3", "b4", "a5", "tie-a", "tie-b"]);
    }
}

#[test]
fn missing_start_time_ms_falls_back_to_start_time_plus_offset() {
    let d = doc(json!({
        "conversationId": CONV, "communicationId": "c", "startTime": T0 + 1_000,
        "transcripts": [
            {"startTime": T0 + 10_000, "phrases": [
                {"participantPurpose": "external", "text": "second", "offset": {"milliseconds": 500}},
                {"participantPurpose": "external", "text": "third (no time at all)"},
            ]},
            {"phrases": [
                {"participantPurpose": "internal", "text": "first", "offset": {"milliseconds": 2_000}, "phraseIndex": 0},
            ]}
        ]
    }));
    let details = details(json!({"conversationId": CONV, "conversationStart": "2024-05-01T10:00:00Z"}));
    let t = Transcript::from_documents(&details, &[d]).unwrap();
    let got: Vec<(&str, u64)> = t
        .utterances
        .iter()
        .map(|u| (u.text.as_str(), u.start_offset_ms))
        .collect();
    assert_eq!(
        got,
        [
            ("first", 3_000),
            ("second", 10_500),
            ("third (no time at all)", 10_500)
        ]
    );
}

#[test]
fn decorated_text_fallback_and_whitespace_cleanup() {
    let d = doc(
        json!({"conversationId": CONV, "communicationId": "c", "transcripts": [{"phrases": [
            {"participantPurpose": "external", "text": "  ", "decoratedText": "card ending [redacted]", "startTimeMs": T0},
            {"participantPurpose": "external", "decoratedText": "only decorated", "startTimeMs": T0 + 1},
            {"participantPurpose": "external", "text": "  plain \t text\n\n wins ", "decoratedText": "decorated", "startTimeMs": T0 + 2},
            {"participantPurpose": "external", "text": "", "decoratedText": " \n", "startTimeMs": T0 + 3},
            {"participantPurpose": "external", "startTimeMs": T0 + 4},
        ]}]}),
    );
    let t = Transcript::from_documents(&AnalyticsConversation::default(), &[d]).unwrap();
    let texts: Vec<&str> = t.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        texts,
        ["card ending [redacted]", "only decorated", "plain text wins"]
    );
}

#[test]
fn documents_of_another_conversation_are_rejected() {
    let d = doc(
        json!({"conversationId": "other-conversation", "communicationId": "c",
        "transcripts": [{"phrases": [phrase("external", "hi", T0, 1)]}]}),
    );
    let err = Transcript::from_documents(&details(json!({"conversationId": CONV})), &[d]).unwrap_err();
    assert_eq!(
        err,
        TranscriptError::ConversationMismatch {
            expected: CONV.to_owned(),
            found: "other-conversation".to_owned(),
            communication_id: Some("c".to_owned()),
        }
    );
    assert!(err.to_string().contains("other-conversation"));
    // Case differences in the UUID are not a mismatch.
    let upper = doc(json!({"conversationId": CONV.to_uppercase(),
        "transcripts": [{"phrases": [phrase("external", "hi", T0, 1)]}]}));
    assert!(Transcript::from_documents(&details(json!({"conversationId": CONV})), &[upper]).is_ok());
}

#[test]
fn conversation_id_comes_from_documents_when_details_lack_it() {
    let d =
        doc(json!({"conversationId": CONV, "transcripts": [{"phrases": [phrase("external", "hi", T0, 1)]}]}));
    let t = Transcript::from_documents(&AnalyticsConversation::default(), &[d]).unwrap();
    assert_eq!(t.conversation_id, CONV);
    let anonymous = doc(json!({"transcripts": [{"phrases": [phrase("external", "hi", T0, 1)]}]}));
    assert_eq!(
        Transcript::from_documents(&AnalyticsConversation::default(), &[anonymous]),
        Err(TranscriptError::MissingConversationId)
    );
}

#[test]
fn empty_inputs_are_empty() {
    let details = details(json!({"conversationId": CONV}));
    assert_eq!(
        Transcript::from_documents(&details, &[]),
        Err(TranscriptError::Empty)
    );
    let blank = doc(json!({"conversationId": CONV, "transcripts": [
        {"phrases": [{"text": "   "}, {"decoratedText": ""}]}, {"phrases": []}, {}
    ]}));
    assert_eq!(
        Transcript::from_documents(&details, &[blank, TranscriptDocument::default()]),
        Err(TranscriptError::Empty)
    );
}

#[test]
fn duplicate_documents_do_not_duplicate_utterances() {
    let d = doc(
        json!({"conversationId": CONV, "communicationId": "c", "transcripts": [{"phrases": [
            phrase("external", "hello", T0, 1), phrase("internal", "hi there", T0 + 5, 1),
            phrase("external", "hello", T0 + 9, 1),
        ]}]}),
    );
    let t = Transcript::from_documents(&AnalyticsConversation::default(), &[d.clone(), d]).unwrap();
    let texts: Vec<&str> = t.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts, ["hello", "hi there", "hello"]);
}

#[test]
fn odd_numbers_never_panic() {
    let d = doc(
        json!({"conversationId": CONV, "communicationId": "c", "startTime": i64::MAX,
        "transcripts": [{"startTime": i64::MAX, "phrases": [
            {"participantPurpose": "external", "text": "huge offset", "offset": {"milliseconds": i64::MAX}},
            {"participantPurpose": "external", "text": "negative offset", "offset": {"milliseconds": -50_000}},
            {"participantPurpose": "external", "text": "min time", "startTimeMs": i64::MIN, "duration": {"milliseconds": -5}},
            {"participantPurpose": "external", "text": "max time", "startTimeMs": i64::MAX, "duration": {"milliseconds": i64::MAX}},
            {"participantPurpose": "external", "text": "nan-free", "startTimeMs": 0, "confidence": 1e40},
        ]}]}),
    );
    let details = details(json!({"conversationId": CONV,
        "conversationStart": "2024-05-01T10:05:00Z", "conversationEnd": "2024-05-01T10:00:00Z"}));
    let t = Transcript::from_documents(&details, std::slice::from_ref(&d)).unwrap();
    assert_eq!(t.utterances.len(), 5);
    assert_eq!(t.duration_ms, 0, "end before start saturates");
    assert_eq!(t.utterances[0].text, "min time");
    assert_eq!(t.utterances[0].start_offset_ms, 0);
    assert_eq!(t.utterances[0].duration_ms, 0);
    assert!(
        t.utterances
            .iter()
            .all(|u| u.confidence.is_none_or(f32::is_finite))
    );
    // And without details at all.
    let t = Transcript::from_documents(&AnalyticsConversation::default(), &[d]).unwrap();
    assert!(t.duration_ms > 0);
}

#[test]
fn most_common_language_wins() {
    let section = |lang: &str, text: &str, at: i64| json!({"language": lang, "phrases": [phrase("external", text, at, 1)]});
    let d = doc(json!({"conversationId": CONV, "transcripts": [
        section("es-ES", "hola", T0), section("en-US", "hi", T0 + 1), section("en-US", "yes", T0 + 2),
    ]}));
    let t = Transcript::from_documents(&AnalyticsConversation::default(), &[d]).unwrap();
    assert_eq!(t.language.as_deref(), Some("en-US"));
}

#[test]
fn serde_names_are_snake_case() {
    assert_eq!(serde_json::to_value(SpeakerRole::IvrBot).unwrap(), "ivr_bot");
    assert_eq!(serde_json::to_value(Channel::Voice).unwrap(), "voice");
    for role in [
        SpeakerRole::Agent,
        SpeakerRole::Customer,
        SpeakerRole::IvrBot,
        SpeakerRole::Other,
    ] {
        assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
    }
    assert_eq!(Channel::from_document_media_type("CALL"), Channel::Voice);
    assert_eq!(
        Channel::from_document_media_type("webmessaging"),
        Channel::Message
    );
    assert_eq!(Channel::from_document_media_type("fax"), Channel::Other);
}

/// ~1,000 phrases over a 60-minute call, two communications.
fn hour_long_call() -> (AnalyticsConversation, Vec<TranscriptDocument>) {
    let mut customer = Vec::new();
    let mut agent = Vec::new();
    for i in 0..1_000i64 {
        let at = T0 + i * 3_600;
        let text = format!("phrase number {i} with  a few   words of ordinary length here");
        if i % 2 == 0 {
            customer.push(
                json!({"phraseIndex": i, "participantPurpose": "external", "text": text,
                "startTimeMs": at, "duration": {"milliseconds": 3_000}, "confidence": 0.8,
                "words": [{"word": "phrase", "startTimeMs": at}]}),
            );
        } else {
            agent.push(
                json!({"phraseIndex": i, "participantPurpose": "internal", "text": text,
                "offset": {"milliseconds": i * 3_600}, "duration": {"milliseconds": 3_000}}),
            );
        }
    }
    let docs = vec![
        doc(
            json!({"conversationId": CONV, "communicationId": "comm-agent", "startTime": T0,
            "transcripts": [{"language": "en-US", "phrases": agent}]}),
        ),
        doc(json!({"conversationId": CONV, "communicationId": "comm-customer",
            "transcripts": [{"language": "en-US", "phrases": customer}]})),
    ];
    (voice_details(), docs)
}

#[test]
fn an_hour_long_call_is_fast_and_ordered() {
    let (details, docs) = hour_long_call();
    let t = Transcript::from_documents(&details, &docs).unwrap();
    assert_eq!(t.utterances.len(), 1_000);
    assert!(
        t.utterances
            .windows(2)
            .all(|w| w[0].start_offset_ms <= w[1].start_offset_ms)
    );
    assert!(
        t.utterances
            .iter()
            .enumerate()
            .all(|(i, u)| u.text.starts_with(&format!("phrase number {i} ")))
    );
    assert_eq!(
        t.utterances[0].text,
        "phrase number 0 with a few words of ordinary length here"
    );

    let runs = 20;
    let started = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(Transcript::from_documents(&details, &docs).unwrap());
    }
    let per_run = started.elapsed() / runs;
    // Well under 1 ms optimised; this unoptimised test build only guards against blow-ups
    // (quadratic work, per-phrase scans of the details).
    assert!(per_run < std::time::Duration::from_millis(30), "took {per_run:?}");
}
