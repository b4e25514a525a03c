//! Who a sentence commits and what it asks of the listener: a promise in the first person, a
//! future or request put to the listener, an option left to them, an order; and the sentences
//! that decline.

use crate::language::{Language, WordSpan, listed};
use crate::summary::extractive::{imperatives, is_past};

/// Who a sentence commits, if anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Commits {
    None,
    /// The speaker ("I'll send it", "we will refund").
    Speaker,
    /// The one spoken to ("you'll need to send", "please send us").
    Addressee,
}

/// Whether a sentence has a future form or a promise word ("will", "enviará", "wird").
pub(super) fn looks_ahead(language: Language, words: &[WordSpan]) -> bool {
    let cues = language.cues();
    words.iter().any(|w| {
        listed(cues.future, &w.folded) || cues.future_endings.iter().any(|e| has_ending(&w.folded, e))
    })
}

/// A word with an ending of the future: a contraction ("I'll") whatever its length, an
/// inflection ("enviará") on a stem of three letters or more.
fn has_ending(folded: &str, ending: &str) -> bool {
    let stem = if ending.starts_with('\'') { 1 } else { 3 };
    // The last byte rules out most endings without a call to compare.
    folded.len() >= ending.len() + stem
        && folded.as_bytes().last() == ending.as_bytes().last()
        && folded.ends_with(ending)
}

/// Auxiliaries of the future that follow a party as its verb ("the agent will refund", "la
/// cliente va a enviar", "de klant zal ... sturen"). German "wird" is left out: it makes the
/// passive as often ("die Kundin wird zurückgerufen": she is called back).
const FUTURE_AUXILIARIES: &[&str] = &["will", "shall", "va", "vai", "zal", "zullen", "gaat"];

/// What makes the auxiliary's future a passive ("will be called back", "zal worden gebeld"):
/// the party is the one acted on.
const PASSIVE_AFTER_FUTURE: &[&str] = &["be", "worden", "ser", "etre", "essere"];

/// Whether the word at `at`, just after a party, is that party's future: an auxiliary not of a
/// passive, or a verb in the future ("el cliente llamará", "o cliente ligará", "le client
/// rappellera", "il cliente richiamerà"). Spanish, Portuguese and Italian futures end in an
/// accented vowel (`text` holds the words as written), which tells "llamará" from "espera";
/// French ones carry no accent.
pub(super) fn party_future(language: Language, text: &str, words: &[WordSpan], at: usize) -> bool {
    let Some(word) = words.get(at) else {
        return false;
    };
    if FUTURE_AUXILIARIES.contains(&word.folded.as_str()) {
        return !words
            .get(at + 1)
            .is_some_and(|next| PASSIVE_AFTER_FUTURE.contains(&next.folded.as_str()));
    }
    let inflected = language
        .cues()
        .future_endings
        .iter()
        .any(|e| !e.starts_with('\'') && has_ending(&word.folded, e));
    let written = text.get(word.start..word.end).unwrap_or_default();
    inflected && (written.ends_with(['á', 'à']) || language == Language::Fr)
}

/// Who a sentence commits: a first-person future or promise commits the speaker ("I'll send
/// it", "le enviaré"); a future or a request put to the listener ("you'll need to send",
/// "please send us") commits the addressee. Questions commit nobody.
pub(super) fn commits(language: Language, words: &[WordSpan], question: bool) -> Commits {
    if question {
        return Commits::None;
    }
    let cues = language.cues();
    let has = |list: &[&str]| words.iter().any(|w| listed(list, &w.folded));
    let ends = |endings: &[&str]| {
        words
            .iter()
            .any(|w| endings.iter().any(|e| has_ending(&w.folded, e)))
    };
    let future_word = has(cues.future);
    let future = future_word || ends(cues.future_endings);
    let first_person = has(cues.first_person);
    let own_future = (first_person && future) || ends(cues.own_future_endings);
    if own_future {
        Commits::Speaker
    } else if has(cues.second_person) && ((future && !states(language, words)) || has(REQUESTS)) {
        Commits::Addressee
    } else if future_word && !first_person && !has(REQUESTS) && !states(language, words) {
        // "The technician will call you the morning of": the speaker's side, by a third party
        // ("Gerhard will need to contact us" obliges someone else).
        Commits::Speaker
    } else {
        Commits::None
    }
}

/// "The revised bill will be due on 12 December": a future that says how something will be, no
/// act anyone does ("the refund will be sent" is one, in the passive).
fn states(language: Language, words: &[WordSpan]) -> bool {
    language == Language::En
        && words.windows(3).any(|w| {
            matches!(w[0].folded.as_str(), "will" | "'ll")
                && w[1].folded == "be"
                && !is_past(&w[2].folded)
                && !w[2].folded.ends_with("en")
        })
}

