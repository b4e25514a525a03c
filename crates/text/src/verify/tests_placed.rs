//! A figure the call says, but of something else: the other amount, the other slot.

use super::test_calls::{call, check, values};
use super::*;
use crate::transcript::{SpeakerRole, Transcript};

use SpeakerRole::{Agent, Customer};

/// The wrong claim is caught with these values of `kind`, the right one passes.
fn caught(call: &Transcript, wrong: &str, right: &str, kind: ErrorKind, expected: &[&str]) {
    let v = check(call, wrong, vec![]);
    assert_eq!(values(&v, kind), expected, "{:?}", v.findings);
    let v = check(call, right, vec![]);
    assert!(values(&v, kind).is_empty(), "{:?}", v.findings);
}

#[test]
fn an_amount_said_of_something_else_is_caught() {
    let en = call(
        "en-US",
        &[
            (
                Agent,
                "The Deluxe model costs $40 more than yours, so the price difference would be $40.",
            ),
            (Customer, "No thanks, I'll just take the refund."),
            (
                Agent,
                "Sure. Shipping on the original order was $30, and we'll refund that to your card today as well, whatever the price of the new one.",
            ),
        ],
    );
    caught(
        &en,
        "The customer declined the Deluxe model with a price difference of $30.",
        "The customer declined the Deluxe model with a price difference of $40.",
        ErrorKind::Amount,
        &["$30"],
    );
}

#[test]
fn a_number_that_is_only_a_date_in_the_call_is_no_charge() {
    let es = call(
        "es-ES",
        &[
            (Customer, "Me di de alta el 15 de enero y quiero darme de baja."),
            (
                Agent,
                "De acuerdo. Si no devuelves la tarjeta de acceso en recepción se cobra un cargo de 10 €.",
            ),
        ],
    );
    caught(
        &es,
        "La clienta devolverá la tarjeta de acceso para evitar el cargo de 15.",
        "La clienta devolverá la tarjeta de acceso para evitar el cargo de 10.",
        ErrorKind::Amount,
        &["15"],
    );
}

#[test]
fn the_slot_offered_is_not_the_slot_booked() {
    let en = call(
        "en-GB",
        &[
            (Agent, "The earliest slot we have is Monday 17 March."),
            (Customer, "I work Mondays, is there anything else?"),
            (
                Agent,
                "Then the engineer will repair the line on Thursday 13 March, between eight and twelve.",
            ),
        ],
    );
    caught(
        &en,
        "The engineer will repair the line on Monday 17 March.",
        "The engineer will repair the line on Thursday 13 March.",
        ErrorKind::Date,
        &["Monday"],
    );
}

#[test]
fn a_sum_said_in_parts_is_no_rival_of_itself() {
    let en = call(
        "en-US",
        &[
            (Agent, "Your old balance was eighty five dollars."),
            (
                Agent,
                "With the roaming added the new balance is a hundred forty dollars and sixty cents, and that's paid now by Visa.",
            ),
        ],
    );
    let v = check(&en, "The new balance of $140.60 was paid by Visa.", vec![]);
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
}

#[test]
fn references_and_model_numbers_name_rather_than_count() {
    let en = call(
        "en-US",
        &[
            (
                Agent,
                "Your ticket is 88312045, and the engineer will bring a new Hub 3.",
            ),
            (
                Agent,
                "The engineer visit costs nothing, and the ticket stays open 14 days.",
            ),
        ],
    );
    let v = check(
        &en,
        "The engineer will bring a new Hub 3 under ticket 88312045.",
        vec![],
    );
    assert!(values(&v, ErrorKind::Amount).is_empty(), "{:?}", v.findings);
}

#[test]
fn what_touches_a_number_tells_what_it_is() {
    use super::figure_places::{Figure, Reading, placed};
    let figures_of = |text: &str, language: crate::language::Language| {
        let spans = crate::language::words(text, language);
        let figures = crate::redact::figures::figures(text);
        let mentions = super::units::local_number_mentions(text, language);
        let reading = Reading {
            text,
            spans: &spans,
            figures: &figures,
            mentions: &mentions,
            times: &[],
        };
        placed(&reading, language, false)
            .into_iter()
            .map(|p| p.figure)
            .collect::<Vec<_>>()
    };
    let en = crate::language::Language::En;
    assert_eq!(
        figures_of("ticket PH-309947, open 24/7, from the 20th: $49 or 12%", en),
        vec![
            Figure::Date(20, None),
            Figure::Number("49".into(), true),
            Figure::Number("12".into(), true)
        ]
    );
    assert_eq!(
        figures_of("a Hub 3 for 2 rooms since 2023, reference 60029183", en),
        vec![Figure::Number("2".into(), false)]
    );
    let fr = crate::language::Language::Fr;
    assert_eq!(
        figures_of("Verser CHF 231,60 et 12,50 € de frais, ou quarante euros", fr),
        vec![
            Figure::Number("231.6".into(), true),
            Figure::Number("12.5".into(), true)
        ]
    );
}

#[test]
fn the_parts_of_a_sum_said_in_pieces_are_the_sum() {
    use super::figure_places::Figure;
    let sum = |v: &str| Figure::Number(v.into(), true);
    assert!(sum("140.6").has_part(&sum("140")));
    assert!(sum("140.6").has_part(&sum("60")));
    assert!(sum("109.99").has_part(&sum("999")));
    assert!(!sum("140.6").has_part(&sum("12")));
    assert!(!sum("140").has_part(&sum("40")));
}
