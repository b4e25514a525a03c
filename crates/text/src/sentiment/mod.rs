//! The customer's sentiment over a call as a person would label it, in every served language:
//! `positive` (pleased, no real complaint), `negative` (upset and still so at the end),
//! `neutral` (matter-of-fact), `mixed` (upset at some point, pleased or reconciled by the end).
//!
//! Only the customer's words count. Each utterance is read with the shared tokenizer
//! ([`words`]) and negation list ([`Language::is_negation`]) against one cue table per
//! language ([`lexicon`]), plus what the words do not say: shouting in capitals, "??", angry
//! emoji. Plain thanks are politeness: every customer says them, pleased or not, so they only
//! tell a reconciled close from a still-upset one.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

mod lexicon;
mod signals;
#[cfg(test)]
mod tests;

use crate::language::{self as words, Language, WordSpan};
use crate::transcript::{SpeakerRole, Transcript};
use lexicon::{I, R, T, X};

/// The customer's sentiment over a call (the summary's `customerSentiment`).
pub use wrapup_core::summary::Sentiment;

/// Pleased, upset and polite evidence found in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SentimentScore {
    pub pleased: u32,
    pub upset: u32,
    /// Thanks and good wishes.
    pub polite: u32,
    /// Grudging acceptance ("fine.", "na gut", "pazienza"): going along is not being reconciled.
    pub resigned: u32,
}

/// Upset evidence from here on: clearly upset at some point ("frustrating", "third time I
/// call", shouting), not a problem merely described.
const UPSET: u32 = 3;
/// Pleased evidence from here on, with no upset: positive ("perfect, thanks").
const PLEASED: u32 = 2;
/// Pleased evidence, or thanks (one an utterance), after the customer was upset, with the
/// last utterance no longer upset: the call ended well, mixed.
const RECONCILED: u32 = 2;
/// Upset evidence in one utterance that is a clear, if mild, complaint.
const MILD_UPSET: u32 = 2;
/// How many words ahead a negation reaches ("not at all happy").
const NEGATION_REACH: usize = 3;

#[derive(Debug, Clone)]
struct Entry {
    words: Vec<String>,
    /// The last word matches any word it starts ("frustrat*").
    prefix: bool,
    /// The cue says its own negation ("pas normal", "still not"): a negation before it is
    /// part of it (French "n'est pas normal"), not a reversal.
    negative: bool,
    /// Said only to open a sentence (`^fine`): "Fine." grudges, "that's fine" agrees.
    opening: bool,
    weight: i8,
}

/// One language's cues by the first four characters of their first word (the whole word when
/// shorter), longest first: one lookup a word finds every candidate, "frustrat*" included.
type Cues = FxHashMap<String, Vec<Entry>>;

static CUES: LazyLock<Vec<Cues>> = LazyLock::new(|| Language::ALL.iter().map(|l| cues(*l)).collect());

