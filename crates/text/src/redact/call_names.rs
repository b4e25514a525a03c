//! The names a call made known: each found again wherever it is said in the call, a name
//! read out with slashes or elisions kept whole, neighbouring names merged.

use super::*;
use crate::redact::token::word_hash;

/// The words of every name seen in the call ("denise", "albright"), to find them again.
#[derive(Debug, Clone, Default)]
pub(super) struct KnownNames {
    words: crate::word_hash::WordSet<String>,
    /// Short forms of the first names ("facu" of "Facundo", [`Self::add_nicknames`]): found
    /// again only capitalised, inside a sentence.
    nicknames: crate::word_hash::WordSet<String>,
    /// `words` again, by the hash the tokenizer tells of each token: most words of a text
    /// are ruled out without reading them.
    hashes: HashFilter,
    /// `words` again, by their bytes: for the words that are not their own folded form
    /// (elisions, possessives, accents), ruled out without hashing them.
    bloom: crate::word_hash::WordBloom,
}

/// A Bloom filter over words keyed by their [`word_hash`] (one bit of 4096 per word): a plain
/// token's hash, told when the text was tokenised ([`super::super::token::Token::hash`]), is
/// tested without reading the word again.
#[derive(Debug, Clone)]
pub(super) struct HashFilter(Box<[u64; FILTER_WORDS]>);

const FILTER_WORDS: usize = 64;

impl Default for HashFilter {
    fn default() -> Self {
        Self(Box::new([0; FILTER_WORDS]))
    }
}

/// The word of the filter holding `hash`'s bit, and the bit.
#[inline]
fn filter_bit(hash: u32) -> (usize, u64) {
    let k = hash as usize % (FILTER_WORDS * 64);
    (k / 64, 1 << (k % 64))
}

impl HashFilter {
    pub(super) fn insert(&mut self, word: &str) {
        let (at, bit) = filter_bit(word_hash(word.as_bytes()));
        if let Some(bits) = self.0.get_mut(at) {
            *bits |= bit;
        }
    }

    /// False: no word of this hash was inserted.
    #[inline]
    pub(super) fn may_contain_hash(&self, hash: u32) -> bool {
        let (at, bit) = filter_bit(hash);
        self.0.get(at).is_some_and(|bits| bits & bit != 0)
    }
}

