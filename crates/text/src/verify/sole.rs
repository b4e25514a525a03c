//! A word the call says one way only, and the claim the other way: "son numéro AVS ... a été
//! enregistré" where the one sentence that records anything says "je ne l'enregistre pas", and
//! "die Entsperrung ... nicht funktionierte" where the only word of it is the customer's "Hat
//! funktioniert!!". A long claim aligns with no one sentence here; the word does.

use super::claims::Claim;
use super::evidence::{Evidence, is_content};
use super::findings::{ErrorKind, Finding, finding};
use super::words::is_framing;

/// Words of an outcome, folded starts: "worked", "funktioniert", "a marché", "funcionó",
/// "ha funzionato", "werkte", "gelukt", "geklappt".
#[rustfmt::skip]
const OUTCOME: &[&str] = &[
    "work", "funktion", "klapp", "geklapp", "fonctionn", "march", "funcion", "funzion", "werk",
    "gewerkt", "lukt", "gelukt",
];

fn outcome(folded: &str) -> bool {
    OUTCOME.iter().any(|o| folded.starts_with(o))
}

/// The claim's words the call says only the other way.
pub(super) fn sole_mention(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    let language = evidence.language();
    let claim_ids: Vec<u32> = claim.stems.iter().filter_map(|s| evidence.stem_id(s)).collect();
    let claim_negated: Vec<u32> = claim.negated.iter().filter_map(|s| evidence.stem_id(s)).collect();
    for w in &claim.words {
        let folded = w.folded.as_str();
        let named = w.capitalised && !w.sentence_start;
        if named || !is_content(language, folded) || is_framing(language, folded) {
            continue;
        }
        let Some(id) = evidence.stem_id(&language.stem(folded)) else {
            continue;
        };
        let units = evidence.units_with(id);
        let denied_in_claim = claim_negated.contains(&id);
        let shares = |unit: usize| {
            evidence.units.get(unit).map_or(0, |u| {
                claim_ids
                    .iter()
                    .filter(|s| **s != id && u.stems.contains(s))
                    .count()
            })
        };
        if denied_in_claim && outcome(folded) && !units.is_empty() {
            // An outcome the call reports only as reached, in a sentence with no negation of
            // its own, after words of the claim ("danach einen neuen PIN" ... "Hat funktioniert").
            let reached = units.iter().all(|&u| {
                let unit = &evidence.units[u as usize];
                !unit.question && unit.negated.is_empty()
            });
            // The reply and the turn before it, whose sentences say what was tried.
            let about = units.iter().any(|&u| {
                let utterance = evidence.units[u as usize].utterance;
                (0..evidence.units.len())
                    .filter(|&k| {
                        let said = evidence.units[k].utterance;
                        said == utterance || said + 1 == utterance
                    })
                    .map(shares)
                    .sum::<usize>()
                    >= 1
            });
            if reached && about {
                let said = units
                    .iter()
                    .map(|&u| evidence.units[u as usize].utterance)
                    .collect();
                return vec![finding(
                    ErrorKind::Negation,
                    claim,
                    "the call says this did happen".to_owned(),
                    said,
                )];
            }
        }
    }
    Vec::new()
}
