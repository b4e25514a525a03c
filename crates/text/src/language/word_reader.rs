//! The words of a text as verification, the built-in summary and sentiment read them: every
//! stage reads every utterance (the summary each sentence, verification each utterance,
//! sentiment each of the customer's). ASCII texts, most transcripts, are read byte by byte; any
//! other character by character; a property test holds the two readers equal.

use compact_str::CompactString;

use super::words::{Language, WordSpan, fold_compact};

/// The words of `text`: letters and digits, with inner apostrophes, hyphens, dots and commas
/// kept inside ("don't", "MV-881023", "341.80"); French and Italian elisions split off
/// ("l'offre" -> "l'", "offre").
pub fn words(text: &str, language: Language) -> Vec<WordSpan> {
    if text.is_ascii() {
        return words_of_ascii(text, language);
    }
    words_of_chars(text, language)
}

/// [`words`] character by character: any text.
fn words_of_chars(text: &str, language: Language) -> Vec<WordSpan> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentence_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            if ends_sentence(text, start, c, out.last(), language) {
                sentence_start = true;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut previous = c;
        while let Some(&(at, next)) = chars.peek() {
            let inner = matches!(next, '\'' | '’' | '-' | '.' | ',' | ':' | '/')
                && text[at + next.len_utf8()..].chars().next().is_some_and(|n| {
                    // Dots, commas and colons only between digits: "341.80", "1,350", "9:15".
                    if matches!(next, '.' | ',' | ':') {
                        previous.is_ascii_digit() && n.is_ascii_digit()
                    } else if next == '/' {
                        // "24/7" and "and/or" are one word; "€95/maand" is a price per month.
                        previous.is_ascii_digit() == n.is_ascii_digit()
                    } else {
                        n.is_alphanumeric()
                    }
                });
            if next.is_alphanumeric() || inner {
                end = at + next.len_utf8();
                previous = next;
                chars.next();
            } else {
                break;
            }
        }
        let word = Found {
            raw: &text[start..end],
            start,
            capitalised: c.is_uppercase(),
            sentence_start,
        };
        word.push_to(&mut out, language, fold_compact);
        sentence_start = false;
    }
    out
}

/// Whether punctuation `c` at byte `at` ends a sentence: `!`, `?`, `;` and line breaks do; a
/// colon before a space does; a full stop does before a space, except after a German or Dutch
/// ordinal ("am 12. März") and after a one-letter abbreviation ("p.m. today").
fn ends_sentence(text: &str, at: usize, c: char, previous: Option<&WordSpan>, language: Language) -> bool {
    // Asked only of a colon or a full stop: every space of a text comes here.
    let spaced =
        || text[at + c.len_utf8()..].starts_with(char::is_whitespace) || at + c.len_utf8() == text.len();
    match c {
        '!' | '?' | ';' | '\n' => true,
        ':' => spaced(),
        '.' => {
            let previous = previous.filter(|w| w.end == at);
            let ordinal = matches!(language, Language::De | Language::Nl | Language::Pt)
                && previous
                    .is_some_and(|w| w.folded.len() <= 2 && w.folded.bytes().all(|b| b.is_ascii_digit()));
            let abbreviation = previous.is_some_and(|w| w.folded.chars().count() == 1);
            spaced() && !ordinal && !abbreviation
        }
        _ => false,
    }
}

/// A word as a reader found it.
struct Found<'t> {
    raw: &'t str,
    /// Where `raw` starts in the text.
    start: usize,
    capitalised: bool,
    sentence_start: bool,
}

impl Found<'_> {
    /// Adds the word to `out`, split after a French or Italian elision, each part folded by
    /// `fold`.
    fn push_to(&self, out: &mut Vec<WordSpan>, language: Language, fold: impl Fn(&str) -> CompactString) {
        let mut push = |from: usize, to: usize| {
            out.push(WordSpan {
                start: self.start + from,
                end: self.start + to,
                folded: fold(self.raw.get(from..to).unwrap_or_default()),
                capitalised: self.capitalised,
                sentence_start: self.sentence_start,
            })
        };
        let elided = match language {
            Language::Fr | Language::It => elision(self.raw),
            _ => None,
        };
        match elided {
            Some(after) => {
                push(0, after);
                push(after, self.raw.len());
            }
            None => push(0, self.raw.len()),
        }
    }
}

/// Where a French or Italian elided article or pronoun ends ("l'" of "l'offre"): the word is
/// split there.
fn elision(raw: &str) -> Option<usize> {
    if let Some(at) = raw.find(['\'', '’'])
        && at <= 5
    {
        let after = at + raw[at..].chars().next().map_or(1, char::len_utf8);
        if after < raw.len() {
            return Some(after);
        }
    }
    None
}

