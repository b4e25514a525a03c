//! Text that must survive redaction: amounts in any currency, percentages, times, reference
//! numbers (order, case, ticket, RMA, invoice...), and the product names and model numbers of
//! the catalog. Only strong candidates (checksums, emails) may touch an amount or a time; a
//! reference or a product name also stands against bare shapes such as a capitalised first name.

use aho_corasick::{AhoCorasick, MatchKind};

use super::candidate::Protected;
use super::lexicon::Cue;
use super::scan::Expectation;
use super::scan::Scan;
use super::token::{Class, Tokens};
use super::words;

const CURRENCY_SIGNS: &[&str] = &[
    "$", "£", "€", "¥", "₹", "₩", "₽", "₺", "₪", "₱", "฿", "₦", "R$", "A$", "C$", "NZ$", "S$", "US$", "HK$",
    "R",
];

/// A percent word at token `i`: "percent", "Prozent", "per cent", "por ciento".
fn percent_word_at(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.class == Class::Word)
        && (tokens.has(i, words::PERCENT)
            || (tokens.has(i, words::PERCENT_LEAD)
                && tokens.is_one_of(i + 1, &["cent", "ciento", "cento", "mille"])))
}

/// Product names and plan names that are never personal data, matched case-insensitively on
/// word boundaries.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProtectedTerms {
    matcher: Option<AhoCorasick>,
}

impl ProtectedTerms {
    pub fn new<I, S>(terms: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let patterns: Vec<String> = terms
            .into_iter()
            .map(|t| t.as_ref().trim().to_lowercase())
            .filter(|t| t.chars().count() >= 2)
            .collect();
        let matcher = (!patterns.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        Self { matcher }
    }
}

pub(crate) fn find(scan: &Scan<'_>, terms: &ProtectedTerms) -> Vec<Protected> {
    let tokens = &scan.tokens;
    let mut out = Vec::new();
    if scan.digits > 0 {
        amounts_times_percentages(tokens, &mut out);
    }
    references(scan, &mut out);
    spoken_amounts_and_codes(scan, &mut out);
    if scan.digits >= 6 {
        business_numbers(scan, &mut out);
    }
    if let Some(matcher) = terms.matcher.as_ref() {
        let lower = tokens.lower_text();
        for m in matcher.find_iter(lower) {
            let first = tokens.index_at(m.start());
            let boundary = tokens.get(first).is_some_and(|t| t.start == m.start())
                && tokens
                    .get(tokens.index_at(m.end()).saturating_sub(1))
                    .is_some_and(|t| t.end == m.end());
            if boundary {
                out.push(Protected {
                    start: m.start(),
                    end: m.end(),
                    hard: false,
                    reference: false,
                });
            }
        }
    }
    out.sort_by_key(|p| (p.start, p.end));
    // The same span found twice keeps its harder protection.
    out.dedup_by(|later, kept| {
        let same = later.start == kept.start && later.end == kept.end;
        kept.hard |= same && later.hard;
        kept.reference |= same && later.reference;
        same
    });
    out
}

/// The reference numbers a text gives after their cue ("your reference for today is C R one
/// nine four four seven") or in answer to "do you have the order number?", marked as such.
fn references(scan: &Scan<'_>, out: &mut Vec<Protected>) {
    let from = out.len();
    for hit in &scan.cues {
        // "interno" is an extension's cue, and a flat's unit inside an address being given.
        let unit = hit.first == hit.last
            && scan.tokens.has(hit.first, super::words::ADDRESS_UNIT)
            && super::address::about_an_address(scan);
        if hit.cue == Cue::Reference && !unit {
            reference_after(scan, hit.last + 1, true, out);
        }
    }
    if scan.expected.contains(&Expectation::Reference) {
        reference_after(scan, 0, false, out);
    }
    for p in out.iter_mut().skip(from) {
        p.reference = true;
    }
}

/// A company's own numbers: freephone and shared-cost prefixes anywhere, and any number an agent
/// or the IVR gives without talking about the customer's ("call us on 020 7946 0000").
fn business_numbers(scan: &Scan<'_>, out: &mut Vec<Protected>) {
    let tokens = &scan.tokens;
    let company_speaker = matches!(
        scan.speaker,
        Some(crate::transcript::SpeakerRole::Agent | crate::transcript::SpeakerRole::IvrBot)
    );
    // Read only when a long number is there: most utterances have none.
    let mut company_side: Option<bool> = None;
    let mut i = 0;
    while i < tokens.len() {
        let starts = tokens.get(i).is_some_and(|t| t.class == Class::Number)
            && !i
                .checked_sub(1)
                .is_some_and(|p| tokens.get(p).is_some_and(|t| t.class == Class::Number));
        if !starts {
            i += 1;
            continue;
        }
        // The digits of the number's groups: "0800 123 4567", "1-800-555-0199", "(07) 3555 0100".
        let mut digits = String::new();
        let mut last = i;
        let mut k = i;
        while let Some(t) = tokens.get(k) {
            match t.class {
                Class::Number if digits.len() < 16 => {
                    digits.push_str(tokens.text(k));
                    last = k;
                }
                Class::Punct if matches!(tokens.text(k), "-" | "(" | ")" | ".") && !digits.is_empty() => {}
                _ => break,
            }
            k += 1;
        }
        let first = if i > 0 && (tokens.is_punct(i - 1, '(') || tokens.is_punct(i - 1, '+')) {
            i - 1
        } else {
            i
        };
        let business =
            super::company::is_freephone(&digits, tokens.text(i), i > 0 && tokens.is_punct(i - 1, '+'));
        let company = company_speaker
            && digits.len() >= 8
            && *company_side.get_or_insert_with(|| {
                (0..tokens.len()).any(|i| tokens.has(i, words::US_WORD))
                    && !(0..tokens.len()).any(|i| tokens.has(i, words::YOU_WORD))
            });
        if (business || company)
            && let Some(p) = span(tokens, first, last, false)
        {
            out.push(p);
        }
        i = last + 1;
    }
}

/// A capital letter followed by another: spelling goes on ("L S seven, three P R" is a
/// postcode, not 73 pence).
fn spelled_on(tokens: &Tokens<'_>, i: usize) -> bool {
    let letter = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Word && t.cap && tokens.text(k).chars().count() == 1)
    };
    letter(i) && letter(i + 1)
}

