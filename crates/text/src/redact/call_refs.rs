//! The reference numbers a call gave after their cue, found again where they are read back
//! without it ("your reference for today is C R one nine four four seven" - "okay C R one nine
//! four four seven, got it"): a reference, not a postcode spelled out.

use std::collections::HashSet;

use super::*;
use crate::redact::scan::Expectation;

/// The fewest letters and digits (as said: "one" is three) a reference needs to be found again.
const MIN_REFERENCE: usize = 6;

#[derive(Debug, Clone, Default)]
pub(super) struct KnownReferences(HashSet<String>);

impl KnownReferences {
    /// Adds the references `scan`'s text gives after their cue.
    pub(super) fn add(&mut self, scan: &Scan<'_>) {
        let cued = scan.cues.iter().any(|h| h.cue == Cue::Reference)
            || scan.expected.contains(&Expectation::Reference);
        if !cued {
            return;
        }
        let mut spans = Vec::new();
        super::super::protect::references(scan, &mut spans);
        for span in spans {
            let said = scan.text.get(span.start..span.end).map(key).unwrap_or_default();
            if said.len() >= MIN_REFERENCE {
                self.0.insert(said);
            }
        }
    }

    /// Drops from `chosen` what is mostly a known reference read back, unless it is strong
    /// evidence of its own (a card's checksum, an email).
    pub(super) fn keep_out(&self, text: &str, chosen: &mut Vec<Candidate>) {
        if self.0.is_empty() {
            return;
        }
        chosen.retain(|c| {
            let Some(value) = text.get(c.start..c.end).map(key) else {
                return true;
            };
            c.strength == Strength::Strong
                || !self
                    .0
                    .iter()
                    .any(|r| value.contains(r.as_str()) && r.len() * 2 >= value.len())
        });
    }
}

/// A reference as compared: its letters and digits, lowercased ("C R one nine" -> "cronenine").
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
