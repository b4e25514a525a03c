//! Italian.

use super::Link::{About, Because, To};
use super::Words;
use super::table::{Due, Phrases, Table};

#[rustfmt::skip]
pub(super) static TABLE: Table = Table {
    words: Words {
        fillers: &["ehm", "eh", "uhm", "mmm", "mm", "cioe", "ah", "beh", "mah"],
        hedges: &["tipo", "praticamente", "insomma", "diciamo"],
        openers: &[
            "allora", "dunque", "ok", "okay", "va", "bene", "si", "certo", "perfetto", "benissimo", "grazie",
            "buongiorno", "buonasera", "salve", "ecco", "senta", "guardi", "ah", "oh", "e", "ma", "quindi", "poi",
            "esatto", "capisco", "ottimo", "gentile", "no", "infatti", "d'accordo",
        ],
        conjunctions: &["e", "ma", "o", "quindi", "poi", "allora"],
        clause_starts: &["io", "le", "ci", "mi", "lei", "noi", "se", "quando", "perche", "la", "lo", "gli"],
        titles: &["signor", "signora", "signore", "signorina", "dottor", "dottoressa", "sig", "sig.ra"],
        determiners: &["il", "lo", "la", "i", "gli", "le", "un", "una", "uno", "suo", "sua", "mio", "mia", "questo", "questa"],
        salutations: &["gentile", "buongiorno", "salve", "egregio", "spettabile", "ciao", "caro", "cara"],
    subordinators: &["se", "quando", "perche", "poiche", "siccome", "come", "anche", "prima", "dopo", "mentre", "finche"],
    tags: &["glielo prometto", "glielo garantisco", "te lo prometto", "glielo assicuro", "giusto", "corretto", "va bene", "d'accordo", "ok", "vero", "e corretto", "e giusto", "le va bene", "ti va bene", "si"],
    },
    promises: &[
        "adesso le", "ora le", "provvedo a", "mi occupo io di", "mi occupo di", "ci pensiamo noi a", "mi impegno a", "sto per",
        "vado a", "posso", "possiamo", "le garantisco che", "ti garantisco che", "le prometto che", "ti prometto che",
    ],
    self_verbs: &[
        "mand", "invi", "apr", "sped", "attiv", "blocc", "richiam", "chiam", "inoltr", "segnal", "registr", "prenot",
        "storn", "mett", "emett", "aggiung", "applic", "accredit", "annull", "rimbors", "fiss", "ricontatt", "sollecit",
    ],
    drop: &[],
    in_call: &["verific", "controll", "guard", "vedo", "cerc", "consult"],
    requests: &[
        "per favore", "deve", "dovra", "dovrebbe", "le chiedo di", "la prego di", "si ricordi di", "non dimentichi di",
        "e necessario che", "basta che", "le consiglio di", "mi raccomando", "occorre",
    ],
    deliveries: &[
        "ricevera", "le arrivera", "le arriveranno", "le verra inviata", "le verra inviato", "le arriva", "riceverai", "ti arriva",
        "ti arrivera", "ti arriveranno",
    ],
    third_future: &[
        "sara", "saranno", "arrivera", "arriveranno", "passera", "verra", "verranno", "ricevera", "partira",
        "richiamera", "contattera", "effettuera", "rimborsera", "provvedera",
    ],
    third_endings: &["era", "ira", "eranno", "iranno"],
    scheduled: &["arriva", "arrivano", "parte", "viene inviata", "viene inviato", "viene spedita", "viene spedito"],
    clitics: &["le", "la", "lo", "gli", "ci", "vi", "ne", "mi", "io", "subito", "oggi", "anche", "gia", "adesso", "ora", "stesso", "stessa"],
    futures: &[("ero", "are"), ("iro", "ire"), ("eremo", "are"), ("iremo", "ire")],
    not_futures: &[
        "numero", "vero", "davvero", "intero", "zero", "libero", "pensiero", "straniero", "sincero", "chiaro",
        "caro", "raro", "mero", "euro", "cero", "intero", "leggero", "nero", "sapevo", "zero",
    ],
    infinitives: &[
        ("faro", "fare"), ("saro", "essere"), ("avro", "avere"), ("potro", "potere"), ("dovro", "dovere"),
        ("daro", "dare"), ("mettero", "mettere"), ("provvedero", "provvedere"), ("rispondero", "rispondere"),
        ("trasmettero", "trasmettere"), ("apro", "aprire"), ("spedisco", "spedire"), ("faremo", "fare"),
        // The committing verbs not in "-are" in the present, and every committing verb's "we"
        // form, which no ending tells apart ("chiamo" ends like "blocchiamo").
        ("metto", "mettere"), ("emetto", "emettere"), ("aggiungo", "aggiungere"),
        ("mandiamo", "mandare"), ("inviamo", "inviare"), ("apriamo", "aprire"), ("spediamo", "spedire"),
        ("attiviamo", "attivare"), ("blocchiamo", "bloccare"), ("richiamiamo", "richiamare"),
        ("chiamiamo", "chiamare"), ("inoltriamo", "inoltrare"), ("segnaliamo", "segnalare"),
        ("registriamo", "registrare"), ("prenotiamo", "prenotare"), ("storniamo", "stornare"),
        ("mettiamo", "mettere"), ("emettiamo", "emettere"), ("aggiungiamo", "aggiungere"),
        ("applichiamo", "applicare"), ("accreditiamo", "accreditare"), ("annulliamo", "annullare"),
        ("rimborsiamo", "rimborsare"), ("fissiamo", "fissare"), ("ricontattiamo", "ricontattare"),
        ("sollecitiamo", "sollecitare"),
    ],
    present_endings: &[("io", "iare"), ("o", "are")],
    imperatives: &[
        ("conservi", "conservare"), ("mandi", "mandare"), ("invii", "inviare"), ("spedisca", "spedire"), ("porti", "portare"),
        ("chiami", "chiamare"), ("alleghi", "allegare"), ("compili", "compilare"), ("firmi", "firmare"), ("faccia", "fare"),
        ("scriva", "scrivere"), ("risponda", "rispondere"), ("paghi", "pagare"), ("carichi", "caricare"), ("ritiri", "ritirare"),
        ("scrivi", "scrivere"), ("rispondi", "rispondere"),
        ],
    imperative_endings: &[],
    you_objects: &["la", "le", "ti"],
    contact_verbs: &["richiam", "chiam", "contatt", "scriv", "risent"],
    enclitics: &["gliela", "glielo", "gliele", "glieli", "le", "la", "lo", "gli", "li", "mi", "ci", "vi", "ne"],
    particles: &[],
    verb_last: false,
    agent_person: &[
        ("io", "l'operatore"), ("ho", "ha"), ("abbiamo", "hanno"), ("vedo", "vede"), ("posso", "puo"),
        ("mio", "suo"), ("mia", "sua"), ("miei", "suoi"), ("mie", "sue"), ("nostro", "loro"), ("nostra", "loro"),
        ("noi", "loro"), ("sto", "sta"), ("faccio", "fa"),
    ],
    customer_person: &[
        ("io", "il cliente|la cliente"), ("ho", "ha"), ("sono", "e"), ("mi", "gli|le"), ("mio", "suo"), ("mia", "sua"),
        ("miei", "suoi"), ("mie", "sue"), ("vorrei", "vorrebbe"), ("volevo", "voleva"), ("devo", "deve"),
        ("posso", "puo"), ("chiamo", "chiama"), ("scrivo", "scrive"), ("avevo", "aveva"), ("ero", "era"),
        ("abbiamo", "hanno"), ("noi", "loro"), ("ci", "gli"), ("nostro", "loro"), ("nostra", "loro"), ("me", "lui|lei"),
        ("ricevuto", "ricevuto"), ("sto", "sta"), ("faccio", "fa"), ("pago", "paga"), ("ricevo", "riceve"),
    ],
    verb_endings: &[],
    subjects: &["io"],
    first_person: &["io", "mi", "mio", "mia", "miei", "mie", "noi", "nostro", "nostra", "me"],
    reason_leads: &[
        ("chiamo perche", Because), ("la chiamo perche", Because), ("vi chiamo perche", Because), ("chiamo per", About),
        ("vi scrivo perche", Because), ("le scrivo perche", Because), ("scrivo perche", Because), ("vi scrivo per", To),
        ("vorrei", To), ("volevo", To), ("ho bisogno di", To), ("e che", Because),
    ],
    finding_leads: &["vedo che", "risulta che", "in effetti", "confermo che", "verifico che", "mi risulta che"],
    done_leads: &["ho", "abbiamo", "ho gia", "le ho", "ho appena", "fatto", "e stato", "e stata"],
    company_leads: &["benvenuto in", "benvenuti in", "benvenuto a", "servizio clienti", "sono", "qui"],
    identity: &[
        "nome e cognome", "codice fiscale", "data di nascita", "indirizzo", "codice cliente", "per sicurezza",
        "verifica", "numero di telefono", "cellulare", "email", "ultime quattro",
    ],
    pleasantry: &[
        "come posso aiutarla", "in cosa posso", "posso aiutarla", "altro", "buona giornata", "buona serata", "arrivederci",
        "si figuri", "prego", "un attimo", "un momento", "mi dispiace", "grazie mille", "grazie a lei", "sono",
        "si chiama", "mi chiamo",
    ],
    reference_labels: &["numero di pratica", "numero di ticket", "ticket", "numero di sinistro", "numero dell'ordine", "numero ordine", "codice", "riferimento"],
    address: (&["signor", "signore", "sig"], &["signora", "sig.ra", "signorina", "dottoressa"]),
    due: Due {
        patterns: &[
            "oggi", "oggi stesso", "in giornata", "domani", "dopodomani", "entro @d", "entro # @u", "entro domani",
            "entro oggi", "entro il # @m", "entro fine settimana", "entro la fine della settimana", "nei prossimi # @u",
            "tra # @u", "fra # @u", "la prossima settimana", "questa settimana", "@d prossimo", "entro le @t",
            "entro il @d", "in # @u",
        ],
        numbers: &["un", "una", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "dieci", "quindici", "venti", "trenta"],
        days: &["lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica"],
        months: &[
            "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
            "novembre", "dicembre",
        ],
        units: &["ora", "ore", "giorno", "giorni", "settimana", "settimane", "mese", "mesi", "minuti"],
        unit_adjectives: &["lavorativi", "lavorative", "solari"],
    },
    phrases: Phrases {
        customer: "il cliente|la cliente",
        agent: "l'operatore",
        company: "il servizio clienti",
        contacted: ["{c} ha chiamato {x}", "{c} ha scritto a {x}", "{c} ha contattato {x}"],
        outbound: "{x} ha contattato {c}",
        links: [" per ", " perché ", " per ", " perché "],
        found: "{a} ha verificato che",
        said: "{a} ha spiegato che",
        agent_will: "{a} deve",
        customer_will: "{c} deve",
        customer_must: "{c} deve",
        send: "inviare al cliente",
        customer_object: "il cliente|la cliente",
        and: "e",
        empty: "La conversazione non contiene nulla da riassumere.",
    },
};
