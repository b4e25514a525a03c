use aws_sdk_comprehend::error::ErrorMetadata;
use aws_sdk_comprehend::types::error::{
    InternalServerException, InvalidRequestException, TextSizeLimitExceededException,
    UnsupportedLanguageException,
};

use super::*;
use crate::config::tests::lookup;
use crate::transcript::{Channel, SpeakerRole};

fn transcript(language: Option<&str>, texts: &[&str]) -> Transcript {
    let speakers = [SpeakerRole::Agent, SpeakerRole::Customer].into_iter().cycle();
    Transcript::from_turns(
        "5f1c7a52-8a4e-4f4e-9f57-0d3c1e5b2a10",
        Channel::Voice,
        language,
        speakers.zip(texts.iter().copied()),
    )
}

fn entity(kind: PiiEntityType, score: f32, begin: i32, end: i32) -> PiiEntity {
    PiiEntity::builder()
        .r#type(kind)
        .score(score)
        .begin_offset(begin)
        .end_offset(end)
        .build()
}

/// The character range of `needle` in a document's text, as Comprehend would report it.
fn chars_of(document: &Document<'_>, needle: &str) -> (i32, i32) {
    let at = document.text.find(needle).expect("needle in the document");
    let begin = document.text[..at].chars().count();
    let end = begin + needle.chars().count();
    (begin as i32, end as i32)
}

fn texts<'a>(t: &'a Transcript, matches: &[ExternalMatch]) -> Vec<(usize, PiiKind, &'a str)> {
    matches
        .iter()
        .map(|m| {
            (
                m.utterance,
                m.kind,
                &t.utterances[m.utterance].text[m.start..m.end],
            )
        })
        .collect()
}

#[test]
fn code_points_become_byte_ranges_on_char_boundaries() {
    let t = transcript(
        Some("en-US"),
        &[
            "Hola 😀, soy José Müller-Øster 🇪🇸.",
            "Mail: zoë@exämple.com ☕ thanks",
        ],
    );
    let docs = documents(&t, MAX_DOCUMENT_BYTES);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(
        doc.text,
        format!("{}\n{}", t.utterances[0].text, t.utterances[1].text)
    );
    assert_eq!(doc.chars, doc.text.chars().count());
    let (nb, ne) = chars_of(doc, "José Müller-Øster");
    let (eb, ee) = chars_of(doc, "zoë@exämple.com");
    // Code points and bytes differ here: the mapping must not treat one as the other.
    assert_ne!(doc.text.find("zoë").unwrap(), eb as usize);
    let mapped = map_entities(
        doc,
        &[
            entity(PiiEntityType::Name, 0.99, nb, ne),
            entity(PiiEntityType::Email, 0.98, eb, ee),
        ],
        0.5,
    );
    assert_eq!(mapped.ignored, 0);
    assert_eq!(
        texts(&t, &mapped.matches),
        vec![
            (0, PiiKind::Name, "José Müller-Øster"),
            (1, PiiKind::Email, "zoë@exämple.com"),
        ]
    );
    let first = mapped.matches[0];
    assert_eq!((first.start, first.end), (15, 15 + "José Müller-Øster".len()));
}

#[test]
fn an_entity_ending_at_the_end_of_the_document_is_kept() {
    let t = transcript(Some("en"), &["call me on 555 0100 📞"]);
    let doc = &documents(&t, MAX_DOCUMENT_BYTES)[0];
    let chars = doc.chars as i32;
    let mapped = map_entities(doc, &[entity(PiiEntityType::Phone, 0.9, 11, chars)], 0.5);
    // The last character is a 4-byte emoji: the end maps to the end of the utterance.
    assert_eq!(
        texts(&t, &mapped.matches),
        vec![(0, PiiKind::Phone, "555 0100 📞")]
    );
    let m = mapped.matches[0];
    assert_eq!(m.end, t.utterances[0].text.len());
}

