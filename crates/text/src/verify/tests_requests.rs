//! Who is put to work: a request asked as a question ("Could you email the photos?") gives the
//! act to the listener, every party a summary sentence says will act is read, and an item of
//! several acts act by act.

use super::test_calls::{call, check};
use super::*;
use crate::transcript::SpeakerRole::{Agent, Customer};

fn speaker(v: &Verification) -> bool {
    v.findings.iter().any(|f| f.kind == ErrorKind::Speaker)
}

#[test]
fn a_request_asked_as_a_question_puts_the_act_to_the_listener() {
    let en = call(
        "en-US",
        &[
            (
                Customer,
                "The heater leaked all over the floor, I have pictures of it.",
            ),
            (
                Agent,
                "Could you upload the pictures to the claim portal with your policy number?",
            ),
            (Customer, "Sure, later today."),
        ],
    );
    let right = "The customer will upload the pictures to the claim portal later today.";
    let swapped = "The agent will upload the pictures to the claim portal later today.";
    assert!(!speaker(&check(&en, right, vec![])), "{right}");
    assert!(speaker(&check(&en, swapped, vec![])), "{swapped}");

    let fr = call(
        "fr-FR",
        &[
            (Customer, "J'ai la facture du garagiste."),
            (
                Agent,
                "Pourriez-vous envoyer la facture du garagiste par courriel au service sinistres ?",
            ),
            (Customer, "Oui, ce soir."),
        ],
    );
    let right = "Le client enverra la facture du garagiste par courriel au service sinistres.";
    let swapped = "L'agent enverra la facture du garagiste par courriel au service sinistres.";
    assert!(!speaker(&check(&fr, right, vec![])), "{right}");
    assert!(speaker(&check(&fr, swapped, vec![])), "{swapped}");

    let es = call(
        "es-ES",
        &[
            (Customer, "Tengo la factura de la grúa."),
            (Agent, "¿Puede enviar la factura de la grúa por la aplicación?"),
            (Customer, "Sí, esta tarde."),
        ],
    );
    let right = "El cliente enviará la factura de la grúa por la aplicación.";
    let swapped = "El agente enviará la factura de la grúa por la aplicación.";
    assert!(!speaker(&check(&es, right, vec![])), "{right}");
    assert!(speaker(&check(&es, swapped, vec![])), "{swapped}");
}

#[test]
fn a_question_that_asks_for_information_puts_no_act_to_anyone() {
    // "Can you see the charge?" asks what the customer sees; the agent's promise stands.
    let en = call(
        "en-GB",
        &[
            (Agent, "Can you see the refund on the statement yet?"),
            (Customer, "No, nothing yet."),
            (Agent, "I'll chase the refund with the finance team today."),
        ],
    );
    let right = "The agent will chase the refund with the finance team today.";
    assert!(!speaker(&check(&en, right, vec![])), "{right}");
}

#[test]
fn every_party_a_sentence_puts_to_work_is_read() {
    let en = call(
        "en-US",
        &[
            (Agent, "I'll send the replacement router by courier today."),
            (
                Customer,
                "Great. I'll post the old router back at the depot on Saturday.",
            ),
        ],
    );
    let right = "The agent will send the replacement router by courier today, then the customer will post the old router back at the depot on Saturday.";
    let swapped = "The agent will send the replacement router by courier today, then the agent will post the old router back at the depot on Saturday.";
    assert!(!speaker(&check(&en, right, vec![])), "{right}");
    assert!(speaker(&check(&en, swapped, vec![])), "{swapped}");
}

#[test]
fn an_item_of_several_acts_is_read_act_by_act() {
    let en = call(
        "en-US",
        &[
            (
                Agent,
                "I'll file the warranty request with the manufacturer this afternoon.",
            ),
            (
                Customer,
                "And I'll ring the installer first thing tomorrow to cancel the visit.",
            ),
        ],
    );
    let right = "The agent will file the warranty request with the manufacturer this afternoon.";
    let swapped = "The agent will file the warranty request with the manufacturer this afternoon and ring the installer tomorrow to cancel the visit.";
    assert!(!speaker(&check(&en, right, vec![])), "{right}");
    assert!(speaker(&check(&en, swapped, vec![])), "{swapped}");
}
