//! Polarity read part by part: a long clause aligns with no one sentence of the call, but its
//! parts do ("..., dass es in seinem Bereich eine Störung gibt", "..., que deberá ir embalada
//! en la caja original"), and a part said the other way from the sentence that holds it is a
//! flipped claim. Also a choice turned around: accepted where the call declined.

use super::claims::{self, Claim};
use super::evidence::{Aligned, Evidence, Unit, is_content};
use super::findings::{ErrorKind, Finding, PARAPHRASE, finding, role_name, strong_support};
use super::opposites;
use super::text;
use super::words::is_weekday;
use crate::language::{Language, WordSpan};
use crate::transcript::SpeakerRole;

/// A part needs this many content stems to align on its own, as a claim does ("mais avec un
/// dépassement d'honoraires").
const MIN_PART_STEMS: usize = 2;

/// Words that open a subordinate or coordinate part of a clause: what follows says a thing of
/// its own ("that", "because", "and", "dass", "que", "perché").
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "and", "but", "that", "which", "because", "whereas", "y", "pero", "que", "porque", "aunque",
    "et", "mais", "parce", "car", "und", "aber", "dass", "weil", "wobei", "woraufhin", "e", "ma",
    "che", "perche", "mentre", "mas", "porem", "en", "maar", "dat", "omdat", "terwijl",
];

/// Whether `folded` opens a part in `language`: Dutch "en" is "and" but Spanish and French
/// "en" is "in" ("sin necesidad de embalarla en la caja original" is one part), and only
/// French "car" is "because".
fn opens_part(language: Language, folded: &str) -> bool {
    OPENERS.contains(&folded)
        && match folded {
            "en" => language == Language::Nl,
            "car" => language == Language::Fr,
            _ => true,
        }
}

/// Where the parts of a clause start: after a comma, semicolon, colon or bracket, and at an
/// opening word.
fn part_starts(text: &str, words: &[WordSpan], language: Language) -> Vec<usize> {
    let mut starts = vec![0];
    for i in 1..words.len() {
        let gap = words
            .get(i - 1)
            .zip(words.get(i))
            .and_then(|(a, b)| text.get(a.end..b.start))
            .unwrap_or_default();
        let opens = words.get(i).is_some_and(|w| opens_part(language, &w.folded));
        if gap.contains([',', ';', ':', '(', ')']) || opens {
            starts.push(i);
        }
    }
    starts
}

/// A part of a claim and the sentences of the call it aligns with.
pub(super) type AlignedPart = (Claim, Vec<Aligned>);

/// The parts of a claim, each aligned once for every check that reads them.
pub(super) fn aligned_parts(claim: &Claim, evidence: &Evidence) -> Vec<AlignedPart> {
    parts(claim, evidence.language())
        .into_iter()
        .map(|part| {
            let aligned = evidence.align(&part.stems);
            (part, aligned)
        })
        .collect()
}

/// The parts of a claim as claims of their own, when it has more than one.
fn parts(claim: &Claim, language: Language) -> Vec<Claim> {
    let starts = part_starts(&claim.text, &claim.words, language);
    if starts.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, from) in starts.iter().enumerate() {
        let to = starts.get(k + 1).copied().unwrap_or(claim.words.len());
        let Some(words) = claim.words.get(*from..to) else {
            continue;
        };
        let content = words
            .iter()
            .filter(|w| is_content(language, &w.folded) && !text::is_summary_vocabulary(&w.folded))
            .count();
        if content < MIN_PART_STEMS {
            continue;
        }
        let mut part = claims::claim(&claim.text, words, language, claim.subject, claim.owner);
        part.future = claim.future;
        if part.stems.len() >= MIN_PART_STEMS {
            out.push(part);
        }
    }
    out
}

/// A part holding this much of its best sentence's words is read as saying the same thing.
const CLOSE: f32 = 0.75;

/// Words that open a condition: a negation within one asserts nothing ("if the credit does
/// not appear, call back").
#[rustfmt::skip]
const CONDITIONS: &[&str] = &[
    "if", "unless", "si", "se", "wenn", "falls", "sofern", "als", "indien", "tenzij", "caso",
];

/// A part of the claim that the sentences holding it say the other way: one side denies the
/// words they share and the other has no negation at all. A part with a negation of its own
/// anywhere, or a sentence with one, settles nothing (the negation may reach what the other
/// side puts in other words).
pub(super) fn by_part(claim: &Claim, parts: &[AlignedPart], evidence: &Evidence) -> Vec<Finding> {
    let language = evidence.language();
    let claim_negated: Vec<u32> = claim.negated.iter().filter_map(|s| evidence.stem_id(s)).collect();
    for (part, aligned) in parts {
        if part
            .words
            .first()
            .is_some_and(|w| CONDITIONS.contains(&w.folded.as_str()))
        {
            continue;
        }
        // "Please don't post card details" asks; it does not deny that they were posted.
        let mut strong = strong_support(evidence, aligned);
        strong.retain(|a| {
            let unit = &evidence.units[a.unit];
            !unit.asks && unit.requested.is_empty()
        });
        if strong.first().is_none_or(|a| a.score < CLOSE) {
            continue;
        }
        let ids =
            |stems: &[String]| -> Vec<u32> { stems.iter().filter_map(|s| evidence.stem_id(s)).collect() };
        // Names and days say what a part is about, not what it affirms or denies (German
        // capitalises every noun: no sign of a name there).
        let names = language != Language::De;
        let about: Vec<u32> = part
            .words
            .iter()
            .filter(|w| (names && w.capitalised && !w.sentence_start) || is_weekday(&w.folded))
            .filter_map(|w| evidence.stem_id(&language.stem(&w.folded)))
            .collect();
        let (mut stems, negated) = (ids(&part.stems), ids(&part.negated));
        stems.retain(|s| !about.contains(s));
        // A negation earlier in the clause reaches into a later part: "no hace falta | que la
        // embales en la caja original" denies the packing.
        let denies = denies(part, language) || stems.iter().any(|s| claim_negated.contains(s));
        let flipped = strong.iter().all(|a| {
            let unit = &evidence.units[a.unit];
            if opposites::agree(&part.sides, &unit.sides) == Some(true)
                || answers_what_was_raised(claim, unit)
            {
                return false;
            }
            let shared: Vec<&u32> = stems.iter().filter(|s| unit.stems.contains(s)).collect();
            let said = shared.iter().filter(|s| unit.negated.contains(s)).count();
            let claimed = shared.iter().filter(|s| negated.contains(s)).count();
            // Most of what they share is denied: a negation that reaches a word or two of it
            // may be about something else said alongside.
            let most = |n: usize| n >= 2 && 2 * n >= shared.len();
            (most(said) && !denies) || (most(claimed) && unit.negated.is_empty())
        });
        if flipped {
            let detail = if denies {
                "the call says this did happen"
            } else {
                "the call says this did not happen"
            };
            return vec![finding(
                ErrorKind::Negation,
                claim,
                detail.to_owned(),
                strong.iter().map(|a| evidence.units[a.unit].utterance).collect(),
            )];
        }
    }
    Vec::new()
}

