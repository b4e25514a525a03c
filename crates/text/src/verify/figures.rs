//! Figures and names of a claim that the call does not hold: numbers and amounts (near the
//! claim's own words), dates, times of day, periods, weekdays and capitalised names.

use super::claims::Claim;
use super::figure_places::{ClaimFigures, currency_after};
use super::findings::{ErrorKind, Finding, unsupported};
use super::numbers::word_dates;
use super::support::Support;
use super::text;
use super::units::{percent_after, unit_after};
use super::words::{is_content, is_framing, is_weekday};
use crate::language::Language;

/// Numbers, dates, days and names of the claim that the call does not hold.
pub(super) fn figures_and_names(claim: &Claim, read: &ClaimFigures, support: &Support) -> Vec<Finding> {
    let mut found = Vec::new();
    let text = claim.text.as_str();
    let language = support.language;
    let mut dated: Vec<(usize, usize)> = Vec::new();
    let ClaimFigures {
        figures: read,
        mentions,
        times: said_times,
    } = read;
    for date in &read.dates {
        dated.push((date.start, date.end));
        let (day, month) = (date.day.map(u32::from), date.month.map(u32::from));
        if !support.has_date(day, month) {
            let shown = text.get(date.start..date.end).unwrap_or_default();
            found.push(unsupported(
                ErrorKind::Date,
                claim,
                shown,
                format!("the call gives no date {shown:?}"),
            ));
        }
    }
    for time in said_times {
        if dated.iter().any(|(s, e)| time.start < *e && *s < time.end) {
            continue;
        }
        dated.push((time.start, time.end));
        if !support.has_time(time.hour, time.minute) {
            let shown = text.get(time.start..time.end).unwrap_or_default();
            found.push(unsupported(
                ErrorKind::Date,
                claim,
                shown,
                format!("the call gives no time {shown:?}"),
            ));
        }
    }
    let tokens: Vec<&str> = claim.words.iter().map(|w| w.folded.as_str()).collect();
    for date in word_dates(&tokens) {
        let (start, end) = (claim.words[date.first].start, claim.words[date.last].end);
        if dated.iter().any(|(s, e)| start < *e && *s < end) {
            continue;
        }
        dated.push((start, end));
        if !support.has_date(Some(date.day), Some(date.month)) {
            let shown = text.get(start..end).unwrap_or_default();
            found.push(unsupported(
                ErrorKind::Date,
                claim,
                shown,
                format!("the call gives no date {shown:?}"),
            ));
        }
    }
    for mention in mentions {
        // "24/7" is a phrase, not a figure.
        let phrase = text[mention.end..].starts_with("/7");
        if dated.iter().any(|(s, e)| mention.start < *e && *s < mention.end)
            || mention.iso_date.is_some()
            || phrase
        {
            continue;
        }
        let shown = text.get(mention.start..mention.end).unwrap_or_default();
        let kind = if is_time(text, mention.end) || is_period(&claim.words, mention.end) {
            ErrorKind::Date
        } else {
            ErrorKind::Amount
        };
        // An hour is said on either clock: "13h" is "a uma", "one o'clock".
        let hour = (kind == ErrorKind::Date && is_time(text, mention.end))
            .then(|| mention.value.parse::<u32>().ok())
            .flatten()
            .filter(|h| *h < 24);
        let money = is_money(text, mention.start, mention.end, &claim.words);
        let said = if money {
            support.has_amount(&mention.value, shown)
        } else {
            support.has_number(&mention.value, shown)
        };
        let said = said || hour.is_some_and(|h| support.has_time(h, 0));
        // A group of a code written in groups ("FR 24 06 113") is said when the code is.
        let said =
            said || code_digits(text, mention.start, mention.end).is_some_and(|d| support.has_digits(&d));
        if !said {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never says {shown:?}"),
            ));
        } else if percent_after(text, &claim.words, mention.end)
            && !support.has_percent(&mention.value, shown)
        {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never gives {shown:?} as a percentage"),
            ));
        } else if let Some(unit) = unit_after(&claim.words, mention.end, language)
            && bare_count(text, mention.start, mention.end)
            && !support.has_number_with_unit(&mention.value, &unit)
        {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call says {shown:?} of something else"),
            ));
        } else if money
            && !support.has_number_near(
                &mention.value,
                shown,
                &context_of(claim, mention.start, mention.end, language),
            )
            // Another figure of the claim said in the same utterance tells what it is about:
            // "the bill was $193.60 instead of the usual $85" for "normally I pay eighty five
            // dollars and this month it's a hundred and ninety-three sixty".
            && !mentions.iter().any(|other| {
                let other_shown = text.get(other.start..other.end).unwrap_or_default();
                other.value != mention.value
                    && support.said_together(&mention.value, shown, &other.value, other_shown)
            })
        {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never says {shown:?} about this"),
            ));
        }
    }
    for number in &read.numbers {
        let shown = text.get(number.start..number.end).unwrap_or_default();
        // Number words of another language ("once", "um") and function words ("one") are no
        // figures of this claim.
        let function_word = crate::language::words(shown, language)
            .iter()
            .all(|w| language.is_stopword(&w.folded));
        if dated.iter().any(|(s, e)| number.start < *e && *s < number.end)
            || shown.chars().any(|c| c.is_ascii_digit())
            || function_word
        {
            continue;
        }
        let value = number.value.to_string();
        let kind = if is_period(&claim.words, number.end) {
            ErrorKind::Date
        } else {
            ErrorKind::Amount
        };
        if !support.has_number(&value, "") {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never says {shown:?}"),
            ));
        } else if percent_after(text, &claim.words, number.end) && !support.has_percent(&value, shown) {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never gives {shown:?} as a percentage"),
            ));
        } else if let Some(unit) = unit_after(&claim.words, number.end, language)
            && !support.has_number_with_unit(&value, &unit)
        {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call says {shown:?} of something else"),
            ));
        }
    }
    let cues = language.cues();
    let mut missing: Vec<(ErrorKind, usize, usize)> = Vec::new();
    for (i, word) in claim.words.iter().enumerate() {
        let folded = word.folded.as_str();
        if dated.iter().any(|(s, e)| word.start < *e && *s < word.end)
            || folded.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let dated_word = is_weekday(folded) || text::is_relative_date(folded);
        let named = word.capitalised
            && !word.sentence_start
            && folded.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !language.is_stopword(folded)
            && !cues.customer.contains(&folded)
            && !cues.agent.contains(&folded)
            && text::month(folded, false).is_none()
            // German capitalises every noun: an everyday noun or a compound ending in one is
            // wording, not a name.
            && !(language == Language::De
                && (language.is_common_or_compound(folded) || language.is_abstract_noun(folded))
                && !in_a_product_name(claim, i, language));
        let said = if is_weekday(folded) {
            support.has_weekday(folded)
        } else {
            support.has_word(folded)
        };
        if (dated_word || named) && !said {
            let kind = if dated_word {
                ErrorKind::Date
            } else {
                ErrorKind::Entity
            };
            // "Zenith Couriers" is one name: words of a run join one finding.
            let joins = missing
                .last()
                .is_some_and(|(k, _, end): &(ErrorKind, usize, usize)| {
                    *k == kind
                        && text
                            .get(*end..word.start)
                            .is_some_and(|gap| gap.trim().is_empty())
                });
            match missing.last_mut() {
                Some(last) if joins => last.2 = word.end,
                _ => missing.push((kind, word.start, word.end)),
            }
        }
    }
    for (kind, start, end) in missing {
        let shown = text.get(start..end).unwrap_or_default();
        found.push(unsupported(
            kind,
            claim,
            shown,
            format!("the call never mentions {shown:?}"),
        ));
    }
    found
}

