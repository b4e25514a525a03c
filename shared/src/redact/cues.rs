//! Cue phrases of every language, found in one pass over the text.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::lexicon::{self, Cue, Slot};
use super::token::Tokens;

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

struct Automaton {
    matcher: AhoCorasick,
    /// The cue of each pattern, by pattern id.
    cues: Vec<Cue>,
}

/// The cues of every language, for text whose language is not known.
static ALL_CUES: LazyLock<Option<Automaton>> = LazyLock::new(|| automaton(&lexicon::ALL));
/// The cues of one language each, in the order of [`lexicon::ALL`]: "handy" is a phone in
/// German and a word in English, "sin" an id in English and "without" in Spanish.
static LANGUAGE_CUES: LazyLock<Vec<Option<Automaton>>> = LazyLock::new(|| {
    lexicon::ALL
        .iter()
        .map(|l| automaton(std::slice::from_ref(l)))
        .collect()
});

fn automaton(lexicons: &[&lexicon::Lexicon]) -> Option<Automaton> {
    let mut patterns: Vec<String> = Vec::new();
    let mut cues = Vec::new();
    for lexicon in lexicons {
        for (phrase, cue) in lexicon.cues {
            patterns.push((*phrase).to_owned());
            cues.push(*cue);
            if phrase.contains('\'') {
                patterns.push(phrase.replace('\'', "’"));
                cues.push(*cue);
            }
        }
    }
    // Overlapping search needs the standard match kind; a DFA keeps the scan one table lookup
    // per byte over hour-long calls.
    let matcher = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .ok()?;
    Some(Automaton { matcher, cues })
}

/// Every cue on word boundaries, in text order; a cue inside a longer cue ("name is" in "my name
/// is", "address" in "email address") is dropped.
/// `language` is an index into [`lexicon::ALL`] (see [`lexicon::index_of`]); `None` matches the
/// cues of every language.
pub(crate) fn find(tokens: &Tokens<'_>, language: Option<usize>) -> Vec<CueHit> {
    let automaton = match language {
        Some(i) => LANGUAGE_CUES.get(i).and_then(Option::as_ref),
        None => ALL_CUES.as_ref(),
    };
    let Some(automaton) = automaton else {
        return Vec::new();
    };
    let mut hits: Vec<CueHit> = Vec::new();
    for m in automaton.matcher.find_overlapping_iter(tokens.lower_text()) {
        let first = tokens.index_at(m.start());
        let Some(first_tok) = tokens.get(first) else {
            continue;
        };
        if first_tok.start != m.start() {
            continue;
        }
        // The token that ends the match must end exactly there.
        let last = tokens.index_at(m.end()).saturating_sub(1);
        if tokens.get(last).is_none_or(|t| t.end != m.end()) || last < first {
            continue;
        }
        let Some(cue) = automaton.cues.get(m.pattern().as_usize()).copied() else {
            continue;
        };
        hits.push(CueHit { cue, first, last });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::lexicon::Slot;

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
}
