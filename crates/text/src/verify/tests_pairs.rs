//! Opposite pairs said in the call's other words ("at no cost" against "will be charged"), and
//! what usually happens ("normally a $20 fee applies") told apart from what happened.

use super::test_calls::{call, check, negation};
use crate::transcript::SpeakerRole::{Agent, Customer};

#[test]
fn a_charge_the_call_says_is_waived_only_usually_applies_is_a_flip() {
    let c = call(
        "en-GB",
        &[
            (
                Customer,
                "The courier lost my parcel, can you send the blender again?",
            ),
            (
                Agent,
                "Done, I've waived the fee on the replacement blender (normally a £6 delivery fee applies).",
            ),
            (Customer, "Brilliant, thanks."),
        ],
    );
    let v = check(
        &c,
        "The agent charged the usual £6 delivery fee for the replacement blender.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
    let v = check(
        &c,
        "The agent waived the usual £6 delivery fee for the replacement blender.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
}

#[test]
fn a_charge_against_the_calls_other_words_for_free_is_a_flip() {
    let c = call(
        "en-US",
        &[
            (Customer, "My car battery light keeps coming on."),
            (
                Agent,
                "We'll run the battery check without cost when you bring it in on Monday.",
            ),
            (Customer, "Great, see you Monday."),
        ],
    );
    let v = check(&c, "The battery check will be charged.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);
    let v = check(&c, "The battery check is free.", vec![]);
    assert!(!negation(&v), "{:?}", v.findings);

    let c = call(
        "es-ES",
        &[
            (Customer, "Se me enciende la luz de la batería del coche."),
            (
                Agent,
                "Le hacemos la revisión de la batería sin coste cuando venga el lunes.",
            ),
            (Customer, "Perfecto, gracias."),
        ],
    );
    let v = check(&c, "La revisión de la batería se cobrará aparte.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);
    let v = check(&c, "La revisión de la batería es gratuita.", vec![]);
    assert!(!negation(&v), "{:?}", v.findings);
}

/// A debit the call says goes through ("il passe le 10 avril oui") against a summary that has
/// it cancelled, read in the pair word's own few words though "annulé" also reports an act.
#[test]
fn a_payment_that_goes_through_is_not_cancelled() {
    let c = call(
        "fr-FR",
        &[
            (
                Customer,
                "j'ai reçu ma facture ce matin et on me prélève quatre-vingt-neuf euros quatre-vingt-dix",
            ),
            (
                Agent,
                "je vous rembourse les soixante-dix euros sous forme d'avoir sur la prochaine facture",
            ),
            (Customer, "et le prélèvement de ce mois-ci il passe quand même ?"),
            (
                Agent,
                "il passe le 10 avril oui, mais vous aurez un avoir de soixante-dix euros en mai.",
            ),
        ],
    );
    let v = check(
        &c,
        "La conseillère s'est engagée au remboursement sous forme d'avoir en mai, le prélèvement du 10 avril étant annulé.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
    let v = check(
        &c,
        "La conseillère s'est engagée au remboursement sous forme d'avoir en mai, le prélèvement du 10 avril étant maintenu.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
}

/// "not with the cancelled card" denies the card's use, not its cancelling.
#[test]
fn a_negation_before_a_preposition_leaves_a_pair_word_inside_it() {
    let c = call(
        "en-GB",
        &[
            (Customer, "I think I lost my debit card on the bus."),
            (
                Agent,
                "okay I've blocked that now, and a replacement is on its way.",
            ),
            (Customer, "can I still use Apple Pay in the meantime"),
            (
                Agent,
                "unfortunately not with the cancelled card, but you can take out cash at any of our branches.",
            ),
        ],
    );
    let v = check(&c, "After verification, the agent cancelled the card.", vec![]);
    assert!(!negation(&v), "{:?}", v.findings);
}