/// "R" "$" or "US" "$": a currency sign written as a word and a symbol.
fn two_part_sign(first: &str, second: &str) -> bool {
    CURRENCY_SIGNS
        .iter()
        .any(|s| s.len() == first.len() + second.len() && s.starts_with(first) && s.ends_with(second))
}

fn span(tokens: &Tokens<'_>, first: usize, last: usize, hard: bool) -> Option<Protected> {
    Some(Protected {
        start: tokens.get(first)?.start,
        end: tokens.get(last)?.end,
        hard,
        reference: false,
    })
}

/// The last token of the number at `i` with its separators: "1,200.00", "1.350,00", "1'250.-",
/// "1,25,000".
fn number_end(tokens: &Tokens<'_>, i: usize) -> usize {
    let mut last = i;
    loop {
        let sep = tokens
            .get(last + 1)
            .filter(|t| !t.space_before && t.class == Class::Punct);
        let next = tokens
            .get(last + 2)
            .filter(|t| !t.space_before && t.class == Class::Number);
        match (sep, next) {
            (Some(_), Some(_)) if matches!(tokens.text(last + 1), "," | "." | "'" | "’") => last += 2,
            _ => break,
        }
    }
    // "45.-", "12,-"
    if matches!(tokens.text(last + 1), "." | ",")
        && tokens.is_punct(last + 2, '-')
        && tokens.get(last + 2).is_some_and(|t| !t.space_before)
    {
        last += 2;
    }
    last
}

#[path = "protect_amounts.rs"]
mod amounts;
#[path = "protect_refs.rs"]
mod refs;
use amounts::{amounts_times_percentages, spoken_amounts_and_codes};
use refs::reference_after;
pub(crate) use refs::{keep_codes_whole, keep_numbers_whole};

#[cfg(test)]
#[path = "protect_tests.rs"]
mod tests;
