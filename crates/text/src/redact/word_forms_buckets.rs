//! The number words' lookup structure: entries bucketed by their first two letters, with a
//! bit set of first three letters that rules most words out in one load. The month names of
//! the date reader use it too.

/// Words indexed by their first two letters (one-letter words apart), longest first, with a
/// bit set of first three letters so that ruling out an ordinary word costs one load.
pub(in crate::redact) struct Buckets<T: 'static> {
    lists: Vec<Vec<(&'static str, T)>>,
    /// By `key`: some entry starts with these three letters, or is this one- or two-letter word.
    starts: [u64; KEYS.div_ceil(64)],
}

const PAIRS: usize = 26 * 26;
/// Letter codes 0-25, then "past the end of the word", then a flag bit for any other byte.
const END: u8 = 26;
const OTHER: u8 = 32;
const KEYS: usize = 26 * 27 * 27;

/// The code of every byte: a lowercase ASCII letter's index, else `OTHER`.
static CODES: [u8; 256] = {
    let mut codes = [OTHER; 256];
    let mut b = b'a';
    while b <= b'z' {
        codes[b as usize] = b - b'a';
        b += 1;
    }
    codes
};

/// The first three bytes of a word as a number (`END` past its end); `None` if one of them is
/// not a lowercase ASCII letter. A table look-up per byte: this runs on every word of a call.
#[inline]
pub(in crate::redact) fn key(word: &[u8]) -> Option<usize> {
    let at = |k: usize| {
        word.get(k)
            .map_or(END, |&b| CODES.get(usize::from(b)).copied().unwrap_or(OTHER))
    };
    let (a, b, c) = (at(0), at(1), at(2));
    if (a | b | c) & OTHER != 0 || word.is_empty() {
        return None;
    }
    Some((usize::from(a) * 27 + usize::from(b)) * 27 + usize::from(c))
}

impl<T> Buckets<T> {
    pub(in crate::redact) fn new(mut entries: Vec<(&'static str, T)>) -> Self {
        entries.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
        let mut lists: Vec<Vec<(&'static str, T)>> = (0..PAIRS + 26).map(|_| Vec::new()).collect();
        let mut starts = [0; KEYS.div_ceil(64)];
        for (form, value) in entries {
            if let Some(k) = key(form.as_bytes())
                && let Some(bits) = starts.get_mut(k / 64)
            {
                *bits |= 1 << (k % 64);
            }
            if let Some(list) = bucket_index(form.as_bytes()).and_then(|k| lists.get_mut(k)) {
                list.push((form, value));
            }
        }
        Self { lists, starts }
    }

    /// Whether an entry may start a word whose text begins with `head` (its first three bytes,
    /// or all of a shorter word): false rules the word out. One- and two-letter entries are whole
    /// words or hyphenated parts, never the start of a compound. Accented letters and hyphens are
    /// left to the full check.
    #[inline]
    pub(in crate::redact) fn may_start(&self, head: &[u8]) -> bool {
        self.may_start_keyed(key(head), head)
    }

    /// [`Self::may_start`] with `head`'s key already made: the tokenizer asks two tables.
    #[inline]
    pub(super) fn may_start_keyed(&self, key: Option<usize>, head: &[u8]) -> bool {
        match key {
            Some(k) => self
                .starts
                .get(k / 64)
                .is_some_and(|bits| bits & (1 << (k % 64)) != 0),
            None => {
                head.iter()
                    .all(|&b| b.is_ascii_lowercase() || b == b'-' || !b.is_ascii())
                    && !head.is_empty()
            }
        }
    }

    /// The entries that may start `word` (same first two letters, or the one-letter entry).
    pub(in crate::redact) fn bucket(&self, word: &[u8]) -> &[(&'static str, T)] {
        bucket_index(word)
            .and_then(|k| self.lists.get(k))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether some entry is a prefix of `word`.
    pub(in crate::redact) fn starts(&self, word: &[u8]) -> bool {
        self.bucket(word)
            .iter()
            .any(|(form, _)| has_prefix(word, form.as_bytes()))
    }

    #[cfg(test)]
    pub(in crate::redact) fn entries(&self) -> impl Iterator<Item = &(&'static str, T)> {
        self.lists.iter().flatten()
    }

    pub(in crate::redact) fn exact(&self, word: &[u8]) -> Option<&T> {
        self.bucket(word)
            .iter()
            .find(|(form, _)| form.as_bytes() == word)
            .map(|(_, value)| value)
    }
}

/// `word.starts_with(form)` as a byte loop: the forms are short and usually differ by the third
/// byte, where a `memcmp` call costs more than the comparison.
#[inline]
pub(in crate::redact) fn has_prefix(word: &[u8], form: &[u8]) -> bool {
    form.len() <= word.len() && form.iter().zip(word).all(|(a, b)| a == b)
}

#[inline]
fn letter(b: u8) -> Option<usize> {
    b.is_ascii_lowercase().then(|| usize::from(b - b'a'))
}

#[inline]
fn bucket_index(word: &[u8]) -> Option<usize> {
    match word {
        [a] => Some(PAIRS + letter(*a)?),
        [a, b, ..] => Some(letter(*a)? * 26 + letter(*b)?),
        [] => None,
    }
}
