//! Splits a transcript into sentences and classifies each: IVR, pleasantry, identity answer,
//! filler, minor or substantive.

use std::ops::Range;

use super::lexicon::{FILLER, IDENTITY_ASK, PLEASANTRY, QUESTION_START, QUOTED_HISTORY, SALUTATION};
use super::text::{self, Token};
use crate::transcript::{Channel, SpeakerRole, Transcript};

/// Sentences longer than this (unpunctuated ASR output) are broken into pieces.
const MAX_SENTENCE_WORDS: usize = 40;
/// Pieces longer than this (in bytes) are cut, whatever their word count.
const MAX_SENTENCE_BYTES: usize = 400;
/// A break inside an over-long sentence prefers a comma at least this many words in.
const MIN_PIECE_WORDS: usize = 12;
/// Content words a sentence needs to carry information on its own.
pub(crate) const SUBSTANTIVE_CONTENT_WORDS: usize = 3;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "approx", "inc", "ltd", "co",
    "a.m", "p.m", "dept", "ref", "tel", "ave",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Said by an IVR or bot.
    Ivr,
    /// Greetings, closings, courtesy, IVR-like prompts.
    Pleasantry,
    /// A customer's answer to an identity or contact question (names, numbers, markers).
    Identity,
    /// In-call process talk ("let me check", "one moment").
    Filler,
    /// Fewer than [`SUBSTANTIVE_CONTENT_WORDS`] content words.
    Minor,
    Substantive,
}

#[derive(Debug, Clone)]
pub(crate) struct Sentence<'a> {
    /// Position in the conversation.
    pub order: usize,
    pub utterance: usize,
    pub speaker: SpeakerRole,
    /// The sentence as said: a slice of the utterance text.
    pub text: &'a str,
    /// `text`, ASCII-lowercased (same byte offsets).
    pub lower: String,
    pub tokens: Vec<Token>,
    /// Stems of the content words, in order, with repeats.
    pub stems: Vec<String>,
    pub kind: Kind,
    pub question: bool,
}

impl Sentence<'_> {
    pub(crate) fn is_candidate(&self) -> bool {
        matches!(self.kind, Kind::Substantive | Kind::Filler)
    }

    /// Worth reading at all: not IVR, courtesy or identity details, and says something.
    pub(crate) fn is_informative(&self) -> bool {
        !matches!(self.kind, Kind::Ivr | Kind::Pleasantry | Kind::Identity) && !self.stems.is_empty()
    }
}

/// Every sentence of the transcript, in conversation order.
pub(crate) fn analyse(transcript: &Transcript) -> Vec<Sentence<'_>> {
    let mut sentences = Vec::with_capacity(transcript.utterances.len() * 2);
    let mut identity_asked = false;
    for (index, utterance) in transcript.utterances.iter().enumerate() {
        let text = utterance.text.as_str();
        let lower = text.to_ascii_lowercase();
        let speaker = utterance.speaker;
        let answers_identity = identity_asked && speaker == SpeakerRole::Customer;
        let mut first_in_utterance = true;
        let mut asks_identity = false;
        for region in regions(text, &lower, transcript.media_type) {
            for range in split_sentences_in(text, region) {
                let Some((range, salutation)) = strip_salutation(text, &lower, range) else {
                    continue;
                };
                let Some(sentence_text) = text.get(range.clone()) else {
                    continue;
                };
                let sentence_lower = lower.get(range).unwrap_or_default().to_string();
                let greeted = salutation != Salutation::None;
                let mut sentence = build(
                    sentences.len(),
                    index,
                    speaker,
                    sentence_text,
                    sentence_lower,
                    greeted,
                );
                if salutation == Salutation::Whole && sentence.kind != Kind::Ivr {
                    sentence.kind = Kind::Pleasantry;
                }
                if speaker == SpeakerRole::Agent && IDENTITY_ASK.is_match(&sentence.lower) {
                    asks_identity = true;
                }
                let has_marker = sentence.tokens.iter().any(|t| t.marker);
                if answers_identity && (first_in_utterance || has_marker) && sentence.kind != Kind::Pleasantry
                {
                    sentence.kind = Kind::Identity;
                }
                first_in_utterance = false;
                sentences.push(sentence);
            }
        }
        match speaker {
            SpeakerRole::Agent => identity_asked = asks_identity,
            SpeakerRole::Customer => identity_asked = false,
            SpeakerRole::IvrBot | SpeakerRole::Other => {}
        }
    }
    sentences
}

