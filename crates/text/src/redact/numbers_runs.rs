//! Digit runs: the groups of number words and the written digits of a text joined into the
//! sequences people read out ("four one five, five five five", "zéro six, douze").

use super::super::token::{Class, Tokens};
use super::{AMBIGUOUS, Kind, Slot, Slots, SpokenDigits, group_at, lex_token};

/// Reads number-word groups and written numbers in text order, then joins them into runs.
pub(super) fn digit_sequences(tokens: &Tokens<'_>) -> Vec<SpokenDigits> {
    // A run holds a number word (written digits alone make none): most texts have none.
    if tokens.summary.number_words == 0 {
        return Vec::new();
    }
    read_sequences(tokens)
}

/// [`digit_sequences`] read without its gate.
pub(super) fn read_sequences(tokens: &Tokens<'_>) -> Vec<SpokenDigits> {
    let mut items = Vec::new();
    let mut slots = Slots::new();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        match t.class {
            // Most words: ruled out by their first letters, without a call.
            Class::Word if !t.number_word => i += 1,
            Class::Number => {
                if reads_as_digits(tokens, i) {
                    let digits = Digits::Written {
                        start: t.start,
                        end: t.end,
                    };
                    items.push(Item {
                        first: i,
                        last: i,
                        digits,
                        words: 0,
                        lang: 0,
                        ambiguous: false,
                    });
                }
                i += 1;
            }
            Class::Word => {
                slots.clear();
                let mut j = i;
                while lex_token(tokens, j, &mut slots) {
                    j += 1;
                }
                segment_items(&slots, &mut items);
                i = j.max(i + 1);
            }
            _ => i += 1,
        }
    }
    runs(tokens, &mut items)
}

/// The digits one item of a run stands for.
#[derive(Debug, Clone, Copy)]
pub(super) enum Digits {
    /// Written digits: a byte range of the text.
    Written {
        start: usize,
        end: usize,
    },
    Value(u64),
    Zero,
    /// "double": waits for its digit.
    Times(u8),
    /// An ambiguous word that is not a digit here: reads nothing and breaks the run.
    Void,
    Repeat {
        digit: u8,
        times: u8,
    },
}

impl Digits {
    fn count(self) -> usize {
        match self {
            Digits::Written { start, end } => end.saturating_sub(start),
            Digits::Value(v) => v.checked_ilog10().map_or(1, |log| log as usize + 1),
            Digits::Zero => 1,
            Digits::Times(_) | Digits::Void => 0,
            Digits::Repeat { times, .. } => usize::from(times),
        }
    }

    /// The digit, if this is exactly one.
    fn single(self, text: &str) -> Option<u8> {
        match self {
            Digits::Written { start, end } if end == start + 1 => {
                text.as_bytes().get(start).and_then(|b| b.checked_sub(b'0'))
            }
            Digits::Value(v) if v < 10 => u8::try_from(v).ok(),
            Digits::Zero => Some(0),
            _ => None,
        }
    }

    fn write(self, text: &str, out: &mut String) {
        match self {
            Digits::Written { start, end } => out.push_str(text.get(start..end).unwrap_or_default()),
            Digits::Value(v) => out.push_str(&v.to_string()),
            Digits::Zero => out.push('0'),
            Digits::Times(_) | Digits::Void => {}
            Digits::Repeat { digit, times } => {
                if let Some(c) = char::from_digit(u32::from(digit), 10) {
                    (0..times).for_each(|_| out.push(c));
                }
            }
        }
    }
}

/// One piece of a digit run: written digits or a group of number words.
#[derive(Debug, Clone, Copy)]
struct Item {
    first: usize,
    last: usize,
    digits: Digits,
    /// Number-word tokens (connectors not counted).
    words: usize,
    lang: u8,
    ambiguous: bool,
}

