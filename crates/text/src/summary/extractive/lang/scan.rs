//! Live-word helpers shared by the languages' frame matchers.

use super::super::parsed::Word;

/// The folded form of live word `k` (an index into `live`).
pub(crate) fn at<'w>(words: &'w [Word], live: &[usize], k: usize) -> &'w str {
    live.get(k)
        .and_then(|i| words.get(*i))
        .map_or("", |w| w.folded.as_str())
}

/// Whether live word `k` is one of `list`.
pub(crate) fn is(words: &[Word], live: &[usize], k: usize, list: &[&str]) -> bool {
    let w = at(words, live, k);
    !w.is_empty() && crate::language::listed(list, w)
}

/// Skips the live words from `k` on that are in `list`; returns the first that is not.
pub(crate) fn skip(words: &[Word], live: &[usize], mut k: usize, list: &[&str]) -> usize {
    while is(words, live, k, list) {
        k += 1;
    }
    k
}

/// Matches the phrase (words separated by spaces) at live word `k`; returns the index after.
pub(crate) fn phrase(words: &[Word], live: &[usize], k: usize, phrase: &str) -> Option<usize> {
    // Most phrases are ruled out by their first word: told without splitting the phrase.
    let first = at(words, live, k);
    // A byte tells most phrases apart without a call to compare (a word and the phrase it
    // starts, or the elided word that starts one, share their first byte).
    if !first.is_empty() && first.as_bytes().first() != phrase.as_bytes().first() {
        return None;
    }
    let first_matches =
        phrase.starts_with(first) && phrase.as_bytes().get(first.len()).is_none_or(|&b| b == b' ');
    if !first_matches && !first.ends_with('\'') {
        return None;
    }
    walk(words, live, k, phrase)
}

/// [`phrase`] word by word.
fn walk(words: &[Word], live: &[usize], k: usize, phrase: &str) -> Option<usize> {
    let mut j = k;
    for part in phrase.split(' ') {
        let word = at(words, live, j);
        if word == part {
            j += 1;
            continue;
        }
        // Elisions are their own words when said ("m' engage"), one in the lists ("m'engage"):
        // only a word that ends in an apostrophe can start one.
        if !word.ends_with('\'') {
            return None;
        }
        let (elided, rest) = part.split_at(part.find('\'').map_or(0, |a| a + 1));
        if elided.is_empty()
            || rest.is_empty()
            || at(words, live, j) != elided
            || at(words, live, j + 1) != rest
        {
            return None;
        }
        j += 2;
    }
    Some(j)
}

/// The first of `phrases` that matches at `k`, and the index after it.
pub(crate) fn any_phrase(words: &[Word], live: &[usize], k: usize, phrases: &[&str]) -> Option<usize> {
    // The word at `k` read once for the list: a phrase whose first byte is not the word's
    // is not matched there ([`phrase`] rules it out the same way).
    let lead = at(words, live, k).as_bytes().first().copied();
    phrases
        .iter()
        .filter(|p| p.as_bytes().first().copied() == lead)
        .find_map(|p| phrase(words, live, k, p))
}

#[cfg(test)]
mod tests {
    use super::super::super::parsed::Word;

    fn word(folded: &str) -> Word {
        Word {
            start: 0,
            end: folded.len(),
            folded: folded.into(),
            marker: false,
            capitalised: false,
            skip: false,
            joins: false,
            class: 0,
        }
    }

    /// Words said: a few that share starts, elisions and empty parts.
    fn said() -> impl proptest::strategy::Strategy<Value = Vec<&'static str>> {
        let words = vec![
            "i",
            "i'll",
            "l'",
            "offre",
            "call",
            "call back",
            "back",
            "",
            "m'",
            "engage",
        ];
        proptest::collection::vec(proptest::sample::select(words), 0..6)
    }

    proptest::proptest! {
        /// The first-word shortcut answers as the walk does: words and phrases drawn from a
        /// few that share starts, elisions and empty parts.
        #[test]
        fn phrases_match_as_walked(
            said in said(),
            phrase in proptest::collection::vec(
                proptest::sample::select(vec!["i", "i'll", "l'offre", "call", "back", "m'engage", "", "ca"]),
                1..4,
            ),
            k in 0usize..7,
        ) {
            let words: Vec<Word> = said.iter().map(|w| word(w)).collect();
            let live: Vec<usize> = (0..words.len()).collect();
            let phrase = phrase.join(" ");
            proptest::prop_assert_eq!(
                super::phrase(&words, &live, k, &phrase),
                super::walk(&words, &live, k, &phrase),
                "{:?} at {} against {:?}", said, k, phrase
            );
        }

        /// A list answers as its phrases tried one by one: the first byte read once for the
        /// list rules out what each phrase would.
        #[test]
        fn lists_match_as_their_phrases_do(
            said in said(),
            list in proptest::collection::vec(
                proptest::sample::select(vec!["i", "i'll", "l'offre", "call", "call back", "back", "m'engage", "", "ca"]),
                0..5,
            ),
            k in 0usize..7,
        ) {
            let words: Vec<Word> = said.iter().map(|w| word(w)).collect();
            let live: Vec<usize> = (0..words.len()).collect();
            proptest::prop_assert_eq!(
                super::any_phrase(&words, &live, k, &list),
                list.iter().find_map(|p| super::phrase(&words, &live, k, p)),
                "{:?} at {} against {:?}", said, k, list
            );
        }
    }
}
