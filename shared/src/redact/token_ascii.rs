//! The tokenizer's fast path for ASCII text, which most utterances are.

use super::*;

const SPACE: u8 = 1;
const DIGIT: u8 = 1 << 1;
const LOWER: u8 = 1 << 2;
const UPPER: u8 = 1 << 3;
const LETTER: u8 = LOWER | UPPER;
const ALNUM: u8 = LETTER | DIGIT;

/// What each byte is, one load per byte instead of a comparison per class.
static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if matches!(c, b'\t'..=b'\r' | b' ') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

#[inline]
fn class_of(b: u8) -> u8 {
    CLASSES.get(usize::from(b)).copied().unwrap_or(0)
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
            let mut t = Token {
                start,
                end: at,
                class: Class::Marker,
                space_before,
                cap: false,
                upper: false,
                sentence_start,
                hyphen: false,
                number_start: false,
                number_word: false,
                month_start: false,
                lex: 0,
                hash: 0,
            };
            finish(&mut t);
            toks.push(t);
            sentence_start = false;
            space_before = false;
            continue;
        }
        let mut hyphen = false;
        let (class, cap, upper) = if c.is_ascii_alphanumeric() {
            let (mut letters, mut digits, mut uppers) = (0usize, 0usize, 0usize);
            let mut k = start;
            while let Some(&b) = bytes.get(k) {
                let class = class_of(b);
                if class & ALNUM != 0 {
                    digits += usize::from(class & DIGIT != 0);
                    letters += usize::from(class & LETTER != 0);
                    uppers += usize::from(class & UPPER != 0);
                } else if matches!(b, b'\'' | b'-') && letter(k - 1) && letter(k + 1) {
                    // An apostrophe or hyphen joins letters to letters ("O'Brien", "twenty-two").
                    hyphen |= b == b'-';
                } else {
                    break;
                }
                k += 1;
            }
            at = k;
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
            number_start: false,
            number_word: false,
            month_start: false,
            lex: 0,
            hash: 0,
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
