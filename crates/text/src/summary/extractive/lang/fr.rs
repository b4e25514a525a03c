//! French.

use super::Link::{About, Because, To};
use super::Words;
use super::table::{Due, Phrases, Table};

#[rustfmt::skip]
pub(super) static TABLE: Table = Table {
    words: Words {
        fillers: &["euh", "heu", "hum", "bah", "ben", "hein", "mmh", "mh", "em"],
        hedges: &["genre", "quoi", "enfin", "bref", "voila"],
        openers: &[
            "alors", "donc", "bon", "bien", "oui", "ok", "d'accord", "parfait", "tres", "merci", "bonjour",
            "bonsoir", "madame", "monsieur", "ecoutez", "voila", "entendu", "super", "et", "mais", "ou", "enfin",
            "ah", "oh", "tout", "a", "fait", "effectivement", "exactement", "certes", "non", "si", "c'est", "note",
        ],
        conjunctions: &["et", "mais", "ou", "donc", "puis", "alors"],
        clause_starts: &[
            "je", "j'", "nous", "vous", "on", "il", "elle", "ils", "elles", "si", "quand", "parce", "merci",
            "pourriez", "pouvez", "ca",
        ],
        titles: &["monsieur", "madame", "mademoiselle", "m", "mme"],
        determiners: &["le", "la", "les", "l'", "un", "une", "des", "votre", "vos", "mon", "ma", "mes", "ce", "cette"],
        salutations: &["bonjour", "madame", "monsieur", "chere", "cher", "bonsoir"],
    subordinators: &["si", "quand", "parce", "puisque", "comme", "lorsque", "bien", "avant", "apres", "pendant", "des"],
    tags: &["je vous le promets", "je vous le garantis", "je vous l'assure", "c'est bien ca", "c'est ca", "d'accord", "ok", "ca vous va", "ca te va", "c'est correct", "c'est bon", "n'est-ce pas", "oui", "exact"],
    },
    promises: &[
        "je vais", "nous allons", "on va", "je m'engage a", "je me charge de", "nous nous chargeons de",
        "je m'occupe de", "on s'occupe de", "je peux",
    ],
    self_verbs: &[
        "envo", "rappel", "transmet", "ouvr", "m'occupe", "fais", "lance", "enregistre", "annule", "bloque",
        "corrig", "rembours", "renvo", "recontact", "credit", "ajout", "mets", "applique", "resilie", "expedi",
    ],
    drop: &[],
    in_call: &["verifi", "regard", "consult", "cherch", "jet", "voir", "patient", "confirm", "prendre note", "not"],
    requests: &[
        "veuillez", "merci de", "merci d'", "il faut que vous", "il faudra", "il vous faudra", "il faut", "vous devez",
        "vous devrez", "vous devriez", "pensez a", "n'oubliez pas de", "je vous invite a", "je vous demande de",
        "je vous conseille de", "je vous recommande de",
    ],
    deliveries: &["vous recevrez", "vous allez recevoir", "vous aurez", "vous allez avoir", "vous recevez"],
    third_future: &[
        "sera", "seront", "arrivera", "passera", "recevra", "rappellera", "contactera", "enverra", "aura",
        "va", "vont", "interviendra", "effectuera", "rembourse", "remboursera", "traitera", "partira",
    ],
    third_endings: &["era", "eront", "ira", "iront"],
    scheduled: &["arrive", "arrivent", "part", "se fait", "est envoye", "est envoyee", "est effectue", "est verse"],
    clitics: &["vous", "te", "lui", "leur", "le", "la", "les", "l'", "y", "en", "vous", "tout", "de", "suite", "aussi", "ne", "n'"],
    futures: &[("erai", "er"), ("irai", "ir"), ("rai", "re"), ("erons", "er"), ("irons", "ir")],
    not_futures: &["vrai", "vraiment"],
    infinitives: &[
        ("enverrai", "envoyer"), ("enverrons", "envoyer"), ("ferai", "faire"), ("ferons", "faire"), ("aurai", "avoir"),
        ("serai", "etre"), ("pourrai", "pouvoir"), ("verrai", "voir"), ("recevrai", "recevoir"),
        ("rappellerai", "rappeler"), ("rappellerons", "rappeler"), ("appellerai", "appeler"), ("transmettrai", "transmettre"), ("ouvre", "ouvrir"), ("fais", "faire"),
    ],
    // "nous remboursons" -> "rembourser", "envoyons" -> "envoyer".
    present_endings: &[("oie", "oyer"), ("elle", "eler"), ("ons", "er"), ("e", "er")],
    imperatives: &[
        ("prenez", "prendre"), ("joignez", "joindre"), ("mettez", "mettre"), ("faites", "faire"), ("remplissez", "remplir"),
        ("transmettez", "transmettre"), ("repondez", "répondre"), ("renvoyez", "renvoyer"), ("envoyez", "envoyer"),
    ],
    imperative_endings: &[("ez", "er")],
    you_objects: &["vous", "te", "t'"],
    contact_verbs: &["rappel", "recontact", "contact", "appel", "ecri"],
    enclitics: &[],
    particles: &[],
    verb_last: false,
    agent_person: &[
        ("je", "le conseiller"), ("j'", "le conseiller"), ("ai", "a"), ("nous avons", "ils ont"), ("mon", "son"),
        ("ma", "sa"), ("mes", "ses"), ("notre", "leur"), ("nos", "leurs"), ("suis", "est"), ("vais", "va"),
        ("peux", "peut"), ("vois", "voit"), ("votre", "son|sa"), ("vos", "ses"),
        // The customer addressed: "vous pouvez" -> "le client peut", "vous seront remboursés"
        // -> "lui seront remboursés".
        ("vous avez", "le client a|la cliente a"), ("vous pouvez", "le client peut|la cliente peut"),
        ("vous devez", "le client doit|la cliente doit"), ("vous allez", "le client va|la cliente va"),
        ("vous etes", "le client est|la cliente est"), ("vous serez", "le client sera|la cliente sera"),
        ("vous recevrez", "le client recevra|la cliente recevra"), ("vous aurez", "le client aura|la cliente aura"),
        ("vous seront", "lui seront"), ("vous sera", "lui sera"),
    ],
    customer_person: &[
        ("je", "il|elle"), ("j'", "il|elle"), ("ai", "a"), ("suis", "est"), ("mon", "son"), ("ma", "sa"),
        ("mes", "ses"), ("me", "lui"), ("m'", "lui"), ("moi", "lui|elle"), ("vais", "va"), ("veux", "veut"),
        ("voudrais", "voudrait"), ("peux", "peut"), ("dois", "doit"), ("nous avons", "ils ont"), ("notre", "leur"),
        ("nos", "leurs"), ("appelle", "appelle"), ("souhaite", "souhaite"), ("avais", "avait"), ("etais", "etait"),
    ],
    verb_endings: &[("ais", "ait"), ("ai", "a"), ("is", "it"), ("ois", "oit")],
    subjects: &["je", "j'"],
    first_person: &["je", "j'", "me", "m'", "moi", "mon", "ma", "mes", "nous", "notre", "nos"],
    reason_leads: &[
        ("j'appelle car", Because), ("j'appelle parce que", Because), ("j'appelle pour", To), ("je vous appelle car", Because),
        ("je vous appelle parce que", Because), ("je vous appelle pour", To), ("je vous contacte car", Because),
        ("je vous contacte pour", To), ("je vous ecris car", Because), ("je vous ecris pour", To),
        ("je vous ecris au sujet de", About), ("j'appelle au sujet de", About), ("je voudrais", To),
        ("je souhaiterais", To), ("je souhaite", To), ("je veux", To), ("c'est pour", To), ("c'est au sujet de", About),
    ],
    finding_leads: &["je vois que", "je constate que", "effectivement", "il semble que", "il apparait que", "je confirme que"],
    done_leads: &["j'ai", "nous avons", "c'est fait", "je viens de", "c'est note", "c'est enregistre"],
    company_leads: &["bienvenue chez", "bienvenue a", "service client", "vous etes bien chez", "ici"],
    identity: &[
        "nom complet", "date de naissance", "adresse", "code postal", "numero de client", "pour des raisons de securite",
        "verifier votre identite", "epeler", "quatre derniers", "numero de telephone", "adresse e-mail", "adresse mail",
    ],
    pleasantry: &[
        "que puis-je faire", "comment puis-je vous aider", "en quoi puis-je", "autre chose", "bonne journee",
        "bonne soiree", "au revoir", "je vous en prie", "merci pour votre appel", "un instant", "ne quittez pas",
        "je suis desole", "je suis desolee", "desole", "merci beaucoup", "avec plaisir", "merci de votre patience",
        "vous etes en contact avec",
    ],
    reference_labels: &[
        "numero de dossier", "numero de reclamation", "numero de sinistre", "numero de commande", "reference",
        "numero de ticket", "numero de suivi",
    ],
    address: (&["monsieur", "m"], &["madame", "mme", "mademoiselle"]),
    due: Due {
        patterns: &[
            "aujourd'hui", "aujourd'hui meme", "demain", "ce soir", "cet apres-midi", "cette semaine", "la semaine prochaine",
            "d' ici @d", "avant @d", "@d prochain", "sous # @u", "dans les # @u", "dans les # prochains @u", "dans # @u",
            "d' ici # @u", "le # @m", "avant le # @m", "dans la journee", "dans l' heure", "d' ici la fin de la semaine",
            "d' ici ce soir", "d' ici demain", "d' ici la fin du mois", "sous huitaine", "des demain", "en fin de journee",
            "entre # et # @u",
        ],
        numbers: &[
            "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "quinze", "vingt", "trente",
            "quarante-huit", "soixante-douze",
        ],
        days: &["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        months: &[
            "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
            "decembre",
        ],
        units: &["heure", "heures", "h", "jour", "jours", "semaine", "semaines", "mois", "minutes"],
        unit_adjectives: &["ouvres", "ouvrables", "calendaires"],
    },
    phrases: Phrases {
        customer: "le client|la cliente",
        agent: "le conseiller",
        company: "le service client",
        contacted: ["{c} a appelé {x}", "{c} a écrit à {x}", "{c} a contacté {x}"],
        outbound: "{x} a contacté {c}",
        links: [" au sujet de ", " car ", " pour ", " car "],
        found: "{a} a constaté que",
        said: "{a} a indiqué que",
        agent_will: "{a} va",
        customer_will: "{c} va",
        customer_must: "{c} doit",
        send: "envoyer au client",
        customer_object: "le client|la cliente",
        and: "et",
        empty: "La conversation ne contient rien à résumer.",
    },
};
