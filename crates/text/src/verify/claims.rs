//! A summary as claims: each clause of the executive summary (and of the reason and resolution)
//! and each action item, with what verification compares: content stems, polarity, whether it
//! is a commitment, and who it says acted.

use crate::language::{Language, WordSpan, words};
use crate::summary::{Owner, Summary};
use crate::transcript::SpeakerRole;

use super::attribution::{CONTACT, Predicate, names_initiative, oblique, party, predicate};
use super::evidence::sentences;
use super::negation::{is_restrictive, negation_reach};
use super::opposites::{Concept, Side, sides};
use super::words::{PASSIVE, is_content, is_framing};

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
    /// What the named subject did or said: the words after its verb up to the next comma.
    pub predicate: Predicate,
    /// The subject's own verb is one of choosing, accepting or declining.
    pub subject_choice: bool,
    /// The subject's own verb puts something forward, asks for it or tells it ("offered",
    /// "asked for", "explained", "propuso", "schlug vor"): the subject raised it.
    pub raises: bool,
    /// The subject is named in an initiative phrase ("À la demande du client, elle a commandé
    /// ..."): the clause says what was done at that party's request, not only that it was asked.
    pub initiative: bool,
    /// What the subject raised by later verbs of its clause ("..., e propôs ...").
    pub raised_later: Vec<Predicate>,
    /// The subject's own verb accepts or chooses (not declines), and nothing negates it.
    pub accepts: bool,
    /// An action item's owner.
    pub owner: Option<Owner>,
    /// An action item, with or without an owner (Copilot's follow-up names none): what is to be
    /// done, not how things stand.
    pub item: bool,
    /// The clause reports a choice ("chose", "accepted", "declined"): a yes or a no to what the
    /// other party put forward.
    pub choice: bool,
    /// A key phrase: a topic, which asserts nothing happened, so only its figures and names
    /// are checked.
    pub topic: bool,
    /// The clause restricts ("only covered by X"): it also says "not by the others".
    pub restrictive: bool,
    /// How it says the concepts of opposite word pairs (free or charged, kept or cancelled).
    pub sides: Vec<(Concept, Side)>,
}

/// Auxiliaries a participle follows, an adverb between at most: "a (aussi) proposé", "ha
/// proposto", "hat vorgeschlagen".
const AUXILIARIES: &[&str] = &[
    "a", "ha", "hat", "heeft", "has", "had", "have", "ont", "hanno", "tem",
];

/// What follows a verb of raising when it takes up what is already there: "asked about",
/// "asked how", "explained how" raise nothing new.
const ASKED_OF_WHAT_IS: &[&str] = &["about", "after", "how", "what", "when", "why", "which", "where"];

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

/// "tomorrow" in the served languages: a day, not a promise, in a clause that reports.
const TOMORROW: &[&str] = &["tomorrow", "manana", "demain", "morgen", "domani", "amanha"];

/// German "werden" after a participle is the passive ("hätte informiert werden sollen"), not
/// the future.
fn passive(words: &[WordSpan], at: usize) -> bool {
    let participle = |w: &WordSpan| {
        let word = w.folded.as_str();
        (word.starts_with("ge") && (word.ends_with('t') || word.ends_with("en"))) || word.ends_with("iert")
    };
    words
        .get(at)
        .is_some_and(|w| matches!(w.folded.as_str(), "werden" | "wird"))
        && at > 0
        && words.get(at - 1).is_some_and(participle)
}

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
        claim.item = true;
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