/// [`words`] byte by byte, for ASCII texts: most transcripts are.
fn words_of_ascii(text: &str, language: Language) -> Vec<WordSpan> {
    let bytes = text.as_bytes();
    let mut out: Vec<WordSpan> = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentence_start = true;
    let mut at = 0;
    while let Some(&c) = bytes.get(at) {
        if !c.is_ascii_alphanumeric() {
            // Only these can end a sentence; spaces, most of what comes here, cannot.
            if matches!(c, b'!' | b'?' | b';' | b'\n' | b':' | b'.')
                && ends_sentence(text, at, char::from(c), out.last(), language)
            {
                sentence_start = true;
            }
            at += 1;
            continue;
        }
        let start = at;
        let mut uppercase = false;
        loop {
            // Letters and digits, most of a word, as one run; then a joiner, if one follows.
            let (len, capitals) = alnum_run(bytes.get(at..).unwrap_or_default());
            at += len;
            uppercase |= capitals;
            let (Some(&previous), Some(&next)) = (bytes.get(at.wrapping_sub(1)), bytes.get(at)) else {
                break;
            };
            let after = bytes.get(at + 1).copied();
            let inner = match next {
                // Dots, commas and colons only between digits: "341.80", "1,350", "9:15".
                b'.' | b',' | b':' => previous.is_ascii_digit() && after.is_some_and(|n| n.is_ascii_digit()),
                // "24/7" and "and/or" are one word; "€95/maand" is a price per month.
                b'/' => after.is_some_and(|n| previous.is_ascii_digit() == n.is_ascii_digit()),
                b'\'' | b'-' => after.is_some_and(|n| n.is_ascii_alphanumeric()),
                _ => false,
            };
            if !inner {
                break;
            }
            at += 1;
        }
        let word = Found {
            raw: &text[start..at],
            start,
            capitalised: c.is_ascii_uppercase(),
            sentence_start,
        };
        word.push_to(&mut out, language, |part| {
            let mut folded = CompactString::from(part);
            // Most words are lowercase already: copied as they are.
            if uppercase {
                folded.make_ascii_lowercase();
            }
            folded
        });
        sentence_start = false;
    }
    out
}

/// What each ASCII byte is to a word: 0 ends it, [`LOWER`] a lowercase letter or a digit,
/// [`UPPER`] a capital. One load a byte.
static ALNUM: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    table
};
const LOWER: u8 = 1;
const UPPER: u8 = 2;

/// How many letters and digits `rest` starts with, and whether a capital is among them.
#[inline]
fn alnum_run(rest: &[u8]) -> (usize, bool) {
    let mut capitals = 0u8;
    for (i, &b) in rest.iter().enumerate() {
        let class = ALNUM.get(usize::from(b)).copied().unwrap_or(0);
        if class == 0 {
            return (i, capitals != 0);
        }
        capitals |= class & UPPER;
    }
    (rest.len(), capitals != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_accents_keep_numbers_whole_and_split_elisions() {
        let words = words("Garantía de 341,80 € l'offre: MV-881023. Ok", Language::Fr);
        let folded: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(
            folded,
            ["garantia", "de", "341,80", "l'", "offre", "mv-881023", "ok"]
        );
        assert!(words[0].capitalised && words[0].sentence_start);
        assert!(words[6].sentence_start && words[5].sentence_start && !words[3].sentence_start);
    }

    proptest::proptest! {
        /// Byte by byte as character by character: texts of the characters that decide where a
        /// word ends or a sentence does, in every served language.
        #[test]
        fn ascii_texts_read_as_the_character_reader_reads_them(
            text in "[a-zA-Z0-9 .,:;!?'/\\-\n]{0,60}",
            language in proptest::sample::select(Language::ALL.to_vec()),
        ) {
            proptest::prop_assert_eq!(words_of_ascii(&text, language), words_of_chars(&text, language));
        }
    }

    #[test]
    fn numbers_elisions_and_sentences_as_the_character_reader_reads_them() {
        for text in [
            "Garantia de 341,80 EUR l'offre: MV-881023. Ok",
            "Call 24/7 or a/ b at 9:15, then p.m. today! Am 12. Marz.",
            "I'll send it -- don't worry; it's done.",
        ] {
            for language in Language::ALL {
                assert_eq!(
                    words_of_ascii(text, language),
                    words_of_chars(text, language),
                    "{text}"
                );
            }
        }
    }
}
