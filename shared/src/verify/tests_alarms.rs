//! False alarms on faithful summaries and the errors the same rules still catch: figures read
//! out in words, weekdays a relative day implies, commitments checked against their owner, and
//! opposite word pairs, in English and the table-driven languages.

use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::{Channel, SpeakerRole, Utterance};

use SpeakerRole::{Agent, Customer};

fn call(language: &str, lines: &[(SpeakerRole, &str)]) -> Transcript {
    Transcript {
        conversation_id: "conv".into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some(language.into()),
        duration_ms: 60_000,
        utterances: lines
            .iter()
            .map(|(speaker, text)| Utterance {
                speaker: *speaker,
                text: (*text).into(),
                start_offset_ms: 0,
                duration_ms: 1_000,
                confidence: None,
                communication_id: "comm".into(),
            })
            .collect(),
    }
}

fn check(call: &Transcript, text: &str, items: Vec<ActionItem>) -> Verification {
    let summary = Summary {
        executive_summary: text.into(),
        action_items: items,
        customer_sentiment: Sentiment::Neutral,
        reason: None,
        resolution: None,
        key_phrases: vec![],
        confidence: 0.8,
    };
    let redactor = Redactor::default();
    verify(
        &summary,
        call,
        &redactor.redact_call(call, &[], None),
        &redactor,
        &VerificationConfig::default(),
    )
}

fn kinds(v: &Verification) -> Vec<ErrorKind> {
    v.findings.iter().map(|f| f.kind).collect()
}

#[test]
fn a_reading_said_in_words_is_no_card() {
    let readings = call(
        "en-GB",
        &[(
            Customer,
            "electric is four eight two seven one and gas is zero nine three one four point six",
        )],
    );
    let v = check(
        &readings,
        "The agent recorded readings of 48271 and 09314.6.",
        vec![],
    );
    assert!(v.pii_leaks.is_empty(), "{:?}", v.pii_leaks);

    let card = call(
        "en-GB",
        &[(
            Customer,
            "my card number is four one one one one one one one one one one one one one one one",
        )],
    );
    let v = check(&card, "The customer paid with card 4111 1111 1111 1111.", vec![]);
    assert!(v.pii_leaks.contains(&PiiKind::Card), "{:?}", v.pii_leaks);
}

fn dates(v: &Verification) -> Vec<&str> {
    v.findings
        .iter()
        .filter(|f| f.kind == ErrorKind::Date)
        .filter_map(|f| f.value.as_deref())
        .collect()
}

#[test]
fn a_weekday_written_short_in_the_call_is_said() {
    let en = call(
        "en-AU",
        &[
            (
                Customer,
                "when can it be connected? i get the keys on fri 27 june",
            ),
            (Agent, "It should be ready to collect from 12pm tomorrow (Wed)."),
        ],
    );
    let v = check(
        &en,
        "The customer gets the keys on Friday 27 June; the parcel can be collected tomorrow (Wednesday).",
        vec![],
    );
    assert!(dates(&v).is_empty(), "{:?}", v.findings);
    let v = check(&en, "The customer gets the keys on Thursday 27 June.", vec![]);
    assert_eq!(dates(&v), vec!["Thursday"]);

    let fr = call(
        "fr-FR",
        &[(Agent, "C'est réservé : mer. 16 avril à 7h45, au deuxième étage.")],
    );
    let v = check(
        &fr,
        "Le rendez-vous est réservé le mercredi 16 avril à 7h45.",
        vec![],
    );
    assert!(dates(&v).is_empty(), "{:?}", v.findings);
    let v = check(
        &fr,
        "Le rendez-vous est réservé le jeudi 16 avril à 7h45.",
        vec![],
    );
    assert_eq!(dates(&v), vec!["jeudi"]);
}
