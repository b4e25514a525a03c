//! Reference codes after their cue words, written or said aloud.

use super::span;
use crate::redact::candidate::{Candidate, Protected, Strength};
use crate::redact::gazetteer;
use crate::redact::lexicon::Cue;
use crate::redact::scan::Scan;
use crate::redact::token::{Class, Tokens};

/// A code has at least this many letters and digits: "interno 7", "piso 3" are units.
const MIN_CODE_CHARS: usize = 4;

/// Words said between the groups of a code: "dois zero dois cinco, barra, sete sete".
const SAID_JOINERS: &[&str] = &[
    "slash",
    "dash",
    "hyphen",
    "barra",
    "guion",
    "guión",
    "tiret",
    "strich",
    "schrägstrich",
    "streepje",
    "traço",
    "trattino",
];

/// A code said aloud starting at `i`: spelled capital letters or a short capitalised word
/// ("C L M", "OP"), then numbers said or written, in groups joined by commas, dashes or
/// "slash"; its last token. `None` unless numbers are said.
fn said_code(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    let mut k = i;
    // Letters: single capitals ("T R V", "F R,") or one short word in capitals ("OP").
    while tokens
        .get(k)
        .is_some_and(|t| t.class == Class::Word && t.cap && tokens.text(k).chars().count() == 1)
    {
        k += 1;
        if tokens.is_punct(k, ',') {
            k += 1;
        }
    }
    let spelled = k > i;
    // "OP sept cent...": a short word in capitals before numbers said, unless it asks for a
    // value itself ("NIF 135674026", "PIN").
    let slot_word = |j: usize| {
        scan.cues
            .iter()
            .any(|h| matches!(h.cue, Cue::Slot(_)) && h.first <= j && j <= h.last)
    };
    if !spelled
        && tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Word && t.upper && t.len() <= 4)
        && scan.spoken_at(k + 1).is_some()
        && !slot_word(k)
    {
        k += 1;
    }
    let said = scan.spoken_at(k).is_some() || (spelled && scan.number_at(k).is_some());
    if !said {
        return None;
    }
    let mut last = scan.number_at(k)?;
    // "interno sette, zero zero uno..." is a unit and a postcode, not a code: without letters
    // a code starts with four digits said before any comma.
    let first_group = (k..=last).take_while(|&j| !tokens.is_punct(j, ',')).count();
    if k == i
        && (first_group < MIN_CODE_CHARS || scan.spoken_at(k).map_or(0, |s| s.digits.len()) < MIN_CODE_CHARS)
    {
        return None;
    }
    loop {
        let mut next = last + 1;
        while tokens.is_punct(next, ',')
            || tokens.is_punct(next, '-')
            || tokens.is_punct(next, '/')
            || is_joiner(tokens, next)
        {
            next += 1;
        }
        match (next > last + 1).then(|| scan.number_at(next)).flatten() {
            Some(end) => last = end,
            None => return Some(last),
        }
    }
}

fn is_joiner(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.class == Class::Word) && tokens.is_one_of(i, SAID_JOINERS)
}

