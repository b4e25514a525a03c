//! Postal addresses: street lines in the forms of every served country ("2218 Willow Creek
//! Drive", "Flat 4, 27 Cranbrook Road", "12 rue des Lilas", "Calle Mayor 5, 3º B",
//! "Lindenstraße 42", "Keizersgracht 123-II", "Via Roma 10", "Rua Augusta 100"), with house
//! numbers written or said ("forty-one Chandos Road"), extended over the comma-separated parts
//! that follow (unit, floor, city, region, postcode); postcodes written or spelled ("B S six
//! seven B R") with their city; and units and floors on their own ("2º D", "quarto piano").

use std::sync::LazyLock;

use super::PiiKind;
use super::candidate::{Candidate, Strength};
use super::gazetteer::{self, Gazetteer};
use super::lexicon;
use super::postcode::{self, Shape};
use super::scan::Scan;
use super::token::{Class, Tokens};
use super::{streets, words};
use crate::word_hash::WordSet;

struct Words {
    after: WordSet<&'static str>,
    floors: WordSet<&'static str>,
    standalone: WordSet<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    after: lexicon::all(|l| l.street_after).collect(),
    floors: FLOORS.iter().copied().collect(),
    standalone: FLOORS
        .iter()
        .chain(STANDALONE_UNITS)
        .copied()
        .filter(|w| *w != "bus")
        .collect(),
});

/// At most this many words in a street name ("Avenue of the Americas", "rue du Faubourg
/// Saint-Honoré").
pub(super) const MAX_STREET_WORDS: usize = 5;
/// At most this many comma-separated parts after a street line or a postcode.
const MAX_PARTS: usize = 6;

pub(super) fn find(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    find_in(scan, true, out);
}

/// The word lists an address needs a word of when it has no number: a street type, a unit,
/// an ordinal or a street compound.
const ADDRESS_WORDS: words::Lex = words::STREET_AFTER
    | words::STREET_BEFORE
    | words::ADDRESS_UNIT
    | words::ADDRESS_START
    | words::COMPOUND_STREET;

/// [`find`]; `gated`: a text with no number (written, said or spelled) and no address word
/// is not walked: every street line, postcode and unit starts at one (the property test
/// compares both).
fn find_in(scan: &Scan<'_>, gated: bool, out: &mut Vec<Candidate>) {
    let tokens = &scan.tokens;
    let summary = &tokens.summary;
    let no_number = summary.digits == 0 && summary.number_words == 0 && scan.spoken.is_empty();
    if gated && no_number && summary.words_in & ADDRESS_WORDS == 0 {
        return;
    }
    let g = gazetteer::get();
    let mut i = 0;
    while i < tokens.len() {
        // Punctuation and most words of a call start nothing: one lookup rules them out.
        let plain = plain_word(scan, i);
        let nothing = tokens.get(i).is_none_or(|t| {
            matches!(t.class, Class::Punct | Class::Marker)
                || (plain
                    && t.len() > 1
                    && !is_compound_street(tokens, i)
                    && (!t.cap || !has_street_type(tokens, i)))
        });
        if nothing {
            i += 1;
            continue;
        }
        if let Some(last) = street_line(scan, g, i) {
            let first = unit_before(scan, i);
            let end = tail(scan, g, last);
            push(tokens, first, end, Strength::Context, out);
            i = end + 1;
            continue;
        }
        if let Some(last) = line_without_number(scan, g, i) {
            let end = tail(scan, g, last);
            let has_postcode = (last + 1..=end).any(|k| postcode::at(tokens, k).is_some());
            // "The Old Forge, Church Lane, Wrington": a house's name, its street and its town.
            let house = units::house_name_before(tokens, i).filter(|_| end > last);
            if has_postcode || house.is_some() || about_an_address(scan) {
                push(tokens, house.unwrap_or(i), end, Strength::Context, out);
                i = end + 1;
                continue;
            }
        }
        if let Some((last, shape)) =
            postcode::at(tokens, i).or_else(|| postcode::spelled_at(scan, i).map(|l| (l, Shape::Distinct)))
        {
            let standalone = match shape {
                Shape::Distinct => Some(tail(scan, g, last)),
                // Digits are a postcode only as a part of their own with a city right after:
                // ", 50674 Köln." (German nouns are capitalised too: "1500 Punkte gesammelt").
                Shape::Digits => city_at(tokens, g, last + 1, true)
                    .filter(|&city| {
                        (i == 0 || tokens.is_punct(i - 1, ','))
                            && tokens.get(city + 1).is_none_or(|t| t.class == Class::Punct)
                    })
                    .map(|city| tail(scan, g, city)),
            };
            if let Some(end) = standalone.filter(|_| !after_reference_or_amount(tokens, i)) {
                let first = parts_before(scan, g, i);
                push(tokens, first, end, Strength::Context, out);
                i = end + 1;
                continue;
            }
        }
        // "B-14, Gulmohar Residency, Baner Road, Pune, Maharashtra 411045": a flat's code, then
        // parts up to a postcode or a town and its PIN.
        if let Some(comma) = flat_code(tokens, i)
            && let Some(end) = bridge_to_postcode(scan, g, comma + 1)
        {
            push(tokens, i, end, Strength::Context, out);
            i = end + 1;
            continue;
        }
        // A unit on its own, unless a street line starts at its number ("Unit 5/12 George St").
        let unit = if plain { None } else { unit_phrase(scan, i) };
        if let Some(last) = unit.filter(|_| street_line(scan, g, i + 1).is_none()) {
            push(tokens, i, last, Strength::Shape, out);
            i = last + 1;
            continue;
        }
        i += 1;
    }
}

