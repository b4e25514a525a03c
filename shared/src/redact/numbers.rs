//! Numbers said in words, in every served language: digit sequences read aloud (phone and card
//! numbers, codes) and cardinal values (used by dates).

use super::token::{Class, Tokens};

#[path = "numbers_runs.rs"]
mod runs;
#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
#[path = "numbers_words.rs"]
mod words;

use runs::Digits;
pub(super) use words::{
    Buckets, Word, fold, fold_token, is_connector, mark_number_start, mark_number_starts, may_start_word,
    word_marks,
};

/// A stretch of tokens that reads out a sequence of digits: "four one five, five five five",
/// "oh eight", "double five", "zéro six, douze, trente-quatre", mixed with written digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpokenDigits {
    /// First and last token (inclusive).
    pub first: usize,
    pub last: usize,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The digits as read, ASCII.
    pub digits: String,
    /// How many tokens were number words (not written digits).
    pub words: usize,
}

/// The run of `spoken` (in text order) starting at token `i`.
pub(crate) fn spoken_at(spoken: &[SpokenDigits], i: usize) -> Option<&SpokenDigits> {
    let k = spoken.partition_point(|s| s.first < i);
    spoken.get(k).filter(|s| s.first == i)
}

/// Languages as bit flags. A word carries every language it is spelled the same in, and the
/// parts of one number must share a language: "fifty cents" is not 5000 (French "cents").
pub(super) const EN: u8 = 1;
pub(super) const ES: u8 = 2;
pub(super) const FR: u8 = 4;
pub(super) const DE: u8 = 8;
pub(super) const IT: u8 = 16;
pub(super) const PT: u8 = 32;
pub(super) const NL: u8 = 64;
const ALL: u8 = 0x7f;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// 0, only ever said alone.
    Zero,
    /// 1-9.
    Unit,
    /// 10-19.
    Teen,
    /// 20-90.
    Tens,
    /// Tens that only exist glued to a unit ("veinti-", Italian "trent-").
    GluedTens,
    /// A whole hundreds word, 100-900: "quinientos", "duzentos".
    Hundreds,
    /// Multipliers: ×100, ×1000, ×1 000 000.
    Hundred,
    Thousand,
    Million,
    /// "and" inside a number: "sesenta y siete", "two thousand and five", "siebenundsechzig".
    And,
    /// "double", "triple": repeats the next digit.
    Times,
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    value: u32,
    kind: Kind,
    lang: u8,
    flags: u8,
}

/// Also an everyday word ("un", "due", "o"): a digit only beside a plain number word.
const AMBIGUOUS: u8 = 1;
/// A scale word that cannot stand alone ("hundred", "mila").
const NEEDS_MULTIPLICAND: u8 = 2;
/// "o"/"oh": zero when reading digits, never the start of a cardinal.
const LETTER_ZERO: u8 = 4;

/// One number word of the text, as found in a token.
#[derive(Debug, Clone, Copy)]
struct Slot {
    atom: Atom,
    token: usize,
    /// First number word of its token.
    token_start: bool,
    /// First number word after the start of the token or a hyphen: a digit group may end here.
    piece_start: bool,
}

/// Longest cardinal read from consecutive words, in tokens.
const MAX_WORDS: usize = 12;
/// Longest number word ("zweitausendneunhundertneunundneunzig" is 36 bytes).
const MAX_WORD_LEN: usize = 48;

/// Every maximal digit sequence of the text that contains at least one number word.
pub(crate) fn digit_sequences(tokens: &Tokens<'_>) -> Vec<SpokenDigits> {
    runs::digit_sequences(tokens)
}

/// The cardinal number written in words starting at token `i` ("twenty-two", "nineteen
/// eighty-four", "mil novecientos sesenta y siete"): its value and its last token.
pub(crate) fn cardinal_at(tokens: &Tokens<'_>, i: usize) -> Option<(u64, usize)> {
    cardinal_from(tokens, i, true)
}

/// Like [`cardinal_at`] without reading two pairs as a year: "twenty one nineteen" is 21, so a
/// day can be told from the year that follows it.
pub(super) fn small_cardinal_at(tokens: &Tokens<'_>, i: usize) -> Option<(u64, usize)> {
    cardinal_from(tokens, i, false)
}

/// The value of one lowercase word read as a cardinal ("vierzehn", "vingt-et-un") and the
/// languages it belongs to; used to read ordinal stems.
pub(super) fn word_value(word: &str) -> Option<(u64, u8)> {
    let folded = fold(word)?;
    let mut slots = Vec::new();
    if !lex_folded(folded.as_str(), 0, &mut slots) {
        return None;
    }
    let parsed = Parser {
        slots: &slots,
        digits: false,
    }
    .cardinal(0, ALL)?;
    (parsed.end == slots.len()).then_some((parsed.value, parsed.lang))
}

