//! [`Transcript::from_documents`]: merge, order, attribute and clean the phrases. One pass to
//! collect borrowed phrase records, one integer-keyed sort, one pass to build the utterances.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{Channel, SpeakerRole, Transcript, TranscriptError, Utterance};
use wrapup_genesys::models::{
    AnalyticsConversation, MediaType, ParticipantPurpose, SegmentType, TranscriptDocument,
};

/// How many earlier utterances with the same start time are checked for duplicates.
const DEDUP_WINDOW: usize = 8;

/// What a phrase's `participantPurpose` says, before the details refine `internal`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Customer,
    Agent,
    Internal,
    IvrBot,
    Other,
}

fn side_of(purpose: Option<&str>) -> Side {
    let Some(p) = purpose.map(str::trim) else {
        return Side::Other;
    };
    let is = |s: &str| p.eq_ignore_ascii_case(s);
    if is("external") || is("customer") {
        Side::Customer
    } else if is("internal") {
        Side::Internal
    } else if is("agent") || is("user") {
        Side::Agent
    } else if is("ivr") || is("bot") || is("botflow") || is("acd") {
        Side::IvrBot
    } else {
        Side::Other
    }
}

/// A phrase to keep, borrowed from its document.
struct Entry<'a> {
    at: i64,
    rank: u32,
    phrase_index: i64,
    seq: u32,
    doc: u32,
    text: &'a str,
    speaker: SpeakerRole,
    duration_ms: u64,
    confidence: Option<f32>,
}

/// Epoch-ms time ranges, `[start, end)`.
#[derive(Default)]
struct Windows(Vec<(i64, i64)>);

impl Windows {
    fn contains(&self, at: i64) -> bool {
        self.0.iter().any(|&(start, end)| start <= at && at < end)
    }
}

fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// When automated participants (IVR, bot flow, queue) and agents were connected.
fn participant_windows(details: &AnalyticsConversation) -> (Windows, Windows) {
    let mut automated = Windows::default();
    let mut agents = Windows::default();
    for (participant, session) in details.sessions() {
        let Some(purpose) = participant.purpose else {
            continue;
        };
        if purpose.is_automated() {
            if let Some((start, end)) = session.span() {
                automated.0.push((ms(start), end.map_or(i64::MAX, ms)));
            }
        } else if purpose.is_agent() {
            // Connected, not merely ringing or wrapping up.
            for segment in &session.segments {
                if matches!(
                    segment.segment_type,
                    Some(SegmentType::Alert | SegmentType::Wrapup)
                ) {
                    continue;
                }
                if let Some(start) = segment.segment_start {
                    agents
                        .0
                        .push((ms(start), segment.segment_end.map_or(i64::MAX, ms)));
                }
            }
        }
    }
    (automated, agents)
}

fn nonblank(text: Option<&String>) -> Option<&str> {
    text.map(String::as_str).filter(|t| !t.trim().is_empty())
}

/// Trimmed, every whitespace run collapsed to one space.
fn clean(raw: &str) -> String {
    if is_clean(raw) {
        return raw.to_owned();
    }
    collapse_whitespace(raw)
}

/// Whether `raw` is its own [`clean`] text, told a byte at a time: ASCII, single spaces
/// between words, none around them and no other whitespace (most utterances).
fn is_clean(raw: &str) -> bool {
    let mut after_space = true;
    for &b in raw.as_bytes() {
        if !b.is_ascii() || matches!(b, b'\t'..=b'\r') || (b == b' ' && after_space) {
            return false;
        }
        after_space = b == b' ';
    }
    raw.is_empty() || !after_space
}

fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn non_negative(ms: i64) -> u64 {
    u64::try_from(ms).unwrap_or(0)
}

fn resolve_conversation_id<'a>(
    details: &'a AnalyticsConversation,
    documents: &'a [TranscriptDocument],
) -> Option<&'a str> {
    fn nonempty(id: &Option<String>) -> Option<&str> {
        id.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    nonempty(&details.conversation_id).or_else(|| documents.iter().find_map(|d| nonempty(&d.conversation_id)))
}

fn check_documents(expected: &str, documents: &[TranscriptDocument]) -> Result<(), TranscriptError> {
    for doc in documents {
        let Some(found) = doc.conversation_id.as_deref().map(str::trim) else {
            continue;
        };
        if !found.is_empty() && !found.eq_ignore_ascii_case(expected) {
            return Err(TranscriptError::ConversationMismatch {
                expected: expected.to_owned(),
                found: found.to_owned(),
                communication_id: doc.communication_id.clone(),
            });
        }
    }
    Ok(())
}

