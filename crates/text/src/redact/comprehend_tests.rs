use aws_sdk_comprehend::types::PiiEntity;

use super::*;
use crate::transcript::{Channel, SpeakerRole};

pub(super) fn transcript(language: Option<&str>, texts: &[&str]) -> Transcript {
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