/// A house number at `i` (with its letter or addition): its last token.
pub(crate) fn house_number_at(scan: &Scan<'_>, i: usize) -> Option<usize> {
    house_number(scan, i)
}

/// The address parts said after token `last` (a postcode's town, a region): the last token.
pub(crate) fn continued(scan: &Scan<'_>, last: usize) -> usize {
    parts::tail(scan, gazetteer::get(), last)
}

/// An address in answer to "what's your address?": from the first address-like token after
/// `from`, within the cue's sentence, over every part that looks like an address.
pub(crate) fn relaxed(scan: &Scan<'_>, from: usize, window: usize) -> Option<(usize, usize)> {
    let tokens = &scan.tokens;
    let g = gazetteer::get();
    let sentence_end = (from + 1..tokens.len())
        .find(|&i| tokens.get(i).is_some_and(|t| t.sentence_start))
        .unwrap_or(tokens.len());
    let limit = tokens.len().min(from + window).min(sentence_end);
    let start = (from..limit).find(|&i| {
        let Some(t) = tokens.get(i) else { return false };
        let lower = tokens.lower(i);
        scan.number_at(i).is_some()
            || t.class == Class::Mixed
            || (t.class == Class::Word && t.cap && !g.is_stopword(&lower) && !g.is_common(&lower))
            || (tokens.has(i, words::ADDRESS_UNIT | words::STREET_BEFORE) && !everyday_word(scan, i))
    })?;
    let first_part = part_end(scan, g, start, true)?;
    let last = tail(scan, g, first_part);
    let start = town_before(tokens, g, from, start);
    // An address has a number, a street type, a unit or a postcode: "same address" has none.
    let addressy = (start..=last).any(|k| {
        scan.number_at(k).is_some()
            || tokens.get(k).is_some_and(|t| t.class == Class::Mixed)
            || lower_has(tokens, k, words::STREET_AFTER)
            || lower_has(tokens, k, words::STREET_BEFORE)
            || lower_has(tokens, k, words::ADDRESS_UNIT)
            || is_compound_street(tokens, k)
    });
    addressy.then_some((start, last))
}

fn push(tokens: &Tokens<'_>, first: usize, last: usize, strength: Strength, out: &mut Vec<Candidate>) {
    if let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) {
        out.push(Candidate::new(PiiKind::Address, a.start, b.end, strength));
    }
}

/// Whether word `i` is in one of the word lists of `bits`.
#[inline]
fn lower_has(tokens: &Tokens<'_>, i: usize, bits: words::Lex) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.class == Class::Word && t.lex & bits != 0)
}

#[inline]
fn lower_is(tokens: &Tokens<'_>, i: usize, set: &WordSet<&'static str>) -> bool {
    tokens.get(i).is_some_and(|t| t.class == Class::Word) && set.contains(tokens.lower(i).as_ref())
}

/// A word of six letters or more ending in a street suffix: "Lindenstraße", "Keizersgracht"
/// (told once per token, in the word table).
#[inline]
fn is_compound_street(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.has(i, words::COMPOUND_STREET)
}

