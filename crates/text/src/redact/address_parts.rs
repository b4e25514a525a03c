//! The parts that continue an address after its street line or postcode: units, floors,
//! towns (also after "in", "em", "no"), regions, provinces and postcodes, and the parts said
//! before a postcode.

use super::units::{unit_in_tail, unit_phrase};
use super::{MAX_PARTS, house_number, is_name_word, street_line};
use crate::redact::gazetteer::{self, Gazetteer};
use crate::redact::postcode::{self, Shape};
use crate::redact::scan::Scan;
use crate::redact::token::{Class, Tokens};

/// Whatever continues the address after token `last`: comma-separated parts that look like
/// an address (a unit, a floor, a city, a region, a postcode).
pub(super) fn tail(scan: &Scan<'_>, g: &Gazetteer, mut last: usize) -> usize {
    let tokens = &scan.tokens;
    let mut i = last + 1;
    for _ in 0..MAX_PARTS {
        let mut k = i;
        // An abbreviation's full stop before the comma: "3º Esq., 2800-133 Almada".
        if tokens.is_punct(k, '.') && tokens.is_punct(k + 1, ',') {
            k += 1;
        }
        let from = k;
        while tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Punct && matches!(tokens.text(k), "," | "–" | "-" | "/" | ";"))
            && k - from < 2
        {
            k += 1;
        }
        // "C.P. 44600", "CEP 01310-100", "PLZ 8020": the postcode's label is part of it.
        let k = postcode_label_end(tokens, k).map_or(k, |label| label + 1);
        // After a street line or a postcode, a capitalised word is the town ("Mount Gambier").
        match said_code_after_town(scan, last, k).or_else(|| part_end(scan, g, k, true)) {
            Some(end) if end >= k => {
                last = end;
                i = end + 1;
            }
            _ => {
                if let Some(end) = corrected_postcode(scan, g, k) {
                    last = end;
                    i = end + 1;
                    continue;
                }
                return town_after_preposition(tokens, g, k)
                    .or_else(|| postcode_after_preposition(scan, g, k))
                    .or_else(|| bridge_to_postcode(scan, g, k))
                    .unwrap_or(last);
            }
        }
    }
    last
}

/// A postcode said again to correct the one before it: "... neun Köln ach nee fünf null neun
/// drei sieben", "... no sorry, nine seven two one zero".
fn corrected_postcode(scan: &Scan<'_>, g: &Gazetteer, k: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    let skipped = |i: usize| {
        tokens.is_one_of(i, crate::redact::lists::CORRECTIONS)
            || tokens.is_one_of(i, crate::redact::names::FILLERS)
            // Interjections and the "I" of "I mean", "ich meine".
            || tokens.is_one_of(i, &["ach", "oh", "ah", "i", "ich", "ik", "io", "je", "yo", "eu"])
            || tokens.get(i).is_some_and(|t| t.class == Class::Punct)
    };
    let from = (k..k + 4).find(|&i| !skipped(i))?;
    let said = (from > k && (k..from).any(|i| tokens.is_one_of(i, crate::redact::lists::CORRECTIONS)))
        .then_some(from)?;
    let end = postcode::said_at(scan, said).or_else(|| postcode::at(tokens, said).map(|(end, _)| end))?;
    Some(city_at(tokens, g, end + 1, true).unwrap_or(end))
}

/// The last token of a postcode's label before its digits: "C.P.", "CP", "CEP", "PLZ".
fn postcode_label_end(tokens: &Tokens<'_>, k: usize) -> Option<usize> {
    let digits_at = |i: usize| tokens.get(i).is_some_and(|t| t.class == Class::Number);
    if tokens.is_one_of(k, &["cp", "cep", "plz"]) && digits_at(k + 1) {
        return Some(k);
    }
    // "C.P." and "C.E.P." written with their full stops.
    let mut i = k;
    let mut letters = 0;
    while tokens
        .get(i)
        .is_some_and(|t| t.class == Class::Word && t.len() == 1)
        && tokens.is_punct(i + 1, '.')
    {
        letters += 1;
        i += 2;
    }
    let label: String = (0..letters)
        .map(|n| tokens.lower(k + 2 * n).into_owned())
        .collect();
    (matches!(label.as_str(), "cp" | "cep") && digits_at(i)).then_some(i - 1)
}

