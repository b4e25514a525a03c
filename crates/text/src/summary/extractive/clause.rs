//! The transcript as the summary reads it: each utterance's own words (no quoted email history,
//! subject lines or signatures), cut into sentences and clauses, with fillers, false starts and
//! discourse openers marked so that rewriting leaves them out.

use compact_str::CompactString;
use std::ops::Range;

use super::email::own_words;
use super::lang::Rules;
use super::parsed::{
    CLAUSE_START, CONJUNCTION, DETERMINER, FILLER, HEDGE, LOADED, OPENER, SALUTATION, SUBORDINATOR, TITLE,
};
pub(crate) use super::parsed::{Clause, Sentence, Word};
use super::split::{Splits, split_sentences_in};
use crate::language::{Language, words};
use crate::transcript::{SpeakerRole, Transcript};

/// Longest redaction marker we recognise (`[ADDRESS_12]`).
const MAX_MARKER_LEN: usize = 40;

/// Every sentence of the transcript's agent and customer utterances, in order.
pub(crate) fn sentences<'a>(
    transcript: &'a Transcript,
    language: Language,
    rules: &dyn Rules,
) -> Vec<Sentence<'a>> {
    sentences_of(transcript, language, rules, &Splits::none())
}

/// [`sentences`], with the utterances' sentences split once for the summariser's readers.
pub(crate) fn sentences_of<'a>(
    transcript: &'a Transcript,
    language: Language,
    rules: &dyn Rules,
    splits: &Splits,
) -> Vec<Sentence<'a>> {
    let lexicon = rules.lexicon();
    let mut out = Vec::with_capacity(transcript.utterances.len() * 2);
    let mut own_ranges = Vec::new();
    for (index, utterance) in transcript.utterances.iter().enumerate() {
        if !matches!(utterance.speaker, SpeakerRole::Agent | SpeakerRole::Customer) {
            continue;
        }
        let text = utterance.text.as_str();
        let own = own_words(text, transcript.media_type);
        let split = splits.of_utterance(index).filter(|_| own == (0..text.len()));
        let ranges = match split {
            Some(ranges) => ranges,
            None => {
                own_ranges.clear();
                split_sentences_in(text, own, &mut own_ranges);
                &own_ranges
            }
        };
        for range in ranges {
            let Some(sentence_text) = text.get(range.clone()) else {
                continue;
            };
            let mut words = tokens(sentence_text, language);
            if words.is_empty() {
                continue;
            }
            for word in &mut words {
                word.class = lexicon.class_of(&word.folded);
            }
            mark_skips(sentence_text, &mut words);
            let tag = super::tags::tag_start(sentence_text, &words, lexicon.tags);
            for word in words.iter_mut().skip(tag.unwrap_or(usize::MAX)) {
                word.skip = true;
            }
            let clauses = split_clauses(sentence_text, &mut words);
            // Speech transcripts drop question marks: "do you want to keep the Time of Day plan".
            let question = tag.is_none()
                && (sentence_text.trim_end().ends_with('?')
                    || crate::language::interrogative(language, sentence_text, &words));
            out.push(Sentence {
                text: sentence_text,
                words,
                speaker: utterance.speaker,
                utterance: index,
                order: out.len(),
                question,
                channel: transcript.media_type,
                clauses,
            });
        }
    }
    out
}

/// The sentence's words, redaction markers as single words.
fn tokens(text: &str, language: Language) -> Vec<Word> {
    let markers = marker_spans(text);
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 5 + 1);
    let mut next_marker = markers.iter().peekable();
    for span in words(text, language) {
        while let Some(marker) = next_marker.peek() {
            if marker.start > span.start {
                break;
            }
            if marker.end > span.start {
                break;
            }
            push_marker(text, marker, &mut out);
            next_marker.next();
        }
        if let Some(marker) = next_marker.peek()
            && marker.start <= span.start
            && span.end <= marker.end
        {
            // Inside a marker: the marker stands for it.
            continue;
        }
        let capitalised = text
            .get(span.start..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase);
        out.push(Word {
            start: span.start,
            end: span.end,
            folded: span.folded,
            marker: false,
            capitalised,
            skip: false,
            joins: false,
            class: 0,
        });
    }
    for marker in next_marker {
        push_marker(text, marker, &mut out);
    }
    out.sort_by_key(|w| w.start);
    out.dedup_by_key(|w| w.start);
    out
}

