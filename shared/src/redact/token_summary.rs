//! What a text's tokens hold, told once when it is tokenised: detectors ask it before walking
//! the tokens, and most utterances hold none of what they look for.

use super::{Class, Token};

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
}

impl Summary {
    pub(super) fn of(text: &str, toks: &[Token]) -> Self {
        let mut summary = Summary::default();
        for t in toks {
            match t.class {
                Class::Punct => {
                    if let Some(&b) = text.as_bytes().get(t.start)
                        && b.is_ascii()
                    {
                        summary.punct |= 1 << b;
                    }
                }
                Class::Word if is_one_char(text, t) => {
                    summary.letter_words = summary.letter_words.saturating_add(1);
                }
                Class::Word => {}
                Class::Number => summary.digits += t.len(),
                Class::Mixed | Class::Marker => {
                    let token = text.as_bytes().get(t.start..t.end).unwrap_or_default();
                    summary.digits += token.iter().filter(|b| b.is_ascii_digit()).count();
                }
            }
            summary.hyphen_word |= t.hyphen;
        }
        summary
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
    t.len() == 1
        || (t.len() <= 4 && {
            let mut chars = text.get(t.start..t.end).unwrap_or_default().chars();
            chars.next().is_some() && chars.next().is_none()
        })
}
