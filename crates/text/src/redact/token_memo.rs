//! What the tokenizer tells of a word (its word lists, its number and month marks), told by one
//! lookup: a small cache keyed by the word's lowercase bytes, one per thread, kept from text to
//! text and call to call. A text repeats the words of the texts before it ("the", "your",
//! "account"), so most words are told by one hash of their bytes and one compare instead of the
//! word table, the number and month prefix tables and the street-suffix check each.
//!
//! The cache is exact: an entry holds the whole word it was made for (its length and bytes, up
//! to [`LONGEST`]) and is used only for that word; a longer word, or any word when the cache is
//! busy, is told directly. What it holds is a function of the word's bytes alone, so a hit says
//! what telling the word directly would.

use std::cell::RefCell;

use super::{Class, Token};
use crate::redact::words::{self, Lex};

/// Words of more bytes are told directly (few words are this long).
const LONGEST: usize = 16;
/// The cache holds `1 << BITS` words (32 bytes each).
const BITS: u32 = 12;

const NUMBER_START: u8 = 1;
const NUMBER_WORD: u8 = 1 << 1;
const MONTH_START: u8 = 1 << 2;

/// One word's facts, with the word they are of: its length (0 for no word) and its bytes in two
/// numbers ([`key`]).
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    first: u64,
    last: u64,
    lex: Lex,
    len: u8,
    marks: u8,
}

/// A direct-mapped cache of words' facts: a word has one slot, and a word told there replaces
/// the one before it.
pub(super) struct Memo {
    entries: Box<[Entry]>,
    shift: u32,
}

