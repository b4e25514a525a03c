use super::days::{ORDINALS, french_ordinal, germanic_ordinal, stem_ordinal};
use super::*;

/// A found date as (covered text, day, month, year).
type Found<'a> = (&'a str, Option<u8>, Option<u8>, Option<i32>);

fn dates(text: &str) -> Vec<Found<'_>> {
    find(&Tokens::new(text))
        .into_iter()
        .map(|d| (text.get(d.start..d.end).unwrap_or("?"), d.day, d.month, d.year))
        .collect()
}

/// The single date of `text`.
fn one(text: &str) -> Found<'_> {
    let found = dates(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap_or(("", None, None, None))
}

fn full(span: &str, day: u8, month: u8, year: i32) -> Found<'_> {
    (span, Some(day), Some(month), Some(year))
}

#[test]
fn numeric_dates() {
    assert_eq!(one("born 03/06/1984 in"), full("03/06/1984", 3, 6, 1984));
    assert_eq!(one("3/6/84."), full("3/6/84", 3, 6, 84));
    assert_eq!(one("am 03.06.1984"), full("03.06.1984", 3, 6, 1984));
    assert_eq!(one("3.6.1984"), full("3.6.1984", 3, 6, 1984));
    assert_eq!(one("1984-06-03"), full("1984-06-03", 3, 6, 1984));
    assert_eq!(one("03-06-1984"), full("03-06-1984", 3, 6, 1984));
    assert_eq!(one("06/03/84"), full("06/03/84", 6, 3, 84));
    // Month first only when the second part cannot be a month.
    assert_eq!(one("06/13/84"), full("06/13/84", 13, 6, 84));
    assert_eq!(one("born 03 06 1984"), full("03 06 1984", 3, 6, 1984));
}

#[test]
fn numeric_look_alikes_are_not_dates() {
    for text in [
        "it was 3.50",
        "€12.50",
        "1.350,00",
        "at 10:30",
        "3 pm",
        "version 10.2.3",
        "0171 2345678",
        "06 12 34 56 78",
        "06-12-34-56-78",
        "192.168.1.20",
        "3 days",
        "24 months",
        "50% of 2019",
        "12 05 84",
        "31/02/2020",
        "13/13/2020",
        "1.000.000",
        "in 2019",
        "0123-06-03",
        "3 delivery 5 de 1984",
    ] {
        assert_eq!(dates(text), [], "{text}");
    }
}

#[test]
fn english_month_names() {
    assert_eq!(one("on June 3rd, 1984 we"), full("June 3rd, 1984", 3, 6, 1984));
    assert_eq!(one("June 3 1984"), full("June 3 1984", 3, 6, 1984));
    assert_eq!(one("3 June 1984"), full("3 June 1984", 3, 6, 1984));
    assert_eq!(one("the 3rd of June 1984"), full("3rd of June 1984", 3, 6, 1984));
    assert_eq!(
        one("born the third of June, nineteen eighty-four."),
        full("third of June, nineteen eighty-four", 3, 6, 1984)
    );
    assert_eq!(one("June the third"), ("June the third", Some(3), Some(6), None));
    assert_eq!(one("June 3rd"), ("June 3rd", Some(3), Some(6), None));
    assert_eq!(one("in June 1984"), ("June 1984", None, Some(6), Some(1984)));
    assert_eq!(one("June of 1984"), ("June of 1984", None, Some(6), Some(1984)));
    assert_eq!(one("June '84"), ("June '84", None, Some(6), Some(84)));
    assert_eq!(one("3 June '84"), full("3 June '84", 3, 6, 84));
    assert_eq!(
        one("May 5th, two thousand and one"),
        full("May 5th, two thousand and one", 5, 5, 2001)
    );
    assert_eq!(
        one("twenty first of June"),
        ("twenty first of June", Some(21), Some(6), None)
    );
    assert_eq!(
        one("June twenty-first"),
        ("June twenty-first", Some(21), Some(6), None)
    );
    assert_eq!(
        one("June twenty nineteen"),
        ("June twenty nineteen", None, Some(6), Some(2019))
    );
    assert_eq!(
        one("June twenty one nineteen eighty four"),
        full("June twenty one nineteen eighty four", 21, 6, 1984)
    );
    assert_eq!(one("Feb. 3, 1984"), full("Feb. 3, 1984", 3, 2, 1984));
    assert_eq!(
        one("the fourteenth of February nineteen sixty-seven"),
        full("fourteenth of February nineteen sixty-seven", 14, 2, 1967)
    );
    assert_eq!(one("Jan 3"), ("Jan 3", Some(3), Some(1), None));
    assert_eq!(one("janv. 2020"), ("janv. 2020", None, Some(1), Some(2020)));
    assert_eq!(one("3 fev 1984"), full("3 fev 1984", 3, 2, 1984));
    assert_eq!(one("3 mrt 1984"), full("3 mrt 1984", 3, 3, 1984));
    assert_eq!(one("12 mag. 1967"), full("12 mag. 1967", 12, 5, 1967));
    assert_eq!(one("3 Sept 2019"), full("3 Sept 2019", 3, 9, 2019));
    assert_eq!(one("Sept. 3"), ("Sept. 3", Some(3), Some(9), None));
}