fn push_marker(text: &str, span: &Range<usize>, out: &mut Vec<Word>) {
    if out.last().is_some_and(|w| w.start == span.start) {
        return;
    }
    out.push(Word {
        start: span.start,
        end: span.end,
        folded: CompactString::from(text.get(span.clone()).unwrap_or_default()),
        marker: true,
        capitalised: true,
        skip: false,
        joins: false,
        class: 0,
    });
}

/// Byte ranges of the redaction markers (`[NAME_1]`, `[CARD]`) in `text`.
fn marker_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|b| *b == b'['))
    {
        let open = i + offset;
        let inner = bytes.get(open + 1..).unwrap_or_default();
        let close = inner
            .iter()
            .take(MAX_MARKER_LEN)
            .position(|b| !(b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_'));
        match close {
            Some(k) if k > 0 && inner.get(k) == Some(&b']') => {
                out.push(open..open + k + 2);
                i = open + k + 2;
            }
            _ => i = open + 1,
        }
    }
    out
}

/// Marks fillers ("um"), hedges set off by commas (", like,"), immediate repeats (false starts:
/// "I — I", "the the") and the discourse openers of the sentence's start.
fn mark_skips(text: &str, words: &mut [Word]) {
    for i in 0..words.len() {
        let (skip_filler, skip_hedge) = {
            let Some(w) = words.get(i) else { continue };
            let filler = w.is(FILLER);
            let hedge = w.is(HEDGE)
                && gap_before(text, words, i).contains(',')
                && gap_after(text, words, i).contains(',');
            (filler, hedge)
        };
        if let Some(w) = words.get_mut(i) {
            w.skip |= skip_filler || skip_hedge;
        }
    }
    skip_loaded_remarks(words);
    // A word said again right away, with nothing but a pause, a dash or a comma between, is a
    // false start. Numbers repeat on purpose ("double zero" is not one).
    let live: smallvec::SmallVec<[usize; 32]> = (0..words.len())
        .filter(|i| words.get(*i).is_some_and(|w| !w.skip))
        .collect();
    for pair in live.windows(2) {
        let (Some(&a), Some(&b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let (Some(first), Some(second)) = (words.get(a), words.get(b)) else {
            continue;
        };
        let between = text.get(first.end..second.start).unwrap_or_default();
        let pause = between
            .chars()
            // Letters between two live words are skipped fillers: "a, uh, a".
            .all(|c| c.is_whitespace() || c.is_alphabetic() || matches!(c, ',' | '-' | '—' | '–' | '.'));
        if first.folded == second.folded
            && !first.numeric()
            && !first.marker
            && pause
            && !between.contains(". ")
            && !read_out(text, first)
            && let Some(w) = words.get_mut(a)
        {
            w.skip = true;
        }
    }
}

/// A remark made of a loaded word ("... for 2 months which is crazy", "that's ridiculous"):
/// how the customer felt, which the summary's sentiment says; its words are left out.
fn skip_loaded_remarks(words: &mut [Word]) {
    /// Words between the remark's opener and its loaded word: "which is just crazy".
    const BETWEEN: &[&str] = &[
        "is",
        "was",
        "just",
        "really",
        "so",
        "absolutely",
        "completely",
        "totally",
    ];
    const OPENERS: &[&str] = &["which", "that's", "thats", "it's", "its"];
    for i in 0..words.len() {
        if !words.get(i).is_some_and(|w| w.is(LOADED)) {
            continue;
        }
        let start = (i.saturating_sub(4)..i)
            .rev()
            .take_while(|k| {
                *k + 1 == i
                    || words
                        .get(*k + 1)
                        .is_some_and(|w| BETWEEN.contains(&w.folded.as_str()))
            })
            .find(|k| {
                words
                    .get(*k)
                    .is_some_and(|w| OPENERS.contains(&w.folded.as_str()))
            });
        if let Some(start) = start {
            for w in words.get_mut(start..=i).into_iter().flatten() {
                w.skip = true;
            }
        }
    }
}

/// A word of a code or number read out, which may repeat: a number word ("null null", "four
/// four", "sette sette") or a capital letter spelled ("L L"; not "I").
fn read_out(text: &str, word: &Word) -> bool {
    let surface = text.get(word.start..word.end).unwrap_or_default();
    let spelled = surface.chars().count() == 1 && surface != "I" && surface.chars().all(char::is_uppercase);
    spelled || !crate::redact::figures::figures(&word.folded).numbers.is_empty()
}

fn gap_before<'t>(text: &'t str, words: &[Word], i: usize) -> &'t str {
    let end = words.get(i).map_or(0, |w| w.start);
    let start = i.checked_sub(1).and_then(|p| words.get(p)).map_or(0, |w| w.end);
    text.get(start..end).unwrap_or_default()
}

fn gap_after<'t>(text: &'t str, words: &[Word], i: usize) -> &'t str {
    let start = words.get(i).map_or(0, |w| w.end);
    let end = words.get(i + 1).map_or(text.len(), |w| w.start);
    text.get(start..end).unwrap_or_default()
}

