//! Figures and names the call says in another form (a weekday shortened, numbers said as a
//! pair, an hour on the other clock, a German abstract noun), left alone, and the wrong ones
//! still caught.

use super::test_calls::{call, check, values};
use super::*;
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

fn dates(v: &Verification) -> Vec<&str> {
    v.findings
        .iter()
        .filter(|f| f.kind == ErrorKind::Date)
        .filter_map(|f| f.value.as_deref())
        .collect()
}

#[test]
fn a_weekday_written_short_in_the_call_is_said() {
    let en = call(
        "en-AU",
        &[
            (
                Customer,
                "when can it be connected? i get the keys on fri 27 june",
            ),
            (Agent, "It should be ready to collect from 12pm tomorrow (Wed)."),
        ],
    );
    let v = check(
        &en,
        "The customer gets the keys on Friday 27 June; the parcel can be collected tomorrow (Wednesday).",
        vec![],
    );
    assert!(dates(&v).is_empty(), "{:?}", v.findings);
    let v = check(&en, "The customer gets the keys on Thursday 27 June.", vec![]);
    assert_eq!(dates(&v), vec!["Thursday"]);

    let fr = call(
        "fr-FR",
        &[(Agent, "C'est réservé : mer. 16 avril à 7h45, au deuxième étage.")],
    );
    let v = check(
        &fr,
        "Le rendez-vous est réservé le mercredi 16 avril à 7h45.",
        vec![],
    );
    assert!(dates(&v).is_empty(), "{:?}", v.findings);
    let v = check(
        &fr,
        "Le rendez-vous est réservé le jeudi 16 avril à 7h45.",
        vec![],
    );
    assert_eq!(dates(&v), vec!["jeudi"]);
}

#[test]
fn numbers_said_as_a_pair_or_a_range_are_each_said() {
    let es = call(
        "es-ES",
        &[(
            Customer,
            "Si yo normalmente pago unos sesenta, setenta euros como mucho.",
        )],
    );
    let v = check(&es, "El cliente normalmente paga unos 60 o 70 euros.", vec![]);
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
    let v = check(&es, "El cliente normalmente paga unos 60 o 80 euros.", vec![]);
    assert_eq!(values(&v, ErrorKind::Amount), vec!["80"]);

    let it = call(
        "it-IT",
        &[(
            Agent,
            "il primo appuntamento è giovedì, fascia mattina, otto tredici.",
        )],
    );
    let v = check(&it, "Appuntamento giovedì, fascia mattina 8-13.", vec![]);
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
    let v = check(&it, "Appuntamento giovedì, fascia mattina 8-14.", vec![]);
    assert_eq!(values(&v, ErrorKind::Amount), vec!["14"]);
}

#[test]
fn an_hour_is_said_on_either_clock() {
    let pt = call(
        "pt-PT",
        &[(
            Agent,
            "Tenho disponibilidade no dia doze de março, entre as nove e a uma.",
        )],
    );
    let v = check(
        &pt,
        "A instalação ficou marcada para 12 de março, entre as 9h e as 13h.",
        vec![],
    );
    assert!(values(&v, ErrorKind::Date).is_empty(), "{:?}", v.findings);
    let v = check(
        &pt,
        "A instalação ficou marcada para 12 de março, entre as 9h e as 15h.",
        vec![],
    );
    assert_eq!(values(&v, ErrorKind::Date), vec!["15"]);

    let en = call("en-GB", &[(Agent, "the engineer comes between nine and one")]);
    let v = check(&en, "The engineer comes between 9h and 13h.", vec![]);
    assert!(values(&v, ErrorKind::Date).is_empty(), "{:?}", v.findings);
}

#[test]
fn a_price_per_month_is_a_price_and_a_month() {
    let nl = call(
        "nl-BE",
        &[(
            Agent,
            "Dat is in orde: domiciliëring vanaf december, voorschot €95/maand.",
        )],
    );
    let v = check(&nl, "Het voorschot daalt naar €95 per maand.", vec![]);
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
    let v = check(&nl, "Het voorschot daalt naar €85 per maand.", vec![]);
    assert_eq!(values(&v, ErrorKind::Amount), vec!["€85"]);
}

