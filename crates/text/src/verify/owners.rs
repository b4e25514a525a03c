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
    // The item's own act said by the named party elsewhere ("Stanley can pick up the thirty
    // day one tomorrow"), where the sentence that commits the other holds the rest of the item
    // but not its act ("walgreens can fill a thirty day supply"): the named party's.
    if verb.is_some_and(|v| {
        !evidence.units[best.unit].stems.contains(&v)
            && evidence
                .units
                .iter()
                .any(|u| u.speaker == wanted && u.stems.contains(&v))
    }) {
        return Vec::new();
    }
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
/// like an action item given to them. Every party the sentence puts to work is read ("the
/// agent will email ..., and the customer will call ..."), and an item of several acts
/// ("call the office tomorrow morning and have the supply picked up") act by act when the
/// whole names nobody.
pub(super) fn clause_owner(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    if claim.item || claim.owner.is_some() || !claim.future {
        return Vec::new();
    }
    let language = evidence.language();
    let words = &claim.words;
    let receives = language.cues().receives;
    let named = parties_who_will(words, language);
    for &(from, role) in &named {
        // The item runs to the next party that opens a clause of its own, whatever its verb
        // ("... by Friday, June 7. The customer needs to reply"), not one it acts on ("email
        // the customer a copy").
        let end = (from..words.len())
            .find(|&k| {
                party(language, &words[k].folded).is_some()
                    && !oblique(words, k, language)
                    && !words[k].folded.ends_with("'s")
                    && opens_clause(&claim.text, words, k, language)
            })
            .map_or(words.len(), |k| with_article(words, k, language));
        let rest = words.get(from..end).unwrap_or_default();
        // "the customer will most likely get the deductible back": what the other party gives,
        // received; nobody's act to check.
        if rest.iter().take(4).any(|w| receives.contains(&w.folded.as_str())) {
            continue;
        }
        let found = owner_of_act(claim, rest, role, evidence);
        if !found.is_empty() {
            return found;
        }
        for act in acts(rest, language) {
            let found = owner_of_act(claim, act, role, evidence);
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// An act of a sentence, as an item given to `role`, against the party the call commits.
fn owner_of_act(claim: &Claim, act: &[WordSpan], role: SpeakerRole, evidence: &Evidence) -> Vec<Finding> {
    /// An act read apart from the others needs this many content stems to align on its own.
    const MIN_ACT_STEMS: usize = 3;
    let owner_of = match role {
        SpeakerRole::Customer => Owner::Customer,
        _ => Owner::Agent,
    };
    let mut item = super::claims::claim(
        &claim.text,
        act,
        evidence.language(),
        Some(Subject { role, acts: true }),
        Some(owner_of),
    );
    if item.stems.len() < MIN_ACT_STEMS {
        return Vec::new();
    }
    item.future = true;
    item.item = true;
    let aligned = evidence.align(&item.stems);
    owner(&item, evidence, &aligned)
}

/// Each party named as a subject with a future auxiliary or a verb in the future right after
/// it, or after one adverb ("will also", "wird dann", "enverra"): where its item starts (after
/// the auxiliary, at the verb) and the party.
fn parties_who_will(words: &[WordSpan], language: Language) -> Vec<(usize, SpeakerRole)> {
    words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let role = party(language, &w.folded)?;
            if oblique(words, i, language) || w.folded.ends_with("'s") {
                return None;
            }
            (i + 1..words.len().min(i + 3)).find_map(|k| {
                let folded = words[k].folded.as_str();
                if WILL.contains(&folded) {
                    Some((k + 1, role))
                } else if super::claims::future_form(language, folded) {
                    Some((k, role))
                } else {
                    None
                }
            })
        })
        .collect()
}

/// Whether the party at `k` opens a clause: after a sentence's or a clause's punctuation, or a
/// conjunction, with an article at most between ("..., and the customer", ". The customer").
fn opens_clause(text: &str, words: &[WordSpan], k: usize, language: Language) -> bool {
    let at = with_article(words, k, language);
    let Some(before) = at.checked_sub(1) else {
        return true;
    };
    let gap = text.get(words[before].end..words[at].start).unwrap_or_default();
    gap.contains(['.', ',', ';', ':']) || joins(language, &words[before].folded)
}

/// Where the party at `k` starts, with its article ("the agent").
fn with_article(words: &[WordSpan], k: usize, language: Language) -> usize {
    match k.checked_sub(1) {
        Some(p) if language.is_stopword(&words[p].folded) && !joins(language, &words[p].folded) => p,
        _ => k,
    }
}

/// Whether `folded` is "and" (or "but") in `language`: only Dutch "en" is "and".
fn joins(language: Language, folded: &str) -> bool {
    super::opposites::AND.contains(&folded) && (folded != "en" || language == Language::Nl)
}

/// The acts of an item joined by "and": "call the office tomorrow morning", "have the supply
/// picked up tomorrow afternoon". Empty when it has one. Only Dutch "en" is "and".
fn acts(item: &[WordSpan], language: Language) -> Vec<&[WordSpan]> {
    let at_joins: Vec<usize> = item
        .iter()
        .enumerate()
        .filter(|(_, w)| joins(language, &w.folded))
        .map(|(i, _)| i)
        .collect();
    if at_joins.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    for at in at_joins.into_iter().chain(std::iter::once(item.len())) {
        if let Some(act) = item.get(from..at).filter(|a| !a.is_empty()) {
            out.push(act);
        }
        from = at + 1;
    }
    out
}
