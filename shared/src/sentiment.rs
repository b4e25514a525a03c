//! Lexicon sentiment with negation handling, shared by the extractive summariser and verification.
//!
//! Text is lowercased and cut into word tokens; sentence punctuation and "but" end a clause.
//! Lexicon entries (words and phrases, longest first) carry evidence points: politeness 1 (every
//! customer says thanks), mild 2, strong 3, +1 after an intensifier ("really"). A negator in the
//! same clause shortly before an entry flips it: "not happy" is negative; "not bad" and "no
//! problem" are (mildly) positive.

use std::sync::LazyLock;

use crate::summary::Sentiment;
use crate::summary::extractive::word_hash::WordTable;
use crate::summary::extractive::{ascii_alphanumeric_run, char_at};
use crate::transcript::{SpeakerRole, Transcript};

/// Positive and negative evidence points found in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SentimentScore {
    pub positive: u32,
    pub negative: u32,
}

impl SentimentScore {
    /// -1..=1.
    pub fn polarity(&self) -> f32 {
        let total = self.positive + self.negative;
        if total == 0 {
            0.0
        } else {
            (self.positive as f32 - self.negative as f32) / total as f32
        }
    }

    pub fn label(&self) -> Sentiment {
        label_of(self.positive as f32, self.negative as f32)
    }
}

/// Evidence below this is weak (a lone "thanks") and reads as neutral.
const MIN_EVIDENCE: f32 = 2.0;
/// Both sides at least this strong, and neither twice the other: mixed.
const MIXED_EVIDENCE: f32 = 3.0;

/// The label for (possibly weighted) positive and negative evidence.
pub fn label_of(positive: f32, negative: f32) -> Sentiment {
    if positive >= MIXED_EVIDENCE
        && negative >= MIXED_EVIDENCE
        && positive < 2.0 * negative
        && negative < 2.0 * positive
    {
        return Sentiment::Mixed;
    }
    let margin = positive - negative;
    if margin >= MIN_EVIDENCE {
        Sentiment::Positive
    } else if -margin >= MIN_EVIDENCE {
        Sentiment::Negative
    } else {
        Sentiment::Neutral
    }
}

/// Positive entries; weights: 1 politeness, 2 mild, 3 strong.
#[rustfmt::skip]
const POSITIVE: &[(&str, u32)] = &[
    ("thanks", 1), ("thank you", 1), ("cheers", 1), ("appreciate", 2), ("appreciated", 2), ("happy", 2),
    ("glad", 2), ("great", 2), ("good", 2), ("fine", 1), ("helpful", 2), ("nice", 2), ("pleased", 2),
    ("resolved", 2), ("sorted", 2), ("fixed", 2), ("works", 2), ("working", 2), ("satisfied", 2),
    ("easy", 2), ("quick", 1), ("awesome", 3), ("perfect", 3), ("excellent", 3), ("fantastic", 3),
    ("amazing", 3), ("wonderful", 3), ("brilliant", 3), ("love", 3), ("lifesaver", 3),
    ("thank you so much", 3), ("thanks so much", 3), ("that works", 2), ("makes sense", 1),
    ("no problem", 2), ("no worries", 2), ("not a problem", 2),
];

/// Negative entries; weights: 2 mild, 3 strong.
#[rustfmt::skip]
const NEGATIVE: &[(&str, u32)] = &[
    ("problem", 1), ("issue", 1), ("unfortunately", 2), ("annoyed", 2), ("annoying", 2), ("upset", 2),
    ("unhappy", 3), ("bad", 2), ("poor", 2), ("slow", 1), ("broken", 2), ("wrong", 2), ("confused", 1),
    ("confusing", 2), ("worried", 2), ("complaint", 2), ("cancel", 2), ("frustrated", 3),
    ("frustrating", 3), ("angry", 3), ("furious", 3), ("unacceptable", 3), ("terrible", 3), ("awful", 3),
    ("horrible", 3), ("disappointed", 3), ("disappointing", 3), ("ridiculous", 3), ("useless", 3),
    ("worst", 3), ("hate", 3), ("waste of time", 3), ("still not working", 3), ("keeps dropping", 2),
    ("never agreed", 3), ("again and again", 2), ("fed up", 3), ("sick of", 3), ("not good enough", 3),
];

