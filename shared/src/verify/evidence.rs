//! The transcript as evidence: one unit per sentence of each utterance, with its speaker, stems,
//! polarity and whether it commits someone to something, and the stems' rarity, so that a
//! summary claim can be aligned to the sentences that support it.

use std::collections::HashMap;

use crate::language::{Language, WordSpan, words};
use crate::transcript::{SpeakerRole, Transcript};

/// Who a sentence commits, if anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Commits {
    None,
    /// The speaker ("I'll send it", "we will refund").
    Speaker,
    /// The one spoken to ("you'll need to send", "please send us").
    Addressee,
}

/// One sentence of an utterance.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub utterance: usize,
    pub speaker: SpeakerRole,
    /// Distinct stem ids of the content words.
    pub stems: Vec<u32>,
    pub negated: bool,
    pub question: bool,
    pub commits: Commits,
}

pub(super) struct Evidence {
    pub language: Language,
    pub units: Vec<Unit>,
    stem_ids: HashMap<String, u32>,
    /// Units holding each stem id.
    postings: Vec<Vec<u32>>,
}

/// A unit and how much of a claim it holds (0..=1, weighted by the rarity of the words).
#[derive(Debug, Clone, Copy)]
pub(super) struct Aligned {
    pub unit: usize,
    pub score: f32,
}

impl Evidence {
    pub fn build(transcript: &Transcript, language: Language) -> Self {
        let mut evidence = Evidence {
            language,
            units: Vec::new(),
            stem_ids: HashMap::new(),
            postings: Vec::new(),
        };
        // Stemming is the costly part and a call repeats its words: one stem per distinct word.
        let mut stem_of: HashMap<String, Option<u32>> = HashMap::new();
        for (index, utterance) in transcript.utterances.iter().enumerate() {
            let spans = words(&utterance.text, language);
            for sentence in sentences(&utterance.text, &spans) {
                let mut stems = Vec::new();
                for word in sentence.words {
                    let id = match stem_of.get(&word.folded) {
                        Some(id) => *id,
                        None => {
                            let id = evidence.content_stem(&word.folded).map(|s| evidence.intern(s));
                            stem_of.insert(word.folded.clone(), id);
                            id
                        }
                    };
                    stems.extend(id);
                }
                stems.sort_unstable();
                stems.dedup();
                let unit = evidence.units.len() as u32;
                for id in &stems {
                    if let Some(list) = evidence.postings.get_mut(*id as usize) {
                        list.push(unit);
                    }
                }
                evidence.units.push(Unit {
                    utterance: index,
                    speaker: utterance.speaker,
                    stems,
                    negated: negated(language, sentence.words),
                    question: sentence.question,
                    commits: commits(language, sentence.words),
                });
            }
        }
        evidence
    }

    /// The stem of a content word (none for function words, numbers and one-letter words).
    pub fn content_stem(&self, folded: &str) -> Option<String> {
        is_content(self.language, folded).then(|| self.language.stem(folded).into_owned())
    }

    fn intern(&mut self, stem: String) -> u32 {
        let next = self.stem_ids.len() as u32;
        let id = *self.stem_ids.entry(stem).or_insert(next);
        if id == next {
            self.postings.push(Vec::new());
        }
        id
    }

    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stem_ids.get(stem).copied()
    }

    /// Rarity of a stem: rare words say more about what a claim is about.
    fn weight(&self, id: Option<u32>) -> f32 {
        let units = self.units.len().max(1) as f32;
        let holding = id
            .and_then(|id| self.postings.get(id as usize))
            .map_or(0, Vec::len) as f32;
        (1.0 + units / (1.0 + holding)).ln()
    }

    /// The units holding a claim's stems, best first, with the share of the claim's weight each
    /// holds. `stems` are the claim's content stems.
    pub fn align(&self, stems: &[String]) -> Vec<Aligned> {
        let ids: Vec<Option<u32>> = stems.iter().map(|s| self.stem_id(s)).collect();
        let total: f32 = ids.iter().map(|id| self.weight(*id)).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for id in ids.iter().flatten() {
            let weight = self.weight(Some(*id));
            for unit in self.postings.get(*id as usize).into_iter().flatten() {
                *scores.entry(*unit).or_default() += weight;
            }
        }
        let mut aligned: Vec<Aligned> = scores
            .into_iter()
            .map(|(unit, score)| Aligned {
                unit: unit as usize,
                score: score / total,
            })
            .collect();
        aligned.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit.cmp(&b.unit)));
        aligned
    }

    /// Whether any unit holds the stem.
    pub fn holds(&self, stem: &str) -> bool {
        self.stem_id(stem).is_some()
    }
}

