//! The numbers a call says, as the summary's figures are read against them: as numbers, their
//! digits read out, as amounts, as percentages, near the claim's words.

use super::Support;
use crate::verify::units::PERCENT;

impl Support<'_> {
    /// The ids of utterance `k`'s stems, sorted; none past the call's last utterance.
    pub fn stems_of(&self, k: usize) -> Option<&[u32]> {
        self.utterance_stems.group(k)
    }

    /// A number of the summary (`value` canonical, `raw` as written): said as such, its whole and
    /// decimal parts said in one utterance ("thirty-eight pounds fifty" for £38.50), or its
    /// digits read out in one utterance ("R K zwanzig vierundzwanzig null acht fünfzehn").
    pub fn has_number(&self, value: &str, raw: &str) -> bool {
        let digits = digits_of(raw);
        self.numbers.contains(value)
            || (0..self.utterance_numbers.len()).any(|i| self.said_in(i, value, &digits))
    }

    /// An amount of money or a percentage of the summary (`value` canonical, `raw` as written):
    /// as [`Self::has_number`], but digits read out count only when no longer number of the
    /// utterance holds them ("$7,500" is not in "thirty-seven thousand five hundred"; "$42.18"
    /// is in "forty two eighteen").
    pub fn has_amount(&self, value: &str, raw: &str) -> bool {
        if self.numbers.contains(value) {
            return true;
        }
        let digits = digits_of(raw);
        (0..self.utterance_numbers.len()).any(|i| {
            self.said_as_number(i, value)
                || (self.reads_out(i, &digits)
                    && !self.utterance_numbers.get(i).is_some_and(|said| {
                        said.iter().any(|n| {
                            let n: String = n.chars().filter(char::is_ascii_digit).collect();
                            n.len() > digits.len() && n.contains(&digits)
                        })
                    }))
        })
    }

    /// Whether utterance `i` reads out these digits in order (three or more).
    fn reads_out(&self, i: usize, digits: &str) -> bool {
        digits.len() >= 3 && self.digit_streams.get(i).is_some_and(|s| s.contains(digits))
    }

    /// Whether utterance `i` says the number as such, or its whole and decimal parts.
    fn said_as_number(&self, i: usize, value: &str) -> bool {
        let Some(said) = self.utterance_numbers.get(i) else {
            return false;
        };
        if said.contains(value) {
            return true;
        }
        value.split_once('.').is_some_and(|(whole, fraction)| {
            let cents = format!("{fraction:0<2}");
            said.contains(whole) && (said.contains(fraction) || said.contains(cents.as_str()))
        })
    }

    /// Whether utterance `i` says the number: as a number, or its digits read out in order.
    fn said_in(&self, i: usize, value: &str, digits: &str) -> bool {
        self.said_as_number(i, value) || self.reads_out(i, digits)
    }

    /// The utterances that say a number of the summary (`value` canonical, `raw` as written).
    pub fn utterances_saying(&self, value: &str, raw: &str) -> Vec<usize> {
        let digits = digits_of(raw);
        (0..self.utterance_numbers.len())
            .filter(|i| self.said_in(*i, value, &digits))
            .collect()
    }

    /// Digits the call reads out in one utterance, in order ("twee vier, nul zes, één één
    /// drie" holds 2406113).
    pub fn has_digits(&self, digits: &str) -> bool {
        self.digit_streams.iter().any(|s| s.contains(digits))
    }

    /// Whether one utterance says both numbers.
    pub fn said_together(&self, value: &str, raw: &str, other: &str, other_raw: &str) -> bool {
        let (digits, other_digits) = (digits_of(raw), digits_of(other_raw));
        (0..self.utterance_numbers.len())
            .any(|i| self.said_in(i, value, &digits) && self.said_in(i, other, &other_digits))
    }

    /// A number said together with at least one of the claim's words next to it (`context`,
    /// stems), in one utterance or the one before or after: "$5,000 transferred" is not held
    /// up by a "$5,000" said about something else.
    pub fn has_number_near(&self, value: &str, raw: &str, context: &[String]) -> bool {
        if context.is_empty() {
            return true;
        }
        let context: Vec<u32> = context
            .iter()
            .filter_map(|c| self.stem_ids.get(c.as_str()).copied())
            .collect();
        let digits = digits_of(raw);
        (0..self.utterance_numbers.len()).any(|i| {
            self.said_in(i, value, &digits)
                && (i.saturating_sub(1)..=i + 1).any(|k| {
                    self.stems_of(k)
                        .is_some_and(|stems| context.iter().any(|c| stems.binary_search(c).is_ok()))
                })
        })
    }

    /// A small count with the word after it ("6 weeks"): false when the call has that word
    /// after other numbers only, so "2 weeks" for "6 weeks" is caught even when a 2 is said
    /// elsewhere. Amounts and long numbers are told apart by their value alone.
    pub fn has_number_with_unit(&self, value: &str, unit: &str) -> bool {
        let count = value.len() <= 2 && !value.contains('.');
        !count
            || self.number_units.contains(&(value.to_owned(), unit.to_owned()))
            || !self.number_units.iter().any(|(_, u)| u == unit)
    }

    /// A percentage of the summary: the call says the same number as a percentage, or says no
    /// percentage at all. "A 10% coupon" is not held up by "10 instalments" and "the 10th"
    /// in a call whose coupon is "15%". A fraction said in words is read in parts ("two point
    /// seven five percent"): an utterance that says it and a percentage holds it up.
    pub fn has_percent(&self, value: &str, raw: &str) -> bool {
        let said_in_parts = || {
            let digits = digits_of(raw);
            self.utterance_percents
                .iter()
                .enumerate()
                .any(|(i, percent)| *percent && self.said_in(i, value, &digits))
        };
        self.number_units
            .contains(&(value.to_owned(), PERCENT.to_owned()))
            || !self.utterance_percents.contains(&true)
            || (value.contains('.') && said_in_parts())
    }
}

/// The digits of a number as written ("$1,250.00" -> "125000").
fn digits_of(raw: &str) -> String {
    raw.chars().filter(char::is_ascii_digit).collect()
}

/// Sorts `values[from..]` and drops its repeats, in place.
pub(super) fn sort_unique_tail(values: &mut Vec<u32>, from: usize) {
    let Some(tail) = values.get_mut(from..) else {
        return;
    };
    tail.sort_unstable();
    let mut kept = 0;
    for read in 0..tail.len() {
        let value = tail.get(read).copied();
        if kept == 0 || tail.get(kept - 1).copied() != value {
            if let (Some(slot), Some(value)) = (tail.get_mut(kept), value) {
                *slot = value;
            }
            kept += 1;
        }
    }
    values.truncate(from + kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The tail comes out sorted without repeats; what is before it stays as it was.
        #[test]
        fn the_tail_is_sorted_and_unique(
            head in proptest::collection::vec(0u32..8, 0..6),
            tail in proptest::collection::vec(0u32..8, 0..12),
        ) {
            let mut values: Vec<u32> = head.iter().chain(&tail).copied().collect();
            sort_unique_tail(&mut values, head.len());
            let mut expected = tail.clone();
            expected.sort_unstable();
            expected.dedup();
            let expected: Vec<u32> = head.iter().chain(&expected).copied().collect();
            proptest::prop_assert_eq!(values, expected);
        }
    }
}
