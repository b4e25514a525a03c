//! What the built-in summary knows of each served language: which words are fillers and
//! openers, how commitments are said, and how a speaker's words are put in the third person or
//! as an instruction. One module per language; the summariser itself is language-blind.

use std::sync::LazyLock;

use super::parsed::Clause;
pub(crate) use super::parsed::{
    CLAUSE_START, CONJUNCTION, DETERMINER, FILLER, HEDGE, LOADED, OPENER, SALUTATION, SUBORDINATOR, TITLE,
    WordClass,
};
use crate::language::Language;
use crate::summary::Owner;
use crate::transcript::{Channel, SpeakerRole};
use crate::word_hash::WordTable;

mod de;
mod en;
mod es;
mod fr;
mod generic;
mod it;
mod nl;
mod pt;
mod table;

pub(crate) use en::is_past;

/// Word lists of one language, folded (lowercase, no accents).
pub(crate) struct Words {
    /// Hesitations: "um", "euh", "äh".
    pub fillers: &'static [&'static str],
    /// Fillers only when set off by commas: "like", "tipo", "genre".
    pub hedges: &'static [&'static str],
    /// Discourse openers left out at a clause's start: "okay", "so", "bueno", "alors".
    pub openers: &'static [&'static str],
    /// Conjunctions that can open a clause: "and", "but", "y", "et".
    pub conjunctions: &'static [&'static str],
    /// Words that start a new clause after a comma or a conjunction: subject pronouns, "please".
    pub clause_starts: &'static [&'static str],
    /// Forms of address: "sir", "señora", "Frau".
    pub titles: &'static [&'static str],
    /// Determiners and possessives: a new clause after a conjunction ("..., and a technician will").
    pub determiners: &'static [&'static str],
    /// Opening salutations of messages: "dear", "hi", "estimado".
    pub salutations: &'static [&'static str],
    /// Subordinating conjunctions: a clause they open is no sentence on its own ("since", "si").
    pub subordinators: &'static [&'static str],
    /// Confirmation tags after a comma at the end of a question: "is that right", "richtig",
    /// "¿vale?". The sentence before one states what is said, and asks nothing else.
    pub tags: &'static [&'static str],
}

/// [`Words`] as tables, looked up for every word of a call.
pub(crate) struct Lexicon {
    /// Each listed word's classes: one lookup a word tells them all.
    classes: WordTable<WordClass>,
    /// [`Words::tags`].
    pub(crate) tags: &'static [&'static str],
}

impl Lexicon {
    pub(crate) fn new(words: &'static Words) -> Self {
        let mut classes = WordTable::default();
        for (list, class) in [
            (words.fillers, FILLER),
            (words.hedges, HEDGE),
            (words.openers, OPENER),
            (words.conjunctions, CONJUNCTION),
            (words.clause_starts, CLAUSE_START),
            (words.titles, TITLE),
            (words.determiners, DETERMINER),
            (words.salutations, SALUTATION),
            (words.subordinators, SUBORDINATOR),
        ] {
            for word in list {
                *classes.entry(word) |= class;
            }
        }
        for word in crate::language::LOADED.iter().filter(|t| !t.contains(' ')) {
            *classes.entry(word) |= LOADED;
        }
        Lexicon {
            classes,
            tags: words.tags,
        }
    }

    /// The classes of a folded word (none when it is in no list).
    pub(crate) fn class_of(&self, folded: &str) -> WordClass {
        self.classes.get(folded).copied().unwrap_or(0)
    }
}

/// The customer's grammatical gender, as the agent's forms of address tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Gender {
    Male,
    Female,
    #[default]
    Unknown,
}

/// What rewriting needs to know about the call.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// The company the customer got in touch with, as named in the call.
    pub company: Option<String>,
    pub gender: Gender,
    pub channel: Option<Channel>,
}

/// The kind of commitment a clause makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ActKind {
    /// The speaker commits their side: "I'll send you a link".
    Promise,
    /// Someone on the speaker's side will act: "a technician will visit".
    Delegated,
    /// Something will be done for or reach the customer: "the card will arrive", "you'll get a pack".
    Delivery,
    /// The agent asks the customer to do something: "please bring your ID".
    Request,
    /// A present-tense statement of what is planned: "service starts on July 1st".
    Scheduled,
}

/// A commitment found in a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Act {
    pub kind: ActKind,
    pub owner: Owner,
    /// Index (into the clause's words) of the action's verb.
    pub verb: usize,
    /// The words of a delegated or delivered subject ("a technician", "the new card").
    pub subject: Option<(usize, usize)>,
}

/// An action item in the making: its instruction, and how the summary says it will happen.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub owner: Owner,
    pub kind: ActKind,
    /// The instruction ("Send the customer a secure payment link by SMS"), without its due phrase.
    pub instruction: String,
    pub due: Option<String>,
    /// Position of its sentence in the conversation.
    pub order: usize,
}

