//! Numbers of the call's redacted values found again when they are repeated: the agent reads
//! back the last four digits the customer just gave ("quatre quatre cinq cinq, c'est la Visa"),
//! the door code of an address comes up later ("buzz 1206").

use super::PiiKind;
use super::candidate::{self, Candidate, Strength};
use super::context;
use super::dates::DateMention;
use super::numbers::{self, SpokenDigits};
use super::token::{Class, Tokens};
use crate::word_hash::WordMap;

/// Shorter numbers are everywhere (times, quantities, house numbers).
const MIN_DIGITS: usize = 4;
/// A code read back in another form is compared on its digits: enough of them to be its own.
const MIN_CODE_DIGITS: usize = 6;

#[derive(Debug, Clone, Default)]
pub(crate) struct KnownNumbers {
    values: WordMap<String, PiiKind>,
    /// The longest value's length: whether a code read back can be one of them.
    longest: usize,
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
        let (values, longest) = (&mut self.values, &mut self.longest);
        let mut remember = |digits: String| {
            if digits.len() >= MIN_DIGITS {
                *longest = (*longest).max(digits.len());
                values.entry(digits).or_insert(value.kind);
            }
        };
        let inside = |start: usize, end: usize| value.start <= start && end <= value.end;
        // All its digits, written and read aloud, in order: "B N C F N C sessantasette B
        // cinquantaquattro ..." is found again read back as "B come Bologna, ... sei sette, ...".
        let mut all = String::new();
        let mut i = tokens.index_at(value.start);
        while i < tokens.index_at(value.end) {
            let Some(t) = tokens.get(i) else { break };
            if let Some(seq) = numbers::spoken_at(spoken, i).filter(|s| inside(s.start, s.end)) {
                all.push_str(&seq.digits);
                i = seq.last + 1;
                continue;
            }
            let text = tokens.text(i);
            if inside(t.start, t.end) {
                // A code of letters and digits ("NU7F2K9L4") is found again as it is written.
                if t.class == Class::Mixed {
                    if is_code(text) {
                        remember(text.to_uppercase());
                    }
                    // Its digits count with the rest, as `code_run` counts them on read-back.
                    all.extend(text.chars().filter(char::is_ascii_digit));
                }
                if t.class == Class::Number {
                    // A year is in every date of the call: only the whole value counts then.
                    if !is_year(text) {
                        remember(text.to_owned());
                    }
                    all.push_str(text);
                }
            }
            i += 1;
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
        self.add_mentions_in(tokens, spoken, true, chosen)
    }

    /// [`Self::add_mentions`]; `gated`: a text without digits, written or said, is not walked
    /// (every known value is digits; the property test compares both).
    fn add_mentions_in(
        &self,
        tokens: &Tokens<'_>,
        spoken: &[SpokenDigits],
        gated: bool,
        chosen: &mut Vec<Candidate>,
    ) -> bool {
        if self.values.is_empty() || (gated && tokens.summary.digits == 0 && spoken.is_empty()) {
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
            let known = match t.class {
                Class::Number if stands_alone(tokens, i) => self.values.get(tokens.text(i)),
                Class::Mixed if is_code(tokens.text(i)) => self.values.get(&tokens.text(i).to_uppercase()),
                _ => None,
            };
            if let Some(&kind) = known
                && !covered(chosen, t.start, t.end)
                && !covered(&found, t.start, t.end)
            {
                found.push(Candidate::new(kind, t.start, t.end, Strength::Context));
            }
        }
        // A code read back in another form: its letters and number groups said differently,
        // its digits the same. Only when the text has digits enough for one and a known value
        // is that long.
        let written = tokens.summary.digits;
        let said: usize = spoken.iter().map(|s| s.digits.len()).sum();
        let worth = written + said >= MIN_CODE_DIGITS && self.longest >= MIN_CODE_DIGITS;
        let mut i = if worth { 0 } else { tokens.len() };
        while i < tokens.len() {
            let Some((last, digits, _)) = context::code_run(tokens, spoken, i, true) else {
                i += 1;
                continue;
            };
            // Only a match holding all of it hides it; a word inside ("N come Napoli", a town
            // of the call) gives way to the whole.
            if digits >= MIN_CODE_DIGITS
                && let (Some(a), Some(b)) = (tokens.get(i), tokens.get(last))
                && !chosen.iter().any(|c| c.start <= a.start && b.end <= c.end)
                && !covered(&found, a.start, b.end)
                && let Some(&kind) = self.values.get(&run_digits(tokens, spoken, i, last))
            {
                found.push(Candidate::new(kind, a.start, b.end, Strength::Context));
            }
            i = last + 1;
        }
        let added = !found.is_empty();
        if added {
            chosen.extend(found);
            *chosen = candidate::resolve(std::mem::take(chosen), &[]);
        }
        added
    }
}

/// The dates of birth given in the call, found again in any form: "September ninth twenty
/// eighteen" read back as "9/9/2018".
#[derive(Debug, Clone)]
pub(crate) struct KnownBirthDates {
    dates: Vec<(u8, u8, Option<i32>)>,
    /// Whether the call's numeric dates are day first for certain (en-NZ, de, fr...): then
    /// "02/09/1989" is the 2nd of September, and "9 Feb" (a rental's return day) is no reading
    /// of it. In the US, or where the call names no region, either order may be meant.
    day_first: bool,
}