/// Written digits that are part of an amount, decimal, time, date or percentage ("3.50",
/// "10:30", "1/2", "50%", "€12") are not read out digit by digit.
fn reads_as_digits(tokens: &Tokens<'_>, i: usize) -> bool {
    let attached = |j: usize| tokens.get(j).is_some_and(|t| !t.space_before);
    let number = |j: usize| tokens.get(j).is_some_and(|t| t.class == Class::Number);
    let joiner = |j: usize| ['.', ',', ':', '/'].iter().any(|&c| tokens.is_punct(j, c));
    let joined_before = i >= 2 && attached(i) && joiner(i - 1) && attached(i - 1) && number(i - 2);
    let joined_after = joiner(i + 1) && attached(i + 1) && attached(i + 2) && number(i + 2);
    let percent = tokens.is_punct(i + 1, '%') && attached(i + 1);
    let currency = i >= 1 && attached(i) && ['€', '$', '£'].iter().any(|&c| tokens.is_punct(i - 1, c));
    !(joined_before || joined_after || percent || currency)
}

/// Reads the number-word groups of one stretch of consecutive number words.
fn segment_items(slots: &[Slot], items: &mut Vec<Item>) {
    let mut p = 0;
    while p < slots.len() {
        let Some(group) = group_at(slots, p) else {
            // Not a group start ("and", "hundred" alone): skip the rest of that word.
            p = (p + 1..slots.len())
                .find(|&q| slots.get(q).is_some_and(|s| s.token_start))
                .unwrap_or(slots.len());
            continue;
        };
        let own = slots.get(p..group.end).unwrap_or_default();
        let mut words = 0;
        let mut last_counted = None;
        for s in own.iter().filter(|s| s.atom.kind != Kind::And) {
            if last_counted != Some(s.token) {
                words += 1;
                last_counted = Some(s.token);
            }
        }
        let single = own.len() == 1;
        items.push(Item {
            first: own.first().map_or(0, |s| s.token),
            last: own.last().map_or(0, |s| s.token),
            digits: group.digits,
            words,
            lang: group.lang,
            ambiguous: single && own.iter().all(|s| s.atom.flags & AMBIGUOUS != 0),
        });
        p = group.end;
    }
}

/// Whether item `b` continues the run ending with item `a`: adjacent, or one comma, hyphen or
/// dash between, or a period followed by a space.
fn joined(tokens: &Tokens<'_>, a: &Item, b: &Item) -> bool {
    // Groups of one hyphenated word ("five-five-five") share their token.
    if b.first <= a.last + 1 {
        return true;
    }
    let sep = a.last + 1;
    b.first == sep + 1
        && (['-', ',', '–', '—'].iter().any(|&c| tokens.is_punct(sep, c))
            || (tokens.is_punct(sep, '.') && tokens.get(b.first).is_some_and(|t| t.space_before)))
}

fn runs(tokens: &Tokens<'_>, items: &mut [Item]) -> Vec<SpokenDigits> {
    vouch_for_ambiguous(tokens, items);
    let items = apply_multipliers(tokens.text, items);
    let mut found = Vec::new();
    let mut k = 0;
    while k < items.len() {
        let mut end = k;
        while let (Some(a), Some(b)) = (items.get(end), items.get(end + 1))
            && joined(tokens, a, b)
        {
            end += 1;
        }
        let run = items.get(k..=end).unwrap_or_default();
        // "quince mil trescientos veinte. Uno cinco tres dos cero": a number said, then read
        // again digit by digit after a full stop, is two readings of one number, not one long
        // number.
        if let Some(half) = read_twice(tokens, run) {
            let (first, second) = run.split_at(half);
            found.extend(spoken(tokens, first));
            found.extend(spoken(tokens, second));
            k = end + 1;
            continue;
        }
        found.extend(spoken(tokens, run));
        k = end + 1;
    }
    found
}

/// Where `run` splits into the same digits said twice across a full stop, if it does.
fn read_twice(tokens: &Tokens<'_>, run: &[Item]) -> Option<usize> {
    let half = (1..run.len()).find(|&h| {
        run.get(h - 1)
            .zip(run.get(h))
            .is_some_and(|(a, b)| b.first == a.last + 2 && tokens.is_punct(a.last + 1, '.'))
    })?;
    let digits = |items: &[Item]| {
        let mut out = String::new();
        items
            .iter()
            .for_each(|item| item.digits.write(tokens.text, &mut out));
        out
    };
    let (first, second) = run.split_at(half);
    let said = digits(first);
    (said.len() >= 2 && said == digits(second)).then_some(half)
}

