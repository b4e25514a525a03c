//! A transcript as Comprehend documents, and the entities found mapped back to utterances.

use aws_sdk_comprehend::types::PiiEntity;

use super::{ExternalMatch, SEPARATOR, kind_of};
use crate::transcript::Transcript;

/// A part of one utterance placed in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Segment<'a> {
    pub(super) utterance: usize,
    /// Where `text` starts in the utterance, in bytes.
    pub(super) byte_start: usize,
    /// Where `text` starts in the document, in characters.
    pub(super) char_start: usize,
    /// Its length in characters.
    pub(super) chars: usize,
    pub(super) text: &'a str,
}

impl Segment<'_> {
    fn char_end(&self) -> usize {
        self.char_start + self.chars
    }
}

/// The text of one request and where each of its parts comes from.
#[derive(Debug, Clone, Default)]
pub(super) struct Document<'a> {
    pub(super) text: String,
    /// Length of `text` in characters.
    pub(super) chars: usize,
    pub(super) segments: Vec<Segment<'a>>,
}

/// The utterances packed into documents of at most `max_bytes` bytes of UTF-8, joined with
/// [`SEPARATOR`]; an utterance longer than that on its own is cut, after a space when there is one.
pub(super) fn documents(transcript: &Transcript, max_bytes: usize) -> Vec<Document<'_>> {
    let max_bytes = max_bytes.max(4);
    let mut out = Vec::new();
    let mut current = Document::default();
    for (index, utterance) in transcript.utterances.iter().enumerate() {
        for (byte_start, text) in pieces(&utterance.text, max_bytes) {
            let needed = if current.text.is_empty() {
                text.len()
            } else {
                current.text.len() + SEPARATOR.len() + text.len()
            };
            if needed > max_bytes && !current.text.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if !current.text.is_empty() {
                current.text.push_str(SEPARATOR);
                current.chars += SEPARATOR.chars().count();
            }
            let chars = text.chars().count();
            current.segments.push(Segment {
                utterance: index,
                byte_start,
                char_start: current.chars,
                chars,
                text,
            });
            current.text.push_str(text);
            current.chars += chars;
        }
    }
    if !current.text.is_empty() {
        out.push(current);
    }
    out
}

/// `text` in pieces of at most `max_bytes` bytes (at least one character each), with their byte
/// offsets; empty text gives none.
pub(super) fn pieces(text: &str, max_bytes: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let rest = &text[start..];
        if rest.len() <= max_bytes {
            out.push((start, rest));
            break;
        }
        let mut cut = max_bytes;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // Cut after the last space of the piece, when there is one.
        if let Some((at, space)) = rest[..cut].char_indices().rev().find(|(_, c)| c.is_whitespace()) {
            cut = at + space.len_utf8();
        }
        if cut == 0 {
            cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        out.push((start, &rest[..cut]));
        start += cut;
    }
    out
}

/// The matches of one document, and how many entities had offsets outside it.
#[derive(Debug, Default)]
pub(super) struct Mapped {
    pub(super) matches: Vec<ExternalMatch>,
    pub(super) ignored: usize,
}

/// Comprehend's entities of `document` as byte ranges of utterances. Entities of other types,
/// below `min_score`, or with offsets outside the document are dropped; one that crosses an
/// utterance boundary gives one match per utterance it covers.
pub(super) fn map_entities(document: &Document<'_>, entities: &[PiiEntity], min_score: f32) -> Mapped {
    let mut mapped = Mapped::default();
    for entity in entities {
        let Some(kind) = entity.r#type().and_then(kind_of) else {
            continue;
        };
        // A missing or NaN score never passes.
        if entity
            .score()
            .is_none_or(|score| score.is_nan() || score < min_score)
        {
            continue;
        }
        let range = entity
            .begin_offset()
            .zip(entity.end_offset())
            .and_then(|(b, e)| Some((usize::try_from(b).ok()?, usize::try_from(e).ok()?)));
        let Some((begin, end)) = range.filter(|(b, e)| b < e && *e <= document.chars) else {
            mapped.ignored += 1;
            continue;
        };
        let first = document.segments.partition_point(|s| s.char_end() <= begin);
        for segment in document.segments.iter().skip(first) {
            if segment.char_start >= end {
                break;
            }
            let lo = begin.max(segment.char_start) - segment.char_start;
            let hi = end.min(segment.char_end()) - segment.char_start;
            if let Some((start, stop)) = byte_range(segment.text, lo, hi) {
                mapped.matches.push(ExternalMatch {
                    utterance: segment.utterance,
                    kind,
                    start: segment.byte_start + start,
                    end: segment.byte_start + stop,
                });
            }
        }
    }
    mapped
}

/// Characters `lo..hi` of `text` as a byte range, without surrounding whitespace; `None` when
/// empty or out of range.
pub(super) fn byte_range(text: &str, lo: usize, hi: usize) -> Option<(usize, usize)> {
    if lo >= hi {
        return None;
    }
    let start = byte_offset(text, lo)?;
    let end = byte_offset(text, hi)?;
    let piece = text.get(start..end)?;
    let start = start + (piece.len() - piece.trim_start().len());
    let end = end - (piece.len() - piece.trim_end().len());
    (start < end).then_some((start, end))
}

/// The byte offset of character `n` of `text` (`text.len()` for `n` = its length).
pub(super) fn byte_offset(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

/// Sorted by utterance and position; exact duplicates dropped, and the halves of one entity of a
/// long utterance cut into two pieces joined again.
pub(super) fn merge(mut matches: Vec<ExternalMatch>) -> Vec<ExternalMatch> {
    matches.sort_by_key(|m| (m.utterance, m.start, m.end, m.kind));
    let mut out: Vec<ExternalMatch> = Vec::with_capacity(matches.len());
    for m in matches {
        if let Some(last) = out.last_mut()
            && last.utterance == m.utterance
            && last.kind == m.kind
            && m.start <= last.end
        {
            last.end = last.end.max(m.end);
            continue;
        }
        out.push(m);
    }
    out
}
