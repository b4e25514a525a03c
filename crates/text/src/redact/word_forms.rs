//! The number words and month names of the served languages as prefix tables, below the
//! tokenizer: it marks each word with whether one may start it ([`word_marks`]), and the number
//! and date readers read them. A leaf: it knows nothing of tokens.

#[path = "word_forms_buckets.rs"]
mod buckets;
#[path = "word_forms_months.rs"]
mod months;
#[path = "word_forms_numbers.rs"]
mod numbers;

use buckets::key;
pub(super) use buckets::{Buckets, has_prefix};
pub(super) use months::{Level, MONTHS, Month};
pub(super) use numbers::{
    ALL, AMBIGUOUS, Atom, DE, EN, FR, IT, Kind, LETTER_ZERO, NEEDS_MULTIPLICAND, NL, WORDS,
};

/// A lowercase word folded to ASCII in a fixed buffer: "zwölf" → "zwolf", "dreißig" → "dreissig".
pub(in crate::redact) struct Folded {
    buf: [u8; 48],
    len: usize,
}

impl Folded {
    pub(in crate::redact) fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

/// Folds a lowercase word; `None` for characters no number or month word uses, or long words.
pub(in crate::redact) fn fold(lower: &str) -> Option<Folded> {
    let mut folded = Folded { buf: [0; 48], len: 0 };
    for c in lower.chars() {
        let ascii = match c {
            'a'..='z' | '-' | '\'' => c,
            '’' => '\'',
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ß' => {
                push(&mut folded, b's')?;
                's'
            }
            _ => return None,
        };
        push(&mut folded, ascii as u8)?;
    }
    Some(folded)
}

fn push(folded: &mut Folded, b: u8) -> Option<()> {
    *folded.buf.get_mut(folded.len)? = b;
    folded.len += 1;
    Some(())
}

/// Whether `word` is, in any case, one of the words for "and" inside a number ("two thousand
/// and five", "sesenta y siete"): no other number word is spelled so, and alone it starts no
/// number and no run of digits (the gates' property tests read texts with them).
pub(in crate::redact) fn is_connector(word: &[u8]) -> bool {
    word.len() <= 3 && CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// The spellings of [`Kind::And`] in `OTHERS` (a test holds them equal), compared directly.
pub(in crate::redact) const CONNECTORS: [&[u8]; 6] = [b"and", b"y", b"et", b"und", b"e", b"en"];

/// The number and month marks of a word from its lowercase bytes: whether it may start a
/// number word, may be one, may start a month name (a token's `number_start`, `number_word`
/// and `month_start`).
#[inline(always)]
pub(in crate::redact) fn word_marks(word: &[u8]) -> (bool, bool, bool) {
    let table = &*WORDS;
    let head = word.get(..word.len().min(3)).unwrap_or_default();
    let key = key(head);
    let number_start = table.may_start_keyed(key, head);
    let month_start = MONTHS.may_start_keyed(key, head);
    // Told once here rather than by each reader that asks.
    let number_word = number_start && (!word.is_ascii() || table.starts(word));
    (number_start, number_word, month_start)
}
