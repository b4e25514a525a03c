use super::*;
use wrapup_genesys::config::ConfigError;

fn kinds(text: &str) -> Vec<(PiiKind, &str)> {
    Redactor::default()
        .find(text)
        .into_iter()
        .map(|m| (m.kind, text.get(m.start..m.end).unwrap_or("<bad range>")))
        .collect()
}

fn redacted(text: &str) -> String {
    Redactor::default().redact(text).0.into_owned()
}

#[test]
fn finds_each_phone_format_with_its_full_span() {
    for phone in [
        "+44 20 7946 0958",
        "+1 (415) 555-0132",
        "+1 415 555 0132",
        "+49 30 901820",
        "+33 1 09 75 83 51",
        "+4915112345678",
        "020 7946 0958",
        "(020) 7946 0958",
        "01 09 75 83 51",
        "07700 900461",
        "415-555-0132",
        "(415) 555 0132",
        "(555) 201-3344",
        "555.867.5309",
        "1-415-555-0132",
        "4155550132",
    ] {
        let text = format!("call me on {phone} tomorrow");
        assert_eq!(kinds(&text), vec![(PiiKind::Phone, phone)], "{phone}");
        assert_eq!(redacted(&text), "call me on [PHONE_1] tomorrow", "{phone}");
    }
}

#[test]
fn finds_cards_with_spaces_dashes_or_none() {
    for card in [
        "4111 1111 1111 1111",
        "5500-0000-0000-0004",
        "5500 0000 0000 0004",
        "3400 000000 00009",
        "378282246310005",
        "4111111111111111",
        "6011 0009 9013 9424",
    ] {
        let text = format!("the card is {card}, thanks");
        assert_eq!(kinds(&text), vec![(PiiKind::Card, card)], "{card}");
    }
}

#[test]
fn luhn_failing_numbers_are_not_cards_or_anything_else() {
    for text in [
        "order number 1234 5678 9012 3456 please",
        "the code is 4111 1111 1111 1112",
        "serial 1234567890123",
    ] {
        assert_eq!(kinds(text), vec![], "{text}");
    }
}

#[test]
fn finds_ssns_but_not_impossible_ones() {
    assert_eq!(
        kinds("my social is 123-45-6789."),
        vec![(PiiKind::Ssn, "123-45-6789")]
    );
    assert_eq!(kinds("it's 078-05-1120"), vec![(PiiKind::Ssn, "078-05-1120")]);
    for invalid in [
        "000-12-3456",
        "666-12-3456",
        "912-34-5678",
        "123-00-4567",
        "123-45-0000",
    ] {
        assert_eq!(kinds(&format!("number {invalid} here")), vec![], "{invalid}");
        // Said as an SSN, it is the customer's (misread or not): redacted whatever its shape.
        assert_eq!(
            kinds(&format!("my ssn is {invalid}, thanks")),
            vec![(PiiKind::Ssn, invalid)],
            "{invalid}"
        );
    }
}

#[test]
fn finds_ibans_compact_spaced_and_lowercase() {
    for iban in [
        "GB82 WEST 1234 5698 7654 32",
        "GB82WEST12345698765432",
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        "de89 3704 0044 0532 0130 00",
        "NO9386011117947",
    ] {
        let text = format!("the IBAN is {iban}. Thanks");
        assert_eq!(kinds(&text), vec![(PiiKind::Iban, iban)], "{iban}");
    }
    // A wrong check digit in the IBAN's groups of four: mistyped, an IBAN still.
    for iban in ["CH44 0070 0110 0061 2345 8", "fr76 1027 8037 2000 0204 5180 172"] {
        let text = format!("mon IBAN est {iban}, merci");
        assert_eq!(kinds(&text), vec![(PiiKind::Iban, iban)], "{iban}");
    }
    // A wrong check digit run together, an unknown country, a wrong length.
    for text in [
        "DE88370400440532013000",
        "ZZ89370400440532013000",
        "DE8937040044053201300",
    ] {
        assert_eq!(kinds(text), vec![], "{text}");
    }
}

#[test]
fn finds_emails_and_trims_sentence_punctuation() {
    assert_eq!(
        kinds("You can use jane.doe@example.com."),
        vec![(PiiKind::Email, "jane.doe@example.com")]
    );
    assert_eq!(
        kinds("mail alex.k+bills@mail.example.net or M.Rossi@Example.ORG"),
        vec![
            (PiiKind::Email, "alex.k+bills@mail.example.net"),
            (PiiKind::Email, "M.Rossi@Example.ORG")
        ]
    );
    assert_eq!(
        kinds("reach josé@correo.es"),
        vec![(PiiKind::Email, "josé@correo.es")]
    );
    for text in [
        "@support on twitter",
        "a@b",
        "x@y.z",
        "me@-bad.com",
        "2 @ 3 dollars",
    ] {
        assert_eq!(kinds(text), vec![], "{text}");
    }
}

#[test]
fn money_dates_times_codes_and_short_numbers_are_untouched() {
    for text in [
        "I was charged $9.23 and then $1,200.00 on 2024-05-01 at 10:30",
        "£1,234,567.89 or €12.50 or 1,234,567,890",
        "reference INC001234 and order 1234-5678",
        "a twelve month term, 3 days, ticket 4521, 60 days",
        "call between 9 and 5, extension 1234, room 12",
        "on 01.05.2024 10 people came; 12/05/2024 and 2024/05/12 14:30:00",
        "the total was 3.14159265358 units",
        "serial AB1234567890CD",
        "version 10.2.3.4",
    ] {
        let redactor = Redactor::default();
        assert_eq!(kinds(text), vec![], "{text}");
        assert!(matches!(redactor.redact(text).0, Cow::Borrowed(_)), "{text}");
    }
}

