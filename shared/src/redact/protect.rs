//! Text that must survive redaction: amounts in any currency, percentages, times, reference
//! numbers (order, case, ticket, RMA, invoice...), and the product names and model numbers of
//! the catalog. Only strong candidates (checksums, emails) may touch an amount or a time; a
//! reference or a product name also stands against bare shapes such as a capitalised first name.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::candidate::Protected;
use super::context::Expectation;
use super::lexicon::{self, Cue};
use super::scan::Scan;
use super::token::{Class, Tokens};
use crate::summary::extractive::word_hash::WordSet;

const CURRENCY_SIGNS: &[&str] = &[
    "$", "£", "€", "¥", "₹", "₩", "₽", "₺", "₪", "₱", "฿", "₦", "R$", "A$", "C$", "NZ$", "S$", "US$", "HK$",
    "R",
];
const CURRENCY_CODES: &[&str] = &[
    "usd", "eur", "gbp", "chf", "jpy", "aud", "cad", "nzd", "inr", "zar", "sgd", "mxn", "brl", "ars", "sek",
    "nok", "dkk", "pln", "czk", "huf", "aed", "idr", "fjd", "thb", "hkd", "cny", "rs", "inr",
];
const PERCENT_WORDS: &[&str] = &["percent", "prozent", "procent", "pct", "percento"];
/// "al mese", "a month", "pro Monat", "par mois": a price's period.
const PERIOD_LEADS: &[&str] = &["a", "al", "per", "por", "pro", "par", "im", "ao", "each", "every"];
const PERIODS: &[&str] = &[
    "month",
    "mese",
    "mes",
    "monat",
    "mois",
    "mês",
    "maand",
    "year",
    "anno",
    "año",
    "jahr",
    "an",
    "ano",
    "jaar",
    "week",
    "settimana",
    "semana",
    "woche",
    "semaine",
    "day",
    "giorno",
    "día",
    "tag",
    "jour",
    "dia",
    "dag",
];

/// "per cent", "por ciento", "pour cent": a percent only with the word after ("5678 por si
/// acaso" is a phone number).
const PERCENT_LEADS: &[&str] = &["per", "por", "pour"];

/// A percent word at token `i`: "percent", "Prozent", "per cent", "por ciento".
fn percent_word_at(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.class == Class::Word)
        && (tokens.is_one_of(i, PERCENT_WORDS)
            || (tokens.is_one_of(i, PERCENT_LEADS)
                && tokens.is_one_of(i + 1, &["cent", "ciento", "cento", "mille"])))
}
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m", "p.m", "uhr", "h", "o'clock", "heures", "horas", "hrs", "uur", "ore",
];

static CURRENCY_WORDS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    lexicon::all(|l| l.currency_words)
        .chain(CURRENCY_CODES.iter().copied())
        .collect()
});

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
    for hit in &scan.cues {
        if hit.cue == Cue::Reference {
            reference_after(scan, hit.last + 1, true, &mut out);
        }
    }
    // The answer to "do you have the order number?".
    if scan.expected.contains(&Expectation::Reference) {
        reference_after(scan, 0, false, &mut out);
    }
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
                });
            }
        }
    }
    out.sort_by_key(|p| (p.start, p.end));
    // The same span found twice keeps its harder protection.
    out.dedup_by(|later, kept| {
        let same = later.start == kept.start && later.end == kept.end;
        kept.hard |= same && later.hard;
        same
    });
    out
}

/// Words that put a number on the customer's side: "your", "Ihre", "votre".
pub(crate) const YOU_WORDS: &[&str] = &[
    "you", "your", "yours", "tu", "te", "tus", "su", "sus", "usted", "vous", "votre", "vos", "ton", "ta",
    "sie", "ihr", "ihre", "ihrer", "ihren", "du", "dein", "deine", "ti", "tuo", "tua", "lei", "suo", "sua",
    "seu", "sua", "você", "u", "uw", "je", "jouw",
];

