//! The word lists of [`super::commits`] and [`super::negation`] that are asked of every word,
//! and which of them hold each word of a sentence, read once per distinct word of a call (the
//! support does, as it meets each word) instead of once per list and sentence: the evidence
//! reads every sentence of the call for its commitments, requests, negations and declines.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::language::{Language, WordSpan, listed};
use crate::word_hash::WordBloom;

/// A set of the flags below.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct CueBits(u16);

/// A word of the language's future ("will", "va", "wird").
pub(super) const FUTURE: u16 = 1;
/// A word with a future's ending ("enviará", "I'll").
pub(super) const FUTURE_ENDING: u16 = 1 << 1;
/// A word with a first-person future's ending ("enviaré").
pub(super) const OWN_FUTURE_ENDING: u16 = 1 << 2;
pub(super) const FIRST_PERSON: u16 = 1 << 3;
pub(super) const SECOND_PERSON: u16 = 1 << 4;
/// A word asking the listener to do something ([`REQUESTS`]).
pub(super) const REQUEST: u16 = 1 << 5;
/// A word negating its clause ([`Language::is_negation`]).
pub(super) const NEGATION: u16 = 1 << 6;
/// "no" as an answer ([`Language::is_no_answer`]).
pub(super) const NO_ANSWER: u16 = 1 << 7;
/// A word of thanks ([`THANKS`]).
pub(super) const THANKS_WORD: u16 = 1 << 8;
/// A word that may open an option given to the listener ("you" of "you can"; in German and
/// Dutch also "kunt" of "kunt u").
pub(super) const MAY_OPENS: u16 = 1 << 9;
/// A refusal, a chat spelling of a negation or a word that is a negation itself
/// ([`negates_itself`]).
pub(super) const NEGATES_ITSELF: u16 = 1 << 10;
/// A word of an opposite pair (free or charged, kept or cancelled), set by the support
/// ([`super::opposites::is_pair_word`]).
pub(super) const SIDE: u16 = 1 << 11;
/// The first word of an "unless" phrase, set by the support ([`super::words::opens_unless`]).
pub(super) const UNLESS_OPENS: u16 = 1 << 12;

impl CueBits {
    /// The cue lists of `language` holding `folded`.
    pub(super) fn of(language: Language, folded: &str) -> Self {
        let cues = language.cues();
        let ends = |endings: &[&str]| endings.iter().any(|e| has_ending(folded, e));
        let verb_first = matches!(language, Language::De | Language::Nl);
        let flags = [
            (FUTURE, listed(cues.future, folded)),
            (FUTURE_ENDING, ends(cues.future_endings)),
            (OWN_FUTURE_ENDING, ends(cues.own_future_endings)),
            (FIRST_PERSON, listed(cues.first_person, folded)),
            (SECOND_PERSON, listed(cues.second_person, folded)),
            (REQUEST, listed(REQUESTS, folded)),
            (NEGATION, language.is_negation(folded)),
            (NO_ANSWER, language.is_no_answer(folded)),
            (NEGATES_ITSELF, negates_itself(language, folded)),
            (THANKS_WORD, listed(THANKS, folded)),
            (
                MAY_OPENS,
                MAY.iter()
                    .any(|(you, may)| folded == *you || (verb_first && folded == *may)),
            ),
        ];
        Self(
            flags
                .iter()
                .filter(|(_, on)| *on)
                .fold(0, |bits, (flag, _)| bits | flag),
        )
    }

    /// These bits with `flag` set when `on`.
    pub(super) fn with(self, flag: u16, on: bool) -> Self {
        Self(if on { self.0 | flag } else { self.0 })
    }

    pub(super) fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }
}

/// The bits of each of `words`, read on the spot (outside the evidence, which has them).
pub(super) fn cue_bits(language: Language, words: &[WordSpan]) -> smallvec::SmallVec<[CueBits; 32]> {
    words.iter().map(|w| CueBits::of(language, &w.folded)).collect()
}

/// Whether any of `bits` has `flag`.
pub(super) fn any(bits: &[CueBits], flag: u16) -> bool {
    bits.iter().any(|b| b.has(flag))
}

