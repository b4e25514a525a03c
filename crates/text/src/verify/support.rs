//! What the call says, normalised so a summary's figures and names can be looked up in it:
//! numbers (with the word that follows them), digits read out in pieces, spelled letters,
//! dates, and every word. Built from the original transcript and the redacted one, so a
//! figure the redactor masked still supports the summary, and a marker the LLM copied too.

use rustc_hash::{FxHashMap, FxHashSet};

use super::cue_bits::{self, CueBits};
use super::text;
use super::units::{PERCENT, local_number_mentions, percent_after, unit_after};

/// The figures of a claim read against the call's numbers.
#[path = "support_numbers.rs"]
mod numbers;
use super::figure_places::Reading;
use super::numbers::Time;
/// The figures of the call at their words.
#[path = "support_places.rs"]
mod places;
use crate::language::{Language, WordSpan};
use crate::ragged::Ragged;
use crate::redact::RedactedCall;
use crate::redact::figures::{Figures, figures};
use crate::transcript::Transcript;
use numbers::sort_unique_tail;
use places::CallPlaces;

pub(super) struct Support<'a> {
    pub language: Language,
    /// Per utterance of the original call, its words.
    spans: &'a [Vec<WordSpan>],
    numbers: FxHashSet<String>,
    /// A number and the stem of the word right after it ("6 weeks" -> ("6", "week")).
    number_units: FxHashSet<(String, String)>,
    /// Per utterance, every digit in order.
    digit_streams: Vec<String>,
    /// Per utterance, the numbers said ("thirty-eight pounds fifty" holds 38 and 50).
    utterance_numbers: Vec<FxHashSet<String>>,

    /// Per utterance, whether it says a percentage.
    utterance_percents: Vec<bool>,
    /// Per utterance, the ids of its words' stems, sorted and without repeats, in one buffer
    /// ([`Self::stems_of`]).
    utterance_stems: Ragged<u32>,
    /// Per utterance, the times of day it writes ("06:40", "9am"), as hour and minute.
    written_times: Vec<Vec<(u32, u32)>>,
    /// Per utterance, letters spelled one by one, joined ("D S P" -> "dsp"); each utterance's
    /// ends in a line break ([`UTTERANCE_END`]), so one search reads them all and no match
    /// spans two.
    letter_streams: String,
    dates: FxHashSet<(u32, u32)>,
    days: FxHashSet<u32>,
    months: FxHashSet<u32>,
    /// Each distinct word of the call and its stem's id: a call repeats its words, so each is
    /// stemmed once.
    /// Each word of the call and what is read of it once.
    words: FxHashMap<String, WordFacts>,
    /// The stem id of each word of the call in order, utterance after utterance, where it is a
    /// content word: the evidence's units are read from it.
    content_ids: Vec<Option<u32>>,
    /// The cue bits of each word of the call, in the same order.
    cue_bits: Vec<CueBits>,
    stem_ids: FxHashMap<String, u32>,
    /// Marker labels of the redacted call ("name" of "[NAME_1]").
    labels: FxHashSet<String>,
    /// Per utterance, the initials of its words, function words as spaces; each utterance's
    /// ends in a line break ([`UTTERANCE_END`]).
    initials: String,
    /// The first letters of long words, so inflections stemming misses still meet
    /// ("cercherò" and "cercherà", "überweisen" and "überwiesen").
    prefixes: FxHashSet<String>,
    /// Each figure of the call at its words.
    places: CallPlaces,
}

/// "half past nine", "neun Uhr halb", "y media", "et demie", "e mezza", "e meia", "half tien".
/// What verification reads of a word of the call, once per distinct word.
#[derive(Debug, Clone, Copy)]
struct WordFacts {
    stem: u32,
    /// A content word (not a function word, a digit or an elided article).
    content: bool,
    bits: CueBits,
    /// The day an ordinal says ("3rd", "third").
    ordinal: Option<u64>,
    month: Option<u32>,
    weekday: bool,
    /// A single letter, as spelled out.
    letter: bool,
    /// Its initial, or a space for a function word.
    initial: char,
}