/// Parts of an address this module does not know ("Sai Krupa Apartments, 4th Cross, HAL 2nd
/// Stage", "#11-203", "Grand Canal Street Upper"), counted when the address goes on to end
/// with a postcode, or a town and its PIN or ZIP, within a few comma-separated parts of the
/// same sentence: the last token of that ending.
pub(super) fn bridge_to_postcode(scan: &Scan<'_>, g: &Gazetteer, from: usize) -> Option<usize> {
    const MAX_BRIDGED_PARTS: usize = 5;
    const MAX_PART_TOKENS: usize = 6;
    let tokens = &scan.tokens;
    let mut i = from;
    for _ in 0..MAX_BRIDGED_PARTS {
        let mut j = i;
        while !tokens.is_punct(j, ',') {
            let t = tokens.get(j)?;
            if j - i >= MAX_PART_TOKENS
                || (t.class == Class::Punct && matches!(tokens.text(j), "." | "?" | "!" | ";" | ":"))
            {
                return None;
            }
            if let Some((end, Shape::Distinct)) = postcode::at(tokens, j) {
                return Some(city_at(tokens, g, end + 1, true).unwrap_or(end));
            }
            // "Bengaluru 560038", "Singapore 520456", "Illinois 60614".
            let pin = t.class == Class::Number
                && matches!(t.len(), 5 | 6)
                && j.checked_sub(1)
                    .and_then(|p| tokens.get(p))
                    .is_some_and(|p| p.class == Class::Word && p.cap && !g.is_stopword(&tokens.lower(j - 1)));
            if pin {
                return Some(j);
            }
            j += 1;
        }
        i = j + 1;
    }
    None
}

/// Small words inside a town's name, before a capitalised word.
const CITY_PARTICLES: &[&str] = &["de", "del", "di", "da", "do", "du", "dos", "das"];

/// Words that put a town after an address: "..., in Gent", "..., no Porto", "... in beaverton".
pub(super) const TOWN_PREPOSITIONS: &[&str] =
    &["in", "em", "no", "na", "en", "à", "a", "au", "nach", "te", "at"];

/// "Gartenstraße 27 in 44137 Dortmund": a postcode and its town after a preposition go on
/// with the street line.
fn postcode_after_preposition(scan: &Scan<'_>, g: &Gazetteer, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    if !tokens.is_one_of(i, TOWN_PREPOSITIONS) {
        return None;
    }
    // Written, or said: "in achtzigtausenddreihundertdreiunddreißig münchen".
    let end = postcode::at(tokens, i + 1)
        .map(|(end, _)| end)
        .or_else(|| postcode::said_at(scan, i + 1))?;
    city_at(tokens, g, end + 1, true)
}

/// The town said with a preposition after an address: capitalised and not an ordinary word, or
/// in lowercase speech a word of four letters or more that no dictionary knows.
fn town_after_preposition(tokens: &Tokens<'_>, g: &Gazetteer, i: usize) -> Option<usize> {
    if !tokens.is_one_of(i, TOWN_PREPOSITIONS) {
        return None;
    }
    let t = tokens.get(i + 1)?;
    if t.class != Class::Word || !t.space_before {
        return None;
    }
    if t.cap {
        return city_at(tokens, g, i + 1, false);
    }
    let lower = tokens.lower(i + 1);
    // A number is no town: "in achtzigtausenddreihundertdreiunddreißig münchen" is a postcode.
    let unknown = lower.chars().count() >= 4
        && !g.is_stopword(&lower)
        && !crate::redact::numbers::is_number_word(tokens, i + 1)
        && !g.is_common(&lower)
        && !g.is_common(&gazetteer::fold(&lower));
    unknown.then_some(i + 1)
}

