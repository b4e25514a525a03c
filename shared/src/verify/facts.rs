//! Facts (numbers, amounts, dates, names) and their support in the transcript.
//!
//! Both sides go through the same normalisation: numbers become canonical strings ("$1,200.00"
//! -> "1200", "twelve" -> "12"), dates become (month, day) pairs ("May 3", "3rd of May",
//! "2024-05-03"), words become lowercase stems.

use super::numbers::{number_mentions, word_numbers};
use super::text::{self, Word};
use crate::summary::extractive::word_hash::{WordHash, WordSet};

/// What the transcript says, normalised for lookups.
pub(super) struct TranscriptIndex<'a> {
    pub stems: WordSet<&'a str>,
    numbers: WordSet<String>,
    dates: WordSet<(u32, u32)>,
}

impl<'a> TranscriptIndex<'a> {
    /// `lower` is the lowercased transcript text, one utterance per line.
    pub fn build(lower: &'a str) -> Self {
        let words = text::words(lower);
        let tokens: Vec<&str> = words.iter().map(|w| w.text(lower)).collect();
        // Stemmed once per distinct word: a transcript repeats most of its words.
        let mut distinct: WordSet<&str> =
            WordSet::with_capacity_and_hasher(tokens.len() / 2, WordHash::default());
        let mut stems = WordSet::with_capacity_and_hasher(tokens.len() / 4, WordHash::default());
        for token in &tokens {
            if distinct.insert(token) {
                stems.insert(text::stem(token));
            }
        }
        let mut numbers = WordSet::default();
        let mut dates = WordSet::default();
        for mention in number_mentions(lower) {
            if let Some(date) = mention.iso_date {
                dates.insert(date);
            }
            numbers.insert(mention.value);
        }
        for run in word_numbers(&tokens) {
            numbers.insert(run.value.to_string());
        }
        // Ordinals count as numbers too ("the fourth" supports "4").
        numbers.extend(
            tokens
                .iter()
                .filter_map(|t| text::ordinal(t))
                .map(|n| n.to_string()),
        );
        dates.extend(word_dates(&tokens).into_iter().map(|d| (d.month, d.day)));
        Self {
            stems,
            numbers,
            dates,
        }
    }

    pub fn supports(&self, claim: &Claim) -> bool {
        match claim {
            Claim::Number(value) => self.numbers.contains(value),
            Claim::Date { month, day } => self.dates.contains(&(*month, *day)),
            Claim::Words(words) => words.iter().all(|w| self.stems.contains(text::stem(w))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Claim {
    /// Canonical number.
    Number(String),
    Date {
        month: u32,
        day: u32,
    },
    /// Lowercase words that must all occur.
    Words(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fact {
    /// As written in the summary.
    pub display: String,
    pub claim: Claim,
}

/// The facts of one summary field (a sentence start begins every field).
pub(super) fn facts(field: &str) -> Vec<Fact> {
    let words = text::words(field);
    let lower: Vec<String> = words.iter().map(|w| w.text(field).to_lowercase()).collect();
    let tokens: Vec<&str> = lower.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    // Byte ranges already claimed by a date, so "May 3" is not also the number 3.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let span = |from: usize, to: usize| -> (usize, usize) {
        let start = words.get(from).map_or(0, |w| w.start);
        (start, words.get(to).map_or(start, |w| w.end))
    };

    for date in word_dates(&tokens) {
        let (start, end) = span(date.first, date.last);
        out.push(fact(
            field,
            start,
            end,
            Claim::Date {
                month: date.month,
                day: date.day,
            },
        ));
        taken.push((start, end));
    }
    for mention in number_mentions(field) {
        if let Some((month, day)) = mention.iso_date {
            out.push(fact(
                field,
                mention.start,
                mention.end,
                Claim::Date { month, day },
            ));
        } else if !overlaps(&taken, mention.start, mention.end) {
            out.push(fact(
                field,
                mention.start,
                mention.end,
                Claim::Number(mention.value),
            ));
        }
    }
    for run in word_numbers(&tokens) {
        let (start, end) = span(run.first, run.last);
        // A lone "one" is a pronoun or an article more often than a quantity.
        let lone_one = run.first == run.last && tokens.get(run.first) == Some(&"one");
        if !lone_one && !overlaps(&taken, start, end) {
            out.push(fact(field, start, end, Claim::Number(run.value.to_string())));
        }
    }
    for (word, token) in words.iter().zip(&tokens) {
        let dated = text::is_weekday(token) || text::is_relative_date(token) || is_lone_month(token);
        if dated && !overlaps(&taken, word.start, word.end) {
            out.push(fact(
                field,
                word.start,
                word.end,
                Claim::Words(vec![(*token).to_owned()]),
            ));
        }
    }
    out.extend(names(field, &words, &tokens));
    out
}

fn fact(field: &str, start: usize, end: usize, claim: Claim) -> Fact {
    Fact {
        display: field.get(start..end).unwrap_or_default().to_owned(),
        claim,
    }
}

fn overlaps(taken: &[(usize, usize)], start: usize, end: usize) -> bool {
    taken.iter().any(|(s, e)| start < *e && *s < end)
}

/// "May" alone is a verb; other full month names alone are dates.
fn is_lone_month(token: &str) -> bool {
    token != "may" && text::month(token, false).is_some()
}

/// Capitalised words not at a sentence start, in runs joined by single spaces: names and
/// products ("Maria Lopez", "Acme Router Pro").
fn names(field: &str, words: &[Word], tokens: &[&str]) -> Vec<Fact> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, out: &mut Vec<Fact>| {
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let start = words.get(*first).map_or(0, |w| w.start);
            let end = words.get(*last).map_or(start, |w| w.end);
            let claim = Claim::Words(
                run.iter()
                    .filter_map(|i| tokens.get(*i))
                    .map(|t| (*t).to_owned())
                    .collect(),
            );
            out.push(fact(field, start, end, claim));
        }
        run.clear();
    };
    for (i, word) in words.iter().enumerate() {
        let token = tokens.get(i).copied().unwrap_or_default();
        let capitalised = word.text(field).chars().next().is_some_and(char::is_uppercase);
        let joins = word.follows_space && !run.is_empty();
        if !joins {
            flush(&mut run, &mut out);
        }
        if capitalised && !word.sentence_start && !is_common_capitalised(token) {
            run.push(i);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Capitalised words that are not names: dates (checked as dates), "I", numbers, markers,
/// function words in titles and the vocabulary summaries use about the call.
fn is_common_capitalised(token: &str) -> bool {
    token.starts_with('[')
        || token == "i"
        || token.starts_with("i'")
        || token.starts_with("i’")
        || token.chars().count() < 2
        || token.chars().any(|c| c.is_ascii_digit())
        || text::month(token, false).is_some()
        || text::is_weekday(token)
        || text::is_relative_date(token)
        || text::cardinal(token).is_some()
        || text::ordinal(token).is_some()
        || text::is_stopword(token)
        || text::is_summary_vocabulary(token)
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
