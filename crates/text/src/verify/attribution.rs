//! Who a clause says took the initiative when it names the party in a noun phrase rather than
//! as a verb's subject: "at the customer's request", "auf Wunsch der Kundin", "op voorstel van
//! de medewerker", "su iniziativa dell'agente", "a pedido da cliente". The party named there
//! asked for or put forward what the rest of the clause reports.

use super::words::{is_content, is_framing, is_weekday};
use crate::language::{Language, WordSpan};
use crate::redact::figures::figures;
use crate::transcript::SpeakerRole;

/// Nouns of asking, suggesting, offering and initiative, per language, folded.
#[rustfmt::skip]
const INITIATIVE: [&[&str]; 7] = [
    // en
    &["request", "suggestion", "proposal", "offer", "initiative", "instruction", "insistence"],
    // es
    &["peticion", "solicitud", "pedido", "propuesta", "sugerencia", "oferta", "iniciativa", "indicacion"],
    // fr
    &["demande", "requete", "proposition", "suggestion", "offre", "initiative", "indication"],
    // de
    &["wunsch", "bitte", "anfrage", "vorschlag", "angebot", "initiative", "anregung", "veranlassung"],
    // it
    &["richiesta", "proposta", "suggerimento", "offerta", "iniziativa", "indicazione"],
    // pt
    &["pedido", "solicitacao", "proposta", "sugestao", "oferta", "iniciativa", "indicacao"],
    // nl
    &["vraag", "verzoek", "voorstel", "aanbod", "initiatief", "suggestie", "aanraden"],
];

/// Verbs of putting forward or asking for, per language, folded, and in English of telling
/// ("explained", "reminded"): the party raised what follows. English "requested" is left out:
/// an agent requests seats or a callback from a third party on the customer's behalf.
#[rustfmt::skip]
const RAISING: [&[&str]; 7] = [
    &["offered", "proposed", "suggested", "recommended", "asked", "explained", "told", "reminded", "informed", "mentioned"],
    &["ofrecio", "propuso", "sugirio", "pidio", "solicito", "recomendo"],
    &["propose", "suggere", "offert", "demande", "recommande"],
    &["bot", "schlug", "bat", "verlangte", "empfahl", "fragte"],
    &["offerto", "proposto", "suggerito", "chiesto", "richiesto", "consigliato"],
    &["ofereceu", "propos", "sugeriu", "pediu", "solicitou", "recomendou"],
    &["bood", "stelde", "vroeg", "verzocht", "raadde", "meldde"],
];

/// Whether a party's verb says they raised what follows: offered, suggested, asked for, told.
pub(super) fn raising(language: Language, folded: &str) -> bool {
    RAISING
        .get(language as usize)
        .is_some_and(|verbs| crate::language::listed(verbs, folded))
}

fn initiative(language: Language, folded: &str) -> bool {
    INITIATIVE
        .get(language as usize)
        .is_some_and(|nouns| nouns.contains(&folded))
}

/// Whether the party named at `at` is the one whose request or proposal the clause reports:
/// an initiative noun right before it with only function words between ("on the request of
/// the", "auf Wunsch der"), or right after its possessive ("the customer's request").
pub(super) fn names_initiative(words: &[WordSpan], at: usize, language: Language) -> bool {
    let Some(party) = words.get(at) else {
        return false;
    };
    if party.folded.ends_with("'s") && words.get(at + 1).is_some_and(|w| initiative(language, &w.folded)) {
        return true;
    }
    for k in (at.saturating_sub(4)..at).rev() {
        let Some(word) = words.get(k) else { break };
        if initiative(language, &word.folded) {
            return true;
        }
        // Articles and prepositions may stand between ("van de", "della", "of the").
        if !language.is_stopword(&word.folded) && !word.folded.ends_with(['\'', '’']) {
            return false;
        }
    }
    false
}

/// What a clause's named subject did or said.
#[derive(Debug, Clone, Default)]
pub(super) struct Predicate {
    /// The content stems of the words after the subject's verb up to the next comma (empty when
    /// the clause names no acting party).
    pub stems: Vec<String>,
    /// They run to the end of the clause, or what follows is words alone: the whole clause
    /// may stand for what the party did.
    pub whole: bool,
}

pub(super) fn party(language: Language, folded: &str) -> Option<SpeakerRole> {
    let cues = language.cues();
    let word = folded.strip_suffix("'s").unwrap_or(folded);
    if cues.customer.contains(&word) {
        Some(SpeakerRole::Customer)
    } else if cues.agent.contains(&word) {
        Some(SpeakerRole::Agent)
    } else {
        None
    }
}

