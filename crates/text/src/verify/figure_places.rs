//! The figures of a text at their words: numbers (amounts told from counts, references and
//! model numbers left out), dates, times of day; read the same way for the call and a claim.

use super::numbers::{NumberMention, Time, spoken_times, times};
use super::units::local_number_mentions;
use crate::language::{Language, WordSpan};
use crate::redact::figures::{Figures, figures};

/// How far from a figure of the call, in words, a claim's words are looked for.
pub(super) const CALL_REACH: usize = 8;

/// A figure, as compared: numbers by value, dates by day and month, times by hour and minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Figure {
    /// A number, and whether it is an amount (money or a percentage) rather than a count.
    Number(String, bool),
    Date(u32, Option<u32>),
    Time(u32, u32),
    Weekday(String),
}

impl Figure {
    /// A figure of the call (`other`) a summary could have mistaken for this one: amounts for
    /// amounts, counts for counts.
    pub(super) fn same_kind(&self, other: &Figure) -> bool {
        match (self, other) {
            // A bare number of a summary may stand for an amount ("the charge of 15").
            (Figure::Number(_, amount), Figure::Number(_, other_amount)) => !amount || *other_amount,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }

    /// The same figure in another form: a date without its month is any month's; an hour is
    /// said on either clock.
    pub(super) fn matches(&self, other: &Figure) -> bool {
        match (self, other) {
            (Figure::Date(day, month), Figure::Date(other_day, other_month)) => {
                day == other_day && (month.is_none() || other_month.is_none() || month == other_month)
            }
            (Figure::Time(hour, minute), Figure::Time(other_hour, other_minute)) => {
                minute == other_minute && hour % 12 == other_hour % 12
            }
            (Figure::Number(value, _), Figure::Number(other_value, _)) => value == other_value,
            _ => self == other,
        }
    }

    /// A figure another could be mistaken for: not a lone digit said in words, which is as
    /// often part of a longer number as a number of its own.
    pub(super) fn could_be_mistaken(&self) -> bool {
        match self {
            Figure::Number(value, _) => value.len() > 1,
            _ => true,
        }
    }

    /// A sum said in parts holds each: "a hundred forty dollars sixty" says 140 and 60 of $140.60.
    pub(super) fn has_part(&self, other: &Figure) -> bool {
        match (self, other) {
            (Figure::Number(value, _), Figure::Number(part, _)) => {
                value.split_once('.').is_some_and(|(whole, fraction)| {
                    part == whole
                        || part == fraction
                        || *part == format!("{fraction:0<2}")
                        // "a hundred nine ninety-nine" read as 1 and 999.
                        || (part.len() > 1 && format!("{whole}{fraction}").contains(part.as_str()))
                })
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Figure::Number(value, _) => write!(f, "{value}"),
            Figure::Date(day, Some(month)) => write!(f, "{day}/{month}"),
            Figure::Date(day, None) => write!(f, "day {day}"),
            Figure::Time(hour, minute) => write!(f, "{hour}:{minute:02}"),
            Figure::Weekday(day) => write!(f, "{day}"),
        }
    }
}

/// A figure at its words (indices into the text's words, inclusive).
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub figure: Figure,
    pub first: usize,
    pub last: usize,
    /// Its bytes in the text, sign included ("$30").
    pub bytes: (usize, usize),
}

/// A claim's figures, read once for every check of the claim: as the redactor reads them,
/// numbers written in digits, times of day.
pub(super) struct ClaimFigures {
    pub figures: Figures,
    pub mentions: Vec<NumberMention>,
    pub times: Vec<Time>,
}

impl ClaimFigures {
    pub(super) fn read(text: &str, language: Language) -> Self {
        let figures = figures(text);
        let mentions = local_number_mentions(text, language);
        let times = times(text)
            .into_iter()
            .chain(spoken_times(text, &figures))
            .collect();
        Self {
            figures,
            mentions,
            times,
        }
    }
}

/// What has been read of a text before its figures are placed: the figures as the redactor
/// reads them, numbers written in digits, times of day.
pub(super) struct Reading<'t> {
    pub text: &'t str,
    pub spans: &'t [WordSpan],
    pub figures: &'t Figures,
    pub mentions: &'t [NumberMention],
    pub times: &'t [Time],
}

