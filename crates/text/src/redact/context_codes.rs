//! Codes in answers and after cues: how many digits each slot's value has, and runs of digits,
//! digit words, letters and letters said by name ("equis, cuatro siete tres, ..., ka").

use crate::redact::lexicon::Slot;
use crate::redact::numbers::{SpokenDigits, cardinal_at, spoken_at};
use crate::redact::token::{Class, Tokens};
use crate::word_hash::WordSet;

/// Digits a slot's value has (min, max) and whether letters may be part of it.
pub(super) fn code_limits(slot: Slot) -> (usize, usize, bool) {
    match slot {
        Slot::Phone => (6, 15, false),
        Slot::CardNumber => (12, 19, false),
        Slot::CardLastDigits => (2, 6, false),
        Slot::CardExpiry => (3, 6, false),
        Slot::CardCvv => (3, 4, false),
        Slot::Ssn => (4, 9, false),
        Slot::BankAccount => (4, 34, true),
        Slot::NationalId | Slot::Passport | Slot::DriversLicence => (2, 20, true),
        Slot::Pin => (1, 12, true),
        _ => (usize::MAX, 0, false),
    }
}

/// The last token of a licence's version number said after its number (token `last`): ", version
/// number three one two", "version 312".
pub(crate) fn licence_version(tokens: &Tokens<'_>, spoken: &[SpokenDigits], last: usize) -> Option<usize> {
    let mut k = last + 1;
    if tokens.is_punct(k, ',') {
        k += 1;
    }
    if !tokens.is_one_of(k, &["version"]) {
        return None;
    }
    k += 1;
    if tokens.is_one_of(k, &["number", "no", "nr"]) {
        k += 1;
    }
    if tokens.is_punct(k, '.') || tokens.is_punct(k, ':') {
        k += 1;
    }
    code_run(tokens, spoken, k, false)
        .filter(|(_, digits, _)| (1..=4).contains(digits))
        .map(|(end, _, _)| end)
}

