//! Person names: after a cue (a self-introduction, a title, a greeting or sign-off, an identity
//! question), or from the gazetteer when capitalisation says it is a proper noun. A name the call
//! has seen once is found everywhere else in the call ([`super::call`]).

use super::PiiKind;
use super::candidate::{Candidate, Strength};
use super::gazetteer::{self, Gazetteer};
use super::lexicon::Cue;
use super::lists::NAME_PARTICLES;
use super::scan::Scan;
use super::token::{Class, Tokens};
use super::words;
use crate::word_hash::WordSet;
use lowercase::{after_title, joined_by_particle, lowercase_run};
use shape::{capitalised_run, gazetteer_name, standalone};

/// Whether `lower` is one of [`NAME_PARTICLES`]: one lookup, asked of most words of a
/// capitalised run.
pub(crate) fn is_name_particle(lower: &str) -> bool {
    static PARTICLES: std::sync::LazyLock<WordSet<&'static str>> =
        std::sync::LazyLock::new(|| NAME_PARTICLES.iter().copied().collect());
    PARTICLES.contains(lower)
}

/// The longest name taken: "María de los Ángeles Fernández Ortega".
const MAX_NAME_TOKENS: usize = 6;

/// How much a name run must look like a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// After "my name is", an identity question: anything name-shaped that is not a stopword,
    /// capitalised or not.
    Cued,
    /// After "this is", a title, a greeting: capitalised, or a known non-ordinary name.
    Capitalised,
}

pub(super) fn find(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    let g = gazetteer::get();
    let tokens = &scan.tokens;
    let shouting = tokens.mostly_uppercase;
    let mut covered_until = 0usize;
    for hit in &scan.cues {
        let found = match hit.cue {
            Cue::NameIntro { strong: true } => run_after(tokens, g, hit.last + 1, Evidence::Cued),
            Cue::NameIntro { strong: false } => {
                let shaped = run_after(tokens, g, hit.last + 1, Evidence::Capitalised)
                    .filter(|r| has_name_evidence(tokens, g, *r));
                // Without capitals, the longer reading: "le habla andrés felipe".
                let lowercase = tokens
                    .lowercase
                    .then(|| lowercase_run(tokens, g, hit.last + 1))
                    .flatten();
                match (shaped, lowercase) {
                    (Some(a), Some(b)) => Some(if b.1 > a.1 { b } else { a }),
                    (a, b) => a.or(b),
                }
            }
            Cue::Title if is_title(tokens, hit.first) => {
                let mut start = hit.last + 1;
                while tokens.is_punct(start, '.') {
                    start += 1;
                }
                run_after(tokens, g, start, Evidence::Capitalised)
            }
            // Without capitals, a title before a known name: "la señora amparo", "o senhor
            // armando pestana".
            Cue::Title if tokens.lowercase => after_title(tokens, g, hit.last + 1),
            Cue::Greeting => run_after(tokens, g, hit.last + 1, Evidence::Capitalised)
                .filter(|r| has_name_evidence(tokens, g, *r) || is_vocative(tokens, g, *r)),
            Cue::SignOff => run_after(tokens, g, hit.last + 1, Evidence::Capitalised)
                .filter(|r| has_name_evidence(tokens, g, *r) || (r.1 > r.0 && !has_common(tokens, g, *r))),
            _ => None,
        };
        if let Some(run) = found {
            push(tokens, run, Strength::Context, out);
            covered_until = covered_until.max(run.1 + 1);
        }
    }
    spelled_out(tokens, out);
    if shouting {
        return;
    }
    if scan.speaker == Some(crate::transcript::SpeakerRole::Customer) {
        standalone(tokens, g, out);
    }
    // Proper nouns from the gazetteer, without a cue.
    let mut cued: Vec<(usize, usize)> = out
        .iter()
        .filter(|c| c.kind == PiiKind::Name)
        .map(|c| (c.start, c.end))
        .collect();
    cued.sort_unstable();
    let mut i = 0;
    while i < tokens.len() {
        let starts_run = tokens
            .get(i)
            .is_some_and(|t| t.class == Class::Word && t.cap && !t.upper)
            && !tokens
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.class == Class::Word && p.cap && !p.sentence_start && i > 0);
        if !starts_run || out_of(i, covered_until, &cued, tokens) {
            i += 1;
            continue;
        }
        let mut run = capitalised_run(tokens, i);
        // "Yesterday Denise Albright called": a sentence's first word may just be capitalised.
        if run.1 > run.0
            && tokens.get(run.0).is_some_and(|t| t.sentence_start)
            && (g.is_common(&tokens.lower(run.0)) || !g.is_name(&gazetteer::fold(&tokens.lower(run.0))))
        {
            run.0 += 1;
        }
        if let Some(name) = gazetteer_name(tokens, g, run, scan.language == Some(super::lexicon::GERMAN))
            .filter(|&(a, b)| !super::places::named_as_place(tokens, a, b))
        {
            push(tokens, name, Strength::Shape, out);
        }
        i = run.1 + 1;
    }
}

