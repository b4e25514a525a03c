//! A company's own contact details are no one's personal data: the phone number and address in
//! an agent's email signature, a number said with "call us on" or a free-call or office-hours
//! note, a freephone number. Phone and address candidates of that kind are dropped unless they
//! are strong (a checksum said otherwise), and so is any number with a free-call note after it.

use super::PiiKind;
use super::candidate::{Candidate, Strength};
use super::lexicon::Cue;
use super::lists::YOU_WORDS;
use super::scan::Scan;
use super::token::{Class, Tokens};
use crate::transcript::SpeakerRole;

/// How far a signature reaches after its sign-off ("Kind regards, name, role, company,
/// address, phone").
const SIGNATURE_TOKENS: usize = 48;
/// How far before a number "call us on" may come, and how far after it a free-call note.
const BEFORE: usize = 4;
const AFTER: usize = 6;

/// Words before a number that make it a company's line whoever says it.
const LINE_WORDS: &[&str] = &[
    "toll-free",
    "tollfree",
    "freephone",
    "freecall",
    "helpline",
    "hotline",
    "servicenummer",
    "servicehotline",
    "kundenhotline",
    "klantenservice",
    "apoio",
    "atendimento",
    "vert",
    "verde",
    "switchboard",
];

/// Words after a number that say it is a company's line: a free or non-premium call, opening
/// hours ("0800 ... (kostenfrei)", "(appel non surtaxé)"; "office hours" is checked as a pair).
const TRAILER_WORDS: &[&str] = &[
    "toll-free",
    "freephone",
    "kostenfrei",
    "kostenlos",
    "gebührenfrei",
    "gratuit",
    "gratuite",
    "surtaxé",
    "gratuita",
    "gratuito",
    "gratis",
    "gratuitamente",
    "öffnungszeiten",
    "openingstijden",
    "kantoortijden",
    "werkdagen",
    "ouverture",
    "ouvrés",
    "ouvrées",
    "atención",
    "atendimento",
    "ufficio",
    "uffici",
];

/// The company speaking of itself as the object or owner of a line ("call us on", "our
/// helpline", "unsere Hotline"); not "we", which also says "we have 07700 ... on file".
const OUR_WORDS: &[&str] = &[
    "us", "our", "ours", "helpline", "hotline", "nous", "notre", "nos", "uns", "unsere", "unser", "unserer",
    "ons", "onze", "nuestro", "nuestra", "nosso", "nossa", "ci", "nostro", "nostra",
];

/// Words that start a quoted earlier message inside an email: the signature ends there.
const QUOTE_HEADERS: &[&str] = &[
    "from",
    "de",
    "van",
    "von",
    "da",
    "sent",
    "envoyé",
    "gesendet",
    "enviado",
    "verzonden",
    "inviato",
];

/// Drops the company's own numbers and addresses among `candidates`: phones and addresses that
/// are not strong, and any number with a free-call note after it (an id's checksum may hold by
/// chance on a company's line).
pub(crate) fn keep_out(scan: &Scan<'_>, candidates: &mut Vec<Candidate>) {
    let kinds = |c: &Candidate| {
        matches!(
            c.kind,
            PiiKind::Phone
                | PiiKind::Address
                | PiiKind::NationalId
                | PiiKind::BankAccount
                | PiiKind::Ssn
                | PiiKind::Pin
        )
    };
    if !candidates.iter().any(kinds) {
        return;
    }
    let tokens = &scan.tokens;
    let company_speaker = matches!(scan.speaker, Some(SpeakerRole::Agent | SpeakerRole::IvrBot));
    candidates.retain(|c| {
        let first = tokens.index_at(c.start);
        let last = tokens.index_at(c.end).saturating_sub(1);
        if c.strength == Strength::Strong {
            // A checksum that happens to hold ("Linha de apoio: 800 201 450 (chamada
            // gratuita)") does not make a company's line an id.
            return !(c.kind == PiiKind::NationalId
                && (trailer(tokens, last) || line_word_before(tokens, first)));
        }
        match c.kind {
            PiiKind::Phone | PiiKind::Address => {
                let signed = company_speaker && in_signature(scan, first);
                let company_line = c.kind == PiiKind::Phone
                    && (said_as_ours(tokens, first, last, company_speaker)
                        || trailer(tokens, last)
                        || freephone(tokens, first, last));
                // The company's details after its name; a customer may name their insurer before
                // their own number ("Harbourline Insurance, 087 ... is my mobile").
                // Read only when a phone or an address is there.
                let org_spans = scan.org_spans();
                let mine_after = (last + 1..=last + AFTER).any(|k| tokens.is_one_of(k, MY_WORDS));
                let after_org =
                    (company_speaker || !mine_after) && right_after_organisation(tokens, org_spans, c.start);
                let at_site = c.kind == PiiKind::Address && after_site_word(tokens, first);
                !(signed || company_line || after_org || at_site)
            }
            // A number with a free-call note is a phone line whatever its shape suggested.
            PiiKind::NationalId | PiiKind::BankAccount | PiiKind::Ssn | PiiKind::Pin => {
                !trailer(tokens, last)
            }
            _ => true,
        }
    });
}

