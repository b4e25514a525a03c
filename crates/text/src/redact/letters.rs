//! Words spelled letter by letter ("S U B R A M A N I A N", "that's H E M I") are what they
//! spell: a name or identifier already found in the call, or a word said next to them, which
//! the spelling marks as a name ("villanueva is V I L L A N U E V A").

use super::PiiKind;
use super::candidate::{self, Candidate, Strength};
use super::gazetteer;
use super::token::{Class, Tokens};
use crate::word_hash::WordMap;

/// Fewer letters are initials or an acronym ("J K", "A B C").
const MIN_LETTERS: usize = 4;

/// The words of the call's redacted values, each with its kind, to recognise them spelled.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpelledValues {
    words: WordMap<String, PiiKind>,
    /// Some word is a security answer's: only then is every text searched for one said again.
    security_answer: bool,
}

impl SpelledValues {
    /// Remembers the words (four letters or more) of one redacted value.
    pub fn add(&mut self, kind: PiiKind, value: &str) {
        for word in value.split(|c: char| !c.is_alphabetic()) {
            if word.chars().count() >= MIN_LETTERS {
                let folded = gazetteer::fold(&word.to_lowercase()).into_owned();
                let kept = *self.words.entry(folded).or_insert(kind);
                self.security_answer |= kept == PiiKind::SecurityAnswer;
            }
        }
    }

    /// Adds a candidate for every spelled run of letters that spells a value of the call or a
    /// word of the same text (both masked then).
    /// Returns whether it added any.
    pub fn add_mentions(&self, tokens: &Tokens<'_>, chosen: &mut Vec<Candidate>) -> bool {
        let mut added = false;
        // A run is a word spelled with hyphens or at least four one-letter words: most texts
        // hold neither.
        let spelled = tokens.summary.hyphen_word || usize::from(tokens.summary.letter_words) >= MIN_LETTERS;
        for (first, last, word) in if spelled { runs(tokens) } else { Vec::new() } {
            let (start, end) = (tokens.toks[first].start, tokens.toks[last].end);
            if chosen.iter().any(|c| c.start <= start && end <= c.end) {
                continue;
            }
            let kind = self.words.get(&word).copied();
            let spoken = (0..tokens.len())
                .filter(|&i| i < first || i > last)
                .find(|&i| tokens.toks[i].class == Class::Word && gazetteer::fold(&tokens.lower(i)) == word);
            let Some(kind) = kind.or_else(|| {
                spoken.map(|i| {
                    let t = tokens.toks[i];
                    chosen
                        .iter()
                        .find(|c| c.start <= t.start && t.end <= c.end)
                        .map_or(PiiKind::Name, |c| c.kind)
                })
            }) else {
                continue;
            };
            chosen.push(Candidate::new(kind, start, end, Strength::Context));
            if let Some(i) = spoken {
                let t = tokens.toks[i];
                chosen.push(Candidate::new(kind, t.start, t.end, Strength::Context));
            }
            added = true;
        }
        // A security answer said again ("Rodrigues. Só o apelido, não é? Rodrigues."): any
        // word of it, as it is.
        if added {
            *chosen = candidate::resolve(std::mem::take(chosen), &[]);
        }
        // A security answer said again ("Rodrigues. Só o apelido, não é? Rodrigues."): any of
        // its words but an ordinary one ("school" of "Saint Mary's School" is everywhere).
        if self.security_answer {
            let g = gazetteer::get();
            added |= candidate::add_word_mentions(tokens, chosen, PiiKind::SecurityAnswer, |i, _| {
                let lower = tokens.lower(i);
                self.words.get(gazetteer::fold(&lower).as_ref()) == Some(&PiiKind::SecurityAnswer)
                    && !g.is_common(&lower)
            });
        }
        added
    }
}

