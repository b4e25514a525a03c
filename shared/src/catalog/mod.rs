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

/// The catalog deployed with the functions (`functions/archive-miner/product-catalog.json`):
/// what the miner counts unless S3 replaces it, and the product names summary-api never redacts.
pub const BUILT_IN: &[u8] = include_bytes!("../../../functions/archive-miner/product-catalog.json");

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
