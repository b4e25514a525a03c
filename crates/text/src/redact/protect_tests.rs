use super::*;
use crate::redact::scan::Scan;

fn protected(text: &str) -> Vec<&str> {
    protected_with(text, &ProtectedTerms::default())
}

fn protected_with<'a>(text: &'a str, terms: &ProtectedTerms) -> Vec<&'a str> {
    let scan = Scan::new(text, None, Vec::new(), None);
    find(&scan, terms)
        .into_iter()
        .map(|p| &text[p.start..p.end])
        .collect()
}

#[test]
fn amounts_in_any_currency_and_format() {
    for amount in [
        "$1,200.00",
        "£24.90",
        "€279",
        "1.350,00 €",
        "R$ 89,90",
        "CHF 1'250.-",
        "₹1,25,000",
        "49 dollars",
        "USD 45",
        "45 EUR",
        "€ 24,90",
    ] {
        let text = format!("it was {amount} in total");
        assert_eq!(protected(&text), [amount], "{text}");
    }
}

#[test]
fn percentages_and_times() {
    assert_eq!(
        protected("a 15% discount and 20 percent off"),
        ["15%", "20 percent"]
    );
    assert_eq!(
        protected("at 10:30 or 3 pm or 15h30 or 14 Uhr"),
        ["10:30", "3 pm", "15h30", "14 Uhr"]
    );
}

#[test]
fn reference_numbers_after_their_word() {
    assert_eq!(
        protected("my order number is ORD-2024-118734."),
        ["ORD-2024-118734"]
    );
    assert_eq!(
        protected("case #4521889 and ticket: INC0012345"),
        ["4521889", "INC0012345"]
    );
    assert_eq!(protected("la commande 48213 est arrivée"), ["48213"]);
    assert!(protected("in that case I'll wait").is_empty());
}

#[test]
fn catalog_terms_on_word_boundaries() {
    let terms = ProtectedTerms::new(["Aurora Max", "Galaxy"]);
    assert_eq!(
        protected_with("my aurora max and the Galaxy but not Galaxys", &terms),
        ["aurora max", "Galaxy"]
    );
}

#[test]
fn business_prefixes_count_with_the_numbers_length() {
    // Memphis and Hawaii area codes are people's numbers; 800 numbers are companies'.
    assert_eq!(protected("call 901-555-0137 or 808-555-0199"), Vec::<&str>::new());
    assert_eq!(protected("call 1-800-555-0199"), ["1-800-555-0199"]);
    assert_eq!(protected("call 800-555-0199"), ["800-555-0199"]);
    // Spain's and Portugal's nine-digit shared-cost numbers.
    assert_eq!(protected("llame al 902 123 456"), ["902 123 456"]);
    assert_eq!(protected("ligue 707 200 512"), ["707 200 512"]);
}

#[test]
fn per_por_and_pour_are_percent_only_before_cent() {
    assert_eq!(
        protected("Mi celular es 81 1234 5678 por si acaso"),
        Vec::<&str>::new()
    );
    assert_eq!(protected("un descuento del 20 por ciento"), ["20 por ciento"]);
    assert_eq!(protected("une remise de 15 pour cent"), ["15 pour cent"]);
}

#[test]
fn a_spelled_postcode_is_neither_pence_nor_a_reference() {
    assert_eq!(protected("it's Leeds, L S seven, three P R"), Vec::<&str>::new());
    assert_eq!(
        protected("your claim is C L M seven seven four two nine one"),
        ["C L M seven seven four two nine one"]
    );
    assert_eq!(protected("that's ninety nine p a month"), ["ninety nine p"]);
}

#[test]
fn prices_without_their_currency_and_amounts_said_with_their_cents() {
    assert_eq!(protected("pago 19,90 al mese per il servizio"), ["19,90"]);
    assert!(
        protected("l'offerta a ventinove euro e novanta, con il modem").contains(&"ventinove euro e novanta")
    );
    assert!(protected("it's twelve pounds fifty a month").contains(&"twelve pounds fifty"));
    // A spelled postcode's "P" is a letter, not pence.
    assert_eq!(protected("it's T one two, K seven P four"), Vec::<&str>::new());
}

