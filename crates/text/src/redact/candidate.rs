//! Candidate matches from every detector, and the choice between overlapping ones.

use std::collections::BTreeMap;

use super::PiiKind;

/// How sure a detector is. Checksum-validated and unambiguous shapes are `Strong`: they win any
/// overlap and are kept even inside text that looks like an amount or a reference number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Checksums (Luhn, mod-97, national id check characters) or unambiguous shapes (emails).
    Strong = 0,
    /// A shape confirmed by context ("my date of birth is", an agent's question) or a
    /// structured grammar (street lines with a street type, postcodes with a city).
    Context = 1,
    /// A shape alone (a 10-digit phone number, a capitalised known first name).
    Shape = 2,
}

/// One candidate: `text[start..end]` (byte range on char boundaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub kind: PiiKind,
    pub start: usize,
    pub end: usize,
    pub strength: Strength,
}

impl Candidate {
    pub fn new(kind: PiiKind, start: usize, end: usize, strength: Strength) -> Self {
        Self {
            kind,
            start,
            end,
            strength,
        }
    }

    fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// When two candidates overlap, the lower rank wins: stronger evidence first, then the longer
    /// match (a whole phone number over the postcode-like digits at its end), then the more
    /// specific kind.
    fn rank(&self) -> (Strength, std::cmp::Reverse<usize>, u8, usize) {
        (
            self.strength,
            std::cmp::Reverse(self.len()),
            kind_rank(self.kind),
            self.start,
        )
    }
}

/// Among equally strong candidates, specific kinds beat loose ones: a card is never a phone,
/// an address keeps the name of its street.
fn kind_rank(kind: PiiKind) -> u8 {
    match kind {
        PiiKind::Email => 0,
        PiiKind::Iban => 1,
        PiiKind::Card => 2,
        PiiKind::Ssn | PiiKind::NationalId => 3,
        PiiKind::Passport | PiiKind::DriversLicence => 4,
        PiiKind::BankAccount => 5,
        PiiKind::DateOfBirth => 6,
        PiiKind::CardExpiry | PiiKind::CardCvv => 7,
        PiiKind::Address => 8,
        PiiKind::Phone => 9,
        PiiKind::Pin => 10,
        PiiKind::SecurityAnswer => 11,
        PiiKind::Name => 12,
    }
}

/// A stretch of text that must survive: candidates touching it are dropped unless they are
/// strong (a hard span: an amount, a time) or confirmed by context (a soft span: a reference
/// number, a product name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Protected {
    pub start: usize,
    pub end: usize,
    pub hard: bool,
    /// A reference number given after its cue ("your reference is ..."), which the call
    /// remembers ([`super::call`]).
    pub reference: bool,
}

impl Protected {
    fn stands_against(&self, c: &Candidate) -> bool {
        let overlaps = self.start < c.end && c.start < self.end;
        let weaker = if self.hard {
            c.strength != Strength::Strong
        } else {
            c.strength == Strength::Shape
        };
        overlaps && weaker
    }
}

/// Adds a `kind` candidate at every word token that `known` accepts and no candidate covers
/// yet (a place, a security answer said again), then resolves when it added one. Returns
/// whether it did.
pub(crate) fn add_word_mentions(
    tokens: &super::token::Tokens<'_>,
    chosen: &mut Vec<Candidate>,
    kind: PiiKind,
    known: impl Fn(usize, &super::token::Token) -> bool,
) -> bool {
    let mut added = false;
    for (i, t) in tokens.toks.iter().enumerate() {
        if t.class == super::token::Class::Word
            && known(i, t)
            && !chosen.iter().any(|c| c.start < t.end && t.start < c.end)
        {
            chosen.push(Candidate::new(kind, t.start, t.end, Strength::Context));
            added = true;
        }
    }
    if added {
        *chosen = resolve(std::mem::take(chosen), &[]);
    }
    added
}

