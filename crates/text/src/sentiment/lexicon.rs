//! What a customer says when pleased or upset, one table per served language, written as said
//! (folded on load: lowercase, no accents). A trailing `*` matches any ending of the last word
//! ("frustrat*": frustrated, frustrating). Weights: `P1`..`P3` pleased, `U1`..`U3` upset,
//! `T` polite (thanks, good wishes: said in every call, pleased or not), `I` intensifier,
//! `X` inert (shadows a cue: "no thanks" is not a negated thanks), `R` resigned (grudging
//! acceptance: "fine.", "na gut"). A leading `^` matches only at a sentence's start.

use crate::language::Language;

pub(super) const T: i8 = 0;
pub(super) const I: i8 = 50;
pub(super) const X: i8 = 100;
pub(super) const R: i8 = 70;
const P1: i8 = 1;
const P2: i8 = 2;
const P3: i8 = 3;
const U1: i8 = -1;
const U2: i8 = -2;
const U3: i8 = -3;

pub(super) type Table = &'static [(&'static str, i8)];

pub(super) fn table(language: Language) -> Table {
    match language {
        Language::En => EN,
        Language::Es => ES,
        Language::Fr => FR,
        Language::De => DE,
        Language::It => IT,
        Language::Pt => PT,
        Language::Nl => NL,
    }
}

#[rustfmt::skip]
const EN: Table = &[
    ("^fine", R), ("ok fine", R), ("okay fine", R), ("whatever", R), ("i guess", R), ("better than nothing", R),
    ("if i have to", R), ("if you say so", R), ("it is what it is", R), ("i suppose", R),
    ("thanks", T), ("thank you", T), ("thank", T), ("thx", T), ("ta", T), ("cheers", T), ("bye", T), ("diolch", T),
    ("have a good day", P1), ("have a nice day", P1), ("go raibh maith agat", T), ("no thanks", X), ("no thank you", X),
    ("not sure", X), ("no idea", X), ("not bad", P1), ("no problem", X), ("no worries", X),
    ("thank you so much", P2), ("thanks so much", P2), ("thanks a million", P3), ("thanks a lot", P1),
    ("thank god", P2), ("thank goodness", P2), ("omg thank you", P2), ("relief", P2), ("lifesaver", P3), ("legend", P3),
    ("perfect", P2), ("great", P2), ("brilliant", P2), ("amazing", P3), ("awesome", P3), ("excellent", P3),
    ("fantastic", P3), ("wonderful", P3), ("lovely", P2), ("nice", P2), ("sweet", P2), ("grand", P2), ("super", P2),
    ("happy", P2), ("glad", P2), ("pleased", P2), ("appreciate*", P2), ("helpful", P2), ("a help", P2), ("love", P2),
    ("more like it", P2), ("that's fair", P1), ("thats fair", P1), ("good", P1), ("sorted", P1), ("works", P1),
    ("frustrat*", U3), ("ridiculous", U3), ("unacceptable", U3), ("terrible", U3), ("awful", U3), ("horrible", U3),
    ("disappoint*", U3), ("useless", U3), ("annoy*", U2), ("upset", U2), ("angry", U3), ("furious", U3), ("fed up", U3),
    ("sick of", U3), ("waste of time", U3), ("unhappy", U3), ("crazy", U2), ("way too high", U2), ("way higher", U2),
    ("nobody told me", U3), ("nobody has", U1), ("still not", U2), ("still no", U2), ("still haven't", U2),
    ("second time", U2), ("third time", U2), ("2nd time", U2), ("3rd time", U2), ("again", U1), ("i was home", U2),
    ("literally", U1), ("complain*", U2), ("cancel my", U2), ("price went up", U2), ("ugh", U1), ("oh no", U1),
    ("worried", U1), ("wrong", U1), ("smashed", U1), ("charged twice", U2), ("don't trust", U2), ("dont trust", U2),
    ("not correct", U2), ("shock", U1), ("unauthori*", U1), ("hurry", U1), ("however", U1),
    ("very", I), ("really", I), ("so", I), ("extremely", I), ("absolutely", I), ("totally", I),
];