/// Words that report a question or a wish rather than state its content: "asked whether",
/// "wanted to know", "fragte, ob" ("asked for", "offered" and the like are read from
/// [`super::attribution::raising`]). Dutch "of" (whether) is read in Dutch only.
#[rustfmt::skip]
const QUESTIONING: &[&str] = &[
    "whether", "wanted", "wondered", "queried", "pregunto", "queria", "voulait", "ob", "fragte",
    "wollte", "chiese", "voleva", "domandato", "perguntou", "wilde",
];

/// Whether the claim reports a question, a request or a condition anywhere: it then states
/// nothing of its own that an answer could turn around.
fn reports_a_question(claim: &Claim, language: Language) -> bool {
    claim.words.iter().any(|w| {
        let word = w.folded.as_str();
        QUESTIONING.contains(&word)
            || CONDITIONS.contains(&word)
            || (language == Language::Nl && word == "of")
            || super::attribution::raising(language, word)
    })
}

/// A claim, or a part of it, that states as so a yes/no question of the call nearly word for
/// word when the other party answered it "no" ("Hai firmato la consegna con riserva?" "no, mi
/// ha fatto firmare sul palmare"): the answer turned around.
/// `aligned` is the whole claim's alignment.
pub(super) fn answered_no(
    claim: &Claim,
    aligned: &[Aligned],
    parts: &[AlignedPart],
    evidence: &Evidence,
) -> Vec<Finding> {
    let language = evidence.language();
    if reports_a_question(claim, language) {
        return Vec::new();
    }
    let whole = std::iter::once((claim, aligned));
    for (part, aligned) in whole.chain(parts.iter().map(|(p, a)| (p, a.as_slice()))) {
        if part.stems.len() < MIN_PART_STEMS || denies(part, language) {
            continue;
        }
        let Some(best) = aligned.first().filter(|a| a.score >= CLOSE) else {
            continue;
        };
        let unit = &evidence.units[best.unit];
        let plain_question = unit.question
            && !unit.checks_a_detail
            && unit.negated.is_empty()
            && unit.speaker != SpeakerRole::IvrBot;
        if plain_question && evidence.answered_no(best.unit) {
            return vec![finding(
                ErrorKind::Negation,
                claim,
                "in the call the answer to this was no".to_owned(),
                vec![unit.utterance],
            )];
        }
    }
    Vec::new()
}

/// Whether a claim or part says "not" anywhere: a negation, in reach or not, or a refusal.
fn denies(part: &Claim, language: Language) -> bool {
    !part.negated.is_empty() || part.words.iter().any(|w| denial(language, &w.folded))
}

/// "The customer asked for a refund": the agent's "it's not refundable" answers the request; it
/// does not deny that it was made. Of a claim that reports a party asking for, offering or
/// suggesting something, only that party's own words can say the other way.
/// A clause reporting what was done at a party's request ("À la demande du client, elle a
/// commandé une nouvelle carte") says it was done: the other party's words may deny it.
pub(super) fn answers_what_was_raised(claim: &Claim, unit: &Unit) -> bool {
    claim.negated.is_empty()
        && !claim.initiative
        && claim
            .subject
            .is_some_and(|s| claim.raises && unit.speaker != s.role)
}

/// A negation or a refusal word.
fn denial(language: Language, folded: &str) -> bool {
    {
        let kind = language.negation_kind(folded);
        kind.negation || kind.refusal
    }
}

/// "The customer accepted X" where the call has the other party offer X and the customer
/// answer no: the opposite of what happened.
pub(super) fn acceptance(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    let Some(subject) = claim.subject.filter(|s| s.acts && claim.accepts) else {
        return Vec::new();
    };
    if claim.predicate.stems.is_empty() {
        return Vec::new();
    }
    let aligned = evidence.align(&claim.predicate.stems);
    let Some(offer) = aligned
        .iter()
        .find(|a| evidence.units[a.unit].speaker != SpeakerRole::IvrBot)
        .filter(|a| a.score >= PARAPHRASE)
    else {
        return Vec::new();
    };
    if evidence.units[offer.unit].speaker == subject.role || !evidence.answered_no(offer.unit) {
        return Vec::new();
    }
    vec![finding(
        ErrorKind::Negation,
        claim,
        format!("in the call the {} turned this down", role_name(subject.role)),
        vec![evidence.units[offer.unit].utterance],
    )]
}
