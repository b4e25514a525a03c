//! The lexer that splits a word into the number words of the served languages
//! ([`super::super::word_forms`]), compounds included ("siebenundsechzig", "trentotto",
//! "vierentachtig"). Spellings are folded to ASCII (accents dropped, ß as ss) because ASR output
//! drops accents unpredictably.

use super::super::token::{Class, Token, Tokens};
use super::super::word_forms::{Buckets, Folded, WORDS, fold, has_prefix};
use super::{Atom, Slot, Slots};

/// At most this many number words in one written word.
const MAX_ATOMS: usize = 12;

/// A token's lowercase text folded to ASCII: borrowed when it already is.
pub(in super::super) enum Word<'a> {
    Ascii(&'a str),
    Folded(Folded),
}

impl Word<'_> {
    pub(in super::super) fn as_str(&self) -> &str {
        match self {
            Word::Ascii(word) => word,
            Word::Folded(folded) => folded.as_str(),
        }
    }
}

/// Word token `i` folded, if some entry of `table` starts it: most words are turned away by a
/// look-up and a few byte comparisons, without copying.
pub(in super::super) fn fold_token<'a, T>(
    tokens: &'a Tokens<'_>,
    i: usize,
    table: &Buckets<T>,
) -> Option<Word<'a>> {
    let t = tokens.get(i).filter(|t| t.class == Class::Word)?;
    if !table.may_start(head(tokens.lower_text().as_bytes(), t)) {
        return None;
    }
    let lower = tokens.lower_text().get(t.start..t.end)?;
    if lower.is_ascii() {
        return table.starts(lower.as_bytes()).then_some(Word::Ascii(lower));
    }
    let folded = fold(&tokens.lower(i))?;
    table
        .starts(folded.as_str().as_bytes())
        .then_some(Word::Folded(folded))
}

/// The first three bytes of token `t` in the lowercase text (fewer for a shorter word).
#[inline]
pub(in super::super) fn head<'a>(lower: &'a [u8], t: &Token) -> &'a [u8] {
    lower.get(t.start..t.end.min(t.start + 3)).unwrap_or_default()
}

/// Whether a number word may start word token `t`, told from its first letters: most words
/// are ruled out this way without parsing.
#[inline]
pub(in super::super) fn may_start_word(t: &Token) -> bool {
    t.number_start
}

/// Appends the number words of folded `word` (token `token`) to `slots`, hyphenated parts and
/// compounds split; false, with nothing appended, if some part is not made of number words.
pub(super) fn split_word(word: &str, token: usize, slots: &mut Slots) -> bool {
    let start = slots.len();
    for piece in word.as_bytes().split(|&b| b == b'-') {
        let first = slots.len();
        let ok = match piece {
            [] => false,
            [_] => WORDS
                .exact(piece)
                .map(|atom| slots.push(slot(*atom, token)))
                .is_some(),
            _ => split_piece(piece, token, slots, start),
        };
        if !ok {
            slots.truncate(start);
            return false;
        }
        if let Some(s) = slots.get_mut(first) {
            s.piece_start = true;
        }
    }
    if let Some(s) = slots.get_mut(start) {
        s.token_start = true;
    }
    slots.len() > start
}

fn slot(atom: Atom, token: usize) -> Slot {
    Slot {
        atom,
        token,
        token_start: false,
        piece_start: false,
    }
}

/// Longest spelling first, backtracking when the rest does not split: "centottanta" is
/// cent + ottanta, not cento + "ttanta".
fn split_piece(rest: &[u8], token: usize, slots: &mut Slots, word_start: usize) -> bool {
    if rest.is_empty() {
        return true;
    }
    if rest.len() < 2 || slots.len() - word_start >= MAX_ATOMS {
        return false;
    }
    for (form, atom) in WORDS.bucket(rest) {
        if has_prefix(rest, form.as_bytes())
            && let Some(tail) = rest.get(form.len()..)
        {
            slots.push(slot(*atom, token));
            if split_piece(tail, token, slots, word_start) {
                return true;
            }
            slots.pop();
        }
    }
    false
}
