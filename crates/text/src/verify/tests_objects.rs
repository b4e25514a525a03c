//! What a promised act is of: a refund of the fare is no refund of the Railcard, and where the
//! refund goes ("to the customer's HDFC card") is no part of what it is of.

use super::test_calls::{call, check};
use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

fn of_another(v: &Verification) -> bool {
    v.findings
        .iter()
        .any(|f| f.kind == ErrorKind::Commitment && f.detail.contains("but not of"))
}

fn agent_item(text: &str) -> Vec<ActionItem> {
    vec![ActionItem {
        text: text.into(),
        owner: Some(Owner::Agent),
        due_date: None,
    }]
}

#[test]
fn a_promised_act_is_of_what_the_promise_names() {
    let rail = call(
        "en-GB",
        &[
            (
                Customer,
                "My train was 94 minutes late. I travelled on an Advance Single with my 26-30 Railcard.",
            ),
            (
                Agent,
                "As the train was over 60 minutes late you are entitled to a full refund of the fare. I will refund the £142.60 fare to your bank account within 5 to 7 working days.",
            ),
        ],
    );
    let invented = "The agent arranged for the fare to be paid into the bank account, promising to \
                    refund the cost of the 26-30 Railcard.";
    assert!(of_another(&check(&rail, invented, vec![])));
    let right = "The agent will refund the £142.60 fare to the customer's bank account.";
    assert!(!of_another(&check(&rail, right, vec![])));

    // Where the money goes is no part of what it is of.
    let card = call(
        "en-IN",
        &[
            (
                Customer,
                "I paid with my HDFC credit card, please return the money.",
            ),
            (
                Agent,
                "Sure, I will refund the ₹24,999 to your original payment method within 7 days.",
            ),
        ],
    );
    let v = check(
        &card,
        "",
        agent_item("Refund ₹24,999 to the customer's HDFC credit card"),
    );
    assert!(!of_another(&v), "{v:?}");
}

/// A party that names the act where it is not read as a promise of its own ("annullare
/// l'indennità di mora, che verrà stornata") still says what it is of.
#[test]
fn what_the_act_is_of_may_be_said_where_it_is_only_named() {
    let email = super::test_calls::call_on(
        crate::transcript::Channel::Email,
        "it-IT",
        &[
            (
                Customer,
                "Nell'ultima bolletta c'è pure un'indennità di mora di 12,50 € per un ritardo di cui non ho colpa.",
            ),
            (
                Agent,
                "Ci impegniamo inoltre a:\n- annullare l'indennità di mora di 12,50 €, che verrà stornata nella prossima bolletta;",
            ),
            (Customer, "Grazie."),
            (
                Agent,
                "Confermo: la prima bolletta a Suo nome includerà lo storno dei 12,50 €.",
            ),
        ],
    );
    let v = check(&email, "", agent_item("Stornare l'indennità di mora di 12,50 €"));
    assert!(!of_another(&v), "{v:?}");
}

/// What follows "call" is who is called, not what the call is of.
#[test]
fn a_call_is_of_no_object() {
    let chat = call(
        "en-AU",
        &[
            (Agent, "Our Bluegum Energy team can set up a passphrase for you."),
            (Customer, "ok I'll call you myself tomorrow to set it up"),
        ],
    );
    let v = check(
        &chat,
        "",
        vec![ActionItem {
            text: "Call Bluegum Energy herself to set up a passphrase".into(),
            owner: Some(Owner::Customer),
            due_date: None,
        }],
    );
    assert!(!of_another(&v), "{v:?}");
}