/// The content stems of `words[from..]` up to the first comma, semicolon or bracket, names
/// aside: a product or place named in full says what it was about, not who said it. Empty
/// when it names the other party too ("at the customer's request the agent offered"), which
/// reports what both did.
pub(super) fn predicate(text: &str, words: &[WordSpan], from: usize, language: Language) -> Predicate {
    let mut stems = Vec::new();
    let mut whole = true;
    // "asked whether the customer could reorder", "fragte, ob die Kundin ... bestellen
    // möchte": the party asked about, and the comma before "ob", are what was asked. Only after
    // a verb of asking: "explained that if ..." states.
    let asks_whether = from
        .checked_sub(1)
        .and_then(|v| words.get(v))
        .is_some_and(|v| ASKING.contains(&v.folded.as_str()))
        && words
            .get(from)
            .is_some_and(|w| WHETHER.contains(&w.folded.as_str()));
    // Dates are figures, checked as such: "sa facture du 3 mars" is about the bill.
    let dates = figures(text).dates;
    let dated =
        |w: &WordSpan| is_weekday(&w.folded) || dates.iter().any(|d| d.start <= w.start && w.end <= d.end);
    for (k, w) in words.iter().enumerate().skip(from) {
        let gap = k
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .and_then(|p| text.get(p.end..w.start))
            .unwrap_or_default();
        let opens_question = asks_whether && stems.is_empty() && WHETHER.contains(&w.folded.as_str());
        if k > from && gap.contains([',', ';', '(']) && !opens_question {
            // What follows a plain comma may still be what the party said ("proposed calling
            // his wife, as he works"); a bracket or figures read back data.
            let end = words.last().map_or(w.start, |last| last.end);
            let rest = text.get(w.start..end).unwrap_or_default();
            whole = !gap.contains('(') && !rest.contains(|c: char| c.is_ascii_digit() || c == '(');
            break;
        }
        if party(language, &w.folded).is_some() {
            if acting(words, k, language) && !asks_whether {
                return Predicate::default();
            }
            // The one told or asked: "asked the customer to pay".
            continue;
        }
        // German capitalises every noun: an everyday one is wording, not a name.
        let name = w.capitalised
            && !w.sentence_start
            && !(language == Language::De && language.is_common_or_compound(&w.folded));
        let medium = MEDIUM.contains(&w.folded.as_str())
            || (BY.contains(&w.folded.as_str())
                && words
                    .get(k + 1)
                    .is_some_and(|n| MEDIUM.contains(&n.folded.as_str())));
        // "the agent's offer to": how it was put forward, not what.
        let put = initiative(language, &w.folded);
        if !name
            && !medium
            && !put
            && !dated(w)
            && !MODAL.contains(&w.folded.as_str())
            && is_content(language, &w.folded)
            && !is_framing(language, &w.folded)
        {
            stems.push(language.stem(&w.folded).into_owned());
        }
    }
    stems.sort();
    stems.dedup();
    Predicate { stems, whole }
}

/// German and Dutch modal verbs the stopword lists leave out: how a thing was asked, not what
/// ("ob sie das Gerät bestellen möchte").
#[rustfmt::skip]
const MODAL: &[&str] = &[
    "mochte", "mochten", "mochtest", "konnte", "konnten", "sollte", "sollten", "wollte",
    "wollten", "durfte", "durfen", "musste", "mussen", "kunnen", "zouden", "mogen", "willen",
];

/// Verbs of asking a question, folded: "asked", "fragte", "preguntó", "demandé", "vroeg".
#[rustfmt::skip]
const ASKING: &[&str] = &[
    "asked", "wondered", "fragte", "gefragt", "pregunto", "preguntado", "demande", "chiesto",
    "domando", "perguntou", "perguntado", "vroeg", "gevraagd",
];

/// Whether `folded` is a verb of asking a question.
pub(super) fn is_asking(folded: &str) -> bool {
    ASKING.contains(&folded)
}

/// "Whether" in the served languages: what follows a verb of asking is the question put.
#[rustfmt::skip]
const WHETHER: &[&str] = &["whether", "if", "ob", "si", "se", "of"];

/// What the same subject raised further on in its clause, by another verb of raising after a
/// comma or a conjunction ("A assistente pediu ..., registou ... e propôs à cliente que ..."):
/// each such verb's own predicate. None once another party acts in the clause.
pub(super) fn raised_later(
    text: &str,
    words: &[WordSpan],
    from: usize,
    language: Language,
) -> Vec<Predicate> {
    let mut out = Vec::new();
    for k in from.max(1)..words.len() {
        let Some(word) = words.get(k) else { break };
        if party(language, &word.folded).is_some() && acting(words, k, language) {
            break;
        }
        let after_comma = words
            .get(k - 1)
            .and_then(|p| text.get(p.end..word.start))
            .is_some_and(|gap| gap.contains(','));
        let after_and = words
            .get(k - 1)
            .is_some_and(|p| super::opposites::AND.contains(&p.folded.as_str()));
        if (after_comma || after_and) && raising(language, &word.folded) {
            let said = predicate(text, words, k + 1, language);
            if !said.stems.is_empty() {
                out.push(said);
            }
        }
    }
    out
}

