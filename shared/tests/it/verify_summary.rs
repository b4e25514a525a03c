//! Verification of summaries against a redacted transcript: a faithful summary passes; invented
//! amounts, names and dates, loaded language, leaked PII and opposite sentiment each fail with a
//! reason that names the problem but never the PII.

use std::time::{Duration, Instant};

use wrapup::redact::{PiiKind, Redactor};
use wrapup::summary::{ActionItem, Owner, Sentiment, Summary};
use wrapup::transcript::{Channel, SpeakerRole, Transcript, Utterance};
use wrapup::verify::{ErrorKind, Verification, VerificationConfig, verify};

fn utterance(speaker: SpeakerRole, text: &str) -> Utterance {
    Utterance {
        speaker,
        text: text.to_owned(),
        start_offset_ms: 0,
        duration_ms: 3_000,
        confidence: Some(0.92),
        communication_id: "comm-1".into(),
    }
}

/// A billing dispute that ends well, as Genesys gives it.
fn billing_call() -> Transcript {
    use SpeakerRole::{Agent, Customer};
    Transcript {
        conversation_id: "5f1c7a52-8a4e-4f4e-9f57-0d3c1e5b2a10".into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some("en-US".into()),
        duration_ms: 420_000,
        utterances: vec![
            utterance(
                Agent,
                "Thank you for calling Northwind Connect, my name is Maria Lopez.",
            ),
            utterance(
                Customer,
                // Not "and I'm frustrated": upset then pleased is mixed, which contradicts no
                // summary; these tests need a customer who is positive throughout.
                "Hi, I was charged $24.50 twice on my last bill for the Acme Router Pro.",
            ),
            utterance(Agent, "I'm sorry about that. Can I get the card you paid with?"),
            utterance(Customer, "The whole number is 4111 1111 1111 1111."),
            utterance(
                Agent,
                "I've reversed the duplicate charge of $24.50; you'll see the credit within 3 days.",
            ),
            utterance(
                Agent,
                "I'll also email the confirmation by Friday, reference INC004521.",
            ),
            utterance(
                Customer,
                "Great, that's perfect, thank you so much for sorting it out!",
            ),
        ],
    }
}

fn faithful_summary() -> Summary {
    Summary {
        executive_summary: "The customer was charged $24.50 twice for the Acme Router Pro. \
                            [NAME_1] reversed the duplicate charge; the credit shows within 3 days."
            .into(),
        action_items: vec![ActionItem {
            text: "Email the confirmation for reference INC004521".into(),
            owner: Some(Owner::Agent),
            due_date: Some("Friday".into()),
        }],
        customer_sentiment: Sentiment::Positive,
        reason: Some("Duplicate charge on the bill".into()),
        resolution: Some("Duplicate charge of $24.50 reversed".into()),
        key_phrases: vec!["duplicate charge".into(), "Acme Router Pro".into()],
        confidence: 0.86,
    }
}

/// Verified as the pipeline does: against the call and its redaction.
fn check_with(summary: &Summary, config: &VerificationConfig) -> Verification {
    let redactor = Redactor::default();
    let call = billing_call();
    verify(
        summary,
        &call,
        &redactor.redact_call(&call, &[], None),
        &redactor,
        config,
    )
}

fn check(summary: &Summary) -> Verification {
    check_with(summary, &VerificationConfig::default())
}

fn has_reason(v: &Verification, starts_with: &str) -> bool {
    v.reasons.iter().any(|r| r.starts_with(starts_with))
}

#[test]
fn a_faithful_summary_passes() {
    let v = check(&faithful_summary());
    assert!(v.passed, "{:?}", v.reasons);
    assert!(v.reasons.is_empty());
    assert!(v.factual_consistency.unsupported_facts.is_empty());
    assert!(
        v.factual_consistency.supported_ratio >= 0.9,
        "{:?}",
        v.factual_consistency
    );
    assert!(v.factual_consistency.content_words >= 15);
    assert!(v.loaded_language.is_empty() && v.pii_leaks.is_empty());
    assert_eq!(v.sentiment_alignment.transcript, Sentiment::Positive);
    assert!(v.sentiment_alignment.aligned);
}

