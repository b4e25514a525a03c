//! Text helpers for verification: word tokens with sentence starts, light stemming, stopwords
//! and number words.

use std::sync::LazyLock;

use crate::summary::extractive::{ascii_alphanumeric_run, char_at};
use crate::word_hash::WordTable;

/// A word token: letters and digits with inner apostrophes, or a redaction marker ("[CARD]").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word {
    pub start: usize,
    pub end: usize,
    /// First word of the text or of a sentence (after `.`, `!`, `?`, `:`, `;` or a line break).
    pub sentence_start: bool,
    /// Joined to the previous word by nothing but one space: proper-noun runs are built from these.
    pub follows_space: bool,
}

impl Word {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or_default()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into words.
pub(super) fn words(text: &str) -> Vec<Word> {
    // About a word per five bytes: one allocation, even for a whole transcript.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentence_start = true;
    let mut follows_space = false;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let next = i + c.len_utf8();
        let end = match c {
            '[' => marker_end(text, i),
            c if is_word_char(c) => Some(word_end(text, next)),
            _ => None,
        };
        if let Some(end) = end {
            out.push(Word {
                start: i,
                end,
                sentence_start,
                follows_space,
            });
            sentence_start = false;
            follows_space = false;
            i = end;
            continue;
        }
        let next_is_space_or_end = char_at(text, next).is_none_or(char::is_whitespace);
        match c {
            '.' | '!' | '?' if next_is_space_or_end => sentence_start = true,
            ':' | ';' | '\n' | '•' => sentence_start = true,
            _ => {}
        }
        follows_space = c == ' ' && out.last().is_some_and(|w| w.end == i);
        i = next;
    }
    out
}

/// The end of a word whose next character is at `from`: word characters, and apostrophes
/// between two of them.
fn word_end(text: &str, mut from: usize) -> usize {
    loop {
        from = ascii_alphanumeric_run(text, from);
        let Some(c) = char_at(text, from) else {
            break;
        };
        let after = from + c.len_utf8();
        let inner_apostrophe = is_apostrophe(c) && char_at(text, after).is_some_and(is_word_char);
        if !(is_word_char(c) || inner_apostrophe) {
            break;
        }
        from = after;
    }
    from
}

/// `[LABEL_1]` at `start`: the markers the redactor writes (lowercased in the transcript index).
fn marker_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start + 1..)?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let starts_with_letter = rest.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    (len > 0 && starts_with_letter && rest.as_bytes().get(len) == Some(&b']')).then_some(start + len + 2)
}

#[rustfmt::skip]
const SUMMARY_VOCABULARY: &[&str] = &[
    "customer", "customers", "caller", "agent", "agents", "representative", "call", "called", "calling",
    "conversation", "contact", "contacted", "chat", "interaction", "asked", "said", "stated", "explained",
    "mentioned", "reported", "requested", "inquired", "enquired", "confirmed", "agreed", "discussed",
    "noted", "advised", "informed", "provided", "wanted", "needed", "regarding", "concerning", "summary",
    "issue", "issues", "request", "follow", "followup", "action", "item", "items", "reason", "outcome",
    "next", "steps", "step", "expressed", "acknowledged", "offered", "verified", "assisted", "helped",
    "apologized", "apologised",
];

#[rustfmt::skip]
const ORDINALS: &[(&str, u64)] = &[
    ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
    ("seventh", 7), ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12),
    ("thirteenth", 13), ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16),
    ("seventeenth", 17), ("eighteenth", 18), ("nineteenth", 19), ("twentieth", 20), ("thirtieth", 30),
];

// Hashed once: every word of the transcript is looked up, and a linear scan of the lists was a
// visible share of verification.
static SUMMARY_VOCABULARY_SET: LazyLock<WordTable<()>> =
    LazyLock::new(|| SUMMARY_VOCABULARY.iter().copied().collect());
static ORDINAL_VALUES: LazyLock<WordTable<u64>> = LazyLock::new(|| ORDINALS.iter().copied().collect());

/// Words summaries use about the call itself.
pub(super) fn is_summary_vocabulary(word: &str) -> bool {
    SUMMARY_VOCABULARY_SET.contains(word)
}

/// Ordinal words ("fourth") and digit ordinals ("4th", "22nd").
pub(super) fn ordinal(word: &str) -> Option<u64> {
    // Every ordinal ends in -st, -nd, -rd or -th: a cheap reject for the common word.
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))?;
    if let Some(value) = ORDINAL_VALUES.get(word) {
        return Some(*value);
    }
    // "twenty-seventh", "thirty-first".
    if let Some((tens, unit)) = word.split_once('-') {
        return compound_ordinal(tens, unit);
    }
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok())?
}

/// "twenty" and "seventh" said as one ordinal, 27.
pub(super) fn compound_ordinal(tens: &str, unit: &str) -> Option<u64> {
    let tens = match tens {
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    };
    ORDINAL_VALUES
        .get(unit)
        .filter(|v| (1..=9).contains(*v))
        .map(|v| tens + v)
}

/// Month number of a month name (full, or a three-letter abbreviation when `allow_short`).
pub(super) fn month(word: &str, allow_short: bool) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // Cheap reject: month names are 3–9 letters starting with one of these.
    if !(3..=9).contains(&word.len()) || !word.starts_with(['j', 'f', 'm', 'a', 's', 'o', 'n', 'd']) {
        return None;
    }
    MONTHS.iter().zip(1..).find_map(|(name, number)| {
        let short = allow_short && word.len() == 3 && name.starts_with(word);
        (*name == word || short || (allow_short && word == "sept" && number == 9)).then_some(number)
    })
}

pub(super) fn is_relative_date(word: &str) -> bool {
    ["today", "tomorrow", "tonight", "yesterday", "weekend"].contains(&word)
}
