//! Dates written or said in every served language ("June 3rd, 1984", "03/06/1984", "the
//! fourteenth of February nineteen sixty-seven", "14 de febrero de 1967", "14. Februar 1967").

use super::numbers;
use super::token::{Class, Tokens};
use super::word_forms::{Level, MONTHS, Month};

#[path = "dates_days.rs"]
mod days;
#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;

pub(crate) use days::numeric_spoken_at;
use days::{Day, DayForm, day_at};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateMention {
    /// First and last token (inclusive).
    pub first: usize,
    pub last: usize,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub day: Option<u8>,
    pub month: Option<u8>,
    pub year: Option<i32>,
}

/// Every date mention of the text, in text order, not overlapping.
pub(crate) fn find(tokens: &Tokens<'_>) -> Vec<DateMention> {
    find_in(tokens, true)
}

/// [`find`]; `gated`: a text with no digits, no number words and no month word is not walked
/// (most utterances): every date has a month word or a number, and its day, month number or
/// year is digits or number words (the property test compares both).
fn find_in(tokens: &Tokens<'_>, gated: bool) -> Vec<DateMention> {
    let summary = &tokens.summary;
    if gated && summary.digits == 0 && summary.number_words == 0 && !summary.month_words {
        return Vec::new();
    }
    let mut found = Vec::new();
    // First token a new mention may use.
    let mut free = 0;
    let lower = tokens.lower_text().as_bytes();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        let date = match t.class {
            Class::Number => numeric_date(tokens, i),
            Class::Word if matches!(lower.get(t.start..t.end), Some(b"do" | b"del")) => {
                month_number_date(tokens, i, free)
            }
            // The month table's first letters, read when the text was tokenised.
            Class::Word if t.month_start => {
                month_at(tokens, i).and_then(|month| named_date(tokens, i, month, free))
            }
            _ => None,
        };
        match date {
            Some(date) => {
                i = date.last + 1;
                free = i;
                found.push(date);
            }
            None => i += 1,
        }
    }
    found
}

pub(super) fn month_at(tokens: &Tokens<'_>, i: usize) -> Option<Month> {
    let word = numbers::fold_token(tokens, i, &MONTHS)?;
    MONTHS.exact(word.as_str().as_bytes()).copied()
}

impl Level {
    fn accepts(self, day: Option<DayForm>, year: bool, dotted: bool, capitalised: bool) -> bool {
        match self {
            Level::Plain => day.is_some() || year,
            Level::EnglishWord => {
                year || day == Some(DayForm::Ordinal) || (capitalised && day == Some(DayForm::Digits))
            }
            Level::Word => (day.is_some() && year) || (dotted && (day.is_some() || year)),
        }
    }
}

/// A date around month word `m`: day first ("3 June", "the third of June, 1984", "14. Februar
/// 1967"), month and year ("junio de 1984"), or month first ("June 3rd, 1984", "June the third").
fn named_date(tokens: &Tokens<'_>, m: usize, month: Month, free: usize) -> Option<DateMention> {
    let capitalised = tokens.get(m)?.cap;
    let dotted = tokens.is_punct(m + 1, '.') && tokens.get(m + 1).is_some_and(|t| !t.space_before);
    let after = if dotted { m + 2 } else { m + 1 };
    let date = |first: usize, last: usize, day: Option<u8>, year: Option<i32>| {
        mention(tokens, first, last, day, Some(month.number), year)
    };
    if let Some(day) = day_before(tokens, m, free, true).filter(|d| fits(d.value, month.number)) {
        let year = year_after(tokens, after, false);
        if month
            .level
            .accepts(Some(day.form), year.is_some(), dotted, capitalised)
        {
            let last = year.map_or(m, |(_, last)| last);
            return Some(date(day.first, last, Some(day.value), year.map(|(y, _)| y)));
        }
    }
    if let Some((year, last)) = year_after(tokens, after, false)
        && month.level.accepts(None, true, dotted, capitalised)
    {
        return Some(date(m, last, None, Some(year)));
    }
    let j = if tokens.is_one_of(after, &["the"]) {
        after + 1
    } else {
        after
    };
    let day = day_at(tokens, j).filter(|d| fits(d.value, month.number))?;
    let year = year_after(tokens, day.last + 1, false);
    let order_fits = month.english || year.is_some() || day.form == DayForm::Ordinal;
    (order_fits
        && month
            .level
            .accepts(Some(day.form), year.is_some(), dotted, capitalised))
    .then(|| {
        let last = year.map_or(day.last, |(_, last)| last);
        date(m, last, Some(day.value), year.map(|(y, _)| y))
    })
}

