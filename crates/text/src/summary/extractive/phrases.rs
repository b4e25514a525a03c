//! Whether a text holds any of a list of phrases as whole words, with one automaton per list
//! (built on first use and kept for the process): the summariser asks this of every sentence of
//! an hour-long call for dozens of lists, and a search per phrase was most of its time.

use std::cell::RefCell;
use std::rc::Rc;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

/// Each list's automaton (none for a list that cannot have one), keyed by the list's address
/// and length: the lists are static tables.
type Automata = FxHashMap<(usize, usize), Option<Rc<AhoCorasick>>>;

thread_local! {
    static AUTOMATA: RefCell<Automata> = RefCell::new(FxHashMap::default());
}

/// Whether `folded` holds one of `phrases` as whole words (a phrase ending in punctuation, such
/// as ">", needs no word edge after it).
pub(crate) fn contains_any(folded: &str, phrases: &'static [&'static str]) -> bool {
    let Some(automaton) = automaton(phrases) else {
        return phrases.iter().any(|p| find_word(folded, p).is_some());
    };
    // Most texts hold none of a list's phrases anywhere: told by one search that stops at the
    // first occurrence, before every occurrence is read for its word edges.
    if !automaton.is_match(folded) {
        return false;
    }
    automaton.find_overlapping_iter(folded).any(|m| {
        let needle = phrases.get(m.pattern().as_usize()).copied().unwrap_or_default();
        let before = folded.get(..m.start()).and_then(|s| s.chars().next_back());
        let after = folded.get(m.end()..).and_then(|s| s.chars().next());
        bounded(before) && (!needle.ends_with(char::is_alphanumeric) || bounded(after))
    })
}

fn automaton(phrases: &'static [&'static str]) -> Option<Rc<AhoCorasick>> {
    let key = (phrases.as_ptr() as usize, phrases.len());
    AUTOMATA.with(|cell| {
        let mut automata = cell.try_borrow_mut().ok()?;
        automata
            .entry(key)
            .or_insert_with(|| {
                // An empty phrase would match everywhere; such a list is searched one by one.
                (!phrases.iter().any(|p| p.is_empty())).then(|| {
                    AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .build(phrases)
                        .ok()
                        .map(Rc::new)
                })?
            })
            .clone()
    })
}

fn bounded(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

/// Where `needle` starts in `haystack` as whole words.
pub(crate) fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = haystack.get(from..)?.find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = haystack.get(..start)?.chars().next_back();
        let after = haystack.get(end..)?.chars().next();
        let needle_edge_ok = !needle.ends_with(|c: char| c.is_alphanumeric()) || bounded(after);
        if bounded(before) && needle_edge_ok {
            return Some(start);
        }
        from = start + needle.len().max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const LIST: &[&str] = &["regards", "kind regards", "date of birth", ">", "né", "an"];

    #[test]
    fn whole_words_only() {
        assert!(contains_any("thanks, kind regards, bob", LIST));
        assert!(!contains_any("disregards the band", LIST));
        assert!(contains_any("a > b", LIST));
        assert!(contains_any("il est né à lyon", LIST));
        assert!(!contains_any("", LIST));
        assert_eq!(find_word("thanks, kind regards, bob", "regards"), Some(13));
        assert_eq!(find_word("disregards", "regards"), None);
    }

    proptest! {
        /// The automaton answers as a search for each phrase would.
        #[test]
        fn same_answer_as_one_search_per_phrase(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("regards"), Just("kind"), Just("date"), Just("of"), Just("birth"),
                    Just(">"), Just("né"), Just("an"), Just("ban"), Just("x"), Just(","),
                ],
                0..12,
            ),
            glue in "[ ,]{0,1}",
        ) {
            let text = words.join(if glue.is_empty() { " " } else { &glue });
            let naive = LIST.iter().any(|p| find_word(&text, p).is_some());
            prop_assert_eq!(contains_any(&text, LIST), naive, "{}", text);
        }
    }
}
