//! Key phrases: capitalised multi-word names ("Acme Router Pro"), frequent content bigrams, and
//! frequent content words as a last resort.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::sentences::{Kind, Sentence};
use super::text::{self, Token};
use crate::language::{Language, fold};
use crate::word_hash::{WordHash, WordMap, WordSet, WordTable};

/// Below this many phrases, frequent single words fill in.
const MIN_PHRASES: usize = 3;
const MIN_BIGRAM_COUNT: u32 = 2;
const MIN_UNIGRAM_COUNT: u32 = 2;
const MIN_UNIGRAM_LEN: usize = 4;
const MAX_FOLDED_NAMES: usize = 300;

const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Frequent but uninformative on their own.
const GENERIC_WORDS: &[&str] = &[
    "work", "works", "working", "call", "calls", "calling", "help", "thing", "things", "issue", "problem",
    "account", "customer", "agent", "time", "today", "tomorrow", "week", "month", "number", "start",
    "started", "stop", "stopped", "keep", "keeps", "happen", "happened", "told", "tried", "said", "show",
    "shows", "says", "want", "like", "know",
];

// Sets, not lists: every word of the transcript is looked up.
static CALENDAR_WORDS: LazyLock<WordTable<()>> = LazyLock::new(|| CALENDAR.iter().copied().collect());
static GENERIC: LazyLock<WordTable<()>> = LazyLock::new(|| GENERIC_WORDS.iter().copied().collect());

#[derive(Default)]
struct Candidate {
    count: u32,
    first: usize,
    /// Surface forms and how often each was seen: a list, as a phrase rarely has more than two.
    forms: Vec<(String, u32)>,
}

impl Candidate {
    fn see(&mut self, order: usize, form: &str) {
        if self.count == 0 {
            self.first = order;
        }
        self.count += 1;
        match self.forms.iter_mut().find(|(known, _)| known == form) {
            Some((_, seen)) => *seen += 1,
            None => self.forms.push((form.to_owned(), 1)),
        }
    }

    /// The most frequent surface form; ties go to the alphabetically first (deterministic).
    fn display(&self) -> Option<&str> {
        let best = self
            .forms
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
        Some(best.0.as_str())
    }
}

/// Stems of a phrase, borrowed from the sentences where they can be.
type Key<'a> = Vec<Cow<'a, str>>;
type Table<'a> = WordMap<Key<'a>, Candidate>;

/// Counts one sighting of `key`; the key is copied only the first time it is seen.
fn see<'a>(table: &mut Table<'a>, key: &[Cow<'a, str>], order: usize, form: &str) {
    match table.get_mut(key) {
        Some(candidate) => candidate.see(order, form),
        None => table.entry(key.to_vec()).or_default().see(order, form),
    }
}

