//! Promises the summary gives a party that the party never made (a call-back, a refund, a
//! waived fee), caught, and the same promises said in other words left alone.

use super::test_calls::{call, check};
use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

fn agent_item(text: &str) -> Vec<ActionItem> {
    vec![ActionItem {
        text: text.into(),
        owner: Some(Owner::Agent),
        due_date: None,
    }]
}

/// A commitment finding: the promise given to the owner is not the owner's in the call.
fn unpromised(v: &Verification) -> bool {
    v.findings.iter().any(|f| f.kind == ErrorKind::Commitment)
}

/// The owner's promise is found (other checks may still question the wording).
fn promised(v: &Verification) -> bool {
    !v.findings.iter().any(|f| f.detail.contains("never commits"))
}

#[test]
fn a_call_back_or_refund_needs_the_owner_s_promise() {
    let en = call(
        "en-CA",
        &[
            (Agent, "Thanks for calling Northern Bank, how can I help?"),
            (
                Customer,
                "I called twice about my refund and nobody got back to me.",
            ),
            (
                Agent,
                "I'm sorry. The refund was sent on Monday, and I'll give you a ring tomorrow to confirm it arrived.",
            ),
        ],
    );
    let v = check(
        &en,
        "The agent confirmed the refund was sent.",
        agent_item("Call the customer tomorrow to confirm the refund arrived"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let quiet = call(
        "en-CA",
        &[
            (Agent, "Thanks for calling Northern Bank, how can I help?"),
            (
                Customer,
                "I called twice about my refund and nobody got back to me.",
            ),
            (
                Agent,
                "I'm sorry. The refund was sent on Monday and should arrive this week.",
            ),
        ],
    );
    let v = check(
        &quiet,
        "The agent confirmed the refund was sent.",
        agent_item("Call the customer tomorrow to confirm the refund arrived"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);

    let es = call(
        "es-ES",
        &[
            (
                Customer,
                "Me cobraron una comisión de 2,50 euros por la transferencia.",
            ),
            (
                Agent,
                "Lo siento, esa comisión no se la podemos devolver, pero mañana le llamo para confirmar la transferencia.",
            ),
        ],
    );
    let v = check(
        &es,
        "La agente revisó la transferencia.",
        agent_item("Llamar al cliente para confirmar la transferencia"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let v = check(
        &es,
        "La agente revisó la transferencia.",
        agent_item("Devolver al cliente la comisión de 2,50 euros"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);
}

#[test]
fn money_said_to_come_back_is_a_refund() {
    let en = call(
        "en-GB",
        &[(
            Agent,
            "I can see you're in credit by about thirty-eight pounds fifty so that'll come back to you",
        )],
    );
    let v = check(
        &en,
        "The customer is in credit.",
        agent_item("Refund the customer's credit of about £38.50"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let nl = call(
        "nl-NL",
        &[(
            Agent,
            "Het dubbele bedrag van € 15,13 storten we binnen 5 werkdagen terug.",
        )],
    );
    let v = check(
        &nl,
        "Er is dubbel betaald.",
        agent_item("Het dubbele bedrag van € 15,13 terugstorten"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let nl = call(
        "nl-NL",
        &[(Agent, "Ik zie twee betalingen van € 15,13 op 3 september.")],
    );
    let v = check(
        &nl,
        "Er is dubbel betaald.",
        agent_item("Het dubbele bedrag van € 15,13 terugstorten"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);
}

#[test]
fn the_person_of_the_verb_says_whose_act_it_is() {
    let item = |text: &str| agent_item(text);
    let theirs = call(
        "fr-FR",
        &[
            (
                Customer,
                "on m'a dit qu'on allait me rappeler et personne ne me rappelle jamais",
            ),
            (
                Agent,
                "alors je vois les appels vers le Maroc. si jamais l'avoir n'apparaît pas vous rappelez avec la référence du dossier",
            ),
        ],
    );
    let v = check(
        &theirs,
        "La conseillère a vu les appels.",
        item("Rappeler le client pour confirmer l'avoir"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);
    let ours = call(
        "fr-FR",
        &[(
            Agent,
            "je vous rappelle demain pour confirmer l'avoir, c'est promis",
        )],
    );
    let v = check(
        &ours,
        "La conseillère a vu l'avoir.",
        item("Rappeler le client pour confirmer l'avoir"),
    );
    assert!(promised(&v), "{:?}", v.findings);

    let de = call(
        "de-DE",
        &[(
            Agent,
            "Die Tagesflat kostet normalerweise 4,99 € pro Tag, das schreib ich Ihnen gut.",
        )],
    );
    let v = check(
        &de,
        "Die Tagesflat wurde freigeschaltet.",
        item("Die Kosten der Tagesflat gutschreiben"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let de = call(
        "de-DE",
        &[(Agent, "Die Tagesflat kostet normalerweise 4,99 € pro Tag.")],
    );
    let v = check(
        &de,
        "Die Tagesflat wurde freigeschaltet.",
        item("Die Kosten der Tagesflat gutschreiben"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);
}

#[test]
fn a_statement_before_a_tag_question_still_promises() {
    let en = call(
        "en-CA",
        &[(
            Agent,
            "The technician will call your mobile the morning of, is that still good?",
        )],
    );
    let v = check(
        &en,
        "A technician visit was booked.",
        agent_item("Call the customer's mobile the morning of the visit"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let en = call(
        "en-CA",
        &[(Agent, "Thanks for calling, how can I help you today?")],
    );
    let v = check(
        &en,
        "The customer got in touch.",
        agent_item("Call the customer back today"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);

    let es = call(
        "es-MX",
        &[(Agent, "El ajustador le llamará en una hora, ¿le parece bien?")],
    );
    let v = check(
        &es,
        "Se asignó un ajustador.",
        agent_item("Llamar al cliente en una hora"),
    );
    assert!(promised(&v), "{:?}", v.findings);
}

#[test]
fn a_question_promises_what_the_answer_takes_up() {
    let en = call(
        "en-GB",
        &[
            (Customer, "great. can the driver ring me before they come?"),
            (Agent, "I've added that to the collection note."),
            (
                Customer,
                "can you also waive the fee next time? its the 3rd time this month",
            ),
            (
                Agent,
                "I've logged a complaint about the missed delivery and sent you a $10 voucher code.",
            ),
        ],
    );
    let v = check(
        &en,
        "A collection was booked.",
        agent_item("Ring the customer before the collection"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "A collection was booked.",
        agent_item("Waive the redelivery fee next time"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);

    let es = call(
        "es-ES",
        &[
            (Customer, "¿Me pueden devolver la comisión de 2,50 euros?"),
            (Agent, "Le he abierto una reclamación con el número R-1234."),
            (Customer, "¿Y me pueden llamar cuando se resuelva?"),
            (Agent, "Sí, claro, se lo anoto en la reclamación."),
        ],
    );
    let v = check(
        &es,
        "Se abrió una reclamación.",
        agent_item("Llamar al cliente cuando se resuelva"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let v = check(
        &es,
        "Se abrió una reclamación.",
        agent_item("Devolver al cliente la comisión de 2,50 euros"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);
}

#[test]
fn latin_american_spanish_calls_by_dialling() {
    let mx = call(
        "es-MX",
        &[(
            Agent,
            "Le prometo que en cuanto se asigne el ajustador le marco yo misma para darle su nombre.",
        )],
    );
    let v = check(
        &mx,
        "Se reportó el siniestro.",
        agent_item("Llamar al cliente para darle el nombre del ajustador"),
    );
    assert!(promised(&v), "{:?}", v.findings);
    let quiet = call(
        "es-MX",
        &[(Agent, "Se asignará un ajustador en la próxima hora.")],
    );
    let v = check(
        &quiet,
        "Se reportó el siniestro.",
        agent_item("Llamar al cliente para darle el nombre del ajustador"),
    );
    assert!(unpromised(&v), "{:?}", v.findings);
}

/// Every listed act word, and words made from it, gets what a scan of the table gives.
#[test]
fn the_act_lookup_answers_as_a_scan_of_the_table() {
    let scan = |folded: &str| {
        acts::ACTS
            .iter()
            .find(|(_, entries)| {
                entries
                    .iter()
                    .any(|e| folded == *e || (e.len() >= 4 && folded.starts_with(e)))
            })
            .map(|(act, _)| *act)
    };
    for (_, entries) in acts::ACTS {
        for entry in *entries {
            let mut shorter = (*entry).to_owned();
            shorter.pop();
            for form in [
                (*entry).to_owned(),
                format!("{entry}s"),
                format!("{entry}ed"),
                shorter,
            ] {
                assert_eq!(acts::act_of(&form), scan(&form), "{form}");
            }
        }
    }
    assert_eq!(acts::act_of("router"), None);
}

/// An utterance whose act is said only in parts (money "back" after a verb, a German or Dutch
/// verb with its particle split off) is read for promises like one that names the act.
#[test]
fn acts_said_in_parts_are_promised() {
    use crate::language::{Language, words};
    use crate::transcript::{Channel, Transcript};
    for (language, code, said) in [
        (Language::En, "en", "We'll put the money back on your card today."),
        (Language::Nl, "nl", "We storten het bedrag morgen terug."),
    ] {
        let transcript = Transcript::from_turns(
            "c",
            Channel::Voice,
            Some(code),
            [(Customer, "Can I have my money back?"), (Agent, said)],
        );
        let spans: Vec<_> = transcript
            .utterances
            .iter()
            .map(|u| words(&u.text, language))
            .collect();
        let promises = promises::Promises::build(&transcript, &spans, language);
        assert!(promises.made(Owner::Agent, acts::Act::Refund), "{said}");
    }
}

#[test]
fn a_promise_added_to_a_long_clause_is_read_in_its_own_part() {
    let es = call(
        "es-AR",
        &[
            (
                Customer,
                "¿Se puede pasar la entrega al sábado? Ya pagué $18.500 de envío.",
            ),
            (
                Agent,
                "Sí, el sábado 22 de 9 a 14 hs. Como lo pediste con más de 48 hs de anticipación, el cambio es sin costo. Los $18.500 del envío quedan como estaban.",
            ),
            (
                Customer,
                "Genial. Mi marido va a estar en casa, puede recibirla él?",
            ),
            (Agent, "Sí, lo dejo autorizado para recibirla."),
        ],
    );
    let right = "La agente reprogramó la entrega para el sábado 22 de 9 a 14 hs sin costo, porque lo pidió con más de 48 hs de anticipación, y dejó al marido de la clienta autorizado para recibirla.";
    let added = "La agente reprogramó la entrega para el sábado 22 de 9 a 14 hs sin costo, porque lo pidió con más de 48 hs de anticipación, le reintegrará los $18.500 del envío y dejó al marido de la clienta autorizado para recibirla.";
    assert!(!unpromised(&check(&es, right, vec![])), "{right}");
    assert!(unpromised(&check(&es, added, vec![])), "{added}");

    // A French promise in the future of "être" ("sera gratuite") is a promise.
    let fr = call(
        "fr-CA",
        &[
            (
                Customer,
                "Mon conjoint ne peut pas conduire depuis son opération, pouvez-vous livrer ses médicaments?",
            ),
            (
                Agent,
                "Oui, la livraison est prévue demain entre 14 h et 17 h. La pharmacienne appellera votre conjoint demain matin avant 11 h pour revoir la nouvelle dose de Metoprolol.",
            ),
        ],
    );
    let right = "La pharmacienne appellera le conjoint demain matin avant 11 h pour revoir la nouvelle dose de Metoprolol.";
    let added = "La pharmacienne appellera le conjoint demain matin avant 11 h pour revoir la nouvelle dose de Metoprolol, et la livraison suivante sera gratuite.";
    assert!(!unpromised(&check(&fr, right, vec![])), "{right}");
    assert!(unpromised(&check(&fr, added, vec![])), "{added}");
}

#[test]
fn a_promise_said_over_a_turns_sentences_is_made() {
    let nl = call(
        "nl-BE",
        &[
            (
                Customer,
                "mijn vriendin komt ook bij mij wonen, kan zij mee op het contract?",
            ),
            (
                Agent,
                "Zeker, als medecontractant. Daarvoor heb ik wel haar rijksregisternummer nodig. Zodra we het hebben, zet ik haar erbij.",
            ),
        ],
    );
    let item = "De partner als medecontractant toevoegen zodra het rijksregisternummer binnen is";
    assert!(!unpromised(&check(&nl, "", agent_item(item))), "{item}");
    let invented = "De partner een welkomstpakket met korting toesturen";
    assert!(unpromised(&check(&nl, "", agent_item(invented))), "{invented}");
}
