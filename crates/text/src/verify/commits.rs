//! Who a sentence commits and what it asks of the listener: a promise in the first person, a
//! future or request put to the listener, an option left to them, an order; and the sentences
//! that decline.

use crate::language::{Language, WordSpan, listed};
use crate::summary::extractive::{imperatives, is_past};

use super::cue_bits::{
    CueBits, FIRST_PERSON, FUTURE, FUTURE_ENDING, MAY, MAY_OPENS, NEGATION, NO_ANSWER, OWN_FUTURE_ENDING,
    REQUEST, SECOND_PERSON, THANKS_WORD, any, cue_bits, has_ending,
};

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
    commits_with(language, words, &cue_bits(language, words), question)
}

/// [`commits`], with the cue bits of `words`.
pub(super) fn commits_with(
    language: Language,
    words: &[WordSpan],
    bits: &[CueBits],
    question: bool,
) -> Commits {
    if question {
        return Commits::None;
    }
    let has = |flag: u16| any(bits, flag);
    let future_word = has(FUTURE);
    let future = future_word || has(FUTURE_ENDING);
    let first_person = has(FIRST_PERSON);
    let own_future = (first_person && future) || has(OWN_FUTURE_ENDING);
    if own_future {
        Commits::Speaker
    } else if has(SECOND_PERSON) && ((future && !states(language, words)) || has(REQUEST)) {
        Commits::Addressee
    } else if future_word && !first_person && !has(REQUEST) && !states(language, words) {
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
/// `bits`: the cue bits of `words`.
pub(super) fn requested(
    language: Language,
    words: &[WordSpan],
    bits: &[CueBits],
    question: bool,
) -> Vec<usize> {
    const GOVERNS: usize = 3;
    /// Subjects said after a verb: "stuur ik", "mande yo" promise or ask, they do not order.
    const SUBJECTS: &[&str] = &[
        "ik", "we", "wij", "jij", "ich", "wir", "yo", "nosotros", "io", "noi", "eu", "nos",
    ];
    /// An order and the words after it, its object and where or how ("doe ook aangifte bij de
    /// politie").
    const ORDER_GOVERNS: usize = 6;
    let addressed = drops_pronoun(language) || any(bits, SECOND_PERSON);
    if question {
        return asked_politely(language, words);
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
        if asks_at(bits, i) {
            out.extend((i + 1..words.len()).take(GOVERNS));
        } else if bits.get(i).is_some_and(|b| b.has(MAY_OPENS)) && listener_may(language, words, i) {
            // "You can pay in the app": an option left to the listener is theirs to take up.
            out.extend((i + 2..words.len()).take(GOVERNS));
        }
    }
    out
}

/// Spanish, Italian and Portuguese drop the subject pronoun: "tiene que presentar", "¿Puede
/// enviar?" speak to the listener without a "you".
fn drops_pronoun(language: Language) -> bool {
    matches!(language, Language::Es | Language::It | Language::Pt)
}

/// A modal and "you" opening a question ("Could you email the photos?", "Pourriez-vous
/// envoyer ...?", "Können Sie mir ... schicken?"), or in a language that drops the pronoun the
/// modal alone ("¿Puede enviarnos ...?", "Potrebbe inviare ...?"): a request put politely. The
/// words after it are put to the listener; German and Dutch put the verb last.
fn asked_politely(language: Language, words: &[WordSpan]) -> Vec<usize> {
    const GOVERNS: usize = 4;
    const VERB_LAST_GOVERNS: usize = 8;
    /// How far into the question the modal may stand ("Thanks. Could you ...", "Oh, and can
    /// you ...").
    const OPENS_WITHIN: usize = 3;
    let opening = words.len().min(OPENS_WITHIN + 1);
    let pair_at = (0..opening).find_map(|i| {
        let (Some(a), Some(b)) = (words.get(i), words.get(i + 1)) else {
            return None;
        };
        if listed(POLITE, &a.folded) && listed(POLITE_YOU, &b.folded) {
            return Some(i + 2);
        }
        // French joins them: "pourriez-vous", "peux-tu".
        if a.folded
            .split_once('-')
            .is_some_and(|(modal, you)| listed(POLITE, modal) && listed(POLITE_YOU, you))
        {
            return Some(i + 1);
        }
        (drops_pronoun(language) && listed(POLITE_PRO_DROP, &a.folded)).then_some(i + 1)
    });
    let Some(from) = pair_at else {
        return Vec::new();
    };
    let governs = if matches!(language, Language::De | Language::Nl) {
        VERB_LAST_GOVERNS
    } else {
        GOVERNS
    };
    (from..words.len()).take(governs).collect()
}

/// Modals that open a polite request, before "you" ("could you", "pourriez-vous", "könnten
/// Sie", "kunt u").
#[rustfmt::skip]
const POLITE: &[&str] = &[
    "could", "can", "would", "will", "pourriez", "pouvez", "peux", "pourrais", "konnen",
    "konnten", "kannst", "konntest", "wurden", "kunt", "kun", "zou", "zoudt", "kan",
];

/// The listener after a polite modal.
const POLITE_YOU: &[&str] = &["you", "vous", "tu", "sie", "du", "u", "je", "jij"];

/// Modals that ask the listener on their own where the pronoun is dropped ("¿Puede enviarnos
/// ...?", "Potrebbe inviare", "Pode enviar", "¿Me podés mandar ...?").
#[rustfmt::skip]
const POLITE_PRO_DROP: &[&str] = &[
    "puede", "puedes", "podes", "podria", "podrias", "puo", "puoi", "potrebbe", "potresti",
    "pode", "poderia", "consegue", "consegues",
];

/// Whether word `i` asks something of the listener: a request word ([`super::cue_bits::REQUESTS`]) that no
/// negation just before releases ("não precisa estar na embalagem original", "you don't need
/// to send it" ask nothing).
/// `bits`: the cue bits of the sentence's words.
pub(super) fn asks_at(bits: &[CueBits], i: usize) -> bool {
    bits.get(i).is_some_and(|b| b.has(REQUEST))
        && !any(bits.get(i.saturating_sub(2)..i).unwrap_or_default(), NEGATION)
}

/// "You" and "can" said together, the option given to the listener ("you can return it", "vous
/// pouvez payer", "u kunt ... retourneren", "können Sie ... bezahlen"), starting at word `i`:
/// German and Dutch also put the verb first ("kunt u", "kannst du").
fn listener_may(language: Language, words: &[WordSpan], i: usize) -> bool {
    let (Some(a), Some(b)) = (words.get(i), words.get(i + 1)) else {
        return false;
    };
    let pair = |(you, may): &(&str, &str)| {
        (a.folded == *you && b.folded == *may)
            || (matches!(language, Language::De | Language::Nl) && a.folded == *may && b.folded == *you)
    };
    MAY.iter().any(pair)
}

/// A sentence that declines: it opens with a no, or says "no thanks".
/// `bits`: the cue bits of the sentence's words.
pub(super) fn declines(bits: &[CueBits]) -> bool {
    // "yeah nah": the answer after a filler.
    bits.first().is_some_and(|b| b.has(NEGATION))
        || any(bits.get(..2).unwrap_or(bits), NO_ANSWER)
        || bits
            .windows(2)
            .any(|pair| pair[0].has(NEGATION) && pair[1].has(THANKS_WORD))
}
