//! The six kinds of wrong summary, each checked claim by claim against the call: figures and
//! names the call does not hold, commitments nobody made, polarity flipped, and words given to
//! the wrong party.

use super::attribution::medium_stems;
use super::choices::Choices;
use super::claims::{Claim, other};
use super::evidence::{Aligned, Commits, Evidence};
use super::figure_places::ClaimFigures;
use super::findings::{ErrorKind, Finding, PARAPHRASE, finding, role_name, strong_support};
use super::opposites;
use super::promises::{self, LazyPromises};
use super::support::Support;
use super::words::is_content;
use super::words::is_framing;
use crate::summary::Owner;
use crate::transcript::SpeakerRole;

/// The other party said this much of a claim, and the named party half as much at most: the
/// claim gives the other party's words or act to the named one.
const ATTRIBUTED: f32 = 0.45;
/// A clause with more content words than this reports several things at once, said by both
/// parties: too broad to tell who said it.
const MAX_FOCUSED: usize = 8;
/// A commitment no sentence of the call holds this much of was made by nobody.
const UNALIGNED: f32 = 0.25;
/// Claims with fewer content stems are too short to align.
const MIN_STEMS: usize = 2;

pub(super) fn check(
    claim: &Claim,
    evidence: &Evidence,
    support: &Support,
    promises: &LazyPromises<'_>,
    choices: &Choices,
) -> Vec<Finding> {
    let read = ClaimFigures::read(&claim.text, support.language);
    let mut found = super::figures::figures_and_names(claim, &read, support);
    if found.is_empty() {
        found.extend(super::placed::misplaced(claim, &read, support));
    }
    if !claim.topic {
        found.extend(super::polarity::acceptance(claim, evidence));
    }
    if claim.topic || claim.stems.len() < MIN_STEMS {
        return found;
    }
    let aligned = evidence.align(&claim.stems);
    found.extend(commitment(claim, evidence, support, &aligned));
    found.extend(promises::unpromised(claim, evidence, promises));
    found.extend(polarity(claim, evidence, &aligned));
    found.extend(opposite(claim, evidence));
    // A long clause read part by part, once for both checks.
    let parts = super::polarity::aligned_parts(claim, evidence);
    if !found.iter().any(|f| f.kind == ErrorKind::Commitment) {
        found.extend(super::unspoken::by_part(claim, &parts, evidence, support));
    }
    found.extend(super::polarity::by_part(claim, &parts, evidence));
    found.extend(super::polarity::answered_no(claim, &aligned, &parts, evidence));
    // One negation finding is enough: the slower readings only when the others found none.
    if !found.iter().any(|f| f.kind == ErrorKind::Negation) {
        let outcome = super::outcomes::reached(claim, evidence);
        if outcome.is_empty() {
            found.extend(super::conditions::set_aside(claim, &parts, &aligned, evidence));
        } else {
            found.extend(outcome);
        }
    }
    found.extend(choices.check(claim, &parts));
    found.extend(speaker(claim, evidence, &aligned));
    found.extend(super::owners::clause_owner(claim, evidence));
    found
}

/// A promise or future action of the claim whose substance the call never mentions (a refund,
/// a visit, a fee waived that nobody spoke of).
fn commitment(claim: &Claim, evidence: &Evidence, support: &Support, aligned: &[Aligned]) -> Vec<Finding> {
    if !claim.future {
        return Vec::new();
    }
    let language = support.language;
    let novel = super::unspoken::unspoken(claim, support);
    // A long claim gathers what several sentences said: its support is what the best few hold
    // together.
    let best = if claim.stems.len() > MAX_FOCUSED {
        evidence.coverage(&claim.stems, aligned, 3)
    } else {
        aligned.first().map_or(0.0, |a| a.score)
    };
    // What the customer is to do is what the agent asked, said across a few sentences ("anyone
    // 18+ can hand it over" ... "my brother will be home"): held together by them.
    let gathered = if claim.owner == Some(Owner::Customer) {
        best.max(evidence.coverage(&claim.stems, aligned, 3))
    } else {
        // The agent's side commits across a short exchange: "the technician will call that
        // number the morning of" ... "no, my cell is ..." ... "updated". Held together by the
        // exchange that says the item's own act and commits someone.
        // Read only when no sentence alone holds enough: most items are said in one.
        if best >= UNALIGNED {
            best
        } else {
            let act = super::owners::instruction_verb(claim, language)
                .and_then(|w| evidence.stem_id(&language.stem(&w.folded)));
            best.max(evidence.exchange_coverage(&claim.stems, aligned, act))
                .max(evidence.turn_coverage(&claim.stems, aligned))
        }
    };
    if (!novel.is_empty() && best < PARAPHRASE) || gathered < UNALIGNED {
        return vec![finding(
            ErrorKind::Commitment,
            claim,
            if novel.is_empty() {
                "nobody in the call commits to this".to_owned()
            } else {
                format!("nobody in the call speaks of {}", novel.join(", "))
            },
            aligned
                .iter()
                .take(2)
                .map(|a| evidence.units[a.unit].utterance)
                .collect(),
        )];
    }
    super::owners::owner(claim, evidence, aligned)
}

