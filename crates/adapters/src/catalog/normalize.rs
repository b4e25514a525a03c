//! Text normalisation shared by catalog forms and transcript text, so both sides compare equal:
//! NFKD, combining marks dropped, lowercase, whitespace runs as one space, typographic
//! apostrophes and hyphens as their ASCII forms. Transcript text keeps a byte map back to the
//! original offsets.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Normalised text plus, per normalised byte, the offset of the original character it came from.
/// The map is left empty when it is the identity (ASCII text without whitespace runs, the
/// common case), which saves building it.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    bytes: Vec<u8>,
    origin: Vec<u32>,
    identity: bool,
}

/// Past this size a reused buffer is shrunk, so one huge email does not pin memory forever.
const KEEP_CAPACITY: usize = 1 << 20;

impl Normalized {
    /// The normalised bytes (valid UTF-8).
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Normalises `input` into this buffer, reusing its allocations.
    pub(crate) fn normalize(&mut self, input: &str) {
        self.bytes.clear();
        self.origin.clear();
        if self.bytes.capacity() > 4 * KEEP_CAPACITY {
            self.bytes.shrink_to(KEEP_CAPACITY);
            self.origin.shrink_to(KEEP_CAPACITY);
        }
        self.identity = input.is_ascii() && normalize_simple_ascii(input.as_bytes(), &mut self.bytes);
        if !self.identity {
            self.bytes.clear();
            normalize_general(input, &mut self.bytes, Some(&mut self.origin));
        }
    }

    /// The original offset where normalised byte `index` starts.
    pub(crate) fn original_start(&self, index: usize) -> usize {
        if self.identity {
            index
        } else {
            self.origin.get(index).map_or(0, |&o| o as usize)
        }
    }

    /// The original offset where a match ending at normalised byte `end` (exclusive, > 0) ends:
    /// where the next normalised character came from, so combining marks dropped after the
    /// match stay inside it; when the match ends inside the expansion of one original
    /// character (a ligature), the end of that character.
    pub(crate) fn original_end(&self, end: usize, input: &str) -> usize {
        if self.identity {
            return end;
        }
        let last = self.original_start(end.saturating_sub(1));
        let next = self.origin.get(end).map_or(input.len(), |&o| o as usize);
        if next > last {
            next
        } else {
            last + input[last..].chars().next().map_or(0, char::len_utf8)
        }
    }
}

/// A catalog form normalised like transcript text, without leading or trailing space.
pub(crate) fn normalize_form(form: &str) -> String {
    let mut bytes = Vec::with_capacity(form.len());
    normalize_general(form, &mut bytes, None);
    String::from_utf8_lossy(&bytes).trim_matches(' ').to_owned()
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// ASCII fast path: lowercase and map single whitespace bytes to a space, byte for byte. Returns
/// false (output incomplete) on a whitespace run, which needs the general path and a byte map.
fn normalize_simple_ascii(input: &[u8], out: &mut Vec<u8>) -> bool {
    // Two simple passes the compiler vectorises beat one branchy pass.
    if input
        .windows(2)
        .any(|pair| is_ascii_space(pair[0]) & is_ascii_space(pair[1]))
    {
        return false;
    }
    out.extend(input.iter().map(|&b| {
        if is_ascii_space(b) {
            b' '
        } else {
            b.to_ascii_lowercase()
        }
    }));
    true
}

/// The full normalisation. `origin`, when given, receives one original offset per output byte.
fn normalize_general(input: &str, out: &mut Vec<u8>, mut origin: Option<&mut Vec<u32>>) {
    out.reserve(input.len());
    let mut push = |out: &mut Vec<u8>, c: char, at: usize| {
        let mut buf = [0; 4];
        let encoded = c.encode_utf8(&mut buf).as_bytes();
        // A space only ever comes from whitespace, so "last byte is a space" means "in a run".
        if c == ' ' && out.last() == Some(&b' ') {
            return;
        }
        out.extend_from_slice(encoded);
        if let Some(origin) = origin.as_deref_mut() {
            let at = u32::try_from(at).unwrap_or(u32::MAX);
            origin.extend(std::iter::repeat_n(at, encoded.len()));
        }
    };
    for (at, c) in input.char_indices() {
        if c.is_ascii() {
            let c = if is_ascii_space(c as u8) {
                ' '
            } else {
                c.to_ascii_lowercase()
            };
            push(out, c, at);
        } else if c.is_whitespace() {
            push(out, ' ', at);
        } else if let Some(ascii) = typographic_equivalent(c) {
            push(out, ascii, at);
        } else {
            decompose_compatible(c, |d| {
                if d.is_whitespace() {
                    push(out, ' ', at);
                    return;
                }
                for lower in d.to_lowercase() {
                    if !is_combining_mark(lower) {
                        push(out, lower, at);
                    }
                }
            });
        }
    }
}

/// Characters people (and word processors) use in place of an ASCII apostrophe or hyphen.
fn typographic_equivalent(c: char) -> Option<char> {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => Some('\''),
        '\u{2010}' | '\u{2011}' => Some('-'),
        _ => None,
    }
}

/// Letters, digits and `_`: what a whole-word match must not touch.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The character starting at byte `index` of valid UTF-8 `bytes`.
pub(crate) fn char_at(bytes: &[u8], index: usize) -> Option<char> {
    let lead = *bytes.get(index)?;
    if lead.is_ascii() {
        return Some(lead as char);
    }
    let width = match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    };
    let end = (index + width).min(bytes.len());
    std::str::from_utf8(&bytes[index..end]).ok()?.chars().next()
}

/// The character ending just before byte `index` of valid UTF-8 `bytes`.
pub(crate) fn char_before(bytes: &[u8], index: usize) -> Option<char> {
    let last = *bytes.get(index.checked_sub(1)?)?;
    if last.is_ascii() {
        return Some(last as char);
    }
    let mut start = index - 1;
    // Continuation bytes are 0b10xx_xxxx; a character has at most three of them.
    while start > 0 && index - start < 4 && bytes[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    char_at(bytes, start)
}

/// Whether a word character touches byte `index` from the left.
pub(crate) fn word_before(bytes: &[u8], index: usize) -> bool {
    char_before(bytes, index).is_some_and(is_word_char)
}

/// Whether a word character starts at byte `index`.
pub(crate) fn word_at(bytes: &[u8], index: usize) -> bool {
    char_at(bytes, index).is_some_and(is_word_char)
}
