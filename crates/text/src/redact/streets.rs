//! Street suffixes ("-straße", "-weg", "-gracht"): whether a word may end in one, told for every
//! word when it is tokenised (the word table) and read again by the address detector. A leaf
//! below both.

use std::sync::LazyLock;

use super::lexicon;
use crate::word_hash::WordMap;

struct Suffixes {
    /// The street suffixes by their last three characters: most words end otherwise, and are
    /// told apart with one lookup; the others are compared with the few suffixes of their
    /// ending only.
    by_tail: WordMap<String, Vec<&'static str>>,
    /// Suffixes of fewer than three characters (none today), compared with every word.
    short: Vec<&'static str>,
}

static SUFFIXES: LazyLock<Suffixes> = LazyLock::new(|| Suffixes {
    by_tail: lexicon::all(|l| l.street_suffixes).fold(WordMap::default(), |mut map, s| {
        map.entry(tail3(s).to_owned()).or_insert_with(Vec::new).push(s);
        map
    }),
    short: lexicon::all(|l| l.street_suffixes)
        .filter(|s| s.chars().count() < 3)
        .collect(),
});

/// The street suffixes `lower` may end with: those of its last three characters, and the short
/// ones.
pub(crate) fn with_ending(lower: &str) -> impl Iterator<Item = &'static &'static str> {
    SUFFIXES
        .by_tail
        .get(tail3(lower))
        .into_iter()
        .flatten()
        .chain(&SUFFIXES.short)
}

/// Whether lowercase `lower` ends in a street suffix with two characters or more before it.
pub(crate) fn ends_in_street_suffix(lower: &str) -> bool {
    if !may_end_street(lower.as_bytes()) {
        return false;
    }
    // A suffix of three characters or more ends the word only if it has the word's ending.
    with_ending(lower).any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
}

/// The last three characters of a word (all of it when shorter).
fn tail3(word: &str) -> &str {
    let start = word.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    word.get(start..).unwrap_or(word)
}

/// Bit `k`: some street suffix ends with the three bytes keyed `k`. Every suffix has three
/// bytes or more, so a word whose last three bytes are unset ends with none: most words are
/// ruled out without hashing.
static SUFFIX_ENDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; END_KEYS / 64];
    for suffix in lexicon::all(|l| l.street_suffixes) {
        match end_key(suffix.as_bytes()) {
            Some(k) => {
                if let Some(word) = bits.get_mut(k / 64) {
                    *word |= 1 << (k % 64);
                }
            }
            // A shorter suffix would end words of any ending: no filter then.
            None => bits.fill(u64::MAX),
        }
    }
    bits
});
const END_KEYS: usize = 1 << 16;

#[inline]
fn end_key(word: &[u8]) -> Option<usize> {
    let [a, b, c] = *word.get(word.len().checked_sub(3)?..)? else {
        return None;
    };
    Some(((usize::from(a) * 31 + usize::from(b)) * 31 + usize::from(c)) % END_KEYS)
}

#[inline]
fn may_end_street(lower: &[u8]) -> bool {
    end_key(lower).is_some_and(|k| {
        SUFFIX_ENDS
            .get(k / 64)
            .is_some_and(|bits| bits & (1 << (k % 64)) != 0)
    })
}
