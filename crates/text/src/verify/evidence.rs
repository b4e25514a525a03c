//! The transcript as evidence: one unit per sentence of each utterance, with its speaker, stems,
//! polarity and whether it commits someone to something, and the stems' rarity, so that a
//! summary claim can be aligned to the sentences that support it.

use rustc_hash::FxHashMap;

use super::negation::negation_reach_by_bits;
use super::opposites::{Concept, Side, sides_by_bits};
use super::support::Support;
use crate::language::{Language, WordSpan, interrogative};
use crate::summary::extractive::{ends_in_confirmation_tag, is_tag_break};

pub(super) use super::commits::{Commits, asks_at, commits, looks_ahead, requested};
use super::commits::{commits_with, declines};
pub(super) use super::cue_bits::REQUESTS;
use super::cue_bits::{self, NEGATION};
use crate::transcript::{SpeakerRole, Transcript};

/// One sentence of an utterance.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub utterance: usize,
    pub speaker: SpeakerRole,
    /// Distinct stem ids of the content words.
    pub stems: Vec<u32>,
    /// The stem ids within a negation's reach ("did *not* receive the *refund*").
    pub negated: Vec<u32>,
    pub question: bool,
    pub commits: Commits,
    /// The stem ids of the words a request or obligation put to the listener governs ("please
    /// *keep*", "you need to *send*", "tiene que *presentar*"): what the listener is to do.
    pub requested: Vec<u32>,
    /// It asks something of the listener ("please", "you need to", "por favor").
    pub asks: bool,
    /// A question that states something and asks after a comma or dash whether it is right
    /// ("... to Boots on Lemon Street – is that still your nominated pharmacy?"): a "no" to it
    /// may correct one detail rather than deny the statement.
    pub checks_a_detail: bool,
    /// How it says the concepts of opposite word pairs (free or charged, kept or cancelled).
    pub sides: Vec<(Concept, Side)>,
    /// The sentence declines: it starts with a negation word ("No, thanks", "Nein, danke") or
    /// says "no thanks" ("... I already paid for?? no thanks").
    pub opens_with_no: bool,
    /// It states something under an exception: "... unless you're exempt".
    pub unless: bool,
    /// It draws a negative conclusion: "then there's nothing to pay", "dann zahlen Sie nichts".
    pub then_not: bool,
}

pub(super) struct Evidence<'a> {
    pub units: Vec<Unit>,
    /// The call's words and their stems' ids.
    lexicon: &'a Support<'a>,
    /// Units holding each stem id: those of id `k` are `postings[starts[k]..starts[k + 1]]`,
    /// in the call's order (one buffer for the call, filled once the units are read).
    postings: Vec<u32>,
    starts: Vec<u32>,
}

/// Whether the last few words of a sentence (a short question) follow a comma or a dash, after
/// a statement of a few words at least.
fn asks_after_a_break(text: &str, words: &[WordSpan]) -> bool {
    /// Words the question after the break may have, and the statement before it needs.
    const QUESTION_WORDS: usize = 6;
    const STATEMENT_WORDS: usize = 3;
    let last_break = (1..words.len()).rev().find(|&j| {
        text.get(words[j - 1].end..words[j].start)
            .is_some_and(is_tag_break)
    });
    last_break.is_some_and(|j| j >= STATEMENT_WORDS && words.len() - j <= QUESTION_WORDS)
}

/// Best score first, then call order.
fn best_first(aligned: &mut [Aligned]) {
    aligned.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit.cmp(&b.unit)));
}

/// A unit and how much of a claim it holds (0..=1, weighted by the rarity of the words).
#[derive(Debug, Clone, Copy)]
pub(super) struct Aligned {
    pub unit: usize,
    pub score: f32,
}

