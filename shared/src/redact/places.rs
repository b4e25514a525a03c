//! The places of the call's addresses, found again when they are named on their own: a suburb
//! ("the old connection at Footscray"), a street ("die Lindenstraße").

use super::PiiKind;
use super::candidate::{self, Candidate, Strength};
use super::gazetteer::{self, Gazetteer};
use super::token::{Class, Tokens};

/// Shorter words are too often something else ("Via", "Co").
const MIN_LETTERS: usize = 4;

#[derive(Debug, Clone, Default)]
pub(crate) struct KnownPlaces {
    words: crate::summary::extractive::word_hash::WordSet<String>,
}

impl KnownPlaces {
    /// Remembers the capitalised, non-ordinary words of an address.
    pub fn add(&mut self, g: &Gazetteer, address: &str) {
        let tokens = Tokens::new(address);
        for i in 0..tokens.len() {
            let Some(t) = tokens.get(i) else { continue };
            let lower = tokens.lower(i);
            let plain = t.class == Class::Word
                && t.cap
                && lower.chars().count() >= MIN_LETTERS
                && !g.is_stopword(&lower)
                && !g.is_common(&lower)
                && !g.is_common(&gazetteer::fold(&lower));
            let folded = gazetteer::fold(&lower).into_owned();
            if plain {
                self.words.insert(folded);
            }
        }
    }

    /// Adds an address candidate for every capitalised mention of a known place word that
    /// nothing covers yet.
    /// Returns whether it added any.
    pub fn add_mentions(&self, tokens: &Tokens<'_>, chosen: &mut Vec<Candidate>) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let mut added = false;
        for i in 0..tokens.len() {
            let Some(t) = tokens.get(i) else { continue };
            if t.class != Class::Word || !t.cap {
                continue;
            }
            let folded = gazetteer::fold(tokens.lower_str(i));
            if !self.words.contains(folded.as_ref())
                || chosen.iter().any(|c| c.start < t.end && t.start < c.end)
            {
                continue;
            }
            chosen.push(Candidate::new(
                PiiKind::Address,
                t.start,
                t.end,
                Strength::Context,
            ));
            added = true;
        }
        if added {
            *chosen = candidate::resolve(std::mem::take(chosen), &[]);
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_an_address_are_found_again() {
        let g = gazetteer::get();
        let mut places = KnownPlaces::default();
        places.add(g, "22 Albert St Footscray");
        let text = "what happens at Footscray and on Albert Street in the Mount?";
        let tokens = Tokens::new(text);
        let mut chosen = Vec::new();
        places.add_mentions(&tokens, &mut chosen);
        let found: Vec<&str> = chosen.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(found, ["Footscray", "Albert"]);
    }
}
