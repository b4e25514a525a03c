//! Finds product mentions in transcript text: one Aho-Corasick automaton over every normalised
//! surface form, leftmost-longest, then whole-word and suffix checks on the normalised text.

use std::cell::RefCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::CatalogError;
use super::model::ProductCatalog;
use super::normalize::{Normalized, is_word_char, word_at, word_before};

/// One product mention in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`ProductCatalog::products`].
    pub product: usize,
    /// Byte offset in the original text where the mention starts.
    pub start: usize,
    /// Byte offset in the original text where it ends, including a plural or possessive suffix.
    pub end: usize,
}

/// What may follow a form before the word boundary, longest first so the mention's end
/// includes it: possessive, plural possessive, plurals, nothing. Curly apostrophes are ASCII
/// after normalisation.
const SUFFIXES: [&[u8]; 5] = [b"'s", b"s'", b"es", b"s", b""];

/// Up to this many surface forms the automaton is a DFA (about 10 MB at most).
const DFA_MAX_FORMS: usize = 10_000;

/// The product mention matcher. Build it once (per Lambda sandbox) and share it: it is
/// `Send + Sync`, and matching needs no lock.
#[derive(Debug)]
pub struct MentionMatcher {
    automaton: AhoCorasick,
    /// Indexed by the automaton's pattern id.
    patterns: Vec<Pattern>,
}

#[derive(Debug)]
struct Pattern {
    product: usize,
    len: usize,
    /// A form starting (ending) with a letter or digit must not continue a word on that side.
    word_start: bool,
    word_end: bool,
    /// Patterns that are proper prefixes of this one, longest first: the fallbacks when this
    /// one matches but fails the boundary check ("acme router" inside "acme router profile").
    shorter: Vec<usize>,
}

thread_local! {
    /// The normalisation buffer, reused across calls so counting allocates nothing per text.
    static SCRATCH: RefCell<Normalized> = RefCell::new(Normalized::default());
}

impl MentionMatcher {
    pub fn new(catalog: &ProductCatalog) -> Result<Self, CatalogError> {
        let forms: Vec<(&str, usize)> = (0..catalog.len())
            .flat_map(|product| catalog.forms(product).iter().map(move |f| (f.as_str(), product)))
            .collect();
        // A DFA scans ~1.4x faster than the default NFA for a few thousand forms, for about
        // 1 KB per form; past DFA_MAX_FORMS (or if it cannot be built) the NFA is leaner.
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(kind)
                .build(forms.iter().map(|(form, _)| form))
        };
        let dfa = (forms.len() <= DFA_MAX_FORMS).then(|| build(Some(AhoCorasickKind::DFA)).ok());
        let automaton = match dfa.flatten() {
            Some(dfa) => dfa,
            None => build(None).map_err(|err| CatalogError::Matcher {
                reason: err.to_string(),
            })?,
        };
        let by_form: HashMap<&str, usize> = forms.iter().enumerate().map(|(id, (f, _))| (*f, id)).collect();
        let patterns = forms
            .iter()
            .map(|&(form, product)| Pattern {
                product,
                len: form.len(),
                word_start: form.chars().next().is_some_and(is_word_char),
                word_end: form.chars().next_back().is_some_and(is_word_char),
                shorter: (1..form.len())
                    .rev()
                    .filter_map(|end| by_form.get(form.get(..end)?).copied())
                    .collect(),
            })
            .collect();
        Ok(Self { automaton, patterns })
    }

    /// Every mention in `text`, non-overlapping, in text order.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut mentions = Vec::new();
        self.scan(text, |mention| mentions.push(mention));
        mentions
    }

    /// Adds one to `counts[product]` per mention in `text`. `counts` should have one slot per
    /// catalog product; mentions of products beyond its length are not counted.
    pub fn count_into(&self, text: &str, counts: &mut [u32]) {
        self.scan(text, |mention| {
            if let Some(count) = counts.get_mut(mention.product) {
                *count = count.saturating_add(1);
            }
        });
    }

    fn scan(&self, text: &str, mut on_mention: impl FnMut(Mention)) {
        if text.is_empty() {
            return;
        }
        let reused = SCRATCH.try_with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                self.scan_with(text, &mut scratch, &mut on_mention);
                true
            }
            Err(_) => false,
        });
        // Only during thread teardown or a re-entrant call: fall back to a fresh buffer.
        if !reused.unwrap_or(false) {
            self.scan_with(text, &mut Normalized::default(), &mut on_mention);
        }
    }

    fn scan_with(&self, text: &str, scratch: &mut Normalized, on_mention: &mut impl FnMut(Mention)) {
        scratch.normalize(text);
        let haystack = scratch.bytes();
        let mut at = 0;
        while at < haystack.len() {
            let Some(found) = self.automaton.find(Input::new(haystack).span(at..haystack.len())) else {
                break;
            };
            let start = found.start();
            match self.accept(haystack, start, found.pattern().as_usize()) {
                Some((product, end)) => {
                    on_mention(Mention {
                        product,
                        start: scratch.original_start(start),
                        end: scratch.original_end(end, text),
                    });
                    at = end;
                }
                // No form fits at `start`; one starting later may (leftmost-longest restarts).
                None => at = start + 1,
            }
        }
    }

    /// The longest pattern at `start` (the automaton's, else one of its prefixes) that is a
    /// whole word, possibly with a suffix: `(product, normalised end)`.
    fn accept(&self, haystack: &[u8], start: usize, longest: usize) -> Option<(usize, usize)> {
        let pattern = self.patterns.get(longest)?;
        // Every candidate starts with the same character, so one start check covers them all.
        if pattern.word_start && word_before(haystack, start) {
            return None;
        }
        std::iter::once(longest)
            .chain(pattern.shorter.iter().copied())
            .find_map(|id| {
                let candidate = self.patterns.get(id)?;
                let end = suffixed_end(haystack, start + candidate.len, candidate.word_end)?;
                Some((candidate.product, end))
            })
    }
}

/// Where a form ending at `end` ends as a whole word, with the longest allowed suffix; `None`
/// when a word continues there ("acme router" in "acme routerpro").
fn suffixed_end(haystack: &[u8], end: usize, word_end: bool) -> Option<usize> {
    if !word_end {
        return Some(end);
    }
    let rest = haystack.get(end..)?;
    SUFFIXES
        .iter()
        .filter(|suffix| rest.starts_with(suffix))
        .map(|suffix| end + suffix.len())
        .find(|&with_suffix| !word_at(haystack, with_suffix))
}
