//! What a figure is said of. A summary's figure can be in the call and still be wrong: "a
//! charge of 15 €" when the call's charge is 10 € and its 15 is the day the customer signed
//! up; "booked for Monday 17 March" when the 17th was only offered and Thursday 13 March was
//! booked. Each figure of the call is placed at its words; a claim's figure is wrong when none
//! of its places is near what the claim says it of, and another figure of the same kind is.

use super::claims::Claim;
use super::figure_places::{ClaimFigures, Figure, Placed, Reading, placed};
use super::findings::{ErrorKind, Finding, finding};
use super::numbers::word_dates;
use super::support::Support;
use super::text;
use super::words::{is_content, is_framing, is_weekday};
use crate::language::{Language, WordSpan};

/// A claim's figures at their words, dates written in words ("the fourth of March") and
/// weekdays included.
fn claim_placed(claim: &Claim, read: &ClaimFigures, language: Language) -> Vec<Placed> {
    let reading = Reading {
        text: &claim.text,
        spans: &claim.words,
        figures: &read.figures,
        mentions: &read.mentions,
        times: &read.times,
    };
    let mut out = placed(&reading, language, false);
    let tokens: Vec<&str> = claim.words.iter().map(|w| w.folded.as_str()).collect();
    for date in word_dates(&tokens) {
        let (Some(start), Some(end)) = (claim.words.get(date.first), claim.words.get(date.last)) else {
            continue;
        };
        if !out.iter().any(|p| p.first <= date.last && date.first <= p.last) {
            out.push(Placed {
                figure: Figure::Date(date.day, Some(date.month)),
                first: date.first,
                last: date.last,
                bytes: (start.start, end.end),
            });
        }
    }
    for (i, word) in claim.words.iter().enumerate() {
        if is_weekday(&word.folded) {
            out.push(Placed {
                figure: Figure::Weekday(word.folded.to_string()),
                first: i,
                last: i,
                bytes: (word.start, word.end),
            });
        }
    }
    out
}

/// How far from a figure, in words, a claim's words are read as what it is said of.
const CLAIM_REACH: usize = 6;
/// A claim's figure needs this many words of its phrase that the call says to be placed.
const TAKEN_WITH: usize = 2;
/// How many more of the claim's words another number of the call must be said with than the
/// claim's own number to have taken its place.
const NUMBER_MARGIN: usize = 2;
/// The same for dates, times and weekdays: a call offers several slots with the same words
/// around them ("the first available is ..., or ..."), so a date needs a clearer lead.
const DATE_MARGIN: usize = 3;

/// The claim's figures that the call says of something else.
pub(super) fn misplaced(claim: &Claim, read: &ClaimFigures, support: &Support) -> Vec<Finding> {
    let text = claim.text.as_str();
    let own = claim_placed(claim, read, support.language);
    let mut found = Vec::new();
    for figure in &own {
        let anchors = anchors(claim, figure, &own, support);
        if anchors.len() < TAKEN_WITH {
            continue;
        }
        let shown = text.get(figure.bytes.0..figure.bytes.1).unwrap_or_default();
        let own_best = own_best(figure, shown, &anchors, support);
        let margin = match figure.figure {
            Figure::Number(..) => NUMBER_MARGIN,
            _ => DATE_MARGIN,
        };
        let rival = support
            .placed()
            .iter()
            .filter(|p| {
                figure.figure.same_kind(&p.figure)
                    && !own
                        .iter()
                        .any(|o| o.figure.matches(&p.figure) || o.figure.has_part(&p.figure))
                    && p.figure.could_be_mistaken()
            })
            .map(|p| (support.near(p, &anchors), p))
            .filter(|(n, _)| *n >= own_best + margin)
            .max_by_key(|(n, _)| *n);
        if let Some((_, rival)) = rival {
            let mut finding = finding(
                kind_of(&figure.figure),
                claim,
                format!("the call says {} of this, not {shown:?}", rival.figure),
                vec![rival.utterance],
            );
            finding.value = Some(shown.to_owned());
            found.push(finding);
        }
    }
    found
}

/// How near the claim's words the call says the claim's figure: at its words where the call
/// places it; where it does not (a sum said in parts, "forty two eighteen"), in the whole
/// utterance that says it.
fn own_best(figure: &Placed, shown: &str, anchors: &[u32], support: &Support) -> usize {
    let placed = support
        .placed()
        .iter()
        .filter(|p| p.figure.matches(&figure.figure))
        .map(|p| support.near(p, anchors))
        .max();
    match (placed, &figure.figure) {
        (Some(best), _) => best,
        (None, Figure::Number(value, _)) => support
            .utterances_saying(value, shown)
            .into_iter()
            .map(|i| support.said_with(i, anchors))
            .max()
            .unwrap_or(0),
        (None, _) => 0,
    }
}

/// The ids of the claim's content words near a figure: what it is said of.
fn anchors(claim: &Claim, figure: &Placed, own: &[Placed], support: &Support) -> Vec<u32> {
    let language = support.language;
    let from = figure.first.saturating_sub(CLAIM_REACH);
    let to = figure.last + CLAIM_REACH;
    // Only words of the figure's own phrase: not across a comma, a colon or a bracket.
    let (Some(first), Some(last)) = (claim.words.get(figure.first), claim.words.get(figure.last)) else {
        return Vec::new();
    };
    let same_phrase = |w: &WordSpan| {
        let gap = if w.end <= first.start {
            claim.text.get(w.end..first.start)
        } else {
            claim.text.get(last.end..w.start.max(last.end))
        };
        gap.is_some_and(|g| !g.contains([',', ';', ':', '(', ')', '–']))
    };
    let mut ids: Vec<u32> = claim
        .words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            (from..=to).contains(i) && !own.iter().any(|o| (o.first..=o.last).contains(i)) && same_phrase(w)
        })
        .map(|(_, w)| w.folded.as_str())
        .filter(|w| {
            is_content(language, w)
                && !is_framing(language, w)
                && text::month(w, false).is_none()
                && !is_weekday(w)
        })
        .filter_map(|w| support.stem_id(&language.stem(w)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The kind of error a misplaced figure is.
fn kind_of(figure: &Figure) -> ErrorKind {
    match figure {
        Figure::Number(..) => ErrorKind::Amount,
        _ => ErrorKind::Date,
    }
}
