//! The month names and abbreviations of the served languages, and how much each needs around it
//! to be taken for a month.

use std::sync::LazyLock;

use super::Buckets;

/// Month names and abbreviations, one language a line, January to December (folded to ASCII).
const MONTH_NAMES: &[&str] = &[
    "january|jan february|feb|febr march|mar april|apr may june|jun july|jul august|aug september|sep|sept \
     october|oct november|nov december|dec",
    "enero|ene febrero|feb marzo|mar abril|abr mayo|may junio|jun julio|jul agosto|ago \
     septiembre|setiembre|sep|sept|set octubre|oct noviembre|nov diciembre|dic",
    "janvier|janv fevrier|fevr|fev mars avril|avr mai juin juillet|juil aout septembre|sept octobre|oct \
     novembre|nov decembre|dec",
    "januar|janner|jaenner|jan februar|feber|feb marz|maerz|mrz april|apr mai juni|jun juli|jul august|aug \
     september|sep|sept oktober|okt november|nov dezember|dez",
    "gennaio|gen febbraio|feb marzo|mar aprile|apr maggio|mag giugno|giu luglio|lug agosto|ago \
     settembre|sett|set ottobre|ott novembre|nov dicembre|dic",
    "janeiro|jan fevereiro|fev marco|mar abril|abr maio|mai junho|jun julho|jul agosto|ago setembro|set \
     outubro|out novembro|nov dezembro|dez",
    "januari|jan februari|feb maart|mrt april|apr mei juni|jun juli|jul augustus|aug september|sep|sept \
     oktober|okt november|nov december|dec",
];
/// English months that are also a verb or an adjective ("May I", "march on").
const ENGLISH_WORD_MONTHS: &str = "may march august";
/// Abbreviations that are everyday words ("mar" is the sea, "out", "set", "ago", "dez" is ten).
const WORD_ABBREVIATIONS: &str = "mar set out ago dez gen mag sept";

/// How much a month word needs around it to be taken for a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::redact) enum Level {
    /// "June", "febrero", "Feb": a day or a year.
    Plain,
    /// "may", "march", "august": a year or an ordinal day; when capitalised a digit day too.
    EnglishWord,
    /// "mar", "set", "out": both a day and a year, or a period after the abbreviation.
    Word,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Month {
    pub(in crate::redact) number: u8,
    pub(in crate::redact) level: Level,
    /// An English spelling: only English puts a bare day after the month ("June 3", not
    /// Italian "mai 3", which is "never 3").
    pub(in crate::redact) english: bool,
}

pub(crate) static MONTHS: LazyLock<Buckets<Month>> = LazyLock::new(|| {
    let mut entries: Vec<(&'static str, Month)> = Vec::new();
    for (language, line) in MONTH_NAMES.iter().enumerate() {
        for (number, spellings) in (1..=12).zip(line.split_whitespace()) {
            for form in spellings.split('|') {
                if entries.iter().any(|(known, _)| *known == form) {
                    continue;
                }
                let level = if ENGLISH_WORD_MONTHS.split(' ').any(|w| w == form) {
                    Level::EnglishWord
                } else if WORD_ABBREVIATIONS.split(' ').any(|w| w == form) {
                    Level::Word
                } else {
                    Level::Plain
                };
                entries.push((
                    form,
                    Month {
                        number,
                        level,
                        english: language == 0,
                    },
                ));
            }
        }
    }
    Buckets::new(entries)
});
