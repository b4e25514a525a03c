//! What a negation reaches, and the other ways a sentence says "not": chat spellings without
//! the apostrophe ("dont"), "without" and its kin (which negate only the noun after them),
//! words that are negations themselves ("unnecessary", "inutile"), a negation that ends its
//! clause ("which you're not") and so negates the one before, a negated need that denies its
//! whole complement, and restrictive "only". (Questions written without their mark are read in
//! `language::interrogative`.)

use crate::language::{Language, WordSpan, listed};

use super::cue_bits::{self, BARE, CueBits, NEGATIVE, negates_as_spelled};

use super::words::is_content;

/// Words a negation reaches after it (and in German and Dutch before it).
const REACH: usize = 4;

/// "without" and its kin: a preposition that negates the noun phrase after it, not the clause
/// ("los días sin servicio en la próxima factura" does not deny the bill).
#[rustfmt::skip]
const WITHOUT: &[&str] = &["without", "sin", "sans", "ohne", "senza", "sem", "zonder"];

/// "and", "or": a German or Dutch negation reaches back within its own half of a coordination
/// only ("blinkt rot und ich habe kein Internet" does not deny the blinking).
#[rustfmt::skip]
const COORDINATORS: &[&str] = &["und", "oder", "sowie", "en", "of"];

/// Restrictive words: "only X" also says "not the others".
#[rustfmt::skip]
const ONLY: &[&str] = &[
    "only", "solo", "solamente", "unicamente", "seulement", "uniquement", "nur", "soltanto", "so",
    "somente", "apenas", "alleen", "enkel", "slechts",
];

/// Words of need and obligation: a negation that reaches one ("no hace falta que la embales en
/// la caja original", "não precisa estar na embalagem original", "without the need to") denies
/// the whole complement after it, however far into the clause it goes.
#[rustfmt::skip]
const NEED: &[&str] = &[
    "need", "needs", "needed", "necessary", "required", "falta", "necesario", "necesaria",
    "necesidad", "besoin", "necessaire", "obligatoire", "notig", "notwendig", "erforderlich",
    "brauchen", "braucht", "bisogno", "necessario", "necessaria", "necessita", "obbligatorio",
    "precisa", "precisam", "preciso", "precisar", "necessidade", "obrigatorio", "nodig", "hoeft",
    "hoeven", "noodzakelijk", "verplicht",
];

/// How far past a need word a negation reaches, within its clause.
const NEED_REACH: usize = 8;

/// Conjunctions that turn a sentence around: a negation before them does not reach past.
#[rustfmt::skip]
const CONTRASTS: &[&str] = &[
    "but", "although", "though", "however", "pero", "aunque", "sino", "mais", "cependant", "aber",
    "jedoch", "sondern", "ma", "tuttavia", "mas", "porem", "embora", "maar", "hoewel",
];

/// Negations that are determiners: they deny the noun of the phrase they open, not the words
/// that qualify it ("there's no early upgrade fee" denies a fee, not an upgrade).
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "kein", "keine", "keinen", "keinem", "keiner", "keines", "geen", "aucun", "aucune", "ningun",
    "ninguna", "ninguno", "nessun", "nessuna", "nessuno", "nenhum", "nenhuma",
];

/// Whether `folded` is a negation that opens a noun phrase; English "no" is one, Spanish "no"
/// negates a verb ("no hay").
fn is_determiner(language: Language, folded: &str) -> bool {
    DETERMINERS.contains(&folded) || (folded == "no" && language == Language::En)
}

/// The run of content words right after determiner `at` is one noun phrase: only its last word,
/// the noun, is denied. Words past the run keep their reach.
fn unreach_modifiers(language: Language, words: &[WordSpan], at: usize, reach: &mut Reach) {
    let run = words
        .iter()
        .skip(at + 1)
        .enumerate()
        .take_while(|(k, w)| {
            reach.get(at + 1 + k).copied().unwrap_or(false) && is_content(language, &w.folded)
        })
        .count();
    for k in at + 1..at + run {
        if let Some(r) = reach.get_mut(k) {
            *r = false;
        }
    }
}

/// Whether the folded word restricts what it qualifies ("only", "nur", "apenas").
pub(super) fn is_restrictive(language: Language, folded: &str) -> bool {
    // Portuguese "só"; "so" is an English and German word of its own.
    ONLY.contains(&folded) && (folded != "so" || language == Language::Pt)
}

