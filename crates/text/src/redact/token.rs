//! One tokenisation per text, shared by every word-level detector: words, numbers, mixed
//! letter-digit codes and single punctuation characters, with byte offsets into the original.

use std::borrow::Cow;

use super::words::{self, Lex};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Letters, with inner apostrophes or hyphens (`O'Brien`, `Jean-Pierre`, `twenty-two`).
    Word,
    /// ASCII digits only.
    Number,
    /// Letters and digits (`BS6`, `4B`, `X1234567L`).
    Mixed,
    /// One character that is neither a letter, a digit nor whitespace.
    Punct,
    /// A redaction marker already in the text: `[NAME_1]`, `[CARD]`.
    Marker,
}

impl Class {
    /// The class of a word token from its counts of letters and digits.
    pub(crate) fn of_word(letters: usize, digits: usize) -> Self {
        match (letters > 0, digits > 0) {
            (true, true) => Class::Mixed,
            (false, true) => Class::Number,
            _ => Class::Word,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// Whitespace between the previous token and this one.
    pub space_before: bool,
    /// First character is an uppercase letter.
    pub cap: bool,
    /// Two or more letters, all uppercase.
    pub upper: bool,
    /// First token of the text or of a sentence.
    pub sentence_start: bool,
    /// A word with a hyphen inside ("Jean-Pierre", "K-O-W-A-L-S-K-I").
    pub hyphen: bool,
    /// A word with an apostrophe inside ("O'Brien", "don't").
    pub apostrophe: bool,
    /// A word whose first letters start some number word ("this": "thirteen"): told once
    /// here for every number reader ([`super::numbers::may_start_word`]).
    pub number_start: bool,
    /// A word that may be a number word ("four", "vingt-et-un"): it starts one, and when ASCII
    /// some number word is a prefix of it whole ("this" is none). The number readers read
    /// only these.
    pub number_word: bool,
    /// A word whose first letters start some month name or abbreviation: told with
    /// `number_start`, from the same letters, for the date reader ([`super::dates::find`]).
    pub month_start: bool,
    /// The word lists its lowercase form is in ([`super::words`]), told once here.
    pub lex: Lex,
    /// A word's, number's or code's [`word_hash`] of its ASCII-lowercased bytes, for the call's
    /// word filters (known names); 0 for punctuation and markers.
    pub hash: u32,
}

impl Token {
    /// A redaction marker ("[NAME_1]") at `start..end`: one token, no word facts.
    pub fn marker(start: usize, end: usize, space_before: bool, sentence_start: bool) -> Self {
        Token {
            start,
            end,
            class: Class::Marker,
            space_before,
            sentence_start,
            ..Token::UNTOLD
        }
    }

    /// No token: every fact false, no word lists, no hash; what a tokenizer fills in.
    pub const UNTOLD: Token = Token {
        start: 0,
        end: 0,
        class: Class::Punct,
        space_before: false,
        cap: false,
        upper: false,
        sentence_start: false,
        hyphen: false,
        apostrophe: false,
        number_start: false,
        number_word: false,
        month_start: false,
        lex: 0,
        hash: 0,
    };

    /// Its length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// A text and its tokens, with an ASCII-lowercased copy at the same byte offsets.
pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    lower: String,
    /// Tokens whose lowercase is not ASCII lowercasing ("ÉCOLE", "Straße"), lowercased once:
    /// their ranges in `unicode_lower` (empty for the others).
    unicode_lower: String,
    unicode_spans: Vec<(u32, u32)>,
    pub toks: Vec<Token>,
    /// No letter is capitalised (voice transcripts without casing).
    pub lowercase: bool,
    /// Every letter is a capital (shouting).
    pub uppercase: bool,
    /// More than 60% of at least 12 letters are capitals: capitalisation says nothing here.
    pub mostly_uppercase: bool,
    /// What the tokens hold, for detectors to rule a text out before walking its tokens.
    pub summary: Summary,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::build(text, true)
    }

    /// The tokens with no word-list bits: for the word lists' own phrases, which the word
    /// table is built from.
    pub(super) fn without_word_lists(text: &'a str) -> Self {
        Self::build(text, false)
    }

    /// `lists`: tell each token's word lists ([`words::lex_of`]).
    /// The lowercase copy and the token vector are kept buffers when there are ([`pool`]).
    fn build(text: &'a str, lists: bool) -> Self {
        let (mut lower, toks) = pool::take();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        if text.is_ascii() {
            return Self::ascii(text, lower, toks, lists);
        }
        pool::give_back(String::new(), toks);
        Self::any(text, lower, lists)
    }

    /// Any text, a pass for each fact (the ASCII fast path's reference in its tests).
    fn any(text: &'a str, lower: String, lists: bool) -> Self {
        let (letters, uppers, lowers) = letter_counts(text);
        let mut toks = tokenize(text);
        memo::mark_number_starts(lower.as_bytes(), &mut toks);
        for t in toks
            .iter_mut()
            .filter(|t| !matches!(t.class, Class::Punct | Class::Marker))
        {
            t.hash = word_hash(lower.as_bytes().get(t.start..t.end).unwrap_or_default());
        }
        let mut unicode_lower = String::new();
        let mut unicode_spans = vec![(0, 0); toks.len()];
        for (span, t) in unicode_spans.iter_mut().zip(&toks) {
            let ascii_lower = lower.get(t.start..t.end).unwrap_or_default();
            if !ascii_lower.is_ascii() && ascii_lower.chars().any(char::is_uppercase) {
                let from = unicode_lower.len();
                unicode_lower.extend(ascii_lower.chars().flat_map(char::to_lowercase));
                *span = (from as u32, unicode_lower.len() as u32);
            }
        }
        let summary = Summary::of(text, &toks);
        let mut tokens = Self {
            text,
            lower,
            unicode_lower,
            unicode_spans,
            toks,
            lowercase: uppers == 0,
            uppercase: lowers == 0,
            mostly_uppercase: letters >= 12 && uppers * 10 > letters * 6,
            summary,
        };
        if lists {
            for i in 0..tokens.toks.len() {
                let Some(&t) = tokens.toks.get(i) else { break };
                let lex = words::lex_of(tokens.lower_str(i), t.class == Class::Word && t.len() > 5);
                if let Some(t) = tokens.toks.get_mut(i) {
                    t.lex = lex;
                }
                tokens.summary.words_in |= lex;
            }
        }
        tokens
    }

    /// ASCII text (most utterances) in one pass: each token's number-word marks, word lists
    /// and summary are told as it is made, its lowercase form being its bytes in `lower`; a
    /// word's lists and marks come from the thread's cache of words ([`memo`]).
    fn ascii(text: &'a str, lower: String, toks: Vec<Token>, lists: bool) -> Self {
        if lists {
            memo::with(|memo| Self::ascii_with(text, lower, toks, true, memo))
        } else {
            Self::ascii_with(text, lower, toks, false, None)
        }
    }

    /// [`Self::ascii`], with the cache when there is one (without, word lists are told
    /// directly).
    #[inline(always)]
    fn ascii_with(
        text: &'a str,
        lower: String,
        toks: Vec<Token>,
        lists: bool,
        mut memo: Option<&mut memo::Memo>,
    ) -> Self {
        let mut summary = Summary::default();
        let lower_bytes = lower.as_bytes();
        let (toks, letters, uppers) = tokenize_ascii_with(text, toks, |t| {
            match (t.class, memo.as_deref_mut()) {
                _ if !lists => {
                    memo::mark_number_start(lower_bytes, t);
                    if !matches!(t.class, Class::Punct | Class::Marker) {
                        t.hash = word_hash(lower_bytes.get(t.start..t.end).unwrap_or_default());
                    }
                }
                // An ASCII punctuation token is one byte.
                (Class::Punct, _) => {
                    if let Some(&b) = lower_bytes.get(t.start) {
                        t.lex = words::lex_of_byte(b);
                    }
                }
                (Class::Marker, _) => {
                    let word = lower.get(t.start..t.end).unwrap_or_default();
                    t.lex = words::lex_of(word, false);
                }
                (_, Some(memo)) => memo.tell(lower_bytes, t),
                _ => {
                    memo::mark_number_start(lower_bytes, t);
                    let word = lower.get(t.start..t.end).unwrap_or_default();
                    t.lex = words::lex_of(word, t.class == Class::Word && t.len() > 5);
                    t.hash = word_hash(word.as_bytes());
                }
            }
            summary.add(text, t);
        });
        Self {
            text,
            lower,
            unicode_lower: String::new(),
            unicode_spans: Vec::new(),
            toks,
            lowercase: uppers == 0,
            uppercase: uppers == letters,
            mostly_uppercase: letters >= 12 && uppers * 10 > letters * 6,
            summary,
        }
    }

    /// Whether token `i` is in one of the word lists of `bits` ([`super::words`]).
    #[inline]
    pub fn has(&self, i: usize, bits: Lex) -> bool {
        self.toks.get(i).is_some_and(|t| t.lex & bits != 0)
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    /// The token's original text.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or_default()
    }

    /// The token lowercased (computed once, in [`Tokens::new`]).
    #[inline]
    pub fn lower(&self, i: usize) -> Cow<'_, str> {
        Cow::Borrowed(self.lower_str(i))
    }

