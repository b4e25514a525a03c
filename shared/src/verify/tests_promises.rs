//! Promises the summary gives a party that the party never made (a call-back, a refund, a
//! waived fee), caught, and the same promises said in other words left alone.

use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::{Channel, SpeakerRole, Utterance};

use SpeakerRole::{Agent, Customer};

fn call(language: &str, lines: &[(SpeakerRole, &str)]) -> Transcript {
    Transcript {
        conversation_id: "conv".into(),
        agent_names: Vec::new(),
        media_type: Channel::Voice,
        language: Some(language.into()),
        duration_ms: 60_000,
        utterances: lines
            .iter()
            .map(|(speaker, text)| Utterance {
                speaker: *speaker,
                text: (*text).into(),
                start_offset_ms: 0,
                duration_ms: 1_000,
                confidence: None,
                communication_id: "comm".into(),
            })
            .collect(),
    }
}

fn check(call: &Transcript, text: &str, items: Vec<ActionItem>) -> Verification {
    let summary = Summary {
        executive_summary: text.into(),
        action_items: items,
        customer_sentiment: Sentiment::Neutral,
        reason: None,
        resolution: None,
        key_phrases: vec![],
        confidence: 0.8,
    };
    let redactor = Redactor::default();
    verify(
        &summary,
        call,
        &redactor.redact_call(call, &[], None),
        &redactor,
        &VerificationConfig::default(),
    )
}

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

/// Whether each clause of `text` reads as a promise.
fn futures(text: &str, language: crate::language::Language) -> Vec<bool> {
    let summary = Summary {
        executive_summary: text.into(),
        action_items: vec![],
        customer_sentiment: Sentiment::Neutral,
        reason: None,
        resolution: None,
        key_phrases: vec![],
        confidence: 0.8,
    };
    super::claims::claims(&summary, language)
        .into_iter()
        .map(|c| c.future)
        .collect()
}

#[test]
fn a_report_of_the_call_is_no_promise() {
    use crate::language::Language;
    assert_eq!(
        futures(
            "The agent offered appointments tomorrow at 10:45 or today at 3:15.",
            Language::En
        ),
        vec![false]
    );
    assert_eq!(
        futures("The agent will call the customer tomorrow.", Language::En),
        vec![true]
    );
    assert_eq!(
        futures("Technician visit tomorrow morning.", Language::En),
        vec![true]
    );
    assert_eq!(
        futures(
            "A atendente reagendou a entrega para terça-feira, dia 10.",
            Language::Pt
        ),
        vec![false]
    );
    assert_eq!(
        futures("A atendente vai reagendar a entrega.", Language::Pt),
        vec![true]
    );
    assert_eq!(
        futures(
            "Die Kundin hätte per Mail informiert werden sollen.",
            Language::De
        ),
        vec![false]
    );
    assert_eq!(
        futures("Die Mitarbeiterin wird die Karte sperren.", Language::De),
        vec![true]
    );
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
fn a_word_the_call_says_clipped_is_spoken_of() {
    let customer_item = |text: &str| {
        vec![ActionItem {
            text: text.into(),
            owner: Some(Owner::Customer),
            due_date: None,
        }]
    };
    let speaks_of = |v: &Verification, word: &str| v.findings.iter().any(|f| f.detail.contains(word));
    let en = call(
        "en-AU",
        &[(
            Agent,
            "Someone over 18 needs to be home for the NBN tech on Monday. Does that suit?",
        )],
    );
    let v = check(
        &en,
        "An NBN visit was booked.",
        customer_item("Make sure someone over 18 is home for the NBN technician"),
    );
    assert!(!speaks_of(&v, "technician"), "{:?}", v.findings);
    let v = check(
        &en,
        "An NBN visit was booked.",
        customer_item("Make sure someone over 18 is home for the NBN plumber"),
    );
    assert!(speaks_of(&v, "plumber"), "{:?}", v.findings);

    let fr = call(
        "fr-FR",
        &[(
            Agent,
            "Le technicien passe à l'appart jeudi, il faut que quelqu'un soit présent.",
        )],
    );
    let v = check(
        &fr,
        "Une visite est prévue.",
        customer_item("Être présent à l'appartement jeudi pour le technicien"),
    );
    assert!(!speaks_of(&v, "appartement"), "{:?}", v.findings);
    let v = check(
        &fr,
        "Une visite est prévue.",
        customer_item("Être présent à la buanderie jeudi pour le technicien"),
    );
    assert!(speaks_of(&v, "buanderie"), "{:?}", v.findings);
}

#[test]
fn a_customer_s_task_may_be_said_across_a_few_sentences() {
    let customer_item = |text: &str| {
        vec![ActionItem {
            text: text.into(),
            owner: Some(Owner::Customer),
            due_date: None,
        }]
    };
    let nobody = |v: &Verification| v.findings.iter().any(|f| f.detail.contains("nobody in the call"));
    let en = call(
        "en-CA",
        &[
            (Agent, "Purolator picks up the laptop tomorrow between 9 and 5."),
            (Customer, "ok. my brother will be home for the pickup, not me"),
            (Agent, "No problem, anyone 18+ can hand it over."),
        ],
    );
    let v = check(
        &en,
        "A pickup was booked.",
        customer_item("Make sure someone 18+ is home to hand the laptop over"),
    );
    assert!(!nobody(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "A pickup was booked.",
        customer_item("Print a warranty certificate and frame it"),
    );
    assert!(nobody(&v), "{:?}", v.findings);

    let es = call(
        "es-ES",
        &[
            (Agent, "El técnico pasa el jueves por la mañana."),
            (Customer, "vale, mi hermano estará en casa, yo trabajo"),
            (Agent, "Perfecto, cualquier adulto puede abrirle la puerta."),
        ],
    );
    let v = check(
        &es,
        "Se reservó una visita.",
        customer_item("Asegurarse de que un adulto esté en casa para abrir la puerta al técnico"),
    );
    assert!(!nobody(&v), "{:?}", v.findings);
    let v = check(
        &es,
        "Se reservó una visita.",
        customer_item("Imprimir el certificado de garantía y enmarcarlo"),
    );
    assert!(nobody(&v), "{:?}", v.findings);
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
