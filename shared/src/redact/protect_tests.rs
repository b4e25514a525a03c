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
