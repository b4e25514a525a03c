//! The six kinds of wrong summary, each checked claim by claim against the call: figures and
//! names the call does not hold, commitments nobody made, polarity flipped, and words given to
//! the wrong party.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::claims::{Claim, is_framing, other};
use super::evidence::{Aligned, Commits, Evidence, is_content};
use super::numbers::word_dates;
use super::support::{Support, local_number_mentions, unit_after};
use super::text;
use crate::language::Language;
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
    /// The figure or name at fault, as written (amounts, dates and names only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Indices of the utterances the claim was compared with (0-based).
    pub evidence: Vec<usize>,
    /// What found it: the rules (always) or the LLM judge (when configured).
    #[serde(default)]
    pub source: FindingSource,
}

/// What found a finding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// The deterministic checks of this module.
    #[default]
    Rules,
    /// The LLM judge's verdict.
    Judge,
}

/// A unit supports a claim when it holds at least this share of the claim's weight.
const SUPPORTED: f32 = 0.5;
/// A claim is read as saying the same as a sentence of the call that holds this much of it.
const PARAPHRASE: f32 = 0.6;
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

pub(super) fn check(claim: &Claim, evidence: &Evidence, support: &Support) -> Vec<Finding> {
    let mut found = figures_and_names(claim, support);
    if claim.topic || claim.stems.len() < MIN_STEMS {
        return found;
    }
    let aligned = evidence.align(&claim.stems);
    found.extend(commitment(claim, evidence, support, &aligned));
    found.extend(polarity(claim, evidence, &aligned));
    found.extend(speaker(claim, evidence, &aligned));
    found
}

fn finding(kind: ErrorKind, claim: &Claim, detail: String, evidence: Vec<usize>) -> Finding {
    Finding {
        kind,
        claim: claim.text.clone(),
        detail,
        value: None,
        evidence,
        source: FindingSource::Rules,
    }
}