#[test]
fn english_month_words_need_a_real_date_around_them() {
    for text in [
        "May I ask who is calling?",
        "April called yesterday",
        "Mark said so",
        "March",
        "we march 3 miles",
        "you may 2 times",
        "I may two",
        "Sept 3",
        "2 out 3",
        "mar 3",
        "in 2019",
        "3 days in June",
        "June 31",
        "February 30th",
    ] {
        assert_eq!(dates(text), [], "{text}");
    }
    assert_eq!(one("March 3"), ("March 3", Some(3), Some(3), None));
    assert_eq!(one("march 3rd"), ("march 3rd", Some(3), Some(3), None));
    assert_eq!(one("may 2019"), ("may 2019", None, Some(5), Some(2019)));
    assert_eq!(
        one("the fourth of may"),
        ("fourth of may", Some(4), Some(5), None)
    );
}

#[test]
fn spanish_and_portuguese() {
    assert_eq!(
        one("el 14 de febrero de 1967"),
        full("14 de febrero de 1967", 14, 2, 1967)
    );
    assert_eq!(
        one("el catorce de febrero de mil novecientos sesenta y siete"),
        full(
            "catorce de febrero de mil novecientos sesenta y siete",
            14,
            2,
            1967
        )
    );
    assert_eq!(one("junio de 1984"), ("junio de 1984", None, Some(6), Some(1984)));
    assert_eq!(
        one("primero de mayo"),
        ("primero de mayo", Some(1), Some(5), None)
    );
    assert_eq!(one("tres de marzo"), ("tres de marzo", Some(3), Some(3), None));
    assert_eq!(one("3 de junho de 1984"), full("3 de junho de 1984", 3, 6, 1984));
    assert_eq!(one("1º de maio"), ("1º de maio", Some(1), Some(5), None));
    assert_eq!(one("3° de março"), ("3° de março", Some(3), Some(3), None));
    assert_eq!(
        one("nasceu a dezassete do onze de setenta e um"),
        full("dezassete do onze de setenta e um", 17, 11, 71)
    );
    assert_eq!(one("3 del 6 de 1984"), full("3 del 6 de 1984", 3, 6, 1984));
    assert_eq!(one("3 dez 2019"), full("3 dez 2019", 3, 12, 2019));
    assert_eq!(dates("dez de nós"), []);
}

