//! Who is to do what a claim says will be done: an action item's owner, or the party a
//! summary sentence says will act ("the agent will upload the photo"), against the party the
//! call puts to work.

use super::attribution::{oblique, party};
use super::claims::{Claim, Subject, other};
use super::evidence::{Aligned, Commits, Evidence};
use super::findings::{ErrorKind, Finding, PARAPHRASE, finding, role_name};
use super::words::is_content;
use crate::language::{Language, WordSpan};
use crate::summary::Owner;
use crate::transcript::SpeakerRole;

/// A sentence that asks a party to do an item's act holds this much of the item at least to
/// name who is to do it.
const ACT_PUT: f32 = 0.45;

/// An instruction's verb: its first content word in most languages; in German and Dutch the
/// last, the infinitive ("... an die Kundin schicken", "... op het nieuwe rekeningnummer van de
/// klant overmaken"), preferring a word with an infinitive's ending over a trailing noun.
pub(super) fn instruction_verb(claim: &Claim, language: Language) -> Option<&WordSpan> {
    let mut content = claim.words.iter().filter(|w| is_content(language, &w.folded));
    if matches!(language, Language::De | Language::Nl) {
        let content: Vec<&WordSpan> = content.collect();
        content
            .iter()
            .rev()
            .find(|w| w.folded.ends_with("en") || w.folded.ends_with("ern") || w.folded.ends_with("eln"))
            .or(content.last())
            .copied()
    } else {
        content.next()
    }
}

/// An action item or promise given to one party where the call commits the other: the
/// sentences that commit someone to it ("I'll send", "you'll need to send") name who.
pub(super) fn owner(claim: &Claim, evidence: &Evidence, aligned: &[Aligned]) -> Vec<Finding> {
    let wanted = claim.owner.map(|o| match o {
        Owner::Agent => SpeakerRole::Agent,
        Owner::Customer => SpeakerRole::Customer,
    });
    let Some(wanted) = wanted else {
        return Vec::new();
    };
    // A first-person promise ("I'll send the photos tonight") names the speaker, and a request
    // put to the listener to do the item's very act ("please keep the permission ready")
    // names the listener. "You'll get a welcome pack" is the company's promise in the second
    // person, and a promise that also asks something of the listener ("I'll email the form,
    // which you need to return") names nobody for the rest.
    let language = evidence.language();
    let verb = instruction_verb(claim, language).and_then(|w| evidence.stem_id(&language.stem(&w.folded)));
    let committed = |a: &Aligned| {
        let unit = &evidence.units[a.unit];
        if verb.is_some_and(|v| unit.requested.contains(&v)) {
            Some(other(unit.speaker))
        } else if unit.commits == Commits::Speaker && unit.requested.is_empty() {
            Some(unit.speaker)
        } else {
            None
        }
    };
    let committing: Vec<&Aligned> = aligned
        .iter()
        .filter(|a| evidence.units[a.unit].commits != Commits::None || committed(a).is_some())
        .collect();
    // A sentence that puts the item's very act to a party names them with less of the item
    // around it: "You can pay in the app" for "Pay the revised bill in the app".
    let acts = |a: &Aligned| verb.is_some_and(|v| evidence.units[a.unit].requested.contains(&v));
    let Some(best) = committing
        .first()
        .filter(|a| a.score >= PARAPHRASE || (acts(a) && a.score >= ACT_PUT))
    else {
        return Vec::new();
    };
    let close: Vec<&&Aligned> = committing
        .iter()
        .filter(|a| a.score >= best.score * 0.8)
        .collect();
    let promised_by_other = close
        .iter()
        .all(|a| committed(a).is_some_and(|party| party != wanted));
    let Some(party) = committed(best).filter(|_| promised_by_other) else {
        return Vec::new();
    };
    vec![finding(
        ErrorKind::Speaker,
        claim,
        format!(
            "the call commits the {} to this, not the {}",
            role_name(party),
            role_name(wanted)
        ),
        close.iter().map(|a| evidence.units[a.unit].utterance).collect(),
    )]
}

/// Auxiliaries of the future a party's own act follows: "the agent will upload", "el cliente
/// va a enviar", "der Kunde wird ... schicken", "de klant zal ... sturen".
#[rustfmt::skip]
const WILL: &[&str] = &[
    "will", "'ll", "shall", "va", "van", "vont", "wird", "werden", "vai", "vao", "zal", "zullen",
];

/// A summary sentence that says a party will act ("and the agent will upload a photo of the
/// other driver's insurance card"): what follows the auxiliary is that party's item, checked
/// like an action item given to them.
pub(super) fn clause_owner(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    if claim.item || claim.owner.is_some() || !claim.future {
        return Vec::new();
    }
    let language = evidence.language();
    let words = &claim.words;
    let Some((at, role)) = words.iter().enumerate().find_map(|(i, w)| {
        let role = party(language, &w.folded)?;
        (!oblique(words, i, language) && !w.folded.ends_with("'s")).then_some((i, role))
    }) else {
        return Vec::new();
    };
    // The auxiliary right after the party, or after one adverb ("will also", "wird dann").
    let Some(aux) = (at + 1..words.len().min(at + 3)).find(|k| WILL.contains(&words[*k].folded.as_str()))
    else {
        return Vec::new();
    };
    let owner_of = match role {
        SpeakerRole::Customer => Owner::Customer,
        _ => Owner::Agent,
    };
    let rest = &words[aux + 1..];
    // "the customer will most likely get the deductible back": what the other party gives,
    // received; nobody's act to check.
    let receives = language.cues().receives;
    if rest.iter().take(4).any(|w| receives.contains(&w.folded.as_str())) {
        return Vec::new();
    }
    let mut item = super::claims::claim(
        &claim.text,
        rest,
        language,
        Some(Subject { role, acts: true }),
        Some(owner_of),
    );
    item.future = true;
    item.item = true;
    let aligned = evidence.align(&item.stems);
    owner(&item, evidence, &aligned)
}