#[test]
fn an_entity_across_utterances_is_split_at_the_boundary() {
    let t = transcript(Some("en"), &["my name is Ana", "Lucía Pérez, yes", "ok"]);
    let doc = &documents(&t, MAX_DOCUMENT_BYTES)[0];
    let (b, _) = chars_of(doc, "Ana");
    let (_, e) = chars_of(doc, "Lucía Pérez");
    let mapped = map_entities(doc, &[entity(PiiEntityType::Name, 0.9, b, e)], 0.5);
    assert_eq!(
        texts(&t, &mapped.matches),
        vec![(0, PiiKind::Name, "Ana"), (1, PiiKind::Name, "Lucía Pérez")]
    );
    // Only the separator, or a range of whitespace: nothing.
    let (_, ana_end) = chars_of(doc, "Ana");
    let mapped = map_entities(
        doc,
        &[entity(PiiEntityType::Name, 0.9, ana_end, ana_end + 1)],
        0.5,
    );
    assert!(mapped.matches.is_empty());
    assert_eq!(mapped.ignored, 0);
}

#[test]
fn out_of_range_offsets_are_ignored_without_panic() {
    let t = transcript(Some("en"), &["short é text"]);
    let doc = &documents(&t, MAX_DOCUMENT_BYTES)[0];
    let n = doc.chars as i32;
    let bad = [
        entity(PiiEntityType::Name, 0.99, 50, 58),
        entity(PiiEntityType::Email, 0.99, 5, n + 1),
        entity(PiiEntityType::Email, 0.99, -1, 3),
        entity(PiiEntityType::Email, 0.99, 4, 4),
        entity(PiiEntityType::Email, 0.99, 6, 2),
        entity(PiiEntityType::Email, 0.99, i32::MAX, i32::MAX),
        PiiEntity::builder()
            .r#type(PiiEntityType::Name)
            .score(0.9)
            .build(),
    ];
    let mapped = map_entities(doc, &bad, 0.5);
    assert!(mapped.matches.is_empty());
    assert_eq!(mapped.ignored, bad.len());
    // Moto's canned answer against a short text.
    let canned = [
        entity(PiiEntityType::Name, 0.999_989, 50, 58),
        entity(PiiEntityType::Email, 0.999_996, 230, 259),
        entity(PiiEntityType::BankAccountNumber, 0.999_995, 334, 349),
    ];
    let mapped = map_entities(doc, &canned, 0.5);
    assert!(mapped.matches.is_empty());
    assert_eq!(mapped.ignored, 3);
}

#[test]
fn entities_below_the_minimum_score_are_dropped() {
    let t = transcript(Some("en"), &["Ana Ruiz and Bo Li and Cy Ng"]);
    let doc = &documents(&t, MAX_DOCUMENT_BYTES)[0];
    let entities = [
        entity(PiiEntityType::Name, 0.49, 0, 8),
        entity(PiiEntityType::Name, 0.5, 13, 18),
        entity(PiiEntityType::Name, f32::NAN, 23, 28),
        PiiEntity::builder()
            .r#type(PiiEntityType::Name)
            .begin_offset(23)
            .end_offset(28)
            .build(),
    ];
    let mapped = map_entities(doc, &entities, 0.5);
    assert_eq!(texts(&t, &mapped.matches), vec![(0, PiiKind::Name, "Bo Li")]);
    let all = map_entities(doc, &entities[..2], 0.0);
    assert_eq!(all.matches.len(), 2);
}

