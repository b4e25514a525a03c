//! What a text's tokens hold, told once when it is tokenised: detectors ask it before walking
//! the tokens, and most utterances hold none of what they look for.

use super::{Class, Token};
use crate::redact::words::Lex;

/// Facts about a text's tokens; each is exact, so a detector gated on one misses nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// The ASCII punctuation characters of the text's punctuation tokens, one bit each.
    punct: u128,
    /// A word or code joined by a hyphen ("Jean-Pierre", "K-O-W-A-L-S-K-I").
    pub hyphen_word: bool,
    /// Words of one character ("I", "a", "S" of "S U B"), up to `u8::MAX`.
    pub letter_words: u8,
    /// The ASCII digits of the text: only numbers, codes and markers hold any.
    pub digits: usize,
    /// Words that may be number words ([`Token::number_word`]) and may start one: the only
    /// tokens a number reader reads a cardinal or a run of digits from. A lone "and", "y",
    /// "et" inside a number starts neither ([`crate::redact::word_forms::is_connector`]).
    pub number_words: usize,
    /// A word whose first letters start a month name ([`Token::month_start`]).
    pub month_words: bool,
    /// The word lists some token is in: the union of the tokens' [`Token::lex`] (none when
    /// the tokens were made without word lists).
    pub words_in: Lex,
}

impl Summary {
    pub(super) fn of(text: &str, toks: &[Token]) -> Self {
        let mut summary = Summary::default();
        for t in toks {
            summary.add(text, t);
        }
        summary
    }

    /// Adds token `t` of `text`: the tokenizer's fast path tells each token as it makes it
    /// (inlined there: a call per token cost more than the work).
    #[inline(always)]
    pub(super) fn add(&mut self, text: &str, t: &Token) {
        match t.class {
            Class::Punct => {
                if let Some(&b) = text.as_bytes().get(t.start)
                    && b.is_ascii()
                {
                    self.punct |= 1 << b;
                }
            }
            Class::Word if is_one_char(text, t) => {
                self.letter_words = self.letter_words.saturating_add(1);
            }
            Class::Word => {}
            Class::Number => self.digits += t.len(),
            Class::Mixed | Class::Marker => {
                let token = text.as_bytes().get(t.start..t.end).unwrap_or_default();
                self.digits += token.iter().filter(|b| b.is_ascii_digit()).count();
            }
        }
        self.hyphen_word |= t.hyphen;
        self.month_words |= t.month_start;
        // Told only of the rare number words: "and" is most of them in English.
        self.number_words += usize::from(
            t.number_word
                && !crate::redact::word_forms::is_connector(
                    text.as_bytes().get(t.start..t.end).unwrap_or_default(),
                ),
        );
        self.words_in |= t.lex;
    }

    /// Whether the ASCII character `c` is in the text. Punctuation is a token of its own, a
    /// hyphen inside a word marks the word, and no other token holds one of these.
    pub fn has_punct(&self, c: u8) -> bool {
        debug_assert!(c.is_ascii_punctuation() && !matches!(c, b'\'' | b'[' | b']' | b'_'));
        c.is_ascii() && self.punct & (1 << c) != 0 || (c == b'-' && self.hyphen_word)
    }
}

/// Whether token `t` is one character.
#[inline]
pub(super) fn is_one_char(text: &str, t: &Token) -> bool {
    // An ASCII character is one byte: a longer token starting with one is no single character.
    t.len() == 1
        || (t.len() <= 4 && text.as_bytes().get(t.start).is_some_and(|b| !b.is_ascii()) && {
            let mut chars = text.get(t.start..t.end).unwrap_or_default().chars();
            chars.next().is_some() && chars.next().is_none()
        })
}

/// Texts of the pieces the gates tell apart, for the gates' property tests: number words,
/// letters spelled out, hyphenated words and codes, digits, markers, punctuation and
/// non-ASCII words, run together or spaced.
#[cfg(test)]
pub(crate) fn texts() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        prop::sample::select(vec![
            "four",
            "forty-two",
            "this",
            "thin",
            "for",
            "one",
            "oh",
            "double",
            "vingt-et-un",
            "zweiundvierzig",
            "dreißig",
            "ÉCOLE",
            "Straße",
            "S",
            "u",
            "é",
            "ß",
            "I",
            "a",
            "K-O-W",
            "Jean-Pierre",
            "a1b-c",
            "123",
            "4455",
            "4B",
            "[NAME_1]",
            "[CARD]",
            "@",
            "?",
            "-",
            "'",
            "’",
            ".",
            ",",
            "at",
            "arroba",
            "and",
            "y",
            "et",
            "und",
            "e",
            "en",
            "AND",
            "five",
            "siete",
            "hundred",
            "thousand",
            "euros",
            "percent",
            "cents",
            "$",
            "RV",
            "dot",
            "com",
            "٣",
            "²",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9@?'’.,é_\\[\\]-]{1,6}",
    ];
    proptest::collection::vec((piece, prop::bool::ANY), 0..14).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(p, spaced)| if spaced { format!("{p} ") } else { p })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::super::Tokens;
    use super::*;

    proptest::proptest! {
        /// Each fact is what searching the text itself says.
        #[test]
        fn facts_are_the_texts(text in texts()) {
            let summary = Tokens::new(&text).summary;
            for c in [b'@', b'?', b'-'] {
                proptest::prop_assert_eq!(summary.has_punct(c), text.contains(char::from(c)), "{:?}", char::from(c));
            }
            proptest::prop_assert_eq!(summary.digits, text.bytes().filter(u8::is_ascii_digit).count());
        }
    }
}