    /// The token lowercased, borrowed from the tokens: what is made of it can outlive a
    /// temporary.
    #[inline]
    pub fn lower_str(&self, i: usize) -> &str {
        let Some(t) = self.toks.get(i) else {
            return "";
        };
        if !self.unicode_spans.is_empty()
            && let Some(&(from, to)) = self.unicode_spans.get(i)
            && to > from
        {
            return self
                .unicode_lower
                .get(from as usize..to as usize)
                .unwrap_or_default();
        }
        self.lower.get(t.start..t.end).unwrap_or_default()
    }

    /// The ASCII-lowercased text (same byte offsets as the original).
    pub fn lower_text(&self) -> &str {
        &self.lower
    }

    /// Whether token `i` is the punctuation character `c`.
    #[inline]
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.class == Class::Punct && self.text.get(t.start..t.end).is_some_and(|s| s.starts_with(c))
        })
    }

    /// Whether the lowercased token `i` is one of `words`.
    pub fn is_one_of(&self, i: usize, words: &[&str]) -> bool {
        let lower = self.lower(i);
        words.contains(&lower.as_ref())
    }

    /// Whether a line break comes between token `i` and the token before it (the lines of an
    /// email's signature: a name, then the company, then its phone number).
    pub fn line_break_before(&self, i: usize) -> bool {
        let (Some(prev), Some(t)) = (i.checked_sub(1).and_then(|p| self.toks.get(p)), self.toks.get(i))
        else {
            return false;
        };
        t.space_before
            && self
                .text
                .get(prev.end..t.start)
                .is_some_and(|gap| gap.contains('\n'))
    }

    /// Index of the first token starting at or after byte `at`.
    pub fn index_at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-')
}

