//! Cue phrases of every language, found from the tokens that can start one.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::lexicon::{self, Cue, Slot};
use super::token::Tokens;
use super::words;

/// The cues of one text, held in place: a text has a few at most, and every text of a call
/// has its own until the call is redacted.
pub(crate) type CueHits = smallvec::SmallVec<[CueHit; 4]>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueHit {
    pub cue: Cue,
    /// First and last token of the cue (inclusive).
    pub first: usize,
    pub last: usize,
}

impl CueHit {
    pub fn slot(&self) -> Option<Slot> {
        match self.cue {
            Cue::Slot(slot) => Some(slot),
            _ => None,
        }
    }
}

/// One cue phrase, ASCII-lowercased like the text it is compared with.
struct Phrase {
    lower: String,
    cue: Cue,
}

/// The cue phrases of some lexicons, by the id of their first token's lowercase form, in
/// lexicon order: a token that starts no cue costs one bit test ([`words::CUE_START`]), one
/// that starts some is told its id by the word table ([`words::cue_id`]).
#[derive(Default)]
struct Phrases {
    by_id: Vec<Vec<Phrase>>,
}

/// The cues of every language, for text whose language is not known.
static ALL_CUES: LazyLock<Phrases> = LazyLock::new(|| phrases(&lexicon::ALL));
/// The cues of one language each, in the order of [`lexicon::ALL`]: "handy" is a phone in
/// German and a word in English, "sin" an id in English and "without" in Spanish.
static LANGUAGE_CUES: LazyLock<Vec<Phrases>> = LazyLock::new(|| {
    lexicon::ALL
        .iter()
        .map(|l| phrases(std::slice::from_ref(l)))
        .collect()
});

/// The cue phrases of some lexicons by the lowercase form of their first token.
fn by_first(lexicons: &[&lexicon::Lexicon]) -> FxHashMap<String, Vec<Phrase>> {
    let mut by_first: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
    for (phrase, cue) in lexicon::cue_spellings(lexicons) {
        // Tokenised as a text is, so its first token is the token a match starts with.
        let tokens = Tokens::without_word_lists(&phrase);
        if tokens.len() == 0 {
            continue;
        }
        let first = tokens.lower_str(0).to_owned();
        by_first.entry(first).or_default().push(Phrase {
            lower: phrase.to_ascii_lowercase(),
            cue,
        });
    }
    by_first
}

fn phrases(lexicons: &[&lexicon::Lexicon]) -> Phrases {
    let mut by_id: Vec<Vec<Phrase>> = (0..=words::cue_first_words().count())
        .map(|_| Vec::new())
        .collect();
    for (first, phrases) in by_first(lexicons) {
        if let Some(list) = words::cue_id_of(&first).and_then(|id| by_id.get_mut(id)) {
            *list = phrases;
        }
    }
    Phrases { by_id }
}

/// Every cue on word boundaries, in text order; a cue inside a longer cue ("name is" in "my name
/// is", "address" in "email address") is dropped. Cues compare without ASCII case.
/// `language` is an index into [`lexicon::ALL`] (see [`lexicon::index_of`]); `None` matches the
/// cues of every language.
pub(crate) fn find(tokens: &Tokens<'_>, language: Option<usize>) -> CueHits {
    let phrases = match language {
        Some(i) => match LANGUAGE_CUES.get(i) {
            Some(phrases) => phrases,
            None => return CueHits::new(),
        },
        None => &*ALL_CUES,
    };
    let lower = tokens.lower_text().as_bytes();
    let mut hits = CueHits::new();
    for (first, token) in tokens.toks.iter().enumerate() {
        // "l'adresse", "dell'indirizzo": a cue after an elided article starts inside its token.
        let (lex, start) = if token.lex & words::CUE_START != 0 {
            (token.lex, token.start)
        } else if let Some(after) = token
            .apostrophe
            .then(|| elided(lower, token.start, token.end))
            .flatten()
        {
            let rest = tokens.lower_text().get(after..token.end).unwrap_or_default();
            (words::lex_of(rest, false), after)
        } else {
            continue;
        };
        if lex & words::CUE_START == 0 {
            continue;
        }
        let Some(candidates) = phrases.by_id.get(words::cue_id(lex)) else {
            continue;
        };
        for phrase in candidates {
            let bytes = phrase.lower.as_bytes();
            let end = start + bytes.len();
            // The phrases of one first word mostly differ from the text by their last byte:
            // told before comparing them whole.
            let last_differs = bytes
                .last()
                .is_some_and(|b| lower.get(end.wrapping_sub(1)) != Some(b));
            if last_differs || lower.get(start..end) != Some(bytes) {
                continue;
            }
            // The token that ends the match must end exactly there.
            let last = tokens.index_at(end).saturating_sub(1);
            if last < first || tokens.get(last).is_none_or(|t| t.end != end) {
                continue;
            }
            hits.push(CueHit {
                cue: phrase.cue,
                first,
                last,
            });
        }
    }
    hits.sort_by_key(|h| (h.first, std::cmp::Reverse(h.last)));
    // Sorted by start (longest first), a hit lies inside an earlier one exactly when it ends
    // before the furthest end seen so far: one pass, however many hits.
    // In place: no second vector per text.
    let mut furthest: Option<usize> = None;
    hits.retain(|hit| {
        if furthest.is_some_and(|end| hit.last <= end) {
            return false;
        }
        furthest = Some(furthest.map_or(hit.last, |end| end.max(hit.last)));
        true
    });
    hits
}

