//! A summary as claims: each clause of the executive summary (and of the reason and resolution)
//! and each action item, with what verification compares: content stems, polarity, whether it
//! is a commitment, and who it says acted.

use crate::language::{Language, WordSpan, words};
use crate::summary::{Owner, Summary};
use crate::transcript::SpeakerRole;

use super::evidence::{is_content, negated, sentences};

/// Who a claim says acted: the party named as its subject, and whether that party did the act
/// ("the customer asked") or was on the receiving end ("the customer was told").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Subject {
    pub role: SpeakerRole,
    pub acts: bool,
}

impl Subject {
    /// The party who spoke the words the claim reports.
    pub fn speaker(self) -> SpeakerRole {
        if self.acts { self.role } else { other(self.role) }
    }
}

pub(super) fn other(role: SpeakerRole) -> SpeakerRole {
    match role {
        SpeakerRole::Customer => SpeakerRole::Agent,
        _ => SpeakerRole::Customer,
    }
}

#[derive(Debug, Clone)]
pub(super) struct Claim {
    /// The clause as written.
    pub text: String,
    /// Its words, with spans in `text`.
    pub words: Vec<WordSpan>,
    /// Content stems, without the words that frame a summary (the parties, "asked", "said").
    pub stems: Vec<String>,
    pub negated: bool,
    /// A future action or a promise ("will send", an action item).
    pub future: bool,
    pub subject: Option<Subject>,
    /// An action item's owner.
    pub owner: Option<Owner>,
}

/// Conjunctions that start a new clause after a comma or before a named party.
const CONJUNCTIONS: &[&str] = &[
    "and", "but", "while", "whereas", "so", "y", "e", "pero", "mientras", "et", "mais", "tandis", "und",
    "aber", "wahrend", "sodass", "ma", "mentre", "mas", "enquanto", "en", "maar", "terwijl",
];

/// Passive auxiliaries: "was told", "fue informado", "wurde informiert".
const PASSIVE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "fue", "fueron", "ete", "wurde", "wurden", "stato", "stata",
    "foi", "foram", "werd", "werden",
];

pub(super) fn claims(summary: &Summary, language: Language) -> Vec<Claim> {
    let mut out = Vec::new();
    let fields = std::iter::once(summary.executive_summary.as_str())
        .chain(summary.reason.as_deref())
        .chain(summary.resolution.as_deref());
    for field in fields {
        let spans = words(field, language);
        let mut subject = None;
        for sentence in sentences(field, &spans) {
            for clause in clauses(field, sentence.words, language) {
                let claim = claim(field, clause, language, subject, None);
                subject = claim.subject;
                out.push(claim);
            }
        }
    }
    for item in &summary.action_items {
        let spans = words(&item.text, language);
        let owner_role = item.owner.map(|o| match o {
            Owner::Agent => SpeakerRole::Agent,
            Owner::Customer => SpeakerRole::Customer,
        });
        let subject = owner_role.map(|role| Subject { role, acts: true });
        let mut claim = claim(&item.text, &spans, language, subject, item.owner);
        claim.future = true;
        out.push(claim);
    }
    out
}

/// The clauses of one sentence.
fn clauses<'w>(text: &str, words: &'w [WordSpan], language: Language) -> Vec<&'w [WordSpan]> {
    let cues = language.cues();
    let names_party =
        |w: &WordSpan| cues.customer.contains(&w.folded.as_str()) || cues.agent.contains(&w.folded.as_str());
    let mut out = Vec::new();
    let mut from = 0;
    for i in 1..words.len() {
        if !CONJUNCTIONS.contains(&words[i].folded.as_str()) || i - from < 3 {
            continue;
        }
        let gap = text.get(words[i - 1].end..words[i].start).unwrap_or_default();
        let party_next = words[i + 1..].iter().take(2).any(names_party);
        if gap.contains([',', ';']) || party_next {
            out.push(&words[from..i]);
            from = i;
        }
    }
    out.push(&words[from..]);
    out
}

fn claim(
    text: &str,
    words: &[WordSpan],
    language: Language,
    inherited: Option<Subject>,
    owner: Option<Owner>,
) -> Claim {
    let cues = language.cues();
    let (start, end) = (
        words.first().map_or(0, |w| w.start),
        words.last().map_or(0, |w| w.end),
    );
    let clause = text.get(start..end).unwrap_or_default().to_owned();
    let framing = |w: &str| {
        cues.customer.contains(&w)
            || cues.agent.contains(&w)
            || cues.acts.contains(&w)
            || PASSIVE.contains(&w)
    };
    let mut stems: Vec<String> = words
        .iter()
        .filter(|w| is_content(language, &w.folded) && !framing(&w.folded))
        .map(|w| language.stem(&w.folded).into_owned())
        .collect();
    stems.sort();
    stems.dedup();
    let future = words.iter().any(|w| {
        cues.future.contains(&w.folded.as_str())
            || cues
                .future_endings
                .iter()
                .any(|e| w.folded.len() > e.len() + 3 && w.folded.ends_with(e))
    });
    let subject = subject(words, language).or(inherited);
    Claim {
        text: clause,
        words: words
            .iter()
            .map(|w| WordSpan {
                start: w.start - start,
                end: w.end - start,
                ..w.clone()
            })
            .collect(),
        stems,
        negated: negated(language, words),
        future,
        subject,
        owner,
    }
}

/// The party a clause names as the one who acted, or as the one acted upon.
fn subject(words: &[WordSpan], language: Language) -> Option<Subject> {
    let cues = language.cues();
    for (i, word) in words.iter().enumerate() {
        let role = if cues.customer.contains(&word.folded.as_str()) {
            SpeakerRole::Customer
        } else if cues.agent.contains(&word.folded.as_str()) {
            SpeakerRole::Agent
        } else {
            continue;
        };
        let after = &words[i + 1..words.len().min(i + 5)];
        for (k, w) in after.iter().enumerate() {
            let passive_act = PASSIVE.contains(&w.folded.as_str())
                && after
                    .get(k + 1)
                    .is_some_and(|n| cues.acts.contains(&n.folded.as_str()));
            if passive_act || cues.receives.contains(&w.folded.as_str()) {
                return Some(Subject { role, acts: false });
            }
            if cues.acts.contains(&w.folded.as_str()) {
                return Some(Subject { role, acts: true });
            }
        }
        return None;
    }
    None
}
