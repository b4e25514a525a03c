//! Postcodes and regions of the countries whose addresses the redactor reads: US ZIP, Canada,
//! UK, Ireland (Eircode), Netherlands, Portugal, Brazil, Australia, and the 4- and 5-digit codes
//! of Germany, France, Spain, Italy, Austria, Switzerland and Belgium.

use super::token::{Class, Tokens};
use crate::word_hash::WordMap;

/// How sure a postcode shape is on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Unambiguous: UK "BS6 7BR", Canada "K1A 0B1", Eircode "D02 X285", NL "1015 CJ".
    Distinct,
    /// Plain digits ("50674", "2000", "43215", "1100-053"): a postcode only next to a street
    /// line, a city or a region.
    Digits,
}

/// The postcode starting at token `i`: its last token and its shape.
pub(crate) fn at(tokens: &Tokens<'_>, i: usize) -> Option<(usize, Shape)> {
    let t = tokens.get(i)?;
    let text = tokens.text(i);
    let next = tokens
        .get(i + 1)
        .filter(|n| n.space_before || n.class == Class::Punct);
    let next_text = tokens.text(i + 1);
    match t.class {
        Class::Mixed => {
            // UK outward + inward, Canada FSA + LDU, Eircode routing key + identifier.
            if next.is_some_and(|n| n.space_before && n.class != Class::Punct) {
                if uk_outward(text) && uk_inward(next_text) {
                    return Some((i + 1, Shape::Distinct));
                }
                if canada_fsa(text) && canada_ldu(next_text) {
                    return Some((i + 1, Shape::Distinct));
                }
                if eircode_key(text) && eircode_id(next_text) {
                    return Some((i + 1, Shape::Distinct));
                }
            }
            // Written without the space: "BS67BR", "K1A0B1", "1015CJ".
            if let Some(split) = text.len().checked_sub(3)
                && let (Some(out), Some(inw)) = (text.get(..split), text.get(split..))
                && ((uk_outward(out) && uk_inward(inw)) || (canada_fsa(out) && canada_ldu(inw)))
            {
                return Some((i, Shape::Distinct));
            }
            if text.len() == 6
                && text.get(..4).is_some_and(dutch_digits)
                && text.get(4..).is_some_and(dutch_letters)
            {
                return Some((i, Shape::Distinct));
            }
            None
        }
        Class::Number => {
            let digits = text.len();
            // NL: "1015 CJ".
            if digits == 4
                && dutch_digits(text)
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.space_before && n.class == Class::Word)
                && dutch_letters(next_text)
            {
                // "3817 KD 141": the house number after the postcode, as the Dutch give both.
                let house = tokens.get(i + 2).is_some_and(|n| {
                    n.space_before && n.class == Class::Number && tokens.text(i + 2).len() <= 4
                });
                return Some((if house { i + 2 } else { i + 1 }, Shape::Distinct));
            }
            // PT "1100-053", BR "01310-100", US ZIP+4 "43215-1234".
            if tokens.is_punct(i + 1, '-')
                && tokens
                    .get(i + 2)
                    .is_some_and(|n| n.class == Class::Number && !n.space_before)
                && tokens.get(i + 1).is_some_and(|p| !p.space_before)
            {
                let tail = tokens.text(i + 2).len();
                if matches!((digits, tail), (4, 3) | (5, 3) | (5, 4)) {
                    return Some((i + 2, Shape::Digits));
                }
            }
            // India's 6-digit PIN "560 034" is read as two groups.
            if (4..=6).contains(&digits) {
                return Some((i, Shape::Digits));
            }
            None
        }
        _ => None,
    }
}

fn is_upper_or_lower_alnum(s: &str) -> bool {
    let letters = s.chars().filter(char::is_ascii_alphabetic);
    let all_upper = letters.clone().all(|c| c.is_ascii_uppercase());
    let all_lower = letters.clone().all(|c| c.is_ascii_lowercase());
    all_upper || all_lower
}

/// "BS6", "SW1A", "M1", "EC1A", "W1J".
fn uk_outward(s: &str) -> bool {
    let b = s.as_bytes();
    if !(2..=4).contains(&b.len()) || !is_upper_or_lower_alnum(s) {
        return false;
    }
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) {
        return false;
    }
    let rest = b.get(letters..).unwrap_or_default();
    match rest {
        [d] => d.is_ascii_digit(),
        [d, x] => d.is_ascii_digit() && x.is_ascii_alphanumeric(),
        _ => false,
    }
}

/// "7BR": a digit and two letters (not C, I, K, M, O, V).
fn uk_inward(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b, [d, x, y] if d.is_ascii_digit()
        && [x, y].iter().all(|c| c.is_ascii_alphabetic() && !b"CIKMOVcikmov".contains(c)))
        && is_upper_or_lower_alnum(s)
}

