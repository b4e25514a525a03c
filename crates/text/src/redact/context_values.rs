//! The checks on a value found after its cue or in an answer: shapes of passports, PIN digits
//! given apart, and what a value is not (a date, a year alone, a duration, a reference).

use super::super::PiiKind;
use super::super::candidate::Candidate;
use super::super::gazetteer;
use super::super::lexicon::{self, Cue, Slot};
use super::super::numbers;
use super::super::scan::Scan;
use super::super::token::{Class, Tokens};
use super::codes::code_run;
use super::{ANSWER_WINDOW, Parsed, candidate};
use crate::word_hash::WordSet;
use std::sync::LazyLock;

/// A passport number as most countries print it: eight or nine capitals and digits, starting
/// with a letter, at least four digits ("PX4471926", "G41773092", "NU7F2K9L4").
pub(super) fn passport_shaped(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    (8..=9).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && digits >= 4
}

/// Digits of a PIN given apart, answering for some of them: "8 and 3", "the first is 4, the
/// third 9", "cinco y dos".
pub(super) fn pin_digits(scan: &Scan<'_>, from: usize) -> Option<(usize, usize)> {
    let tokens = &scan.tokens;
    let digit_at = |k: usize| {
        let written = tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Number && t.len() == 1);
        let said = numbers::small_cardinal_at(tokens, k).is_some_and(|(v, last)| v < 10 && last == k);
        written || said
    };
    let first = (from..tokens.len().min(from + ANSWER_WINDOW)).find(|&k| digit_at(k))?;
    let joiner = first + 1;
    let joined = tokens.is_punct(joiner, ',')
        || tokens.is_punct(joiner, '&')
        || tokens.is_one_of(joiner, &["and", "y", "et", "und", "e", "en"]);
    (joined && digit_at(joiner + 1)).then_some((first, joiner + 1))
}

pub(super) fn is_document(slot: Slot) -> bool {
    matches!(slot, Slot::NationalId | Slot::Passport | Slot::DriversLicence)
}

/// The letters and digits of a code candidate.
pub(super) fn alnum_of(scan: &Scan<'_>, c: &Candidate) -> usize {
    code_run(&scan.tokens, &scan.spoken, scan.tokens.index_at(c.start), true).map_or(0, |(_, _, alnum)| alnum)
}

/// Slots whose values are codes of digits and letters.
pub(super) fn is_code(slot: Slot) -> bool {
    !matches!(
        slot,
        Slot::Name
            | Slot::DateOfBirth
            | Slot::Address
            | Slot::Postcode
            | Slot::HouseNumber
            | Slot::Email
            | Slot::SecurityAnswer
    )
}

/// Token `i` is part of a day and month ("on 14 September", "week ending 5/18"): a date, not
/// a passport or card number said near its cue.
pub(super) fn in_date(parsed: &Parsed<'_>, i: usize) -> bool {
    parsed
        .dates
        .iter()
        .any(|d| d.first <= i && i <= d.last && d.day.is_some() && d.month.is_some())
}

/// A month and a year joined by a slash ("valid to 08/2029"): a date, not an id or account
/// said near its cue.
pub(super) fn month_and_year(tokens: &Tokens<'_>, first: usize, last: usize) -> bool {
    let month = tokens
        .text(first)
        .parse::<u8>()
        .is_ok_and(|m| (1..=12).contains(&m));
    last >= first + 2
        && month
        && tokens
            .get(first)
            .is_some_and(|t| t.class == Class::Number && t.len() <= 2)
        && tokens.is_punct(first + 1, '/')
        && tokens
            .get(first + 2)
            .is_some_and(|t| t.class == Class::Number && t.len() == 4 && !t.space_before)
}

/// A year on its own ("geldig tot 2029"): the end of a document's validity, not a card's expiry
/// (a card's is a month and a year; "1229" said as one number is no year).
pub(super) fn year_alone(tokens: &Tokens<'_>, first: usize, last: usize) -> bool {
    first == last && is_year(tokens, first)
}

/// Token `i` is four digits that read as a year of this or the last century.
fn is_year(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.class == Class::Number && t.len() == 4)
        && tokens
            .text(i)
            .parse::<u16>()
            .is_ok_and(|y| (1900..=2099).contains(&y))
}