#[test]
fn an_invented_amount_fails() {
    let mut summary = faithful_summary();
    summary.resolution = Some("Duplicate charge of $42.50 reversed".into());
    let v = check(&summary);
    assert!(!v.passed);
    assert_eq!(v.factual_consistency.unsupported_facts, vec!["$42.50"]);
    assert_eq!(
        v.reasons,
        vec![r#"amount: "Duplicate charge of $42.50 reversed": the call never says "$42.50""#.to_owned()]
    );
    assert_eq!(v.findings[0].kind, ErrorKind::Amount);
}

#[test]
fn an_invented_name_and_date_fail() {
    let mut summary = faithful_summary();
    summary
        .executive_summary
        .push_str(" The refund was approved by James Carter on March 3.");
    summary.action_items[0].due_date = Some("Monday".into());
    let v = check(&summary);
    assert!(!v.passed);
    // A person's name the call does not hold is reported as a name the call never mentions,
    // by kind only: personal data is never repeated.
    assert_eq!(
        v.factual_consistency.unsupported_facts,
        vec!["March 3", "[REDACTED]", "Monday"]
    );
    let kinds: Vec<ErrorKind> = v.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [ErrorKind::Date, ErrorKind::Entity, ErrorKind::Date],
        "{:?}",
        v.findings
    );
    assert!(has_reason(&v, "date: "), "{:?}", v.reasons);
    assert!(!serde_json::to_string(&v).expect("serialises").contains("Carter"));
}

#[test]
fn equivalent_forms_are_supported() {
    let mut summary = faithful_summary();
    summary.resolution =
        Some("A credit of 24.50 dollars was applied; the card [CARD] was not charged again.".into());
    summary.executive_summary = summary.executive_summary.replace("3 days", "three days");
    let v = check(&summary);
    assert!(v.passed, "{:?}", v.reasons);
}

#[test]
fn loaded_language_fails() {
    let mut summary = faithful_summary();
    summary.executive_summary = format!(
        "The customer was rude and obviously impatient. {}",
        summary.executive_summary
    );
    let v = check(&summary);
    assert!(!v.passed);
    assert_eq!(v.loaded_language, vec!["rude", "obviously"]);
    assert!(
        v.reasons.contains(&"loaded language: rude, obviously".to_owned()),
        "{:?}",
        v.reasons
    );
}

#[test]
fn leaked_pii_fails_without_being_repeated() {
    let mut summary = faithful_summary();
    summary.action_items.push(ActionItem {
        text: "Call back on +44 20 7946 0958 about card 4111 1111 1111 1111".into(),
        owner: Some(Owner::Agent),
        due_date: None,
    });
    let v = check(&summary);
    assert!(!v.passed);
    assert_eq!(v.pii_leaks, vec![PiiKind::Phone, PiiKind::Card]);
    assert!(
        v.reasons
            .contains(&"possible PII in the summary: phone, card".to_owned()),
        "{:?}",
        v.reasons
    );
    let report = serde_json::to_string(&v).expect("serialises");
    for fragment in ["7946", "0958", "4111", "1111"] {
        assert!(!report.contains(fragment), "{fragment} in {report}");
    }
}

#[test]
fn opposite_sentiment_fails_and_can_be_tolerated() {
    let mut summary = faithful_summary();
    summary.customer_sentiment = Sentiment::Negative;
    let v = check(&summary);
    assert!(!v.passed);
    assert!(!v.sentiment_alignment.aligned);
    assert!(
        v.reasons.contains(
            &"summary sentiment negative contradicts the customer's sentiment in the transcript (positive)"
                .to_owned()
        ),
        "{:?}",
        v.reasons
    );

    let lenient = VerificationConfig {
        require_sentiment_alignment: false,
        ..VerificationConfig::default()
    };
    let v = check_with(&summary, &lenient);
    assert!(v.passed, "{:?}", v.reasons);
    assert!(!v.sentiment_alignment.aligned, "still measured");

    summary.customer_sentiment = Sentiment::Mixed;
    assert!(check(&summary).passed);
}

