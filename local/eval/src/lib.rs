//! The labelled evaluation set in `eval/` (see its README): calls written independently of the
//! detectors, each with its personal data and its look-alikes. This crate loads them, turns them
//! into transcripts or simulator conversations, and scores what came out of the pipeline.
//!
//! Scoring is the set's own, not the detectors': a PII item leaks into an output when any of its
//! identifying words (words of three or more characters that occur nowhere else in the call and
//! are not address or date vocabulary, titles or single number words) or, for numbers read
//! aloud, any three of its number words in a row appears there; a look-alike survives when the
//! redacted utterances still hold it as often as the originals.

mod report;
mod score;
mod set;
mod spoken;
pub mod summary_score;

pub use report::{Figures, LanguageFigures, Report};
pub use score::{Leaks, Scorer};
pub use set::{ErrorKind, EvalCall, Item, Perturbation, RefActionItem, Reference, Turn, load, repo_eval_dir};
