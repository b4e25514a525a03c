//! Names and addresses as voice transcripts and chats give them: lowercase names after a
//! title, a surname no list knows said again, a first name joined by a particle, an account said by its
//! last digits, a Dutch postcode with its house number, a Mexican postcode's label.

use super::redacted_turns;
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

#[test]
fn a_surname_no_list_knows_is_found_again_on_its_own() {
    let turns = redacted_turns(
        "de-AT",
        &[
            (
                Customer,
                "ja grüß gott ähm mein name wolfgang haiderer ich ruf wegen dem wasserschaden an",
            ),
            (
                Agent,
                "die zahlung geht auf das konto lautend auf wolfgang haiderer",
            ),
        ],
    );
    assert_eq!(
        turns[0],
        "ja grüß gott ähm mein name [NAME_1] ich ruf wegen dem wasserschaden an"
    );
    // "haiderer" is a word no list knows, held by the name: found again on its own.
    assert_eq!(turns[1], "die zahlung geht auf das konto lautend auf [NAME_1]");
}

#[test]
fn a_title_before_a_lowercase_name() {
    let es = redacted_turns(
        "es-ES",
        &[(
            Customer,
            "la vecina la señora amparo ya me ha dicho que tiene una mancha en el techo",
        )],
    );
    assert!(!es[0].contains("amparo"), "{}", es[0]);
    let pt = redacted_turns(
        "pt-PT",
        &[(
            Customer,
            "é do vizinho de cima o senhor armando pestana rebentou-lhe o cano",
        )],
    );
    assert!(
        !pt[0].contains("armando") && !pt[0].contains("pestana"),
        "{}",
        pt[0]
    );
    // The name ends with the last known name: "hoje" is no surname.
    let pt = redacted_turns(
        "pt-PT",
        &[(Customer, "eu falo com o senhor pestana hoje à noite")],
    );
    assert_eq!(pt[0], "eu falo com o senhor [NAME_1] hoje à noite");
    // A title before an ordinary word names nobody.
    let said = "la señora que me atendió ayer fue muy amable";
    assert_eq!(redacted_turns("es-ES", &[(Customer, said)])[0], said);
}

#[test]
fn a_first_name_joined_by_a_particle_to_the_surname() {
    let turns = redacted_turns(
        "pt-PT",
        &[
            (Agent, "pode dizer-me o seu nome completo"),
            (Customer, "maria do carmo figueiredo"),
        ],
    );
    assert_eq!(turns[1], "[NAME_1]");
}

#[test]
fn an_account_said_by_what_it_ends_in() {
    let said = "se los ingresamos en la cuenta la que acaba en cuatro cinco cero dos en unos diez días";
    let turns = redacted_turns("es-ES", &[(Agent, said)]);
    assert!(!turns[0].contains("cuatro cinco cero dos"), "{}", turns[0]);
    assert!(turns[0].ends_with("en unos diez días"), "{}", turns[0]);
    for (language, said) in [
        (
            "pt-PT",
            "o reembolso vai para a conta que acaba em quatro cinco zero dois",
        ),
        (
            "it-IT",
            "il rimborso va sulla carta, quella finisce con quattro cinque zero due",
        ),
    ] {
        let turns = redacted_turns(language, &[(Agent, said)]);
        assert!(!turns[0].contains("zero"), "{}", turns[0]);
    }
}

#[test]
fn a_dutch_postcode_with_its_house_number() {
    let turns = redacted_turns(
        "nl-NL",
        &[
            (Agent, "Mag ik uw naam, geboortedatum en postcode met huisnummer?"),
            (Customer, "3817 KD 141"),
        ],
    );
    assert_eq!(turns[1], "[ADDRESS_1]");
}

#[test]
fn a_mexican_postcode_with_its_label() {
    let turns = redacted_turns(
        "es-MX",
        &[(
            Agent,
            "La dirección de entrega es Av. Hidalgo 2315, depto. 4B, Col. Ladrón de Guevara, C.P. 44600, Guadalajara, Jalisco. ¿Es correcto?",
        )],
    );
    assert_eq!(turns[0], "La dirección de entrega es [ADDRESS_1]. ¿Es correcto?");
}

#[test]
fn a_reply_that_says_more_names_its_security_answer() {
    let turns = redacted_turns(
        "en-GB",
        &[
            (
                Agent,
                "I've opened the claim. Could you please reply with the answer to your security question (the name of your first school)?",
            ),
            (
                Customer,
                "Thank you for coming back to me so quickly. The answer is St Anselm's Primary.",
            ),
        ],
    );
    assert_eq!(
        turns[1],
        "Thank you for coming back to me so quickly. The answer is [SECURITY_ANSWER_1]."
    );
}

#[test]
fn a_membership_number_read_aloud() {
    let turns = redacted_turns(
        "en-IE",
        &[
            (
                Agent,
                "thanks declan and your membership number if you have it there",
            ),
            (
                Customer,
                "i do yeah it's em one zero four four seven two nine three",
            ),
        ],
    );
    assert!(!turns[1].contains("four four seven"), "{}", turns[1]);
}
#[test]
fn an_eircode_spelled_in_lowercase_speech() {
    let turns = redacted_turns(
        "en-IE",
        &[(Customer, "and the eircode is p three one x four k seven")],
    );
    // Its "k" is a letter of the code, not thousands of "four".
    assert_eq!(turns[0], "and the eircode is [ADDRESS_1]");
    // Four k is still an amount.
    let said = "the quote was about four k seven weeks ago";
    assert_eq!(redacted_turns("en-IE", &[(Customer, said)])[0], said);
}

#[test]
fn a_dni_letter_said_by_name_after_a_hesitation() {
    let turns = redacted_turns(
        "es-ES",
        &[
            (Agent, "y para localizar la póliza me da el dni"),
            (
                Customer,
                "sí es el dos cuatro tres ocho siete uno cinco nueve y la letra eh i griega",
            ),
        ],
    );
    assert_eq!(turns[1], "sí es el [NATIONAL_ID_1]");
}
