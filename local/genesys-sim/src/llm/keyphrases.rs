//! Key phrases: capitalised multi-word names ("Acme Router Pro") first, then frequent content
//! words, all as written in the transcript.

/// Capitalised words that do not start a name.
#[rustfmt::skip]
const NAME_STOP: &[&str] = &[
    "i", "i'm", "i've", "i'll", "i'd", "my", "the", "a", "an", "hi", "hello", "hey", "yes", "no", "okay",
    "ok", "so", "and", "but", "or", "can", "could", "is", "does", "do", "did", "what", "what's", "it",
    "it's", "that", "that's", "this", "there", "there's", "since", "we", "we'll", "we're", "you", "you'll",
    "you're", "your", "please", "thanks", "thank", "sure", "well", "oh", "just", "how", "when", "where",
    "which", "why", "would", "will", "our", "nobody", "pretty", "mostly", "actually", "same", "if", "as",
    "for", "on", "in", "at", "to", "of", "with", "by", "from", "then", "also", "let", "let's", "great",
    "perfect", "alright", "right", "not", "all", "any", "one", "here", "now", "customer", "agent", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
];

#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "also", "always", "another", "anything", "around",
    "away", "back", "because", "been", "before", "being", "below", "between", "both", "cannot", "could",
    "couldn't", "didn't", "does", "doesn't", "doing", "done", "don't", "down", "during", "each", "else",
    "even", "every", "everything", "from", "further", "going", "gone", "good", "got", "great", "had",
    "hasn't", "have", "haven't", "having", "hello", "here", "hold", "home", "into", "isn't", "it's", "just",
    "know", "last", "less", "like", "look", "looking", "made", "make", "many", "might", "more", "most",
    "much", "must", "need", "never", "next", "nothing", "okay", "once", "only", "other", "over", "perfect",
    "please", "pretty", "really", "right", "said", "same", "says", "should", "shouldn't", "since", "some",
    "something", "still", "such", "sure", "take", "tell", "than", "thank", "thanks", "that", "that's",
    "their", "them", "then", "there", "there's", "these", "they", "they're", "thing", "think", "this",
    "those", "through", "time", "today", "tomorrow", "under", "until", "very", "want", "wanted", "wasn't",
    "well", "we'll", "were", "weren't", "what", "what's", "when", "where", "which", "while", "will", "with",
    "won't", "would", "wouldn't", "yeah", "your", "yours", "you're", "you'll", "you've", "i've", "i'll",
    "i'd", "i'm", "let's", "can't", "actually", "already", "anyway", "bit", "come", "first", "give", "keep",
    "keeps", "kind", "maybe", "mean", "okay", "quite", "seems", "sort", "sorry", "used", "using", "way",
    "ways", "week", "weeks", "work", "works", "year", "customer", "agent", "able", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "minute", "minutes", "hour", "hours", "days",
    "morning", "afternoon", "evening", "sent", "send", "call", "calling", "long", "thinking", "tried",
    "told", "asked", "fine",
];

fn core(token: &str) -> &str {
    let token = token.trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '['));
    let token = token.trim_end_matches(|c: char| !c.is_alphanumeric());
    token
        .strip_suffix("'s")
        .or_else(|| token.strip_suffix("’s"))
        .unwrap_or(token)
}

/// Runs of capitalised words ("Nimbus Phone X", "Volt Charger 65W") of at least two words.
fn names(sentence: &str, out: &mut Vec<String>) {
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        if run.len() >= 2 {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for token in sentence.split_whitespace() {
        let word = core(token);
        let first = word.chars().next();
        let starts = first.is_some_and(char::is_uppercase)
            && !token.starts_with('[')
            && !NAME_STOP.contains(&word.to_lowercase().as_str());
        let continues = !run.is_empty()
            && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !token.starts_with('[')
            && !NAME_STOP.contains(&word.to_lowercase().as_str());
        if starts || continues {
            run.push(word);
        } else {
            flush(&mut run);
        }
        // Punctuation after the word ends the run.
        if token.ends_with(|c: char| !c.is_alphanumeric()) {
            flush(&mut run);
        }
    }
    flush(&mut run);
}

/// Spellings of one phrase: "Zephyr Soundbar", "Zephyr Sound Bars", "zephyr soundbar's".
pub fn same_phrase(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let k: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        k.strip_suffix('s').map(str::to_string).unwrap_or(k)
    };
    key(a) == key(b)
}

/// Counts in first-appearance order; spellings of one phrase count as the first one seen.
fn count(items: impl IntoIterator<Item = String>) -> Vec<(String, usize)> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for item in items {
        match counted.iter_mut().find(|(k, _)| same_phrase(k, &item)) {
            Some((_, n)) => *n += 1,
            None => counted.push((item, 1)),
        }
    }
    // Stable: first appearance breaks ties.
    counted.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counted
}

/// Up to `max` key phrases of these sentences.
pub fn key_phrases<'a>(sentences: impl Iterator<Item = &'a str> + Clone, max: usize) -> Vec<String> {
    let mut found = Vec::new();
    for sentence in sentences.clone() {
        names(sentence, &mut found);
    }
    let mut phrases: Vec<String> = count(found).into_iter().map(|(n, _)| n).take(max).collect();
    let in_name = |w: &str, phrases: &[String]| {
        phrases
            .iter()
            .any(|p| p.split(' ').any(|n| n.eq_ignore_ascii_case(w)))
    };
    let words: Vec<String> = sentences
        .flat_map(str::split_whitespace)
        .map(|t| core(t).to_lowercase())
        .filter(|w| {
            w.chars().count() >= 4
                && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-')
                && !STOPWORDS.contains(&w.as_str())
                && !NAME_STOP.contains(&w.as_str())
        })
        .collect();
    let words = count(words);
    let repeated = words.iter().filter(|(_, n)| *n >= 2);
    // With few repeated words, the first content words said fill in (a real model always has some).
    let single = words
        .iter()
        .filter(|(_, n)| *n < 2)
        .take(3usize.saturating_sub(phrases.len()));
    for (word, _) in repeated.chain(single) {
        if phrases.len() >= max {
            break;
        }
        if !in_name(word, &phrases) {
            phrases.push(word.clone());
        }
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_then_frequent_words() {
        let sentences = [
            "My Acme Router Pro keeps dropping the connection.",
            "Since Tuesday the Acme Router Pro's lights are blinking, and the connection drops.",
            "I'll send a replacement Volt Charger 65W by Friday.",
            "The card [CARD] was charged.",
        ];
        let phrases = key_phrases(sentences.iter().copied(), 5);
        assert_eq!(
            phrases[..3],
            ["Acme Router Pro", "Volt Charger 65W", "connection"]
        );
        assert!(same_phrase("Zephyr Sound Bar's", "zephyr soundbars"));
        assert!(
            phrases
                .iter()
                .all(|p| !p.contains("CARD") && !p.contains("Tuesday")),
            "{phrases:?}"
        );
    }
}