/// Runs of single letters, with what they spell folded to lowercase: "S U B", "H-E-M-I",
/// "K, O, W".
fn runs(tokens: &Tokens<'_>) -> Vec<(usize, usize, String)> {
    let is_letter = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            // One character is four bytes at most: longer words are ruled out without decoding.
            t.class == Class::Word && t.len() <= 4 && {
                let mut chars = tokens.text(i).chars();
                matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
            }
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Only a word with a hyphen is spelled in one token: most words cost no call.
        if tokens.get(i).is_some_and(|t| t.hyphen)
            && let Some(word) = hyphen_spelled(tokens, i)
        {
            out.push((i, i, word));
            i += 1;
            continue;
        }
        // A letter, or a letter said twice: "h o double l i n s", and within a run French
        // "v a deux s e u r".
        let unit = |k: usize, within: bool| -> Option<(usize, usize)> {
            if is_letter(k) {
                return Some((k, 1));
            }
            let times = match tokens.lower(k).as_ref() {
                "double" | "doble" | "doppia" | "doppio" | "dubbel" | "duplo" | "dupla" => 2,
                "deux" if within => 2,
                "triple" => 3,
                _ => return None,
            };
            is_letter(k + 1).then_some((k + 1, times))
        };
        let Some((mut last, times)) = unit(i, false) else {
            i += 1;
            continue;
        };
        let first = i;
        let mut word: String = tokens.lower(last).repeat(times);
        let mut k = last + 1;
        loop {
            // One separator at most between letters: a space, a comma, a hyphen, a dot.
            let next = if tokens.get(k).is_some_and(|t| t.class == Class::Punct)
                && matches!(tokens.text(k), "," | "-" | ".")
            {
                k + 1
            } else {
                k
            };
            match unit(next, true)
                .filter(|_| tokens.get(next).is_some_and(|t| t.space_before || next == k + 1))
            {
                Some((end, times)) => {
                    word.push_str(&tokens.lower(end).repeat(times));
                    last = end;
                    k = end + 1;
                }
                None => break,
            }
        }
        if word.chars().count() >= MIN_LETTERS {
            out.push((first, last, gazetteer::fold(&word).into_owned()));
        }
        i = last + 1;
    }
    out
}

/// "K-O-W-A-L-S-K-I", one token: what it spells.
#[inline]
pub(super) fn hyphen_spelled(tokens: &Tokens<'_>, i: usize) -> Option<String> {
    // The tokenizer marks words with a hyphen: most words are ruled out without a call.
    if !tokens.get(i).is_some_and(|t| t.class == Class::Word && t.hyphen) {
        return None;
    }
    spelled_word(tokens.text(i))
}

/// What a hyphenated word spells, if each of its parts is one character.
fn spelled_word(text: &str) -> Option<String> {
    let mut word = String::new();
    for part in text.split('-') {
        let mut chars = part.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return None;
        };
        word.extend(c.to_lowercase());
    }
    (word.chars().count() >= MIN_LETTERS).then(|| gazetteer::fold(&word).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A text the gate of [`SpelledValues::add_mentions`] rules out has no spelled run.
        #[test]
        fn gated_texts_spell_nothing(text in crate::redact::token::summary_texts()) {
            let tokens = Tokens::new(&text);
            let spelled = tokens.summary.hyphen_word || usize::from(tokens.summary.letter_words) >= MIN_LETTERS;
            proptest::prop_assert!(spelled || runs(&tokens).is_empty());
        }
    }

    fn masked(values: &SpelledValues, text: &str) -> Vec<(PiiKind, String)> {
        let tokens = Tokens::new(text);
        let mut chosen = Vec::new();
        values.add_mentions(&tokens, &mut chosen);
        chosen
            .iter()
            .map(|c| (c.kind, text[c.start..c.end].to_owned()))
            .collect()
    }

    #[test]
    fn a_value_of_the_call_spelled_out_is_masked_as_that_value() {
        let mut values = SpelledValues::default();
        values.add(PiiKind::Name, "Priya Subramanian");
        values.add(PiiKind::SecurityAnswer, "Kowalski");
        assert_eq!(
            masked(&values, "yes. S U B R A M A N I A N"),
            [(PiiKind::Name, "S U B R A M A N I A N".to_owned())]
        );
        assert_eq!(
            masked(&values, "K-O-W-A-L-S-K-I, yes"),
            [(PiiKind::SecurityAnswer, "K-O-W-A-L-S-K-I".to_owned())]
        );
    }

    #[test]
    fn a_word_spelled_next_to_itself_is_a_name() {
        let values = SpelledValues::default();
        assert_eq!(
            masked(&values, "villanueva is V I L L A N U E V A"),
            [
                (PiiKind::Name, "villanueva".to_owned()),
                (PiiKind::Name, "V I L L A N U E V A".to_owned())
            ]
        );
    }

    #[test]
    fn initials_and_unknown_spellings_stay() {
        let mut values = SpelledValues::default();
        values.add(PiiKind::Name, "Dana Whitfield");
        assert!(masked(&values, "the B B C and I T V").is_empty());
        assert!(masked(&values, "code is F R A S E").is_empty());
    }
}