impl Memo {
    fn with_bits(bits: u32) -> Self {
        Self {
            entries: vec![Entry::default(); 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
        }
    }

    /// Sets the word lists and the number and month marks of word token `t` (a word, number or
    /// code; not punctuation nor a marker), whose lowercase bytes are `lower[t.start..t.end]`.
    #[inline(always)]
    pub(super) fn tell(&mut self, lower: &[u8], t: &mut Token) {
        let word = lower.get(t.start..t.end).unwrap_or_default();
        let len = word.len();
        if len > LONGEST || len == 0 {
            tell_directly(word, t);
            return;
        }
        let (first, last) = key(word);
        let mixed = mix(first, last, len);
        t.hash = (mixed >> 32) as u32;
        let Some(entry) = self.entries.get_mut((mixed >> self.shift) as usize) else {
            tell_directly(word, t);
            return;
        };
        if usize::from(entry.len) != len || entry.first != first || entry.last != last {
            let (lex, marks) = facts(word, t.class);
            *entry = Entry {
                first,
                last,
                lex,
                len: len as u8,
                marks,
            };
        }
        t.lex = entry.lex;
        t.number_start = entry.marks & NUMBER_START != 0;
        t.number_word = entry.marks & NUMBER_WORD != 0;
        t.month_start = entry.marks & MONTH_START != 0;
    }
}

#[inline(always)]
fn mix(first: u64, last: u64, len: usize) -> u64 {
    (first ^ last.rotate_left(32) ^ ((len as u64) << 58)).wrapping_mul(MULTIPLIER)
}

/// A hash of a word's bytes, the one the cache is keyed by (for a word of up to [`LONGEST`]
/// bytes): what the tokenizer tells of each word ([`Token::hash`]), for filters in front of
/// a call's word sets.
pub(crate) fn word_hash(word: &[u8]) -> u32 {
    let len = word.len();
    if (1..=LONGEST).contains(&len) {
        let (first, last) = key(word);
        return (mix(first, last, len) >> 32) as u32;
    }
    let mut chunks = word.chunks(8);
    let folded = chunks.by_ref().fold(len as u64, |h, chunk| {
        let mut bytes = [0u8; 8];
        bytes.iter_mut().zip(chunk).for_each(|(b, c)| *b = *c);
        (h.rotate_left(5) ^ u64::from_le_bytes(bytes)).wrapping_mul(MULTIPLIER)
    });
    (folded >> 32) as u32
}

/// An odd constant with well-spread bits (from PCG).
const MULTIPLIER: u64 = 0x5851_f42d_4c95_7f2d;

/// A word of 1 to 16 bytes as two numbers that, with its length, give back every byte: its
/// first and last eight bytes (overlapping when shorter than 16), its first and last four when
/// shorter than eight, its first, middle and last byte when shorter than four.
#[inline(always)]
fn key(word: &[u8]) -> (u64, u64) {
    let len = word.len();
    if let (Some(first), Some(last)) = (word.first_chunk::<8>(), word.last_chunk::<8>()) {
        return (u64::from_le_bytes(*first), u64::from_le_bytes(*last));
    }
    if let (Some(first), Some(last)) = (word.first_chunk::<4>(), word.last_chunk::<4>()) {
        let packed = u64::from(u32::from_le_bytes(*first)) | (u64::from(u32::from_le_bytes(*last)) << 32);
        return (packed, 0);
    }
    let byte = |i: usize| u64::from(word.get(i).copied().unwrap_or(0));
    (
        byte(0) | (byte(len / 2) << 8) | (byte(len.saturating_sub(1)) << 16),
        0,
    )
}

/// The word lists and marks of a word told without the cache.
fn facts(word: &[u8], class: Class) -> (Lex, u8) {
    let lower = std::str::from_utf8(word).unwrap_or_default();
    let lex = words::lex_of(lower, class == Class::Word && word.len() > 5);
    let marks = if class == Class::Word {
        let (number_start, number_word, month_start) = crate::redact::word_forms::word_marks(word);
        [
            (number_start, NUMBER_START),
            (number_word, NUMBER_WORD),
            (month_start, MONTH_START),
        ]
        .into_iter()
        .filter(|(set, _)| *set)
        .fold(0, |marks, (_, bit)| marks | bit)
    } else {
        0
    };
    (lex, marks)
}

/// Sets [`Token::number_start`] of every word, from the lowercased text: once per word, when
/// the text is tokenized.
pub(in crate::redact::token) fn mark_number_starts(lower: &[u8], toks: &mut [Token]) {
    toks.iter_mut().for_each(|t| mark_number_start(lower, t));
}

/// [`mark_number_starts`] for one token, as the tokenizer makes it (inlined there: a call
/// per token cost more than the work).
#[inline(always)]
pub(in crate::redact::token) fn mark_number_start(lower: &[u8], t: &mut Token) {
    if t.class != Class::Word {
        return;
    }
    let word = lower.get(t.start..t.end).unwrap_or_default();
    (t.number_start, t.number_word, t.month_start) = crate::redact::word_forms::word_marks(word);
}

fn tell_directly(word: &[u8], t: &mut Token) {
    t.hash = word_hash(word);
    let (lex, marks) = facts(word, t.class);
    t.lex = lex;
    t.number_start = marks & NUMBER_START != 0;
    t.number_word = marks & NUMBER_WORD != 0;
    t.month_start = marks & MONTH_START != 0;
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// `f` with this thread's cache, or with none when it is in use (a word list being built while
/// a text is tokenised).
#[inline]
pub(super) fn with<R>(f: impl FnOnce(Option<&mut Memo>) -> R) -> R {
    MEMO.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => f(Some(memo.get_or_insert_with(|| Memo::with_bits(BITS)))),
        Err(_) => f(None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn token(word: &str) -> Token {
        let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
        let digits = word.bytes().filter(u8::is_ascii_digit).count();
        Token {
            end: word.len(),
            class: Class::of_word(letters + usize::from(letters + digits == 0), digits),
            ..Token::UNTOLD
        }
    }

    #[test]
    fn keys_tell_words_apart() {
        let words = [
            "a",
            "ab",
            "abc",
            "abd",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "bbcdefgh",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in words.iter().skip(i + 1) {
                let same_len = a.len() == b.len();
                assert!(!same_len || key(a.as_bytes()) != key(b.as_bytes()), "{a} {b}");
            }
        }
    }

    proptest::proptest! {
        /// A word told through the cache, a tiny one that words keep replacing each other in,
        /// has the facts it has told directly, whether the cache had it or not.
        #[test]
        fn the_cache_tells_what_the_word_does(
            picks in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "four", "forty-two", "this", "thin", "and", "may", "march", "mar", "road",
                        "lindenstrasse", "hauptstrassenweg", "twentyone", "seventeenthousand",
                        "please", "euros", "percent", "at", "my", "date", "4b", "123", "x1234567l",
                        "o'brien", "vingt-et-un", "a", "i",
                    ]).prop_map(str::to_owned),
                    "[a-z0-9'-]{1,20}",
                ],
                1..40,
            ),
        ) {
            let mut memo = Memo::with_bits(2);
            for word in picks.iter().chain(&picks) {
                let mut cached = token(word);
                let mut direct = cached;
                memo.tell(word.as_bytes(), &mut cached);
                tell_directly(word.as_bytes(), &mut direct);
                proptest::prop_assert_eq!(cached, direct, "{}", word);
            }
        }
    }
}
