//! Word predicates every check shares: content words, the words that frame a summary, weekdays.

use super::cue_bits::{self, CueBits};
use crate::language::{Language, WordSpan};

/// Passive auxiliaries: "was told", "fue informado", "wurde informiert"; and the forms of "to
/// be" the stopword lists leave out ("sendo necessária", "siendo necesario").
pub(super) const PASSIVE: &[&str] = &[
    "was", "were", "be", "been", "being", "is", "are", "fue", "fueron", "ete", "wurde", "wurden", "stato",
    "stata", "foi", "foram", "werd", "werden", "sendo", "siendo", "sido",
];

/// A word that says what a text is about: letters, at least three of them, not a function word.
pub(super) fn is_content(language: Language, folded: &str) -> bool {
    // Elided articles split off a word ("dell'", "qu'") are function words.
    !folded.ends_with(['\'', '’'])
        && folded.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !folded.chars().any(|c| c.is_ascii_digit())
        && !language.is_stopword(folded)
        && !language.is_negation(folded)
}

/// Words that frame a summary rather than say what happened: the parties (also as
/// possessives, "customer's"), the verbs that report ("asked", "said") and passive auxiliaries.
pub(super) fn is_framing(language: Language, folded: &str) -> bool {
    let cues = language.cues();
    let word = folded
        .strip_suffix("'s")
        .or_else(|| {
            folded
                .strip_suffix('s')
                .filter(|_| language == Language::En && folded.ends_with("ers"))
        })
        .unwrap_or(folded);
    cues.customer.contains(&word)
        || cues.agent.contains(&word)
        || cues.acts.contains(&word)
        || PASSIVE.contains(&word)
}

/// Weekdays in the served languages, folded.
pub(super) fn is_weekday(folded: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lunes",
        "martes",
        "miercoles",
        "jueves",
        "viernes",
        "sabado",
        "domingo",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lunedi",
        "martedi",
        "mercoledi",
        "giovedi",
        "venerdi",
        "domenica",
        "segunda",
        "terca",
        "quarta",
        "quinta",
        "sexta",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    DAYS.contains(&folded.strip_suffix('s').unwrap_or(folded)) || DAYS.contains(&folded)
}

/// Words of one language that say the same thing, so that a summary's word meets the call's:
/// "sendo necessária a embalagem original" against "não precisa estar na embalagem original".
/// Only words that mean the same in every use are grouped (not "serve", "hace falta").
#[rustfmt::skip]
const SAME: &[(Language, &[&str])] = &[
    (Language::En, &["need", "needed", "needs", "necessary", "required", "require", "requires"]),
    (Language::Es, &["necesita", "necesitan", "necesitas", "necesario", "necesaria", "necesarios", "necesarias", "requiere", "requerido", "requerida"]),
    (Language::Fr, &["besoin", "necessaire", "necessaires", "requis", "requise"]),
    (Language::De, &["brauchen", "braucht", "brauche", "notig", "notwendig", "erforderlich"]),
    (Language::It, &["necessario", "necessaria", "necessari", "necessarie", "bisogno", "richiesto", "richiesta"]),
    (Language::Pt, &["precisa", "precisam", "precisar", "necessario", "necessaria", "necessarios", "necessarias"]),
    (Language::Nl, &["nodig", "noodzakelijk", "vereist"]),
];

/// The stems `folded` also answers to: those of the words [`SAME`] groups with it in
/// `language`, other than its own stem. Most words are in no group: they are told by the
/// lookup alone, without stemming.
pub(super) fn same_as(language: Language, folded: &str) -> Vec<String> {
    let Some((_, words)) = SAME
        .iter()
        .find(|(l, words)| *l == language && words.contains(&folded))
    else {
        return Vec::new();
    };
    let own = language.stem(folded);
    words
        .iter()
        .map(|w| language.stem(w).into_owned())
        .filter(|stem| *stem != own)
        .collect()
}

/// "unless" and its kin, as folded word sequences.
#[rustfmt::skip]
const UNLESS: &[&[&str]] = &[
    &["unless"], &["a", "menos", "que"], &["salvo", "que"], &["a", "moins", "que"], &["sauf", "si"],
    &["es", "sei", "denn"], &["ausser", "wenn"], &["a", "meno", "che"], &["salvo", "che"],
    &["a", "nao", "ser", "que"], &["salvo", "se"], &["tenzij"], &["behalve", "als"],
];

/// "then" of a conclusion, per language.
fn then_word(language: Language, folded: &str) -> bool {
    let word = match language {
        Language::En => "then",
        Language::Es => "entonces",
        Language::Fr => "alors",
        Language::De => "dann",
        Language::It => "allora",
        Language::Pt => "entao",
        Language::Nl => "dan",
    };
    folded == word
}

/// Whether the words state something under an exception.
pub(super) fn says_unless(words: &[WordSpan]) -> bool {
    unless_at(words, |_| true)
}

/// [`says_unless`], with the cue bits of `words`: only where a word opens one of the phrases.
pub(super) fn says_unless_by_bits(words: &[WordSpan], bits: &[CueBits]) -> bool {
    unless_at(words, |i| {
        bits.get(i).is_some_and(|b| b.has(cue_bits::UNLESS_OPENS))
    })
}

/// Whether a folded word is the first word of an "unless" phrase.
pub(super) fn opens_unless(folded: &str) -> bool {
    UNLESS.iter().any(|phrase| phrase.first() == Some(&folded))
}

fn unless_at(words: &[WordSpan], may_open: impl Fn(usize) -> bool) -> bool {
    (0..words.len()).filter(|i| may_open(*i)).any(|i| {
        UNLESS.iter().any(|phrase| {
            phrase
                .iter()
                .enumerate()
                .all(|(k, p)| words.get(i + k).is_some_and(|w| w.folded.as_str() == *p))
        })
    })
}

/// Whether the words draw a conclusion ("then ...") in their first few words.
pub(super) fn concludes(language: Language, words: &[WordSpan]) -> bool {
    const OPENING: usize = 3;
    words.iter().take(OPENING).any(|w| then_word(language, &w.folded))
}
