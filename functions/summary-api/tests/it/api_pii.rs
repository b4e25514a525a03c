//! Seeded PII (emails, international phones, cards with spaces, SSNs, IBANs) never reaches the
//! LLM prompts, the response, the audit record or the logs.

use crate::common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::*;
use serde_json::json;

const CALL: &str = "a7a7a7a7-0000-4000-8000-000000000001";
const PII: [&str; 7] = [
    "jane.doe@example.com",
    "+44 20 7946 0958",
    "4111 1111 1111 1111",
    "123-45-6789",
    "GB82 WEST 1234 5698 7654 32",
    "(415) 555-0132",
    "5500-0000-0000-0004",
];

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn pii_never_leaves_redacted() {
    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .init();

    let h = harness(Options {
        llm: true,
        ..Options::default()
    })
    .await;
    let phrases = [
        ("agent", "Thanks for calling, can I have your email address?"),
        (
            "customer",
            "Sure, it is jane.doe@example.com and my mobile is +44 20 7946 0958.",
        ),
        ("agent", "And the card for the refund?"),
        (
            "customer",
            "The card number is 4111 1111 1111 1111, and my SSN is 123-45-6789 if you need it.",
        ),
        (
            "customer",
            "Or pay it into GB82 WEST 1234 5698 7654 32, or call my office on (415) 555-0132.",
        ),
        (
            "agent",
            "Thank you. The old card 5500-0000-0000-0004 is removed. I'll send the refund by Friday.",
        ),
        ("customer", "Great, thanks a lot."),
    ];
    h.load(conversation(CALL, "voice", &phrases)).await;
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": "PII", "source": "llm"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    let extractive = h
        .post(json!({"conversationId": CALL, "caseId": "PII", "source": "extractive"}))
        .await;
    assert_eq!(extractive.status, 200);

    let prompts = serde_json::to_string(&h.llm_requests().await).unwrap();
    assert!(
        prompts.contains("[CARD_1]") && prompts.contains("[EMAIL_1]"),
        "the prompt keeps readable markers"
    );
    let response = format!("{}{}", answer.body, extractive.body);
    let audit = format!(
        "{:?}",
        h.audit_item(answer.body["auditId"].as_str().unwrap())
            .await
            .unwrap()
    );
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(!logs.is_empty(), "logs were captured");
    let redactions = &answer.body["redactions"];
    assert!(
        redactions["card"].as_u64().unwrap() >= 2 && redactions["email"] == 1,
        "{redactions}"
    );
    for pii in PII {
        let digits: String = pii.chars().filter(char::is_ascii_alphanumeric).collect();
        for (place, text) in [
            ("LLM prompts", &prompts),
            ("response", &response),
            ("audit record", &audit),
            ("logs", &logs),
        ] {
            assert!(!text.contains(pii), "{pii} reached the {place}");
            // Long numbers (cards, IBANs) must not appear reformatted either.
            if digits.len() >= 13 {
                let squashed: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
                assert!(
                    !squashed.contains(&digits),
                    "{pii} (reformatted) reached the {place}"
                );
            }
        }
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn comprehend_is_built_from_the_shared_sdk_config_only_when_enabled() {
    use wrapup::transcript::{Channel, SpeakerRole, Transcript, Utterance};

    let off = harness(Options::default()).await;
    assert!(off.app.pipeline.comprehend().is_none());
    let on = harness(Options {
        extra_env: vec![("WRAPUP_COMPREHEND_PII", "true".to_owned())],
        ..Options::default()
    })
    .await;
    let comprehend = on.app.pipeline.comprehend().expect("built when enabled");
    assert!(comprehend.config().enabled);
    // The app's client reaches moto's Comprehend: an English call is answered (moto's canned
    // offsets fall outside this short text, so nothing is found).
    let transcript = Transcript {
        conversation_id: CALL.into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some("en-US".into()),
        duration_ms: 4_000,
        utterances: vec![Utterance {
            speaker: SpeakerRole::Customer,
            text: "Hi, it's Jane.".into(),
            start_offset_ms: 0,
            duration_ms: 4_000,
            confidence: Some(0.9),
            communication_id: "comm-1".into(),
        }],
    };
    assert_eq!(comprehend.detect(&transcript).await, Ok(Vec::new()));
}
