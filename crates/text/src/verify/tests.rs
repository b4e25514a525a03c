use super::numbers;
use super::text;
use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::{Channel, SpeakerRole};
use wrapup_genesys::config::ConfigError;

fn transcript(lines: &[(SpeakerRole, &str)]) -> Transcript {
    super::test_calls::call_on(Channel::Voice, "en-US", lines)
}

fn summary(text: &str, sentiment: Sentiment) -> Summary {
    Summary {
        executive_summary: text.into(),
        action_items: vec![],
        customer_sentiment: sentiment,
        reason: None,
        resolution: None,
        key_phrases: vec![],
        confidence: 0.8,
    }
}

#[test]
fn words_know_sentence_starts_markers_and_decimals() {
    let source = "Paid $9.23 to Maria. Then [CARD] was used: Done";
    let words = text::words(source);
    let got: Vec<(&str, bool)> = words.iter().map(|w| (w.text(source), w.sentence_start)).collect();
    assert_eq!(
        got,
        vec![
            ("Paid", true),
            ("9", false),
            ("23", false),
            ("to", false),
            ("Maria", false),
            ("Then", true),
            ("[CARD]", false),
            ("was", false),
            ("used", false),
            ("Done", true),
        ]
    );
}

#[test]
fn words_of_non_ascii_text() {
    let source = "Ärger über café’s naïve, ok";
    let words: Vec<&str> = text::words(source).iter().map(|w| w.text(source)).collect();
    assert_eq!(words, vec!["Ärger", "über", "café’s", "naïve", "ok"]);
}

#[test]
fn numbers_are_canonical() {
    assert_eq!(numbers::canonical_number("1,200.00"), "1200");
    assert_eq!(numbers::canonical_number("09.50"), "9.5");
    assert_eq!(numbers::canonical_number("0.0"), "0");
    let values: Vec<String> = numbers::number_mentions("$1,200.00 and 9.23, INC001234, 1,2345")
        .into_iter()
        .map(|m| m.value)
        .collect();
    assert_eq!(values, vec!["1200", "9.23", "1234", "1", "2345"]);
}

#[test]
fn loaded_terms_match_whole_words_and_phrases() {
    assert_eq!(
        loaded::loaded_terms([
            "The customer was RUDE and clearly lying.",
            "Obviously lazy; rude again, lying to us"
        ]),
        vec!["rude", "clearly lying", "obviously", "lazy", "lying to"]
    );
    assert!(
        loaded::loaded_terms(["The agent was prudent; crude oil; the router was lying on the floor"])
            .is_empty()
    );
}

#[test]
fn sentiment_alignment_only_fails_opposites() {
    use Sentiment::*;
    assert!(!aligned(Positive, Negative) && !aligned(Negative, Positive));
    for (a, b) in [
        (Positive, Mixed),
        (Negative, Neutral),
        (Mixed, Negative),
        (Neutral, Positive),
    ] {
        assert!(aligned(a, b) && aligned(b, a));
    }
}

#[test]
fn config_defaults_and_errors_name_the_variable() {
    assert_eq!(
        VerificationConfig::from_lookup(|_| None).unwrap(),
        VerificationConfig::default()
    );
    let config = VerificationConfig::from_lookup(|name| match name {
        "WRAPUP_VERIFY_MIN_SUPPORTED_RATIO" => Some("0.5".into()),
        "WRAPUP_VERIFY_MAX_UNSUPPORTED_FACTS" => Some("2".into()),
        "WRAPUP_VERIFY_MAX_LOADED_TERMS" => Some(" 1 ".into()),
        "WRAPUP_VERIFY_REQUIRE_SENTIMENT_ALIGNMENT" => Some("false".into()),
        "WRAPUP_VERIFY_JUDGE" => Some(" LLM ".into()),
        _ => None,
    })
    .unwrap();
    assert_eq!(
        config,
        VerificationConfig {
            min_supported_ratio: 0.5,
            max_unsupported_facts: 2,
            max_loaded_terms: 1,
            require_sentiment_alignment: false,
            judge: JudgeMode::Llm,
        }
    );
    assert!(config.check_judge(true).is_ok());
    let err = config.check_judge(false).unwrap_err();
    assert!(
        matches!(&err, ConfigError::Invalid { name, .. } if *name == "WRAPUP_VERIFY_JUDGE"),
        "{err}"
    );
    assert!(VerificationConfig::default().check_judge(false).is_ok());
    for (var, value) in [
        ("WRAPUP_VERIFY_MIN_SUPPORTED_RATIO", "1.5"),
        ("WRAPUP_VERIFY_MIN_SUPPORTED_RATIO", "lots"),
        ("WRAPUP_VERIFY_MAX_UNSUPPORTED_FACTS", "-1"),
        ("WRAPUP_VERIFY_MAX_LOADED_TERMS", "two"),
        ("WRAPUP_VERIFY_REQUIRE_SENTIMENT_ALIGNMENT", "maybe"),
        ("WRAPUP_VERIFY_JUDGE", "gpt"),
    ] {
        let err =
            VerificationConfig::from_lookup(|name| (name == var).then(|| value.to_owned())).unwrap_err();
        assert!(
            matches!(err, ConfigError::Invalid { name, .. } if name == var),
            "{var}={value}"
        );
    }
}