/// Phrases that look like negated entries but are not sentiment ("no thanks").
const NEUTRAL: &[&str] = &["no thanks", "no thank you", "not sure", "no idea"];

#[rustfmt::skip]
const INTENSIFIERS: &[&str] = &[
    "very", "really", "so", "extremely", "absolutely", "completely", "totally", "incredibly", "super",
];

/// Negators and how many tokens ahead they reach. "no" binds tightly ("no help", but not
/// "no, that's fine" and hardly "no that's fine").
#[rustfmt::skip]
const NEGATORS: &[(&str, usize)] = &[
    ("not", 3), ("never", 3), ("no", 2), ("hardly", 2), ("without", 3), ("nothing", 2), ("cannot", 3),
];

#[derive(Debug, Clone)]
struct Entry {
    tokens: Vec<&'static str>,
    positive: bool,
    neutral: bool,
    weight: u32,
}

/// What a word can start: lexicon entries (longest phrase first) and a negation.
#[derive(Debug, Default)]
struct Cues {
    entries: Vec<Entry>,
    /// How many tokens ahead the word negates, for a negator.
    negator_reach: Option<usize>,
}

/// Cues by word: one lookup per word of a transcript.
static CUES: LazyLock<WordTable<Cues>> = LazyLock::new(|| {
    let mut map: WordTable<Cues> = WordTable::default();
    let entries = POSITIVE
        .iter()
        .map(|(p, w)| (*p, true, false, *w))
        .chain(NEGATIVE.iter().map(|(p, w)| (*p, false, false, *w)))
        .chain(NEUTRAL.iter().map(|p| (*p, false, true, 0)));
    for (phrase, positive, neutral, weight) in entries {
        let tokens: Vec<&'static str> = phrase.split(' ').collect();
        if let Some(first) = tokens.first() {
            map.entry(first).entries.push(Entry {
                tokens,
                positive,
                neutral,
                weight,
            });
        }
    }
    for cues in map.values_mut() {
        cues.entries
            .sort_by_key(|entry| std::cmp::Reverse(entry.tokens.len()));
    }
    for (negator, reach) in NEGATORS {
        map.entry(negator).negator_reach = Some(*reach);
    }
    map
});

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    /// Sentence punctuation or "but": negation does not reach across it.
    Break,
}

/// Appends the lowercased words of `lower` (apostrophes kept, "n't" split off as "not") and its
/// clause breaks to `tokens`.
fn tokenize<'a>(lower: &'a str, tokens: &mut Vec<Token<'a>>) {
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i <= lower.len() {
        // A space after the end closes the last word.
        let c = if i == lower.len() {
            ' '
        } else {
            match char_at(lower, i) {
                Some(c) => c,
                None => break,
            }
        };
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’';
        match (in_word, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                word_start = None;
                push_word_token(tokens, trim_apostrophes(lower.get(start..i).unwrap_or_default()));
            }
            _ => {}
        }
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '—' | '–') {
            tokens.push(Token::Break);
        }
        i += c.len_utf8();
        if in_word {
            // The rest of the word's plain letters and digits change nothing.
            i = ascii_alphanumeric_run(lower, i);
        }
    }
}

fn trim_apostrophes(word: &str) -> &str {
    // Most words start and end with a letter or digit: no need for the general trim.
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if plain(word.as_bytes().first()) && plain(word.as_bytes().last()) {
        word
    } else {
        word.trim_matches(['\'', '’'])
    }
}

fn push_word_token<'a>(tokens: &mut Vec<Token<'a>>, word: &'a str) {
    if word.is_empty() {
        return;
    }
    if word == "but" {
        tokens.push(Token::Break);
        return;
    }
    let stem = word.strip_suffix("n't").or_else(|| word.strip_suffix("n’t"));
    match stem {
        Some(stem) => {
            // "don't" -> "do not"; "can't" -> "ca not": the stem only matters as a non-entry.
            if !stem.is_empty() {
                tokens.push(Token::Word(stem));
            }
            tokens.push(Token::Word("not"));
        }
        None => tokens.push(Token::Word(word)),
    }
}

