//! What the call says, normalised so a summary's figures and names can be looked up in it:
//! numbers (with the word that follows them), digits read out in pieces, spelled letters,
//! dates, and every word. Built from the original transcript and the redacted one, so a
//! figure the redactor masked still supports the summary, and a marker the LLM copied too.

use std::collections::HashSet;

use super::facts::word_dates;
use super::numbers::{number_mentions, word_numbers};
use super::text;
use crate::language::{Language, fold, words};
use crate::redact::figures::figures;
use crate::transcript::Transcript;

pub(super) struct Support {
    pub language: Language,
    numbers: HashSet<String>,
    /// A number and the stem of the word right after it ("6 weeks" -> ("6", "week")).
    number_units: HashSet<(String, String)>,
    /// Per utterance, every digit in order.
    digit_streams: Vec<String>,
    /// Per utterance, letters spelled one by one, joined ("D S P" -> "dsp").
    letter_streams: Vec<String>,
    dates: HashSet<(u32, u32)>,
    days: HashSet<u32>,
    months: HashSet<u32>,
    words: HashSet<String>,
    stems: HashSet<String>,
}

impl Support {
    pub fn build(transcripts: &[&Transcript], language: Language) -> Self {
        let mut support = Support {
            language,
            numbers: HashSet::new(),
            number_units: HashSet::new(),
            digit_streams: Vec::new(),
            letter_streams: Vec::new(),
            dates: HashSet::new(),
            days: HashSet::new(),
            months: HashSet::new(),
            words: HashSet::new(),
            stems: HashSet::new(),
        };
        for transcript in transcripts {
            for utterance in &transcript.utterances {
                support.add(&utterance.text);
            }
        }
        support
    }

    fn add(&mut self, text: &str) {
        let language = self.language;
        let spans = words(text, language);
        for mention in number_mentions(text) {
            if let Some((month, day)) = mention.iso_date {
                self.add_date(Some(day), Some(month));
            }
            self.numbers.insert(mention.value.clone());
            if let Some(unit) = unit_after(&spans, mention.end, language) {
                self.number_units.insert((mention.value, unit));
            }
        }
        let said = figures(text);
        for number in &said.numbers {
            let value = number.value.to_string();
            self.numbers.insert(value.clone());
            if let Some(unit) = unit_after(&spans, number.end, language) {
                self.number_units.insert((value, unit));
            }
        }
        for date in &said.dates {
            self.add_date(date.day.map(u32::from), date.month.map(u32::from));
        }
        self.digit_streams.push(said.all_digits);
        let tokens: Vec<&str> = spans.iter().map(|w| w.folded.as_str()).collect();
        for run in word_numbers(&tokens) {
            self.numbers.insert(run.value.to_string());
        }
        for date in word_dates(&tokens) {
            self.add_date(Some(date.day), Some(date.month));
        }
        let mut letters = String::new();
        for span in &spans {
            if let Some(n) = text::ordinal(&span.folded) {
                self.numbers.insert(n.to_string());
                self.days.insert(n as u32);
            }
            if let Some(month) = text::month(&span.folded, true) {
                self.months.insert(month);
            }
            if span.folded.chars().count() == 1 && span.folded.chars().all(char::is_alphabetic) {
                letters.push_str(&span.folded);
            } else if !letters.is_empty() {
                letters.push(' ');
            }
            self.stems.insert(language.stem(&span.folded).into_owned());
            self.words.insert(span.folded.clone());
        }
        self.letter_streams.push(letters);
    }

    fn add_date(&mut self, day: Option<u32>, month: Option<u32>) {
        if let (Some(d), Some(m)) = (day, month) {
            self.dates.insert((m, d));
        }
        self.days.extend(day);
        self.months.extend(month);
    }

    /// A number of the summary: said as such, or its digits read out in one utterance.
    pub fn has_number(&self, value: &str) -> bool {
        if self.numbers.contains(value) {
            return true;
        }
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        digits.len() >= 4 && self.digit_streams.iter().any(|s| s.contains(&digits))
    }

    /// A number with the word after it ("6 weeks"): false when the call has that word after
    /// other numbers only, so "2 weeks" for "6 weeks" is caught even when a 2 is said elsewhere.
    pub fn has_number_with_unit(&self, value: &str, unit: &str) -> bool {
        self.number_units.contains(&(value.to_owned(), unit.to_owned()))
            || !self.number_units.iter().any(|(_, u)| u == unit)
    }

    pub fn has_date(&self, day: Option<u32>, month: Option<u32>) -> bool {
        match (day, month) {
            (Some(d), Some(m)) => self.dates.contains(&(m, d)),
            (Some(d), None) => self.days.contains(&d) || self.numbers.contains(&d.to_string()),
            (None, Some(m)) => self.months.contains(&m),
            (None, None) => true,
        }
    }

    /// A word of the summary (folded): said, said with another ending, or spelled out.
    pub fn has_word(&self, folded: &str) -> bool {
        self.words.contains(folded)
            || self.stems.contains(self.language.stem(folded).as_ref())
            || (folded.len() >= 2
                && folded.chars().all(|c| c.is_ascii_alphabetic())
                && self.letter_streams.iter().any(|s| s.contains(folded)))
    }
}

/// The stem of the content word right after byte `end`, if the next word is one.
pub(super) fn unit_after(
    spans: &[crate::language::WordSpan],
    end: usize,
    language: Language,
) -> Option<String> {
    let next = spans.iter().find(|w| w.start >= end)?;
    let folded = fold(&next.folded);
    (super::evidence::is_content(language, &folded)).then(|| language.stem(&folded).into_owned())
}