#[test]
fn action_items_reason_resolution_and_key_phrases_are_checked() {
    let call = transcript(&[
        (
            SpeakerRole::Customer,
            "My router keeps dropping, thanks for helping.",
        ),
        (SpeakerRole::Agent, "I will send a replacement router by Friday."),
    ]);
    let mut s = summary(
        "Router keeps dropping; a replacement router is on its way.",
        Sentiment::Neutral,
    );
    s.action_items = vec![ActionItem {
        text: "Send a replacement router".into(),
        owner: Some(Owner::Agent),
        due_date: Some("Monday".into()),
    }];
    s.reason = Some("Router dropping".into());
    s.resolution = Some("Replacement sent by Zenith Couriers".into());
    s.key_phrases = vec!["router".into(), "$45 credit".into()];
    let v = verify(
        &s,
        &call,
        &Redactor::default().redact_call(&call, &[], None),
        &Redactor::default(),
        &VerificationConfig::default(),
    );
    assert!(!v.passed);
    assert_eq!(
        v.factual_consistency.unsupported_facts,
        vec!["Zenith Couriers", "Monday", "$45"]
    );
    // Each reason names its kind, in order: the review queue and the metrics read them.
    assert_eq!(v.reason_kinds.len(), v.reasons.len());
    for (reason, kind) in v.reasons.iter().zip(&v.reason_kinds) {
        if matches!(kind, ReasonKind::Amount | ReasonKind::Date | ReasonKind::Entity) {
            assert!(reason.starts_with(kind.as_str()), "{reason} is not {kind:?}");
        }
    }
    assert!(
        v.reason_kinds
            .iter()
            .any(|k| matches!(k, ReasonKind::Entity | ReasonKind::Date | ReasonKind::Amount)),
        "{:?}",
        v.reason_kinds
    );
}

#[test]
fn a_summary_without_content_words_is_fully_supported() {
    let call = transcript(&[(SpeakerRole::Customer, "Hello.")]);
    let v = verify(
        &summary("", Sentiment::Neutral),
        &call,
        &Redactor::default().redact_call(&call, &[], None),
        &Redactor::default(),
        &VerificationConfig::default(),
    );
    assert!(v.passed, "{:?}", v.reasons);
    assert_eq!(v.factual_consistency.supported_ratio, 1.0);
    assert_eq!(v.factual_consistency.content_words, 0);
}

#[test]
fn unsupported_words_are_capped_and_pii_free() {
    let call = transcript(&[(SpeakerRole::Customer, "Hello there.")]);
    let many: Vec<String> = (0..40).map(|i| format!("word{}", "x".repeat(i + 3))).collect();
    let mut text = many
        .iter()
        .map(|w| w.replace(char::is_numeric, ""))
        .collect::<Vec<_>>()
        .join(" ");
    text.push_str(" mail jane.doe@example.com");
    let v = verify(
        &summary(&text, Sentiment::Neutral),
        &call,
        &Redactor::default().redact_call(&call, &[], None),
        &Redactor::default(),
        &VerificationConfig::default(),
    );
    assert_eq!(v.factual_consistency.unsupported_words.len(), MAX_LISTED_WORDS);
    let report = serde_json::to_string(&v).unwrap();
    assert!(
        !report.contains("jane") && !report.contains("example.com"),
        "{report}"
    );
}