#[test]
fn entity_types_map_to_kinds_and_the_rest_is_left_alone() {
    use PiiEntityType as T;
    let expected = [
        (T::Name, PiiKind::Name),
        (T::Address, PiiKind::Address),
        (T::Email, PiiKind::Email),
        (T::Phone, PiiKind::Phone),
        (T::CreditDebitNumber, PiiKind::Card),
        (T::CreditDebitCvv, PiiKind::CardCvv),
        (T::CreditDebitExpiry, PiiKind::CardExpiry),
        (T::Pin, PiiKind::Pin),
        (T::Password, PiiKind::Pin),
        (T::Ssn, PiiKind::Ssn),
        (T::BankAccountNumber, PiiKind::BankAccount),
        (T::BankRouting, PiiKind::BankAccount),
        (T::InternationalBankAccountNumber, PiiKind::Iban),
        (T::PassportNumber, PiiKind::Passport),
        (T::DriverId, PiiKind::DriversLicence),
        (T::CaSocialInsuranceNumber, PiiKind::NationalId),
        (T::CaHealthNumber, PiiKind::NationalId),
        (T::UkNationalInsuranceNumber, PiiKind::NationalId),
        (T::UkNationalHealthServiceNumber, PiiKind::NationalId),
        (T::UkUniqueTaxpayerReferenceNumber, PiiKind::NationalId),
        (T::InAadhaar, PiiKind::NationalId),
        (T::InPermanentAccountNumber, PiiKind::NationalId),
        (T::InNrega, PiiKind::NationalId),
        (T::InVoterNumber, PiiKind::NationalId),
        (T::UsIndividualTaxIdentificationNumber, PiiKind::NationalId),
    ];
    for (entity_type, kind) in expected {
        assert_eq!(kind_of(&entity_type), Some(kind), "{entity_type:?}");
        // The wire names parse to the same variants.
        assert_eq!(PiiEntityType::from(entity_type.as_str()), entity_type);
    }
    for ignored in [
        T::DateTime,
        T::Age,
        T::Url,
        T::IpAddress,
        T::Username,
        T::AwsAccessKey,
        T::AwsSecretKey,
        T::LicensePlate,
        T::MacAddress,
        T::SwiftCode,
        T::VehicleIdentificationNumber,
        T::All,
        PiiEntityType::from("SOME_FUTURE_TYPE"),
    ] {
        assert_eq!(kind_of(&ignored), None, "{ignored:?}");
    }
    // Dates and amounts stay readable even with a high score.
    let t = transcript(Some("en"), &["paid $120 on 3 March"]);
    let doc = &documents(&t, MAX_DOCUMENT_BYTES)[0];
    let mapped = map_entities(doc, &[entity(T::DateTime, 0.99, 13, 20)], 0.5);
    assert!(mapped.matches.is_empty() && mapped.ignored == 0);
}

#[test]
fn utterances_are_packed_into_documents_under_the_limit() {
    let t = transcript(Some("en"), &["aaaa", "bbbb", "cccc", "dddddddddd", "é"]);
    let docs = documents(&t, 10);
    let shapes: Vec<(&str, Vec<usize>)> = docs
        .iter()
        .map(|d| (d.text.as_str(), d.segments.iter().map(|s| s.utterance).collect()))
        .collect();
    assert_eq!(
        shapes,
        vec![
            ("aaaa\nbbbb", vec![0, 1]),
            ("cccc", vec![2]),
            ("dddddddddd", vec![3]),
            ("é", vec![4]),
        ]
    );
    for doc in &docs {
        assert!(doc.text.len() <= 10);
        for s in &doc.segments {
            let doc_piece: String = doc.text.chars().skip(s.char_start).take(s.chars).collect();
            assert_eq!(doc_piece, s.text);
            assert_eq!(
                &t.utterances[s.utterance].text[s.byte_start..s.byte_start + s.text.len()],
                s.text
            );
        }
    }
    assert!(documents(&transcript(Some("en"), &[]), 10).is_empty());
}

#[test]
fn a_long_utterance_is_cut_after_a_space_on_char_boundaries() {
    let text = "ééé ünï wörds 😀😀 end";
    let parts = pieces(text, 9);
    let joined: String = parts.iter().map(|(_, p)| *p).collect();
    assert_eq!(joined, text);
    for (at, part) in &parts {
        assert!(part.len() <= 9 && !part.is_empty(), "{part:?}");
        assert_eq!(&text[*at..*at + part.len()], *part);
    }
    assert_eq!(parts[0].1, "ééé ");
    // No space at all: cut on a char boundary.
    let parts = pieces("😀😀😀", 5);
    assert_eq!(parts, vec![(0, "😀"), (4, "😀"), (8, "😀")]);
    assert!(pieces("", 5).is_empty());
    // A character longer than the limit still makes progress.
    assert_eq!(pieces("😀a", 2), vec![(0, "😀"), (4, "a")]);
}

#[test]
fn entities_of_a_cut_utterance_map_into_it() {
    let long = format!("{} Zoë Ñúñez {}", "ä".repeat(30), "ö".repeat(30));
    let t = transcript(Some("en"), &["hello", &long, "bye"]);
    let docs = documents(&t, 40);
    assert!(docs.len() > 3, "{}", docs.len());
    let mut all = Vec::new();
    for doc in &docs {
        if let Some(at) = doc.text.find("Zoë Ñúñez") {
            let begin = doc.text[..at].chars().count() as i32;
            let mapped = map_entities(doc, &[entity(PiiEntityType::Name, 0.9, begin, begin + 9)], 0.5);
            all.extend(mapped.matches);
        }
    }
    assert_eq!(texts(&t, &merge(all)), vec![(1, PiiKind::Name, "Zoë Ñúñez")]);
    // An entity cut in two by the split joins again.
    let halves = vec![
        ExternalMatch {
            utterance: 1,
            kind: PiiKind::Name,
            start: 65,
            end: 70,
        },
        ExternalMatch {
            utterance: 1,
            kind: PiiKind::Name,
            start: 60,
            end: 65,
        },
    ];
    assert_eq!(
        merge(halves),
        vec![ExternalMatch {
            utterance: 1,
            kind: PiiKind::Name,
            start: 60,
            end: 70
        }]
    );
}

