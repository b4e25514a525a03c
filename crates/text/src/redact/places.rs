//! The places of the call's addresses, found again when they are named on their own: a suburb
//! ("the old connection at Footscray"), a street ("die Lindenstraße").

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::PiiKind;
use super::candidate::{self, Candidate, Strength};
use super::gazetteer::{self, Gazetteer};
use super::token::{Class, Tokens};
use super::words;

/// Shorter words are too often something else ("Via", "Co").
const MIN_LETTERS: usize = 4;

/// A whole address said again must be this long to be found again as it was said.
const MIN_REPEATED_CHARS: usize = 8;

#[derive(Debug, Clone, Default)]
pub(crate) struct KnownPlaces {
    words: crate::word_hash::WordSet<String>,
    /// Each address as it was said: read back whole ("1147 east calle serena, tucson arizona
    /// 85718, got it"), it is masked whatever the case of its ASCII letters.
    lines: Vec<String>,
    repeated: OnceLock<Option<AhoCorasick>>,
}

impl KnownPlaces {
    /// Remembers the capitalised, non-ordinary words of an address.
    /// The town after a postcode ("2563 BN Den Haag") is not remembered: a city is named for
    /// its station or its airport too.
    pub fn add(&mut self, g: &Gazetteer, address: &str) {
        let line = address.trim();
        let known = self.lines.iter().any(|l| l.eq_ignore_ascii_case(line));
        if line.len() >= MIN_REPEATED_CHARS && line.contains(' ') && !known {
            self.lines.push(line.to_owned());
            self.repeated = OnceLock::new();
        }
        let tokens = Tokens::new(address);
        let town_from = (0..tokens.len())
            .find_map(|i| super::postcode::at(&tokens, i).map(|(end, _)| end + 1))
            .unwrap_or(usize::MAX);
        for i in 0..tokens.len().min(town_from) {
            let Some(t) = tokens.get(i) else { continue };
            let lower = tokens.lower(i);
            let plain = t.class == Class::Word
                && t.cap
                && lower.chars().count() >= MIN_LETTERS
                && !g.is_stopword(&lower)
                && !g.is_common(&lower)
                && !g.is_common(&gazetteer::fold(&lower));
            let folded = gazetteer::fold(&lower).into_owned();
            if plain {
                self.words.insert(folded);
            }
        }
    }

    /// Adds an address candidate for every capitalised mention of a known place word that
    /// nothing covers yet.
    /// Returns whether it added any.
    pub fn add_mentions(&self, tokens: &Tokens<'_>, chosen: &mut Vec<Candidate>) -> bool {
        let repeated = self.add_repeated(tokens.text, chosen);
        let words = !self.words.is_empty()
            && candidate::add_word_mentions(tokens, chosen, PiiKind::Address, |i, t| {
                t.cap && self.words.contains(gazetteer::fold(tokens.lower_str(i)).as_ref())
            });
        repeated || words
    }

    /// Every whole address of the call said again in `text`, between word boundaries, in any
    /// case (ASCII letters): a candidate each, left for [`candidate::resolve`] to weigh.
    fn add_repeated(&self, text: &str, chosen: &mut Vec<Candidate>) -> bool {
        if self.lines.is_empty() {
            return false;
        }
        let matcher = self.repeated.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&self.lines)
                .ok()
        });
        let Some(matcher) = matcher else {
            return false;
        };
        let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut added = false;
        for found in matcher.find_iter(text) {
            let (start, end) = (found.start(), found.end());
            let before = text.get(..start).and_then(|t| t.chars().next_back());
            let after = text.get(end..).and_then(|t| t.chars().next());
            let bounded = !alphanumeric(before) && !alphanumeric(after);
            let covered = chosen
                .iter()
                .any(|c| c.kind == PiiKind::Address && c.start <= start && end <= c.end);
            if bounded && !covered {
                chosen.push(Candidate::new(PiiKind::Address, start, end, Strength::Context));
                added = true;
            }
        }
        if added {
            *chosen = candidate::resolve(std::mem::take(chosen), &[]);
        }
        added
    }
}

