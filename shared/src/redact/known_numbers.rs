//! Numbers of the call's redacted values found again when they are repeated: the agent reads
//! back the last four digits the customer just gave ("quatre quatre cinq cinq, c'est la Visa"),
//! the door code of an address comes up later ("buzz 1206").

use super::PiiKind;
use super::candidate::{self, Candidate, Strength};
use super::context;
use super::numbers::SpokenDigits;
use super::token::{Class, Tokens};
use crate::summary::extractive::word_hash::WordMap;

/// Shorter numbers are everywhere (times, quantities, house numbers).
const MIN_DIGITS: usize = 4;

#[derive(Debug, Clone, Default)]
pub(crate) struct KnownNumbers {
    values: WordMap<String, PiiKind>,
}

impl KnownNumbers {
    /// Remembers the numbers of one redacted value: each written number and each number read
    /// aloud inside it, and all its digits together.
    pub fn add(&mut self, tokens: &Tokens<'_>, spoken: &[SpokenDigits], value: &Candidate) {
        // A birth year or a street number alone says little; names and emails have no number.
        if matches!(
            value.kind,
            PiiKind::Name | PiiKind::Email | PiiKind::DateOfBirth | PiiKind::SecurityAnswer
        ) {
            return;
        }
        let mut remember = |digits: String| {
            if digits.len() >= MIN_DIGITS {
                self.values.entry(digits).or_insert(value.kind);
            }
        };
        let inside = |start: usize, end: usize| value.start <= start && end <= value.end;
        let mut all = String::new();
        for i in tokens.index_at(value.start)..tokens.index_at(value.end) {
            let Some(t) = tokens.get(i) else { break };
            if inside(t.start, t.end) && t.class == Class::Number {
                // A year is in every date of the call: only the whole value counts then.
                if !is_year(tokens.text(i)) {
                    remember(tokens.text(i).to_owned());
                }
                all.push_str(tokens.text(i));
            }
        }
        for seq in spoken.iter().filter(|s| inside(s.start, s.end)) {
            remember(seq.digits.clone());
        }
        remember(all);
    }

    /// Adds a candidate for every number, written on its own or read aloud, that is a known
    /// value and that nothing covers yet.
    /// Returns whether it added any.
    pub fn add_mentions(
        &self,
        tokens: &Tokens<'_>,
        spoken: &[SpokenDigits],
        chosen: &mut Vec<Candidate>,
    ) -> bool {
        if self.values.is_empty() {
            return false;
        }
        let covered = |chosen: &[Candidate], start: usize, end: usize| {
            chosen.iter().any(|c| c.start < end && start < c.end)
        };
        let mut found = Vec::new();
        for seq in spoken {
            if let Some(&kind) = self.values.get(&seq.digits)
                && !covered(chosen, seq.start, seq.end)
            {
                let (first, last) = with_letters(tokens, seq.first, seq.last);
                let (start, end) = (tokens.toks[first].start, tokens.toks[last].end);
                found.push(Candidate::new(kind, start, end, Strength::Context));
            }
        }
        for (i, t) in tokens.toks.iter().enumerate() {
            if t.class == Class::Number
                && stands_alone(tokens, i)
                && let Some(&kind) = self.values.get(tokens.text(i))
                && !covered(chosen, t.start, t.end)
                && !covered(&found, t.start, t.end)
            {
                found.push(Candidate::new(kind, t.start, t.end, Strength::Context));
            }
        }
        let added = !found.is_empty();
        if added {
            chosen.extend(found);
            *chosen = candidate::resolve(std::mem::take(chosen), &[]);
        }
        added
    }
}

/// The run widened over a letter said before or after it: "Equis cuatro siete ... ka".
fn with_letters(tokens: &Tokens<'_>, first: usize, last: usize) -> (usize, usize) {
    let letter = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Word && tokens.text(k).chars().count() == 1)
            || context::is_letter_name(tokens, k)
    };
    let comma = |k: usize| tokens.is_punct(k, ',');
    let before = match first.checked_sub(1) {
        Some(k) if letter(k) => k,
        Some(k) if comma(k) && k > 0 && letter(k - 1) => k - 1,
        _ => first,
    };
    let after = if letter(last + 1) {
        last + 1
    } else if comma(last + 1) && letter(last + 2) {
        last + 2
    } else {
        last
    };
    (before, after)
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

