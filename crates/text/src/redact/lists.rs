//! Word lists that the word table ([`super::words`]) and the detectors both read: a leaf below
//! them, so the table does not depend on the detectors that read its bits.

use super::lexicon::{self, Cue};

pub(crate) const CURRENCY_CODES: &[&str] = &[
    "usd", "eur", "gbp", "chf", "jpy", "aud", "cad", "nzd", "inr", "zar", "sgd", "mxn", "brl", "ars", "sek",
    "nok", "dkk", "pln", "czk", "huf", "aed", "idr", "fjd", "thb", "hkd", "cny", "rs", "inr",
];

pub(crate) const PERCENT_WORDS: &[&str] = &["percent", "prozent", "procent", "pct", "percento"];

/// "al mese", "a month", "pro Monat", "par mois": a price's period.
pub(crate) const PERIOD_LEADS: &[&str] =
    &["a", "al", "per", "por", "pro", "par", "im", "ao", "each", "every"];

pub(crate) const PERIODS: &[&str] = &[
    "month",
    "mese",
    "mes",
    "monat",
    "mois",
    "mês",
    "maand",
    "year",
    "anno",
    "año",
    "jahr",
    "an",
    "ano",
    "jaar",
    "week",
    "settimana",
    "semana",
    "woche",
    "semaine",
    "day",
    "giorno",
    "día",
    "tag",
    "jour",
    "dia",
    "dag",
];

/// "per cent", "por ciento", "pour cent": a percent only with the word after ("5678 por si
/// acaso" is a phone number).
pub(crate) const PERCENT_LEADS: &[&str] = &["per", "por", "pour"];

pub(crate) const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m", "p.m", "uhr", "h", "o'clock", "heures", "horas", "hrs", "uur", "ore",
];

/// Currency words and codes: "euros", "usd".
pub(crate) fn currency_words() -> impl Iterator<Item = &'static str> {
    lexicon::all(|l| l.currency_words).chain(CURRENCY_CODES.iter().copied())
}

/// Words that put a number on the customer's side: "your", "Ihre", "votre".
pub(crate) const YOU_WORDS: &[&str] = &[
    "you", "your", "yours", "tu", "te", "tus", "su", "sus", "usted", "vous", "votre", "vos", "ton", "ta",
    "sie", "ihr", "ihre", "ihrer", "ihren", "du", "dein", "deine", "ti", "tuo", "tua", "lei", "suo", "sua",
    "seu", "sua", "você", "u", "uw", "je", "jouw",
];

/// Words of the company speaking about itself: "call us", "our helpline", "unsere Hotline".
pub(crate) const US_WORDS: &[&str] = &[
    "us", "our", "we", "helpline", "hotline", "office", "nos", "nuestro", "nuestra", "nous", "notre", "nos",
    "uns", "unsere", "unser", "unserer", "ci", "nostro", "nostra", "nossa", "nosso", "ons", "onze", "tel",
    "tél", "telefon",
];

/// Words for a decimal mark said aloud: "nine point eight", "diez coma cinco".
pub(crate) const DECIMAL_WORDS: &[&str] = &[
    "point", "punto", "coma", "virgule", "komma", "vírgula", "virgola", "comma", "punt",
];

/// "and" before the cents of an amount said aloud.
pub(crate) const AND_WORDS: &[&str] = &["and", "y", "e", "et", "und", "en"];

/// Words that ask for something, in the served languages; in the word table as
/// [`words::REQUEST_WORD`].
#[rustfmt::skip]
pub(crate) const REQUEST_WORDS: &[&str] = &[
    "need", "please", "confirm", "verify", "provide", "give", "tell", "read", "spell", "repeat",
    "brauche", "benötige", "bräuchte", "bitte", "bestätigen", "nennen", "angeben", "sagen",
    "necesito", "necesitaría", "favor", "confirme", "confirmar", "confírmeme", "indíqueme", "dígame", "facilíteme", "proporcione",
    "besoin", "confirmer", "confirmez", "indiquer", "indiquez", "donner", "donnez", "communiquer", "rappeler",
    "preciso", "precisava", "confirma", "informar", "informe", "diga", "indique", "envie", "passar",
    "bisogno", "serve", "servirebbe", "confermare", "confermi", "conferma", "dirmi", "dica", "fornire", "cortesia", "favore",
    "nodig", "bevestigen", "bevestig", "doorgeven", "noemen", "graag", "alstublieft",
];

