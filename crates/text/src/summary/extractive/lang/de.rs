//! German.

use super::Link::{About, Because, None as Plain, To};
use super::Words;
use super::table::{Due, Phrases, Table};

#[rustfmt::skip]
pub(super) static TABLE: Table = Table {
    words: Words {
        fillers: &["ah", "ahm", "oh", "ohm", "hm", "hmm", "em", "ehm", "eh", "mhm", "naja"],
        hedges: &["halt", "eben", "sozusagen", "quasi"],
        openers: &[
            "ja", "also", "okay", "ok", "gut", "genau", "alles", "klar", "na", "nee", "nein", "hallo", "danke",
            "super", "prima", "perfekt", "gerne", "richtig", "stimmt", "verstehe", "und", "aber", "dann", "so",
            "guten", "tag", "morgen", "sehr", "geehrte", "geehrter", "liebe", "lieber", "schon", "oh", "ach",
        ],
        conjunctions: &["und", "aber", "oder", "dann", "also", "denn"],
        clause_starts: &["ich", "wir", "sie", "er", "es", "das", "dann", "bitte", "wenn", "falls", "damit"],
        titles: &["herr", "frau", "herrn", "dr"],
        determiners: &["der", "die", "das", "den", "dem", "ein", "eine", "einen", "ihr", "ihre", "ihren", "mein", "meine"],
        salutations: &["hallo", "liebe", "lieber", "sehr", "guten"],
    subordinators: &["wenn", "weil", "da", "falls", "als", "ob", "obwohl", "bevor", "nachdem", "sobald", "damit", "dass"],
    tags: &["das verspreche ich ihnen", "das verspreche ich", "das verspreche ich dir", "richtig", "korrekt", "stimmt das", "stimmt's", "passt das", "ok", "okay", "oder", "ja", "gell", "nicht wahr", "ist das richtig", "ist das korrekt", "passt"],
    },
    promises: &[
        "ich werde", "wir werden", "ich kann ihnen", "ich kann", "wir konnen", "ich lasse", "wir lassen",
        "ich kummere mich darum", "ich kummere mich",
    ],
    self_verbs: &[
        "schick", "send", "ruf", "meld", "veranlass", "storn", "buch", "erstatt", "leit", "trag", "richt",
        "schalt", "schreib", "sperr", "bestell", "lass", "gebe", "stell", "nehm", "setz",
    ],
    drop: &["ich", "wir", "ihnen", "sie", "uns", "mir", "bitte", "einfach", "mal", "gerne", "dann", "noch"],
    in_call: &["schau", "seh", "prufe", "check", "guck", "nachseh", "verbind"],
    requests: &[
        "bitte", "sie mussen", "sie mussten", "sie sollten", "sie konnen", "sie brauchen", "denken sie daran",
        "vergessen sie nicht",
    ],
    deliveries: &["sie bekommen", "sie erhalten", "bekommen sie", "erhalten sie", "sie kriegen"],
    third_future: &["wird", "werden", "kommt", "geht", "erhalt", "bekommt"],
    third_endings: &[],
    scheduled: &[],
    clitics: &["ihnen", "dir", "auch", "noch", "gleich", "sofort", "heute", "jetzt", "dann", "direkt", "gern", "gerne"],
    futures: &[],
    not_futures: &[],
    infinitives: &[("schick", "schicken"), ("schreib", "schreiben"), ("lass", "lassen"), ("ruf", "rufen")],
    present_endings: &[("e", "en"), ("en", "en"), ("", "en")],
    // The informal orders of chats and Austrian or Swiss calls ("Schreib mir bitte deinen
    // Namen", "gib ihn genau so ein"); followed by "ich" they are the speaker's own ("schick
    // ich dir").
    imperatives: &[
        ("schreib", "schreiben"), ("schick", "schicken"), ("gib", "geben"), ("nimm", "nehmen"),
        ("bring", "bringen"), ("mach", "machen"), ("ruf", "rufen"), ("lies", "lesen"), ("trag", "tragen"),
        // The one polite order that is not its infinitive: "seien Sie pünktlich".
        ("seien", "sein"),
    ],
    imperative_endings: &[],
    you_objects: &["sie", "ihnen", "dich", "dir"],
    contact_verbs: &["ruf", "anruf", "zuruckruf", "kontakt", "meld", "schreib"],
    enclitics: &[],
    particles: &["an", "zuruck", "zu", "ab", "auf", "aus", "ein", "vor", "nach", "mit", "durch", "gut", "frei", "weiter"],
    verb_last: true,
    agent_person: &[
        ("ich", "er|sie"), ("mein", "sein"), ("meine", "seine"), ("meinen", "seinen"), ("meinem", "seinem"),
        ("wir haben", "sie haben"), ("wir", "sie"), ("unser", "ihr"), ("unsere", "ihre"), ("unseren", "ihren"),
        ("habe", "hat"), ("hab", "hat"), ("bin", "ist"), ("sehe", "sieht"), ("seh", "sieht"),
        ("ihnen", "dem Kunden|der Kundin"), ("ihr", "das"), ("ihre", "die"), ("ihren", "den"), ("ihrem", "dem"),
        // The informal "du" of chats and Austrian or Swiss calls.
        ("dir", "dem Kunden|der Kundin"), ("dich", "den Kunden|die Kundin"), ("dein", "das"), ("deine", "die"),
        // "die siehst du auf der Rechnung" -> "die sieht der Kunde auf der Rechnung".
        ("du", "der Kunde|die Kundin"), ("siehst", "sieht"), ("hast", "hat"), ("bist", "ist"), ("kannst", "kann"),
        ("musst", "muss"), ("willst", "will"), ("bekommst", "bekommt"), ("ihres", "des"), ("ihrer", "der"),
        ("deinen", "den"), ("deinem", "dem"),
    ],
    customer_person: &[
        ("ich", "er|sie"), ("mein", "sein|ihr"), ("meine", "seine|ihre"), ("meinen", "seinen|ihren"),
        ("meinem", "seinem|ihrem"), ("meiner", "seiner|ihrer"), ("mir", "ihm|ihr"), ("mich", "sich"),
        ("habe", "hat"), ("hab", "hat"), ("bin", "ist"), ("mochte", "mochte"), ("kann", "kann"), ("muss", "muss"),
        ("will", "will"), ("wollte", "wollte"), ("hatte", "hatte"), ("war", "war"), ("wir", "sie"), ("uns", "ihnen"),
        ("unser", "ihr"), ("unsere", "ihre"),
    ],
    verb_endings: &[("e", "t")],
    subjects: &["ich", "wir"],
    first_person: &["ich", "mein", "meine", "meinen", "meinem", "meiner", "mir", "mich", "wir", "uns", "unser", "unsere"],
    reason_leads: &[
        ("ich rufe an weil", Because), ("ich rufe an", Plain), ("ich melde mich weil", Because),
        ("ich melde mich wegen", About), ("ich rufe wegen", About), ("ich schreibe ihnen weil", Because),
        ("ich schreibe weil", Because), ("ich mochte", To), ("ich wollte", To), ("ich wurde gerne", To),
        ("es geht um", About), ("es geht darum dass", Because),
    ],
    finding_leads: &["ich sehe hier dass", "ich sehe dass", "ich seh hier auch dass", "ich seh hier dass", "ich sehe hier auch dass", "wie ich sehe"],
    done_leads: &["ich habe", "ich hab", "wir haben", "das ist erledigt", "ist notiert"],
    company_leads: &["willkommen bei", "willkommen beim kundenservice von", "kundenservice von", "hier ist"],
    identity: &[
        "geburtsdatum", "anschrift", "adresse", "postleitzahl", "kundennummer", "vollstandigen namen", "vollen namen",
        "kundenkennwort", "iban",
        "sicherheitsfrage", "stimmt die e-mail", "unter welcher nummer", "telefonnummer", "zur sicherheit",
        "verifizieren", "buchstabieren",
    ],
    pleasantry: &[
        "was kann ich fur sie tun", "wie kann ich ihnen helfen", "sonst noch", "schonen tag", "auf wiederhoren",
        "tschuss", "gern geschehen", "einen moment", "vielen dank", "danke schon", "das tut mir leid",
        "entschuldigung", "kein problem", "mein name ist", "verstehe ich",
    ],
    reference_labels: &["ticketnummer", "ticket", "vorgangsnummer", "schadennummer", "referenznummer", "auftragsnummer", "bestellnummer", "aktenzeichen"],
    address: (&["herr", "herrn"], &["frau"]),
    due: Due {
        patterns: &[
            "heute", "heute noch", "noch heute", "morgen", "ubermorgen", "bis @d", "am @d", "bis morgen",
            "bis ende der woche", "innerhalb von # @u", "in # @u", "in den nachsten # @u", "binnen # @u",
            "bis zum # @m", "bis zum #", "nachste woche", "diese woche", "im laufe des tages", "bis spatestens @d",
            "spatestens @d", "bis zum @d", "ab @d", "am # @m",
        ],
        numbers: &[
            "ein", "einem", "einer", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "zehn", "vierzehn",
            "zwanzig", "dreissig", "48", "24",
        ],
        days: &["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
        months: &[
            "januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "dezember",
        ],
        units: &["stunde", "stunden", "tag", "tagen", "tage", "woche", "wochen", "werktagen", "werktage", "monat", "monaten", "minuten"],
        unit_adjectives: &[],
    },
    phrases: Phrases {
        customer: "der Kunde|die Kundin",
        agent: "der Mitarbeiter",
        company: "dem Kundenservice",
        contacted: ["{c} rief bei {x} an", "{c} schrieb an {x}", "{c} meldete sich bei {x}"],
        outbound: "{x} kontaktierte {c}",
        links: [" wegen ", ", weil ", " und möchte ", ": "],
        found: "{a} stellte fest:",
        said: "{a} erklärte:",
        agent_will: "{a} wird",
        customer_will: "{c} wird",
        customer_must: "{c} muss",
        send: "dem Kunden zusenden",
        customer_object: "den Kunden|die Kundin",
        and: "und",
        empty: "Das Gespräch enthält nichts zum Zusammenfassen.",
    },
};
