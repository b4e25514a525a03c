//! Organisations: a capitalised run holding an organisation word ("Highveld Bank", "Banco do
//! Brasil", "Hanse Leben Versicherung AG", "Gemeente Utrecht", "Krankenversicherung Nord") names
//! a company, a council or a clinic, not a person, and is no one's address. Name and address
//! candidates are kept out of such runs: a name that runs into one is cut where it starts
//! ("Aylin Demir" before "Energieversorgung Havelstrom GmbH").

use std::sync::LazyLock;

use super::PiiKind;
use super::candidate::{Candidate, Strength};
use super::gazetteer::{self, Gazetteer};
use super::lexicon;
use super::token::{Class, Tokens};
use super::words;

/// At most this many capitalised words on each side of the organisation word.
const MAX_WORDS: usize = 3;

struct Words {
    suffixes: Vec<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    suffixes: lexicon::all(|l| l.organisation_suffixes).collect(),
});

fn is_org_word(tokens: &Tokens<'_>, i: usize) -> bool {
    let Some(t) = tokens.get(i) else { return false };
    if t.class != Class::Word {
        return false;
    }
    // A plan word is often written in lowercase before the plan's capitalised name.
    if t.lex & words::PLAN != 0 {
        return tokens.get(i + 1).is_some_and(|n| n.cap && n.space_before);
    }
    if !t.cap {
        return false;
    }
    let lower = tokens.lower(i);
    t.lex & words::ORGANISATION != 0
        || WORDS
            .suffixes
            .iter()
            .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
}

/// A capitalised word or code ("Optic 2000").
fn capitalised(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| matches!(t.class, Class::Word | Class::Mixed) && t.cap)
}

/// A known name that is no ordinary word: `first_only` asks for a first name.
fn plain_name(tokens: &Tokens<'_>, g: &Gazetteer, i: usize, first_only: bool) -> bool {
    let lower = tokens.lower(i);
    let folded = gazetteer::fold(&lower);
    let name = if first_only {
        g.is_first(&folded)
    } else {
        g.is_name(&folded)
    };
    name && !g.is_common(&lower) && !g.is_common(&folded)
}

/// Whether the name word at `i` ends a person's name: a first name or an initial before it,
/// particles between ("Sanne de Vries", "Jörg Lehmann", "L. Mulder", "P.J. van den Berg").
fn ends_a_person(tokens: &Tokens<'_>, g: &Gazetteer, i: usize) -> bool {
    let mut k = i;
    while let Some(p) = k.checked_sub(1) {
        let particle = tokens.get(p).is_some_and(|t| !t.cap && t.class == Class::Word)
            && tokens.has(p, words::NAME_PARTICLE);
        if !particle {
            break;
        }
        k = p;
    }
    let Some(p) = k.checked_sub(1) else { return false };
    let initial = tokens.is_punct(p, '.')
        && p.checked_sub(1).is_some_and(|q| {
            tokens.get(q).is_some_and(|t| t.cap && t.class == Class::Word)
                && tokens.text(q).chars().count() == 1
        });
    initial || (capitalised(tokens, p) && plain_name(tokens, g, p, true))
}

fn joiner(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| !t.cap) && tokens.has(i, words::ORG_JOINER)
}