/// The words for "at" ("arroba", "chiocciola"): in the word table as [`words::AT_WORD`].
pub(crate) fn at_words() -> impl Iterator<Item = &'static str> {
    lexicon::all(|l| l.at_words)
}

/// Small words inside names: "van der Berg", "de la Cruz", "da Silva", "Ní Bhriain".
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "del", "della", "degli", "di", "da", "das", "do", "dos", "du", "la", "le",
    "von", "zu", "ter", "ten", "te", "y", "e", "bin", "binti", "al", "el", "ibn", "mac", "mc", "ní", "nic",
    "ó", "ua", "st", "ap",
];

/// "Frau", "Mr", "Dr": titles of more than one letter, between a cue and the name ("Sehr
/// geehrte Frau Becker"); in the word table as [`words::NAME_TITLE`].
pub(crate) fn title_words() -> impl Iterator<Item = &'static str> {
    lexicon::ALL
        .iter()
        .flat_map(|l| l.cues.iter())
        .filter(|(_, cue)| *cue == Cue::Title)
        .map(|(word, _)| *word)
        .filter(|w| w.len() > 1)
        .chain(ACADEMIC_TITLES.iter().copied())
}

/// Degrees said between a title and the name, or before the name in a signature: "Herr Ing.
/// Brandstätter", "Frau Mag. Huber", "Dipl.-Ing. Markus Berger". Not cues of their own ("mag"
/// is a verb), only passed over on the way to the name.
const ACADEMIC_TITLES: &[&str] = &["ing", "mag", "dipl", "ddr", "mmag", "dkfm", "msc", "bsc", "mba"];

/// Words before a place rather than a person: "flying to Sydney", "in London", "nach Wien".
pub(crate) const LOCATIVES: &[&str] = &[
    "in",
    "to",
    "from",
    "at",
    "near",
    "via",
    "into",
    "around",
    "visit",
    "visiting",
    "enjoy",
    "explore",
    "fly",
    "flying",
    "lands",
    "landing",
    "departing",
    "towards",
    "en",
    "à",
    "a",
    "de",
    "desde",
    "hacia",
    "nach",
    "aus",
    "bei",
    "naar",
    "uit",
    "te",
    "para",
    "em",
    "no",
    "na",
    "da",
    "per",
    "di",
    "verso",
];

/// Organisation words of every lexicon: "bank", "gmbh", "gemeente".
pub(crate) fn organisation_words() -> impl Iterator<Item = &'static str> {
    lexicon::all(|l| l.organisations)
}

/// Words before the name of a plan or tariff, which is no person either: "Tarif RheinStrom Öko",
/// "forfait Essentiel", "plano Controle".
#[rustfmt::skip]
pub(crate) const PLAN_WORDS: &[&str] = &[
    "tariff", "tarif", "tarifa", "tariffa", "forfait", "abonnement", "abbonamento", "plano", "pakket",
    "paket",
];

/// Makers whose name before a model names a product: "Skoda Octavia", "Toyota Corolla Cross",
/// "Bosch Serie 6", "Renault Clio".
#[rustfmt::skip]
pub(crate) const BRANDS: &[&str] = &[
    "toyota", "nissan", "renault", "skoda", "škoda", "volkswagen", "vw", "ford", "vauxhall", "opel",
    "peugeot", "citroën", "citroen", "fiat", "cupra", "honda", "hyundai", "kia", "mazda",
    "mercedes", "mercedes-benz", "bmw", "audi", "volvo", "tesla", "chevrolet", "chevy", "dodge", "jeep",
    "subaru", "suzuki", "mitsubishi", "dacia", "lexus", "porsche", "lancia", "byd",
    "bosch", "siemens", "miele", "samsung", "apple", "iphone", "ipad", "macbook", "dyson",
    "philips", "sony", "whirlpool", "electrolux", "aeg", "beko", "indesit", "hotpoint", "smeg", "lenovo", "asus", "acer", "huawei", "xiaomi", "motorola", "nokia", "oppo",
    "pixel", "galaxy", "nintendo", "playstation", "xbox", "canon", "nikon", "garmin", "vorwerk",
    "thermomix", "nespresso", "delonghi", "de'longhi", "kenwood", "gazelle", "cannondale", 
];