impl KnownBirthDates {
    /// For a call in `language` (a BCP-47 tag).
    pub fn for_language(language: Option<&str>) -> Self {
        Self {
            dates: Vec::new(),
            day_first: language.is_some_and(crate::language::numeric_dates_day_first),
        }
    }

    /// Remembers the full dates inside one date-of-birth value.
    pub fn add(&mut self, dates: &[DateMention], value: &Candidate) {
        for date in dates {
            if let (Some(day), Some(month)) = (date.day, date.month)
                && value.start <= date.start
                && date.end <= value.end
            {
                self.dates.push((day, month, date.year.map(context::full_year)));
            }
        }
    }

    /// Adds a date-of-birth candidate for every date of the text that is a known one (day and
    /// month in either order, the same year when both have one).
    /// Whether one was added.
    pub fn add_mentions(&self, dates: &[DateMention], chosen: &mut Vec<Candidate>) -> bool {
        if self.dates.is_empty() {
            return false;
        }
        let mut added = false;
        for date in dates {
            let (Some(day), Some(month)) = (date.day, date.month) else {
                continue;
            };
            let year = date.year.map(context::full_year);
            let known = self.dates.iter().any(|&(d, m, y)| {
                ((d, m) == (day, month) || (!self.day_first && (d, m) == (month, day)))
                    && (y.is_none() || year.is_none() || y == year)
            });
            if known && !chosen.iter().any(|c| c.start <= date.start && date.end <= c.end) {
                chosen.push(Candidate::new(
                    PiiKind::DateOfBirth,
                    date.start,
                    date.end,
                    Strength::Context,
                ));
                added = true;
            }
        }
        if added {
            *chosen = candidate::resolve(std::mem::take(chosen), &[]);
        }
        added
    }
}

/// The digits of tokens `first..=last`, written and read aloud, in order.
fn run_digits(tokens: &Tokens<'_>, spoken: &[SpokenDigits], first: usize, last: usize) -> String {
    let mut all = String::new();
    let mut i = first;
    while i <= last {
        if let Some(seq) = numbers::spoken_at(spoken, i) {
            all.push_str(&seq.digits);
            i = seq.last + 1;
            continue;
        }
        match tokens.get(i).map(|t| t.class) {
            Some(Class::Number) => all.push_str(tokens.text(i)),
            Some(Class::Mixed) => all.extend(tokens.text(i).chars().filter(char::is_ascii_digit)),
            _ => {}
        }
        i += 1;
    }
    all
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

/// Letters and digits together, long enough not to be a model or a flight ("A4", "ES482"
/// are not; "NU7F2K9L4" is).
fn is_code(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    text.chars().filter(|c| c.is_alphanumeric()).count() >= 6 && digits >= 3
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

    proptest::proptest! {
        /// The gate of [`KnownNumbers::add_mentions`] changes no text's mentions.
        #[test]
        fn gated_mentions_are_the_walked_ones(text in crate::redact::token::summary_texts()) {
            let mut known = KnownNumbers::default();
            learn(&mut known, PiiKind::Card, "ends in 4455", "4455");
            learn(&mut known, PiiKind::NationalId, "code AB12345", "AB12345");
            learn(&mut known, PiiKind::Phone, "four four one, two three", "four four one, two three");
            let tokens = Tokens::new(&text);
            let spoken = numbers::digit_sequences(&tokens);
            let (mut gated, mut walked) = (Vec::new(), Vec::new());
            known.add_mentions_in(&tokens, &spoken, true, &mut gated);
            known.add_mentions_in(&tokens, &spoken, false, &mut walked);
            proptest::prop_assert_eq!(gated, walked);
        }
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
        learn(
            &mut known,
            PiiKind::Passport,
            "passport number XK4R7720L",
            "XK4R7720L",
        );
        assert_eq!(
            masked(&known, "your passport xk4r7720l is now cancelled"),
            [(PiiKind::Passport, "xk4r7720l".to_owned())]
        );
        assert_eq!(
            masked(&known, "Equis cuatro siete tres uno ka. Correcto."),
            [(PiiKind::NationalId, "Equis cuatro siete tres uno ka".to_owned())]
        );
    }

    #[test]
    fn a_code_read_back_with_its_letters_spelled_is_masked() {
        let mut known = KnownNumbers::default();
        learn(
            &mut known,
            PiiKind::NationalId,
            "sì, R S S M R A settantuno C quarantuno H cinque zero uno U",
            "R S S M R A settantuno C quarantuno H cinque zero uno U",
        );
        assert_eq!(
            masked(
                &known,
                "allora R come Roma, S come Savona, S M R A sette uno, C quattro uno, H cinque zero uno, U. giusto?"
            ),
            [(
                PiiKind::NationalId,
                "R come Roma, S come Savona, S M R A sette uno, C quattro uno, H cinque zero uno, U"
                    .to_owned()
            )]
        );
        // Written as one token, read back spelled.
        let mut written = KnownNumbers::default();
        learn(
            &mut written,
            PiiKind::NationalId,
            "il codice è RSSMRA71C41H501U",
            "RSSMRA71C41H501U",
        );
        assert_eq!(
            masked(
                &written,
                "R come Roma, S S M R A sette uno, C quattro uno, H cinque zero uno, U"
            ),
            [(
                PiiKind::NationalId,
                "R come Roma, S S M R A sette uno, C quattro uno, H cinque zero uno, U".to_owned()
            )]
        );
        // Other digits in the same shape are someone else's code.
        assert!(masked(&known, "R come Roma, S M R A sette due, C quattro uno, H cinque").is_empty());
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
