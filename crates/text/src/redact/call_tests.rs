use super::super::context::tests::call;
use crate::redact::{RedactionConfig, Redactor};
use crate::transcript::SpeakerRole::*;

fn texts(t: &crate::transcript::Transcript) -> Vec<&str> {
    t.utterances.iter().map(|u| u.text.as_str()).collect()
}

#[test]
fn a_name_seen_once_is_found_everywhere_with_the_same_marker() {
    let transcript = call(&[
        (
            Agent,
            "Thanks for calling, this is Marcus. Who am I speaking with?",
        ),
        (Customer, "Hi Marcus, my name is Denise Albright."),
        (Agent, "Thank you Denise. Ms. Albright, is albright with one l?"),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(
        texts(&redacted),
        [
            "Thanks for calling, this is [NAME_1]. Who am I speaking with?",
            "Hi [NAME_1], my name is [NAME_2].",
            "Thank you [NAME_2]. Ms. [NAME_2], is [NAME_2] with one l?",
        ]
    );
}

#[test]
fn agents_first_names_stay_when_configured() {
    let mut transcript = call(&[
        (Agent, "Hello, you're speaking with Marcus Reed."),
        (Customer, "Hi Marcus, I'm Denise Albright."),
    ]);
    transcript.agent_names = vec!["Marcus Reed".into()];
    let mut config = RedactionConfig::default();
    config.keep_agent_first_names = true;
    let redacted = Redactor::new(config).redact_transcript(&transcript).0;
    assert_eq!(
        texts(&redacted),
        [
            "Hello, you're speaking with Marcus [NAME_1].",
            "Hi Marcus, I'm [NAME_2]."
        ]
    );
    let default = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(
        texts(&default),
        [
            "Hello, you're speaking with [NAME_1].",
            "Hi [NAME_1], I'm [NAME_2]."
        ]
    );
}

#[test]
fn summaries_get_the_calls_markers() {
    let transcript = call(&[(
        Customer,
        "My name is Denise Albright and my card is 4111 1111 1111 1111.",
    )]);
    let redactor = Redactor::default();
    let mut redacted = redactor.redact_call(&transcript, &[], None);
    assert_eq!(
        redacted.redact_text(
            &redactor,
            "Denise asked to cancel card 4111111111111111; Albright was happy."
        ),
        "[NAME_1] asked to cancel card [CARD_1]; [NAME_1] was happy."
    );
}

#[test]
fn external_matches_are_merged_and_bad_ranges_ignored() {
    let transcript = call(&[(Customer, "ask for the zebra code please")]);
    let external = [
        super::ExternalMatch {
            utterance: 0,
            kind: crate::redact::PiiKind::Pin,
            start: 12,
            end: 22,
        },
        super::ExternalMatch {
            utterance: 0,
            kind: crate::redact::PiiKind::Pin,
            start: 20,
            end: 999,
        },
        super::ExternalMatch {
            utterance: 5,
            kind: crate::redact::PiiKind::Pin,
            start: 0,
            end: 1,
        },
    ];
    let redacted = Redactor::default().redact_call(&transcript, &external, None);
    assert_eq!(texts(&redacted.transcript), ["ask for the [PIN_1] please"]);
}

#[test]
fn a_name_after_an_elided_article_is_found_again() {
    let transcript = call(&[
        (Customer, "Bonjour, je suis Inès Haddad."),
        (
            Customer,
            "Vous trouverez le permis d'Inès en pièce jointe, et l'assurance.",
        ),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(
        texts(&redacted)[1],
        "Vous trouverez le permis d'[NAME_1] en pièce jointe, et l'assurance."
    );
}

#[test]
fn an_answer_to_a_reference_question_stays() {
    let transcript = call(&[
        (Agent, "Do you have the order number?"),
        (Customer, "Yes, 415 555 0132 88."),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(texts(&redacted)[1], "Yes, 415 555 0132 88.");
}

#[test]
fn summaries_are_redacted_as_the_transcript_is() {
    let mut transcript = call(&[
        (
            Agent,
            "Hello, you're speaking with Marcus Reed. The last four of your card?",
        ),
        (Customer, "quatre quatre cinq cinq"),
    ]);
    transcript.agent_names = vec!["Marcus Reed".into()];
    let mut config = RedactionConfig::default();
    config.keep_agent_first_names = true;
    let redactor = Redactor::new(config);
    let mut redacted = redactor.redact_call(&transcript, &[], None);
    assert_eq!(texts(&redacted.transcript)[1], "[CARD_1]");
    // (Written and spoken forms of one number get a marker each: pseudonyms key on the text.)
    let summary = redacted.redact_text(
        &redactor,
        "Marcus confirmed the card ending 4455 and refunded 4455 euros.",
    );
    assert!(
        summary.starts_with("Marcus confirmed the card ending [CARD_")
            && summary.ends_with("] and refunded 4455 euros."),
        "{summary}"
    );
    assert!(
        redacted.transcript.agent_names.is_empty(),
        "agent names never leave"
    );
}

#[test]
fn the_call_keeps_each_utterances_figures_as_reading_it_alone_finds_them() {
    let transcript = call(&[
        (
            Agent,
            "Your reference is D S P four four eight, one oh two seven.",
        ),
        (
            Customer,
            "I paid $49.99 on the 18th of March, and again two hundred and five dollars on 3/4.",
        ),
        (
            Agent,
            "Son cuarenta y nueve euros, el 3 de mayo; am achtzehnten März um 9:15.",
        ),
        (
            Customer,
            "My date of birth is June 3rd, 1984 and my card ends in 4481.",
        ),
        (Agent, ""),
    ]);
    let redacted = Redactor::default().redact_call(&transcript, &[], None);
    let read = redacted.figures_of(&transcript);
    assert_eq!(read.len(), transcript.utterances.len());
    for (figures, utterance) in read.iter().zip(&transcript.utterances) {
        assert_eq!(
            figures,
            &crate::redact::figures::figures(&utterance.text),
            "{}",
            utterance.text
        );
    }
    assert!(read.iter().any(|f| !f.dates.is_empty() && !f.numbers.is_empty()));
    // Another call's transcript gets none: its figures are read from its own text.
    let other = call(&[(Agent, "Your reference is 4481.")]);
    assert!(redacted.figures_of(&other).is_empty());
}

#[test]
fn a_reference_read_back_stays_a_reference() {
    let transcript = call(&[
        (
            Agent,
            "a replacement card will be with you in three to five working days, same PIN as before",
        ),
        (
            Customer,
            "oh good because I'll never remember a new one. can I still use Apple Pay in the meantime",
        ),
        (
            Agent,
            "unfortunately not, but you can take out cash at any of our branches with photo ID. \
             your reference for today is C R one nine four four seven",
        ),
        (Customer, "okay C R one nine four four seven, got it. cheers"),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(
        texts(&redacted)[3],
        "okay C R one nine four four seven, got it. cheers"
    );
    // A postcode spelled the same way with no reference given before it is still masked.
    let transcript = call(&[
        (Agent, "and the postcode please"),
        (Customer, "C R one nine four four seven"),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_ne!(texts(&redacted)[1], "C R one nine four four seven");
}

/// A first name's short form said later for the same person is masked, capitalised inside a
/// sentence; an ordinary word that starts a name ("sol" of "Soledad", "ser" of "Sergio") is not.
#[test]
fn a_first_names_short_form_is_the_same_person() {
    let transcript = call(&[
        (
            Customer,
            "puede recibir mi marido? Facundo Ledesma. Y mi hermana Soledad o mi hermano Sergio si no estamos.",
        ),
        (
            Customer,
            "mi celu es el de arriba o el de Facu, que a veces no tengo señal. Hace sol, si puede ser antes.",
        ),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    let said = texts(&redacted)[1];
    assert!(!said.contains("Facu"), "{said}");
    assert!(said.contains("Hace sol, si puede ser antes."), "{said}");
    // Only capitalised inside a sentence: a prefix of a name is too often a word of its own.
    let transcript = call(&[
        (Customer, "puede recibir mi marido? Facundo Ledesma."),
        (Customer, "Facu no está. la facu cierra a las ocho"),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(texts(&redacted)[1], "Facu no está. la facu cierra a las ocho");
}