/// Whether the word at `i` negates: a negation or a refusal of the language, other than the
/// polite "no problem" kind, a chat spelling, or a word that is a negation itself.
fn negates(language: Language, words: &[WordSpan], i: usize) -> bool {
    let Some(w) = words.get(i) else {
        return false;
    };
    let word = w.folded.as_str();
    let kind = language.negation_kind(word);
    (kind.negation && !polite(words, i)) || kind.refusal || negates_as_spelled(language, word)
}

/// [`negates`], from the cue bits of `words`.
fn negates_by_bits(words: &[WordSpan], bits: &[CueBits], i: usize) -> bool {
    bits.get(i)
        .is_some_and(|b| (b.has(cue_bits::NEGATION) && !polite(words, i)) || b.has(cue_bits::NEGATES_ITSELF))
}

/// A negation at `i` that negates nothing: "no problem", "no claims bonus".
fn polite(words: &[WordSpan], i: usize) -> bool {
    courtesy(words.get(i + 1).map(|n| n.folded.as_str())) || no_claims_bonus(words, i)
}

/// Which words of a text a negation reaches, in place for a sentence's worth of words: this
/// runs for every sentence of a call.
pub(super) type Reach = smallvec::SmallVec<[bool; 32]>;

/// Words a negation or a refusal reaches, within its clause (a comma or a "but" ends it):
/// the four words after it, where Romance languages and English put what they negate, and in
/// German and Dutch also the four before ("habe die Rechnung nicht bekommen"); past a word of
/// need, eight more ("no hace falta que la embales en la caja original"). "Without" reaches the
/// noun after it only, or past a need ("without the need to ..."). A negation with nothing to
/// negate after it in its clause
/// ("an eyesight report if you're over seventy, which you're not") negates the words before
/// it, across one clause.
pub(super) fn negation_reach(text: &str, language: Language, words: &[WordSpan]) -> Reach {
    reach_of(text, language, words, |i| negates(language, words, i))
}

/// [`negation_reach`], with the cue bits of `words`.
pub(super) fn negation_reach_by_bits(
    text: &str,
    language: Language,
    words: &[WordSpan],
    bits: &[CueBits],
) -> Reach {
    reach_of(text, language, words, |i| negates_by_bits(words, bits, i))
}

fn reach_of(text: &str, language: Language, words: &[WordSpan], negates: impl Fn(usize) -> bool) -> Reach {
    // A clause starts at a word after a comma or semicolon, or at a contrastive conjunction.
    let starts_clause = |i: usize| -> bool {
        i > 0
            && i < words.len()
            && (text
                .get(words[i - 1].end..words[i].start)
                .is_some_and(|gap| gap.contains([',', ';', '(']))
                || CONTRASTS.contains(&words[i].folded.as_str()))
    };
    let backwards = matches!(language, Language::De | Language::Nl);
    let mut reach = Reach::from_elem(false, words.len());
    let mut first_negation = None;
    for i in 0..words.len() {
        if !negates(i) {
            continue;
        }
        first_negation.get_or_insert(i);
        reach[i] = true;
        let without = WITHOUT.contains(&words[i].folded.as_str());
        let mut negated_after = false;
        let mut end = i + 1 + REACH;
        if NEGATIVE.contains(&words[i].folded.as_str()) {
            end = i + 1 + NEED_REACH;
        }
        // "without the need to ...": "without" then reaches on like any negation.
        let mut needed = false;
        let mut k = i + 1;
        while k < end.min(words.len()) && !starts_clause(k) {
            reach[k] = true;
            if listed(NEED, &words[k].folded) {
                needed = true;
                end = end.max(k + 1 + NEED_REACH);
            }
            if is_content(language, &words[k].folded) {
                negated_after = true;
                if without && !needed {
                    break;
                }
            }
            k += 1;
        }
        if without {
            continue;
        }
        // "no longer" is an adverb: it denies what follows, "longer" with it.
        if is_determiner(language, &words[i].folded) && words.get(i + 1).is_none_or(|w| w.folded != "longer")
        {
            unreach_modifiers(language, words, i, &mut reach);
        }
        // "which you're not": an English verb negation with nothing after it in its clause.
        let last_of_clause = i + 1 == words.len() || starts_clause(i + 1);
        let elliptical = language == Language::En
            && last_of_clause
            && i > 0
            && !negated_after
            && (words[i].folded == "not"
                || words[i].folded.ends_with("n't")
                || BARE.contains(&words[i].folded.as_str()));
        if backwards || elliptical {
            // An elliptical negation crosses into the clause before it, once.
            let mut crossings = usize::from(elliptical);
            for k in (i.saturating_sub(REACH)..i).rev() {
                if backwards && !elliptical && COORDINATORS.contains(&words[k].folded.as_str()) {
                    break;
                }
                reach[k] = true;
                if starts_clause(k) {
                    if crossings == 0 {
                        break;
                    }
                    crossings -= 1;
                }
            }
        }
    }
    // "It hasn't been taken from your card yet": "yet" closes its negation's clause however far
    // from it (a negation earlier in the clause is one whose reach starts a run up to "yet").
    if let Some(first) = first_negation {
        for k in first + 1..words.len() {
            if words[k].folded == "yet" && !reach[k] {
                let denied = (first..k)
                    .rev()
                    .take_while(|&p| !starts_clause(p + 1))
                    .any(|p| reach[p] && negates(p));
                reach[k] = denied;
            }
        }
    }
    reach
}