/// Cuts the sentence where a new clause starts: after `;`, `:` and dashes, and before a clause
/// opener (a subject pronoun, "please") that follows a comma or a conjunction. Each clause's
/// leading openers ("okay so", "and", "yes,") are marked skipped.
fn split_clauses(text: &str, words: &mut [Word]) -> Vec<Range<usize>> {
    // In place: a sentence has a few clauses, and this runs for every sentence of a call.
    let mut starts: smallvec::SmallVec<[usize; 8]> = smallvec::smallvec![0];
    for i in 1..words.len() {
        let gap = gap_before(text, words, i);
        // Most words follow a single space: nothing to look for in it.
        let spaced = gap == " ";
        let hard = !spaced
            && (gap.contains(';')
                || gap.contains(": ")
                || gap.contains(" — ")
                || gap.contains(" – ")
                || gap.contains(" - "));
        let Some(word) = words.get(i) else { continue };
        let determiner = word.is(DETERMINER);
        let opens = word.is(CLAUSE_START) && !determiner;
        let after_comma = !spaced && gap.contains(',');
        let previous_is_conjunction = words.get(i - 1).is_some_and(|p| p.is(CONJUNCTION));
        // "Total deductions: 46,850 The approved amount will ...": an email's lines run together
        // once its line breaks are gone; a capitalised opener after a figure starts anew.
        let after_figure = word.capitalised
            && (determiner || opens)
            && word.folded != "i"
            && words.get(i - 1).is_some_and(Word::numeric);
        if hard || (opens && after_comma) || after_figure {
            starts.push(i);
        } else if (opens || determiner) && previous_is_conjunction && i >= 2 {
            // The conjunction opens the new clause (and is skipped there as an opener).
            starts.push(i - 1);
        } else if word.is(CONJUNCTION)
            && (after_comma && words.get(i + 1).is_some_and(|n| n.is(CLAUSE_START | DETERMINER))
                // "... vorher da und bringen Sie die E-Card mit": a polite order of its own.
                || words.get(i + 2).is_some_and(|n| matches!(n.folded.as_str(), "sie" | "u")))
        {
            starts.push(i);
        }
    }
    starts.dedup();
    let mut clauses: smallvec::SmallVec<[Range<usize>; 8]> = smallvec::SmallVec::new();
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(words.len());
        if end > *start {
            clauses.push(*start..end);
        }
    }
    for clause in &clauses {
        skip_openers(text, words, clause.clone());
    }
    // A clause of nothing but skipped words ("and I —" before "I don't") joins the next one.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(clauses.len());
    let mut pending: Option<usize> = None;
    for clause in clauses {
        let start = pending.take().unwrap_or(clause.start);
        let silent = words
            .get(clause.clone())
            .is_some_and(|ws| ws.iter().all(|w| w.skip));
        if silent {
            pending = Some(start);
        } else {
            merged.push(start..clause.end);
        }
    }
    if let (Some(start), Some(last)) = (pending, merged.last_mut()) {
        last.end = words.len().max(start);
    }
    merged
}

