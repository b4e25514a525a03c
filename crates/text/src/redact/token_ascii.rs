//! The tokenizer's fast path for ASCII text, which most utterances are.

use super::*;

const SPACE: u8 = 1;
const DIGIT: u8 = 1 << 1;
const LOWER: u8 = 1 << 2;
const UPPER: u8 = 1 << 3;
const LETTER: u8 = LOWER | UPPER;

/// What each byte is, one load per byte instead of a comparison per class; and what it adds to
/// a word's counts, fields of [`FIELD`] bits: a digit 1 in the first, a letter 1 in the second,
/// a capital 1 in the second and the third, 0 for a byte no word holds (one addition a byte
/// instead of a test per count).
static BYTES: ([u8; 256], [u64; 256]) = {
    let (mut classes, mut counts) = ([0u8; 256], [0u64; 256]);
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        (classes[b], counts[b]) = if c.is_ascii_digit() {
            (DIGIT, 1)
        } else if c.is_ascii_lowercase() {
            (LOWER, 1 << FIELD)
        } else if c.is_ascii_uppercase() {
            (UPPER, (1 << FIELD) | (1 << (2 * FIELD)))
        } else if matches!(c, b'\t'..=b'\r' | b' ') {
            (SPACE, 0)
        } else {
            (0, 0)
        };
        b += 1;
    }
    (classes, counts)
};

const FIELD: u32 = 21;

#[inline]
fn count_of(b: u8) -> u64 {
    BYTES.1.get(usize::from(b)).copied().unwrap_or(0)
}

/// The letters, digits and capitals of `word` from its counts ([`BYTES`]) summed; counted again when
/// the word is too long for the fields (they would carry into each other).
#[inline]
fn counted(counts: u64, word: &[u8]) -> (usize, usize, usize) {
    if word.len() < 1 << FIELD {
        let field = |i: u32| ((counts >> (i * FIELD)) & ((1 << FIELD) - 1)) as usize;
        return (field(1), field(0), field(2));
    }
    let letters = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let digits = word.iter().filter(|b| b.is_ascii_digit()).count();
    let uppers = word.iter().filter(|b| b.is_ascii_uppercase()).count();
    (letters, digits, uppers)
}

#[inline]
fn class_of(b: u8) -> u8 {
    BYTES.0.get(usize::from(b)).copied().unwrap_or(0)
}

/// [`tokenize`] for ASCII text (most utterances), a byte at a time: the same tokens, with the
/// letters and capitals of the text counted on the way.
#[cfg(test)]
pub(super) fn tokenize_ascii(text: &str) -> (Vec<Token>, usize, usize) {
    tokenize_ascii_with(text, Vec::new(), |_| {})
}

/// [`tokenize_ascii`] into `toks` (emptied), with `finish` told each token as it is made
/// (before it is pushed): the facts of a token are read while its bytes are still at hand, in
/// the one pass.
#[inline]
pub(super) fn tokenize_ascii_with(
    text: &str,
    mut toks: Vec<Token>,
    mut finish: impl FnMut(&mut Token),
) -> (Vec<Token>, usize, usize) {
    let bytes = text.as_bytes();
    // `char::is_whitespace` in ASCII: tab, line feed, vertical tab, form feed, return, space.
    let space = |b: u8| class_of(b) & SPACE != 0;
    let letter = |k: usize| bytes.get(k).is_some_and(|&b| class_of(b) & LETTER != 0);
    toks.clear();
    toks.reserve(text.len() / 4 + 1);
    let (mut text_letters, mut text_uppers) = (0usize, 0usize);
    let mut space_before = false;
    let mut sentence_start = true;
    let mut at = 0;
    while let Some(&c) = bytes.get(at) {
        let start = at;
        at += 1;
        if space(c) {
            space_before = true;
            continue;
        }
        if c == b'['
            && let Some(len) = marker_len(text.get(start..).unwrap_or_default())
        {
            at = start + len;
            // A marker's letters are the text's letters too.
            let label = bytes.get(start..at).unwrap_or_default();
            text_letters += label.iter().filter(|b| b.is_ascii_alphabetic()).count();
            text_uppers += label.iter().filter(|b| b.is_ascii_uppercase()).count();
            let mut t = Token::marker(start, at, space_before, sentence_start);
            finish(&mut t);
            toks.push(t);
            sentence_start = false;
            space_before = false;
            continue;
        }
        let (mut hyphen, mut apostrophe) = (false, false);
        let (class, cap, upper) = if c.is_ascii_alphanumeric() {
            let mut counts = 0u64;
            let mut k = start;
            while let Some(&b) = bytes.get(k) {
                let count = count_of(b);
                if count != 0 {
                    counts += count;
                } else if matches!(b, b'\'' | b'-') && letter(k - 1) && letter(k + 1) {
                    // An apostrophe or hyphen joins letters to letters ("O'Brien", "twenty-two").
                    hyphen |= b == b'-';
                    apostrophe |= b == b'\'';
                } else {
                    break;
                }
                k += 1;
            }
            at = k;
            let (letters, digits, uppers) = counted(counts, bytes.get(start..k).unwrap_or_default());
            text_letters += letters;
            text_uppers += uppers;
            let class = Class::of_word(letters, digits);
            (class, c.is_ascii_uppercase(), uppers >= 2 && uppers == letters)
        } else {
            (Class::Punct, false, false)
        };
        let mut t = Token {
            start,
            end: at,
            class,
            space_before,
            cap,
            upper,
            sentence_start,
            hyphen,
            apostrophe,
            ..Token::UNTOLD
        };
        finish(&mut t);
        toks.push(t);
        if class == Class::Punct {
            let spaced = bytes.get(at).is_none_or(|&b| space(b));
            if matches!(c, b'!' | b'?') || (matches!(c, b'.' | b':' | b';') && spaced) {
                sentence_start = true;
            }
        } else {
            sentence_start = false;
        }
        space_before = false;
    }
    (toks, text_letters, text_uppers)
}
