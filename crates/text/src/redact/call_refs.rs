//! The reference numbers a call gave after their cue, found again where they are read back
//! without it ("your reference for today is C R one nine four four seven" - "okay C R one nine
//! four four seven, got it"): a reference, not a postcode spelled out.

use std::collections::HashSet;

use super::*;

/// The fewest letters and digits (as said: "one" is three) a reference needs to be found again.
const MIN_REFERENCE: usize = 6;

#[derive(Debug, Clone, Default)]
pub(super) struct KnownReferences(HashSet<String>);

impl KnownReferences {
    /// Adds the references of a text: its `protected` spans given after their cue.
    pub(super) fn add(&mut self, text: &str, protected: &[Protected]) {
        for span in protected.iter().filter(|p| p.reference) {
            let said = text.get(span.start..span.end).map(key).unwrap_or_default();
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
            // A name is never read as a code; a checksum or an email is evidence of its own.
            if c.kind == PiiKind::Name || c.strength == Strength::Strong {
                return true;
            }
            let Some(value) = text.get(c.start..c.end).map(key) else {
                return true;
            };
            !self
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