/// "K1A": letter, digit, letter (first letter of a Canadian province's codes).
fn canada_fsa(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b, [a, d, c] if b"ABCEGHJKLMNPRSTVXYabceghjklmnprstvxy".contains(a) && d.is_ascii_digit() && c.is_ascii_alphabetic())
        && is_upper_or_lower_alnum(s)
}

/// "0B1": digit, letter, digit.
fn canada_ldu(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b, [d, a, e] if d.is_ascii_digit() && a.is_ascii_alphabetic() && e.is_ascii_digit())
}

/// "D02", "T12", "D6W": an Eircode routing key.
fn eircode_key(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b, [a, x, y] if b"ACDEFHKNPRTVWXYacdefhknprtvwxy".contains(a) && x.is_ascii_digit() && (y.is_ascii_digit() || matches!(y, b'W' | b'w')))
}

/// "X285", "AE98": four characters with at least one letter.
fn eircode_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.iter().any(u8::is_ascii_alphabetic)
        && b.iter().any(u8::is_ascii_digit)
        && is_upper_or_lower_alnum(s)
}

fn dutch_digits(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

/// Two capital letters, except the ones that are units ("1500 MB", "2000 KM").
fn dutch_letters(s: &str) -> bool {
    s.len() == 2
        && s.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(
            s,
            "SA" | "SD"
                | "SS"
                | "MB"
                | "GB"
                | "KB"
                | "TB"
                | "KM"
                | "CM"
                | "MM"
                | "KG"
                | "ML"
                | "AM"
                | "PM"
                | "HZ"
                | "KW"
                | "MW"
                | "CC"
                | "ST"
                | "ND"
                | "RD"
                | "TH"
        )
}

/// A postcode said letter by letter and digit by digit: "B S six seven B R", "T one two, K
/// seven P four", "G twelve, nine T Z". Its last token, when the letters and digits read
/// together make a UK, Irish, Canadian or Dutch postcode.
pub(crate) fn spelled_at(scan: &super::scan::Scan<'_>, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    // A spelled postcode starts with a letter said on its own.
    if !tokens
        .get(i)
        .is_some_and(|t| t.class == Class::Word && t.len() == 1)
    {
        return None;
    }
    // "I think", "a lot": a letter before a word that is no letter and starts no number, or
    // before punctuation other than a comma, reads one letter only.
    let reads_on = tokens.get(i + 1).is_some_and(|n| match n.class {
        Class::Word => n.len() == 1 || n.number_start,
        Class::Punct => tokens.is_punct(i + 1, ','),
        _ => true,
    });
    if !reads_on {
        return None;
    }
    let mut code = String::new();
    let mut spelled_letters = 0;
    let mut last = None;
    let mut k = i;
    while code.len() < 8 {
        if let Some(seq) = scan.spoken_at(k) {
            code.push_str(&seq.digits);
            last = Some(seq.last);
            k = seq.last + 1;
            continue;
        }
        // A single digit said as a word: "K seven P four".
        if let Some((digit, end)) =
            super::numbers::cardinal_at(tokens, k).filter(|(v, end)| *v < 10 && *end == k)
        {
            code.push_str(&digit.to_string());
            last = Some(end);
            k = end + 1;
            continue;
        }
        let Some(t) = tokens.get(k) else { break };
        let text = tokens.text(k);
        match t.class {
            Class::Word if text.chars().count() == 1 && text.chars().all(|c| c.is_ascii_alphabetic()) => {
                code.push_str(&text.to_ascii_uppercase());
                spelled_letters += 1;
            }
            Class::Number | Class::Mixed if text.len() <= 4 => code.push_str(&text.to_ascii_uppercase()),
            Class::Punct if last.is_some() && text == "," => {
                k += 1;
                continue;
            }
            _ => break,
        }
        last = Some(k);
        k += 1;
    }
    let last = last?;
    let letters = code.chars().filter(char::is_ascii_alphabetic).count();
    let digits = code.chars().filter(char::is_ascii_digit).count();
    if spelled_letters == 0 || letters < 2 || digits < 2 || !(5..=7).contains(&code.len()) {
        return None;
    }
    let split = code.len() - 3;
    let (head, rest) = (code.get(..split)?, code.get(split..)?);
    let uk = uk_outward(head) && uk_inward(rest);
    let canada = code.len() == 6 && canada_fsa(code.get(..3)?) && canada_ldu(code.get(3..)?);
    let eircode = code.len() == 7 && eircode_key(code.get(..3)?) && eircode_id(code.get(3..)?);
    (uk || canada || eircode).then_some(last)
}

/// A postcode of digits said aloud, where an address is being given: five digits ("trois
/// trois huit zéro zéro", "null acht eins fünf null"), or four and then three digits or two
/// letters ("quatro mil e cem, cento e doze", "mil e cem zero cinquenta e três", "drie nul één
/// vijf, G A"). Its last token.
pub(crate) fn said_at(scan: &super::scan::Scan<'_>, i: usize) -> Option<usize> {
    let tokens = &scan.tokens;
    let (head, last) = number_said_at(scan, i)?;
    match head.len() {
        // Portugal's "4100-112" read as one run: "quatro mil e cem, cento e doze".
        5 | 7 => Some(last),
        4 => {
            let mut k = last + 1;
            if tokens.is_punct(k, ',') || tokens.is_punct(k, '-') || tokens.is_one_of(k, DASH_WORDS) {
                k += 1;
            }
            if let Some((_, end)) = number_said_at(scan, k).filter(|(d, _)| d.len() == 3) {
                return Some(end);
            }
            // Dutch: four digits and two letters ("G A"; in lowercase speech "g a" or "ab").
            let lowercase = tokens.lowercase;
            let letter = |k: usize| {
                tokens
                    .get(k)
                    .is_some_and(|t| t.class == Class::Word && t.len() == 1 && (t.cap || lowercase))
            };
            if letter(k) && letter(k + 1) {
                return Some(k + 1);
            }
            // Where the text ends or a town follows ("ab utrecht"; "en" before "mijn" is a word).
            let g = super::gazetteer::get();
            let ends_or_town = |k: usize| {
                tokens.get(k).is_none_or(|t| {
                    t.class == Class::Punct
                        || (t.class == Class::Word
                            && !super::numbers::is_number_word(tokens, k)
                            && !g.is_stopword(&tokens.lower(k)))
                })
            };
            let pair = tokens
                .get(k)
                .is_some_and(|t| t.class == Class::Word && t.len() == 2)
                && !super::numbers::is_number_word(tokens, k);
            if lowercase && pair && ends_or_town(k + 1) {
                return Some(k);
            }
            // Four digits alone (Australia, New Zealand, Austria, Switzerland, Belgium,
            // Denmark), where the text ends or a town follows: "wellington six zero one one",
            // "acht null eins null graz".
            ends_or_town(last + 1).then_some(last)
        }
        // A Brazilian CEP read as one run after its label: "cep zero um três um zero cem".
        8 if i.checked_sub(1).is_some_and(|p| tokens.is_one_of(p, &["cep"])) => Some(last),
        _ => None,
    }
}

/// Words for a dash said inside a code: "traço", "hífen", "guion", "tiret", "Strich".
pub(crate) const DASH_WORDS: &[&str] = &[
    "dash", "hyphen", "traço", "hífen", "hifen", "guion", "guión", "tiret", "strich", "trattino", "streepje",
];

/// The digits of a number said at `i` (digit by digit or as a cardinal from 100) and its last
/// token; "zero" and a cardinal under a hundred are three digits ("zero cinquenta e três").
pub(crate) fn number_said_at(scan: &super::scan::Scan<'_>, i: usize) -> Option<(String, usize)> {
    let tokens = &scan.tokens;
    if let Some(seq) = scan.spoken_at(i) {
        // "zero" then a cardinal: "zero cinquenta e três" is 053.
        if seq.digits == "0"
            && let Some((value, end)) = super::numbers::cardinal_at(tokens, seq.last + 1)
            && value < 100
        {
            return Some((format!("0{value:02}"), end));
        }
        return Some((seq.digits.clone(), seq.last));
    }
    if let Some(rest) = rest_of_run(scan, i) {
        return Some(rest);
    }
    // A connective is no number's first word ("é quatro mil" is "is four thousand").
    if tokens.is_one_of(i, &["e", "é", "y", "et", "und", "and", "en"]) {
        return None;
    }
    let (value, end) = super::numbers::cardinal_at(tokens, i)?;
    (100..=99999).contains(&value).then(|| (value.to_string(), end))
}

/// The digits said one by one from token `i` to the end of the spoken run `i` is inside of:
/// a unit's number read together with the postcode after it ("interno quattordici zero zero
/// uno nove due": 14, then 00192).
fn rest_of_run(scan: &super::scan::Scan<'_>, i: usize) -> Option<(String, usize)> {
    let k = scan.spoken.partition_point(|s| s.first < i);
    let run = scan.spoken.get(k.checked_sub(1)?).filter(|s| s.last >= i)?;
    // Only the rest of a run that a house or unit number opens: a unit's word before it, or
    // a number of two digits or more said as one word ("vierundachtzig fünf null neun drei
    // neun": 84, then 50939).
    let unit = run
        .first
        .checked_sub(1)
        .is_some_and(|u| scan.tokens.has(u, super::words::ADDRESS_UNIT));
    let house = super::numbers::cardinal_at(&scan.tokens, run.first)
        .is_some_and(|(v, end)| v >= 10 && end == run.first);
    // Right after that number, or after a comma: "zweiundvierzig, fünf null sechs sieben vier".
    let next = run.first + 1 + usize::from(scan.tokens.is_punct(run.first + 1, ','));
    if !(unit || house) || next != i {
        return None;
    }
    let mut digits = String::new();
    // Digits one by one, or in pairs: "zero zero uno ottantatré" is 00183.
    for k in i..=run.last {
        let (value, end) = super::numbers::small_cardinal_at(&scan.tokens, k)?;
        if value > 99 || end != k {
            return None;
        }
        digits.push_str(&value.to_string());
    }
    Some((digits, run.last))
}

/// A region that ends an address: US states, Canadian provinces, Australian states, Irish
/// counties written "Co. Cork" are handled by the caller; returns the last token.
pub(crate) fn region_at(tokens: &Tokens<'_>, i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    if t.class != Class::Word || !t.cap {
        return None;
    }
    let text = tokens.text(i);
    if t.upper && REGION_CODES.contains(&text) {
        return Some(i);
    }
    let lower = tokens.lower(i);
    let rests = REGIONS_BY_HEAD.get(lower.as_ref())?;
    rests.iter().find_map(|rest| {
        rest.iter()
            .enumerate()
            .all(|(k, word)| tokens.lower(i + 1 + k) == *word)
            .then_some(i + rest.len())
    })
}