/// The positions of the words a request or obligation put to the listener governs: the few
/// after a request word, in a sentence that speaks to the listener (or in a language that
/// drops the pronoun: "tiene que presentar", "deve inviare", "tem de devolver"). Questions
/// ask nothing of the kind.
pub(super) fn requested(language: Language, words: &[WordSpan], question: bool) -> Vec<usize> {
    const GOVERNS: usize = 3;
    /// Subjects said after a verb: "stuur ik", "mande yo" promise or ask, they do not order.
    const SUBJECTS: &[&str] = &[
        "ik", "we", "wij", "jij", "ich", "wir", "yo", "nosotros", "io", "noi", "eu", "nos",
    ];
    /// An order and the words after it, its object and where or how ("doe ook aangifte bij de
    /// politie").
    const ORDER_GOVERNS: usize = 6;
    let cues = language.cues();
    let pro_drop = matches!(language, Language::Es | Language::It | Language::Pt);
    let addressed = pro_drop || words.iter().any(|w| listed(cues.second_person, &w.folded));
    if question {
        return Vec::new();
    }
    let mut out = Vec::new();
    // "Doe ook aangifte bij de politie", "Envíe la factura": an order opening the sentence, with
    // no subject after it ("stuur ik" promises), puts its verb and what it governs to the listener.
    if let Some(first) = words.first()
        && imperatives(language)
            .iter()
            .any(|(said, _)| *said == first.folded)
        && !words.get(1).is_some_and(|w| listed(SUBJECTS, &w.folded))
    {
        out.extend((0..words.len()).take(ORDER_GOVERNS));
    }
    if !addressed {
        return out;
    }
    for i in 0..words.len() {
        if asks_at(language, words, i) {
            out.extend((i + 1..words.len()).take(GOVERNS));
        } else if listener_may(language, words, i) {
            // "You can pay in the app": an option left to the listener is theirs to take up.
            out.extend((i + 2..words.len()).take(GOVERNS));
        }
    }
    out
}

/// Whether word `i` asks something of the listener: a request word ([`REQUESTS`]) that no
/// negation just before releases ("não precisa estar na embalagem original", "you don't need
/// to send it" ask nothing).
pub(super) fn asks_at(language: Language, words: &[WordSpan], i: usize) -> bool {
    words.get(i).is_some_and(|w| listed(REQUESTS, &w.folded))
        && !words
            .get(i.saturating_sub(2)..i)
            .unwrap_or_default()
            .iter()
            .any(|w| language.is_negation(&w.folded))
}

/// "You" and "can" said together, the option given to the listener ("you can return it", "vous
/// pouvez payer", "u kunt ... retourneren", "können Sie ... bezahlen"), starting at word `i`:
/// German and Dutch also put the verb first ("kunt u", "kannst du").
fn listener_may(language: Language, words: &[WordSpan], i: usize) -> bool {
    const MAY: &[(&str, &str)] = &[
        ("you", "can"),
        ("you", "could"),
        ("vous", "pouvez"),
        ("tu", "peux"),
        ("u", "kunt"),
        ("je", "kunt"),
        ("jij", "kunt"),
        ("je", "kan"),
        ("sie", "konnen"),
        ("du", "kannst"),
    ];
    let (Some(a), Some(b)) = (words.get(i), words.get(i + 1)) else {
        return false;
    };
    let pair = |(you, may): &(&str, &str)| {
        (a.folded == *you && b.folded == *may)
            || (matches!(language, Language::De | Language::Nl) && a.folded == *may && b.folded == *you)
    };
    MAY.iter().any(pair)
}

/// Thanks after a no: "no thanks", "nein danke", "non merci", "não, obrigado".
const THANKS: &[&str] = &[
    "thanks", "thank", "gracias", "merci", "danke", "grazie", "obrigado", "obrigada", "bedankt", "dank",
];

/// A sentence that declines: it opens with a no, or says "no thanks".
pub(super) fn declines(language: Language, words: &[WordSpan]) -> bool {
    // "yeah nah": the answer after a filler.
    words.first().is_some_and(|w| language.is_negation(&w.folded))
        || words.iter().take(2).any(|w| language.is_no_answer(&w.folded))
        || words
            .windows(2)
            .any(|pair| language.is_negation(&pair[0].folded) && THANKS.contains(&pair[1].folded.as_str()))
}

/// Words that ask the listener to do something.
pub(super) const REQUESTS: &[&str] = &[
    "please",
    "need",
    "needs",
    "must",
    "por",
    "favor",
    "favore",
    "bitte",
    "alstublieft",
    "svp",
    "necesita",
    "debe",
    "devez",
    "mussen",
    "musst",
    "moet",
    "deve",
    "precisa",
    "tem",
    "tiene",
    "faut",
    "muss",
    "graag",
];
