//! The check characters and shapes of each national id: what makes a run of the right form one.

fn digit(v: &[u8], i: usize) -> Option<u32> {
    v.get(i)
        .filter(|b| b.is_ascii_digit())
        .map(|b| u32::from(b - b'0'))
}

/// The decimal value of `v[from..to]`, if it is all digits.
fn number(v: &[u8], from: usize, to: usize) -> Option<u64> {
    let part = v.get(from..to)?;
    part.iter().try_fold(0u64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
    })
}

/// The sum of `v[from + i] * weights[i]`, if those are all digits.
fn weighted(v: &[u8], from: usize, weights: &[u32]) -> Option<u32> {
    let mut terms = weights.iter().enumerate();
    terms.try_fold(0, |sum, (i, w)| Some(sum + digit(v, from + i)? * w))
}

fn all_same(v: &[u8]) -> bool {
    v.windows(2).all(|w| w.first() == w.last())
}

fn luhn(v: &[u8]) -> bool {
    v.iter().all(u8::is_ascii_digit) && crate::redact::numeric::luhn(v.iter().map(|b| u32::from(b - b'0')))
}

/// A plausible YYMMDD date (any year, February 29 allowed).
fn valid_date(v: &[u8], at: usize) -> bool {
    let (Some(month), Some(day)) = (number(v, at + 2, at + 4), number(v, at + 4, at + 6)) else {
        return false;
    };
    let days = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day) && number(v, at, at + 2).is_some()
}

/// France: sex 1/2 (3, 4, 7, 8 for provisional numbers), month 01-12, 20-42 or 50-99,
/// key = 97 - (first 13 digits mod 97) with Corsica's 2A/2B counted as 19/18.
pub(super) fn nir(v: &[u8]) -> bool {
    if v.len() != 15 || !matches!(v.first(), Some(b'1' | b'2' | b'3' | b'4' | b'7' | b'8')) {
        return false;
    }
    let month_ok = number(v, 3, 5).is_some_and(|m| matches!(m, 1..=12 | 20..=42 | 50..=99));
    let dept = match v.get(5..7) {
        Some(b"2A") => Some(19),
        Some(b"2B") => Some(18),
        _ => number(v, 5, 7).filter(|&d| d != 0),
    };
    let (Some(dept), Some(head), Some(tail), Some(key)) =
        (dept, number(v, 0, 5), number(v, 7, 13), number(v, 13, 15))
    else {
        return false;
    };
    // A 15-digit Amex card number (34/37, Luhn-valid) is a card, not an INSEE number.
    if matches!(v.get(..2), Some(b"34" | b"37")) && luhn(v) {
        return false;
    }
    let n = head * 100_000_000 + dept * 1_000_000 + tail;
    month_ok && key == 97 - n % 97
}

/// Brazil: two mod-11 check digits; all-same-digit numbers are invalid.
pub(super) fn cpf(v: &[u8]) -> bool {
    const WEIGHTS: [u32; 10] = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
    let check = |n: usize| weighted(v, 0, WEIGHTS.get(10 - n..)?).map(|s| s * 10 % 11 % 10);
    v.len() == 11 && !all_same(v) && check(9) == digit(v, 9) && check(10) == digit(v, 10)
}

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

fn dni_letter(n: u64) -> Option<u8> {
    DNI_LETTERS.get(usize::try_from(n % 23).ok()?).copied()
}

/// Spain, DNI: 8 digits and the letter for `number mod 23`.
pub(super) fn dni(v: &[u8]) -> bool {
    v.len() == 9
        && number(v, 0, 8)
            .and_then(dni_letter)
            .is_some_and(|l| v.get(8) == Some(&l))
}

/// Spain, NIE: X/Y/Z (0/1/2), 7 digits and the DNI letter of the whole number.
pub(super) fn nie(v: &[u8]) -> bool {
    let Some(prefix) = b"XYZ".iter().position(|p| v.first() == Some(p)) else {
        return false;
    };
    v.len() == 9
        && number(v, 1, 8)
            .and_then(|n| dni_letter(prefix as u64 * 10_000_000 + n))
            .is_some_and(|l| v.get(8) == Some(&l))
}

