//! Word pairs that say opposite things without a negation: free and charged, included and
//! excluded, kept and cancelled, the same and new. Each pair is a concept with a positive and
//! a negative side; a sentence says the concept one way, the other way, or both ("the new card
//! keeps the same PIN"), and a claim that says it the other way from the call contradicts it.

use std::sync::LazyLock;

use super::cue_bits::{self, CueBits};
use super::negation::negation_reach;
use crate::language::{Language, WordLookup, WordSpan};

/// A concept of the table, by index.
pub(super) type Concept = u8;

/// How a text says a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Positive,
    Negative,
    /// Both ways: it settles nothing.
    Both,
}

/// Conjunctions that join two acts: a negative word does not take a positive one past them, and
/// a verb of raising after one goes on with its clause's subject (`attribution::raised_later`).
pub(super) const AND: &[&str] = &[
    "and", "y", "e", "et", "und", "en", "but", "pero", "mais", "aber", "ma", "mas", "maar",
];

/// Words a positive word may sit from a negative one of its concept and be taken by it
/// ("free of charge", "waiving the usual $75 change fee").
const TAKEN: usize = 5;

/// Per concept, its positive and negative words, folded (an entry ending in `*` is the start of
/// the word: "addebit*" holds "addebitarle"), whether a negative word takes the positive ones
/// near it ("free of charge", "waiving the fee", "charges nothing"), and whether a negation
/// turns a word to the other side ("not charged" is free; "didn't get the new card" is not
/// "the same card").
#[rustfmt::skip]
const CONCEPTS: &[(&[&str], &[&str], bool, bool)] = &[
    // Charged / free.
    (
        &["charge", "charged", "charges", "charging", "fee", "fees", "cost", "costs", "costing",
          "incur", "incurs", "incurred",
          "cobrar*", "cobrado", "cobrada", "cobra", "cargo", "cargos", "coste", "costo", "costos", "frais", "payant",
          "payante", "coute", "kosten", "kostet", "gebuhr", "gebuhren", "berechnet",
          "kostenpflichtig", "addebit*", "costi", "custo", "custos", "taxa", "berekend"],
        &["free", "gratis", "gratuit", "gratuite", "gratuito", "gratuita", "gratuitamente",
          "kostenlos", "kostenfrei", "gebuhrenfrei", "umsonst", "waive", "waived", "waiving",
          "exonere", "exoneree", "condonado", "condonada", "esente", "isento", "isenta",
          "kosteloos"],
        true,
        true,
    ),
    // Included / excluded.
    (
        &["included", "includes", "include", "incluido", "incluida", "incluye", "inclus", "incluse",
          "inbegriffen", "enthalten", "incluso", "inclusa", "compreso", "compresa", "incluido",
          "inbegrepen"],
        &["excluded", "excludes", "excluido", "excluida", "exclu", "exclue", "ausgeschlossen",
          "escluso", "esclusa", "excluida", "uitgesloten"],
        false,
        true,
    ),
    // Kept / cancelled.
    (
        &["kept", "keep", "keeps", "maintained", "remains", "still", "stays", "longer", "mantiene", "mantenido",
          "mantenida", "sigue", "maintenu", "maintenue", "maintient", "reste", "toujours",
          "bleibt", "behalten", "beibehalten", "weiterhin", "mantenuto", "mantenuta", "rimane",
          "mantem", "mantido", "mantida", "continua", "blijft", "behouden", "gehandhaafd",
          // A payment that goes through: "le prélèvement passe le 10 avril".
          "passe", "passera"],
        &["cancelled", "canceled", "cancel", "cancels", "annule", "annulee", "annuler", "resilie",
          "cancelado", "cancelada", "anulado", "anulada", "cancelo", "cancele", "anulo", "anule",
          "cancelou", "cancelei", "anulou", "anulei", "gekundigt", "abgesagt", "annulliert",
          "annullato", "annullata", "cancellato", "cancellata", "disdetto", "geannuleerd",
          "opgezegd",
          // Taken off: "quitó el deducible", "removed the fee".
          "removed", "quito", "quitado", "quitada", "eliminado", "eliminada", "supprime",
          "supprimee", "entfernt", "gestrichen", "rimosso", "rimossa", "removido", "removida",
          "verwijderd", "geschrapt"],
        false,
        true,
    ),
    // New / the same.
    (
        &["new", "nuevo", "nueva", "nouveau", "nouvelle", "neu", "neue", "neuen", "neuer", "neues",
          "nuovo", "nuova", "novo", "nova", "nieuw", "nieuwe"],
        &["same", "mismo", "misma", "meme", "memes", "gleich", "gleiche", "gleichen", "selbe",
          "selben", "dieselbe", "denselben", "stesso", "stessa", "mesmo", "mesma", "zelfde",
          "dezelfde", "hetzelfde"],
        false,
        false,
    ),
    // Approved / declined: a request's or an offer's verdict.
    (
        &["approved", "accepted", "granted", "authorised", "authorized", "aprobado", "aprobada",
          "aprobo", "aceptado", "aceptada", "acepto", "approuve", "approuvee", "accepte",
          "acceptee", "accorde", "accordee", "genehmigt", "bewilligt", "akzeptiert", "approvato",
          "approvata", "accettato", "accettata", "accolto", "accolta", "aprovado", "aprovada",
          "aprovou", "aceito", "aceita", "aceitou", "goedgekeurd", "aanvaard", "aanvaardde",
          "geaccepteerd", "toegekend"],
        &["declined", "rejected", "refused", "denied", "rechazado", "rechazada", "rechazo",
          "denegado", "denegada", "refuse", "refusee", "rejete", "rejetee", "abgelehnt",
          "verweigert", "rifiutato", "rifiutata", "respinto", "respinta", "recusado", "recusada",
          "recusou", "rejeitado", "rejeitada", "negado", "negada", "afgewezen", "geweigerd",
          "weigerde", "weigerden"],
        false,
        true,
    ),
    // Done already / not yet: "has already been taken from the card" where the call says "it
    // hasn't been taken from your card yet" ("yet" is said the other way by its negation).
    (
        &["already", "yet", "deja", "bereits", "gia", "reeds"],
        &["pending", "pendiente", "pendientes", "ausstehend", "pendente", "pendentes", "openstaand"],
        false,
        true,
    ),
];

