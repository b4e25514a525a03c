//! The number words of the seven served languages: their spellings, values and kinds, and the
//! table the number readers and the tokenizer's marks look them up in.

use std::sync::LazyLock;

use super::Buckets;

/// Languages as bit flags. A word carries every language it is spelled the same in, and the
/// parts of one number must share a language: "fifty cents" is not 5000 (French "cents").
pub(in crate::redact) const EN: u8 = 1;
pub(in crate::redact) const ES: u8 = 2;
pub(in crate::redact) const FR: u8 = 4;
pub(in crate::redact) const DE: u8 = 8;
pub(in crate::redact) const IT: u8 = 16;
pub(in crate::redact) const PT: u8 = 32;
pub(in crate::redact) const NL: u8 = 64;
pub(in crate::redact) const ALL: u8 = 0x7f;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::redact) enum Kind {
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
pub(in crate::redact) struct Atom {
    pub(in crate::redact) value: u32,
    pub(in crate::redact) kind: Kind,
    pub(in crate::redact) lang: u8,
    pub(in crate::redact) flags: u8,
}

/// Also an everyday word ("un", "due", "o"): a digit only beside a plain number word.
pub(in crate::redact) const AMBIGUOUS: u8 = 1;
/// A scale word that cannot stand alone ("hundred", "mila").
pub(in crate::redact) const NEEDS_MULTIPLICAND: u8 = 2;
/// "o"/"oh": zero when reading digits, never the start of a cardinal.
pub(in crate::redact) const LETTER_ZERO: u8 = 4;

/// Spellings of one language in value order: spaces separate values, `|` separates variants of
/// one value and `-` leaves a value out.
type Row = (u8, &'static str);

const ZEROS: &[Row] = &[
    (EN | IT | PT | FR, "zero|nought|oh|o"),
    (ES, "cero"),
    (DE, "null"),
    (NL, "nul"),
];

const UNITS: &[Row] = &[
    (EN, "one two three four five six seven eight nine"),
    (ES, "uno|un|una dos tres cuatro cinco seis siete ocho nueve"),
    (FR, "un|une deux trois quatre cinq six sept huit neuf"),
    (
        DE,
        "eins|ein zwei|zwo drei vier funf|fuenf sechs sieben acht neun",
    ),
    (IT, "uno|una|un due tre quattro cinque sei sette otto nove"),
    // "meia" (half a dozen) is six in Brazilian phone numbers.
    (PT, "um|uma dois|duas tres quatro cinco seis|meia sete oito nove"),
    (NL, "een twee drie vier vijf zes zeven acht negen"),
];

const TEENS: &[Row] = &[
    (
        EN,
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    ),
    (
        ES,
        "diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve",
    ),
    // 17-19 are "dix-sept" etc., read as ten and a unit.
    (FR, "dix onze douze treize quatorze quinze seize - - -"),
    (
        DE,
        "zehn elf zwolf|zwoelf dreizehn vierzehn funfzehn|fuenfzehn sechzehn siebzehn achtzehn neunzehn",
    ),
    (
        IT,
        "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove",
    ),
    (
        PT,
        "dez onze doze treze catorze|quatorze quinze dezesseis|dezasseis dezessete|dezassete dezoito \
         dezenove|dezanove",
    ),
    (
        NL,
        "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien",
    ),
];

const TENS: &[Row] = &[
    (EN, "twenty thirty forty|fourty fifty sixty seventy eighty ninety"),
    (
        ES,
        "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    ),
    (
        FR,
        "vingt|vingts trente quarante cinquante soixante septante \
         huitante|octante|quatrevingt|quatrevingts nonante",
    ),
    (
        DE,
        "zwanzig dreissig vierzig funfzig|fuenfzig sechzig siebzig achtzig neunzig",
    ),
    (
        IT,
        "venti trenta quaranta cinquanta sessanta settanta ottanta novanta",
    ),
    (
        PT,
        "vinte trinta quarenta cinquenta sessenta setenta oitenta noventa",
    ),
    (
        NL,
        "twintig dertig veertig vijftig zestig zeventig tachtig negentig",
    ),
];

/// Tens that only exist glued to a unit: "veintidós", Italian "ventotto", "trentuno".
const GLUED_TENS: &[Row] = &[
    (ES, "veinti - - - - - - -"),
    (IT, "vent trent quarant cinquant sessant settant ottant novant"),
];

const HUNDREDS: &[Row] = &[
    (
        ES,
        "cien|ciento doscientos|doscientas trescientos|trescientas cuatrocientos|cuatrocientas \
         quinientos|quinientas seiscientos|seiscientas setecientos|setecientas ochocientos|ochocientas \
         novecientos|novecientas",
    ),
    (
        PT,
        "cem duzentos|duzentas trezentos|trezentas quatrocientos|quatrocentas quinhentos|quinhentas \
         seiscentos|seiscentas setecentos|setecentas oitocentos|oitocentas novecentos|novecentas",
    ),
];

/// Scale words, connectors and repeaters: (languages, kind, value, spellings).
const OTHERS: &[(u8, Kind, u32, &str)] = &[
    (EN, Kind::Hundred, 100, "hundred"),
    (FR, Kind::Hundred, 100, "cent|cents"),
    (DE, Kind::Hundred, 100, "hundert"),
    // Italian elides "cento" before a vowel: "centottanta".
    (IT, Kind::Hundred, 100, "cento|cent"),
    (PT, Kind::Hundred, 100, "cento"),
    (NL, Kind::Hundred, 100, "honderd"),
    (EN, Kind::Thousand, 1000, "thousand"),
    (ES | PT | FR, Kind::Thousand, 1000, "mil"),
    (FR | IT, Kind::Thousand, 1000, "mille"),
    (IT, Kind::Thousand, 1000, "mila"),
    (DE, Kind::Thousand, 1000, "tausend"),
    (NL, Kind::Thousand, 1000, "duizend"),
    (
        EN | FR | DE,
        Kind::Million,
        1_000_000,
        "million|millions|millionen",
    ),
    (ES, Kind::Million, 1_000_000, "millon|millones"),
    (IT, Kind::Million, 1_000_000, "milione|milioni"),
    (PT, Kind::Million, 1_000_000, "milhao|milhoes"),
    (NL, Kind::Million, 1_000_000, "miljoen|miljoenen"),
    (EN, Kind::And, 0, "and"),
    (ES, Kind::And, 0, "y"),
    (FR, Kind::And, 0, "et"),
    (DE, Kind::And, 0, "und"),
    (IT | PT, Kind::And, 0, "e"),
    (NL, Kind::And, 0, "en"),
    (EN, Kind::Times, 2, "double"),
    (EN, Kind::Times, 3, "triple"),
];

/// Number words that are also everyday words somewhere ("o", "un", "due", "once", "dos", "très"):
/// read as digits only next to a plain number word of the same language.
const AMBIGUOUS_WORDS: &str = "o oh un une una um uma ein een due sei otto null nul elf ten cent cents mil \
     mille sept seize once doze meia dez tres dos";
/// Scale words that never stand alone: "a hundred" is not a number here ("a" is never a digit).
const MULTIPLIED_WORDS: &str = "hundred thousand cents mila million millions millionen millon millones \
     milione milioni milhao milhoes miljoen miljoenen";
/// Zero said as the letter: a digit, never the start of a cardinal.
const LETTER_ZEROS: &str = "o oh";

pub(in crate::redact) static WORDS: LazyLock<Buckets<Atom>> = LazyLock::new(build);

fn build() -> Buckets<Atom> {
    let mut entries: Vec<(&'static str, Atom)> = Vec::new();
    let mut add = |form: &'static str, value: u32, kind: Kind, lang: u8| {
        let same = entries
            .iter_mut()
            .find(|(f, a)| *f == form && a.kind == kind && a.value == value);
        match same {
            Some((_, atom)) => atom.lang |= lang,
            None => entries.push((
                form,
                Atom {
                    value,
                    kind,
                    lang,
                    flags: 0,
                },
            )),
        }
    };
    let tables = [
        (ZEROS, Kind::Zero, 0, 1),
        (UNITS, Kind::Unit, 1, 1),
        (TEENS, Kind::Teen, 10, 1),
        (TENS, Kind::Tens, 20, 10),
        (GLUED_TENS, Kind::GluedTens, 20, 10),
        (HUNDREDS, Kind::Hundreds, 100, 100),
    ];
    for (rows, kind, first, step) in tables {
        for &(lang, line) in rows {
            for (value, spellings) in (first..).step_by(step).zip(line.split_whitespace()) {
                spellings
                    .split('|')
                    .filter(|s| *s != "-")
                    .for_each(|form| add(form, value, kind, lang));
            }
        }
    }
    for &(lang, kind, value, spellings) in OTHERS {
        spellings.split('|').for_each(|form| add(form, value, kind, lang));
    }
    let flagged = [
        (AMBIGUOUS_WORDS, AMBIGUOUS),
        (MULTIPLIED_WORDS, NEEDS_MULTIPLICAND),
        (LETTER_ZEROS, LETTER_ZERO),
    ];
    for (words, flag) in flagged {
        for word in words.split_whitespace() {
            entries
                .iter_mut()
                .filter(|(f, _)| *f == word)
                .for_each(|(_, atom)| atom.flags |= flag);
        }
    }
    Buckets::new(entries)
}

#[cfg(test)]
#[test]
fn connectors_are_the_and_words() {
    let ands: Vec<&[u8]> = OTHERS
        .iter()
        .filter(|(_, kind, _, _)| *kind == Kind::And)
        .map(|(_, _, _, form)| form.as_bytes())
        .collect();
    assert_eq!(ands, super::CONNECTORS);
}