/// A number that is not part of an amount or a longer written number: "$44.55", "4,455".
fn stands_alone(tokens: &Tokens<'_>, i: usize) -> bool {
    let glued = |k: usize| tokens.get(k).is_some_and(|t| !t.space_before);
    let currency = i > 0
        && tokens.get(i - 1).is_some_and(|t| {
            t.class == Class::Punct && tokens.text(i - 1).chars().any(|c| "$€£¥₹".contains(c))
        });
    let continued = glued(i + 1)
        && tokens.is_punct(i + 1, '.') | tokens.is_punct(i + 1, ',')
        && tokens
            .get(i + 2)
            .is_some_and(|t| t.class == Class::Number && !t.space_before);
    let preceded = i > 1
        && glued(i)
        && (tokens.is_punct(i - 1, '.') || tokens.is_punct(i - 1, ','))
        && tokens.get(i - 2).is_some_and(|t| t.class == Class::Number);
    !currency && !continued && !preceded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::numbers;

    fn learn(known: &mut KnownNumbers, kind: PiiKind, text: &str, value: &str) {
        let tokens = Tokens::new(text);
        let spoken = numbers::digit_sequences(&tokens);
        let start = text.find(value).unwrap_or_default();
        known.add(
            &tokens,
            &spoken,
            &Candidate::new(kind, start, start + value.len(), Strength::Context),
        );
    }

    fn masked(known: &KnownNumbers, text: &str) -> Vec<(PiiKind, String)> {
        let tokens = Tokens::new(text);
        let spoken = numbers::digit_sequences(&tokens);
        let mut chosen = Vec::new();
        known.add_mentions(&tokens, &spoken, &mut chosen);
        chosen
            .iter()
            .map(|c| (c.kind, text[c.start..c.end].to_owned()))
            .collect()
    }

    #[test]
    fn a_value_read_back_is_masked_in_any_form() {
        let mut known = KnownNumbers::default();
        learn(
            &mut known,
            PiiKind::Card,
            "voilà, quatre quatre cinq cinq",
            "quatre quatre cinq cinq",
        );
        learn(
            &mut known,
            PiiKind::Address,
            "Unit 1206, 88 Blue Jays Way",
            "Unit 1206, 88 Blue Jays Way",
        );
        assert_eq!(
            masked(&known, "quatre quatre cinq cinq, c'est la Visa Premier"),
            [(PiiKind::Card, "quatre quatre cinq cinq".to_owned())]
        );
        assert_eq!(
            masked(&known, "card ending 4455?"),
            [(PiiKind::Card, "4455".to_owned())]
        );
        assert_eq!(
            masked(&known, "leave it, buzz 1206"),
            [(PiiKind::Address, "1206".to_owned())]
        );
        learn(
            &mut known,
            PiiKind::NationalId,
            "es equis, cuatro siete tres uno, ka.",
            "equis, cuatro siete tres uno, ka",
        );
        assert_eq!(
            masked(&known, "Equis cuatro siete tres uno ka. Correcto."),
            [(PiiKind::NationalId, "Equis cuatro siete tres uno ka".to_owned())]
        );
    }

    #[test]
    fn amounts_and_other_numbers_stay() {
        let mut known = KnownNumbers::default();
        learn(&mut known, PiiKind::Card, "ends in 4455", "4455");
        learn(&mut known, PiiKind::DateOfBirth, "born 12/03/1984", "12/03/1984");
        learn(&mut known, PiiKind::Phone, "ref 2024-00871", "2024-00871");
        assert!(masked(&known, "that's $4455 or 44.55 or 1,4455 and 1984").is_empty());
        assert!(masked(&known, "order 44556").is_empty());
        assert!(masked(&known, "sent on 4 March 2024").is_empty());
    }
}