/// Every word of [`CONCEPTS`] with its concept and side, in the order a scan tries them.
static SIDES: LazyLock<WordLookup<(Concept, bool)>> = LazyLock::new(|| {
    let mut lookup = WordLookup::default();
    for (k, (positive, negative, _, _)) in CONCEPTS.iter().enumerate() {
        for (entries, side) in [(negative, false), (positive, true)] {
            for entry in entries.iter() {
                match entry.strip_suffix('*') {
                    Some(start) => lookup.start(start, (k as Concept, side)),
                    None => lookup.word(entry, (k as Concept, side)),
                }
            }
        }
    }
    lookup
});

/// The concept and side of a folded word, if it has one.
fn side_of(folded: &str) -> Option<(Concept, bool)> {
    SIDES.get(folded)
}

/// The concept a folded word is a pair word of, when its words say what happened (charged or
/// free, included, kept or cancelled), the concepts a negation turns; "new" and "same" say what
/// a thing is, of any thing of the call.
pub(super) fn act_concept_of(folded: &str) -> Option<Concept> {
    side_of(folded)
        .map(|(concept, _)| concept)
        .filter(|c| CONCEPTS.get(*c as usize).is_some_and(|c| c.3))
}

/// Words that say what usually happens, not what happened: "at no charge (normally a $75 change
/// fee applies)", "waiving the usual fee". A pair word they reach says nothing of this call.
#[rustfmt::skip]
const HABITUAL: &[&str] = &[
    "normally", "usually", "usual", "typically", "ordinarily", "normalmente", "habitualmente",
    "habitual", "habituales", "usualmente", "normalement", "habituellement", "habituel",
    "habituelle", "habituels", "habituelles", "normalerweise", "ublicherweise", "ublich",
    "ubliche", "ublichen", "gewohnlich", "solitamente", "solito", "solita", "abituale",
    "abituali", "geralmente", "normaal", "normaliter", "gewoonlijk", "doorgaans",
    "gebruikelijk", "gebruikelijke",
];

