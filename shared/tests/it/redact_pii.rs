//! PII redaction: every seeded format found and replaced by a readable marker, look-alikes
//! (money, dates, order numbers, Luhn failures) untouched, the simulator's seeded conversations
//! fully redacted without false positives, and fast enough for an hour-long call.

use crate::common;

use std::borrow::Cow;
use std::time::{Duration, Instant};

use wrapup::ids::ConversationId;
use wrapup::redact::{PiiKind, RedactionConfig, RedactionCounts, Redactor};
use wrapup::transcript::{Channel, FetchTranscript, SpeakerRole, Transcript, Utterance};

/// Every PII value the simulator plants (local/genesys-sim/src/org/templates.rs), with its kind.
const SEEDED: &[(&str, PiiKind)] = &[
    ("jane.doe@example.com", PiiKind::Email),
    ("m.rossi@example.org", PiiKind::Email),
    ("alex.k@mail.example.net", PiiKind::Email),
    ("(555) 201-3344", PiiKind::Phone),
    ("555-867-5309", PiiKind::Phone),
    ("+1 415 555 0132", PiiKind::Phone),
    ("+44 20 7946 0958", PiiKind::Phone),
    ("+49 30 901820", PiiKind::Phone),
    ("+33 1 09 75 83 51", PiiKind::Phone),
    ("4111 1111 1111 1111", PiiKind::Card),
    ("5500 0000 0000 0004", PiiKind::Card),
    ("3400 000000 00009", PiiKind::Card),
    ("123-45-6789", PiiKind::Ssn),
    ("078-05-1120", PiiKind::Ssn),
    ("GB82 WEST 1234 5698 7654 32", PiiKind::Iban),
    ("DE89 3704 0044 0532 0130 00", PiiKind::Iban),
];

fn utterance(speaker: SpeakerRole, text: String) -> Utterance {
    Utterance {
        speaker,
        text,
        start_offset_ms: 0,
        duration_ms: 2_000,
        confidence: Some(0.9),
        communication_id: "comm-1".into(),
    }
}

fn transcript(utterances: Vec<Utterance>) -> Transcript {
    Transcript {
        conversation_id: "5f1c7a52-8a4e-4f4e-9f57-0d3c1e5b2a10".into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some("en-US".into()),
        duration_ms: 3_600_000,
        utterances,
    }
}

#[test]
fn every_seeded_format_is_redacted_in_its_sentence() {
    let redactor = Redactor::default();
    for (value, kind) in SEEDED {
        let text = format!("Sure, it's {value}, thanks.");
        let (out, counts) = redactor.redact(&text);
        assert_eq!(
            out,
            format!("Sure, it's [{}_1], thanks.", kind.marker_label()),
            "{value}"
        );
        assert_eq!((counts.get(*kind), counts.total()), (1, 1), "{value}");
        assert_eq!(redactor.contains_pii(&text), vec![*kind], "{value}");
    }
}

#[test]
fn issue_formats_are_redacted() {
    let redactor = Redactor::default();
    let cases = [
        (
            "call me on +1 (415) 555-0132 tomorrow",
            "call me on [PHONE_1] tomorrow",
        ),
        ("or 020 7946 0958 or 415-555-0132", "or [PHONE_1] or [PHONE_2]"),
        ("home: (415) 555 0132.", "home: [PHONE_1]."),
        ("card 5500-0000-0000-0004 expires", "card [CARD_1] expires"),
        ("IBAN DE89370400440532013000.", "IBAN [IBAN_1]."),
        ("Mail JANE.DOE@EXAMPLE.COM!", "Mail [EMAIL_1]!"),
    ];
    for (text, expected) in cases {
        assert_eq!(redactor.redact(text).0, expected, "{text}");
    }
}

#[test]
fn look_alikes_are_left_alone_without_allocating() {
    let redactor = Redactor::default();
    for text in [
        "The order number is 1234 5678 9012 3456.",
        "I was charged $9.23, then $1,200.00 and €1.234,56.",
        "It started on 2024-05-01 at 10:30, or maybe 05/01/2024.",
        "Reference INC001234, order 4821-0397, ticket 4521.",
        "A twelve month term, 3 days, 45 minutes, 60 days, 2 routers.",
        "Call 911 or press 1 then 2.",
    ] {
        let (out, counts) = redactor.redact(text);
        assert!(matches!(out, Cow::Borrowed(_)), "{text} -> {out}");
        assert_eq!(counts, RedactionCounts::default(), "{text}");
    }
}

