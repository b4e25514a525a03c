//! Which of two offered options was taken: "Wednesday 12 March at 10:40 or Friday 14 March at
//! 15:20?" "Wednesday please". A summary that books the Friday names a day the call holds, so
//! no figure check stops it; read against the offer and its answer, it names the option the
//! call turned down.

use super::claims::Claim;
use super::findings::{ErrorKind, Finding, finding};
use super::polarity::AlignedPart;
use super::words::is_weekday;
use crate::language::{Language, WordSpan};

/// "or", folded, in each served language (Dutch "of" is also "whether": an offer reads the
/// same).
fn is_or(language: Language, folded: &str) -> bool {
    let words: &[&str] = match language {
        Language::En => &["or"],
        Language::Es => &["o", "u"],
        Language::Fr | Language::Pt => &["ou"],
        Language::De => &["oder"],
        Language::It => &["o", "oppure"],
        Language::Nl => &["of"],
    };
    words.contains(&folded)
}

/// Utterances after the offer that may answer it: the customer's reply, or the agent's
/// confirmation after a question back.
const ANSWER_WITHIN: usize = 3;

/// Words before which a clause names what was not taken: "rather than", "instead of", "chose
/// X over Y", "au lieu de", "statt", "en lugar de", "invece di", "em vez de", "in plaats van".
#[rustfmt::skip]
const INSTEAD: &[&str] = &[
    "rather", "instead", "over", "lieu", "plutot", "statt", "anstatt", "anstelle", "lugar", "vez", "invece",
    "anziche", "piuttosto", "inves", "plaats", "liever",
];

/// Words of a clause that speaks of an option without saying it was taken: the other one
/// offered, turned down, or the alternative.
#[rustfmt::skip]
const NOT_TAKEN: &[&str] = &[
    "alternative", "alternativa", "alternatief", "alternatieve", "alternativ", "declined", "rejected",
    "refused", "abgelehnt", "lehnte", "rechazo", "refuse", "rifiutato", "recusou", "afgewezen",
    "wees", "otherwise", "sonst", "sino", "sinon", "altrimenti", "senao", "anders",
];

/// Words of possibility: "the customer can stay on Flex Standard" tells an option, not the
/// one taken.
#[rustfmt::skip]
const POSSIBLE: &[&str] = &[
    "can", "could", "may", "might", "option", "puede", "podria", "podia", "peut", "pourrait",
    "kann", "konnte", "konnen", "puo", "potrebbe", "pode", "poderia", "kan", "kon", "zou",
];

/// What tells one option from the other: a weekday, a number, a name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Day(String),
    Number(String),
    Name(String),
}

impl Key {
    fn strong(&self) -> bool {
        !matches!(self, Key::Number(_))
    }
}

/// An offer of two options and the one the call took.
#[derive(Debug)]
struct Choice {
    utterance: usize,
    taken: Vec<Key>,
    other: Vec<Key>,
    /// The offer's other content stems: a claim about the choice shares one ("review",
    /// "technieker", "tariff").
    context: Vec<String>,
}

/// The call's offers of two options that one answer settled.
pub(super) struct Choices {
    language: Language,
    choices: Vec<Choice>,
}

/// The weekday a word is or starts ("Donderdagvoormiddag" is Thursday).
fn weekday(folded: &str) -> Option<String> {
    if is_weekday(folded) {
        return Some(folded.trim_end_matches('s').to_owned());
    }
    (6..folded.len())
        .filter(|&n| folded.is_char_boundary(n))
        .map(|n| &folded[..n])
        .find(|head| is_weekday(head))
        .map(str::to_owned)
}

/// The keys of `words`: weekdays, digit groups ("10:40", "7h45" and "10.40" are 10 and 40),
/// and (outside German, which capitalises every noun) capitalised words inside a sentence.
fn keys(words: &[WordSpan], language: Language) -> Vec<Key> {
    let mut out = Vec::new();
    for w in words {
        let folded = w.folded.as_str();
        if let Some(day) = weekday(folded) {
            out.push(Key::Day(day));
        } else if folded.bytes().any(|b| b.is_ascii_digit()) {
            out.extend(
                folded
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|g| !g.is_empty())
                    .map(|g| Key::Number(g.trim_start_matches('0').to_owned()))
                    .filter(|k| k != &Key::Number(String::new())),
            );
        } else if language != Language::De
            && w.capitalised
            && !w.sentence_start
            && folded.chars().count() >= 3
            && !language.is_stopword(folded)
            && super::text::month(folded, false).is_none()
        {
            out.push(Key::Name(folded.to_owned()));
        }
    }
    out
}

/// Whether words whose keys are `said` (their words `words`) mention `key`. A name in a reply
/// may be typed in lowercase ("the fixed saver sounds good"); a summary writes it capitalised
/// ("the customer's identity" names no "Verify Identity" link).
fn mentions(words: &[WordSpan], said: &[Key], key: &Key, any_case: bool) -> bool {
    match key {
        Key::Name(name) => words
            .iter()
            .any(|w| w.folded.as_str() == name && (any_case || w.capitalised)),
        _ => said.contains(key),
    }
}