/// A run of digits, digit words and (when `letters`) letters or codes starting at `i`: its last
/// token, its digit count and its alphanumeric count.
pub(crate) fn code_run(
    tokens: &Tokens<'_>,
    spoken: &[SpokenDigits],
    i: usize,
    letters: bool,
) -> Option<(usize, usize, usize)> {
    let mut k = i;
    let mut last = None;
    let (mut digits, mut alnum) = (0usize, 0usize);
    loop {
        // An id said as one number in the millions: "quince millones ochocientos cuarenta y
        // dos mil trescientos cuarenta y tres" (a RUT, a DNI); digit runs stop at "millones".
        let millions = cardinal_at(tokens, k)
            .filter(|&(value, end)| value >= 1_000_000 && spoken_at(spoken, k).is_none_or(|s| s.last < end));
        if let Some((value, end)) = millions {
            let count = value.to_string().len();
            digits += count;
            alnum += count;
            last = Some(end);
            k = end + 1;
        } else if let Some(seq) = spoken_at(spoken, k) {
            digits += seq.digits.len();
            alnum += seq.digits.len();
            last = Some(seq.last);
            k = seq.last + 1;
        } else {
            let Some(t) = tokens.get(k) else { break };
            let text = tokens.text(k);
            match t.class {
                Class::Number | Class::Mixed
                    if last.is_none() || t.space_before || joined_by_separator(tokens, k) =>
                {
                    let d = text.bytes().filter(u8::is_ascii_digit).count();
                    if t.class == Class::Mixed && !letters {
                        break;
                    }
                    digits += d;
                    alnum += text.chars().count();
                    last = Some(k);
                    k += 1;
                }
                // A letter: "K", "ka", "effe", "B come Bologna", "D as in delta"; letters said
                // by name start a code only when its digits follow ("equis, cuatro siete...",
                // "effe erre erre, elle ci u, novanta").
                Class::Word if letters && let Some(end) = letter_at(tokens, k) => {
                    // "é", "a", "y" start no code: they are words before one ("a conta é cinco...").
                    let plain = t.len() <= 2
                        && (t.upper || text.chars().count() == 1)
                        && !(text.chars().all(char::is_lowercase) && tokens.is_one_of(k, ONE_LETTER_WORDS));
                    // "de" and "u" are letters inside a code, words before one.
                    let starts = plain
                        || is_letter_name(tokens, k)
                            && digits_follow(tokens, spoken, end + 1)
                            && !tokens.is_one_of(k, &["de", "u"]);
                    // Inside a code, "de" and "u" are letters only when the code goes on after
                    // them ("... ge, de, cero, nueve"), not before a name ("12345678 de Banco").
                    let continues = letter_at(tokens, end + 1).is_some()
                        || tokens.is_punct(end + 1, ',') && letter_at(tokens, end + 2).is_some()
                        || digits_follow(tokens, spoken, end + 1);
                    // "..., y est né": a one-letter word after a code ends it, unless words
                    // lead on to one more letter ("..., y la letra hache").
                    let leads_to_letter = (k + 1..k + 4)
                        .find(|&m| !tokens.is_one_of(m, LETTER_LEADS))
                        .is_some_and(|m| is_letter_name(tokens, m));
                    let word = matches!(text, "de" | "u")
                        || text.chars().all(char::is_lowercase)
                            && tokens.is_one_of(k, ONE_LETTER_WORDS)
                            && !leads_to_letter;
                    if last.is_none() && !starts || word && !continues {
                        break;
                    }
                    alnum += 1;
                    last = Some(end);
                    k = end + 1;
                }
                // One digit said alone inside a code: "... E wie Emil zwei I wie Ida".
                Class::Word
                    if letters
                        && last.is_some()
                        && cardinal_at(tokens, k).is_some_and(|(v, end)| v < 10 && end == k) =>
                {
                    digits += 1;
                    alnum += 1;
                    last = Some(k);
                    k += 1;
                }
                // The check key said after the number: "... zéro quatre-vingt-sept clé
                // quarante-deux" (a French social security number).
                Class::Word
                    if last.is_some()
                        && tokens.is_one_of(k, CHECK_KEYS)
                        && (spoken_at(spoken, k + 1).is_some() || cardinal_at(tokens, k + 1).is_some()) =>
                {
                    k += 1;
                }
                // A hesitation after a letter's name, before the letter: "y la letra eh i griega".
                Class::Word
                    if last.is_some()
                        && tokens.is_one_of(k, crate::redact::names::FILLERS)
                        && is_letter_name(tokens, k - 1)
                        && letter_at(tokens, k + 1).is_some() =>
                {
                    k += 1;
                }
                // "conta cinco seis sete oito nove, traço zero": a dash said between digits.
                Class::Word if last.is_some() && tokens.is_one_of(k, crate::redact::postcode::DASH_WORDS) => {
                    // "... guión k": a check letter after the dash too.
                    if spoken_at(spoken, k + 1).is_some()
                        || tokens.get(k + 1).is_some_and(|n| n.class == Class::Number)
                        || letters
                            && tokens.get(k + 1).is_some_and(|n| n.len() == 1)
                            && letter_at(tokens, k + 1).is_some()
                    {
                        k += 1;
                    } else if let Some((_, end)) =
                        cardinal_at(tokens, k + 1).filter(|(v, end)| *v < 10 && *end == k + 1)
                    {
                        // One digit said alone: "traço zero".
                        digits += 1;
                        alnum += 1;
                        last = Some(end);
                        k = end + 1;
                    } else {
                        break;
                    }
                }
                // A code's letters written as one word before its digits: "PELR 4503 1214"
                // (Québec's health card), "QQ 12 34 56 C".
                Class::Word
                    if letters
                        && last.is_none()
                        && t.upper
                        && (2..=4).contains(&text.chars().count())
                        // "DOB 1985-...", "BSB 062-000", "RFC ...": a label, not the code's letters.
                        && !tokens.has(k, crate::redact::words::CUE_START)
                        && tokens.get(k + 1).is_some_and(|n| n.class == Class::Number) =>
                {
                    alnum += text.chars().count();
                    last = Some(k);
                    k += 1;
                }
                // "... ocho dos, y la letra hache": words that lead to one more letter.
                Class::Word if letters && last.is_some() && tokens.is_one_of(k, LETTER_LEADS) => {
                    let lead = (k + 1..k + 3).find(|&m| !tokens.is_one_of(m, LETTER_LEADS));
                    match lead {
                        Some(m) if is_letter_name(tokens, m) => k = m,
                        _ => break,
                    }
                }
                Class::Punct
                    if last.is_some()
                        && (matches!(text, "-" | "." | "/" | ",")
                            && tokens.get(k + 1).is_some_and(|n| n.class != Class::Punct)
                            || matches!(text, "(" | ")")) =>
                {
                    k += 1;
                }
                _ => break,
            }
        }
        last?;
    }
    let last = last?;
    // A trailing separator was skipped; the run ends at its last real token.
    (digits > 0).then_some((last, digits, alnum))
}

pub(crate) fn is_letter_name(tokens: &Tokens<'_>, k: usize) -> bool {
    static SET: std::sync::LazyLock<WordSet<&'static str>> =
        std::sync::LazyLock::new(|| LETTER_NAMES.iter().copied().collect());
    // Letter names are short: most words are ruled out by their length alone.
    tokens
        .get(k)
        .is_some_and(|t| t.class == Class::Word && t.len() <= 9 && SET.contains(tokens.lower(k).as_ref()))
}