/// The length of the marker `[LABEL]` or `[LABEL_12]` at the start of `text`: uppercase ASCII
/// letters and underscores, then optional digits.
fn marker_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let letters = bytes
        .get(1..)?
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || **b == b'_')
        .count();
    let digits = bytes
        .get(1 + letters..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let close = 1 + letters + digits;
    (letters >= 2 && bytes.get(close) == Some(&b']')).then_some(close + 1)
}

/// Letters, capitals and lowercase letters of `text`, read once for every detector.
fn letter_counts(text: &str) -> (usize, usize, usize) {
    let (mut letters, mut uppers, mut lowers) = (0usize, 0usize, 0usize);
    if text.is_ascii() {
        for b in text.bytes().filter(u8::is_ascii_alphabetic) {
            letters += 1;
            uppers += usize::from(b.is_ascii_uppercase());
        }
        lowers = letters - uppers;
    } else {
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            uppers += usize::from(c.is_uppercase());
            lowers += usize::from(c.is_lowercase());
        }
    }
    (letters, uppers, lowers)
}

/// The character at byte `at`; ASCII without decoding (the tokenizer reads every character).
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(at..)?.chars().next(),
    }
}

/// The character ending at byte `at`.
#[inline]
fn char_before(text: &str, at: usize) -> Option<char> {
    match at.checked_sub(1).and_then(|k| text.as_bytes().get(k)) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(..at)?.chars().next_back(),
    }
}

/// Lets the buffers go to the next text.
impl Drop for Tokens<'_> {
    fn drop(&mut self) {
        pool::give_back(std::mem::take(&mut self.lower), std::mem::take(&mut self.toks));
    }
}

#[path = "token_ascii.rs"]
mod ascii;
#[path = "token_chars.rs"]
mod chars;
#[path = "token_memo.rs"]
mod memo;
#[path = "token_pool.rs"]
mod pool;
#[path = "token_summary.rs"]
mod summary;
#[cfg(test)]
#[path = "token_tests.rs"]
mod tests;

use ascii::tokenize_ascii_with;
use chars::tokenize;
pub(crate) use memo::word_hash;
pub(crate) use summary::Summary;
#[cfg(test)]
pub(crate) use summary::texts as summary_texts;
