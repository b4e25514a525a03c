//! A name the call says, given to the wrong thing: "revoir la nouvelle dose d'Eliquis" where
//! the call's dose to review is Metoprolol's, "tarief Scaldis Variabel Groen" where the call's
//! is Scaldis Vast Groen. Read between the words around the name: the call says another name
//! there, and never this one.

use super::claims::Claim;
use super::evidence::{Evidence, slot_before};
use super::findings::{ErrorKind, Finding, unsupported};
use super::text;
use super::words::{is_content, is_weekday};
use crate::language::Language;

pub(super) fn swapped_names(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    let language = evidence.language();
    // German writes every noun with a capital: no sign of a name there.
    if language == Language::De || evidence.name_slots.is_empty() {
        return Vec::new();
    }
    let ids: Vec<Option<u32>> = claim
        .words
        .iter()
        .map(|w| {
            is_content(language, &w.folded)
                .then(|| evidence.stem_id(&language.stem(&w.folded)))
                .flatten()
        })
        .collect();
    for (k, word) in claim.words.iter().enumerate() {
        let Some(name) = ids[k].filter(|id| {
            word.capitalised && !word.sentence_start && evidence.names.binary_search(id).is_ok()
        }) else {
            continue;
        };
        let Some(before) = slot_before(&ids, k) else {
            continue;
        };
        // Between two words of its own ("Scaldis Vast Groen"): a name at the end of a phrase
        // ("with Evri", "to Lisbon") has too little around it to tell what it names.
        let Some(after) = ids.get(k + 1).copied().flatten() else {
            continue;
        };
        if is_weekday(&word.folded) || text::month(&word.folded, false).is_some() {
            continue;
        }
        let slots = evidence
            .name_slots
            .iter()
            .filter(|(b, _, a)| *b == before && *a == Some(after));
        let mut others = slots
            .clone()
            .filter(|(_, n, _)| *n != name && !ids.contains(&Some(*n)));
        if others.next().is_some() && !slots.clone().any(|(_, n, _)| *n == name) {
            let shown = claim.text.get(word.start..word.end).unwrap_or_default();
            return vec![unsupported(
                ErrorKind::Entity,
                claim,
                shown,
                format!("the call names something else where the summary says {shown:?}"),
            )];
        }
    }
    Vec::new()
}
