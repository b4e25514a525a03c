//! A fast hasher for the word tables of summarisation, verification and sentiment.
//!
//! A 60-minute call hashes tens of thousands of short words; with std's SipHash that was the
//! largest single cost of the pipeline. This is a folded-multiply hash (as in ahash and foldhash)
//! keyed with a per-process random seed, so collisions cannot be precomputed; inputs are bounded
//! transcripts, so SipHash's stronger HashDoS margin is not needed.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::LazyLock;

/// A map keyed by words (or anything else hashed often).
pub(crate) type WordMap<K, V> = HashMap<K, V, WordHash>;
/// A set of words.
pub(crate) type WordSet<K> = HashSet<K, WordHash>;

/// A fixed word list looked up for every word of a transcript (stopwords, cue words). Words of up
/// to seven bytes, most of them, are keyed by a number holding their bytes and length, so a
/// lookup hashes and compares one integer instead of a string.
#[derive(Debug)]
pub(crate) struct WordTable<V> {
    short: ShortMap<V>,
    long: WordMap<&'static str, V>,
}

impl<V> WordTable<V> {
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        match packed(word) {
            Some(key) => self.short.get(key),
            None => self.long.get(word),
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The entry of `word`, inserted with `V::default()` when missing.
    pub(crate) fn entry(&mut self, word: &'static str) -> &mut V
    where
        V: Default,
    {
        match packed(word) {
            Some(key) => self.short.entry(key),
            None => self.long.entry(word).or_default(),
        }
    }
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        Self {
            short: ShortMap::default(),
            long: WordMap::default(),
        }
    }
}

impl<V> FromIterator<(&'static str, V)> for WordTable<V> {
    fn from_iter<I: IntoIterator<Item = (&'static str, V)>>(entries: I) -> Self {
        let mut table = Self::default();
        for (word, value) in entries {
            match packed(word) {
                Some(key) => table.short.insert(key, value),
                None => {
                    table.long.insert(word, value);
                }
            }
        }
        table
    }
}

impl FromIterator<&'static str> for WordTable<()> {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> Self {
        words.into_iter().map(|word| (word, ())).collect()
    }
}

/// The length of `word` in the low byte and its bytes above it, for words of up to seven bytes:
/// distinct words, distinct numbers.
#[inline]
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > 7 {
        return None;
    }
    let key = bytes.iter().enumerate().fold(bytes.len() as u64, |key, (i, b)| {
        key | (u64::from(*b) << (8 * (i + 1)))
    });
    Some(key)
}

/// The packed words of a [`WordTable`]: open addressing with linear probing, at most half
/// full, so a lookup is one multiply and a probe or two instead of a general hash map's
/// hashing and group search. The table is fixed once built, so how long a probe can run is
/// set by its own words, not by the text looked up.
#[derive(Debug)]
struct ShortMap<V> {
    /// A power of two long (or empty); 0 marks a free slot (no packed word is 0 but the empty
    /// word, kept apart in `empty`).
    keys: Vec<u64>,
    values: Vec<Option<V>>,
    empty: Option<V>,
    len: usize,
}

impl<V> Default for ShortMap<V> {
    fn default() -> Self {
        Self {
            keys: Vec::new(),
            values: Vec::new(),
            empty: None,
            len: 0,
        }
    }
}

impl<V> ShortMap<V> {
    /// The slot of `key`, or the free slot where it would go; `None` when the table is empty.
    #[inline]
    fn slot(&self, key: u64) -> Option<usize> {
        let mask = self.keys.len().checked_sub(1)?;
        let mut i = (key.wrapping_mul(MULTIPLIER) >> 40) as usize & mask;
        loop {
            match self.keys.get(i) {
                Some(&k) if k != key && k != 0 => i = (i + 1) & mask,
                Some(_) => return Some(i),
                None => return None,
            }
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&V> {
        if key == 0 {
            return self.empty.as_ref();
        }
        let i = self.slot(key)?;
        if self.keys.get(i) == Some(&key) {
            self.values.get(i)?.as_ref()
        } else {
            None
        }
    }

    fn insert(&mut self, key: u64, value: V) {
        self.put(key, value, false);
    }

    fn entry(&mut self, key: u64) -> &mut V
    where
        V: Default,
    {
        if key == 0 {
            return self.empty.get_or_insert_with(V::default);
        }
        if self.get(key).is_none() {
            self.put(key, V::default(), false);
        }
        match self.slot(key).and_then(|i| self.values.get_mut(i)) {
            Some(value) => value.get_or_insert_with(V::default),
            // Never taken: the key was put in a table that is never full.
            None => self.empty.get_or_insert_with(V::default),
        }
    }

    /// Puts `value` at `key` (replacing any value there unless `keep`).
    fn put(&mut self, key: u64, value: V, keep: bool) {
        if key == 0 {
            if !(keep && self.empty.is_some()) {
                self.empty = Some(value);
            }
            return;
        }
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        let Some(i) = self.slot(key) else { return };
        if let (Some(k), Some(v)) = (self.keys.get_mut(i), self.values.get_mut(i)) {
            if *k == 0 {
                self.len += 1;
            } else if keep {
                return;
            }
            *k = key;
            *v = Some(value);
        }
    }

    fn grow(&mut self) {
        let capacity = (self.keys.len() * 2).max(16);
        let keys = std::mem::replace(&mut self.keys, vec![0; capacity]);
        let values = std::mem::replace(&mut self.values, (0..capacity).map(|_| None).collect());
        self.len = 0;
        for (key, value) in keys.into_iter().zip(values) {
            if let Some(value) = value.filter(|_| key != 0) {
                self.put(key, value, true);
            }
        }
    }
}

/// A Bloom filter over a few words (4096 bits, one probe): "surely absent" told from a word's
/// length and first and last bytes, without hashing it whole nor probing a table. In front of
/// small sets looked up for every word of a call, which most words are not in.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordBloom {
    bits: Vec<u64>,
}

const BLOOM_BITS: usize = 4096;

impl WordBloom {
    pub(crate) fn insert(&mut self, word: &str) {
        self.insert_bytes(word.as_bytes());
    }