impl<'a> Evidence<'a> {
    /// `lexicon` is the support built from the transcript's words, which has read each word
    /// once: the evidence reads the same words, in the same order, from it.
    pub fn build(transcript: &Transcript, lexicon: &'a Support<'a>) -> Self {
        let spans = lexicon.spans();
        let language = lexicon.language;
        let mut evidence = Evidence {
            units: Vec::new(),
            lexicon,
            postings: Vec::new(),
            starts: Vec::new(),
        };
        // The support has read each word: its stem id where it is a content word.
        let (content_ids, cue_bits) = (lexicon.content_ids(), lexicon.cue_bits());
        let mut at = 0;
        for (index, (utterance, spans)) in transcript.utterances.iter().zip(spans).enumerate() {
            for mut sentence in sentences(&utterance.text, spans) {
                // The sentences of an utterance hold its words in order, each once.
                let ids = content_ids.get(at..at + sentence.words.len()).unwrap_or_default();
                let bits = cue_bits.get(at..at + sentence.words.len()).unwrap_or_default();
                at += sentence.words.len();
                // Speech transcripts drop question marks: "can I still use it" asks.
                sentence.question |= interrogative(language, &utterance.text, sentence.words);
                // "The technician will call you the morning of, is that still good?" states.
                // A tag follows a comma or a dash: most questions have neither and are not
                // read for one.
                let from = sentence.words.first().map_or(0, |w| w.start);
                if sentence.question
                    && utterance.text.get(from..sentence.end).is_some_and(is_tag_break)
                    && utterance
                        .text
                        .get(..sentence.end)
                        .is_some_and(|text| ends_in_confirmation_tag(language, text, sentence.words))
                {
                    sentence.question = false;
                }
                let reach = negation_reach_by_bits(&utterance.text, language, sentence.words, bits);
                let mut negated: Vec<u32> = ids
                    .iter()
                    .zip(&reach)
                    .filter(|(_, r)| **r)
                    .filter_map(|(id, _)| *id)
                    .collect();
                negated.sort_unstable();
                negated.dedup();
                let requested: Vec<u32> = requested(language, sentence.words, bits, sentence.question)
                    .into_iter()
                    .filter_map(|k| ids.get(k).copied().flatten())
                    .collect();
                let mut stems: Vec<u32> = ids.iter().copied().flatten().collect();
                stems.sort_unstable();
                stems.dedup();
                evidence.units.push(Unit {
                    utterance: index,
                    speaker: utterance.speaker,
                    stems,
                    negated,
                    question: sentence.question,
                    commits: commits_with(language, sentence.words, bits, sentence.question),
                    requested,
                    opens_with_no: declines(bits),
                    sides: sides_by_bits(sentence.words, &reach, language, bits),
                    asks: !sentence.question && (0..sentence.words.len()).any(|i| asks_at(bits, i)),
                    checks_a_detail: sentence.question && asks_after_a_break(&utterance.text, sentence.words),
                    unless: super::words::says_unless_by_bits(sentence.words, bits),
                    then_not: super::words::concludes(language, sentence.words)
                        && (reach.iter().any(|r| *r) || cue_bits::any(bits, NEGATION)),
                });
            }
        }
        evidence.index(lexicon.stem_count());
        evidence
    }

    /// Fills the postings of the `stems` stem ids from the units.
    fn index(&mut self, stems: usize) {
        let mut starts = vec![0u32; stems + 1];
        for id in self.units.iter().flat_map(|u| &u.stems) {
            if let Some(count) = starts.get_mut(*id as usize + 1) {
                *count += 1;
            }
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut postings = vec![0u32; starts.last().copied().unwrap_or(0) as usize];
        for (unit, u) in self.units.iter().enumerate() {
            for id in &u.stems {
                if let Some(at) = next.get_mut(*id as usize) {
                    if let Some(slot) = postings.get_mut(*at as usize) {
                        *slot = unit as u32;
                    }
                    *at += 1;
                }
            }
        }
        self.postings = postings;
        self.starts = starts;
    }

    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.lexicon.stem_id(stem)
    }

    pub fn language(&self) -> Language {
        self.lexicon.language
    }