/// Scores one text.
pub fn score(text: &str) -> SentimentScore {
    let lower = text.to_lowercase();
    let mut tokens = Vec::new();
    tokenize(&lower, &mut tokens);
    score_tokens(&tokens)
}

fn score_tokens(tokens: &[Token<'_>]) -> SentimentScore {
    let mut result = SentimentScore::default();
    // Position of the last negator and how far it reaches, reset at clause breaks.
    let mut negation: Option<(usize, usize)> = None;
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        let Token::Word(word) = *token else {
            negation = None;
            i += 1;
            continue;
        };
        let cues = CUES.get(word);
        if let Some(entry) = cues.and_then(|cues| matching_entry(&cues.entries, tokens, i)) {
            let negated = negation.is_some_and(|(at, reach)| i.saturating_sub(at) <= reach);
            let intensified =
                i > 0 && matches!(tokens.get(i - 1), Some(Token::Word(w)) if INTENSIFIERS.contains(w));
            let weight = entry.weight + u32::from(intensified);
            match (entry.neutral, entry.positive, negated) {
                (true, _, _) => {}
                (false, true, false) => result.positive += weight,
                (false, true, true) => result.negative += weight,
                (false, false, false) => result.negative += weight,
                // "not bad", "never a problem": relief, weaker than praise.
                (false, false, true) => result.positive += weight.div_ceil(2),
            }
            // A negator inside a phrase ("still not working") is spent by it.
            negation = None;
            i += entry.tokens.len();
            continue;
        }
        if let Some(reach) = cues.and_then(|cues| cues.negator_reach) {
            negation = Some((i, reach));
        }
        i += 1;
    }
    result
}

