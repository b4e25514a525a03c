use super::*;
use crate::redact::word_forms::is_connector;

/// Every run as (covered text, digits, number words).
fn runs_of(text: &str) -> Vec<(&str, String, usize)> {
    let tokens = Tokens::new(text);
    digit_sequences(&tokens)
        .into_iter()
        .map(|run| (text.get(run.start..run.end).unwrap_or("?"), run.digits, run.words))
        .collect()
}

/// The single run of `text`: its digits and number words.
fn one_run(text: &str) -> (String, usize) {
    let runs = runs_of(text);
    assert_eq!(runs.len(), 1, "{text}: {runs:?}");
    runs.into_iter()
        .next()
        .map(|(_, digits, words)| (digits, words))
        .unwrap_or_default()
}

fn digits(text: &str) -> String {
    one_run(text).0
}

fn cardinal(text: &str) -> Option<(u64, usize)> {
    cardinal_at(&Tokens::new(text), 0)
}

fn value(text: &str) -> Option<u64> {
    cardinal(text).map(|(value, _)| value)
}

#[test]
fn english_phone_number_with_spans_and_word_count() {
    let text = "my number is four one five, five five five, oh one three two thanks";
    let tokens = Tokens::new(text);
    let runs = digit_sequences(&tokens);
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run.digits, "4155550132");
    assert_eq!(run.words, 10);
    assert_eq!((run.first, run.last), (3, 14));
    assert_eq!(
        &text[run.start..run.end],
        "four one five, five five five, oh one three two"
    );
}

#[test]
fn single_digit_words_in_every_language() {
    assert_eq!(
        digits("zero nine eight seven six five four three two one"),
        "0987654321"
    );
    assert_eq!(digits("nought seven"), "07");
    assert_eq!(
        digits("seis cero cero uno dos tres cuatro cinco siete ocho nueve"),
        "60012345789"
    );
    assert_eq!(
        digits("zéro six un deux trois quatre cinq sept huit neuf"),
        "0612345789"
    );
    assert_eq!(
        digits("null eins sieben eins zwo drei vier fünf sechs acht neun"),
        "01712345689"
    );
    assert_eq!(
        digits("zero tre tre otto uno due quattro cinque sei sette nove"),
        "03381245679"
    );
    assert_eq!(
        digits("nove meia dois três quatro cinco sete oito zero um"),
        "9623457801"
    );
    assert_eq!(
        digits("nul zes een twee drie vier vijf zeven acht negen"),
        "0612345789"
    );
}

#[test]
fn accents_are_optional() {
    assert_eq!(digits("zero seis tres"), "063");
    assert_eq!(digits("zero six funf"), "065");
    assert_eq!(digits("fuenf zwoelf"), "512");
    assert_eq!(digits("ZÉRO SIX DOUZE"), "0612");
}

#[test]
fn multipliers_repeat_the_next_digit() {
    assert_eq!(one_run("double five one"), ("551".to_owned(), 3));
    assert_eq!(digits("triple zero"), "000");
    assert_eq!(digits("four double 5 six"), "4556");
    assert_eq!(digits("double oh seven"), "007");
    assert!(runs_of("let me double check").is_empty());
    assert!(
        runs_of("a double twenty")
            .iter()
            .all(|(text, _, _)| !text.contains("double"))
    );
}

#[test]
fn two_digit_groups() {
    assert_eq!(one_run("twenty two"), ("22".to_owned(), 2));
    assert_eq!(one_run("twenty-two"), ("22".to_owned(), 1));
    assert_eq!(digits("fifteen"), "15");
    assert_eq!(
        digits("zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"),
        "0612345678"
    );
    assert_eq!(
        digits("soixante et onze, quatre-vingt-dix-neuf, quatre vingt deux"),
        "719982"
    );
    assert_eq!(digits("dix sept, vingt et un"), "1721");
    assert_eq!(one_run("sesenta y siete"), ("67".to_owned(), 2));
    assert_eq!(digits("siebenundsechzig, sieben und sechzig"), "6767");
    assert_eq!(digits("trentaquattro, ventotto, trenta quattro"), "342834");
    assert_eq!(digits("trinta e quatro"), "34");
    assert_eq!(digits("vierendertig, tweeëntwintig"), "3422");
    assert_eq!(digits("veintidós dieciséis"), "2216");
}

