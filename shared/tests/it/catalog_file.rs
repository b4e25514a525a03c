//! The deployed product catalog (`functions/archive-miner/product-catalog.json`) is exactly the
//! simulator's catalog: same ids, and every form one of them plants (name, alias, misspelling,
//! plural, possessive) is a whole mention of the same product, and nothing else is in the file.

use std::path::PathBuf;

use wrapup::catalog::{MentionMatcher, Product, ProductCatalog};

fn deployed_catalog() -> ProductCatalog {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../functions/archive-miner/product-catalog.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    ProductCatalog::from_json(&bytes).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The simulator's catalog in Wrapup's model (all aliases as aliases).
fn simulator_catalog() -> ProductCatalog {
    let products = genesys_sim::catalog::products()
        .iter()
        .map(|p| Product {
            id: p.id.to_owned(),
            name: p.name.to_owned(),
            aliases: p.aliases.iter().map(|a| (*a).to_owned()).collect(),
            misspellings: Vec::new(),
            topic_ids: Vec::new(),
        })
        .collect();
    ProductCatalog::new(products).expect("the simulator's catalog is valid")
}

/// The single product `text` is, as a whole mention, in a sentence; `None` otherwise.
fn whole_mention<'c>(catalog: &'c ProductCatalog, matcher: &MentionMatcher, form: &str) -> Option<&'c str> {
    let prefix = "I have the ";
    let text = format!("{prefix}{form}, thanks.");
    match matcher.find(&text).as_slice() {
        [m] if m.start == prefix.len() && m.end == prefix.len() + form.len() => {
            Some(catalog.products()[m.product].id.as_str())
        }
        _ => None,
    }
}

#[test]
fn deployed_catalog_has_exactly_the_simulator_ids() {
    let catalog = deployed_catalog();
    let mut deployed: Vec<&str> = catalog.products().iter().map(|p| p.id.as_str()).collect();
    let mut simulated: Vec<&str> = genesys_sim::catalog::products().iter().map(|p| p.id).collect();
    deployed.sort_unstable();
    simulated.sort_unstable();
    assert_eq!(deployed, simulated);
}

#[test]
fn every_simulated_surface_form_is_a_mention_of_the_same_product() {
    let catalog = deployed_catalog();
    let matcher = MentionMatcher::new(&catalog).unwrap();
    let mut checked = 0;
    for product in genesys_sim::catalog::products() {
        for form in product.surface_forms() {
            assert_eq!(
                whole_mention(&catalog, &matcher, &form),
                Some(product.id),
                "{form:?} should be one whole mention of {}",
                product.id
            );
            checked += 1;
        }
    }
    assert!(checked >= 150, "only {checked} forms checked");
}

#[test]
fn every_deployed_form_is_a_simulated_form_of_the_same_product() {
    let simulated = simulator_catalog();
    let matcher = MentionMatcher::new(&simulated).unwrap();
    for product in deployed_catalog().products() {
        let forms = std::iter::once(&product.name)
            .chain(&product.aliases)
            .chain(&product.misspellings);
        for form in forms {
            assert_eq!(
                whole_mention(&simulated, &matcher, form),
                Some(product.id.as_str()),
                "{form:?} of {} is not in the simulator's catalog",
                product.id
            );
        }
    }
}

#[test]
fn deployed_catalog_has_a_stable_fingerprint() {
    let catalog = deployed_catalog();
    assert_eq!(catalog.fingerprint(), simulator_catalog().fingerprint());
    assert_eq!(catalog.fingerprint().len(), 16);
}

/// The catalog in force, read from S3 (moto) when configured, else the built-in one; a missing
/// object or a bad file is an error that names the object, never a silent fallback.
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn the_catalog_in_force_is_read_from_s3_when_configured() {
    use wrapup::catalog::{LoadError, load};
    use wrapup::config::S3Object;
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let s3 = aws.s3_client().await;
    let bucket = wrapup_testkit::unique_stack_name("catalog");
    s3.create_bucket()
        .bucket(&bucket)
        .send()
        .await
        .expect("create bucket");
    let put = |key: &'static str, body: &'static str| {
        s3.put_object()
            .bucket(&bucket)
            .key(key)
            .body(body.as_bytes().to_vec().into())
            .send()
    };
    put(
        "org/catalog.json",
        r#"{"products":[{"id":"zephyr-hub","name":"Zephyr Hub","aliases":["Zephyr"]}]}"#,
    )
    .await
    .expect("put catalog");
    put("org/broken.json", r#"{"products":[]}"#)
        .await
        .expect("put broken");
    let at = |key: &str| S3Object {
        bucket: bucket.clone(),
        key: key.to_owned(),
    };

    let built_in = load(&s3, None).await.expect("the built-in catalog");
    assert_eq!(built_in.products().len(), deployed_catalog().products().len());
    let org = load(&s3, Some(&at("org/catalog.json")))
        .await
        .expect("the org's catalog");
    assert_eq!(org.products().len(), 1);
    assert!(org.terms().any(|t| t == "Zephyr Hub"));

    let missing = load(&s3, Some(&at("org/missing.json"))).await.unwrap_err();
    assert!(matches!(missing, LoadError::Read { .. }), "{missing:?}");
    assert!(missing.to_string().contains("org/missing.json"), "{missing}");
    let broken = load(&s3, Some(&at("org/broken.json"))).await.unwrap_err();
    assert!(matches!(broken, LoadError::Invalid(_)), "{broken:?}");
}
