//! The number words of the seven served languages and the lexer that splits a word into them,
//! compounds included ("siebenundsechzig", "trentotto", "vierentachtig"). Spellings are folded to
//! ASCII (accents dropped, ß as ss) because ASR output drops accents unpredictably.

use std::sync::LazyLock;

use super::super::token::{Class, Token, Tokens};
use super::{
    AMBIGUOUS, Atom, DE, EN, ES, FR, IT, Kind, LETTER_ZERO, NEEDS_MULTIPLICAND, NL, PT, Slot, Slots,
};

#[path = "numbers_buckets.rs"]
mod buckets;
pub(in super::super) use buckets::Buckets;
use buckets::{has_prefix, key};

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

/// At most this many number words in one written word.
const MAX_ATOMS: usize = 12;

/// A lowercase word folded to ASCII in a fixed buffer: "zwölf" → "zwolf", "dreißig" → "dreissig".
pub(in super::super) struct Folded {
    buf: [u8; 48],
    len: usize,
}

impl Folded {
    pub(in super::super) fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

/// Folds a lowercase word; `None` for characters no number or month word uses, or long words.
pub(in super::super) fn fold(lower: &str) -> Option<Folded> {
    let mut folded = Folded { buf: [0; 48], len: 0 };
    for c in lower.chars() {
        let ascii = match c {
            'a'..='z' | '-' | '\'' => c,
            '’' => '\'',
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ß' => {
                push(&mut folded, b's')?;
                's'
            }
            _ => return None,
        };
        push(&mut folded, ascii as u8)?;
    }
    Some(folded)
}

fn push(folded: &mut Folded, b: u8) -> Option<()> {
    *folded.buf.get_mut(folded.len)? = b;
    folded.len += 1;
    Some(())
}

/// A token's lowercase text folded to ASCII: borrowed when it already is.
pub(in super::super) enum Word<'a> {
    Ascii(&'a str),
    Folded(Folded),
}

impl Word<'_> {
    pub(in super::super) fn as_str(&self) -> &str {
        match self {
            Word::Ascii(word) => word,
            Word::Folded(folded) => folded.as_str(),
        }
    }
}

/// Word token `i` folded, if some entry of `table` starts it: most words are turned away by a
/// look-up and a few byte comparisons, without copying.
pub(in super::super) fn fold_token<'a, T>(
    tokens: &'a Tokens<'_>,
    i: usize,
    table: &Buckets<T>,
) -> Option<Word<'a>> {
    let t = tokens.get(i).filter(|t| t.class == Class::Word)?;
    if !table.may_start(head(tokens.lower_text().as_bytes(), t)) {
        return None;
    }
    let lower = tokens.lower_text().get(t.start..t.end)?;
    if lower.is_ascii() {
        return table.starts(lower.as_bytes()).then_some(Word::Ascii(lower));
    }
    let folded = fold(&tokens.lower(i))?;
    table
        .starts(folded.as_str().as_bytes())
        .then_some(Word::Folded(folded))
}

/// The first three bytes of token `t` in the lowercase text (fewer for a shorter word).
#[inline]
pub(in super::super) fn head<'a>(lower: &'a [u8], t: &Token) -> &'a [u8] {
    lower.get(t.start..t.end.min(t.start + 3)).unwrap_or_default()
}

pub(super) static WORDS: LazyLock<Buckets<Atom>> = LazyLock::new(build);

/// Whether `word` is, in any case, one of the words for "and" inside a number ("two thousand
/// and five", "sesenta y siete"): no other number word is spelled so, and alone it starts no
/// number and no run of digits (the gates' property tests read texts with them).
pub(in super::super) fn is_connector(word: &[u8]) -> bool {
    word.len() <= 3 && CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// The spellings of [`Kind::And`] in `OTHERS` (a test holds them equal), compared directly.
const CONNECTORS: [&[u8]; 6] = [b"and", b"y", b"et", b"und", b"e", b"en"];

#[cfg(test)]
#[test]
fn connectors_are_the_and_words() {
    let ands: Vec<&[u8]> = OTHERS
        .iter()
        .filter(|(_, kind, _, _)| *kind == Kind::And)
        .map(|(_, _, _, form)| form.as_bytes())
        .collect();
    assert_eq!(ands, CONNECTORS);
}

/// Whether a number word may start word token `t`, told from its first letters: most words
/// are ruled out this way without parsing.
#[inline]
pub(in super::super) fn may_start_word(t: &Token) -> bool {
    t.number_start
}

/// Sets [`Token::number_start`] of every word, from the lowercased text: once per word, when
/// the text is tokenized.
pub(in super::super) fn mark_number_starts(lower: &[u8], toks: &mut [Token]) {
    toks.iter_mut().for_each(|t| mark_number_start(lower, t));
}

/// [`mark_number_starts`] for one token, as the tokenizer makes it (inlined there: a call
/// per token cost more than the work).
#[inline(always)]
pub(in super::super) fn mark_number_start(lower: &[u8], t: &mut Token) {
    if t.class != Class::Word {
        return;
    }
    let word = lower.get(t.start..t.end).unwrap_or_default();
    (t.number_start, t.number_word, t.month_start) = word_marks(word);
}

/// The number and month marks of a word from its lowercase bytes: whether it may start a
/// number word, may be one, may start a month name ([`Token::number_start`],
/// [`Token::number_word`], [`Token::month_start`]).
#[inline(always)]
pub(in super::super) fn word_marks(word: &[u8]) -> (bool, bool, bool) {
    let table = &*WORDS;
    let head = word.get(..word.len().min(3)).unwrap_or_default();
    let key = key(head);
    let number_start = table.may_start_keyed(key, head);
    let month_start = crate::redact::dates::MONTHS.may_start_keyed(key, head);
    // Told once here rather than by each reader that asks.
    let number_word = number_start && (!word.is_ascii() || table.starts(word));
    (number_start, number_word, month_start)
}

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

/// Appends the number words of folded `word` (token `token`) to `slots`, hyphenated parts and
/// compounds split; false, with nothing appended, if some part is not made of number words.
pub(super) fn split_word(word: &str, token: usize, slots: &mut Slots) -> bool {
    let start = slots.len();
    for piece in word.as_bytes().split(|&b| b == b'-') {
        let first = slots.len();
        let ok = match piece {
            [] => false,
            [_] => WORDS
                .exact(piece)
                .map(|atom| slots.push(slot(*atom, token)))
                .is_some(),
            _ => split_piece(piece, token, slots, start),
        };
        if !ok {
            slots.truncate(start);
            return false;
        }
        if let Some(s) = slots.get_mut(first) {
            s.piece_start = true;
        }
    }
    if let Some(s) = slots.get_mut(start) {
        s.token_start = true;
    }
    slots.len() > start
}

fn slot(atom: Atom, token: usize) -> Slot {
    Slot {
        atom,
        token,
        token_start: false,
        piece_start: false,
    }
}

/// Longest spelling first, backtracking when the rest does not split: "centottanta" is
/// cent + ottanta, not cento + "ttanta".
fn split_piece(rest: &[u8], token: usize, slots: &mut Slots, word_start: usize) -> bool {
    if rest.is_empty() {
        return true;
    }
    if rest.len() < 2 || slots.len() - word_start >= MAX_ATOMS {
        return false;
    }
    for (form, atom) in WORDS.bucket(rest) {
        if has_prefix(rest, form.as_bytes())
            && let Some(tail) = rest.get(form.len()..)
        {
            slots.push(slot(*atom, token));
            if split_piece(tail, token, slots, word_start) {
                return true;
            }
            slots.pop();
        }
    }
    false
}