/// The article French and Italian elide before a vowel ("l'adresse", "l'indirizzo"), with its
/// apostrophe. Not "d'" or "dell'": a cue after "of" names whose the thing before it is ("il
/// codice fiscale dell'intestatario" asks for the code, not the holder's name).
const ELISIONS: &[&str] = &["l'", "l’"];

/// Where the word starts after an elided article opening the token at `start..end` of the
/// lowercase text ("l'adresse" -> "adresse"), when one does.
fn elided(lower: &[u8], start: usize, end: usize) -> Option<usize> {
    let token = lower.get(start..end)?;
    ELISIONS
        .iter()
        .find(|e| token.len() > e.len() && token.starts_with(e.as_bytes()))
        .map(|e| start + e.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::lexicon::Slot;
    use aho_corasick::{AhoCorasick, MatchKind};

    fn cues(text: &str) -> Vec<(Cue, String)> {
        let tokens = Tokens::new(text);
        find(&tokens, None)
            .into_iter()
            .map(|h| {
                let start = tokens.get(h.first).unwrap().start;
                let end = tokens.get(h.last).unwrap().end;
                (h.cue, text[start..end].to_owned())
            })
            .collect()
    }

    #[test]
    fn cues_of_every_language_on_word_boundaries() {
        let found = cues("Hi, My Name Is Denise. Date of birth? Ich heiße Jonas; je m’appelle Lucie");
        assert!(
            found.contains(&(Cue::NameIntro { strong: true }, "My Name Is".into())),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, t)| t == "Name Is"), "{found:?}");
        assert!(found.contains(&(Cue::Slot(Slot::DateOfBirth), "Date of birth".into())));
        assert!(found.contains(&(Cue::NameIntro { strong: true }, "Ich heiße".into())));
        assert!(found.contains(&(Cue::NameIntro { strong: true }, "je m’appelle".into())));
        assert!(cues("thistle island ordered").is_empty(), "no cue inside a word");
    }

    /// A cue after the article French and Italian elide starts inside its token; after "of"
    /// ("dell'intestatario") it names whose the thing before it is, and is no cue.
    #[test]
    fn cues_after_an_elided_article() {
        let found = cues("Pouvez-vous me confirmer l'adresse de livraison ?");
        assert!(
            found.contains(&(Cue::Slot(Slot::Address), "l'adresse de livraison".into())),
            "{found:?}"
        );
        let found = cues("mi conferma l’indirizzo?");
        assert!(
            found.iter().any(|(c, _)| *c == Cue::Slot(Slot::Address)),
            "{found:?}"
        );
        let found = cues("mi conferma il codice fiscale dell'intestatario?");
        assert!(
            !found.iter().any(|(c, _)| *c == Cue::Slot(Slot::Name)),
            "{found:?}"
        );
    }

    #[test]
    fn a_known_language_matches_its_own_cues_only() {
        let tokens = Tokens::new("do you have the order number handy?");
        let english = lexicon::index_of("en-GB");
        assert!(
            find(&tokens, None)
                .iter()
                .any(|h| h.cue == Cue::Slot(Slot::Phone))
        );
        assert!(
            !find(&tokens, english)
                .iter()
                .any(|h| h.cue == Cue::Slot(Slot::Phone))
        );
        assert_eq!(lexicon::index_of("ja"), None);
    }

    /// The word table tells a cue's first word by its own reading of the phrase, below the
    /// tokenizer: it must be the tokenizer's first token, or a cue would never be found.
    #[test]
    fn the_word_table_reads_first_words_as_the_tokenizer_does() {
        let spellings = lexicon::cue_spellings(&lexicon::ALL);
        assert!(spellings.len() > 100);
        for (phrase, _) in spellings {
            let tokens = Tokens::without_word_lists(&phrase);
            let first = words::cue_first_word(&phrase);
            assert_eq!(tokens.lower_str(0), first, "{phrase}");
            assert!(words::cue_id_of(&first).is_some(), "{phrase}");
        }
        for (text, first) in [
            ("o'clock is", "o'clock"),
            ("e-mail", "e-mail"),
            ("#1", "#"),
            ("  Née le", "née"),
            ("ÉCOLE x", "école"),
        ] {
            assert_eq!(words::cue_first_word(text), first);
            assert_eq!(Tokens::without_word_lists(text).lower_str(0), first);
        }
    }

    /// The cue search as one overlapping Aho-Corasick pass over the whole text, the way it was
    /// first written: the word-start search must find exactly what it finds.
    fn find_by_automaton(
        automata: &[(AhoCorasick, Vec<(String, Cue)>)],
        tokens: &Tokens<'_>,
        language: Option<usize>,
    ) -> Vec<CueHit> {
        let (matcher, spellings) = &automata[language.map_or(0, |i| i + 1)];
        let mut hits = Vec::new();
        let lower = tokens.lower_text();
        for m in matcher.find_overlapping_iter(lower) {
            let at_start = tokens.index_at(m.start());
            // At a token's start, or right after the elided article opening it ("l'adresse").
            let inside = at_start.checked_sub(1).filter(|&k| {
                tokens.get(k).is_some_and(|t| {
                    ELISIONS
                        .iter()
                        .any(|e| t.start + e.len() == m.start() && lower.get(t.start..m.start()) == Some(*e))
                })
            });
            let first = match inside {
                Some(k) => k,
                None if tokens.get(at_start).is_some_and(|t| t.start == m.start()) => at_start,
                None => continue,
            };
            let last = tokens.index_at(m.end()).saturating_sub(1);
            if tokens.get(last).is_none_or(|t| t.end != m.end()) || last < first {
                continue;
            }
            hits.push(CueHit {
                cue: spellings[m.pattern().as_usize()].1,
                first,
                last,
            });
        }
        hits.sort_by_key(|h| (h.first, std::cmp::Reverse(h.last)));
        let mut furthest: Option<usize> = None;
        hits.retain(|hit| {
            let inside = furthest.is_some_and(|end| hit.last <= end);
            if !inside {
                furthest = Some(furthest.map_or(hit.last, |end| end.max(hit.last)));
            }
            !inside
        });
        hits
    }

    /// Every utterance of the labelled calls, and every cue phrase in odd company: glued to
    /// letters, shouted, inside longer cues, after punctuation.
    fn texts() -> Vec<String> {
        let mut texts = Vec::new();
        let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval");
        for set in ["calls", "holdout"] {
            let Ok(languages) = std::fs::read_dir(eval.join(set)) else {
                continue;
            };
            for language in languages.flatten() {
                for call in std::fs::read_dir(language.path()).into_iter().flatten().flatten() {
                    let Ok(raw) = std::fs::read_to_string(call.path()) else {
                        continue;
                    };
                    let Ok(call) = serde_json::from_str::<serde_json::Value>(&raw) else {
                        continue;
                    };
                    for u in call["utterances"].as_array().into_iter().flatten() {
                        texts.extend(u["text"].as_str().map(str::to_owned));
                    }
                }
            }
        }
        assert!(texts.len() > 1000, "the labelled calls are read: {}", texts.len());
        let phrases: Vec<String> = lexicon::cue_spellings(&lexicon::ALL)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        for (i, phrase) in phrases.iter().enumerate() {
            let next = &phrases[(i * 7 + 3) % phrases.len()];
            texts.push(format!("{phrase} {next}"));
            texts.push(format!("x{phrase}, {next}x"));
            texts.push(format!("({}) — {next}?", phrase.to_uppercase()));
            texts.push(format!("{phrase}{next} {phrase}s {phrase}-{next}"));
        }
        texts
    }

    #[test]
    fn the_word_start_search_finds_what_a_whole_text_automaton_finds() {
        // Every language's cues first, then each language's.
        let automata: Vec<(AhoCorasick, Vec<(String, Cue)>)> = std::iter::once(lexicon::ALL.to_vec())
            .chain(lexicon::ALL.iter().map(|l| vec![*l]))
            .map(|lexicons| {
                let spellings = lexicon::cue_spellings(&lexicons);
                let matcher = AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(spellings.iter().map(|(p, _)| p))
                    .unwrap();
                (matcher, spellings)
            })
            .collect();
        for text in texts() {
            let tokens = Tokens::new(&text);
            for language in std::iter::once(None).chain((0..lexicon::ALL.len()).map(Some)) {
                assert_eq!(
                    find(&tokens, language).to_vec(),
                    find_by_automaton(&automata, &tokens, language),
                    "{language:?}: {text}"
                );
            }
        }
    }
}