/// The end of one address part starting at `i`: a postcode (with its city), a unit or floor,
/// a region, or a city.
pub(super) fn part_end(scan: &Scan<'_>, g: &Gazetteer, i: usize, after_postcode: bool) -> Option<usize> {
    let tokens = &scan.tokens;
    if let Some((end, _)) = postcode::at(tokens, i).or_else(|| {
        postcode::spelled_at(scan, i)
            .or_else(|| postcode::said_at(scan, i))
            .map(|l| (l, Shape::Distinct))
    }) {
        let with_city = city_at(tokens, g, end + 1, true).map_or(end, |city| province_after(tokens, city));
        return Some(with_city);
    }
    if let Some(end) = unit_phrase(scan, i).or_else(|| unit_in_tail(scan, i)) {
        return Some(end);
    }
    // The house number after the postcode: "drie acht één zeven B M nummer zevenentwintig B".
    if tokens.is_one_of(i, super::HOUSE_NUMBER_LABELS)
        && let Some(end) = house_number(scan, i + 1 + usize::from(tokens.is_punct(i + 1, '.')))
    {
        return Some(end);
    }
    if let Some(end) = street_line(scan, g, i) {
        return Some(end);
    }
    if let Some(end) = postcode::region_at(tokens, i) {
        return Some(end);
    }
    if tokens.is_one_of(i, &["co", "county"]) && tokens.get(i + 1).is_some() {
        let k = if tokens.is_punct(i + 1, '.') { i + 2 } else { i + 1 };
        return city_at(tokens, g, k, true);
    }
    let city = city_at(tokens, g, i, after_postcode)?;
    Some(province_after(tokens, city))
}

/// "(VE)" after an Italian city: the province.
fn province_after(tokens: &Tokens<'_>, city: usize) -> usize {
    let i = city + 1;
    if tokens.is_punct(i, '(')
        && tokens.get(i + 1).is_some_and(|t| t.upper && t.len() == 2)
        && tokens.is_punct(i + 2, ')')
    {
        i + 2
    } else if tokens.is_punct(i, '/') && tokens.get(i + 1).is_some_and(|t| t.upper && t.len() == 2) {
        // "São Paulo/SP"
        i + 1
    } else {
        city
    }
}

/// One to three capitalised words that are not ordinary words: "Köln", "São Paulo",
/// "Saint-Denis", "Den Haag". Right after a postcode any word but a stopword is the city
/// ("00184 Roma", "04109 leipzig").
pub(super) fn city_at(tokens: &Tokens<'_>, g: &Gazetteer, i: usize, after_postcode: bool) -> Option<usize> {
    let t = tokens.get(i)?;
    if t.class != Class::Word || !(t.cap || after_postcode) || t.sentence_start && i > 0 && !after_postcode {
        return None;
    }
    // A number said in words is no town, even right after a postcode.
    if crate::redact::numbers::is_number_word(tokens, i) {
        return None;
    }
    let lower = tokens.lower(i);
    let ordinary = g.is_common(&lower) || g.is_common(&gazetteer::fold(&lower));
    // "Den Haag", "Le Havre", "La Spezia": a capitalised article starts the town's name.
    let article = t.cap
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.class == Class::Word && n.cap && n.space_before);
    if (g.is_stopword(&lower) && !article) || (ordinary && !after_postcode && !article) {
        return None;
    }
    // "Mob: +91 ...", "Tel. 612 ...": a label after the address, no town.
    if tokens.is_punct(i + 1, ':') || tokens.is_one_of(i, CONTACT_LABELS) {
        return None;
    }
    let named = |k: usize| {
        tokens.get(k).is_some_and(|n| {
            let lower = tokens.lower(k);
            n.class == Class::Word
                && !CONTACT_LABELS.contains(&lower.as_ref())
                && n.space_before
                && n.cap
                && !g.is_stopword(&lower)
                && !g.is_common(&lower)
        })
    };
    let mut last = i;
    let mut k = i + 1;
    while k < i + 4 {
        if named(k) {
            last = k;
            k += 1;
        } else if tokens.is_one_of(k, CITY_PARTICLES) && named(k + 1) {
            // "Ciudad de México", "Rio de Janeiro", "Reggio di Calabria".
            last = k + 1;
            k += 2;
        } else {
            break;
        }
    }
    Some(last)
}

