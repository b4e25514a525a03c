//! Days of the month as said or written: "3", "3rd", "14.", "3º", "third", "vierzehnten",
//! "catorce", "vingt et un", "twenty first", "l'undici".

use std::sync::LazyLock;

use super::super::numbers::{self, Word};
use super::super::token::{Class, Tokens};
use super::super::word_forms::{Buckets, DE, EN, FR, IT, NL};
use super::{digits_value, part_of_longer_number};

/// How a day was said: a bare cardinal word ("three") is weaker evidence than "3" or "third".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayForm {
    Digits,
    Ordinal,
    Word,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Day {
    pub value: u8,
    pub form: DayForm,
    pub first: usize,
    pub last: usize,
}

/// Suffixes that make digits an ordinal day: "3rd", "1er", "2ème", "3º", "14ten", "3de".
const ORDINAL_SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "er", "re", "e", "eme", "ème", "è", "o", "a", "º", "ª", "de", "ste", "te", "ten",
];

/// A day of the month at token `i`: "3", "03", "3rd", "3.", "3°", "third", "vierzehnten",
/// "catorce", "vingt et un", "twenty first", "l'undici".
pub(super) fn day_at(tokens: &Tokens<'_>, i: usize) -> Option<Day> {
    let t = tokens.get(i)?;
    let day = |value: u64, form: DayForm, last: usize| {
        let value = u8::try_from(value).ok().filter(|v| (1..=31).contains(v))?;
        Some(Day {
            value,
            form,
            first: i,
            last,
        })
    };
    match t.class {
        Class::Number => {
            let value = digits_value(tokens, i, 2)?;
            if part_of_longer_number(tokens, i) {
                return None;
            }
            let next_attached = tokens.get(i + 1).is_some_and(|n| !n.space_before);
            let marked = next_attached
                && (tokens.is_punct(i + 1, '°')
                    || (tokens.is_punct(i + 1, '.')
                        && tokens.get(i + 2).is_some_and(|w| w.class == Class::Word)));
            if marked {
                day(value.into(), DayForm::Ordinal, i + 1)
            } else {
                day(value.into(), DayForm::Digits, i)
            }
        }
        Class::Mixed => {
            let lower = tokens.lower(i);
            let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
            let (number, suffix) = lower.split_at_checked(digits)?;
            if digits > 2 || !ORDINAL_SUFFIXES.contains(&suffix) {
                return None;
            }
            day(number.parse().ok()?, DayForm::Ordinal, i)
        }
        Class::Word => word_day(tokens, i).and_then(|(value, form, last)| day(value, form, last)),
        _ => None,
    }
}

/// Words that are "one" but far more often an article or a filler: never a day alone.
const NOT_DAYS: &[&str] = &["one", "un", "une", "una", "um", "uma", "ein", "een", "o", "oh"];

fn word_day(tokens: &Tokens<'_>, i: usize) -> Option<(u64, DayForm, usize)> {
    let lower = tokens.lower(i);
    // Italian elides the article: "l'undici febbraio", "l'otto marzo".
    if let Some(rest) = lower.strip_prefix("l'").or_else(|| lower.strip_prefix("l’")) {
        let (value, lang) = numbers::word_value(rest)?;
        return (lang & IT != 0).then_some((value, DayForm::Word, i));
    }
    if lower.ends_with("ième") || lower.ends_with("ieme") {
        let folded = super::super::word_forms::fold(&lower)?;
        let stem = folded.as_str().strip_suffix("ieme")?;
        return french_ordinal(stem).map(|value| (value, DayForm::Ordinal, i));
    }
    if let Some(&(value, _)) =
        numbers::fold_token(tokens, i, &ORDINALS).and_then(|w| ORDINALS.exact(w.as_str().as_bytes()))
    {
        return Some((value.into(), DayForm::Ordinal, i));
    }
    // Every other day word starts like a number word: "vierzehnten", "twenty-first", "catorce".
    let word = numbers::number_word(tokens, i)?;
    let word = word.as_str();
    if let Some(value) = stem_ordinal(word) {
        return Some((value, DayForm::Ordinal, i));
    }
    // "twenty first", "thirty first" in two words.
    if let Some((tens @ (20 | 30), lang)) = numbers::word_value(word)
        && lang & EN != 0
        && let Some(unit) = english_unit_ordinal(
            numbers::fold_token(tokens, i + 1, &ORDINALS)
                .as_ref()
                .map(Word::as_str),
        )
    {
        return Some((tens + unit, DayForm::Ordinal, i + 1));
    }
    if NOT_DAYS.contains(&word) {
        return None;
    }
    let (value, last) = numbers::small_cardinal_at(tokens, i)?;
    Some((value, DayForm::Word, last))
}

const ENGLISH_ORDINALS: &str = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh \
     twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth";
/// Ordinals that are not a number word plus an ending, with their value.
const OTHER_ORDINALS: &[(u8, &str)] = &[
    (
        1,
        "premier premiere primero primer primo primeiro erste ersten erster erstes erstem eerste",
    ),
    (3, "dritte dritten dritter drittes drittem derde"),
    (7, "siebte siebten siebter siebtes siebtem"),
    (20, "twentieth"),
    (30, "thirtieth"),
];

/// Listed ordinal words: value and whether it is an English 1st-9th (for "twenty-first").
pub(super) static ORDINALS: LazyLock<Buckets<(u8, bool)>> = LazyLock::new(|| {
    let english = (1..)
        .zip(ENGLISH_ORDINALS.split_whitespace())
        .map(|(value, word)| (word, (value, value < 10)));
    let others = OTHER_ORDINALS
        .iter()
        .flat_map(|&(value, words)| words.split(' ').map(move |w| (w, (value, false))));
    Buckets::new(english.chain(others).collect())
});

