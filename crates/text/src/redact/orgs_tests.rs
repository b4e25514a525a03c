use super::*;
use crate::redact::{PiiKind, Redactor};

fn orgs(text: &str) -> Vec<&str> {
    let tokens = Tokens::new(text);
    spans(&tokens).into_iter().map(|(a, b)| &text[a..b]).collect()
}

fn names(text: &str) -> Vec<&str> {
    Redactor::default()
        .find(text)
        .into_iter()
        .filter(|m| matches!(m.kind, PiiKind::Name | PiiKind::Address))
        .map(|m| &text[m.start..m.end])
        .collect()
}

#[test]
fn organisations_in_every_language() {
    for (text, org) in [
        (
            "I bank with Tamarind Valley Bank these days",
            "Tamarind Valley Bank",
        ),
        (
            "Thanks for calling Oakhurst District Council.",
            "Oakhurst District Council",
        ),
        (
            "Willkommen bei der Nordsee Lebens Versicherung AG.",
            "Nordsee Lebens Versicherung AG",
        ),
        ("Bienvenido a Banco Cantábrico, dígame.", "Banco Cantábrico"),
        (
            "la Mutuelle Garonne Prévoyance a bien reçu",
            "Mutuelle Garonne Prévoyance",
        ),
        ("Welkom bij Gemeente Zeewolde.", "Gemeente Zeewolde"),
        ("Sono della Banca Etrusca, buongiorno", "Banca Etrusca"),
        ("pagamento para o Banco do Nordeste", "Banco do Nordeste"),
        (
            "unsere Krankenversicherung Rheinland",
            "Krankenversicherung Rheinland",
        ),
    ] {
        assert_eq!(orgs(text), [org], "{text}");
    }
}

#[test]
fn an_organisation_stops_at_a_line_and_at_a_person() {
    assert_eq!(
        orgs("Kind regards\nGemma Foley\nQuarrystone Mutual Insurance\n0161 496 0000"),
        ["Quarrystone Mutual Insurance"]
    );
    // "Karen Walsh Bank": the person before the organisation word stays a person.
    assert_eq!(orgs("I spoke to Karen Walsh Bank staff"), ["Bank"]);
}

#[test]
fn names_stay_out_of_organisations_but_people_are_still_found() {
    let text = "Mit freundlichen Grüßen\nMaren Vogt\nEnergiewerke Talsperre GmbH\nKundenservice";
    assert_eq!(names(text), ["Maren Vogt"]);
    assert!(names("Welcome to Pennard Borough Council, press one.").is_empty());
    let text = "my name is Denise Albright and I bank with Tamarind Bank";
    assert_eq!(names(text), ["Denise Albright"]);
    assert_eq!(names("I spoke to Karen Walsh Bank staff"), ["Karen Walsh"]);
}

#[test]
fn organisation_words_need_a_capital() {
    assert!(orgs("the bank said the council would post it").is_empty());
}

#[test]
fn a_signature_joined_on_one_line_keeps_the_writer_a_person() {
    let text = "Met vriendelijke groet, Anouk Jansen Klantenservice Zorgverzekeraar Polderzorg";
    assert_eq!(orgs(text), ["Klantenservice Zorgverzekeraar Polderzorg"]);
    assert_eq!(names(text), ["Anouk Jansen"]);
}

#[test]
fn names_of_places_and_people_inside_organisations() {
    // Words that are also names in the gazetteer, not after a person's first name.
    assert_eq!(orgs("It went to the Tasmania Post office"), ["Tasmania Post"]);
    assert_eq!(orgs("Welcome to Swansea Council."), ["Swansea Council"]);
    assert_eq!(orgs("Welkom bij de Lage Landen Bank."), ["Lage Landen Bank"]);
    // The word right after a leading organisation word is the organisation's name.
    assert_eq!(orgs("Banco Levante, buenas tardes"), ["Banco Levante"]);
    // After a trailing organisation word, a first name is the person speaking.
    assert_eq!(
        orgs("thanks for calling Tamarind Bank Karen speaking"),
        ["Tamarind Bank"]
    );
    assert_eq!(
        names("you called Tamarind Bank my name is Karen Oduya"),
        ["Karen Oduya"]
    );
    // Initials and particles make a person before the organisation.
    assert_eq!(
        orgs("Met vriendelijke groet, L. Mulder Team Burgerzaken Gemeente Zeewolde"),
        ["Team Burgerzaken Gemeente Zeewolde"]
    );
}

