//! First names and surnames, vendored in `crates/text/data/names` (sources and licences in
//! PROVENANCE.md there): 71k first names and 98k surnames from the US Census, the US Social
//! Security Administration's baby names and the per-locale lists of faker-js and human-names,
//! and the ordinary words of English and Spanish ("will", "price", "energy", "rosa").
//! Loaded once per process; a lookup is one hash of the lowercased word.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::sync::LazyLock;

use hashbrown::HashTable;
use unicode_normalization::UnicodeNormalization;

use super::lexicon;
use crate::word_hash::WordHash;

// Statics, not constants: the table's entries point into these very bytes, one copy of each.
static FIRST: &str = include_str!("../../data/names/first.txt");
static LAST: &str = include_str!("../../data/names/last.txt");
static WORDS: &str = include_str!("../../data/names/words.txt");

/// What a word is, as bits: one lookup answers every question about it.
const FIRST_NAME: u8 = 1;
const SURNAME: u8 = 2;
/// An ordinary word (English and Spanish word lists, and each language's capitalised ordinary
/// words such as months and weekdays).
const COMMON: u8 = 4;
const STOPWORD: u8 = 8;
const PARTICLE: u8 = 16;

/// Every word once, with its flags, in 8 bytes a word: where its text is and what it is. A
/// word of the vendored lists is read in place (the lists are in the binary); folded forms and
/// the lexicons' words are copied into `arena`. A map of owned keys took 17 MB for the 320k
/// words, about half of the API's memory.
pub(crate) struct Gazetteer {
    table: HashTable<Entry>,
    arena: String,
    hasher: WordHash,
}

/// Where a word's text is (`source`: [`FIRST`], [`LAST`], [`WORDS`] or the arena, at `at`),
/// and its flags.
#[derive(Debug, Clone, Copy)]
struct Entry {
    at: u32,
    len: u16,
    source: u8,
    flags: u8,
}

const IN_FIRST: u8 = 0;
const IN_LAST: u8 = 1;
const IN_WORDS: u8 = 2;
const IN_ARENA: u8 = 3;

/// The text of an entry.
fn text_of<'a>(arena: &'a str, e: &Entry) -> &'a str {
    let source = match e.source {
        IN_FIRST => FIRST,
        IN_LAST => LAST,
        IN_WORDS => WORDS,
        _ => arena,
    };
    let at = e.at as usize;
    source.get(at..at + usize::from(e.len)).unwrap_or_default()
}

/// Where `word`, a slice of the vendored `list`, is in it (from its address).
fn in_list(list: &'static str, source: u8, word: &'static str) -> Option<(u8, u32)> {
    Some((source, crate::word_hash::place_in(list, word)?))
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

pub(crate) fn get() -> &'static Gazetteer {
    &GAZETTEER
}

/// The words of a vendored list, one a line, without the ASCII whitespace around them: a
/// plain scan for each line break. `str::lines` and `str::trim` set up a search for each of the
/// 320k short lines, which made the first request of every sandbox pay twice the work for the
/// whole load.
fn lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = list;
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
            let line = rest.get(..end).unwrap_or_default().trim_ascii();
            rest = rest.get(end + 1..).unwrap_or_default();
            if !line.is_empty() {
                return Some(line);
            }
        }
        None
    })
}

/// Lowercase with accents removed ("lucía" -> "lucia"): speech-to-text and chat often drop them.
#[inline]
pub(crate) fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    Cow::Owned(without_accents(word))
}

fn without_accents(word: &str) -> String {
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// The word without a possessive ending: "karen's" -> "karen".
#[inline]
pub(crate) fn without_possessive(word: &str) -> &str {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|w| !w.is_empty())
        .unwrap_or(word)
}

