//! Whether labelled PII reached an output, and whether look-alikes survived redaction.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use wrapup::transcript::Transcript;

use crate::set::{EvalCall, Item};
use crate::spoken::{self, words};

/// Words that say what kind of thing an item is, not whose it is: a street type, a month, a
/// unit word. An item does not leak because "Road" or "June" survives.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "street", "road", "avenue", "drive", "lane", "boulevard", "court", "way", "place", "close",
    "crescent", "terrace", "grove", "flat", "apt", "apartment", "unit", "suite", "floor", "house",
    "the", "and", "of", "rue", "calle", "via", "rua", "straße", "strasse", "weg", "straat", "laan",
    "plein", "piso", "puerta", "bus", "del", "des", "dos", "das", "van", "der", "den", "der",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "janvier", "février",
    "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "januar", "jänner", "februar", "märz", "juni", "juli", "oktober", "dezember",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro",
    "outubro", "dezembro", "januari", "februari", "maart", "mei", "augustus", "oktober",
    // Titles say how to address someone, not who: "Frau Schäfer" leaks through "Schäfer".
    "mr", "mrs", "ms", "miss", "mister", "dr", "frau", "herr", "madame", "monsieur", "mme",
    "mademoiselle", "senor", "senora", "senorita", "signor", "signora", "signore", "sig",
    "senhor", "senhora", "mevrouw", "meneer", "dhr", "mevr",
    // Field labels and a floor's side say which value it is, not what: "agência ..., conta ...".
    "agencia", "conta", "account", "sort", "code", "codigo", "postal", "version", "number",
    "numero", "traco", "esquerdo", "direito", "esq", "dto", "apto", "bloco", "etage", "porte",
    "gauche", "droite", "izquierda", "derecha", "scala", "interno", "buzz", "buzzer",
];

/// What identifies one item: its words that occur nowhere else in the call, and for spoken
/// numbers its runs of three number words (one "three" identifies nobody).
#[derive(Debug, Clone)]
struct Secret {
    words: Vec<String>,
    phrases: Vec<String>,
    /// The item's text, lowercased and without accents, for items with no identifying word.
    whole: String,
}

/// The leaks of one output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leaks {
    /// Index of each leaked item in `call.pii`.
    pub items: Vec<usize>,
}

/// Scores the outputs of one call.
pub struct Scorer<'a> {
    call: &'a EvalCall,
    secrets: Vec<Secret>,
}

impl<'a> Scorer<'a> {
    pub fn new(call: &'a EvalCall) -> Self {
        // The call's words outside every PII occurrence.
        let mut outside = String::new();
        for turn in &call.utterances {
            let mut text = turn.text.clone();
            let mut items: Vec<&Item> = call.pii.iter().collect();
            items.sort_by_key(|i| std::cmp::Reverse(i.text.len()));
            for item in items {
                text = text.replace(&item.text, " ");
            }
            outside.push_str(&text);
            outside.push(' ');
        }
        let outside_words = words(&outside);
        let outside_joined = format!(" {} ", outside_words.join(" "));
        let outside: HashSet<String> = outside_words.into_iter().collect();
        let secrets = call
            .pii
            .iter()
            .map(|item| {
                let all = words(&item.text);
                let mut identifying: Vec<String> = all
                    .iter()
                    .filter(|w| {
                        w.chars().count() >= 3
                            && !GENERIC.contains(&w.as_str())
                            && !spoken::is_number_word(w)
                            && !outside.contains(*w)
                    })
                    .cloned()
                    .collect();
                identifying.dedup();
                let phrases = spoken::number_phrases(&all)
                    .into_iter()
                    .filter(|p| !outside_joined.contains(&format!(" {p} ")))
                    .collect();
                Secret {
                    words: identifying,
                    phrases,
                    whole: all.join(" "),
                }
            })
            .collect();
        Self { call, secrets }
    }

    /// The items of the call that `output` holds.
    pub fn leaks(&self, output: &str) -> Leaks {
        let output_words = words(&without_generated_ids(output));
        let set: HashSet<&str> = output_words.iter().map(String::as_str).collect();
        let joined = format!(" {} ", output_words.join(" "));
        let items = self
            .secrets
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                if s.words.is_empty() && s.phrases.is_empty() {
                    !s.whole.is_empty() && joined.contains(&format!(" {} ", s.whole))
                } else {
                    s.words.iter().any(|w| set.contains(w.as_str()))
                        || s.phrases.iter().any(|p| joined.contains(&format!(" {p} ")))
                }
            })
            .map(|(i, _)| i)
            .collect();
        Leaks { items }
    }

    /// For each look-alike: whether the redacted transcript still holds it as often as the call.
    pub fn survivals(&self, redacted: &Transcript) -> Vec<bool> {
        self.survivals_by(|needle| {
            redacted
                .utterances
                .iter()
                .map(|u| u.text.matches(needle).count())
                .sum()
        })
    }

    /// For each look-alike: whether `json` (serialized requests, such as an LLM's prompts)
    /// holds it, JSON-escaped, as often as the call.
    pub fn survivals_in_json(&self, json: &str) -> Vec<bool> {
        self.survivals_by(|needle| {
            let escaped = serde_json::to_string(needle).unwrap_or_default();
            json.matches(escaped.trim_matches('"')).count()
        })
    }

    /// Whether each look-alike occurs, by `count`, at least as often as in the call.
    fn survivals_by(&self, count: impl Fn(&str) -> usize) -> Vec<bool> {
        let original = self.call.transcript();
        self.call
            .near_misses
            .iter()
            .map(|item| {
                let needle = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let in_call: usize = original
                    .utterances
                    .iter()
                    .map(|u| u.text.matches(&needle).count())
                    .sum();
                count(&needle) >= in_call
            })
            .collect()
    }
}

