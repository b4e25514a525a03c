//! The six kinds of wrong summary, each checked claim by claim against the call: figures and
//! names the call does not hold, commitments nobody made, polarity flipped, and words given to
//! the wrong party.

use serde::{Deserialize, Serialize};

use super::claims::{Claim, other};
use super::evidence::{Aligned, Commits, Evidence};
use super::facts::word_dates;
use super::numbers::number_mentions;
use super::support::{Support, unit_after};
use super::text;
use crate::redact::figures::figures;
use crate::summary::Owner;
use crate::transcript::SpeakerRole;

/// What is wrong with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A number or amount the call does not hold.
    Amount,
    /// A date, day or time the call does not hold.
    Date,
    /// A product, plan, place or other named thing the call does not hold.
    Entity,
    /// A promise or action nobody in the call made.
    Commitment,
    /// The opposite of what the call says.
    Negation,
    /// Words or acts given to the wrong party.
    Speaker,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Amount => "amount",
            ErrorKind::Date => "date",
            ErrorKind::Entity => "entity",
            ErrorKind::Commitment => "commitment",
            ErrorKind::Negation => "negation",
            ErrorKind::Speaker => "speaker",
        }
    }
}

/// One claim of the summary that the call contradicts or does not hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub kind: ErrorKind,
    /// The claim as written (redacted before it is reported).
    pub claim: String,
    /// What is wrong, naming the value when there is one.
    pub detail: String,
    /// Indices of the utterances the claim was compared with (0-based).
    pub evidence: Vec<usize>,
}

/// A unit supports a claim when it holds at least this share of the claim's weight.
const SUPPORTED: f32 = 0.5;
/// Claims with fewer content stems are too short to align.
const MIN_STEMS: usize = 2;

pub(super) fn check(claim: &Claim, evidence: &Evidence, support: &Support) -> Vec<Finding> {
    let mut found = figures_and_names(claim, support);
    if claim.stems.len() < MIN_STEMS {
        return found;
    }
    let aligned = evidence.align(&claim.stems);
    found.extend(commitment(claim, evidence));
    found.extend(polarity(claim, evidence, &aligned));
    found.extend(speaker(claim, evidence, &aligned));
    found
}

fn finding(kind: ErrorKind, claim: &Claim, detail: String, evidence: Vec<usize>) -> Finding {
    Finding {
        kind,
        claim: claim.text.clone(),
        detail,
        evidence,
    }
}