#[test]
fn hundreds_and_larger_groups() {
    assert_eq!(digits("five hundred"), "500");
    assert_eq!(digits("four fifteen"), "415");
    assert_eq!(digits("five hundred and two"), "502");
    assert_eq!(digits("nine hundred twenty one"), "921");
    // A toll-free prefix: "eight hundred" then digits, not 805.
    assert_eq!(
        digits("one eight hundred five five five one two one two"),
        "18005551212"
    );
    assert_eq!(digits("quinientos cinco"), "505");
    assert_eq!(digits("novecento trenta"), "930");
    assert_eq!(digits("two thousand and five"), "2005");
    assert_eq!(digits("nineteen eighty-four"), "1984");
    assert_eq!(digits("negentienvierentachtig"), "1984");
}

#[test]
fn written_digits_join_spoken_ones() {
    assert_eq!(one_run("415 five five five 0132"), ("4155550132".to_owned(), 3));
    assert_eq!(digits("five-five-five 123-45"), "55512345");
    assert_eq!(runs_of("call 0171 2345678 now"), []);
}

#[test]
fn separators_inside_a_run() {
    assert_eq!(digits("five, five - five. Five"), "5555");
    // A period not followed by a space does not join; neither does a connector between groups.
    assert_eq!(runs_of("five five.5"), [("five five", "55".to_owned(), 2)]);
    assert_eq!(runs_of("one and two"), []);
    assert_eq!(runs_of("seis y siete"), []);
    assert_eq!(
        runs_of("five five and six six"),
        [("five five", "55".to_owned(), 2), ("six six", "66".to_owned(), 2)]
    );
}

#[test]
fn amounts_times_and_dates_are_not_read_out() {
    assert_eq!(runs_of("it was 3.50 five"), []);
    assert_eq!(runs_of("at 10:30 two"), []);
    assert_eq!(runs_of("50% one"), []);
    assert_eq!(runs_of("€12 one"), []);
}

#[test]
fn lone_and_ambiguous_words() {
    assert_eq!(runs_of("one"), []);
    assert_eq!(runs_of("I have two kids"), []);
    assert_eq!(runs_of("a hundred people"), []);
    assert_eq!(runs_of("dos o tres"), []);
    assert_eq!(runs_of("Oh, two things"), []);
    assert_eq!(runs_of("Oh one more thing"), []);
    assert_eq!(runs_of("um, five five"), [("five five", "55".to_owned(), 2)]);
    assert_eq!(runs_of("un café et une tarte"), []);
    assert_eq!(runs_of("the bill is due two weeks"), []);
    assert_eq!(runs_of("Sept 3"), []);
    assert_eq!(runs_of("c'est très bien"), []);
    assert_eq!(digits("four o five"), "405");
    assert_eq!(digits("zéro un"), "01");
    assert_eq!(digits("tre due due"), "322");
    // "cents" is French here: no number with English "fifty".
    assert_eq!(runs_of("fifty cents"), [("fifty", "50".to_owned(), 1)]);
}

