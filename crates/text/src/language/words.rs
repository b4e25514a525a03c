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
fn fold_compact(word: &str) -> CompactString {
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

/// The words of `text`: letters and digits, with inner apostrophes, hyphens, dots and commas
/// kept inside ("don't", "MV-881023", "341.80"); French and Italian elisions split off
/// ("l'offre" -> "l'", "offre").
pub fn words(text: &str, language: Language) -> Vec<WordSpan> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentence_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            if ends_sentence(text, start, c, out.last(), language) {
                sentence_start = true;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut previous = c;
        while let Some(&(at, next)) = chars.peek() {
            let inner = matches!(next, '\'' | '’' | '-' | '.' | ',' | ':' | '/')
                && text[at + next.len_utf8()..].chars().next().is_some_and(|n| {
                    // Dots, commas and colons only between digits: "341.80", "1,350", "9:15".
                    if matches!(next, '.' | ',' | ':') {
                        previous.is_ascii_digit() && n.is_ascii_digit()
                    } else if next == '/' {
                        // "24/7" and "and/or" are one word; "€95/maand" is a price per month.
                        previous.is_ascii_digit() == n.is_ascii_digit()
                    } else {
                        n.is_alphanumeric()
                    }
                });
            if next.is_alphanumeric() || inner {
                end = at + next.len_utf8();
                previous = next;
                chars.next();
            } else {
                break;
            }
        }
        let raw = &text[start..end];
        let capitalised = c.is_uppercase();
        let mut push = |from: usize, to: usize| {
            out.push(WordSpan {
                start: start + from,
                end: start + to,
                folded: fold_compact(&raw[from..to]),
                capitalised,
                sentence_start,
            })
        };
        match elision(raw, language) {
            Some(after) => {
                push(0, after);
                push(after, raw.len());
            }
            None => push(0, raw.len()),
        }
        sentence_start = false;
    }
    out
}

/// Whether punctuation `c` at byte `at` ends a sentence: `!`, `?`, `;` and line breaks do; a
/// colon before a space does; a full stop does before a space, except after a German or Dutch
/// ordinal ("am 12. März") and after a one-letter abbreviation ("p.m. today").
fn ends_sentence(text: &str, at: usize, c: char, previous: Option<&WordSpan>, language: Language) -> bool {
    // Asked only of a colon or a full stop: every space of a text comes here.
    let spaced =
        || text[at + c.len_utf8()..].starts_with(char::is_whitespace) || at + c.len_utf8() == text.len();
    match c {
        '!' | '?' | ';' | '\n' => true,
        ':' => spaced(),
        '.' => {
            let previous = previous.filter(|w| w.end == at);
            let ordinal = matches!(language, Language::De | Language::Nl | Language::Pt)
                && previous
                    .is_some_and(|w| w.folded.len() <= 2 && w.folded.bytes().all(|b| b.is_ascii_digit()));
            let abbreviation = previous.is_some_and(|w| w.folded.chars().count() == 1);
            spaced() && !ordinal && !abbreviation
        }
        _ => false,
    }
}

/// Where a French or Italian elided article or pronoun ends ("l'" of "l'offre"): the word is
/// split there.
fn elision(raw: &str, language: Language) -> Option<usize> {
    if matches!(language, Language::Fr | Language::It)
        && let Some(at) = raw.find(['\'', '’'])
        && at <= 5
    {
        let after = at + raw[at..].chars().next().map_or(1, char::len_utf8);
        if after < raw.len() {
            return Some(after);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_accents_keep_numbers_whole_and_split_elisions() {
        let words = words("Garantía de 341,80 € l'offre: MV-881023. Ok", Language::Fr);
        let folded: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(
            folded,
            ["garantia", "de", "341,80", "l'", "offre", "mv-881023", "ok"]
        );
        assert!(words[0].capitalised && words[0].sentence_start);
        assert!(words[6].sentence_start && words[5].sentence_start && !words[3].sentence_start);
    }

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