fn cues(language: Language) -> Cues {
    let mut cues = Cues::default();
    for (said, weight) in lexicon::table(language) {
        let phrase = said.strip_prefix('^').unwrap_or(said);
        let words: Vec<String> = words::words(phrase, language)
            .into_iter()
            .map(|w| w.folded.into_string())
            .collect();
        let Some(key) = words.first().map(|w| head(w).to_owned()) else {
            continue;
        };
        let prefix = phrase.ends_with('*');
        let negative = words.iter().any(|w| language.is_negation(w));
        cues.entry(key).or_default().push(Entry {
            words,
            prefix,
            negative,
            opening: phrase.len() != said.len(),
            weight: *weight,
        });
    }
    for list in cues.values_mut() {
        list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
    cues
}

/// The first four characters of a word: the key of its cues.
fn head(word: &str) -> &str {
    let end = word.char_indices().nth(4).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// Scores one text in `language`.
pub fn score(text: &str, language: Language) -> SentimentScore {
    let cues = &CUES[language as usize];
    let spans = words::words(text, language);
    let mut score = score_words(text, &spans, cues, language);
    let raw = signals::upset_signals(text);
    score.upset += raw.upset + signals::shouted_short_words(text, &spans, language);
    score.pleased += raw.pleased;
    score.polite += raw.polite;
    score.resigned += raw.resigned;
    score
}

fn score_words(text: &str, spans: &[WordSpan], cues: &Cues, language: Language) -> SentimentScore {
    let mut score = SentimentScore::default();
    let mut negated_at: Option<usize> = None;
    let mut intensified_at: Option<usize> = None;
    // Praise said again in a clause of its own ("Great. Just great."): the echo of sarcasm.
    let mut praise: Vec<&str> = Vec::new();
    let mut echoed = false;
    let mut i = 0;
    while let Some(span) = spans.get(i) {
        if i > 0 && clause_break(text, &spans[i - 1], span) {
            negated_at = None;
            intensified_at = None;
        }
        let Some(entry) = matching(text, cues, spans, i) else {
            // A sentence-opening English "no" or French "non" answers a question ("no thats
            // great"); Spanish, Italian and Portuguese negate verbs with it ("no estoy contento").
            let answer = span.sentence_start
                && matches!(
                    (language, span.folded.as_str()),
                    (Language::En, "no") | (Language::Fr, "non")
                );
            if !answer && language.is_negation(&span.folded) {
                negated_at = Some(i);
            }
            i += 1;
            continue;
        };
        let negated = !entry.negative && negated_at.is_some_and(|at| i - at <= NEGATION_REACH);
        let boost = u32::from(intensified_at.is_some_and(|at| at + 1 == i));
        match entry.weight {
            X => {}
            I => intensified_at = Some(i),
            R => score.resigned += 1,
            T => score.polite += 1,
            // "not happy", "not perfect": a complaint, milder than the praise it denies.
            w if w > 0 && negated => score.upset += (w as u32 + boost).div_ceil(2),
            w if w > 0 => {
                score.pleased += w as u32 + boost;
                let said = entry.words.first().map_or("", String::as_str);
                echoed |= praise.contains(&said);
                praise.push(said);
            }
            // "not bad", "never a problem": no complaint.
            _ if negated => {}
            w => score.upset += w.unsigned_abs() as u32 + boost,
        }
        if entry.weight != I {
            negated_at = None;
        }
        i += entry.words.len();
    }
    // The same praise twice and nothing else pleased or thankful is not praise: "Ten working
    // days. Great. Really great."
    let only_echo = praise.iter().all(|p| praise.first() == Some(p));
    if echoed && only_echo && score.polite == 0 {
        score.upset += score.pleased;
        score.pleased = 0;
    }
    score
}

/// Whether punctuation between two words ends the clause: negation stops there.
fn clause_break(text: &str, before: &WordSpan, after: &WordSpan) -> bool {
    text.get(before.end..after.start)
        .is_some_and(|gap| gap.contains(['.', ',', ';', ':', '!', '?', '(', ')', '—', '–']))
}

/// The longest cue whose words follow at `at`.
fn matching<'c>(text: &str, cues: &'c Cues, spans: &[WordSpan], at: usize) -> Option<&'c Entry> {
    let word = spans.get(at)?.folded.as_str();
    let opens = spans.get(at).is_some_and(|s| s.sentence_start);
    let fits = |entry: &&Entry| {
        if entry.opening && !opens {
            return false;
        }
        let last = entry.words.len() - 1;
        entry.words.iter().enumerate().all(|(k, expected)| {
            spans.get(at + k).is_some_and(|s| {
                // A phrase is said in one clause: "non, merci" is not "non merci".
                if k > 0 && clause_break(text, &spans[at + k - 1], s) {
                    false
                } else if k == last && entry.prefix {
                    s.folded.starts_with(expected.as_str())
                } else {
                    s.folded == *expected
                }
            })
        })
    };
    cues.get(head(word))?.iter().find(fits)
}

/// The customer's sentiment over a transcript, in the transcript's language.
pub fn customer_sentiment(transcript: &Transcript) -> Sentiment {
    let language = Language::of_transcript(transcript);
    let scores: Vec<SentimentScore> = transcript
        .utterances
        .iter()
        .filter(|u| u.speaker == SpeakerRole::Customer)
        .map(|u| score(&u.text, language))
        .collect();
    label(&scores)
}

/// The label of a call from the scores of the customer's utterances, in order.
pub fn label(scores: &[SentimentScore]) -> Sentiment {
    let upset: u32 = scores.iter().map(|s| s.upset).sum();
    let pleased: u32 = scores.iter().map(|s| s.pleased).sum();
    let close_upset = scores.last().map_or(0, |s| s.upset);
    if upset < UPSET {
        // One clearly annoyed remark ("which is crazy") that ends in real praise: a complaint
        // that ended well, not a pleased call.
        let sharp = scores.iter().position(|s| s.upset >= MILD_UPSET);
        let praised_after: u32 = sharp
            .and_then(|at| scores.get(at + 1..))
            .map_or(0, |after| after.iter().map(|s| s.pleased).sum());
        let resigned = scores.iter().any(|s| s.resigned > 0);
        if praised_after >= PLEASED && close_upset == 0 && !resigned {
            return Sentiment::Mixed;
        }
        return if pleased >= PLEASED && pleased > upset {
            Sentiment::Positive
        } else {
            Sentiment::Neutral
        };
    }
    // Upset at some point: did it end well? What the customer said after first getting upset,
    // with a close that is not still upset.
    let first_upset = scores.iter().position(|s| s.upset > 0).unwrap_or(0);
    let after = scores.get(first_upset + 1..).unwrap_or_default();
    let recovery: u32 = after.iter().map(|s| s.pleased + s.polite.min(1)).sum();
    // Any upset in the last utterance: still upset at the end ("speriamo che stavolta funzioni").
    if close_upset > 0 {
        return Sentiment::Negative;
    }
    // "Fine. Thanks." after the outburst: going along with it, still dissatisfied.
    let resigned = after.iter().any(|s| s.resigned > 0);
    if !resigned && recovery >= RECONCILED {
        Sentiment::Mixed
    } else {
        Sentiment::Negative
    }
}
