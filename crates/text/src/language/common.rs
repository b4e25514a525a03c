//! The common words of each served language (wordfreq's 8,000 most frequent, vendored in
//! `crates/text/data/common-words` with their provenance and licence), compared by stem.

use std::hash::BuildHasher;
use std::sync::LazyLock;

use hashbrown::HashTable;

use super::words::Language;
use crate::word_hash::{WordHash, place_in};

/// The lists themselves: the stems below are made from them, and a test holds them so.
#[cfg(test)]
const LISTS: [&str; 7] = [
    include_str!("../../data/common-words/en.txt"),
    include_str!("../../data/common-words/es.txt"),
    include_str!("../../data/common-words/fr.txt"),
    include_str!("../../data/common-words/de.txt"),
    include_str!("../../data/common-words/it.txt"),
    include_str!("../../data/common-words/pt.txt"),
    include_str!("../../data/common-words/nl.txt"),
];

/// Each language's common words as stems, one a line, sorted: derived from `LISTS` by the
/// Snowball stemmer and vendored, because stemming the 56,000 words took ~290 M instructions
/// of a sandbox's first summary. A test holds each file equal to what the stemmer makes of its
/// list (and rewrites them with `WRAPUP_WRITE_STEMS=1`).
static STEMS: [&str; 7] = [
    include_str!("../../data/common-words/en.stems.txt"),
    include_str!("../../data/common-words/es.stems.txt"),
    include_str!("../../data/common-words/fr.stems.txt"),
    include_str!("../../data/common-words/de.stems.txt"),
    include_str!("../../data/common-words/it.stems.txt"),
    include_str!("../../data/common-words/pt.stems.txt"),
    include_str!("../../data/common-words/nl.stems.txt"),
];

static COMMON_STEMS: LazyLock<Vec<StemSet>> =
    LazyLock::new(|| STEMS.iter().map(|stems| StemSet::of(stems)).collect());

/// One language's stems, read in place from its file: a table of where each one is.
struct StemSet {
    text: &'static str,
    table: HashTable<(u32, u16)>,
    hasher: WordHash,
}

impl StemSet {
    fn of(text: &'static str) -> Self {
        let hasher = WordHash::default();
        let mut table = HashTable::with_capacity(text.lines().count());
        for stem in text.lines() {
            let (Some(at), Ok(len)) = (place_in(text, stem), u16::try_from(stem.len())) else {
                continue;
            };
            let hash = hasher.hash_one(stem);
            let slice = |&(at, len): &(u32, u16)| text.get(at as usize..at as usize + usize::from(len));
            if table.find(hash, |e| slice(e) == Some(stem)).is_none() {
                table.insert_unique(hash, (at, len), |e| hasher.hash_one(slice(e).unwrap_or_default()));
            }
        }
        Self { text, table, hasher }
    }

    fn contains(&self, stem: &str) -> bool {
        let hash = self.hasher.hash_one(stem);
        self.table
            .find(hash, |&(at, len)| {
                self.text.get(at as usize..at as usize + usize::from(len)) == Some(stem)
            })
            .is_some()
    }
}

impl Language {
    /// Whether a folded word is an everyday word of the language (any inflection of one).
    pub fn is_common(self, folded: &str) -> bool {
        let common = |word: &str| {
            COMMON_STEMS
                .get(self as usize)
                .is_some_and(|stems| stems.contains(self.stem(word).as_ref()))
        };
        common(folded) || self.variants(folded).iter().any(|v| common(v))
    }
}

/// Verb particles German and Dutch split off ("terugstorten" is said "storten we terug").
const PARTICLES: &[&str] = &[
    "terug", "over", "door", "mee", "weg", "toe", "uit", "aan", "af", "op", "in", "na", "bij", "zuruck",
    "vorbei", "weiter", "nach", "auf", "aus", "ein", "mit", "vor", "zu", "an", "ab",
];

