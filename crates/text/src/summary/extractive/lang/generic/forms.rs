//! Verb forms the commitment rules tell apart by their endings: a past that shares a
//! committing verb's stem, a third person's plan, a "must have" that supposes.

use super::*;

/// The auxiliaries of a perfect infinitive after "must" ("deve ter sido", "debe de haber
/// llegado", "deve essere stato", "doit avoir reçu").
const PERFECT_AUXILIARIES: &[&str] = &["ter", "haver", "haber", "avere", "essere", "avoir", "etre"];
/// Past participle endings, folded, in the languages with [`PERFECT_AUXILIARIES`].
const PARTICIPLE_ENDINGS: &[&str] = &["ado", "ada", "ido", "ida", "ato", "ata", "ito", "ita", "uto", "u"];

impl Generic {
    /// Whether a folded verb that shares a committing verb's stem is a past ("eu mandei", "me la
    /// pasaron", "mi chiamarono"): it reports what happened and promises nothing. Endings whose
    /// folded form is also a present ("mandó" and "mando") are left to the present.
    pub(super) fn past_form(&self, verb: &str) -> bool {
        let bare = verb.split('-').next().unwrap_or(verb);
        let endings: &[&str] = match self.language {
            Language::Es => &["aron", "ieron", "aba", "aban", "aste", "iste"],
            Language::Pt => &["ei", "ou", "aram", "eram", "iram", "ava", "avam"],
            Language::It => &["arono", "erono", "irono", "ava", "avano", "ai", "ammo"],
            _ => &[],
        };
        endings
            .iter()
            .any(|e| bare.len() > e.len() + 2 && bare.ends_with(e))
    }

    /// Where the subject starts when the verb at `k` is a third person's present ("chiama",
    /// "llama", "manda") with a noun before its object pronouns ("il tecnico la chiama", "el
    /// técnico le llama"): the named person's plan, not the speaker's.
    pub(super) fn third_person_subject(&self, words: &[Word], live: &[usize], k: usize) -> Option<usize> {
        let verb = at(words, live, k);
        let third = match self.language {
            Language::Es | Language::Pt | Language::It => {
                verb.ends_with(['a', 'e']) && !is_future(self.table, verb)
            }
            _ => false,
        };
        // The word before the object pronouns that precede the verb, and its article.
        let mut j = k;
        while j > 0 && self.table.clitics.contains(&at(words, live, j - 1)) {
            j -= 1;
        }
        let noun = j.checked_sub(1)?;
        let before = at(words, live, noun);
        if !third || self.table.subjects.contains(&before) || self.language.is_stopword(before) {
            return None;
        }
        Some(match noun.checked_sub(1) {
            Some(article) if is(words, live, article, self.table.words.determiners) => article,
            _ => noun,
        })
    }

    /// Whether the verb at `k` after "must" is a perfect infinitive ("deve ter sido por isso"):
    /// it supposes; it asks nothing.
    pub(super) fn supposes(&self, words: &[Word], live: &[usize], k: usize) -> bool {
        is(words, live, k, PERFECT_AUXILIARIES)
            && PARTICIPLE_ENDINGS
                .iter()
                .any(|e| at(words, live, k + 1).ends_with(e))
    }
}
