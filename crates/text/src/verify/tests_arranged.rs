//! Acts arranged rather than promised: a collection is named anywhere in the call or it is
//! invented; a visit is promised by the side that sends someone, in words of who is sent.

use super::test_calls::{call, check};
use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

fn item(text: &str, owner: Owner) -> Vec<ActionItem> {
    vec![ActionItem {
        text: text.into(),
        owner: Some(owner),
        due_date: None,
    }]
}

fn invented(v: &Verification, act: &str) -> bool {
    v.findings
        .iter()
        .any(|f| f.kind == ErrorKind::Commitment && f.detail.contains(act))
}

/// No commitment finding of any kind: a finding of another check would hide the act's (a
/// claim keeps one finding of a kind).
fn committed(v: &Verification) -> bool {
    !v.findings.iter().any(|f| f.kind == ErrorKind::Commitment)
}

#[test]
fn a_collection_nobody_speaks_of_is_invented() {
    let moving = call(
        "pt-PT",
        &[
            (Customer, "E a box, levo eu a box ou?"),
            (
                Agent,
                "Leva a box e o router, sim. O técnico só precisa de fazer a instalação da fibra na casa nova.",
            ),
        ],
    );
    let v = check(
        &moving,
        "O cliente leva a box e o router para a casa nova.",
        item("Recolher a box e o router na morada antiga", Owner::Agent),
    );
    assert!(invented(&v, "a collection"), "{:?}", v.findings);

    // A courier's collection is the company's, whatever it is called there.
    let lamp = call(
        "en-GB",
        &[
            (Customer, "The glass shade arrived smashed."),
            (
                Agent,
                "I've raised a return and our courier, Evri, will collect it on Thursday between 7am and 7pm.",
            ),
        ],
    );
    let v = check(
        &lamp,
        "The customer's lamp arrived broken and a return was raised.",
        item("Collect the lamp with Evri", Owner::Agent),
    );
    assert!(committed(&v), "{:?}", v.findings);

    // The customer collects as told: "ready to collect" names it.
    let parcel = call(
        "en-AU",
        &[
            (Customer, "I was home all day but got a missed delivery card."),
            (
                Agent,
                "Your parcel should be ready to collect from 12pm tomorrow at the post office. Just bring the card and photo ID.",
            ),
        ],
    );
    let v = check(
        &parcel,
        "The customer got a missed delivery card.",
        item(
            "Collect the parcel from the post office with the card and photo ID",
            Owner::Customer,
        ),
    );
    assert!(committed(&v), "{:?}", v.findings);

    // "Pick ... up" is a collection too.
    let laptop = call(
        "en-CA",
        &[
            (Customer, "My laptop screen went black after the update."),
            (
                Agent,
                "That's covered. I've arranged for Purolator to pick up your laptop tomorrow between 9 and 5.",
            ),
        ],
    );
    let v = check(
        &laptop,
        "The customer's laptop screen went black and the repair is covered.",
        item("Collect the laptop with Purolator tomorrow", Owner::Agent),
    );
    assert!(committed(&v), "{:?}", v.findings);

    // German splits the verb: "holt ... ab".
    let return_call = call(
        "de-DE",
        &[
            (Customer, "Das Gerät ist defekt angekommen."),
            (Agent, "Unser Kurier holt das Gerät am Donnerstag bei Ihnen ab."),
        ],
    );
    let v = check(
        &return_call,
        "Das Gerät kam defekt an.",
        item("Das defekte Gerät abholen", Owner::Agent),
    );
    assert!(committed(&v), "{:?}", v.findings);
}

#[test]
fn a_visit_is_promised_by_whoever_sends_someone() {
    let estimated = call(
        "en-IE",
        &[
            (Customer, "My bill is way higher than usual."),
            (
                Agent,
                "This bill was based on an estimated reading, as the meter reader couldn't get access on 4 October. Do you have an actual reading?",
            ),
            (Customer, "Yes, it's 27615."),
            (Agent, "Great, I'll reissue the bill now with the actual reading."),
        ],
    );
    let v = check(
        &estimated,
        "The bill was estimated and will be reissued with the customer's reading.",
        item("Send a meter reader to take an actual reading", Owner::Agent),
    );
    assert!(invented(&v, "a visit"), "{:?}", v.findings);
    let v = check(
        &estimated,
        "The bill was estimated and will be reissued with the customer's reading.",
        item("Reissue the bill with the actual reading", Owner::Agent),
    );
    assert!(committed(&v), "{:?}", v.findings);

    // Promised by naming who comes, or with the verb that sends them.
    for (tag, said, sent) in [
        (
            "en-IN",
            "Our technician will visit on Saturday 15 March between 10 AM and 1 PM to install the connection.",
            "Send a technician to install the connection",
        ),
        (
            "es-AR",
            "En ese caso necesitamos mandarte un técnico. Tengo disponibilidad el jueves 16 entre las 8 y las 13 hs, ¿te sirve?",
            "Enviar un técnico al domicilio de la clienta",
        ),
        (
            "es-MX",
            "Muy bien. Le voy a mandar a un ajustador al lugar del choque. ¿Me confirma el número donde lo puede localizar?",
            "Enviar un ajustador al lugar del choque",
        ),
    ] {
        let visit = call(
            tag,
            &[(Customer, "It stopped working."), (Agent, said), (Customer, "ok")],
        );
        let v = check(&visit, "The service stopped working.", item(sent, Owner::Agent));
        assert!(committed(&v), "{tag}: {:?}", v.findings);
    }

    // Who is sent is no object the promise must name: "a boiler engineer" where the agent
    // booked "an engineer visit" and the customer named the boiler.
    let boiler = call(
        "en-GB",
        &[
            (Customer, "My boiler stopped working this morning."),
            (Agent, "I'll book an engineer visit for Thursday morning."),
        ],
    );
    let v = check(
        &boiler,
        "The customer's boiler stopped working.",
        item("Send a boiler engineer on Thursday morning", Owner::Agent),
    );
    assert!(committed(&v), "{:?}", v.findings);

    // Who would come is no visit promised: "contact the technician".
    let meter = call(
        "en-IE",
        &[
            (Customer, "The new meter shows a strange reading."),
            (
                Agent,
                "If the reading still looks wrong tomorrow, you can contact the technician who installed the meter.",
            ),
        ],
    );
    let v = check(
        &meter,
        "The customer reported a strange reading on the new meter.",
        item("Contact the technician about the reading", Owner::Customer),
    );
    assert!(committed(&v), "{:?}", v.findings);
}
