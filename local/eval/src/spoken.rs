//! Spoken numbers in the scorer: one number word ("three", "cinco") says nothing about whose
//! phone or birthday it was; three in a row from the item do.
//!
//! The list is the scorer's own (not the redactor's lexicon), so the figures do not depend on
//! the rules they measure. Words are lowercase without accents, as [`words`] makes them.

use unicode_normalization::UnicodeNormalization;

#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    // en
    "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "double", "triple",
    // es
    "cero", "uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
    "diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta",
    "noventa", "cien", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos",
    "seiscientos", "setecientos", "ochocientos", "novecientos", "mil", "doble",
    // fr
    "un", "une", "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante",
    "cinquante", "soixante", "cent", "cents", "mille",
    // de
    "null", "eins", "ein", "zwei", "zwo", "drei", "vier", "funf", "sechs", "sieben", "acht",
    "neun", "zehn", "elf", "zwolf", "hundert", "tausend",
    // it
    "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici",
    "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto",
    "diciannove", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta",
    "novanta", "cento",
    // pt
    "um", "uma", "dois", "duas", "quatro", "sete", "oito", "dez", "treze", "quatorze",
    "dezasseis", "dezesseis", "dezassete", "dezessete", "dezoito", "dezanove", "dezenove",
    "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "oitenta", "noventa", "cem",
    "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos", "setecentos",
    "oitocentos", "novecentos",
    // nl
    "nul", "een", "twee", "drie", "vijf", "zes", "zeven", "negen", "tien", "twaalf", "dertien",
    "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig", "dertig",
    "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig", "honderd", "duizend",
];

/// Words that join the parts of one spoken number ("thirty and four", "trinta e quatro").
const JOINERS: &[&str] = &["and", "y", "e", "et", "und", "en"];

/// Whether `word` is a spoken number on its own (Spanish "veintidós" and the like included).
pub(crate) fn is_number_word(word: &str) -> bool {
    NUMBER_WORDS.contains(&word) || word.starts_with("veinti") || word.starts_with("dezes")
}

/// Every run of three number words in a row in `words` (joiners kept inside a run), as the
/// space-joined phrase an output would have to contain.
pub(crate) fn number_phrases(words: &[String]) -> Vec<String> {
    let mut phrases = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, phrases: &mut Vec<String>| {
        while run.last().is_some_and(|w| JOINERS.contains(w)) {
            run.pop();
        }
        let numbers: Vec<usize> = (0..run.len()).filter(|&i| !JOINERS.contains(&run[i])).collect();
        for window in numbers.windows(3) {
            phrases.push(run[window[0]..=window[2]].join(" "));
        }
        run.clear();
    };
    for word in words {
        let word = word.as_str();
        if is_number_word(word) || (!run.is_empty() && JOINERS.contains(&word)) {
            run.push(word);
        } else {
            flush(&mut run, &mut phrases);
        }
    }
    flush(&mut run, &mut phrases);
    phrases.sort();
    phrases.dedup();
    phrases
}

/// Lowercase words without accents, split on anything that is not a letter or digit.
pub(crate) fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        super::words(text)
    }

    #[test]
    fn three_number_words_in_a_row_make_a_phrase() {
        assert_eq!(
            number_phrases(&words("nove um dois, três quatro")),
            ["dois tres quatro", "nove um dois", "um dois tres"]
        );
        assert_eq!(
            number_phrases(&words("trinta e quatro, cinco and")),
            ["trinta e quatro cinco"]
        );
        assert!(number_phrases(&words("Rua Augusta cem, segundo")).is_empty());
    }
}
