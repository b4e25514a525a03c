//! Cheap tests that rule out most tokens before the address grammar reads them: a call's
//! words are mostly ordinary, and each address detector would otherwise look each of them up.

use std::sync::LazyLock;

use super::MAX_STREET_WORDS;
use crate::redact::lexicon;
use crate::redact::numbers;
use crate::redact::scan::Scan;
use crate::redact::token::{Class, Tokens};
use crate::redact::words;

/// Whether a street type ("Road", "straat") follows capitalised word `i` close enough to end
/// a street line starting there: a street line without a number has at most
/// [`MAX_STREET_WORDS`] words, its type after the first.
pub(super) fn has_street_type(tokens: &Tokens<'_>, i: usize) -> bool {
    (i + 1..tokens.len().min(i + MAX_STREET_WORDS)).any(|k| {
        tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Word && t.lex & words::STREET_AFTER != 0)
    })
}

/// A word that reads no number ("this" starts like "thirteen" but is none) and is no street
/// type before a name, unit or ordinal: no unit starts there, and a street line or postcode
/// only when it is capitalised, a street compound or a single letter.
#[inline]
pub(super) fn plain_word(scan: &Scan<'_>, i: usize) -> bool {
    let tokens = &scan.tokens;
    tokens.get(i).is_some_and(|t| {
        t.class == Class::Word
            && (!numbers::may_start_word(t)
                || (scan.spoken_at(i).is_none() && numbers::cardinal_at(tokens, i).is_none()))
    }) && !tokens.has(i, words::ADDRESS_START)
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
pub(super) fn may_end_street(lower: &[u8]) -> bool {
    end_key(lower).is_some_and(|k| {
        SUFFIX_ENDS
            .get(k / 64)
            .is_some_and(|bits| bits & (1 << (k % 64)) != 0)
    })
}
