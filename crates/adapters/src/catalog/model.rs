//! The product catalog: parsed once from JSON (deployment file or S3 override), validated, with
//! every product's surface forms normalised for the matcher.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::CatalogError;
use super::normalize::{is_word_char, normalize_form};

/// One product as configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// Stable slug (`[a-z0-9-]+`), e.g. `acme-router-pro`.
    pub id: String,
    /// Display name; also matched.
    pub name: String,
    /// Other names and short forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Common misspellings (matched like aliases, kept apart for editors of the file).
    #[serde(default)]
    pub misspellings: Vec<String>,
    /// Speech & Text Analytics topics that track this product, for the topic-aggregate path.
    #[serde(default)]
    pub topic_ids: Vec<String>,
}

/// The catalog file: `{"products": [...]}`; other fields are ignored.
#[derive(Deserialize)]
struct CatalogFile {
    products: Vec<Product>,
}

/// A validated product catalog.
#[derive(Debug, Clone)]
pub struct ProductCatalog {
    products: Vec<Product>,
    /// Per product: its distinct normalised surface forms (name first).
    forms: Vec<Vec<String>>,
    fingerprint: String,
}

impl ProductCatalog {
    /// Parses and validates a catalog file.
    pub fn from_json(bytes: &[u8]) -> Result<Self, CatalogError> {
        let file: CatalogFile = serde_json::from_slice(bytes).map_err(|source| CatalogError::Json {
            line: source.line(),
            column: source.column(),
            source,
        })?;
        Self::new(file.products)
    }

    /// Validates products: non-empty catalog, slug ids without duplicates, non-empty names,
    /// aliases and misspellings with a letter or digit, no surface form shared by two products.
    pub fn new(products: Vec<Product>) -> Result<Self, CatalogError> {
        if products.is_empty() {
            return Err(CatalogError::Empty);
        }
        let mut first_index: HashMap<&str, usize> = HashMap::new();
        let mut forms = Vec::with_capacity(products.len());
        for (index, product) in products.iter().enumerate() {
            let field = format!("products[{index}].id");
            if product.id.is_empty() {
                return Err(CatalogError::EmptyField { field });
            }
            if !is_slug(&product.id) {
                return Err(CatalogError::InvalidId {
                    field,
                    value: product.id.clone(),
                });
            }
            if let Some(&first) = first_index.get(product.id.as_str()) {
                return Err(CatalogError::DuplicateId {
                    field,
                    id: product.id.clone(),
                    first,
                });
            }
            first_index.insert(&product.id, index);
            for (position, topic) in product.topic_ids.iter().enumerate() {
                if topic.trim().is_empty() {
                    let field = format!("products[{index}].topicIds[{position}]");
                    return Err(CatalogError::EmptyField { field });
                }
            }
            forms.push(product_forms(index, product)?);
        }
        check_shared_forms(&products, &forms)?;
        let fingerprint = fingerprint(&products, &forms);
        Ok(Self {
            products,
            forms,
            fingerprint,
        })
    }

    /// Every name a product goes by (display names, aliases, misspellings): never personal
    /// data, whatever their shape ("Aurora", "Isabella Pro").
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.products.iter().flat_map(|p| {
            std::iter::once(p.name.as_str())
                .chain(p.aliases.iter().map(String::as_str))
                .chain(p.misspellings.iter().map(String::as_str))
        })
    }

    /// Every product, in file order; `Mention::product` indexes this slice.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// The product with this id.
    pub fn find(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// The index of the product with this id in [`Self::products`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.products.iter().position(|p| p.id == id)
    }

    pub fn len(&self) -> usize {
        self.products.len()
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// A short stable hash (16 hex chars of SHA-256) of what matching depends on: ids, their
    /// normalised surface forms and topic ids, independent of order, case and accents. Two
    /// catalogs with the same fingerprint count the same mentions.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// The distinct normalised surface forms of product `index` (name first).
    pub(crate) fn forms(&self, index: usize) -> &[String] {
        self.forms.get(index).map_or(&[], Vec::as_slice)
    }
}

