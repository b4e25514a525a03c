//! Numbers and dates read the way the redactor reads them, for verification: digit sequences
//! read aloud ("D S P four four eight one" holds 4481), cardinals in words ("cuarenta y nueve"
//! is 49) and dates in the seven served languages. One reading of numbers for the whole crate.

use super::dates::{self, DateMention};
use super::numbers::{SpokenDigits, cardinal_at, digit_sequences};
use super::token::{Class, Tokens};

/// A date as said: any of its parts may be missing ("the 18th", "March").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct SaidDate {
    pub day: Option<u8>,
    pub month: Option<u8>,
    pub year: Option<i32>,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

/// A cardinal said in words, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SaidNumber {
    pub value: u64,
    pub start: usize,
    pub end: usize,
}

/// The figures of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Figures {
    /// Every digit of the text in order, written or read aloud, joined: a reference number read
    /// out in pieces ("four four eight, one oh two seven") is found in it whole.
    pub all_digits: String,
    /// Cardinals and digit sequences said in words.
    pub numbers: Vec<SaidNumber>,
    /// The cardinals a short digit sequence is made of: "otto tredici" (8 to 13) reads as 813
    /// and as 8 and 13, "sesenta, setenta" as 6070 and as 60 and 70.
    pub parts: Vec<SaidNumber>,
    pub dates: Vec<SaidDate>,
}

/// A sequence of at most this many cardinals may be a range or a pair ("eight to one",
/// "sixty, seventy"); longer ones are reference numbers read out in pieces.
const MAX_PARTS: usize = 2;

/// The cardinals of tokens `first..=last`, when there are at most `MAX_PARTS` of them.
fn parts(tokens: &Tokens<'_>, first: usize, last: usize) -> Vec<SaidNumber> {
    let mut out = Vec::new();
    let mut i = first;
    while i <= last {
        match cardinal_at(tokens, i).filter(|(_, end)| *end <= last) {
            Some((value, end)) => {
                let (Some(a), Some(b)) = (tokens.get(i), tokens.get(end)) else {
                    break;
                };
                out.push(SaidNumber {
                    value,
                    start: a.start,
                    end: b.end,
                });
                i = end + 1;
            }
            None => i += 1,
        }
        if out.len() > MAX_PARTS {
            return Vec::new();
        }
    }
    if out.len() < 2 { Vec::new() } else { out }
}

pub(crate) fn figures(text: &str) -> Figures {
    let tokens = Tokens::new(text);
    let spoken = digit_sequences(&tokens);
    let dates = dates::find(&tokens);
    of_tokens(&tokens, &spoken, &dates)
}

/// The figures of a text the redactor has read: its tokens, the digits said in them and their
/// dates, as [`super::scan::Scan`] holds them. Verification reads the call's figures from here
/// instead of reading every utterance again.
pub(crate) fn of_tokens(tokens: &Tokens<'_>, spoken: &[SpokenDigits], dates: &[DateMention]) -> Figures {
    read(tokens, spoken, dates, true)
}

/// [`of_tokens`]; `gated`: texts without digits, spoken runs or number words are not walked
/// (the property test compares both).
fn read(tokens: &Tokens<'_>, spoken: &[SpokenDigits], dates: &[DateMention], gated: bool) -> Figures {
    let mut out = Figures { ..Figures::default() };
    let mut run = spoken.iter().peekable();
    // Digits, spoken runs and cardinals are all a text's figures hold besides its dates: a
    // text with none of them (most utterances) is not walked.
    let nothing = spoken.is_empty() && tokens.summary.digits == 0 && tokens.summary.number_words == 0;
    let mut i = if gated && nothing { tokens.len() } else { 0 };
    while let Some(t) = tokens.get(i) {
        if let Some(s) = run.next_if(|s| s.first == i) {
            out.all_digits.push_str(&s.digits);
            // "cuarenta y nueve" reads as the digits 4 9 and as the number 49.
            if let Ok(value) = s.digits.parse() {
                out.numbers.push(SaidNumber {
                    value,
                    start: s.start,
                    end: s.end,
                });
            }
            out.parts.extend(parts(tokens, s.first, s.last));
            i = s.last + 1;
            continue;
        }
        if matches!(t.class, Class::Number | Class::Mixed) {
            out.all_digits
                .extend(tokens.text(i).chars().filter(char::is_ascii_digit));
        } else if (t.number_word || !gated)
            && let Some((value, last)) = cardinal_at(tokens, i)
        {
            let end = tokens.get(last).map_or(t.end, |l| l.end);
            out.numbers.push(SaidNumber {
                value,
                start: t.start,
                end,
            });
            i = last + 1;
            continue;
        }
        i += 1;
    }
    out.dates = dates
        .iter()
        .map(|d| SaidDate {
            day: d.day,
            month: d.month,
            year: d.year,
            start: d.start,
            end: d.end,
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The gate of [`of_tokens`] changes no text's figures.
        #[test]
        fn gated_figures_are_the_walked_ones(text in crate::redact::token::summary_texts()) {
            let tokens = Tokens::new(&text);
            let spoken = digit_sequences(&tokens);
            let dates = dates::find(&tokens);
            proptest::prop_assert_eq!(read(&tokens, &spoken, &dates, true), read(&tokens, &spoken, &dates, false));
        }
    }

    #[test]
    fn spoken_digits_cardinals_and_dates_in_several_languages() {
        let f = figures("Reference D S P four four eight, one oh two seven, due on the 18th of March");
        assert!(f.all_digits.contains("4481027"), "{f:?}");
        assert!(
            f.dates.iter().any(|d| d.day == Some(18) && d.month == Some(3)),
            "{f:?}"
        );
        let f = figures("son cuarenta y nueve euros, el 3 de mayo");
        assert!(f.numbers.iter().any(|n| n.value == 49), "{f:?}");
        assert!(
            f.dates.iter().any(|d| d.day == Some(3) && d.month == Some(5)),
            "{f:?}"
        );
        let f = figures("am achtzehnten März");
        assert!(
            f.dates.iter().any(|d| d.day == Some(18) && d.month == Some(3)),
            "{f:?}"
        );
    }
}
