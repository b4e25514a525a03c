//! Emails said aloud or typed with spaces: "dana dot whitfield at example dot org", "lucia punto
//! fernandez arroba gmail punto com", "jonas.becker at web.de", "d a n a underscore w @ gmail
//! dot com".

use std::sync::LazyLock;

use super::PiiKind;
use super::candidate::{Candidate, Strength};
use super::gazetteer;
use super::lexicon;
use super::lists::at_words;
use super::scan::Scan;
use super::token::{Class, Tokens};
use super::words;
use crate::word_hash::WordSet;

/// Most local parts are a few words long ("dana dot whitfield underscore 84").
const MAX_LOCAL_TOKENS: usize = 9;
const MAX_DOMAIN_TOKENS: usize = 9;

#[rustfmt::skip]
const TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "co", "uk", "us", "ca", "au", "nz", "ie", "in", "za", "sg",
    "de", "at", "ch", "fr", "be", "es", "it", "pt", "br", "mx", "ar", "nl", "eu", "io", "info",
    "biz", "me", "email", "online", "cat", "lu", "dk", "se", "no", "fi", "pl", "cz", "jp",
];
#[rustfmt::skip]
const PROVIDERS: &[&str] = &[
    "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "icloud", "aol",
    "proton", "protonmail", "gmx", "web", "freenet", "orange", "free", "sfr", "laposte", "wanadoo",
    "libero", "tiscali", "virgilio", "alice", "sapo", "telefonica", "terra", "uol", "bol", "ziggo",
    "kpn", "hetnet", "planet", "skynet", "telenet", "bigpond", "optusnet", "xtra", "rediffmail",
];
/// Words that introduce an email rather than belong to it.
const LABEL_WORDS: &[&str] = &[
    "email",
    "e-mail",
    "mail",
    "correo",
    "courriel",
    "indirizzo",
    "adresse",
    "address",
    "endereço",
    "adres",
    "is",
    "es",
    "est",
    "ist",
    "è",
    "é",
    "sign",
];
const JOINERS: &[&str] = &[
    "underscore",
    "dash",
    "hyphen",
    "minus",
    "guion",
    "guión",
    "tiret",
    "bindestrich",
    "trattino",
    "hífen",
    "hifen",
    "streepje",
    "unterstrich",
    "sublinhado",
    "trait",
];

struct Words {
    dot: WordSet<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    dot: lexicon::all(|l| l.dot_words).collect(),
});

pub(super) fn find(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    find_in(scan, true, out);
}

/// [`find`]; `gated`: texts without an "at" word or an "@" are not walked, and a word's "at"
/// is read from the word table (the property test compares both with the word list itself).
fn find_in(scan: &Scan<'_>, gated: bool, out: &mut Vec<Candidate>) {
    let tokens = &scan.tokens;
    // An email said aloud turns on its "at" or "@": most texts have neither.
    if gated && tokens.summary.words_in & words::AT_WORD == 0 && !tokens.summary.has_punct(b'@') {
        return;
    }
    let is_at_word = |i: usize, t: &super::token::Token| {
        if gated {
            t.lex & words::AT_WORD != 0
        } else {
            at_words().any(|w| w == tokens.lower_str(i))
        }
    };
    for i in 0..tokens.len() {
        let is_at = match tokens.get(i) {
            Some(t) if t.class == Class::Word => is_at_word(i, t),
            Some(t) if t.class == Class::Punct => {
                tokens.text(i) == "@" && (t.space_before || tokens.get(i + 1).is_some_and(|n| n.space_before))
            }
            _ => false,
        };
        if !is_at {
            continue;
        }
        let (Some(domain_end), Some(local_start)) = (domain_after(tokens, i + 1), local_before(tokens, i))
        else {
            continue;
        };
        // Asked for or named as an email, ordinary words before "at" are its handle ("my email
        // is orange at example.ie"); a path or "www" still makes a website.
        let about_email = scan
            .cues
            .iter()
            .any(|h| h.cue == super::lexicon::Cue::Slot(super::lexicon::Slot::Email))
            || scan
                .expected
                .contains(&super::scan::Expectation::Value(super::lexicon::Slot::Email));
        // "service at trapkrachtlease punt nl": a team's mailbox said aloud, as written.
        let team = local_start + 1 == i && super::email::role_mailbox(tokens.text(local_start));
        if team || website(tokens, local_start, i, domain_end, about_email) {
            continue;
        }
        if let (Some(a), Some(b)) = (tokens.get(local_start), tokens.get(domain_end)) {
            out.push(Candidate::new(PiiKind::Email, a.start, b.end, Strength::Context));
        }
    }
}