/// Two numbers joined by a slash ("week ending 6/22", "valid to 08/2029"): a date or a fraction,
/// never a card's last digits or security code, and no value starts after its slash.
pub(super) fn slashed(tokens: &Tokens<'_>, first: usize, last: usize) -> bool {
    (first..=last).any(|k| tokens.is_punct(k, '/') && tokens.get(k).is_some_and(|t| !t.space_before))
}

/// A number at `i` that is a code's, not a phone's: led by a year and a hyphen
/// ("2024-0093-77412", a police report's), inside such a code, or said after its spelled
/// letters ("F R, twee vier, nul zes, ..."): a phone number has none of these.
pub(super) fn not_a_phone(tokens: &Tokens<'_>, i: usize) -> bool {
    let year_led = is_year(tokens, i)
        && tokens.is_punct(i + 1, '-')
        && tokens.get(i + 1).is_some_and(|t| !t.space_before)
        && tokens
            .get(i + 2)
            .is_some_and(|t| t.class == Class::Number && !t.space_before);
    let letter = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Word && t.cap && t.len() == 1)
    };
    let before = if i >= 1 && tokens.is_punct(i - 1, ',') {
        i - 1
    } else {
        i
    };
    let spelled = before >= 2 && letter(before - 1) && letter(before - 2);
    // Nor does a phone start inside such a code, after its hyphen.
    let inside = i >= 2
        && tokens.is_punct(i - 1, '-')
        && tokens.get(i - 1).is_some_and(|t| !t.space_before)
        && tokens.get(i).is_some_and(|t| !t.space_before)
        && tokens
            .get(i - 2)
            .is_some_and(|t| matches!(t.class, Class::Number | Class::Mixed));
    year_led || spelled || inside
}

/// Words of a duration or a count after a number: "within 14 days", "entro 14 giorni".
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "days", "day", "weeks", "week", "months", "month", "hours", "hour", "minutes", "mins", "years",
    "giorni", "giorno", "settimane", "mesi", "ore", "minuti", "anni", "días", "dias", "semanas",
    "meses", "horas", "minutos", "años", "anos", "jours", "semaines", "mois", "heures", "ans",
    "tage", "tagen", "wochen", "monate", "monaten", "stunden", "minuten", "jahre", "jahren",
    "dagen", "weken", "maanden", "uur", "minuten", "jaar", "werkdagen", "werktage",
];

/// A duration or count follows the number at `last`: it is no code.
pub(super) fn before_unit(tokens: &Tokens<'_>, last: usize) -> bool {
    tokens.get(last + 1).is_some_and(|t| t.class == Class::Word) && tokens.is_one_of(last + 1, UNITS)
}

/// A code right after a reference word is a reference: "my order number is 482913".
/// The nearest cue before it decides: "factura: RFC TEGM880521KJ3" is a tax id.
pub(super) fn after_reference(scan: &Scan<'_>, i: usize) -> bool {
    scan.cues
        .iter()
        .rev()
        .find(|h| h.last < i && matches!(h.cue, Cue::Reference | Cue::Slot(_)))
        .is_some_and(|h| h.cue == Cue::Reference && i - h.last <= 4)
}

/// The answer to a security question: the first words that are not filler, up to the end of
/// the clause ("It was Biscuit, my first dog" -> "Biscuit").
pub(super) fn security_answer(tokens: &Tokens<'_>, from: usize, end: usize) -> Option<(usize, usize)> {
    let g = gazetteer::get();
    // "the ID, and the dog was called Briciola": the answer is what the naming verb names, when
    // one is said (the words before it may answer another question).
    let from = (from..end)
        .find(|&i| tokens.is_one_of(i, NAMING_VERBS))
        .map_or(from, |i| i + 1);
    let start = (from..end).find(|&i| {
        tokens.get(i).is_some_and(|t| {
            let lower = tokens.lower(i);
            // "14/03/1992 and its Pickles": the numbers answer the other question asked with it.
            matches!(t.class, Class::Word | Class::Mixed)
                && !g.is_stopword(&lower)
                // "primo animale domestico": a word of the question is no answer.
                && !QUESTION_WORDS.contains(lower.as_ref())
                && !matches!(
                    lower.as_ref(),
                    "sure"
                        | "okay"
                        | "yes"
                        | "yeah"
                        | "called"
                        | "named"
                        | "name"
                        | "maiden"
                        | "mother's"
                        | "answer"
                        | "question"
                        | "security"
                        | "first"
                        | "pet"
                        | "school"
                        | "hmm"
                        | "one"
                        | "sec"
                        | "moment"
                        | "mhm"
                        | "sí"
                        | "oui"
                        | "ja"
                        | "sì"
                        | "sim"
                        | "nombre"
                        | "nom"
                        | "nome"
                        | "naam"
                )
        })
    })?;
    let mut last = start;
    let mut i = start + 1;
    while i < start + 4 {
        let Some(t) = tokens.get(i) else { break };
        let lower = tokens.lower(i);
        if t.class == Class::Punct || (g.is_stopword(&lower) && !g.is_particle(&lower)) {
            break;
        }
        last = i;
        i += 1;
    }
    Some((start, last))
}

