//! Splits a transcript into sentences and classifies each: IVR, pleasantry, identity answer,
//! filler, minor or substantive.

use std::borrow::Cow;
use std::ops::Range;

use super::lexicon::{QUOTED_HISTORY, SALUTATION, SentenceCues, sentence_cues};
#[cfg(test)]
use super::split::{MAX_SENTENCE_WORDS, split_text};
use super::split::{Splits, split_sentences_in};
use super::text::{self, Token};
use crate::transcript::{Channel, SpeakerRole, Transcript};

/// Content words a sentence needs to carry information on its own.
pub(crate) const SUBSTANTIVE_CONTENT_WORDS: usize = 3;

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
    /// The sentence as said: a slice of the utterance text.
    pub text: &'a str,
    /// `text`, ASCII-lowercased (same byte offsets): a slice of the [`Lowercase`] copy.
    pub lower: &'a str,
    pub tokens: Vec<Token>,
    /// Stems of the content words, in order, with repeats; borrowed from `lower` but for words
    /// that need Unicode lowercasing.
    pub stems: Vec<Cow<'a, str>>,
    pub kind: Kind,
}

impl Sentence<'_> {
    /// Worth reading at all: not IVR, courtesy or identity details, and says something.
    pub(crate) fn is_informative(&self) -> bool {
        !matches!(self.kind, Kind::Ivr | Kind::Pleasantry | Kind::Identity) && !self.stems.is_empty()
    }
}

/// Every utterance's text ASCII-lowercased (same byte offsets), in one buffer: the sentences
/// borrow their lowercase text and stems from it instead of allocating their own.
pub(crate) struct Lowercase {
    text: String,
    /// Where each utterance ends in `text`.
    ends: Vec<usize>,
}

impl Lowercase {
    pub(crate) fn of(transcript: &Transcript) -> Self {
        let mut text = String::with_capacity(transcript.text_len());
        let mut ends = Vec::with_capacity(transcript.utterances.len());
        for utterance in &transcript.utterances {
            let from = text.len();
            text.push_str(&utterance.text);
            if let Some(added) = text.get_mut(from..) {
                added.make_ascii_lowercase();
            }
            ends.push(text.len());
        }
        Lowercase { text, ends }
    }

    /// The utterances' lowercase texts, in order.
    fn utterances(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, end)| self.text.get(start..*end).unwrap_or_default())
    }
}

/// Every sentence of the transcript, in conversation order. `lowercase` is [`Lowercase::of`] the
/// same transcript.
pub(crate) fn analyse<'a>(transcript: &'a Transcript, lowercase: &'a Lowercase) -> Vec<Sentence<'a>> {
    analyse_split(transcript, lowercase, &Splits::none())
}

/// [`analyse`], with the utterances' sentences split once for the summariser's readers.
pub(crate) fn analyse_split<'a>(
    transcript: &'a Transcript,
    lowercase: &'a Lowercase,
    splits: &Splits,
) -> Vec<Sentence<'a>> {
    let mut sentences = Vec::with_capacity(transcript.utterances.len() * 2);
    let mut identity_asked = false;
    // Reused for every utterance whose regions are not its whole text.
    let mut region_ranges = Vec::new();
    let utterances = transcript.utterances.iter().zip(lowercase.utterances());
    for (index, (utterance, lower)) in utterances.enumerate() {
        let text = utterance.text.as_str();
        let speaker = utterance.speaker;
        let answers_identity = identity_asked && speaker == SpeakerRole::Customer;
        let mut first_in_utterance = true;
        let mut asks_identity = false;
        let regions = regions(text, lower, transcript.media_type);
        let whole = regions.len() == 1 && regions.first() == Some(&(0..text.len()));
        let ranges = match splits.of_utterance(index).filter(|_| whole) {
            Some(ranges) => ranges,
            None => {
                region_ranges.clear();
                for region in regions {
                    split_sentences_in(text, region, &mut region_ranges);
                }
                &region_ranges
            }
        };
        for range in ranges.iter().cloned() {
            let Some((range, salutation)) = strip_salutation(text, lower, range) else {
                continue;
            };
            let Some(sentence_text) = text.get(range.clone()) else {
                continue;
            };
            let sentence_lower = lower.get(range).unwrap_or_default();
            let greeted = salutation != Salutation::None;
            let cues = sentence_cues(sentence_lower);
            let mut sentence = build(
                sentences.len(),
                speaker,
                sentence_text,
                sentence_lower,
                greeted,
                cues,
            );
            if salutation == Salutation::Whole && sentence.kind != Kind::Ivr {
                sentence.kind = Kind::Pleasantry;
            }
            if speaker == SpeakerRole::Agent && cues.identity_ask {
                asks_identity = true;
            }
            let has_marker = sentence.tokens.iter().any(|t| t.marker);
            if answers_identity && (first_in_utterance || has_marker) && sentence.kind != Kind::Pleasantry {
                sentence.kind = Kind::Identity;
            }
            first_in_utterance = false;
            sentences.push(sentence);
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
    speaker: SpeakerRole,
    text: &'a str,
    lower: &'a str,
    greeted: bool,
    cues: SentenceCues,
) -> Sentence<'a> {
    let tokens = text::tokenize(text);
    // Sized once: growing it word by word was a visible share of the time.
    let mut stems: Vec<Cow<'a, str>> = Vec::with_capacity(tokens.len());
    stems.extend(
        tokens
            .iter()
            .filter(|t| !t.marker)
            .filter_map(|t| text::normalised_word(text, lower, t.start, t.end, t.ascii))
            .filter(|w| text::is_content_word(text::strip_possessive(w)))
            .map(|w| text::stem_of(&w)),
    );
    let kind = if speaker == SpeakerRole::IvrBot {
        Kind::Ivr
    } else if cues.pleasantry || (greeted && stems.len() < SUBSTANTIVE_CONTENT_WORDS) {
        Kind::Pleasantry
    } else if cues.filler {
        Kind::Filler
    } else if stems.len() < SUBSTANTIVE_CONTENT_WORDS {
        Kind::Minor
    } else {
        Kind::Substantive
    };
    Sentence {
        order,
        text,
        lower,
        tokens,
        stems,
        kind,
    }
}

/// A message's own parts: one for most, held in place (this runs for every utterance).
type Regions = smallvec::SmallVec<[Range<usize>; 2]>;

/// The parts of a message that are its own words: quoted email history is left out.
fn regions(text: &str, lower: &str, channel: Channel) -> Regions {
    if text.contains('\n') {
        let mut out = Regions::new();
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
            std::iter::once(0..22).collect::<Regions>()
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
