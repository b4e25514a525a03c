//! The words that tell who did what in a call and in a summary, per served language, folded
//! (lowercase, no accents): negations and refusals, commitments, the parties, and the verbs
//! that make a party the speaker or the addressee.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::words::Language;
use crate::word_hash::WordBloom;

mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pt;

use de::DE;
use en::EN;
use es::ES;
use fr::FR;
use it::IT;
use nl::NL;
use pt::PT;

/// Word lists of one language. Multi-word cues are matched word by word by their users.
#[derive(Debug)]
pub struct Cues {
    /// Words that negate their clause ("not", "kein", "jamais").
    pub negations: &'static [&'static str],
    /// Verbs of refusal: a clause holding one says something did not happen.
    pub refusals: &'static [&'static str],
    /// Words that make a clause a future action or a promise ("will", "va", "wird").
    pub future: &'static [&'static str],
    /// Word endings of futures in any person ("enviará", "enverra"), folded.
    pub future_endings: &'static [&'static str],
    /// Word endings of first-person futures only ("enviaré", "enverrai", "invierò"), folded:
    /// languages that drop the pronoun commit the speaker by the ending.
    pub own_future_endings: &'static [&'static str],
    /// Words naming the customer in a summary.
    pub customer: &'static [&'static str],
    /// Words naming the agent or the company's side in a summary.
    pub agent: &'static [&'static str],
    /// Verbs whose subject is the one who said or did it ("asked", "offered", "pidió").
    pub acts: &'static [&'static str],
    /// Verbs whose subject was or will be on the receiving end ("received", "recibió", "will
    /// get", "va a recibir"); passives such as "was told" are told by their auxiliary.
    pub receives: &'static [&'static str],
    /// First-person pronouns in an utterance.
    pub first_person: &'static [&'static str],
    /// Second-person pronouns and forms of address in an utterance.
    pub second_person: &'static [&'static str],
}

impl Language {
    pub fn cues(self) -> &'static Cues {
        match self {
            Language::En => &EN,
            Language::Es => &ES,
            Language::Fr => &FR,
            Language::De => &DE,
            Language::It => &IT,
            Language::Pt => &PT,
            Language::Nl => &NL,
        }
    }

    /// Whether a folded word is "no" said as an answer where the language's clause negations
    /// do not hold it: "nein", "non", "nee", "nope", and Italian "no" (Italian negates a
    /// clause with "non").
    pub fn is_no_answer(self, folded: &str) -> bool {
        const NO: &[&str] = &["nah", "nope", "nein", "non", "nee"];
        super::listed(NO, folded) || (self == Language::It && folded == "no")
    }

    /// Whether a folded word negates its clause (English "n't" forms included).
    pub fn is_negation(self, folded: &str) -> bool {
        self.negation_kind(folded).negation
    }

    /// Whether a folded word negates its clause and whether it refuses, in one look.
    pub fn negation_kind(self, folded: &str) -> NegationKind {
        let words = &NEGATION_WORDS[self as usize];
        let kind = if words.bloom.may_contain(folded) {
            words.kinds.get(folded).copied().unwrap_or(0)
        } else {
            0
        };
        NegationKind {
            negation: kind & NEGATION != 0
                || (self == Language::En && (folded.ends_with("n't") || folded == "cannot")),
            refusal: kind & REFUSAL != 0,
        }
    }
}

/// What [`Language::negation_kind`] says of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NegationKind {
    /// It negates its clause ("not", "kein", "jamais").
    pub negation: bool,
    /// It is a verb of refusal.
    pub refusal: bool,
}

const NEGATION: u8 = 1;
const REFUSAL: u8 = 2;

/// One language's negations and refusals. Verification asks of every word of a call whether it
/// is one, and nearly none is: the filter answers those without hashing the word.
struct NegationWords {
    bloom: WordBloom,
    kinds: FxHashMap<&'static str, u8>,
}

static NEGATION_WORDS: LazyLock<[NegationWords; 7]> = LazyLock::new(|| {
    Language::ALL.map(|language| {
        let cues = language.cues();
        let mut kinds = FxHashMap::default();
        for (list, kind) in [(cues.negations, NEGATION), (cues.refusals, REFUSAL)] {
            for word in list {
                *kinds.entry(*word).or_default() |= kind;
            }
        }
        NegationWords {
            bloom: kinds.keys().copied().collect(),
            kinds,
        }
    })
});