/// "our checker at halcyon.co.uk/fullfibre", "submit your readings at myaccount.example.ca": a
/// website after "at", not an email. The domain is written with its dots, not at a mail provider,
/// and either a path follows it, it starts with "www", or the words before "at" are ordinary
/// words that are no names (an email's local part said aloud is a name or a handle).
fn website(tokens: &Tokens<'_>, local_start: usize, at: usize, domain_end: usize, about_email: bool) -> bool {
    let g = gazetteer::get();
    let written = tokens.get(at).is_some_and(|t| t.class == Class::Word)
        && (at + 2..=domain_end)
            .step_by(2)
            .all(|k| tokens.is_punct(k, '.') && tokens.get(k).is_some_and(|t| !t.space_before))
        && domain_end > at + 1;
    if !written || PROVIDERS.contains(&tokens.lower(at + 1).as_ref()) {
        return false;
    }
    let path =
        tokens.is_punct(domain_end + 1, '/') && tokens.get(domain_end + 1).is_some_and(|t| !t.space_before);
    // One word must be no name either ("mark at example.ie"); several ordinary words together
    // ("meter readings") are no one's handle.
    let one = local_start + 1 == at;
    let ordinary_words = (local_start..at).all(|k| {
        let lower = tokens.lower(k);
        tokens.get(k).is_some_and(|t| t.class == Class::Word)
            && g.is_common(&lower)
            && !(one && g.is_name(&gazetteer::fold(&lower)))
    });
    path || tokens.lower(at + 1) == "www" || (ordinary_words && !about_email)
}

fn is_dot(tokens: &Tokens<'_>, i: usize) -> bool {
    (tokens.is_punct(i, '.') && !ends_sentence(tokens, i))
        || tokens.get(i).is_some_and(|t| t.class == Class::Word)
            && WORDS.dot.contains(tokens.lower(i).as_ref())
}

/// A full stop, a space and a capital: the end of a sentence ("... at their flat. In the
/// customer's area"), not the dot of an address ("web.de", "gmail. com").
fn ends_sentence(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|next| next.space_before && tokens.text(i + 1).starts_with(char::is_uppercase))
}

fn is_label(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.class != Class::Punct)
}

/// The last token of a domain starting at `from`: labels joined by dots, ending in a known
/// top-level domain, or a known mail provider on its own ("at gmail").
fn domain_after(tokens: &Tokens<'_>, from: usize) -> Option<usize> {
    if !is_label(tokens, from) {
        return None;
    }
    // A label said as two words: "proton mail dot com", "hot mail dot co dot uk".
    let first_end = if is_label(tokens, from + 1) && !is_dot(tokens, from + 1) && is_dot(tokens, from + 2) {
        from + 1
    } else {
        from
    };
    let mut last_label = first_end;
    let mut ended_with_tld = None;
    let mut i = first_end + 1;
    while i < from + MAX_DOMAIN_TOKENS && is_dot(tokens, i) && is_label(tokens, i + 1) {
        last_label = i + 1;
        if TLDS.contains(&tokens.lower(last_label).as_ref()) {
            ended_with_tld = Some(last_label);
        }
        i += 2;
    }
    // A hyphenated label ("t-online") is one token already.
    match ended_with_tld {
        Some(end) => Some(end),
        None if last_label == from && PROVIDERS.contains(&tokens.lower(from).as_ref()) => Some(from),
        None => None,
    }
}

/// The first token of the local part ending just before the `at` at `at`.
fn local_before(tokens: &Tokens<'_>, at: usize) -> Option<usize> {
    let g = gazetteer::get();
    let mut first = None;
    let mut i = at;
    let mut expect_label = true;
    while i > 0 && at - i < MAX_LOCAL_TOKENS {
        let k = i - 1;
        let t = tokens.get(k)?;
        let lower = tokens.lower(k);
        if expect_label {
            // "my email is jane at ...": stop at a stopword or cue.
            if t.class == Class::Punct
                || (t.class == Class::Word && g.is_stopword(&lower) && lower.len() > 1)
                || LABEL_WORDS.contains(&lower.as_ref())
            {
                break;
            }
            first = Some(k);
            expect_label = false;
        } else if is_dot(tokens, k)
            || JOINERS.contains(&lower.as_ref())
            || matches!(tokens.text(k), "_" | "-")
        {
            expect_label = true;
        } else if t.class != Class::Punct
            && (lower.chars().count() == 1 || !g.is_stopword(&lower) || particle_in_name(tokens, g, k, at))
            && !LABEL_WORDS.contains(&lower.as_ref())
            && (is_spelled_char(tokens, k) || t.space_before || k == 0)
        {
            // Letters spelled one by one ("d a n a"), or words said together ("ferrari
            // novanta" for ferrari90).
            first = Some(k);
        } else {
            break;
        }
        i = k;
    }
    first
}

