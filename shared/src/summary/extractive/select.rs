//! Salient-sentence selection: the reason, the resolution and the executive summary.

use super::lexicon::RESOLUTION;
use super::sentences::{Kind, SUBSTANTIVE_CONTENT_WORDS, Sentence};
use super::word_hash::{WordHash, WordMap};
use crate::summary::SummaryTone;
use crate::transcript::SpeakerRole;

const REASON_FIRST_BONUS: f32 = 3.0;
const REASON_MORE_BONUS: f32 = 1.3;
const RESOLUTION_BONUS: f32 = 2.5;
const COMMITMENT_BONUS: f32 = 1.2;
/// When no resolution statement was found, the agent's last substantive statements stand in.
const CLOSING_AGENT_BONUS: f32 = 0.6;
const QUESTION_PENALTY: f32 = 0.3;
const AGENT_QUESTION_PENALTY: f32 = 1.0;
const FILLER_PENALTY: f32 = 1.0;
/// A sentence said this many times is process talk.
const REPEATED: u32 = 3;
const REPEATED_PENALTY: f32 = 1.0;
/// Content-word overlap at which two sentences say the same thing.
const SIMILAR_JACCARD: f32 = 0.6;
/// Content words the reason should carry before it stops taking further sentences.
const REASON_CONTENT_WORDS: usize = 4;
const REASON_MAX_SENTENCES: usize = 3;

/// The customer's main issue: their first substantive statement (plus the next sentences of the
/// same message while it is still thin). Returns the text and the sentences' `order`s.
pub(crate) fn reason(sentences: &[Sentence<'_>]) -> Option<(String, Vec<usize>)> {
    let mut utterance_content: WordMap<usize, usize> = WordMap::default();
    for s in sentences
        .iter()
        .filter(|s| s.speaker == SpeakerRole::Customer && reason_material(s))
    {
        *utterance_content.entry(s.utterance).or_default() += s.stems.len();
    }
    let start = sentences.iter().position(|s| {
        s.speaker == SpeakerRole::Customer
            && reason_material(s)
            && (s.kind == Kind::Substantive
                || utterance_content
                    .get(&s.utterance)
                    .is_some_and(|n| *n >= SUBSTANTIVE_CONTENT_WORDS))
    })?;
    let first = sentences.get(start)?;
    let mut parts = Vec::new();
    let mut content = 0;
    for s in sentences
        .get(start..)?
        .iter()
        .take_while(|s| s.utterance == first.utterance)
    {
        if !reason_material(s) {
            continue;
        }
        parts.push(s);
        content += s.stems.len();
        if content >= REASON_CONTENT_WORDS || parts.len() == REASON_MAX_SENTENCES {
            break;
        }
    }
    let text = parts.iter().map(|s| s.text).collect::<Vec<_>>().join(" ");
    Some((text, parts.iter().map(|s| s.order).collect()))
}

fn reason_material(s: &Sentence<'_>) -> bool {
    s.is_informative() && s.kind != Kind::Filler
}

/// The agent's (last) statement of what was done.
pub(crate) fn resolution<'a, 's>(sentences: &'s [Sentence<'a>]) -> Option<&'s Sentence<'a>> {
    sentences.iter().rev().find(|s| {
        s.speaker == SpeakerRole::Agent && s.is_informative() && !s.question && RESOLUTION.is_match(s.lower)
    })
}

/// What the scoring needs to know besides the sentences.
pub(crate) struct Evidence<'e> {
    pub reason: &'e [usize],
    pub resolution: Option<usize>,
    pub commitments: &'e [usize],
}