/// Labels of the contact details written after an address in a signature ("46006 Valencia
/// Tel. 612 48 93 07").
const CONTACT_LABELS: &[&str] = &[
    "tel",
    "tél",
    "telf",
    "tfno",
    "tlf",
    "tlm",
    "mob",
    "mobile",
    "fax",
    "ph",
    "phone",
    "cel",
    "cell",
    "telefone",
    "telefono",
    "teléfono",
    "téléphone",
    "telefon",
    "telefoon",
    "handy",
    "email",
    "e-mail",
];

/// The first token of the parts before a postcode: "Cannaregio 2145, 30121 Venezia",
/// "NSW 2000", "Ohio 43215".
pub(super) fn parts_before(scan: &Scan<'_>, g: &Gazetteer, i: usize) -> usize {
    let tokens = &scan.tokens;
    if let Some(region) = (i.saturating_sub(3)..i).find(|&k| postcode::region_at(tokens, k) == Some(i - 1)) {
        return region;
    }
    // One part before a comma: a capitalised name and a house number.
    if i >= 3 && tokens.is_punct(i - 1, ',') && house_number(scan, i - 2).is_some() {
        let name = (i.saturating_sub(5)..i - 2).find(|&k| {
            tokens.get(k).is_some_and(|t| t.cap && t.class == Class::Word)
                && (k..i - 2).all(|m| is_name_word(tokens, g, m, false))
        });
        if let Some(first) = name {
            return first;
        }
    }
    i
}

/// Four digits said right after the town that ended an address ("..., Mount Albert, Auckland one
/// oh two five"): its postcode (New Zealand, Australia, Switzerland, Austria, Belgium). Said
/// alone, four digits are as often a PIN or a year.
fn said_code_after_town(scan: &Scan<'_>, last: usize, k: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    let town = tokens.get(last).is_some_and(|t| t.cap && t.class == Class::Word);
    if !town || k != last + 1 {
        return None;
    }
    postcode::number_said_at(scan, k)
        .filter(|(digits, _)| digits.len() == 4)
        .map(|(_, end)| end)
}

/// A Colombian grid address after its street type, from token `i`: the street's number, "#" or
/// "número", the cross street's number and the distance ("carrera 43a número 18 sur 135",
/// "Calle 10 # 43-25").
pub(super) fn grid_address(scan: &Scan<'_>, i: usize) -> Option<usize> {
    const ORIENTATIONS: &[&str] = &["sur", "norte", "este", "oeste", "bis"];
    const NUMBER_SIGNS: &[&str] = &["#", "número", "numero", "no", "nº", "n°"];
    let tokens = &scan.tokens;
    let numbered = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| matches!(t.class, Class::Number | Class::Mixed))
    };
    if !numbered(i) {
        return None;
    }
    let mut k = i + 1;
    while tokens.is_one_of(k, ORIENTATIONS) {
        k += 1;
    }
    if !(tokens.is_one_of(k, NUMBER_SIGNS) || tokens.is_punct(k, '#')) {
        return None;
    }
    k += 1;
    if tokens.is_punct(k, '.') {
        k += 1;
    }
    if !numbered(k) {
        return None;
    }
    let mut last = k;
    k += 1;
    while tokens.is_one_of(k, ORIENTATIONS) {
        last = k;
        k += 1;
    }
    if tokens.is_punct(k, '-') {
        k += 1;
    }
    if numbered(k) {
        last = k;
    }
    Some(last)
}

/// Without capitals the town said first, after its preposition, is one word before the street
/// that starts at `start`: "la dirección es en envigado carrera 43a ...".
pub(super) fn town_before(tokens: &Tokens<'_>, g: &Gazetteer, from: usize, start: usize) -> usize {
    match start.checked_sub(2) {
        Some(p) if tokens.lowercase && p >= from && town_word(tokens, g, p) => p + 1,
        _ => start,
    }
}

/// A town's preposition at `p` and one word of four letters or more after it, no stopword.
fn town_word(tokens: &Tokens<'_>, g: &Gazetteer, p: usize) -> bool {
    let lower = tokens.lower(p + 1);
    tokens.is_one_of(p, TOWN_PREPOSITIONS)
        && tokens.get(p + 1).is_some_and(|t| t.class == Class::Word)
        && lower.chars().count() >= 4
        && !g.is_stopword(&lower)
}