fn english_unit_ordinal(word: Option<&str>) -> Option<u64> {
    match ORDINALS.exact(word?.as_bytes()) {
        Some(&(value, true)) => Some(value.into()),
        _ => None,
    }
}

/// An ordinal made of a number word and an ending: "twenty-first", "vierzehnten",
/// "eenentwintigste", "achtste".
pub(super) fn stem_ordinal(word: &str) -> Option<u64> {
    if let Some((tens, unit)) = word.rsplit_once('-')
        && let Some((tens @ (20 | 30), lang)) = numbers::word_value(tens)
        && lang & EN != 0
    {
        return english_unit_ordinal(Some(unit)).map(|u| tens + u);
    }
    germanic_ordinal(word)
}

/// German and Dutch: stem + "te"/"de" below twenty, + "ste" from twenty on, with German
/// endings: "vierzehnten", "einundzwanzigsten", "achte", "achtste", "negentiende".
pub(super) fn germanic_ordinal(word: &str) -> Option<u64> {
    let word = word
        .strip_suffix(['n', 'r', 's', 'm'])
        .filter(|w| w.ends_with('e'))
        .unwrap_or(word);
    let stem_value = |stem: &str| {
        numbers::word_value(stem)
            .filter(|(_, lang)| lang & (DE | NL) != 0)
            .map(|(value, _)| value)
    };
    let large = || stem_value(word.strip_suffix("ste")?).filter(|&v| v >= 20 || v == 8);
    let small = || match word.strip_suffix("te").or_else(|| word.strip_suffix("de"))? {
        "ach" => Some(8),
        stem => stem_value(stem).filter(|v| (2..20).contains(v)),
    };
    large().or_else(small)
}

/// French "-ième" without its ending: "trois", "quatr", "cinqu", "neuv", "vingt-et-un".
pub(super) fn french_ordinal(stem: &str) -> Option<u64> {
    let french = |word: &str| {
        numbers::word_value(word)
            .filter(|(_, lang)| lang & FR != 0)
            .map(|(v, _)| v)
    };
    let stem = match (stem.strip_suffix("cinqu"), stem.strip_suffix("neuv")) {
        (Some(head), _) => format!("{head}cinq"),
        (_, Some(head)) => format!("{head}neuf"),
        _ => stem.to_owned(),
    };
    french(&stem)
        .or_else(|| french(&format!("{stem}e")))
        .filter(|&v| v >= 2)
}

/// A date of birth said as numbers alone, where the context asks for one (no month name to
/// find it by): "the second of the sixth, nineteen forty-nine" (day and month as ordinals),
/// "oh seven, twelve, ninety two", "zero sette zero tre ottantacinque". Its last token.
pub(crate) fn numeric_spoken_at(
    tokens: &Tokens<'_>,
    spoken: &[super::super::numbers::SpokenDigits],
    i: usize,
) -> Option<usize> {
    // Digits read in one run: DDMMYY, MMDDYY or with a four-digit year.
    if let Some(seq) = super::super::numbers::spoken_at(spoken, i)
        && matches!(seq.digits.len(), 6 | 8)
        && plausible(&seq.digits)
    {
        return Some(seq.last);
    }
    let i = if tokens.is_one_of(i, &["the"]) { i + 1 } else { i };
    let day = day_at(tokens, i)?;
    // "the second of the sixth": an ordinal month.
    let mut k = day.last + 1;
    if day.form == DayForm::Ordinal && tokens.is_one_of(k, &["of"]) {
        k += if tokens.is_one_of(k + 1, &["the"]) { 2 } else { 1 };
        let month = day_at(tokens, k).filter(|m| m.form == DayForm::Ordinal && m.value <= 12)?;
        return Some(super::year_after(tokens, month.last + 1, true).map_or(month.last, |(_, last)| last));
    }
    // Three numbers apart: "oh seven, twelve, ninety two".
    let next = |k: usize| {
        let k = if tokens.is_punct(k, ',') || tokens.is_punct(k, '/') {
            k + 1
        } else {
            k
        };
        day_at(tokens, k)
            .map(|d| (u32::from(d.value), d.last))
            .or_else(|| {
                super::super::numbers::spoken_at(spoken, k)
                    .and_then(|s| Some((s.digits.parse().ok()?, s.last)))
            })
    };
    let (second, last) = next(k)?;
    let (year, last) = super::year_after(tokens, last + 1, true)?;
    let first = u32::from(day.value);
    let day_month = (first <= 31 && second <= 12) || (first <= 12 && second <= 31);
    (day_month && ((0..=99).contains(&year) || (1900..=2099).contains(&year))).then_some(last)
}

/// Six or eight digits that read as a date: day and month (either order) and a year.
fn plausible(digits: &str) -> bool {
    let part = |range: std::ops::Range<usize>| digits.get(range).and_then(|d| d.parse::<u32>().ok());
    let (Some(a), Some(b)) = (part(0..2), part(2..4)) else {
        return false;
    };
    let year_ok = match digits.len() {
        8 => part(4..8).is_some_and(|y| (1900..=2099).contains(&y)),
        _ => true,
    };
    year_ok
        && ((1..=31).contains(&a) && (1..=12).contains(&b) || (1..=12).contains(&a) && (1..=31).contains(&b))
}
