//! Answers of an identity check beside other answers: a licence's version number, a security
//! answer after another answer, the question itself left as asked.

use super::redacted_turns;
use crate::redact::{PiiKind, Redactor};
use crate::transcript::SpeakerRole;

/// A New Zealand licence is checked with its version number: both are its.
#[test]
fn a_licence_version_number_goes_with_the_licence() {
    use SpeakerRole::*;
    for said in [
        "sure, D F three four four five one two, version number zero seven one",
        "sure, DF344512, version 071",
    ] {
        let turns = redacted_turns(
            "en-US",
            &[(Agent, "can I get your driver licence please"), (Customer, said)],
        );
        assert_eq!(turns[1], "sure, [DRIVERS_LICENCE_1]", "{said}");
    }
    // A version of something else stays.
    let turns = redacted_turns(
        "en-US",
        &[
            (Agent, "can I get your driver licence please"),
            (Customer, "DF344512. the app is version 3.1 by the way"),
        ],
    );
    assert_eq!(turns[1], "[DRIVERS_LICENCE_1]. the app is version 3.1 by the way");
}

/// Two questions answered in one turn: the security answer is what the naming verb names; the
/// question itself is left as asked.
#[test]
fn a_security_answer_after_another_answer_is_what_was_named() {
    use SpeakerRole::*;
    for (language, asked, answered, expected) in [
        (
            "it-IT",
            "Mi servono il codice fiscale e il nome del tuo primo animale domestico.",
            "RSSMRA85T10A562S, e il gatto si chiamava Pallina",
            "[NATIONAL_ID_1], e il gatto si chiamava [SECURITY_ANSWER_1]",
        ),
        (
            "en-GB",
            "I need your date of birth and the name of your first pet.",
            "12th of May 1980, and the dog was called Biscuit",
            "[DOB_1], and the dog was called [SECURITY_ANSWER_1]",
        ),
    ] {
        let turns = redacted_turns(language, &[(Agent, asked), (Customer, answered)]);
        // The question names nobody: "tuo primo" is no name, "domestico" no answer.
        assert_eq!(turns[0], asked);
        assert_eq!(turns[1], expected, "{answered}");
    }
}

/// "l'adresse" is the address cue after its elided article: the floor said in the answer, with
/// its door, is the address's.
#[test]
fn a_floor_answering_l_adresse_is_the_address() {
    use SpeakerRole::*;
    let turns = redacted_turns(
        "fr-FR",
        &[
            (Agent, "Pouvez-vous me confirmer l'adresse de livraison ?"),
            (
                Customer,
                "12 rue des Lilas, 69003 Lyon. c'est au 3e étage porte gauche, merci",
            ),
        ],
    );
    // The door and its side are the floor's.
    assert_eq!(turns[1], "[ADDRESS_1]. c'est au [ADDRESS_2], merci");
}

/// A code right after a contract ("Vertrag RV-2019-443817") is the contract's, not the tax id's
/// asked or named before it.
#[test]
fn a_code_after_its_contract_is_no_answer_to_an_earlier_cue() {
    let text =
        "Ihre steuerliche Identifikationsnummer haben wir zu Ihrem Vertrag RV-2019-443817 gespeichert.";
    let found: Vec<PiiKind> = Redactor::default()
        .find(text)
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert!(!found.contains(&PiiKind::NationalId), "{found:?}");
}

/// After "het nummer is", a code led by a year or said after its letters is no phone number;
/// a phone number is.
#[test]
fn a_code_after_a_number_cue_is_no_phone() {
    let phones = |text: &str| -> Vec<String> {
        Redactor::default()
            .find(text)
            .into_iter()
            .filter(|m| m.kind == PiiKind::Phone)
            .map(|m| text[m.start..m.end].to_owned())
            .collect()
    };
    assert!(phones("Aangifte is gedaan, het nummer is 2024-0093-77412.").is_empty());
    assert!(
        phones("Ik heb een melding aangemaakt met nummer F R, twee vier, nul zes, één één drie.").is_empty()
    );
    assert_eq!(phones("Mijn nummer is 06-12345678."), ["06-12345678"]);
}
