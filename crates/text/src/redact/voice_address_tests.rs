//! Street addresses said aloud, as speech-to-text writes them: in lowercase, without commas,
//! their numbers, units, postcodes and towns in words, in every served language.

use super::{answer, redacted_turns};
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

#[test]
fn a_street_type_said_before_its_lowercase_name() {
    for (language, question, said) in [
        (
            "es-ES",
            "me dice su dirección",
            "calle de la luna veintitrés tercero izquierda veintiocho mil cuatro madrid",
        ),
        (
            "pt-PT",
            "qual é a sua morada",
            "rua das flores número trinta e sete segundo direito quatro mil e cinquenta porto",
        ),
        (
            "es-AR",
            "me dice su dirección",
            "avenida corrientes mil doscientos treinta y cuatro piso cinco departamento b buenos aires",
        ),
    ] {
        assert_eq!(answer(language, question, said), "[ADDRESS_1]", "{said}");
    }
    // Letters spelled after a type's abbreviation are a reference, no street: "c" is "calle"
    // only where it is written.
    assert_eq!(
        answer(
            "en-IE",
            "okay",
            "i have it here claim c l four four eight one nine so the physio is paid"
        ),
        "i have it here claim c l four four eight one nine so the physio is paid"
    );
}

#[test]
fn a_street_named_after_a_number_and_a_unit_read_with_the_postcode() {
    // "mille" names the street; "quattordici zero zero uno nove due" is the flat, then the
    // postcode; "interno" is a flat here, not a phone extension.
    assert_eq!(
        answer(
            "it-IT",
            "mi conferma l'indirizzo",
            "via dei mille ventitré scala c interno quattordici zero zero uno nove due roma"
        ),
        "[ADDRESS_1]"
    );
    // The postcode's last two digits said as one number: 00159.
    assert_eq!(
        answer(
            "it-IT",
            "mi conferma l'indirizzo",
            "via tiburtina trecento interno nove zero zero uno cinquantanove roma"
        ),
        "[ADDRESS_1]"
    );
}

#[test]
fn a_street_named_after_a_number_without_an_address_question() {
    assert_eq!(
        answer(
            "it-IT",
            "va bene",
            "abito in via dei mille ventitré a roma da due anni"
        ),
        "abito in [ADDRESS_1] da due anni"
    );
}

#[test]
fn a_number_said_after_a_town_is_no_town() {
    assert_eq!(
        answer(
            "de-DE",
            "Ihre Anschrift",
            "Lindenstraße zweiundvierzig, fünf null sechs sieben vier Köln zwei Pakete kommen morgen"
        ),
        "[ADDRESS_1] zwei Pakete kommen morgen"
    );
}

#[test]
fn four_digit_postcodes_and_dutch_letters_said_aloud() {
    for (language, question, said) in [
        (
            "en-NZ",
            "and the postal address",
            "forty seven harbour view terrace flat three dunedin nine zero one six",
        ),
        (
            "nl-NL",
            "wat is uw adres",
            "kerkstraat vierenveertig a drie vijf één twee ab utrecht",
        ),
        (
            "pt-BR",
            "qual é o seu endereço",
            "avenida paulista mil e quinhentos apartamento oitenta e dois são paulo cep zero um três um zero cem",
        ),
        (
            "nl-NL",
            "wat is uw postcode en huisnummer",
            "drie vijf één twee A B nummer veertien A",
        ),
        (
            "nl-BE",
            "uw adres",
            "kerkstraat nummer vijftien bus drie twee duizend antwerpen",
        ),
    ] {
        assert_eq!(answer(language, question, said), "[ADDRESS_1]", "{said}");
    }
}

#[test]
fn a_town_or_a_postcode_after_a_preposition_in_lowercase_speech() {
    assert_eq!(
        answer(
            "es-ES",
            "muy bien",
            "pues vivo en la calle alcalá ciento veinte segundo b en madrid y quería saber lo de la factura"
        ),
        "pues vivo en la [ADDRESS_1] y quería saber lo de la factura"
    );
    assert_eq!(
        answer(
            "en-US",
            "okay",
            "we just moved to twelve forty five birch lane in columbus so the bill should go there"
        ),
        "we just moved to [ADDRESS_1] so the bill should go there"
    );
    assert_eq!(
        answer(
            "de-DE",
            "Ihre Adresse",
            "ich wohne in der goethestraße dreiundzwanzig in achtzigtausenddreihundertdreiunddreißig münchen"
        ),
        "ich wohne in der [ADDRESS_1]"
    );
}

#[test]
fn a_postcode_said_with_its_town_and_a_postcode_said_again() {
    // The arrondissement between them is said inside the address.
    assert_eq!(
        answer(
            "fr-FR",
            "votre adresse s'il vous plaît",
            "au vingt-trois bis avenue victor hugo dans le seizième soixante-quinze zéro un six paris"
        ),
        "au [ADDRESS_1]"
    );
    // The speaker corrects the postcode: the correction is the address's too.
    assert_eq!(
        answer(
            "de-DE",
            "Ihre Anschrift",
            "Sülzburgstraße vierundachtzig fünf null neun drei neun Köln ach nee fünf null neun drei sieben sorry"
        ),
        "[ADDRESS_1] sorry"
    );
}

#[test]
fn durations_and_labels_are_no_part_of_an_address() {
    let agent = redacted_turns(
        "en-US",
        &[(
            Agent,
            "anything over the payoff gets refunded by check to your mailing address within fifteen business days",
        )],
    );
    assert_eq!(
        agent[0],
        "anything over the payoff gets refunded by check to your mailing address within fifteen business days"
    );
    let signature = redacted_turns(
        "es-ES",
        &[(
            Customer,
            "Mis datos: C/ Sueca, 27, 3.º B 46006 Valencia Tel. 612 48 93 07 marta.ruiz@hotmail.es",
        )],
    );
    assert_eq!(signature[0], "Mis datos: [ADDRESS_1] Tel. [PHONE_1] [EMAIL_1]");
}

#[test]
fn german_puts_the_house_number_after_the_street() {
    let turns = redacted_turns(
        "de-AT",
        &[(
            Agent,
            "Die Stromlieferung beginnt mit 1. März 2026 an der Adresse Gumpendorfer Straße 17, Stiege 2, Tür 8.",
        )],
    );
    assert_eq!(
        turns[0],
        // The capitalised noun before the street goes with it; the date stays whole.
        "Die Stromlieferung beginnt mit 1. März 2026 an der [ADDRESS_1]."
    );
}
