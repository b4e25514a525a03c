//! Splitting text into sentences: at terminal punctuation (not after abbreviations such as
//! "Dr."), with over-long unpunctuated speech broken into pieces.

use std::ops::Range;

use crate::ragged::Ragged;

/// Sentences longer than this (unpunctuated ASR output) are broken into pieces.
pub(super) const MAX_SENTENCE_WORDS: usize = 40;
/// Pieces longer than this (in bytes) are cut, whatever their word count.
const MAX_SENTENCE_BYTES: usize = 400;
/// A break inside an over-long sentence prefers a comma at least this many words in.
const MIN_PIECE_WORDS: usize = 12;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "approx", "inc", "ltd", "co",
    "a.m", "p.m", "dept", "ref", "tel", "ave",
];

/// First bytes of the UTF-8 encodings of emoji: U+2600..U+27BF (symbols, dingbats) and
/// U+1F300..U+1FAFF (pictographs, faces).
const EMOJI_LEADS: &[u8] = &[0xE2, 0xF0];

fn is_emoji(c: char) -> bool {
    ('\u{1F300}'..='\u{1FAFF}').contains(&c) || ('\u{2600}'..='\u{27BF}').contains(&c)
}

/// Characters in the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = 6;

/// Appends the sentence byte ranges within `region` of `text` to `out`: trimmed, over-long ones
/// broken up.
pub(super) fn split_sentences_in(text: &str, region: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let end = region.end.min(bytes.len());
    let mut start = region.start;
    let mut i = region.start;
    while i < end {
        // Jump to the next terminal punctuation mark: a tight loop over bytes.
        let Some(offset) = bytes.get(i..end).and_then(|rest| {
            rest.iter()
                .position(|b| matches!(b, b'.' | b'!' | b'?') || EMOJI_LEADS.contains(b))
        }) else {
            break;
        };
        i += offset;
        if EMOJI_LEADS.contains(&bytes.get(i).copied().unwrap_or(0)) {
            // "Registado 👍 Mandamos-lhe mensagem": in a message an emoji ends what was said.
            let Some(c) = text.get(i..end).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if !is_emoji(c) {
                i += c.len_utf8();
                continue;
            }
            let rest = text.get(i..end).unwrap_or("");
            let len: usize = rest
                .chars()
                .take_while(|c| is_emoji(*c) || matches!(c, '\u{FE0F}' | '\u{200D}'))
                .map(char::len_utf8)
                .sum();
            let j = i + len.max(c.len_utf8());
            if j >= end || bytes.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
                push_trimmed(text, start..j, out);
                start = j;
            }
            i = j;
            continue;
        }
        let is_dot = bytes.get(i) == Some(&b'.');
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
        let abbreviation = is_dot && j == i + 1 && is_abbreviation(text, start, i);
        let ordinal_date = is_dot && j == i + 1 && is_ordinal_date(text, start, i, end);
        // "... with the same booking ref. Cabin B is still included": after an abbreviation that
        // is no title, a capitalised word starts a sentence ("Dr. Smith", "ref. AB123" do not).
        let ends_anyway =
            abbreviation && !is_title(text, start, i) && starts_word(text.get(j..end).unwrap_or(""));
        if at_boundary && !ordinal_date && (!abbreviation || ends_anyway) {
            push_trimmed(text, start..j, out);
            start = j;
        }
        i = j;
    }
    push_trimmed(text, start..end, out);
}