/// Document index -> rank of (communication id, document index), for the tie-break.
fn communication_ranks(documents: &[TranscriptDocument]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by(|&a, &b| {
        documents[a]
            .communication_id
            .cmp(&documents[b].communication_id)
            .then(a.cmp(&b))
    });
    let mut ranks = vec![0; documents.len()];
    for (rank, doc) in order.into_iter().enumerate() {
        ranks[doc] = u32::try_from(rank).unwrap_or(u32::MAX);
    }
    ranks
}

fn channel(details: &AnalyticsConversation, documents: &[TranscriptDocument]) -> Channel {
    let known = |m: Option<MediaType>| m.filter(|m| *m != MediaType::Unknown);
    // The session a document belongs to knows best, then any session, then the documents.
    documents
        .iter()
        .filter_map(|d| details.find_session(d.communication_id.as_deref()?))
        .find_map(|(_, s)| known(s.media_type))
        .or_else(|| details.media_type())
        .map(Channel::from_media_type)
        .or_else(|| {
            documents
                .iter()
                .filter_map(|d| d.media_type.as_deref())
                .map(Channel::from_document_media_type)
                .find(|c| *c != Channel::Other)
        })
        .unwrap_or(Channel::Other)
}

fn most_common_language(documents: &[TranscriptDocument]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let languages = documents
        .iter()
        .flat_map(|d| &d.transcripts)
        .filter_map(|s| s.language.as_deref().map(str::trim))
        .filter(|l| !l.is_empty());
    for language in languages {
        match counts.iter_mut().find(|(l, _)| *l == language) {
            Some((_, n)) => *n += 1,
            None => counts.push((language, 1)),
        }
    }
    // First seen wins a tie.
    let mut best: Option<(&str, usize)> = None;
    for (language, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((language, n));
        }
    }
    best.map(|(l, _)| l.to_owned())
}