#[test]
fn french() {
    assert_eq!(one("le 3 juin 1984"), full("3 juin 1984", 3, 6, 1984));
    assert_eq!(one("3 juin"), ("3 juin", Some(3), Some(6), None));
    assert_eq!(one("le 1er janvier"), ("1er janvier", Some(1), Some(1), None));
    assert_eq!(
        one("le premier janvier deux mille"),
        full("premier janvier deux mille", 1, 1, 2000)
    );
    assert_eq!(
        one("vingt et un juin"),
        ("vingt et un juin", Some(21), Some(6), None)
    );
    assert_eq!(
        one("trente et un décembre"),
        ("trente et un décembre", Some(31), Some(12), None)
    );
    assert_eq!(one("sept juin"), ("sept juin", Some(7), Some(6), None));
    assert_eq!(one("14 févr. 1967"), full("14 févr. 1967", 14, 2, 1967));
    assert_eq!(
        one("le trois mai mille neuf cent quatre-vingt-quatre"),
        full("trois mai mille neuf cent quatre-vingt-quatre", 3, 5, 1984)
    );
}

#[test]
fn german() {
    assert_eq!(one("14. Februar 1967"), full("14. Februar 1967", 14, 2, 1967));
    assert_eq!(
        one("am vierzehnten Februar neunzehnhundertsiebenundsechzig"),
        full("vierzehnten Februar neunzehnhundertsiebenundsechzig", 14, 2, 1967)
    );
    assert_eq!(one("am 3. Mai"), ("3. Mai", Some(3), Some(5), None));
    assert_eq!(one("3. Jänner 2020"), full("3. Jänner 2020", 3, 1, 2020));
    assert_eq!(one("am ersten März"), ("ersten März", Some(1), Some(3), None));
    assert_eq!(
        one("am dritten Okt. 2019"),
        full("dritten Okt. 2019", 3, 10, 2019)
    );
    assert_eq!(
        one("einundzwanzigsten Juni"),
        ("einundzwanzigsten Juni", Some(21), Some(6), None)
    );
    assert_eq!(one("im Juni 1984"), ("Juni 1984", None, Some(6), Some(1984)));
}

#[test]
fn italian() {
    assert_eq!(one("il 14 febbraio 1967"), full("14 febbraio 1967", 14, 2, 1967));
    assert_eq!(
        one("il 14 febbraio del 1967"),
        full("14 febbraio del 1967", 14, 2, 1967)
    );
    assert_eq!(
        one("quattordici febbraio millenovecentosessantasette"),
        full("quattordici febbraio millenovecentosessantasette", 14, 2, 1967)
    );
    assert_eq!(one("primo maggio"), ("primo maggio", Some(1), Some(5), None));
    assert_eq!(
        one("l'undici febbraio"),
        ("l'undici febbraio", Some(11), Some(2), None)
    );
    assert_eq!(one("3 gen. 2020"), full("3 gen. 2020", 3, 1, 2020));
    assert_eq!(dates("non è mai 3 volte"), []);
}

#[test]
fn dutch() {
    assert_eq!(one("3 juni 1984"), full("3 juni 1984", 3, 6, 1984));
    assert_eq!(
        one("drie juni negentienvierentachtig"),
        full("drie juni negentienvierentachtig", 3, 6, 1984)
    );
    assert_eq!(
        one("derde juni negentien vierentachtig"),
        full("derde juni negentien vierentachtig", 3, 6, 1984)
    );
    assert_eq!(
        one("eenentwintigste mrt"),
        ("eenentwintigste mrt", Some(21), Some(3), None)
    );
    assert_eq!(one("achtste mei"), ("achtste mei", Some(8), Some(5), None));
}

#[test]
fn several_dates_in_text_order() {
    let text = "From 3 June 1984 to 04/07/1985, then March 2020.";
    assert_eq!(
        dates(text),
        [
            full("3 June 1984", 3, 6, 1984),
            full("04/07/1985", 4, 7, 1985),
            ("March 2020", None, Some(3), Some(2020)),
        ]
    );
    let tokens = Tokens::new(text);
    let found = find(&tokens);
    assert_eq!((found[0].first, found[0].last), (1, 3));
    assert_eq!((found[0].start, found[0].end), (5, 16));
}