/// German months, as written after a day's ordinal ("der 24. Juni").
const ORDINAL_MONTHS: &[&str] = &[
    "Januar",
    "Jänner",
    "Februar",
    "Feber",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// Whether the dot at `dot` makes a day an ordinal before its month ("am 24. Juni", "bis zum
/// 1. Dezember"): one or two digits after a space, a month name after the dot.
fn is_ordinal_date(text: &str, sentence_start: usize, dot: usize, end: usize) -> bool {
    let before = text.get(sentence_start..dot).unwrap_or("");
    let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    let day = (1..=2).contains(&digits)
        && before
            .get(..before.len() - digits)
            .is_none_or(|b| b.is_empty() || b.ends_with(char::is_whitespace));
    day && text.get(dot + 1..end).is_some_and(|rest| {
        let next = rest.trim_start();
        rest.starts_with(char::is_whitespace)
            && ORDINAL_MONTHS
                .iter()
                .any(|m| next.starts_with(m) && !next[m.len()..].starts_with(char::is_alphanumeric))
    })
}

/// Abbreviations said before a name: "Dr. Smith", "St. Kilda".
const TITLES: &[&str] = &["mr", "mrs", "ms", "dr", "st", "jr", "sr"];

fn is_title(text: &str, sentence_start: usize, dot: usize) -> bool {
    let before = text.get(sentence_start..dot).unwrap_or("");
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    TITLES.iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// Whether `rest` (after a full stop) opens with a capitalised word of lower-case letters:
/// "Cabin", not "AB123", "5" or "iPhone".
fn starts_word(rest: &str) -> bool {
    let mut chars = rest.trim_start().chars();
    let first = chars.next();
    let second = chars.next();
    first.is_some_and(char::is_uppercase) && second.is_some_and(char::is_lowercase)
}

fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let before = text.get(sentence_start..dot).unwrap_or("");
    // Only the last few characters can matter: a longer last word is no abbreviation, and
    // finding where it starts would cost a scan of the whole word.
    let space = before
        .char_indices()
        .rev()
        .take(LONGEST_ABBREVIATION + 1)
        .find(|(_, c)| c.is_whitespace());
    let word = match space {
        Some((at, c)) => before.get(at + c.len_utf8()..).unwrap_or(""),
        None if before.chars().nth(LONGEST_ABBREVIATION).is_none() => before,
        None => return false,
    };
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
        // A word end takes two bytes (a character and the space after it; one byte at offset 0),
        // so a short piece cannot reach the word limit: most sentences need no scan.
        if rest.len() < 2 * MAX_SENTENCE_WORDS - 1 {
            out.push(start..range.end);
            return;
        }
        let (word_ends, found) = word_ends(rest);
        let word_ends = word_ends.get(..found).unwrap_or_default();
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

/// Byte offsets in `rest` of the first [`MAX_SENTENCE_WORDS`] word ends (whitespace right after
/// a non-whitespace character, or at offset 0) within [`MAX_SENTENCE_BYTES`], and how many there
/// are. On the stack: every long sentence passes here.
fn word_ends(rest: &str) -> ([usize; MAX_SENTENCE_WORDS], usize) {
    let mut ends = [0usize; MAX_SENTENCE_WORDS];
    let mut found = 0;
    // The empty text before offset 0 does not end with whitespace.
    let mut after_space = false;
    for (k, c) in rest.char_indices() {
        // Only the first piece matters, and it is never longer than MAX_SENTENCE_BYTES.
        if k > MAX_SENTENCE_BYTES {
            break;
        }
        let space = c.is_whitespace();
        if space && !after_space {
            let Some(slot) = ends.get_mut(found) else {
                break;
            };
            *slot = k;
            found += 1;
        }
        after_space = space;
    }
    (ends, found)
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

/// The sentences of every utterance's whole text, split once: the summariser's two readers of
/// a transcript (its clauses and its key phrases) both take them for an utterance whose own
/// words are its whole text, most of a call. A reader on its own passes [`Splits::none`] and
/// splits each utterance itself.
#[derive(Default)]
pub(crate) struct Splits {
    /// Per utterance, its sentences' byte ranges.
    ranges: Ragged<Range<usize>>,
}

impl Splits {
    pub(crate) fn of(transcript: &crate::transcript::Transcript) -> Self {
        let utterances = transcript.utterances.len();
        let mut ranges = Ragged::with_capacity(utterances, utterances * 2);
        for utterance in &transcript.utterances {
            split_sentences_in(&utterance.text, 0..utterance.text.len(), ranges.open());
            ranges.close();
        }
        Splits { ranges }
    }

    /// No utterance split: each reader splits its own.
    pub(crate) fn none() -> Self {
        Self::default()
    }

    /// The sentences of utterance `index`'s whole text ([`split_sentences_in`] over it);
    /// `None` when it was not split here.
    pub(crate) fn of_utterance(&self, index: usize) -> Option<&[Range<usize>]> {
        self.ranges.group(index)
    }
}

/// The sentences of a free text (a Copilot summary), trimmed; quoted history is not expected.
pub(crate) fn split_text(text: &str) -> Vec<&str> {
    let mut ranges = Vec::new();
    split_sentences_in(text, 0..text.len(), &mut ranges);
    ranges.into_iter().filter_map(|r| text.get(r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{Channel, SpeakerRole, Transcript};

    #[test]
    fn splits_are_each_utterance_split_whole() {
        let texts = [
            "Hi. I was billed twice for the Nimbus Tab 11! Can you check?",
            "",
            "Sure, one moment. Dr. Lee said the refund goes out today",
            "Ok 👍 Thanks\n> On Monday, support wrote: earlier message.",
        ];
        let transcript = Transcript::from_turns(
            "c",
            Channel::Chat,
            Some("en"),
            texts.iter().map(|t| (SpeakerRole::Customer, *t)),
        );
        let splits = Splits::of(&transcript);
        for (i, utterance) in transcript.utterances.iter().enumerate() {
            let mut whole = Vec::new();
            split_sentences_in(&utterance.text, 0..utterance.text.len(), &mut whole);
            assert_eq!(
                splits.of_utterance(i),
                Some(whole.as_slice()),
                "{}",
                utterance.text
            );
        }
        assert_eq!(splits.of_utterance(0).map(<[_]>::len), Some(3));
        assert_eq!(splits.of_utterance(texts.len()), None, "no such utterance");
        assert_eq!(Splits::none().of_utterance(0), None);
    }

    fn split(text: &str) -> Vec<String> {
        split_text(text).into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn abbreviations_are_found_by_their_last_characters() {
        assert!(
            ABBREVIATIONS
                .iter()
                .all(|a| a.chars().count() <= LONGEST_ABBREVIATION)
        );
        let cases = [
            ("Dr.", true),
            ("see Dr.", true),
            ("see\u{a0}approx.", true),
            ("APPROX.", true),
            ("reapprox.", false),
            ("x approxi.", false),
            ("today.", false),
            (".", false),
        ];
        for (text, expected) in cases {
            let dot = text.len() - 1;
            assert_eq!(is_abbreviation(text, 0, dot), expected, "{text:?}");
        }
    }

    #[test]
    fn a_german_day_before_its_month_ends_no_sentence() {
        assert_eq!(
            split("Die Alternative wäre erst der 24. Juni gewesen. Er kommt am 3. Mai."),
            [
                "Die Alternative wäre erst der 24. Juni gewesen.",
                "Er kommt am 3. Mai."
            ]
        );
        // A number that ends a sentence still ends it, before a month or not.
        assert_eq!(
            split("Die Rechnung war 124. Juni war teuer. Wir sind 3. Danach kam mehr."),
            [
                "Die Rechnung war 124.",
                "Juni war teuer.",
                "Wir sind 3.",
                "Danach kam mehr."
            ]
        );
    }

    #[test]
    fn a_capitalised_word_after_an_abbreviation_that_is_no_title_starts_a_sentence() {
        assert_eq!(
            split("You'll get a confirmation with the same booking ref. Cabin B is still included."),
            [
                "You'll get a confirmation with the same booking ref.",
                "Cabin B is still included."
            ]
        );
        assert_eq!(
            split("Dr. Hosking will call. See ref. AB123 too."),
            ["Dr. Hosking will call.", "See ref. AB123 too."]
        );
    }

    #[test]
    fn an_emoji_ends_a_sentence_but_other_symbols_do_not() {
        assert_eq!(
            split("Registado 👍 Mandamos-lhe mensagem quando o carro estiver pronto"),
            [
                "Registado 👍",
                "Mandamos-lhe mensagem quando o carro estiver pronto"
            ]
        );
        assert_eq!(
            split("Visits are free 🙂 Please bring his book. Thanks ❤️"),
            ["Visits are free 🙂", "Please bring his book.", "Thanks ❤️"]
        );
        assert_eq!(split("It costs €5 – 10’s fine"), ["It costs €5 – 10’s fine"]);
        assert_eq!(split("ok👍"), ["ok👍"]);
    }
}
