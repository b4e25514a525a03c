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

/// Welsh street types come before the street's name, as in French: "Heol" (road), "Ffordd"
/// (way), "Stryd" (street).
#[test]
fn welsh_streets_open_with_their_type() {
    for (text, address) in [
        (
            "It's 12 Heol y Deri, Rhiwbina, please.",
            "12 Heol y Deri, Rhiwbina",
        ),
        ("we're at 3 Ffordd Pengam now", "3 Ffordd Pengam"),
        ("send it to 41 Stryd Fawr, Bala", "41 Stryd Fawr, Bala"),
    ] {
        assert_eq!(addresses(text), vec![address], "{text}");
    }
}

/// A town's name may hold "de" or "di" ("Rio de Janeiro"); a label after the postcode is no
/// town ("Mob:").
#[test]
fn towns_with_a_particle_and_labels_after_the_postcode() {
    for (text, address) in [
        (
            "Vivo en calle Durango 84, 06700 Ciudad de México, gracias",
            "calle Durango 84, 06700 Ciudad de México",
        ),
        (
            "Abito in Via Roma 5, 89125 Reggio di Calabria.",
            "Via Roma 5, 89125 Reggio di Calabria",
        ),
        (
            "Flat 3, 12 Aundh Road, Pune 411007 Mob: 98220 45671",
            "Flat 3, 12 Aundh Road, Pune 411007",
        ),
    ] {
        assert_eq!(addresses(text), vec![address], "{text}");
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
        // A street type before a month and its day is a date: "place" is also a French type.
        "you got it. service starts at the new place July 1st and there's a connection fee.",
        "we'll have you in the new place March 3 at the latest",
        // A seat's code without a town and its PIN after it.
        "You're in seat B-14, row 3, near the exit.",
        // "ap" opens a Brazilian flat only where an address goes on.
        "She passed AP 3 and AP 12 last year.",
        "the invoice went to AP 42 days ago",
    ] {
        assert!(addresses(text).is_empty(), "{text}: {:?}", addresses(text));
    }
    // A street named after its type is still one: "Calle Mayor 5", "Place Vendôme 12".
    assert_eq!(
        addresses("Vivo en Calle Mayor 5, Madrid."),
        vec!["Calle Mayor 5, Madrid"]
    );
}

#[test]
fn dutch_laan_streets_and_towns_with_an_article() {
    let text = "Mijn adres: Laan van Nieuw Oost-Indië 41, 2593 BJ Den Haag. Groet";
    let found = addresses(text);
    assert_eq!(
        found,
        ["Laan van Nieuw Oost-Indië 41, 2593 BJ Den Haag"],
        "{found:?}"
    );
}

#[test]
fn unknown_parts_up_to_a_postcode_or_a_town_and_its_pin() {
    for (text, address) in [
        (
            "Address: Flat 12, Lotus Heights, 6th Main, BTM 2nd Stage, Bengaluru 560076. Thanks",
            "Flat 12, Lotus Heights, 6th Main, BTM 2nd Stage, Bengaluru 560076",
        ),
        // A flat's code opens it, after a signature's name.
        (
            "Regards, Anil Mehta C/203, Silver Oaks, Aundh Road, Pune, Maharashtra 411007 Mob: 98220",
            "C/203, Silver Oaks, Aundh Road, Pune, Maharashtra 411007",
        ),
        (
            "my address is Blk 118 Bedok North Road, #04-221, Singapore 460118 ok",
            "Blk 118 Bedok North Road, #04-221, Singapore 460118",
        ),
        (
            "it's 77 West Wacker Drive apartment 9 R, Chicago Illinois 60601, yes",
            "77 West Wacker Drive apartment 9 R, Chicago Illinois 60601",
        ),
    ] {
        assert_eq!(addresses(text), [address], "{text}");
    }
    // Without a postcode at the end, the address stops where its parts are no longer known.
    assert_eq!(
        addresses("send it to 14 Elm Road, and card ends 1881"),
        ["14 Elm Road"]
    );
}

#[test]
fn a_street_without_its_type_before_a_flat() {
    assert_eq!(
        addresses("and you're still at thirty-one ten West Belmont apartment four?"),
        ["thirty-one ten West Belmont apartment four"]
    );
    // Without the flat, a number and capitalised words are no address.
    assert_eq!(addresses("we sold 4215 North Face jackets"), Vec::<&str>::new());
}

#[test]
fn quebec_unit_civic_numbers_and_abbreviated_types() {
    assert_eq!(
        addresses("c'est le 310-2450 boul. René-Lévesque, Montréal"),
        ["310-2450 boul. René-Lévesque, Montréal"]
    );
}

