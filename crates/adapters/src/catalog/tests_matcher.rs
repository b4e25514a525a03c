//! Matching rules: normalisation, whole words, suffixes, longest match, offsets.

use super::tests::product;
use super::*;

fn catalog() -> ProductCatalog {
    let mut nimbus = product("nimbus-phone-x", "Nimbus Phone X", &["Nimbus X"]);
    nimbus.misspellings = vec!["Nimbus Fone X".into()];
    ProductCatalog::new(vec![
        product(
            "acme-router-pro",
            "Acme Router Pro",
            &["Acme Router", "Router Pro"],
        ),
        product(
            "acme-mesh-wifi",
            "Acme Mesh WiFi",
            &["Acme Mesh Wi-Fi", "Acme Mesh"],
        ),
        nimbus,
        product("nimbus-tab-11", "Nimbus Tab 11", &["Nimbus Tab", "Nimbus Tablet"]),
        product("nimbus-buds", "Nimbus Buds", &[]),
        product("volt-charger-65", "Volt Charger 65W", &["Volt Charger"]),
        product("sho-gun", "Shōgun Sushi", &[]),
        product("plus-one", "Acme+", &[]),
    ])
    .unwrap()
}

fn matcher() -> MentionMatcher {
    MentionMatcher::new(&catalog()).unwrap()
}