/// Drops candidates that a protected span stands against, then picks non-overlapping
/// candidates greedily by rank; returns them in text order.
pub(crate) fn resolve(mut candidates: Vec<Candidate>, protected: &[Protected]) -> Vec<Candidate> {
    candidates.retain(|c| c.start < c.end && !protected.iter().any(|p| p.stands_against(c)));
    // Nothing to choose between (most texts have no candidate, many one): no map to build.
    if candidates.len() <= 1 {
        return candidates;
    }
    candidates.sort_by_key(Candidate::rank);
    // start -> accepted candidate; the neighbour just before `end` tells whether a candidate
    // overlaps, so inputs with thousands of candidates stay n log n.
    let mut accepted: BTreeMap<usize, Candidate> = BTreeMap::new();
    for candidate in candidates {
        let prior = accepted
            .range(..candidate.end)
            .next_back()
            .filter(|(_, prior)| prior.end > candidate.start)
            .map(|(_, prior)| *prior);
        match prior {
            None => {
                accepted.insert(candidate.start, candidate);
            }
            // Two readings of one address ("Apartment 14, The Grand Canal Building, Grand
            // Canal" and "Grand Canal Street Upper, Dublin 2, D02 X285") are one address.
            Some(prior) if prior.kind == PiiKind::Address && candidate.kind == PiiKind::Address => {
                let union = Candidate {
                    start: prior.start.min(candidate.start),
                    end: prior.end.max(candidate.end),
                    ..prior
                };
                let others = accepted
                    .range(union.start..union.end)
                    .any(|(start, other)| *start != prior.start && other.start < union.end)
                    || accepted
                        .range(..union.start)
                        .next_back()
                        .is_some_and(|(_, before)| before.end > union.start);
                if !others {
                    accepted.remove(&prior.start);
                    accepted.insert(union.start, union);
                }
            }
            Some(_) => {}
        }
    }
    accepted.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(kind: PiiKind, start: usize, end: usize, strength: Strength) -> Candidate {
        Candidate::new(kind, start, end, strength)
    }

    #[test]
    fn two_readings_of_one_address_become_one() {
        let chosen = resolve(
            vec![
                c(PiiKind::Address, 10, 40, Strength::Context),
                c(PiiKind::Address, 30, 70, Strength::Context),
                c(PiiKind::Name, 0, 5, Strength::Shape),
            ],
            &[],
        );
        assert_eq!(
            chosen,
            [
                c(PiiKind::Name, 0, 5, Strength::Shape),
                c(PiiKind::Address, 10, 70, Strength::Context)
            ]
        );
        // A union that would run into another match keeps the first reading alone.
        let chosen = resolve(
            vec![
                c(PiiKind::Address, 10, 40, Strength::Context),
                c(PiiKind::Phone, 60, 70, Strength::Strong),
                c(PiiKind::Address, 30, 65, Strength::Context),
            ],
            &[],
        );
        assert_eq!(
            chosen,
            [
                c(PiiKind::Address, 10, 40, Strength::Context),
                c(PiiKind::Phone, 60, 70, Strength::Strong)
            ]
        );
    }

    #[test]
    fn stronger_then_more_specific_then_longer_wins() {
        let chosen = resolve(
            vec![
                c(PiiKind::Phone, 0, 19, Strength::Shape),
                c(PiiKind::Card, 0, 19, Strength::Strong),
                c(PiiKind::Name, 25, 30, Strength::Shape),
                c(PiiKind::Address, 22, 40, Strength::Context),
            ],
            &[],
        );
        assert_eq!(
            chosen,
            [
                c(PiiKind::Card, 0, 19, Strength::Strong),
                c(PiiKind::Address, 22, 40, Strength::Context)
            ]
        );
    }

    #[test]
    fn protected_spans_drop_weak_candidates_only() {
        let protected = [Protected {
            start: 5,
            end: 15,
            hard: true,
            reference: false,
        }];
        let chosen = resolve(
            vec![
                c(PiiKind::Phone, 5, 15, Strength::Shape),
                c(PiiKind::Card, 5, 24, Strength::Strong),
                c(PiiKind::Pin, 30, 34, Strength::Context),
            ],
            &protected,
        );
        assert_eq!(
            chosen,
            [
                c(PiiKind::Card, 5, 24, Strength::Strong),
                c(PiiKind::Pin, 30, 34, Strength::Context)
            ]
        );
    }

    #[test]
    fn empty_and_inverted_ranges_are_ignored() {
        assert!(
            resolve(
                vec![
                    c(PiiKind::Name, 4, 4, Strength::Strong),
                    c(PiiKind::Name, 5, 2, Strength::Strong)
                ],
                &[]
            )
            .is_empty()
        );
    }
}
