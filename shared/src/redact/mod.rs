//! PII redaction before any text leaves for an LLM or is stored: email addresses, phone numbers
//! (international and national formats), payment cards (Luhn-checked), US SSNs and IBANs
//! (ISO 7064 mod-97). Matches become readable markers ("call me on [PHONE] tomorrow").
//!
//! The detectors are hand-written byte scanners with checksum and shape validation rather than
//! regular expressions: one linear pass per detector, no compilation that could fail. One counting
//! pass decides which detectors can match at all (no `@`, no email; fewer than 8 digits, no card,
//! SSN or phone), and text with nothing found is returned borrowed (the common case).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::ConfigError;
use crate::transcript::{Transcript, Utterance};

mod email;
mod iban;
mod numeric;
#[cfg(test)]
mod tests;

/// A kind of personal data the redactor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PiiKind {
    Email,
    Phone,
    Card,
    Ssn,
    Iban,
}

impl PiiKind {
    pub const ALL: [PiiKind; 5] = [Self::Email, Self::Phone, Self::Card, Self::Ssn, Self::Iban];

    /// The marker that replaces a match.
    pub fn marker(self) -> &'static str {
        match self {
            Self::Email => "[EMAIL]",
            Self::Phone => "[PHONE]",
            Self::Card => "[CARD]",
            Self::Ssn => "[SSN]",
            Self::Iban => "[IBAN]",
        }
    }

    /// The lowercase name used in configuration, JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Card => "card",
            Self::Ssn => "ssn",
            Self::Iban => "iban",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(name))
    }

    /// When two matches overlap, the lower rank wins: checksum-validated and structurally
    /// specific kinds beat phone numbers, which are the loosest shape.
    fn rank(self) -> u8 {
        match self {
            Self::Email => 0,
            Self::Iban => 1,
            Self::Card => 2,
            Self::Ssn => 3,
            Self::Phone => 4,
        }
    }
}

/// Which kinds are redacted. Default: all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedactionConfig {
    pub emails: bool,
    pub phones: bool,
    pub cards: bool,
    pub ssns: bool,
    pub ibans: bool,
}

impl Default for RedactionConfig {
    fn default() -> Self {
        Self {
            emails: true,
            phones: true,
            cards: true,
            ssns: true,
            ibans: true,
        }
    }
}

const REDACT_VAR: &str = "WRAPUP_REDACT";

impl RedactionConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// `WRAPUP_REDACT`: comma-separated kinds to redact (`email,phone,card,ssn,iban`), or `none`.
    /// Unset or empty redacts everything.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let Some(raw) = lookup(REDACT_VAR).filter(|v| !v.trim().is_empty()) else {
            return Ok(Self::default());
        };
        let mut config = Self::none();
        if raw.trim().eq_ignore_ascii_case("none") {
            return Ok(config);
        }
        for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let kind = PiiKind::parse(name).ok_or_else(|| ConfigError::Invalid {
                name: REDACT_VAR,
                reason: format!(
                    "unknown kind {name:?}; expected a comma list of email, phone, card, ssn, iban"
                ),
            })?;
            config.set(kind, true);
        }
        Ok(config)
    }

    fn none() -> Self {
        Self {
            emails: false,
            phones: false,
            cards: false,
            ssns: false,
            ibans: false,
        }
    }

    fn set(&mut self, kind: PiiKind, on: bool) {
        match kind {
            PiiKind::Email => self.emails = on,
            PiiKind::Phone => self.phones = on,
            PiiKind::Card => self.cards = on,
            PiiKind::Ssn => self.ssns = on,
            PiiKind::Iban => self.ibans = on,
        }
    }

    pub fn enabled(&self, kind: PiiKind) -> bool {
        match kind {
            PiiKind::Email => self.emails,
            PiiKind::Phone => self.phones,
            PiiKind::Card => self.cards,
            PiiKind::Ssn => self.ssns,
            PiiKind::Iban => self.ibans,
        }
    }
}

/// How many matches of each kind were replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedactionCounts {
    pub email: u32,
    pub phone: u32,
    pub card: u32,
    pub ssn: u32,
    pub iban: u32,
}

impl RedactionCounts {
    pub fn total(&self) -> u32 {
        self.email + self.phone + self.card + self.ssn + self.iban
    }

    pub fn get(&self, kind: PiiKind) -> u32 {
        match kind {
            PiiKind::Email => self.email,
            PiiKind::Phone => self.phone,
            PiiKind::Card => self.card,
            PiiKind::Ssn => self.ssn,
            PiiKind::Iban => self.iban,
        }
    }

    fn add(&mut self, kind: PiiKind) {
        let slot = match kind {
            PiiKind::Email => &mut self.email,
            PiiKind::Phone => &mut self.phone,
            PiiKind::Card => &mut self.card,
            PiiKind::Ssn => &mut self.ssn,
            PiiKind::Iban => &mut self.iban,
        };
        *slot = slot.saturating_add(1);
    }
}