fn distinct(of: &[Key], against: &[Key]) -> Vec<Key> {
    let mut out: Vec<Key> = of.iter().filter(|k| !against.contains(k)).cloned().collect();
    out.dedup();
    out
}

/// Where the sentence holding word `at` starts and ends.
fn sentence_of(words: &[WordSpan], at: usize) -> (usize, usize) {
    let start = (0..=at).rev().find(|&i| words[i].sentence_start).unwrap_or(0);
    let end = (at + 1..words.len())
        .find(|&i| words[i].sentence_start)
        .unwrap_or(words.len());
    (start, end)
}

impl Choices {
    pub(super) fn build(spans: &[Vec<WordSpan>], language: Language) -> Self {
        let mut choices = Vec::new();
        for (u, words) in spans.iter().enumerate() {
            let Some(or) = words.iter().position(|w| is_or(language, &w.folded)) else {
                continue;
            };
            let (start, end) = sentence_of(words, or);
            let (Some(before), Some(after), Some(sentence)) = (
                words.get(start..or),
                words.get(or + 1..end),
                words.get(start..end),
            ) else {
                continue;
            };
            let (left, right) = (keys(before, language), keys(after, language));
            let (left_only, right_only) = (distinct(&left, &right), distinct(&right, &left));
            if !left_only.iter().any(Key::strong) || !right_only.iter().any(Key::strong) {
                continue;
            }
            let answer = spans.iter().skip(u + 1).take(ANSWER_WITHIN).find_map(|reply| {
                let said = keys(reply, language);
                let names = |side: &[Key]| side.iter().any(|k| k.strong() && mentions(reply, &said, k, true));
                let (a, b) = (names(&left_only), names(&right_only));
                match (a, b) {
                    (true, false) => Some(true),
                    (false, true) => Some(false),
                    _ => None,
                }
            });
            let Some(took_left) = answer else {
                continue;
            };
            let context = sentence
                .iter()
                .filter(|w| super::evidence::is_content(language, &w.folded))
                .filter(|w| weekday(&w.folded).is_none() && !w.folded.bytes().any(|b| b.is_ascii_digit()))
                .map(|w| language.stem(&w.folded).into_owned())
                .collect();
            let (taken, other) = if took_left {
                (left_only, right_only)
            } else {
                (right_only, left_only)
            };
            choices.push(Choice {
                utterance: u,
                taken,
                other,
                context,
            });
        }
        Self { language, choices }
    }

    /// A part of the claim that takes the option the call turned down. `parts`: the claim's
    /// parts as [`super::polarity::aligned_parts`] read them (none: the claim is one part).
    pub(super) fn check(&self, claim: &Claim, parts: &[AlignedPart]) -> Vec<Finding> {
        if self.choices.is_empty() {
            return Vec::new();
        }
        let language = self.language;
        let whole = std::iter::once(claim).filter(|_| parts.is_empty());
        for part in parts.iter().map(|(part, _)| part).chain(whole) {
            // What follows "rather than" is the option not taken.
            let end = part
                .words
                .iter()
                .position(|w| INSTEAD.contains(&w.folded.as_str()))
                .unwrap_or(part.words.len());
            let words = part.words.get(..end).unwrap_or_default();
            // "..., or you can stay on Flex Standard" reports the offer itself.
            let speaks_of_other = words.iter().any(|w| {
                NOT_TAKEN.contains(&w.folded.as_str())
                    || POSSIBLE.contains(&w.folded.as_str())
                    || is_or(language, &w.folded)
                    || super::attribution::raising(language, &w.folded)
            });
            if speaks_of_other || !part.negated.is_empty() {
                continue;
            }
            let said = keys(words, language);
            for choice in &self.choices {
                let names_other = choice
                    .other
                    .iter()
                    .any(|k| k.strong() && mentions(words, &said, k, false));
                let names_taken = choice.taken.iter().any(|k| mentions(words, &said, k, true));
                let about = part.stems.iter().any(|s| choice.context.contains(s));
                if names_other && !names_taken && about {
                    let other: Vec<&str> = words
                        .iter()
                        .filter(|w| {
                            let one = std::slice::from_ref(*w);
                            let its = keys(one, language);
                            choice.other.iter().any(|k| mentions(one, &its, k, false))
                        })
                        .map(|w| part.text.get(w.start..w.end).unwrap_or_default())
                        .collect();
                    let kind = if choice.other.iter().any(|k| matches!(k, Key::Name(_))) {
                        ErrorKind::Entity
                    } else {
                        ErrorKind::Date
                    };
                    return vec![finding(
                        kind,
                        claim,
                        format!("the call took the other option, not {:?}", other.join(" ")),
                        vec![choice.utterance],
                    )];
                }
            }
        }
        Vec::new()
    }
}