#[rustfmt::skip]
const ES: Table = &[
    ("qué le vamos a hacer", R), ("ni modo", R), ("algo es algo", R), ("si no hay más remedio", R), ("qué remedio", R),
    ("gracias", T), ("vale", T), ("adiós", T), ("buen día", T), ("que tenga buen día", P1), ("no gracias", X), ("no pasa nada", X),
    ("muchas gracias", P2), ("mil gracias", P3), ("perfecto", P2), ("genial", P2), ("estupendo", P3), ("fenomenal", P3),
    ("excelente", P3), ("maravilloso", P3), ("menos mal", P2), ("se lo agradezco", P2), ("muy amable", P2),
    ("contento", P2), ("contenta", P2), ("qué bien", P2), ("de lujo", P2), ("me parece bien", P1), ("bien", P1),
    ("enfadad*", U3), ("harto", U3), ("harta", U3), ("molest*", U2), ("indignante", U3), ("inaceptable", U3),
    ("vergüenza", U3), ("rabia", U3), ("fatal", U2), ("desastre", U3), ("decepcionad*", U3), ("nerviosa", U2),
    ("nervioso", U2), ("no puedo más", U3), ("no hay derecho", U3), ("no hay por dónde", U3), ("madre mía", U2),
    ("otra vez", U2), ("nadie sabe nada", U3), ("sustos", U2), ("que no se vuelva a repetir", U2), ("mil veces", U2),
    ("segunda vez", U2), ("tercera vez", U2), ("todavía no", U2), ("aún no", U2), ("un peligro", U2), ("robado", U1),
    ("sin nada", U2), ("queja", U2), ("reclamación", U1), ("de verdad", I), ("muy", I), ("mucho", I),
];

#[rustfmt::skip]
const FR: Table = &[
    ("tant pis", R), ("c'est déjà ça", R), ("si vous le dites", R), ("bon bah", R), ("on fera avec", R),
    ("merci", T), ("bonne journée", P1), ("bonne soirée", P1), ("m'être énervé", P2), ("excusez-moi", P1), ("au revoir", T), ("non merci", X),
    ("merci beaucoup", P2), ("merci mille fois", P3), ("parfait", P2), ("super", P2), ("génial", P2), ("top", P2),
    ("ravi", P3), ("ravie", P3), ("content", P2), ("contente", P2), ("satisfait*", P2), ("rassuré*", P2),
    ("soulagé*", P2), ("excellent", P3), ("très bien", P2), ("impeccable", P3), ("c'est gentil", P2), ("volontiers", P1),
    ("inadmissible", U3), ("inacceptable", U3), ("scandaleux", U3), ("énervé*", U3), ("agacé*", U2), ("mécontent*", U3),
    ("déçu*", U3), ("furieu*", U3), ("inquiet*", U2), ("toujours rien", U3), ("toujours pas", U2), ("ras-le-bol", U3),
    ("n'importe quoi", U3), ("pénible", U2), ("catastrophe", U3), ("pas normal", U3), ("pas possible", U2),
    ("ça va pas", U3), ("franchement", U2), ("deuxième fois", U2), ("troisième fois", U2), ("2e fois", U2),
    ("3e fois", U2), ("encore", U1), ("confiance", U1), ("j'ai rien reçu", U2), ("mais non", U2), ("comment c'est possible", U3),
    ("vraiment", I), ("très", I), ("trop", I),
];

#[rustfmt::skip]
const DE: Table = &[
    ("na gut", R), ("immerhin", R), ("was soll's", R), ("wenn's sein muss", R), ("notgedrungen", R), ("naja", R),
    ("danke", T), ("tschüss", T), ("schönen tag", P1), ("schöne tag", P1), ("merci", T), ("grüezi", X), ("nein danke", X),
    ("vielen dank", P2), ("danke schön", P2), ("herzlichen dank", P2), ("super", P2), ("prima", P2), ("perfekt", P2),
    ("toll", P2), ("klasse", P2), ("wunderbar", P3), ("zufrieden", P2), ("froh", P2), ("erleichtert", P2),
    ("hervorragend", P3), ("fair", P1), ("sehr gut", P2), ("gut", P1), ("hat funktioniert", P2),
    ("ärger*", U3), ("verärgert", U3), ("sauer", U3), ("unverschämt", U3), ("unmöglich", U3), ("frechheit", U3),
    ("enttäuscht", U3), ("genervt", U3), ("nervt", U3), ("katastrophe", U3), ("witz", U3), ("schlecht", U2),
    ("beschwerde", U2), ("schon wieder", U2), ("zweite mal", U2), ("dritte mal", U2), ("immer noch", U2),
    ("nicht leisten", U2), ("geklaut", U1), ("gestohlen", U1), ("kaputt", U1), ("sorgen", U1), ("doch schon", U2),
    ("wirklich", I), ("sehr", I), ("echt", I),
];