/// `(product id, matched original text)` per mention.
fn found(text: &str) -> Vec<(String, String)> {
    let catalog = catalog();
    MentionMatcher::new(&catalog)
        .unwrap()
        .find(text)
        .into_iter()
        .map(|m| {
            (
                catalog.products()[m.product].id.clone(),
                text[m.start..m.end].to_owned(),
            )
        })
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn finds_names_aliases_and_misspellings() {
    assert_eq!(
        found("My Acme Router Pro and the Nimbus Fone X, also a Nimbus X."),
        [
            ("acme-router-pro".into(), "Acme Router Pro".into()),
            ("nimbus-phone-x".into(), "Nimbus Fone X".into()),
            ("nimbus-phone-x".into(), "Nimbus X".into()),
        ]
    );
}

#[test]
fn case_accents_and_whitespace_do_not_matter() {
    assert_eq!(ids("NIMBUS PHONE X"), ["nimbus-phone-x"]);
    assert_eq!(ids("the Nímbus  Phöne\n\tX"), ["nimbus-phone-x"]);
    assert_eq!(ids("a shogun sushi"), ["sho-gun"]);
    assert_eq!(ids("a SHŌGUN SUSHI"), ["sho-gun"]);
    // Decomposed accents (combining marks) too.
    assert_eq!(ids("Ni\u{301}mbus Phone X"), ["nimbus-phone-x"]);
}

#[test]
fn hyphen_and_space_variants_match_only_when_listed() {
    assert_eq!(
        found("Acme Mesh Wi-Fi"),
        [("acme-mesh-wifi".into(), "Acme Mesh Wi-Fi".into())]
    );
    assert_eq!(
        found("Acme Mesh WiFi"),
        [("acme-mesh-wifi".into(), "Acme Mesh WiFi".into())]
    );
    // "Wi Fi" is not listed: only "Acme Mesh" matches, without the rest.
    assert_eq!(
        found("Acme Mesh Wi Fi"),
        [("acme-mesh-wifi".into(), "Acme Mesh".into())]
    );
    // A hyphen is not a space: "Acme-Router" is not "Acme Router".
    assert!(ids("my Acme-Router broke").is_empty());
    // Typographic hyphens equal ASCII ones.
    assert_eq!(ids("Acme Mesh Wi\u{2011}Fi"), ["acme-mesh-wifi"]);
}

#[test]
fn only_whole_words_match() {
    assert!(ids("acmerouter pro").is_empty());
    assert!(ids("xacme router").is_empty());
    assert!(ids("the NimbusBuds").is_empty());
    assert!(ids("Nimbus Buds2").is_empty());
    assert!(ids("Nimbus Buds_x").is_empty());
    assert!(ids("Nimbus Budsé").is_empty());
    assert!(ids("éNimbus Buds").is_empty());
    assert_eq!(ids("(Nimbus Buds)"), ["nimbus-buds"]);
    assert_eq!(ids("\"Nimbus Buds\"?"), ["nimbus-buds"]);
    assert_eq!(ids("Nimbus Buds-Case"), ["nimbus-buds"]);
}

#[test]
fn plural_and_possessive_suffixes_are_part_of_the_mention() {
    for (text, matched) in [
        ("two Acme Routers.", "Acme Routers"),
        ("the Acme Router's light", "Acme Router's"),
        ("the Acme Router\u{2019}s light", "Acme Router\u{2019}s"),
        ("the Acme Routers' lights", "Acme Routers'"),
        ("Acme Meshes everywhere", "Acme Meshes"),
        ("the Nimbus Budss", "Nimbus Budss"),
    ] {
        let mentions = found(text);
        assert_eq!(mentions.len(), 1, "{text}");
        assert_eq!(mentions[0].1, matched, "{text}");
    }
    assert_eq!(ids("Acme Routers"), ["acme-router-pro"]);
    assert_eq!(ids("Nimbus Tablets"), ["nimbus-tab-11"]);
    // Other endings are not suffixes.
    assert!(ids("Acme Routered").is_empty());
    assert!(
        ids("Acme Router'd").len() == 1,
        "an apostrophe is a word boundary"
    );
    assert!(ids("Acme Routerses").is_empty());
}

#[test]
fn the_longest_form_wins_and_mentions_never_overlap() {
    assert_eq!(ids("Acme Router Pro"), ["acme-router-pro"]);
    assert_eq!(found("Acme Router Pro")[0].1, "Acme Router Pro");
    assert_eq!(found("Volt Charger 65W")[0].1, "Volt Charger 65W");
    assert_eq!(found("Nimbus Tab 11 and a Nimbus Tab")[1].1, "Nimbus Tab");
    // Adjacent mentions are separate.
    assert_eq!(ids("Nimbus X Nimbus X"), ["nimbus-phone-x", "nimbus-phone-x"]);
    // "Router Pro" inside "Acme Router Pro" is not counted again.
    assert_eq!(
        ids("Acme Router Pro Router Pro"),
        ["acme-router-pro", "acme-router-pro"]
    );
}

#[test]
fn a_shorter_form_counts_when_the_longest_is_not_a_whole_word() {
    // Leftmost-longest finds "acme router pro" in "Acme Router Profile", which is no word there;
    // "Acme Router" is.
    assert_eq!(
        found("Acme Router Profile"),
        [("acme-router-pro".into(), "Acme Router".into())]
    );
    assert_eq!(
        found("Nimbus Tab 112"),
        [("nimbus-tab-11".into(), "Nimbus Tab".into())]
    );
    assert_eq!(
        found("Volt Charger 65Wh"),
        [("volt-charger-65".into(), "Volt Charger".into())]
    );
    // ... and when no prefix form fits at that start, a later start still can.
    assert_eq!(
        found("xAcme Router Pro"),
        [("acme-router-pro".into(), "Router Pro".into())]
    );
}

#[test]
fn forms_ending_in_punctuation_need_no_boundary_after() {
    assert_eq!(
        found("Acme+x and Acme+"),
        [
            ("plus-one".into(), "Acme+".into()),
            ("plus-one".into(), "Acme+".into())
        ]
    );
    assert!(ids("xAcme+").is_empty());
}

#[test]
fn offsets_are_original_char_boundaries_around_non_ascii_text() {
    let text = "Grüße — ich habe den NÍMBUS  Phone X’s Akku 🔋 und Nimbus Bu\u{301}ds!";
    let mentions = matcher().find(text);
    assert_eq!(mentions.len(), 2);
    for m in &mentions {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    assert_eq!(&text[mentions[0].start..mentions[0].end], "NÍMBUS  Phone X’s");
    assert_eq!(&text[mentions[1].start..mentions[1].end], "Nimbus Bu\u{301}ds");
    assert_eq!(mentions[0].product, 2);
    assert_eq!(mentions[1].product, 4);
}

#[test]
fn trailing_combining_marks_stay_inside_the_mention() {
    let text = "Nimbus Buds\u{301} ok";
    let m = matcher().find(text);
    assert_eq!(&text[m[0].start..m[0].end], "Nimbus Buds\u{301}");
}

#[test]
fn empty_and_mention_free_text_find_nothing() {
    let matcher = matcher();
    assert!(matcher.find("").is_empty());
    assert!(matcher.find("   \n ").is_empty());
    assert!(matcher.find("Thanks for calling, goodbye.").is_empty());
    assert!(matcher.find("Acme").is_empty());
    assert!(matcher.find("Acme Route").is_empty());
}

#[test]
fn count_into_adds_per_product() {
    let matcher = matcher();
    let mut counts = vec![0_u32; 8];
    matcher.count_into(
        "Acme Router Pro, Acme Routers and the Nimbus X's case.",
        &mut counts,
    );
    matcher.count_into("one more Acme Router", &mut counts);
    matcher.count_into("", &mut counts);
    assert_eq!(counts, [3, 0, 1, 0, 0, 0, 0, 0]);
    // A short slice is not a panic: the extra products are just not counted.
    let mut short = vec![0_u32; 1];
    matcher.count_into("Nimbus X and Acme Router", &mut short);
    assert_eq!(short, [1]);
}

#[test]
fn find_and_count_agree_on_long_mixed_text() {
    let matcher = matcher();
    let chunk = "Hello,\n\nmy Acme  Router Pro’s light and the NIMBUS TAB 11s, café Nimbus X. ";
    let text = chunk.repeat(200);
    let mut counts = vec![0_u32; 8];
    matcher.count_into(&text, &mut counts);
    assert_eq!(counts, [200, 0, 200, 200, 0, 0, 0, 0]);
    assert_eq!(matcher.find(&text).len(), 600);
}

#[test]
fn matcher_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<MentionMatcher>();
    shareable::<ProductCatalog>();
}
