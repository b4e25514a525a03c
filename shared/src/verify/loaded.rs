//! Loaded or biased language: judgemental words about the customer or the agent that have no
//! place in a professional summary. A short list on purpose; it flags for review, it does not
//! censor.

use super::text;

/// Words and phrases, lowercase, matched on whole words.
const LOADED: &[&str] = &[
    "rude",
    "stupid",
    "idiot",
    "idiotic",
    "moron",
    "dumb",
    "lazy",
    "hysterical",
    "liar",
    "lied",
    "clearly lying",
    "lying to",
    "aggressive",
    "hostile",
    "incompetent",
    "clueless",
    "obviously",
    "irrational",
    "crazy",
    "insane",
    "ignorant",
    "pathetic",
    "whining",
    "whiny",
    "nagging",
    "shrill",
    "bossy",
    "feisty",
    "overreacting",
    "overreacted",
    "difficult customer",
    "problem customer",
    "troublemaker",
];

/// The distinct loaded terms in `texts`, in lexicon form and first-seen order.
pub(super) fn loaded_terms<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for field in texts {
        let lower = field.to_lowercase();
        let tokens: Vec<&str> = text::words(&lower).iter().map(|w| w.text(&lower)).collect();
        for i in 0..tokens.len() {
            for term in LOADED {
                let matches = term
                    .split(' ')
                    .enumerate()
                    .all(|(k, part)| tokens.get(i + k) == Some(&part));
                if matches && !found.iter().any(|f| f == term) {
                    found.push((*term).to_owned());
                }
            }
        }
    }
    found
}