/// Singapore NRIC/FIN: weights 2,7,6,5,4,3,2, an offset per series and a letter table.
pub(super) fn nric(v: &[u8]) -> bool {
    let (offset, table): (u32, &[u8; 11]) = match v.first() {
        Some(b'S') => (0, b"JZIHGFEDCBA"),
        Some(b'T') => (4, b"JZIHGFEDCBA"),
        Some(b'F') => (0, b"XWUTRQPNMLK"),
        Some(b'G') => (4, b"XWUTRQPNMLK"),
        // M series (2022): letter "KLJNPQRTUWX"[10 - r], i.e. this reversed table at r.
        Some(b'M') => (3, b"XWUTRQPNJLK"),
        _ => return false,
    };
    let sum = weighted(v, 1, &[2, 7, 6, 5, 4, 3, 2]).map(|s| s + offset);
    v.len() == 9 && sum.and_then(|s| table.get((s % 11) as usize)) == v.get(8)
}

/// Italy, codice fiscale: structure (with omocodia letters for digits), a valid month letter
/// and day, and the odd/even check letter.
pub(super) fn codice_fiscale(v: &[u8]) -> bool {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ];
    const OMOCODIA: &[u8] = b"LMNPQRSTUV";
    let decode = |i: usize| -> Option<u32> {
        let b = *v.get(i)?;
        digit(v, i).or_else(|| OMOCODIA.iter().position(|&o| o == b).map(|p| p as u32))
    };
    if v.len() != 16 || !b"ABCDEHLMPRST".contains(v.get(8).unwrap_or(&0)) {
        return false;
    }
    let day = decode(9).zip(decode(10)).map(|(a, b)| a * 10 + b);
    let digits_ok = [6, 7, 12, 13, 14].iter().all(|&i| decode(i).is_some());
    if !digits_ok || !day.is_some_and(|d| matches!(d, 1..=31 | 41..=71)) {
        return false;
    }
    // Digits count as the letter of the same rank; odd positions (1st, 3rd...) use `ODD`.
    let term = |(i, &b): (usize, &u8)| {
        let value = if b.is_ascii_digit() {
            b - b'0'
        } else {
            b.wrapping_sub(b'A')
        };
        let odd = ODD.get(usize::from(value)).copied();
        if i % 2 == 0 {
            odd
        } else {
            odd.and(Some(u32::from(value)))
        }
    };
    let sum = v
        .iter()
        .take(15)
        .enumerate()
        .try_fold(0, |sum, t| Some(sum + term(t)?));
    sum.is_some_and(|s| v.get(15) == Some(&(b'A' + (s % 26) as u8)))
}

/// Mexico, CURP: name letters, birth date, sex, state code, consonants, and the check digit over
/// the alphabet "0-9 A-N Ñ O-Z".
pub(super) fn curp(v: &[u8]) -> bool {
    const STATES: &[u8] = b"ASBCBSCCCLCMCSCHDFDGGTGRHGJCMCMNMSNTNLOCPLQTQRSPSLSRTCTSTLVZYNZSNE";
    let vowel = |i: usize| v.get(i).is_some_and(|b| b"AEIOU".contains(b));
    let state = v.get(11..13);
    let state_ok = STATES.chunks(2).any(|s| Some(s) == state);
    if v.len() != 18
        || !(vowel(1) || v.get(1) == Some(&b'X'))
        || !valid_date(v, 4)
        || !matches!(v.get(10), Some(b'H' | b'M' | b'X'))
        || !state_ok
        || (13..16).any(vowel)
    {
        return false;
    }
    let value = |b: u8| match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'N' => Some(u32::from(b - b'A') + 10),
        b'O'..=b'Z' => Some(u32::from(b - b'O') + 25),
        _ => None,
    };
    let sum = (0..17).try_fold(0, |sum, i| Some(sum + value(*v.get(i)?)? * (18 - i as u32)));
    sum.is_some_and(|s| digit(v, 17) == Some((10 - s % 10) % 10))
}

/// India, PAN: the fourth letter is the holder type; the serial is not 0000.
pub(super) fn pan(v: &[u8]) -> bool {
    v.len() == 10
        && v.get(3).is_some_and(|b| b"PCHFATBLJG".contains(b))
        && number(v, 5, 9).is_some_and(|n| n != 0)
}

