//! Redaction never panics and never loops, whatever the input: arbitrary Unicode, very long
//! utterances, empty calls, all-caps and all-lowercase text, mixed scripts. And what it returns
//! is sound: ranges on char boundaries, in order, not overlapping; text outside them unchanged.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use wrapup::redact::Redactor;
use wrapup::transcript::{Channel, SpeakerRole, Transcript, Utterance};

fn transcript(lines: &[(bool, String)]) -> Transcript {
    Transcript {
        conversation_id: "c".into(),
        agent_names: vec!["Marcus Reed".into()],
        media_type: Channel::Voice,
        language: None,
        duration_ms: 0,
        utterances: lines
            .iter()
            .map(|(agent, text)| Utterance {
                speaker: if *agent {
                    SpeakerRole::Agent
                } else {
                    SpeakerRole::Customer
                },
                text: text.clone(),
                start_offset_ms: 0,
                duration_ms: 0,
                confidence: None,
                communication_id: "x".into(),
            })
            .collect(),
    }
}

/// Words the detectors key on, so random text reaches their deeper paths.
const WORDS: &[&str] = &[
    "my name is",
    "Denise",
    "Albright",
    "date of birth",
    "June",
    "3rd",
    "1984",
    "four",
    "one",
    "five",
    "oh",
    "zero",
    "dot",
    "at",
    "gmail",
    "com",
    "Road",
    "Flat",
    "27",
    "BS6",
    "7BR",
    "rue",
    "Calle",
    "Straße",
    "42",
    "postcode",
    "?",
    ",",
    ".",
    "card",
    "4111",
    "1111",
    "£24.90",
    "€279",
    "order",
    "PIN",
    "Mr",
    "[NAME_1]",
    "soy",
    "ich heiße",
    "je m'appelle",
    "quarante-deux",
    "zweiundvierzig",
    "ochenta y cuatro",
    "B",
    "S",
    "the",
    "last four",
    "IBAN",
    "DE89",
    "3704",
    "0044",
    "0532",
    "0130",
    "00",
    "+44",
    "(415)",
    "555-0132",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..25).prop_map(|w| w.join(" "))
}

fn check_sound(text: &str) {
    let redactor = Redactor::default();
    let matches = redactor.find(text);
    let mut last_end = 0;
    for m in &matches {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?} in {text:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.start >= last_end, "overlapping matches in {text:?}");
        last_end = m.end;
    }
    let (out, counts) = redactor.redact(text);
    assert_eq!(counts.total() as usize, matches.len());
    if matches.is_empty() {
        assert_eq!(out, text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text_is_handled(text in any::<String>()) {
        check_sound(&text);
        check_sound(&text.to_uppercase());
        check_sound(&text.to_lowercase());
    }

    #[test]
    fn detector_words_in_any_order_are_handled(text in sentence()) {
        check_sound(&text);
        check_sound(&text.to_uppercase());
        check_sound(&text.to_lowercase());
    }

    #[test]
    fn whole_calls_of_any_shape_are_redacted(lines in prop::collection::vec((any::<bool>(), sentence()), 0..12)) {
        let call = transcript(&lines);
        let redactor = Redactor::default();
        let mut redacted = redactor.redact_call(&call, &[], None);
        prop_assert_eq!(redacted.transcript.utterances.len(), call.utterances.len());
        for u in &redacted.transcript.utterances {
            // Nothing found again in what was redacted: markers are never PII themselves.
            prop_assert!(redactor.find(&u.text).iter().all(|m| !u.text[m.start..m.end].starts_with('[')));
        }
        let _ = redacted.redact_text(&redactor, "Denise Albright, 4111 1111 1111 1111");
    }
}

/// Inputs that could make a scanner quadratic or loop: one enormous utterance of repeated cues,
/// digits, letters and markers, in every case, in a few tens of milliseconds each.
#[test]
#[ignore = "soak tier: tens of kilobytes in one utterance, in every case; `make test` runs it"]
fn very_long_and_repetitive_utterances_finish_quickly() {
    let redactor = Redactor::default();
    let _ = redactor.redact("warm up");
    for unit in [
        "my name is ",
        "4 ",
        "four ",
        "B S ",
        "at ",
        "dot ",
        "Flat 4, ",
        "[NAME_1] ",
        "a",
        "1",
        "é",
        "日本",
        "Mr ",
        "date of birth ",
        "rue ",
        "Straße 4 ",
        "-",
        "+",
        "@",
        ", ",
    ] {
        for text in [unit.repeat(20_000), unit.repeat(20_000).to_uppercase()] {
            let started = Instant::now();
            let _ = redactor.redact(&text);
            let elapsed = started.elapsed();
            assert!(
                elapsed < Duration::from_secs(5),
                "{unit:?} x 20000 took {elapsed:?}"
            );
        }
    }
    let empty = transcript(&[]);
    assert!(
        redactor
            .redact_call(&empty, &[], None)
            .transcript
            .utterances
            .is_empty()
    );
}