/// A word with an ending of the future: a contraction ("I'll") whatever its length, an
/// inflection ("enviará") on a stem of three letters or more.
pub(super) fn has_ending(folded: &str, ending: &str) -> bool {
    let stem = if ending.starts_with('\'') { 1 } else { 3 };
    // The last byte rules out most endings without a call to compare.
    folded.len() >= ending.len() + stem
        && folded.as_bytes().last() == ending.as_bytes().last()
        && folded.ends_with(ending)
}

/// The pairs of `commits::listener_may`, "you" first.
pub(super) const MAY: &[(&str, &str)] = &[
    ("you", "can"),
    ("you", "could"),
    ("vous", "pouvez"),
    ("tu", "peux"),
    ("u", "kunt"),
    ("je", "kunt"),
    ("jij", "kunt"),
    ("je", "kan"),
    ("sie", "konnen"),
    ("du", "kannst"),
];

/// Thanks after a no: "no thanks", "nein danke", "non merci", "não, obrigado".
pub(super) const THANKS: &[&str] = &[
    "thanks", "thank", "gracias", "merci", "danke", "grazie", "obrigado", "obrigada", "bedankt", "dank",
];

/// Words that ask the listener to do something.
pub(super) const REQUESTS: &[&str] = &[
    "please",
    "need",
    "needs",
    "must",
    "por",
    "favor",
    "favore",
    "bitte",
    "alstublieft",
    "svp",
    "necesita",
    "debe",
    "devez",
    "mussen",
    "musst",
    "moet",
    "deve",
    "precisa",
    "tem",
    "tiene",
    "faut",
    "muss",
    "graag",
];

/// English negations as chats spell them, without the apostrophe.
#[rustfmt::skip]
pub(super) const BARE: &[&str] = &[
    "dont", "didnt", "doesnt", "cant", "wont", "isnt", "arent", "wasnt", "werent", "havent", "hasnt",
    "hadnt", "couldnt", "shouldnt", "wouldnt", "aint",
];

/// Words that are a negation themselves: "unnecessary for X" is "not necessary for X".
#[rustfmt::skip]
pub(super) const NEGATIVE: &[&str] = &[
    "unnecessary", "needless", "innecesario", "innecesaria", "inutile", "inutiles", "superflu",
    "superflue", "unnotig", "uberflussig", "superfluo", "superflua", "desnecessario",
    "desnecessaria", "onnodig", "overbodig", "ungern", "ungerne",
];

/// A refusal, a chat spelling of a negation, or a word that is a negation itself.
pub(super) fn negates_itself(language: Language, word: &str) -> bool {
    language.negation_kind(word).refusal || negates_as_spelled(language, word)
}

pub(super) fn negates_as_spelled(language: Language, word: &str) -> bool {
    match spelled_negation(word) {
        Some(Spelled::Bare) => language == Language::En,
        Some(Spelled::Negative) => true,
        None => false,
    }
}

/// Which list of [`BARE`] and [`NEGATIVE`] holds a word.
#[derive(Debug, Clone, Copy)]
enum Spelled {
    Bare,
    Negative,
}

/// [`BARE`] and [`NEGATIVE`], asked of every word of a call: the filter answers for the words
/// on neither list (nearly all) without hashing them.
static SPELLED_NEGATIONS: LazyLock<(WordBloom, FxHashMap<&'static str, Spelled>)> = LazyLock::new(|| {
    let bare = BARE.iter().map(|w| (*w, Spelled::Bare));
    // A word on both lists negates in every language.
    let kinds: FxHashMap<_, _> = bare
        .chain(NEGATIVE.iter().map(|w| (*w, Spelled::Negative)))
        .collect();
    (kinds.keys().copied().collect(), kinds)
});

fn spelled_negation(word: &str) -> Option<Spelled> {
    let (bloom, kinds) = &*SPELLED_NEGATIONS;
    bloom
        .may_contain(word)
        .then(|| kinds.get(word).copied())
        .flatten()
}