/// `output` with the UUIDs Wrapup generates (audit ids, message ids) blanked: a random id whose
/// group reads "0196" is not the account ending in 0196.
fn without_generated_ids(output: &str) -> std::borrow::Cow<'_, str> {
    static UUID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
            .expect("a valid pattern")
    });
    UUID.replace_all(output, " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::set::Turn;

    fn call(texts: &[&str], pii: &[(&str, &str)], near: &[&str]) -> EvalCall {
        EvalCall {
            id: "t".into(),
            language: "en-US".into(),
            country: "US".into(),
            media: "voice".into(),
            agent_name: None,
            reference: None,
            perturbations: Vec::new(),
            utterances: texts
                .iter()
                .map(|t| Turn {
                    speaker: "customer".into(),
                    text: (*t).into(),
                })
                .collect(),
            pii: pii
                .iter()
                .map(|(k, t)| Item {
                    kind: (*k).into(),
                    text: (*t).into(),
                    role: None,
                })
                .collect(),
            near_misses: near
                .iter()
                .map(|t| Item {
                    kind: "amount".into(),
                    text: (*t).into(),
                    role: None,
                })
                .collect(),
            notes: None,
        }
    }

    #[test]
    fn an_item_leaks_through_any_identifying_word() {
        let c = call(
            &["I'm Denise Albright, 27 Cranbrook Road, born June 3rd, 1984. The road was closed."],
            &[
                ("name", "Denise Albright"),
                ("address", "27 Cranbrook Road"),
                ("date_of_birth", "June 3rd, 1984"),
            ],
            &[],
        );
        let s = Scorer::new(&c);
        assert_eq!(
            s.leaks("[NAME_1] lives at [ADDRESS_1], born [DOB_1]").items,
            Vec::<usize>::new()
        );
        assert_eq!(s.leaks("Customer ALBRIGHT called").items, [0]);
        assert_eq!(
            s.leaks("[ADDRESS_1] Road; born June [DOB_1]").items,
            Vec::<usize>::new(),
            "generic words do not leak"
        );
        assert_eq!(s.leaks("lives on cranbrook, born in 1984").items, [1, 2]);
    }

    #[test]
    fn a_generated_id_is_not_a_leak_of_the_digits_it_happens_to_hold() {
        let c = call(&["the account ending in 0196"], &[("bank_account", "0196")], &[]);
        let s = Scorer::new(&c);
        assert_eq!(
            s.leaks(r#"{"auditId":"9f1c2b3a-0196-4e5f-8a7b-1c2d3e4f5a6b","text":"[ACCOUNT_1]"}"#)
                .items,
            Vec::<usize>::new()
        );
        assert_eq!(s.leaks("credited to the account ending 0196").items, [0]);
        assert_eq!(s.leaks("reference 0196-4e5f").items, [0], "not an id's shape");
    }

    #[test]
    fn spoken_numbers_leak_by_three_words_in_a_row_not_one() {
        let c = call(
            &["my phone is nine one two, three four five, and I was born on the third, nineteen eighty four"],
            &[
                ("phone", "nine one two, three four five"),
                ("date_of_birth", "the third, nineteen eighty four"),
            ],
            &[],
        );
        let s = Scorer::new(&c);
        assert_eq!(
            s.leaks("born in eighty four, phone [PHONE_1]").items,
            Vec::<usize>::new()
        );
        assert_eq!(s.leaks("phone two three four").items, [0]);
        assert_eq!(s.leaks("born nineteen eighty four").items, [1]);
    }

    #[test]
    fn look_alikes_survive_only_when_every_occurrence_stays() {
        let c = call(&["It cost $49.99 and then $49.99 again"], &[], &["$49.99"]);
        let s = Scorer::new(&c);
        let mut redacted = c.transcript();
        assert_eq!(s.survivals(&redacted), [true]);
        redacted.utterances[0].text = "It cost $49.99 and then [PHONE_1] again".into();
        assert_eq!(s.survivals(&redacted), [false]);
    }
}