/// A word that says what a text is about: letters, at least three of them, not a function word.
pub(super) fn is_content(language: Language, folded: &str) -> bool {
    folded.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !folded.chars().any(|c| c.is_ascii_digit())
        && !language.is_stopword(folded)
        && !language.is_negation(folded)
}

pub(super) struct Sentence<'w> {
    pub words: &'w [WordSpan],
    pub question: bool,
}

/// The sentences of a text, as runs of its words.
pub(super) fn sentences<'w>(text: &str, spans: &'w [WordSpan]) -> Vec<Sentence<'w>> {
    let mut out = Vec::new();
    let mut from = 0;
    for i in 1..=spans.len() {
        if i == spans.len() || spans[i].sentence_start {
            let end = spans.get(i).map_or(text.len(), |w| w.start);
            let last = spans[i - 1].end;
            let question = text.get(last..end).is_some_and(|gap| gap.contains('?'));
            out.push(Sentence {
                words: &spans[from..i],
                question,
            });
            from = i;
        }
    }
    out
}

/// A sentence says something did not happen: a negation or a refusal, other than the polite
/// "no problem" kind.
pub(super) fn negated(language: Language, words: &[WordSpan]) -> bool {
    let cues = language.cues();
    words.iter().enumerate().any(|(i, w)| {
        let next = words.get(i + 1).map(|n| n.folded.as_str());
        (language.is_negation(&w.folded) && !courtesy(next)) || cues.refusals.contains(&w.folded.as_str())
    })
}

/// "no problem", "no worries", "de nada", "kein Problem": negations that negate nothing.
fn courtesy(next: Option<&str>) -> bool {
    next.is_some_and(|n| {
        matches!(
            n,
            "problem" | "worries" | "probleme" | "problema" | "problemo" | "nada" | "hay" | "te" | "doubt"
        )
    })
}

/// Who a sentence commits: a first-person future or promise commits the speaker; a request or
/// an obligation put to the listener ("you'll need to", "please send") commits the addressee.
pub(super) fn commits(language: Language, words: &[WordSpan]) -> Commits {
    let cues = language.cues();
    let first = words
        .iter()
        .any(|w| cues.first_person.contains(&w.folded.as_str()));
    let second = words
        .iter()
        .any(|w| cues.second_person.contains(&w.folded.as_str()));
    let future = words.iter().any(|w| {
        cues.future.contains(&w.folded.as_str())
            || cues
                .future_endings
                .iter()
                .any(|e| w.folded.len() > e.len() + 2 && w.folded.ends_with(e))
    });
    let request = words.iter().any(|w| {
        matches!(
            w.folded.as_str(),
            "please"
                | "need"
                | "needs"
                | "must"
                | "por"
                | "favor"
                | "favore"
                | "merci"
                | "bitte"
                | "alstublieft"
                | "svp"
                | "necesita"
                | "debe"
                | "devez"
                | "mussen"
                | "musst"
                | "moet"
                | "deve"
                | "precisa"
                | "tem"
                | "tiene"
                | "faut"
        )
    });
    match (future, first, second, request) {
        (true, true, _, _) => Commits::Speaker,
        (_, _, true, true) | (true, false, true, _) => Commits::Addressee,
        (true, false, false, _) => Commits::Speaker,
        _ => Commits::None,
    }
}