const HALF: &[&str] = &["half", "halb", "media", "demie", "mezza", "meia", "mezzo"];
/// "quarter past", "Viertel", "y cuarto", "et quart", "e un quarto", "e um quarto", "kwart".
const QUARTER: &[&str] = &["quarter", "viertel", "cuarto", "quart", "quarto", "kwart"];

/// Stems a German or Dutch verb form also answers to: Snowball keeps the ending of "prüft",
/// "arbeitet", "verrekend", so the infinitive of a summary ("prüfen", "verrekenen") would not
/// meet the call's present or participle. Stems of four letters or more only.
fn verb_ending_aliases<'s>(language: Language, folded: &str, stem: &'s str) -> impl Iterator<Item = &'s str> {
    let endings: &[&str] = match language {
        Language::De => &["et", "t"],
        Language::Nl => &["t", "d"],
        _ => &[],
    };
    let inflected = folded.ends_with('t') || folded.ends_with('d');
    endings
        .iter()
        .filter(move |_| inflected)
        .filter_map(move |ending| stem.strip_suffix(ending))
        .filter(|alias| alias.chars().count() >= 4)
}

/// Letters two forms of a long word share; German participles lose their "ge-".
const PREFIX_LETTERS: usize = 5;

fn prefix(folded: &str) -> &str {
    let word = folded
        .strip_prefix("ge")
        .filter(|rest| rest.len() >= 6)
        .unwrap_or(folded);
    if word.chars().count() < PREFIX_LETTERS + 1 {
        return "";
    }
    let end = word
        .char_indices()
        .nth(PREFIX_LETTERS)
        .map_or(word.len(), |(i, _)| i);
    &word[..end]
}

impl<'a> Support<'a> {
    /// `spans` are the words of each of `original`'s utterances; `redacted` is its redaction.
    pub fn build(
        original: &Transcript,
        spans: &'a [Vec<WordSpan>],
        call: &RedactedCall,
        language: Language,
    ) -> Self {
        let redacted = &call.transcript;
        let mut support = Support {
            language,
            spans,
            numbers: FxHashSet::default(),
            number_units: FxHashSet::default(),
            digit_streams: Vec::new(),
            utterance_numbers: Vec::new(),

            utterance_percents: Vec::new(),
            utterance_stems: Ragged::default(),
            letter_streams: String::new(),
            written_times: Vec::new(),
            dates: FxHashSet::default(),
            days: FxHashSet::default(),
            months: FxHashSet::default(),
            words: FxHashMap::default(),
            content_ids: Vec::new(),
            cue_bits: Vec::new(),
            stem_ids: FxHashMap::default(),
            labels: FxHashSet::default(),
            prefixes: FxHashSet::default(),
            initials: String::new(),
            places: CallPlaces::default(),
        };
        let read = call.figures_of(original);
        for (i, (utterance, spans)) in original.utterances.iter().zip(spans).enumerate() {
            support.add(&utterance.text, spans, read.get(i));
        }
        // The redacted call adds only its markers' labels ("NAME" of "[NAME_1]"): the rest is
        // the original's text or less.
        for utterance in &redacted.utterances {
            for (start, _) in utterance.text.match_indices('[') {
                let rest = &utterance.text[start + 1..];
                let Some(end) = rest.find(']') else { continue };
                for part in rest[..end].split('_') {
                    if part.len() > 1 && part.bytes().all(|b| b.is_ascii_uppercase()) {
                        support.labels.insert(part.to_ascii_lowercase());
                    }
                }
            }
        }
        support
    }

