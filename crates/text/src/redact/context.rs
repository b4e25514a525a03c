//! Values named by context: the answer after "my date of birth is", "the last four digits are",
//! "password:", in the same utterance or in the turn after the agent asked for it. Also the
//! shapes that need the spoken-number and date parsers: phone and card numbers read aloud, and
//! full dates of birth.

use std::sync::LazyLock;

use chrono::Datelike;

use super::candidate::{Candidate, Strength};
use super::dates::{self, DateMention};
use super::gazetteer;
use super::lexicon::{Cue, Slot};
use super::lists::CORRECTIONS;
use super::names::{self, Evidence};
pub(crate) use super::scan::Expectation;
use super::scan::Scan;
use super::token::{Class, Tokens};
use super::{PiiKind, address, numbers, postcode};
use codes::code_limits;
pub(crate) use codes::{code_run, is_letter_name};
pub(crate) use questions::unanswered;
use questions::{question_mark_after, sentence_ends};
use values::{
    after_reference, alnum_of, before_unit, in_date, is_code, is_document, month_and_year, names_anothers,
    not_a_phone, passport_shaped, password, pin_digits, security_answer, slashed, year_alone,
};

/// How far after a cue its value may start ("date of birth is, um, let me see, the 3rd...").
const CUE_WINDOW: usize = 16;
/// How far into an answer its value may start ("Sure, hold on, it's ...").
const ANSWER_WINDOW: usize = 24;
/// The youngest customer: a full date at least this many years ago is a date of birth.
const MIN_AGE_YEARS: i32 = 16;

static THIS_YEAR: LazyLock<i32> = LazyLock::new(|| chrono::Utc::now().year());

/// The kind a slot's value is redacted as.
pub(crate) fn kind_of(slot: Slot) -> PiiKind {
    match slot {
        Slot::Name => PiiKind::Name,
        Slot::DateOfBirth => PiiKind::DateOfBirth,
        Slot::Address | Slot::Postcode | Slot::HouseNumber => PiiKind::Address,
        Slot::Email => PiiKind::Email,
        Slot::Phone => PiiKind::Phone,
        Slot::CardNumber | Slot::CardLastDigits => PiiKind::Card,
        Slot::CardExpiry => PiiKind::CardExpiry,
        Slot::CardCvv => PiiKind::CardCvv,
        Slot::Ssn => PiiKind::Ssn,
        Slot::NationalId => PiiKind::NationalId,
        Slot::BankAccount => PiiKind::BankAccount,
        Slot::Passport => PiiKind::Passport,
        Slot::DriversLicence => PiiKind::DriversLicence,
        Slot::Pin => PiiKind::Pin,
        Slot::SecurityAnswer => PiiKind::SecurityAnswer,
    }
}

/// What one text offers the slot finders: its dates.
struct Parsed<'a> {
    dates: &'a [DateMention],
}