impl Language {
    /// Other forms a word may take in the call: the infinitive of a Romance future
    /// ("recibirá" -> "recibir", "riceverà" -> "ricevere", "recontactera" -> "recontacter"), the
    /// parts of a hyphenated word, and a German or Dutch verb without its separable particle.
    pub fn variants(self, folded: &str) -> Vec<String> {
        let mut out = Vec::new();
        if folded.contains('-') {
            out.push(folded.replace('-', ""));
            out.extend(folded.rsplit('-').next().map(str::to_owned));
        }
        let futures: &[(&str, &[&str])] = match self {
            Language::Es | Language::Pt => &[("ara", &["ar"]), ("era", &["er"]), ("ira", &["ir"])],
            Language::It => &[("era", &["are", "ere"]), ("ira", &["ire"]), ("ara", &["are"])],
            Language::Fr => &[
                ("era", &["er"]),
                ("ira", &["ir"]),
                ("ront", &["re"]),
                ("ra", &["re"]),
            ],
            _ => &[],
        };
        for (ending, infinitives) in futures {
            if let Some(base) = folded.strip_suffix(ending).filter(|b| b.len() >= 3) {
                out.extend(infinitives.iter().map(|i| format!("{base}{i}")));
                // Italian keeps the "h" of the future: "cercherà" -> "cercare".
                if let Some(plain) = base.strip_suffix('h') {
                    out.extend(infinitives.iter().map(|i| format!("{plain}{i}")));
                }
            }
        }
        if matches!(self, Language::De | Language::Nl) {
            for particle in PARTICLES {
                if let Some(rest) = folded.strip_prefix(particle).filter(|r| r.len() >= 4) {
                    out.push(rest.to_owned());
                }
            }
        }
        out
    }

    /// A German noun made with a suffix of abstract nouns ("Entsperrung", "Erreichbarkeit",
    /// "Mitgliedschaft", eight letters or more): a word of the language, not a name, though
    /// not among the common ones. German capitalises every noun, so its capital says nothing.
    pub fn is_abstract_noun(self, folded: &str) -> bool {
        const SUFFIXES: &[&str] = &["ung", "heit", "keit", "schaft", "tion", "itat"];
        const SHORTEST: usize = 8;
        self == Language::De
            && folded.chars().count() >= SHORTEST
            && SUFFIXES.iter().any(|s| folded.ends_with(s))
    }

    /// Common, or (German and Dutch) a compound whose last part is common:
    /// "Identitätsprüfung", "Zählerstand".
    pub fn is_common_or_compound(self, folded: &str) -> bool {
        if self.is_common(folded) {
            return true;
        }
        if !matches!(self, Language::De | Language::Nl) {
            return false;
        }
        let starts: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
        starts
            .iter()
            .skip(3)
            .map(|i| &folded[*i..])
            .any(|head| head.chars().count() >= 4 && self.is_common(head))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::words::fold;

    /// The vendored stems are what the stemmer makes of each list today: a stemmer upgrade or
    /// a list change that would change them fails here until the files are written again
    /// (`WRAPUP_WRITE_STEMS=1 cargo test -p wrapup --lib vendored_stems`).
    #[test]
    fn vendored_stems_are_the_stemmers() {
        let names = ["en", "es", "fr", "de", "it", "pt", "nl"];
        for (((language, list), vendored), name) in Language::ALL.iter().zip(LISTS).zip(STEMS).zip(names) {
            let mut stems: Vec<String> = list
                .lines()
                .map(|word| language.stem(&fold(word)).into_owned())
                .collect();
            stems.sort_unstable();
            stems.dedup();
            let expected: String = stems.iter().map(|s| format!("{s}\n")).collect();
            if std::env::var_os("WRAPUP_WRITE_STEMS").is_some() {
                let path = format!(
                    "{}/data/common-words/{name}.stems.txt",
                    env!("CARGO_MANIFEST_DIR")
                );
                std::fs::write(&path, &expected).expect("the stems file");
                continue;
            }
            assert!(vendored == expected, "{name}.stems.txt is stale: write it again");
            let set = StemSet::of(vendored);
            assert_eq!(set.table.len(), stems.len(), "{name}");
            assert!(stems.iter().all(|s| set.contains(s)), "{name}");
            assert!(!set.contains("zzqxj") && !set.contains(""), "{name}");
        }
    }

    #[test]
    fn everyday_words_are_common_and_claim_words_are_not() {
        assert!(Language::En.is_common("sending") && Language::En.is_common("check"));
        assert!(!Language::En.is_common("waive") && !Language::En.is_common("voucher"));
        assert!(Language::Es.is_common("enviar") && !Language::Es.is_common("cupon"));
        assert!(!Language::De.is_common("zahlerwechsel"));
        assert!(Language::De.is_common_or_compound("identitatsprufung"));
        assert!(!Language::En.is_common_or_compound("purolator"));
        assert!(Language::Es.is_common("recibira") && Language::It.is_common("cerchera"));
        assert!(Language::En.is_common("e-mail"));
        assert!(
            Language::Nl
                .variants("terugstorten")
                .contains(&"storten".to_owned())
        );
    }
}
