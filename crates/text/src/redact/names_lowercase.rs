//! Names in text without capitals (voice transcripts): after "this is" or "habla con", after a
//! title, and a first name joined by a particle to the names after it.

use super::{FILLERS, MAX_NAME_TOKENS};
use crate::redact::gazetteer::{self, Gazetteer};
use crate::redact::token::{Class, Tokens};
use crate::redact::words;

/// A lowercase first name that is an ordinary word too, joined by a particle to names the lists
/// know: "maria do carmo figueiredo", "maria de los ángeles".
pub(super) fn joined_by_particle(
    tokens: &Tokens<'_>,
    g: &Gazetteer,
    run: (usize, usize),
) -> Option<(usize, usize)> {
    const MAX_PARTICLES: usize = 2;
    if !g.is_first(&tokens.lower(run.0)) {
        return None;
    }
    let mut k = run.1 + 1;
    while k <= run.1 + MAX_PARTICLES && tokens.has(k, words::NAME_PARTICLE) {
        k += 1;
    }
    if k == run.1 + 1 {
        return None;
    }
    let last = name_words_end(tokens, g, k, true)?;
    (k..=last)
        .any(|i| {
            let facts = g.facts(&tokens.lower(i));
            facts.is_name() && !facts.is_common()
        })
        .then_some((run.0, last))
}

/// In a text without capitals (a voice transcript), the name after "this is", "habla con": the
/// words up to the first ordinary one, names or words no list knows ("luz dary montoya
/// cárdenas"), when one of them is a surname or first name that is no ordinary word.
pub(super) fn lowercase_run(tokens: &Tokens<'_>, g: &Gazetteer, start: usize) -> Option<(usize, usize)> {
    let mut first = start;
    while tokens.is_one_of(first, FILLERS) {
        first += 1;
    }
    let run = (first, name_words_end(tokens, g, first, true)?);
    let known = (run.0..=run.1).any(|i| {
        let lower = tokens.lower(i);
        let facts = g.facts(&lower);
        (facts.is_first() || facts.is_last()) && !facts.is_common()
    });
    (known && run.1 > run.0).then_some(run)
}

/// In a text without capitals, the name after a title: a known first name or surname (an
/// ordinary word too: "amparo", "pestana"), and the known names after it ("senhor pestana hoje
/// à noite": an unknown word after it may be anything).
pub(super) fn after_title(tokens: &Tokens<'_>, g: &Gazetteer, start: usize) -> Option<(usize, usize)> {
    let last = name_words_end(tokens, g, start, false)?;
    Some((start, last))
}

/// The last of the lowercase name words from `from` on: known names, and with `unknown` words
/// no list knows ("haiderer"); none when the first is neither.
fn name_words_end(tokens: &Tokens<'_>, g: &Gazetteer, from: usize, unknown: bool) -> Option<usize> {
    let mut last = None;
    for i in from..tokens.len().min(from + MAX_NAME_TOKENS - 2) {
        let Some(t) = tokens.get(i) else { break };
        let lower = tokens.lower(i);
        let facts = g.facts(&lower);
        let name_like = t.class == Class::Word
            && t.len() >= 2
            && !crate::redact::numbers::is_number_word(tokens, i)
            && !facts.is_stopword()
            && (facts.is_name() || (unknown && !g.is_common(&gazetteer::fold(&lower))));
        if !name_like {
            break;
        }
        last = Some(i);
    }
    last
}