/// Words a habitual word reaches after it, within its part of the sentence.
const HABITUAL_REACH: usize = 5;

/// Whether the word at `i` is said of what usually happens: a habitual word a few words before
/// it, with no conjunction between.
fn habitual(words: &[WordSpan], i: usize) -> bool {
    let from = i.saturating_sub(HABITUAL_REACH);
    words
        .get(from..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|w| !AND.contains(&w.folded.as_str()))
        .any(|w| HABITUAL.contains(&w.folded.as_str()))
}

/// Prepositions, folded, in the served languages: a negation before one denies the phrase it
/// opens, not a pair word inside it ("not with the cancelled card" is about the card's use).
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "with", "on", "for", "in", "at", "by", "from", "con", "en", "para", "por", "avec", "sur", "pour",
    "dans", "par", "mit", "auf", "fur", "an", "bei", "von", "zu", "su", "per", "da", "com", "em",
    "met", "op", "voor", "bij", "van",
];

/// Whether a preposition stands between pair word `i` and a negation before it (a negation
/// after it, German and Dutch "blijft niet", reaches it whatever comes before).
fn behind_a_preposition(words: &[WordSpan], i: usize, language: Language) -> bool {
    let mut preposition = false;
    for w in words.get(..i).unwrap_or_default().iter().rev() {
        if language.is_negation(&w.folded) {
            return preposition;
        }
        preposition |= PREPOSITIONS.contains(&w.folded.as_str());
    }
    false
}

/// How `words` say each concept they touch. `reach` marks the words a negation reaches: a
/// negated word says the other side ("not charged" is free, "no longer included" excluded).
pub(super) fn sides(words: &[WordSpan], reach: &[bool], language: Language) -> Vec<(Concept, Side)> {
    sides_of(words, reach, language, |_| true)
}

/// [`sides`], with the cue bits of `words`: only the words the support found to be pair words
/// are looked up.
pub(super) fn sides_by_bits(
    words: &[WordSpan],
    reach: &[bool],
    language: Language,
    bits: &[CueBits],
) -> Vec<(Concept, Side)> {
    sides_of(words, reach, language, |i| {
        bits.get(i).is_some_and(|b| b.has(cue_bits::SIDE))
    })
}

/// Whether a folded word is a word of an opposite pair.
pub(super) fn is_pair_word(folded: &str) -> bool {
    side_of(folded).is_some()
}

