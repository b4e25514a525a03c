//! Word predicates every check shares: content words, the words that frame a summary, weekdays.

use crate::language::Language;

/// Passive auxiliaries: "was told", "fue informado", "wurde informiert".
pub(super) const PASSIVE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "fue", "fueron", "ete", "wurde", "wurden", "stato", "stata",
    "foi", "foram", "werd", "werden",
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
