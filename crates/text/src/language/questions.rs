//! Questions written without a question mark (speech transcripts drop them): an auxiliary
//! before its subject ("can I still use it", "Können Sie"), French inversion ("pouvez-vous").
//! Read by the summariser and by verification alike.

use super::{Language, WordSpan, listed};

/// A word of a text with its place in it and its folded form: the language layer's words and
/// the summariser's.
pub(crate) trait SpannedWord {
    /// Byte offsets of the word in its text.
    fn span(&self) -> (usize, usize);
    fn folded(&self) -> &str;
}

impl SpannedWord for WordSpan {
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
    fn folded(&self) -> &str {
        &self.folded
    }
}

/// Auxiliaries that open a question before their subject, per language (English, German,
/// Dutch; the others ask by intonation alone).
#[rustfmt::skip]
const ASKING: [&[&str]; 7] = [
    &["do", "does", "did", "can", "could", "will", "would", "is", "are", "was", "were", "have", "has",
      "should", "shall", "may", "might", "am"],
    &[],
    &[],
    &["kann", "konnen", "konnten", "konnte", "haben", "hast", "hat", "habe", "ist", "sind", "bin",
      "war", "waren", "wird", "werden", "wurden", "wurde", "mochten", "mochte", "wollen", "willst",
      "darf", "durfen", "soll", "sollen", "muss", "mussen", "gibt"],
    &[],
    &[],
    &["kunt", "kan", "kun", "heeft", "hebt", "heb", "is", "zijn", "bent", "ben", "wilt", "wil", "mag",
      "moet", "moeten", "zal", "zou", "gaat"],
];

/// Subjects an asking auxiliary inverts with.
#[rustfmt::skip]
const SUBJECTS: [&[&str]; 7] = [
    &["i", "you", "we", "he", "she", "it", "they", "there", "this", "that", "these", "those"],
    &[],
    &[],
    &["sie", "du", "ich", "wir", "es", "man", "er", "das", "ihr"],
    &[],
    &[],
    &["u", "je", "jij", "ik", "we", "wij", "er", "het", "dat"],
];

/// Words a question may open with before its auxiliary.
#[rustfmt::skip]
const LEADING: &[&str] = &[
    "and", "so", "but", "or", "then", "okay", "ok", "um", "uh", "well", "right", "und", "also", "dann",
    "en", "dus", "et", "alors", "donc",
];

/// French inversion ("pouvez-vous", "puis-je", "a-t-il") and "est-ce que".
const FRENCH_INVERSION: &[&str] = &[
    "-vous", "-tu", "-il", "-elle", "-on", "-je", "-nous", "-ils", "-elles",
];

/// Whether a sentence asks, though written without a question mark (speech transcripts drop
/// them): it or its last clause opens with an auxiliary before its subject ("um, can I still
/// use Apple Pay", "..., do you recognize those", "Können Sie", "pouvez-vous").
pub(crate) fn interrogative<W: SpannedWord>(language: Language, text: &str, words: &[W]) -> bool {
    let asks_at = |i: usize| -> bool {
        let (Some(first), second) = (words.get(i), words.get(i + 1)) else {
            return false;
        };
        let lang = language as usize;
        let inverted = ASKING.get(lang).is_some_and(|a| listed(a, first.folded()))
            && second.is_some_and(|s| SUBJECTS.get(lang).is_some_and(|p| listed(p, s.folded())));
        // "Renvoyez-nous le contrat" orders: "-nous" after a "vous" form is its object.
        let order = first.folded().ends_with("ez-nous");
        let french = language == Language::Fr
            && !order
            && (first.folded() == "est-ce" || FRENCH_INVERSION.iter().any(|e| first.folded().ends_with(e)));
        inverted || french
    };
    // "and do you want to keep ...", "so can I ...": a conjunction or filler before it.
    let first = usize::from(words.first().is_some_and(|w| listed(LEADING, w.folded())));
    if asks_at(first) {
        return true;
    }
    // The first word after the sentence's last comma between words ("1,350" is one word),
    // searched backwards in the text: this runs for every sentence of a call.
    let (Some(start), Some(end)) = (words.first(), words.last()) else {
        return false;
    };
    let from = start.span().0;
    let mut within = text.get(from..end.span().0).unwrap_or_default();
    while let Some(at) = within.rfind(',') {
        let next = words.partition_point(|w| w.span().0 < from + at);
        let inside = next > 0 && words[next - 1].span().1 > from + at;
        if !inside {
            return next > 0 && asks_at(next);
        }
        within = &within[..at];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::words;

    fn asks(text: &str, language: Language) -> bool {
        interrogative(language, text, &words(text, language))
    }

    #[test]
    fn questions_without_a_question_mark() {
        assert!(asks(
            "um, can I still use Apple Pay in the meantime",
            Language::En
        ));
        assert!(asks(
            "I see two charges, one at Kroger and one at Best Buy, do you recognize those",
            Language::En
        ));
        assert!(asks("Können Sie mir die Nummer schicken", Language::De));
        assert!(asks("Kunt u de foto's sturen", Language::Nl));
        assert!(asks("pouvez-vous me rappeler demain", Language::Fr));
        assert!(asks(
            "and do you want to keep the Time of Day plan or go back to Basic Residential",
            Language::En
        ));
        assert!(!asks("I can send it tomorrow", Language::En));
        assert!(!asks("Renvoyez-nous le contrat signé", Language::Fr));
        // A comma inside a figure opens no clause; the one before it does.
        assert!(asks(
            "I see a charge, did you make the 1,350 payment",
            Language::En
        ));
        assert!(!asks("Sie können die Nummer schicken", Language::De));
        assert!(!asks("", Language::En));
    }
}
