use super::facts::{self, Claim, TranscriptIndex};
use super::numbers;
use super::text::{self, stem};
use super::*;
use crate::config::ConfigError;
use crate::summary::{ActionItem, Owner};
use crate::transcript::{Channel, SpeakerRole, Utterance};

fn transcript(lines: &[(SpeakerRole, &str)]) -> Transcript {
    Transcript {
        conversation_id: "conv".into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some("en-US".into()),
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

fn displays(field: &str) -> Vec<String> {
    facts::facts(field).into_iter().map(|f| f.display).collect()
}

#[test]
fn stems_meet_across_inflections() {
    for group in [
        &["charge", "charged", "charges", "charging"][..],
        &["refund", "refunds", "refunded", "refunding"],
        &["reply", "replies", "replied"],
        &["stop", "stopped", "stopping", "stops"],
        &["router", "routers", "router's"],
    ] {
        let stems: Vec<&str> = group.iter().map(|w| stem(w)).collect();
        assert!(stems.windows(2).all(|p| p[0] == p[1]), "{group:?} -> {stems:?}");
    }
    assert_eq!(stem("[card]"), "[card]");
    assert_eq!(stem("bus"), "bus");
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
fn words_and_stems_of_non_ascii_text() {
    let source = "Ärger über café’s naïve, ok";
    let words: Vec<&str> = text::words(source).iter().map(|w| w.text(source)).collect();
    assert_eq!(words, vec!["Ärger", "über", "café’s", "naïve", "ok"]);
    // Lengths count characters, not bytes: "éte" (three characters, four bytes) keeps its "e".
    assert_eq!(stem("éte"), "éte");
    assert_eq!(stem("étes"), "éte");
    assert_eq!(stem("cafés"), "café");
    assert_eq!(stem("naïve"), "naïv");
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
fn facts_cover_numbers_amounts_dates_and_names() {
    let field = "Maria Lopez refunded $9.23 on May 3 and will call on Friday; \
                 the replacement Acme Router Pro ships 2024-05-06 with a twelve month term, in one week.";
    assert_eq!(
        displays(field),
        vec![
            "May 3",
            "$9.23",
            "2024-05-06",
            "twelve",
            "Friday",
            "Lopez",
            "Acme Router Pro"
        ]
    );
    let claims: Vec<Claim> = facts::facts("the 4th of March")
        .into_iter()
        .map(|f| f.claim)
        .collect();
    assert_eq!(claims, vec![Claim::Date { month: 3, day: 4 }]);
    // Sentence starts, "I", the call vocabulary and markers are not names.
    assert!(displays("Customer said I could pay. The Agent sent [EMAIL] details.").is_empty());
}

#[test]
fn transcript_index_normalises_numbers_and_dates() {
    let lower = "i was charged $9.23 twice\nit's the fourth of march, order 1,200.00\ntwenty five days\n\
                 see you 2024-05-06\n"
        .to_owned();
    let index = TranscriptIndex::build(&lower);
    for (field, supported) in [
        ("9.23 dollars", true),
        ("$1200", true),
        ("25 days", true),
        ("March 4", true),
        ("the 4th of March", true),
        ("May 6", true),
        ("$9.32", false),
        ("March 5", false),
        ("26", false),
    ] {
        let all = facts::facts(field).iter().all(|f| index.supports(&f.claim));
        assert_eq!(all, supported, "{field}");
    }
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
