//! The transcript as the summary reads it, its types only: sentences, their clauses and words,
//! and the lexicon's word classes. A leaf that the reader (`clause`), the per-language rules
//! (`lang`) and the rendering all build on.

use compact_str::CompactString;
use std::ops::Range;

use crate::language::SpannedWord;
use crate::transcript::{Channel, SpeakerRole};

/// The classes of a word in a lexicon ([`super::lang::Lexicon`]), as bits.
pub(crate) type WordClass = u16;
pub(crate) const FILLER: WordClass = 1;
pub(crate) const HEDGE: WordClass = 1 << 1;
pub(crate) const OPENER: WordClass = 1 << 2;
pub(crate) const CONJUNCTION: WordClass = 1 << 3;
pub(crate) const CLAUSE_START: WordClass = 1 << 4;
pub(crate) const TITLE: WordClass = 1 << 5;
pub(crate) const DETERMINER: WordClass = 1 << 6;
pub(crate) const SALUTATION: WordClass = 1 << 7;
pub(crate) const SUBORDINATOR: WordClass = 1 << 8;
/// A one-word loaded term ("crazy"): [`crate::language::LOADED`].
pub(crate) const LOADED: WordClass = 1 << 9;

/// One word of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Byte offsets in the sentence's text.
    pub start: usize,
    pub end: usize,
    /// Lowercase, accents dropped; a redaction marker keeps its text (`[NAME_1]`).
    pub folded: CompactString,
    /// A redaction marker such as `[NAME_1]`.
    pub marker: bool,
    /// Starts with a capital letter.
    pub capitalised: bool,
    /// A filler, a false start or a discourse opener: left out when the clause is rewritten.
    pub skip: bool,
    /// A conjunction skipped as its clause's opener: said again when clauses are joined.
    pub joins: bool,
    /// The lexicon's classes of the word ([`super::lang::Lexicon::class_of`]).
    pub class: WordClass,
}

impl Word {
    /// In any of the lexicon's `classes`.
    #[inline]
    pub(crate) fn is(&self, classes: WordClass) -> bool {
        self.class & classes != 0
    }

    /// Holds a digit: amounts, dates, references.
    pub(crate) fn numeric(&self) -> bool {
        self.folded.bytes().any(|b| b.is_ascii_digit())
    }
}

/// A sentence of one utterance.
#[derive(Debug, Clone)]
pub(crate) struct Sentence<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    pub speaker: SpeakerRole,
    pub utterance: usize,
    /// Position in the conversation.
    pub order: usize,
    pub question: bool,
    pub channel: Channel,
    /// Word ranges of its clauses, in order.
    pub clauses: Vec<Range<usize>>,
}

/// The indices of a clause's live words ([`Clause::live`]): on the stack for a clause of up to
/// 16 of them, most clauses (the summariser asks for them thousands of times a call).
pub(crate) type LiveWords = smallvec::SmallVec<[usize; 16]>;

/// A clause: a range of a sentence's words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clause<'s, 'a> {
    pub sentence: &'s Sentence<'a>,
    pub range: (usize, usize),
}

impl<'s, 'a> Clause<'s, 'a> {
    pub(crate) fn words(&self) -> &'s [Word] {
        self.sentence
            .words
            .get(self.range.0..self.range.1)
            .unwrap_or_default()
    }

    /// The indexes (into [`Clause::words`]) of the words that are said, not skipped.
    pub(crate) fn live(&self) -> LiveWords {
        let mut seen = false;
        let mut out = LiveWords::new();
        for (i, w) in self.words().iter().enumerate() {
            // "... screen, and I want": the conjunction that opened a joined clause stays.
            if !w.skip || (seen && w.joins) {
                seen = true;
                out.push(i);
            }
        }
        out
    }

    pub(crate) fn speaker(&self) -> SpeakerRole {
        self.sentence.speaker
    }

    /// Whether this clause is the question: the last clause of a sentence that ends with "?".
    /// "I'll send you the confirmation, what is your address?" asks only in its second clause.
    pub(crate) fn asks(&self) -> bool {
        // "¿Guarda la factura o la tiró?": Spanish marks where the question opens.
        let opened = self.sentence.text.trim_start().starts_with('¿');
        self.sentence.question
            && (opened
                || self
                    .sentence
                    .clauses
                    .last()
                    .is_none_or(|last| last.end <= self.range.1))
    }

    pub(crate) fn sentence_channel(&self) -> Option<Channel> {
        Some(self.sentence.channel)
    }

    /// The folded live words, space-separated: what phrase lists are matched against.
    pub(crate) fn folded(&self) -> String {
        let mut out = String::with_capacity(self.raw().len());
        for w in self.words().iter().filter(|w| !w.skip) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&w.folded);
        }
        out
    }

    /// The clause as said, from its first to its last word (skipped words included).
    pub(crate) fn raw(&self) -> &'a str {
        let words = self.words();
        match (words.first(), words.last()) {
            (Some(first), Some(last)) => self.sentence.text.get(first.start..last.end).unwrap_or_default(),
            _ => "",
        }
    }
}

/// The summariser's words read by the language layer's question and tag readers.
impl SpannedWord for Word {
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
    fn folded(&self) -> &str {
        &self.folded
    }
}