#[test]
fn an_unsupported_paraphrase_fails_the_ratio() {
    let mut summary = faithful_summary();
    summary.executive_summary = "Subscriber disputes erroneous invoicing regarding networking hardware; \
                                 representative rectified discrepancy."
        .into();
    let strict = VerificationConfig {
        min_supported_ratio: 0.75,
        ..VerificationConfig::default()
    };
    let v = check_with(&summary, &strict);
    assert!(!v.passed);
    assert!(
        v.factual_consistency.supported_ratio < 0.75,
        "{:?}",
        v.factual_consistency
    );
    assert!(
        v.factual_consistency
            .unsupported_words
            .contains(&"erroneous".to_owned())
    );
    assert!(has_reason(&v, "only "), "{:?}", v.reasons);
}

#[test]
fn every_failure_is_listed_at_once() {
    let mut summary = faithful_summary();
    summary.executive_summary = "The lazy customer was refunded $99 by Priya Nair.".into();
    summary.key_phrases.push("jane.doe@example.com".into());
    summary.customer_sentiment = Sentiment::Negative;
    let v = check(&summary);
    assert!(!v.passed);
    assert!(
        has_reason(&v, r#"amount: "The lazy customer was refunded $99"#),
        "{:?}",
        v.reasons
    );
    // An email is personal data by its shape; a name the call never held is a name it never
    // mentions, reported without the name.
    assert!(
        has_reason(&v, "possible PII in the summary: email"),
        "{:?}",
        v.reasons
    );
    assert!(v.findings.iter().any(|f| f.kind == ErrorKind::Entity));
    assert!(has_reason(&v, "loaded language: lazy"));
    assert!(has_reason(&v, "summary sentiment negative contradicts"));
    let json = serde_json::to_string(&v).expect("serialises");
    assert!(!json.contains("jane") && !json.contains("Nair"));
}

#[test]
fn thresholds_come_from_config() {
    let mut summary = faithful_summary();
    summary
        .executive_summary
        .push_str(" A $10 goodwill credit was discussed with the rude supervisor.");
    assert!(!check(&summary).passed);
    let lenient = VerificationConfig::from_lookup(|name| match name {
        "WRAPUP_VERIFY_MAX_UNSUPPORTED_FACTS" => Some("1".into()),
        "WRAPUP_VERIFY_MAX_LOADED_TERMS" => Some("1".into()),
        "WRAPUP_VERIFY_MIN_SUPPORTED_RATIO" => Some("0.5".into()),
        _ => None,
    })
    .expect("valid config");
    let v = check_with(&summary, &lenient);
    assert!(v.passed, "{:?}", v.reasons);
    assert_eq!(v.factual_consistency.unsupported_facts, vec!["$10"]);
}

#[test]
fn the_verification_serialises_in_camel_case() {
    let v = check(&faithful_summary());
    let json = serde_json::to_value(&v).expect("serialises");
    for key in [
        "passed",
        "factualConsistency",
        "loadedLanguage",
        "piiLeaks",
        "sentimentAlignment",
        "reasons",
    ] {
        assert!(json.get(key).is_some(), "{key} in {json}");
    }
    assert!(json["factualConsistency"].get("supportedRatio").is_some());
    assert!(json["factualConsistency"].get("unsupportedFacts").is_some());
    let back: Verification = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, v);
}

/// A timing guard, not a benchmark: verifying against an hour-long call (1,000 utterances) stays
/// well within a generous bound even in a debug build.
#[test]
fn verifying_against_an_hour_long_call_is_quick() {
    let redactor = Redactor::default();
    let base = billing_call();
    let mut long = base.clone();
    long.utterances = (0..1_000)
        .map(|i| {
            let mut u = base.utterances[i % base.utterances.len()].clone();
            u.text = format!("{} {} Step {i} of the troubleshooting went fine.", u.text, u.text);
            u
        })
        .collect();
    assert!(long.text_len() > 100_000);
    let started = Instant::now();
    let v = verify(
        &faithful_summary(),
        &long,
        &redactor.redact_call(&long, &[], None),
        &redactor,
        &VerificationConfig::default(),
    );
    let elapsed = started.elapsed();
    assert!(v.passed, "{:?}", v.reasons);
    // A debug build on a shared two-core runner (the chaos soak runs beside it): the bound
    // catches a quadratic blow-up (minutes), not speed, which docs/benchmarks.md measures.
    assert!(
        elapsed < Duration::from_millis(4_000),
        "verification took {elapsed:?}"
    );
}