/// A claim whose best-supporting sentences all say the opposite: the words they share with the
/// claim are negated on one side only.
pub(super) fn polarity(claim: &Claim, evidence: &Evidence, aligned: &[Aligned]) -> Vec<Finding> {
    let mut strong = strong_support(evidence, aligned);
    if strong.first().is_none_or(|best| best.score < PARAPHRASE) {
        return Vec::new();
    }
    // An action item says what is to be done: it answers the sentences that ask or promise it
    // ("please don't send it by email"), not those that say how things stand now ("the receipt
    // came without the number" is why a new one is asked for).
    if claim.item {
        strong.retain(|a| {
            let unit = &evidence.units[a.unit];
            unit.commits != Commits::None || unit.asks || !unit.requested.is_empty()
        });
        if strong.is_empty() {
            return Vec::new();
        }
    }
    let ids = |stems: &[String]| -> Vec<u32> { stems.iter().filter_map(|s| evidence.stem_id(s)).collect() };
    // Names are what a sentence is about, not what it affirms or denies: "return my Nimbus
    // Phone, it's not compatible with my Nimbus Budz" does not deny a Nimbus.
    let language = evidence.language();
    let names: Vec<u32> = claim
        .words
        .iter()
        .filter(|w| w.capitalised && !w.sentence_start)
        .filter_map(|w| evidence.stem_id(&language.stem(&w.folded)))
        .collect();
    let (mut claim_stems, claim_negated) = (ids(&claim.stems), ids(&claim.negated));
    claim_stems.retain(|s| !names.contains(s));
    let agrees = strong.iter().any(|a| {
        let unit = &evidence.units[a.unit];
        if super::polarity::answers_what_was_raised(claim, unit) {
            return true;
        }
        let shared: Vec<u32> = claim_stems
            .iter()
            .filter(|s| unit.stems.contains(s))
            .copied()
            .collect();
        // What the two share is negated on both sides or on neither.
        let said = shared.iter().filter(|s| unit.negated.contains(s)).count();
        let claimed = shared.iter().filter(|s| claim_negated.contains(s)).count();
        // Opposite words: "a new PIN" contradicts "the same PIN"; "free of charge" agrees with
        // "no charge": both deny the concept, which is what their negations say.
        match opposites::agree(&claim.sides, &unit.sides) {
            Some(false) => return false,
            Some(true) if opposites::both_deny(&claim.sides, &unit.sides) => return true,
            _ => {}
        }
        (said > 0) == (claimed > 0)
            // Both deny, each in its own words: "the pickup check sheet did not show it" where
            // the call says "it's not marked on the pickup check sheet"; "quitó el deducible"
            // where it says "usted no paga deducible".
            || (said > 0 && (!claim_negated.is_empty() || opposites::denies(&claim.sides)))
            // "Only covered by X" where the call says "not covered" by the others.
            || (said > 0 && claim.restrictive)
            // "The customer declined X": X offered, then a "no" in the reply.
            || (claimed > 0 && claim.choice && evidence.answered_no(a.unit))
    });
    if agrees {
        return Vec::new();
    }
    let detail = if claim.negated.is_empty() {
        "the call says this did not happen"
    } else {
        "the call says this did happen"
    };
    vec![finding(
        ErrorKind::Negation,
        claim,
        detail.to_owned(),
        strong.iter().map(|a| evidence.units[a.unit].utterance).collect(),
    )]
}