#[test]
fn unicode_text_is_redacted_on_char_boundaries() {
    let redactor = Redactor::default();
    let text = "Número: +33 1 09 75 83 51 — correo: josé.garcía@ejemplo.es, 日本語 4111 1111 1111 1111 ✓";
    let (out, counts) = redactor.redact(text);
    assert_eq!(out, "Número: [PHONE_1] — correo: [EMAIL_1], 日本語 [CARD_1] ✓");
    assert_eq!(counts.total(), 3);
}

#[test]
fn disabled_kinds_stay_in_the_text() {
    let config =
        RedactionConfig::from_lookup(|name| (name == "WRAPUP_REDACT").then(|| "email,ssn".to_owned()))
            .expect("valid config");
    let redactor = Redactor::new(config);
    let (out, counts) = redactor.redact("jane.doe@example.com, 123-45-6789, +44 20 7946 0958");
    assert_eq!(out, "[EMAIL_1], [SSN_1], +44 20 7946 0958");
    assert_eq!(
        (
            counts.get(PiiKind::Email),
            counts.get(PiiKind::Ssn),
            counts.get(PiiKind::Phone)
        ),
        (1, 1, 0)
    );
}

#[test]
fn redact_transcript_changes_only_texts_and_counts_everything() {
    let original = transcript(vec![
        utterance(
            SpeakerRole::Agent,
            "What's the best email address to reach you?".into(),
        ),
        utterance(SpeakerRole::Customer, "You can use jane.doe@example.com.".into()),
        utterance(
            SpeakerRole::Customer,
            "My work number is +44 20 7946 0958.".into(),
        ),
        utterance(SpeakerRole::Customer, "The card is 4111 1111 1111 1111.".into()),
    ]);
    let (redacted, counts) = Redactor::default().redact_transcript(&original);
    assert_eq!(counts.total(), 3);
    assert_eq!(
        (
            counts.get(PiiKind::Email),
            counts.get(PiiKind::Phone),
            counts.get(PiiKind::Card)
        ),
        (1, 1, 1)
    );
    let texts: Vec<&str> = redacted.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "What's the best email address to reach you?",
            "You can use [EMAIL_1].",
            "My work number is [PHONE_1].",
            "The card is [CARD_1].",
        ]
    );
    let mut expected = original.clone();
    for (u, text) in expected.utterances.iter_mut().zip(texts) {
        u.text = text.to_owned();
    }
    assert_eq!(redacted, expected);
}