/// Words for a branch, a station or an airport, before or after its place: "the Anna Nagar
/// branch", "la filiale di Milano Lambrate", "Flughafen Wien".
#[rustfmt::skip]
const SITE_WORDS: &[&str] = &[
    "branch", "office", "store", "shop", "depot", "station", "airport", "terminal", "outlet",
    "filiale", "sede", "agenzia", "stazione", "aeroporto", "negozio", "sucursal", "oficina", "tienda",
    "estación", "aeropuerto", "agencia", "agence", "succursale", "magasin", "gare", "aéroport",
    "boutique", "geschäftsstelle", "bahnhof", "flughafen", "niederlassung", "zweigstelle", "vestiging",
    "filiaal", "kantoor", "winkel", "luchthaven", "agência", "balcão", "loja", "estação", "filial",
];
/// Small words between a site word and its place: "filiale di", "branch in", "agence de".
const SITE_LINKS: &[&str] = &[
    "of", "in", "at", "di", "de", "del", "du", "des", "da", "do", "van", "von", "em", "en", "a",
];

/// Links and articles between a site word and its street: "de la", "on the", "in der".
const SITE_LINKS_AND_ARTICLES: &[&str] = &[
    "of", "in", "at", "on", "the", "di", "de", "del", "della", "la", "el", "du", "des", "da", "do", "na",
    "no", "em", "en", "a", "in", "der", "am", "an", "van", "aan", "op",
];

