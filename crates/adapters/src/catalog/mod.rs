//! Product catalog and mention matcher.
//!
//! The catalog comes from configuration (`product-catalog.json` in the deployment, overridable
//! from S3): per product an id, a display name, aliases and common misspellings. The matcher
//! counts mentions in transcript text with one Aho-Corasick automaton:
//! - case- and accent-insensitive ("NÍMBUS" is "Nimbus"), whitespace runs equal one space;
//!   typographic apostrophes and hyphens equal ASCII ones, but a hyphen is not a space ("Wi-Fi"
//!   and "Wi Fi" are different unless both are listed);
//! - whole words only, optionally followed by a plural (`s`, `es`) or possessive (`'s`, `’s`,
//!   `s'`) suffix;
//! - leftmost-longest without overlaps: "Acme Router Pro" is one mention, never also "Acme
//!   Router" or "Router Pro"; when the longest form is not a whole word there ("Acme Router
//!   Profile"), a shorter form that is ("Acme Router") still counts.

mod matcher;
mod model;
mod normalize;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_matcher;

pub use matcher::{Mention, MentionMatcher};
pub use model::{Product, ProductCatalog};

use wrapup_genesys::config::S3Object;

/// The catalog deployed with the functions (`functions/archive-miner/product-catalog.json`):
/// what the miner counts unless S3 replaces it, and the product names summary-api never redacts.
pub const BUILT_IN: &[u8] = include_bytes!("../../../../functions/archive-miner/product-catalog.json");

/// The catalog in force: the one at `location` (`WRAPUP_CATALOG_S3_URI`) when set, else the
/// built-in one. Read once at cold start by the miner, which counts its products, and by
/// summary-api, which never redacts them.
pub async fn load(s3: &aws_sdk_s3::Client, location: Option<&S3Object>) -> Result<ProductCatalog, LoadError> {
    let Some(location) = location else {
        return Ok(ProductCatalog::from_json(BUILT_IN)?);
    };
    let object = s3
        .get_object()
        .bucket(&location.bucket)
        .key(&location.key)
        .send()
        .await
        .map_err(|e| LoadError::Read {
            location: location.to_string(),
            reason: aws_sdk_s3::error::DisplayErrorContext(&e).to_string(),
        })?;
    let bytes = object
        .body
        .collect()
        .await
        .map_err(|e| LoadError::Read {
            location: location.to_string(),
            reason: e.to_string(),
        })?
        .into_bytes();
    Ok(ProductCatalog::from_json(&bytes)?)
}

/// Why the catalog in force could not be loaded. For logs at cold start only, never an answer.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("reading the product catalog at {location}: {reason}")]
    Read { location: String, reason: String },
    #[error(transparent)]
    Invalid(#[from] CatalogError),
}

/// Why a catalog was rejected. Field paths follow the file (`products[3].aliases[1]`).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// `source` says where: "… at line 3 column 14".
    #[error("product catalog is not valid JSON: {source}")]
    Json {
        line: usize,
        column: usize,
        source: serde_json::Error,
    },
    #[error("product catalog has no products")]
    Empty,
    #[error("{field}: empty")]
    EmptyField { field: String },
    #[error("{field}: {value:?} is not a slug ([a-z0-9-]+)")]
    InvalidId { field: String, value: String },
    #[error("{field}: duplicate id {id:?} (also products[{first}])")]
    DuplicateId { field: String, id: String, first: usize },
    #[error("{field}: has no letter or digit")]
    NoWordCharacter { field: String },
    #[error("{field}: {form:?} is both {first} and {second}")]
    SharedSurfaceForm {
        field: String,
        form: String,
        first: String,
        second: String,
    },
    #[error("product catalog cannot be compiled into a matcher: {reason}")]
    Matcher { reason: String },
}