fn sides_of(
    words: &[WordSpan],
    reach: &[bool],
    language: Language,
    may_be_pair_word: impl Fn(usize) -> bool,
) -> Vec<(Concept, Side)> {
    let found: Vec<(usize, Concept, bool)> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| may_be_pair_word(*i))
        .filter_map(|(i, w)| side_of(&w.folded).map(|(c, positive)| (i, c, positive)))
        .collect();
    let mut out: Vec<(Concept, Side)> = Vec::new();
    // A habitual word still takes the words near it ("waiving the usual fee"); only what it
    // says itself is left out.
    let said = |i: usize| !habitual(words, i);
    for &(i, concept, positive) in found.iter().filter(|(i, _, _)| said(*i)) {
        let takes = CONCEPTS.get(concept as usize).is_some_and(|c| c.2);
        // A positive word near a negative one of its concept is taken by it: "free of charge".
        // Not across a conjunction: "waived the charges and charged the Plus rate".
        let joined = |a: usize, b: usize| {
            words[a.min(b)..a.max(b)]
                .iter()
                .all(|w| !AND.contains(&w.folded.as_str()))
        };
        let taken = positive
            && takes
            && found
                .iter()
                .any(|&(k, c, p)| c == concept && !p && k.abs_diff(i) <= TAKEN && joined(i, k));
        let turns = CONCEPTS.get(concept as usize).is_some_and(|c| c.3);
        // "charges nothing", "kostet nichts": a negation right after the word takes it.
        let denied = takes
            && words
                .iter()
                .skip(i + 1)
                .take(2)
                .any(|w| language.is_negation(&w.folded));
        // A refusal word that is a pair word ("declined") reaches itself: only a negation
        // before it turns it ("not declined").
        let refuses = language.negation_kind(&words[i].folded).refusal;
        let turned = !refuses
            || words[i.saturating_sub(TAKEN)..i]
                .iter()
                .any(|w| language.negation_kind(&w.folded).negation);
        // "Yet" closes its clause: a preposition before it takes nothing from its negation.
        let reached = reach.get(i).copied().unwrap_or(false)
            && turned
            && (words[i].folded == "yet" || !behind_a_preposition(words, i, language));
        let negated = turns && (reached || (positive && denied));
        let side = if positive && !taken && !negated {
            Side::Positive
        } else if taken || (positive && negated) || (!positive && !negated) {
            Side::Negative
        } else {
            Side::Positive
        };
        match out.iter_mut().find(|(c, _)| *c == concept) {
            Some((_, known)) if *known != side => *known = Side::Both,
            Some(_) => {}
            None => out.push((concept, side)),
        }
    }
    out
}

/// Whether two texts' sides agree on the concepts both say one way only: `Some(false)` when
/// one says a concept the other way, `None` when they share none.
pub(super) fn agree(a: &[(Concept, Side)], b: &[(Concept, Side)]) -> Option<bool> {
    let mut shared = false;
    for (concept, side) in a.iter().filter(|(_, s)| *s != Side::Both) {
        if let Some((_, other)) = b.iter().find(|(c, s)| c == concept && *s != Side::Both) {
            if other != side {
                return Some(false);
            }
            shared = true;
        }
    }
    shared.then_some(true)
}

/// The words around a word of an opposite pair, within its comma-delimited part of a claim,
/// and how they say the pair's concept.
pub(super) struct Window<'w> {
    pub words: &'w [WordSpan],
    pub sides: Vec<(Concept, Side)>,
}

/// Words on each side of a pair's word that a window holds.
const AROUND: usize = 4;

/// The windows of a claim's words that say a concept one way: `AROUND` words on each side of
/// each pair word, then the pair word with the `AROUND - 1` words before it alone, which
/// aligns with the call where a long clause's wide window does not ("... incurs an early
/// termination charge and starts a new term"). Both say the concept as the wide window reads
/// it: "the activation fee has been waived" is free, whatever "the activation fee" alone says.
pub(super) fn windows<'w>(text: &str, words: &'w [WordSpan], language: Language) -> Vec<Window<'w>> {
    let reach = negation_reach(text, language, words);
    let breaks = |k: usize| {
        k > 0
            && text
                .get(words[k - 1].end..words[k].start)
                .is_some_and(|gap| gap.contains([',', ';', '(', ')']))
    };
    // The words `before` and `after` pair word `i`, cut at a comma, semicolon or bracket.
    let span = |i: usize, before: usize, after: usize| {
        let mut from = i.saturating_sub(before);
        if let Some(k) = (from + 1..=i).rev().find(|&k| breaks(k)) {
            from = k;
        }
        let mut to = (i + after + 1).min(words.len());
        if let Some(k) = (i + 1..to).find(|&k| breaks(k)) {
            to = k;
        }
        from..to
    };
    let mut wide = Vec::new();
    let mut narrow = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if side_of(&w.folded).is_none() {
            continue;
        }
        let around = span(i, AROUND, AROUND);
        let (Some(window), Some(reached)) = (words.get(around.clone()), reach.get(around.clone())) else {
            continue;
        };
        let said = sides(window, reached, language);
        if said.iter().all(|(_, s)| *s == Side::Both) {
            continue;
        }
        // Unless it is the wide window itself (a short clause that ends at the pair word).
        let short = span(i, AROUND - 1, 0);
        if short != around
            && let Some(before) = words.get(short)
        {
            narrow.push(Window {
                words: before,
                sides: said.clone(),
            });
        }
        wide.push(Window {
            words: window,
            sides: said,
        });
    }
    wide.extend(narrow);
    wide
}