impl KnownNames {
    pub(super) fn add_text(&mut self, g: &Gazetteer, name: &str) {
        for word in name.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')) {
            let lower = gazetteer::fold(gazetteer::without_possessive(&word.to_lowercase())).into_owned();
            let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 3 && !g.is_stopword(&lower) && !g.is_particle(&lower) {
                self.add_nicknames(g, &lower);
                self.hashes.insert(&lower);
                self.bloom.insert(&lower);
                self.words.insert(lower);
            }
        }
    }

    /// The short forms of a first name, said later in the call for the same person: "Facundo
    /// Ledesma" ... "el de Facu", "Alexander" ... "Alex": its first three to five letters, at
    /// least two fewer than the name, that are no ordinary word ("Sol" of "Soledad" is the sun).
    fn add_nicknames(&mut self, g: &Gazetteer, first_name: &str) {
        const SHORTEST: usize = 3;
        const LONGEST: usize = 5;
        let letters: Vec<usize> = first_name.char_indices().map(|(at, _)| at).collect();
        let alphabetic = first_name.chars().all(char::is_alphabetic);
        if letters.len() < SHORTEST + 2 || !alphabetic || !g.is_first(first_name) {
            return;
        }
        for n in SHORTEST..=LONGEST.min(letters.len() - 2) {
            let short = letters
                .get(n)
                .and_then(|&end| first_name.get(..end))
                .unwrap_or_default();
            if !g.is_common(short) && !g.is_stopword(short) && !g.is_particle(short) {
                self.hashes.insert(short);
                self.bloom.insert(short);
                self.nicknames.insert(short.to_owned());
            }
        }
    }

    pub(super) fn add_known_words(&mut self, g: &Gazetteer, name: &str) {
        let known: Vec<&str> = name
            .split_whitespace()
            .filter(|w| g.is_name(&gazetteer::fold(&w.to_lowercase())))
            .collect();
        self.add_text(g, &known.join(" "));
    }

    /// Adds a name candidate for every mention of a known name word that nothing covers yet.
    /// A known word that is also an ordinary word ("Will", "Price") counts only capitalised
    /// and not at a sentence start.
    /// Returns whether it added any.
    pub(super) fn add_mentions(&self, scan: &Scan<'_>, chosen: &mut Vec<Candidate>) -> bool {
        self.add_mentions_in(scan, true, chosen)
    }

    /// [`Self::add_mentions`]; `gated`: plain words are ruled out by the filter and their
    /// length (the property test compares both).
    fn add_mentions_in(&self, scan: &Scan<'_>, gated: bool, chosen: &mut Vec<Candidate>) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let tokens = &scan.tokens;
        let g = gazetteer::get();
        let mut added = false;
        // In an ASCII text a word's lowercase form is its bytes in the lowercased text.
        let ascii_text = tokens.text.is_ascii();
        for (i, t) in tokens.toks.iter().enumerate() {
            if t.class != Class::Word {
                continue;
            }
            // A plain word (ASCII, no apostrophe) is its own folded form, and its hash was told
            // with its tokens: ruled out by the filter alone (most words of a call end here), or
            // by its length (every known word has three letters or more, [`Self::add_text`]).
            if gated && ascii_text && !t.apostrophe && (t.len() < 3 || !self.hashes.may_contain_hash(t.hash))
            {
                continue;
            }
            let whole = tokens.lower_str(i);
            // "le permis d'Inès": the name after an elided article or preposition.
            let elided = elision_len(whole);
            let full = whole.get(elided..).unwrap_or_default();
            let lower = gazetteer::without_possessive(full);
            let folded = gazetteer::fold(lower);
            // The filter holds every known word as `words` does: "it's" is ruled out as "it".
            if !self.bloom.may_contain(&folded) {
                continue;
            }
            // A short form counts only capitalised inside a sentence: "ser" of "Sergio" is a
            // surname too, and a verb ("si puede ser").
            let nickname = || t.cap && !t.sentence_start && self.nicknames.contains(folded.as_ref());
            if !self.words.contains(folded.as_ref()) && !nickname() {
                continue;
            }
            // "Karen's card": the marker replaces the name, not its possessive ending.
            let end = t.end - (full.len() - lower.len());
            let start = t.start + elided;
            let cap = if elided == 0 {
                t.cap
            } else {
                tokens
                    .text
                    .get(start..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_uppercase)
            };
            // Lowercase mentions count only for words that are no ordinary words: known names,
            // or words no list knows that a name of the call held ("haiderer" of "wolfgang
            // haiderer").
            let ordinary = g.is_common(lower)
                || g.is_stopword(lower)
                || (!g.is_name(&folded)
                    && (g.is_common(&folded) || crate::redact::numbers::word_value(lower).is_some()));
            if ordinary && (!cap || t.sentence_start || t.upper) {
                // Still a name right after a greeting or title: "danke lea", "thanks jordan".
                // The text's cues were read in the call's language, as here.
                let addressed = scan
                    .cues
                    .iter()
                    .any(|h| matches!(h.cue, Cue::Greeting | Cue::SignOff | Cue::Title) && h.last + 1 == i);
                if !addressed || g.is_stopword(lower) {
                    continue;
                }
            }
            let covered = chosen.iter().any(|c| c.start < end && start < c.end);
            if !covered {
                chosen.push(Candidate::new(PiiKind::Name, start, end, Strength::Context));
                added = true;
            }
        }
        if added {
            let merged = candidate::resolve(std::mem::take(chosen), &[]);
            *chosen = merge_adjacent_names(tokens, merged);
            slash_joined_names(tokens, chosen);
        }
        added
    }
}

