//! Cheap tests that rule out most tokens before the address grammar reads them: a call's
//! words are mostly ordinary, and each address detector would otherwise look each of them up.

use super::MAX_STREET_WORDS;
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
