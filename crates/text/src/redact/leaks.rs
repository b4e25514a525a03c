//! Which of a call's personal data a summary repeats. The call's redaction masks generously:
//! a capitalised run that looks like a name ("ATO's", "Beaufort St") is masked on its shape
//! alone, and masked text stays masked in the summary too. A leak is stricter: the summary
//! repeats a name or address the call was sure of (found in context: "my name is", an identity
//! answer, a street line), every word of it, and not an ordinary word of the language.

use super::PiiKind;
use super::candidate::{Candidate, Strength};
use super::gazetteer;
use super::pseudonym::{index_keys, key_of, same};
use crate::language::Language;

/// The names and addresses a call masked on evidence beyond their shape.
#[derive(Debug, Clone)]
pub(crate) struct Confirmed {
    /// The call's language, whose ordinary words are no names.
    language: Language,
    /// Kind and key ("denise albright") of each value.
    values: Vec<(PiiKind, String)>,
    /// Kind and each word of those keys.
    words: Vec<(PiiKind, String)>,
}

/// The kinds whose leak needs the call's certainty: shapes such as cards and emails are
/// personal data wherever they appear, but a name or an address is a guess without context.
fn needs_context(kind: PiiKind) -> bool {
    matches!(kind, PiiKind::Name | PiiKind::Address)
}

impl Confirmed {
    pub fn new(language: Language) -> Self {
        Confirmed {
            language,
            values: Vec::new(),
            words: Vec::new(),
        }
    }

    /// Records `text`, masked in the call as `candidate`, when its evidence is beyond shape.
    /// `customers`: the utterance is the customer's, or the agent's speaking of the
    /// customer's address ("I have your address as ..."). An address only the agent gives
    /// otherwise is the company's (its branch, the clinic, the pharmacy it confirms).
    pub fn add(&mut self, candidate: &Candidate, text: &str, customers: bool) {
        if !needs_context(candidate.kind) || candidate.strength == Strength::Shape {
            return;
        }
        if candidate.kind == PiiKind::Address && !customers {
            return;
        }
        let key = key_of(candidate.kind, text);
        for word in index_keys(candidate.kind, &key) {
            let entry = (candidate.kind, word);
            if !self.words.contains(&entry) {
                self.words.push(entry);
            }
        }
        let entry = (candidate.kind, key);
        if !self.values.contains(&entry) {
            self.values.push(entry);
        }
    }

    /// Whether the value at `span` of `text` (a summary), found as a `kind` the call has a
    /// marker for when `marked`, repeats the call's personal data there: not a name that runs
    /// on into another proper noun or names a place after "in".
    pub fn leak_at(&self, kind: PiiKind, text: &str, span: (usize, usize), marked: bool) -> bool {
        let (start, end) = span;
        let Some(value) = text.get(start..end) else {
            return false;
        };
        let elsewhere = kind == PiiKind::Name && (self.runs_on(text, end) || placed(text, start, end));
        !elsewhere && self.leaks(kind, value, marked)
    }

    /// Whether the name that ends at `end` of `text` runs on into a capitalised word the call
    /// never had as a name: it is part of another proper noun ("Emerald Skies", the airline,
    /// where the call's redaction took "Emerald" for the end of a signature).
    pub fn runs_on(&self, text: &str, end: usize) -> bool {
        let rest = text.get(end..).unwrap_or_default();
        let gap = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        if gap == 0 {
            return false;
        }
        let next: String = rest[gap..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        let capitalised = next.chars().next().is_some_and(char::is_uppercase);
        let key = key_of(PiiKind::Name, &next);
        capitalised && !key.is_empty() && !self.words.iter().any(|(k, w)| *k == PiiKind::Name && *w == key)
    }

    /// Whether `text`, found in a summary as a `kind` the call has a marker for, repeats the
    /// call's personal data. Kinds other than names and addresses are the marker's alone.
    pub fn leaks(&self, kind: PiiKind, text: &str, marked: bool) -> bool {
        if !marked {
            return false;
        }
        if kind == PiiKind::Phone {
            return dialable(text);
        }
        if !needs_context(kind) {
            return true;
        }
        // A town or district alone ("Dublin", "Inglewood") names a place, not where someone
        // lives: it identifies nobody in a summary.
        let place_alone = kind == PiiKind::Address
            && !text.chars().any(|c| c.is_ascii_digit())
            && text.split_whitespace().count() <= 2;
        if place_alone || ordinary(self.language, text) {
            return false;
        }
        let key = key_of(kind, text);
        // "London King's Cross" is not the call's Mr King: each word must be the call's.
        let words = index_keys(kind, &key);
        !words.is_empty()
            && words
                .iter()
                .all(|w| self.words.iter().any(|(k, v)| *k == kind && v == w))
            && self.values.iter().any(|(k, v)| *k == kind && same(kind, v, &key))
    }
}

/// Whether a value taken for a phone number could be dialled: a code with letters in it ("FR 24
/// 06 113", a fraud report) is none, whatever the call's redaction took it for, nor is a
/// number longer than a national one that does not dial abroad ("2024-0093-77412", a police
/// report).
pub(crate) fn dialable(text: &str) -> bool {
    const NATIONAL: usize = 12;
    let lettered = text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "ext" | "x" | "tel"));
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let start = text.trim_start();
    let abroad = start.starts_with('+') || start.starts_with("00");
    !lettered && (digits <= NATIONAL || abroad)
}

