//! A party's own future in a summary sentence ("the agent will refund the fee", "el cliente
//! llamará") names who commits, as an action item's owner does; what the party is to do under
//! an obligation ("el cliente deberá ponerse en contacto") is what that party must have said.

use super::test_calls::{call, check};
use super::*;
use crate::language::Language;
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

fn invented(v: &Verification, act: &str) -> bool {
    v.findings
        .iter()
        .any(|f| f.kind == ErrorKind::Commitment && f.detail.contains(act))
}

fn late_fee() -> crate::transcript::Transcript {
    call(
        "en-US",
        &[
            (
                Customer,
                "Hi, I was charged a fee on my bill and I want to know why.",
            ),
            (
                Agent,
                "I see the late fee of $25 from March. I'll send you the form to dispute it today.",
            ),
            (Customer, "Okay, thanks."),
        ],
    )
}

#[test]
fn a_refund_the_agent_will_make_must_be_promised() {
    let c = late_fee();
    let v = check(&c, "The agent will refund the fee.", vec![]);
    assert!(invented(&v, "never commits to a refund"), "{:?}", v.findings);
    // What the agent did promise holds, and the same claim holds where the agent promised it.
    let v = check(&c, "The agent will send the customer the form today.", vec![]);
    assert!(!invented(&v, ""), "{:?}", v.findings);
    let refunded = call(
        "en-US",
        &[
            (Customer, "I was charged a late fee of $25 and I paid on time."),
            (Agent, "You're right, I'll refund the fee today."),
        ],
    );
    let v = check(&refunded, "The agent will refund the fee.", vec![]);
    assert!(!invented(&v, ""), "{:?}", v.findings);
}

#[test]
fn what_a_party_will_receive_is_no_promise_of_theirs() {
    let c = call(
        "en-US",
        &[
            (Customer, "I paid on time and I was still charged a late fee."),
            (Agent, "You're right, we'll refund the late fee tomorrow."),
        ],
    );
    // Receiving names no party that acts: the customer is who the refund is for.
    for (claim, acts) in [
        ("The customer will get refunded tomorrow.", false),
        ("The customer will receive the refund tomorrow.", false),
        ("El cliente recibirá el reembolso mañana.", false),
        ("The customer will refund the late fee tomorrow.", true),
        // A passive: the customer is the one refunded or called back.
        ("The customer will be refunded tomorrow.", false),
        ("De klant zal worden terugbetaald.", false),
        ("Die Kundin wird morgen zurückgerufen.", false),
    ] {
        let language = if claim.starts_with("El") {
            Language::Es
        } else {
            Language::En
        };
        let read = super::claims::claims(&super::test_calls::summary_of(claim), language);
        assert_eq!(read[0].subject.is_some_and(|s| s.acts), acts, "{claim}");
    }
    let v = check(&c, "The customer will refund the late fee tomorrow.", vec![]);
    assert!(
        invented(&v, "customer never commits to a refund"),
        "{:?}",
        v.findings
    );
}

#[test]
fn a_future_in_the_verb_names_the_party_and_a_present_does_not() {
    let c = call(
        "es-ES",
        &[
            (
                Customer,
                "Quiero saber por qué me han cobrado una comisión de 25 euros.",
            ),
            (
                Agent,
                "Es un error nuestro: le reembolsaremos la comisión mañana.",
            ),
        ],
    );
    let v = check(&c, "El cliente reembolsará la comisión mañana.", vec![]);
    assert!(
        invented(&v, "customer never commits to a refund"),
        "{:?}",
        v.findings
    );
    let v = check(&c, "El agente reembolsará la comisión mañana.", vec![]);
    assert!(!invented(&v, ""), "{:?}", v.findings);
    // "espera" is no future: the customer waits for the refund, promising nothing.
    let v = check(
        &c,
        "El cliente espera que le reembolsen la comisión mañana.",
        vec![],
    );
    assert!(!invented(&v, "customer never commits"), "{:?}", v.findings);
}

#[test]
fn what_the_customer_must_do_is_what_the_call_asks_of_the_customer() {
    let c = call(
        "es-ES",
        &[
            (Customer, "Les escribo por los daños por agua en el baño."),
            (
                Agent,
                "Hemos asignado un perito, que se pondrá en contacto con usted en un plazo máximo de 72 horas para concertar la visita.",
            ),
        ],
    );
    let v = check(
        &c,
        "El cliente deberá ponerse en contacto con el perito en un plazo máximo de 72 horas para concertar la visita.",
        vec![],
    );
    assert!(
        v.findings.iter().any(|f| f.kind == ErrorKind::Speaker),
        "{:?}",
        v.findings
    );
    let v = check(
        &c,
        "Se asignó un perito, que se pondrá en contacto con el cliente en un plazo máximo de 72 horas para concertar la visita.",
        vec![],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);
}