/// The first (longest) of `candidates` whose words follow at `at`.
fn matching_entry<'e>(candidates: &'e [Entry], tokens: &[Token<'_>], at: usize) -> Option<&'e Entry> {
    candidates.iter().find(|entry| {
        entry
            .tokens
            .iter()
            .enumerate()
            .all(|(k, expected)| tokens.get(at + k) == Some(&Token::Word(expected)))
    })
}

/// The customer's sentiment over a transcript. Later utterances weigh more (up to 3x for the
/// last): how a call ends says how it went.
pub fn customer_sentiment(transcript: &Transcript) -> Sentiment {
    let customer: Vec<&str> = transcript
        .utterances
        .iter()
        .filter(|u| u.speaker == SpeakerRole::Customer)
        .map(|u| u.text.as_str())
        .collect();
    let last = customer.len().saturating_sub(1).max(1) as f32;
    // One lowercase buffer and one token list for every utterance: a long call has hundreds.
    let mut lower = String::with_capacity(customer.iter().map(|t| t.len()).sum());
    let mut ends = Vec::with_capacity(customer.len());
    for text in &customer {
        push_lowercase(text, &mut lower);
        ends.push(lower.len());
    }
    let mut tokens = Vec::new();
    let mut start = 0;
    let (mut positive, mut negative) = (0.0f32, 0.0f32);
    for (i, end) in ends.into_iter().enumerate() {
        let weight = 1.0 + 2.0 * (i as f32 / last);
        tokens.clear();
        tokenize(lower.get(start..end).unwrap_or_default(), &mut tokens);
        start = end;
        let s = score_tokens(&tokens);
        positive += weight * s.positive as f32;
        negative += weight * s.negative as f32;
    }
    label_of(positive, negative)
}

/// Appends `text.to_lowercase()` to `out`, without a separate allocation for ASCII text.
fn push_lowercase(text: &str, out: &mut String) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        if let Some(added) = out.get_mut(from..) {
            added.make_ascii_lowercase();
        }
    } else {
        out.push_str(&text.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{Channel, Utterance};

    fn label(text: &str) -> Sentiment {
        score(text).label()
    }

    #[test]
    fn plain_words_and_phrases() {
        assert_eq!(
            label("Great, that's perfect, thank you so much!"),
            Sentiment::Positive
        );
        assert_eq!(
            label("This is ridiculous, I'm really frustrated."),
            Sentiment::Negative
        );
        assert_eq!(
            label("It's still not working and this is a waste of time."),
            Sentiment::Negative
        );
        assert_eq!(label("I'd like to check my balance."), Sentiment::Neutral);
        // Word boundaries: "greatly" / "unhappiness" / "badge" are not lexicon words.
        assert_eq!(score("greatly badge unhappiness"), SentimentScore::default());
    }

    #[test]
    fn negation_flips_within_the_window() {
        assert_eq!(label("I'm not happy with this."), Sentiment::Negative);
        assert_eq!(label("I am not at all happy"), Sentiment::Negative);
        assert_eq!(label("That isn't helpful"), Sentiment::Negative);
        assert_eq!(label("It doesn't work, it never works"), Sentiment::Negative);
        assert_eq!(label("That's not bad at all, not a problem"), Sentiment::Positive);
        assert_eq!(label("No problem, no worries."), Sentiment::Positive);
        assert_eq!(
            label("I was never frustrated, I'm not angry"),
            Sentiment::Positive
        );
        assert!(score("not bad").positive > 0 && score("not bad").negative == 0);
    }

    #[test]
    fn negation_stops_at_clause_breaks_and_distance() {
        // "no," ends its clause; "no" reaches only two words.
        assert_eq!(label("No, that's great."), Sentiment::Positive);
        assert_eq!(label("no that is all great"), Sentiment::Positive);
        assert_eq!(
            label("It was not the agent, but the service was great"),
            Sentiment::Positive
        );
        // Three words away is still negated; four is not.
        assert_eq!(label("not really that happy"), Sentiment::Negative);
        assert_eq!(score("not sure it was all that helpful").negative, 0);
        assert_eq!(label("not that I mind, it went great"), Sentiment::Positive);
        assert_eq!(score("no thanks"), SentimentScore::default());
    }

    #[test]
    fn weak_evidence_is_neutral_and_balanced_strong_evidence_is_mixed() {
        assert_eq!(label("Thanks."), Sentiment::Neutral);
        assert_eq!(label("Okay, fine."), Sentiment::Neutral);
        assert_eq!(
            label("The agent was excellent, but the product is terrible."),
            Sentiment::Mixed
        );
        assert_eq!(label_of(10.0, 3.0), Sentiment::Positive);
        assert_eq!(label_of(0.0, 0.0), Sentiment::Neutral);
    }

    #[test]
    fn intensifiers_add_weight() {
        assert!(score("very happy").positive > score("happy").positive);
        assert!(score("extremely disappointed").negative > score("disappointed").negative);
    }

    fn transcript(lines: &[(SpeakerRole, &str)]) -> Transcript {
        Transcript {
            conversation_id: "c".into(),
            agent_names: Vec::new(),
            media_type: Channel::Voice,
            language: None,
            duration_ms: 0,
            utterances: lines
                .iter()
                .map(|(speaker, text)| Utterance {
                    speaker: *speaker,
                    text: (*text).into(),
                    start_offset_ms: 0,
                    duration_ms: 0,
                    confidence: None,
                    communication_id: "x".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn customer_sentiment_counts_only_the_customer_and_weighs_the_end() {
        use SpeakerRole::{Agent, Customer};
        let recovered = transcript(&[
            (Customer, "I'm frustrated, the router is broken."),
            (Agent, "I'm sorry, that's terrible, unacceptable on our side."),
            (Customer, "Okay."),
            (
                Customer,
                "Oh great, it's working now, perfect, thank you so much!",
            ),
        ]);
        assert_eq!(customer_sentiment(&recovered), Sentiment::Positive);

        let soured = transcript(&[
            (Customer, "Great, thanks, happy to be here."),
            (Agent, "Wonderful, excellent, perfect!"),
            (
                Customer,
                "It's still not working. This is ridiculous, I want to cancel.",
            ),
        ]);
        assert_eq!(customer_sentiment(&soured), Sentiment::Negative);

        let agent_only = transcript(&[(Agent, "This is terrible and unacceptable.")]);
        assert_eq!(customer_sentiment(&agent_only), Sentiment::Neutral);
        assert_eq!(customer_sentiment(&transcript(&[])), Sentiment::Neutral);
    }
}
