//! IBANs: country code, two check digits and the BBAN, with the registry length of the country
//! and the ISO 7064 mod-97 check. Written compact ("DE89370400440532013000") or with single spaces
//! ("GB82 WEST 1234 5698 7654 32").

use super::PiiKind;
use super::candidate::{Candidate, Strength};
use super::scan::Scan;
use super::token::Class;

/// IBAN length per country (SWIFT IBAN registry).
#[rustfmt::skip]
const LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24), (b"AE", 23), (b"AL", 28), (b"AT", 20), (b"AZ", 28), (b"BA", 20), (b"BE", 16),
    (b"BG", 22), (b"BH", 22), (b"BI", 27), (b"BR", 29), (b"BY", 28), (b"CH", 21), (b"CR", 22),
    (b"CY", 28), (b"CZ", 24), (b"DE", 22), (b"DJ", 27), (b"DK", 18), (b"DO", 28), (b"EE", 20),
    (b"EG", 29), (b"ES", 24), (b"FI", 18), (b"FK", 18), (b"FO", 18), (b"FR", 27), (b"GB", 22),
    (b"GE", 22), (b"GI", 23), (b"GL", 18), (b"GR", 27), (b"GT", 28), (b"HR", 21), (b"HU", 28),
    (b"IE", 22), (b"IL", 23), (b"IQ", 23), (b"IS", 26), (b"IT", 27), (b"JO", 30), (b"KW", 30),
    (b"KZ", 20), (b"LB", 28), (b"LC", 32), (b"LI", 21), (b"LT", 20), (b"LU", 20), (b"LV", 21),
    (b"LY", 25), (b"MC", 27), (b"MD", 24), (b"ME", 22), (b"MK", 19), (b"MN", 20), (b"MR", 27),
    (b"MT", 31), (b"MU", 30), (b"NI", 28), (b"NL", 18), (b"NO", 15), (b"OM", 23), (b"PK", 24),
    (b"PL", 28), (b"PS", 29), (b"PT", 25), (b"QA", 29), (b"RO", 24), (b"RS", 22), (b"RU", 33),
    (b"SA", 24), (b"SC", 31), (b"SD", 18), (b"SE", 24), (b"SI", 19), (b"SK", 24), (b"SM", 27),
    (b"SO", 23), (b"ST", 25), (b"SV", 28), (b"TL", 23), (b"TN", 24), (b"TR", 26), (b"UA", 29),
    (b"VA", 22), (b"VG", 24), (b"XK", 20), (b"YE", 30),
];

const MAX_LEN: usize = 34;
/// Characters a reading aloud may be off by.
const MISREAD: usize = 2;