/// Titles before a surname that is also a maker's name ("Mr Ford", "Frau Bosch").
pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "herr", "frau", "m", "mme", "monsieur", "madame", "sr", "sra", "señor",
    "señora", "signor", "signora", "sig", "dott", "senhor", "senhora", "meneer", "mevrouw", "dhr", "mevr",
];

/// Small words inside organisation names: "Bank of Ireland", "Banco do Brasil", "Caisse
/// d'Épargne", "Águas da Margem Sul".
pub(crate) const JOINERS: &[&str] = &[
    "of", "the", "for", "and", "&", "de", "del", "la", "las", "los", "do", "da", "dos", "das", "di", "della",
    "du", "des", "der", "van", "von", "für", "und", "y", "e", "et", "a", "al", "ao", "à", "aux",
];

/// Unit words that say "address" even without a street: "Apt 4B", "Flat 2".
pub(crate) const STANDALONE_UNITS: &[&str] = &[
    "flat",
    "apt",
    "apartment",
    "unit",
    "suite",
    "whg",
    "wohnung",
    "top",
];

/// Floors and sides of a building: "3. OG links", "2º izquierda", "quarto piano", "drie hoog".
#[rustfmt::skip]
pub(crate) const FLOORS: &[&str] = &[
    "floor", "étage", "etage", "piso", "planta", "andar", "piano", "og", "stock", "hoog", "links",
    "rechts", "izquierda", "derecha", "izq", "dcha", "esquerdo", "direito", "esq", "dto", "dt",
    "gauche", "droite", "sinistra", "destra", "boîte", "boite", "porta", "puerta", "tür", "stiege",
    "scala", "interno", "int", "appartement", "appt", "app", "apto", "depto", "departamento", "hinterhaus",
    "vorderhaus", "bloco", "blk", "block", "bâtiment", "bât", "bat", "escalera", "esc", "bus",
];

/// Street types before their name, of one word: "rue", "calle".
pub(crate) fn street_before_words() -> impl Iterator<Item = &'static str> {
    lexicon::all(|l| l.street_before).filter(|w| !w.contains(' '))
}

/// Units and floors: "flat", "apartment", "piso".
pub(crate) fn unit_words() -> impl Iterator<Item = &'static str> {
    lexicon::all(|l| l.units).chain(FLOORS.iter().copied())
}

/// The lowercase words an address part may start with: street types before their name, units
/// and ordinals.
pub(crate) fn start_words() -> impl Iterator<Item = &'static str> {
    lexicon::all(|l| l.street_before)
        .filter(|w| !w.contains(' '))
        .chain(
            FLOORS
                .iter()
                .chain(STANDALONE_UNITS)
                .copied()
                .filter(|w| *w != "bus"),
        )
        .chain(ORDINALS.iter().copied())
}

/// Ordinal words before a floor or side: "segundo esquerdo", "deuxième étage", "quarto piano".
#[rustfmt::skip]
pub(crate) const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "ground", "primero", "primer",
    "segundo", "tercero", "tercer", "cuarto", "quinto", "sexto", "premier", "première",
    "deuxième", "troisième", "quatrième", "cinquième", "erstes", "zweites", "drittes", "viertes",
    "ersten", "zweiten", "dritten", "vierten", "primo", "secondo", "terzo", "quarto", "sesto",
    "primeiro", "terceiro", "quarto", "quinto", "sexto", "eerste", "tweede", "derde", "vierde",
];

/// Words that take back what was just said: "no wait", "sorry", "I mean", "perdón".
#[rustfmt::skip]
pub(crate) const CORRECTIONS: &[&str] = &[
    "no", "wait", "sorry", "mean", "actually", "nein", "moment", "quatsch", "perdón", "perdona", "digo",
    "pardon", "non", "desculpe", "desculpa", "aliás", "scusi", "scusa", "anzi", "nee", "bedoel",
];
