//! Names found by their shape rather than a cue: a capitalised run of known names ("Isla Grace
//! Brennan"), or a customer's sentence that is only a name ("Tendai Moyo.").

use super::super::candidate::{Candidate, Strength};
use super::super::gazetteer::{self, Gazetteer};
use super::super::token::{Class, Tokens};
use super::super::words;
use super::{MAX_NAME_TOKENS, after_particles, is_name_particle, push};

/// The maximal run of capitalised words from `first` (name particles inside): a person, a
/// company, a product or a place.
pub(super) fn capitalised_run(tokens: &Tokens<'_>, first: usize) -> (usize, usize) {
    let mut last = first;
    let mut i = first + 1;
    while let Some(t) = tokens.get(i) {
        // "Harpreet Kaur Gill Flat 302": an address starts after the name.
        if !t.space_before
            || t.class != Class::Word
            || tokens.line_break_before(i)
            || i - first >= MAX_NAME_TOKENS
            || tokens.has(i, words::LEXICON_UNIT)
            // "Herr Ing. Brandstätter": a degree ends the run before it ("Ing" is a name too).
            || (tokens.has(i, words::NAME_TITLE)
                && tokens.is_punct(i + 1, '.')
                && tokens.get(i + 2).is_some_and(|n| n.space_before))
        {
            break;
        }
        if t.cap && !t.upper {
            last = i;
        } else if let Some(word) = after_particles(tokens, i) {
            i = word;
            continue;
        } else {
            break;
        }
        i += 1;
    }
    (first, last)
}

/// Whether a capitalised run is a person's name on the gazetteer's word alone: every word a
/// known name and one of them no ordinary word ("Isla Grace Brennan", not "Rose Gold"); a known
/// first name and one unknown surname ("Tendai Moyo", not "Kauri Energy"); or one known first
/// name that is no ordinary word, inside a sentence and not after "in" or "to" ("I spoke to
/// Karen", not "flying to Sydney").
pub(super) fn gazetteer_name(
    tokens: &Tokens<'_>,
    g: &Gazetteer,
    (first, last): (usize, usize),
    nouns_capitalised: bool,
) -> Option<(usize, usize)> {
    // A run has MAX_NAME_TOKENS words at most ([`capitalised_run`]): no allocation per run.
    let mut buf = [0usize; MAX_NAME_TOKENS];
    let mut len = 0;
    for i in (first..=last).filter(|&i| tokens.get(i).is_some_and(|t| t.cap)) {
        if let Some(slot) = buf.get_mut(len) {
            *slot = i;
            len += 1;
        }
    }
    let words = buf.get(..len).unwrap_or_default();
    // A region ("Ontario", "Victoria") is a place, not a person: asked only of a run that
    // would be a name otherwise.
    let name = person_words(tokens, g, words, (first, last), nouns_capitalised)?;
    let region = words
        .iter()
        .any(|&i| crate::redact::postcode::region_at(tokens, i).is_some());
    (!region).then_some(name)
}

