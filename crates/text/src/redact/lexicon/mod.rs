//! The words of every served language that the detectors key on: cues before personal data,
//! titles, greetings and sign-offs, street types, spoken email punctuation, reference words.
//! One file per language; all languages are matched at once, so a call in any served language
//! (or a mix of them) is redacted without knowing which it is.

mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pt;

/// What follows a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Right before a name. Strong ("my name is", "me llamo"): whatever follows is the name.
    /// Weak ("this is", "I'm", "soy"): only something that looks like a name.
    NameIntro { strong: bool },
    /// An honorific: Mr, Mrs, Dr, Herr, Frau, Madame, Señora, Signor, Senhora, Mevrouw.
    Title,
    /// A greeting or thanks that may be followed by a name: "Hi", "Dear", "Thanks", "Hola".
    Greeting,
    /// A closing followed by the writer's name: "Kind regards", "Cordialement", "Saludos".
    SignOff,
    /// Asks for, or introduces, a value of this slot: "date of birth", "postcode", "PIN".
    Slot(Slot),
    /// A reference number follows (order, case, ticket, invoice): not personal data.
    Reference,
}

/// What an identity check asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    Name,
    DateOfBirth,
    Address,
    Postcode,
    /// "huisnummer", "house number", "número da porta": the number of a building.
    HouseNumber,
    Email,
    Phone,
    CardNumber,
    CardLastDigits,
    CardExpiry,
    CardCvv,
    Ssn,
    NationalId,
    BankAccount,
    Passport,
    DriversLicence,
    Pin,
    SecurityAnswer,
}

/// One language's words. Everything is lowercase; cue phrases are matched case-insensitively
/// on word boundaries, with `'` also matching `’`.
pub(crate) struct Lexicon {
    pub cues: &'static [(&'static str, Cue)],
    /// Street types written after the name: "Road", "Street", "Drive", "Lane".
    pub street_after: &'static [&'static str],
    /// Street types written before the name: "rue", "calle", "via", "rua".
    pub street_before: &'static [&'static str],
    /// Endings of one-word street names: "-straße", "-weg", "-straat", "-gracht".
    pub street_suffixes: &'static [&'static str],
    /// Words before a unit or floor number: "flat", "apt", "unit", "piso", "étage".
    pub units: &'static [&'static str],
    /// Small words inside names and street names: "de", "la", "van", "der", "di".
    pub particles: &'static [&'static str],
    /// "@" and "." in spoken emails: "at", "arroba", "arobase"; "dot", "punto", "point".
    pub at_words: &'static [&'static str],
    pub dot_words: &'static [&'static str],
    /// Currency names that make a number an amount: "dollars", "euros", "pounds", "pesos".
    pub currency_words: &'static [&'static str],
    /// Capitalised ordinary words that are also names in the gazetteer and must not be taken
    /// for names without a cue: "Will", "May", "Grace", "Mark", "Rosa", "Ben".
    pub not_names: &'static [&'static str],
    /// Words that end a name: "and", "from", "speaking", ... (function words of the language).
    pub stopwords: &'static [&'static str],
    /// Words that make a capitalised run an organisation, not a person or an address: "Bank",
    /// "GmbH", "Council", "Banco", "Mutuelle", "Gemeente".
    pub organisations: &'static [&'static str],
    /// Endings of one-word organisation names: "-versicherung" ("Krankenversicherung"),
    /// "-zentrum", "-verzekeraar".
    pub organisation_suffixes: &'static [&'static str],
}

pub(crate) static ALL: [&Lexicon; 7] = [
    &en::LEXICON,
    &es::LEXICON,
    &fr::LEXICON,
    &de::LEXICON,
    &it::LEXICON,
    &pt::LEXICON,
    &nl::LEXICON,
];
/// The primary language subtag of each entry of [`ALL`].
const CODES: [&str; 7] = crate::language::REDACTION_SERVED;
/// French's index: a lowercase "place" is a square's street type there, an everyday word elsewhere.
pub(crate) const FRENCH: usize = 2;
/// German's index: German capitalises every noun, so capitals say less about names there.
pub(crate) const GERMAN: usize = 3;
/// Italian's index: a lowercase "via" is a street's type there, "by way of" elsewhere.
pub(crate) const ITALIAN: usize = 4;

/// The index in [`ALL`] of a BCP-47 tag's language ("pt-BR" -> Portuguese); `None` for a
/// language without a lexicon.
pub(crate) fn index_of(tag: &str) -> Option<usize> {
    let primary = crate::language::primary(tag);
    CODES.iter().position(|c| *c == primary)
}

/// Every entry of one word list across the languages.
pub(crate) fn all(list: impl Fn(&Lexicon) -> &'static [&'static str]) -> impl Iterator<Item = &'static str> {
    ALL.iter().flat_map(move |l| list(l).iter().copied())
}

/// Each cue phrase of `lexicons` as written, and with a typographic apostrophe where it has a
/// straight one.
pub(crate) fn cue_spellings(lexicons: &[&Lexicon]) -> Vec<(String, Cue)> {
    let mut out = Vec::new();
    for lexicon in lexicons {
        for (phrase, cue) in lexicon.cues {
            out.push(((*phrase).to_owned(), *cue));
            if phrase.contains('\'') {
                out.push((phrase.replace('\'', "’"), *cue));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// The named indices are those of their languages' lexicons.
    #[test]
    fn the_named_indices_are_their_languages() {
        assert_eq!(super::index_of("de-AT"), Some(super::GERMAN));
        assert_eq!(super::index_of("fr-CA"), Some(super::FRENCH));
        assert_eq!(super::index_of("it-IT"), Some(super::ITALIAN));
    }
}
