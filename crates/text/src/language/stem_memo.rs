//! The stems a thread has made, kept: a Snowball stem (rust-stemmers) costs thousands of
//! instructions and a copy of the word, while a call says the same few hundred words again and
//! again (the pipeline bench's hour-long call asks for ~1,400 stems and makes ~400 new ones).

use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::BuildHasher;

use compact_str::CompactString;
use hashbrown::HashTable;

use super::Language;
use crate::word_hash::WordHash;

/// Words kept at most; past it the memo starts again (a sandbox lives for many calls).
const MAX_WORDS: usize = 8_192;
/// Longer words are stemmed every time: rare, and not worth their room.
const MAX_WORD_BYTES: usize = 40;

/// A word's stem: most are the word cut short ("sending" -> "send"), the rest are kept whole
/// ("reply" -> "repli", "sent" -> "send").
enum Stem {
    Prefix(usize),
    Other(CompactString),
}

struct Entry {
    language: Language,
    word: CompactString,
    stem: Stem,
}

#[derive(Default)]
struct Memo {
    table: HashTable<Entry>,
    hasher: WordHash,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The stem of `folded` in `language`: from the memo, or made by `make` and kept.
pub(super) fn stem<'a>(
    language: Language,
    folded: &'a str,
    make: impl FnOnce(&'a str) -> Cow<'a, str>,
) -> Cow<'a, str> {
    if folded.len() > MAX_WORD_BYTES {
        return make(folded);
    }
    let kept = MEMO.with(|memo| {
        let memo = memo.try_borrow().ok()?;
        let hash = hash(&memo.hasher, language, folded);
        let entry = memo
            .table
            .find(hash, |e| e.language == language && e.word == folded)?;
        Some(match &entry.stem {
            Stem::Prefix(len) => folded
                .get(..*len)
                .map_or_else(|| Cow::Owned(String::new()), Cow::Borrowed),
            Stem::Other(stem) => Cow::Owned(stem.to_string()),
        })
    });
    if let Some(stem) = kept {
        return stem;
    }
    let made = make(folded);
    let stem = match folded.strip_prefix(made.as_ref()) {
        Some(_) => Stem::Prefix(made.len()),
        None => Stem::Other(CompactString::from(made.as_ref())),
    };
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return;
        };
        if memo.table.len() >= MAX_WORDS {
            memo.table.clear();
        }
        let Memo { table, hasher } = &mut *memo;
        let hash = hash(hasher, language, folded);
        table.insert_unique(
            hash,
            Entry {
                language,
                word: CompactString::from(folded),
                stem,
            },
            |e| self::hash(hasher, e.language, &e.word),
        );
    });
    made
}

fn hash(hasher: &WordHash, language: Language, word: &str) -> u64 {
    hasher.hash_one((language, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_stem_is_the_stem_made() {
        let words = [
            ("sending", Language::En),
            ("reply", Language::En),
            ("sent", Language::En),
            ("envoyé", Language::Fr),
            ("enverra", Language::Fr),
            ("geschickt", Language::De),
            ("gestuurd", Language::Nl),
            ("inviato", Language::It),
        ];
        for (word, language) in words {
            let folded = crate::language::fold(word);
            let first = language.stem(&folded).into_owned();
            let again = language.stem(&folded).into_owned();
            let made = language.stem_unkept(&folded).into_owned();
            assert_eq!((&first, &again), (&made, &made), "{word}");
        }
    }

    #[test]
    fn the_same_word_in_two_languages_is_kept_apart() {
        for word in ["importante", "parties", "generation"] {
            let en = Language::En.stem(word).into_owned();
            let fr = Language::Fr.stem(word).into_owned();
            assert_eq!(en, Language::En.stem_unkept(word));
            assert_eq!(fr, Language::Fr.stem_unkept(word));
            assert_ne!(en, fr, "{word}: the languages stem it apart");
        }
    }

    #[test]
    fn a_full_memo_starts_again_and_keeps_answering() {
        for n in 0..(MAX_WORDS + 10) {
            let word = format!("word{n}ing");
            assert_eq!(Language::En.stem(&word), Language::En.stem_unkept(&word));
        }
        let size = MEMO.with(|m| m.borrow().table.len());
        assert!(size <= MAX_WORDS, "{size}");
    }
}