/// [`gazetteer_name`] without its region test.
pub(super) fn person_words(
    tokens: &Tokens<'_>,
    g: &Gazetteer,
    words: &[usize],
    (first, last): (usize, usize),
    nouns_capitalised: bool,
) -> Option<(usize, usize)> {
    let facts_of = |i: usize| facts(tokens, g, i);
    match words {
        [] => None,
        // German capitalises every noun: one capitalised known name is no evidence there.
        [_] if nouns_capitalised => None,
        [only] => {
            let t = tokens.get(*only)?;
            let locative = || {
                only.checked_sub(1)
                    .is_some_and(|p| tokens.has(p, words::LOCATIVE))
            };
            let before_code = tokens
                .get(only + 1)
                .is_some_and(|n| n.class != Class::Punct && n.class != Class::Word);
            // "at the Bree taxi rank", "the Kendra building": after "the" and before a
            // lowercase noun, a name names a place or a thing, not a person. (Other languages'
            // articles go before people's names too: "a Maria ligou", "der Markus".)
            let modifier = || {
                only.checked_sub(1).is_some_and(|p| tokens.is_one_of(p, &["the"]))
                    && tokens.get(only + 1).is_some_and(|n| {
                        n.class == Class::Word
                            && !n.cap
                            && n.space_before
                            && g.is_common(&tokens.lower(only + 1))
                    })
            };
            // The cheap tests first: most single capitalised words start a sentence.
            (!t.sentence_start
                && !before_code
                && {
                    let f = facts_of(*only);
                    f.first && !f.ordinary
                }
                && !locative()
                && !modifier())
            .then_some((first, last))
        }
        all => {
            // Each word's facts read once: the tests below ask several of each word.
            let mut buf = [Facts::default(); MAX_NAME_TOKENS];
            for (f, &i) in buf.iter_mut().zip(all) {
                *f = facts_of(i);
            }
            let facts = buf.get(..all.len()).unwrap_or_default();
            // No ordinary word that is no name ("Energy", "Bank"), and a first name that is no
            // ordinary word, or only known names with one that is no ordinary word.
            let clean = facts.iter().all(|f| f.known || !f.ordinary || f.particle);
            // A brand or company before the name words: "Skoda Octavia", "Toyota Corolla"; a
            // determiner that is a surname too before a noun: "Diesen Schaden" (one that is a
            // first name too opens a name: "Mia Garcia").
            let starts_known = facts
                .first()
                .is_some_and(|f| f.particle || (f.known && (!f.stopword || f.first)));
            if !clean || !starts_known {
                return None;
            }
            let first_name = facts.iter().any(|f| f.first && !f.ordinary);
            let all_known = facts.iter().all(|f| f.known || f.particle) && facts.iter().any(|f| !f.ordinary);
            (first_name || all_known).then_some((first, last))
        }
    }
}

/// What [`person_words`] asks of one word of a run.
#[derive(Debug, Clone, Copy, Default)]
struct Facts {
    /// A known first name or surname.
    known: bool,
    first: bool,
    /// An ordinary word or a stopword, with or without its accents.
    ordinary: bool,
    stopword: bool,
    particle: bool,
}

/// The [`Facts`] of word `i`: one gazetteer lookup for an ASCII word (its folded form is
/// itself), and the particle bit from the word table.
fn facts(tokens: &Tokens<'_>, g: &Gazetteer, i: usize) -> Facts {
    let lower = tokens.lower_str(i);
    let folded = gazetteer::fold(lower);
    let of_folded = g.facts(&folded);
    let accented = matches!(folded, std::borrow::Cow::Owned(_));
    Facts {
        known: of_folded.is_name(),
        first: of_folded.is_first(),
        ordinary: of_folded.is_common() || of_folded.is_stopword() || (accented && g.is_common(lower)),
        stopword: of_folded.is_stopword(),
        // The word table holds the particles of the unfolded word, the same for ASCII.
        particle: if accented {
            is_name_particle(&folded)
        } else {
            tokens.has(i, words::NAME_PARTICLE)
        },
    }
}

/// A customer's sentence that is only two or three capitalised words, one of them no ordinary
/// word and none a place: their name, given on its own ("yes for me. Tendai Moyo. I need...").
pub(super) fn standalone(tokens: &Tokens<'_>, g: &Gazetteer, out: &mut Vec<Candidate>) {
    let is_end = |i: usize| {
        tokens.get(i).is_some_and(|t| t.class == Class::Punct) && matches!(tokens.text(i), "." | "!" | "?")
    };
    let mut start = 0;
    while start < tokens.len() {
        let end = (start..tokens.len()).find(|&i| is_end(i)).unwrap_or(tokens.len());
        let words = end - start;
        let name_like = |i: usize| {
            tokens.get(i).is_some_and(|t| {
                let lower = tokens.lower(i);
                t.class == Class::Word
                    && t.cap
                    && !t.upper
                    && t.len() >= 2
                    && !g.is_stopword(&lower)
                    && crate::redact::postcode::region_at(tokens, i).is_none()
            })
        };
        // Some word of it is no ordinary word: "Tendai Moyo", not "Thank You" or "Good Morning".
        let unusual = |i: usize| !g.is_common(&tokens.lower(i)) || g.is_first(&tokens.lower(i));
        if (2..=3).contains(&words) && (start..end).all(name_like) && (start..end).any(unusual) {
            push(tokens, (start, end - 1), Strength::Context, out);
        }
        start = end + 1;
    }
}
