//! Each figure of the call at its words, so a summary's figure can be read against what the
//! call says it of ([`crate::verify::placed`]).

use super::Support;
use crate::language::Language;
use crate::verify::figure_places::{CALL_REACH, Figure, Reading, placed};

/// A figure of the call at its words, counted in the call's word order.
#[derive(Debug, Clone)]
pub(in crate::verify) struct CallPlace {
    pub figure: Figure,
    pub utterance: usize,
    pub first: usize,
    pub last: usize,
}

/// The call's figures at their words, utterance by utterance.
#[derive(Debug, Default)]
pub(super) struct CallPlaces {
    places: Vec<CallPlace>,
    /// Per utterance, the range of its words in the call's word order.
    utterance_words: Vec<(usize, usize)>,
}

impl CallPlaces {
    /// Places the figures of the next utterance, whose first word is the call's `first_word`th.
    pub(super) fn add(&mut self, reading: &Reading<'_>, language: Language, first_word: usize) {
        let utterance = self.utterance_words.len();
        self.utterance_words
            .push((first_word, first_word + reading.spans.len()));
        for place in placed(reading, language, true) {
            self.places.push(CallPlace {
                figure: place.figure,
                utterance,
                first: first_word + place.first,
                last: first_word + place.last,
            });
        }
    }

    /// A weekday of the last utterance added, at the call's `at`th word.
    pub(super) fn weekday(&mut self, day: &str, at: usize) {
        self.places.push(CallPlace {
            figure: Figure::Weekday(day.to_owned()),
            utterance: self.utterance_words.len().saturating_sub(1),
            first: at,
            last: at,
        });
    }
}

impl Support<'_> {
    /// The figures of the call at their words.
    pub fn placed(&self) -> &[CallPlace] {
        &self.places.places
    }

    /// How many of `anchors` (stem ids, sorted) the call says within reach of a figure, in its
    /// utterance.
    pub fn near(&self, place: &CallPlace, anchors: &[u32]) -> usize {
        let Some(&(start, end)) = self.places.utterance_words.get(place.utterance) else {
            return 0;
        };
        let from = place.first.saturating_sub(CALL_REACH).max(start);
        let to = (place.last + CALL_REACH + 1).min(end);
        let window = self.content_ids().get(from..to).unwrap_or_default();
        anchors.iter().filter(|a| window.contains(&Some(**a))).count()
    }

    /// How many of `anchors` (stem ids, sorted) utterance `i` says anywhere.
    pub fn said_with(&self, i: usize, anchors: &[u32]) -> usize {
        self.stems_of(i).map_or(0, |stems| {
            anchors.iter().filter(|a| stems.binary_search(a).is_ok()).count()
        })
    }
}