#[test]
fn cardinals_in_every_language() {
    assert_eq!(cardinal("twenty-two apples"), Some((22, 0)));
    assert_eq!(cardinal("nineteen eighty-four"), Some((1984, 1)));
    assert_eq!(cardinal("nineteen eighty four"), Some((1984, 2)));
    assert_eq!(cardinal("nineteen oh five"), Some((1905, 2)));
    assert_eq!(cardinal("twenty twenty-one"), Some((2021, 1)));
    assert_eq!(cardinal("two thousand and five"), Some((2005, 3)));
    assert_eq!(cardinal("nineteen hundred and five"), Some((1905, 3)));
    assert_eq!(cardinal("mil novecientos sesenta y siete"), Some((1967, 4)));
    assert_eq!(cardinal("neunzehnhundertsiebenundsechzig"), Some((1967, 0)));
    assert_eq!(cardinal("neunzehnhundert siebenundsechzig"), Some((1967, 1)));
    assert_eq!(cardinal("millenovecentosessantasette"), Some((1967, 0)));
    assert_eq!(cardinal("millenovecentottantaquattro"), Some((1984, 0)));
    assert_eq!(cardinal("mille neuf cent quatre-vingt-quatre"), Some((1984, 3)));
    assert_eq!(cardinal("dix-neuf cent quatre-vingt-quatre"), Some((1984, 2)));
    assert_eq!(cardinal("negentienhonderdvierentachtig"), Some((1984, 0)));
    assert_eq!(cardinal("negentien vierentachtig"), Some((1984, 1)));
    assert_eq!(cardinal("mil novecentos e oitenta e quatro"), Some((1984, 5)));
    assert_eq!(cardinal("dois mil e um"), Some((2001, 3)));
    assert_eq!(cardinal("cinq cent mille"), Some((500_000, 2)));
    assert_eq!(cardinal("due mila"), Some((2000, 1)));
    assert_eq!(
        cardinal("two million three hundred thousand"),
        Some((2_300_000, 4))
    );
}

#[test]
fn cardinal_single_words() {
    for (word, expected) in [
        ("vingt-et-un", 21),
        ("soixante-dix-sept", 77),
        ("quatre-vingts", 80),
        ("ventotto", 28),
        ("trentuno", 31),
        ("centottanta", 180),
        ("veintidós", 22),
        ("dieciséis", 16),
        ("quinientos", 500),
        ("dezassete", 17),
        ("dezessete", 17),
        ("tweeëntwintig", 22),
        ("Dreißig", 30),
        ("ZWÖLF", 12),
        ("einhundert", 100),
        ("mil", 1000),
        ("cien", 100),
        ("zero", 0),
    ] {
        assert_eq!(value(word), Some(expected), "{word}");
    }
}

#[test]
fn what_is_not_a_cardinal() {
    assert_eq!(value("hundred"), None);
    assert_eq!(value("a hundred"), None);
    assert_eq!(value("oh five"), None);
    assert_eq!(value("and five"), None);
    assert_eq!(value("vieren"), None);
    assert_eq!(value("understand"), None);
    assert_eq!(value("1984"), None);
    // A trailing connector is not consumed.
    assert_eq!(cardinal("two thousand and then"), Some((2000, 1)));
    assert_eq!(cardinal("sesenta y"), Some((60, 0)));
    assert_eq!(cardinal_at(&Tokens::new("five"), 3), None);
}

#[test]
fn small_cardinals_do_not_read_year_pairs() {
    let tokens = Tokens::new("twenty one nineteen eighty-four");
    assert_eq!(small_cardinal_at(&tokens, 0), Some((21, 1)));
    assert_eq!(cardinal_at(&tokens, 0), Some((2119, 2)));
    assert_eq!(cardinal_at(&tokens, 2), Some((1984, 3)));
}

#[test]
fn word_values_carry_their_languages() {
    assert_eq!(word_value("vierzehn"), Some((14, DE)));
    assert_eq!(word_value("vingt-et-un"), Some((21, FR)));
    assert_eq!(
        word_value("six").map(|(v, lang)| (v, lang & (EN | FR) == EN | FR)),
        Some((6, true))
    );
    assert_eq!(word_value("vieren"), None);
    assert_eq!(word_value("l'undici"), None);
}

#[test]
fn lexicon_spellings_do_not_clash() {
    // One spelling, one meaning: a clash would make the parse depend on table order.
    let mut seen: Vec<(&str, Kind, u32)> = Vec::new();
    for (form, atom) in WORDS.entries() {
        assert!(!seen.iter().any(|(f, _, _)| f == form), "{form} twice");
        seen.push((form, atom.kind, atom.value));
    }
    assert!(seen.len() > 250, "{}", seen.len());
}