    fn postings_of(&self, id: u32) -> &[u32] {
        let at = |k: usize| self.starts.get(k).map(|s| *s as usize);
        match (at(id as usize), at(id as usize + 1)) {
            (Some(from), Some(to)) => self.postings.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The units that say a stem, in the call's order.
    pub fn units_with(&self, id: u32) -> &[u32] {
        self.postings_of(id)
    }

    /// The first unit of a party (not an IVR's prompt) that says a stem.
    pub fn first_unit(&self, id: u32) -> Option<usize> {
        self.postings_of(id)
            .iter()
            .map(|unit| *unit as usize)
            .find(|unit| {
                self.units
                    .get(*unit)
                    .is_some_and(|u| matches!(u.speaker, SpeakerRole::Agent | SpeakerRole::Customer))
            })
    }

    /// Whether `speaker` says a stem anywhere in the call.
    pub fn said_by(&self, id: u32, speaker: SpeakerRole) -> bool {
        self.postings_of(id)
            .iter()
            .any(|u| self.units[*u as usize].speaker == speaker)
    }

    /// Who first says a stem in the call (an IVR's prompts are nobody's initiative).
    pub fn first_said_by(&self, id: u32) -> Option<SpeakerRole> {
        self.first_unit(id).map(|unit| self.units[unit].speaker)
    }

    /// Rarity of a stem: rare words say more about what a claim is about.
    pub fn weight(&self, id: Option<u32>) -> f32 {
        let units = self.units.len().max(1) as f32;
        let holding = id.map_or(0, |id| self.postings_of(id).len()) as f32;
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
        let mut scores: FxHashMap<u32, f32> = FxHashMap::default();
        for id in ids.iter().flatten() {
            let weight = self.weight(Some(*id));
            for unit in self.postings_of(*id) {
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
        best_first(&mut aligned);
        aligned
    }

    /// [`Self::align`], with each of `stems` that is a word of an opposite pair saying an act
    /// (`concepts`: the stem and its concept) also held by the sentences that say the concept
    /// in other words, either way: "o diagnóstico será cobrado" is said of "fazemos o
    /// diagnóstico sem custo", whose words for the concept are not the claim's.
    pub fn align_with_concepts(&self, stems: &[String], concepts: &[(Concept, &str)]) -> Vec<Aligned> {
        let mut aligned = self.align(stems);
        let total: f32 = stems.iter().map(|s| self.weight(self.stem_id(s))).sum();
        if total <= 0.0 || concepts.is_empty() {
            return aligned;
        }
        let concepts: Vec<(Concept, Option<u32>, f32)> = concepts
            .iter()
            .map(|(c, stem)| {
                let id = self.stem_id(stem);
                (*c, id, self.weight(id) / total)
            })
            .collect();
        for (k, unit) in self.units.iter().enumerate() {
            // Only what `align` did not count: a unit holding the very word has it already.
            let share: f32 = concepts
                .iter()
                .filter(|(c, id, _)| {
                    unit.sides.iter().any(|(said, _)| said == c)
                        && id.is_none_or(|id| !unit.stems.contains(&id))
                })
                .map(|(_, _, share)| share)
                .sum();
            if share <= 0.0 {
                continue;
            }
            match aligned.iter_mut().find(|a| a.unit == k) {
                Some(a) => a.score += share,
                None => aligned.push(Aligned {
                    unit: k,
                    score: share,
                }),
            }
        }
        best_first(&mut aligned);
        aligned
    }

    /// Whether the other party's next utterance after `unit` declines ("No thanks, I'll pay
    /// online"): an answer that turns down what the unit offered.
    pub fn answered_no(&self, unit: usize) -> bool {
        let Some(asked) = self.units.get(unit) else {
            return false;
        };
        let later = self.units.get(unit + 1..).unwrap_or_default();
        let Some(reply) = later
            .iter()
            .find(|u| u.speaker != asked.speaker && u.utterance != asked.utterance)
        else {
            return false;
        };
        // Any sentence of the reply: "$12.95 to deliver it?? no thanks."
        later
            .iter()
            .filter(|u| u.utterance == reply.utterance)
            .any(|u| u.opens_with_no)
    }

    /// The share of a claim's weight that one exchange holds: an utterance among the best
    /// aligned that says the claim's act (`act`) and commits someone in one of its sentences,
    /// with the two utterances after it (the other party's answer and the reply to it).
    pub fn exchange_coverage(&self, stems: &[String], aligned: &[Aligned], act: Option<u32>) -> f32 {
        /// Aligned units whose utterances may open the exchange.
        const OPENERS: usize = 3;
        /// Utterances after the opener that belong to its exchange.
        const REPLIES: usize = 2;
        let Some(act) = act else {
            return 0.0;
        };
        aligned
            .iter()
            .take(OPENERS)
            .map(|a| {
                let opener = self.units[a.unit].utterance;
                let sentences = self.turns(opener, opener);
                if !sentences.iter().any(|u| u.stems.contains(&act))
                    || sentences
                        .iter()
                        .all(|u| u.commits == Commits::None && u.requested.is_empty())
                {
                    return 0.0;
                }
                self.share_held(stems, self.turns(opener, opener + REPLIES))
            })
            .fold(0.0, f32::max)
    }

    /// The share of a claim's weight that the best aligned unit's whole turn holds, when one of
    /// its sentences commits its speaker: a promise said over a turn's sentences ("Zeker, als
    /// medecontractant. Daarvoor heb ik haar rijksregisternummer nodig. Zodra we het hebben, zet
    /// ik haar erbij.").
    pub fn turn_coverage(&self, stems: &[String], aligned: &[Aligned]) -> f32 {
        let Some(best) = aligned.first() else {
            return 0.0;
        };
        let utterance = self.units[best.unit].utterance;
        let turn = self.turns(utterance, utterance);
        if !turn.iter().any(|u| u.commits == Commits::Speaker) {
            return 0.0;
        }
        self.share_held(stems, turn)
    }

    /// The share of a claim's weight that the best `units` aligned units hold together.
    pub fn coverage(&self, stems: &[String], aligned: &[Aligned], units: usize) -> f32 {
        let top: Vec<&Unit> = aligned.iter().take(units).map(|a| &self.units[a.unit]).collect();
        self.share_of(stems, |id| top.iter().any(|u| u.stems.contains(&id)))
    }

    /// The sentences of utterances `from..=to`: units are in the call's order, an utterance's
    /// are one run of them.
    fn turns(&self, from: usize, to: usize) -> &[Unit] {
        let start = self.units.partition_point(|u| u.utterance < from);
        let end = self.units.partition_point(|u| u.utterance <= to);
        self.units.get(start..end).unwrap_or_default()
    }

    /// The share of a claim's weight that `units` hold together.
    fn share_held(&self, stems: &[String], units: &[Unit]) -> f32 {
        self.share_of(stems, |id| units.iter().any(|u| u.stems.contains(&id)))
    }

    /// The share of a claim's weight whose stems `held` holds.
    fn share_of(&self, stems: &[String], held: impl Fn(u32) -> bool) -> f32 {
        let ids: Vec<Option<u32>> = stems.iter().map(|s| self.stem_id(s)).collect();
        let total: f32 = ids.iter().map(|id| self.weight(*id)).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let kept: f32 = ids
            .iter()
            .flatten()
            .filter(|id| held(**id))
            .map(|id| self.weight(Some(*id)))
            .sum();
        kept / total
    }
}

pub(super) use super::words::is_content;

pub(super) struct Sentence<'w> {
    pub words: &'w [WordSpan],
    pub question: bool,
    /// Where the sentence ends in its text, its closing punctuation included.
    pub end: usize,
}

/// A text's sentences, held in place: a text has a few, and this runs for every text.
pub(super) type Sentences<'w> = smallvec::SmallVec<[Sentence<'w>; 4]>;

/// The sentences of a text, as runs of its words.
pub(super) fn sentences<'w>(text: &str, spans: &'w [WordSpan]) -> Sentences<'w> {
    let mut out = Sentences::new();
    let mut from = 0;
    for i in 1..=spans.len() {
        if i == spans.len() || spans[i].sentence_start {
            let end = spans.get(i).map_or(text.len(), |w| w.start);
            let last = spans[i - 1].end;
            let question = text.get(last..end).is_some_and(|gap| gap.contains('?'));
            out.push(Sentence {
                words: &spans[from..i],
                question,
                end,
            });
            from = i;
        }
    }
    out
}