fn cardinal_from(tokens: &Tokens<'_>, i: usize, years: bool) -> Option<(u64, usize)> {
    // Most words start no number word: told without allocating.
    tokens
        .get(i)
        .filter(|t| t.class == Class::Word && t.number_word)?;
    let mut slots = Vec::with_capacity(16);
    let mut j = i;
    while j < i + MAX_WORDS && lex_token(tokens, j, &mut slots) {
        j += 1;
    }
    let first = slots.first()?.atom;
    if first.kind == Kind::Zero {
        let alone = slots.get(1).is_none_or(|s| s.token_start);
        return (first.flags & LETTER_ZERO == 0 && alone).then_some((0, i));
    }
    let mut len = slots.len();
    loop {
        let view = slots.get(..len)?;
        let parser = Parser {
            slots: view,
            digits: false,
        };
        let cardinal = parser.cardinal(0, ALL);
        let parsed = match (cardinal, years.then(|| parser.year_pair(0)).flatten()) {
            (Some(c), Some(y)) if y.end > c.end => y,
            (Some(c), _) => c,
            (None, y) => y?,
        };
        if view.get(parsed.end).is_none_or(|s| s.token_start) {
            return Some((parsed.value, view.get(parsed.end.checked_sub(1)?)?.token));
        }
        // The number ends inside a word: read it without that word.
        len = (1..parsed.end)
            .rev()
            .find(|&q| view.get(q).is_some_and(|s| s.token_start))?;
    }
}

/// Word token `i` folded, if a number word starts it: a cheap test before parsing.
pub(super) fn number_word<'a>(tokens: &'a Tokens<'_>, i: usize) -> Option<Word<'a>> {
    fold_token(tokens, i, &words::WORDS)
}

/// Appends the number words of word token `i`; false (nothing appended) if it is not one.
fn lex_token(tokens: &Tokens<'_>, i: usize, slots: &mut Vec<Slot>) -> bool {
    // The common ASCII case inline: this runs on every word of every utterance.
    let Some(t) = tokens.get(i).filter(|t| t.class == Class::Word) else {
        return false;
    };
    // An ASCII word that no number word starts reads nothing: "this", "thin".
    if !t.number_word {
        return false;
    }
    match tokens.lower_text().get(t.start..t.end) {
        Some(lower) if lower.is_ascii() => lex_folded(lower, i, slots),
        _ => number_word(tokens, i).is_some_and(|w| lex_folded(w.as_str(), i, slots)),
    }
}

fn lex_folded(word: &str, token: usize, slots: &mut Vec<Slot>) -> bool {
    let start = slots.len();
    if word.len() > MAX_WORD_LEN || !words::split_word(word, token, slots) {
        return false;
    }
    // A compound must read as numbers on its own: "vieren" (four, and) is not one.
    let whole = slots
        .get(start..)
        .is_some_and(|own| own.len() == 1 || reads_whole(own));
    if !whole {
        slots.truncate(start);
    }
    whole
}

fn reads_whole(slots: &[Slot]) -> bool {
    let mut p = 0;
    while p < slots.len() {
        match group_at(slots, p) {
            Some(group) if group.end > p => p = group.end,
            _ => return false,
        }
    }
    true
}

/// A number parsed from slot to slot: its value, the slot after it, the languages it fits.
#[derive(Debug, Clone, Copy)]
struct Parsed {
    value: u64,
    end: usize,
    lang: u8,
}

/// Recursive descent over number words: units, tens, hundreds, thousands, in any language order.
struct Parser<'s> {
    slots: &'s [Slot],
    /// Reading digits aloud: after an English "hundred" or "thousand" a lone unit is the next
    /// digit, not part of the number ("one eight hundred five five five").
    digits: bool,
}