/// Whether the capitalised run `first..=last` is a place by the words around it: a site word
/// before it ("la filiale di Milano Lambrate") or after it ("the Anna Nagar branch"), or an
/// airport code after it ("Boston (BOS)"), or a route ("Auckland – Nadi", "Dublin to Lisbon").
pub(crate) fn named_as_place(tokens: &Tokens<'_>, first: usize, last: usize) -> bool {
    let site =
        |k: usize| tokens.get(k).is_some_and(|t| t.class == Class::Word) && tokens.is_one_of(k, SITE_WORDS);
    let before = first
        .checked_sub(1)
        .is_some_and(|p| site(p) || (tokens.is_one_of(p, SITE_LINKS) && p.checked_sub(1).is_some_and(site)));
    // The street of a site: "la oficina de la calle Gran Vía", "the branch on Queen Street".
    let site_street = first.checked_sub(1).is_some_and(|p| {
        // The word table's bit: the lexicons' street types before a name, of one word.
        let street_type =
            tokens.get(p).is_some_and(|t| t.class == Class::Word) && tokens.has(p, words::STREET_BEFORE);
        let mut k = p;
        while k > 0 && k + 4 > p && tokens.is_one_of(k - 1, SITE_LINKS_AND_ARTICLES) {
            k -= 1;
        }
        street_type && k < p && k.checked_sub(1).is_some_and(site)
    });
    let after = site(last + 1);
    let airport = tokens.is_punct(last + 1, '(')
        && tokens
            .get(last + 2)
            .is_some_and(|t| t.upper && t.class == Class::Word && t.len() == 3)
        && tokens.is_punct(last + 3, ')');
    // The other end of a route is a place too: capitalised, and no person's first name
    // ("Karen to Lisa" is two people).
    let g = gazetteer::get();
    let place_word = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Word && t.cap && !t.upper)
            && {
                let lower = tokens.lower(k);
                let folded = gazetteer::fold(&lower);
                !g.is_first(&folded) || g.is_common(&lower)
            }
    };
    let dash = |k: usize| tokens.is_punct(k, '–') || tokens.is_punct(k, '—') || tokens.is_one_of(k, &["to"]);
    let route = first == last
        && ((dash(last + 1) && place_word(last + 2))
            || (first >= 2 && dash(first - 1) && place_word(first - 2)));
    before || site_street || after || airport || route
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_an_address_are_found_again() {
        let g = gazetteer::get();
        let mut places = KnownPlaces::default();
        places.add(g, "22 Albert St Footscray");
        let text = "what happens at Footscray and on Albert Street in the Mount?";
        let tokens = Tokens::new(text);
        let mut chosen = Vec::new();
        places.add_mentions(&tokens, &mut chosen);
        let found: Vec<&str> = chosen.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(found, ["Footscray", "Albert"]);
    }

    #[test]
    fn a_whole_address_read_back_is_found_again_in_any_case() {
        let g = gazetteer::get();
        let mut places = KnownPlaces::default();
        places.add(g, "1147 east calle serena, tucson arizona 85718");
        let text = "1147 East Calle Serena, Tucson Arizona 85718, got it. Not 11147 east calle serena, tucson arizona 857189.";
        let tokens = Tokens::new(text);
        let mut chosen = Vec::new();
        assert!(places.add_mentions(&tokens, &mut chosen));
        let found: Vec<&str> = chosen.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(found, ["1147 East Calle Serena, Tucson Arizona 85718"]);
        // Already masked whole: nothing to add.
        assert!(!places.add_mentions(&tokens, &mut chosen));
        // Letters beyond ASCII are matched as said: "Élysée" read back as written.
        let mut places = KnownPlaces::default();
        places.add(g, "12 Place de l'Élysée, 75008 Paris");
        let text = "donc au 12 place de l'Élysée, 75008 paris, c'est noté";
        let mut chosen = Vec::new();
        assert!(places.add_mentions(&Tokens::new(text), &mut chosen));
        let found: Vec<&str> = chosen.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(found, ["12 place de l'Élysée, 75008 paris"]);
    }

    #[test]
    fn the_town_after_a_postcode_is_not_found_again() {
        let g = gazetteer::get();
        let mut places = KnownPlaces::default();
        places.add(g, "Keizersgracht 123, 1015 CJ Amsterdam");
        let text = "de trein naar Amsterdam Centraal, niet naar de Keizersgracht";
        let tokens = Tokens::new(text);
        let mut chosen = Vec::new();
        places.add_mentions(&tokens, &mut chosen);
        let found: Vec<&str> = chosen.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(found, ["Keizersgracht"]);
    }

    #[test]
    fn places_named_by_their_site_a_code_or_a_route() {
        for (text, first, last) in [
            ("your bank, Anna Nagar branch", 3, 4),
            ("alla filiale di Milano Lambrate e", 3, 4),
            ("TP 218 Boston (BOS) to Lisbon", 2, 2),
            ("NZ 52 Auckland – Nadi, Thu", 4, 4),
            ("booking ESK4TRM, Dublin to Lisbon.", 3, 3),
            ("un gestor de la oficina de la calle Gran Vía", 8, 9),
        ] {
            let tokens = Tokens::new(text);
            assert!(
                named_as_place(&tokens, first, last),
                "{text}: {}",
                tokens.text(first)
            );
        }
        // A person named with a greeting or an introduction is no place.
        let tokens = Tokens::new("I spoke to Anna Kowalski yesterday");
        assert!(!named_as_place(&tokens, 3, 4));
        // A street named without a site is no place by its words: it may be the customer's.
        let tokens = Tokens::new("la linea in via Appia Nuova resta attiva");
        assert!(!named_as_place(&tokens, 3, 4));
        let tokens = Tokens::new("passed from Karen to Lisa");
        assert!(!named_as_place(&tokens, 2, 2));
        let tokens = Tokens::new("moved from Karen Smith to John Doe");
        assert!(!named_as_place(&tokens, 2, 3));
        let r = crate::redact::Redactor::default();
        assert!(!r.find("thanks Anna Kowalski, see you").is_empty());
    }
}