#[rustfmt::skip]
const IT: Table = &[
    ("pazienza", R), ("vabbè", R), ("meglio di niente", R), ("se proprio devo", R), ("che ci vuoi fare", R),
    ("grazie", T), ("buona giornata", P1), ("non riesco più", U2), ("bloccato", U1), ("bloccata", U1), ("arrivederci", T), ("no grazie", X),
    ("grazie mille", P2), ("perfetto", P2), ("ottimo", P2), ("benissimo", P3), ("gentilissim*", P3),
    ("contento", P2), ("contenta", P2), ("soddisfatt*", P2), ("meno male", P2), ("fantastico", P3), ("giusto", P1),
    ("risolto", P2), ("sollevat*", P2), ("splendido", P3), ("bene", P1), ("almeno questo", P2), ("finalmente", P1),
    ("arrabbiat*", U3), ("inaccettabile", U3), ("assurdo", U3), ("vergogna", U3), ("delus*", U3), ("stufo", U3),
    ("stufa", U3), ("seccat*", U2), ("preoccupat*", U2), ("di nuovo", U2), ("reclamo", U2), ("pessimo", U3),
    ("disastro", U3), ("scandaloso", U3), ("presa in giro", U3), ("non è possibile", U3), ("seconda volta", U2),
    ("terza volta", U2), ("nessuno mi ha avvisato", U3), ("nessuno ha suonato", U2), ("non mi fido", U2),
    ("non funziona", U2), ("urgente", U1), ("alzato la voce", P2), ("speriamo", U1), ("ma come", U2),
    ("sinceramente", U1), ("molto", I), ("davvero", I), ("proprio", I),
];

#[rustfmt::skip]
const PT: Table = &[
    ("paciência", R), ("fazer o quê", R), ("melhor que nada", R), ("é o que há", R), ("se não tem outro jeito", R),
    ("obrigado", T), ("obrigada", T), ("obg", T), ("valeu", T), ("não obrigada", X), ("não obrigado", X),
    ("muito obrigado", P2), ("muito obrigada", P2), ("perfeito", P2), ("ótimo", P2), ("ótima", P2), ("excelente", P3),
    ("maravilha", P3), ("contente", P2), ("satisfeit*", P2), ("aliviad*", P2), ("resolvido", P2), ("beleza", P2),
    ("muito bem", P2), ("que bom", P2), ("ainda bem", P2), ("está ótimo", P1),
    ("irritad*", U3), ("chatead*", U3), ("absurdo", U3), ("inaceitável", U3), ("vergonha", U3), ("decepcionad*", U3),
    ("farto", U3), ("farta", U3), ("preocupad*", U2), ("de novo", U2), ("outra vez", U2), ("reclamação", U2),
    ("péssimo", U3), ("horrível", U3), ("ninguém me avisou", U3), ("ninguém me falou", U3), ("até agora nada", U3),
    ("duas vezes", U2), ("ainda não", U2), ("sério", U2), ("como é que isto é possível", U3), ("mudo de banco", U3), ("espero mesmo", U2),
    ("é muito", U2), ("quero meu dinheiro", U2), ("quero o meu dinheiro", U2), ("muito", I), ("mesmo", I),
];

#[rustfmt::skip]
const NL: Table = &[
    ("da's al iets", R), ("dat is al iets", R), ("het is niet anders", R), ("nou ja", R), ("vooruit dan maar", R),
    ("bedankt", T), ("dank u", T), ("dank je", T), ("dank", T), ("merci", T), ("fijne dag", P1), ("thnx", T), ("thx", T), ("doei", T),
    ("nee dank", X), ("dank u wel", P1), ("dank je wel", P1), ("hartelijk dank", P2), ("super", P2), ("top", P2),
    ("perfect", P2), ("prima", P1), ("fijn", P2), ("geweldig", P3), ("blij", P2), ("tevreden", P2), ("opgelucht", P2),
    ("lucht op", P2), ("fantastisch", P3), ("mooi", P2), ("opgelost", P2), ("snelle afhandeling", P2),
    ("boos", U3), ("kwaad", U3), ("geïrriteerd", U3), ("teleurgesteld", U3), ("belachelijk", U3), ("onacceptabel", U3),
    ("schandalig", U3), ("vervelend", U2), ("balen", U2), ("klacht", U2), ("alweer", U2), ("opgelicht", U3),
    ("kwijt", U1), ("spaargeld", U1), ("tekeerging", P2), ("snap echt niet", U3), ("kan toch niet", U3),
    ("al twee keer", U2), ("al drie keer", U2), ("nog altijd niks", U3), ("nog steeds niet", U2), ("kapot", U1),
    ("gebroken", U1), ("echt", I), ("heel", I), ("erg", I),
];