/// "No claims bonus", "no claim discount": the name of an insurance discount, no negation.
fn no_claims_bonus(words: &[WordSpan], i: usize) -> bool {
    let at = |k: usize| words.get(k).map_or("", |w| w.folded.as_str());
    at(i) == "no" && matches!(at(i + 1), "claims" | "claim") && matches!(at(i + 2), "bonus" | "discount")
}

/// "no problem", "no worries", "de nada", "kein Problem": negations that negate nothing.
fn courtesy(next: Option<&str>) -> bool {
    next.is_some_and(|n| {
        matches!(
            n,
            "problem" | "worries" | "probleme" | "problema" | "problemo" | "nada" | "hay" | "te" | "doubt"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::words;

    fn negated(text: &str, language: Language) -> Vec<String> {
        let spans = words(text, language);
        negation_reach(text, language, &spans)
            .into_iter()
            .zip(&spans)
            .filter(|(r, _)| *r)
            .map(|(_, w)| w.folded.to_string())
            .collect()
    }

    #[test]
    fn without_negates_the_noun_after_it_only() {
        let es = negated(
            "bonificar los días sin servicio en la próxima factura",
            Language::Es,
        );
        assert_eq!(es, vec!["sin", "servicio"]);
        let nl = negated(
            "voor de dagen zonder internet krijgt u een compensatie",
            Language::Nl,
        );
        assert_eq!(nl, vec!["zonder", "internet"]);
        assert!(negated("the card was not charged", Language::En).contains(&"charged".to_owned()));
    }

    #[test]
    fn a_negation_ending_its_clause_negates_the_one_before() {
        let en = negated(
            "an eyesight report if you're over seventy, which you're not, so no bother",
            Language::En,
        );
        assert!(en.contains(&"seventy".to_owned()), "{en:?}");
        assert!(!en.contains(&"eyesight".to_owned()), "{en:?}");
        let en = negated("no, I paid it yesterday", Language::En);
        assert_eq!(en, vec!["no"]);
        let en = negated(
            "a payment at JB Hi-Fi online which definitely wasn't me",
            Language::En,
        );
        assert_eq!(en, vec!["wasn't", "me"]);
        let en = negated(
            "the call-out cost £185.00 (invoice attached, no. DR/55821)",
            Language::En,
        );
        assert!(!en.contains(&"cost".to_owned()), "{en:?}");
    }

    #[test]
    fn a_german_or_dutch_negation_reaches_back_within_its_half_of_an_and() {
        let de = negated("das Licht blinkt rot und ich habe kein Internet", Language::De);
        assert!(!de.contains(&"blinkt".to_owned()), "{de:?}");
        assert!(de.contains(&"internet".to_owned()), "{de:?}");
        let nl = negated("de lamp knippert rood en ik heb geen internet", Language::Nl);
        assert!(!nl.contains(&"knippert".to_owned()), "{nl:?}");
        assert!(
            negated("ich möchte das ungern verschenken", Language::De).contains(&"verschenken".to_owned())
        );
    }

    #[test]
    fn chat_spellings_and_negative_words_negate() {
        assert!(negated("i dont trust it to arrive", Language::En).contains(&"trust".to_owned()));
        assert!(negated("inutile pour un sinistre ménage", Language::Fr).contains(&"sinistre".to_owned()));
        assert!(
            negated("the form is unnecessary for renewals", Language::En).contains(&"renewals".to_owned())
        );
        assert!(negated("dont worry", Language::Es).is_empty());
    }

    #[test]
    fn only_is_restrictive() {
        assert!(is_restrictive(Language::En, "only"));
        assert!(is_restrictive(Language::Pt, "so"));
        assert!(!is_restrictive(Language::En, "so"));
    }
}
