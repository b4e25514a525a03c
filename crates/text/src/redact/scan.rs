//! One text, tokenised once, with its cues and what the conversation so far leads us to expect.

use super::cues::{self, CueHits};
use super::dates::{self, DateMention};
use super::lexicon::Slot;
use super::numbers::{self, SpokenDigits};
use super::orgs;
use super::token::Tokens;
use crate::transcript::SpeakerRole;
use std::cell::OnceCell;

/// What the conversation asked for, carried into the next turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expectation {
    /// Personal data: the answer is redacted as the slot's kind.
    Value(Slot),
    /// A reference number ("do you have the order number?"): the answer is no personal data.
    Reference,
}

pub(crate) struct Scan<'a> {
    pub text: &'a str,
    pub tokens: Tokens<'a>,
    pub cues: CueHits,
    pub speaker: Option<SpeakerRole>,
    /// Answers the previous turns asked for ("what's your date of birth?").
    pub expected: Vec<Expectation>,
    pub digits: usize,
    pub language: Option<usize>,
    /// An address was given in the last turns: "and it's on the fourth floor?".
    pub recent_address: bool,
    /// Digits read aloud ("four one five", "zweiundvierzig"), in text order.
    pub spoken: Vec<SpokenDigits>,
    /// Dates written or said, in text order (the slot finders' and the known birth dates').
    pub dates: Vec<DateMention>,
    /// The organisations named in the text ([`orgs::spans`]), read when first asked: both
    /// passes over the call and the company filter ask for them.
    orgs: OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Scan<'a> {
    /// `language`: the index of the text's language in the lexicons, `None` when unknown.
    pub fn new(
        text: &'a str,
        speaker: Option<SpeakerRole>,
        expected: Vec<Expectation>,
        language: Option<usize>,
    ) -> Self {
        let tokens = Tokens::new(text);
        let cues = cues::find(&tokens, language);
        let digits = tokens.summary.digits;
        let spoken = numbers::digit_sequences(&tokens);
        let dates = dates::find(&tokens);

        Self {
            text,
            tokens,
            cues,
            speaker,
            expected,
            digits,
            language,
            recent_address: false,
            spoken,
            dates,
            orgs: OnceCell::new(),
        }
    }

    /// The byte ranges of the organisations named in the text, in text order.
    pub fn org_spans(&self) -> &[(usize, usize)] {
        self.orgs.get_or_init(|| orgs::spans(&self.tokens))
    }

    /// The spoken digit run starting at token `i`.
    pub fn spoken_at(&self, i: usize) -> Option<&SpokenDigits> {
        numbers::spoken_at(&self.spoken, i)
    }

    /// A number at token `i`, written or said: its last token.
    pub fn number_at(&self, i: usize) -> Option<usize> {
        if let Some(seq) = self.spoken_at(i) {
            return Some(seq.last);
        }
        if let Some((_, last)) = numbers::cardinal_at(&self.tokens, i) {
            return Some(last);
        }
        self.tokens
            .get(i)
            .filter(|t| t.class == super::token::Class::Number)
            .map(|_| i)
    }
}