/// The region names by their first word, with the words that follow it: one lookup per
/// capitalised word instead of a pass over every region.
static REGIONS_BY_HEAD: std::sync::LazyLock<WordMap<&'static str, Vec<Vec<&'static str>>>> =
    std::sync::LazyLock::new(|| {
        let mut map: WordMap<&'static str, Vec<Vec<&'static str>>> = WordMap::default();
        for name in REGION_NAMES {
            let mut words = name.split(' ');
            if let Some(head) = words.next() {
                map.entry(head).or_default().push(words.collect());
            }
        }
        // Longer names first: "new south wales" before "new".
        for rests in map.values_mut() {
            rests.sort_by_key(|r| std::cmp::Reverse(r.len()));
        }
        map
    });

#[rustfmt::skip]
const REGION_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE", "YT", "NT", "NU",
    "NSW", "VIC", "QLD", "TAS", "ACT",
];

#[rustfmt::skip]
const REGION_NAMES: &[&str] = &[
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
    "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
    "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
    "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
    "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
    "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
    "virginia", "washington", "west virginia", "wisconsin", "wyoming", "ontario", "quebec", "québec",
    "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia", "new brunswick",
    "newfoundland", "prince edward island", "yukon", "new south wales", "victoria", "queensland",
    "tasmania", "western australia", "south australia", "northern territory", "auckland",
    "wellington", "canterbury", "otago", "waikato", "gauteng", "western cape", "kwazulu-natal",
    "maharashtra", "karnataka", "tamil nadu", "kerala", "delhi", "telangana", "gujarat",
    "west bengal", "uttar pradesh", "rajasthan", "haryana", "punjab",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Option<(String, Shape)> {
        let tokens = Tokens::new(text);
        at(&tokens, 0).map(|(last, shape)| {
            let end = tokens.get(last).unwrap().end;
            (text[..end].to_owned(), shape)
        })
    }

    #[test]
    fn distinct_postcodes() {
        for code in [
            "BS6 7BR", "SW1A 1AA", "M1 1AE", "bs6 7br", "K1A 0B1", "D02 X285", "1015 CJ", "BS67BR",
        ] {
            assert_eq!(
                shape(&format!("{code} x")),
                Some((code.to_owned(), Shape::Distinct)),
                "{code}"
            );
        }
    }

    #[test]
    fn digit_postcodes_and_look_alikes() {
        assert_eq!(shape("50674 Köln").map(|s| s.1), Some(Shape::Digits));
        assert_eq!(shape("1100-053 Lisboa").map(|s| s.0), Some("1100-053".into()));
        assert_eq!(shape("01310-100").map(|s| s.0), Some("01310-100".into()));
        for text in [
            "1500 MB",
            "2000 KM",
            "12 units",
            "1234567",
            "AB12 3CD4",
            "Q3 2024",
        ] {
            assert_ne!(shape(text).map(|s| s.1), Some(Shape::Distinct), "{text}");
        }
    }

    #[test]
    fn regions() {
        let tokens = Tokens::new("Columbus, Ohio 43215 or New South Wales or OH");
        assert_eq!(region_at(&tokens, 2), Some(2));
        assert_eq!(region_at(&tokens, 5), Some(7));
        assert_eq!(region_at(&tokens, 9), Some(9));
        assert_eq!(region_at(&tokens, 0), None);
    }
}
