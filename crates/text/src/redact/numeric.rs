//! Digit-based PII: payment cards, US SSNs and phone numbers.
//!
//! The text is cut into runs: digit groups joined by short separators (`)? ?[-.]? ?(?`, so
//! "+1 (415) 555-0132", "4111 1111 1111 1111" and "123-45-6789" are each one run). Every window of
//! consecutive groups that stands alone in the text (no letter, digit, currency sign or decimal
//! part glued to it) is then checked against the shape of each kind; the caller keeps the most
//! specific, longest matches. Money ("$1,200.00"), dates, times, codes like "INC001234" and short
//! numbers never form a valid window.

use super::PiiKind;
use super::candidate::{Candidate, Strength};

/// No kind is longer than a 19-digit card.
const MAX_WINDOW_DIGITS: usize = 19;
const CURRENCY: &[char] = &['$', '£', '€', '¥', '₹'];
/// Characters that glue a number to a neighbouring digit ("1,200", "9.23", "10:30", "2024-05").
const NUMBER_GLUE: &[char] = &[',', '.', '/', ':', '-'];

#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

pub(super) fn find(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        groups.clear();
        i = parse_run(bytes, i, &mut groups);
        classify_run(text, &groups, out);
    }
}

/// Collects the groups of the run starting at the digit at `start`; returns the byte after it.
fn parse_run(bytes: &[u8], start: usize, groups: &mut Vec<Group>) -> usize {
    let mut pos = start;
    loop {
        let group_start = pos;
        while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        groups.push(Group {
            start: group_start,
            end: pos,
        });
        let sep = separator_len(bytes, pos);
        if sep > 0 && bytes.get(pos + sep).is_some_and(u8::is_ascii_digit) {
            pos += sep;
        } else {
            return pos;
        }
    }
}

/// Length of the separator at `pos`: `)? ?[-.]? ?(?`, two spaces only around a dash or dot.
fn separator_len(bytes: &[u8], pos: usize) -> usize {
    let at = |p: usize| bytes.get(p).copied();
    let mut p = pos;
    if at(p) == Some(b')') {
        p += 1;
    }
    let lead_space = at(p) == Some(b' ');
    if lead_space {
        p += 1;
    }
    let mid = matches!(at(p), Some(b'-' | b'.' | b'/'));
    if mid {
        p += 1;
    }
    if at(p) == Some(b' ') && (mid || !lead_space) {
        p += 1;
    }
    if at(p) == Some(b'(') {
        p += 1;
    }
    p - pos
}

fn classify_run(text: &str, groups: &[Group], out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    for a in 0..groups.len() {
        let Some((span_start, has_plus)) = window_start(text, groups, a) else {
            continue;
        };
        let mut digits = 0;
        for b in a..groups.len() {
            let (Some(window), Some(last)) = (groups.get(a..=b), groups.get(b)) else {
                break;
            };
            digits += last.end - last.start;
            if digits > MAX_WINDOW_DIGITS {
                break;
            }
            if !clean_end(text, groups, b) {
                continue;
            }
            let shape = Window {
                bytes,
                groups: window,
                digits,
            };
            let mut push = |kind, strength| out.push(Candidate::new(kind, span_start, last.end, strength));
            // "+..." is always dialled, never a card.
            if !has_plus && shape.is_card() {
                push(PiiKind::Card, Strength::Strong);
            }
            if shape.is_ssn() {
                push(PiiKind::Ssn, Strength::Strong);
            }
            if shape.is_phone(has_plus) {
                push(PiiKind::Phone, Strength::Shape);
            }
        }
    }
}