/// Up to `max` key phrases, most salient first, without duplicates, redaction markers or
/// numbers said in words: a figure cut out of its sentence ("forty nine" of "forty nine
/// ninety-nine", "veinte euros" of "ciento veinte euros") is no topic and says a wrong amount.
/// Function words of the call's `language` open no phrase ("por favor", "Kein Problem").
pub(crate) fn extract(sentences: &[Sentence<'_>], max: usize, language: Language) -> Vec<String> {
    let mut names = Table::default();
    // Sized for a long call up front, instead of growing step by step.
    let mut bigrams = Table::with_capacity_and_hasher(sentences.len(), WordHash::default());
    let mut unigrams = Table::with_capacity_and_hasher(sentences.len(), WordHash::default());
    // Each distinct sentence counts once: a phrase repeated in one stock sentence is not salient.
    let mut seen: WordSet<&str> = WordSet::default();
    // Reused for every sentence and every bigram's surface form.
    let mut words: Vec<Word<'_>> = Vec::new();
    let mut in_name: Vec<bool> = Vec::new();
    let mut form = String::new();
    for s in sentences
        .iter()
        .filter(|s| s.is_informative() && s.kind != Kind::Filler)
    {
        if !seen.insert(s.lower) {
            continue;
        }
        words.clear();
        words.extend(
            s.tokens
                .iter()
                .filter_map(|t| Word::new(s.text, s.lower, t, language)),
        );
        collect_names(&words, s.order, &mut names, &mut in_name);
        for (i, pair) in words.windows(2).enumerate() {
            let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let free =
                !in_name.get(i).copied().unwrap_or(true) && !in_name.get(i + 1).copied().unwrap_or(true);
            if free && b.joined && a.bigram && b.bigram {
                form.clear();
                form.push_str(&a.lower);
                form.push(' ');
                form.push_str(&b.lower);
                see(&mut bigrams, &[a.stem.clone(), b.stem.clone()], s.order, &form);
            }
        }
        for (w, named) in words.iter().zip(&in_name) {
            // Cheapest tests first; all of them are pure.
            if !named
                && w.bigram
                && text::has_chars(&w.lower, MIN_UNIGRAM_LEN)
                && !GENERIC.contains(w.lower.as_ref())
            {
                see(&mut unigrams, std::slice::from_ref(&w.stem), s.order, &w.lower);
            }
        }
    }
    fold_sub_names(&mut names);
    let mut chosen: Vec<(Key<'_>, String)> = Vec::new();
    for (table, min_count) in [(&names, 1), (&bigrams, MIN_BIGRAM_COUNT)] {
        add_ranked(table, min_count, max, &mut chosen);
    }
    if chosen.len() < MIN_PHRASES.min(max) {
        add_ranked(&unigrams, MIN_UNIGRAM_COUNT, MIN_PHRASES.min(max), &mut chosen);
    }
    chosen.into_iter().map(|(_, display)| display).collect()
}

struct Word<'a> {
    surface: &'a str,
    lower: Cow<'a, str>,
    stem: Cow<'a, str>,
    joined: bool,
    capitalised: bool,
    /// Can be part of a bigram (or be a unigram): computed once, it is asked up to three times.
    bigram: bool,
    /// Digits followed by a decimal separator and more digits: "5" of "5,5 L".
    cut_number: bool,
    /// A function word of a language other than English ("por", "kein", "nach").
    function_word: bool,
}

impl<'a> Word<'a> {
    /// `sentence_lower` is `sentence` ASCII-lowercased.
    fn new(sentence: &'a str, sentence_lower: &'a str, token: &Token, language: Language) -> Option<Self> {
        if token.marker {
            return None;
        }
        let surface = text::strip_possessive(sentence.get(token.start..token.end)?);
        let end = token.start + surface.len();
        let lower = text::normalised_word(sentence, sentence_lower, token.start, end, token.ascii)?;
        let cut_number = surface.ends_with(|c: char| c.is_ascii_digit())
            && sentence.get(end..).is_some_and(|rest| {
                let mut rest = rest.chars();
                matches!(rest.next(), Some('.' | ',')) && rest.next().is_some_and(|c| c.is_ascii_digit())
            });
        // English function words are the summariser's own list; other languages' are NLTK's.
        let function_word = language != Language::En && language.is_stopword(&fold(&lower));
        Some(Word {
            surface,
            stem: text::stem_of(&lower),
            bigram: !function_word && bigram_word(&lower),
            cut_number,
            function_word,
            lower,
            joined: token.joined,
            capitalised: surface.chars().next().is_some_and(char::is_uppercase),
        })
    }

    fn name_start(&self) -> bool {
        self.capitalised
            && text::has_chars(self.surface, 2)
            && !self.function_word
            && !text::is_stopword(&self.lower)
            && !CALENDAR_WORDS.contains(self.lower.as_ref())
    }

    fn name_continuation(&self) -> bool {
        self.joined
            && !self.cut_number
            && (self.capitalised || self.surface.chars().any(|c| c.is_ascii_digit()))
            && !text::is_stopword(&self.lower)
            && !CALENDAR_WORDS.contains(self.lower.as_ref())
    }
}

/// A content word of letters (and hyphens), at least three long. Cheapest tests first.
fn bigram_word(lower: &str) -> bool {
    text::has_chars(lower, 3)
        && lower.chars().all(|c| c.is_alphabetic() || c == '-')
        && text::is_content_word(lower)
}

/// Records the capitalised runs of two or more words; `in_name` is set to which words belong to
/// one.
fn collect_names<'a>(words: &[Word<'a>], order: usize, names: &mut Table<'a>, in_name: &mut Vec<bool>) {
    in_name.clear();
    in_name.resize(words.len(), false);
    let mut i = 0;
    while i < words.len() {
        let starts = words.get(i).is_some_and(Word::name_start);
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while words.get(end).is_some_and(Word::name_continuation) {
            end += 1;
        }
        if end - i >= 2 {
            let run = words.get(i..end).unwrap_or_default();
            let key: Key<'a> = run.iter().map(|w| w.stem.clone()).collect();
            let display = run.iter().map(|w| w.surface).collect::<Vec<_>>().join(" ");
            see(names, &key, order, &display);
            in_name
                .iter_mut()
                .skip(i)
                .take(end - i)
                .for_each(|flag| *flag = true);
        }
        i = end;
    }
}