/// A figure or name of the claim that the call does not hold.
fn unsupported(kind: ErrorKind, claim: &Claim, shown: &str, detail: String) -> Finding {
    Finding {
        value: Some(shown.to_owned()),
        ..finding(kind, claim, detail, Vec::new())
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
            found.push(unsupported(
                ErrorKind::Date,
                claim,
                shown,
                format!("the call gives no date {shown:?}"),
            ));
        }
    }
    for time in times(text) {
        dated.push((time.start, time.end));
        if !support.has_time(time.hour, time.minute) {
            let shown = text.get(time.start..time.end).unwrap_or_default();
            found.push(unsupported(
                ErrorKind::Date,
                claim,
                shown,
                format!("the call gives no time {shown:?}"),
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
            found.push(unsupported(
                ErrorKind::Date,
                claim,
                shown,
                format!("the call gives no date {shown:?}"),
            ));
        }
    }
    for mention in local_number_mentions(text, language) {
        // "24/7" is a phrase, not a figure.
        let phrase = text[mention.end..].starts_with("/7");
        if dated.iter().any(|(s, e)| mention.start < *e && *s < mention.end)
            || mention.iso_date.is_some()
            || phrase
        {
            continue;
        }
        let shown = text.get(mention.start..mention.end).unwrap_or_default();
        let kind = if is_time(text, mention.end) || is_period(&claim.words, mention.end) {
            ErrorKind::Date
        } else {
            ErrorKind::Amount
        };
        if !support.has_number(&mention.value, shown) {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never says {shown:?}"),
            ));
        } else if let Some(unit) = unit_after(&claim.words, mention.end, language)
            && bare_count(text, mention.start, mention.end)
            && !support.has_number_with_unit(&mention.value, &unit)
        {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call says {shown:?} of something else"),
            ));
        } else if is_money(text, mention.start, mention.end, &claim.words)
            && !support.has_number_near(
                &mention.value,
                shown,
                &context_of(claim, mention.start, mention.end, language),
            )
        {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never says {shown:?} about this"),
            ));
        }
    }
    for number in figures(text).numbers {
        let shown = text.get(number.start..number.end).unwrap_or_default();
        // Number words of another language ("once", "um") and function words ("one") are no
        // figures of this claim.
        let function_word = crate::language::words(shown, language)
            .iter()
            .all(|w| language.is_stopword(&w.folded));
        if dated.iter().any(|(s, e)| number.start < *e && *s < number.end)
            || shown.chars().any(|c| c.is_ascii_digit())
            || function_word
        {
            continue;
        }
        let value = number.value.to_string();
        let kind = if is_period(&claim.words, number.end) {
            ErrorKind::Date
        } else {
            ErrorKind::Amount
        };
        if !support.has_number(&value, "") {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call never says {shown:?}"),
            ));
        } else if let Some(unit) = unit_after(&claim.words, number.end, language)
            && !support.has_number_with_unit(&value, &unit)
        {
            found.push(unsupported(
                kind,
                claim,
                shown,
                format!("the call says {shown:?} of something else"),
            ));
        }
    }
    let cues = language.cues();
    let mut missing: Vec<(ErrorKind, usize, usize)> = Vec::new();
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
            && text::month(folded, false).is_none()
            // German capitalises every noun: an everyday noun or a compound ending in one is
            // wording, not a name.
            && !(language == Language::De && language.is_common_or_compound(folded));
        if (dated_word || named) && !support.has_word(folded) {
            let kind = if dated_word {
                ErrorKind::Date
            } else {
                ErrorKind::Entity
            };
            // "Zenith Couriers" is one name: words of a run join one finding.
            let joins = missing
                .last()
                .is_some_and(|(k, _, end): &(ErrorKind, usize, usize)| {
                    *k == kind
                        && text
                            .get(*end..word.start)
                            .is_some_and(|gap| gap.trim().is_empty())
                });
            match missing.last_mut() {
                Some(last) if joins => last.2 = word.end,
                _ => missing.push((kind, word.start, word.end)),
            }
        }
    }
    for (kind, start, end) in missing {
        let shown = text.get(start..end).unwrap_or_default();
        found.push(unsupported(
            kind,
            claim,
            shown,
            format!("the call never mentions {shown:?}"),
        ));
    }
    found
}

struct Time {
    start: usize,
    end: usize,
    hour: u32,
    minute: u32,
}

/// Times of day written in a summary: "18:42", "9.30", "14h30", "9am", "9 a.m.", "9 Uhr".
fn times(text: &str) -> Vec<Time> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:[:h](\d{2})|\.(\d{2})\s*(?:a\.?m\.?|p\.?m\.?|uhr|h\b)|\s*(a\.?m\.?|p\.?m\.?|uhr\b|o'clock))")
            .expect("the time pattern compiles")
    });
    TIME.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let mut hour: u32 = c.get(1)?.as_str().parse().ok()?;
            let minute: u32 = c
                .get(2)
                .or(c.get(3))
                .map_or(Some(0), |m| m.as_str().parse().ok())?;
            if c.get(4)
                .is_some_and(|m| m.as_str().to_ascii_lowercase().starts_with('p'))
                && hour < 12
            {
                hour += 12;
            }
            (hour < 24 && minute < 60).then_some(Time {
                start: whole.start(),
                end: whole.end(),
                hour,
                minute,
            })
        })
        .collect()
}

/// Words of a period of time, folded, in the served languages.
const PERIODS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "minutes",
    "fortnight",
    "fortnights",
    "dia",
    "dias",
    "semana",
    "semanas",
    "mes",
    "meses",
    "ano",
    "anos",
    "hora",
    "horas",
    "minutos",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    "heure",
    "heures",
    "tag",
    "tage",
    "tagen",
    "woche",
    "wochen",
    "monat",
    "monate",
    "monaten",
    "jahr",
    "jahre",
    "jahren",
    "stunde",
    "stunden",
    "werktage",
    "werktagen",
    "arbeitstage",
    "arbeitstagen",
    "giorno",
    "giorni",
    "settimana",
    "settimane",
    "mese",
    "mesi",
    "anno",
    "anni",
    "ora",
    "ore",
    "dag",
    "dagen",
    "week",
    "weken",
    "maand",
    "maanden",
    "jaar",
    "jaren",
    "uur",
    "uren",
    "werkdag",
    "werkdagen",
];