    /// [`Self::insert`] for a word's bytes.
    pub(crate) fn insert_bytes(&mut self, word: &[u8]) {
        if self.bits.is_empty() {
            self.bits = vec![0; BLOOM_BITS / 64];
        }
        let k = bloom_key(word);
        if let Some(bits) = self.bits.get_mut(k / 64) {
            *bits |= 1 << (k % 64);
        }
    }

    /// False: `word` was never inserted.
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        self.may_contain_bytes(word.as_bytes())
    }

    /// [`Self::may_contain`] for a word's bytes.
    #[inline]
    pub(crate) fn may_contain_bytes(&self, word: &[u8]) -> bool {
        let k = bloom_key(word);
        self.bits
            .get(k / 64)
            .is_some_and(|bits| bits & (1 << (k % 64)) != 0)
    }
}

impl<'a> FromIterator<&'a str> for WordBloom {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        let mut bloom = Self::default();
        words.into_iter().for_each(|w| bloom.insert(w));
        bloom
    }
}

/// The filter bit of a word: its length and up to eight of its bytes (all of a short word; the
/// first and last four of a longer one), mixed.
#[inline]
fn bloom_key(word: &[u8]) -> usize {
    let bytes = match word.first_chunk::<4>().zip(word.last_chunk::<4>()) {
        Some((first, last)) => {
            u64::from(u32::from_le_bytes(*first)) | (u64::from(u32::from_le_bytes(*last)) << 32)
        }
        None => tail(word),
    };
    let mixed = (bytes ^ ((word.len() as u64) << 56)).wrapping_mul(MULTIPLIER);
    (mixed >> 52) as usize % BLOOM_BITS
}

/// An odd constant with well-spread bits (from PCG).
const MULTIPLIER: u64 = 0x5851_f42d_4c95_7f2d;

static SEED: LazyLock<u64> = LazyLock::new(|| RandomState::new().hash_one(0x5eed_u64));

/// Builds [`WordHasher`]s with the process seed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordHash {
    seed: u64,
}

impl Default for WordHash {
    fn default() -> Self {
        Self { seed: *SEED }
    }
}

impl BuildHasher for WordHash {
    type Hasher = WordHasher;