fn is_slug(id: &str) -> bool {
    id.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Name, aliases and misspellings of one product, normalised and de-duplicated ("Nimbus Phone
/// mini" and "Nimbus Phone Mini" are one form).
fn product_forms(index: usize, product: &Product) -> Result<Vec<String>, CatalogError> {
    let named = std::iter::once((format!("products[{index}].name"), &product.name))
        .chain(
            (product.aliases.iter().enumerate())
                .map(|(i, alias)| (format!("products[{index}].aliases[{i}]"), alias)),
        )
        .chain(
            (product.misspellings.iter().enumerate())
                .map(|(i, wrong)| (format!("products[{index}].misspellings[{i}]"), wrong)),
        );
    let mut forms: Vec<String> = Vec::new();
    for (field, raw) in named {
        let form = normalize_form(raw);
        if form.is_empty() {
            return Err(CatalogError::EmptyField { field });
        }
        if !form.chars().any(is_word_char) {
            return Err(CatalogError::NoWordCharacter { field });
        }
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    Ok(forms)
}

/// A form may belong to one product only, also as another product's plural ("acme routers"
/// both as a name and as the plural of "acme router" would make counts depend on luck).
fn check_shared_forms(products: &[Product], forms: &[Vec<String>]) -> Result<(), CatalogError> {
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (index, product_forms) in forms.iter().enumerate() {
        for form in product_forms {
            match owner.entry(form.as_str()) {
                Entry::Occupied(entry) => {
                    return Err(shared(products, index, form, form, *entry.get()));
                }
                Entry::Vacant(entry) => {
                    entry.insert(index);
                }
            }
        }
    }
    for (index, product_forms) in forms.iter().enumerate() {
        for form in product_forms {
            for suffix in ["s", "es"] {
                let plural = format!("{form}{suffix}");
                if let Some(&other) = owner.get(plural.as_str()).filter(|&&other| other != index) {
                    return Err(shared(products, index, form, &plural, other));
                }
            }
        }
    }
    Ok(())
}

fn shared(products: &[Product], index: usize, form: &str, shared_form: &str, other: usize) -> CatalogError {
    let id = |i: usize| products.get(i).map(|p| p.id.clone()).unwrap_or_default();
    let field = products
        .get(index)
        .map_or_else(|| format!("products[{index}]"), |p| field_of(p, index, form));
    CatalogError::SharedSurfaceForm {
        field,
        form: shared_form.to_owned(),
        first: id(other),
        second: id(index),
    }
}

/// The field of product `index` whose normalised form is `form`.
fn field_of(product: &Product, index: usize, form: &str) -> String {
    if normalize_form(&product.name) == form {
        return format!("products[{index}].name");
    }
    if let Some(i) = product.aliases.iter().position(|a| normalize_form(a) == form) {
        return format!("products[{index}].aliases[{i}]");
    }
    if let Some(i) = product
        .misspellings
        .iter()
        .position(|m| normalize_form(m) == form)
    {
        return format!("products[{index}].misspellings[{i}]");
    }
    format!("products[{index}]")
}

fn fingerprint(products: &[Product], forms: &[Vec<String>]) -> String {
    let mut entries: Vec<String> = products
        .iter()
        .zip(forms)
        .map(|(product, forms)| {
            let mut forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            forms.sort_unstable();
            let mut topics: Vec<&str> = product.topic_ids.iter().map(String::as_str).collect();
            topics.sort_unstable();
            // Control characters as separators: product names do not contain them.
            format!(
                "{}\u{1f}{}\u{1f}{}",
                product.id,
                forms.join("\u{1f}"),
                topics.join("\u{1f}")
            )
        })
        .collect();
    entries.sort_unstable();
    let digest = Sha256::digest(entries.join("\u{1e}").as_bytes());
    hex::encode(digest)[..16].to_owned()
}
