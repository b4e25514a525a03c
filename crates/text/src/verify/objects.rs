//! What a promised refund or waived fee is of. A party who promised a refund of the fare did
//! not promise one of the Railcard: a claim that gives the act an object the call names
//! elsewhere, but in none of the utterances where that party commits to or names the act, is an
//! invented commitment.

use super::acts::{Act, act_at, act_of};
use super::claims::Claim;
use super::evidence::Evidence;
use super::findings::{ErrorKind, Finding, finding, role_name};
use super::words::{is_content, is_framing};
use crate::summary::extractive::is_determiner;
use crate::transcript::SpeakerRole;

/// Prepositions that keep an object going: "the cost of the Railcard", "l'indennità di mora".
#[rustfmt::skip]
const OF: &[&str] = &["of", "de", "del", "du", "des", "di", "della", "dello", "van", "von", "der", "da", "do", "dos", "das"];

/// The finding for a claim whose `act` (committed to or named by `party` in the utterances
/// `said_in`) is of something none of those utterances names: the words after the act up to a
/// comma or a preposition other than "of", the ones the call says somewhere, one of them
/// uncommon.
pub(super) fn of_another(
    claim: &Claim,
    evidence: &Evidence,
    act: Act,
    said_in: &[usize],
    party: SpeakerRole,
) -> Option<Finding> {
    // What follows "call" is who is called ("Call Bluegum Energy herself"), not what about;
    // what follows "send" is who is sent ("Send a boiler engineer").
    if matches!(act, Act::Call | Act::Visit) {
        return None;
    }
    let language = evidence.language();
    let words = &claim.words;
    let at = (0..words.len()).find(|&i| act_at(language, words, i, claim.owner.is_some()) == Some(act))?;
    let mut object = Vec::new();
    for (k, w) in words.iter().enumerate().skip(at + 1) {
        let gap = words
            .get(k - 1)
            .and_then(|p| claim.text.get(p.end..w.start))
            .unwrap_or_default();
        // The object ends where a comma or a preposition other than "of" starts what it goes
        // to or how ("to the customer's card", "voor de technieker langskomt").
        let function = language.is_stopword(&w.folded);
        if gap.contains([',', ';', '(', ':'])
            || (function && !is_determiner(language, &w.folded) && !OF.contains(&w.folded.as_str()))
        {
            break;
        }
        if !is_content(language, &w.folded) || is_framing(language, &w.folded) || act_of(&w.folded).is_some()
        {
            continue;
        }
        if let Some(id) = evidence.stem_id(&language.stem(&w.folded)) {
            object.push((id, k, !language.is_common(&w.folded)));
        }
    }
    // Only an uncommon word tells what the act is of; any word of the object said where the
    // party commits is enough to hold it.
    if !object.iter().any(|(_, _, rare)| *rare) {
        return None;
    }
    let named_in = |utterance: usize| {
        evidence
            .units
            .iter()
            .filter(|u| u.utterance == utterance)
            .any(|u| object.iter().any(|(id, _, _)| u.stems.contains(id)))
    };
    if said_in.iter().any(|u| named_in(*u)) {
        return None;
    }
    let named: Vec<&str> = object
        .iter()
        .filter(|(_, _, rare)| *rare)
        .filter_map(|(_, k, _)| words.get(*k).and_then(|w| claim.text.get(w.start..w.end)))
        .collect();
    Some(finding(
        ErrorKind::Commitment,
        claim,
        format!(
            "the {} commits to {} in the call, but not of {}",
            role_name(party),
            act.as_str(),
            named.join(" ")
        ),
        said_in.to_vec(),
    ))
}