/// Numbers, dates, days and names of the claim that the call does not hold.
fn figures_and_names(claim: &Claim, support: &Support) -> Vec<Finding> {
    let mut found = Vec::new();
    let text = claim.text.as_str();
    let language = support.language;
    let mut dated: Vec<(usize, usize)> = Vec::new();
    for date in figures(text).dates {
        dated.push((date.start, date.end));
        let (day, month) = (date.day.map(u32::from), date.month.map(u32::from));
        if !support.has_date(day, month) {
            let shown = text.get(date.start..date.end).unwrap_or_default();
            found.push(finding(
                ErrorKind::Date,
                claim,
                format!("the call gives no date {shown:?}"),
                Vec::new(),
            ));
        }
    }
    let tokens: Vec<&str> = claim.words.iter().map(|w| w.folded.as_str()).collect();
    for date in word_dates(&tokens) {
        let (start, end) = (claim.words[date.first].start, claim.words[date.last].end);
        if dated.iter().any(|(s, e)| start < *e && *s < end) {
            continue;
        }
        dated.push((start, end));
        if !support.has_date(Some(date.day), Some(date.month)) {
            let shown = text.get(start..end).unwrap_or_default();
            found.push(finding(
                ErrorKind::Date,
                claim,
                format!("the call gives no date {shown:?}"),
                Vec::new(),
            ));
        }
    }
    for mention in number_mentions(text) {
        if dated.iter().any(|(s, e)| mention.start < *e && *s < mention.end) || mention.iso_date.is_some() {
            continue;
        }
        let shown = text.get(mention.start..mention.end).unwrap_or_default();
        let kind = if is_time(text, mention.end) {
            ErrorKind::Date
        } else {
            ErrorKind::Amount
        };
        if !support.has_number(&mention.value) {
            found.push(finding(
                kind,
                claim,
                format!("the call never says {shown:?}"),
                Vec::new(),
            ));
        } else if let Some(unit) = unit_after(&claim.words, mention.end, language)
            && !support.has_number_with_unit(&mention.value, &unit)
        {
            found.push(finding(
                kind,
                claim,
                format!("the call says {shown:?} of something else"),
                Vec::new(),
            ));
        }
    }
    for number in figures(text).numbers {
        if dated.iter().any(|(s, e)| number.start < *e && *s < number.end)
            || text
                .get(number.start..number.end)
                .is_some_and(|s| s.chars().any(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let value = number.value.to_string();
        let shown = text.get(number.start..number.end).unwrap_or_default();
        if !support.has_number(&value) {
            found.push(finding(
                ErrorKind::Amount,
                claim,
                format!("the call never says {shown:?}"),
                Vec::new(),
            ));
        } else if let Some(unit) = unit_after(&claim.words, number.end, language)
            && !support.has_number_with_unit(&value, &unit)
        {
            found.push(finding(
                ErrorKind::Amount,
                claim,
                format!("the call says {shown:?} of something else"),
                Vec::new(),
            ));
        }
    }
    let cues = language.cues();
    for word in &claim.words {
        let folded = word.folded.as_str();
        if dated.iter().any(|(s, e)| word.start < *e && *s < word.end)
            || folded.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let dated_word = is_weekday(folded) || text::is_relative_date(folded);
        let named = word.capitalised
            && !word.sentence_start
            && folded.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !language.is_stopword(folded)
            && !cues.customer.contains(&folded)
            && !cues.agent.contains(&folded)
            && text::month(folded, false).is_none();
        if (dated_word || named) && !support.has_word(folded) {
            let kind = if dated_word {
                ErrorKind::Date
            } else {
                ErrorKind::Entity
            };
            let shown = text.get(word.start..word.end).unwrap_or_default();
            found.push(finding(
                kind,
                claim,
                format!("the call never mentions {shown:?}"),
                Vec::new(),
            ));
        }
    }
    found
}

/// "9am", "10:30", "14h", "9 Uhr": a number that is a time of day.
fn is_time(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default().trim_start();
    let rest = rest.to_lowercase();
    ["am", "pm", "a.m", "p.m", "h", "uhr", "o'clock"]
        .iter()
        .any(|unit| rest.starts_with(unit) && !rest[unit.len()..].starts_with(char::is_alphabetic))
        || text.get(end..).is_some_and(|r| r.starts_with(':'))
}

/// Weekdays in the served languages, folded.
fn is_weekday(folded: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lunes",
        "martes",
        "miercoles",
        "jueves",
        "viernes",
        "sabado",
        "domingo",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lunedi",
        "martedi",
        "mercoledi",
        "giovedi",
        "venerdi",
        "domenica",
        "segunda",
        "terca",
        "quarta",
        "quinta",
        "sexta",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    DAYS.contains(&folded.strip_suffix('s').unwrap_or(folded)) || DAYS.contains(&folded)
}

/// A promise or future action of the claim that no sentence of the call commits anyone to; an
/// action item whose owner is not the one the call commits.
fn commitment(claim: &Claim, evidence: &Evidence) -> Vec<Finding> {
    if !claim.future {
        return Vec::new();
    }
    let committing: Vec<Aligned> = evidence
        .align(&claim.stems)
        .into_iter()
        .filter(|a| evidence.units[a.unit].commits != Commits::None)
        .collect();
    let Some(best) = committing.first() else {
        return vec![finding(
            ErrorKind::Commitment,
            claim,
            "nobody in the call commits to this".to_owned(),
            Vec::new(),
        )];
    };
    if best.score < SUPPORTED {
        return vec![finding(
            ErrorKind::Commitment,
            claim,
            "nobody in the call commits to this".to_owned(),
            vec![evidence.units[best.unit].utterance],
        )];
    }
    let wanted = claim
        .owner
        .map(|o| match o {
            Owner::Agent => SpeakerRole::Agent,
            Owner::Customer => SpeakerRole::Customer,
        })
        .or(claim.subject.filter(|s| s.acts).map(|s| s.role));
    let Some(wanted) = wanted else {
        return Vec::new();
    };
    let committed = |a: &Aligned| {
        let unit = &evidence.units[a.unit];
        match unit.commits {
            Commits::Speaker => unit.speaker,
            _ => other(unit.speaker),
        }
    };
    let strong: Vec<&Aligned> = committing
        .iter()
        .filter(|a| a.score >= best.score * 0.8)
        .collect();
    if strong.iter().any(|a| committed(a) == wanted) {
        return Vec::new();
    }
    vec![finding(
        ErrorKind::Speaker,
        claim,
        format!(
            "the call commits the {} to this, not the {}",
            role_name(committed(best)),
            role_name(wanted)
        ),
        strong.iter().map(|a| evidence.units[a.unit].utterance).collect(),
    )]
}

/// A claim whose best-supporting sentences all say the opposite.
fn polarity(claim: &Claim, evidence: &Evidence, aligned: &[Aligned]) -> Vec<Finding> {
    let strong = strong_support(evidence, aligned);
    if strong.is_empty() {
        return Vec::new();
    }
    let agrees = strong
        .iter()
        .any(|a| evidence.units[a.unit].negated == claim.negated);
    if agrees {
        return Vec::new();
    }
    let detail = if claim.negated {
        "the call says this did happen"
    } else {
        "the call says this did not happen"
    };
    vec![finding(
        ErrorKind::Negation,
        claim,
        detail.to_owned(),
        strong.iter().map(|a| evidence.units[a.unit].utterance).collect(),
    )]
}

/// A claim that says one party said or did what only the other party did.
fn speaker(claim: &Claim, evidence: &Evidence, aligned: &[Aligned]) -> Vec<Finding> {
    let Some(subject) = claim.subject.filter(|_| claim.owner.is_none() && !claim.future) else {
        return Vec::new();
    };
    let strong = strong_support(evidence, aligned);
    let wanted = subject.speaker();
    if strong.is_empty() || strong.iter().any(|a| evidence.units[a.unit].speaker == wanted) {
        return Vec::new();
    }
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

/// The sentences that hold most of a claim, questions aside.
fn strong_support(evidence: &Evidence, aligned: &[Aligned]) -> Vec<Aligned> {
    let answers: Vec<Aligned> = aligned
        .iter()
        .filter(|a| !evidence.units[a.unit].question && evidence.units[a.unit].speaker != SpeakerRole::IvrBot)
        .copied()
        .collect();
    let Some(best) = answers.first() else {
        return Vec::new();
    };
    if best.score < SUPPORTED {
        return Vec::new();
    }
    answers
        .iter()
        .filter(|a| a.score >= best.score * 0.8)
        .take(4)
        .copied()
        .collect()
}

fn role_name(role: SpeakerRole) -> &'static str {
    match role {
        SpeakerRole::Customer => "customer",
        SpeakerRole::Agent => "agent",
        _ => "system",
    }
}