/// Working-day qualifiers between a number and its period ("5 working days", "10 días hábiles").
const PERIOD_QUALIFIERS: &[&str] = &[
    "working",
    "business",
    "calendar",
    "habiles",
    "laborables",
    "naturales",
    "ouvres",
    "ouvrables",
    "lavorativi",
    "uteis",
    "corridos",
];

/// A number followed by a period of time ("10 working days", "dos semanas"): a date claim.
fn is_period(words: &[crate::language::WordSpan], end: usize) -> bool {
    words
        .iter()
        .filter(|w| w.start >= end)
        .take(2)
        .find(|w| !PERIOD_QUALIFIERS.contains(&w.folded.as_str()))
        .is_some_and(|w| PERIODS.contains(&w.folded.as_str()))
}

/// The content stems of the claim's words around a number (three on each side), which the call
/// should say near the same number.
fn context_of(claim: &Claim, start: usize, end: usize, language: Language) -> Vec<String> {
    const AROUND: usize = 3;
    let content = |w: &&crate::language::WordSpan| {
        is_content(language, &w.folded)
            && !is_framing(language, &w.folded)
            && !w.folded.chars().any(|c| c.is_ascii_digit())
    };
    let before = claim
        .words
        .iter()
        .filter(|w| w.end <= start)
        .filter(content)
        .rev()
        .take(AROUND);
    let after = claim
        .words
        .iter()
        .filter(|w| w.start >= end)
        .filter(content)
        .take(AROUND);
    before
        .chain(after)
        .map(|w| language.stem(&w.folded).into_owned())
        .collect()
}

/// Currency words, folded.
const CURRENCIES: &[&str] = &[
    "dollars", "dollar", "pounds", "pound", "euros", "euro", "francs", "franken", "franchi", "reais", "real",
    "rupees", "rand", "cents", "centimos", "centimes", "cent", "pence", "percent", "por", "pour", "prozent",
    "procent", "per", "cento",
];

/// An amount of money or a percentage: "$5,000", "€95", "2%", "500 euros", "30 por cento".
fn is_money(text: &str, start: usize, end: usize, words: &[crate::language::WordSpan]) -> bool {
    !bare_count(text, start, end)
        || words
            .iter()
            .find(|w| w.start >= end)
            .is_some_and(|w| CURRENCIES.contains(&w.folded.as_str()) && w.start - end <= 1)
}