/// Possessives of someone spoken to or about, in the served languages: after a name cue and
/// "of" they make it the name of something of theirs ("nome del tuo primo animale").
const POSSESSIVES: &[&str] = &[
    "your", "his", "her", "their", "tuo", "tua", "suo", "sua", "tuoi", "ton", "ta", "votre", "son", "sa",
    "leur", "tu", "su", "teu", "seu", "dein", "deine", "deines", "deinem", "ihr", "ihre", "ihres", "ihrem",
    "je", "jouw", "uw", "zijn", "haar",
];
/// "Of" after a name cue, with its article forms.
const OF: &[&str] = &[
    "of", "del", "della", "di", "de", "du", "des", "do", "da", "dos", "das", "von", "vom", "van",
];

/// Whether the words right after a name cue (token `from` on) are "of" and a possessive: the
/// cue asks for the name of something of the customer's, no person's name.
pub(super) fn names_anothers(tokens: &Tokens<'_>, from: usize) -> bool {
    (tokens.is_one_of(from, OF) && tokens.is_one_of(from + 1, POSSESSIVES))
        // "la titulaire du SwissPass", "holder of the card": an article joined to "of" says
        // what is held; a person's name takes none.
        || tokens.is_one_of(from, OF_THE)
        || (tokens.is_one_of(from, &["of"]) && tokens.is_one_of(from + 1, &["the"]))
}

/// "Of" joined to an article: "du", "des", "della", "vom".
const OF_THE: &[&str] = &[
    "du", "des", "del", "della", "dello", "dei", "degli", "delle", "vom",
];

/// The words of every security question's cue phrase ("animale", "domestico", "maiden"), read
/// from the lexicons.
static QUESTION_WORDS: LazyLock<WordSet<&'static str>> = LazyLock::new(|| {
    lexicon::ALL
        .iter()
        .flat_map(|l| l.cues.iter())
        .filter(|(_, cue)| matches!(cue, Cue::Slot(Slot::SecurityAnswer)))
        .flat_map(|(phrase, _)| phrase.split_whitespace())
        .collect()
});

/// Verbs that name what a security question asks for, past and present, in the served
/// languages: "was called", "si chiamava", "se llamaba", "s'appelait", "hieß", "heette".
const NAMING_VERBS: &[&str] = &[
    "called",
    "named",
    "chiamava",
    "chiama",
    "chiamavano",
    "llamaba",
    "llama",
    "llamaban",
    "appelait",
    "appelle",
    "hieß",
    "hiess",
    "heißt",
    "heisst",
    "heette",
    "heet",
    "chamava",
    "chama",
    "chamavam",
];

/// A password right after its cue: "my password is Sunflower42".
pub(super) fn password(tokens: &Tokens<'_>, from: usize, end: usize) -> Option<Candidate> {
    let g = gazetteer::get();
    let i = (from..end.min(from + 3)).find(|&i| {
        tokens.get(i).is_some_and(|t| {
            let text = tokens.text(i);
            // Letters and digits together ("Schneeberg2019", "Palermo93!"): a word alone is
            // too often the next word of the sentence.
            t.class == Class::Mixed
                && !g.is_stopword(&tokens.lower(i))
                && text.chars().count() >= 5
                && !text.starts_with(|c: char| c.is_ascii_digit())
        })
    })?;
    candidate(tokens, i, i, PiiKind::Pin)
}