/// "Router Pro" said as a short form of "Acme Router Pro" counts for the longer name.
fn fold_sub_names(names: &mut Table<'_>) {
    // Quadratic in distinct names: a transcript with this many is not worth folding.
    if names.len() > MAX_FOLDED_NAMES {
        return;
    }
    let mut keys: Vec<Key<'_>> = names.keys().cloned().collect();
    // Shortest first, so a folded name can itself fold into a still longer one later.
    keys.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    for short in &keys {
        let longer = keys
            .iter()
            .filter(|long| {
                long.len() > short.len() && long.windows(short.len()).any(|w| w == short.as_slice())
            })
            .max_by(|a, b| a.len().cmp(&b.len()).then(b.cmp(a)));
        let Some(longer) = longer else { continue };
        let Some(candidate) = names.remove(short) else {
            continue;
        };
        match names.get_mut(longer) {
            Some(target) => {
                target.count += candidate.count;
                target.first = target.first.min(candidate.first);
            }
            None => {
                names.insert(short.clone(), candidate);
            }
        }
    }
}

/// Adds the table's phrases, most frequent (then earliest) first, skipping ones already covered.
fn add_ranked<'a>(table: &Table<'a>, min_count: u32, max: usize, chosen: &mut Vec<(Key<'a>, String)>) {
    let mut ranked: Vec<(&Key<'a>, &Candidate)> =
        table.iter().filter(|(_, c)| c.count >= min_count).collect();
    ranked.sort_by(|a, b| {
        b.1.count
            .cmp(&a.1.count)
            .then(a.1.first.cmp(&b.1.first))
            .then(a.0.cmp(b.0))
    });
    for (key, candidate) in ranked {
        if chosen.len() >= max {
            return;
        }
        let covered = chosen.iter().any(|(taken, display)| {
            key.iter().all(|stem| taken.contains(stem))
                || candidate
                    .display()
                    .is_some_and(|d| d.eq_ignore_ascii_case(display))
        });
        if let (false, Some(display)) = (covered, candidate.display())
            && !display.contains('[')
            && !says_a_number_in_words(display)
        {
            chosen.push((key.clone(), display.to_string()));
        }
    }
}

/// Whether a phrase holds a number said in words ("forty nine", "deux trois", "sete euros"):
/// digits in a name ("Giga Hub 2") are the name's. Asked only of the few phrases ranked.
fn says_a_number_in_words(display: &str) -> bool {
    let figures = crate::redact::figures::figures(display);
    figures.numbers.iter().any(|n| {
        display
            .get(n.start..n.end)
            .is_some_and(|said| !said.chars().any(|c| c.is_ascii_digit()))
    })
}