fn build<'a>(
    order: usize,
    utterance: usize,
    speaker: SpeakerRole,
    text: &'a str,
    lower: String,
    greeted: bool,
) -> Sentence<'a> {
    let tokens = text::tokenize(text);
    let stems: Vec<String> = tokens
        .iter()
        .filter(|t| !t.marker)
        .filter_map(|t| text.get(t.start..t.end))
        .map(text::normalise_word)
        .filter(|w| text::is_content_word(text::strip_possessive(w)))
        .map(|w| text::stem(&w))
        .collect();
    let question = text.trim_end().ends_with('?') || QUESTION_START.is_match(&lower);
    let kind = if speaker == SpeakerRole::IvrBot {
        Kind::Ivr
    } else if PLEASANTRY.is_match(&lower) || (greeted && stems.len() < SUBSTANTIVE_CONTENT_WORDS) {
        Kind::Pleasantry
    } else if FILLER.is_match(&lower) {
        Kind::Filler
    } else if stems.len() < SUBSTANTIVE_CONTENT_WORDS {
        Kind::Minor
    } else {
        Kind::Substantive
    };
    Sentence {
        order,
        utterance,
        speaker,
        text,
        lower,
        tokens,
        stems,
        kind,
        question,
    }
}

/// The parts of a message that are its own words: quoted email history is left out.
fn regions(text: &str, lower: &str, channel: Channel) -> Vec<Range<usize>> {
    if text.contains('\n') {
        let mut out = Vec::new();
        let mut offset = 0;
        for line in lower.split('\n') {
            let range = offset..offset + line.len();
            offset = range.end + 1;
            let trimmed = line.trim_start();
            if trimmed.starts_with('>') {
                continue;
            }
            if let Some(m) = QUOTED_HISTORY.find(line) {
                // "On <date>, <name> wrote:" and the like: everything after is history.
                out.push(range.start..range.start + m.start());
                break;
            }
            out.push(range);
        }
        return out;
    }
    let end = match channel {
        Channel::Email => QUOTED_HISTORY.find(lower).map_or(text.len(), |m| m.start()),
        _ => text.len(),
    };
    // One region: the whole message (up to any quoted history).
    std::iter::once(0..end).collect()
}

/// Sentence byte ranges within `region` of `text`, trimmed, over-long ones broken up.
fn split_sentences_in(text: &str, region: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let end = region.end.min(bytes.len());
    let mut out = Vec::new();
    let mut start = region.start;
    let mut i = region.start;
    while i < end {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < end {
                let rest = text.get(j..end).unwrap_or("");
                if let Some(c) = rest
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '”' | '’'))
                {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let at_boundary = j >= end || bytes.get(j).is_some_and(|c| c.is_ascii_whitespace());
            if at_boundary && !(b == b'.' && j == i + 1 && is_abbreviation(text, start, i)) {
                push_trimmed(text, start..j, &mut out);
                start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..end, &mut out);
    out
}

fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let before = text.get(sentence_start..dot).unwrap_or("");
    let word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let leading = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + leading;
    break_long(text, start..start + trimmed.len(), out);
}

/// Breaks an over-long piece at a comma when one falls late enough, else at the word limit.
fn break_long(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    loop {
        let Some(rest) = text.get(start..range.end) else {
            return;
        };
        let word_ends: Vec<usize> = rest
            .char_indices()
            // Only the first piece matters, and it is never longer than MAX_SENTENCE_BYTES.
            .take_while(|(k, _)| *k <= MAX_SENTENCE_BYTES)
            .filter(|(_, c)| c.is_whitespace())
            .map(|(k, _)| k)
            .filter(|k| rest.get(..*k).is_some_and(|s| !s.ends_with(char::is_whitespace)))
            .take(MAX_SENTENCE_WORDS)
            .collect();
        if word_ends.len() < MAX_SENTENCE_WORDS && rest.len() <= MAX_SENTENCE_BYTES {
            out.push(start..range.end);
            return;
        }
        let limit = word_ends
            .get(MAX_SENTENCE_WORDS - 1)
            .copied()
            .unwrap_or(rest.len());
        let comma = word_ends
            .iter()
            .skip(MIN_PIECE_WORDS)
            .rev()
            .find(|k| rest.get(..**k).is_some_and(|s| s.ends_with([',', ';', ':'])))
            .copied();
        let cut = char_capped(rest, comma.unwrap_or(limit));
        out.push(start..start + cut);
        let next = rest.get(cut..).map_or(0, |s| s.len() - s.trim_start().len());
        start += cut + next;
        if start >= range.end {
            return;
        }
    }
}

