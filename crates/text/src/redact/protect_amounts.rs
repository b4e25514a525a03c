//! Amounts, times and percentages, written or said ("£1,350.00", "ventinove euro e novanta",
//! "forty-nine ninety-nine a month", "15h30"), and codes said after spelled letters.

use super::super::scan::Scan;
use super::super::token::{Class, Tokens};
use super::super::words;
use super::*;

pub(super) fn amounts_times_percentages(tokens: &Tokens<'_>, out: &mut Vec<Protected>) {
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
            tokens.get(p).is_some_and(|t| t.class == Class::Word) && tokens.has(p, words::CURRENCY)
        });
        let after = end + 1;
        // "R" (the rand) is written before the amount; "apartment 3 R" is a flat.
        let sign_after = CURRENCY_SIGNS.contains(&tokens.text(after)) && tokens.text(after) != "R";
        let word_after =
            tokens.get(after).is_some_and(|t| t.class == Class::Word) && tokens.has(after, words::CURRENCY);
        let percent = tokens.is_punct(after, '%') || percent_word_at(tokens, after);
        let clock = tokens.is_punct(i + 1, ':')
            && tokens
                .get(i + 2)
                .is_some_and(|n| n.class == Class::Number && n.len() == 2 && !n.space_before);
        let time_word =
            tokens.get(after).is_some_and(|t| t.class == Class::Word) && tokens.has(after, words::TIME_WORD);
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
        let last = if percent && tokens.has(after, words::PERCENT_LEAD) {
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
            let per_period = tokens.has(end + 1, words::PERIOD_LEAD) && tokens.has(end + 2, words::PERIOD);
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
            && tokens.has(j, words::CURRENCY | words::PERCENT)
            && !spelled_on(tokens, j);
        let Some(mut first) = currency.then(|| number_ending_at(j - 1)).flatten() else {
            continue;
        };
        // "K seven P four": a letter before the number, a letter for the pence; in lowercase
        // speech too ("x four k seven"), where a one-letter word is no article.
        // Or a letter spelled with its word: "G come Genova quattro otto due K".
        let letter_before = first.checked_sub(1).is_some_and(|p| {
            let letter = tokens.text(p);
            let single = tokens.get(p).is_some_and(|t| {
                t.class == Class::Word
                    && letter.chars().count() == 1
                    && (t.cap || !tokens.is_one_of(p, super::super::context::ONE_LETTER_WORDS))
            });
            single || super::super::context::spells_a_letter(tokens, p)
        });
        if letter_before && tokens.text(j).chars().count() == 1 {
            continue;
        }
        if first >= 2
            && tokens.has(first - 1, words::DECIMAL)
            && let Some(whole) = number_ending_at(first - 2)
        {
            first = whole;
        }
        let mut last = j;
        if tokens.has(j + 1, words::AND_WORD)
            && let Some(end) = scan.number_at(j + 2)
        {
            last = end;
        } else if tokens.get(j + 1).is_some_and(|t| t.class == Class::Word)
            && let Some((cents, end)) = crate::redact::numbers::cardinal_at(tokens, j + 1)
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

/// Numbers said with a currency or percent ("fourteen point two cents", "twenty percent") are
/// amounts; digits said after spelled letters ("C L M seven seven four two") are references.
pub(super) fn spoken_amounts_and_codes(scan: &Scan<'_>, out: &mut Vec<Protected>) {
    spoken_amounts_and_codes_in(scan, true, out);
}

/// [`spoken_amounts_and_codes`]; `gated`: cents and decimals are read only in texts with a
/// currency or percent word, hyphenated codes only in texts with a hyphen (the property test
/// compares both).
pub(super) fn spoken_amounts_and_codes_in(scan: &Scan<'_>, gated: bool, out: &mut Vec<Protected>) {
    let tokens = &scan.tokens;
    for seq in &scan.spoken {
        let after = seq.last + 1;
        // "forty-nine ninety-nine a month": a price said per period.
        // "G come Genova quattro otto due K": a spelled code's last letter, not thousands.
        let code_letter = tokens.text(after).chars().count() == 1
            && seq
                .first
                .checked_sub(1)
                .is_some_and(|p| super::super::context::spells_a_letter(tokens, p));
        let amount = tokens.get(after).is_some_and(|t| t.class == Class::Word)
            && tokens.has(after, words::CURRENCY)
            && !spelled_on(tokens, after)
            && !code_letter
            || percent_word_at(tokens, after)
            // A price has few digits: ten said before "every day" are a phone number.
            || seq.digits.len() <= 6 && tokens.has(after, words::PERIOD_LEAD) && tokens.has(after + 1, words::PERIOD);
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
                .any(|e| matches!(e, crate::redact::scan::Expectation::Value(_)))
            && let Some(p) = span(tokens, first, seq.last, long_code)
        {
            out.push(p);
        }
    }
    // Cents hang on a currency or percent word: most texts have none.
    if !gated || tokens.summary.words_in & (words::CURRENCY | words::PERCENT) != 0 {
        said_decimals_and_cents(scan, out);
    }
    // Codes with letters and digits joined by hyphens: "RV-2019-443817", "DSP-ZA-0093318".
    let codes_end = if !gated || tokens.summary.has_punct(b'-') {
        tokens.len()
    } else {
        0
    };
    for i in 0..codes_end {
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