/// Whether the language of the call (its index in the lexicons) says the house number before
/// the street: English and French, or a language not known.
fn number_first(language: Option<usize>) -> bool {
    language.is_none_or(|l| Some(l) == *ENGLISH || l == lexicon::FRENCH)
}

/// English's index in the lexicons.
static ENGLISH: LazyLock<Option<usize>> = LazyLock::new(|| lexicon::index_of("en"));

/// Whether a word ending like a German or Dutch compound street ("-land", "-berg", "-tor") may
/// be a street in a call of `language` (its index in the lexicons). Not in English: its streets
/// are never one compound word, and its place names end like them ("Auckland", "Portland"), so
/// a city named after an address is no street. The other languages keep the suffixes of all:
/// a Spanish street named without its type, "Doctor Esquerdo ciento doce", is found by its
/// "-tor" after an address question, and needs a rule of its own before they can go.
fn compounds_streets(language: Option<usize>) -> bool {
    language.is_none() || language != *ENGLISH
}

/// Whether a compound word ends in a street type of its own ("-straße", "-weg", "-straat",
/// "-gracht"), not in a suffix that also ends other names ("-berg", "-hof", "-tor", "-aue").
fn names_a_street(lower: &str) -> bool {
    streets::with_ending(lower)
        .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s) && WORDS.after.contains(s))
}

fn is_name_word(tokens: &Tokens<'_>, g: &Gazetteer, i: usize, lowercase_ok: bool) -> bool {
    tokens.get(i).is_some_and(|t| {
        t.class == Class::Word && {
            let lower = tokens.lower(i);
            if g.is_particle(&lower) || matches!(lower.as_ref(), "st" | "saint" | "san" | "y") {
                return true;
            }
            (t.cap || lowercase_ok) && !g.is_stopword(&lower)
        }
    })
}

