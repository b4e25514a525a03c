//! National identity numbers recognised by their shape and check characters alone, without any
//! context: UK National Insurance, French INSEE, Spanish DNI/NIE, Italian codice fiscale,
//! Brazilian CPF, Indian PAN and Aadhaar, Swiss AHV, and the like.
//!
//! Only written forms that ordinary contact-centre numbers (phones, amounts, dates, order and
//! card numbers, IBANs, postcodes) do not take are listed in [`FORMS`], and every match must pass
//! its check characters and stand alone: no letter or digit glued to either side, no currency
//! sign, `+`, decimal or longer digit grouping around it. US SSNs, Dutch BSNs and Portuguese NIFs
//! are left to other detectors. The scan jumps from digit to digit and rejects most runs after a
//! glance at their length and the byte after them, so it is linear and cheap.

use super::PiiKind;
use super::candidate::{Candidate, Strength};

mod checks;

use checks::{
    aadhaar, ahv, belgian, codice_fiscale, cpf, curp, dni, nie, nino, nir, nric, pan, sin, steuer, tfn, za,
};

/// One written form of an id: (pattern, check, same case). The pattern is matched byte by byte:
/// `d` a digit, `a` an ASCII letter, `x` either, any other byte itself. The check gets the letters
/// (uppercased) and digits of the match without separators. With `same case`, the letters must be
/// all upper or all lower case.
struct Form(&'static [u8], fn(&[u8]) -> bool, bool);

/// Every accepted form; the first that matches and validates wins.
#[rustfmt::skip]
const FORMS: &[Form] = &[
    // France, INSEE/NIR: "1 84 12 75 108 123 45" (the department may be Corsican "2A"/"2B").
    Form(b"d dd dd xx ddd ddd - dd", nir, true), Form(b"d dd dd xx ddd ddd-dd", nir, true),
    Form(b"d dd dd xx ddd ddd dd", nir, true), Form(b"dddddxxdddddd dd", nir, true),
    Form(b"dddddxxdddddddd", nir, true),
    // Brazil, CPF: punctuated form only. Spain, DNI.
    Form(b"ddd.ddd.ddd-dd", cpf, true),
    Form(b"dd.ddd.ddd-a", dni, true), Form(b"dddddddd-a", dni, true), Form(b"dddddddda", dni, true),
    // Switzerland, AHV/AVS (756...); South Africa (13 digits).
    Form(b"ddd.dddd.dddd.dd", ahv, true), Form(b"ddd dddd dddd dd", ahv, true),
    Form(b"ddddddddddddd", |v| ahv(v) || za(v), true), Form(b"dddddd dddd ddd", za, true),
    // Belgium, national register number; Germany, Steuer-ID.
    Form(b"dd.dd.dd-ddd.dd", belgian, true), Form(b"dddddd-ddd.dd", belgian, true),
    Form(b"ddddddddddd", |v| steuer(v) || belgian(v), true), Form(b"dd ddd ddd ddd", steuer, true),
    // India, Aadhaar.
    Form(b"dddd dddd dddd", aadhaar, true), Form(b"dddd-dddd-dddd", aadhaar, true),
    // Canada SIN, Australia TFN: grouped 3-3-3 only. Spanish, Portuguese and Czech mobiles and
    // Spanish landlines are written "612 345 678", "912 345 678": with spaces, a SIN must not
    // start with 6, 7 or 9.
    Form(b"ddd ddd ddd", |v| (sin(v) && !matches!(v.first(), Some(b'6' | b'7' | b'9'))) || tfn(v), true),
    Form(b"ddd-ddd-ddd", |v| sin(v) || tfn(v), true),
    // Mexico, CURP; Italy, codice fiscale (either case); India, PAN.
    Form(b"aaaaddddddaaaaaaxd", curp, false), Form(b"aaaaaaxxaxxaxxxa", codice_fiscale, false),
    Form(b"aaaaadddda", pan, true),
    // UK, National Insurance number.
    Form(b"aadddddda", nino, true), Form(b"aa dd dd dd a", nino, true), Form(b"aa dddddd a", nino, true),
    // Singapore NRIC/FIN, Spain NIE.
    Form(b"addddddda", |v| nric(v) || nie(v), true), Form(b"a-ddddddd-a", nie, true),
    Form(b"addddddd-a", nie, true),
];

/// 0 when `byte` cannot follow a form's first run, else the index of its separator (1, 2, 3).
const fn separator(byte: u8) -> usize {
    match byte {
        b' ' => 1,
        b'.' => 2,
        b'-' => 3,
        _ => 0,
    }
}

/// `FIRST_RUNS[digit][separator(next)][n]`, bit `i`: `FORMS[i]` starts with a digit (or with a
/// letter, `digit` being 0), and its first run of letters and digits is `n` bytes long and ends
/// the form (`separator` 0) or is followed by `next`: the forms worth trying at such a run.
/// The indexing below runs at compile time: a form it cannot handle fails the build, not a scan.
const FIRST_RUNS: [[[u32; 32]; 4]; 2] = {
    assert!(FORMS.len() <= 32);
    let mut table = [[[0; 32]; 4]; 2];
    let mut i = 0;
    while i < FORMS.len() {
        let pat = FORMS[i].0;
        let mut len = 0;
        while len < pat.len() && matches!(pat[len], b'a' | b'd' | b'x') {
            len += 1;
        }
        let sep = if len < pat.len() { separator(pat[len]) } else { 0 };
        assert!(len < 32 && (sep > 0 || len == pat.len()), "unsupported form");
        table[(pat[0] == b'd') as usize][sep][len] |= 1 << i;
        i += 1;
    }
    table
};

/// Pushes a candidate (`PiiKind::NationalId`, `Strength::Strong`) for every id found.
///
/// Every form has a digit within its first seven bytes, so the scan jumps from digit to digit and
/// only tries the run holding the digit (when it starts at most six letters earlier) and, for
/// "AB 12 34 56 C" and "X-1234567-L", a run of one or two letters just before it.
pub(super) fn find(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let is_alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let is_letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphabetic);
    let mut from = 0;
    while let Some(digit) = next_digit(bytes, from) {
        let mut run_start = digit;
        while run_start > from && is_alnum(run_start - 1) {
            run_start -= 1;
        }
        let mut run_end = digit;
        while is_alnum(run_end) {
            run_end += 1;
        }
        let mut starts = [None, None];
        if run_start == digit && run_start > from + 1 {
            let sep = run_start - 1;
            let mut prefix = sep;
            while prefix > from && sep - prefix < 3 && is_letter(prefix - 1) {
                prefix -= 1;
            }
            if (1..=2).contains(&(sep - prefix)) {
                starts[0] = Some((prefix, sep));
            }
        }
        if digit - run_start <= 6 {
            starts[1] = Some((run_start, run_end));
        }
        from = run_end;
        for (start, end) in starts.into_iter().flatten() {
            if let Some(id_end) = try_at(text, start, end) {
                let candidate = Candidate::new(PiiKind::NationalId, start, id_end, Strength::Strong);
                out.push(candidate);
                from = id_end.max(run_end);
                break;
            }
        }
    }
}

