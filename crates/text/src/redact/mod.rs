//! PII redaction before any text leaves for an LLM or is stored.
//!
//! Kinds ([`PiiKind`]): person names, postal addresses, dates of birth, emails (also spelled
//! out), phones (also read digit by digit), payment cards with expiry and security code, SSNs
//! and other national ids, IBANs and bank account numbers, passport and driving-licence
//! numbers, PINs and security answers, in English, Spanish, French, German, Portuguese, Italian
//! and Dutch.
//!
//! Every detector proposes [`candidate::Candidate`]s with a strength: checksums and unambiguous
//! shapes are strong; shapes confirmed by context (a cue such as "my date of birth is", or the
//! agent's question in the turn before) come next; bare shapes last. Amounts, reference numbers,
//! times, percentages and product names are protected: only strong candidates may touch them.
//! Overlaps go to the strongest, most specific, longest candidate.
//!
//! A whole call is redacted at once ([`Redactor::redact_call`]): an identity check carries from
//! the agent's question to the customer's answer, a name found once is found everywhere in the
//! call, and the same person or address keeps the same marker (`[NAME_1]`, `[ADDRESS_1]`).

use std::borrow::Cow;

use crate::transcript::{Transcript, Utterance};

mod address;
mod call;
mod candidate;
mod company;
pub mod comprehend;
mod config;
mod context;
mod cues;
mod dates;
mod email;
pub(crate) mod figures;
mod gazetteer;
mod iban;
mod ids;
mod kinds;
mod known_numbers;
mod leaks;
pub(crate) use leaks::dialable;
mod letters;
mod lexicon;
mod lists;
mod names;
mod numbers;
mod numeric;
mod orgs;
mod places;
mod postcode;
mod protect;
mod pseudonym;
mod scan;
mod spelled;
mod streets;
#[cfg(test)]
mod tests;
mod token;
mod word_forms;
mod words;

pub use call::{ExternalMatch, RedactedCall};
pub use config::RedactionConfig;
pub use kinds::{PiiKind, RedactionCounts};

use candidate::{Candidate, Protected};
use protect::ProtectedTerms;
use pseudonym::Pseudonyms;
use scan::Scan;

/// One match: `text[start..end]` (byte range, always on char boundaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PiiMatch {
    pub kind: PiiKind,
    pub start: usize,
    pub end: usize,
}

/// Finds and replaces PII. Build once per sandbox and share: it holds no per-call state.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    config: RedactionConfig,
    protected: ProtectedTerms,
}

impl Redactor {
    pub fn new(config: RedactionConfig) -> Self {
        Self {
            config,
            protected: ProtectedTerms::default(),
        }
    }

    /// Terms that are never personal data, whatever their shape: product names and model
    /// numbers of the mining catalog ("Galaxy S24", "Aurora"), plan names.
    pub fn with_protected_terms<I, S>(mut self, terms: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.protected = ProtectedTerms::new(terms);
        self
    }

    pub fn config(&self) -> &RedactionConfig {
        &self.config
    }

    /// Matches of the enabled kinds in one text on its own (no call context): non-overlapping,
    /// in text order.
    pub fn find(&self, text: &str) -> Vec<PiiMatch> {
        let scan = Scan::new(text, None, Vec::new(), None);
        self.enabled(self.candidates(&scan, Vec::new()).0)
    }