/// Portuguese (and Spanish) day, month number and year: "dezassete do onze de setenta e um",
/// "3 del 6 de 1984". Token `k` is "do"/"del"; the year is required.
fn month_number_date(tokens: &Tokens<'_>, k: usize, free: usize) -> Option<DateMention> {
    let (month, month_last) = match tokens.get(k + 1)?.class {
        Class::Number => (digits_value(tokens, k + 1, 2)?, k + 1),
        Class::Word => {
            let (value, last) = numbers::small_cardinal_at(tokens, k + 1)?;
            (u8::try_from(value).ok()?, last)
        }
        _ => return None,
    };
    if !(1..=12).contains(&month) || !tokens.is_one_of(month_last + 1, &["de"]) {
        return None;
    }
    let (year, last) = year_at(tokens, month_last + 2, true)?;
    let day = day_before(tokens, k, free, false).filter(|d| fits(d.value, month))?;
    Some(mention(
        tokens,
        day.first,
        last,
        Some(day.value),
        Some(month),
        Some(year),
    ))
}

/// A day ending right before token `m` (or before "of"/"de" when `connectors`), starting no
/// earlier than `free`; the earliest start wins, so "twenty first" beats "first".
fn day_before(tokens: &Tokens<'_>, m: usize, free: usize, connectors: bool) -> Option<Day> {
    (m.saturating_sub(6).max(free)..m).find_map(|s| {
        let day = day_at(tokens, s)?;
        let gap = m.checked_sub(day.last + 1)?;
        let ok = gap == 0 || (connectors && gap == 1 && tokens.is_one_of(day.last + 1, &["of", "de"]));
        ok.then_some(day)
    })
}

/// A year at token `i`: "1984", "'84", "nineteen eighty-four", "mil novecientos sesenta y
/// siete"; two-digit ones ("84", "setenta e um") only when `short`.
fn year_at(tokens: &Tokens<'_>, i: usize, short: bool) -> Option<(i32, usize)> {
    let t = tokens.get(i)?;
    let year = |value: u64, last: usize| {
        let value = i32::try_from(value).ok()?;
        ((1900..=2099).contains(&value) || (short && value <= 99)).then_some((value, last))
    };
    match t.class {
        Class::Number => {
            let digits = t.len();
            if part_of_longer_number(tokens, i) || !(digits == 4 || (short && digits == 2)) {
                return None;
            }
            year(tokens.text(i).parse().ok()?, i)
        }
        Class::Punct if tokens.is_punct(i, '\'') || tokens.is_punct(i, '’') => {
            let two_digits = tokens
                .get(i + 1)
                .is_some_and(|n| n.class == Class::Number && !n.space_before && n.len() == 2);
            if !two_digits || part_of_longer_number(tokens, i + 1) {
                return None;
            }
            Some((tokens.text(i + 1).parse().ok()?, i + 1))
        }
        Class::Word => numbers::cardinal_at(tokens, i).and_then(|(value, last)| year(value, last)),
        _ => None,
    }
}

/// A year right at token `j` or after a comma, "de", "del" or "of" ("June of 1984").
fn year_after(tokens: &Tokens<'_>, j: usize, short: bool) -> Option<(i32, usize)> {
    year_at(tokens, j, short).or_else(|| {
        let joins = tokens.is_punct(j, ',') || tokens.is_one_of(j, &["de", "del", "of"]);
        if joins {
            year_at(tokens, j + 1, short)
        } else {
            None
        }
    })
}

