use crate::redact::{PiiKind, Redactor};

fn addresses(text: &str) -> Vec<&str> {
    Redactor::default()
        .find(text)
        .into_iter()
        .filter(|m| m.kind == PiiKind::Address)
        .map(|m| &text[m.start..m.end])
        .collect()
}

#[test]
fn street_lines_of_every_country_with_their_tails() {
    for (text, address) in [
        (
            "It's 2218 Willow Creek Drive, Columbus, Ohio 43215.",
            "2218 Willow Creek Drive, Columbus, Ohio 43215",
        ),
        (
            "Flat 4, 27 Cranbrook Road, Bristol BS6 7BR please",
            "Flat 4, 27 Cranbrook Road, Bristol BS6 7BR",
        ),
        (
            "Unit 5/12 George Street, Sydney NSW 2000",
            "Unit 5/12 George Street, Sydney NSW 2000",
        ),
        (
            "Ich wohne jetzt in der Lindenstraße 42, 50674 Köln.",
            "Lindenstraße 42, 50674 Köln",
        ),
        (
            "c'est au 12 rue des Lilas, Bât. B, 69003 Lyon",
            "12 rue des Lilas, Bât. B, 69003 Lyon",
        ),
        (
            "vivo en Calle Mayor 5, 3º B, 28013 Madrid",
            "Calle Mayor 5, 3º B, 28013 Madrid",
        ),
        (
            "abito in Via Roma 10, 00184 Roma (RM)",
            "Via Roma 10, 00184 Roma (RM)",
        ),
        (
            "moro na Rua Augusta 100, 1100-053 Lisboa",
            "Rua Augusta 100, 1100-053 Lisboa",
        ),
        (
            "Keizersgracht 123-II, 1015 CJ Amsterdam",
            "Keizersgracht 123-II, 1015 CJ Amsterdam",
        ),
        (
            "123 Main St NW, Apt 4B, Toronto, ON M5V 2T6",
            "123 Main St NW, Apt 4B, Toronto, ON M5V 2T6",
        ),
    ] {
        assert_eq!(addresses(text), [address], "{text}");
    }
}

#[test]
fn postcodes_on_their_own() {
    assert_eq!(addresses("The postcode is BS6 7BR."), ["BS6 7BR"]);
    assert_eq!(addresses("Eircode D02 X285 thanks"), ["D02 X285"]);
    assert_eq!(
        addresses("Hauptstraße? Nein: Jonas, 10115 Berlin."),
        ["Hauptstraße", "10115 Berlin"]
    );
}

#[test]
fn numbers_that_are_not_addresses() {
    for text in [
        "I've been a customer for 12 years and paid £1,350.00.",
        "Order 50674 Shipped yesterday",
        "Sie haben 1500 Punkte gesammelt.",
        "The 2019 Ford Focus needs 4 new tyres.",
        "Room 12 Building B is on the 3rd floor",
        "Dans la rue il y avait 3 voitures.",
    ] {
        assert!(addresses(text).is_empty(), "{text}: {:?}", addresses(text));
    }
}

#[test]
fn compound_names_without_a_number_are_streets_only_by_their_type_or_in_an_address() {
    // "-berg", "-aue", "-tor" also end districts, firms and brands.
    for text in [
        "Willkommen im Ärztehaus Sonnenberg, Sie werden verbunden.",
        "Hier ist der Kundenchat der Stadtwerke Lahnaue.",
        "Das Paket kommt mit Expressator.",
        "I can book a free Quantator pickup. What address should they come to?",
    ] {
        assert!(addresses(text).is_empty(), "{text}: {:?}", addresses(text));
    }
    assert_eq!(
        addresses("wir wohnen jetzt in der Kastanienallee"),
        ["Kastanienallee"]
    );
    // In an address the same shape is still a street.
    let found = addresses("Meine neue Adresse ist Am Sonnenberg, Hausnummer folgt");
    assert!(found.iter().any(|a| a.contains("Sonnenberg")), "{found:?}");
}