/// The capitalised word after name particles starting at `i` ("van den Berg", "de la Cruz"),
/// if they lead to one.
fn after_particles(tokens: &Tokens<'_>, i: usize) -> Option<usize> {
    let mut k = i;
    while k < i + 3
        && tokens.get(k).is_some_and(|t| t.class == Class::Word)
        && tokens.has(k, words::NAME_PARTICLE)
    {
        k += 1;
    }
    (k > i
        && tokens
            .get(k)
            .is_some_and(|n| n.cap && n.class == Class::Word && !n.upper))
    .then_some(k)
}

/// A name said letter by letter: "A-L-B-R-I-G-H-T".
fn spelled_out(tokens: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for (i, t) in tokens.toks.iter().enumerate() {
        // Only a word with a hyphen is spelled in one token: most words cost no call.
        if t.hyphen && super::letters::hyphen_spelled(tokens, i).is_some() {
            out.push(Candidate::new(PiiKind::Name, t.start, t.end, Strength::Shape));
        }
    }
}

/// Whether token `i` lies in a name found from a cue (`spans`: their byte ranges, sorted).
fn out_of(i: usize, covered_until: usize, spans: &[(usize, usize)], tokens: &Tokens<'_>) -> bool {
    let Some(t) = tokens.get(i) else { return true };
    if i >= covered_until {
        return false;
    }
    let k = spans.partition_point(|(start, _)| *start <= t.start);
    k.checked_sub(1)
        .and_then(|k| spans.get(k))
        .is_some_and(|(_, end)| t.end <= *end)
}

fn push(tokens: &Tokens<'_>, (first, last): (usize, usize), strength: Strength, out: &mut Vec<Candidate>) {
    if let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) {
        out.push(Candidate::new(PiiKind::Name, a.start, b.end, strength));
    }
}

/// The name run starting at or just after `start` (a comma, colon or filler may come first).
/// Hesitations a speaker says before a name: "it's, um, Denise", "habla con eh luz dary".
pub(crate) const FILLERS: &[&str] = &["um", "uh", "er", "erm", "eh", "euh", "äh", "ähm", "ehm"];