#[test]
fn an_id_before_a_street_lends_it_no_house_number() {
    assert_eq!(
        addresses("CPF 271.903.648-03 Rua Haddock Lobo, 595, apto 82"),
        ["Rua Haddock Lobo, 595, apto 82"]
    );
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

/// Texts of address pieces and ordinary words, run together or spaced.
fn address_texts() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        prop::sample::select(vec![
            "12",
            "27",
            "50674",
            "4B",
            "BS6",
            "7BR",
            "forty-one",
            "two",
            "sette",
            "B",
            "S",
            "six",
            "I",
            "a",
            "Road",
            "Street",
            "Lane",
            "Church",
            "Cranbrook",
            "rue",
            "des",
            "Lilas",
            "Calle",
            "Mayor",
            "Via",
            "Lindenstraße",
            "Keizersgracht",
            "Flat",
            "Apt",
            "piano",
            "quarto",
            "3º",
            "2e",
            "étage",
            "Köln",
            "Bristol",
            "Denise",
            "the",
            "order",
            "$",
            ",",
            ".",
            "/",
            "-",
            "?",
        ])
        .prop_map(str::to_owned),
        crate::redact::token::summary_texts(),
    ];
    proptest::collection::vec((piece, prop::bool::ANY), 0..10).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(p, spaced)| if spaced { format!("{p} ") } else { p })
            .collect()
    })
}

proptest::proptest! {
    /// The gate of [`super::find`] changes no text's addresses.
    #[test]
    fn gated_addresses_are_the_walked_ones(text in address_texts(), recent in proptest::bool::ANY) {
        let mut scan = crate::redact::scan::Scan::new(&text, None, Vec::new(), None);
        scan.recent_address = recent;
        let (mut gated, mut walked) = (Vec::new(), Vec::new());
        super::find_in(&scan, true, &mut gated);
        super::find_in(&scan, false, &mut walked);
        proptest::prop_assert_eq!(gated, walked);
    }
}

/// In an English call a lowercase "via" or "place" before a name is an everyday word; in an
/// Italian one "via" opens a street whatever its case.
#[test]
fn a_lowercase_type_before_a_name_is_a_word_in_english() {
    use crate::transcript::{Channel, SpeakerRole, Transcript};
    let redacted = |language: &str, text: &str| {
        let call = Transcript::from_turns(
            "c-via",
            Channel::Chat,
            Some(language),
            vec![(SpeakerRole::Agent, text)],
        );
        Redactor::default()
            .redact_call(&call, &[], None)
            .transcript
            .utterances
            .first()
            .map(|u| u.text.clone())
            .unwrap_or_default()
    };
    let said = "Got it! The 1500 ships via FedEx Ground, 3-5 business days.";
    assert_eq!(redacted("en-US", said), said);
    // After a number too: the digits are the account's, the rest is how and when it is paid.
    let paid = redacted(
        "en-IN",
        "The approved amount will be credited to your account ending 6789 via NEFT within 7 working days.",
    );
    assert!(paid.ends_with(" via NEFT within 7 working days."), "{paid}");
    assert!(!paid.contains("6789"), "{paid}");
    // A type that is no English word still opens a street after its number.
    let street = redacted("en-CA", "The new address is 205-1800 boul. Le Corbusier, Laval.");
    assert!(!street.contains("Corbusier"), "{street}");
    assert!(
        redacted("it-IT", "La spedisco in via Roma 5, Milano.").contains("[ADDRESS_1]"),
        "{}",
        redacted("it-IT", "La spedisco in via Roma 5, Milano.")
    );
}

#[test]
fn a_house_with_a_name_is_an_address_with_its_street_and_town() {
    assert_eq!(
        addresses("it's a house with a name, The Old Forge, Church Lane, Wrington"),
        vec!["The Old Forge, Church Lane, Wrington"]
    );
    assert_eq!(
        addresses("New address is Rose Cottage, Back Lane, Hexham."),
        vec!["Rose Cottage, Back Lane, Hexham"]
    );
    // A shop or an outlet on a street is no house: nothing said of an address, nothing masked.
    assert!(addresses("The parcel is at the Post Office, Church Lane, Wrington.").is_empty());
    assert!(addresses("It's at Tesco Express, High Street, Wrington.").is_empty());
}