/// "Esposito/Rinaldi" on a doorbell, "Smith/Jones" for a couple: the capitalised word after a
/// name and a slash is a name too.
pub(super) fn slash_joined_names(tokens: &Tokens<'_>, chosen: &mut [Candidate]) {
    let starts: Vec<usize> = chosen.iter().map(|c| c.start).collect();
    for c in chosen.iter_mut().filter(|c| c.kind == PiiKind::Name) {
        let last = tokens.index_at(c.end).saturating_sub(1);
        let joined = tokens.is_punct(last + 1, '/')
            && tokens.get(last + 1).is_some_and(|s| s.start == c.end)
            && tokens
                .get(last + 2)
                .is_some_and(|n| n.class == Class::Word && n.cap && !n.space_before);
        if joined
            && let Some(next) = tokens.get(last + 2)
            && !starts.iter().any(|&s| c.end < s && s < next.end)
        {
            c.end = next.end;
        }
    }
}

/// The length of an elided word before an apostrophe ("d'", "l'", "dell'"), 0 if none.
fn elision_len(lower: &str) -> usize {
    const ELIDED: &[&str] = &[
        "d", "l", "j", "qu", "n", "s", "c", "m", "t", "dell", "all", "dall", "nell", "sull",
    ];
    let Some((head, rest)) = lower.split_once(['\'', '’']) else {
        return 0;
    };
    if rest.is_empty() || !ELIDED.contains(&head) {
        return 0;
    }
    lower.len() - rest.len()
}

/// "Denise" "Albright" found apart become one "Denise Albright"; so do "Fleur" "Berg" around
/// their particles ("Fleur Van den Berg").
pub(super) fn merge_adjacent_names(tokens: &Tokens<'_>, chosen: Vec<Candidate>) -> Vec<Candidate> {
    let joins = |gap: &str| {
        gap.starts_with(char::is_whitespace)
            && gap.ends_with(char::is_whitespace)
            && gap
                .split_whitespace()
                .all(|w| crate::redact::names::is_name_particle(&w.to_lowercase()))
    };
    let mut out: Vec<Candidate> = Vec::with_capacity(chosen.len());
    for c in chosen {
        if let Some(prev) = out.last_mut()
            && prev.kind == PiiKind::Name
            && c.kind == PiiKind::Name
            && tokens.text.get(prev.end..c.start).is_some_and(joins)
        {
            prev.end = c.end;
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Names and their look-alikes: possessives, elisions, accents, ordinary words.
    #[rustfmt::skip]
    const NAME_WORDS: &[&str] = &[
        "Denise", "denise", "Albright", "ALBRIGHT", "Denise's", "d'Inès", "Inès", "Will", "will",
        "Price", "thanks", "Jordan", "jordan", "l'Albright", "O'Brien", "Ines",
    ];

    /// Name words among the gates' texts.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(NAME_WORDS).prop_map(str::to_owned),
            crate::redact::token::summary_texts(),
        ];
        proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.join(" "))
    }

    proptest! {
        /// The mentions found with the hash filter and the length gate in front are those
        /// found reading every word token in full.
        #[test]
        fn the_filter_rules_out_no_mention(
            names in proptest::collection::vec(
                prop::sample::select(vec!["Denise Albright", "Will Price", "Inès Dupont", "O'Brien", "Jordan"]),
                0..4,
            ),
            text in texts(),
        ) {
            let g = gazetteer::get();
            let mut known = KnownNames::default();
            for name in &names {
                known.add_text(g, name);
            }
            let scan = Scan::new(&text, None, Vec::new(), None);
            let (mut gated, mut walked) = (Vec::new(), Vec::new());
            let found = known.add_mentions(&scan, &mut gated);
            prop_assert_eq!(found, known.add_mentions_in(&scan, false, &mut walked));
            prop_assert_eq!(gated, walked);
        }
    }
}
