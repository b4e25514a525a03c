//! A summary in the past ("hat ... nicht erstattet", "did not send", "n'a pas envoyé", "niet
//! overgemaakt") read against the call's present and its own irregular forms ("erstatte ich
//! Ihnen", "I've sent", "je vous envoie", "ik stort"): the verbs meet ([`crate::language::Language::stem`]), so a flip of them
//! is caught and a faithful sentence passes.

use super::test_calls::{call, check, negation};
use crate::summary::{ActionItem, Owner};
use crate::transcript::SpeakerRole::{Agent, Customer};

fn card_and_fee() -> crate::transcript::Transcript {
    call(
        "de-DE",
        &[
            (
                Customer,
                "Meine Karte ist kaputt, der Chip funktioniert nicht mehr.",
            ),
            (
                Agent,
                "Das tut mir leid. Ich sperre die alte Karte und verschicke Ihnen heute noch eine neue Karte per Post.",
            ),
            (Customer, "Danke, und die Gebühr für das Konto im März?"),
            (
                Agent,
                "Die Kontogebühr von 4,90 Euro erstatte ich Ihnen, das sehen Sie auf dem nächsten Auszug.",
            ),
        ],
    )
}

#[test]
fn a_flipped_perfect_is_caught_against_the_calls_present() {
    let c = card_and_fee();
    for flipped in [
        "Die Mitarbeiterin hat die Kontogebühr von 4,90 Euro nicht erstattet.",
        "Die neue Karte wurde nicht verschickt.",
        "Die Mitarbeiterin hat die alte Karte nicht gesperrt.",
    ] {
        let v = check(&c, flipped, vec![]);
        assert!(negation(&v), "{flipped}: {:?}", v.findings);
    }
}

#[test]
fn a_faithful_perfect_passes() {
    let c = card_and_fee();
    for said in [
        "Die Mitarbeiterin hat die alte Karte gesperrt und eine neue Karte per Post verschickt.",
        "Die Kontogebühr von 4,90 Euro wurde erstattet.",
    ] {
        let v = check(&c, said, vec![]);
        assert!(v.findings.is_empty(), "{said}: {:?}", v.findings);
    }
}

#[test]
fn a_flipped_irregular_past_is_caught() {
    let c = call(
        "en-US",
        &[
            (Customer, "I never got the claim form for my broken phone."),
            (
                Agent,
                "I've just sent the claim form to your email again, and I paid the $20 excess for you as a goodwill gesture.",
            ),
            (Customer, "Great, thanks."),
        ],
    );
    for flipped in [
        "The agent did not send the claim form again.",
        "The agent did not pay the $20 excess.",
    ] {
        let v = check(&c, flipped, vec![]);
        assert!(negation(&v), "{flipped}: {:?}", v.findings);
    }
    let v = check(
        &c,
        "The agent sent the claim form again and paid the $20 excess.",
        vec![],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);

    let c = call(
        "fr-FR",
        &[
            (
                Customer,
                "Je n'ai jamais reçu le formulaire de déclaration pour mon téléphone cassé.",
            ),
            (
                Agent,
                "Je vous envoie le formulaire de déclaration par e-mail tout de suite.",
            ),
            (Customer, "Merci."),
        ],
    );
    let v = check(
        &c,
        "La conseillère n'a pas envoyé le formulaire de déclaration.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
    let v = check(
        &c,
        "La conseillère a envoyé le formulaire de déclaration par e-mail.",
        vec![],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);
}

#[test]
fn a_dutch_perfect_meets_the_calls_present_and_its_passive() {
    let c = call(
        "nl-NL",
        &[
            (
                Customer,
                "Mijn declaratie van 387 euro is afgewezen, dat klopt niet.",
            ),
            (
                Agent,
                "U heeft gelijk. Ik stort het bedrag van 387 euro vandaag nog op uw rekening en ik stuur u een bevestiging per e-mail.",
            ),
        ],
    );
    for flipped in [
        "De medewerker heeft het bedrag van 387 euro niet gestort.",
        "De medewerker heeft de bevestiging per e-mail niet gestuurd.",
    ] {
        let v = check(&c, flipped, vec![]);
        assert!(negation(&v), "{flipped}: {:?}", v.findings);
    }
    let v = check(
        &c,
        "De medewerker heeft het bedrag van 387 euro gestort en een bevestiging per e-mail gestuurd.",
        vec![],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);

    // The promise said in the passive, the action item in the infinitive: one commitment.
    let c = call(
        "nl-NL",
        &[
            (Customer, "Wanneer krijg ik mijn geld terug?"),
            (
                Agent,
                "Het bedrag van 387 euro wordt binnen 10 werkdagen overgemaakt op uw rekening.",
            ),
        ],
    );
    let item = ActionItem {
        text: "Het bedrag van 387 euro overmaken op de rekening van de klant".into(),
        owner: Some(Owner::Agent),
        due_date: Some("binnen 10 werkdagen".into()),
    };
    let v = check(
        &c,
        "Het bedrag van 387 euro wordt binnen 10 werkdagen overgemaakt.",
        vec![item],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);
}