#[test]
fn only_supported_configured_languages_are_sent() {
    let config = ComprehendConfig::default();
    let lang = |tag: Option<&str>| config.language_of(&transcript(tag, &["hi"]));
    assert_eq!(lang(Some("en-US")), Some(LanguageCode::En));
    assert_eq!(lang(Some("EN_gb")), Some(LanguageCode::En));
    assert_eq!(lang(Some("es-MX")), Some(LanguageCode::Es));
    assert_eq!(lang(Some("es")), Some(LanguageCode::Es));
    for other in [
        Some("fr-FR"),
        Some("de"),
        Some("pt-BR"),
        Some(""),
        Some("english"),
        None,
    ] {
        assert_eq!(lang(other), None, "{other:?}");
    }
    let english_only = ComprehendConfig {
        languages: vec!["en".into()],
        ..ComprehendConfig::default()
    };
    assert_eq!(
        english_only.language_of(&transcript(Some("es-ES"), &["hola"])),
        None
    );
    let french = ComprehendConfig {
        languages: vec!["fr".into()],
        ..ComprehendConfig::default()
    };
    assert_eq!(french.language_of(&transcript(Some("fr"), &["salut"])), None);
}

#[test]
fn config_defaults_and_values() {
    let config = ComprehendConfig::from_lookup(lookup(&[])).unwrap();
    assert_eq!(config, ComprehendConfig::default());
    assert!(!config.enabled);
    assert_eq!(config.min_score, 0.5);
    assert_eq!(config.languages, vec!["en", "es"]);
    let config = ComprehendConfig::from_lookup(lookup(&[
        ("WRAPUP_COMPREHEND_PII", " TRUE "),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "0.9"),
    ]))
    .unwrap();
    assert!(config.enabled);
    assert_eq!(config.min_score, 0.9);
    for (raw, on) in [("false", false), ("0", false), ("yes", true), ("", false)] {
        let config = ComprehendConfig::from_lookup(lookup(&[("WRAPUP_COMPREHEND_PII", raw)])).unwrap();
        assert_eq!(config.enabled, on, "{raw}");
    }
    for raw in ["0", "1", "0.0", "1.0"] {
        assert!(ComprehendConfig::from_lookup(lookup(&[("WRAPUP_COMPREHEND_MIN_SCORE", raw)])).is_ok());
    }
}

#[test]
fn config_errors_name_the_variable() {
    let cases = [
        ("WRAPUP_COMPREHEND_PII", "maybe", "true or false"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "high", "not a number"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "1.5", "outside 0..=1"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "-0.1", "outside 0..=1"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "NaN", "outside 0..=1"),
        ("WRAPUP_COMPREHEND_MIN_SCORE", "inf", "outside 0..=1"),
    ];
    for (name, value, reason) in cases {
        let err = ComprehendConfig::from_lookup(lookup(&[(name, value)])).unwrap_err();
        assert!(
            matches!(err, ConfigError::Invalid { name: n, .. } if n == name),
            "{err}"
        );
        let text = err.to_string();
        assert!(text.contains(name) && text.contains(reason), "{text}");
    }
}

