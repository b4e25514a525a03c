//! The acts a summary can promise a party (a call-back, a refund, a waived fee) and the words
//! that name them in each language.

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
}

impl Act {
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Call => "a call",
            Act::Refund => "a refund",
            Act::Waive => "waiving a charge",
        }
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
];

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
    let act = act_of(&word.folded)?;
    let object_first = matches!(language, Language::De | Language::Nl);
    let looks_back = if object_first { 1 } else { 2 };
    let noun = (language == Language::De && word.capitalised)
        || claim[at.saturating_sub(looks_back)..at]
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
