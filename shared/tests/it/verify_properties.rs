//! Verification never panics and always finishes, in every served language, whatever the call
//! and the summary: arbitrary Unicode, very long utterances, empty calls, all-caps and
//! all-lowercase text, mixed scripts, figures in every form. What it returns is consistent: it
//! passes exactly when it gives no reason, its ratio is a share, and each finding's evidence
//! names utterances the call has.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use wrapup::redact::Redactor;
use wrapup::summary::{ActionItem, Owner, Sentiment, Summary};
use wrapup::transcript::{Channel, SpeakerRole, Transcript};
use wrapup::verify::{Verification, VerificationConfig, verify};

const LANGUAGES: &[&str] = &["en-US", "es-ES", "fr-FR", "de-DE", "it-IT", "pt-BR", "nl-NL"];

/// Words the checks key on (figures in several forms, negations, promises, parties, markers,
/// other scripts), so random text reaches their deeper paths.
const WORDS: &[&str] = &[
    "the",
    "customer",
    "agent",
    "will",
    "send",
    "refund",
    "not",
    "never",
    "no",
    "didn't",
    "declined",
    "asked",
    "said",
    "I'll",
    "we",
    "you'll",
    "$49.50",
    "49",
    "dollars",
    "forty-nine",
    "€1.234,56",
    "18",
    "March",
    "18th",
    "the 18th",
    "9:30",
    "half past nine",
    "14h30",
    "Friday",
    "tomorrow",
    "5 working days",
    "Acme Router Pro",
    "INC004521",
    "4111 1111 1111 1111",
    "[NAME_1]",
    "[CARD_1]",
    "no",
    "enviaré",
    "mañana",
    "ne",
    "pas",
    "nicht",
    "kein",
    "bis Freitag",
    "non",
    "niet",
    "morgen",
    "não",
    "amanhã",
    "domani",
    "un",
    "één",
    "zwanzig",
    "vingt",
    "cuarenta y nueve",
    "D S P",
    "東京",
    "привет",
    "مرحبا",
    "😀",
    "—",
    ",",
    ".",
    "?",
    "!",
    ";",
    ":",
    "\n",
    "",
    " ",
];

fn call(language: &str, lines: &[(SpeakerRole, String)]) -> Transcript {
    Transcript::from_turns(
        "7d6a4c1e-0000-4000-8000-000000000002",
        Channel::Voice,
        Some(language),
        lines.iter().cloned(),
    )
}

fn summary(executive: String, items: Vec<String>, reason: Option<String>, phrases: Vec<String>) -> Summary {
    Summary {
        executive_summary: executive,
        action_items: items
            .into_iter()
            .enumerate()
            .map(|(i, text)| ActionItem {
                text,
                owner: Some(if i % 2 == 0 { Owner::Agent } else { Owner::Customer }),
                due_date: (i % 3 == 0).then(|| "by Friday".to_owned()),
            })
            .collect(),
        customer_sentiment: Sentiment::Neutral,
        reason,
        resolution: None,
        key_phrases: phrases,
        confidence: 0.5,
    }
}

/// Verifies and checks the answer's own consistency.
fn check(summary: &Summary, transcript: &Transcript) -> Verification {
    let redactor = Redactor::default();
    let redacted = redactor.redact_call(transcript, &[], None);
    let v = verify(
        summary,
        transcript,
        &redacted,
        &redactor,
        &VerificationConfig::default(),
    );
    assert_eq!(v.passed, v.reasons.is_empty(), "{v:?}");
    assert_eq!(
        v.reasons.len(),
        v.reason_kinds.len(),
        "a kind for each reason: {v:?}"
    );
    let ratio = v.factual_consistency.supported_ratio;
    assert!(ratio.is_finite() && (0.0..=1.0).contains(&ratio), "{ratio}");
    for finding in &v.findings {
        assert!(
            finding.evidence.iter().all(|u| *u < transcript.utterances.len()),
            "{finding:?}"
        );
    }
    v
}

fn text_from(words: &[usize], unicode: &str, upper: bool) -> String {
    let mut text: Vec<&str> = words.iter().map(|i| WORDS[i % WORDS.len()]).collect();
    text.push(unicode);
    let joined = text.join(" ");
    if upper { joined.to_uppercase() } else { joined }
}

fn line() -> impl Strategy<Value = (Vec<usize>, String, bool, bool)> {
    (
        proptest::collection::vec(any::<usize>(), 0..30),
        ".{0,20}",
        any::<bool>(),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_summary_of_any_call_is_verified_without_panic(
        language in 0..LANGUAGES.len(),
        lines in proptest::collection::vec(line(), 0..12),
        executive in line(),
        items in proptest::collection::vec(line(), 0..4),
        reason in proptest::option::of(line()),
        phrases in proptest::collection::vec(line(), 0..3),
    ) {
        let lines: Vec<(SpeakerRole, String)> = lines
            .iter()
            .map(|(w, u, upper, agent)| {
                let speaker = if *agent { SpeakerRole::Agent } else { SpeakerRole::Customer };
                (speaker, text_from(w, u, *upper))
            })
            .collect();
        let text = |l: &(Vec<usize>, String, bool, bool)| text_from(&l.0, &l.1, l.2);
        let summary = summary(
            text(&executive),
            items.iter().map(text).collect(),
            reason.as_ref().map(text),
            phrases.iter().map(text).collect(),
        );
        check(&summary, &call(LANGUAGES[language], &lines));
    }
}

#[test]
fn empty_calls_and_empty_summaries_are_verified() {
    for language in LANGUAGES {
        let empty = summary(String::new(), Vec::new(), None, Vec::new());
        check(&empty, &call(language, &[]));
        let claims = summary(
            "The customer was refunded $49.50 on 18 March and the agent will call back.".into(),
            vec!["Send the label by Friday".into()],
            Some("Not charged twice.".into()),
            vec!["Acme Router Pro".into()],
        );
        let v = check(&claims, &call(language, &[]));
        assert!(!v.passed, "claims against an empty call pass in {language}");
        check(
            &claims,
            &call(language, &[(SpeakerRole::Customer, String::new())]),
        );
    }
}

/// A single utterance of ~120,000 characters, all caps, all lowercase and in mixed scripts:
/// verification finishes within a generous bound even in a debug build.
#[test]
#[ignore = "soak tier: tens of kilobytes in one utterance, in every case; `make test` runs it"]
fn very_long_utterances_in_every_case_finish() {
    let unit = "I was NOT charged $49.50 on 18 March, the agent will send a refund 東京 привет; ";
    let long = unit.repeat(1_500);
    let claims = summary(
        "The customer was charged $49.50 on 18 March and the agent will send a refund.".into(),
        vec!["Send a refund".into()],
        None,
        Vec::new(),
    );
    for text in [long.clone(), long.to_uppercase(), long.to_lowercase()] {
        let started = Instant::now();
        check(&claims, &call("en-US", &[(SpeakerRole::Customer, text)]));
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            started.elapsed()
        );
    }
}