/// A phone or address right after an organisation's name, only punctuation between: the
/// organisation's ("Coral Bay Resort, +679 ...", "Highveld Bank | 0860 ...").
fn right_after_organisation(tokens: &Tokens<'_>, orgs: &[(usize, usize)], start: usize) -> bool {
    orgs.iter().any(|&(_, end)| {
        end <= start
            && tokens
                .text
                .get(end..start)
                .is_some_and(|gap| gap.len() <= 4 && gap.chars().all(|c| !c.is_alphanumeric() && c != '('))
    })
}

/// Words for a company's site before its address: "the branch at", "la vostra sede di",
/// "the outlet on".
#[rustfmt::skip]
const SITE_WORDS: &[&str] = &[
    "branch", "outlet", "depot", "store", "showroom", "clinic", "sede", "filiale", "agenzia",
    "sucursal", "oficina", "agence", "succursale", "filiale", "geschäftsstelle", "niederlassung",
    "vestiging", "filiaal", "agência", "balcão", "loja",
];
const SITE_LINKS: &[&str] = &[
    "at", "on", "in", "di", "in", "de", "del", "la", "en", "à", "du", "da", "do", "na", "em", "op", "aan",
    "an", "der", "am",
];

/// "presso la vostra sede di Via ...": a site word, then links, right before the address.
fn after_site_word(tokens: &Tokens<'_>, first: usize) -> bool {
    let mut k = first;
    while k > 0 && first - k < 3 && tokens.is_one_of(k - 1, SITE_LINKS) {
        k -= 1;
    }
    k < first && k > 0 && tokens.is_one_of(k - 1, SITE_WORDS)
}

/// A company-line word right before the number ("Linha de apoio:", "Hotline"), and no word of
/// the customer's own ("o meu NIF para o atendimento é ...").
fn line_word_before(tokens: &Tokens<'_>, first: usize) -> bool {
    let before = first.saturating_sub(BEFORE + 2)..first;
    before.clone().any(|k| tokens.is_one_of(k, LINE_WORDS))
        && !before.into_iter().any(|k| tokens.is_one_of(k, MY_WORDS))
}

/// The customer speaking of their own: "my", "me", "mi", "mein", "mon", "meu", "mio", "mijn".
const MY_WORDS: &[&str] = &[
    "my", "me", "mine", "i", "i'm", "mi", "mis", "me", "mío", "mía", "mein", "meine", "meiner", "meinen",
    "mich", "mir", "mon", "ma", "mes", "moi", "meu", "minha", "mio", "mia", "miei", "mijn", "mij",
];

/// Whether token `i` lies in the signature of the text: after a sign-off, within reach, with no
/// word for the reader and no quoted message between.
fn in_signature(scan: &Scan<'_>, i: usize) -> bool {
    let Some(hit) = scan
        .cues
        .iter()
        .rev()
        .find(|h| h.cue == Cue::SignOff && h.last < i)
    else {
        return false;
    };
    let tokens = &scan.tokens;
    i - hit.last <= SIGNATURE_TOKENS
        && !(hit.last + 1..i).any(|k| tokens.is_one_of(k, YOU_WORDS) || quote_starts(tokens, k))
}

/// "> ", "-----", "From:", "De :": an earlier message quoted below the signature.
fn quote_starts(tokens: &Tokens<'_>, k: usize) -> bool {
    tokens.is_punct(k, '>')
        || tokens.is_one_of(k, &["ps", "p.s", "nb", "pd"])
        || (tokens.is_punct(k, '-') && tokens.is_punct(k + 1, '-') && tokens.is_punct(k + 2, '-'))
        || (tokens.is_one_of(k, QUOTE_HEADERS)
            && tokens.get(k).is_some_and(|t| t.cap)
            && tokens.is_punct(k + 1, ':'))
}

/// "call us on", "our helpline is", "Linha de apoio:": the company's words right before the
/// number, with no word for the listener between ("call us or your agent on" is not).
fn said_as_ours(tokens: &Tokens<'_>, first: usize, last: usize, company_speaker: bool) -> bool {
    let from = first.saturating_sub(BEFORE);
    // "our records show 07700 900123 as your number": a word for the listener after it too.
    let for_listener_after = (last + 1..=last + AFTER)
        .take_while(|&k| !tokens.get(k).is_some_and(|t| t.sentence_start))
        .any(|k| tokens.is_one_of(k, YOU_WORDS));
    if for_listener_after {
        return false;
    }
    let mut ours = false;
    for k in (from..first).rev() {
        if tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Punct && !tokens.is_punct(k, ':'))
            && k + 1 < first
        {
            break;
        }
        if tokens.is_one_of(k, YOU_WORDS) {
            return false;
        }
        ours |= tokens.is_one_of(k, LINE_WORDS) || (company_speaker && tokens.is_one_of(k, OUR_WORDS));
    }
    ours
}