pub(super) fn find(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    let tokens = &scan.tokens;
    let parsed = Parsed { dates: &scan.dates };
    // Only slot cues ask where their sentence ends; most utterances have none.
    let ends = if scan.cues.iter().any(|h| matches!(h.cue, Cue::Slot(_))) {
        sentence_ends(tokens)
    } else {
        Vec::new()
    };
    for (n, hit) in scan.cues.iter().enumerate() {
        let Cue::Slot(slot) = hit.cue else { continue };
        // The agent asks for a security answer and does not know it: what follows its cue in
        // the agent's turn is the question ("y el lugar de expedición del documento").
        if slot == Slot::SecurityAnswer && scan.speaker == Some(crate::transcript::SpeakerRole::Agent) {
            continue;
        }
        // German puts the verb last: "ist am 2. Mai 2016 geboren"; the next date is another's
        // ("..., und bin zum 1. April umgezogen").
        if slot == Slot::DateOfBirth
            && hit.first == hit.last
            && tokens.is_one_of(
                hit.first,
                &["geboren", "born", "nacido", "nacida", "nato", "nata"],
            )
            && let Some(date) = parsed.dates.iter().find(|d| {
                d.day.is_some()
                    && d.last < hit.first
                    && hit.first - d.last <= 2
                    && !(d.last + 1..hit.first).any(|k| tokens.is_punct(k, '.'))
            })
        {
            out.extend(candidate(tokens, date.first, date.last, PiiKind::DateOfBirth));
            continue;
        }
        // The next cue starts the next value: "CVV 123 and expiry 08/27".
        let next_cue = scan
            .cues
            .get(n + 1..)
            .and_then(|rest| {
                rest.iter()
                    .find(|h| matches!(h.cue, Cue::Slot(_) | Cue::Reference))
            })
            .map_or(usize::MAX, |h| h.first);
        // In a question the value can only come before the question mark ("is your date of
        // birth the 3rd of June?"); the answer comes in the next turn.
        let window = match question_mark_after(tokens, &ends, hit.last) {
            Some(mark) => mark.saturating_sub(hit.last + 1),
            // A code's cue and its value share a sentence: "the secret code comes by post.
            // Your stop reference is OP 781..." is no code.
            None if is_code(slot) => ends
                .get(hit.last)
                .copied()
                .flatten()
                .filter(|&end| tokens.text(end) == ".")
                .map_or(CUE_WINDOW, |end| CUE_WINDOW.min(end.saturating_sub(hit.last + 1))),
            None => CUE_WINDOW,
        };
        // A code may come in a list or after a correction ("the IBAN ends in 4567, well the
        // full thing is I E six zero..."): every code of the slot's shape in the window.
        let mut from = hit.last + 1;
        let end = (from + window).min(next_cue.max(from + 1));
        while let Some(c) = value(scan, &parsed, slot, from, end.saturating_sub(from), false) {
            let next = tokens.index_at(c.end);
            out.push(c);
            if !is_code(slot) || next <= from {
                break;
            }
            from = next;
        }
    }
    for expected in &scan.expected {
        let Expectation::Value(slot) = *expected else {
            continue;
        };
        // A reply that labels its answers ("Voici les informations demandées : - date de
        // naissance : ...") gives each after its own cue, read above: the first date of the
        // reply may be its subject line's.
        if slot == Slot::DateOfBirth && scan.cues.iter().any(|h| h.cue == Cue::Slot(slot)) {
            continue;
        }
        // An answer may correct itself: "two seven one nine? no wait, it's two seven nine one".
        // A reply that says more names its answer: "Thank you for coming back to me so
        // quickly. The answer is St Anselm's Primary."
        let mut from = match slot {
            Slot::SecurityAnswer => named_answer(tokens).unwrap_or(0),
            _ => 0,
        };
        while let Some(mut c) = value(
            scan,
            &parsed,
            slot,
            from,
            ANSWER_WINDOW.saturating_sub(from),
            true,
        ) {
            // "I used to have a nine hundred number... it's five four six, two one eight...":
            // a document's full number wins over a short one before it.
            if is_document(slot)
                && alnum_of(scan, &c) < 6
                && let Some(full) = value(scan, &parsed, slot, tokens.index_at(c.end), ANSWER_WINDOW, false)
            {
                c = full;
            }
            let next = tokens.index_at(c.end);
            out.push(c);
            let corrected = (next..tokens.len().min(next + 6)).any(|k| tokens.is_one_of(k, CORRECTIONS));
            if !is_code(slot) || next <= from || !corrected {
                break;
            }
            from = next;
        }
        if slot == Slot::Pin
            && let Some((first, last)) = pin_digits(scan, 0)
        {
            out.extend(candidate(tokens, first, last, PiiKind::Pin));
        }
    }
    // A text about passports: every code of a passport number's shape is one, wherever it
    // stands ("I've since renewed. The new one is PX4471926", a list of passengers).
    if scan.cues.iter().any(|h| h.cue == Cue::Slot(Slot::Passport)) {
        for (i, t) in tokens.toks.iter().enumerate() {
            if t.class == Class::Mixed && passport_shaped(tokens.text(i)) && !after_reference(scan, i) {
                out.push(Candidate::new(
                    PiiKind::Passport,
                    t.start,
                    t.end,
                    Strength::Context,
                ));
            }
        }
    }
    // Numbers read aloud: a phone number, or a card when the Luhn check holds.
    for seq in &scan.spoken {
        let (Some(a), Some(b)) = (tokens.get(seq.first), tokens.get(seq.last)) else {
            continue;
        };
        let digits = seq.digits.len();
        if (13..=19).contains(&digits)
            && super::numeric::luhn(
                seq.digits
                    .bytes()
                    .filter(u8::is_ascii_digit)
                    .map(|b| u32::from(b - b'0')),
            )
        {
            out.push(Candidate::new(PiiKind::Card, a.start, b.end, Strength::Strong));
        } else if (9..=15).contains(&digits) && seq.words >= 3 {
            out.push(Candidate::new(PiiKind::Phone, a.start, b.end, Strength::Shape));
        }
    }
    // A full date long enough ago is a date of birth, whoever says it.
    for date in parsed.dates {
        if let (Some(_), Some(_), Some(year)) = (date.day, date.month, date.year.map(full_year))
            && (1900..=*THIS_YEAR - MIN_AGE_YEARS).contains(&year)
        {
            out.push(Candidate::new(
                PiiKind::DateOfBirth,
                date.start,
                date.end,
                Strength::Shape,
            ));
        }
    }
}

