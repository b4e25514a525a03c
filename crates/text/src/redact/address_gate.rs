//! Cheap tests that rule out most tokens before the address grammar reads them (a call's
//! words are mostly ordinary, and each address detector would otherwise look each of them up),
//! and the shapes that open or rule out an address at a token.

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

/// "order 50674", "€ 12000": digits after a reference word or a currency are not a postcode.
pub(super) fn after_reference_or_amount(tokens: &Tokens<'_>, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    if tokens.get(prev).is_some_and(|t| t.class == Class::Punct) {
        return matches!(tokens.text(prev), "$" | "£" | "€" | "¥" | "₹" | "#" | "№");
    }
    tokens.is_one_of(
        prev,
        &[
            "order",
            "invoice",
            "ticket",
            "case",
            "ref",
            "number",
            "no",
            "nr",
            "nº",
            "pedido",
            "commande",
            "bestellung",
            "ordine",
            "encomenda",
            "bestelling",
            "euro",
            "euros",
            "eur",
            "usd",
            "gbp",
            "chf",
            "k",
        ],
    )
}

/// A flat's code as Indian addresses open with it ("B-14, ", "C/203, "): one or two capitals
/// glued to a dash or slash and a number, then a comma; the comma's index.
pub(super) fn flat_code(tokens: &Tokens<'_>, i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    let letters = t.class == Class::Word && t.len() <= 2 && tokens.text(i).chars().all(char::is_uppercase);
    let glued = |k: usize| tokens.get(k).is_some_and(|n| !n.space_before);
    let joined = (tokens.is_punct(i + 1, '-') || tokens.is_punct(i + 1, '/')) && glued(i + 1);
    let number = tokens.get(i + 2).is_some_and(|n| n.class == Class::Number) && glued(i + 2);
    (letters && joined && number && tokens.is_punct(i + 3, ',')).then_some(i + 3)
}
