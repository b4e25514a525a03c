//! Email addresses: `local@domain.tld`, found by growing outwards from each `@`.

use super::PiiKind;
use super::candidate::{Candidate, Strength};

const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 253;

pub(super) fn find(text: &str, out: &mut Vec<Candidate>) {
    let mut from = 0;
    while let Some(offset) = text.get(from..).and_then(|rest| rest.find('@')) {
        let at = from + offset;
        match address_around(text, at) {
            Some((start, end)) => {
                if !role_mailbox(text.get(start..at).unwrap_or_default()) {
                    out.push(Candidate::new(PiiKind::Email, start, end, Strength::Strong));
                }
                from = end;
            }
            None => from = at + 1,
        }
    }
}

/// Mailboxes of a team, not of a person: "claims@", "customer.service@", "klantenservice@".
#[rustfmt::skip]
const ROLE_MAILBOXES: &[&str] = &[
    "accounts", "admin", "apoio", "assistenza", "atencion", "atencionalcliente", "atendimento",
    "billing", "bookings", "care", "careers", "claims", "claim", "complaints", "contact", "contacto",
    "contatti", "customercare", "customerservice", "customerservices", "donotreply", "enquiries",
    "facturacion", "feedback", "fraud", "grievance", "grievances", "hello", "help", "helpdesk", "info",
    "informatie", "information", "inquiries", "klachten", "klantenservice", "kundendienst",
    "kundenservice", "noreply", "office", "orders", "payments", "postmaster", "privacy",
    "reclamacoes", "reclamaciones", "reclami", "reservations", "returns", "sac", "sales", "schade",
    "service", "serviceclient", "serviceclients", "services", "servizioclienti", "support", "team",
    "webmaster",
];

/// Whether an email's local part is a team's mailbox ("claims", "customer.service", "no-reply").
pub(super) fn role_mailbox(local: &str) -> bool {
    let plain: String = local
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    ROLE_MAILBOXES.contains(&plain.as_str())
}

/// The byte range of the address whose `@` is at `at`, if it is one.
fn address_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let before = text.get(..at)?;
    let after = text.get(at + 1..)?;

    let mut start = at;
    for (i, c) in before.char_indices().rev() {
        if !is_local_char(c) {
            break;
        }
        start = i;
    }
    // Sentence punctuation is not part of the address.
    while text.get(start..at)?.starts_with(['.', '-']) {
        start += 1;
    }
    let local = text.get(start..at)?;
    if local.is_empty() || local.len() > MAX_LOCAL {
        return None;
    }

    let mut domain_len = 0;
    for (i, c) in after.char_indices() {
        if !(c.is_alphanumeric() || c == '-' || c == '.') {
            break;
        }
        domain_len = i + c.len_utf8();
    }
    let domain = after.get(..domain_len)?.trim_end_matches(['.', '-']);
    if !is_domain(domain) {
        return None;
    }
    Some((start, at + 1 + domain.len()))
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain(domain: &str) -> bool {
    if domain.len() > MAX_DOMAIN {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && labels
            .iter()
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn team_mailboxes_are_not_personal_emails() {
        for text in [
            "write to claims@harbourline-insurance.com",
            "Van: klantenservice@voorbeeldzorg.nl",
            "do not reply to no-reply@notify.example.org",
            "contact Customer.Service@kestrelpower.ie",
        ] {
            assert!(emails(text).is_empty(), "{text}: {:?}", emails(text));
        }
        // A person's mailbox at the same company is still personal.
        assert_eq!(
            emails("or write to aoife.brennan@kestrelpower.ie directly"),
            ["aoife.brennan@kestrelpower.ie"]
        );
        assert_eq!(emails("claims.tom@example.com"), ["claims.tom@example.com"]);
    }
}