#[test]
fn references_said_aloud_after_their_cue_words() {
    for (text, code) in [
        (
            "ok your case number is K T W four four one oh nine, anything else",
            "K T W four four one oh nine",
        ),
        (
            "o número do protocolo é três um zero sete, barra, cinco cinco dois",
            "três um zero sete, barra, cinco cinco dois",
        ),
        (
            "la referencia es A B, siete siete, cero cuatro",
            "A B, siete siete, cero cuatro",
        ),
        ("Bestellnr 55-8812-0917 bitte", "55-8812-0917"),
        ("su pedido N.º 2031-55120 ya salió", "2031-55120"),
    ] {
        assert_eq!(protected(text), [code], "{text}");
    }
}

#[test]
fn a_spelled_reference_after_its_cue_is_no_postcode_but_a_postcode_stays_one() {
    use crate::redact::{PiiKind, Redactor};
    let r = Redactor::default();
    let text = "your claim reference is B S six seven B R two";
    assert!(r.find(text).is_empty(), "{:?}", r.find(text));
    // Without the cue the same letters are a postcode.
    let text = "my postcode is B S six seven B R";
    assert!(r.find(text).iter().any(|m| m.kind == PiiKind::Address));
}

#[test]
fn a_unit_number_after_an_ambiguous_cue_is_no_code() {
    // "interno" is an extension and a flat: a short number said after it is not protected, nor
    // the postcode after it.
    let text = "via dei Tigli nove, interno tre, zero zero uno sei due Roma";
    assert!(protected(text).is_empty(), "{:?}", protected(text));
}

#[test]
fn no_match_cuts_a_lettered_code() {
    use crate::redact::{PiiKind, Redactor};
    let r = Redactor::default();
    for text in [
        "ingediend onder nummer KLM-2023-5512093 vandaag",
        "Return ID: RMA-44120983",
        "Vertrag BU-2020-551903 – Beiträge",
    ] {
        assert!(r.find(text).is_empty(), "{text}: {:?}", r.find(text));
    }
    // A phone number written with hyphens, on its own, is still one.
    let found = r.find("call me on 415-555-0199 tonight");
    assert!(found.iter().any(|m| m.kind == PiiKind::Phone), "{found:?}");
}

#[test]
fn a_value_named_by_its_own_word_is_no_reference_code() {
    use crate::redact::context::Expectation;
    use crate::redact::{PiiKind, Redactor};
    // Answering "do you want the invoice with your tax number?": the NIF is the customer's.
    let text = "Sim, NIF 123456789, obrigado";
    let scan = Scan::new(text, None, vec![Expectation::Reference], None);
    assert!(find(&scan, &ProtectedTerms::default()).iter().all(|p| !p.hard));
    assert!(
        Redactor::default()
            .find(text)
            .iter()
            .any(|m| m.kind == PiiKind::NationalId)
    );
}

#[test]
fn amounts_said_with_decimals_and_cents() {
    assert_eq!(
        protected("the basic rate is a flat twelve point five cents now"),
        ["twelve point five cents"]
    );
    assert!(
        protected("l'offerta costa trentaquattro euro e novanta al mese")
            .contains(&"trentaquattro euro e novanta")
    );
}

#[test]
fn a_reference_for_today() {
    assert_eq!(
        protected("your reference for today is K P four four one nine two"),
        ["K P four four one nine two"]
    );
}

#[test]
fn spelled_letters_and_five_digits_said_are_a_code_but_postcodes_and_asked_ids_are_not() {
    use crate::redact::{PiiKind, Redactor};
    let r = Redactor::default();
    assert!(r.find("yeah it's K W D four four one nine two").is_empty());
    let found = r.find("my postcode is B S six seven B R");
    assert!(found.iter().any(|m| m.kind == PiiKind::Address), "{found:?}");
    let found = r.find("es E S nueve uno, dos uno cero cero, cero cuatro uno ocho, cuatro cinco cero dos, cero cero cero cinco, uno tres tres dos");
    assert!(!found.is_empty(), "{found:?}");
    let found = r.find("my passport number is P X four four seven one nine two six");
    assert!(found.iter().any(|m| m.kind == PiiKind::Passport), "{found:?}");
}

proptest::proptest! {
    /// The gates of the spoken amounts and hyphenated codes change no text's protected spans.
    #[test]
    fn gated_amounts_and_codes_are_the_walked_ones(text in crate::redact::token::summary_texts()) {
        let scan = Scan::new(&text, None, Vec::new(), None);
        let (mut gated, mut walked) = (Vec::new(), Vec::new());
        amounts::spoken_amounts_and_codes_in(&scan, true, &mut gated);
        amounts::spoken_amounts_and_codes_in(&scan, false, &mut walked);
        proptest::prop_assert_eq!(gated, walked);
    }
}