pub(crate) fn run_after(
    tokens: &Tokens<'_>,
    g: &Gazetteer,
    start: usize,
    evidence: Evidence,
) -> Option<(usize, usize)> {
    let mut i = start;
    for _ in 0..4 {
        let lower = tokens.lower(i);
        let skippable = tokens.is_punct(i, ',')
            || tokens.is_punct(i, ':')
            || tokens.is_punct(i, '-')
            // A title's full stop: "Herr Ing. Brandstätter".
            || (tokens.is_punct(i, '.')
                && i > start
                && tokens.has(i - 1, words::NAME_TITLE)
                && tokens.get(i + 1).is_some_and(|n| n.space_before))
            || (FILLERS.contains(&lower.as_ref())
                || matches!(
                lower.as_ref(),
                "é"
                    | "yes"
                    | "yeah"
                    | "it's"
                    | "its"
                    | "just"
                    | "is"
                    | "es"
                    | "est"
                    | "ist"
                    | "è"
                    | "a"
                    | "o"
                    | "la"
                    | "el"
                    | "le"
                    | "the"
                    | "die"
                    | "der"
                    | "de"
            )) && tokens
                .get(i + 1)
                .is_some_and(|n| n.class != Class::Punct || i > start)
            || (tokens.has(i, words::NAME_TITLE)
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.cap || n.class == Class::Punct));
        // "van mijn zoon, van Mark": the preposition said again after a comma, before the
        // name (not the particle of "heer Van der Linden").
        let repeated = matches!(lower.as_ref(), "van" | "von")
            && i > 0
            && tokens.is_punct(i - 1, ',')
            && tokens.get(i + 1).is_some_and(|n| n.cap && n.class == Class::Word);
        if !skippable && !repeated {
            break;
        }
        i += 1;
    }
    let t = tokens.get(i)?;
    if t.class != Class::Word || t.len() < 2 && !is_initial(tokens, i) {
        return None;
    }
    // The word's gazetteer facts, read once for the tests below.
    let facts = g.facts(tokens.lower_str(i));
    // "E Mwangi": a capital initial before a name is no word ("e" is "and" in Italian).
    let initial = is_initial(tokens, i) && tokens.get(i + 1).is_some_and(|n| n.cap && n.class == Class::Word);
    // "Van den Berg", "De la Cruz": capitalised particles before the name word.
    let prefix = t.cap && after_particles(tokens, i).is_some();
    if (facts.is_stopword() && !initial && !prefix) || (facts.is_particle() && !t.cap) {
        return None;
    }
    let acceptable = match evidence {
        Evidence::Cued => true,
        Evidence::Capitalised => t.cap || (facts.is_name() && !facts.is_common()),
    };
    if !acceptable
        || (t.cap && evidence == Evidence::Capitalised && facts.is_common() && !facts.is_name() && !prefix)
    {
        return None;
    }
    // A label is not a name: "my partner:\nName: J Thornbury".
    if tokens.is_punct(i + 1, ':') && facts.is_common() {
        return None;
    }
    // An acronym is not a name: "as per NRIC", "your PIN".
    if t.upper && t.len() <= 5 && !tokens.uppercase {
        return None;
    }
    let run = extend(tokens, g, i, evidence);
    // A lowercase run after a cue needs the gazetteer's support: a first name that is no
    // ordinary word ("my name is denise albright", not "mi madre el sabado").
    if !t.cap
        && evidence == Evidence::Cued
        && !(run.0..=run.1).any(|k| g.is_first(&tokens.lower(k)) && !g.is_common(&tokens.lower(k)))
    {
        return joined_by_particle(tokens, g, run);
    }
    Some(run)
}

/// Extends a name from its first token over further name words, particles followed by a name
/// word ("van der Berg", "de la Cruz") and initials ("J. R."); returns (first, last).
pub(crate) fn extend(tokens: &Tokens<'_>, g: &Gazetteer, first: usize, evidence: Evidence) -> (usize, usize) {
    let first_cap = tokens.get(first).is_some_and(|t| t.cap);
    let mut last = first;
    let mut i = first + 1;
    while i - first < MAX_NAME_TOKENS {
        // An initial's full stop: "J. Smith".
        if is_initial(tokens, last) && tokens.is_punct(i, '.') {
            i += 1;
            continue;
        }
        let Some(t) = tokens.get(i) else { break };
        // "P.S. Ramdin": initials written together. A name ends with its line: "Aylin Demir"
        // then "Energieversorgung GmbH" below it.
        let next_initial =
            is_initial(tokens, i) && tokens.is_punct(i - 1, '.') && tokens.is_punct(i + 1, '.');
        if !(t.space_before || next_initial) || t.class != Class::Word || tokens.line_break_before(i) {
            break;
        }
        // "Shaikh B-14, Gulmohar Residency": a letter glued to digits is a code, no initial.
        if t.len() <= 2
            && tokens.get(i + 1).is_some_and(|n| {
                !n.space_before
                    && (n.class == Class::Number
                        || tokens.is_punct(i + 1, '-')
                        || tokens.is_punct(i + 1, '/'))
            })
        {
            break;
        }
        let lower = tokens.lower(i);
        let facts = g.facts(&lower);
        // "Di Censo" after "signor": a capitalised particle opens the surname, which may be an
        // ordinary word too.
        let after_particle = first_cap && last == first && is_name_particle(&tokens.lower(first));
        let name_word = if first_cap {
            t.cap && !facts.is_stopword() && (facts.is_name() || !facts.is_common() || after_particle)
        } else {
            // Without capitals, a word no list knows after a cued name is its surname ("oui
            // jean-marc delaunay").
            let unknown = tokens.lowercase
                && t.len() >= 3
                && !facts.is_common()
                && !g.is_common(&gazetteer::fold(&lower));
            evidence == Evidence::Cued && (facts.is_name() || unknown) && !facts.is_stopword()
        };
        if name_word {
            last = i;
            i += 1;
            continue;
        }
        // Particles join only when a name word follows them: "van den Berg", "de la Cruz";
        // capitalised too after a capitalised name ("Marco Di Censo", "Sofie Van den Broeck"),
        // where the capitalised word after them is the surname whatever it means ("Claire Le
        // Goff").
        if is_name_particle(&lower) && (!t.cap || first_cap) {
            let mut k = i + 1;
            while tokens
                .get(k)
                .is_some_and(|n| (!n.cap || first_cap) && n.class == Class::Word)
                && tokens.has(k, words::NAME_PARTICLE)
            {
                k += 1;
            }
            // After a lowercase particle only a known name: "Sanne van Polderzorg" is Sanne
            // from Polderzorg.
            let surname = |k: usize| {
                let lower = tokens.lower(k);
                let folded = gazetteer::fold(&lower);
                g.is_name(&folded)
                    || t.cap && !g.is_stopword(&lower) && !tokens.get(k).is_some_and(|n| n.upper)
            };
            let name_follows = tokens
                .get(k)
                .is_some_and(|n| n.cap && n.class == Class::Word && n.space_before)
                && surname(k);
            if name_follows {
                last = k;
                i = k + 1;
                continue;
            }
        }
        break;
    }
    // "Daniel Northwind Connect": an unknown word before a capitalised ordinary word is a
    // company's name ("Northwind Connect", "Kauri Energy"), not the person's surname.
    // After an initial it is a surname: "E Mwangi Sort code".
    let company_after = last > first
        && !is_initial(tokens, first)
        && !g.is_name(&gazetteer::fold(&tokens.lower(last)))
        && tokens.get(last + 1).is_some_and(|n| {
            let lower = tokens.lower(last + 1);
            // A new line starts something else: "Name: E Mwangi\nSort code: ...".
            let same_line = tokens
                .get(last)
                .and_then(|t| tokens.text.get(t.end..n.start))
                .is_some_and(|gap| !gap.contains('\n'));
            n.class == Class::Word
                && n.cap
                && n.space_before
                && same_line
                && g.is_common(&lower)
                && !g.is_name(&lower)
        });
    if company_after {
        last -= 1;
    }
    (first, last)
}