pub(super) fn find(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(window) = bytes.get(i..i + 4) {
        let starts_iban = matches!(window, [a, b, c, d]
            if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && c.is_ascii_digit() && d.is_ascii_digit());
        if starts_iban
            && !alphanumeric_before(text, i)
            && let Some((end, valid)) = iban_at(text, i)
        {
            // One that fails the check, written in the IBAN's groups of four, is an IBAN still,
            // mistyped by the speaker; run together it may be any code.
            let written = text.get(i..end).unwrap_or_default();
            let grouped = written.contains(' ');
            if valid || grouped {
                // Written in the registry's groups of four ("IE64 BOFI 9000 1723 4587 16"), a
                // mistyped IBAN is as sure as a valid one: its digits are no card number.
                let strength = if valid || in_fours(written) {
                    Strength::Strong
                } else {
                    Strength::Context
                };
                out.push(Candidate::new(PiiKind::Iban, i, end, strength));
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// Groups of four characters but the last, which has one to four: the registry's print form.
fn in_fours(written: &str) -> bool {
    let groups: Vec<&str> = written.split(' ').collect();
    groups.len() >= 3
        && groups
            .split_last()
            .is_some_and(|(last, rest)| (1..=4).contains(&last.len()) && rest.iter().all(|g| g.len() == 4))
}

/// The registry length of an IBAN of `country` ("ES", "IE").
fn length_of(country: [u8; 2]) -> Option<usize> {
    LENGTHS
        .iter()
        .find(|(code, _)| **code == country)
        .map(|(_, len)| *len)
}

/// IBANs read aloud: the country code said as letters ("E S", "CH"), then digits read aloud or
/// written and bank codes spelled ("I E six zero, B O F I, nine zero zero zero, ..."), up to the
/// country's length. A reading that fails the check is still an IBAN (misread or mistyped by
/// the speaker), found with less certainty.
pub(super) fn find_spoken(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    let tokens = &scan.tokens;
    let letter = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.class == Class::Word && t.len() == 1 && t.cap)
            .map(|_| tokens.text(i).as_bytes()[0].to_ascii_uppercase())
    };
    let mut i = 0;
    while i < tokens.len() {
        let (country, next) = match (tokens.get(i), letter(i), letter(i + 1)) {
            (_, Some(a), Some(b)) => ([a, b], i + 2),
            (Some(t), _, _) if t.class == Class::Word && t.upper && t.len() == 2 => {
                let b = tokens.text(i).as_bytes();
                ([b[0], b[1]], i + 1)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(expected) = length_of(country) else {
            i += 1;
            continue;
        };
        // The check digits come right after the country: said, not written in a code.
        if scan.spoken_at(next).is_none() {
            i += 1;
            continue;
        }
        let mut chars: Vec<u8> = country.to_vec();
        let (mut k, mut last) = (next, next);
        while chars.len() < expected && k < tokens.len() {
            let Some(t) = tokens.get(k) else { break };
            if let Some(seq) = scan.spoken_at(k) {
                chars.extend(seq.digits.bytes());
                (last, k) = (seq.last, seq.last + 1);
            } else if let Some(c) = letter(k) {
                chars.push(c);
                (last, k) = (k, k + 1);
            } else if matches!(t.class, Class::Number | Class::Mixed)
                || (t.class == Class::Word && t.upper && t.len() <= 4)
            {
                chars.extend(tokens.text(k).bytes().map(|b| b.to_ascii_uppercase()));
                (last, k) = (k, k + 1);
            } else if tokens.is_punct(k, ',') || tokens.is_punct(k, '-') {
                k += 1;
            } else {
                break;
            }
        }
        // A speaker may drop or repeat a digit: a reading within a few characters of the
        // length is an IBAN still, found with less certainty.
        let near = (expected - MISREAD..=expected + MISREAD).contains(&chars.len());
        if near && chars.iter().all(u8::is_ascii_alphanumeric) {
            let valid = chars.len() == expected && mod97_is_one(&chars);
            let strength = if valid {
                Strength::Strong
            } else {
                Strength::Context
            };
            let (start, end) = (tokens.toks[i].start, tokens.toks[last].end);
            out.push(Candidate::new(PiiKind::Iban, start, end, strength));
            i = last + 1;
        } else {
            i += 1;
        }
    }
}

/// The end of the IBAN starting at `start`, if the characters there have its country's length,
/// and whether they pass the check.
fn iban_at(text: &str, start: usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let country = [
        bytes.get(start)?.to_ascii_uppercase(),
        bytes.get(start + 1)?.to_ascii_uppercase(),
    ];
    let expected = length_of(country)?;

    let mut chars = [0u8; MAX_LEN];
    let mut count = 0;
    let mut pos = start;
    while count < expected {
        let &b = bytes.get(pos)?;
        if b.is_ascii_alphanumeric() {
            *chars.get_mut(count)? = b.to_ascii_uppercase();
            count += 1;
            pos += 1;
        } else if b == b' ' && bytes.get(pos + 1).is_some_and(u8::is_ascii_alphanumeric) {
            pos += 1;
        } else {
            return None;
        }
    }
    if alphanumeric_at(text, pos) {
        return None;
    }
    Some((pos, mod97_is_one(chars.get(..expected)?)))
}

/// ISO 7064 MOD 97-10: move the first four characters to the end, letters become 10..=35.
fn mod97_is_one(iban: &[u8]) -> bool {
    let (head, bban) = iban.split_at(iban.len().min(4));
    let mut rem: u32 = 0;
    for &c in bban.iter().chain(head) {
        rem = match c {
            b'0'..=b'9' => (rem * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(c - b'A') + 10) % 97,
            _ => return false,
        };
    }
    rem == 1
}

fn alphanumeric_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

fn alphanumeric_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod97_accepts_registry_examples_and_rejects_a_typo() {
        assert!(mod97_is_one(b"GB82WEST12345698765432"));
        assert!(mod97_is_one(b"DE89370400440532013000"));
        assert!(!mod97_is_one(b"DE89370400440532013001"));
    }

    fn spoken(text: &str) -> Vec<(Strength, &str)> {
        let scan = Scan::new(text, None, Vec::new(), None);
        let mut out = Vec::new();
        find_spoken(&scan, &mut out);
        out.iter().map(|c| (c.strength, &text[c.start..c.end])).collect()
    }

    #[test]
    fn an_iban_read_aloud_is_found_up_to_its_length() {
        // ES91 2100 0418 4502 0005 1332, the registry's example.
        let es = "E S nueve uno, dos uno cero cero, cero cuatro uno ocho, cuatro cinco cero dos, cero cero cero cinco, uno tres tres dos";
        assert_eq!(spoken(&format!("es {es}, gracias")), [(Strength::Strong, es)]);
        let ie =
            "I E six zero, B O F I, nine zero zero zero, one seven three one, four five four five, six seven";
        assert_eq!(
            spoken(&format!("the full thing is {ie}")),
            [(Strength::Strong, ie)]
        );
        // CH93 0076 2011 6238 5295 7, the registry's example.
        let ch = "CH nove tre, zero zero sette sei, due zero uno uno, sei due tre otto, cinque due nove cinque, sette";
        assert_eq!(spoken(&format!("{ch}, grazie")), [(Strength::Strong, ch)]);
    }

    #[test]
    fn a_reading_off_by_a_digit_or_two_is_an_iban_with_less_certainty() {
        // 23 characters for a 21-character Swiss IBAN: a digit group said twice.
        let ch = "CH zero tre, zero quattro otto tre, cinque zero otto cinque, uno due tre quattro, cinque sei sette otto, zero zero uno";
        assert_eq!(spoken(ch), [(Strength::Context, ch)]);
        // Three characters short is something else.
        assert!(
            spoken("CH nove tre, zero zero sette sei, due zero uno uno, sei due tre otto, cinque due")
                .is_empty()
        );
    }

    #[test]
    fn letters_and_numbers_that_fall_short_are_not_an_iban() {
        assert!(spoken("the E S three model, two of them").is_empty());
        assert!(spoken("I E six zero and then nothing").is_empty());
        assert!(spoken("DE one two three").is_empty());
    }
}
