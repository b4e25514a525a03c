//! What a customer's text says without words: shouting in capitals, "??" and "?!", emoji.

use super::SentimentScore;
use crate::language::{Language, WordSpan};

/// Emoji of anger, annoyance or exasperation.
const UPSET_EMOJI: &[char] = &['😡', '😤', '🙄', '😒', '😩', '😠', '🤬', '😞', '😢'];
/// Emoji of pleasure.
const PLEASED_EMOJI: &[char] = &['😊', '🙂', '😀', '😁', '😃', '🥰', '❤', '🎉', '😍'];
/// Emoji of thanks or assent: polite, not pleased.
const POLITE_EMOJI: &[char] = &['🙏', '👍'];
/// A word in capitals at least this long is shouted ("NOBODY TOLD ME"); shorter ones are
/// acronyms (SIM, HDFC).
const SHOUTED_LEN: usize = 5;

/// The upset, pleased and polite points of a text's punctuation, capitals and emoji.
pub(super) fn upset_signals(text: &str) -> SentimentScore {
    let mut score = SentimentScore::default();
    let bytes = text.as_bytes();
    if bytes.windows(2).any(|w| matches!(w, b"??" | b"?!" | b"!?")) {
        score.upset += 1;
    }
    // Emoji are never ASCII: most texts skip the search.
    if !text.is_ascii() {
        score.upset += u32::from(text.contains(UPSET_EMOJI)) * 2;
        score.pleased += u32::from(text.contains(PLEASED_EMOJI));
        score.polite += u32::from(text.contains(POLITE_EMOJI));
    }
    score.upset += shouted_words(text).min(2);
    score
}

/// Words of at least [`SHOUTED_LEN`] capital letters in a text that is not all capitals (a
/// one-word "CANCEL" answers a menu), outside redaction markers ("[NAME_1]").
fn shouted_words(text: &str) -> u32 {
    // Cheap rejection: no run of capitals long enough (ASCII or not) means no shouting.
    let mut longest = 0;
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_uppercase() || b >= 0x80 {
            run + 1
        } else {
            0
        };
        longest = longest.max(run);
    }
    if longest < SHOUTED_LEN || !text.chars().any(char::is_lowercase) {
        return 0;
    }
    let mut shouted = 0;
    let mut previous = ' ';
    let mut run = 0usize;
    let mut clean = true;
    for c in text.chars().chain([' ']) {
        if c.is_alphanumeric() || c == '_' {
            if run == 0 {
                clean = previous != '[';
            }
            run += 1;
            clean &= c.is_uppercase();
        } else {
            if run >= SHOUTED_LEN && clean && c != ']' {
                shouted += 1;
            }
            run = 0;
        }
        previous = c;
    }
    shouted
}

/// Short function words in capitals ("it's NOT HERE", "NO ME LLEGÓ"): no acronym is a "not" or a
/// "here", so these are shouted too (longer words are [`shouted_words`]'s). At most two.
pub(super) fn shouted_short_words(text: &str, spans: &[WordSpan], language: Language) -> u32 {
    // Cheap rejection: a text with no two capitals in a row, or all in capitals.
    let caps = text
        .as_bytes()
        .windows(2)
        .any(|w| w.iter().all(u8::is_ascii_uppercase));
    if !caps || !text.chars().any(char::is_lowercase) {
        return 0;
    }
    let shouted = spans
        .iter()
        .filter(|s| {
            let said = text.get(s.start..s.end).unwrap_or_default();
            let letters = said.chars().filter(|c| c.is_alphabetic()).count();
            (3..SHOUTED_LEN).contains(&letters)
                && said.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                && (language.is_negation(&s.folded) || language.is_stopword(&s.folded))
        })
        .count();
    (shouted as u32).min(2)
}