impl std::ops::AddAssign for RedactionCounts {
    fn add_assign(&mut self, other: Self) {
        self.email = self.email.saturating_add(other.email);
        self.phone = self.phone.saturating_add(other.phone);
        self.card = self.card.saturating_add(other.card);
        self.ssn = self.ssn.saturating_add(other.ssn);
        self.iban = self.iban.saturating_add(other.iban);
    }
}

/// One match: `text[start..end]` (byte range, always on char boundaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PiiMatch {
    pub kind: PiiKind,
    pub start: usize,
    pub end: usize,
}

impl PiiMatch {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Finds and replaces PII. Build once per sandbox and share: it holds no per-call state.
#[derive(Debug, Clone)]
pub struct Redactor {
    config: RedactionConfig,
}

impl Default for Redactor {
    fn default() -> Self {
        Self::new(RedactionConfig::default())
    }
}

impl Redactor {
    pub fn new(config: RedactionConfig) -> Self {
        Self { config }
    }

    pub fn config(&self) -> &RedactionConfig {
        &self.config
    }

    /// Matches of the enabled kinds: non-overlapping, sorted by position. Where candidates
    /// overlap, the most specific kind wins (email, IBAN, card, SSN, then phone), then the
    /// longest match.
    pub fn find(&self, text: &str) -> Vec<PiiMatch> {
        let (digits, has_at) = text.bytes().fold((0usize, false), |(digits, at), b| {
            (digits + usize::from(b.is_ascii_digit()), at || b == b'@')
        });
        let mut candidates = Vec::new();
        if has_at {
            email::find(text, &mut candidates);
        }
        if digits >= IBAN_MIN_DIGITS {
            iban::find(text, &mut candidates);
        }
        if digits >= NUMERIC_MIN_DIGITS {
            numeric::find(text, &mut candidates);
        }
        if candidates.is_empty() {
            return candidates;
        }
        // Every kind competes for its span, so a card is never half-redacted as a phone even when
        // cards are switched off; only the enabled kinds are returned.
        let mut chosen = resolve_overlaps(candidates);
        chosen.retain(|m| self.config.enabled(m.kind));
        chosen
    }

    /// The text with every match replaced by its marker; borrowed when nothing was found.
    pub fn redact<'a>(&self, text: &'a str) -> (Cow<'a, str>, RedactionCounts) {
        let matches = self.find(text);
        let mut counts = RedactionCounts::default();
        if matches.is_empty() {
            return (Cow::Borrowed(text), counts);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in &matches {
            // Ranges come from our scanners and sit on char boundaries; `get` keeps a mistake
            // from ever panicking.
            out.push_str(text.get(last..m.start).unwrap_or_default());
            out.push_str(m.kind.marker());
            counts.add(m.kind);
            last = m.end;
        }
        out.push_str(text.get(last..).unwrap_or_default());
        (Cow::Owned(out), counts)
    }

    /// A copy of the transcript with every utterance redacted.
    pub fn redact_transcript(&self, transcript: &Transcript) -> (Transcript, RedactionCounts) {
        let mut counts = RedactionCounts::default();
        let utterances = transcript
            .utterances
            .iter()
            .map(|u| {
                let (text, found) = self.redact(&u.text);
                counts += found;
                Utterance {
                    speaker: u.speaker,
                    text: text.into_owned(),
                    start_offset_ms: u.start_offset_ms,
                    duration_ms: u.duration_ms,
                    confidence: u.confidence,
                    communication_id: u.communication_id.clone(),
                }
            })
            .collect();
        let redacted = Transcript {
            conversation_id: transcript.conversation_id.clone(),
            media_type: transcript.media_type,
            language: transcript.language.clone(),
            duration_ms: transcript.duration_ms,
            utterances,
        };
        (redacted, counts)
    }

    /// The distinct kinds found in `text` (sorted), for leak checks of output.
    pub fn contains_pii(&self, text: &str) -> Vec<PiiKind> {
        let mut kinds: Vec<PiiKind> = self.find(text).into_iter().map(|m| m.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }
}

/// An IBAN has at least its two check digits.
const IBAN_MIN_DIGITS: usize = 2;
/// The shortest digit-based kind is an international phone number: 8 digits with the country code.
const NUMERIC_MIN_DIGITS: usize = 8;

/// Greedy selection by specificity then length, then back into text order.
fn resolve_overlaps(mut candidates: Vec<PiiMatch>) -> Vec<PiiMatch> {
    candidates.sort_by(|a, b| {
        (a.kind.rank(), std::cmp::Reverse(a.len()), a.start).cmp(&(
            b.kind.rank(),
            std::cmp::Reverse(b.len()),
            b.start,
        ))
    });
    // start -> end of accepted matches; the neighbour just before `end` tells whether a
    // candidate overlaps, so pathological inputs with thousands of matches stay n log n.
    let mut accepted: BTreeMap<usize, PiiMatch> = BTreeMap::new();
    for candidate in candidates {
        let overlaps = accepted
            .range(..candidate.end)
            .next_back()
            .is_some_and(|(_, prior)| prior.end > candidate.start);
        if !overlaps {
            accepted.insert(candidate.start, candidate);
        }
    }
    accepted.into_values().collect()
}