/// Marks the clause's leading openers skipped: conjunctions, interjections and acknowledgements
/// ("and", "oh", "okay so", "yes,", "perfect,"), and a vocative marker ("[NAME_1],").
fn skip_openers(text: &str, words: &mut [Word], clause: Range<usize>) {
    let mut i = clause.start;
    while i < clause.end {
        let Some(word) = words.get(i) else { break };
        if word.skip {
            i += 1;
            continue;
        }
        let next_gap = gap_after(text, words, i);
        let set_off = next_gap.contains(',') || next_gap.contains('!') || next_gap.contains("...");
        let opener = word.is(OPENER);
        let conjunction = word.is(CONJUNCTION);
        // "alright Mr [NAME], the assessor will go": an opener before a form of address. The
        // next word said, past fillers: "yeah um I think ...".
        let next_opens = words
            .get(i + 1..clause.end)
            .and_then(|rest| rest.iter().find(|n| !n.skip))
            .is_some_and(|n| n.is(OPENER | CLAUSE_START | TITLE));
        let vocative = (word.marker || word.is(TITLE)) && set_off;
        if word.is(SALUTATION)
            && let Some(comma) = (i..clause.end.min(i + 5)).find(|j| gap_after(text, words, *j).contains(','))
        {
            for j in i..=comma {
                if let Some(w) = words.get_mut(j) {
                    w.skip = true;
                }
            }
            i = comma + 1;
            continue;
        }
        if word.is(SALUTATION) {
            // "hi Eoin my bill is ...", "Hi my parcel says ...": a greeting without a comma,
            // with the name it greets when one follows before the clause proper.
            if let Some(w) = words.get_mut(i) {
                w.skip = true;
            }
            let named = words.get(i + 1).is_some_and(|n| {
                n.marker || (n.capitalised && !n.is(OPENER | CLAUSE_START | DETERMINER | TITLE))
            }) && words.get(i + 2).is_some_and(|n| n.is(CLAUSE_START | DETERMINER));
            if named && let Some(w) = words.get_mut(i + 1) {
                w.skip = true;
            }
            i += if named { 2 } else { 1 };
            continue;
        }
        // "yeah hi Bree it's [NAME_2] I think I've lost my card": the caller saying who they
        // are before the clause proper.
        let introduces = matches!(word.folded.as_str(), "it's" | "its" | "i'm" | "im")
            && words.get(i + 1).is_some_and(|n| n.marker)
            && words.get(i + 2).is_some_and(|n| n.is(CLAUSE_START));
        let vocative_title = introduces || (word.is(TITLE) && words.get(i + 1).is_some_and(|n| n.marker));
        if vocative_title {
            if let Some(w) = words.get_mut(i) {
                w.skip = true;
            }
            if let Some(w) = words.get_mut(i + 1) {
                w.skip = true;
            }
            i += 2;
            continue;
        }
        // Spanish "si" is "yes" and "if": without a comma after it, it opens a condition.
        let bare = !word.is(SUBORDINATOR) && (next_opens || i + 1 == clause.end);
        if conjunction || vocative || (opener && (set_off || bare)) {
            if let Some(w) = words.get_mut(i) {
                w.skip = true;
                w.joins = conjunction && i == clause.start;
            }
            i += 1;
            continue;
        }
        break;
    }
}

#[cfg(test)]
#[path = "clause_tests.rs"]
mod tests;