#[test]
fn errors_are_classified_by_type_and_carry_no_service_text() {
    let secret = "arn:aws:comprehend:us-east-1:123456789012:x Jane Doe 4111111111111111";
    let en = LanguageCode::En;
    let cases = [
        (
            DetectPiiEntitiesError::TextSizeLimitExceededException(
                TextSizeLimitExceededException::builder().message(secret).build(),
            ),
            400,
            ComprehendError::TextTooLong,
        ),
        (
            DetectPiiEntitiesError::UnsupportedLanguageException(
                UnsupportedLanguageException::builder().message(secret).build(),
            ),
            400,
            ComprehendError::UnsupportedLanguage { language: "en" },
        ),
        (
            DetectPiiEntitiesError::InvalidRequestException(
                InvalidRequestException::builder().message(secret).build(),
            ),
            400,
            ComprehendError::Other {
                cause: FailureCause::Service { status: 400 },
            },
        ),
        (
            DetectPiiEntitiesError::InternalServerException(
                InternalServerException::builder().message(secret).build(),
            ),
            500,
            ComprehendError::Other {
                cause: FailureCause::Service { status: 500 },
            },
        ),
        (
            DetectPiiEntitiesError::generic(
                ErrorMetadata::builder()
                    .code("ThrottlingException")
                    .message(secret)
                    .build(),
            ),
            400,
            ComprehendError::Throttled,
        ),
        (
            DetectPiiEntitiesError::generic(
                ErrorMetadata::builder()
                    .code("TooManyRequestsException")
                    .message(secret)
                    .build(),
            ),
            400,
            ComprehendError::Throttled,
        ),
        (
            DetectPiiEntitiesError::generic(ErrorMetadata::builder().message(secret).build()),
            429,
            ComprehendError::Throttled,
        ),
        (
            // A message that mentions throttling does not make an error a throttle.
            DetectPiiEntitiesError::generic(
                ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("Throttling ThrottlingException")
                    .build(),
            ),
            400,
            ComprehendError::Other {
                cause: FailureCause::Service { status: 400 },
            },
        ),
    ];
    for (error, status, expected) in cases {
        let got = classify_service(&error, status, &en);
        assert_eq!(got, expected, "{error:?}");
        let text = got.to_string();
        for leak in ["arn:", "Jane", "4111", "Throttling Throttling", "AccessDenied"] {
            assert!(!text.contains(leak), "{text}");
        }
    }
    assert!(ComprehendError::Throttled.is_transient());
    assert!(!ComprehendError::TextTooLong.is_transient());
    assert!(
        ComprehendError::Other {
            cause: FailureCause::Service { status: 503 }
        }
        .is_transient()
    );
}

/// A client whose every call would fail (nothing listens on the discard port).
fn unreachable_client() -> Client {
    let config = aws_sdk_comprehend::Config::builder()
        .behavior_version(aws_sdk_comprehend::config::BehaviorVersion::latest())
        .region(aws_sdk_comprehend::config::Region::new("us-east-1"))
        .endpoint_url("http://127.0.0.1:9")
        .credentials_provider(aws_sdk_comprehend::config::Credentials::new(
            "test",
            "test",
            None,
            None,
            "unit-test",
        ))
        .build();
    Client::from_conf(config)
}

#[tokio::test]
async fn other_languages_disabled_config_and_empty_calls_make_no_request() {
    let enabled = ComprehendConfig {
        enabled: true,
        ..ComprehendConfig::default()
    };
    let pii = ComprehendPii::from_client(unreachable_client(), enabled.clone());
    for language in [Some("fr-FR"), Some("de"), None] {
        let t = transcript(language, &["Je m'appelle Jean Dupont"]);
        assert_eq!(pii.detect(&t).await, Ok(Vec::new()), "{language:?}");
    }
    assert_eq!(pii.detect(&transcript(Some("en"), &[])).await, Ok(Vec::new()));
    let disabled = ComprehendPii::from_client(unreachable_client(), ComprehendConfig::default());
    let t = transcript(Some("en-US"), &["My name is Jane Doe"]);
    assert_eq!(disabled.detect(&t).await, Ok(Vec::new()));
    assert!(!disabled.config().enabled);
}

#[tokio::test]
async fn an_unreachable_service_is_a_network_error_without_text() {
    let config = ComprehendConfig {
        enabled: true,
        ..ComprehendConfig::default()
    };
    let client = {
        let conf = unreachable_client()
            .config()
            .to_builder()
            .retry_config(aws_sdk_comprehend::config::retry::RetryConfig::disabled())
            .build();
        Client::from_conf(conf)
    };
    let pii = ComprehendPii::from_client(client, config);
    let t = transcript(Some("en-US"), &["My name is Jane Doe"]);
    let err = pii.detect(&t).await.unwrap_err();
    assert!(
        matches!(
            err,
            ComprehendError::Other {
                cause: FailureCause::Network | FailureCause::Timeout
            }
        ),
        "{err:?}"
    );
    assert!(!err.to_string().contains("Jane") && !err.to_string().contains("127.0.0.1"));
}