/// Prepositions of place: the one word after them names a town or a district ("in Bainbridge",
/// "en Getafe", "nach Graz"), as a place alone does. Not "a" or "à", which also lead to a
/// person ("llamó a Juan", "écrit à Marie").
#[rustfmt::skip]
const IN: &[&str] = &["in", "at", "en", "nach", "em", "te"];

/// Whether the one-word name at `start..end` of `text` follows a preposition of place: a
/// place, which identifies nobody.
pub(crate) fn placed(text: &str, start: usize, end: usize) -> bool {
    let one_word = text
        .get(start..end)
        .is_some_and(|v| !v.trim().contains(char::is_whitespace));
    let before = text.get(..start).unwrap_or_default().trim_end();
    let previous = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    one_word && IN.contains(&previous.as_str())
}

/// Words for where someone lives, folded, in the served languages.
#[rustfmt::skip]
const HOME: &[&str] = &[
    "address", "home", "house", "live", "lives", "living", "direccion", "domicilio", "casa", "vive",
    "vivo", "adresse", "domicile", "habitez", "habite", "maison", "anschrift", "wohnung", "wohnen",
    "wohnort", "indirizzo", "residenza", "abita", "endereco", "morada", "mora", "adres", "woning",
    "woont", "huis",
];

/// Whether an utterance speaks to the listener of where they live: a second-person word and a
/// word for an address or home ("I have your address as", "¿sigue viviendo en", "uw adres").
pub(crate) fn about_the_listener(language: Language, text: &str) -> bool {
    let cues = language.cues();
    let spans = crate::language::words(text, language);
    spans
        .iter()
        .any(|w| cues.second_person.contains(&w.folded.as_str()))
        && spans.iter().any(|w| HOME.contains(&w.folded.as_str()))
}

