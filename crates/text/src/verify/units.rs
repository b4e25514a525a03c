//! What a number of a text is: written in the language's convention ("3.240,50"), a
//! percentage ("15%", "fifteen per cent"), a count of the word after it ("6 weeks").

use super::numbers::{NumberMention, number_mentions};
use crate::language::{Language, WordSpan, fold};

/// Numbers written with digits in the language's convention: outside English "3.240,50" is
/// 3240.5 and the Swiss "1'250" is 1250 (separators swapped in place, so spans stay).
pub(super) fn local_number_mentions(text: &str, language: Language) -> Vec<NumberMention> {
    if language == Language::En {
        return number_mentions(text);
    }
    let bytes = text.as_bytes();
    let between_digits =
        |i: usize| i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    let swapped: String = text
        .char_indices()
        .map(|(i, c)| match c {
            '.' | '\'' if between_digits(i) => ',',
            ',' if between_digits(i) => '.',
            c => c,
        })
        .collect();
    number_mentions(&swapped)
}

/// The unit [`super::support::Support`] records for a number said as a percentage.
pub(super) const PERCENT: &str = "%";

/// Percent words, folded: "15 percent", "15 Prozent", "15 procent".
const PERCENT_WORDS: &[&str] = &["percent", "pct", "prozent", "procent", "percento"];
/// The first and second words of a percent said in two: "per cent", "pour cent", "por ciento",
/// "per cento", "por cento".
const PERCENT_FIRST: &[&str] = &["per", "pour", "por"];
const PERCENT_SECOND: &[&str] = &["cent", "cento", "ciento"];

/// Whether the number ending at byte `end` is a percentage: a "%" or a percent word next.
pub(super) fn percent_after(text: &str, spans: &[WordSpan], end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    if rest
        .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
        .starts_with('%')
    {
        return true;
    }
    let mut next = spans.iter().skip_while(|w| w.start < end);
    let Some(first) = next.next().filter(|w| w.start - end <= 1) else {
        return false;
    };
    PERCENT_WORDS.contains(&first.folded.as_str())
        || (PERCENT_FIRST.contains(&first.folded.as_str())
            && next
                .next()
                .is_some_and(|w| PERCENT_SECOND.contains(&w.folded.as_str())))
}

/// The stem of the content word right after byte `end`, if the next word is one.
pub(super) fn unit_after(spans: &[WordSpan], end: usize, language: Language) -> Option<String> {
    let next = spans.iter().find(|w| w.start >= end)?;
    let folded = fold(&next.folded);
    (super::words::is_content(language, &folded)).then(|| language.stem(&folded).into_owned())
}