/// The clauses of one sentence: a conjunction after a comma or before a named party starts
/// one, and so does a party named acting right after a comma ("Once the customer had sent
/// the details, the agent checked and sent").
fn clauses<'w>(text: &str, words: &'w [WordSpan], language: Language) -> Vec<&'w [WordSpan]> {
    let cues = language.cues();
    let names_party =
        |w: &WordSpan| cues.customer.contains(&w.folded.as_str()) || cues.agent.contains(&w.folded.as_str());
    let mut out = Vec::new();
    let mut from = 0;
    for i in 1..words.len() {
        if i - from < 3 {
            continue;
        }
        let gap = text.get(words[i - 1].end..words[i].start).unwrap_or_default();
        let after_comma = gap.contains([',', ';']);
        let split = if CONJUNCTIONS.contains(&words[i].folded.as_str()) {
            after_comma || words[i + 1..].iter().take(2).any(names_party)
        } else {
            let party = words[i..].iter().take(2).position(names_party);
            after_comma
                && party.is_some_and(|p| {
                    words[i + p + 1..]
                        .iter()
                        .take(4)
                        .any(|w| cues.acts.contains(&w.folded.as_str()))
                })
        };
        if split {
            out.push(&words[from..i]);
            from = i;
        }
    }
    out.push(&words[from..]);
    out
}

/// A verb in the future by its ending ("enviará", "enverra"). Hyphenated words are no
/// inflections: "terça-feira" is no future.
pub(super) fn future_form(language: Language, folded: &str) -> bool {
    !folded.contains('-')
        && language
            .cues()
            .future_endings
            .iter()
            .any(|e| folded.len() > e.len() + 3 && folded.ends_with(e))
}

