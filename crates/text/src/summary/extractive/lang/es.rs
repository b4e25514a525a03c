//! Spanish.

use super::Link::{About, Because, None as Plain, To};
use super::Words;
use super::table::{Due, Phrases, Table};

#[rustfmt::skip]
pub(super) static TABLE: Table = Table {
    words: Words {
        fillers: &["eh", "em", "ehm", "mmm", "mm", "este", "ah", "uh", "um"],
        hedges: &["o sea", "pues", "bueno", "digamos", "vamos"],
        openers: &[
            "vale", "bueno", "pues", "entonces", "mire", "mira", "oiga", "oye", "hola", "si", "claro", "perfecto",
            "genial", "gracias", "muchas", "vale", "ok", "okay", "bien", "muy", "de", "acuerdo", "estupendo",
            "entendido", "hombre", "ya", "a", "ver", "y", "pero", "o", "buenos", "buenas", "dias", "tardes",
            "noches", "estimado", "estimada", "disculpe", "perdone", "lo", "siento", "ahora", "venga", "listo",
        ],
        conjunctions: &["y", "pero", "o", "pues", "asi", "entonces", "e"],
        clause_starts: &[
            "yo", "le", "te", "me", "nos", "se", "lo", "la", "usted", "ustedes", "voy", "vamos", "he", "hemos",
            "tengo", "quiero", "necesito", "si", "cuando", "porque", "por", "favor", "ademas",
        ],
        titles: &["senor", "senora", "senorita", "don", "dona", "sr", "sra"],
        determiners: &["el", "la", "los", "las", "un", "una", "su", "sus", "mi", "mis", "este", "esta"],
        salutations: &["hola", "estimado", "estimada", "estimados", "buenos", "buenas"],
    subordinators: &["si", "cuando", "porque", "aunque", "como", "mientras", "hasta", "antes", "despues", "ya que", "para que"],
    tags: &["se lo prometo", "te lo prometo", "se lo garantizo", "se lo aseguro", "verdad", "vale", "correcto", "sigue vigente", "es correcto", "de acuerdo", "si", "le parece bien", "te parece bien", "te parece", "le parece", "le va bien", "te va bien", "no"],
    },
    promises: &[
        "voy a", "vamos a", "le voy a", "te voy a", "se lo voy a", "se la voy a", "ahora le voy a", "me comprometo a",
        "yo me encargo de", "me encargo de", "encargo de", "nos encargamos de", "quedo en",
    ],
    self_verbs: &[
        "envi", "mand", "tramit", "abr", "gestion", "devuelv", "devolv", "llam", "pas", "anot", "cancel", "bloque", "reembols",
        "abon", "aplic", "program", "agend", "activ", "escal", "reenvi", "marc",
    ],
    drop: &[],
    in_call: &["revis", "comprob", "mir", "ver", "verific", "consult", "busc", "confirm", "pasar con", "esper"],
    requests: &[
        "por favor", "tiene que", "tendra que", "tendria que", "debe", "debera", "deberia", "necesita",
        "necesitara", "hace falta que", "le pido que", "le ruego que", "recuerde", "no olvide",
        "le recomiendo que", "es necesario que",
    ],
    deliveries: &[
        "recibira", "le llegara", "le llegaran", "va a recibir", "le va a llegar", "te llegara", "recibiras", "le llega",
        "te llega", "le llegan", "te llegan",
    ],
    third_future: &[
        "sera", "seran", "saldra", "llegara", "llegaran", "se devolvera", "devolvera", "pasara", "ira", "vendra",
        "se enviara", "se abonara", "se reembolsara", "recibira", "estara", "quedara", "se procesara", "se emitira",
        "se activara", "se cobrara", "se hara", "tendra", "recogera", "recogeran",
    ],
    third_endings: &["ara", "era", "ira", "aran", "eran", "iran"],
    scheduled: &["llega", "llegan", "sale", "se hace", "se envia", "se realiza", "se procesa"],
    clitics: &[
        "le", "les", "te", "se", "lo", "la", "los", "las", "me", "nos", "ya", "tambien", "ahora", "mismo", "yo",
        "hoy", "enseguida", "personalmente", "ademas",
    ],
    futures: &[("aremos", "ar"), ("eremos", "er"), ("iremos", "ir"), ("are", "ar"), ("ere", "er"), ("ire", "ir")],
    not_futures: &["pare", "quiere", "muere", "hiere", "requiere", "adquiere", "prefiere", "refiere", "sugiere"],
    infinitives: &[
        ("hare", "hacer"), ("haremos", "hacer"), ("pondre", "poner"), ("pondremos", "poner"), ("dire", "decir"),
        ("tendre", "tener"), ("abro", "abrir"), ("devuelvo", "devolver"), ("podre", "poder"), ("sabre", "saber"), ("saldre", "salir"), ("vendre", "venir"), ("mantendre", "mantener"),
        ("mantendremos", "mantener"),
    ],
    // "enviamos" -> "enviar", "devolvemos" -> "devolver", "abrimos" -> "abrir", "envío" -> "enviar".
    present_endings: &[("amos", "ar"), ("emos", "er"), ("imos", "ir"), ("io", "iar"), ("o", "ar")],
    imperatives: &[
        ("mande", "mandar"), ("envie", "enviar"), ("guarde", "guardar"), ("conserve", "conservar"), ("llame", "llamar"),
        ("traiga", "traer"), ("adjunte", "adjuntar"), ("firme", "firmar"), ("rellene", "rellenar"), ("acuda", "acudir"),
        ("encienda", "encender"), ("haga", "hacer"), ("suba", "subir"), ("descargue", "descargar"), ("devuelva", "devolver"),
        ("lleve", "llevar"), ("pague", "pagar"), ("conteste", "contestar"), ("responda", "responder"),
        ("escriba", "escribir"), ("saque", "sacar"), ],
    imperative_endings: &[],
    you_objects: &["le", "te"],
    contact_verbs: &["llam", "contact", "escrib"],
    enclitics: &["selo", "sela", "selos", "selas", "le", "les", "lo", "la", "los", "las", "me", "nos", "te"],
    particles: &[],
    verb_last: false,
    agent_person: &[
        ("yo mismo", ""), ("yo misma", ""), ("yo", "el agente"), ("he", "ha"), ("hemos", "han"), ("voy", "va"), ("vamos", "van"), ("tengo", "tiene"),
        ("veo", "ve"), ("puedo", "puede"), ("estoy", "esta"), ("mi", "su"), ("mis", "sus"), ("nuestro", "su"),
        ("nuestra", "su"), ("nuestros", "sus"), ("nuestras", "sus"), ("nosotros", "ellos"), ("me", "se"),
        ("acabo", "acaba"), ("dejo", "deja"), ("abro", "abre"), ("hago", "hace"), ("pongo", "pone"), ("tu", "su"),
        ("tus", "sus"),
        // The customer addressed: "te" and "usted" are said of them in the third person.
        ("te", "le"), ("usted", "el cliente|la cliente"), ("contigo", "con el cliente|con la cliente"),
    ],
    customer_person: &[
        ("yo", "el cliente|la clienta"), ("he", "ha"), ("hemos", "han"), ("tengo", "tiene"), ("quiero", "quiere"),
        ("queria", "queria"), ("quisiera", "queria"), ("necesito", "necesita"), ("estoy", "esta"), ("soy", "es"),
        ("llamo", "llama"), ("puedo", "puede"), ("me", "le"), ("mi", "su"), ("mis", "sus"), ("pague", "pago"),
        ("recibi", "recibio"), ("compre", "compro"), ("pedi", "pidio"), ("hice", "hizo"), ("escribo", "escribe"),
        ("voy", "va"), ("vamos", "van"), ("nos", "les"), ("nuestro", "su"), ("nuestra", "su"), ("mio", "suyo"),
        ("tenia", "tenia"), ("estaba", "estaba"), ("llegue", "llego"), ("vi", "vio"), ("intente", "intento"),
        ("conmigo", "con el cliente|con la clienta"),
    ],
    verb_endings: &[],
    subjects: &["yo"],
    first_person: &["yo", "me", "mi", "mis", "conmigo", "nosotros", "nos", "nuestro", "nuestra"],
    reason_leads: &[
        ("llamo porque", Because), ("le llamo porque", Because), ("les llamo porque", Because), ("llamaba porque", Because),
        ("te escribo porque", Because), ("les escribo porque", Because), ("le escribo porque", Because),
        ("escribo porque", Because), ("llamo por", About), ("llamaba por", About), ("llamo para", To),
        ("le escribo para", To), ("les escribo para", To), ("te escribo para", To), ("escribo para", To),
        ("les contacto porque", Because), ("contacto porque", Because), ("queria", To), ("quisiera", To),
        ("quiero", To), ("necesito", To), ("es que", Because), ("pues", Plain),
    ],
    finding_leads: &["veo que", "ya veo que", "le confirmo que", "compruebo que", "he comprobado que", "efectivamente", "parece que"],
    done_leads: &["he", "hemos", "ya he", "ya hemos", "acabo de", "le he", "ya le he", "se ha", "ya esta", "queda"],
    company_leads: &["bienvenido a", "bienvenida a", "le atiende", "gracias por llamar a", "gracias por contactar con", "de"],
    identity: &[
        "nombre completo", "dni", "nie", "fecha de nacimiento", "direccion", "codigo postal", "por seguridad",
        "titular", "me confirma", "me puede decir", "ultimos cuatro", "numero de cuenta", "correo sigue",
        "telefono", "movil", "me deletrea",
    ],
    pleasantry: &[
        "en que puedo ayudarle", "en que le puedo ayudar", "algo mas", "que tenga un buen dia", "que tenga buen dia",
        "gracias por llamar", "un momento", "no se preocupe", "de nada", "a usted", "hasta luego", "adios",
        "le atiende", "bienvenido", "gracias por su paciencia", "disculpe la espera", "le pido disculpas",
        "lo siento", "lo entiendo", "entiendo", "muchas gracias", "lamento",
        // Saying who someone is: "soy [NAME_1] de Conecta Fibra", "se llama Gerardo Pineda".
        "soy [name", "se llama", "me llamo",
    ],
    reference_labels: &[
        "numero de reclamacion", "numero de incidencia", "numero de siniestro", "numero de referencia",
        "numero de pedido", "numero de expediente", "referencia", "localizador", "numero de seguimiento",
    ],
    address: (&["senor", "don", "sr"], &["senora", "dona", "sra", "senorita"]),
    due: Due {
        patterns: &[
            "hoy mismo", "hoy", "manana", "pasado manana", "esta tarde", "esta semana", "la proxima semana",
            "la semana que viene", "antes del @d", "antes de @d", "el @d", "este @d", "el proximo @d", "en # @u",
            "en un plazo de # @u", "en un plazo maximo de # @u", "en las proximas # @u", "dentro de # @u",
            "el # de @m", "antes del # de @m", "a lo largo del dia", "entre # y # @u", "de # a # @u", "a partir del @d",
            "a lo largo de la manana", "a lo largo de la tarde", "esta misma semana", "en menos de # @u",
        ],
        numbers: &[
            "un", "una", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
            "quince", "veinte", "veinticuatro", "treinta", "cuarenta", "setenta",
        ],
        days: &["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"],
        months: &[
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
            "noviembre", "diciembre",
        ],
        units: &["hora", "horas", "dia", "dias", "semana", "semanas", "mes", "meses", "minutos"],
        unit_adjectives: &["habiles", "laborables", "naturales"],
    },
    phrases: Phrases {
        customer: "el cliente|la clienta",
        agent: "el agente",
        company: "la empresa",
        contacted: ["{c} llamó a {x}", "{c} escribió a {x}", "{c} contactó con {x}"],
        outbound: "{x} contactó con {c}",
        links: [" por ", " porque ", " para ", " porque "],
        found: "{a} comprobó que",
        said: "{a} indicó que",
        agent_will: "{a} va a",
        customer_will: "{c} va a",
        customer_must: "{c} debe",
        send: "enviar al cliente",
        customer_object: "al cliente|a la clienta",
        and: "y",
        empty: "La conversación no tiene contenido que resumir.",
    },
};