/// Where a window starting at group `a` begins (with its `+` / `(`), and whether it has a `+`;
/// `None` when something glued to its left makes it part of a larger token.
fn window_start(text: &str, groups: &[Group], a: usize) -> Option<(usize, bool)> {
    let group = groups.get(a)?;
    let bytes = text.as_bytes();
    let mut start = group.start;
    if start > 0 && bytes.get(start - 1) == Some(&b'(') {
        start -= 1;
    }
    if a > 0 {
        // Inside a run, a window may only start after a separator with a space.
        let prev = groups.get(a - 1)?;
        let sep = bytes.get(prev.end..group.start)?;
        return sep.contains(&b' ').then_some((start, false));
    }
    let has_plus = start > 0 && bytes.get(start - 1) == Some(&b'+');
    if has_plus {
        start -= 1;
    }
    let before = char_before(text, start);
    let clean = match before {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '+' || CURRENCY.contains(&c) => false,
        Some(c) if NUMBER_GLUE.contains(&c) => {
            !char_before(text, start - c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
        }
        Some(_) => true,
    };
    clean.then_some((start, has_plus))
}

/// Whether a window may end after group `b`.
fn clean_end(text: &str, groups: &[Group], b: usize) -> bool {
    let Some(group) = groups.get(b) else {
        return false;
    };
    if let Some(next) = groups.get(b + 1) {
        return text
            .as_bytes()
            .get(group.end..next.start)
            .is_some_and(|sep| sep.contains(&b' '));
    }
    match char_at(text, group.end) {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '%' => false,
        Some(c) if NUMBER_GLUE.contains(&c) => {
            !char_at(text, group.end + c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
        }
        Some(_) => true,
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Consecutive groups of one run, `digits` digits in all.
struct Window<'a> {
    bytes: &'a [u8],
    groups: &'a [Group],
    digits: usize,
}

impl Window<'_> {
    fn digit_values(&self) -> impl DoubleEndedIterator<Item = u32> + '_ {
        self.groups.iter().flat_map(|g| {
            self.bytes
                .get(g.start..g.end)
                .unwrap_or_default()
                .iter()
                .map(|b| u32::from(b - b'0'))
        })
    }

    fn first_digit(&self) -> Option<u32> {
        self.digit_values().next()
    }

    fn group_lens(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups.iter().map(|g| g.end - g.start)
    }

    fn separators(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.groups
            .windows(2)
            .filter_map(|pair| pair.first().zip(pair.get(1)))
            .map(|(a, b)| self.bytes.get(a.end..b.start).unwrap_or_default())
    }

    /// 13–19 digits, single space or dash between groups, Luhn-valid.
    fn is_card(&self) -> bool {
        (13..=19).contains(&self.digits)
            && self.first_digit().is_some_and(|d| d != 0)
            && self.separators().all(|s| s == b" " || s == b"-")
            && self.luhn_valid()
    }

    fn luhn_valid(&self) -> bool {
        luhn(self.digit_values())
    }

    /// `AAA-GG-SSSS` without the never-issued areas (000, 666, 9xx), group 00 or serial 0000.
    fn is_ssn(&self) -> bool {
        if self.group_lens().ne([3, 2, 4]) || !self.separators().all(|s| s == b"-") {
            return false;
        }
        let number = |g: Option<&Group>| {
            g.and_then(|g| self.bytes.get(g.start..g.end))
                .and_then(|b| std::str::from_utf8(b).ok())
                .and_then(|s| s.parse::<u32>().ok())
        };
        let (Some(area), Some(group), Some(serial)) = (
            number(self.groups.first()),
            number(self.groups.get(1)),
            number(self.groups.get(2)),
        ) else {
            return false;
        };
        area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    fn is_phone(&self, has_plus: bool) -> bool {
        if has_plus {
            // E.164: at most 15 digits; the shortest national numbers make 8 with the country code.
            return (8..=15).contains(&self.digits) && self.first_digit().is_some_and(|d| d != 0);
        }
        let lens: Vec<usize> = self.group_lens().collect();
        let plain = |s: &[u8]| s.iter().all(|b| matches!(b, b' ' | b'-' | b'(' | b')'));
        let spaced = self.separators().all(plain);
        // German and Austrian numbers set the area code off with a slash: "0676 / 945 12 08".
        let area_slash = self.separators().next().is_some_and(|s| s.contains(&b'/'))
            && self.separators().skip(1).all(plain);
        match self.first_digit() {
            // Trunk prefix 0 (UK, FR, DE, NL, AU ...): 9 to 12 digits in groups of 2 to 8, one
            // separator style or spaces and dashes only, so dates like "01.05.2024 10" stay out.
            Some(0) => {
                !self.digit_values().take(3).all(|d| d == 0)
                    && (9..=12).contains(&self.digits)
                    && (lens.len() == 1
                        || (lens.len() <= 6
                            && lens.iter().all(|l| (2..=8).contains(l))
                            && (spaced || area_slash || self.one_separator_style())))
            }
            // North American shapes, with or without the leading 1.
            Some(1) if self.digits == 11 => matches!(lens.as_slice(), [11] | [1, 3, 3, 4] | [1, 3, 7]),
            Some(_) if self.digits == 10 && matches!(lens.as_slice(), [10] | [3, 3, 4] | [3, 7]) => true,
            // Other national numbers written in groups: "612 345 678", "81 1234 5678",
            // "(11) 98765-4321", "11 4982-1107".
            // Spanish numbers in pairs: "612 48 93 07".
            Some(_) if self.digits == 9 && lens == [3, 2, 2, 2] => spaced,
            Some(_) => {
                (9..=11).contains(&self.digits)
                    && (2..=4).contains(&lens.len())
                    && lens.first().is_some_and(|l| (2..=5).contains(l))
                    && lens.iter().skip(1).all(|l| (3..=5).contains(l))
                    && spaced
            }
            None => false,
        }
    }

    fn one_separator_style(&self) -> bool {
        let core =
            |s: &[u8]| -> Vec<u8> { s.iter().copied().filter(|b| !matches!(b, b'(' | b')')).collect() };
        let mut styles = self.separators().map(core);
        let first = styles.next();
        styles.all(|s| Some(&s) == first.as_ref())
    }
}

/// The Luhn check (cards, and national ids built on it) over digit values in reading order:
/// every second digit from the right doubled, the digits of the products summed.
pub(super) fn luhn(digits: impl DoubleEndedIterator<Item = u32>) -> bool {
    let sum: u32 = digits
        .rev()
        .enumerate()
        .map(|(i, d)| match (i % 2 == 1, d * 2) {
            (true, doubled) if doubled > 9 => doubled - 9,
            (true, doubled) => doubled,
            (false, _) => d,
        })
        .sum();
    sum.is_multiple_of(10)
}
