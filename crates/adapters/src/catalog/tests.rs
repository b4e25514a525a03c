//! Catalog parsing and validation.

use super::normalize::{Normalized, normalize_form};
use super::*;

pub(super) fn product(id: &str, name: &str, aliases: &[&str]) -> Product {
    Product {
        id: id.to_owned(),
        name: name.to_owned(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        misspellings: Vec::new(),
        topic_ids: Vec::new(),
    }
}

fn error_of(products: Vec<Product>) -> String {
    match ProductCatalog::new(products) {
        Ok(_) => panic!("catalog accepted"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn parses_the_file_format_and_tolerates_unknown_fields() {
    let json = br#"{"version": 2, "products": [
        {"id": "acme-router-pro", "name": "Acme Router Pro", "aliases": ["Acme Router"],
         "misspellings": ["Acme Routr Pro"], "topicIds": ["t-1"], "category": "network"},
        {"id": "nimbus-buds", "name": "Nimbus Buds"}
    ]}"#;
    let catalog = ProductCatalog::from_json(json).unwrap();
    assert_eq!(catalog.len(), 2);
    assert!(!catalog.is_empty());
    let router = catalog.find("acme-router-pro").unwrap();
    assert_eq!(router.misspellings, ["Acme Routr Pro"]);
    assert_eq!(router.topic_ids, ["t-1"]);
    assert_eq!(catalog.find("nimbus-buds").unwrap().aliases, Vec::<String>::new());
    assert_eq!(catalog.position("nimbus-buds"), Some(1));
    assert!(catalog.find("nope").is_none());
    assert_eq!(catalog.products()[0].name, "Acme Router Pro");
}

#[test]
fn invalid_json_reports_line_and_column() {
    let err = ProductCatalog::from_json(b"{\"products\": [\n  {\"id\": \"a\", \"name\": }\n]}").unwrap_err();
    match &err {
        CatalogError::Json { line, column, .. } => assert_eq!((*line, *column), (2, 23)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("line 2 column 23"), "{err}");
}

#[test]
fn missing_products_or_name_is_a_json_error() {
    assert!(matches!(
        ProductCatalog::from_json(b"{}"),
        Err(CatalogError::Json { .. })
    ));
    let err = ProductCatalog::from_json(br#"{"products": [{"id": "a"}]}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `name`"), "{err}");
}

#[test]
fn empty_catalog_is_rejected() {
    assert!(matches!(
        ProductCatalog::new(Vec::new()),
        Err(CatalogError::Empty)
    ));
    assert_eq!(
        ProductCatalog::from_json(br#"{"products": []}"#)
            .unwrap_err()
            .to_string(),
        "product catalog has no products"
    );
}

#[test]
fn ids_must_be_slugs() {
    for bad in ["Acme", "acme router", "acme_router", "acmé"] {
        let err = error_of(vec![product("ok", "Ok", &[]), product(bad, "Name", &[])]);
        assert_eq!(err, format!("products[1].id: {bad:?} is not a slug ([a-z0-9-]+)"));
    }
    assert_eq!(error_of(vec![product("", "Name", &[])]), "products[0].id: empty");
}

#[test]
fn duplicate_ids_are_rejected() {
    let err = error_of(vec![
        product("a", "Alpha", &[]),
        product("b", "Beta", &[]),
        product("a", "Gamma", &[]),
    ]);
    assert_eq!(err, "products[2].id: duplicate id \"a\" (also products[0])");
}

#[test]
fn empty_or_wordless_names_and_aliases_name_the_field() {
    assert_eq!(error_of(vec![product("a", "  ", &[])]), "products[0].name: empty");
    let err = error_of(vec![
        product("a", "Alpha", &[]),
        product("b", "Beta", &["Bee", ""]),
    ]);
    assert_eq!(err, "products[1].aliases[1]: empty");
    let mut with_misspelling = product("a", "Alpha", &[]);
    with_misspelling.misspellings = vec!["Alfa".into(), "\u{301}\t".into()];
    assert_eq!(
        error_of(vec![with_misspelling]),
        "products[0].misspellings[1]: empty"
    );
    let err = error_of(vec![product("a", "Alpha", &["--"])]);
    assert_eq!(err, "products[0].aliases[0]: has no letter or digit");
    let mut with_topic = product("a", "Alpha", &[]);
    with_topic.topic_ids = vec![" ".into()];
    assert_eq!(error_of(vec![with_topic]), "products[0].topicIds[0]: empty");
}

#[test]
fn a_surface_form_shared_by_two_products_is_rejected() {
    let err = error_of(vec![
        product("acme-router-pro", "Acme Router Pro", &["Acme Router"]),
        product("acme-router-lite", "Acme Router Lite", &["ACME  routér"]),
    ]);
    assert_eq!(
        err,
        "products[1].aliases[0]: \"acme router\" is both acme-router-pro and acme-router-lite"
    );
}

#[test]
fn a_form_that_is_another_products_plural_is_rejected() {
    let err = error_of(vec![
        product("acme-routers", "Acme Routers", &[]),
        product("acme-router", "Acme Router", &[]),
    ]);
    assert_eq!(
        err,
        "products[1].name: \"acme routers\" is both acme-routers and acme-router"
    );
}

#[test]
fn repeated_forms_within_one_product_are_merged() {
    let catalog = ProductCatalog::new(vec![product(
        "nimbus-phone-mini",
        "Nimbus Phone Mini",
        &["Nimbus Phone mini", "Nimbus Mini", "NIMBUS  MINI"],
    )])
    .unwrap();
    assert_eq!(catalog.forms(0), ["nimbus phone mini", "nimbus mini"]);
    assert!(catalog.forms(9).is_empty());
}

#[test]
fn fingerprint_is_short_stable_and_ignores_order_case_and_accents() {
    let a = ProductCatalog::new(vec![
        product("a", "Alpha One", &["Alpha"]),
        product("b", "Beta", &[]),
    ])
    .unwrap();
    let reordered = ProductCatalog::new(vec![
        product("b", "BETA", &[]),
        product("a", "Álpha  One", &["alpha", "Alpha"]),
    ])
    .unwrap();
    assert_eq!(a.fingerprint().len(), 16);
    assert!(a.fingerprint().bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(a.fingerprint(), reordered.fingerprint());
    let changed = ProductCatalog::new(vec![
        product("a", "Alpha One", &["Alpha", "Alfa"]),
        product("b", "Beta", &[]),
    ])
    .unwrap();
    assert_ne!(a.fingerprint(), changed.fingerprint());
    let mut topics = product("b", "Beta", &[]);
    topics.topic_ids = vec!["t".into()];
    let with_topic = ProductCatalog::new(vec![product("a", "Alpha One", &["Alpha"]), topics]).unwrap();
    assert_ne!(a.fingerprint(), with_topic.fingerprint());
}

#[test]
fn forms_normalise_case_accents_whitespace_and_typography() {
    assert_eq!(normalize_form("  Nímbus\t\n Phone  X "), "nimbus phone x");
    assert_eq!(normalize_form("ZEPHYR ＴＶ ５５"), "zephyr tv 55");
    assert_eq!(normalize_form("Acme\u{2011}Mesh Wi\u{2010}Fi"), "acme-mesh wi-fi");
    assert_eq!(normalize_form("Cirrus\u{a0}Backup\u{2019}s"), "cirrus backup's");
    assert_eq!(normalize_form("İstanbul ﬁber"), "istanbul fiber");
}

#[test]
fn normalized_text_maps_back_to_original_offsets() {
    let text = "Dé  ﬁx";
    let mut normalized = Normalized::default();
    normalized.normalize(text);
    assert_eq!(normalized.bytes(), b"de fix");
    // "e" came from "é" (bytes 1..3); the single space from the first of two spaces.
    assert_eq!(normalized.original_start(1), 1);
    assert_eq!(normalized.original_start(2), 3);
    assert_eq!(normalized.original_end(2, text), 3);
    // "fi" is one ligature character (bytes 5..8): ending inside it ends after it.
    assert_eq!(normalized.original_start(3), 5);
    assert_eq!(normalized.original_end(4, text), 8);
    assert_eq!(normalized.original_end(6, text), text.len());

    normalized.normalize("Plain ASCII\ttext");
    assert_eq!(normalized.bytes(), b"plain ascii text");
    assert_eq!(normalized.original_start(6), 6);
    assert_eq!(normalized.original_end(11, "Plain ASCII\ttext"), 11);
}