/// Words of the language and nothing else ("Ehemann", "Erstattung", "alla"): what a summary says in its
/// own words, not a name, even where the call's redaction masked the same word.
fn ordinary(language: Language, text: &str) -> bool {
    let g = gazetteer::get();
    let mut words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            let lower = gazetteer::fold(&w.to_lowercase()).into_owned();
            let word = gazetteer::without_possessive(&lower);
            language.is_stopword(word)
                || language.is_abstract_noun(word)
                || ((g.is_common(word) || language.is_common(word)) && !g.is_name(word))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confirmed(values: &[(PiiKind, &str, Strength)]) -> Confirmed {
        in_language(Language::En, values)
    }

    fn in_language(language: Language, values: &[(PiiKind, &str, Strength)]) -> Confirmed {
        let mut c = Confirmed::new(language);
        for (kind, text, strength) in values {
            c.add(&Candidate::new(*kind, 0, text.len(), *strength), text, true);
        }
        c
    }

    #[test]
    fn a_name_found_in_context_leaks_in_part_and_whole() {
        let c = confirmed(&[(PiiKind::Name, "Denise Albright", Strength::Context)]);
        assert!(c.leaks(PiiKind::Name, "Denise", true));
        assert!(c.leaks(PiiKind::Name, "Denise Albright", true));
        assert!(c.leaks(PiiKind::Name, "Albright's", true));
        assert!(!c.leaks(PiiKind::Name, "Denise", false), "no marker, no leak");
        let c = confirmed(&[(PiiKind::Name, "Melanie Wagner", Strength::Context)]);
        assert!(c.leaks(PiiKind::Name, "Frau Wagner", true) || c.leaks(PiiKind::Name, "Wagner", true));
    }

    #[test]
    fn a_name_masked_on_its_shape_alone_is_no_leak() {
        let c = confirmed(&[(PiiKind::Name, "Beaufort St", Strength::Shape)]);
        assert!(!c.leaks(PiiKind::Name, "Beaufort St", true));
        let c = confirmed(&[(PiiKind::Address, "Via Dante 4", Strength::Shape)]);
        assert!(!c.leaks(PiiKind::Address, "Via Dante 4", true));
        let c = confirmed(&[(PiiKind::Address, "Inglewood", Strength::Context)]);
        assert!(!c.leaks(PiiKind::Address, "Inglewood", true), "a place alone");
    }

    #[test]
    fn a_longer_name_sharing_one_word_is_another_name() {
        let c = confirmed(&[(PiiKind::Name, "King", Strength::Context)]);
        assert!(!c.leaks(PiiKind::Name, "London King's Cross", true));
        assert!(c.leaks(PiiKind::Name, "King", true));
        let c = confirmed(&[(PiiKind::Address, "Calle Mayor 12, Madrid", Strength::Context)]);
        assert!(c.leaks(PiiKind::Address, "Calle Mayor 12", true));
        assert!(!c.leaks(PiiKind::Address, "Calle Mayor 12, Bilbao", true));
    }

    #[test]
    fn a_name_running_on_into_another_capitalised_word_is_another_name() {
        let c = confirmed(&[(PiiKind::Name, "Bartosz Nowak Emerald", Strength::Context)]);
        let text = "the flights offered by Emerald Skies";
        let end = text.find(" Skies").unwrap_or(0);
        assert!(c.runs_on(text, end));
        let text = "Bartosz Nowak confirmed the booking";
        let end = text.find(" confirmed").unwrap_or(0);
        assert!(!c.runs_on(text, end));
        let text = "signed Bartosz Nowak";
        assert!(!c.runs_on(text, text.len()));
        let c = in_language(
            Language::Es,
            &[(PiiKind::Name, "Lucía Fernández", Strength::Context)],
        );
        let text = "la cita es en la Clínica Fernández Ortega";
        let end = text.find(" Ortega").unwrap_or(0);
        assert!(c.runs_on(text, end), "the clinic, not the customer");
        let text = "Lucía Fernández pidió la devolución";
        let end = text.find(" pidió").unwrap_or(0);
        assert!(!c.runs_on(text, end));
    }

    #[test]
    fn a_town_after_a_preposition_of_place_is_a_place() {
        let text = "another cottage with the same name in Bainbridge often gets them";
        let start = text.find("Bainbridge").unwrap_or(0);
        assert!(placed(text, start, start + "Bainbridge".len()));
        let text = "the parcel was signed for by Bainbridge yesterday";
        let start = text.find("Bainbridge").unwrap_or(0);
        assert!(!placed(text, start, start + "Bainbridge".len()));
        let text = "el técnico va en Getafe";
        let start = text.find("Getafe").unwrap_or(0);
        assert!(placed(text, start, start + "Getafe".len()));
        let text = "el agente llamó a Juan";
        let start = text.find("Juan").unwrap_or(0);
        assert!(!placed(text, start, start + "Juan".len()), "a person");
        let text = "in Anna Smith's name";
        let start = text.find("Anna").unwrap_or(0);
        assert!(
            !placed(text, start, start + "Anna Smith".len()),
            "two words: a person"
        );
        assert!(!placed("", 0, 0));
    }

    #[test]
    fn ordinary_words_are_no_names() {
        let c = in_language(
            Language::De,
            &[
                (PiiKind::Name, "Ehemann", Strength::Context),
                (PiiKind::Name, "Wagner", Strength::Context),
            ],
        );
        assert!(!c.leaks(PiiKind::Name, "Ehemann", true));
        assert!(c.leaks(PiiKind::Name, "Wagner", true));
        let c = in_language(Language::De, &[(PiiKind::Name, "Erstattung", Strength::Context)]);
        assert!(!c.leaks(PiiKind::Name, "Erstattung", true));
        let c = in_language(Language::It, &[(PiiKind::Name, "alla", Strength::Context)]);
        assert!(!c.leaks(PiiKind::Name, "alla", true));
    }

    #[test]
    fn shaped_kinds_follow_the_marker() {
        let c = Confirmed::new(Language::En);
        assert!(c.leaks(PiiKind::Phone, "0612345678", true));
        assert!(c.leaks(PiiKind::Phone, "+44 20 7946 0958 ext 12", true));
        assert!(!c.leaks(PiiKind::Phone, "FR 24 06 113", true), "a code");
        assert!(
            !c.leaks(PiiKind::Phone, "2024-0093-77412", true),
            "too long to dial"
        );
        assert!(c.leaks(PiiKind::Phone, "0044 20 7946 0958", true));
        assert!(!c.leaks(PiiKind::Phone, "0612345678", false));
        assert!(!c.leaks(PiiKind::Name, "", true));
    }
}
