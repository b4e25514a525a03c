//! Denials and their opposites said in other words: a verdict both ways, a negation that
//! opens a noun phrase, both sides denying in their own words, what was done at a party's
//! request, Spanish "sin/con cargo".

use super::test_calls::{call, check, negation};
use crate::transcript::SpeakerRole::{Agent, Customer};

#[test]
fn what_was_done_at_a_partys_request_may_be_denied_by_the_other() {
    // "À la demande du client, elle a commandé ..." says the card was ordered, and how: the
    // agent's own words say it was free.
    let fr = call(
        "fr-BE",
        &[
            (
                Customer,
                "je ne veux plus de cette carte, bloquez-la définitivement.",
            ),
            (
                Agent,
                "je la mets en opposition et je vous commande une nouvelle carte, sans frais. elle arrive dans cinq jours ouvrables.",
            ),
        ],
    );
    let right = "À la demande du client, elle a mis la carte en opposition et commandé sans frais une nouvelle carte, qui arrive dans cinq jours ouvrables.";
    let flipped = "À la demande du client, elle a mis la carte en opposition et commandé une nouvelle carte payante, qui arrive dans cinq jours ouvrables.";
    assert!(!negation(&check(&fr, right, vec![])), "{right}");
    assert!(negation(&check(&fr, flipped, vec![])), "{flipped}");
}

#[test]
fn spanish_sin_cargo_is_free_and_con_cargo_charged() {
    let es = call(
        "es-AR",
        &[
            (Customer, "¿Y si el lavarropas no entra en el ascensor?"),
            (
                Agent,
                "Van dos personas y, si no entra en el ascensor, lo suben por escalera sin cargo hasta un tercer piso, así que no hay problema.",
            ),
        ],
    );
    let right = "Le confirmó que, si no entra en el ascensor, lo suben por escalera sin cargo.";
    let flipped = "Le confirmó que, si no entra en el ascensor, lo suben por escalera con cargo.";
    assert!(!negation(&check(&es, right, vec![])), "{right}");
    assert!(negation(&check(&es, flipped, vec![])), "{flipped}");
}

#[test]
fn a_negation_that_opens_a_noun_phrase_denies_its_noun_not_what_qualifies_it() {
    let en = call(
        "en-GB",
        &[
            (Customer, "hi, I got a text saying I can upgrade my phone early?"),
            (
                Agent,
                "Your contract ends on 2 December, so there's no early upgrade fee on the phone.",
            ),
        ],
    );
    let right = "The customer asked about an early upgrade of the phone.";
    let flipped = "There was an early upgrade fee on the phone.";
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");

    let de = call(
        "de-DE",
        &[
            (Customer, "Kann ich den neuen Zähler selbst ablesen?"),
            (
                Agent,
                "Ja, für den neuen Zähler fallen keine zusätzlichen Ablesekosten an.",
            ),
        ],
    );
    let flipped = "Für den neuen Zähler fallen zusätzliche Ablesekosten an.";
    assert!(negation(&check(&de, flipped, vec![])), "{flipped}");

    // "No longer" is no determiner: it denies what follows.
    let en = call(
        "en-AU",
        &[
            (Customer, "Can you update my address before the appointment?"),
            (
                Agent,
                "I've updated your address on your file, and your appointment with Dr Patel on Monday at 10:15am is still confirmed.",
            ),
        ],
    );
    let flipped = "The agent updated the address and said that the appointment is no longer booked.";
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");
}

#[test]
fn both_sides_denying_in_their_own_words_agree() {
    let en = call(
        "en-NZ",
        &[
            (
                Customer,
                "That scratch was there when we picked it up!! The photos show it",
            ),
            (
                Agent,
                "Unfortunately it's not marked on the pickup check sheet, so the charge was raised automatically.",
            ),
        ],
    );
    // The claim denies in words the call knows ("show"); the call denies the sheet's marking.
    let right =
        "The customer said the scratch was there at pickup, but the pickup check sheet did not show it.";
    let flipped =
        "The customer said the scratch was there at pickup, and it is marked on the pickup check sheet.";
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");
}

#[test]
fn approved_and_declined_say_a_verdict_both_ways() {
    let en = call(
        "en-ZA",
        &[
            (
                Customer,
                "I have still not received the refund for the cancelled camp.",
            ),
            (
                Agent,
                "The R1 200,00 camp refund has been approved. Please send the signed form.",
            ),
        ],
    );
    let right = "The camp refund was approved; the customer will send the signed form.";
    let flipped = "The camp refund was declined; the customer will send the signed form.";
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");

    let de = call(
        "de-DE",
        &[
            (Customer, "Was ist mit meinem Antrag auf Ratenzahlung?"),
            (Agent, "Ihr Antrag auf Ratenzahlung wurde abgelehnt, leider."),
        ],
    );
    let right = "Der Antrag auf Ratenzahlung wurde abgelehnt.";
    let flipped = "Der Antrag auf Ratenzahlung wurde genehmigt.";
    assert!(!negation(&check(&de, right, vec![])), "{right}");
    assert!(negation(&check(&de, flipped, vec![])), "{flipped}");
}

#[test]
fn taking_a_charge_off_agrees_with_not_paying_it() {
    let es = call(
        "es-MX",
        &[
            (Customer, "¿Por qué voy a pagar deducible si a mí me chocaron?"),
            (
                Agent,
                "Sí, el sistema le cargó un deducible de $9,900 pesos. Pero el ajustador anotó que el tercero aceptó su responsabilidad y Seguros Atlante ya emitió el pase a taller, entonces usted no paga deducible. Fue un error, ya lo quité.",
            ),
        ],
    );
    let right = "La agente confirmó que el tercero aceptó su responsabilidad y que Seguros Atlante emitió el pase a taller, por lo que quitó el deducible cargado por error.";
    let flipped = "La agente confirmó que el tercero aceptó su responsabilidad y que Seguros Atlante emitió el pase a taller, por lo que el cliente paga el deducible.";
    assert!(!negation(&check(&es, right, vec![])), "{right}");
    assert!(negation(&check(&es, flipped, vec![])), "{flipped}");
}

#[test]
fn already_done_is_the_opposite_of_not_yet() {
    let en = call(
        "en-NZ",
        &[
            (Customer, "So is it coming off my card??"),
            (
                Agent,
                "The repair quote is under your excess. It hasn't been taken from your card yet",
            ),
        ],
    );
    let right = "The agent said the charge has not been taken from the card yet.";
    let flipped = "The agent said the charge has already been taken from the card.";
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");
}