impl Gazetteer {
    fn load() -> Self {
        // At most one word a line: the table is sized once.
        let count = [FIRST, LAST, WORDS]
            .iter()
            .map(|list| list.bytes().filter(|b| *b == b'\n').count() + 1)
            .sum::<usize>();
        let mut g = Gazetteer {
            table: HashTable::with_capacity(count + count / 16),
            arena: String::new(),
            hasher: WordHash::default(),
        };
        for (list, source, flag) in [(FIRST, IN_FIRST, FIRST_NAME), (LAST, IN_LAST, SURNAME)] {
            for name in lines(list) {
                // Its accent-free form too: speech-to-text and chat often drop accents.
                if let Cow::Owned(folded) = fold(name) {
                    g.mark(&folded, None, flag);
                }
                g.mark(name, in_list(list, source, name), flag);
            }
        }
        // Ordinary words are not folded: "nuño" is a Spanish word, "Nuno" a Portuguese name.
        for word in lines(WORDS) {
            g.mark(word, in_list(WORDS, IN_WORDS, word), COMMON);
        }
        for word in lexicon::all(|l| l.not_names) {
            g.mark(word, None, COMMON);
        }
        for word in lexicon::all(|l| l.stopwords) {
            g.mark(word, None, STOPWORD);
        }
        for word in lexicon::all(|l| l.particles) {
            g.mark(word, None, PARTICLE);
        }
        g
    }

    /// Adds `flag` to `word`'s flags, the word added first when new: read in place at `place`
    /// when given, else copied into the arena.
    fn mark(&mut self, word: &str, place: Option<(u8, u32)>, flag: u8) {
        let Ok(len) = u16::try_from(word.len()) else {
            return;
        };
        let hash = self.hasher.hash_one(word);
        let Gazetteer { table, arena, hasher } = self;
        if let Some(e) = table.find_mut(hash, |e| text_of(arena, e) == word) {
            e.flags |= flag;
            return;
        }
        let (source, at) = match place {
            Some(place) => place,
            None => {
                let Ok(at) = u32::try_from(arena.len()) else {
                    return;
                };
                arena.push_str(word);
                (IN_ARENA, at)
            }
        };
        let entry = Entry {
            at,
            len,
            source,
            flags: flag,
        };
        let arena = &*arena;
        table.insert_unique(hash, entry, |e| hasher.hash_one(text_of(arena, e)));
    }

    #[inline]
    fn flags(&self, word: &str) -> u8 {
        let hash = self.hasher.hash_one(word);
        self.table
            .find(hash, |e| text_of(&self.arena, e) == word)
            .map_or(0, |e| e.flags)
    }

    /// `lower` is a lowercased word.
    #[inline]
    pub fn is_first(&self, lower: &str) -> bool {
        self.flags(without_possessive(lower)) & FIRST_NAME != 0
    }

    #[inline]
    pub fn is_name(&self, lower: &str) -> bool {
        self.flags(without_possessive(lower)) & (FIRST_NAME | SURNAME) != 0
    }

    /// An ordinary word ("will", "energy", "rosa"), whether or not it is also a name.
    #[inline]
    pub fn is_common(&self, lower: &str) -> bool {
        self.flags(without_possessive(lower)) & COMMON != 0
    }

    #[inline]
    pub fn is_stopword(&self, lower: &str) -> bool {
        self.flags(lower) & STOPWORD != 0
    }

    #[inline]
    pub fn is_particle(&self, lower: &str) -> bool {
        self.flags(lower) & PARTICLE != 0
    }

    /// Everything the gazetteer says of lowercased `lower`, in one lookup for a word without
    /// a possessive ending: for tests that ask several questions of the same word.
    #[inline]
    pub fn facts(&self, lower: &str) -> WordFacts {
        let stem = without_possessive(lower);
        let flags = self.flags(stem);
        // Stopwords and particles are looked up with their ending ([`Self::is_stopword`]).
        let whole = if stem.len() == lower.len() {
            flags
        } else {
            self.flags(lower)
        };
        WordFacts {
            flags,
            stopword: whole & STOPWORD != 0,
            particle: whole & PARTICLE != 0,
        }
    }
}

/// The answers of [`Gazetteer`]'s `is_*` questions about one word ([`Gazetteer::facts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordFacts {
    /// The flags of the word without its possessive ending.
    flags: u8,
    stopword: bool,
    particle: bool,
}