/// A surname's particle inside a local part said aloud: "sanne punt de vries negenentachtig".
fn particle_in_name(tokens: &Tokens<'_>, g: &gazetteer::Gazetteer, k: usize, at: usize) -> bool {
    let next_is_word = k + 1 < at && tokens.get(k + 1).is_some_and(|n| n.class == Class::Word);
    next_is_word && g.is_particle(&tokens.lower(k))
}

/// A single letter or digit next to another one: part of a word spelled out ("d a n a").
fn is_spelled_char(tokens: &Tokens<'_>, k: usize) -> bool {
    tokens.get(k).is_some_and(|t| t.len() == 1)
        && tokens
            .get(k + 1)
            .is_some_and(|n| n.len() == 1 && n.class != Class::Punct)
}

#[cfg(test)]
mod tests {
    use crate::redact::scan::Scan;
    use crate::redact::{PiiKind, Redactor};

    proptest::proptest! {
        /// The gate of [`super::find`] and its word-table "at" change no text's emails.
        #[test]
        fn gated_emails_are_the_walked_ones(text in crate::redact::token::summary_texts()) {
            let scan = Scan::new(&text, None, Vec::new(), None);
            let (mut gated, mut walked) = (Vec::new(), Vec::new());
            super::find_in(&scan, true, &mut gated);
            super::find_in(&scan, false, &mut walked);
            proptest::prop_assert_eq!(gated, walked);
        }
    }

    fn emails(text: &str) -> Vec<&str> {
        Redactor::default()
            .find(text)
            .into_iter()
            .filter(|m| m.kind == PiiKind::Email)
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn spoken_emails_in_every_language() {
        for (text, email) in [
            (
                "it's dana dot whitfield at example dot org, thanks",
                "dana dot whitfield at example dot org",
            ),
            ("my email is jane at gmail dot com", "jane at gmail dot com"),
            (
                "es lucia punto fernandez arroba gmail punto com",
                "lucia punto fernandez arroba gmail punto com",
            ),
            (
                "c'est marie point dupont arobase orange point fr",
                "marie point dupont arobase orange point fr",
            ),
            (
                "jonas punkt becker at web punkt de",
                "jonas punkt becker at web punkt de",
            ),
            (
                "giulia punto rossi chiocciola libero punto it",
                "giulia punto rossi chiocciola libero punto it",
            ),
            (
                "sanne apenstaartje ziggo punt nl",
                "sanne apenstaartje ziggo punt nl",
            ),
            ("jonas.becker at web.de", "jonas.becker at web.de"),
            (
                "d a n a underscore w at gmail dot com",
                "d a n a underscore w at gmail dot com",
            ),
            ("it's jsmith84 at hotmail", "jsmith84 at hotmail"),
        ] {
            assert_eq!(emails(text), [email], "{text}");
        }
    }

    #[test]
    fn a_website_after_at_is_not_an_email() {
        for text in [
            "you can track it online at parcels.harbourline.com.au anytime",
            "send your meter readings at portal.kestrelpower.ie",
            "the form is at www.kestrelpower.ie",
            "check coverage at fibre.example.co.uk/checker",
        ] {
            assert!(emails(text).is_empty(), "{text}: {:?}", emails(text));
        }
        // Names, handles and mail providers are still emails, written or said.
        for (text, email) in [
            ("it's priya at kestrelpower.ie", "priya at kestrelpower.ie"),
            ("it's mark at kestrelpower.ie", "mark at kestrelpower.ie"),
            ("write to bluebird at gmail.com", "bluebird at gmail.com"),
            (
                "my email is tomjones77 at outlook dot com",
                "tomjones77 at outlook dot com",
            ),
        ] {
            assert_eq!(emails(text), [email], "{text}");
        }
    }

    #[test]
    fn at_in_ordinary_speech_is_not_an_email() {
        for text in [
            "I'm at home at five",
            "look at the bill dot by dot",
            "we met at the station. Com on",
            // Written prose: a sentence ends after "flat", whatever "In" could be a domain of.
            "Invoices go to the email on file. They want new broadband connection at their flat. In their area plans start at 699.",
            "at least",
        ] {
            assert!(emails(text).is_empty(), "{text}: {:?}", emails(text));
        }
    }

    #[test]
    fn a_domain_label_said_as_two_words() {
        assert_eq!(
            emails("just r okafor at proton mail dot com, thanks"),
            ["r okafor at proton mail dot com"]
        );
        assert_eq!(emails("it's at hot mail"), Vec::<&str>::new());
    }
}