#[test]
fn compound_ordinals_and_a_hundred_are_read_whole() {
    let en = call(
        "en-NZ",
        &[
            (
                Agent,
                "your first bill will come out around the twenty seventh of next month",
            ),
            (Customer, "it's flat two, nineteen Harrogate Road"),
            (
                Agent,
                "the monthly payment's a hundred and twelve pounds, final bill comes within six weeks",
            ),
        ],
    );
    let v = check(
        &en,
        "The first bill comes around the 27th; the final bill comes within six weeks.",
        vec![],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);
    let v = check(&en, "The first bill comes around the 28th.", vec![]);
    assert_eq!(values(&v, ErrorKind::Amount), vec!["28"]);
    let v = check(&en, "The final bill comes within two weeks.", vec![]);
    assert_eq!(values(&v, ErrorKind::Date), vec!["two"]);
}
#[test]
fn a_german_abstract_noun_is_no_name() {
    let de = call(
        "de-AT",
        &[(
            Agent,
            "Dein PUK lautet 84172903. Danach einen neuen PIN eingeben, dann ist die SIM nicht mehr gesperrt.",
        )],
    );
    let v = check(&de, "Die Entsperrung mit neuem PIN funktionierte.", vec![]);
    assert!(values(&v, ErrorKind::Entity).is_empty(), "{:?}", v.findings);
    let v = check(
        &de,
        "Die Entsperrung mit neuem PIN funktionierte bei Telekora.",
        vec![],
    );
    assert_eq!(values(&v, ErrorKind::Entity), vec!["Telekora"]);
}