/// The reference code after "order number", "case", "ticket": up to three code tokens within
/// the next four tokens ("is", "#", ":", "N.º" may come first), or a code said aloud ("C L M
/// seven seven four two", "dois zero dois cinco, barra, sete sete oito"). `hard`: right after a
/// reference word a written code stands against every candidate that is not strong; in an
/// answer to "do you have the order number?" only against bare shapes. A code said aloud always
/// stands against every candidate that is not strong (a spelled code is no postcode there).
pub(super) fn reference_after(scan: &Scan<'_>, from: usize, hard: bool, out: &mut Vec<Protected>) {
    let tokens = &scan.tokens;
    let g = gazetteer::get();
    let mut i = from;
    let limit = from + if from == 0 { 8 } else { 4 };
    while i < limit {
        let Some(t) = tokens.get(i) else { return };
        if let Some(last) = said_code(scan, i) {
            // Spelled letters and digits said after a reference word or question are a code, not
            // a postcode spelled out.
            if let Some(p) = span(tokens, i, last, true) {
                out.push(p);
            }
            return;
        }
        let code = match t.class {
            Class::Number | Class::Mixed => true,
            Class::Word => {
                t.upper
                    && t.len() >= 2
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| n.class == Class::Punct && !n.space_before)
            }
            Class::Punct | Class::Marker => false,
        };
        if code {
            let mut last = i;
            let mut k = i + 1;
            // "ORD-2024-118734", "4521-889", "AB 12 34".
            while let Some(n) = tokens.get(k) {
                let joined = !n.space_before
                    && (n.class != Class::Punct || matches!(tokens.text(k), "-" | "/" | "." | "_"));
                let spaced_code =
                    n.space_before && matches!(n.class, Class::Number | Class::Mixed) && k - last == 1;
                if (joined
                    && tokens
                        .get(k + 1)
                        .is_some_and(|m| m.class != Class::Punct || n.class != Class::Punct))
                    || spaced_code
                {
                    if n.class != Class::Punct {
                        last = k;
                    }
                    k += 1;
                } else {
                    break;
                }
            }
            let chars: usize = (i..=last)
                .filter(|&k| tokens.get(k).is_some_and(|t| t.class != Class::Punct))
                .map(|k| tokens.text(k).len())
                .sum();
            if let Some(p) = span(tokens, i, last, hard && chars >= MIN_CODE_CHARS) {
                out.push(p);
            }
            return;
        }
        let lower = tokens.lower(i);
        let skippable = t.class == Class::Punct
            || g.is_stopword(&lower)
            || matches!(
                lower.as_ref(),
                "number"
                    | "no"
                    | "nr"
                    | "nº"
                    | "n"
                    | "º"
                    | "°"
                    | "número"
                    | "numéro"
                    | "nummer"
                    | "numero"
                    | "id"
                    | "code"
                    | "today"
                    | "hoy"
                    | "heute"
                    | "oggi"
                    | "hoje"
                    | "vandaag"
                    | "aujourd'hui"
                    | "código"
            );
        if !skippable {
            return;
        }
        i += 1;
    }
}

/// Drops candidates that are not strong and cut a letter-and-digit code joined by hyphens
/// ("DCL-2024-3390127", "RTN-55120983"): personal data is never the tail of such a code.
pub(crate) fn keep_codes_whole(text: &str, candidates: &mut Vec<Candidate>) {
    if !text.contains('-') {
        return;
    }
    candidates.retain(|c| {
        c.strength == Strength::Strong
            || !(cut_before(text.get(..c.start).unwrap_or_default())
                || cut_after(text.get(c.end..).unwrap_or_default()))
    });
}

/// Drops candidates that are not strong and start inside a number written with a decimal or
/// thousands mark ("19,90 al mese" cut after "19,").
pub(crate) fn keep_numbers_whole(text: &str, candidates: &mut Vec<Candidate>) {
    candidates.retain(|c| {
        let before = text.get(..c.start).unwrap_or_default();
        let starts_with_digit = text
            .get(c.start..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|ch| ch.is_ascii_digit());
        let mut back = before.chars().rev();
        let inside =
            matches!(back.next(), Some(',' | '.')) && back.next().is_some_and(|ch| ch.is_ascii_digit());
        c.strength == Strength::Strong || !(starts_with_digit && inside)
    });
}

/// `before` ends inside a code: a hyphen right after letters or digits, the code holding a
/// letter.
fn cut_before(before: &str) -> bool {
    let Some(rest) = before.strip_suffix('-') else {
        return false;
    };
    let code: String = rest
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    code.chars().next().is_some_and(char::is_alphanumeric) && code.chars().any(char::is_alphabetic)
}

/// `after` goes on with the code: a hyphen then letters or digits, or letters joined on.
fn cut_after(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some('-') => {
            let code: String = chars.take_while(|c| c.is_alphanumeric() || *c == '-').collect();
            code.chars().next().is_some_and(char::is_alphanumeric) && code.chars().any(char::is_alphabetic)
        }
        _ => false,
    }
}