/// The position of the first ASCII digit at or after `from`, checking 32 bytes at a time.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    // Digits come in clusters: look at the next few bytes one by one first.
    if let Some(p) = rest.iter().take(8).position(u8::is_ascii_digit) {
        return Some(from + p);
    }
    let mut offset = from;
    for chunk in rest.chunks(32) {
        if chunk.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            return chunk.iter().position(u8::is_ascii_digit).map(|p| offset + p);
        }
        offset += chunk.len();
    }
    None
}

/// The end of an id starting at `start` (the first byte of an ASCII alphanumeric run ending at
/// `run_end`), if any.
fn try_at(text: &str, start: usize, run_end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let run_len = run_end.checked_sub(start)?;
    let digit_start = bytes.get(start)?.is_ascii_digit();
    let next = bytes.get(run_end).copied();
    let tables = FIRST_RUNS.get(usize::from(digit_start));
    let forms_at = |sep: usize| -> u32 {
        tables
            .and_then(|t| t.get(sep)?.get(run_len).copied())
            .unwrap_or(0)
    };
    let mut forms = forms_at(0) | next.map_or(0, |b| forms_at(separator(b)));
    let mut left = None;
    let mut buf = [0u8; 24];
    while forms != 0 {
        let index = forms.trailing_zeros() as usize;
        forms &= forms - 1;
        let Some(Form(pat, check, case)) = FORMS.get(index) else {
            break;
        };
        // The byte after the run must be the pattern's separator, which must be followed by the
        // right class ("4242 and" starts nothing).
        if pat.len() > run_len {
            let class = pat.get(run_len + 1).copied();
            if !bytes.get(run_end + 1).is_some_and(|&c| class_matches(class, c)) {
                continue;
            }
        }
        if !*left.get_or_insert_with(|| left_ok(text, start, digit_start)) {
            return None;
        }
        let Some(end) = match_pattern(bytes, start, pat) else {
            continue;
        };
        let Some(matched) = bytes.get(start..end) else {
            continue;
        };
        let ends_in_digit = matched.last().is_some_and(u8::is_ascii_digit);
        if !right_ok(text, end, ends_in_digit) || (*case && !same_case(matched)) {
            continue;
        }
        let mut len = 0;
        for (slot, b) in buf
            .iter_mut()
            .zip(matched.iter().filter(|b| b.is_ascii_alphanumeric()))
        {
            *slot = b.to_ascii_uppercase();
            len += 1;
        }
        if buf.get(..len).is_some_and(check) {
            return Some(end);
        }
    }
    None
}