#[test]
fn a_code_written_in_groups_is_read_whole() {
    let nl = call(
        "nl-NL",
        &[(
            Agent,
            "Ik heb een fraudemelding aangemaakt met nummer F R, twee vier, nul zes, één één drie.",
        )],
    );
    let v = check(
        &nl,
        "De medewerker maakte fraudemelding FR 24 06 113 aan.",
        vec![],
    );
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
    let v = check(
        &nl,
        "De medewerker maakte fraudemelding FR 24 06 118 aan.",
        vec![],
    );
    assert!(!values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);

    let en = call(
        "en-GB",
        &[(Agent, "your reference is four four eight, one oh two seven")],
    );
    let v = check(&en, "The reference is 448 10 27.", vec![]);
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
    let v = check(&en, "The reference is 448 10 29.", vec![]);
    assert!(!values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
}

#[test]
fn an_utterance_that_writes_its_times_says_those() {
    let en = call(
        "en-IE",
        &[(
            Customer,
            "Go ahead with ES 482 departing Dublin 06:40. Happy to pay the €9.99 each for seats.",
        )],
    );
    let v = check(&en, "The flight departs Dublin at 06:40.", vec![]);
    assert!(values(&v, ErrorKind::Date).is_empty(), "{:?}", v.findings);
    let v = check(&en, "The flight departs Dublin at 09:40.", vec![]);
    assert_eq!(values(&v, ErrorKind::Date), vec!["09:40"]);
    let spoken = call(
        "en-IE",
        &[(Agent, "it leaves at twenty to seven in the morning, six forty")],
    );
    let v = check(&spoken, "The flight departs at 06:40.", vec![]);
    assert!(values(&v, ErrorKind::Date).is_empty(), "{:?}", v.findings);

    let de = call(
        "de-DE",
        &[(Agent, "Ihr Flug geht um 06:40 Uhr, der Sitzplatz kostet 9,99 €.")],
    );
    let v = check(&de, "Der Flug geht um 06:40 Uhr.", vec![]);
    assert!(values(&v, ErrorKind::Date).is_empty(), "{:?}", v.findings);
    let v = check(&de, "Der Flug geht um 09:40 Uhr.", vec![]);
    assert!(!values(&v, ErrorKind::Date).is_empty(), "{:?}", v.findings);
}

#[test]
fn a_number_beside_a_hundred_said_with_a_is_still_said() {
    // "a hundred and twelve" is read again as "one hundred and twelve" (112); the "twelve" of
    // "twelve-month" in the same sentence stays said.
    let c = call(
        "en-GB",
        &[
            (Customer, "I'm moving house next month."),
            (
                Agent,
                "I can set you up on our Fixed Saver twelve-month tariff at about a hundred and twelve pounds a month, is that ok?",
            ),
            (Customer, "yes that's fine"),
        ],
    );
    let v = check(
        &c,
        "The agent set the customer up on the Fixed Saver twelve-month tariff at about a hundred and twelve pounds a month.",
        vec![],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);
    let v = check(
        &c,
        "The agent set the customer up on the Fixed Saver twelve-month tariff at about a hundred and fifteen pounds a month.",
        vec![],
    );
    assert!(
        v.findings.iter().any(|f| f.kind == ErrorKind::Amount),
        "{:?}",
        v.findings
    );
}

#[test]
fn two_figures_said_together_tell_what_each_is_about() {
    let c = call(
        "en-US",
        &[
            (
                Customer,
                "hi, I'm calling because my bill is way higher than it should be",
            ),
            (Agent, "for security can you give me the four digit account PIN"),
            (Customer, "two seven nine one"),
            (
                Customer,
                "so normally I pay like eighty five dollars and this month it's a hundred and ninety-three sixty",
            ),
            (Agent, "okay done, your new balance is one forty and sixty cents"),
        ],
    );
    let v = check(&c, "The bill was $193.60 instead of the usual $85.", vec![]);
    assert!(v.findings.is_empty(), "{:?}", v.findings);
    // A figure of another utterance is still not about this.
    let v = check(&c, "The bill was $140.60 instead of the usual $85.", vec![]);
    assert!(
        v.findings.iter().any(|f| f.kind == ErrorKind::Amount),
        "{:?}",
        v.findings
    );
}

#[test]
fn a_percentage_is_held_up_by_a_percentage_only() {
    let pt = call(
        "pt-BR",
        &[(
            Agent,
            "Já corrigi e reagendei a entrega para terça-feira, dia 10. Como compensação, vou liberar um cupom de 15% para a próxima compra.",
        )],
    );
    let v = check(
        &pt,
        "A atendente liberou um cupom de 15% para a próxima compra.",
        vec![],
    );
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
    let v = check(
        &pt,
        "A atendente liberou um cupom de 10% para a próxima compra.",
        vec![],
    );
    assert_eq!(values(&v, ErrorKind::Amount), vec!["10"], "{:?}", v.findings);

    // Said in words, a fraction read in parts.
    let en = call(
        "en-CA",
        &[(
            Agent,
            "the savings rate is two point seven five percent right now, and there is a fifteen per cent discount for the first 10 days",
        )],
    );
    for said in [
        "The savings rate is currently 2.75%.",
        "There is a 15% discount for the first 10 days.",
    ] {
        let v = check(&en, said, vec![]);
        assert!(
            values(&v, ErrorKind::Amount).is_empty(),
            "{said}: {:?}",
            v.findings
        );
    }
    let v = check(&en, "There is a 10% discount.", vec![]);
    assert_eq!(values(&v, ErrorKind::Amount), vec!["10"], "{:?}", v.findings);
}

#[test]
fn an_amount_is_not_held_up_by_the_digits_of_a_larger_one() {
    let en = call(
        "en-CA",
        &[
            (
                Agent,
                "if you've been resident since twenty nineteen your contribution room is roughly thirty-seven thousand five hundred",
            ),
            (
                Customer,
                "okay. I'd like to put in five thousand to start. there's one at Speedway for forty two eighteen, that's me",
            ),
        ],
    );
    for said in [
        "The customer put in $5,000 to start.",
        "The contribution room is roughly $37,500.",
        "The customer recognised the $42.18 payment at Speedway.",
    ] {
        let v = check(&en, said, vec![]);
        assert!(
            values(&v, ErrorKind::Amount).is_empty(),
            "{said}: {:?}",
            v.findings
        );
    }
    let v = check(&en, "The customer put in $7,500 to start.", vec![]);
    assert_eq!(values(&v, ErrorKind::Amount), vec!["$7,500"], "{:?}", v.findings);
}

#[test]
fn a_german_noun_in_a_product_name_is_part_of_the_name() {
    let entity = |v: &Verification| v.findings.iter().any(|f| f.kind == ErrorKind::Entity);
    let de = call(
        "de-DE",
        &[
            (Customer, "Ich ziehe um und möchte meinen Stromvertrag mitnehmen."),
            (
                Agent,
                "Die neue Adresse liegt in unserem Netzgebiet, Ihr Tarif RheinStrom Öko 12 bleibt bestehen. Ihre SIM bleibt gleich.",
            ),
        ],
    );
    let right = "Der Tarif RheinStrom Öko 12 bleibt an der neuen Adresse bestehen.";
    let swapped = "Der Tarif RheinStrom Basis 12 bleibt an der neuen Adresse bestehen.";
    assert!(!entity(&check(&de, right, vec![])), "{right}");
    assert!(entity(&check(&de, swapped, vec![])), "{swapped}");
    // A compound of an everyday noun is no new name.
    let card = "Die SIM-Karte bleibt gleich, der Tarif RheinStrom Öko 12 bleibt bestehen.";
    assert!(!entity(&check(&de, card, vec![])), "{card}");
}

#[test]
fn a_time_said_with_the_part_of_the_day_is_a_time() {
    let es = call(
        "es-MX",
        &[
            (Customer, "¿Cuándo es la valuación?"),
            (
                Agent,
                "La valuación es en la agencia el jueves catorce a las diez de la mañana. Son cuatro piezas.",
            ),
        ],
    );
    let right = "La valuación es en la agencia el jueves catorce a las diez de la mañana.";
    let wrong = "La valuación es en la agencia el jueves catorce a las cuatro de la tarde.";
    assert!(dates(&check(&es, right, vec![])).is_empty(), "{right}");
    assert!(!dates(&check(&es, wrong, vec![])).is_empty(), "{wrong}");
}

#[test]
fn a_part_of_the_day_read_past_a_multibyte_letter_is_still_read() {
    // 24 bytes after "diez " end inside the "ñ" of "año"; the part of the day is read by
    // character.
    let es = call(
        "es-MX",
        &[(
            Agent,
            "La cita es el jueves a las diez de la mañana para el año temprano. Son cuatro piezas.",
        )],
    );
    let wrong = "La cita es el jueves a las cuatro de la tarde.";
    assert!(!dates(&check(&es, wrong, vec![])).is_empty(), "{wrong}");
}

#[test]
fn a_day_said_without_its_month_is_in_the_month_the_call_names() {
    let en = call(
        "en-AU",
        &[(
            Agent,
            "so it was picked up from the airport on the twelfth of May and dropped back on the nineteenth",
        )],
    );
    let v = check(&en, "The car was hired from 12 to 19 May.", vec![]);
    assert!(dates(&v).is_empty(), "{:?}", v.findings);
    // A month the call never names, or a day it never says, is still wrong.
    let v = check(&en, "The car was hired from 12 May to 19 June.", vec![]);
    assert_eq!(dates(&v), vec!["19 June"]);
    let v = check(&en, "The car was hired from 12 to 20 May.", vec![]);
    assert!(!dates(&v).is_empty(), "{:?}", v.findings);
    // A day the call dates in another month is that month's.
    let two = call(
        "en-GB",
        &[(
            Agent,
            "the visit is on the twelfth of May and the refund on the 19th of June",
        )],
    );
    let v = check(&two, "The refund is due on 19 May.", vec![]);
    assert!(!dates(&v).is_empty(), "{:?}", v.findings);
}