/// The simulator's seeded conversations: every planted value is redacted, and conversations
/// without PII come through unchanged (amounts, order numbers, tickets and dates are no PII).
#[tokio::test]
async fn simulator_conversations_are_redacted_without_false_positives() {
    // Many conversations in one test: lift the per-token rate limit.
    let sim = common::sim_with(genesys_sim::SimConfig {
        rate_limit_per_minute: 100_000,
        ..genesys_sim::SimConfig::default()
    })
    .await;
    let client = common::client(&sim);
    let truth = common::get(&sim, "/_sim/ground-truth").await;
    let seeded = truth.as_array().expect("ground truth is a list");
    let with_pii: Vec<&str> = seeded
        .iter()
        .filter(|c| c["containsPii"] == true)
        .filter_map(|c| c["conversationId"].as_str())
        .collect();
    let without_pii: Vec<&str> = seeded
        .iter()
        .filter(|c| c["containsPii"] == false)
        .filter_map(|c| c["conversationId"].as_str())
        .take(150)
        .collect();
    assert!(with_pii.len() >= 20, "the seeded org has conversations with PII");

    let redactor = Redactor::default();
    let mut planted = 0;
    for id in with_pii {
        let transcript = fetch(&client, id).await;
        let raw: String = transcript
            .utterances
            .iter()
            .map(|u| u.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let present: Vec<&(&str, PiiKind)> = SEEDED.iter().filter(|(v, _)| raw.contains(v)).collect();
        planted += present.len();
        let (redacted, counts) = redactor.redact_transcript(&transcript);
        assert!(counts.total() as usize >= present.len(), "{id}: {counts:?}");
        for utterance in &redacted.utterances {
            for (value, kind) in SEEDED {
                assert!(
                    !utterance.text.contains(value),
                    "{id}: {kind:?} left in the transcript"
                );
            }
            let again = redactor.find(&utterance.text);
            assert!(
                again.is_empty(),
                "{id}: {:?} found again in {:?}",
                again,
                utterance.text
            );
        }
    }
    assert!(planted > 0, "the PII conversations contain planted values");

    // The seeded dialogues name their customers, agents introduce themselves and identity checks
    // ask for a date of birth: those are the only personal data of a conversation without
    // planted values, and all that is redacted in it.
    let seeded_name_words: std::collections::HashSet<&str> = genesys_sim::SEEDED_AGENTS
        .iter()
        .flat_map(|n| n.split_whitespace())
        .chain(genesys_sim::SEEDED_FIRST_NAMES.iter().copied())
        .chain(genesys_sim::SEEDED_LAST_NAMES.iter().copied())
        .collect();
    for id in without_pii {
        let transcript = fetch(&client, id).await;
        let (redacted, counts) = redactor.redact_transcript(&transcript);
        let changed: Vec<&str> = redacted
            .utterances
            .iter()
            .filter(|u| u.text.contains('['))
            .map(|u| u.text.as_str())
            .collect();
        let original: Vec<&str> = transcript.utterances.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            counts.total(),
            counts.get(PiiKind::Name) + counts.get(PiiKind::DateOfBirth),
            "{id}: false positives in {changed:?} of {original:?}"
        );
        // And every name masked is one of the seeded people's.
        for utterance in &transcript.utterances {
            for m in redactor.find(&utterance.text) {
                let value = &utterance.text[m.start..m.end];
                if m.kind == PiiKind::Name {
                    assert!(
                        value.split_whitespace().all(|w| seeded_name_words.contains(w)),
                        "{id}: {value:?} masked as a name in {:?}",
                        utterance.text
                    );
                }
            }
        }
        assert_eq!(redacted.utterances.len(), transcript.utterances.len());
    }
}

async fn fetch(client: &wrapup::genesys::GenesysClient, id: &str) -> Transcript {
    let id = ConversationId::parse(id).expect("a conversation id");
    client
        .conversation_transcript(&id)
        .await
        .expect("transcript fetched")
        .expect("the conversation has a transcript")
}

/// About an hour of talk: 1,000 utterances, ~100 KB, with PII in one utterance of 15.
fn hour_long_call() -> Transcript {
    let lines = [
        "I'm going to check the logs on our side, it should only take a minute or two.",
        "Okay, the lights just went off and now they are blinking again, is that normal?",
        "I've applied a one-time credit of $24.50 to your account and restored the promotional rate.",
        "The order number is 4821-0397 and the reference is INC004521, placed on 2024-05-01.",
        "Sure, call me on +44 20 7946 0958 or email jane.doe@example.com if I'm not around.",
        "Same as before, unfortunately, the page is loading but very slowly for the last 3 days.",
    ];
    let utterances = (0..1_000)
        .map(|i| {
            let speaker = if i % 2 == 0 {
                SpeakerRole::Agent
            } else {
                SpeakerRole::Customer
            };
            let line = if i % 15 == 4 {
                lines[4]
            } else {
                lines[i % lines.len()]
            };
            utterance(speaker, format!("{line} {line}"))
        })
        .collect();
    transcript(utterances)
}

/// A timing guard, not a benchmark: even a debug build redacts an hour-long call well within a
/// generous bound.
#[test]
fn an_hour_long_call_redacts_quickly() {
    let call = hour_long_call();
    assert!(call.text_len() > 90_000, "{}", call.text_len());
    let redactor = Redactor::default();
    // The name lists load once per process (a Lambda cold start); time the call after that.
    let loading = Instant::now();
    let _ = redactor.redact("Warm up, Denise.");
    let loaded = loading.elapsed();
    let started = Instant::now();
    let (redacted, counts) = redactor.redact_transcript(&call);
    let elapsed = started.elapsed();
    eprintln!("name lists loaded in {loaded:?}; an hour-long call redacted in {elapsed:?}");
    assert!(counts.total() > 100, "{counts:?}");
    assert!(redacted.utterances.iter().all(|u| !u.text.contains("7946")));
    assert!(elapsed < Duration::from_millis(500), "redaction took {elapsed:?}");
}
