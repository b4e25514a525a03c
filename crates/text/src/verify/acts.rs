//! The acts a summary can promise a party (a call-back, a refund, a waived fee, a collection, a
//! visit) and the words that name them in each language, in a claim and in the call.

use std::sync::LazyLock;

use crate::language::{Language, WordLookup, WordSpan};
use crate::summary::extractive::is_determiner;

/// Acts that are commitments of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Act {
    /// Calling or getting in touch again.
    Call,
    /// Giving money back.
    Refund,
    /// Not charging a fee.
    Waive,
    /// Collecting something from where it is: a courier's pickup, a return, an old appliance.
    Collect,
    /// Someone sent to the customer: a technician, an engineer, an adjuster, a meter reader.
    Visit,
}

impl Act {
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Call => "a call",
            Act::Refund => "a refund",
            Act::Waive => "waiving a charge",
            Act::Collect => "a collection",
            Act::Visit => "a visit",
        }
    }

    /// Whether the act is arranged rather than promised: a collection is made by a courier
    /// ("Evri will collect the lamp on Thursday") or by the customer as told ("it'll be ready
    /// to collect from 12pm"), and what is collected is "it" more often than not. Naming it
    /// anywhere in the call holds it; a collection nobody speaks of is invented.
    pub fn arranged(self) -> bool {
        self == Act::Collect
    }
}

/// Words of each act, folded: a word is one when it equals an entry or, for entries of four
/// letters or more, starts with it ("llam" holds "llamaré", "rappel" holds "rappellerai").
#[rustfmt::skip]
pub(super) const ACTS: &[(Act, &[&str])] = &[
    (Act::Call, &[
        "call", "ring", "callback",
        "llam", "contact", "recontact", "marco", "marcamos", "marcare", "marcaremos", "marcarle",
        "appel", "rappel", "joindre",
        "anruf", "anrufen", "ruckruf", "zuruckruf", "zuruckrufen", "rufe", "ruft", "rufen", "kontakt", "melde", "melden",
        "chiam", "richiam", "contatt", "ricontatt",
        "ligar", "ligo", "ligue", "ligamos", "ligaremos", "ligarei", "ligaremos", "contat", "retorn",
        "bel", "belt", "bellen", "terugbel", "gebeld", "opbel",
    ]),
    (Act::Refund, &[
        "refund", "reimburs", "repay", "repaid",
        "reembols", "devolv", "devuelv",
        "rembours", "restitu",
        "erstatt", "ruckerstatt", "zuruckzahl", "zuruckuberweis", "gutschrift", "gutschreib",
        "rimbors", "storn",
        "estorn", "ressarc",
        "terugbetal", "terugstort", "restitutie",
    ]),
    (Act::Waive, &[
        "waive", "waiv",
        "exoner", "condon",
        "erlass", "erlassen",
        "esent", "abbuon",
        "isent",
        "kwijtschel",
    ]),
    // Words of one language only: "retirar" is also to withdraw, "recuperar" to recover, and
    // the list is read for every language.
    (Act::Collect, &[
        "collect", "pickup",
        "recog",
        "abhol", "abgeholt",
        "ritir",
        "recolh",
        "ophal", "ophaal", "opgehaald",
    ]),
    // Who is sent, and the visit: in the call, a promise that names them promises the visit
    // ("our technician will visit on Saturday", "le voy a mandar a un ajustador"); in a claim
    // only a verb of sending them or of visiting names it ([`act_at`]).
    (Act::Visit, &[
        "technician", "engineer", "adjuster", "surveyor", "plumber", "electrician", "reader", "visit",
        "tecnico", "ajustador", "perito", "visita",
        "technicien", "expert", "visite",
        "techniker", "monteur", "gutachter", "besuch",
        "technieker", "bezoek",
    ]),
];

/// Verbs that send someone: "Send a meter reader", "Enviar un ajustador", "Een monteur sturen";
/// an entry of five letters or more also holds the words it starts ("mandarte", "enviarle").
#[rustfmt::skip]
const SENDS: &[&str] = &[
    "send", "dispatch", "enviar", "mandar", "envoy", "inviar", "mandare", "schick", "senden",
    "sturen", "langssturen",
];

/// Whether a folded word sends someone ([`SENDS`]).
pub(super) fn sends(folded: &str) -> bool {
    static SEND_WORDS: LazyLock<WordLookup<()>> = LazyLock::new(|| {
        let mut lookup = WordLookup::default();
        for entry in SENDS {
            if entry.len() >= 5 {
                lookup.start(entry, ());
            } else {
                lookup.word(entry, ());
            }
        }
        lookup
    });
    SEND_WORDS.get(folded).is_some()
}

/// Verbs of visiting, the visit's own verb in a claim ("Visit the customer's flat"); the nouns
/// ("la visita", "the visit") name an appointment, not a promise.
const VISITS: &[&str] = &[
    "visit", "visiting", "visitare", "visitar", "visiter", "besuchen", "bezoeken",
];

/// How far from a verb of sending who is sent may be: "Send a meter reader", "Inviare il tecnico".
const SENT_WITHIN: usize = 3;