/// The byte ranges of the organisations named in the text, in text order.
pub(crate) fn spans(tokens: &Tokens<'_>) -> Vec<(usize, usize)> {
    let g = gazetteer::get();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(last) = joined_by_ampersand(tokens, i) {
            push(&mut out, tokens, i, last);
            i = last + 1;
            continue;
        }
        if let Some(last) = brand_and_model(tokens, i).or_else(|| greeted_company(tokens, i)) {
            push(&mut out, tokens, i, last);
            i = last + 1;
            continue;
        }
        // "Mr Post", "Frau Bank": after a title the word is a surname; "Bank Street", "College
        // Road": before a street type it names a street.
        if !is_org_word(tokens, i) || after_title(tokens, i) || before_street_type(tokens, i) {
            i += 1;
            continue;
        }
        // Leftwards over capitalised words on the same line ("Wattle Grove Medical Centre").
        // A plan's name comes after its word: "Ihr Tarif RheinStrom Öko".
        let plan = tokens.has(i, words::PLAN);
        let mut first = i;
        let mut words = 0;
        // A signature joined on one line runs the writer's name into the company's: the run
        // stops at a name that ends a person's ("Sanne de Vries Klantenservice Zorgverzekeraar").
        while !plan && words < MAX_WORDS && first > 0 && !tokens.line_break_before(first) {
            let joined_before = tokens.get(first).is_some_and(|t| t.space_before);
            let part = |k: usize| {
                capitalised(tokens, k) && !(plain_name(tokens, g, k, false) && ends_a_person(tokens, g, k))
            };
            if joined_before && part(first - 1) {
                first -= 1;
            } else if first >= 2
                && (tokens.is_punct(first - 1, '–') || tokens.is_punct(first - 1, '—'))
                && capitalised(tokens, first - 2)
                && !plain_name(tokens, g, first - 2, false)
            {
                // "Hidrolis – Águas da Margem Sul": a name joined by a spaced dash.
                first -= 2;
            } else {
                break;
            }
            words += 1;
        }
        // Rightwards over capitalised words and joiners ("Banco do Brasil"). A word that
        // starts the run names the organisation after it whatever it is ("Banco Levante");
        // past that a first name is a person's ("Tamarind Bank Karen speaking").
        let leading = first == i;
        let part = |k: usize, words: usize| {
            capitalised(tokens, k) && ((leading && words == 0) || !plain_name(tokens, g, k, true))
        };
        let mut last = i;
        let mut k = i + 1;
        let mut words = 0;
        while words < MAX_WORDS
            && tokens.get(k).is_some_and(|t| t.space_before)
            && !tokens.line_break_before(k)
        {
            if part(k, words) {
                last = k;
                words += 1;
                k += 1;
            } else if joiner(tokens, k) && part(k + 1, words) && !tokens.line_break_before(k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        push(&mut out, tokens, first, last);
        i = last + 1;
    }
    out
}

/// What a greeting names its company with: "thank you for contacting Emerald Skies", "welcome
/// to ...", "you've reached ...".
const GREETED_BY: &[(&str, &str)] = &[
    ("for", "calling"),
    ("for", "contacting"),
    ("for", "choosing"),
    ("for", "messaging"),
    ("for", "emailing"),
    ("welcome", "to"),
    ("you've", "reached"),
];

/// The company a greeting names at token `i` ("thank you for contacting Emerald Skies"): its
/// capitalised words; the last one.
fn greeted_company(tokens: &Tokens<'_>, i: usize) -> Option<usize> {
    // Most tokens are ruled out by their capital, then by the word before them.
    if !capitalised(tokens, i) {
        return None;
    }
    let (first, second) = (i.checked_sub(2)?, i - 1);
    let (before, verb) = (tokens.lower_str(first), tokens.lower_str(second));
    if !GREETED_BY.iter().any(|(a, b)| verb == *b && before == *a) {
        return None;
    }
    // "thanks for calling Tamarind Bank Karen speaking": the agent's first name after it is no
    // part of it.
    let g = gazetteer::get();
    let mut last = i;
    while last - i + 1 < MAX_WORDS + 1
        && capitalised(tokens, last + 1)
        && tokens.get(last + 1).is_some_and(|t| t.space_before)
        && !tokens.line_break_before(last + 1)
        && !plain_name(tokens, g, last + 1, true)
    {
        last += 1;
    }
    Some(last)
}

fn push(out: &mut Vec<(usize, usize)>, tokens: &Tokens<'_>, first: usize, last: usize) {
    if let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) {
        match out.last_mut() {
            Some(prev) if prev.1 >= a.start => prev.1 = prev.1.max(b.end),
            _ => out.push((a.start, b.end)),
        }
    }
}

/// Words joined by "&" without spaces are a firm's name ("Maison&Co", "AT&T"): the last token.
fn joined_by_ampersand(tokens: &Tokens<'_>, i: usize) -> Option<usize> {
    let joined = |k: usize| tokens.get(k).is_some_and(|t| !t.space_before);
    let word = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| matches!(t.class, Class::Word | Class::Mixed) && t.cap)
    };
    (word(i) && tokens.is_punct(i + 1, '&') && joined(i + 1) && joined(i + 2) && word(i + 2)).then_some(i + 2)
}

