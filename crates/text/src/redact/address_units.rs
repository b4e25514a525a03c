//! Units, floors and sides of a building ("Apt 4B", "3º B", "2. OG links", "quarto piano"),
//! part of an address or said on their own.

use std::sync::LazyLock;

use super::{WORDS, lower_has, lower_is};
use crate::redact::numbers;
use crate::word_hash::WordSet;

static ORDINAL_SET: LazyLock<WordSet<&'static str>> = LazyLock::new(|| ORDINALS.iter().copied().collect());
use crate::redact::lexicon;
use crate::redact::lists::ORDINALS;
use crate::redact::scan::Scan;
use crate::redact::token::{Class, Tokens};
use crate::redact::words::ADDRESS_UNIT;

/// A unit or floor on its own: "Apt 4B", "3º B", "1º Dto", "2. OG links", "bus twee",
/// "quarto piano", "2e étage", "appartement douze".
pub(super) fn unit_phrase(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    let t = tokens.get(i)?;
    // A unit word and its number or letter: "interno sei", "puerta doce", "depto B".
    if lower_is(tokens, i, &WORDS.standalone)
        && !tokens.is_one_of(
            i,
            &[
                "links", "rechts", "gauche", "droite", "sinistra", "destra", "og", "stock",
            ],
        )
    {
        let mut k = i + 1;
        if tokens.is_punct(k, '.') {
            k += 1;
        }
        let number = house_number(scan, k).or_else(|| {
            tokens
                .get(k)
                .filter(|n| {
                    n.class == Class::Word && n.len() <= 2 && (n.upper || tokens.text(k).chars().count() == 1)
                })
                .map(|_| k)
        })?;
        return Some(side_after(tokens, number));
    }
    // A number or ordinal, then a floor or side: "3º B", "2e étage", "3. OG", "drie hoog".
    let ordinal_mark = |k: usize| {
        tokens.get(k).is_some_and(|n| {
            !n.space_before && n.class == Class::Punct && matches!(tokens.text(k), "º" | "ª" | "°" | ".")
        })
    };
    let lower = tokens.lower(i);
    let ordinal_end = if ORDINAL_SET.contains(lower.as_ref())
        || (t.class == Class::Mixed
            && lower.chars().count() <= 4
            && ["e", "er", "ème", "º", "ª", "o", "a", "nd", "rd", "th", "st"]
                .iter()
                .any(|s| lower.ends_with(s)))
    {
        Some(i)
    } else if t.class == Class::Number && t.len() <= 2 && ordinal_mark(i + 1) {
        // "2.º Dto": the full stop of the abbreviation, then its mark.
        let stop_and_mark = tokens.is_punct(i + 1, '.') && is_ordinal_mark(tokens, i + 2);
        Some(if stop_and_mark { i + 2 } else { i + 1 })
    } else {
        scan.spoken_at(i).filter(|s| s.digits.len() <= 2).map(|s| s.last)
    }?;
    let next = ordinal_end + 1;
    let marked = tokens.get(ordinal_end).is_some_and(|t| {
        let text = tokens.text(ordinal_end);
        (t.class == Class::Punct && text != ".") || text.ends_with(['º', 'ª'])
    });
    // "4º A", "1º Dto" are addresses anywhere; "2e étage", "3rd floor", "quarto piano" only
    // where the conversation is about an address.
    let lettered = marked
        && tokens
            .get(next)
            .is_some_and(|n| n.class == Class::Word && n.cap && n.len() <= 3);
    let floor = lower_is(tokens, next, &WORDS.floors) && about_an_address(scan);
    (lettered || floor).then(|| side_after(tokens, next))
}

/// A unit in any served language's words and its number, said after a street line: "ap 62",
/// "apto 1203", "casa 2", "sala 5". Only in an address's tail: on its own, "AP 3" is an exam.
pub(super) fn unit_in_tail(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    if !lower_has(tokens, i, ADDRESS_UNIT) {
        return None;
    }
    let mut k = i + 1;
    // "n.º 143", "nº 5", "Nr. 12": an abbreviation's full stop and its ordinal mark.
    while k <= i + 2 && (tokens.is_punct(k, '.') || is_ordinal_mark(tokens, k)) {
        k += 1;
    }
    house_number(scan, k).map(|number| side_after(tokens, number))
}

/// "º", "ª" or "°" on its own (after an abbreviation's full stop the tokenizer reads it as a
/// word: "n.º", "2.º").
fn is_ordinal_mark(tokens: &Tokens<'_>, k: usize) -> bool {
    tokens.get(k).is_some() && matches!(tokens.text(k), "º" | "ª" | "°")
}

/// The text asks for or gives an address, or answers a question about one.
pub(crate) fn about_an_address(scan: &Scan<'_>) -> bool {
    let address = |slot: &lexicon::Slot| matches!(slot, lexicon::Slot::Address | lexicon::Slot::Postcode);
    scan.recent_address
        || scan.cues.iter().any(|h| h.slot().is_some_and(|s| address(&s)))
        || scan
            .expected
            .iter()
            .any(|e| matches!(e, crate::redact::scan::Expectation::Value(s) if address(s)))
}

/// An address is being given before token `i`: in the last turns, in answer to a question, or
/// after an address cue earlier in the text ("what address should they come to?" after a word
/// does not make it a street).
pub(super) fn address_before(scan: &Scan<'_>, i: usize) -> bool {
    scan.recent_address || address_asked_before(scan, i)
}