/// A German noun that is part of a product's name: next to a capitalised word that is no
/// everyday noun or has a capital inside ("RheinStrom Öko 12", "Tarif RheinStrom Basis"). An
/// acronym's compound is
/// not enough: "SIM-Karte" is a card.
fn in_a_product_name(claim: &Claim, i: usize, language: Language) -> bool {
    let words = &claim.words;
    let Some(word) = words.get(i) else {
        return false;
    };
    let name_beside = |k: usize| {
        words.get(k).is_some_and(|w| {
            let joined = claim
                .text
                .get(w.start.min(word.start)..w.end.max(word.end))
                .is_some_and(|span| !span.contains([',', ';', '.', '(', ')']));
            // A capital inside the word ("RheinStrom") makes a name whatever it is made of.
            let written = claim.text.get(w.start..w.end).unwrap_or_default();
            let inner_capital = written.chars().skip(1).any(char::is_uppercase);
            joined
                && w.capitalised
                && !w.sentence_start
                && !language.is_stopword(&w.folded)
                && (inner_capital
                    || !(language.is_common_or_compound(&w.folded) || language.is_abstract_noun(&w.folded)))
        })
    };
    name_beside(i + 1) || i.checked_sub(1).is_some_and(name_beside)
}

/// The digits of the code a number at `start..end` is a group of: digit groups joined by
/// single spaces, dashes or slashes, five digits or more in two groups or more.
fn code_digits(text: &str, start: usize, end: usize) -> Option<String> {
    const SHORTEST: usize = 5;
    let bytes = text.as_bytes();
    let joins = |b: u8| matches!(b, b' ' | b'-' | b'/');
    let mut from = start;
    while from >= 2 && joins(bytes[from - 1]) && bytes[from - 2].is_ascii_digit() {
        from -= 1;
        while from > 0 && bytes[from - 1].is_ascii_digit() {
            from -= 1;
        }
    }
    let mut to = end;
    while to + 1 < bytes.len() && joins(bytes[to]) && bytes[to + 1].is_ascii_digit() {
        to += 1;
        while to < bytes.len() && bytes[to].is_ascii_digit() {
            to += 1;
        }
    }
    let code = text.get(from..to)?;
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    let grouped = code.contains([' ', '-', '/']);
    (grouped && digits.len() >= SHORTEST).then_some(digits)
}