/// The street line starting at token `i`; returns its last token.
fn street_line(scan: &Scan<'_>, g: &Gazetteer, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    let t = tokens.get(i)?;
    let lowercase_text = tokens.lowercase;
    // "27 Cranbrook Road", "forty-one Chandos Road", "12 rue des Lilas", "12, rue des Lilas":
    // in English and French; German, Dutch, Spanish, Italian and Portuguese put the number after
    // the street ("beginnt mit 1. März 2026 an der Adresse Leopoldauer Straße 42" is no street
    // line from "2026").
    if let Some(num_end) = house_number(scan, i).filter(|_| number_first(scan.language)) {
        let mut j = num_end + 1;
        if tokens.is_punct(j, ',') {
            j += 1;
        }
        // "205-1800 boul. Le Corbusier": the type's abbreviation keeps its full stop. In
        // English text a lowercase "via" after a number is a word ("your account ending 6789
        // via NEFT").
        if lower_has(tokens, j, words::STREET_BEFORE) && !everyday_word(scan, j) {
            let k = if tokens.is_punct(j + 1, '.') { j + 2 } else { j + 1 };
            return name_words(tokens, g, k, true);
        }
        // Name words then a street type: "Cranbrook Road", "Duke of York Boulevard".
        let mut k = j;
        let mut count = 0;
        while count < MAX_STREET_WORDS && is_name_word(tokens, g, k, lowercase_text) {
            if count > 0 && lower_has(tokens, k, words::STREET_AFTER) {
                return Some(type_end(tokens, k));
            }
            k += 1;
            count += 1;
        }
        // A street said without its type, then a flat: "forty-two fifteen North Kedzie
        // apartment two".
        let capitalised = (j..k).all(|n| tokens.get(n).is_some_and(|t| t.cap));
        return (count > 0 && capitalised && unit_phrase(scan, k).is_some()).then(|| k - 1);
    }
    if t.class != Class::Word {
        return None;
    }
    // "Calle Mayor 5", "via dei Mille sette", "Rua Augusta, número cem", "Am Markt 3".
    if lower_has(tokens, i, words::STREET_BEFORE) {
        let slash = usize::from(tokens.is_punct(i + 1, '/') || tokens.is_punct(i + 1, '.'));
        // "at the new place July 1st": a month and its day after the type are a date.
        let first = i + 1 + slash;
        if super::dates::month_at(tokens, first).is_some() && house_number(scan, first + 1).is_some() {
            return None;
        }
        // In English text a lowercase "via" or "place" is a word ("ships via FedEx Ground,
        // 3-5 business days"); "Via Roma 5" and "Rue des Lilas" keep their capital.
        if everyday_word(scan, i) {
            return None;
        }
        // "im Bonus-Malus-System von Stufe 4": in lowercase, "am", "im", "zum" are prepositions,
        // streets only where an address is asked for or announced ("Am Markt 3" keeps its
        // capital); an address given a turn before does not make the reply's "im" a street.
        if !t.cap && tokens.is_one_of(i, GERMAN_PREPOSITION_TYPES) && !units::address_asked_before(scan, i) {
            return None;
        }
        if let Some(last) = grid_address(scan, first) {
            return Some(last);
        }
        // In speech written in lowercase the name is lowercase too: "calle de la luna
        // veintitrés", "rua das flores número trinta e sete".
        // Abbreviated types and spelled letters are written, not said ("c l four four eight":
        // a reference spelled out).
        let said = lowercase_text && t.len() >= 3 && tokens.get(i + 1 + slash).is_some_and(|n| n.len() >= 2);
        let name_last = name_words(tokens, g, i + 1 + slash, said)?;
        let mut k = name_last + 1;
        if tokens.is_punct(k, ',') {
            k += 1;
        }
        if tokens.is_one_of(k, HOUSE_NUMBER_LABELS) {
            k += 1;
            if tokens.is_punct(k, '.') || tokens.is_punct(k, 'º') {
                k += 1;
            }
        }
        if let Some(last) = house_number(scan, k) {
            return Some(last);
        }
        // A capitalised street type with its name before a comma is a street line too:
        // "Rua Haddock Lobo, 595", "Via Piave, Mestre".
        let typed =
            t.cap && tokens.get(name_last).is_some_and(|n| n.cap) && tokens.is_punct(name_last + 1, ',');
        return typed.then_some(name_last);
    }
    // "Lindenstraße 42", "Keizersgracht 123-II", "Berliner Straße 12", "Van Woustraat 212".
    let compound = is_compound_street(tokens, i) && compounds_streets(scan.language);
    let mut k = i + 1;
    if compound && tokens.is_punct(k, '.') {
        k += 1;
    }
    let two_word =
        t.cap && lower_has(tokens, i + 1, words::STREET_AFTER) && tokens.get(i + 1).is_some_and(|n| n.cap);
    if two_word {
        k = i + 2;
        if tokens.is_punct(k, '.') {
            k += 1;
        }
    }
    if compound && tokens.is_punct(k, ',') && house_number(scan, k + 1).is_some() {
        k += 1;
    }
    // "kerkstraat nummer vijftien", "Hauptstraße Nr. 12".
    if (compound || two_word) && tokens.is_one_of(k, HOUSE_NUMBER_LABELS) {
        let stop = usize::from(tokens.is_punct(k + 1, '.'));
        if house_number(scan, k + 1 + stop).is_some() {
            k += 1 + stop;
        }
    }
    if compound || two_word {
        // "in der Favoritenstraße": a street named on its own is part of an address too.
        // Without a number only a street's own type names a street ("Favoritenstraße"), unless
        // an address is being given before it: "Wienerberg" or "Rheinaue" are as often a
        // district, a firm or a brand.
        let named = compound && t.cap && (names_a_street(&tokens.lower(i)) || address_before(scan, i));
        return house_number(scan, k).or(named.then_some(i));
    }
    None
}

/// A street line without a house number ("Back Lane", "Church Lane"): name words and a street
/// type, counted only where an address is being given.
fn line_without_number(scan: &Scan<'_>, g: &Gazetteer, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    if !tokens.get(i).is_some_and(|t| t.cap && t.class == Class::Word) {
        return None;
    }
    let mut k = i;
    let mut count = 0;
    // A type in capitals inside a cased text is a brand's word ("pode usar o MB WAY").
    let typed = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.cap && (!t.upper || tokens.mostly_uppercase))
    };
    while count < MAX_STREET_WORDS && is_name_word(tokens, g, k, false) {
        if count > 0 && lower_has(tokens, k, words::STREET_AFTER) && typed(k) {
            return Some(type_end(tokens, k));
        }
        k += 1;
        count += 1;
    }
    None
}