/// How the summary opens: why the customer got in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opening {
    /// "The customer called <company> about/because/to ..." followed by the rewritten clause.
    Reason,
    /// The company got in touch first: "<company> contacted the customer about ...".
    Outbound,
}

/// A noun phrase a pronoun object may stand for: its first and last words in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NounPhrase {
    pub(crate) from: usize,
    pub(crate) to: usize,
    /// A thing, not a person: people are named, but are no "it".
    pub(crate) thing: bool,
    /// Inside a prepositional phrase ("at the gas station", "with the actual reading"): ranked
    /// below a subject or an object as what a later "it" means.
    pub(crate) oblique: bool,
}

/// What a pronoun object stands for: the phrase in the third person, who named it, and whether
/// it names people, which only some pronouns stand for ("them", not "it").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Referent {
    pub(crate) named: String,
    pub(crate) said_by: SpeakerRole,
    pub(crate) person: bool,
}

/// The rules of one language.
pub(crate) trait Rules: Sync {
    fn lexicon(&self) -> &Lexicon;

    /// The commitment a clause makes, if any.
    fn act(&self, clause: &Clause<'_, '_>) -> Option<Act>;

    /// The act as an instruction to its owner, in the infinitive or imperative.
    fn instruction(&self, clause: &Clause<'_, '_>, act: &Act, ctx: &Context) -> Option<String>;

    /// The clause from live word `from` on in the third person ("the customer", "the agent"), or
    /// `None` when some first or second person form in it cannot be rewritten.
    fn third_person(&self, clause: &Clause<'_, '_>, from: usize, ctx: &Context) -> Option<String>;

    /// Whether the act's object is a pronoun ("I'll post it out") another clause may name.
    fn pronoun_object(&self, _clause: &Clause<'_, '_>, _act: &Act) -> bool {
        false
    }

    /// The noun phrases of a clause, in order.
    fn noun_phrases(&self, _clause: &Clause<'_, '_>) -> Vec<NounPhrase> {
        Vec::new()
    }

    /// The instruction with its pronoun object replaced by what it stands for, when the pronoun
    /// can stand for it; who named it decides whose it is (the customer's "my card" is "the
    /// customer's card" in an item).
    fn with_referent(&self, _instruction: &str, _referent: &Referent) -> Option<String> {
        None
    }

    /// Whether an agent's clause reports something done ("I've cancelled the card").
    fn done(&self, clause: &Clause<'_, '_>) -> bool;

    /// Labels of references said in calls ("case number", "número de reclamación"), folded.
    fn reference_labels(&self) -> &'static [&'static str];

    /// The due phrase of a text ("by Friday", "mañana", "sous 48 heures").
    fn due(&self, text: &str) -> Option<String>;

    /// The opening sentence from the reason clause in the third person (`reason`, as returned by
    /// [`Rules::third_person`]); `link` is the word the customer used to introduce it.
    fn opening(&self, reason: &str, link: Link, opening: Opening, ctx: &Context) -> String;

    /// "The agent found that ..." for a finding, "The agent ..." for an action already rewritten.
    fn finding(&self, finding: &str, ctx: &Context) -> String;

    /// A sentence of what the agent said or did, already in the third person.
    fn statement(&self, text: &str, _ctx: &Context) -> String {
        super::render::sentence(text)
    }

    /// One sentence of what happens next for steps of one owner and kind group.
    fn next_steps(&self, steps: &[&Step], ctx: &Context) -> Option<String>;

    /// "The reference is X." for a reference said in the call.
    fn reference(&self, label: &str, value: &str) -> String;

    /// The summary of a call with nothing to summarise.
    fn empty(&self) -> &'static str;

    /// Words and phrases of the agent's identity and security checks.
    fn is_identity_check(&self, folded_sentence: &str) -> bool;

    /// Courtesy and call handling: greetings, thanks, holds, "anything else?".
    fn is_pleasantry(&self, folded_sentence: &str) -> bool;

    /// How the customer introduced the reason: "I'm calling about", "llamo porque".
    fn reason_link(&self, clause: &Clause<'_, '_>) -> Option<(Link, usize)>;

    /// The words after which an agent's clause states what they found ("I can see that").
    fn finding_start(&self, clause: &Clause<'_, '_>) -> Option<usize>;

    /// The company's name in a greeting ("thanks for calling Acme Energy").
    fn company(&self, text: &str) -> Option<String>;

    /// Whether the clause asks something (by its word order: "can you", "what is").
    fn asks(&self, clause: &Clause<'_, '_>) -> bool;

    /// The customer's gender from a word of the agent's forms of address (`agent`) or of the
    /// customer's own agreeing words.
    fn gender_cue(&self, folded: &str, next_is_name: bool, agent: bool) -> Option<Gender>;
}

