//! The recursive-descent reading of number words: units, tens, hundreds and thousands in any
//! served language's order.

use super::*;

/// A number parsed from slot to slot: its value, the slot after it, the languages it fits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Parsed {
    pub(super) value: u64,
    pub(super) end: usize,
    pub(super) lang: u8,
}

/// Recursive descent over number words: units, tens, hundreds, thousands, in any language order.
pub(super) struct Parser<'s> {
    pub(super) slots: &'s [Slot],
    /// Reading digits aloud: after an English "hundred" or "thousand" a lone unit is the next
    /// digit, not part of the number ("one eight hundred five five five").
    pub(super) digits: bool,
}

impl Parser<'_> {
    pub(super) fn atom(&self, p: usize, kind: Kind) -> Option<Atom> {
        self.slots.get(p).map(|s| s.atom).filter(|a| a.kind == kind)
    }

    pub(super) fn starts_word(&self, p: usize) -> bool {
        self.slots.get(p).is_some_and(|s| s.token_start)
    }

    /// 1-99: "seven", "twenty-two", "sesenta y siete", "siebenundsechzig", "quatre-vingt-dix-huit".
    pub(super) fn below_hundred(&self, p: usize, lang: u8) -> Option<Parsed> {
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
    pub(super) fn tens_tail(&self, tens: u64, p: usize, lang: u8, glued: bool) -> Option<Parsed> {
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
    pub(super) fn below_thousand(&self, p: usize, lang: u8) -> Option<Parsed> {
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

    pub(super) fn hundred_tail(&self, hundreds: u64, p: usize, lang: u8) -> Parsed {
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
    pub(super) fn lone_english_unit(&self, p: usize, rest: Parsed) -> bool {
        self.digits && rest.lang & EN != 0 && rest.end == p + 1 && self.atom(p, Kind::Unit).is_some()
    }

    /// Any cardinal: "two thousand and five", "mil novecientos sesenta y siete", "due mila".
    pub(super) fn cardinal(&self, p: usize, lang: u8) -> Option<Parsed> {
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
    pub(super) fn year_pair(&self, p: usize) -> Option<Parsed> {
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
pub(super) struct Group {
    pub(super) digits: Digits,
    pub(super) end: usize,
    pub(super) lang: u8,
}

/// One group of a digit run at slot `p`: "five", "oh", "twenty-two", "five hundred", "double".
pub(super) fn group_at(slots: &[Slot], p: usize) -> Option<Group> {
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
