//! Portuguese (Portugal and Brazil).

use super::Link::{About, Because, To};
use super::Words;
use super::table::{Due, Phrases, Table};

#[rustfmt::skip]
pub(super) static TABLE: Table = Table {
    words: Words {
        fillers: &["eh", "ehm", "hum", "hmm", "tipo", "ah", "uh"],
        hedges: &["tipo", "assim", "digamos", "pronto"],
        openers: &[
            "entao", "bom", "ok", "okay", "certo", "sim", "claro", "perfeito", "otimo", "obrigado", "obrigada",
            "ola", "oi", "bom", "dia", "boa", "tarde", "noite", "pois", "olhe", "olha", "e", "mas", "ah", "ta",
            "beleza", "exato", "entendi", "percebo", "prezado", "prezada", "caro", "cara",
        ],
        conjunctions: &["e", "mas", "ou", "entao", "pois"],
        clause_starts: &["eu", "nos", "voce", "o", "a", "se", "quando", "porque", "lhe", "te", "vou", "vamos"],
        titles: &["senhor", "senhora", "sr", "sra", "dona", "dr", "dra"],
        determiners: &["o", "a", "os", "as", "um", "uma", "seu", "sua", "meu", "minha", "este", "esta"],
        salutations: &["ola", "oi", "prezado", "prezada", "caro", "cara", "bom", "boa", "exmo", "exma"],
    subordinators: &["se", "quando", "porque", "como", "embora", "enquanto", "antes", "depois", "assim", "caso"],
    tags: &["prometo-lhe", "garanto-lhe", "eu prometo", "lhe prometo", "certo", "correto", "esta certo", "esta correto", "pode ser", "ok", "combinado", "tudo bem", "ne", "sim", "confere"],
    },
    promises: &["vou", "vamos", "eu vou", "a gente vai", "fico de", "me comprometo a", "comprometo-me a", "estou a", "ja vou"],
    self_verbs: &[
        "envi", "mand", "abr", "regist", "ligo", "trat", "deixo", "agend", "marc", "cancel", "bloque", "reembols", "credit",
        "aplic", "ativ", "reenvi", "devolv", "estorn", "encaminh",
    ],
    drop: &[],
    in_call: &["verific", "confer", "ver", "olh", "consult", "procur", "confirm"],
    requests: &[
        "por favor", "tem de", "tem que", "tera de", "tera que", "precisa", "vai precisar", "deve", "devera",
        "lembre-se de", "nao se esqueca de", "peco-lhe que", "e so", "basta",
    ],
    deliveries: &["vai receber", "recebera", "vai chegar", "lhe chega", "vai-lhe chegar", "voce recebe", "voce vai receber", "recebe"],
    third_future: &[
        "sera", "serao", "vai", "vao", "chegara", "passara", "recebera", "ligara", "fara", "tera", "ira", "entrara",
        "estara",
    ],
    third_endings: &["ara", "era", "ira", "arao", "erao", "irao"],
    scheduled: &["chega", "chegam", "segue", "sai", "e feito", "e enviado", "e enviada"],
    clitics: &["lhe", "te", "o", "a", "os", "as", "ja", "agora", "tambem", "eu", "hoje", "mesmo", "se", "amanha", "proprio", "propria"],
    futures: &[("arei", "ar"), ("erei", "er"), ("irei", "ir"), ("aremos", "ar"), ("eremos", "er"), ("iremos", "ir")],
    not_futures: &[],
    infinitives: &[("farei", "fazer"), ("faremos", "fazer"), ("direi", "dizer"), ("trarei", "trazer"), ("abro", "abrir"), ("ligo", "ligar")],
    // "bloqueio" -> "bloquear" (not "bloqueiar"), "envio" -> "enviar".
    present_endings: &[("amos", "ar"), ("emos", "er"), ("imos", "ir"), ("eio", "ear"), ("io", "iar"), ("o", "ar")],
    imperatives: &[
        ("guarde", "guardar"), ("envie", "enviar"), ("mande", "mandar"), ("ligue", "ligar"), ("traga", "trazer"),
        ("anexe", "anexar"), ("assine", "assinar"), ("preencha", "preencher"), ("leve", "levar"), 
        ("pague", "pagar"), ("responda", "responder"), ("escreva", "escrever"), ("faca", "fazer"), ("tire", "tirar"),
        ("devolva", "devolver"),
    ],
    imperative_endings: &[],
    you_objects: &["lhe", "te", "-lhe", "-te"],
    contact_verbs: &["lig", "contact", "escrev"],
    enclitics: &["-lhe", "-lo", "-la", "-los", "-las", "-me", "-te", "-nos", "-o", "-a"],
    particles: &[],
    verb_last: false,
    agent_person: &[
        ("eu", "o atendente"), ("vou", "vai"), ("vamos", "vao"), ("tenho", "tem"), ("estou", "esta"), ("posso", "pode"),
        ("vejo", "ve"), ("meu", "seu"), ("minha", "sua"), ("nosso", "seu"), ("nossa", "sua"), ("nos", "eles"),
        ("fiz", "fez"), ("enviei", "enviou"), ("abri", "abriu"), ("registei", "registou"), ("registrei", "registrou"),
    ],
    customer_person: &[
        ("eu", "o cliente|a cliente"), ("tenho", "tem"), ("estou", "esta"), ("sou", "e"), ("quero", "quer"),
        ("queria", "queria"), ("gostaria", "gostaria"), ("preciso", "precisa"), ("recebi", "recebeu"),
        ("liguei", "ligou"), ("fiz", "fez"), ("paguei", "pagou"), ("comprei", "comprou"), ("pedi", "pediu"),
        ("me", "lhe"), ("meu", "seu"), ("minha", "sua"), ("meus", "seus"), ("minhas", "suas"), ("vou", "vai"),
        ("posso", "pode"), ("estava", "estava"), ("tinha", "tinha"), ("nos", "eles"), ("nosso", "seu"), ("nossa", "sua"),
        ("mim", "ele|ela"), ("comigo", "com ele|com ela"), ("consigo", "consegue"), ("fui", "foi"),
    ],
    verb_endings: &[("ei", "ou")],
    subjects: &["eu"],
    first_person: &["eu", "me", "meu", "minha", "meus", "minhas", "mim", "comigo", "nos", "nosso", "nossa"],
    reason_leads: &[
        ("estou ligando porque", Because), ("estou a ligar porque", Because), ("liguei porque", Because),
        ("estou ligando para", To), ("estou a ligar para", To), ("escrevo porque", Because), ("escrevo para", To),
        ("estou escrevendo porque", Because), ("estou a escrever porque", Because), ("gostaria de", To),
        ("queria", To), ("preciso", To), ("e que", Because), ("estou a contactar porque", Because),
        ("estou entrando em contato porque", Because), ("sobre", About),
    ],
    finding_leads: &["vejo que", "estou vendo que", "estou a ver que", "verifico que", "confirmo que", "de fato", "realmente"],
    done_leads: &["ja", "acabei de", "eu ja", "fiz", "enviei", "abri", "registei", "registrei", "cancelei", "bloqueei", "esta feito"],
    company_leads: &["bem-vindo a", "bem-vindo ao", "bem-vinda a", "obrigado por ligar para", "obrigada por ligar para", "aqui e"],
    identity: &[
        "nome completo", "cpf", "nif", "data de nascimento", "morada", "endereco", "codigo postal", "cep",
        "por seguranca", "confirmar os dados", "numero de telefone", "telemovel", "celular", "e-mail", "email",
    ],
    pleasantry: &[
        "em que posso ajudar", "como posso ajudar", "mais alguma coisa", "bom dia", "boa tarde", "tenha um",
        "de nada", "obrigado por ligar", "obrigada por ligar", "um momento", "so um momento", "lamento", "peco desculpa",
        "disponha", "muito obrigado", "muito obrigada", "se chama", "me chamo", "abracos",
    ],
    reference_labels: &["numero de protocolo", "protocolo", "numero do pedido", "numero de processo", "numero do sinistro", "referencia", "numero de ocorrencia"],
    address: (&["senhor", "sr"], &["senhora", "sra", "dona"]),
    due: Due {
        patterns: &[
            "hoje", "ainda hoje", "hoje mesmo", "amanha", "ate @d", "ate # @u", "em ate # @u", "no prazo de # @u",
            "dentro de # @u", "em # @u", "nas proximas # @u", "esta semana", "na proxima semana", "ate ao fim do dia",
            "ate o fim do dia", "ate ao final do dia", "ate o final do dia", "na @d", "ate amanha", "ate dia # de @m",
            "ate ao dia #", "no dia # de @m", "em # a # @u", "entre # e # @u", "de # a # @u",
        ],
        numbers: &["um", "uma", "dois", "duas", "tres", "quatro", "cinco", "seis", "sete", "oito", "dez", "quinze", "vinte", "trinta"],
        days: &[
            "segunda", "terca", "quarta", "quinta", "sexta", "sabado", "domingo", "segunda-feira", "terca-feira",
            "quarta-feira", "quinta-feira", "sexta-feira",
        ],
        months: &[
            "janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
            "novembro", "dezembro",
        ],
        units: &["hora", "horas", "dia", "dias", "semana", "semanas", "mes", "meses", "minutos"],
        unit_adjectives: &["uteis", "corridos"],
    },
    phrases: Phrases {
        customer: "o cliente|a cliente",
        agent: "o atendente",
        company: "a empresa",
        contacted: ["{c} ligou para {x}", "{c} escreveu para {x}", "{c} contactou {x}"],
        outbound: "{x} contactou {c}",
        links: [" sobre ", " porque ", " para ", " porque "],
        found: "{a} verificou que",
        said: "{a} informou que",
        agent_will: "{a} vai",
        customer_will: "{c} vai",
        customer_must: "{c} deve",
        send: "enviar ao cliente",
        customer_object: "ao cliente|à cliente",
        and: "e",
        empty: "A conversa não tem conteúdo para resumir.",
    },
};