/// A free-call or office-hours note right after the number, in its sentence, and no word of
/// the customer's own before it ("call me on 087 ... during office hours" is the customer's).
fn trailer(tokens: &Tokens<'_>, last: usize) -> bool {
    let sentence_end = (last + 1..=last + AFTER)
        .find(|&k| {
            tokens.get(k).is_some_and(|t| t.class == Class::Punct)
                && matches!(tokens.text(k), "." | "?" | "!")
        })
        .unwrap_or(last + AFTER + 1);
    let own = (last.saturating_sub(BEFORE + 2)..=last).any(|k| tokens.is_one_of(k, MY_WORDS));
    !own && (last + 1..sentence_end).any(|k| {
        tokens.is_one_of(k, TRAILER_WORDS)
            || (tokens.is_one_of(k, &["free", "non"])
                && tokens.is_one_of(k + 1, &["call", "surtaxé", "taxé"]))
            || (tokens.is_one_of(k, &["office", "opening", "business"])
                && tokens.is_one_of(k + 1, &["hours", "hrs"]))
    })
}

/// Prefixes that are freephone or shared-cost numbers in every format they are written in:
/// never a person's line.
#[rustfmt::skip]
const FREEPHONE: &[&str] = &[
    "0800", "0808", "0801", "0805", "0809", "0300", "0330", "0333", "0343", "0344", "0345", "0370",
    "0371", "0843", "0844", "0845", "0870", "0871", "0860", "0861", "0900", "0901", "0902", "0180",
    "0508", "1800", "1300", "1888", "1877", "1866", "1855", "1844", "1833", "088",
];
/// Prefixes only the UK uses, whose numbers have eleven digits.
const UK_ONLY: &[&str] = &["03", "084", "087"];
/// North American toll-free and premium area codes: ten digits, or eleven after the country
/// code 1 (901 is Memphis, 808 Hawaii).
const TOLL_FREE_AREAS: &[&str] = &["800", "888", "877", "866", "855", "844", "833", "900"];
/// Spanish, Portuguese and Italian freephone and shared-cost prefixes: nine digits.
const NINE_DIGIT_FREEPHONE: &[&str] = &["800", "900", "901", "902", "707", "708", "808", "803"];

fn freephone(tokens: &Tokens<'_>, first: usize, last: usize) -> bool {
    let numbers = || (first..=last).filter(|&k| tokens.get(k).is_some_and(|t| t.class == Class::Number));
    let digits: String = numbers().map(|k| tokens.text(k)).collect();
    let first_group = numbers().next().map(|k| tokens.text(k)).unwrap_or_default();
    let plus = first > 0 && tokens.is_punct(first - 1, '+') || tokens.is_punct(first, '+');
    is_freephone(&digits, first_group, plus)
}

/// Whether a number's digits (after a `+` when `plus`) make a freephone, shared-cost or premium
/// line, by prefix and length. The prefix is the number's first written group, or the start of
/// a number written without spaces: "087 123 4567" is an Irish mobile, "0871 234 5678" a UK
/// shared-cost line (eleven digits, as all of the UK's 03, 084 and 087 lines).
pub(crate) fn is_freephone(digits: &str, first_group: &str, plus: bool) -> bool {
    let national = if plus { "" } else { digits };
    let grouped_as = |p: &&str| {
        national.starts_with(*p)
            && (first_group.len() == p.len() || first_group.len() == digits.len())
            && (!UK_ONLY.iter().any(|u| p.starts_with(u)) || digits.len() == 11)
    };
    // Written as North America writes it (3-3-4, or after the country code): ten digits alone
    // are as often an Indian mobile ("8885512345").
    let north_american = match digits.len() {
        10 if first_group.len() == 3 => digits.get(..3),
        11 if digits.starts_with('1') => digits.get(1..4),
        _ => None,
    };
    let nine_digit = national.len() == 9 && NINE_DIGIT_FREEPHONE.iter().any(|p| national.starts_with(p));
    (8..=13).contains(&digits.len())
        && (FREEPHONE.iter().any(grouped_as)
            || nine_digit
            || north_american.is_some_and(|area| TOLL_FREE_AREAS.contains(&area)))
}

#[cfg(test)]
#[path = "company_tests.rs"]
mod tests;
