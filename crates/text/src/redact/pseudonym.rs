//! Stable markers within a call: the same person, address, phone or card keeps the same marker
//! (`[NAME_1]`), so a redacted transcript and its summary stay readable. "Denise" after
//! "Denise Albright" is the same person; a card's last four digits are the same card.

use std::borrow::Cow;
use std::collections::HashMap;

use super::token::{Class, Tokens};
use super::{PiiKind, PiiMatch, RedactionCounts};
use super::{dates, gazetteer, numbers};
use crate::word_hash::WordMap;

#[derive(Debug, Clone, Default)]
pub(crate) struct Pseudonyms {
    entries: Vec<Entry>,
    /// Entries by kind and by a word of their key (names, addresses) or their last four
    /// characters (numbers): only those can name the same thing, so a call with many values
    /// stays linear. Kind first, so a lookup borrows the word.
    index: HashMap<PiiKind, WordMap<String, Vec<usize>>>,
    /// The highest number given per kind.
    counters: HashMap<PiiKind, u32>,
}

/// The index keys of a key: its words, or its last four characters.
pub(super) fn index_keys(kind: PiiKind, key: &str) -> Vec<String> {
    match kind {
        PiiKind::Name | PiiKind::Address => key
            .split(' ')
            .filter(|w| w.len() > 1)
            .map(str::to_owned)
            .collect(),
        _ => {
            let start = key.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
            vec![key.get(start..).unwrap_or(key).to_owned()]
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    /// Lowercase words without accents ("denise albright"), or the digits and letters of a
    /// number ("4111111111111111").
    key: String,
    number: u32,
}

pub(super) fn key_of(kind: PiiKind, text: &str) -> String {
    let lower = text.to_lowercase();
    let folded = gazetteer::fold(&lower);
    match kind {
        PiiKind::Name | PiiKind::Address | PiiKind::SecurityAnswer => {
            // Its words joined by single spaces, built in one string.
            let mut key = String::with_capacity(folded.len());
            for word in folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(word);
            }
            key
        }
        // "September ninth twenty eighteen" and "9/9/2018" are one date: day and month (in
        // either order, as the US writes them) and the year.
        PiiKind::DateOfBirth => {
            date_key(text).unwrap_or_else(|| folded.chars().filter(|c| c.is_alphanumeric()).collect())
        }
        // A number keeps its marker however it is said: "quatre quatre cinq cinq" is 4455.
        // Emails, passports and licences mix letters in: two of them may share their digits.
        PiiKind::Card
        | PiiKind::CardExpiry
        | PiiKind::CardCvv
        | PiiKind::Phone
        | PiiKind::Ssn
        | PiiKind::NationalId
        | PiiKind::Iban
        | PiiKind::BankAccount
        | PiiKind::Pin => {
            number_key(text).unwrap_or_else(|| folded.chars().filter(|c| c.is_alphanumeric()).collect())
        }
        _ => folded.chars().filter(|c| c.is_alphanumeric()).collect(),
    }
}

/// The digits of a value, written and read aloud, in order; `None` under three digits.
fn number_key(text: &str) -> Option<String> {
    let tokens = Tokens::new(text);
    let spoken = numbers::digit_sequences(&tokens);
    let mut digits = String::new();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        if let Some(seq) = numbers::spoken_at(&spoken, i) {
            digits.push_str(&seq.digits);
            i = seq.last + 1;
            continue;
        }
        if matches!(t.class, Class::Number | Class::Mixed) {
            digits.extend(tokens.text(i).chars().filter(char::is_ascii_digit));
        }
        i += 1;
    }
    (digits.len() >= 3).then_some(digits)
}

/// A full date as "day-month-year" with the smaller of day and month first.
fn date_key(text: &str) -> Option<String> {
    let tokens = Tokens::new(text);
    let date = dates::find(&tokens).into_iter().next()?;
    let (day, month) = (date.day?, date.month?);
    let year = date.year.map(super::context::full_year)?;
    Some(format!("{}-{}-{year}", day.min(month), day.max(month)))
}

/// Whether two keys of one kind name the same thing.
pub(super) fn same(kind: PiiKind, a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match kind {
        // One is part of the other: "denise" and "denise albright", "bs6 7br" and the address.
        PiiKind::Name | PiiKind::Address => {
            // The words of more than one letter, compared where they are: no copies.
            fn words(s: &str) -> impl Iterator<Item = &str> {
                s.split(' ').filter(|w| w.len() > 1)
            }
            let subset =
                |x: &str, y: &str| words(x).next().is_some() && words(x).all(|w| words(y).any(|v| v == w));
            subset(a, b) || subset(b, a)
        }
        // The last digits of a number: a card's or phone's last four.
        PiiKind::Card
        | PiiKind::Phone
        | PiiKind::BankAccount
        | PiiKind::Iban
        | PiiKind::Ssn
        | PiiKind::NationalId => {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            short.len() >= 4 && long.ends_with(short)
        }
        _ => false,
    }
}

