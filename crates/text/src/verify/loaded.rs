//! Loaded or biased language: judgemental words about the customer or the agent that have no
//! place in a professional summary. A short list on purpose; it flags for review, it does not
//! censor.

use std::sync::LazyLock;

use super::text;
use crate::language::LOADED;
use crate::word_hash::WordMap;

/// A lexicon term and its words.
type Term = (&'static str, Vec<&'static str>);

/// The lexicon's terms by first word (in lexicon order), so each word of a summary costs one
/// lookup rather than a pass over the lexicon.
static BY_FIRST_WORD: LazyLock<WordMap<&str, Vec<Term>>> = LazyLock::new(|| {
    let mut map: WordMap<&str, Vec<Term>> = WordMap::default();
    for term in LOADED {
        let words: Vec<&str> = term.split(' ').collect();
        if let Some(first) = words.first() {
            map.entry(*first).or_default().push((*term, words));
        }
    }
    map
});

/// The distinct loaded terms in `texts`, in lexicon form and first-seen order.
pub(super) fn loaded_terms<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for field in texts {
        let lower = field.to_lowercase();
        let tokens: Vec<&str> = text::words(&lower).iter().map(|w| w.text(&lower)).collect();
        for (i, token) in tokens.iter().enumerate() {
            let Some(terms) = BY_FIRST_WORD.get(token) else {
                continue;
            };
            for (term, words) in terms {
                let matches = words
                    .iter()
                    .enumerate()
                    .all(|(k, part)| tokens.get(i + k) == Some(part));
                if matches && !found.iter().any(|f| f == term) {
                    found.push((*term).to_owned());
                }
            }
        }
    }
    found
}