/// Name words of a street after its type ("des Lilas", "Mayor", "de la Paix"): the last one.
fn name_words(tokens: &Tokens<'_>, g: &Gazetteer, from: usize, lowercase_ok: bool) -> Option<usize> {
    let mut last = None;
    let mut k = from;
    // Lowercase, the house number said in words or its label would pass for a name word; a
    // street named after a number keeps it as its first name word ("via dei mille ventitré",
    // "calle dos de mayo"), never a label.
    let ends_the_name = |k: usize, first: bool| {
        lowercase_ok
            && (tokens.is_one_of(k, HOUSE_NUMBER_LABELS)
                || !first && super::numbers::is_number_word(tokens, k))
    };
    while k < from + MAX_STREET_WORDS
        && is_name_word(tokens, g, k, lowercase_ok)
        && !ends_the_name(k, last.is_none())
    {
        let lower = tokens.lower(k);
        if !g.is_particle(&lower) {
            last = Some(k);
        }
        k += 1;
    }
    last
}

/// A street type with its abbreviation's full stop and a compass direction: "Dr.", "St NW".
fn type_end(tokens: &Tokens<'_>, i: usize) -> usize {
    let mut last = i;
    if tokens.is_punct(last + 1, '.') && tokens.get(last + 1).is_some_and(|t| !t.space_before) {
        last += 1;
    }
    if tokens.get(last + 1).is_some_and(|t| t.upper && t.len() <= 2)
        && tokens.is_one_of(last + 1, &["n", "s", "e", "w", "ne", "nw", "se", "sw"])
    {
        last += 1;
    }
    last
}

/// "Flat 4, " or "Apt 5B" or "Unit 5/" before a street line: the first token.
fn unit_before(scan: &Scan<'_>, i: usize) -> usize {
    let tokens = &scan.tokens;
    if i >= 1 && lower_has(tokens, i - 1, words::ADDRESS_UNIT) {
        return i - 1;
    }
    if i >= 3 && tokens.is_punct(i - 1, '/') && lower_has(tokens, i - 3, words::ADDRESS_UNIT) {
        return i - 3;
    }
    let j = if i >= 1 && tokens.is_punct(i - 1, ',') {
        i - 1
    } else {
        i
    };
    // "Flat 4, 27 ...": a unit word and its number, said or written.
    for back in 2..=4 {
        let Some(unit) = j.checked_sub(back) else { break };
        if lower_has(tokens, unit, words::ADDRESS_UNIT)
            && house_number(scan, unit + 1).is_some_and(|end| end + 1 == j)
        {
            return unit;
        }
    }
    i
}

#[path = "address_gate.rs"]
mod gate;
#[path = "address_parts.rs"]
mod parts;
#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
#[path = "address_units.rs"]
mod units;

use super::lists::{FLOORS, STANDALONE_UNITS};
use gate::{after_reference_or_amount, flat_code, has_street_type, plain_word};
use parts::{bridge_to_postcode, city_at, grid_address, part_end, parts_before, tail, town_before};
pub(crate) use units::about_an_address;
use units::{address_before, house_number, unit_phrase};

/// Words said before a house number: "Rua Augusta, nº 100", "número cem", "Nr. 12".
pub(super) const HOUSE_NUMBER_LABELS: &[&str] = &[
    "nº", "n", "no", "número", "num", "numero", "nr", "n°", "nummer", "numéro", "number",
];

/// German street types that are a preposition and its article: "Am Markt", "Im Tal".
const GERMAN_PREPOSITION_TYPES: &[&str] = &["am", "im", "zum", "zur"];

/// Whether token `i`, a street type said before its name, is a lowercase "via" or "place" in a
/// call where it is an everyday word: "ships via FedEx", "door via Mijn Scaldis" (Dutch),
/// "at the new place July 1st". A lowercase "via" is a street in Italian, "place" in French;
/// in English all street types keep their capital.
fn everyday_word(scan: &Scan, i: usize) -> bool {
    use super::lexicon::{FRENCH, ITALIAN};
    let street_in = match scan.tokens.lower(i).as_ref() {
        "via" => ITALIAN,
        "place" => FRENCH,
        _ => return false,
    };
    let lowercase = scan.tokens.get(i).is_some_and(|t| !t.cap);
    lowercase && scan.language.is_some_and(|l| l != street_in)
}
