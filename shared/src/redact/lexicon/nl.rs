//! Dutch (Netherlands and Flanders).

use super::Cue::{self, *};
use super::Lexicon;
use super::Slot::*;

#[rustfmt::skip]
const CUES: &[(&str, Cue)] = &[
    ("mijn vriend", NameIntro { strong: true }), ("mijn vriendin", NameIntro { strong: true }), ("mijn buurman", NameIntro { strong: true }), ("mijn buurvrouw", NameIntro { strong: true }), ("mijn broer", NameIntro { strong: true }), ("mijn zus", NameIntro { strong: true }), ("mijn partner", NameIntro { strong: true }), ("mijn oma", NameIntro { strong: true }), ("mijn opa", NameIntro { strong: true }), ("mijn collega", NameIntro { strong: true }),
    ("mijn naam is", NameIntro { strong: true }), ("ik heet", NameIntro { strong: true }),
    ("op naam van", NameIntro { strong: true }), ("ten name van", NameIntro { strong: true }),
    ("ik ben", NameIntro { strong: false }), ("u spreekt met", NameIntro { strong: false }),
    ("je spreekt met", NameIntro { strong: false }), ("met", NameIntro { strong: false }),
    ("hier is", NameIntro { strong: false }), ("gesproken met", NameIntro { strong: false }),
    ("mijn man", NameIntro { strong: true }), ("mijn vrouw", NameIntro { strong: true }),
    ("mijn zoon", NameIntro { strong: true }), ("mijn dochter", NameIntro { strong: true }),
    ("mijn moeder", NameIntro { strong: true }), ("mijn vader", NameIntro { strong: true }),
    ("volledige naam", Slot(Name)), ("uw naam", Slot(Name)), ("achternaam", Slot(Name)),
    ("voornaam", Slot(Name)), ("naam", Slot(Name)), ("rekeninghouder", Slot(Name)),
    ("meneer", Title), ("mevrouw", Title), ("dhr", Title), ("mevr", Title), ("mw", Title), ("hr", Title),
    ("juffrouw", Title), ("dr", Title), ("ir", Title), ("mr", Title), ("drs", Title), ("ing", Title),
    ("hallo", Greeting), ("hoi", Greeting), ("goedemorgen", Greeting), ("goedemiddag", Greeting),
    ("goedenavond", Greeting), ("beste", Greeting), ("geachte", Greeting), ("dag", Greeting),
    ("bedankt", Greeting), ("dank je", Greeting), ("dank u", Greeting), ("dankjewel", Greeting), ("dankuwel", Greeting),
    ("met vriendelijke groet", SignOff), ("met vriendelijke groeten", SignOff), ("vriendelijke groet", SignOff),
    ("vriendelijke groeten", SignOff), ("groet", SignOff), ("groeten", SignOff), ("hartelijke groet", SignOff),
    ("mvg", SignOff), ("gr", SignOff), ("hoogachtend", SignOff),
    ("geboortedatum", Slot(DateOfBirth)), ("geboren op", Slot(DateOfBirth)), ("geboren", Slot(DateOfBirth)),
    ("verjaardag", Slot(DateOfBirth)),
    ("adres", Slot(Address)), ("woonadres", Slot(Address)), ("ik woon", Slot(Address)), ("wij wonen", Slot(Address)),
    ("nieuwe adres", Slot(Address)), ("nieuw adres", Slot(Address)), ("verhuisd naar", Slot(Address)),
    ("bezorgadres", Slot(Address)), ("postcode", Slot(Postcode)), ("woonplaats", Slot(Address)),
    ("e-mail", Slot(Email)), ("email", Slot(Email)), ("mail", Slot(Email)), ("e-mailadres", Slot(Email)),
    ("mailadres", Slot(Email)), ("telefoonnummer", Slot(Phone)), ("telefoon", Slot(Phone)), ("mobiel", Slot(Phone)),
    ("mobiele nummer", Slot(Phone)), ("06-nummer", Slot(Phone)), ("nummer", Slot(Phone)), ("bereikbaar op", Slot(Phone)),
    ("gsm", Slot(Phone)), ("kaartnummer", Slot(CardNumber)), ("laatste vier", Slot(CardLastDigits)),
    ("laatste 4", Slot(CardLastDigits)), ("eindigend op", Slot(CardLastDigits)), ("eindigt op", Slot(CardLastDigits)),
    ("vervaldatum", Slot(CardExpiry)), ("geldig tot", Slot(CardExpiry)), ("beveiligingscode", Slot(CardCvv)),
    ("cvc", Slot(CardCvv)), ("cvv", Slot(CardCvv)),
    ("bsn", Slot(NationalId)), ("burgerservicenummer", Slot(NationalId)), ("sofinummer", Slot(NationalId)),
    ("rijksregisternummer", Slot(NationalId)), ("rijksregister", Slot(NationalId)), ("identiteitskaart", Slot(NationalId)),
    ("id-kaart", Slot(NationalId)), ("documentnummer", Slot(NationalId)),
    ("rekeningnummer", Slot(BankAccount)), ("iban", Slot(BankAccount)), ("bankrekening", Slot(BankAccount)),
    ("paspoort", Slot(Passport)), ("paspoortnummer", Slot(Passport)), ("rijbewijs", Slot(DriversLicence)),
    ("rijbewijsnummer", Slot(DriversLicence)),
    ("pin", Slot(Pin)), ("pincode", Slot(Pin)), ("wachtwoord", Slot(Pin)), ("toegangscode", Slot(Pin)),
    ("verificatiecode", Slot(Pin)), ("beveiligingsvraag", Slot(SecurityAnswer)), ("meisjesnaam", Slot(SecurityAnswer)),
    ("eerste huisdier", Slot(SecurityAnswer)), ("geboorteplaats", Slot(SecurityAnswer)),
    ("bestelling", Reference), ("bestelnummer", Reference), ("ordernummer", Reference), ("order", Reference),
    ("zaaknummer", Reference), ("dossiernummer", Reference), ("referentie", Reference), ("kenmerk", Reference),
    ("factuur", Reference), ("factuurnummer", Reference), ("ticket", Reference), ("ticketnummer", Reference),
    ("boeking", Reference), ("boekingsnummer", Reference), ("trackingnummer", Reference), ("track", Reference),
    ("klantnummer", Reference), ("contractnummer", Reference), ("polisnummer", Reference), ("schadenummer", Reference),
    ("vlucht", Reference), ("model", Reference), ("serienummer", Reference), ("meterstand", Reference),
    ("meternummer", Reference), ("ean", Reference), ("toestel", Reference),
];

