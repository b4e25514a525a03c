//! The figures of a run, per language, and the table `make eval` prints.

use std::collections::BTreeMap;
use std::fmt;

/// Counts for one language (or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub calls: usize,
    pub pii_items: usize,
    /// Items that reached at least one output.
    pub pii_leaked: usize,
    pub near_misses: usize,
    pub near_misses_survived: usize,
}

impl Figures {
    pub fn protected_share(&self) -> f64 {
        share(self.pii_items - self.pii_leaked, self.pii_items)
    }

    pub fn survived_share(&self) -> f64 {
        share(self.near_misses_survived, self.near_misses)
    }

    fn add(&mut self, other: &Figures) {
        self.calls += other.calls;
        self.pii_items += other.pii_items;
        self.pii_leaked += other.pii_leaked;
        self.near_misses += other.near_misses;
        self.near_misses_survived += other.near_misses_survived;
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

pub type LanguageFigures = BTreeMap<String, Figures>;

/// Figures per language, and what leaked, by kind and by output.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub title: String,
    pub by_language: LanguageFigures,
    /// Leaked items by PII kind.
    pub leaked_kinds: BTreeMap<String, usize>,
    /// Leaked items by output (LLM request, answer, audit record, CRM write).
    pub leaked_outputs: BTreeMap<String, usize>,
    /// Masked look-alikes by kind.
    pub masked_kinds: BTreeMap<String, usize>,
    /// One line per miss, for the developer: call id, label kind, labelled text.
    pub misses: Vec<String>,
}

impl Report {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    pub fn language(&mut self, lang: &str) -> &mut Figures {
        self.by_language.entry(lang.to_owned()).or_default()
    }

    pub fn total(&self) -> Figures {
        let mut total = Figures::default();
        for figures in self.by_language.values() {
            total.add(figures);
        }
        total
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.title)?;
        writeln!(f)?;
        writeln!(
            f,
            "| language | calls | PII items | PII kept from every output | look-alikes | look-alikes intact |"
        )?;
        writeln!(f, "| --- | ---: | ---: | ---: | ---: | ---: |")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, x: &Figures| {
            writeln!(
                f,
                "| {name} | {} | {} | {:.1}% ({} leaked) | {} | {:.1}% ({} masked) |",
                x.calls,
                x.pii_items,
                x.protected_share() * 100.0,
                x.pii_leaked,
                x.near_misses,
                x.survived_share() * 100.0,
                x.near_misses - x.near_misses_survived
            )
        };
        for (lang, x) in &self.by_language {
            row(f, lang, x)?;
        }
        row(f, "**all**", &self.total())?;
        if !self.leaked_kinds.is_empty() {
            writeln!(f, "\nleaked by kind: {:?}", self.leaked_kinds)?;
        }
        if !self.leaked_outputs.is_empty() {
            writeln!(f, "leaked by output: {:?}", self.leaked_outputs)?;
        }
        if !self.masked_kinds.is_empty() {
            writeln!(f, "masked look-alikes by kind: {:?}", self.masked_kinds)?;
        }
        Ok(())
    }
}