/// A word ending like a German or Dutch compound street ("-land", "-berg", "-hof") is a street
/// after an address only in a call whose language names streets so.
#[test]
fn a_city_ending_like_a_compound_street_is_no_street_in_english() {
    use crate::transcript::{Channel, SpeakerRole::*, Transcript};
    let flights = "the new dates are available:\n\nNZ 52 Auckland – Nadi, Thu 2 January, departs 10:15am";
    let call = |language: &str, flights: &str| {
        let transcript = Transcript::from_turns(
            "c0ffee00-0000-4000-8000-000000000001",
            Channel::Email,
            Some(language),
            [
                (
                    Customer,
                    "My address is now 27 Rimu Street, Riccarton, Christchurch 8011.",
                ),
                (Agent, flights),
            ],
        );
        Redactor::default().redact_transcript(&transcript).0.utterances[1]
            .text
            .clone()
    };
    assert_eq!(call("en-NZ", flights), flights);
    // A carrier or a verb ending like "-tor" or "-ring" after an address is neither.
    for said in [
        "It shipped with Purolator, tracking 332910004871.",
        "Subject: RE: Transferring my old workplace pension",
    ] {
        assert_eq!(call("en-CA", said), said);
    }
    // In a German call a compound after an address is its street.
    assert_eq!(
        call("de-DE", "Und die neue Adresse ist dann Rheinaue."),
        "Und die neue Adresse ist dann [ADDRESS_2]."
    );
}

/// Four digits said right after the town that ends an address are its postcode.
#[test]
fn four_digits_said_after_the_town_are_its_postcode() {
    let text = "yep it's fourteen Kowhai Road, Mount Albert, Auckland one oh two five";
    let scan = crate::redact::scan::Scan::new(text, None, Vec::new(), crate::redact::lexicon::index_of("en"));
    let mut found = Vec::new();
    super::find_in(&scan, true, &mut found);
    let found: Vec<&str> = found.iter().map(|c| &text[c.start..c.end]).collect();
    assert_eq!(
        found,
        ["fourteen Kowhai Road, Mount Albert, Auckland one oh two five"]
    );
}

/// A street type in capitals inside a cased text is a brand's word, not a street's.
#[test]
fn a_type_in_capitals_is_a_brands_word() {
    let text = "O cartão novo é enviado para a morada registada. Entretanto pode usar o MB WAY com o cartão de débito.";
    assert!(addresses(text).is_empty(), "{:?}", addresses(text));
    // A shouted text keeps its streets.
    assert_eq!(
        addresses("THE NEW ADDRESS IS BACK LANE, HEXHAM NE46 3AB"),
        ["BACK LANE, HEXHAM NE46 3AB"]
    );
}

/// Portuguese and Brazilian addresses after the street line: "n.º 143", "2.º Dto", "ap 62"
/// (apartamento), "bloco 2", the neighbourhood, the city and its state after a dash or a slash
/// ("Curitiba - PR", "São Paulo/SP").
#[test]
fn brazilian_units_neighbourhoods_and_states() {
    for (text, address) in [
        (
            "rua Desembargador Westphalen, 1450, ap 62, bloco 2, Rebouças, Curitiba - PR",
            "rua Desembargador Westphalen, 1450, ap 62, bloco 2, Rebouças, Curitiba - PR",
        ),
        (
            "Moro na Rua Harmonia, 312, ap. 41, Vila Madalena, São Paulo/SP, ok?",
            "Rua Harmonia, 312, ap. 41, Vila Madalena, São Paulo/SP",
        ),
        (
            "A atual é Rua Dom Pedro V, n.º 143, 2.º Dto, 4710-374 Braga",
            "Rua Dom Pedro V, n.º 143, 2.º Dto, 4710-374 Braga",
        ),
        (
            "é Avenida Sete de Setembro 2200, apto 1203, Salvador - BA",
            "Avenida Sete de Setembro 2200, apto 1203, Salvador - BA",
        ),
    ] {
        assert_eq!(addresses(text), [address], "{text}");
    }
}

#[test]
fn a_lowercase_via_or_place_is_a_street_only_in_its_language() {
    use crate::redact::lexicon::index_of;
    use crate::redact::scan::Scan;
    for (text, tag, everyday) in [
        ("stuur het door via Mijn Scaldis", "nl-BE", true),
        ("ships via FedEx Ground", "en-US", true),
        ("abito in via Garibaldi 12", "it-IT", false),
        ("rendez-vous place de la Gare", "fr-FR", false),
        ("at the new place July 1st", "en-US", true),
        ("Via Roma 5", "en-US", false),
    ] {
        let scan = Scan::new(text, None, Vec::new(), index_of(tag));
        let at = (0..scan.tokens.len())
            .find(|&i| scan.tokens.is_one_of(i, &["via", "place"]))
            .unwrap_or_else(|| panic!("{text}"));
        assert_eq!(super::everyday_word(&scan, at), everyday, "{text} ({tag})");
    }
}