/// Words of the company speaking about itself: "call us", "our helpline", "unsere Hotline".
pub(crate) const US_WORDS: &[&str] = &[
    "us", "our", "we", "helpline", "hotline", "office", "nos", "nuestro", "nuestra", "nous", "notre", "nos",
    "uns", "unsere", "unser", "unserer", "ci", "nostro", "nostra", "nossa", "nosso", "ons", "onze", "tel",
    "tél", "telefon",
];

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
        let business = super::company::is_freephone(&digits, i > 0 && tokens.is_punct(i - 1, '+'));
        let company = company_speaker
            && digits.len() >= 8
            && *company_side.get_or_insert_with(|| {
                (0..tokens.len()).any(|i| tokens.is_one_of(i, US_WORDS))
                    && !(0..tokens.len()).any(|i| tokens.is_one_of(i, YOU_WORDS))
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

fn amounts_times_percentages(tokens: &Tokens<'_>, out: &mut Vec<Protected>) {
    let mut i = 0;
    while i < tokens.len() {
        let Some(t) = tokens.get(i) else { break };
        if t.class != Class::Number {
            i += 1;
            continue;
        }
        let end = number_end(tokens, i);
        let text_before = i.checked_sub(1).map(|p| tokens.text(p)).unwrap_or_default();
        let sign_before = CURRENCY_SIGNS.contains(&text_before)
            || (i >= 2 && two_part_sign(tokens.text(i - 2), text_before));
        let code_before = i.checked_sub(1).is_some_and(|p| {
            tokens.get(p).is_some_and(|t| t.class == Class::Word)
                && CURRENCY_WORDS.contains(tokens.lower(p).as_ref())
        });
        let after = end + 1;
        // "R" (the rand) is written before the amount; "apartment 3 R" is a flat.
        let sign_after = CURRENCY_SIGNS.contains(&tokens.text(after)) && tokens.text(after) != "R";
        let word_after = tokens.get(after).is_some_and(|t| t.class == Class::Word)
            && CURRENCY_WORDS.contains(tokens.lower(after).as_ref());
        let percent = tokens.is_punct(after, '%') || percent_word_at(tokens, after);
        let clock = tokens.is_punct(i + 1, ':')
            && tokens
                .get(i + 2)
                .is_some_and(|n| n.class == Class::Number && n.len() == 2 && !n.space_before);
        let time_word = tokens.get(after).is_some_and(|t| t.class == Class::Word)
            && TIME_WORDS.contains(&tokens.lower(after).as_ref());
        let time = clock || time_word;
        let first = if sign_before {
            if i >= 2 && two_part_sign(tokens.text(i - 2), text_before) {
                i - 2
            } else {
                i - 1
            }
        } else if code_before {
            i - 1
        } else {
            i
        };
        let last = if percent && tokens.is_one_of(after, PERCENT_LEADS) {
            after + 1
        } else if sign_after || word_after || percent || time_word {
            after
        } else if clock {
            i + 2
        } else {
            end
        };
        if sign_before || code_before || sign_after || word_after || percent || time {
            if let Some(p) = span(tokens, first, last, true) {
                out.push(p);
            }
            i = last + 1;
            continue;
        }
        // A price without its currency, "19,90 al mese", "4.99 a month": two decimals after
        // one group of digits, said per period (any match but a card or an IBAN gives way), or
        // on its own (only context matches may touch it).
        if end == i + 2 && tokens.get(end).is_some_and(|d| d.len() == 2) && t.len() <= 4 {
            let per_period = tokens.is_one_of(end + 1, PERIOD_LEADS) && tokens.is_one_of(end + 2, PERIODS);
            out.extend(span(tokens, i, end, per_period));
        }
        i = end + 1;
    }
    // Times written "15h30", "10am", "3pm".
    for i in 0..tokens.len() {
        let text = tokens.text(i);
        if tokens.get(i).is_some_and(|t| t.class == Class::Mixed) {
            let lower = tokens.lower(i);
            let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
            let rest = lower.get(digits..).unwrap_or_default();
            if digits > 0
                && digits <= 2
                && (matches!(rest, "am" | "pm" | "h" | "uhr")
                    || rest.starts_with('h') && rest.len() == 3 && text.len() <= 5)
                && let Some(p) = span(tokens, i, i, true)
            {
                out.push(p);
            }
        }
    }
}

/// Amounts said with a decimal part or cents: "fourteen point two cents" (the whole part before
/// the decimal word), "ventinove euro e novanta" (the cents after "and").
fn said_decimals_and_cents(scan: &Scan<'_>, out: &mut Vec<Protected>) {
    let tokens = &scan.tokens;
    let number_ending_at =
        |end: usize| (end.saturating_sub(6)..=end).find(|&k| scan.number_at(k) == Some(end));
    for j in 1..tokens.len() {
        // "K seven P four" spells a postcode: its "P" is no pence.
        let currency = tokens.get(j).is_some_and(|t| t.class == Class::Word)
            && (CURRENCY_WORDS.contains(tokens.lower(j).as_ref())
                || PERCENT_WORDS.contains(&tokens.lower(j).as_ref()))
            && !spelled_on(tokens, j);
        let Some(mut first) = currency.then(|| number_ending_at(j - 1)).flatten() else {
            continue;
        };
        // "K seven P four": a letter before the number, a letter for the pence.
        let letter_before = first.checked_sub(1).is_some_and(|p| {
            tokens
                .get(p)
                .is_some_and(|t| t.class == Class::Word && t.cap && tokens.text(p).chars().count() == 1)
        });
        if letter_before && tokens.text(j).chars().count() == 1 {
            continue;
        }
        if first >= 2
            && tokens.is_one_of(first - 1, DECIMAL_WORDS)
            && let Some(whole) = number_ending_at(first - 2)
        {
            first = whole;
        }
        let mut last = j;
        if tokens.is_one_of(j + 1, AND_WORDS)
            && let Some(end) = scan.number_at(j + 2)
        {
            last = end;
        } else if tokens.get(j + 1).is_some_and(|t| t.class == Class::Word)
            && let Some((cents, end)) = super::numbers::cardinal_at(tokens, j + 1)
            && cents < 100
        {
            // "twelve pounds fifty".
            last = end;
        }
        if (first + 1 < j || last > j)
            && let Some(p) = span(tokens, first, last, true)
        {
            out.push(p);
        }
    }
}

/// Words for a decimal mark said aloud: "nine point eight", "diez coma cinco".
const DECIMAL_WORDS: &[&str] = &[
    "point", "punto", "coma", "virgule", "komma", "vírgula", "virgola", "comma", "punt",
];
/// "and" before the cents of an amount said aloud.
const AND_WORDS: &[&str] = &["and", "y", "e", "et", "und", "en"];

/// Numbers said with a currency or percent ("fourteen point two cents", "twenty percent") are
/// amounts; digits said after spelled letters ("C L M seven seven four two") are references.
fn spoken_amounts_and_codes(scan: &Scan<'_>, out: &mut Vec<Protected>) {
    let tokens = &scan.tokens;
    for seq in &scan.spoken {
        let after = seq.last + 1;
        // "forty-nine ninety-nine a month": a price said per period.
        let amount = tokens.get(after).is_some_and(|t| t.class == Class::Word)
            && CURRENCY_WORDS.contains(tokens.lower(after).as_ref())
            && !spelled_on(tokens, after)
            || percent_word_at(tokens, after)
            || tokens.is_one_of(after, PERIOD_LEADS) && tokens.is_one_of(after + 1, PERIODS);
        if amount {
            if let Some(p) = span(tokens, seq.first, after, true) {
                out.push(p);
            }
            continue;
        }
        // Two or three spelled letters right before: a reference such as "T R V 556102".
        let mut first = seq.first;
        let mut letters = 0;
        while let Some(p) = first.checked_sub(1) {
            let single = tokens
                .get(p)
                .is_some_and(|t| t.class == Class::Word && tokens.text(p).chars().count() == 1 && t.cap);
            if !single && !tokens.is_punct(p, ',') {
                break;
            }
            letters += usize::from(single);
            first = p;
        }
        // A reference's number is long; a postcode's is not ("L S seven, three P R").
        // Five to twelve digits and no letter after them, with nothing asked for: a reference
        // code, never a postcode spelled out ("B S six seven B R"), an id asked for, nor an
        // IBAN read aloud (a country code and fourteen digits or more).
        let long_code = (5..=12).contains(&seq.digits.len())
            && !tokens
                .get(seq.last + 1)
                .is_some_and(|t| t.class == Class::Word && tokens.text(seq.last + 1).chars().count() == 1)
            && !scan.cues.iter().any(|h| matches!(h.cue, Cue::Slot(_)));
        if (2..=4).contains(&letters)
            && seq.digits.len() >= 4
            && !scan
                .expected
                .iter()
                .any(|e| matches!(e, super::context::Expectation::Value(_)))
            && let Some(p) = span(tokens, first, seq.last, long_code)
        {
            out.push(p);
        }
    }
    said_decimals_and_cents(scan, out);
    // Codes with letters and digits joined by hyphens: "RV-2019-443817", "DSP-ZA-0093318".
    for i in 0..tokens.len() {
        let Some(t) = tokens.get(i) else { continue };
        let starts = matches!(t.class, Class::Word | Class::Mixed)
            && t.upper
            && tokens.is_punct(i + 1, '-')
            && tokens.get(i + 1).is_some_and(|d| !d.space_before);
        if !starts {
            continue;
        }
        let mut last = i;
        let mut k = i + 1;
        while tokens.is_punct(k, '-')
            && tokens.get(k + 1).is_some_and(|n| {
                !n.space_before && matches!(n.class, Class::Number | Class::Mixed | Class::Word)
            })
        {
            last = k + 1;
            k += 2;
        }
        let has_digits = (i..=last).any(|j| {
            tokens
                .get(j)
                .is_some_and(|t| matches!(t.class, Class::Number | Class::Mixed))
        });
        if last > i
            && has_digits
            && let Some(p) = span(tokens, i, last, false)
        {
            out.push(p);
        }
    }
}

#[path = "protect_refs.rs"]
mod refs;
use refs::reference_after;
pub(crate) use refs::{keep_codes_whole, keep_numbers_whole};

#[cfg(test)]
#[path = "protect_tests.rs"]
mod tests;
