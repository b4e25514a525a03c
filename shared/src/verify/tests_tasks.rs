//! How a summary's tasks are read: a clause that reports is no promise, a word the call says
//! clipped is spoken of, and a customer's task may be said across a few sentences.

use super::test_calls::{call, check, summary_of};
use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

/// Whether each clause of `text` reads as a promise.
fn futures(text: &str, language: crate::language::Language) -> Vec<bool> {
    super::claims::claims(&summary_of(text), language)
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