/// The `count` most salient sentences, in conversation order (their `order`s).
pub(crate) fn select(sentences: &[Sentence<'_>], count: usize, evidence: &Evidence<'_>) -> Vec<usize> {
    // Sentences said over and over ("let me check that") are process talk: they count once for
    // term frequency and are marked down.
    let mut repeats: WordMap<&str, u32> =
        WordMap::with_capacity_and_hasher(sentences.len(), WordHash::default());
    let mut frequency: WordMap<&str, u32> =
        WordMap::with_capacity_and_hasher(sentences.len(), WordHash::default());
    for s in sentences.iter().filter(|s| s.is_informative()) {
        let seen = repeats.entry(s.lower).or_default();
        *seen += 1;
        if *seen == 1 {
            for stem in &s.stems {
                *frequency.entry(stem.as_ref()).or_default() += 1;
            }
        }
    }
    let in_evidence = |s: &Sentence<'_>| {
        evidence.reason.contains(&s.order)
            || evidence.resolution == Some(s.order)
            || evidence.commitments.contains(&s.order)
    };
    let mut pool: Vec<&Sentence<'_>> = sentences
        .iter()
        .filter(|s| s.is_candidate() || (s.is_informative() && in_evidence(s)))
        .collect();
    if pool.is_empty() {
        pool = sentences.iter().filter(|s| s.is_informative()).collect();
    }
    let closing_agent: Vec<usize> = if evidence.resolution.is_none() {
        let agent = pool
            .iter()
            .rev()
            .filter(|s| s.speaker == SpeakerRole::Agent && s.kind == Kind::Substantive);
        agent.take(2).map(|s| s.order).collect()
    } else {
        Vec::new()
    };
    // ln(1 + frequency) once per stem, not once per use: sentences share most of their words.
    let weights: WordMap<&str, f32> = frequency
        .into_iter()
        .map(|(stem, n)| (stem, (1.0 + n as f32).ln()))
        .collect();
    let mut distinct = Vec::new();
    let raw: Vec<f32> = pool
        .iter()
        .map(|s| term_weight(s, &weights, &mut distinct))
        .collect();
    let max_raw = raw.iter().copied().fold(0.0_f32, f32::max);
    let mut scored: Vec<(f32, usize)> = pool
        .iter()
        .zip(raw)
        .map(|(s, raw)| {
            let mut score = if max_raw > 0.0 { raw / max_raw } else { 0.0 };
            match evidence.reason.iter().position(|o| *o == s.order) {
                Some(0) => score += REASON_FIRST_BONUS,
                Some(_) => score += REASON_MORE_BONUS,
                None => {}
            }
            if evidence.resolution == Some(s.order) {
                score += RESOLUTION_BONUS;
            }
            if evidence.commitments.contains(&s.order) {
                score += COMMITMENT_BONUS;
            }
            if closing_agent.contains(&s.order) {
                score += CLOSING_AGENT_BONUS;
            }
            if s.question {
                // The agent's questions are process; the customer's may state the issue.
                score -= if s.speaker == SpeakerRole::Agent {
                    AGENT_QUESTION_PENALTY
                } else {
                    QUESTION_PENALTY
                };
            }
            if s.kind == Kind::Filler {
                score -= FILLER_PENALTY;
            }
            if repeats.get(s.lower).is_some_and(|n| *n >= REPEATED) {
                score -= REPEATED_PENALTY;
            }
            (if score.is_finite() { score } else { 0.0 }, s.order)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<usize> = Vec::with_capacity(count);
    for (_, order) in scored {
        if chosen.len() == count {
            break;
        }
        let Some(candidate) = sentences.get(order) else {
            continue;
        };
        let redundant = chosen
            .iter()
            .filter_map(|o| sentences.get(*o))
            .any(|taken| similar(taken, candidate));
        if !redundant {
            chosen.push(order);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Near-duplicates by content words (Jaccard), so a summary never says the same thing twice.
fn similar(a: &Sentence<'_>, b: &Sentence<'_>) -> bool {
    if a.lower == b.lower {
        return true;
    }
    let (a, b) = (stem_set(a), stem_set(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.iter().filter(|stem| b.binary_search(stem).is_ok()).count();
    let union = a.len() + b.len() - shared;
    shared as f32 / union as f32 >= SIMILAR_JACCARD
}

fn stem_set<'s>(s: &'s Sentence<'_>) -> Vec<&'s str> {
    let mut stems: Vec<&str> = s.stems.iter().map(AsRef::as_ref).collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// Term-frequency weight of a sentence, normalised for length so long sentences don't win by size.
/// `weights` holds ln(1 + frequency) by stem; `distinct` is scratch space, reused across sentences.
fn term_weight<'s>(s: &'s Sentence<'_>, weights: &WordMap<&str, f32>, distinct: &mut Vec<&'s str>) -> f32 {
    distinct.clear();
    distinct.extend(s.stems.iter().map(AsRef::as_ref));
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.is_empty() {
        return 0.0;
    }
    let sum: f32 = distinct
        .iter()
        .map(|stem| weights.get(stem).copied().unwrap_or(0.0))
        .sum();
    sum / (distinct.len() as f32).sqrt()
}

/// The chosen sentences in order, consecutive sentences of one speaker under one framing prefix.
pub(crate) fn render(sentences: &[Sentence<'_>], chosen: &[usize], tone: SummaryTone) -> String {
    let mut out = String::new();
    let mut previous: Option<SpeakerRole> = None;
    for s in chosen.iter().filter_map(|order| sentences.get(*order)) {
        if !out.is_empty() {
            out.push(' ');
        }
        if previous != Some(s.speaker) {
            out.push_str(prefix(s.speaker, tone));
            out.push(' ');
        }
        previous = Some(s.speaker);
        out.push_str(s.text);
        if !ends_sentence(s.text) {
            out.push('.');
        }
    }
    out
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', ')', ']', '”', '’'])
        .ends_with(['.', '!', '?', '…'])
}

/// Framing only: the tone never changes what was said.
fn prefix(speaker: SpeakerRole, tone: SummaryTone) -> &'static str {
    let customer = speaker == SpeakerRole::Customer;
    let agent = speaker == SpeakerRole::Agent;
    match tone {
        SummaryTone::Neutral if customer => "Customer:",
        SummaryTone::Neutral if agent => "Agent:",
        SummaryTone::Neutral => "Other participant:",
        SummaryTone::Formal if customer => "The customer stated:",
        SummaryTone::Formal if agent => "The agent stated:",
        SummaryTone::Formal => "Another participant stated:",
        SummaryTone::Casual if customer => "Customer said:",
        SummaryTone::Casual if agent => "Agent said:",
        SummaryTone::Casual => "Someone else said:",
        SummaryTone::Empathetic if customer => "The customer shared:",
        SummaryTone::Empathetic if agent => "The agent explained:",
        SummaryTone::Empathetic => "Another participant shared:",
    }
}
