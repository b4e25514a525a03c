//! The tokenizer for any text, a character at a time (the ASCII fast path's reference).

use super::*;

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 4 + 1);
    let mut space_before = false;
    let mut sentence_start = true;
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        let start = at;
        at += c.len_utf8();
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        if c == '['
            && let Some(len) = marker_len(text.get(start..).unwrap_or_default())
        {
            at = start + len;
            toks.push(Token::marker(start, at, space_before, sentence_start));
            sentence_start = false;
            space_before = false;
            continue;
        }
        let (mut hyphen, mut apostrophe) = (false, false);
        let (class, cap, upper) = if c.is_alphanumeric() {
            let (mut letters, mut digits, mut uppers) = (0usize, 0usize, 0usize);
            let mut count = |ch: char| {
                if ch.is_ascii_digit() {
                    digits += 1;
                } else {
                    letters += 1;
                    uppers += usize::from(ch.is_uppercase());
                }
            };
            count(c);
            while let Some(ch) = char_at(text, at) {
                if ch.is_alphanumeric() {
                    count(ch);
                    at += ch.len_utf8();
                    continue;
                }
                // An apostrophe or hyphen joins letters to letters ("O'Brien", "twenty-two").
                let joins = is_joiner(ch)
                    && char_before(text, at).is_some_and(char::is_alphabetic)
                    && char_at(text, at + ch.len_utf8()).is_some_and(char::is_alphabetic);
                if !joins {
                    break;
                }
                hyphen |= ch == '-';
                apostrophe |= ch != '-';
                at += ch.len_utf8();
            }
            let class = Class::of_word(letters, digits);
            (class, c.is_uppercase(), uppers >= 2 && uppers == letters)
        } else {
            (Class::Punct, false, false)
        };
        toks.push(Token {
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
        });
        if class == Class::Punct {
            let spaced = char_at(text, at).is_none_or(char::is_whitespace);
            if matches!(c, '!' | '?' | '¿' | '¡' | '•') || (matches!(c, '.' | ':' | ';') && spaced) {
                sentence_start = true;
            }
            // Other punctuation (quotes, dashes, commas) keeps a pending sentence start.
        } else {
            sentence_start = false;
        }
        space_before = false;
    }
    toks
}