    /// `read`: the text's figures as the redactor read them, when it did.
    fn add(&mut self, text: &str, spans: &[WordSpan], read: Option<&Figures>) {
        let language = self.language;
        let mut said = FxHashSet::default();
        let mut percent = false;
        let mentions = local_number_mentions(text, language);
        for mention in &mentions {
            if let Some((month, day)) = mention.iso_date {
                self.add_date(Some(day), Some(month));
            }
            said.insert(mention.value.clone());
            self.numbers.insert(mention.value.clone());
            if percent_after(text, spans, mention.end) {
                percent = true;
                self.number_units
                    .insert((mention.value.clone(), PERCENT.to_owned()));
            }
            if let Some(unit) = unit_after(spans, mention.end, language) {
                self.number_units.insert((mention.value.clone(), unit));
            }
        }
        let computed;
        let figures = match read {
            Some(read) => read,
            None => {
                computed = figures(text);
                &computed
            }
        };
        let written_times = super::numbers::times(text);
        let said_times: Vec<Time> = written_times
            .iter()
            .copied()
            .chain(super::numbers::spoken_times(text, figures))
            .collect();
        let reading = Reading {
            text,
            spans,
            figures,
            mentions: &mentions,
            times: &said_times,
        };
        self.places.add(&reading, language, self.content_ids.len());
        // "a hundred and ninety-three" is one hundred and ninety-three: read again with "one",
        // in addition to the text as said (which holds the other numbers of the text whole).
        let widened = (language == Language::En && text.contains("a hundred")).then(|| {
            let replaced = text.replace("a hundred", "one hundred");
            let at: Vec<usize> = replaced.match_indices("one hundred").map(|(i, _)| i).collect();
            (self::figures(&replaced), at)
        });
        // Where a number of the widened text ends in `text`: each "one" before it was a two
        // bytes shorter "a".
        let in_text =
            |end: usize, at: &[usize]| end.saturating_sub(2 * at.iter().filter(|a| **a < end).count());
        let as_said = figures.numbers.iter().chain(&figures.parts).map(|n| (n, &[][..]));
        let widened_numbers = widened
            .iter()
            .flat_map(|(f, at)| f.numbers.iter().chain(&f.parts).map(move |n| (n, at.as_slice())));
        for (number, at) in as_said.chain(widened_numbers) {
            let value = number.value.to_string();
            said.insert(value.clone());
            self.numbers.insert(value.clone());
            let end = in_text(number.end, at);
            if percent_after(text, spans, end) {
                percent = true;
                self.number_units.insert((value.clone(), PERCENT.to_owned()));
            }
            if let Some(unit) = unit_after(spans, end, language) {
                self.number_units.insert((value, unit));
            }
        }
        // Dates and the digits read out as the widened text reads them ("one hundred and twelve"
        // holds 112).
        let said_times = match &widened {
            Some((widened, _)) => written_times
                .into_iter()
                .chain(super::numbers::spoken_times(text, widened))
                .collect(),
            None => said_times,
        };
        let figures = widened.as_ref().map_or(figures, |(f, _)| f);
        for date in &figures.dates {
            self.add_date(date.day.map(u32::from), date.month.map(u32::from));
        }
        self.digit_streams.push(figures.all_digits.clone());
        self.written_times
            .push(said_times.iter().map(|t| (t.hour, t.minute)).collect());
        self.utterance_numbers.push(said);
        self.utterance_percents.push(percent);
        let mut letters = String::new();
        let stems_from = self.utterance_stems.open_from();
        let mut previous: Option<&str> = None;
        for span in spans {
            let word = match self.words.get(span.folded.as_str()) {
                Some(word) => *word,
                None => self.add_word(&span.folded),
            };
            let compound = previous.and_then(|tens| text::compound_ordinal(tens, &span.folded));
            previous = Some(span.folded.as_str());
            if let Some(n) = compound.or(word.ordinal) {
                self.numbers.insert(n.to_string());
                self.days.insert(n as u32);
            }
            if let Some(month) = word.month {
                self.months.insert(month);
            }
            if word.weekday {
                self.places.weekday(&span.folded, self.content_ids.len());
            }
            if word.letter {
                letters.push_str(&span.folded);
            } else if !letters.is_empty() {
                letters.push(' ');
            }
            self.utterance_stems.open().push(word.stem);
            self.content_ids.push(word.content.then_some(word.stem));
            self.cue_bits.push(word.bits);
            // Initials of the words, function words as gaps: "social insurance number" holds
            // "sin".
            self.initials.push(word.initial);
        }
        sort_unique_tail(self.utterance_stems.open(), stems_from);
        self.letter_streams.push_str(&letters);
        self.letter_streams.push(UTTERANCE_END);
        self.initials.push(UTTERANCE_END);
        self.utterance_stems.close();
    }