#[test]
fn ordinal_words() {
    for (word, value) in [
        ("third", 3),
        ("twenty-first", 21),
        ("thirtieth", 30),
        ("vierzehnten", 14),
        ("sechste", 6),
        ("achten", 8),
        ("zwanzigsten", 20),
        ("negentiende", 19),
        ("tweede", 2),
        ("eenendertigste", 31),
    ] {
        assert_eq!(
            stem_ordinal(word).or_else(|| ORDINALS.exact(word.as_bytes()).map(|v| u64::from(v.0))),
            Some(value),
            "{word}"
        );
    }
    assert_eq!(french_ordinal("trois"), Some(3));
    assert_eq!(french_ordinal("cinqu"), Some(5));
    assert_eq!(french_ordinal("neuv"), Some(9));
    assert_eq!(french_ordinal("vingt-et-un"), Some(21));
    assert_eq!(germanic_ordinal("seite"), None);
    assert_eq!(germanic_ordinal("unter"), None);
}

/// Deterministic pseudo-random texts of date parts, numbers, punctuation and words.
fn noise(seed: u64, len: usize) -> String {
    const PARTS: &[&str] = &[
        "June",
        "3",
        "3rd",
        "of",
        "de",
        "do",
        "del",
        "the",
        "1984",
        "'",
        "84",
        ".",
        ",",
        "/",
        "-",
        ":",
        "14",
        "Februar",
        "febrero",
        "mar",
        "Sept",
        "twenty",
        "first",
        "nineteen",
        "eighty-four",
        "mil",
        "el",
        "am",
        "vierzehnten",
        "l'undici",
        "°",
        "º",
        "1er",
        "31",
        "02",
        "2020",
        "May",
        "I",
        "onze",
        "dezassete",
        "   ",
    ];
    let mut state = seed;
    let mut text = String::new();
    for _ in 0..len {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        text.push_str(PARTS[(state >> 33) as usize % PARTS.len()]);
        if state & 1 == 0 {
            text.push(' ');
        }
    }
    text
}

#[test]
fn never_panics_and_mentions_are_ordered_disjoint_and_valid() {
    for seed in 0..400 {
        let text = noise(seed, 60);
        let found = find(&Tokens::new(&text));
        for pair in found.windows(2) {
            assert!(pair[0].last < pair[1].first, "{text}");
        }
        for date in &found {
            assert!(date.first <= date.last && date.start < date.end && date.end <= text.len());
            assert!(date.day.is_none_or(|d| (1..=31).contains(&d)));
            assert!(date.month.is_some_and(|m| (1..=12).contains(&m)));
            assert!(
                date.year
                    .is_none_or(|y| (0..=99).contains(&y) || (1900..=2099).contains(&y))
            );
            assert!(date.day.is_some() || date.year.is_some(), "{text}");
        }
    }
}

proptest::proptest! {
    /// The tokenizer's [`Token::month_start`] is the month table's answer for the word's first
    /// letters: the date reader misses no month for reading the mark instead.
    #[test]
    fn month_marks_are_the_tables(
        text in crate::redact::token::summary_texts(),
        month in proptest::sample::select(vec!["June", "mar", "Febr", "décembre", "maerz", "mei", "marching", "juno", "do", "del"]),
    ) {
        let text = format!("{text} {month} {text}");
        let tokens = Tokens::new(&text);
        let lower = tokens.lower_text().as_bytes();
        for t in tokens.toks.iter().filter(|t| t.class == Class::Word) {
            let head = lower.get(t.start..t.end.min(t.start + 3)).unwrap_or_default();
            proptest::prop_assert_eq!(t.month_start, MONTHS.may_start(head), "{:?}", &text[t.start..t.end]);
        }
    }

    /// The gate of [`find`] rules out no date: texts of number words, months, digits and
    /// Portuguese month numbers find the same dates walked.
    #[test]
    fn the_gate_rules_out_no_date(
        text in crate::redact::token::summary_texts(),
        piece in proptest::sample::select(vec![
            "June", "the third of June", "3 June 1984", "do onze de setenta e um", "3 del 6 de 1984",
            "dezassete", "first", "twenty first", "1984", "14. Februar", "marching", "",
        ]),
    ) {
        let text = format!("{text} {piece} {text}");
        let tokens = Tokens::new(&text);
        proptest::prop_assert_eq!(find_in(&tokens, true), find_in(&tokens, false));
    }
}