/// `cut`, or an earlier cut when the piece would exceed [`MAX_SENTENCE_BYTES`] (a run-on "word"):
/// at the last space within the limit, else at a character boundary. Never 0 for a non-empty text.
fn char_capped(rest: &str, cut: usize) -> usize {
    if cut <= MAX_SENTENCE_BYTES && cut > 0 {
        return cut;
    }
    let boundary = (1..=MAX_SENTENCE_BYTES.min(rest.len()))
        .rev()
        .find(|i| rest.is_char_boundary(*i));
    let Some(boundary) = boundary else {
        return rest.len();
    };
    let head = rest.get(..boundary).unwrap_or(rest);
    head.rfind(char::is_whitespace)
        .filter(|i| *i > 0)
        .unwrap_or(boundary)
}

/// Drops an opening salutation ("Hi Alex, ..."). A sentence that is only a salutation ("Hello
/// Acme support,") stays whole and is flagged, so it is classified as a pleasantry.
fn strip_salutation(text: &str, lower: &str, range: Range<usize>) -> Option<(Range<usize>, Salutation)> {
    let sentence_lower = lower.get(range.clone())?;
    let whole_salutation = |end: usize| {
        sentence_lower
            .get(end..)
            .is_none_or(|rest| rest.trim().is_empty())
    };
    match SALUTATION.find(sentence_lower) {
        Some(m) if whole_salutation(m.end()) => Some((range, Salutation::Whole)),
        Some(m) => {
            let start = range.start + m.end();
            text.get(start..range.end)?;
            Some((start..range.end, Salutation::Stripped))
        }
        None => Some((range, Salutation::None)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Salutation {
    None,
    /// Removed from the start of the sentence.
    Stripped,
    /// The sentence is nothing but a salutation.
    Whole,
}

/// The sentences of a free text (a Copilot summary), trimmed; quoted history is not expected.
pub(crate) fn split_text(text: &str) -> Vec<&str> {
    split_sentences_in(text, 0..text.len())
        .into_iter()
        .filter_map(|r| text.get(r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_terminal_punctuation_but_not_abbreviations_or_amounts() {
        let text = "I paid $45.99 to Dr. Smith. Is that right?! Yes. He said \"fine.\" Ok";
        assert_eq!(
            split_text(text),
            vec![
                "I paid $45.99 to Dr. Smith.",
                "Is that right?!",
                "Yes.",
                "He said \"fine.\"",
                "Ok"
            ]
        );
        assert!(split_text("").is_empty());
        assert!(split_text("   ").is_empty());
    }

    #[test]
    fn breaks_unpunctuated_speech() {
        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        let pieces = split_text(&text);
        assert_eq!(pieces.len(), 3);
        assert!(
            pieces
                .iter()
                .all(|p| p.split_whitespace().count() <= MAX_SENTENCE_WORDS)
        );
        assert_eq!(pieces.join(" "), text);

        let with_comma = format!("{}, {}", words[..20].join(" "), words[20..60].join(" "));
        let pieces = split_text(&with_comma);
        assert!(pieces[0].ends_with("w19,"), "{:?}", pieces[0]);
    }

    #[test]
    fn quoted_email_history_is_left_out() {
        let text = "Thanks, that fixed it.\n> On Monday you wrote:\n> my router is broken";
        let lower = text.to_ascii_lowercase();
        assert_eq!(
            regions(text, &lower, Channel::Email),
            std::iter::once(0..22).collect::<Vec<_>>()
        );
        let flat = "Thanks, that fixed it. On Mon, Jun 9, 2025 at 10:00 Bob wrote: my router is broken";
        let lower = flat.to_ascii_lowercase();
        let r = regions(flat, &lower, Channel::Email);
        assert_eq!(&flat[r[0].clone()], "Thanks, that fixed it. ");
        let r = regions(flat, &lower, Channel::Chat);
        assert_eq!(r.len(), 1);
        assert_eq!(r.first(), Some(&(0..flat.len())));
    }
}
