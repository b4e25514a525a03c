//! Numbers said in words, in every served language: digit sequences read aloud (phone and card
//! numbers, codes) and cardinal values (used by dates).

use super::token::{Class, Tokens};

#[path = "numbers_parser.rs"]
mod parser;
#[path = "numbers_runs.rs"]
mod runs;
#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
#[path = "numbers_words.rs"]
mod words;

use super::word_forms::{
    ALL, AMBIGUOUS, Atom, DE, EN, FR, Kind, LETTER_ZERO, NEEDS_MULTIPLICAND, NL, WORDS, fold,
};
use parser::{Parser, group_at};
use runs::Digits;
pub(super) use words::{Word, fold_token, may_start_word};

/// A stretch of tokens that reads out a sequence of digits: "four one five, five five five",
/// "oh eight", "double five", "zéro six, douze, trente-quatre", mixed with written digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpokenDigits {
    /// First and last token (inclusive).
    pub first: usize,
    pub last: usize,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The digits as read, ASCII.
    pub digits: String,
    /// How many tokens were number words (not written digits).
    pub words: usize,
}

/// The run of `spoken` (in text order) starting at token `i`.
pub(crate) fn spoken_at(spoken: &[SpokenDigits], i: usize) -> Option<&SpokenDigits> {
    let k = spoken.partition_point(|s| s.first < i);
    spoken.get(k).filter(|s| s.first == i)
}

/// One number word of the text, as found in a token.
#[derive(Debug, Clone, Copy)]
struct Slot {
    atom: Atom,
    token: usize,
    /// First number word of its token.
    token_start: bool,
    /// First number word after the start of the token or a hyphen: a digit group may end here.
    piece_start: bool,
}

/// The number words of a few tokens, read into the stack: a number reader runs on every number
/// word of a call, and most numbers are a word or two.
type Slots = smallvec::SmallVec<[Slot; 16]>;

/// Longest cardinal read from consecutive words, in tokens.
const MAX_WORDS: usize = 12;
/// Longest number word ("zweitausendneunhundertneunundneunzig" is 36 bytes).
const MAX_WORD_LEN: usize = 48;

/// Every maximal digit sequence of the text that contains at least one number word.
pub(crate) fn digit_sequences(tokens: &Tokens<'_>) -> Vec<SpokenDigits> {
    runs::digit_sequences(tokens)
}

/// The cardinal number written in words starting at token `i` ("twenty-two", "nineteen
/// eighty-four", "mil novecientos sesenta y siete"): its value and its last token.
pub(crate) fn cardinal_at(tokens: &Tokens<'_>, i: usize) -> Option<(u64, usize)> {
    cardinal_from(tokens, i, true)
}

/// Like [`cardinal_at`] without reading two pairs as a year: "twenty one nineteen" is 21, so a
/// day can be told from the year that follows it.
pub(super) fn small_cardinal_at(tokens: &Tokens<'_>, i: usize) -> Option<(u64, usize)> {
    cardinal_from(tokens, i, false)
}

/// The value of one lowercase word read as a cardinal ("vierzehn", "vingt-et-un") and the
/// languages it belongs to; used to read ordinal stems.
pub(super) fn word_value(word: &str) -> Option<(u64, u8)> {
    let folded = fold(word)?;
    let mut slots = Slots::new();
    if !lex_folded(folded.as_str(), 0, &mut slots) {
        return None;
    }
    let parsed = Parser {
        slots: &slots,
        digits: false,
    }
    .cardinal(0, ALL)?;
    (parsed.end == slots.len()).then_some((parsed.value, parsed.lang))
}

fn cardinal_from(tokens: &Tokens<'_>, i: usize, years: bool) -> Option<(u64, usize)> {
    // Most words start no number word: told without allocating.
    tokens
        .get(i)
        .filter(|t| t.class == Class::Word && t.number_word)?;
    let mut slots = Slots::new();
    let mut j = i;
    while j < i + MAX_WORDS && lex_token(tokens, j, &mut slots) {
        j += 1;
    }
    let first = slots.first()?.atom;
    if first.kind == Kind::Zero {
        let alone = slots.get(1).is_none_or(|s| s.token_start);
        return (first.flags & LETTER_ZERO == 0 && alone).then_some((0, i));
    }
    let mut len = slots.len();
    loop {
        let view = slots.get(..len)?;
        let parser = Parser {
            slots: view,
            digits: false,
        };
        let cardinal = parser.cardinal(0, ALL);
        let parsed = match (cardinal, years.then(|| parser.year_pair(0)).flatten()) {
            (Some(c), Some(y)) if y.end > c.end => y,
            (Some(c), _) => c,
            (None, y) => y?,
        };
        if view.get(parsed.end).is_none_or(|s| s.token_start) {
            return Some((parsed.value, view.get(parsed.end.checked_sub(1)?)?.token));
        }
        // The number ends inside a word: read it without that word.
        len = (1..parsed.end)
            .rev()
            .find(|&q| view.get(q).is_some_and(|s| s.token_start))?;
    }
}

/// Whether word token `i` is a number word as a whole ("quattro", "vier", "achtzigtausend";
/// "felipe" only starts like one).
pub(crate) fn is_number_word(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.number_word) && word_value(tokens.lower_str(i)).is_some()
}

/// Word token `i` folded, if a number word starts it: a cheap test before parsing.
pub(super) fn number_word<'a>(tokens: &'a Tokens<'_>, i: usize) -> Option<Word<'a>> {
    fold_token(tokens, i, &WORDS)
}

/// Appends the number words of word token `i`; false (nothing appended) if it is not one.
fn lex_token(tokens: &Tokens<'_>, i: usize, slots: &mut Slots) -> bool {
    // The common ASCII case inline: this runs on every word of every utterance.
    let Some(t) = tokens.get(i).filter(|t| t.class == Class::Word) else {
        return false;
    };
    // An ASCII word that no number word starts reads nothing: "this", "thin".
    if !t.number_word {
        return false;
    }
    match tokens.lower_text().get(t.start..t.end) {
        Some(lower) if lower.is_ascii() => lex_folded(lower, i, slots),
        _ => number_word(tokens, i).is_some_and(|w| lex_folded(w.as_str(), i, slots)),
    }
}

fn lex_folded(word: &str, token: usize, slots: &mut Slots) -> bool {
    let start = slots.len();
    if word.len() > MAX_WORD_LEN || !words::split_word(word, token, slots) {
        return false;
    }
    // A compound must read as numbers on its own: "vieren" (four, and) is not one.
    let whole = slots
        .get(start..)
        .is_some_and(|own| own.len() == 1 || reads_whole(own));
    if !whole {
        slots.truncate(start);
    }
    whole
}

fn reads_whole(slots: &[Slot]) -> bool {
    let mut p = 0;
    while p < slots.len() {
        match group_at(slots, p) {
            Some(group) if group.end > p => p = group.end,
            _ => return false,
        }
    }
    true
}