/// How a message travels ("by email", "per Mail", "par SMS"): the way a party said or sent
/// something, which either party names, not what was said.
#[rustfmt::skip]
const MEDIUM: &[&str] = &[
    "email", "e-mail", "emails", "mail", "sms", "text", "chat", "phone", "correo", "courriel",
    "whatsapp", "post", "posta", "correio",
];

/// Prepositions that name a medium with the word after them: "per Mail", "via WhatsApp".
const BY: &[&str] = &[
    "by", "per", "via", "par", "por", "tramite", "door", "pelo", "pela",
];

/// The stems of the words of a clause that say how a message travelled: the medium and the
/// preposition before it ("by email", "per Mail").
pub(super) fn medium_stems(language: Language, words: &[WordSpan]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if MEDIUM.contains(&w.folded.as_str()) {
            out.push(language.stem(&w.folded).into_owned());
            if let Some(by) = i.checked_sub(1).and_then(|k| words.get(k))
                && BY.contains(&by.folded.as_str())
            {
                out.push(language.stem(&by.folded).into_owned());
            }
        }
    }
    out
}

/// Verbs of getting in touch: "the customer called about X" reports why, in words the agent
/// often read back (the order, the product), not what the customer said.
#[rustfmt::skip]
pub(super) const CONTACT: &[&str] = &[
    "called", "contacted", "phoned", "rang", "wrote", "emailed", "messaged", "llamo", "contacto",
    "escribio", "appele", "contacte", "ecrit", "rief", "kontaktierte", "schrieb", "meldete",
    "chiamato", "contattato", "scritto", "ligou", "contatou", "contactou", "escreveu", "belde",
    "mailde", "schreef",
];

/// Whether a party named at `at` acts: one of the verbs that report an act follows it closely.
pub(super) fn acting(words: &[WordSpan], at: usize, language: Language) -> bool {
    let cues = language.cues();
    words
        .get(at)
        .is_some_and(|w| party(language, &w.folded).is_some())
        && words
            .iter()
            .skip(at + 1)
            .take(4)
            .any(|w| cues.acts.contains(&w.folded.as_str()))
}

/// Prepositions that make the party after them (and an article) an object or an owner, not
/// the one who acted: "a phone number of the customer", "do cliente", "della cliente".
#[rustfmt::skip]
const OBLIQUE: &[&str] = &[
    "of", "to", "for", "with", "from", "del", "al", "de", "para", "con", "du", "au", "aux", "pour",
    "avec", "della", "dello", "dell'", "alla", "al", "di", "per", "do", "da", "ao", "dos", "das",
    "com", "van", "aan", "voor", "met",
];

/// Whether the party at `at` follows a preposition (perhaps with an article between).
pub(super) fn oblique(words: &[WordSpan], at: usize, language: Language) -> bool {
    let before = |k: usize| at.checked_sub(k).and_then(|i| words.get(i));
    // Dutch "de" is the article ("meldde de medewerker"), not "of".
    let is = |w: Option<&WordSpan>| {
        w.is_some_and(|w| {
            OBLIQUE.contains(&w.folded.as_str()) && !(language == Language::Nl && w.folded == "de")
        })
    };
    is(before(1)) || (before(1).is_some_and(|w| language.is_stopword(&w.folded)) && is(before(2)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::words;

    fn named(text: &str, party: &str, language: Language) -> bool {
        let spans = words(text, language);
        let at = spans.iter().position(|w| w.folded == party).unwrap_or(usize::MAX);
        names_initiative(&spans, at, language)
    }

    #[test]
    fn initiative_nouns_name_who_asked_or_proposed() {
        assert!(named(
            "At the customer's request a new card was ordered",
            "customer's",
            Language::En
        ));
        assert!(named(
            "On the request of the customer a card was ordered",
            "customer",
            Language::En
        ));
        assert!(named(
            "Auf Wunsch der Kundin wurde eine Karte bestellt",
            "kundin",
            Language::De
        ));
        assert!(named(
            "op voorstel van de medewerker betaald",
            "medewerker",
            Language::Nl
        ));
        assert!(named(
            "Su richiesta della cliente è stato aperto un reclamo",
            "cliente",
            Language::It
        ));
        assert!(!named(
            "The customer asked for a new card",
            "customer",
            Language::En
        ));
        assert!(!named(
            "Die Kundin bat um eine neue Karte",
            "kundin",
            Language::De
        ));
        assert!(!named("", "customer", Language::En));
    }
}
