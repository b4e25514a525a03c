//! Confirmation tags: "The new card goes to the address on file, is that still correct?" states
//! where the card goes and asks only whether that is right. The tag is left out and the sentence
//! read as the statement it is.

use crate::language::SpannedWord;

/// Whether the text between two words may separate a statement from its tag: a comma or a
/// dash (en, em, or a hyphen between spaces standing in for one; not the hyphen of "Wi-Fi").
pub(crate) fn is_tag_break(gap: &str) -> bool {
    // Most gaps between words are one space: asked for every word of the last few of each
    // sentence of a call.
    gap != " " && (gap.contains([',', '–', '—']) || gap.contains(" - "))
}
/// Words a tag may have: "is that still the best number".
const MAX_TAG_WORDS: usize = 6;
/// Words the statement before a tag needs.
const MIN_STATEMENT_WORDS: usize = 3;

/// Where the confirmation tag of a sentence starts (a word index), when its last words after a
/// comma or a dash ("... to Boots on Lemon Street – is that still your nominated pharmacy?")
/// are one of `tags` (with or without the question mark speech-to-text often leaves out)
/// (folded phrases of the language's [`super::lang::Words::tags`]).
pub(crate) fn tag_start<W: SpannedWord>(text: &str, words: &[W], tags: &[&str]) -> Option<usize> {
    if tags.is_empty() {
        return None;
    }
    // "c'est la Visa Premier, oui.": without the question mark a one-word tag is an answer.
    let question = text.trim_end().ends_with('?');
    let first = words.len().saturating_sub(MAX_TAG_WORDS).max(MIN_STATEMENT_WORDS);
    (first..words.len()).find(|&j| {
        let after_comma = j
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .zip(words.get(j))
            .and_then(|(p, w)| text.get(p.span().1..w.span().0))
            .is_some_and(is_tag_break);
        after_comma && {
            let said = || {
                squeezed(
                    words
                        .get(j..)
                        .unwrap_or_default()
                        .iter()
                        .flat_map(|w| w.folded().chars()),
                )
            };
            tags.iter()
                .any(|tag| (question || tag.contains(' ')) && squeezed(tag.chars()).eq(said()))
        }
    })
}

/// The words' letters run together without apostrophes or spaces: elisions split or not
/// ("c'est", "c' est") meet. Compared as they come, without building either side.
fn squeezed(chars: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    chars.filter(|c| !matches!(c, '\'' | '’' | ' '))
}

#[cfg(test)]
#[path = "tags_tests.rs"]
mod tests;
