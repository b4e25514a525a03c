//! Irregular English and French verb forms read as their infinitive before stemming: summaries
//! are written in the past ("the agent did not send the form", "n'a pas envoyé") while calls
//! say "I've sent it" and "je vous envoie", and the stemmer leaves "sent" apart from "send" and
//! "envoyé" apart from "envoie". Forms that are mostly other words ("left" aside from leaving,
//! "saw", "rose", "fait", "remise" the discount) are left out.

use super::Language;

/// English past forms and participles, folded, with their infinitive.
#[rustfmt::skip]
const ENGLISH: &[(&str, &str)] = &[
    ("became", "become"), ("began", "begin"), ("begun", "begin"), ("bought", "buy"),
    ("broke", "break"), ("broken", "break"), ("brought", "bring"), ("built", "build"),
    ("came", "come"), ("caught", "catch"), ("chose", "choose"), ("chosen", "choose"),
    ("dealt", "deal"), ("done", "do"), ("drawn", "draw"), ("drew", "draw"), ("driven", "drive"),
    ("drove", "drive"), ("forgot", "forget"), ("forgotten", "forget"), ("found", "find"),
    ("froze", "freeze"), ("frozen", "freeze"), ("gave", "give"), ("given", "give"), ("gone", "go"),
    ("got", "get"), ("gotten", "get"), ("heard", "hear"), ("held", "hold"), ("kept", "keep"),
    ("knew", "know"), ("known", "know"), ("lent", "lend"), ("lost", "lose"), ("made", "make"),
    ("meant", "mean"), ("met", "meet"), ("mislaid", "mislay"), ("overpaid", "overpay"),
    ("paid", "pay"), ("prepaid", "prepay"), ("ran", "run"), ("rang", "ring"),
    ("rebuilt", "rebuild"), ("repaid", "repay"), ("resent", "resend"), ("rewritten", "rewrite"),
    ("rewrote", "rewrite"), ("rung", "ring"), ("said", "say"), ("seen", "see"), ("sent", "send"),
    ("shown", "show"), ("sold", "sell"), ("sought", "seek"), ("spent", "spend"),
    ("spoke", "speak"), ("spoken", "speak"), ("stole", "steal"), ("stolen", "steal"),
    ("stood", "stand"), ("stuck", "stick"), ("taken", "take"), ("taught", "teach"),
    ("thought", "think"), ("told", "tell"), ("took", "take"), ("underpaid", "underpay"),
    ("understood", "understand"), ("went", "go"), ("withdrawn", "withdraw"),
    ("withdrew", "withdraw"), ("woke", "wake"), ("woken", "wake"), ("wore", "wear"),
    ("worn", "wear"), ("written", "write"), ("wrote", "write"),
];

/// French forms, folded, whose stem is not their infinitive's: the past participles and the
/// futures and presents of a few verbs of service ("envoyé", "enverra", "reçu", "viendra").
#[rustfmt::skip]
const FRENCH: &[(&str, &str)] = &[
    ("enverra", "envoyer"), ("enverrai", "envoyer"), ("enverrez", "envoyer"),
    ("enverrons", "envoyer"), ("enverront", "envoyer"), ("envoye", "envoyer"),
    ("envoyee", "envoyer"), ("envoyees", "envoyer"), ("envoyes", "envoyer"), ("mis", "mettre"),
    ("mise", "mettre"), ("mises", "mettre"), ("offert", "offrir"), ("offerte", "offrir"),
    ("ouvert", "ouvrir"), ("ouverte", "ouvrir"), ("pris", "prendre"), ("prise", "prendre"),
    ("promis", "promettre"), ("promise", "promettre"), ("recevra", "recevoir"),
    ("recevrez", "recevoir"), ("recois", "recevoir"), ("recoit", "recevoir"), ("recu", "recevoir"),
    ("recue", "recevoir"), ("recues", "recevoir"), ("recus", "recevoir"), ("renverra", "renvoyer"),
    ("renverrai", "renvoyer"), ("renvoye", "renvoyer"), ("renvoyee", "renvoyer"),
    ("transmis", "transmettre"), ("transmise", "transmettre"), ("venu", "venir"),
    ("venue", "venir"), ("viendra", "venir"), ("viendrai", "venir"), ("viendront", "venir"),
    ("vient", "venir"),
];

/// The infinitive of an irregular verb form (folded) of `language`, when listed (English and
/// French; German participles are regular: [`super::participles`]).
pub(super) fn infinitive(language: Language, folded: &str) -> Option<&'static str> {
    let list = match language {
        Language::En => ENGLISH,
        Language::Fr => FRENCH,
        _ => return None,
    };
    list.binary_search_by(|(form, _)| (*form).cmp(folded))
        .ok()
        .and_then(|k| list.get(k))
        .map(|(_, base)| *base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_sorted_for_their_search() {
        for list in [ENGLISH, FRENCH] {
            assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "{:?}", list.first());
        }
    }

    #[test]
    fn irregular_forms_meet_their_infinitive() {
        for (form, base) in [
            ("sent", "send"),
            ("paid", "paying"),
            ("told", "tells"),
            ("stolen", "steal"),
        ] {
            assert_eq!(Language::En.stem(form), Language::En.stem(base), "{form}");
        }
        for (form, base) in [
            ("envoye", "envoie"),
            ("enverra", "envoyer"),
            ("recu", "recevoir"),
            ("viendra", "venir"),
        ] {
            assert_eq!(Language::Fr.stem(form), Language::Fr.stem(base), "{form}");
        }
        // Words that are no verb form keep their stem.
        assert_eq!(Language::En.stem("sending"), Language::En.stem("send"));
        assert_ne!(Language::En.stem("left"), Language::En.stem("leave"));
    }
}
