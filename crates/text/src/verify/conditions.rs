//! A thing the call states under an exception that the call then settles the other way:
//! "There's the usual £9.90 charge per item unless you're exempt." "I have a prepayment
//! certificate." "Then there's nothing to pay." A summary that keeps the charge says what the
//! call set aside.

use super::claims::Claim;
use super::evidence::{Aligned, Evidence};
use super::findings::{ErrorKind, Finding, finding, strong_support};
use crate::language::{Language, WordSpan};

/// "unless" and its kin, as folded word sequences.
#[rustfmt::skip]
const UNLESS: &[&[&str]] = &[
    &["unless"], &["a", "menos", "que"], &["salvo", "que"], &["a", "moins", "que"], &["sauf", "si"],
    &["es", "sei", "denn"], &["ausser", "wenn"], &["a", "meno", "che"], &["salvo", "che"],
    &["a", "nao", "ser", "que"], &["salvo", "se"], &["tenzij"], &["behalve", "als"],
];

/// "then" of a conclusion, per language.
fn then_word(language: Language, folded: &str) -> bool {
    let word = match language {
        Language::En => "then",
        Language::Es => "entonces",
        Language::Fr => "alors",
        Language::De => "dann",
        Language::It => "allora",
        Language::Pt => "entao",
        Language::Nl => "dan",
    };
    folded == word
}

/// Whether the words state something under an exception.
pub(super) fn says_unless(words: &[WordSpan]) -> bool {
    (0..words.len()).any(|i| {
        UNLESS.iter().any(|phrase| {
            phrase
                .iter()
                .enumerate()
                .all(|(k, p)| words.get(i + k).is_some_and(|w| w.folded.as_str() == *p))
        })
    })
}

/// Whether the words draw a conclusion ("then ...") in their first few words.
pub(super) fn concludes(language: Language, words: &[WordSpan]) -> bool {
    const OPENING: usize = 3;
    words.iter().take(OPENING).any(|w| then_word(language, &w.folded))
}

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
