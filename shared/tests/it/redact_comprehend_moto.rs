//! Amazon Comprehend `DetectPiiEntities` against moto. Run under moto:
//! `scripts/with-moto.sh cargo test -p wrapup --test redact_comprehend_moto`.
//!
//! moto (5.2.5, requirements-dev.txt) answers every English request with the same canned
//! entities, in characters of the request's text: NAME 50..58, EMAIL 230..259 and
//! BANK_ACCOUNT_NUMBER 334..349; it rejects any language but `en`. The transcripts here are
//! written so that those offsets land on known words, with multi-byte characters before them.

use wrapup::redact::comprehend::{ComprehendConfig, ComprehendError, ComprehendPii, FailureCause};
use wrapup::redact::{ExternalMatch, PiiKind, Redactor};
use wrapup::transcript::{Channel, SpeakerRole, Transcript};

/// moto's canned entity ranges, in characters of each document.
const CANNED: [(PiiKind, usize, usize); 3] = [
    (PiiKind::Name, 50, 58),
    (PiiKind::Email, 230, 259),
    (PiiKind::BankAccount, 334, 349),
];

async fn comprehend(min_score: f32) -> ComprehendPii {
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let config = ComprehendConfig {
        enabled: true,
        min_score,
        ..ComprehendConfig::default()
    };
    ComprehendPii::new(&aws.sdk_config().await, config)
}

fn transcript(language: Option<&str>, texts: &[&str]) -> Transcript {
    let speakers = [SpeakerRole::Agent, SpeakerRole::Customer].into_iter().cycle();
    Transcript::from_turns(
        "5f1c7a52-8a4e-4f4e-9f57-0d3c1e5b2a10",
        Channel::Voice,
        language,
        speakers.zip(texts.iter().copied()),
    )
}

/// Joined with "\n", the canned offsets cover "Zoë Vång" (utterance 1), an email the
/// transcription split over utterances 3 and 4, and "12345678 901234" (utterance 6).
const CALL: [&str; 7] = [
    "Northwind Energy ☎️, Sam speaking.",
    "Sí, my name is Zoë Vång, calling about my café's bill from last month, the one for March.",
    "Of course, Zoë. What email address should the confirmation go to? I'll send it straight away.",
    "Sure, it's zoë.vång.1984@",
    "exämple.com.mx, all lower case.",
    "Which account gets the €42.10 now?",
    "Señor, account number 12345678 901234, thanks 🙏",
];

fn found<'a>(t: &'a Transcript, matches: &[ExternalMatch]) -> Vec<(usize, PiiKind, usize, usize, &'a str)> {
    matches
        .iter()
        .map(|m| {
            let text = t.utterances[m.utterance]
                .text
                .get(m.start..m.end)
                .expect("a byte range on char boundaries");
            (m.utterance, m.kind, m.start, m.end, text)
        })
        .collect()
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn canned_entities_map_to_utterances_and_byte_ranges() {
    let pii = comprehend(0.5).await;
    let t = transcript(Some("en-US"), &CALL);
    let matches = pii.detect(&t).await.expect("moto answers English");
    assert_eq!(
        found(&t, &matches),
        vec![
            // "Sí, " is 4 characters but 5 bytes: the byte range starts at 16, not 15.
            (1, PiiKind::Name, 16, 26, "Zoë Vång"),
            (3, PiiKind::Email, 11, 27, "zoë.vång.1984@"),
            (4, PiiKind::Email, 0, 15, "exämple.com.mx"),
            (6, PiiKind::BankAccount, 23, 38, "12345678 901234"),
        ]
    );

    // Merged into the call's redaction, the values are gone.
    let call = Redactor::default().redact_call(&t, &matches, None);
    let redacted: Vec<&str> = call
        .transcript
        .utterances
        .iter()
        .map(|u| u.text.as_str())
        .collect();
    for value in ["Zoë Vång", "zoë.vång.1984@", "12345678 901234"] {
        assert!(
            redacted.iter().all(|u| !u.contains(value)),
            "{value}: {redacted:?}"
        );
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_minimum_score_applies_to_the_service_answer() {
    // moto's canned scores are all just below 1.
    let pii = comprehend(1.0).await;
    let t = transcript(Some("en"), &CALL);
    assert_eq!(pii.detect(&t).await, Ok(Vec::new()));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_short_text_gets_no_match_and_no_panic() {
    let pii = comprehend(0.5).await;
    let t = transcript(Some("en-GB"), &["Hello, Zoë here 😀", "My card ends in 4242"]);
    assert_eq!(pii.detect(&t).await, Ok(Vec::new()));
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn other_languages_make_no_call() {
    let pii = comprehend(0.5).await;
    // moto would reject French (it accepts only `en`): an empty answer means no request was sent.
    for language in [Some("fr-FR"), Some("de"), None] {
        let t = transcript(language, &CALL);
        assert_eq!(pii.detect(&t).await, Ok(Vec::new()), "{language:?}");
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn spanish_is_sent_and_moto_refusal_carries_no_text() {
    // Comprehend supports Spanish, so the request goes out; moto 5.2.5 refuses every language
    // but English with a ValidationException, which maps to a service failure without its text.
    let pii = comprehend(0.5).await;
    let t = transcript(
        Some("es-ES"),
        &["Hola, me llamo Zoë Vång y mi cuenta es 12345678"],
    );
    let err = pii.detect(&t).await.unwrap_err();
    assert_eq!(
        err,
        ComprehendError::Other {
            cause: FailureCause::Service { status: 400 }
        }
    );
    let text = err.to_string();
    for leak in ["Zoë", "12345678", "languageCode", "ValidationException"] {
        assert!(!text.contains(leak), "{text}");
    }
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_long_call_is_sent_in_documents_under_the_size_limit() {
    let pii = comprehend(0.5).await;
    // 80 KB alone in its document; 120 KB cut into 100 KB + 20 KB, the rest sharing its document
    // with the short last utterance. Each document gets moto's canned entities.
    let first = "é".repeat(40_000);
    let second = "ü".repeat(60_000);
    let t = transcript(Some("en-US"), &[first.as_str(), second.as_str(), "bye"]);
    let matches = pii.detect(&t).await.expect("moto answers English");
    // Two bytes per character; the second piece starts at byte 100,000 of utterance 1.
    let expected: Vec<ExternalMatch> = [(0, 0), (1, 0), (1, 100_000)]
        .into_iter()
        .flat_map(|(utterance, base)| {
            CANNED.map(|(kind, begin, end)| ExternalMatch {
                utterance,
                kind,
                start: base + 2 * begin,
                end: base + 2 * end,
            })
        })
        .collect();
    assert_eq!(matches, expected);
}