/// Words of a period of time, folded, in the served languages.
const PERIODS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "minutes",
    "fortnight",
    "fortnights",
    "dia",
    "dias",
    "semana",
    "semanas",
    "mes",
    "meses",
    "ano",
    "anos",
    "hora",
    "horas",
    "minutos",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    "heure",
    "heures",
    "tag",
    "tage",
    "tagen",
    "woche",
    "wochen",
    "monat",
    "monate",
    "monaten",
    "jahr",
    "jahre",
    "jahren",
    "stunde",
    "stunden",
    "werktage",
    "werktagen",
    "arbeitstage",
    "arbeitstagen",
    "giorno",
    "giorni",
    "settimana",
    "settimane",
    "mese",
    "mesi",
    "anno",
    "anni",
    "ora",
    "ore",
    "dag",
    "dagen",
    "week",
    "weken",
    "maand",
    "maanden",
    "jaar",
    "jaren",
    "uur",
    "uren",
    "werkdag",
    "werkdagen",
];

/// Working-day qualifiers between a number and its period ("5 working days", "10 días hábiles").
const PERIOD_QUALIFIERS: &[&str] = &[
    "working",
    "business",
    "calendar",
    "habiles",
    "laborables",
    "naturales",
    "ouvres",
    "ouvrables",
    "lavorativi",
    "uteis",
    "corridos",
];

/// A number followed by a period of time ("10 working days", "dos semanas"): a date claim.
fn is_period(words: &[crate::language::WordSpan], end: usize) -> bool {
    words
        .iter()
        .filter(|w| w.start >= end)
        .take(2)
        .find(|w| !PERIOD_QUALIFIERS.contains(&w.folded.as_str()))
        .is_some_and(|w| PERIODS.contains(&w.folded.as_str()))
}

/// The content stems of the claim's words around a number (three on each side), which the call
/// should say near the same number.
fn context_of(claim: &Claim, start: usize, end: usize, language: Language) -> Vec<String> {
    const AROUND: usize = 3;
    let content = |w: &&crate::language::WordSpan| {
        is_content(language, &w.folded)
            && !is_framing(language, &w.folded)
            && !w.folded.chars().any(|c| c.is_ascii_digit())
    };
    let before = claim
        .words
        .iter()
        .filter(|w| w.end <= start)
        .filter(content)
        .rev()
        .take(AROUND);
    let after = claim
        .words
        .iter()
        .filter(|w| w.start >= end)
        .filter(content)
        .take(AROUND);
    before
        .chain(after)
        .map(|w| language.stem(&w.folded).into_owned())
        .collect()
}

/// An amount of money or a percentage: "$5,000", "€95", "2%", "500 euros", "30 por cento".
fn is_money(text: &str, start: usize, end: usize, words: &[crate::language::WordSpan]) -> bool {
    !bare_count(text, start, end) || currency_after(words, end)
}

/// A number with no currency sign or percent: a count whose unit word tells it apart.
fn bare_count(text: &str, start: usize, end: usize) -> bool {
    let shown = text.get(start..end).unwrap_or_default();
    !shown.starts_with(|c: char| !c.is_ascii_digit())
        && !text[end..].trim_start().starts_with(['%', '€', '$', '£'])
        && !text[..start].trim_end().ends_with(['€', '$', '£'])
}

/// "9am", "10:30", "14h", "9 Uhr": a number that is a time of day.
fn is_time(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default().trim_start();
    let rest = rest.to_lowercase();
    ["am", "pm", "a.m", "p.m", "h", "uhr", "o'clock"]
        .iter()
        .any(|unit| rest.starts_with(unit) && !rest[unit.len()..].starts_with(char::is_alphabetic))
        || text.get(end..).is_some_and(|r| r.starts_with(':'))
}
