//! Tests of the tokenizer.

use super::ascii::tokenize_ascii;
use super::*;

fn show(text: &str) -> Vec<(&str, Class, bool, bool)> {
    let tokens = Tokens::new(text);
    (0..tokens.len())
        .map(|i| {
            let t = tokens.toks[i];
            (tokens.text(i), t.class, t.cap, t.sentence_start)
        })
        .collect()
}

#[test]
fn words_numbers_codes_and_punctuation() {
    use Class::*;
    assert_eq!(
        show("Hi, I'm O'Brien. Flat 4B, BS6 7BR — £24.90!"),
        [
            ("Hi", Word, true, true),
            (",", Punct, false, false),
            ("I'm", Word, true, false),
            ("O'Brien", Word, true, false),
            (".", Punct, false, false),
            ("Flat", Word, true, true),
            ("4B", Mixed, false, false),
            (",", Punct, false, false),
            ("BS6", Mixed, true, false),
            ("7BR", Mixed, false, false),
            ("—", Punct, false, false),
            ("£", Punct, false, false),
            ("24", Number, false, false),
            (".", Punct, false, false),
            ("90", Number, false, false),
            ("!", Punct, false, false),
        ]
    );
}

#[test]
fn hyphens_join_letters_not_digits() {
    let tokens = Tokens::new("Jean-Pierre twenty-two 123-45 -x y- Lindenstraße");
    let texts: Vec<&str> = (0..tokens.len()).map(|i| tokens.text(i)).collect();
    assert_eq!(
        texts,
        [
            "Jean-Pierre",
            "twenty-two",
            "123",
            "-",
            "45",
            "-",
            "x",
            "y",
            "-",
            "Lindenstraße"
        ]
    );
}

#[test]
fn ascii_text_tokenizes_as_any_text() {
    for text in [
        "Hi, I'm O'Brien. Flat 4B, BS6 7BR -- $24.90!",
        "a-b -c d- 'x' y'z 12-ab A1-b x.y. z: w;\tq\x0bv\x0cu\r\nt",
        "[NAME_1] [x] [AB_12] ] [ []] end. [CARD]",
        "K-O-W-A-L-S-K-I, R2-D2 l'Ines? no! ok.done :;. ",
        "",
    ] {
        assert!(text.is_ascii());
        let (toks, letters, uppers) = tokenize_ascii(text);
        assert_eq!(toks, tokenize(text), "{text:?}");
        let (all_letters, all_uppers, _) = letter_counts(text);
        assert_eq!((letters, uppers), (all_letters, all_uppers), "{text:?}");
    }
}

/// A word too long for the byte loop's packed counts is counted again, as the general path
/// counts it.
#[test]
fn a_word_longer_than_the_counts_is_counted_whole() {
    let text = format!("Ab {}x9Y z", "aB".repeat(1 << 20));
    let (toks, letters, uppers) = tokenize_ascii(&text);
    assert_eq!(toks, tokenize(&text));
    let (all_letters, all_uppers, _) = letter_counts(&text);
    assert_eq!((letters, uppers), (all_letters, all_uppers));
}

#[test]
fn lowercase_lookups_keep_offsets() {
    let tokens = Tokens::new("ÉMILE Dupont MÜLLER");
    assert_eq!(tokens.lower(0), "émile");
    assert_eq!(tokens.lower(1), "dupont");
    assert_eq!(tokens.lower(2), "müller");
    assert!(tokens.toks[0].upper && !tokens.toks[1].upper);
    assert_eq!(tokens.index_at(7), 1);
}

proptest::proptest! {
    /// Every word, number and code carries the hash of its ASCII-lowercased bytes, whichever
    /// path tokenised it; punctuation and markers none.
    #[test]
    fn tokens_carry_their_words_hash(text in super::summary_texts()) {
        let tokens = Tokens::new(&text);
        for t in &tokens.toks {
            let expected = match t.class {
                Class::Punct | Class::Marker => 0,
                _ => word_hash(tokens.lower_text().as_bytes().get(t.start..t.end).unwrap_or_default()),
            };
            proptest::prop_assert_eq!(t.hash, expected);
        }
    }

    /// The one-pass ASCII tokens are those of the general path, facts and word lists too.
    #[test]
    fn ascii_pass_is_the_general_one(text in super::summary_texts()) {
        let text: String = text.chars().filter(char::is_ascii).collect();
        let lower = text.to_ascii_lowercase();
        let (fast, general) = (Tokens::new(&text), Tokens::any(&text, lower, true));
        proptest::prop_assert_eq!(&fast.toks, &general.toks);
        proptest::prop_assert_eq!(fast.summary, general.summary);
        let flags = |t: &Tokens<'_>| (t.lowercase, t.uppercase, t.mostly_uppercase);
        proptest::prop_assert_eq!(flags(&fast), flags(&general));
    }
}
