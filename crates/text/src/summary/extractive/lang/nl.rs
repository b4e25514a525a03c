//! Dutch.

use super::Link::{About, Because, None as Plain, To};
use super::Words;
use super::table::{Due, Phrases, Table};

#[rustfmt::skip]
pub(super) static TABLE: Table = Table {
    words: Words {
        fillers: &["eh", "ehm", "uh", "uhm", "hm", "hmm", "nou"],
        hedges: &["gewoon", "eigenlijk", "zeg maar"],
        openers: &[
            "ja", "nee", "oke", "ok", "okay", "goed", "prima", "perfect", "top", "dank", "bedankt", "hallo", "hoi",
            "goedemorgen", "goedemiddag", "goedenavond", "dus", "en", "maar", "nou", "oh", "ah", "helder", "duidelijk",
            "klopt", "precies", "zeker", "beste", "geachte", "fijn", "mooi", "even", "kijk", "zo",
        ],
        conjunctions: &["en", "maar", "of", "dus", "dan"],
        clause_starts: &["ik", "we", "wij", "u", "je", "jij", "hij", "zij", "ze", "het", "dat", "als", "dan", "graag"],
        titles: &["meneer", "mevrouw", "heer", "mevr", "dhr"],
        determiners: &["de", "het", "een", "uw", "mijn", "onze", "ons", "deze", "die", "dit"],
        salutations: &["beste", "geachte", "hallo", "hoi", "goedemorgen", "goedemiddag"],
    subordinators: &["als", "omdat", "wanneer", "toen", "zodat", "terwijl", "voordat", "nadat", "zodra", "hoewel", "dat"],
    tags: &["dat beloof ik u", "dat beloof ik", "dat beloof ik je", "klopt dat", "klopt", "toch", "goed", "oke", "ok", "is dat goed", "is dat correct", "akkoord", "ja"],
    },
    promises: &["ik zal", "we zullen", "wij zullen", "ik ga", "we gaan", "wij gaan", "ik kan", "we kunnen", "ik laat", "we laten"],
    self_verbs: &["stuur", "bel", "zet", "maak", "regel", "plan", "mail", "boek", "meld", "zorg", "geef", "neem", "vraag", "blokkeer", "annuleer", "stort", "verstuur", "schrijf"],
    drop: &["ik", "we", "wij", "u", "je", "jou", "ons", "mij", "me", "graag", "even", "dan", "nog", "alstublieft", "alsjeblieft"],
    in_call: &["kijk", "zoek", "controleer", "check", "verbind"],
    requests: &["graag", "wilt u", "u moet", "u dient", "je moet", "vergeet niet", "denk eraan", "zou u", "kunt u", "kun je", "wil je"],
    deliveries: &["u ontvangt", "u krijgt", "je krijgt", "je ontvangt", "ontvangt u", "krijgt u"],
    third_future: &["zal", "zullen", "komt", "gaat", "wordt", "worden", "ontvangt", "krijgt"],
    third_endings: &["t"],
    scheduled: &[],
    clitics: &["u", "je", "jou", "het", "ook", "nog", "vandaag", "meteen", "direct", "straks", "even", "gewoon", "er", "dan"],
    futures: &[],
    not_futures: &[],
    infinitives: &[
        ("stuur", "sturen"), ("bel", "bellen"), ("zet", "zetten"), ("maak", "maken"), ("regel", "regelen"),
        ("plan", "plannen"), ("boek", "boeken"), ("meld", "melden"), ("zorg", "zorgen"),
        ("geef", "geven"), ("neem", "nemen"), ("vraag", "vragen"), ("blokkeer", "blokkeren"), ("annuleer", "annuleren"),
        ("stort", "storten"), ("verstuur", "versturen"), ("schrijf", "schrijven"), ("laat", "laten"),
    ],
    present_endings: &[],
    imperatives: &[
        ("stuur", "sturen"), ("bel", "bellen"), ("doe", "doen"), ("breng", "brengen"), ("neem", "nemen"), ("maak", "maken"),
        ("bewaar", "bewaren"), ("houd", "houden"), ("lever", "leveren"), ("teken", "tekenen"),
        ("betaal", "betalen"), ("verstuur", "versturen"), ("meld", "melden"), ("vul", "vullen"), ("upload", "uploaden"),
    ],
    imperative_endings: &[],
    you_objects: &["u", "je", "jou"],
    contact_verbs: &["bel", "terugbel", "contact", "mail"],
    enclitics: &[],
    particles: &["op", "terug", "door", "aan", "in", "uit", "af", "over", "na", "mee", "toe", "om"],
    verb_last: true,
    agent_person: &[
        ("ik", "hij|zij"), ("mijn", "zijn"), ("we", "zij"), ("wij", "zij"), ("ons", "hen"), ("onze", "hun"),
        ("heb", "heeft"), ("ben", "is"), ("zie", "ziet"), ("u", "de klant"), ("uw", "de"),
        // The customer addressed, and the verbs only "u" and "jij" take: "u kunt" -> "de klant kan".
        ("jij", "de klant"), ("jou", "de klant"), ("jouw", "zijn|haar"), ("kunt", "kan"), ("bent", "is"),
        ("hebt", "heeft"), ("wilt", "wil"), ("zult", "zal"),
        // "je" as the subject, where the words around it say so ("als je jaarlijks betaalt"); a
        // "je" before a noun is "your".
        ("als je", "als de klant"), ("dat je", "dat de klant"), ("zodat je", "zodat de klant"),
        ("wanneer je", "wanneer de klant"), ("je krijgt", "de klant krijgt"), ("je ontvangt", "de klant ontvangt"),
        ("je kunt", "de klant kan"), ("kun je", "kan de klant"), ("je hoeft", "de klant hoeft"),
        ("je moet", "de klant moet"), ("je mag", "de klant mag"), ("je bent", "de klant is"),
        ("je hebt", "de klant heeft"), ("je betaalt", "de klant betaalt"),
    ],
    customer_person: &[
        ("ik", "hij|ze"), ("mijn", "zijn|haar"), ("mij", "hem|haar"), ("me", "hem|haar"), ("heb", "heeft"),
        ("ben", "is"), ("wil", "wil"), ("kan", "kan"), ("moet", "moet"), ("had", "had"), ("was", "was"),
        ("we", "zij"), ("wij", "zij"), ("ons", "hen"), ("onze", "hun"),
        // "iemand van uw bank": the company the customer speaks to.
        ("uw", "de"),
    ],
    verb_endings: &[],
    subjects: &["ik", "we", "wij"],
    first_person: &["ik", "mijn", "mij", "me", "we", "wij", "ons", "onze"],
    reason_leads: &[
        ("ik bel omdat", Because), ("ik bel over", About), ("ik bel want", Plain), ("ik bel", Plain),
        ("ik mail omdat", Because), ("ik schrijf omdat", Because), ("ik neem contact op omdat", Because),
        ("ik wil", To), ("ik wilde", To), ("ik zou graag", To), ("het gaat om", About), ("het gaat over", About),
    ],
    finding_leads: &["ik zie dat", "ik zie hier dat", "ik zie", "het blijkt dat", "ik kan bevestigen dat"],
    done_leads: &["ik heb", "we hebben", "wij hebben", "dat is geregeld", "is geregeld", "staat genoteerd"],
    company_leads: &["welkom bij", "u spreekt met", "klantenservice van", "je spreekt met"],
    identity: &[
        "geboortedatum", "adres", "postcode", "huisnummer", "klantnummer", "volledige naam", "iban",
        "telefoonnummer", "e-mailadres", "ter verificatie", "controlevraag", "bsn",
    ],
    pleasantry: &[
        "waarmee kan ik", "wat kan ik voor u doen", "kan ik u nog ergens", "verder nog iets", "fijne dag",
        "prettige dag", "tot ziens", "graag gedaan", "een moment", "momentje", "dank u wel", "bedankt voor",
        "vervelend", "sorry", "excuses",
    ],
    reference_labels: &["dossiernummer", "referentienummer", "ticketnummer", "schadenummer", "ordernummer", "bestelnummer", "zaaknummer", "referentie"],
    address: (&["meneer", "heer", "dhr"], &["mevrouw", "mevr"]),
    due: Due {
        patterns: &[
            "vandaag", "vandaag nog", "nog vandaag", "morgen", "overmorgen", "binnen # @u", "binnen de # @u",
            "uiterlijk @d", "voor @d", "op @d", "deze week", "volgende week", "over # @u", "in de loop van de dag",
            "binnen een @u", "uiterlijk # @m", "voor # @m", "tussen # en # @u",
        ],
        numbers: &["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "tien", "veertien", "twintig", "dertig"],
        days: &["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
        months: &[
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december",
        ],
        units: &["uur", "dag", "dagen", "werkdag", "werkdagen", "week", "weken", "maand", "maanden", "minuten"],
        unit_adjectives: &[],
    },
    phrases: Phrases {
        customer: "de klant",
        agent: "de medewerker",
        company: "de klantenservice",
        contacted: ["{c} belde {x}", "{c} mailde {x}", "{c} nam contact op met {x}"],
        outbound: "{x} nam contact op met {c}",
        links: [" over ", " omdat ", " en wil ", ": "],
        found: "{a} zag:",
        said: "{a} gaf aan:",
        agent_will: "{a} zal",
        customer_will: "{c} zal",
        customer_must: "{c} moet",
        send: "naar de klant sturen",
        customer_object: "de klant",
        and: "en",
        empty: "Het gesprek bevat niets om samen te vatten.",
    },
};