impl Pseudonyms {
    /// The marker of `text` as a `kind`: an earlier one when it names the same thing.
    pub fn marker(&mut self, kind: PiiKind, text: &str) -> String {
        let key = key_of(kind, text);
        let keys = index_keys(kind, &key);
        let existing = self.existing(kind, &key, &keys);
        let number = existing.unwrap_or_else(|| {
            let counter = self.counters.entry(kind).or_insert(0);
            *counter += 1;
            let number = *counter;
            let at = self.entries.len();
            self.entries.push(Entry {
                key: key.clone(),
                number,
            });
            let by_word = self.index.entry(kind).or_default();
            for k in keys {
                by_word.entry(k).or_default().push(at);
            }
            number
        });
        format!("[{}_{number}]", kind.marker_label())
    }

    /// Whether `text` as a `kind` names something the call already has a marker for.
    pub fn known(&self, kind: PiiKind, text: &str) -> bool {
        let key = key_of(kind, text);
        self.existing(kind, &key, &index_keys(kind, &key)).is_some()
    }

    fn existing(&self, kind: PiiKind, key: &str, keys: &[String]) -> Option<u32> {
        let by_word = self.index.get(&kind)?;
        keys.iter()
            .filter_map(|k| by_word.get(k.as_str()))
            .flatten()
            .filter_map(|i| self.entries.get(*i))
            .find(|e| same(kind, &e.key, key))
            .map(|e| e.number)
    }

    /// `text` with every match replaced by its marker; borrowed when there is none.
    pub fn replace<'a>(
        &mut self,
        text: &'a str,
        matches: &[PiiMatch],
        counts: &mut RedactionCounts,
    ) -> Cow<'a, str> {
        if matches.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in matches {
            // Ranges come from our detectors and sit on char boundaries; `get` keeps a mistake
            // from ever panicking.
            let (Some(before), Some(value)) = (text.get(last..m.start), text.get(m.start..m.end)) else {
                continue;
            };
            out.push_str(before);
            out.push_str(&self.marker(m.kind, value));
            counts.add(m.kind);
            last = m.end;
        }
        out.push_str(text.get(last..).unwrap_or_default());
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_address_or_card_keeps_its_marker() {
        let mut p = Pseudonyms::default();
        assert_eq!(p.marker(PiiKind::Name, "Denise Albright"), "[NAME_1]");
        assert_eq!(p.marker(PiiKind::Name, "Marcus"), "[NAME_2]");
        assert_eq!(p.marker(PiiKind::Name, "denise"), "[NAME_1]");
        assert_eq!(p.marker(PiiKind::Name, "ALBRIGHT"), "[NAME_1]");
        assert_eq!(
            p.marker(PiiKind::Address, "27 Cranbrook Road, Bristol BS6 7BR"),
            "[ADDRESS_1]"
        );
        assert_eq!(p.marker(PiiKind::Address, "BS6 7BR"), "[ADDRESS_1]");
        assert_eq!(p.marker(PiiKind::Card, "4111 1111 1111 1111"), "[CARD_1]");
        assert_eq!(p.marker(PiiKind::Card, "1111"), "[CARD_1]");
        assert_eq!(p.marker(PiiKind::Card, "5555 5555 5555 4444"), "[CARD_2]");
        assert_eq!(
            p.marker(PiiKind::Phone, "1111"),
            "[PHONE_1]",
            "kinds are numbered apart"
        );
        assert_eq!(p.marker(PiiKind::Card, "quatre quatre cinq cinq"), "[CARD_3]");
        assert_eq!(
            p.marker(PiiKind::Card, "4455"),
            "[CARD_3]",
            "a number said or written"
        );
        assert_eq!(
            p.marker(PiiKind::DateOfBirth, "September ninth twenty eighteen"),
            "[DOB_1]"
        );
        assert_eq!(p.marker(PiiKind::DateOfBirth, "9/9/2018"), "[DOB_1]");
        assert_eq!(p.marker(PiiKind::DateOfBirth, "March 14th, 2019"), "[DOB_2]");
        assert_eq!(p.marker(PiiKind::DateOfBirth, "3/14/2019"), "[DOB_2]", "US order");
        assert_eq!(p.marker(PiiKind::Email, "john1980@gmail.com"), "[EMAIL_1]");
        assert_eq!(
            p.marker(PiiKind::Email, "mary1980@yahoo.com"),
            "[EMAIL_2]",
            "the same digits"
        );
        assert_eq!(p.marker(PiiKind::Name, "Lucía"), "[NAME_3]");
        assert_eq!(
            p.marker(PiiKind::Name, "Lucia"),
            "[NAME_3]",
            "accents do not make another person"
        );
    }
}