/// A number with no currency sign or percent: a count whose unit word tells it apart.
fn bare_count(text: &str, start: usize, end: usize) -> bool {
    let shown = text.get(start..end).unwrap_or_default();
    !shown.starts_with(|c: char| !c.is_ascii_digit())
        && !text[end..].trim_start().starts_with(['%', '€', '$', '£'])
        && !text[..start].trim_end().ends_with(['€', '$', '£'])
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

/// A promise or future action of the claim whose substance the call never mentions (a refund,
/// a visit, a fee waived that nobody spoke of).
fn commitment(claim: &Claim, evidence: &Evidence, support: &Support, aligned: &[Aligned]) -> Vec<Finding> {
    if !claim.future {
        return Vec::new();
    }
    let language = support.language;
    let novel: Vec<&str> = claim
        .words
        .iter()
        .filter(|w| {
            is_content(language, &w.folded)
                && !is_framing(language, &w.folded)
                && !language.is_common(&w.folded)
                && !text::is_summary_vocabulary(&w.folded)
                && !w.folded.starts_with('[')
                && !support.has_word(&w.folded)
        })
        .map(|w| claim.text.get(w.start..w.end).unwrap_or_default())
        .collect();
    // A long claim gathers what several sentences said: its support is what the best few hold
    // together.
    let best = if claim.stems.len() > MAX_FOCUSED {
        evidence.coverage(&claim.stems, aligned, 3)
    } else {
        aligned.first().map_or(0.0, |a| a.score)
    };
    if (!novel.is_empty() && best < PARAPHRASE) || best < UNALIGNED {
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
    owner(claim, evidence, aligned)
}

/// An action item or promise given to one party where the call commits the other: the
/// sentences that commit someone to it ("I'll send", "you'll need to send") name who.
fn owner(claim: &Claim, evidence: &Evidence, aligned: &[Aligned]) -> Vec<Finding> {
    let wanted = claim.owner.map(|o| match o {
        Owner::Agent => SpeakerRole::Agent,
        Owner::Customer => SpeakerRole::Customer,
    });
    let Some(wanted) = wanted else {
        return Vec::new();
    };
    // Only a first-person promise is taken as evidence against the owner ("I'll send the
    // photos tonight"): "you'll get a welcome pack" is the company's promise in the second
    // person.
    let committing: Vec<&Aligned> = aligned
        .iter()
        .filter(|a| evidence.units[a.unit].commits != Commits::None)
        .collect();
    let Some(best) = committing.first().filter(|a| a.score >= PARAPHRASE) else {
        return Vec::new();
    };
    let committed = |a: &Aligned| {
        let unit = &evidence.units[a.unit];
        match unit.commits {
            Commits::Speaker => unit.speaker,
            _ => other(unit.speaker),
        }
    };
    let close: Vec<&&Aligned> = committing
        .iter()
        .filter(|a| a.score >= best.score * 0.8)
        .collect();
    let promised_by_other = close.iter().all(|a| {
        let unit = &evidence.units[a.unit];
        unit.commits == Commits::Speaker && unit.speaker != wanted
    });
    if !promised_by_other {
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
        close.iter().map(|a| evidence.units[a.unit].utterance).collect(),
    )]
}

/// A claim whose best-supporting sentences all say the opposite: the words they share with the
/// claim are negated on one side only.
fn polarity(claim: &Claim, evidence: &Evidence, aligned: &[Aligned]) -> Vec<Finding> {
    let strong = strong_support(evidence, aligned);
    if strong.first().is_none_or(|best| best.score < PARAPHRASE) {
        return Vec::new();
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
        let shared: Vec<u32> = claim_stems
            .iter()
            .filter(|s| unit.stems.contains(s))
            .copied()
            .collect();
        // What the two share is negated on both sides or on neither.
        let said = shared.iter().filter(|s| unit.negated.contains(s)).count();
        let claimed = shared.iter().filter(|s| claim_negated.contains(s)).count();
        (said > 0) == (claimed > 0)
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

/// A claim that says one party said or did what only the other party did.
fn speaker(claim: &Claim, evidence: &Evidence, aligned: &[Aligned]) -> Vec<Finding> {
    let Some(subject) = claim.subject.filter(|_| {
        claim.owner.is_none() && !claim.future && claim.explicit_subject && claim.stems.len() <= MAX_FOCUSED
    }) else {
        return Vec::new();
    };
    if claim.choice {
        // "The customer chose / accepted / declined X": a yes or a no to what the other party
        // offered, whose words the customer rarely repeats.
        return Vec::new();
    }
    // Questions count here: asking is what "the customer asked" reports.
    let wanted = subject.speaker();
    let best_of = |role: SpeakerRole| {
        aligned
            .iter()
            .filter(|a| evidence.units[a.unit].speaker == role)
            .map(|a| a.score)
            .fold(0.0_f32, f32::max)
    };
    let (own, theirs) = (best_of(wanted), best_of(other(wanted)));
    if theirs < ATTRIBUTED || own >= theirs * 0.5 {
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