    fn build_hasher(&self) -> WordHasher {
        WordHasher(self.seed)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    /// Mixes in eight bytes: the high and low halves of a 128-bit product, folded.
    fn add(&mut self, word: u64) {
        let product = u128::from(self.0 ^ word) * u128::from(MULTIPLIER);
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }
}

/// Up to seven bytes as one number, without a copy loop: two overlapping 4-byte reads, or the
/// first, middle and last byte (together they cover every byte of the tail).
fn tail(rest: &[u8]) -> u64 {
    let len = rest.len();
    if len >= 4 {
        let low = rest.first_chunk::<4>().copied().map_or(0, u32::from_le_bytes);
        let high = rest.last_chunk::<4>().copied().map_or(0, u32::from_le_bytes);
        u64::from(low) | (u64::from(high) << 32)
    } else {
        let byte = |i: usize| u64::from(rest.get(i).copied().unwrap_or(0));
        byte(0) | (byte(len / 2) << 8) | (byte(len.saturating_sub(1)) << 16)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The length keeps "ab" apart from "ab\0".
            self.add(tail(rest) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // One more round so the last bytes reach every bit the table uses (low bits for the
        // bucket, high bits for the tag).
        let product = u128::from(self.0) * u128::from(MULTIPLIER);
        (product as u64) ^ ((product >> 64) as u64)
    }
}

/// Where `part`, a slice of `text` (a line of a vendored word list), starts in it, from their
/// addresses: word tables keep this offset instead of a copy of the word. `None` when `part`
/// is not inside `text` or the offset does not fit.
pub(crate) fn place_in(text: &str, part: &str) -> Option<u32> {
    let at = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    if at + part.len() > text.len() {
        return None;
    }
    u32::try_from(at).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_found_only_inside_its_text() {
        let text = "alpha\nbeta\n";
        let beta = text.lines().nth(1).unwrap_or_default();
        assert_eq!(place_in(text, beta), Some(6));
        assert_eq!(place_in(text, &text[..0]), Some(0));
        // The same word elsewhere (on the heap) is not in the text.
        assert_eq!(place_in(text, &String::from("beta")), None);
        assert_eq!(place_in(&text[6..], text.get(..5).unwrap_or_default()), None);
    }

    fn hash(word: &str) -> u64 {
        WordHash::default().hash_one(word)
    }

    #[test]
    fn a_bloom_filter_never_misses_a_word_it_holds() {
        let words = ["at", "arroba", "chiocciolina", "a", "", "straße", "klammeraffe"];
        let bloom: WordBloom = words.into_iter().collect();
        assert!(words.iter().all(|w| bloom.may_contain(w)));
        assert!(!WordBloom::default().may_contain("at"));
    }

    #[test]
    fn equal_words_hash_equal_and_tables_work() {
        assert_eq!(hash("router"), hash("router"));
        assert_ne!(hash("router"), hash("routers"));
        assert_ne!(hash("ab"), hash("ab\0"));
        assert_ne!(hash(""), hash("\0"));
        let set: WordSet<&str> = ["refund", "router", "refund"].into_iter().collect();
        assert_eq!(set.len(), 2);
        assert!(set.contains("router") && !set.contains("route"));
        let mut map: WordMap<(u32, u32), u32> = WordMap::default();
        *map.entry((5, 3)).or_default() += 2;
        assert_eq!(map.get(&(5, 3)), Some(&2));
        assert_eq!(map.get(&(3, 5)), None);
    }

    proptest::proptest! {
        /// The packed-word table answers as a hash map of the same words does, values and
        /// repeated entries included.
        #[test]
        fn short_map_answers_as_a_hash_map(
            words in proptest::collection::vec("[a-c\\x00]{0,7}", 0..60),
            probes in proptest::collection::vec("[a-d\\x00]{0,7}", 0..60),
        ) {
            let mut map = ShortMap::default();
            let mut expected: HashMap<u64, u32> = HashMap::new();
            for (n, word) in words.iter().enumerate() {
                let key = packed(word).unwrap_or_default();
                if n % 3 == 0 {
                    *map.entry(key) += 1;
                    *expected.entry(key).or_default() += 1;
                } else {
                    map.insert(key, n as u32);
                    expected.insert(key, n as u32);
                }
            }
            for word in words.iter().chain(&probes) {
                let key = packed(word).unwrap_or_default();
                proptest::prop_assert_eq!(map.get(key), expected.get(&key));
            }
        }
    }

    #[test]
    fn word_table_finds_short_and_long_words_exactly() {
        let table: WordTable<()> = ["a", "ab", "abab", "ababab", "seven77", "eight888", "themselves"]
            .into_iter()
            .collect();
        for word in ["a", "ab", "abab", "ababab", "seven77", "eight888", "themselves"] {
            assert!(table.contains(word), "{word}");
        }
        for word in [
            "",
            "b",
            "ba",
            "aba",
            "abababab",
            "ab\0",
            "seven7",
            "eight88",
            "themselve",
            "A",
        ] {
            assert!(!table.contains(word), "{word:?}");
        }
        let mut values: WordTable<u32> = [("one", 1), ("thousand", 1000)].into_iter().collect();
        *values.entry("one") += 10;
        *values.entry("million") += 5;
        assert_eq!(values.get("one"), Some(&11));
        assert_eq!(values.get("thousand"), Some(&1000));
        assert_eq!(values.get("million"), Some(&5));
        assert_eq!(values.get("two"), None);
    }

    #[test]
    fn similar_words_spread_over_buckets() {
        // Words that differ in one byte, at any position, must not pile into a few buckets.
        let words: Vec<String> = (0..4096).map(|i| format!("word{i:05}-long-suffix")).collect();
        let mut hashes: Vec<u64> = words.iter().map(|w| hash(w)).collect();
        let mut low_bits: Vec<u64> = hashes.iter().map(|h| h & 0xfff).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len(), "64-bit collisions");
        low_bits.sort_unstable();
        low_bits.dedup();
        // 4096 keys into 4096 buckets: a uniform hash fills about 63% of them.
        assert!(low_bits.len() > 2300, "only {} distinct buckets", low_bits.len());
    }
}