    /// A word the call says clipped ("tech" for "technician", "info" for "information"): a
    /// call word of four letters or more that starts it, with three letters or more cut.
    pub fn has_clipped(&self, folded: &str) -> bool {
        const SHORTEST: usize = 4;
        const CUT: usize = 3;
        self.words.keys().any(|word| {
            word.len() >= SHORTEST
                && folded.len() >= word.len() + CUT
                && folded.starts_with(word.as_str())
                && word.chars().all(char::is_alphabetic)
        })
    }

    /// The id of the stem of a word of the call.
    #[cfg(test)]
    pub fn word_stem(&self, folded: &str) -> Option<u32> {
        self.words.get(folded).map(|word| word.stem)
    }

    /// The words of each utterance of the call, as the support was built from them.
    pub fn spans(&self) -> &'a [Vec<WordSpan>] {
        self.spans
    }

    /// The cue bits of each word of the call, in order, utterance after utterance.
    pub fn cue_bits(&self) -> &[CueBits] {
        &self.cue_bits
    }

    /// The stem id of each content word of the call, in order, utterance after utterance
    /// (`None` for function words, digits and the like).
    pub fn content_ids(&self) -> &[Option<u32>] {
        &self.content_ids
    }

    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stem_ids.get(stem).copied()
    }

    /// How many distinct stems the call has; ids are below it.
    pub fn stem_count(&self) -> usize {
        self.stem_ids.len()
    }

    /// A word met for the first time: its stem and its first letters, and what is read of it.
    fn add_word(&mut self, folded: &str) -> WordFacts {
        let stem = self.language.stem(folded).into_owned();
        let next = self.stem_ids.len() as u32;
        let aliases: smallvec::SmallVec<[String; 2]> = verb_ending_aliases(self.language, folded, &stem)
            .map(str::to_owned)
            .chain(super::words::same_as(self.language, folded))
            .collect();
        let id = *self.stem_ids.entry(stem).or_insert(next);
        for alias in aliases {
            self.stem_ids.entry(alias).or_insert(id);
        }
        let mut chars = folded.chars();
        let first = chars.next();
        let facts = WordFacts {
            stem: id,
            content: super::words::is_content(self.language, folded),
            bits: CueBits::of(self.language, folded)
                .with(cue_bits::SIDE, super::opposites::is_pair_word(folded))
                .with(cue_bits::UNLESS_OPENS, super::words::opens_unless(folded)),
            ordinal: text::ordinal(folded),
            month: text::month(folded, true),
            weekday: super::words::is_weekday(folded),
            letter: first.is_some_and(char::is_alphabetic) && chars.next().is_none(),
            initial: if self.language.is_stopword(folded) {
                ' '
            } else {
                first.unwrap_or(' ')
            },
        };
        self.words.insert(folded.to_owned(), facts);
        let start = prefix(folded);
        if !start.is_empty() {
            self.prefixes.insert(start.to_owned());
        }
        facts
    }

    fn add_date(&mut self, day: Option<u32>, month: Option<u32>) {
        if let (Some(d), Some(m)) = (day, month) {
            self.dates.insert((m, d));
        }
        self.days.extend(day);
        self.months.extend(month);
    }

    /// A time of day: its hour (on either clock) and minutes said in one utterance, or read as
    /// digits ("six forty-two" for 18:42), or with "half" or "quarter" for 30, 15 and 45.
    pub fn has_time(&self, hour: u32, minute: u32) -> bool {
        let hours = [
            hour,
            hour % 12,
            if hour == 0 { 12 } else { hour },
            (hour + 12) % 24,
        ];
        self.utterance_numbers
            .iter()
            .zip(&self.digit_streams)
            .zip(self.spans)
            .zip(&self.written_times)
            .any(|(((said, digits), words), written)| {
                // An utterance that writes its times, or says them with the part of the day,
                // says those: "06:40" and a "9" elsewhere in it are no 09:40, "a las diez de la
                // mañana" and "cuatro piezas" no four o'clock.
                if !written.is_empty() {
                    return written.iter().any(|(h, m)| hours.contains(h) && *m == minute);
                }
                let hour_said = hours.iter().any(|h| said.contains(&h.to_string()));
                let minute_said = minute == 0
                    || said.contains(&minute.to_string())
                    || (minute == 30 && words.iter().any(|w| HALF.contains(&w.folded.as_str())))
                    || (matches!(minute, 15 | 45)
                        && words.iter().any(|w| QUARTER.contains(&w.folded.as_str())));
                let as_digits = hours.iter().any(|h| digits.contains(&format!("{h}{minute:02}")));
                (hour_said && minute_said) || as_digits
            })
    }

    pub fn has_date(&self, day: Option<u32>, month: Option<u32>) -> bool {
        match (day, month) {
            // "picked up on the twelfth of May and dropped back on the nineteenth": a day said
            // without its month is in a month the call names ("19 May").
            (Some(d), Some(m)) => {
                self.dates.contains(&(m, d))
                    || self.months.contains(&m)
                        && self.days.contains(&d)
                        && !self.dates.iter().any(|&(_, day)| day == d)
            }
            (Some(d), None) => self.days.contains(&d) || self.numbers.contains(&d.to_string()),
            (None, Some(m)) => self.months.contains(&m),
            (None, None) => true,
        }
    }

    /// A weekday of the summary (folded): said in full, or shortened to its first letters as
    /// chats and messages write it ("fri 27 june", "tomorrow (Wed)", "by sat").
    pub fn has_weekday(&self, folded: &str) -> bool {
        const SHORTEST: usize = 3;
        const LONGEST: usize = 5;
        self.has_word(folded)
            || folded
                .char_indices()
                .map(|(i, _)| i)
                .chain([folded.len()])
                .skip(SHORTEST)
                .take(LONGEST - SHORTEST + 1)
                .filter(|end| *end < folded.len())
                .any(|end| self.words.contains_key(&folded[..end]))
    }

    /// A word of the summary (folded): said, said with another ending, or spelled out.
    pub fn has_word(&self, folded: &str) -> bool {
        self.has_form(folded) || self.language.variants(folded).iter().any(|v| self.has_form(v))
    }

    fn has_form(&self, folded: &str) -> bool {
        // "e-mail", "MR-Termin": found when each part is.
        if folded.contains('-') && !folded.starts_with('-') {
            let parts: Vec<&str> = folded.split('-').filter(|p| !p.is_empty()).collect();
            if parts.len() > 1 && parts.iter().all(|p| p.chars().count() < 3 || self.has_word(p)) {
                return true;
            }
        }
        self.words.contains_key(folded)
            || self.labels.contains(folded)
            || self.stem_ids.contains_key(self.language.stem(folded).as_ref())
            || self.prefixes.contains(prefix(folded))
            || (folded.len() >= 2
                && folded.chars().all(|c| c.is_ascii_alphabetic())
                && self.letter_streams.contains(folded))
            || ((2..=4).contains(&folded.len())
                && !folded.contains(UTTERANCE_END)
                && self.initials.contains(folded))
    }
}

/// Ends each utterance's letters and initials in their call-wide strings: no word holds one.
const UTTERANCE_END: char = '\n';