/// A word of an opposite pair said the other way from the call, read in its own few words
/// ("..., le prélèvement du 10 avril étant annulé" where the call keeps it): a long claim
/// aligns with no one sentence, the words around the pair's word do.
fn opposite(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    let language = evidence.language();
    for mut window in opposites::windows(&claim.text, &claim.words, language) {
        // A claim that says a concept both ways ("waived the fees and charged the Plus rate")
        // pairs each way with its own words: no window of it is read alone.
        window
            .sides
            .retain(|(c, _)| !claim.sides.contains(&(*c, opposites::Side::Both)));
        if window.sides.is_empty() {
            continue;
        }
        let stems: Vec<String> = window
            .words
            .iter()
            .filter(|w| {
                // The pair word itself is what the window is about, framing or not ("annulé").
                is_content(language, &w.folded)
                    && (!is_framing(language, &w.folded) || opposites::act_concept_of(&w.folded).is_some())
            })
            .map(|w| language.stem(&w.folded).into_owned())
            .collect();
        if stems.len() < MIN_STEMS {
            continue;
        }
        // The window's words of an act's pair, among those it aligns on ("same" and "still" are
        // no content words).
        let concepts: Vec<(opposites::Concept, &str)> = window
            .words
            .iter()
            .filter_map(|w| {
                let concept = opposites::act_concept_of(&w.folded)?;
                let stem = language.stem(&w.folded);
                stems.iter().find(|s| **s == stem).map(|s| (concept, s.as_str()))
            })
            .collect();
        let aligned = evidence.align_with_concepts(&stems, &concepts);
        let strong = strong_support(evidence, &aligned);
        if strong.first().is_none_or(|best| best.score < PARAPHRASE) {
            continue;
        }
        let contradicted = strong.iter().all(|a| {
            let unit = &evidence.units[a.unit];
            !super::polarity::answers_what_was_raised(claim, unit)
                && opposites::agree(&window.sides, &unit.sides) == Some(false)
        });
        if contradicted {
            return vec![finding(
                ErrorKind::Negation,
                claim,
                "the call says the opposite".to_owned(),
                strong.iter().map(|a| evidence.units[a.unit].utterance).collect(),
            )];
        }
    }
    Vec::new()
}

/// A claim that says one party said or did what only the other party did. What the party did
/// is the words its verb governs (up to the next comma), aligned on their own: "the customer
/// suggested connecting a monitor, ..." is about the monitor, not all the clause says.
fn speaker(claim: &Claim, evidence: &Evidence, whole: &[Aligned]) -> Vec<Finding> {
    let Some(subject) = claim
        .subject
        .filter(|_| claim.owner.is_none() && !claim.future && claim.explicit_subject)
    else {
        return Vec::new();
    };
    if claim.subject_choice {
        // "The customer chose / accepted / declined X": a yes or a no to what the other party
        // offered, whose words the customer rarely repeats.
        return Vec::new();
    }
    // Questions count here: asking is what "the customer asked" reports.
    let wanted = subject.speaker();
    let raised = claim
        .raises
        .then_some(&claim.predicate)
        .into_iter()
        .chain(&claim.raised_later);
    for predicate in raised.filter(|_| subject.acts) {
        if let Some(found) = raised_by_other(claim, &predicate.stems, evidence, wanted) {
            return vec![found];
        }
    }
    let scores = |aligned: &[Aligned]| {
        let best_of = |role: SpeakerRole| {
            aligned
                .iter()
                .filter(|a| evidence.units[a.unit].speaker == role)
                .map(|a| a.score)
                .fold(0.0_f32, f32::max)
        };
        (best_of(wanted), best_of(other(wanted)))
    };
    let predicate = if (MIN_STEMS..=MAX_FOCUSED).contains(&claim.predicate.stems.len()) {
        evidence.align(&claim.predicate.stems)
    } else {
        Vec::new()
    };
    let (mut own, mut theirs) = scores(&predicate);
    let mut aligned = predicate.as_slice();
    if theirs < ATTRIBUTED {
        // Too little of what the party did to tell: the whole clause, when it may stand for it.
        // The medium ("by email") is no part of what was said.
        let medium = medium_stems(evidence.language(), &claim.words);
        let said = claim.stems.iter().filter(|s| !medium.contains(s)).count();
        if !claim.predicate.whole || claim.stems.len() > MAX_FOCUSED || said < MIN_STEMS {
            return Vec::new();
        }
        aligned = whole;
        (own, theirs) = scores(whole);
    }
    if theirs < ATTRIBUTED || own >= theirs * 0.5 || asked_by(claim, evidence, wanted) {
        return Vec::new();
    }
    let strong: Vec<&Aligned> = aligned
        .iter()
        .filter(|a| evidence.units[a.unit].speaker == other(wanted) && a.score >= theirs * 0.8)
        .take(3)
        .collect();
    vec![finding(
        ErrorKind::Speaker,
        claim,
        format!(
            "in the call the {} says this, not the {}",
            role_name(other(wanted)),
            role_name(wanted)
        ),
        strong.iter().map(|a| evidence.units[a.unit].utterance).collect(),
    )]
}

/// "The customer asked about the 5% discount for paying the full annual fee of R52 200 by 15
/// January": the answer says what was asked, with its details; a question of the named party
/// holding two of the words it asked about is theirs.
fn asked_by(claim: &Claim, evidence: &Evidence, wanted: SpeakerRole) -> bool {
    /// Words of what was asked a question must hold.
    const ASKED_WORDS: usize = 2;
    if !claim
        .words
        .iter()
        .any(|w| super::attribution::is_asking(&w.folded))
    {
        return false;
    }
    let ids: Vec<u32> = claim
        .predicate
        .stems
        .iter()
        .filter_map(|s| evidence.stem_id(s))
        .collect();
    evidence.units.iter().any(|u| {
        u.speaker == wanted
            && (u.question || u.asks)
            && ids.iter().filter(|id| u.stems.contains(id)).count() >= ASKED_WORDS
    })
}