/// All-digit dates: "03/06/1984", "3.6.84", "1984-06-03", "03 06 1984".
fn numeric_date(tokens: &Tokens<'_>, i: usize) -> Option<DateMention> {
    let attached = |j: usize| tokens.get(j).is_some_and(|t| !t.space_before);
    let number = |j: usize| tokens.get(j).is_some_and(|t| t.class == Class::Number);
    let separator = |j: usize| {
        ['/', '.', '-']
            .into_iter()
            .find(|&c| attached(j) && tokens.is_punct(j, c))
    };
    // Inside a longer dotted, slashed or dashed string ("1.2.3.4", "06-12-34-56"): not a date.
    let continued = |j: usize| {
        (separator(j).is_some() && attached(j + 1) && number(j + 1))
            || (tokens.is_punct(j, ':') && attached(j))
    };
    if i >= 1 && attached(i) && (separator(i - 1).is_some() || tokens.is_punct(i - 1, ':')) {
        return None;
    }
    let (last, parts) = if let Some(sep) = separator(i + 1)
        && separator(i + 3) == Some(sep)
        && attached(i + 2)
        && number(i + 2)
        && attached(i + 4)
        && number(i + 4)
    {
        if continued(i + 5) {
            return None;
        }
        (i + 4, [i, i + 2, i + 4])
    } else if number(i + 1)
        && number(i + 2)
        && !attached(i + 1)
        && !attached(i + 2)
        && tokens.get(i + 2).is_some_and(|t| t.len() == 4)
        && !(i >= 1 && number(i - 1))
        && !number(i + 3)
    {
        // Spaces only with a full year: "06 12 34 56 78" is a phone number.
        (i + 2, [i, i + 1, i + 2])
    } else {
        return None;
    };
    let [a, b, c] = parts.map(|j| tokens.text(j));
    let value = |s: &str| s.parse::<u16>().ok();
    let (day, month, year, year_digits) = match (a.len(), b.len(), c.len()) {
        (4, 1..=2, 1..=2) => (value(c)?, value(b)?, value(a)?, 4),
        (1..=2, 1..=2, 2 | 4) => {
            let (first, second) = (value(a)?, value(b)?);
            // Day first unless that cannot be: "06/13/84" is June 13th.
            let (day, month) = if second > 12 && first <= 12 {
                (second, first)
            } else {
                (first, second)
            };
            (day, month, value(c)?, c.len())
        }
        _ => return None,
    };
    let year = i32::from(year);
    if year_digits == 4 && !(1900..=2099).contains(&year) {
        return None;
    }
    let (day, month) = (u8::try_from(day).ok()?, u8::try_from(month).ok()?);
    fits(day, month).then(|| mention(tokens, i, last, Some(day), Some(month), Some(year)))
}

/// Digits at token `i` with a decimal point, time colon or thousands separator attached
/// ("3.50", "10:30", "1,350") are an amount or a time, not a day or a year.
fn part_of_longer_number(tokens: &Tokens<'_>, i: usize) -> bool {
    let attached = |j: usize| tokens.get(j).is_some_and(|t| !t.space_before);
    let number = |j: usize| tokens.get(j).is_some_and(|t| t.class == Class::Number);
    let joiner = |j: usize| [':', '.', ',', '/'].iter().any(|&c| tokens.is_punct(j, c));
    let after = joiner(i + 1) && attached(i + 1) && attached(i + 2) && number(i + 2);
    let before = i >= 2 && joiner(i - 1) && attached(i - 1) && attached(i) && number(i - 2);
    after || before || (tokens.is_punct(i + 1, '%') && attached(i + 1))
}

/// The value of a number token of at most `max_len` digits.
fn digits_value(tokens: &Tokens<'_>, i: usize, max_len: usize) -> Option<u8> {
    let t = tokens
        .get(i)
        .filter(|t| t.class == Class::Number && t.len() <= max_len)?;
    tokens.text.get(t.start..t.end)?.parse().ok()
}

/// Whether `day` exists in `month` (February 29th allowed: the year may be unknown).
fn fits(day: u8, month: u8) -> bool {
    const DAYS: [u8; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    day >= 1
        && DAYS
            .get(usize::from(month).wrapping_sub(1))
            .is_some_and(|&max| day <= max)
}

fn mention(
    tokens: &Tokens<'_>,
    first: usize,
    last: usize,
    day: Option<u8>,
    month: Option<u8>,
    year: Option<i32>,
) -> DateMention {
    DateMention {
        first,
        last,
        start: tokens.get(first).map_or(0, |t| t.start),
        end: tokens.get(last).map_or(0, |t| t.end),
        day,
        month,
        year,
    }
}