#[test]
fn cards_win_over_phones_and_ibans_over_cards() {
    assert_eq!(
        kinds("4111 1111 1111 1111 and 415-555-0132"),
        vec![
            (PiiKind::Card, "4111 1111 1111 1111"),
            (PiiKind::Phone, "415-555-0132")
        ]
    );
    assert_eq!(
        kinds("GB82 WEST 1234 5698 7654 32"),
        vec![(PiiKind::Iban, "GB82 WEST 1234 5698 7654 32")]
    );
}

#[test]
fn unicode_text_keeps_char_boundaries() {
    let text = "Grüße — mein Handy: +49 30 901820, E-Mail: jürgen@beispiel.de 😀 Karte 4111-1111-1111-1111…";
    let (out, counts) = Redactor::default().redact(text);
    assert_eq!(
        out,
        "Grüße — mein Handy: [PHONE_1], E-Mail: [EMAIL_1] 😀 Karte [CARD_1]…"
    );
    assert_eq!(
        (
            counts.get(PiiKind::Phone),
            counts.get(PiiKind::Email),
            counts.get(PiiKind::Card),
            counts.total()
        ),
        (1, 1, 1, 3)
    );
    for m in Redactor::default().find(text) {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
}

#[test]
fn never_panics_on_awkward_input() {
    let redactor = Redactor::default();
    for text in [
        "",
        "@",
        "@@@@",
        "+",
        "(",
        "()",
        "+(",
        "1",
        "1 ",
        " -1",
        "9".repeat(5000).as_str(),
        "1 ".repeat(3000).as_str(),
        "4111 ".repeat(1000).as_str(),
        "a@".repeat(1000).as_str(),
        "GB82".repeat(100).as_str(),
        "é1é2é3é4é5é6é7é8é9é0é1",
        "€€€123-45-6789€€€",
    ] {
        let (out, _) = redactor.redact(text);
        assert!(out.len() < text.len() + 10 * text.len().max(1));
    }
}

#[test]
fn counts_every_replacement() {
    let text = "jane@example.com, jane@example.org, 415-555-0132, 123-45-6789, 4111 1111 1111 1111, \
                DE89370400440532013000";
    let (out, counts) = Redactor::default().redact(text);
    assert_eq!(
        out,
        "[EMAIL_1], [EMAIL_2], [PHONE_1], [SSN_1], [CARD_1], [IBAN_1]"
    );
    assert_eq!(
        [
            PiiKind::Email,
            PiiKind::Phone,
            PiiKind::Card,
            PiiKind::Ssn,
            PiiKind::Iban
        ]
        .map(|k| counts.get(k)),
        [2, 1, 1, 1, 1]
    );
    assert_eq!(counts.total(), 6);
}

#[test]
fn config_switches_kinds_off() {
    let lookup = |value: &'static str| move |name: &str| (name == "WRAPUP_REDACT").then(|| value.to_owned());
    let only_cards = RedactionConfig::from_lookup(lookup("card")).unwrap();
    let redactor = Redactor::new(only_cards);
    let text = "card 4111 1111 1111 1111, mail jane@example.com, phone 415-555-0132";
    assert_eq!(
        redactor.redact(text).0,
        "card [CARD_1], mail jane@example.com, phone 415-555-0132"
    );
    assert_eq!(redactor.contains_pii(text), vec![PiiKind::Card]);

    // A card is never half-redacted as something else when cards are off.
    let no_cards = Redactor::new(RedactionConfig::from_lookup(lookup(" email , phone,SSN,iban")).unwrap());
    assert_eq!(
        no_cards.redact(text).0,
        "card 4111 1111 1111 1111, mail [EMAIL_1], phone [PHONE_1]"
    );

    let none = RedactionConfig::from_lookup(lookup("none")).unwrap();
    assert!(PiiKind::ALL.iter().all(|k| !none.enabled(*k)));
    assert_eq!(
        RedactionConfig::from_lookup(|_| None).unwrap(),
        RedactionConfig::default()
    );
    assert_eq!(
        RedactionConfig::from_lookup(lookup("  ")).unwrap(),
        RedactionConfig::default()
    );

    let err = RedactionConfig::from_lookup(lookup("email,passports")).unwrap_err();
    assert!(
        matches!(err, ConfigError::Invalid { name: "WRAPUP_REDACT", ref reason } if reason.contains("passports"))
    );
    let keep = |name: &str| (name == "WRAPUP_REDACT_KEEP_AGENT_FIRST_NAMES").then(|| "true".to_owned());
    assert!(RedactionConfig::from_lookup(keep).unwrap().keep_agent_first_names);
    let bad = |name: &str| (name == "WRAPUP_REDACT_KEEP_AGENT_FIRST_NAMES").then(|| "maybe".to_owned());
    assert!(RedactionConfig::from_lookup(bad).is_err());
}

#[test]
fn contains_pii_lists_distinct_kinds() {
    let redactor = Redactor::default();
    assert_eq!(
        redactor.contains_pii("415-555-0132 or 020 7946 0958, jane@example.com"),
        vec![PiiKind::Email, PiiKind::Phone]
    );
    assert!(
        redactor
            .contains_pii("[PHONE_1] and [CARD_2] for [NAME_1] at [ADDRESS_1]")
            .is_empty()
    );
}

#[test]
fn the_redactor_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Redactor>();
}