fn match_pattern(bytes: &[u8], start: usize, pat: &[u8]) -> Option<usize> {
    let end = start.checked_add(pat.len())?;
    let window = bytes.get(start..end)?;
    let ok = pat.iter().zip(window).all(|(&p, &c)| class_matches(Some(p), c));
    ok.then_some(end)
}

fn class_matches(pat: Option<u8>, c: u8) -> bool {
    match pat {
        Some(b'd') => c.is_ascii_digit(),
        Some(b'a') => c.is_ascii_alphabetic(),
        Some(b'x') => c.is_ascii_alphanumeric(),
        p => p == Some(c),
    }
}

fn same_case(matched: &[u8]) -> bool {
    let letters = || matched.iter().filter(|b| b.is_ascii_alphabetic());
    letters().all(u8::is_ascii_uppercase) || letters().all(u8::is_ascii_lowercase)
}

/// Joiners that make one token of their neighbours ("ORD-2024", "1.350", "a@b", "x/y").
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '-' | '/' | '_' | '@' | '\\' | '&' | '=' | ':' | '#' | '\''
    )
}

fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '£' | '€' | '¥' | '₹' | '₩' | '₽' | '¢' | '₺' | '₦' | '₱' | '₪' | '฿'
    )
}

/// Nothing glued before the id; for digit forms also no currency sign, `+` or digit group.
fn left_ok(text: &str, start: usize, digit_form: bool) -> bool {
    let Some(before) = text.get(..start) else {
        return false;
    };
    let mut rev = before.chars().rev();
    let Some(prev) = rev.next() else {
        return true;
    };
    let prev2 = rev.next();
    if prev.is_alphanumeric() || (is_joiner(prev) && prev2.is_some_and(char::is_alphanumeric)) {
        return false;
    }
    if digit_form {
        if is_currency(prev) || prev == '+' {
            return false;
        }
        if prev == ' ' && prev2.is_some_and(|c| c.is_ascii_digit() || is_currency(c)) {
            return false;
        }
    }
    true
}

/// Nothing glued after the id: no letter or digit, joined token, percentage or further group.
fn right_ok(text: &str, end: usize, ends_in_digit: bool) -> bool {
    let Some(after) = text.get(end..) else {
        return false;
    };
    let mut chars = after.chars();
    let Some(next) = chars.next() else {
        return true;
    };
    let next2 = chars.next();
    if next.is_alphanumeric() || next == '%' {
        return false;
    }
    if is_joiner(next) && next2.is_some_and(char::is_alphanumeric) {
        return false;
    }
    !(ends_in_digit && next == ' ' && next2.is_some_and(|c| c.is_ascii_digit() || c == '%'))
}

// ---------------------------------------------------------------------------------------------
// Check characters. Every function gets the uppercased letters and digits of a matched form.

#[cfg(test)]
#[path = "ids_tests.rs"]
mod tests;
