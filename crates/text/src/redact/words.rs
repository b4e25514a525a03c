//! The word table: which of the detectors' small word lists (currency and percent words,
//! street types, units, organisation words, titles...) each lowercase token is in, as bits.
//! One lookup per token when the text is tokenised ([`super::token::Tokens::new`]) answers
//! what the detectors would otherwise ask with a lookup each, several times over.
//!
//! Every list is taken as it is from its detector, so a bit is set exactly when the token's
//! lowercase form ([`super::token::Tokens::lower`]) is in that list.

use std::sync::LazyLock;

use super::lexicon;
use crate::word_hash::WordTable;

/// A set of [`Lex`] bits.
pub(crate) type Lex = u64;

/// [`super::protect`]: currency words and codes ("euros", "usd").
pub(crate) const CURRENCY: Lex = 1;
/// "percent", "Prozent".
pub(crate) const PERCENT: Lex = 1 << 1;
/// "per", "por", "pour" (before "cent").
pub(crate) const PERCENT_LEAD: Lex = 1 << 2;
/// "am", "uhr", "o'clock".
pub(crate) const TIME_WORD: Lex = 1 << 3;
/// "a", "per", "al" before a price's period.
pub(crate) const PERIOD_LEAD: Lex = 1 << 4;
/// "month", "mese".
pub(crate) const PERIOD: Lex = 1 << 5;
/// "point", "coma": a decimal mark said aloud.
pub(crate) const DECIMAL: Lex = 1 << 6;
/// "and" before the cents of an amount.
pub(crate) const AND_WORD: Lex = 1 << 7;
/// "us", "our", "hotline": the company speaking of itself.
pub(crate) const US_WORD: Lex = 1 << 8;
/// "you", "your", "Ihre".
pub(crate) const YOU_WORD: Lex = 1 << 9;
/// [`super::address`]: a street type after its name ("road", "straße").
pub(crate) const STREET_AFTER: Lex = 1 << 10;
/// A street type before its name ("rue", "calle"), one word.
pub(crate) const STREET_BEFORE: Lex = 1 << 11;
/// A unit or a floor ("flat", "apartment", "piso").
pub(crate) const ADDRESS_UNIT: Lex = 1 << 12;
/// A word an address part may start with: a street type before its name, a unit, an ordinal.
pub(crate) const ADDRESS_START: Lex = 1 << 13;
/// A word of six letters or more ending in a street suffix ("lindenstraße").
pub(crate) const COMPOUND_STREET: Lex = 1 << 14;
/// [`super::orgs`]: an organisation word ("bank", "gmbh").
pub(crate) const ORGANISATION: Lex = 1 << 15;
/// A plan word ("tariff", "forfait").
pub(crate) const PLAN: Lex = 1 << 16;
/// A maker's name ("toyota", "bosch").
pub(crate) const BRAND: Lex = 1 << 17;
/// A title before a surname that is also a maker's name ("mr", "frau").
pub(crate) const ORG_TITLE: Lex = 1 << 18;
/// A small word inside an organisation's name ("of", "do", "&").
pub(crate) const ORG_JOINER: Lex = 1 << 19;
/// [`super::names`]: a name particle ("van", "de").
pub(crate) const NAME_PARTICLE: Lex = 1 << 20;
/// A title of more than one letter ("mrs", "frau", "dr").
pub(crate) const NAME_TITLE: Lex = 1 << 21;
/// A unit of the lexicons ("flat", "apt"): a name's capitalised run stops there.
pub(crate) const LEXICON_UNIT: Lex = 1 << 22;
/// "in", "to", "nach": before a place rather than a person.
pub(crate) const LOCATIVE: Lex = 1 << 23;
/// [`super::cues`]: the first word of a cue phrase of any language ("date" of "date of birth").
pub(crate) const CUE_START: Lex = 1 << 24;
/// Where a cue's first word holds its id ([`cue_id`]), above every list's bit.
const CUE_ID_SHIFT: u32 = 48;
/// [`super::spelled`]: a word for "at" in an email said aloud ("at", "arroba").
pub(crate) const AT_WORD: Lex = 1 << 25;
/// [`super::context`]: a word that asks for something ("please", "confirm", "bitte").
pub(crate) const REQUEST_WORD: Lex = 1 << 26;

static TABLE: LazyLock<WordTable<Lex>> = LazyLock::new(|| {
    let mut table = WordTable::default();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: Lex| {
        for word in words {
            *table.entry(word) |= bit;
        }
    };
    use super::lists;
    add(&mut lists::currency_words(), CURRENCY);
    add(&mut lists::PERCENT_WORDS.iter().copied(), PERCENT);
    add(&mut lists::PERCENT_LEADS.iter().copied(), PERCENT_LEAD);
    add(&mut lists::TIME_WORDS.iter().copied(), TIME_WORD);
    add(&mut lists::PERIOD_LEADS.iter().copied(), PERIOD_LEAD);
    add(&mut lists::PERIODS.iter().copied(), PERIOD);
    add(&mut lists::DECIMAL_WORDS.iter().copied(), DECIMAL);
    add(&mut lists::AND_WORDS.iter().copied(), AND_WORD);
    add(&mut lists::US_WORDS.iter().copied(), US_WORD);
    add(&mut lists::YOU_WORDS.iter().copied(), YOU_WORD);
    add(&mut lexicon::all(|l| l.street_after), STREET_AFTER);
    add(&mut lists::street_before_words(), STREET_BEFORE);
    add(&mut lists::unit_words(), ADDRESS_UNIT);
    add(&mut lists::start_words(), ADDRESS_START);
    add(&mut lists::organisation_words(), ORGANISATION);
    add(&mut lists::PLAN_WORDS.iter().copied(), PLAN);
    add(&mut lists::BRANDS.iter().copied(), BRAND);
    add(&mut lists::TITLES.iter().copied(), ORG_TITLE);
    add(&mut lists::JOINERS.iter().copied(), ORG_JOINER);
    add(&mut lists::NAME_PARTICLES.iter().copied(), NAME_PARTICLE);
    add(&mut lists::title_words(), NAME_TITLE);
    add(&mut lexicon::all(|l| l.units), LEXICON_UNIT);
    add(&mut lists::LOCATIVES.iter().copied(), LOCATIVE);
    add(&mut super::lists::at_words(), AT_WORD);
    add(&mut lists::REQUEST_WORDS.iter().copied(), REQUEST_WORD);
    for (word, id) in cue_first_words() {
        // A test holds every id within its bits.
        *table.entry(word) |= CUE_START | ((id as Lex) << CUE_ID_SHIFT);
    }
    table
});