/// The date's last token, extended over a year said after it when the date parser stopped at
/// the day and month: "doce de marzo del ochenta y cinco", "twenty-seventh of December,
/// eighty-five", "dreiundzwanzigste Jänner achtundfünfzig".
fn with_spoken_year(scan: &Scan<'_>, date: &DateMention) -> usize {
    if date.year.is_some() {
        return date.last;
    }
    let tokens = &scan.tokens;
    let mut k = date.last + 1;
    if tokens.is_punct(k, ',') {
        k += 1;
    }
    if tokens.is_one_of(k, &["del", "de", "of", "in", "du", "von", "di", "do", "van"]) {
        k += 1;
    }
    let year_end = scan
        .spoken_at(k)
        .filter(|s| matches!(s.digits.len(), 2 | 4))
        .map(|s| s.last)
        .or_else(|| {
            numbers::cardinal_at(tokens, k)
                .filter(|(v, _)| *v < 100 || (1900..2100).contains(v))
                .map(|(_, end)| end)
        })
        .or_else(|| {
            tokens
                .get(k)
                .filter(|t| t.class == Class::Number && matches!(t.len(), 2 | 4))
                .map(|_| k)
        });
    year_end.unwrap_or(date.last)
}

/// A two-digit year read as the closest past one.
pub(crate) fn full_year(year: i32) -> i32 {
    match year {
        0..=29 => 2000 + year,
        30..=99 => 1900 + year,
        y => y,
    }
}

fn candidate(tokens: &Tokens<'_>, first: usize, last: usize, kind: PiiKind) -> Option<Candidate> {
    let (a, b) = (tokens.get(first)?, tokens.get(last)?);
    Some(Candidate::new(kind, a.start, b.end, Strength::Context))
}

/// The first token after "the answer is" ("la respuesta es", "die Antwort ist") in a reply.
fn named_answer(tokens: &Tokens<'_>) -> Option<usize> {
    const ANSWER: &[&str] = &[
        "answer",
        "respuesta",
        "réponse",
        "reponse",
        "antwort",
        "resposta",
        "risposta",
        "antwoord",
    ];
    const IS: &[&str] = &["is", "es", "est", "ist", "é", "è"];
    (0..tokens.len())
        .find(|&k| tokens.is_one_of(k, ANSWER) && tokens.is_one_of(k + 1, IS))
        .map(|k| k + 2)
}