/// Whether both texts say a concept the negative way ("free", "no charge").
/// Whether `sides` say a concept the negative way ("cancelled", "removed", "free").
pub(super) fn denies(sides: &[(Concept, Side)]) -> bool {
    sides.iter().any(|(_, s)| *s == Side::Negative)
}

pub(super) fn both_deny(a: &[(Concept, Side)], b: &[(Concept, Side)]) -> bool {
    a.iter()
        .any(|(c, s)| *s == Side::Negative && b.contains(&(*c, Side::Negative)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::words;

    /// Every listed word, and words made from it, gets what a scan of the table gives.
    #[test]
    fn the_lookup_answers_as_a_scan_of_the_table() {
        let member = |folded: &str, entries: &[&str]| {
            entries.iter().any(|e| match e.strip_suffix('*') {
                Some(start) => folded.starts_with(start),
                None => folded == *e,
            })
        };
        let scan = |folded: &str| {
            CONCEPTS
                .iter()
                .enumerate()
                .find_map(|(k, (positive, negative, _, _))| {
                    if member(folded, negative) {
                        Some((k as Concept, false))
                    } else if member(folded, positive) {
                        Some((k as Concept, true))
                    } else {
                        None
                    }
                })
        };
        for (positive, negative, _, _) in CONCEPTS {
            for entry in positive.iter().chain(negative.iter()) {
                let word = entry.trim_end_matches('*');
                assert!(
                    !entry.ends_with('*') || word.len() >= 4,
                    "a word start of four bytes: {entry}"
                );
                let mut shorter = word.to_owned();
                shorter.pop();
                for form in [word.to_owned(), format!("{word}s"), format!("{word}ed"), shorter] {
                    assert_eq!(side_of(&form), scan(&form), "{form}");
                }
            }
        }
        assert_eq!(side_of("router"), None);
    }

    fn read(text: &str, language: Language) -> Vec<(Concept, Side)> {
        let spans = words(text, language);
        sides(&spans, &negation_reach(text, language, &spans), language)
    }

    #[test]
    fn opposite_words_say_opposite_sides() {
        let free = read("the correction was made free of charge", Language::En);
        let none = read("there's no charge for the correction", Language::En);
        let charged = read("the correction was charged the usual fee", Language::En);
        assert_eq!(agree(&free, &none), Some(true));
        assert_eq!(agree(&free, &charged), Some(false));
        let same = read("la nouvelle carte garde le même code", Language::Fr);
        assert_eq!(same, vec![(3, Side::Both)]);
        let send = read(
            "Send the customer a replacement card by express post",
            Language::En,
        );
        assert!(send.is_empty(), "{send:?}");
        let kept = read("le prélèvement du 10 avril est maintenu", Language::Fr);
        let cancelled = read("le prélèvement du 10 avril est annulé", Language::Fr);
        assert_eq!(agree(&kept, &cancelled), Some(false));
        let waived = read("senza addebitarle i 23 euro di oneri", Language::It);
        let charged = read("addebitandole i 23 euro di oneri", Language::It);
        assert_eq!(agree(&waived, &charged), Some(false));
        assert_eq!(agree(&read("the parcel arrived", Language::En), &free), None);
        let both = read(
            "waived the pay-per-use charges and charged the S$25 Plus rate",
            Language::En,
        );
        assert_eq!(both, vec![(0, Side::Both)]);
        let nothing = read("Meridian charges nothing for transfers in", Language::En);
        assert_eq!(agree(&nothing, &free), Some(true));
    }
}