pub(super) fn from_documents(
    details: &AnalyticsConversation,
    documents: &[TranscriptDocument],
) -> Result<Transcript, TranscriptError> {
    let conversation_id = resolve_conversation_id(details, documents);
    if let Some(expected) = conversation_id {
        check_documents(expected, documents)?;
    }

    let details_start = details.conversation_start.map(ms);
    let conversation_start =
        details_start.or_else(|| documents.iter().filter_map(|d| d.conversation_start_time).min());
    let (automated, agents) = participant_windows(details);
    let ranks = communication_ranks(documents);

    let capacity = documents
        .iter()
        .flat_map(|d| &d.transcripts)
        .map(|s| s.phrases.len())
        .sum();
    let mut entries: Vec<Entry<'_>> = Vec::with_capacity(capacity);
    let mut seq: u32 = 0;
    for (doc_index, doc) in documents.iter().enumerate() {
        let on_automated = doc
            .communication_id
            .as_deref()
            .and_then(|id| details.find_session(id))
            .and_then(|(p, _)| p.purpose)
            .is_some_and(ParticipantPurpose::is_automated);
        for section in &doc.transcripts {
            let mut last_at: Option<i64> = None;
            let base = section
                .start_time
                .or(doc.start_time)
                .or(doc.conversation_start_time)
                .or(conversation_start);
            for phrase in &section.phrases {
                seq = seq.saturating_add(1);
                let Some(text) =
                    nonblank(phrase.text.as_ref()).or_else(|| nonblank(phrase.decorated_text.as_ref()))
                else {
                    continue;
                };
                let offset = phrase.offset.map(|o| o.milliseconds);
                let at = phrase
                    .start_time_ms
                    .or_else(|| match (base, offset) {
                        (Some(base), Some(offset)) => Some(base.saturating_add(offset)),
                        (None, Some(offset)) => Some(offset),
                        (base, None) => last_at.or(base),
                    })
                    .or(conversation_start)
                    .unwrap_or(0);
                last_at = Some(at);
                let speaker = match side_of(phrase.participant_purpose.as_deref()) {
                    Side::Customer => SpeakerRole::Customer,
                    Side::Agent => SpeakerRole::Agent,
                    Side::IvrBot => SpeakerRole::IvrBot,
                    Side::Other => SpeakerRole::Other,
                    Side::Internal if on_automated || (automated.contains(at) && !agents.contains(at)) => {
                        SpeakerRole::IvrBot
                    }
                    Side::Internal => SpeakerRole::Agent,
                };
                entries.push(Entry {
                    at,
                    rank: ranks[doc_index],
                    phrase_index: phrase.phrase_index.unwrap_or(i64::from(seq)),
                    seq,
                    doc: u32::try_from(doc_index).unwrap_or(u32::MAX),
                    text,
                    speaker,
                    duration_ms: non_negative(phrase.duration.map_or(0, |d| d.milliseconds)),
                    confidence: phrase.confidence.filter(|c| c.is_finite()),
                });
            }
        }
    }
    if entries.is_empty() {
        return Err(TranscriptError::Empty);
    }
    let conversation_id = conversation_id.ok_or(TranscriptError::MissingConversationId)?;

    entries.sort_unstable_by_key(|e| (e.at, e.rank, e.phrase_index, e.seq));
    let start = conversation_start
        .or_else(|| entries.first().map(|e| e.at))
        .unwrap_or(0);

    // Each document's communication id, shared by its utterances.
    let communication_ids: Vec<Arc<str>> = documents
        .iter()
        .map(|d| Arc::from(d.communication_id.as_deref().unwrap_or("")))
        .collect();
    let mut utterances: Vec<Utterance> = Vec::with_capacity(entries.len());
    let mut same_time_from = 0; // first kept utterance with the current `at`
    let mut previous_at = None;
    for entry in &entries {
        let communication_id = communication_ids
            .get(entry.doc as usize)
            .cloned()
            .unwrap_or_else(|| Arc::from(""));
        let text = clean(entry.text);
        if previous_at != Some(entry.at) {
            same_time_from = utterances.len();
            previous_at = Some(entry.at);
        }
        // The same phrase delivered twice (overlapping documents of one communication) lands in
        // the same `at` group; look back a bounded distance so odd input stays linear.
        let window_start = same_time_from.max(utterances.len().saturating_sub(DEDUP_WINDOW));
        let duplicate = utterances[window_start..]
            .iter()
            .any(|u| u.communication_id == communication_id && u.text == text);
        if duplicate {
            continue;
        }
        utterances.push(Utterance {
            speaker: entry.speaker,
            text,
            start_offset_ms: non_negative(entry.at.saturating_sub(start)),
            duration_ms: entry.duration_ms,
            confidence: entry.confidence,
            communication_id,
        });
    }

    let duration_ms = match (details_start, details.conversation_end.map(ms)) {
        (Some(s), Some(e)) => non_negative(e.saturating_sub(s)),
        _ => utterances
            .iter()
            .map(|u| u.start_offset_ms.saturating_add(u.duration_ms))
            .max()
            .unwrap_or(0),
    };

    Ok(Transcript {
        conversation_id: conversation_id.to_owned(),
        agent_names: agent_names(details),
        media_type: channel(details, documents),
        language: most_common_language(documents),
        duration_ms,
        utterances,
    })
}

/// The display names of the conversation's agents, as Genesys knows them (for the redactor).
fn agent_names(details: &AnalyticsConversation) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for participant in &details.participants {
        let is_agent = participant.purpose.is_some_and(ParticipantPurpose::is_agent);
        if let Some(name) = participant
            .participant_name
            .as_deref()
            .map(str::trim)
            .filter(|n| is_agent && !n.is_empty())
            && !names.iter().any(|known| known == name)
        {
            names.push(name.to_owned());
        }
    }
    names
}

#[cfg(test)]
mod clean_tests {
    use super::*;

    proptest::proptest! {
        /// A text told clean is what collapsing its whitespace makes of it.
        #[test]
        fn clean_texts_are_their_collapsed_selves(raw in "[ a-b\t\n\r\u{a0}\u{2003}é.]{0,12}") {
            proptest::prop_assert_eq!(clean(&raw), collapse_whitespace(&raw));
        }
    }

    #[test]
    fn single_spaced_ascii_is_clean() {
        assert!(is_clean("I see $87.10 twice."));
        assert!(is_clean(""));
        for untidy in [" a", "a ", "a  b", "a\tb", "a\u{a0}b", "café"] {
            assert!(!is_clean(untidy), "{untidy:?}");
        }
    }
}
