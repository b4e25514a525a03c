//! Property tests of every parser of input from outside Wrapup: API request bodies, queue message
//! bodies, transcript documents and conversation details from Genesys, Genesys error bodies,
//! rate-limit headers, webhook signature headers and the product catalog (the mining-work
//! messages: `wrapup-mining`). Each gets arbitrary
//! bytes and valid documents with parts replaced by arbitrary JSON or removed: it answers `Ok` or
//! `Err`, never panics (release builds abort on panic), never echoes the input in its error, and
//! what it accepts holds its invariants.

use std::time::Duration;

use proptest::prelude::*;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::Value;

use crate::catalog::ProductCatalog;
use crate::crm::webhook::{signature_header, verify};
use crate::fuzz_json::{MARKER, bodies};
use crate::genesys::GenesysError;
use crate::genesys::models::{AnalyticsConversation, TranscriptDocument};
use crate::genesys::pacer::RateLimitStatus;
use crate::pipeline::SummaryRequest;
use crate::queue::messages::{parse_crm_sync, parse_summary_job};
use crate::transcript::Transcript;

fn fixture(path: &str) -> Value {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The body of the first SQS record of an `events/` file.
fn sqs_body(path: &str) -> Value {
    let event = fixture(path);
    let body = event["Records"][0]["body"].as_str().expect("a record body");
    serde_json::from_str(body).expect("a JSON body")
}

fn no_echo(error: &str) -> Result<(), TestCaseError> {
    prop_assert!(!error.contains(MARKER), "the error echoes its input: {error}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn api_request_bodies(body in bodies(serde_json::json!({
        "conversationId": "3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b", "caseId": "CASE-42",
        "language": "de-DE", "length": "short", "tone": "formal", "source": "llm", "async": true, "force": false
    }))) {
        match SummaryRequest::parse(&body) {
            Ok(request) => {
                let case = request.case_id.as_str();
                prop_assert!(!case.is_empty() && case.chars().count() <= 128);
                prop_assert!(!case.chars().any(char::is_control));
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for error in errors {
                    prop_assert!(!error.field.is_empty());
                    no_echo(&error.reason)?;
                }
            }
        }
    }

    #[test]
    fn crm_sync_message_bodies(body in bodies(fixture("../events/crm-sync-message.json"))) {
        let text = String::from_utf8_lossy(&body);
        if let Err(error) = parse_crm_sync(&text) {
            no_echo(&error.to_string())?;
        }
    }

    #[test]
    fn summary_job_message_bodies(body in bodies(sqs_body("../events/summary-jobs-sqs.json"))) {
        let text = String::from_utf8_lossy(&body);
        if let Err(error) = parse_summary_job(&text) {
            no_echo(&error.to_string())?;
        }
    }

    #[test]
    fn transcript_documents_and_conversation_details(
        document in bodies(fixture("tests/fixtures/transcript_voice.json")),
        details in bodies(fixture("tests/fixtures/analytics_conversation.json")),
    ) {
        let document: Result<TranscriptDocument, _> = serde_json::from_slice(&document);
        let details: Result<AnalyticsConversation, _> = serde_json::from_slice(&details);
        if let (Ok(document), Ok(details)) = (document, details)
            && let Ok(transcript) = Transcript::from_documents(&details, &[document])
        {
            prop_assert!(transcript.text_chars() <= transcript.text_len());
        }
    }

    #[test]
    fn genesys_error_bodies(body in bodies(fixture("tests/fixtures/error_body.json")), status in 400u16..600) {
        let error = GenesysError::from_error_body("getConversation", status, &body);
        prop_assert_eq!(error.status(), Some(status));
        if serde_json::from_slice::<Value>(&body).is_err() {
            // A body that is not JSON is described by its size, never quoted.
            prop_assert!(error.to_string().contains("non-JSON error body"));
        }
    }

    #[test]
    fn rate_limit_headers(
        count in "\\PC{0,12}|[0-9]{1,25}|-?[0-9]+\\.[0-9]+(e[0-9]{1,3})?",
        allowed in "\\PC{0,12}|[0-9]{1,25}",
        reset in "\\PC{0,12}|[0-9]{1,25}|[0-9]e[0-9]{1,3}|inf|NaN|-1",
    ) {
        let mut headers = HeaderMap::new();
        for (name, value) in [("inin-ratelimit-count", &count), ("inin-ratelimit-allowed", &allowed), ("inin-ratelimit-reset", &reset)] {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        }
        if let Some(status) = RateLimitStatus::from_headers(&headers) {
            prop_assert!(status.reset <= wrapup_core::retry::MAX_SERVER_WAIT);
        }
    }

    #[test]
    fn webhook_signature_headers(
        header in "\\PC{0,40}|(t=-?[0-9]{1,20}|v1=[0-9a-f]{0,70}|v0=x|[a-z]{0,3}=?[0-9a-f]{0,8}|,| )*",
        body in prop::collection::vec(any::<u8>(), 0..32),
        now in any::<i64>(),
    ) {
        let tolerance = Duration::from_secs(300);
        // Arbitrary headers are refused without a panic (a forged one matching is 2^-256).
        prop_assert!(verify(b"secret", &header, &body, now, tolerance).is_err());
        // The signer's own header verifies, also beside other schemes and a second v1.
        let now = now / 2;
        let signed = signature_header(b"secret", now, &body);
        prop_assert!(verify(b"secret", &signed, &body, now, tolerance).is_ok());
        let rotated = format!("{signed},v0=legacy,v1={}", "ab".repeat(32));
        prop_assert!(verify(b"secret", &rotated, &body, now, tolerance).is_ok());
        prop_assert!(verify(b"other", &signed, &body, now, tolerance).is_err());
    }

    // The catalog is the operator's own file: its errors quote what is wrong (a product id, the
    // JSON near the mistake) so it can be fixed; it must still never panic.
    #[test]
    fn product_catalogs(body in bodies(fixture("../functions/archive-miner/product-catalog.json"))) {
        if let Ok(catalog) = ProductCatalog::from_json(&body) {
            prop_assert!(!catalog.products().is_empty());
        }
    }
}
