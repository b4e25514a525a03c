//! Promises whose substance the call never speaks of: the words of a claim the call does not
//! hold, and a promise added to a long clause ("..., et la livraison suivante sera gratuite"),
//! read in its own part where the clause as a whole is well supported.

use super::claims::Claim;
use super::evidence::Evidence;
use super::findings::{ErrorKind, Finding, PARAPHRASE, finding};
use super::polarity::AlignedPart;
use super::support::Support;
use super::text;
use super::words::{is_content, is_framing};

/// A part needs this many content stems to stand as a promise of its own.
const MIN_PART_STEMS: usize = 3;

/// The content words of `claim`, as written, that the call never says in any form: no framing,
/// everyday or summary word, no marker.
pub(super) fn unspoken<'c>(claim: &'c Claim, support: &Support) -> Vec<&'c str> {
    let language = support.language;
    claim
        .words
        .iter()
        .filter(|w| {
            is_content(language, &w.folded)
                && !is_framing(language, &w.folded)
                && !language.is_common(&w.folded)
                && !text::is_summary_vocabulary(&w.folded)
                && !w.folded.starts_with('[')
                && !support.has_word(&w.folded)
                && !support.has_clipped(&w.folded)
        })
        .map(|w| claim.text.get(w.start..w.end).unwrap_or_default())
        .collect()
}

/// A part of a long clause that promises what the call never speaks of: its own words the
/// call does not hold, and no sentence of the call that says most of it.
pub(super) fn by_part(
    claim: &Claim,
    parts: &[AlignedPart],
    evidence: &Evidence,
    support: &Support,
) -> Vec<Finding> {
    for (part, aligned) in parts {
        if !part.future || part.stems.len() < MIN_PART_STEMS {
            continue;
        }
        let novel = unspoken(part, support);
        let best = aligned.first().map_or(0.0, |a| a.score);
        if !novel.is_empty() && best < PARAPHRASE {
            return vec![finding(
                ErrorKind::Commitment,
                claim,
                format!("nobody in the call speaks of {}", novel.join(", ")),
                aligned
                    .iter()
                    .take(2)
                    .map(|a| evidence.units[a.unit].utterance)
                    .collect(),
            )];
        }
    }
    Vec::new()
}
