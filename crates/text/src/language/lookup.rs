//! Word lists whose entries may be whole words or word starts ("refund" holds "refunded"), looked
//! up in one hash probe and a few comparisons instead of a scan of every entry.

use rustc_hash::FxHashMap;

use crate::word_hash::WordBloom;

/// Entries at least this long may match as word starts; they are filed under their first bytes.
const PREFIX_KEY: usize = 4;

/// Folded words and word starts, each with a value; when several match, the earliest entry wins
/// (entries are added in the order a scan of the lists would try them).
#[derive(Debug)]
pub(crate) struct WordLookup<V> {
    exact: FxHashMap<&'static str, (u32, V)>,
    /// Word starts by their first [`PREFIX_KEY`] bytes.
    starts: FxHashMap<&'static [u8], Vec<(&'static str, u32, V)>>,
    added: u32,
    /// The whole words and the first bytes of the word starts: most words looked up are in
    /// neither, and the filter says so without hashing them.
    exact_filter: WordBloom,
    starts_filter: WordBloom,
}

impl<V: Copy> Default for WordLookup<V> {
    fn default() -> Self {
        Self {
            exact: FxHashMap::default(),
            starts: FxHashMap::default(),
            added: 0,
            exact_filter: WordBloom::default(),
            starts_filter: WordBloom::default(),
        }
    }
}

impl<V: Copy> WordLookup<V> {
    /// Adds `word` (matched whole) with `value`.
    pub(crate) fn word(&mut self, word: &'static str, value: V) {
        let order = self.next();
        self.exact.entry(word).or_insert((order, value));
        self.exact_filter.insert(word);
    }

    /// Adds `start` with `value`: matched by the words it starts, itself included. A start
    /// shorter than four bytes is matched whole only.
    pub(crate) fn start(&mut self, start: &'static str, value: V) {
        match start.as_bytes().get(..PREFIX_KEY) {
            Some(key) => {
                let order = self.next();
                self.starts.entry(key).or_default().push((start, order, value));
                self.starts_filter.insert_bytes(key);
            }
            None => self.word(start, value),
        }
    }

    fn next(&mut self) -> u32 {
        self.added += 1;
        self.added
    }

    /// The value of the earliest entry that matches `folded`.
    pub(crate) fn get(&self, folded: &str) -> Option<V> {
        let mut best = self
            .exact_filter
            .may_contain(folded)
            .then(|| self.exact.get(folded).copied())
            .flatten();
        if let Some(bucket) = folded
            .as_bytes()
            .get(..PREFIX_KEY)
            .filter(|k| self.starts_filter.may_contain_bytes(k))
            .and_then(|k| self.starts.get(k))
        {
            for &(start, order, value) in bucket {
                if folded.starts_with(start) && best.is_none_or(|(b, _)| order < b) {
                    best = Some((order, value));
                }
            }
        }
        best.map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_word_starts_earliest_first() {
        let mut lookup = WordLookup::default();
        lookup.start("refund", 1);
        lookup.word("free", 2);
        lookup.start("refunded", 3);
        lookup.start("sms", 4);
        assert_eq!(lookup.get("refund"), Some(1));
        assert_eq!(lookup.get("refunded"), Some(1), "the earlier entry wins");
        assert_eq!(lookup.get("refunds"), Some(1));
        assert_eq!(lookup.get("free"), Some(2));
        assert_eq!(lookup.get("freely"), None, "a whole word is no word start");
        assert_eq!(lookup.get("sms"), Some(4));
        assert_eq!(lookup.get("smss"), None, "a short start matches whole only");
        assert_eq!(lookup.get("ref"), None);
        assert_eq!(lookup.get(""), None);
        assert_eq!(lookup.get("réfund"), None);
    }

    /// Any list, any word: the same answer as trying every entry in order.
    #[test]
    fn the_same_answer_as_a_scan() {
        let entries: [(&str, bool); 7] = [
            ("charg", true),
            ("charge", false),
            ("fee", false),
            ("gratuit", true),
            ("grat", true),
            ("cost", true),
            ("coste", false),
        ];
        let mut lookup = WordLookup::default();
        for (i, (entry, start)) in entries.iter().enumerate() {
            if *start {
                lookup.start(entry, i);
            } else {
                lookup.word(entry, i);
            }
        }
        let scan = |w: &str| {
            entries
                .iter()
                .position(|(e, start)| w == *e || (*start && e.len() >= PREFIX_KEY && w.starts_with(e)))
        };
        for w in [
            "charge", "charged", "charg", "fee", "fees", "gratuite", "gratis", "costs", "coste", "grat",
            "cos",
        ] {
            assert_eq!(lookup.get(w), scan(w), "{w}");
        }
    }
}