fn is_initial(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| {
        t.class == Class::Word && t.cap && t.len() <= 2 && tokens.text(i).chars().count() == 1
    })
}

/// Some word of the run is a known first name that is not an ordinary word, or a run of two or
/// more words holds a known surname that is not an ordinary word.
pub(crate) fn has_name_evidence(tokens: &Tokens<'_>, g: &Gazetteer, (first, last): (usize, usize)) -> bool {
    (first..=last).any(|i| {
        let lower = tokens.lower(i);
        let facts = g.facts(&lower);
        // An ASCII word is its own folded form: one lookup answers for both.
        let plain = !facts.is_common() && (lower.is_ascii() || !g.is_common(&gazetteer::fold(&lower)));
        (facts.is_first() && plain) || (last > first && facts.is_last() && plain)
    })
}

fn has_common(tokens: &Tokens<'_>, g: &Gazetteer, (first, last): (usize, usize)) -> bool {
    (first..=last).any(|i| g.is_common(&tokens.lower(i)) || g.is_stopword(&tokens.lower(i)))
}

/// A name addressed directly: "Thanks, Mark!", "Hi Will," — a known name followed by
/// punctuation or the end of the text.
fn is_vocative(tokens: &Tokens<'_>, g: &Gazetteer, (first, last): (usize, usize)) -> bool {
    let ends = tokens.get(last + 1).is_none_or(|t| t.class == Class::Punct);
    ends && (first..=last).any(|i| g.is_name(&tokens.lower(i)))
}

/// Whether the title cue at token `i` is used as a title here: "Dr" after a capitalised word is
/// "Drive"; a one-letter "M" needs its full stop ("M. Dupont"); lowercase titles need a
/// capitalised name.
fn is_title(tokens: &Tokens<'_>, i: usize) -> bool {
    let Some(t) = tokens.get(i) else { return false };
    let lower = tokens.lower(i);
    let next_cap = {
        let mut j = i + 1;
        while tokens.is_punct(j, '.') {
            j += 1;
        }
        tokens.get(j).is_some_and(|n| n.cap && n.class == Class::Word)
    };
    if lower == "dr"
        && i > 0
        && tokens.get(i - 1).is_some_and(|p| p.cap && p.class == Class::Word)
        && !next_cap
    {
        return false;
    }
    // One-letter titles need their full stop: "M. Dupont", "D. Fernanda".
    if lower.chars().count() == 1 {
        return t.cap && tokens.is_punct(i + 1, '.') && next_cap;
    }
    next_cap
}

#[path = "names_lowercase.rs"]
mod lowercase;
#[path = "names_shape.rs"]
mod shape;
#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