#[test]
fn a_makers_name_and_model_is_a_product() {
    for (text, product) in [
        ("it's a 2021 Kia Sportage, the grey one", "Kia Sportage"),
        ("la lavatrice Bosch Serie 4 non parte", "Bosch Serie 4"),
        ("um Peugeot Partner de 2018", "Peugeot Partner"),
    ] {
        assert_eq!(orgs(text), [product], "{text}");
    }
    // A maker's name that is a person's surname stays the person's.
    assert!(orgs("I spoke to Mr Ford Jenkins yesterday").is_empty());
    assert!(orgs("Henry Ford called").is_empty());
    assert!(names("my name is Carla Ford").contains(&"Carla Ford"));
}

#[test]
fn a_sign_off_abbreviation_is_no_maker() {
    // "LG" is "Liebe Grüße" before a name.
    assert!(orgs("schönen Urlaub noch! LG Kevin").is_empty());
}

#[test]
fn plans_and_tariffs_are_no_people() {
    assert_eq!(
        orgs("Ihr Tarif MainStrom Natur 24 bleibt"),
        ["Tarif MainStrom Natur"]
    );
    assert_eq!(orgs("vous avez le forfait Horizon Duo"), ["forfait Horizon Duo"]);
    assert!(names("Ihr Tarif MainStrom Natur 24 bleibt").is_empty());
}

#[test]
fn names_joined_by_ampersand_or_dash_and_long_department_names() {
    assert_eq!(orgs("bienvenue sur le chat Lune&Co !"), ["Lune&Co"]);
    assert_eq!(
        orgs("Apoio ao Cliente | Aqualis – Águas do Vale Norte Linha"),
        ["Aqualis – Águas do Vale Norte Linha"]
    );
    assert_eq!(
        orgs("Centro de Atención a Clientes AeroSur"),
        ["Centro de Atención a Clientes AeroSur"]
    );
}

#[test]
fn a_surname_after_a_title_is_no_organisation() {
    assert!(orgs("Dear Mr Post, thank you").is_empty());
    assert_eq!(names("Dear Mr Post, thank you"), ["Post"]);
}

#[test]
fn streets_named_after_a_bank_or_a_college_stay_addresses() {
    assert!(orgs("I live at 12 Bank Street, Leeds").is_empty());
    let found = crate::redact::Redactor::default().find("my address is 12 College Road, Bristol BS6 7BR");
    assert!(
        found
            .iter()
            .any(|m| m.kind == PiiKind::Address && m.end - m.start > 20),
        "{found:?}"
    );
    // An address that runs into an organisation's name is kept whole.
    let text = "send it to 4 Mill Lane Tamarind Bank branch";
    let found = crate::redact::Redactor::default().find(text);
    assert!(
        found
            .iter()
            .any(|m| m.kind == PiiKind::Address && text[m.start..m.end].contains("Mill Lane"))
    );
}

#[test]
fn a_greeting_names_its_company() {
    assert_eq!(
        orgs("Dear Ms Byrne, Thank you for contacting Emerald Skies, and I've updated your booking."),
        ["Emerald Skies"]
    );
    assert_eq!(
        orgs("Kind regards, Aoife\nEmerald Skies Customer Care"),
        ["Emerald Skies Customer Care"]
    );
    // The agent's first name after the company stays a name.
    assert_eq!(
        orgs("thanks for calling Tamarind Bank Karen speaking"),
        ["Tamarind Bank"]
    );
    let found: Vec<_> = Redactor::default()
        .find("Thank you for contacting Emerald Skies, how can I help?")
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert!(found.is_empty(), "{found:?}");
}