/// The act a claim's word at `at` commits to (`item`: the claim is an action item): a verb
/// naming one, not a noun after a determiner ("Pay the £142.60 refund" pays; "Call the customer back" calls). German nouns
/// are capitalised, and German and Dutch put the object before the verb ("De klant bellen").
pub(super) fn act_at(language: Language, claim: &[WordSpan], at: usize, item: bool) -> Option<Act> {
    let word = claim.get(at)?;
    // An action item is said with its verb first in English and the Romance languages: a
    // later act is a means or a second step ("Organizzare il ritiro contattando la moglie").
    if item && at > 0 && !matches!(language, Language::De | Language::Nl) {
        return None;
    }
    // Who is sent is named by the verb that sends them ("Send a technician"); the word alone
    // is who, not what is promised ("contact the technician", "l'assistenza tecnica").
    if sends(&word.folded) {
        let near = claim
            .iter()
            .skip(at.saturating_sub(SENT_WITHIN))
            .take(2 * SENT_WITHIN + 1)
            .any(|w| act_of(&w.folded) == Some(Act::Visit));
        return near.then_some(Act::Visit);
    }
    let act = act_of(&word.folded)?;
    if act == Act::Visit && !VISITS.contains(&word.folded.as_str()) {
        return None;
    }
    let object_first = matches!(language, Language::De | Language::Nl);
    let looks_back = if object_first { 1 } else { 2 };
    // A party just before is the verb's subject, its determiner not the act's ("El cliente
    // reembolsará").
    let after_party = at > 0 && super::attribution::party(language, &claim[at - 1].folded).is_some();
    let noun = (language == Language::De && word.capitalised)
        || !after_party
            && claim[at.saturating_sub(looks_back)..at]
                .iter()
                .any(|w| is_determiner(language, &w.folded));
    (!noun).then_some(act)
}

/// The act a folded word names, if any.
pub(super) fn act_of(folded: &str) -> Option<Act> {
    ACT_WORDS.get(folded)
}

/// [`ACTS`]' words: an entry of four bytes or more also holds the words it starts.
static ACT_WORDS: LazyLock<WordLookup<Act>> = LazyLock::new(|| {
    let mut lookup = WordLookup::default();
    for (act, entries) in ACTS {
        for entry in *entries {
            lookup.start(entry, *act);
        }
    }
    lookup
});

/// Particles German and Dutch split off a verb: "das schreib ich Ihnen gut" (gutschreiben),
/// "storten we terug" (terugstorten), "rufe Sie zurück" (zurückrufen), "holt ihn ab" (abholen).
pub(super) const PARTICLES: &[&str] = &["gut", "zuruck", "terug", "op", "an", "ruck", "ab"];

/// The act of a verb at `at` whose particle comes later: German and Dutch split verbs ("holt das
/// Gerät ab": abholen, "storten we terug": terugstorten) and English "pick ... up" ("the courier
/// will pick it up": a collection).
pub(super) fn separable_act(language: Language, words: &[WordSpan], at: usize) -> Option<Act> {
    let word = words.get(at)?;
    let later = words.get(at + 1..)?;
    match language {
        Language::De | Language::Nl => later
            .iter()
            .filter(|p| PARTICLES.contains(&p.folded.as_str()))
            .find_map(|p| act_of(&format!("{}{}", p.folded, word.folded))),
        Language::En => (matches!(word.folded.as_str(), "pick" | "picks" | "picked" | "picking")
            && later.iter().take(3).any(|w| w.folded == "up"))
        .then_some(Act::Collect),
        _ => None,
    }
}

/// Money said in words: a refund said as money coming back needs some.
#[rustfmt::skip]
pub(super) const MONEY: &[&str] = &[
    "pounds", "pound", "dollars", "dollar", "euro", "euros", "credit", "money", "balance", "amount",
    "geld", "betrag", "bedrag", "guthaben", "tegoed",
];

/// "that'll come back to you", "bekommen Sie zurück", "krijgt u terug": money given back, said
/// with "back" after a verb of coming, getting or paying (English, German, Dutch).
pub(super) fn money_back(language: Language, words: &[WordSpan], at: usize) -> bool {
    let (back, verbs): (&str, &[&str]) = match language {
        Language::En => (
            "back",
            &[
                "come",
                "comes",
                "get",
                "gets",
                "go",
                "goes",
                "paid",
                "pay",
                "put",
                "send",
                "sent",
                "transfer",
                "transferred",
            ],
        ),
        Language::De => (
            "zuruck",
            &[
                "bekommen",
                "bekommst",
                "erhalten",
                "uberweisen",
                "uberwiesen",
                "zahlen",
                "gezahlt",
                "buchen",
                "gebucht",
            ],
        ),
        Language::Nl => (
            "terug",
            &[
                "krijgt", "krijg", "krijgen", "betalen", "betaald", "boeken", "geboekt", "storten", "gestort",
            ],
        ),
        _ => return false,
    };
    words.get(at).is_some_and(|w| w.folded == back)
        && words[at.saturating_sub(4)..at]
            .iter()
            .any(|w| verbs.contains(&w.folded.as_str()))
}

/// How an utterance's words may name an act, read once per utterance.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ActWords {
    /// A word of [`ACTS`].
    pub named: bool,
    /// Any word that can start an act in [`super::promises::Promises::read`]: an act word, the "back" of a
    /// refund said with a verb ("get the money back"), or a separable particle.
    pub possible: bool,
}

pub(super) fn act_words(language: Language, words: &[WordSpan]) -> ActWords {
    let separable = matches!(language, Language::De | Language::Nl);
    words
        .iter()
        .enumerate()
        .fold(ActWords::default(), |found, (i, w)| {
            let named = act_of(&w.folded).is_some();
            // Read over the whole utterance, the words before "back" hold those of its sentence.
            let part = money_back(language, words, i)
                || (separable && PARTICLES.contains(&w.folded.as_str()))
                || (language == Language::En && separable_act(language, words, i).is_some());
            ActWords {
                named: found.named || named,
                possible: found.possible || named || part,
            }
        })
}