/// [`address_before`] by this text's own words or the question it answers, not by an address
/// given in the turns before.
pub(super) fn address_asked_before(scan: &Scan<'_>, i: usize) -> bool {
    let address = |slot: &lexicon::Slot| matches!(slot, lexicon::Slot::Address | lexicon::Slot::Postcode);
    scan.cues
        .iter()
        .any(|h| h.last < i && h.slot().is_some_and(|s| address(&s)))
        || scan
            .expected
            .iter()
            .any(|e| matches!(e, crate::redact::scan::Expectation::Value(s) if address(s)))
}

/// Doors before their side: "porte gauche", "puerta izquierda", "porta destra".
const DOORS: &[&str] = &["porte", "puerta", "porta", "tür"];

/// "links", "izquierda", "B" after a floor.
fn side_after(tokens: &Tokens<'_>, last: usize) -> usize {
    let mut k = last + 1;
    // "3e étage, porte gauche", "2º piso, puerta derecha": the door, then its side.
    if tokens.is_punct(k, ',') && tokens.is_one_of(k + 1, DOORS) {
        k += 1;
    }
    if tokens.is_one_of(k, DOORS) {
        k += 1;
    }
    if tokens.is_one_of(
        k,
        &[
            "links",
            "rechts",
            "gauche",
            "droite",
            "izquierda",
            "derecha",
            "esquerdo",
            "direito",
            "sinistra",
            "destra",
            "left",
            "right",
            "esq",
            "dto",
            "izq",
            "dcha",
        ],
    ) {
        return k;
    }
    last
}

/// A house number at `i`, written ("27", "4B", "221b") or said ("forty-one", "zweiundvierzig",
/// "twenty two eighty"), with its additions ("12 bis", "123-II", "45-A", "5/12", "3º"): its last
/// token.
pub(super) fn house_number(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    let t = tokens.get(i)?;
    // The decimals of an amount or the end of an id are no house number: "19,90 al mese",
    // "CPF 271.903.648-03 Rua ...".
    let decimals = !t.space_before
        && i >= 2
        && (tokens.is_punct(i - 1, ',')
            || tokens.is_punct(i - 1, '.')
            || tokens.is_punct(i - 1, '-')
            || tokens.is_punct(i - 1, '/'))
        && tokens.get(i - 1).is_some_and(|p| !p.space_before)
        && tokens.get(i - 2).is_some_and(|p| p.class == Class::Number);
    if decimals {
        return None;
    }
    let written = match t.class {
        Class::Number => t.len() <= 5,
        Class::Mixed => {
            let text = tokens.text(i);
            text.len() <= 6 && text.starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    };
    let mut last = if written {
        i
    } else if let Some(seq) = scan.spoken_at(i).filter(|s| s.digits.len() <= 5) {
        seq.last
    } else {
        // "sette", "zwei", "hundertvierzehn": one number said as a word.
        numbers::cardinal_at(tokens, i).filter(|(v, _)| *v < 100_000)?.1
    };
    // "a flat fourteen point two cents": a decimal number is an amount or a measure.
    if tokens.is_one_of(last + 1, crate::redact::lists::DECIMAL_WORDS) {
        return None;
    }
    let joined = |j: usize| tokens.get(j).is_some_and(|t| !t.space_before);
    if (tokens.is_punct(last + 1, '-') || tokens.is_punct(last + 1, '/'))
        && joined(last + 1)
        && joined(last + 2)
        && tokens
            .get(last + 2)
            .is_some_and(|t| t.len() <= 4 && t.class != Class::Punct)
    {
        last += 2;
    }
    if tokens
        .get(last + 1)
        .is_some_and(|t| !t.space_before && t.class == Class::Punct)
        && matches!(tokens.text(last + 1), "º" | "ª" | "°")
    {
        last += 1;
    }
    if tokens.is_one_of(last + 1, &["bis", "ter", "a", "b", "c", "d"])
        && tokens
            .get(last + 1)
            .is_some_and(|t| t.space_before && t.len() <= 3)
    {
        last += 1;
    }
    Some(last)
}

/// The last words of a house's name ("The Old Forge", "Rose Cottage", "Lower Farm").
const HOUSE_NOUNS: &[&str] = &[
    "cottage",
    "cottages",
    "farm",
    "farmhouse",
    "house",
    "lodge",
    "barn",
    "forge",
    "mill",
    "manor",
    "rectory",
    "vicarage",
    "grange",
    "croft",
    "oast",
    "bungalow",
    "villa",
    "chapel",
    "stables",
    "orchard",
    "granary",
];
/// Words a house's name holds, at most.
const MAX_HOUSE_WORDS: usize = 4;

/// A house's name set off by a comma before token `street` ("The Old Forge, Church Lane"):
/// capitalised words ending in a house noun; its first token.
pub(super) fn house_name_before(tokens: &Tokens<'_>, street: usize) -> Option<usize> {
    let last = street
        .checked_sub(2)
        .filter(|_| tokens.is_punct(street - 1, ','))?;
    if !tokens.is_one_of(last, HOUSE_NOUNS) {
        return None;
    }
    let capitalised = |k: usize| tokens.get(k).is_some_and(|t| t.cap && t.class == Class::Word);
    let mut first = last;
    while first > 0 && last - first + 1 < MAX_HOUSE_WORDS && capitalised(first - 1) {
        first -= 1;
    }
    capitalised(last).then_some(first)
}