    /// One text on its own with every match replaced by its marker (`[EMAIL_1]`); borrowed
    /// when nothing was found.
    pub fn redact<'a>(&self, text: &'a str) -> (Cow<'a, str>, RedactionCounts) {
        let matches = self.find(text);
        let mut pseudonyms = Pseudonyms::default();
        let mut counts = RedactionCounts::default();
        let out = pseudonyms.replace(text, &matches, &mut counts);
        (out, counts)
    }

    /// A copy of the transcript with every utterance redacted, in the context of the call.
    pub fn redact_transcript(&self, transcript: &Transcript) -> (Transcript, RedactionCounts) {
        let call = self.redact_call(transcript, &[], None);
        let counts = call.counts;
        (call.transcript, counts)
    }

    /// The whole call redacted in context, with `external` matches (a managed detector's)
    /// merged in; the result can redact more text (summaries) with the same pseudonyms.
    /// `language`: the call's language tag when already known (the request's, say); otherwise
    /// the transcript's, else detected.
    pub fn redact_call(
        &self,
        transcript: &Transcript,
        external: &[ExternalMatch],
        language: Option<&str>,
    ) -> RedactedCall {
        call::redact_call(self, transcript, external, language)
    }

    /// The distinct kinds found in `text` (sorted), for leak checks of output.
    pub fn contains_pii(&self, text: &str) -> Vec<PiiKind> {
        let mut kinds: Vec<PiiKind> = self.find(text).into_iter().map(|m| m.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }

    /// Every candidate of one scanned text plus `extra`, resolved: all kinds compete for their
    /// span, so a card is never half-redacted as a phone when cards are switched off. Also the
    /// text's protected spans (amounts, times, references), for candidates added later.
    fn candidates(&self, scan: &Scan<'_>, mut extra: Vec<Candidate>) -> (Vec<Candidate>, Vec<Protected>) {
        detect(scan, &mut extra);
        // Markers already in the text ("[NAME_1]" in a summary) are never part of a match.
        let markers: Vec<(usize, usize)> = scan
            .tokens
            .toks
            .iter()
            .filter(|t| t.class == token::Class::Marker)
            .map(|t| (t.start, t.end))
            .collect();
        if !markers.is_empty() {
            extra.retain(|c| {
                let before_end = markers.partition_point(|(start, _)| *start < c.end);
                before_end
                    .checked_sub(1)
                    .and_then(|k| markers.get(k))
                    .is_none_or(|(_, end)| *end <= c.start)
            });
        }
        // Names said after a strong introduction ("my name is", "my husband") stay people's.
        let introduced: Vec<usize> = scan
            .cues
            .iter()
            .filter(|h| matches!(h.cue, lexicon::Cue::NameIntro { strong: true }))
            .map(|h| h.last + 1)
            .collect();
        orgs::keep_out(&scan.tokens, || scan.org_spans(), &introduced, &mut extra);
        company::keep_out(scan, &mut extra);
        // Told without searching the text again: most texts have no hyphen.
        if scan.tokens.summary.has_punct(b'-') {
            protect::keep_codes_whole(scan.text, &mut extra);
        }
        protect::keep_numbers_whole(scan.text, &mut extra);
        let protected = protect::find(scan, &self.protected);
        (candidate::resolve(extra, &protected), protected)
    }

    /// The matches of the enabled kinds.
    fn enabled(&self, chosen: Vec<Candidate>) -> Vec<PiiMatch> {
        chosen
            .into_iter()
            .filter(|c| self.config.enabled(c.kind))
            .map(|c| PiiMatch {
                kind: c.kind,
                start: c.start,
                end: c.end,
            })
            .collect()
    }
}

/// An IBAN has at least its two check digits.
const IBAN_MIN_DIGITS: usize = 2;
/// The shortest digit-based shape is an international phone number: 8 digits.
const NUMERIC_MIN_DIGITS: usize = 8;

/// Runs every detector over one text.
fn detect(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    if scan.tokens.summary.has_punct(b'@') {
        email::find(scan.text, out);
    }
    if scan.digits >= IBAN_MIN_DIGITS {
        iban::find(scan.text, out);
        ids::find(scan.text, out);
    }
    if scan.digits >= NUMERIC_MIN_DIGITS {
        numeric::find(scan.text, out);
    }
    if !scan.spoken.is_empty() {
        iban::find_spoken(scan, out);
    }
    spelled::find(scan, out);
    names::find(scan, out);
    address::find(scan, out);
    context::find(scan, out);
}

fn utterance_with(u: &Utterance, text: String) -> Utterance {
    Utterance {
        speaker: u.speaker,
        text,
        start_offset_ms: u.start_offset_ms,
        duration_ms: u.duration_ms,
        confidence: u.confidence,
        communication_id: u.communication_id.clone(),
    }
}