/// The value of `slot` starting within `window` tokens after `from`.
/// `answer`: the text answers a question of an earlier turn.
fn value(
    scan: &Scan<'_>,
    parsed: &Parsed<'_>,
    slot: Slot,
    from: usize,
    window: usize,
    answer: bool,
) -> Option<Candidate> {
    let tokens = &scan.tokens;
    let end = tokens.len().min(from + window);
    let kind = kind_of(slot);
    match slot {
        // "nome del tuo primo animale", "the name of your first pet": the name of something
        // else, asked for.
        Slot::Name if names_anothers(tokens, from) => None,
        Slot::Name => {
            let g = gazetteer::get();
            (from..end).find_map(|i| {
                let t = tokens.get(i)?;
                let lower = tokens.lower(i);
                if t.class != Class::Word
                    || g.is_stopword(&lower)
                    || (t.cap && g.is_common(&lower) && !g.is_name(&lower))
                {
                    return None;
                }
                let run = names::run_after(tokens, g, i, Evidence::Cued)?;
                let plausible = t.cap || names::has_name_evidence(tokens, g, run);
                if !plausible {
                    return None;
                }
                // "J Thornbury & E Mwangi", "Ana y Pedro Gómez": a second name joined on.
                let mut last = run.1;
                if (tokens.is_punct(last + 1, '&')
                    || tokens.is_one_of(last + 1, &["and", "y", "et", "und", "e", "en"]))
                    && let Some(second) = names::run_after(tokens, g, last + 2, Evidence::Capitalised)
                {
                    last = second.1;
                }
                candidate(tokens, run.0, last, kind)
            })
        }
        Slot::DateOfBirth => parsed
            .dates
            .iter()
            .find(|d| d.first >= from && d.first < end)
            .and_then(|d| {
                let last = with_spoken_year(scan, d);
                candidate(tokens, d.first, last, kind)
            })
            .or_else(|| {
                (from..end).find_map(|i| {
                    let last = dates::numeric_spoken_at(tokens, &scan.spoken, i)?;
                    candidate(tokens, i, last, kind)
                })
            }),
        Slot::Address if answer => {
            // An answer to two questions gives the address in a sentence of its own ("Visa
            // terminada en 4821. Yerbal 2365, piso 3, depto B, Flores, CABA."): the longest
            // address of its sentences, not the card's last digits before it.
            (from..end)
                .filter(|&i| i == from || tokens.get(i).is_some_and(|t| t.sentence_start))
                .filter_map(|s| address::relaxed(scan, s, window.min(CUE_WINDOW)))
                .max_by_key(|(a, b)| (b - a, std::cmp::Reverse(*a)))
                .and_then(|(a, b)| candidate(tokens, a, b, kind))
        }
        Slot::Address => address::relaxed(scan, from, window.min(CUE_WINDOW))
            .and_then(|(a, b)| candidate(tokens, a, b, kind)),
        Slot::HouseNumber => (from..end)
            .find_map(|i| address::house_number_at(scan, i).map(|last| (i, last)))
            .and_then(|(first, last)| candidate(tokens, first, address::continued(scan, last), kind)),
        Slot::Postcode => (from..end).find_map(|i| {
            let last = postcode::at(tokens, i)
                .map(|(last, _)| last)
                .or_else(|| postcode::spelled_at(scan, i))
                .or_else(|| postcode::said_at(scan, i))
                // A ZIP or postcode read digit by digit: "nine seven zero zero six".
                .or_else(|| {
                    code_run(tokens, &scan.spoken, i, true)
                        .filter(|(_, digits, alnum)| (3..=6).contains(digits) && *alnum <= 8)
                        .map(|(l, _, _)| l)
                })?;
            // "trois trois huit zéro zéro, Bordeaux": its town.
            candidate(tokens, i, address::continued(scan, last), kind)
        }),
        // Typed and spoken emails have shapes of their own.
        Slot::Email => None,
        Slot::SecurityAnswer => {
            security_answer(tokens, from, end).and_then(|(a, b)| candidate(tokens, a, b, kind))
        }
        _ => {
            let (min, max, letters) = code_limits(slot);
            let code = (from..end).find_map(|i| {
                let (last, digits, alnum) = code_run(tokens, &scan.spoken, i, letters)?;
                // A PIN has three digits or more; a password mixes letters and digits.
                // An identity document number has six characters or more: a shorter number
                // after its cue is a flight, a date or a quantity ("passport updated; flight ES
                // 482 on the 21st"), unless it answers for its last characters ("567D").
                let long_enough = match slot {
                    Slot::Pin => digits >= 3 || alnum >= 5,
                    _ if is_document(slot) => answer || alnum >= 6,
                    _ => true,
                };
                let fits = (min..=max).contains(&digits)
                    && long_enough
                    && (letters || alnum == digits)
                    && !after_reference(scan, i)
                    && !(slot != Slot::CardExpiry && (in_date(parsed, i) || month_and_year(tokens, i, last)))
                    && !(slot == Slot::CardExpiry && year_alone(tokens, i, last))
                    && !(matches!(slot, Slot::CardLastDigits | Slot::CardCvv) && slashed(tokens, i, last))
                    && !(slot != Slot::CardExpiry && i >= 1 && slashed(tokens, i - 1, i))
                    && !before_unit(tokens, last)
                    && !(slot == Slot::Phone && not_a_phone(tokens, i));
                // "+44 ..." and "(415) ...": the sign or bracket belongs to the number.
                let first = match i.checked_sub(1) {
                    Some(p)
                        if (tokens.is_punct(p, '+') || tokens.is_punct(p, '('))
                            && tokens.get(i).is_some_and(|t| !t.space_before) =>
                    {
                        p
                    }
                    _ => i,
                };
                // A New Zealand licence has a version number beside its number.
                let last = match slot {
                    Slot::DriversLicence => {
                        codes::licence_version(tokens, &scan.spoken, last).unwrap_or(last)
                    }
                    _ => last,
                };
                fits.then(|| candidate(tokens, first, last, kind)).flatten()
            });
            code.or_else(|| {
                (slot == Slot::Pin && from > 0)
                    .then(|| password(tokens, from, end))
                    .flatten()
            })
        }
    }
}

#[path = "context_codes.rs"]
mod codes;
pub(crate) use codes::{ONE_LETTER_WORDS, spells_a_letter};
#[path = "context_questions.rs"]
mod questions;
#[cfg(test)]
#[path = "context_tests.rs"]
pub(crate) mod tests;
#[path = "context_values.rs"]
mod values;
