//! An outcome the call reports only as reached that a summary says was not: "die Entsperrung
//! ... nicht funktionierte" where the only word of it is the customer's "Hat funktioniert!!"
//! after the agent's "danach einen neuen PIN". A long claim aligns with no one sentence here;
//! the outcome word does.

use super::claims::Claim;
use super::evidence::Evidence;
use super::findings::{ErrorKind, Finding, finding};

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

/// A claim that denies an outcome the call says only was reached, in sentences with no negation
/// of their own, one of whose turns or the turn before shares a word with the claim.
pub(super) fn reached(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    let language = evidence.language();
    let claim_ids: Vec<u32> = claim.stems.iter().filter_map(|s| evidence.stem_id(s)).collect();
    for w in claim.words.iter().filter(|w| outcome(&w.folded)) {
        let Some(id) = evidence.stem_id(&language.stem(&w.folded)) else {
            continue;
        };
        if !claim.negated.iter().any(|s| evidence.stem_id(s) == Some(id)) {
            continue;
        }
        let units = evidence.units_with(id);
        let only_reached = !units.is_empty()
            && units.iter().all(|&u| {
                let unit = &evidence.units[u as usize];
                !unit.question && unit.negated.is_empty()
            });
        if !only_reached {
            continue;
        }
        // The reply and the turn before it, whose sentences say what was tried.
        let about = units.iter().any(|&u| {
            let utterance = evidence.units[u as usize].utterance;
            let first = evidence.units[..u as usize]
                .iter()
                .rposition(|k| k.utterance + 1 < utterance)
                .map_or(0, |k| k + 1);
            evidence.units[first..]
                .iter()
                .take_while(|k| k.utterance <= utterance)
                .any(|k| claim_ids.iter().any(|s| *s != id && k.stems.contains(s)))
        });
        if about {
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
    Vec::new()
}