/// Deterministic pseudo-random texts of number words, digits, punctuation and words.
fn noise(seed: u64, len: usize) -> String {
    const PARTS: &[&str] = &[
        "one",
        "oh",
        "o",
        "double",
        "twenty",
        "-",
        ",",
        ".",
        ". ",
        "and",
        "y",
        "und",
        "en",
        "hundred",
        "thousand",
        "mil",
        "quatre",
        "vingt",
        "dix",
        "sept",
        "5",
        "12",
        "3.50",
        "10:30",
        "%",
        "€",
        "'",
        "siebenundsechzig",
        "zéro",
        "un",
        "the",
        "June",
        "3rd",
        "de",
        "do",
        "twenty-first",
        "l'undici",
        "ß",
        "—",
        "millenovecento",
        "nineteen",
        "eighty-four",
        "/",
        "1984",
        "0",
        "Zwölf",
        "   ",
    ];
    let mut state = seed;
    let mut text = String::new();
    for _ in 0..len {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let part = PARTS[(state >> 33) as usize % PARTS.len()];
        text.push_str(part);
        if state & 1 == 0 {
            text.push(' ');
        }
    }
    text
}

#[test]
fn never_panics_and_runs_are_ordered_and_disjoint() {
    for seed in 0..400 {
        let text = noise(seed, 60);
        let tokens = Tokens::new(&text);
        let runs = digit_sequences(&tokens);
        for pair in runs.windows(2) {
            assert!(pair[0].last < pair[1].first, "{text}");
        }
        for run in &runs {
            assert!(run.first <= run.last && run.start < run.end && run.end <= text.len());
            assert!(run.digits.len() >= 2 && run.digits.bytes().all(|b| b.is_ascii_digit()) && run.words > 0);
        }
        for i in 0..tokens.len() + 2 {
            let _ = cardinal_at(&tokens, i);
        }
    }
}

proptest::proptest! {
    /// The number readers read only words marked [`super::super::token::Token::number_word`]:
    /// what they read is what they read with every word that may start a number marked so.
    #[test]
    fn number_word_gate_reads_the_same(text in crate::redact::token::summary_texts()) {
        let gated = Tokens::new(&text);
        let mut ungated = Tokens::new(&text);
        for t in &mut ungated.toks {
            t.number_word = t.number_start;
        }
        proptest::prop_assert_eq!(digit_sequences(&gated), digit_sequences(&ungated));
        // A text without number words reads no run.
        proptest::prop_assert_eq!(digit_sequences(&gated), runs::read_sequences(&gated));
        for i in 0..gated.len() {
            proptest::prop_assert_eq!(cardinal_at(&gated, i), cardinal_at(&ungated, i));
            proptest::prop_assert_eq!(small_cardinal_at(&gated, i), small_cardinal_at(&ungated, i));
        }
    }
}

/// The words for "and" start no number and no run: texts whose only number words are these
/// are ruled out by the gates on [`crate::redact::token::Summary::number_words`].
#[test]
fn connectors_start_no_number() {
    for text in [
        "and five six seven",
        "y siete ocho",
        "et un deux",
        "und zwanzig",
        "e cinque sei",
        "en vijf zes",
        "and a hundred",
        "And two thousand and five",
        "and",
    ] {
        let tokens = Tokens::new(text);
        assert!(is_connector(tokens.lower_str(0).as_bytes()), "{text}");
        assert_eq!(cardinal_at(&tokens, 0), None, "{text}");
        assert_eq!(small_cardinal_at(&tokens, 0), None, "{text}");
        assert!(
            runs::read_sequences(&tokens).iter().all(|s| s.first > 0),
            "{text}"
        );
    }
    assert!(!is_connector(b"an") && !is_connector(b"five") && !is_connector(b""));
}

#[test]
fn a_number_read_again_after_a_full_stop_is_two_readings() {
    let digits = |text: &str| -> Vec<String> { runs_of(text).into_iter().map(|(_, d, _)| d).collect() };
    assert_eq!(
        digits("Pone quince mil trescientos veinte. Uno cinco tres dos cero."),
        ["15320", "15320"]
    );
    // Groups of a phone number across a full stop are still one number.
    assert_eq!(
        digits("it's oh two one. oh eight four. three three nine one"),
        ["0210843391"]
    );
}