impl Parser<'_> {
    fn atom(&self, p: usize, kind: Kind) -> Option<Atom> {
        self.slots.get(p).map(|s| s.atom).filter(|a| a.kind == kind)
    }

    fn starts_word(&self, p: usize) -> bool {
        self.slots.get(p).is_some_and(|s| s.token_start)
    }

    /// 1-99: "seven", "twenty-two", "sesenta y siete", "siebenundsechzig", "quatre-vingt-dix-huit".
    fn below_hundred(&self, p: usize, lang: u8) -> Option<Parsed> {
        let a = self.slots.get(p)?.atom;
        let lang = lang & a.lang;
        if lang == 0 {
            return None;
        }
        let value = u64::from(a.value);
        match a.kind {
            Kind::Unit => {
                // French 80 is "quatre-vingts".
                if let Some(vingt) = self.atom(p + 1, Kind::Tens)
                    && value == 4
                    && vingt.value == 20
                    && lang & vingt.lang & FR != 0
                {
                    return self.tens_tail(80, p + 2, FR, false);
                }
                // German and Dutch say the unit first: "sieben und sechzig", "vier en tachtig".
                if let (Some(and), Some(tens)) = (self.atom(p + 1, Kind::And), self.atom(p + 2, Kind::Tens)) {
                    let lang = lang & and.lang & tens.lang & (DE | NL);
                    if lang != 0 {
                        return Some(Parsed {
                            value: value + u64::from(tens.value),
                            end: p + 3,
                            lang,
                        });
                    }
                }
                Some(Parsed {
                    value,
                    end: p + 1,
                    lang,
                })
            }
            Kind::Teen => {
                // French 17-19: "dix-sept".
                if let Some(unit) = self.atom(p + 1, Kind::Unit)
                    && value == 10
                    && unit.value >= 7
                    && lang & unit.lang & FR != 0
                {
                    return Some(Parsed {
                        value: 10 + u64::from(unit.value),
                        end: p + 2,
                        lang: FR,
                    });
                }
                Some(Parsed {
                    value,
                    end: p + 1,
                    lang,
                })
            }
            Kind::Tens => self.tens_tail(value, p + 1, lang, false),
            Kind::GluedTens => self.tens_tail(value, p + 1, lang, true),
            _ => None,
        }
    }

    /// What may follow tens: a unit, "y"/"e"/"et" and a unit, or (French 60 and 80) a teen.
    fn tens_tail(&self, tens: u64, p: usize, lang: u8, glued: bool) -> Option<Parsed> {
        if let Some(unit) = self.atom(p, Kind::Unit)
            && !(glued && self.starts_word(p))
            && lang & unit.lang != 0
        {
            return Some(Parsed {
                value: tens + u64::from(unit.value),
                end: p + 1,
                lang: lang & unit.lang,
            });
        }
        if let (Some(and), Some(unit)) = (self.atom(p, Kind::And), self.atom(p + 1, Kind::Unit)) {
            let lang = lang & and.lang & unit.lang & !(DE | NL);
            if lang != 0 && !glued {
                return Some(Parsed {
                    value: tens + u64::from(unit.value),
                    end: p + 2,
                    lang,
                });
            }
        }
        if (tens == 60 || tens == 80) && lang & FR != 0 {
            let q = if self.atom(p, Kind::And).is_some_and(|a| a.lang & FR != 0) {
                p + 1
            } else {
                p
            };
            if self.atom(q, Kind::Teen).is_some()
                && let Some(teen) = self.below_hundred(q, FR)
            {
                return Some(Parsed {
                    value: tens + teen.value,
                    ..teen
                });
            }
        }
        (!glued).then_some(Parsed {
            value: tens,
            end: p,
            lang,
        })
    }

    /// 1-999: "five hundred", "nineteen hundred and five", "quinientos", "novecento".
    fn below_thousand(&self, p: usize, lang: u8) -> Option<Parsed> {
        let a = self.slots.get(p)?.atom;
        let alone = lang & a.lang;
        match a.kind {
            Kind::Hundreds if alone != 0 => return Some(self.hundred_tail(u64::from(a.value), p + 1, alone)),
            Kind::Hundred if alone != 0 && a.flags & NEEDS_MULTIPLICAND == 0 => {
                return Some(self.hundred_tail(100, p + 1, alone));
            }
            _ => {}
        }
        let head = self.below_hundred(p, lang)?;
        if let Some(hundred) = self.atom(head.end, Kind::Hundred)
            && head.lang & hundred.lang != 0
        {
            return Some(self.hundred_tail(head.value * 100, head.end + 1, head.lang & hundred.lang));
        }
        Some(head)
    }

    fn hundred_tail(&self, hundreds: u64, p: usize, lang: u8) -> Parsed {
        if let Some(and) = self.atom(p, Kind::And)
            && let Some(rest) = self.below_hundred(p + 1, lang & and.lang)
        {
            return Parsed {
                value: hundreds + rest.value,
                ..rest
            };
        }
        match self.below_hundred(p, lang) {
            Some(rest) if !self.lone_english_unit(p, rest) => Parsed {
                value: hundreds + rest.value,
                ..rest
            },
            _ => Parsed {
                value: hundreds,
                end: p,
                lang,
            },
        }
    }

    /// Reading digits, "eight hundred five" is 800 then 5 (toll-free numbers), not 805.
    fn lone_english_unit(&self, p: usize, rest: Parsed) -> bool {
        self.digits && rest.lang & EN != 0 && rest.end == p + 1 && self.atom(p, Kind::Unit).is_some()
    }

    /// Any cardinal: "two thousand and five", "mil novecientos sesenta y siete", "due mila".
    fn cardinal(&self, p: usize, lang: u8) -> Option<Parsed> {
        let mut total = 0u64;
        let mut at = Parsed {
            value: 0,
            end: p,
            lang,
        };
        let mut last_scale = u64::MAX;
        let mut any = false;
        loop {
            let chunk = self.below_thousand(at.end, at.lang);
            let (end, lang) = chunk.map_or((at.end, at.lang), |c| (c.end, c.lang));
            let scale = self.slots.get(end).map(|s| s.atom).filter(|m| {
                let value = u64::from(m.value);
                matches!(m.kind, Kind::Thousand | Kind::Million)
                    && value < last_scale
                    && lang & m.lang != 0
                    && (chunk.is_some() || m.flags & NEEDS_MULTIPLICAND == 0)
                    && !(self.digits && m.kind == Kind::Million)
            });
            let Some(scale) = scale else {
                if let Some(chunk) = chunk {
                    total += chunk.value;
                    at = chunk;
                    any = true;
                }
                break;
            };
            last_scale = u64::from(scale.value);
            total += chunk.map_or(1, |c| c.value) * last_scale;
            any = true;
            at = Parsed {
                value: 0,
                end: end + 1,
                lang: lang & scale.lang,
            };
            // "two thousand and five": the connector counts only before more number.
            if let Some(and) = self.atom(at.end, Kind::And)
                && self.below_thousand(at.end + 1, at.lang & and.lang).is_some()
            {
                at = Parsed {
                    value: 0,
                    end: at.end + 1,
                    lang: at.lang & and.lang,
                };
            } else if self
                .below_thousand(at.end, at.lang)
                .is_some_and(|next| self.lone_english_unit(at.end, next))
            {
                break;
            }
        }
        any.then_some(Parsed { value: total, ..at })
    }

    /// A year said as two pairs: "nineteen eighty-four", "twenty twenty", "negentien
    /// vierentachtig", "nineteen oh five".
    fn year_pair(&self, p: usize) -> Option<Parsed> {
        let two_digits = |n: &Parsed| (10..=99).contains(&n.value);
        let century = self.below_hundred(p, ALL).filter(two_digits)?;
        if let Some(rest) = self.below_hundred(century.end, century.lang).filter(two_digits) {
            return Some(Parsed {
                value: century.value * 100 + rest.value,
                ..rest
            });
        }
        let zero = self.atom(century.end, Kind::Zero)?;
        let unit = self.atom(century.end + 1, Kind::Unit)?;
        let lang = century.lang & zero.lang & unit.lang;
        (lang != 0).then_some(Parsed {
            value: century.value * 100 + u64::from(unit.value),
            end: century.end + 2,
            lang,
        })
    }
}

