//! Numbers written with digits or words, normalised so both sides of a comparison meet:
//! "$1,200.00" -> "1200", "twelve" -> "12", "2024-05-03" -> (5, 3).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::text;
use crate::redact::figures::Figures;

pub(super) struct NumberMention {
    pub start: usize,
    pub end: usize,
    pub value: String,
    pub iso_date: Option<(u32, u32)>,
}

/// Numbers written with digits: "9.23", "$1,200.00", "INC001234" (-> 1234), ISO dates.
pub(super) fn number_mentions(text: &str) -> Vec<NumberMention> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !digit(i) || (i > 0 && digit(i - 1)) {
            i += 1;
            continue;
        }
        // The number of a redaction marker ("[NAME_2]") is no fact.
        if i > 0 && bytes.get(i - 1) == Some(&b'_') {
            while digit(i) {
                i += 1;
            }
            continue;
        }
        if let Some(date) = iso_date_at(bytes, i) {
            out.push(NumberMention {
                start: i,
                end: i + 10,
                value: text.get(i..i + 10).unwrap_or_default().to_owned(),
                iso_date: Some(date),
            });
            i += 10;
            continue;
        }
        let start = i;
        let mut end = i;
        while digit(end) {
            end += 1;
        }
        // Thousands: ",ddd" not followed by a fourth digit.
        while bytes.get(end) == Some(&b',') && (1..=3).all(|k| digit(end + k)) && !digit(end + 4) {
            end += 4;
        }
        if bytes.get(end) == Some(&b'.') && digit(end + 1) {
            end += 1;
            while digit(end) {
                end += 1;
            }
        }
        let currency = text
            .get(..start)
            .and_then(|s| s.chars().next_back())
            .filter(|c| "$£€".contains(*c));
        out.push(NumberMention {
            start: start - currency.map_or(0, char::len_utf8),
            end,
            value: canonical_number(text.get(start..end).unwrap_or_default()),
            iso_date: None,
        });
        i = end;
    }
    out
}

fn iso_date_at(bytes: &[u8], i: usize) -> Option<(u32, u32)> {
    let s = bytes.get(i..i + 10)?;
    let shape = s.iter().enumerate().all(|(k, b)| {
        if k == 4 || k == 7 {
            *b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shape || bytes.get(i + 10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| std::str::from_utf8(s.get(r)?).ok()?.parse::<u32>().ok();
    let (month, day) = (num(5..7)?, num(8..10)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day))
}

/// "1,200.00" -> "1200", "09.50" -> "9.5", "007" -> "7".
pub(super) fn canonical_number(raw: &str) -> String {
    let plain: String = raw.chars().filter(|c| *c != ',').collect();
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_owned()
    } else {
        format!("{int}.{frac}")
    }
}

pub(super) struct WordDate {
    pub first: usize,
    pub last: usize,
    pub month: u32,
    pub day: u32,
}

/// "May 3", "May 3rd", "3 May", "the 3rd of May", "the fourth of March", "March fourth".
pub(super) fn word_dates(tokens: &[&str]) -> Vec<WordDate> {
    let day = |i: usize| -> Option<u32> {
        let t = tokens.get(i)?;
        let n = if t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().ok()?
        } else {
            text::ordinal(t)?
        };
        u32::try_from(n).ok().filter(|d| (1..=31).contains(d))
    };
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Some(month) = text::month(token, true) else {
            continue;
        };
        if let Some(d) = day(i + 1) {
            out.push(WordDate {
                first: i,
                last: i + 1,
                month,
                day: d,
            });
        } else if let Some(d) = i.checked_sub(1).and_then(day) {
            out.push(WordDate {
                first: i - 1,
                last: i,
                month,
                day: d,
            });
        } else if i >= 2
            && tokens.get(i - 1) == Some(&"of")
            && let Some(d) = day(i - 2)
        {
            out.push(WordDate {
                first: i - 2,
                last: i,
                month,
                day: d,
            });
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Time {
    pub start: usize,
    pub end: usize,
    pub hour: u32,
    pub minute: u32,
}

/// Times of day written in a summary: "18:42", "9.30", "14h30", "9am", "9 a.m.", "9 Uhr".
pub(super) fn times(text: &str) -> Vec<Time> {
    // Every time has a digit: most utterances have none, and skip the pattern.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:[:h](\d{2})|\.(\d{2})\s*(?:a\.?m\.?|p\.?m\.?|uhr|h\b)|\s*(a\.?m\.?|p\.?m\.?|uhr\b|o'clock))")
            .expect("the time pattern compiles")
    });
    TIME.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let mut hour: u32 = c.get(1)?.as_str().parse().ok()?;
            let minute: u32 = c
                .get(2)
                .or(c.get(3))
                .map_or(Some(0), |m| m.as_str().parse().ok())?;
            if c.get(4)
                .is_some_and(|m| m.as_str().to_ascii_lowercase().starts_with('p'))
                && hour < 12
            {
                hour += 12;
            }
            (hour < 24 && minute < 60).then_some(Time {
                start: whole.start(),
                end: whole.end(),
                hour,
                minute,
            })
        })
        .collect()
}