#[rustfmt::skip]
pub(super) static LEXICON: Lexicon = Lexicon {
    cues: CUES,
    street_after: &["straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg"],
    street_before: &["burgemeester", "prins", "koningin", "sint"],
    street_suffixes: &[
        "straat", "str.", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg",
        "pad", "hof", "park", "markt", "veld", "baan", "wal", "burgwal", "dam", "plantsoen", "ring",
        "erf", "kwartier", "berg", "haven", "straatweg", "boulevard", "lei", "vest", "steenweg",
    ],
    units: &["bus", "hs", "huis", "boven", "bis", "etage", "postbus"],
    particles: &["van", "de", "der", "den", "het", "ter", "te", "ten", "in", "'t", "op", "aan", "t"],
    at_words: &["apenstaartje", "at", "ad"],
    dot_words: &["punt"],
    currency_words: &["euro", "eur", "cent", "euros"],
    not_names: &[
        "ben", "bart", "dag", "mees", "roos", "goed", "bedankt", "hallo", "meneer", "mevrouw", "klant",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari",
        "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december", "straat", "weg",
    ],
    stopwords: &[
        "en", "of", "de", "het", "een", "van", "in", "op", "met", "voor", "naar", "aan", "te", "is", "ben",
        "ik", "mijn", "u", "uw", "je", "jij", "we", "wij", "hij", "zij", "ze", "maar", "want", "dat", "die",
        "heel", "ja", "nee", "niet", "nou", "eh", "hier", "nu", "ook", "nog", "al", "dank", "bedankt", "heet",
    ],
};