/// The figures of a text at their words: dates, times and numbers (those inside a date or a
/// time are the date's or the time's). `spoken`: numbers said in words count too (a call's,
/// not a summary's "one" or "two"). Weekdays are placed by the caller, which reads each word.
pub(super) fn placed(reading: &Reading<'_>, language: Language, spoken: bool) -> Vec<Placed> {
    let Reading {
        text,
        spans,
        figures,
        mentions,
        times,
    } = *reading;
    let first_word = |byte: usize| spans.partition_point(|s| s.end <= byte);
    let last_word = |byte: usize| spans.partition_point(|s| s.start < byte).saturating_sub(1);
    let at = |figure: Figure, start: usize, end: usize| Placed {
        figure,
        first: first_word(start),
        last: last_word(end),
        bytes: (start, end),
    };
    let mut out: Vec<Placed> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let free = |taken: &[(usize, usize)], start: usize, end: usize| {
        !taken.iter().any(|(s, e)| start < *e && *s < end)
    };
    for date in &figures.dates {
        taken.push((date.start, date.end));
        if let Some(day) = date.day {
            let figure = Figure::Date(u32::from(day), date.month.map(u32::from));
            out.push(at(figure, date.start, date.end));
        }
    }
    for time in times {
        if free(&taken, time.start, time.end) {
            taken.push((time.start, time.end));
            out.push(at(Figure::Time(time.hour, time.minute), time.start, time.end));
        }
    }
    for mention in mentions {
        let figure = match mention.iso_date {
            Some((month, day)) => Figure::Date(day, Some(month)),
            None if !free(&taken, mention.start, mention.end) => continue,
            None => match number_shape(text, mention.start, mention.end) {
                Shape::Plain => {
                    let amount = amount_at(text, mention.start, mention.end, spans);
                    let digits = text.get(mention.start..mention.end).unwrap_or_default();
                    if !amount && identifier(text, digits, mention.start, spans) {
                        continue;
                    }
                    Figure::Number(mention.value.clone(), amount)
                }
                Shape::Ordinal => match mention.value.parse::<u32>() {
                    Ok(day) if (1..=31).contains(&day) => Figure::Date(day, None),
                    _ => continue,
                },
                Shape::Code => continue,
            },
        };
        taken.push((mention.start, mention.end));
        out.push(at(figure, mention.start, mention.end));
    }
    if spoken {
        for number in &figures.numbers {
            let shown = text.get(number.start..number.end).unwrap_or_default();
            // Number words of another language ("once", "um") and function words ("one") are
            // no figures: the text's own words say which.
            let words = spans
                .get(first_word(number.start)..=last_word(number.end))
                .unwrap_or_default();
            let function_word = words.iter().all(|w| language.is_stopword(&w.folded));
            if shown.chars().any(|c| c.is_ascii_digit())
                || function_word
                || !free(&taken, number.start, number.end)
            {
                continue;
            }
            let amount = amount_at(text, number.start, number.end, spans);
            out.push(at(
                Figure::Number(number.value.to_string(), amount),
                number.start,
                number.end,
            ));
        }
    }
    out
}

/// Currency codes and signs written before an amount ("CHF 231.60", "R$ 182,60", "₹24,999").
const CURRENCY_BEFORE: &[&str] = &[
    "chf", "fr", "eur", "usd", "gbp", "inr", "rs", "aud", "cad", "nzd", "zar", "brl", "r$", "₹",
];