/// How the customer introduced their reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Link {
    /// "I'm calling about X": a noun phrase follows.
    About,
    /// "I'm calling because X": a clause follows.
    Because,
    /// "I'm calling to X" / "I need to X": an infinitive follows.
    To,
    /// Nothing: the clause is the reason itself.
    None,
}

static EN: LazyLock<en::English> = LazyLock::new(en::English::new);
static OTHERS: LazyLock<[generic::Generic; 6]> = LazyLock::new(|| {
    [
        generic::Generic::new(Language::Es, &es::TABLE),
        generic::Generic::new(Language::Fr, &fr::TABLE),
        generic::Generic::new(Language::De, &de::TABLE),
        generic::Generic::new(Language::It, &it::TABLE),
        generic::Generic::new(Language::Pt, &pt::TABLE),
        generic::Generic::new(Language::Nl, &nl::TABLE),
    ]
});

/// The orders of `language` said as listed imperatives, each with its infinitive ("doe",
/// "doen"; "envíe", "enviar"): what the summariser reads as requests put to the customer.
pub(crate) fn imperatives(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::En => &[],
        Language::Es => es::TABLE.imperatives,
        Language::Fr => fr::TABLE.imperatives,
        Language::De => de::TABLE.imperatives,
        Language::It => it::TABLE.imperatives,
        Language::Pt => pt::TABLE.imperatives,
        Language::Nl => nl::TABLE.imperatives,
    }
}

/// The rules of `language`.
pub(crate) fn rules(language: Language) -> &'static dyn Rules {
    let [es, fr, de, it, pt, nl] = &*OTHERS;
    match language {
        Language::En => &*EN,
        Language::Es => es,
        Language::Fr => fr,
        Language::De => de,
        Language::It => it,
        Language::Pt => pt,
        Language::Nl => nl,
    }
}

/// Live-word helpers shared by the languages' frame matchers.
pub(crate) mod scan;

/// Words that join a company's capitalised words: "Pike & Morrow", "Banco do Brasil".
const NAME_JOINERS: &[&str] = &[
    "&", "and", "of", "de", "du", "des", "del", "von", "van", "der", "di", "da", "do", "y", "e",
];
/// Capitalised words that do not start a company's name.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "hi", "hello", "good", "the", "this", "my", "our", "your", "we", "i", "you", "today",
    "how", "what", "thanks", "thank", "customer",
    // Salutations and forms of address: "Dear Ms [NAME_1]" opens a letter, it names no company.
    "dear", "sehr", "geehrte", "geehrter", "liebe", "lieber", "hallo", "estimado", "estimada", "hola",
    "cher", "chère", "bonjour", "madame", "monsieur", "caro", "cara", "gentile", "egregio", "buongiorno",
    "prezado", "prezada", "olá", "beste", "geachte", "hoi", "mr", "mrs", "ms", "dr", "herr", "frau",
    "señor", "señora", "sr", "sra", "signor", "signora", "meneer", "mevrouw",
    // Email headers: "Subject: ..." names no company.
    "subject", "asunto", "assunto", "objet", "betreff", "oggetto", "onderwerp", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// The company named after one of `leads` in `text` (a greeting): its run of capitalised words.
pub(crate) fn company_after(text: &str, leads: &[&str]) -> Option<String> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    for lead in leads {
        let mut from = 0;
        while let Some(at) = lower
            .get(from..)
            .and_then(|rest| super::phrases::find_word(rest, lead))
        {
            let start = from + at + lead.len();
            from = start;
            if let Some(name) = capitalised_run(text.get(start..).unwrap_or_default()) {
                return Some(name);
            }
        }
    }
    None
}

/// The capitalised words at the start of `text` (after spaces), as a name.
pub(crate) fn capitalised_run(text: &str) -> Option<String> {
    let mut taken: Vec<&str> = Vec::new();
    for raw in text.split_whitespace().take(7) {
        let word = raw.trim_end_matches([',', '.', '!', '?', ';', ':', ')', '"', '”']);
        let ends = word.len() != raw.len();
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let joiner = !taken.is_empty() && NAME_JOINERS.contains(&word.to_lowercase().as_str());
        if word.starts_with('[') || !(capital || joiner) {
            break;
        }
        if taken.is_empty() && NOT_NAMES.contains(&word.to_lowercase().as_str()) {
            return None;
        }
        taken.push(word);
        if ends {
            break;
        }
    }
    while taken
        .last()
        .is_some_and(|w| NAME_JOINERS.contains(&w.to_lowercase().as_str()))
    {
        taken.pop();
    }
    let name = taken.join(" ");
    (name.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(name)
}
