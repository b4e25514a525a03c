//! Key phrases: capitalised multi-word names ("Acme Router Pro"), frequent content bigrams, and
//! frequent content words as a last resort.

use std::collections::{HashMap, HashSet};

use super::sentences::{Kind, Sentence};
use super::text::{self, Token};

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

#[derive(Default)]
struct Candidate {
    count: u32,
    first: usize,
    /// Surface forms and how often each was seen.
    forms: HashMap<String, u32>,
}

impl Candidate {
    fn see(&mut self, order: usize, form: String) {
        if self.count == 0 {
            self.first = order;
        }
        self.count += 1;
        *self.forms.entry(form).or_default() += 1;
    }

    /// The most frequent surface form; ties go to the alphabetically first (deterministic).
    fn display(&self) -> Option<&str> {
        let best = self
            .forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
        Some(best.0.as_str())
    }
}

type Table = HashMap<Vec<String>, Candidate>;

/// Up to `max` key phrases, most salient first, without duplicates or redaction markers.
pub(crate) fn extract(sentences: &[Sentence<'_>], max: usize) -> Vec<String> {
    let mut names = Table::new();
    let mut bigrams = Table::new();
    let mut unigrams = Table::new();
    // Each distinct sentence counts once: a phrase repeated in one stock sentence is not salient.
    let mut seen: HashSet<&str> = HashSet::new();
    for s in sentences
        .iter()
        .filter(|s| s.is_informative() && s.kind != Kind::Filler)
    {
        if !seen.insert(s.lower.as_str()) {
            continue;
        }
        let words: Vec<Word<'_>> = s.tokens.iter().filter_map(|t| Word::new(s.text, t)).collect();
        let in_name = collect_names(&words, s.order, &mut names);
        for (i, pair) in words.windows(2).enumerate() {
            let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let free =
                !in_name.get(i).copied().unwrap_or(true) && !in_name.get(i + 1).copied().unwrap_or(true);
            if free && b.joined && a.bigram_word() && b.bigram_word() {
                let key = vec![a.stem.clone(), b.stem.clone()];
                bigrams
                    .entry(key)
                    .or_default()
                    .see(s.order, format!("{} {}", a.lower, b.lower));
            }
        }
        for (w, named) in words.iter().zip(&in_name) {
            let generic = GENERIC_WORDS.contains(&w.lower.as_str());
            if !named && !generic && w.bigram_word() && w.lower.chars().count() >= MIN_UNIGRAM_LEN {
                unigrams
                    .entry(vec![w.stem.clone()])
                    .or_default()
                    .see(s.order, w.lower.clone());
            }
        }
    }
    fold_sub_names(&mut names);
    let mut chosen: Vec<(Vec<String>, String)> = Vec::new();
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
    lower: String,
    stem: String,
    joined: bool,
    capitalised: bool,
}

impl<'a> Word<'a> {
    fn new(sentence: &'a str, token: &Token) -> Option<Self> {
        if token.marker {
            return None;
        }
        let surface = text::strip_possessive(sentence.get(token.start..token.end)?);
        let lower = text::normalise_word(surface);
        Some(Word {
            surface,
            stem: text::stem(&lower),
            lower,
            joined: token.joined,
            capitalised: surface.chars().next().is_some_and(char::is_uppercase),
        })
    }

    fn name_start(&self) -> bool {
        self.capitalised
            && self.surface.chars().count() > 1
            && !text::is_stopword(&self.lower)
            && !CALENDAR.contains(&self.lower.as_str())
    }

    fn name_continuation(&self) -> bool {
        self.joined
            && (self.capitalised || self.surface.chars().any(|c| c.is_ascii_digit()))
            && !text::is_stopword(&self.lower)
            && !CALENDAR.contains(&self.lower.as_str())
    }

    fn bigram_word(&self) -> bool {
        text::is_content_word(&self.lower)
            && self.lower.chars().all(|c| c.is_alphabetic() || c == '-')
            && self.lower.chars().count() >= 3
    }
}

/// Records the capitalised runs of two or more words; returns which words belong to one.
fn collect_names(words: &[Word<'_>], order: usize, names: &mut Table) -> Vec<bool> {
    let mut in_name = vec![false; words.len()];
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
            let key = run.iter().map(|w| w.stem.clone()).collect();
            let display = run.iter().map(|w| w.surface).collect::<Vec<_>>().join(" ");
            names.entry(key).or_default().see(order, display);
            in_name
                .iter_mut()
                .skip(i)
                .take(end - i)
                .for_each(|flag| *flag = true);
        }
        i = end;
    }
    in_name
}

/// "Router Pro" said as a short form of "Acme Router Pro" counts for the longer name.
fn fold_sub_names(names: &mut Table) {
    // Quadratic in distinct names: a transcript with this many is not worth folding.
    if names.len() > MAX_FOLDED_NAMES {
        return;
    }
    let mut keys: Vec<Vec<String>> = names.keys().cloned().collect();
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
fn add_ranked(table: &Table, min_count: u32, max: usize, chosen: &mut Vec<(Vec<String>, String)>) {
    let mut ranked: Vec<(&Vec<String>, &Candidate)> =
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
        if let (false, Some(display)) = (covered, candidate.display()) {
            chosen.push((key.clone(), display.to_string()));
        }
    }
}