/// A group of a digit run: its digits, the slot after it, its languages.
struct Group {
    digits: Digits,
    end: usize,
    lang: u8,
}

/// One group of a digit run at slot `p`: "five", "oh", "twenty-two", "five hundred", "double".
fn group_at(slots: &[Slot], p: usize) -> Option<Group> {
    let clean = |view: &[Slot], end: usize| view.get(end).is_none_or(|s| s.piece_start);
    let mut len = slots.len();
    loop {
        let view = slots.get(..len)?;
        let a = view.get(p)?.atom;
        let group = match a.kind {
            Kind::Zero => Group {
                digits: Digits::Zero,
                end: p + 1,
                lang: a.lang,
            },
            Kind::Times => Group {
                digits: Digits::Times(u8::try_from(a.value).ok()?),
                end: p + 1,
                lang: a.lang,
            },
            _ => {
                let parser = Parser {
                    slots: view,
                    digits: true,
                };
                // A pair only where the plain reading stops inside a word: "negentienvierentachtig".
                let parsed = match (parser.cardinal(p, ALL), parser.year_pair(p)) {
                    (Some(c), _) if clean(view, c.end) => c,
                    (_, Some(y)) if clean(view, y.end) => y,
                    (c, _) => c?,
                };
                Group {
                    digits: Digits::Value(parsed.value),
                    end: parsed.end,
                    lang: parsed.lang,
                }
            }
        };
        if clean(view, group.end) {
            return Some(group);
        }
        // The group ran into the middle of a word part: stop before that part.
        len = (p + 1..group.end)
            .rev()
            .find(|&q| view.get(q).is_some_and(|s| s.piece_start))?;
    }
}