impl WordFacts {
    /// [`Gazetteer::is_first`].
    pub fn is_first(self) -> bool {
        self.flags & FIRST_NAME != 0
    }

    /// [`Gazetteer::is_name`].
    pub fn is_name(self) -> bool {
        self.flags & (FIRST_NAME | SURNAME) != 0
    }

    /// [`Gazetteer::is_common`].
    pub fn is_common(self) -> bool {
        self.flags & COMMON != 0
    }

    /// A known surname (without its possessive ending).
    pub fn is_last(self) -> bool {
        self.flags & SURNAME != 0
    }

    /// [`Gazetteer::is_stopword`].
    pub fn is_stopword(self) -> bool {
        self.stopword
    }

    /// [`Gazetteer::is_particle`].
    pub fn is_particle(self) -> bool {
        self.particle
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_read_one_word_a_line_as_str_lines_reads_it() {
        static LIST: &str = "anna\r\n  bo \n\n\tcarl\nlast";
        let read: Vec<&str> = lines(LIST).collect();
        assert_eq!(read, ["anna", "bo", "carl", "last"]);
        let by_std: Vec<&str> = LIST.lines().map(str::trim).filter(|w| !w.is_empty()).collect();
        assert_eq!(read, by_std);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("\n\n").count(), 0);
    }

    /// Every word of every list is found with its list's flag (and a name's accent-free form
    /// too), whichever list or arena its text is read from; the table holds each word once.
    #[test]
    fn every_listed_word_is_found_with_its_flag() {
        let g = get();
        let lines = |list: &'static str| list.lines().map(str::trim).filter(|w| !w.is_empty());
        let mut distinct = std::collections::HashSet::new();
        for (list, flag) in [(FIRST, FIRST_NAME), (LAST, SURNAME)] {
            for name in lines(list) {
                assert!(g.flags(name) & flag != 0, "{name}");
                assert!(g.flags(&fold(name)) & flag != 0, "{name} folded");
                distinct.insert(fold(name).into_owned());
                distinct.insert(name.to_owned());
            }
        }
        for word in lines(WORDS).chain(lexicon::all(|l| l.not_names)) {
            assert!(g.is_common(word), "{word}");
            distinct.insert(word.to_owned());
        }
        for word in lexicon::all(|l| l.stopwords) {
            assert!(g.is_stopword(word), "{word}");
            distinct.insert(word.to_owned());
        }
        for word in lexicon::all(|l| l.particles) {
            assert!(g.is_particle(word), "{word}");
            distinct.insert(word.to_owned());
        }
        assert_eq!(g.table.len(), distinct.len());
        for unknown in ["", "zzqxj", "denisee", "albrigh"] {
            assert_eq!(g.flags(unknown), 0, "{unknown}");
        }
    }

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
            assert!(g.facts(last).is_last(), "surname {last}");
        }
        for common in [
            "will", "may", "grace", "price", "service", "rosa", "mark", "monday",
        ] {
            assert!(g.is_common(common), "common {common}");
        }
        assert!(!g.is_common("denise") && !g.is_common("albright"));
        assert!(g.is_stopword("and") && g.is_stopword("und") && g.is_particle("van"));
    }

    #[test]
    fn facts_answer_as_the_questions_do() {
        let g = get();
        for word in [
            "denise", "denise's", "will", "and", "and's", "'s", "s'", "albright", "lucía", "rosa", "van",
            "van's", "de", "",
        ] {
            let facts = g.facts(word);
            assert_eq!(facts.is_first(), g.is_first(word), "{word}");
            assert_eq!(facts.is_name(), g.is_name(word), "{word}");
            assert_eq!(facts.is_common(), g.is_common(word), "{word}");
            assert_eq!(
                facts.is_last(),
                g.flags(without_possessive(word)) & SURNAME != 0,
                "{word}"
            );
            assert_eq!(facts.is_stopword(), g.is_stopword(word), "{word}");
            assert_eq!(facts.is_particle(), g.is_particle(word), "{word}");
        }
    }
}
