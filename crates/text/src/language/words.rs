//! Words of the served languages as verification and the built-in summary compare them:
//! lowercased with accents dropped (speech-to-text drops them unpredictably), Snowball stems
//! (rust-stemmers) and NLTK stopwords (stop-words), per language.

use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::sync::LazyLock;

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::transcript::Transcript;

/// A language whose words the verifier and the built-in summary read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Es,
    Fr,
    De,
    It,
    Pt,
    Nl,
}

impl Language {
    pub const ALL: [Language; 7] = [
        Language::En,
        Language::Es,
        Language::Fr,
        Language::De,
        Language::It,
        Language::Pt,
        Language::Nl,
    ];

    /// From a BCP-47 tag (`pt-BR`) or a primary subtag; `None` for languages not served.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase();
        Some(match primary.as_str() {
            "en" => Language::En,
            "es" => Language::Es,
            "fr" => Language::Fr,
            "de" => Language::De,
            "it" => Language::It,
            "pt" => Language::Pt,
            "nl" => Language::Nl,
            _ => return None,
        })
    }

    /// The transcript's language (as Genesys says, else detected); English when neither serves.
    pub fn of_transcript(transcript: &Transcript) -> Language {
        super::call_language(None, transcript)
            .and_then(|l| Language::from_tag(&l.tag))
            .unwrap_or(Language::En)
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::De => "de",
            Language::It => "it",
            Language::Pt => "pt",
            Language::Nl => "nl",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Language::En => Algorithm::English,
            Language::Es => Algorithm::Spanish,
            Language::Fr => Algorithm::French,
            Language::De => Algorithm::German,
            Language::It => Algorithm::Italian,
            Language::Pt => Algorithm::Portuguese,
            Language::Nl => Algorithm::Dutch,
        }
    }

    /// The stem of a folded word: a German or Dutch participle's is its infinitive's
    /// ([`super::participles`], [`super::participles_nl`]), and so is an irregular English or French form's
    /// ([`super::irregular`]: "sent" is "send").
    pub fn stem<'a>(self, folded: &'a str) -> Cow<'a, str> {
        super::stem_memo::stem(self, folded, |folded| self.stem_unkept(folded))
    }

    /// [`Language::stem`] made afresh.
    pub(super) fn stem_unkept<'a>(self, folded: &'a str) -> Cow<'a, str> {
        let stemmer = &STEMMERS[self.index()];
        let base = match self {
            Language::De => super::participles::german_infinitive(folded).map(Cow::Owned),
            Language::Nl => super::participles_nl::dutch_infinitive(folded).map(Cow::Owned),
            _ => super::irregular::infinitive(self, folded).map(Cow::Borrowed),
        };
        let stem = match base {
            Some(base) => Cow::Owned(stemmer.stem(&base).into_owned()),
            None => stemmer.stem(folded),
        };
        match self {
            Language::Nl => super::participles_nl::undouble(stem),
            _ => stem,
        }
    }

    /// Whether a folded word is a function word of this language.
    pub fn is_stopword(self, folded: &str) -> bool {
        STOPWORDS[self.index()].contains(folded)
    }
}

static STEMMERS: LazyLock<Vec<Stemmer>> = LazyLock::new(|| {
    Language::ALL
        .iter()
        .map(|l| Stemmer::create(l.algorithm()))
        .collect()
});

static STOPWORDS: LazyLock<Vec<FxHashSet<String>>> = LazyLock::new(|| {
    STOPWORD_LISTS
        .iter()
        .map(|list| list.lines().map(|w| fold(w.trim()).into_owned()).collect())
        .collect()
});

/// NLTK's stopword lists of the served languages, in [`Language::ALL`]'s order, one word a line:
/// vendored from the `stop-words` crate (`crates/text/data/stopwords/PROVENANCE.md`) so that the
/// functions do not carry its lists of fifty other languages.
const STOPWORD_LISTS: [&str; 7] = [
    include_str!("../../data/stopwords/en.txt"),
    include_str!("../../data/stopwords/es.txt"),
    include_str!("../../data/stopwords/fr.txt"),
    include_str!("../../data/stopwords/de.txt"),
    include_str!("../../data/stopwords/it.txt"),
    include_str!("../../data/stopwords/pt.txt"),
    include_str!("../../data/stopwords/nl.txt"),
];

/// Lowercase without accents ("Garantía" -> "garantia", "ß" stays); ASCII words are borrowed
/// when already lowercase.
pub fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(word.to_ascii_lowercase());
        }
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == '’' { '\'' } else { c })
            .collect(),
    )
}

/// [`fold`] into a [`CompactString`], lowercased in place when it is ASCII.
pub(super) fn fold_compact(word: &str) -> CompactString {
    if word.is_ascii() {
        // Most words are lowercase already: copied as they are.
        let mut folded = CompactString::from(word);
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            folded.make_ascii_lowercase();
        }
        return folded;
    }
    CompactString::from(fold(word))
}

/// One word of a text: its byte span and folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSpan {
    pub start: usize,
    pub end: usize,
    /// Held inline up to 24 bytes, which nearly every word is: a call's words cost no
    /// allocation each.
    pub folded: CompactString,
    /// The word starts with a capital letter.
    pub capitalised: bool,
    /// The first word of the text or after `.`, `!`, `?`, `:`, `;`.
    pub sentence_start: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendored_stopwords_are_the_crates() {
        for (language, list) in Language::ALL.iter().zip(STOPWORD_LISTS) {
            let vendored: std::collections::BTreeSet<&str> = list.lines().map(str::trim).collect();
            let source: std::collections::BTreeSet<&str> = stop_words::lookup(language.code())
                .unwrap_or_default()
                .iter()
                .copied()
                .collect();
            assert!(!source.is_empty(), "{language:?}");
            assert_eq!(vendored, source, "data/stopwords/{}.txt", language.code());
        }
    }

    #[test]
    fn stems_meet_across_inflections_in_each_language() {
        assert_eq!(Language::En.stem("charged"), Language::En.stem("charges"));
        assert_eq!(Language::Es.stem("reembolsos"), Language::Es.stem("reembolso"));
        assert_eq!(Language::De.stem("rechnungen"), Language::De.stem("rechnung"));
        assert!(Language::Fr.is_stopword("les") && !Language::Fr.is_stopword("facture"));
        assert_eq!(Language::from_tag("pt-BR"), Some(Language::Pt));
        assert_eq!(Language::from_tag("ja"), None);
    }
}