/// UK National Insurance number: official prefix rules (plus HMRC's specimen prefix QQ).
pub(super) fn nino(v: &[u8]) -> bool {
    let (Some(&a), Some(&b)) = (v.first(), v.get(1)) else {
        return false;
    };
    let prefix_ok = (!b"DFIQUV".contains(&a)
        && !b"DFIQUVO".contains(&b)
        && !matches!(&[a, b], b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ"))
        || (a, b) == (b'Q', b'Q');
    v.len() == 9 && prefix_ok && matches!(v.get(8), Some(b'A'..=b'D'))
}

/// India, Aadhaar: first digit 2-9 and a valid Verhoeff check digit.
pub(super) fn aadhaar(v: &[u8]) -> bool {
    // Verhoeff multiplication (dihedral group D5) and permutation tables, row-major.
    const D: &[u8] = concat!(
        "01234567891234067895234017895634012895674012395678",
        "59876043216598710432765982104387659321049876543210"
    )
    .as_bytes();
    const P: &[u8] = b"01234567891576283094580379614289160435279453127860428657390127938064157046913258";
    if v.len() != 12 || !matches!(v.first(), Some(b'2'..=b'9')) || all_same(v) {
        return false;
    }
    let mut c = 0;
    for (i, b) in v.iter().rev().enumerate() {
        let p = P.get(i % 8 * 10 + usize::from(b.wrapping_sub(b'0')));
        let Some(next) = p.and_then(|p| D.get(c * 10 + usize::from(p - b'0'))) else {
            return false;
        };
        c = usize::from(next - b'0');
    }
    c == 0
}

/// Switzerland, AHV/AVS: 756 and an EAN-13 check digit.
pub(super) fn ahv(v: &[u8]) -> bool {
    let sum = weighted(v, 0, &[1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]);
    v.len() == 13 && v.starts_with(b"756") && digit(v, 12) == sum.map(|s| (10 - s % 10) % 10)
}

/// South Africa: YYMMDD birth date, citizenship 0/1/2, Luhn.
pub(super) fn za(v: &[u8]) -> bool {
    v.len() == 13 && valid_date(v, 0) && matches!(v.get(10), Some(b'0'..=b'2')) && luhn(v)
}

/// Belgium: YYMMDD (month +20/+40 for bis numbers, 00 for unknown parts), serial, and
/// 97 - (first 9 digits mod 97), with a leading 2 for those born from 2000.
pub(super) fn belgian(v: &[u8]) -> bool {
    let month_ok = number(v, 2, 4).is_some_and(|m| matches!(m, 0..=12 | 20..=32 | 40..=52));
    let day_ok = number(v, 4, 6).is_some_and(|d| d <= 31);
    let (Some(n), Some(check)) = (number(v, 0, 9), number(v, 9, 11)) else {
        return false;
    };
    v.len() == 11
        && month_ok
        && day_ok
        && !all_same(v)
        && (check == 97 - n % 97 || check == 97 - (2_000_000_000 + n) % 97)
}

/// Germany, Steuer-ID: no leading 0; in the first ten digits exactly one digit occurs twice or
/// three times (three not in a row) and the others at most once; ISO 7064 MOD 11,10 check digit.
pub(super) fn steuer(v: &[u8]) -> bool {
    if v.len() != 11 || v.first() == Some(&b'0') {
        return false;
    }
    let mut counts = [0u8; 10];
    let mut product = 10;
    for i in 0..10 {
        let Some(d) = digit(v, i) else {
            return false;
        };
        if let Some(c) = counts.get_mut(d as usize) {
            *c += 1;
        }
        let sum = match (d + product) % 10 {
            0 => 10,
            s => s,
        };
        product = sum * 2 % 11;
    }
    let repeated = counts.iter().filter(|&&c| c >= 2).count();
    let max = counts.iter().copied().max().unwrap_or(0);
    let triple_in_row = v.get(..10).is_some_and(|h| h.windows(3).any(all_same));
    let check = (11 - product) % 10;
    repeated == 1 && max <= 3 && !(max == 3 && triple_in_row) && digit(v, 10) == Some(check)
}

/// A 3-3-3 group containing "000" is an amount ("125 000 000"), not a SIN or TFN.
fn has_zero_group(v: &[u8]) -> bool {
    v.chunks(3).any(|g| g == b"000")
}

/// Canada, SIN: Luhn; first digit not 0 (fictitious) or 8 (business numbers).
pub(super) fn sin(v: &[u8]) -> bool {
    v.len() == 9 && !matches!(v.first(), Some(b'0' | b'8')) && !has_zero_group(v) && luhn(v)
}

/// Australia, TFN: weights 1,4,3,7,5,8,6,9,10, sum divisible by 11.
pub(super) fn tfn(v: &[u8]) -> bool {
    let sum = weighted(v, 0, &[1, 4, 3, 7, 5, 8, 6, 9, 10]);
    v.len() == 9 && !all_same(v) && !has_zero_group(v) && sum.is_some_and(|s| s % 11 == 0)
}