/// "The agent offered X" where the call's first words of X are the customer's: the other party
/// raised it. Read on the two rarest stems of what the party is said to have put forward.
fn raised_by_other(
    claim: &Claim,
    stems: &[String],
    evidence: &Evidence,
    wanted: SpeakerRole,
) -> Option<Finding> {
    // The language's everyday words ("vanaf", "via") come after the call's own words.
    let language = evidence.language();
    let mut ids: Vec<(bool, u32)> = stems
        .iter()
        .filter_map(|s| Some((language.is_common(s), evidence.stem_id(s)?)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(evidence.weight(Some(b.1)).total_cmp(&evidence.weight(Some(a.1))))
    });
    let rarest_uncommon = ids.first().filter(|(common, _)| !common).map(|(_, id)| *id);
    let ids: Vec<u32> = ids.into_iter().map(|(_, id)| id).collect();
    let rarest = ids.get(..ids.len().min(2)).filter(|r| !r.is_empty())?;
    let raiser = other(wanted);
    // "At the customer's request the agent offered ...": the claim says who raised it.
    let named_raiser = claim.words.iter().enumerate().any(|(i, w)| {
        super::attribution::party(language, &w.folded) == Some(raiser)
            && super::attribution::names_initiative(&claim.words, i, language)
    });
    if named_raiser {
        return None;
    }
    // Or the call's own word for it first asked for by the other party ("en kan het via
    // domiciliëring?"), whatever the named party said after ("domiciliëring vanaf december").
    let asked_first = || {
        let unit = rarest_uncommon.and_then(|id| evidence.first_unit(id))?;
        let unit = evidence.units.get(unit)?;
        Some(unit.speaker == raiser && (unit.asks || unit.question))
    };
    // Or the first sentence that holds all of it (all but one of four or more): words said
    // before in another sense ("op je volgende factuur") do not raise it.
    // Read by utterance: a question and its detail are often two sentences ("and the invoice
    // from last month? I paid it twice").
    let first_whole = || {
        let missing = usize::from(ids.len() >= 4);
        evidence
            .units
            .chunk_by(|a, b| a.utterance == b.utterance)
            .find(|turn| {
                let held = ids
                    .iter()
                    .filter(|id| turn.iter().any(|u| u.stems.contains(id)))
                    .count();
                held >= 2 && held + missing >= ids.len()
            })
            .and_then(|turn| turn.first())
            .map(|u| u.speaker)
    };
    // The first turn that holds all of it settles who raised it; the first use of its two
    // rarest words only when no turn does.
    let whole = first_whole();
    let first_words = || {
        rarest
            .iter()
            .all(|id| evidence.first_said_by(*id) == Some(raiser))
    };
    let raised = match whole {
        Some(speaker) => speaker == raiser,
        None => first_words(),
    };
    // Or what was put forward, the predicate's first word ("the 5% discount for paying the
    // full annual fee by 15 January"), first said in the other party's question with another
    // of its words: the details are the answer's.
    let head_asked_first = || {
        let verb = claim
            .words
            .iter()
            .position(|w| super::attribution::raising(language, &w.folded))?;
        let head = claim.words.iter().skip(verb + 1).find_map(|w| {
            let stem = language.stem(&w.folded);
            stems.iter().find(|s| **s == stem)
        })?;
        let unit = evidence
            .units
            .get(evidence.first_unit(evidence.stem_id(head)?)?)?;
        let held = ids.iter().filter(|id| unit.stems.contains(id)).count();
        Some(unit.speaker == raiser && (unit.asks || unit.question) && held >= 2)
    };
    if !raised && asked_first() != Some(true) && head_asked_first() != Some(true) {
        return None;
    }
    // One word alone tells less: the named party must never say it ("can I swap for the 1500?"
    // ... "Sure! The Vortex Pro 1500 is $189.99").
    if let [only] = rarest
        && evidence.said_by(*only, wanted)
        && asked_first() != Some(true)
    {
        return None;
    }
    Some(finding(
        ErrorKind::Speaker,
        claim,
        format!(
            "in the call the {} raises this first, not the {}",
            role_name(raiser),
            role_name(wanted)
        ),
        rarest
            .iter()
            .filter_map(|id| evidence.first_unit(*id))
            .map(|unit| evidence.units[unit].utterance)
            .collect(),
    ))
}