/// The first words of every language's cues, sorted: a word's id is its place here plus one
/// (0 for none), held in its word-table bits.
static CUE_FIRST_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = lexicon::cue_spellings(&lexicon::ALL)
        .iter()
        .map(|(phrase, _)| cue_first_word(phrase))
        .filter(|word| !word.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// The first words of every language's cues with their ids, for the word table.
pub(crate) fn cue_first_words() -> impl Iterator<Item = (&'static str, usize)> {
    CUE_FIRST_WORDS.iter().map(String::as_str).zip(1..)
}

/// The id of a cue's first word (its lowercase first token), if it is one.
pub(crate) fn cue_id_of(first: &str) -> Option<usize> {
    CUE_FIRST_WORDS
        .binary_search_by(|word| word.as_str().cmp(first))
        .ok()
        .map(|at| at + 1)
}

/// The first token of a cue phrase, lowercased, as the tokenizer reads it: letters and digits
/// joined by an apostrophe or hyphen between two letters, else one character. Told here, below
/// the tokenizer whose word bits it feeds (a test in [`super::cues`] holds the two equal on
/// every cue).
pub(crate) fn cue_first_word(phrase: &str) -> String {
    let text = phrase.trim_start();
    let chars: Vec<char> = text.chars().collect();
    let Some(&first) = chars.first() else {
        return String::new();
    };
    let mut end = 1;
    if first.is_alphanumeric() {
        while let Some(&c) = chars.get(end) {
            let joins = matches!(c, '\'' | '’' | '-')
                && chars.get(end - 1).is_some_and(|p| p.is_alphabetic())
                && chars.get(end + 1).is_some_and(|n| n.is_alphabetic());
            if !(c.is_alphanumeric() || joins) {
                break;
            }
            end += 1;
        }
    }
    let token: String = chars.iter().take(end).collect::<String>().to_ascii_lowercase();
    if !token.is_ascii() && token.chars().any(char::is_uppercase) {
        return token.chars().flat_map(char::to_lowercase).collect();
    }
    token
}

/// The id of the cue phrases' first word a token is ([`super::cues`]), from its bits; 0 when it
/// starts no cue.
#[inline]
pub(crate) fn cue_id(lex: Lex) -> usize {
    (lex >> CUE_ID_SHIFT) as usize
}

/// The bits of a one-byte ASCII token (punctuation), read from a table of every byte: most
/// are in no list, and this runs for every punctuation token of every text.
#[inline]
pub(crate) fn lex_of_byte(b: u8) -> Lex {
    static BYTES: LazyLock<[Lex; 128]> = LazyLock::new(|| {
        let mut bytes = [0; 128];
        for (b, lex) in (0u8..).zip(bytes.iter_mut()) {
            *lex = lex_of(char::from(b).encode_utf8(&mut [0; 4]), false);
        }
        bytes
    });
    BYTES.get(usize::from(b)).copied().unwrap_or(0)
}

/// The bits of one lowercase token; `word_of_six`: a word of more than five bytes, which may be
/// a compound street name.
#[inline]
pub(crate) fn lex_of(lower: &str, word_of_six: bool) -> Lex {
    let mut lex = TABLE.get(lower).copied().unwrap_or(0);
    if word_of_six && super::streets::ends_in_street_suffix(lower) {
        lex |= COMPOUND_STREET;
    }
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cue's first word has its id, and the ids fit their bits.
    #[test]
    fn cue_first_words_have_their_ids() {
        for (word, id) in cue_first_words() {
            assert!(id < 1 << (64 - CUE_ID_SHIFT), "{word}: {id}");
            assert_eq!(cue_id(lex_of(word, false)), id, "{word}");
            assert!(lex_of(word, false) & CUE_START != 0, "{word}");
        }
        assert_eq!(cue_id(lex_of("xylophone", false)), 0);
    }

    /// A bit is set exactly for the words of its list: the detectors that read a bit instead
    /// of their list find what they found before.
    #[test]
    fn bits_are_their_lists() {
        let lists: [(Lex, Vec<&str>); 2] = [
            (AT_WORD, super::super::lists::at_words().collect()),
            (REQUEST_WORD, super::super::lists::REQUEST_WORDS.to_vec()),
        ];
        let others = ["the", "at's", "pleased", "confirmed", "dot", "", "-", "need-"];
        for (bit, list) in lists {
            for word in &list {
                assert!(lex_of(word, false) & bit != 0, "{word}");
            }
            for word in others.iter().filter(|w| !list.contains(w)) {
                assert!(lex_of(word, false) & bit == 0, "{word}");
            }
        }
    }
}
