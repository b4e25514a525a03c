//! A summary as claims: each clause of the executive summary (and of the reason and resolution)
//! and each action item, with what verification compares: content stems, polarity, whether it
//! is a commitment, and who it says acted.

use crate::language::{Language, WordSpan, words};
use crate::summary::{Owner, Summary};
use crate::transcript::SpeakerRole;

use super::evidence::{is_content, negation_reach, sentences};

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
    /// The stems within a negation's reach.
    pub negated: Vec<String>,
    /// A future action or a promise ("will send", an action item).
    pub future: bool,
    pub subject: Option<Subject>,
    /// The clause names its subject itself (not "and asked", which continues the one before).
    pub explicit_subject: bool,
    /// An action item's owner.
    pub owner: Option<Owner>,
    /// The clause reports a choice ("chose", "accepted", "declined"): a yes or a no to what the
    /// other party put forward.
    pub choice: bool,
    /// A key phrase: a topic, which asserts nothing happened, so only its figures and names
    /// are checked.
    pub topic: bool,
}

/// Verbs of choosing, accepting and declining, folded.
const CHOICES: &[&str] = &[
    "chose",
    "choose",
    "chooses",
    "accepted",
    "accepts",
    "declined",
    "declines",
    "agreed",
    "agrees",
    "opted",
    "selected",
    "preferred",
    "refused",
    "confirmed",
    "eligio",
    "acepto",
    "rechazo",
    "opto",
    "prefirio",
    "confirmo",
    "choisi",
    "accepte",
    "refuse",
    "opte",
    "prefere",
    "confirme",
    "wahlte",
    "entschied",
    "akzeptierte",
    "lehnte",
    "bestatigte",
    "stimmte",
    "scelto",
    "accettato",
    "rifiutato",
    "optato",
    "preferito",
    "confermato",
    "scelse",
    "accetto",
    "escolheu",
    "aceitou",
    "recusou",
    "optou",
    "preferiu",
    "confirmou",
    "koos",
    "accepteerde",
    "weigerde",
    "bevestigde",
    "stemde",
    "gekozen",
];

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
        for sentence in sentences(field, &spans) {
            // A clause without a named party continues the previous clause's subject ("and
            // asked for a refund"); a new sentence starts afresh.
            let mut subject = None;
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
        // The due phrase is checked for its dates and times.
        if let Some(due) = &item.due_date {
            let spans = words(due, language);
            out.push(self::claim(due, &spans, language, None, None));
        }
    }
    // Key phrases are checked for their figures and names.
    for phrase in &summary.key_phrases {
        let spans = words(phrase, language);
        let mut topic = claim(phrase, &spans, language, None, None);
        topic.topic = true;
        out.push(topic);
    }
    out
}

/// Words that frame a summary rather than say what happened: the parties (also as
/// possessives, "customer's"), the verbs that report ("asked", "said") and passive auxiliaries.
pub(super) fn is_framing(language: Language, folded: &str) -> bool {
    let cues = language.cues();
    let word = folded
        .strip_suffix("'s")
        .or_else(|| {
            folded
                .strip_suffix('s')
                .filter(|_| language == Language::En && folded.ends_with("ers"))
        })
        .unwrap_or(folded);
    cues.customer.contains(&word)
        || cues.agent.contains(&word)
        || cues.acts.contains(&word)
        || PASSIVE.contains(&word)
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
    let (mut start, mut end) = (
        words.first().map_or(0, |w| w.start),
        words.last().map_or(0, |w| w.end),
    );
    // A currency sign before the first word and a percent sign after the last belong to it.
    if let Some(sign) = text[..start].chars().next_back().filter(|c| "$£€¥₹".contains(*c)) {
        start -= sign.len_utf8();
    }
    if text[end..].starts_with('%') {
        end += 1;
    }
    let clause = text.get(start..end).unwrap_or_default().to_owned();
    let framing = |w: &str| is_framing(language, w);
    let reach = negation_reach(text, language, words);
    let (mut stems, mut negated) = (Vec::new(), Vec::new());
    for (w, reached) in words.iter().zip(reach) {
        if is_content(language, &w.folded) && !framing(&w.folded) {
            let stem = language.stem(&w.folded).into_owned();
            if reached {
                negated.push(stem.clone());
            }
            stems.push(stem);
        }
    }
    stems.sort();
    stems.dedup();
    negated.sort();
    negated.dedup();
    let future = words.iter().any(|w| {
        cues.future.contains(&w.folded.as_str())
            || cues
                .future_endings
                .iter()
                .any(|e| w.folded.len() > e.len() + 3 && w.folded.ends_with(e))
    });
    let named = subject(words, language);
    let explicit_subject = matches!(named, Some(Some(_)));
    let subject = named.unwrap_or(inherited);
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
        negated,
        future,
        subject,
        explicit_subject,
        owner,
        choice: words.iter().any(|w| CHOICES.contains(&w.folded.as_str())),
        topic: false,
    }
}

/// The party a clause names as the one who acted, or as the one acted upon; `Some(None)` when
/// it names a party without saying which (the clause then inherits nothing).
fn subject(words: &[WordSpan], language: Language) -> Option<Option<Subject>> {
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
            if passive_act {
                return Some(Some(Subject { role, acts: false }));
            }
            // "The customer received / got X": from either party; no subject to check.
            if cues.receives.contains(&w.folded.as_str()) {
                return Some(None);
            }
            if cues.acts.contains(&w.folded.as_str()) {
                return Some(Some(Subject { role, acts: true }));
            }
        }
        return Some(None);
    }
    None
}
