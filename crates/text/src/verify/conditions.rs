//! A thing the call states under an exception that the call then settles the other way:
//! "There's the usual £9.90 charge per item unless you're exempt." "I have a prepayment
//! certificate." "Then there's nothing to pay." A summary that keeps the charge says what the
//! call set aside.

use super::claims::Claim;
use super::evidence::{Aligned, Evidence};
use super::findings::{ErrorKind, Finding, finding, strong_support};
use super::words::says_unless;

/// How much of a claim's words the sentence stating the exception holds, at the least.
const HALF: f32 = 0.5;

/// Utterances after the exception within which the party settles it.
const SETTLED_WITHIN: usize = 2;

/// Each part of the claim (or the claim) that affirms what the call stated under an exception
/// and then concluded did not apply.
pub(super) fn set_aside(
    claim: &Claim,
    parts: &[(Claim, Vec<Aligned>)],
    whole: &[Aligned],
    evidence: &Evidence,
) -> Vec<Finding> {
    // Most calls state nothing under an exception: nothing to align.
    if !evidence.units.iter().any(|u| u.unless) {
        return Vec::new();
    }
    let readings = parts
        .iter()
        .map(|(part, aligned)| (part, aligned.as_slice()))
        .chain(std::iter::once((claim, whole)));
    for (part, aligned) in readings {
        if !part.negated.is_empty() || says_unless(&part.words) {
            continue;
        }
        let strong = strong_support(evidence, aligned);
        // The exception and its settling say which sentence this is: half of the claim's words
        // in it are enough.
        let Some(best) = strong.first().filter(|a| a.score >= HALF) else {
            continue;
        };
        let stated = &evidence.units[best.unit];
        if !stated.unless {
            continue;
        }
        let settled = evidence.units.iter().skip(best.unit + 1).find(|u| {
            u.utterance <= stated.utterance + SETTLED_WITHIN && u.speaker == stated.speaker && u.then_not
        });
        if let Some(settled) = settled {
            return vec![finding(
                ErrorKind::Negation,
                claim,
                "the call says this does not apply here".to_owned(),
                vec![stated.utterance, settled.utterance],
            )];
        }
    }
    Vec::new()
}
