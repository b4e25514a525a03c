//! What a turn asks for: questions, requests said without a question mark, and the words that
//! take back an answer ("no wait, it's ...").

use super::super::candidate::Candidate;
use super::super::lexicon::Cue;
use super::super::scan::Scan;
use super::super::token::{Class, Tokens};
use super::super::words;
use super::{Expectation, kind_of};
use crate::redact::lists::REQUEST_WORDS;
use crate::transcript::SpeakerRole;

/// For each token, the index of the next sentence end (".", "!", "?") after it, if any: one
/// backward pass, so a text of a thousand cues is not read a thousand times.
pub(super) fn sentence_ends(tokens: &Tokens<'_>) -> Vec<Option<usize>> {
    let mut ends = vec![None; tokens.len()];
    let mut next = None;
    for i in (0..tokens.len()).rev() {
        if let Some(slot) = ends.get_mut(i) {
            *slot = next;
        }
        if tokens.get(i).is_some_and(|t| t.class == Class::Punct)
            && matches!(tokens.text(i), "?" | "." | "!")
            && !abbreviation_before_number(tokens, i)
        {
            next = Some(i);
        }
    }
    ends
}

/// The full stop of a short abbreviation before a number ends no sentence: "Führerschein-Nr.
/// 24017538", "No. 4471", "Tel. 0664 318".
fn abbreviation_before_number(tokens: &Tokens<'_>, stop: usize) -> bool {
    let abbreviation = stop
        .checked_sub(1)
        .and_then(|p| tokens.get(p).map(|t| (p, t)))
        .is_some_and(|(p, t)| {
            let last_part = tokens.text(p).rsplit('-').next().unwrap_or_default();
            t.class == Class::Word
                && (1..=3).contains(&last_part.chars().count())
                && tokens.get(stop).is_some_and(|t| !t.space_before)
        });
    abbreviation && tokens.get(stop + 1).is_some_and(|n| n.class == Class::Number)
}

/// The token index of the question mark ending the sentence after token `from`, if the
/// sentence is a question.
pub(super) fn question_mark_after(tokens: &Tokens<'_>, ends: &[Option<usize>], from: usize) -> Option<usize> {
    ends.get(from)
        .copied()
        .flatten()
        .filter(|&i| tokens.text(i) == "?")
}

/// What a text asks for: its slot cues in a question ("can I have your postcode?"), and a cue
/// that ends the text unanswered ("my card number is" cut off by the speech-to-text). A label in
/// passing ("change of address" in an email subject) asks for nothing.
pub(crate) fn unanswered(scan: &Scan<'_>, found: &[Candidate]) -> Vec<Expectation> {
    let tokens = &scan.tokens;
    // Only slot and reference cues ask where their sentence ends; most utterances have none.
    let ends = if scan
        .cues
        .iter()
        .any(|h| matches!(h.cue, Cue::Slot(_) | Cue::Reference))
    {
        sentence_ends(tokens)
    } else {
        Vec::new()
    };
    let mut out: Vec<Expectation> = Vec::new();
    for hit in &scan.cues {
        let question = question_mark_after(tokens, &ends, hit.last).is_some();
        let expectation = match hit.cue {
            Cue::Slot(slot) => {
                let after = tokens.get(hit.last).map_or(0, |t| t.end);
                let kind = kind_of(slot);
                let unanswered_here = !found.iter().any(|c| c.kind == kind && c.start >= after);
                let trailing = hit.last + 3 >= tokens.len() && unanswered_here;
                // "I'll need your driving licence number as well please", "have you got your
                // date of birth there": the agent asks without a question mark.
                let requested = unanswered_here
                    && scan.speaker == Some(SpeakerRole::Agent)
                    && (requests(tokens, hit.first, hit.last) || ends_the_turn(tokens, &ends, hit.last));
                // "Should I charge the card ending in 1881?" asks for a yes, not a number.
                (question && unanswered_here || trailing || requested).then_some(Expectation::Value(slot))
            }
            Cue::Reference => question.then_some(Expectation::Reference),
            _ => None,
        };
        if let Some(e) = expectation.filter(|e| !out.contains(e)) {
            out.push(e);
        }
    }
    out
}

/// Whether the sentence around the cue at `first..=last` asks for its value: a request word
/// in it ("need", "please", "confirm", "bitte", "necesito", "merci de"), or a question without
/// its mark ("can you", "have you got").
fn requests(tokens: &Tokens<'_>, first: usize, last: usize) -> bool {
    let is_end = |i: usize| {
        tokens.get(i).is_some_and(|t| t.class == Class::Punct) && matches!(tokens.text(i), "." | "!" | "?")
    };
    // Within a sentence, and at most a long sentence's reach: speech-to-text may never end one.
    const REACH: usize = 30;
    let floor = first.saturating_sub(REACH);
    let start = (floor..first).rev().find(|&i| is_end(i)).map_or(floor, |i| i + 1);
    let ceiling = tokens.len().min(last + 1 + REACH);
    let end = (last + 1..ceiling).find(|&i| is_end(i)).unwrap_or(ceiling);
    // "diga-me", "indique-nos": the verb before its pronoun (only a word with a hyphen).
    let asks = |i: usize| {
        tokens.has(i, words::REQUEST_WORD)
            || tokens.get(i).is_some_and(|t| t.hyphen)
                && tokens
                    .lower(i)
                    .split_once('-')
                    .is_some_and(|(verb, _)| REQUEST_WORDS.contains(&verb))
    };
    (start..end).any(asks)
        || (tokens.is_one_of(start, QUESTION_LEADS) && tokens.is_one_of(start + 1, &["you", "i", "we"]))
}

/// The agent's turn ends with the sentence holding the cue: "lovely, and the last four digits
/// of the card that's missing", said without a question mark, is what the customer answers.
fn ends_the_turn(tokens: &Tokens<'_>, ends: &[Option<usize>], last: usize) -> bool {
    match ends.get(last).copied().flatten() {
        None => true,
        Some(end) => end + 1 >= tokens.len(),
    }
}

/// First words of a question said without its mark: "can you", "have you got", "could I".
const QUESTION_LEADS: &[&str] = &[
    "can", "could", "may", "would", "will", "have", "do", "did", "what's",
];