/// A maker's name and the model after it ("Skoda Octavia", "Bosch Serie 6 WGG244A0IT"): the
/// model's last token. Not after a title: "Mr Ford" is a person.
fn brand_and_model(tokens: &Tokens<'_>, i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    if t.class != Class::Word || !t.cap || t.lex & words::BRAND == 0 {
        return None;
    }
    let titled = after_title(tokens, i);
    let model = |k: usize| {
        tokens.get(k).is_some_and(|n| {
            n.space_before
                && (n.class == Class::Number || (matches!(n.class, Class::Word | Class::Mixed) && n.cap))
        })
    };
    if titled || !model(i + 1) {
        return None;
    }
    let mut last = i + 1;
    while last - i < MAX_WORDS && model(last + 1) {
        last += 1;
    }
    Some(last)
}

/// A street type right after token `i`: "Bank Street", "Hospital Lane", "Postweg".
fn before_street_type(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|t| t.class == Class::Word && t.lex & words::STREET_AFTER != 0)
}

/// A title right before token `i` ("Mr", "Dr.", "Frau").
fn after_title(tokens: &Tokens<'_>, i: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| {
        tokens.has(p, words::ORG_TITLE)
            || (tokens.is_punct(p, '.') && p > 0 && tokens.has(p - 1, words::ORG_TITLE))
    })
}

/// Keeps names and addresses out of the organisations of the text: a candidate inside one is
/// dropped, one that runs into one is cut at its edge. Strong candidates stay as they are.
/// `introduced`: the tokens right after "my name is", "my husband" (or where names already kept
/// start): a name starting there is a person's, whatever words it holds ("my name is Emily
/// Post"). `org_spans`: the text's organisations ([`spans`]), asked for only when a candidate
/// could lie in one.
pub(crate) fn keep_out<'s>(
    tokens: &Tokens<'_>,
    org_spans: impl FnOnce() -> &'s [(usize, usize)],
    introduced: &[usize],
    candidates: &mut Vec<Candidate>,
) {
    if !candidates
        .iter()
        .any(|c| matches!(c.kind, PiiKind::Name | PiiKind::Address) && c.strength != Strength::Strong)
    {
        return;
    }
    let orgs = org_spans();
    if orgs.is_empty() {
        return;
    }
    candidates.retain_mut(|c| {
        if !matches!(c.kind, PiiKind::Name | PiiKind::Address) || c.strength == Strength::Strong {
            return true;
        }
        // Introduced within a few words ("my husband is Tom Bank", "my name is, um, Emily Post").
        let at = tokens.index_at(c.start);
        if c.kind == PiiKind::Name && introduced.iter().any(|&i| i <= at && at <= i + 3) {
            return true;
        }
        for &(start, end) in orgs {
            if c.end <= start || end <= c.start {
                continue;
            }
            // An address that starts before the name is kept whole ("4 Mill Lane Tamarind
            // Bank"); one that starts inside it is the name's ("Fysio Oudegracht, ...").
            if c.kind == PiiKind::Address && c.start < start {
                continue;
            }
            if c.start < start {
                c.end = trimmed_end(tokens.text, c.start, start);
            } else if c.end > end {
                c.start = trimmed_start(tokens.text, end, c.end);
            } else {
                return false;
            }
        }
        c.start < c.end
    });
}

/// The end of `text[start..end]` without its trailing spaces and punctuation.
fn trimmed_end(text: &str, start: usize, end: usize) -> usize {
    let kept = text
        .get(start..end)
        .map_or(0, |s| s.trim_end_matches(|c: char| !c.is_alphanumeric()).len());
    start + kept
}

/// The start of `text[start..end]` without its leading spaces and punctuation.
fn trimmed_start(text: &str, start: usize, end: usize) -> usize {
    let kept = text
        .get(start..end)
        .map_or(0, |s| s.trim_start_matches(|c: char| !c.is_alphanumeric()).len());
    end - kept
}

#[cfg(test)]
#[path = "orgs_tests.rs"]
mod tests;