/// Times of day said with the part of the day: "a las diez de la mañana", "à quatre heures de
/// l'après-midi" (the hour alone is read), "alle 4 del pomeriggio", "at ten in the morning".
/// `figures` are the text's, for the hours said in words.
pub(super) fn spoken_times(text: &str, figures: &Figures) -> Vec<Time> {
    // Most texts name no part of the day: one scan rules them out.
    static PARTS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(DAY_PARTS.iter().map(|(part, _)| part))
            .ok()
    });
    if !PARTS.as_ref().is_some_and(|parts| parts.is_match(text)) {
        return Vec::new();
    }
    static HOUR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b\d{1,2}\b").expect("the hour pattern compiles"));
    let said = figures.numbers.iter().map(|n| (n.value, n.start, n.end));
    let written = HOUR
        .find_iter(text)
        .filter_map(|m| Some((m.as_str().parse::<u64>().ok()?, m.start(), m.end())));
    let mut out: Vec<Time> = said
        .chain(written)
        .filter(|(value, _, _)| (1..=12).contains(value))
        // "twenty to seven in the morning" is no seven o'clock.
        .filter(|(_, start, _)| {
            let before = text.get(..*start).unwrap_or_default().trim_end();
            let last = before
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or_default()
                .to_lowercase();
            !RELATIVE.contains(&last.as_str())
        })
        .filter_map(|(value, start, end)| {
            let after = text.get(end..)?.trim_start();
            let after = after
                .strip_prefix("heures ")
                .or(after.strip_prefix("heure "))
                .unwrap_or(after);
            // The longest part of the day is 20 characters: a few more are read, by character
            // (a byte count could end inside "ñ").
            let lower: String = after.chars().take(24).collect::<String>().to_lowercase();
            let (part, later) = DAY_PARTS.iter().find(|(p, _)| lower.starts_with(p))?;
            let hour = value as u32 + if *later && value < 12 { 12 } else { 0 };
            Some(Time {
                start,
                end: end + (text.len() - end - after.len()) + part.len(),
                hour,
                minute: 0,
            })
        })
        .collect();
    out.sort_by_key(|t| t.start);
    out.dedup_by_key(|t| t.start);
    out
}

/// Words before an hour that say a time relative to it ("twenty to seven", "siete menos
/// cuarto").
#[rustfmt::skip]
const RELATIVE: &[&str] = &[
    "to", "past", "menos", "moins", "meno", "vor", "nach", "voor", "over", "para",
];

/// Parts of the day said after an hour, and whether they are after noon.
#[rustfmt::skip]
const DAY_PARTS: &[(&str, bool)] = &[
    ("de la mañana", false), ("de la madrugada", false), ("de la tarde", true),
    ("de la noche", true), ("du matin", false), ("de l'après-midi", true), ("du soir", true),
    ("di mattina", false), ("del mattino", false), ("della mattina", false),
    ("del pomeriggio", true), ("di sera", true), ("della sera", true), ("da manhã", false),
    ("da tarde", true), ("da noite", true), ("'s ochtends", false), ("'s morgens", false),
    ("'s middags", true), ("'s avonds", true), ("uhr morgens", false), ("uhr früh", false),
    ("uhr nachmittags", true), ("uhr abends", true), ("in the morning", false),
    ("in the afternoon", true), ("in the evening", true),
];
