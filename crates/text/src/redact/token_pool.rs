//! The buffers of tokenised texts, kept for the next texts: a call's texts are tokenised one
//! after another (and again for its summaries), so a text takes the lowercase copy and token
//! vector another text let go of instead of allocating two and freeing them after.

use std::cell::RefCell;

use super::Token;

/// Buffers kept at most, about a call's worth: a whole call's scans are alive at once.
const KEEP: usize = 1024;
/// Buffers of longer texts are let go (a long email is no reason to keep memory): at most
/// ~11 KB a pair, ~0.6 KB for a typical utterance.
const LONGEST_TEXT: usize = 1024;
const MOST_TOKENS: usize = 256;

thread_local! {
    static POOL: RefCell<Vec<(String, Vec<Token>)>> = const { RefCell::new(Vec::new()) };
}

/// An empty lowercase buffer and token vector, kept ones when there are.
#[inline]
pub(super) fn take() -> (String, Vec<Token>) {
    POOL.try_with(|pool| pool.try_borrow_mut().ok().and_then(|mut pool| pool.pop()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Keeps `lower` and `toks` for a later text, emptied.
#[inline]
pub(super) fn give_back(mut lower: String, mut toks: Vec<Token>) {
    let worth = lower.capacity() > 0 || toks.capacity() > 0;
    if !worth || lower.capacity() > LONGEST_TEXT || toks.capacity() > MOST_TOKENS {
        return;
    }
    lower.clear();
    toks.clear();
    // Not kept when the pool is full, in use or gone (the thread ending).
    let _ = POOL.try_with(|pool| {
        if let Ok(mut pool) = pool.try_borrow_mut()
            && pool.len() < KEEP
        {
            pool.push((lower, toks));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::Tokens;

    proptest::proptest! {
        /// Texts tokenised into kept buffers (other texts', emptied) have the tokens and
        /// lowercase copy they have in fresh ones.
        #[test]
        fn kept_buffers_tokenise_as_fresh_ones(
            texts in proptest::collection::vec(super::super::summary_texts(), 1..12),
        ) {
            let fresh: Vec<(String, Vec<super::Token>)> = texts
                .iter()
                .map(|text| {
                    // The general path, with buffers of its own.
                    let lower = text.to_ascii_lowercase();
                    let tokens = Tokens::any(text, lower.clone(), true);
                    (lower, tokens.toks.clone())
                })
                .collect();
            for _ in 0..2 {
                // All alive at once, as a call's scans are, then let go together.
                let all: Vec<Tokens<'_>> = texts.iter().rev().map(|text| Tokens::new(text)).collect();
                for (tokens, (lower, toks)) in all.iter().rev().zip(&fresh) {
                    proptest::prop_assert_eq!(tokens.lower_text(), lower.as_str());
                    proptest::prop_assert_eq!(&tokens.toks, toks);
                    proptest::prop_assert_eq!(tokens.lower_text().len(), tokens.text.len());
                }
            }
        }
    }
}