/// The spoken number of one run of items, when it is one: a number word in it, two digits or
/// more, not two digits led by an everyday word.
fn spoken(tokens: &Tokens<'_>, run: &[Item]) -> Option<SpokenDigits> {
    let words: usize = run.iter().map(|item| item.words).sum();
    let count: usize = run.iter().map(|item| item.digits.count()).sum();
    // "Oh one more thing", "un deux": two digits led by an everyday word are not a number.
    // Inside a spelled code they are: "F N C sei sette".
    let doubtful = count == 2
        && run.first().is_some_and(|item| {
            item.ambiguous
                && !item.first.checked_sub(1).is_some_and(|p| {
                    tokens
                        .get(p)
                        .is_some_and(|t| t.class == Class::Word && t.len() == 1 && t.cap)
                })
        });
    let (first, last) = (run.first()?, run.last()?);
    if words == 0 || count < 2 || doubtful {
        return None;
    }
    let mut digits = String::with_capacity(count);
    run.iter()
        .for_each(|item| item.digits.write(tokens.text, &mut digits));
    Some(SpokenDigits {
        first: first.first,
        last: last.last,
        start: tokens.get(first.first).map_or(0, |t| t.start),
        end: tokens.get(last.last).map_or(0, |t| t.end),
        digits,
        words,
    })
}

/// An ambiguous word counts only right beside a plain number word of its language, or beside
/// one that counts: "zéro un", "tre due due", but not "dos o tres" (o is English zero) nor
/// "um, five five" (um is Portuguese one). A word that does not count reads no digit.
fn vouch_for_ambiguous(tokens: &Tokens<'_>, items: &mut [Item]) {
    let mut vouched: Vec<bool> = items.iter().map(|item| !item.ambiguous).collect();
    let vouches = |vouched: &[bool], by: usize, k: usize| {
        let (Some(by_item), Some(item)) = (items.get(by), items.get(k)) else {
            return false;
        };
        // Beside it, or one comma away in a list of groups ("cero dos, once").
        let comma_between = |a: &Item, b: &Item| b.first == a.last + 2 && tokens.is_punct(a.last + 1, ',');
        let adjacent = (by_item.first <= item.last + 1 && item.first <= by_item.last + 1)
            || comma_between(by_item, item)
            || comma_between(item, by_item);
        adjacent
            && by_item.words > 0
            && vouched.get(by).copied().unwrap_or(false)
            && by_item.lang & item.lang != 0
    };
    // Left to right, then right to left, so that a chain is vouched for from either end.
    for k in 1..items.len() {
        if vouches(&vouched, k - 1, k)
            && let Some(flag) = vouched.get_mut(k)
        {
            *flag = true;
        }
    }
    for k in (0..items.len().saturating_sub(1)).rev() {
        if vouches(&vouched, k + 1, k)
            && let Some(flag) = vouched.get_mut(k)
        {
            *flag = true;
        }
    }
    for (item, vouched) in items.iter_mut().zip(vouched) {
        if !vouched {
            item.digits = Digits::Void;
        }
    }
}

/// Joins "double"/"triple" to the single digit right after it ("double five" → 55) and drops
/// every item that reads no digit.
fn apply_multipliers(text: &str, items: &[Item]) -> Vec<Item> {
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    let mut k = 0;
    while let Some(&item) = items.get(k) {
        k += 1;
        let times = match item.digits {
            Digits::Times(times) => times,
            Digits::Void => continue,
            _ => {
                kept.push(item);
                continue;
            }
        };
        if let Some(next) = items.get(k)
            && next.first == item.last + 1
            && let Some(digit) = next.digits.single(text)
        {
            let digits = Digits::Repeat { digit, times };
            kept.push(Item {
                digits,
                first: item.first,
                words: item.words + next.words,
                ..*next
            });
            k += 1;
        }
    }
    kept
}