/// One letter of a spelled code at token `k`, and its last token: a letter ("K", "AB"), its
/// name ("ka", "effe") or a letter with its spelling word ("B come Bologna", "B de Barcelona",
/// "D as in delta", "B wie Berta").
fn letter_at(tokens: &Tokens<'_>, k: usize) -> Option<usize> {
    let t = tokens.get(k).filter(|t| t.class == Class::Word)?;
    let single = tokens.text(k).chars().count() == 1;
    if single || (t.len() <= 2 && t.upper) || is_letter_name(tokens, k) {
        if single {
            let link = if tokens.is_one_of(k + 1, &["as"]) && tokens.is_one_of(k + 2, &["in"]) {
                Some(k + 3)
            } else {
                tokens.is_one_of(k + 1, SPELLING_LINKS).then_some(k + 2)
            };
            if let Some(word) = link.filter(|&w| {
                tokens.get(w).is_some_and(|t| t.class == Class::Word)
                    && tokens.lower(w).chars().next() == tokens.lower(k).chars().next()
            }) {
                return Some(word);
            }
        }
        return Some(k);
    }
    None
}

/// Whether token `w` is the word that spells a letter ("Roma" in "R come Roma", "Richard" in
/// "R wie Richard", "delta" in "D as in delta"): no name of a person.
pub(crate) fn spells_a_letter(tokens: &Tokens<'_>, w: usize) -> bool {
    let letter = |k: usize| {
        tokens.get(k).is_some_and(|t| t.class == Class::Word) && tokens.text(k).chars().count() == 1
    };
    let linked = |k: usize| letter(k) && letter_at(tokens, k) == Some(w);
    w.checked_sub(2).is_some_and(linked) || w.checked_sub(3).is_some_and(linked)
}

/// Digits at token `k`, after a comma and up to six spelled letters ("effe erre erre, elle ci
/// u, novanta...").
fn digits_follow(tokens: &Tokens<'_>, spoken: &[SpokenDigits], mut k: usize) -> bool {
    for _ in 0..=6 {
        if tokens.is_punct(k, ',') {
            k += 1;
        }
        if spoken_at(spoken, k).is_some() || tokens.get(k).is_some_and(|t| t.class == Class::Number) {
            return true;
        }
        match letter_at(tokens, k) {
            Some(end) => k = end + 1,
            None => return false,
        }
    }
    false
}

/// Words between a letter and the word that spells it: "B come Bologna", "B comme Bernard",
/// "B wie Berta", "B de Barcelona", "B van Bernard", "B di Bari".
const SPELLING_LINKS: &[&str] = &["come", "comme", "wie", "de", "van", "di", "como", "for"];

/// Words for a code's check digits said after it.
const CHECK_KEYS: &[&str] = &[
    "clé",
    "cle",
    "key",
    "clave",
    "chave",
    "chiave",
    "schlüssel",
    "sleutel",
];

/// One-letter words of the served languages.
pub(crate) const ONE_LETTER_WORDS: &[&str] = &["a", "e", "é", "i", "o", "u", "y", "à", "è", "ó"];

/// Words between a code's digits and its last letter: "y la letra hache", "and the letter C".
const LETTER_LEADS: &[&str] = &["y", "e", "and", "et", "und", "en", "la", "the", "el", "die", "de"];

/// The names of letters in the served languages, as said when spelling a code.
#[rustfmt::skip]
const LETTER_NAMES: &[&str] = &[
    "equis", "hache", "jota", "ka", "ele", "eme", "ene", "erre", "ese", "efe", "ge", "uve", "zeta", "ce", "be",
    "pe", "cu", "te", "effe", "elle", "emme", "enne", "esse", "acca", "ipsilon", "ics", "vu", "bi", "ci", "di",
    "gi", "pi", "ti", "qu", "zed", "zett", "ix", "ypsilon", "dee", "bee", "cee", "gee", "pee", "tee", "vee", "wee",
    "iks", "bé", "cé", "dé", "gé", "pé", "té", "vé", "ixe", "zède", "bê", "cê", "dê", "gê", "pê", "tê", "vê",
    "xis", "agá", "quê", "double", "doble", "letra", "letter", "lettera", "buchstabe", "de", "u",
    // "i griega": Spanish Y.
    "griega",
];

fn joined_by_separator(tokens: &Tokens<'_>, k: usize) -> bool {
    k > 0 && tokens.get(k - 1).is_some_and(|p| p.class == Class::Punct)
}