pub(super) fn claim(
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
    let sides = sides(words, &reach, language);
    let (mut stems, mut negated) = (Vec::new(), Vec::new());
    for (w, reached) in words.iter().zip(reach) {
        // A negated act is what the claim says ("não cancelou o cartão"), not how it reports.
        let negated_act = reached && cues.acts.contains(&w.folded.as_str());
        if is_content(language, &w.folded) && (!framing(&w.folded) || negated_act) {
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
    let named = subject(text, words, language);
    // A clause whose party's verb reports what happened ("the agent offered appointments
    // tomorrow") is no promise for a day it names; a future form or a promise word is.
    let reported = named.as_ref().is_some_and(|n| n.verb.is_some());
    let future = words.iter().enumerate().any(|(i, w)| {
        let word = w.folded.as_str();
        (cues.future.contains(&word) && !(reported && TOMORROW.contains(&word)) && !passive(words, i))
            || future_form(language, word)
    });
    let explicit_subject = named.as_ref().is_some_and(|n| n.subject.is_some());
    let subject = named.as_ref().map_or(inherited, |n| n.subject);
    // What the named party did: the words after its verb up to the next comma, where a
    // summary starts on what followed ("suggested X, which the customer accepted").
    // The verb and the participle after an auxiliary ("a appelé", "ha chiamato").
    let contact = |n: &&Named| {
        n.verb.is_some_and(|v| {
            words
                .iter()
                .skip(v)
                .take(2)
                .any(|w| CONTACT.contains(&w.folded.as_str()))
        })
    };
    let predicate = named
        .as_ref()
        .filter(|n| n.subject.is_some() && !contact(n))
        .map(|n| predicate(text, words, n.from, language))
        .unwrap_or_default();
    let raised_later = named
        .as_ref()
        .filter(|n| n.subject.is_some_and(|s| s.acts))
        .map(|n| super::attribution::raised_later(text, words, n.from, language))
        .unwrap_or_default();
    let subject_choice = named
        .as_ref()
        .and_then(|n| n.verb)
        .and_then(|v| words.get(v))
        .is_some_and(|w| CHOICES.contains(&w.folded.as_str()));
    // The verb, or the participle after its auxiliary ("a proposé", "a aussi demandé"). Asking
    // or telling about something ("asked about the new number") takes up what is already there.
    let initiative = named.as_ref().is_some_and(|n| n.initiative);
    let raises = initiative
        || named.as_ref().and_then(|n| n.verb).is_some_and(|v| {
            let auxiliary = words
                .get(v)
                .is_some_and(|w| AUXILIARIES.contains(&w.folded.as_str()));
            words
                .iter()
                .skip(v)
                .take(if auxiliary { 3 } else { 1 })
                .any(|w| super::attribution::raising(language, &w.folded))
                && !words
                    .get(v + 1)
                    .is_some_and(|w| ASKED_OF_WHAT_IS.contains(&w.folded.as_str()))
        });
    let accepts = subject_choice
        && negated.is_empty()
        && !words.iter().any(|w| {
            let kind = language.negation_kind(&w.folded);
            kind.negation || kind.refusal
        });
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
        predicate,
        subject_choice,
        raises,
        initiative,
        raised_later,
        accepts,
        owner,
        choice: words.iter().any(|w| CHOICES.contains(&w.folded.as_str())),
        topic: false,
        item: false,
        restrictive: words.iter().any(|w| is_restrictive(language, &w.folded)),
        sides,
    }
}

/// Where a clause names who acted: the party (`None` when it names one without saying who
/// acted), the word its act begins after, and the verb that says what it did, if one does.
struct Named {
    subject: Option<Subject>,
    from: usize,
    verb: Option<usize>,
    /// Named in an initiative phrase ("auf Wunsch der Kundin"): the party raised what follows.
    initiative: bool,
}

/// The party a clause names as the one who acted, or as the one acted upon.
fn subject(text: &str, words: &[WordSpan], language: Language) -> Option<Named> {
    let cues = language.cues();
    let acts = |w: &WordSpan| cues.acts.contains(&w.folded.as_str());
    let unnamed = Named {
        subject: None,
        from: 0,
        verb: None,
        initiative: false,
    };
    for (i, word) in words.iter().enumerate() {
        let Some(role) = party(language, &word.folded) else {
            continue;
        };
        let acts_itself = Some(Subject { role, acts: true });
        // "auf Wunsch der Kundin wurde ... bestellt": the party asked for what follows.
        let from = if word.folded.ends_with("'s") { i + 2 } else { i + 1 };
        // The other party acting in the same clause is that clause's subject ("at the
        // customer's request, the agent added").
        let alone = || {
            (from..words.len()).all(|k| {
                words
                    .get(k)
                    .is_none_or(|w| party(language, &w.folded).is_none() || oblique(words, k, language))
            })
        };
        if names_initiative(words, i, language) && alone() {
            return Some(Named {
                subject: acts_itself,
                from,
                verb: None,
                initiative: true,
            });
        }
        if word.folded.ends_with("'s") || oblique(words, i, language) {
            continue;
        }
        // German and Dutch put the verb before the subject after an opening word: "Daarnaast
        // meldde de medewerker", "Dann fragte die Kundin".
        if matches!(language, Language::De | Language::Nl) {
            let before = words[i.saturating_sub(2)..i].iter().rposition(acts);
            if let Some(k) = before.map(|k| k + i.saturating_sub(2)) {
                let between = &words[k + 1..i];
                if between.iter().all(|w| language.is_stopword(&w.folded)) && k > 0 {
                    return Some(Named {
                        subject: acts_itself,
                        from: i + 1,
                        verb: Some(k),
                        initiative: false,
                    });
                }
            }
        }
        let after = &words[i + 1..words.len().min(i + 5)];
        for (k, w) in after.iter().enumerate() {
            let passive_act = PASSIVE.contains(&w.folded.as_str()) && after.get(k + 1).is_some_and(acts);
            if passive_act {
                return Some(Named {
                    subject: Some(Subject { role, acts: false }),
                    from: i + k + 3,
                    verb: Some(i + k + 2),
                    initiative: false,
                });
            }
            // "The customer received / got X": from either party; no subject to check.
            if cues.receives.contains(&w.folded.as_str()) {
                return Some(unnamed);
            }
            // "The agent will refund the fee", "el cliente llamará": the party's own future.
            if k == 0 && super::commits::party_future(language, text, words, i + 1) {
                let received = after
                    .get(1)
                    .is_some_and(|w| cues.receives.contains(&w.folded.as_str()));
                return Some(if received {
                    unnamed
                } else {
                    Named {
                        subject: acts_itself,
                        from: i + 2,
                        verb: Some(i + 1),
                        initiative: false,
                    }
                });
            }
            if acts(w) {
                return Some(Named {
                    subject: acts_itself,
                    from: i + k + 2,
                    verb: Some(i + k + 1),
                    initiative: false,
                });
            }
        }
        return Some(unnamed);
    }
    None
}
