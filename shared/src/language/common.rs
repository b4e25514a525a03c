//! The common words of each served language (wordfreq's 8,000 most frequent, vendored in
//! `shared/data/common-words` with their provenance and licence), compared by stem.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::words::{Language, fold};

const LISTS: [&str; 7] = [
    include_str!("../../data/common-words/en.txt"),
    include_str!("../../data/common-words/es.txt"),
    include_str!("../../data/common-words/fr.txt"),
    include_str!("../../data/common-words/de.txt"),
    include_str!("../../data/common-words/it.txt"),
    include_str!("../../data/common-words/pt.txt"),
    include_str!("../../data/common-words/nl.txt"),
];

static COMMON_STEMS: LazyLock<Vec<FxHashSet<String>>> = LazyLock::new(|| {
    Language::ALL
        .iter()
        .zip(LISTS)
        .map(|(language, list)| {
            list.lines()
                .map(|word| language.stem(&fold(word)).into_owned())
                .collect()
        })
        .collect()
});

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