/// An amount of money or a percentage, by its sign, code or word: "$49", "12 %", "CHF 231.60",
/// "forty dollars".
fn amount_at(text: &str, start: usize, end: usize, spans: &[WordSpan]) -> bool {
    const SIGNS: &[char] = &['€', '$', '£', '%', '₹'];
    let shown = text.get(start..end).unwrap_or_default();
    // The word before the number, lowercased: a code or a sign ("CHF", "R$", "₹").
    let before = text
        .get(..start)
        .unwrap_or_default()
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let after = text.get(end..).unwrap_or_default().trim_start();
    let signed = shown.starts_with(SIGNS) || before.ends_with(SIGNS) || after.starts_with(SIGNS);
    let coded = CURRENCY_BEFORE.iter().any(|code| {
        before.ends_with(code)
            && !before[..before.len() - code.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    });
    signed || coded || currency_after(spans, end)
}

/// A number that names rather than counts: five digits or more (a reference, a meter
/// reading), a year, a model number after a name ("Hub 3", "Vortex Pro 1200").
fn identifier(text: &str, shown: &str, start: usize, spans: &[WordSpan]) -> bool {
    const LONGEST_COUNT: usize = 4;
    let whole: String = shown
        .split(['.', ','])
        .next()
        .unwrap_or(shown)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let year = whole.len() == 4 && (whole.starts_with("19") || whole.starts_with("20"));
    let before = spans.partition_point(|w| w.end <= start);
    let named = before.checked_sub(1).and_then(|k| spans.get(k)).is_some_and(|w| {
        w.capitalised && !w.sentence_start && text.get(w.end..start).is_some_and(|gap| gap.trim().is_empty())
    });
    whole.len() > LONGEST_COUNT || year || named
}

/// What a number written in digits is by what touches it.
enum Shape {
    /// An amount, a count, a percentage.
    Plain,
    /// "the 20th", "1er", "3º": a day.
    Ordinal,
    /// Part of a code, a range or a group ("PH-309947", "24/7", "8-13", "FR 24 06 113").
    Code,
}

fn number_shape(text: &str, start: usize, end: usize) -> Shape {
    const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er", "e", "ème", "º", "ª", "o", "a"];
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let rest = text.get(end..).unwrap_or_default();
    let suffix: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == 'º' || *c == 'ª')
        .collect();
    if !suffix.is_empty() {
        return if ORDINALS.contains(&suffix.to_lowercase().as_str()) {
            Shape::Ordinal
        } else {
            Shape::Code
        };
    }
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '_'));
    // A part of a longer number read in pieces ("231" of "231.60" where a comma is the decimal).
    let digit_across = |s: &str| {
        let mut chars = s.chars();
        matches!(chars.next(), Some('.' | ',' | '\'')) && chars.next().is_some_and(|c| c.is_ascii_digit())
    };
    let back_across = {
        let mut chars = text.get(..start).unwrap_or_default().chars().rev();
        matches!(chars.next(), Some('.' | ',' | '\'')) && chars.next().is_some_and(|c| c.is_ascii_digit())
    };
    if digit_across(rest) || back_across {
        return Shape::Code;
    }
    let grouped = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    let after_space = rest.strip_prefix(' ').is_some_and(grouped);
    let before_space = text
        .get(..start)
        .and_then(|s| s.strip_suffix(' '))
        .is_some_and(|s| s.chars().next_back().is_some_and(|c| c.is_ascii_digit()));
    if joined(before) || joined(rest.chars().next()) || after_space || before_space {
        Shape::Code
    } else {
        Shape::Plain
    }
}

/// Currency words, folded.
const CURRENCIES: &[&str] = &[
    "dollars", "dollar", "pounds", "pound", "euros", "euro", "francs", "franken", "franchi", "reais", "real",
    "rupees", "rand", "cents", "centimos", "centimes", "cent", "pence", "percent", "por", "pour", "prozent",
    "procent", "per", "cento",
];

/// A currency word right after a number ending at `end`: "500 euros", "30 por cento".
pub(super) fn currency_after(words: &[WordSpan], end: usize) -> bool {
    words
        .get(words.partition_point(|w| w.start < end))
        .is_some_and(|w| CURRENCIES.contains(&w.folded.as_str()) && w.start - end <= 1)
}
