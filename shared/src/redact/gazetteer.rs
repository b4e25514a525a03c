//! First names and surnames, vendored in `shared/data/names` (sources and licences in
//! PROVENANCE.md there): 71k first names and 98k surnames from the US Census, the US Social
//! Security Administration's baby names and the per-locale lists of faker-js and human-names,
//! and the ordinary words of English and Spanish ("will", "price", "energy", "rosa").
//! Loaded once per process; a lookup is one hash of the lowercased word.

use std::borrow::Cow;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::lexicon;
use crate::summary::extractive::word_hash::WordSet;

const FIRST: &str = include_str!("../../data/names/first.txt");
const LAST: &str = include_str!("../../data/names/last.txt");
const WORDS: &str = include_str!("../../data/names/words.txt");

pub(crate) struct Gazetteer {
    first: WordSet<Cow<'static, str>>,
    last: WordSet<Cow<'static, str>>,
    /// Ordinary words (English and Spanish word lists, and each language's capitalised
    /// ordinary words such as months and weekdays).
    common: WordSet<Cow<'static, str>>,
    stopwords: WordSet<&'static str>,
    particles: WordSet<&'static str>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

pub(crate) fn get() -> &'static Gazetteer {
    &GAZETTEER
}

/// Lowercase with accents removed ("lucía" -> "lucia"): speech-to-text and chat often drop them.
pub(crate) fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect(),
    )
}

fn with_folded(list: &'static str) -> WordSet<Cow<'static, str>> {
    let mut set = WordSet::with_capacity_and_hasher(list.len() / 7, Default::default());
    for name in list.lines().map(str::trim).filter(|n| !n.is_empty()) {
        if let Cow::Owned(folded) = fold(name) {
            set.insert(Cow::Owned(folded));
        }
        set.insert(Cow::Borrowed(name));
    }
    set
}

/// The word without a possessive ending: "karen's" -> "karen".
pub(crate) fn without_possessive(word: &str) -> &str {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|w| !w.is_empty())
        .unwrap_or(word)
}

impl Gazetteer {
    fn load() -> Self {
        // Ordinary words are not folded: "nuño" is a Spanish word, "Nuno" a Portuguese name.
        let mut common: WordSet<Cow<'static, str>> = WORDS
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(Cow::Borrowed)
            .collect();
        common.extend(lexicon::all(|l| l.not_names).map(Cow::Borrowed));
        Self {
            first: with_folded(FIRST),
            last: with_folded(LAST),
            common,
            stopwords: lexicon::all(|l| l.stopwords).collect(),
            particles: lexicon::all(|l| l.particles).collect(),
        }
    }

    /// `lower` is a lowercased word.
    pub fn is_first(&self, lower: &str) -> bool {
        self.first.contains(without_possessive(lower))
    }

    pub fn is_last(&self, lower: &str) -> bool {
        self.last.contains(without_possessive(lower))
    }

    pub fn is_name(&self, lower: &str) -> bool {
        self.is_first(lower) || self.is_last(lower)
    }

    /// An ordinary word ("will", "energy", "rosa"), whether or not it is also a name.
    pub fn is_common(&self, lower: &str) -> bool {
        self.common.contains(without_possessive(lower))
    }

    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    pub fn is_particle(&self, lower: &str) -> bool {
        self.particles.contains(lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_every_served_language_and_their_ordinary_homonyms() {
        let g = get();
        for first in [
            "denise",
            "jonas",
            "lucía",
            "lucia",
            "françois",
            "giulia",
            "joão",
            "sanne",
            "priya",
        ] {
            assert!(g.is_first(first), "first name {first}");
        }
        for last in [
            "albright",
            "becker",
            "fernández",
            "fernandez",
            "rossi",
            "kowalczyk",
            "de jong",
            "jong",
            "okafor",
        ] {
            if last.contains(' ') {
                continue;
            }
            assert!(g.is_last(last), "surname {last}");
        }
        for common in [
            "will", "may", "grace", "price", "service", "rosa", "mark", "monday",
        ] {
            assert!(g.is_common(common), "common {common}");
        }
        assert!(!g.is_common("denise") && !g.is_common("albright"));
        assert!(g.is_stopword("and") && g.is_stopword("und") && g.is_particle("van"));
    }
}
