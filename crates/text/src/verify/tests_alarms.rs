//! False alarms on faithful summaries and the errors the same rules still catch: figures read
//! out in words, weekdays a relative day implies, commitments checked against their owner, and
//! opposite word pairs, in English and the table-driven languages.

use super::test_calls::{call, check, negation};
use super::*;
use crate::summary::ActionItem;
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

#[test]
fn a_reading_said_in_words_is_no_card() {
    let readings = call(
        "en-GB",
        &[(
            Customer,
            "electric is four eight two seven one and gas is zero nine three one four point six",
        )],
    );
    let v = check(
        &readings,
        "The agent recorded readings of 48271 and 09314.6.",
        vec![],
    );
    assert!(v.pii_leaks.is_empty(), "{:?}", v.pii_leaks);

    let card = call(
        "en-GB",
        &[(
            Customer,
            "my card number is four one one one one one one one one one one one one one one one",
        )],
    );
    let v = check(&card, "The customer paid with card 4111 1111 1111 1111.", vec![]);
    assert!(v.pii_leaks.contains(&PiiKind::Card), "{:?}", v.pii_leaks);
}

#[test]
fn a_question_without_its_mark_affirms_nothing() {
    let en = call(
        "en-GB",
        &[
            (Customer, "um, can I still use Apple Pay in the meantime"),
            (
                Agent,
                "Apple Pay stays linked to the cancelled card, so that won't work until the new one comes.",
            ),
        ],
    );
    let v = check(
        &en,
        "Apple Pay cannot be used with the cancelled card in the meantime.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "Apple Pay stays linked to the cancelled card and will work until the new one comes.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);

    let de = call(
        "de-DE",
        &[
            (Customer, "Kann ich die alte Karte weiter benutzen"),
            (
                Agent,
                "Die alte Karte ist gesperrt und kann nicht mehr benutzt werden.",
            ),
        ],
    );
    let v = check(
        &de,
        "Die alte Karte ist gesperrt und kann nicht mehr benutzt werden.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &de,
        "Die alte Karte ist gesperrt und kann weiter benutzt werden.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
}

#[test]
fn without_negates_its_noun_not_the_clause() {
    let es = call(
        "es-AR",
        &[(
            Agent,
            "Te vamos a bonificar los días sin servicio en la próxima factura y un descuento en el abono.",
        )],
    );
    let v = check(
        &es,
        "Le bonificarán los días sin servicio en la próxima factura.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(&es, "No le bonificarán los días en la próxima factura.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);

    let en = call(
        "en-GB",
        &[(Agent, "We'll credit the days without service on your next bill.")],
    );
    let v = check(
        &en,
        "The days without service will be credited on the next bill.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(&en, "No days will be credited on the next bill.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);
}

#[test]
fn only_says_not_the_others() {
    let en = call(
        "en-SG",
        &[(
            Agent,
            "From 1 March Japan moved to the Asia Plus pack, so your usage there was not covered by the Asia pack.",
        )],
    );
    let v = check(
        &en,
        "From 1 March Japan usage is only covered by the Asia Plus pack.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "From 1 March Japan usage is covered by the Asia pack.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);

    let pt = call(
        "pt-PT",
        &[(
            Agent,
            "O seguro não cobre danos no ecrã, cobre apenas o roubo do telemóvel.",
        )],
    );
    let v = check(
        &pt,
        "O seguro cobre apenas o roubo do telemóvel, não os danos no ecrã.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
}

#[test]
fn an_elliptical_negation_negates_the_clause_before() {
    let en = call(
        "en-IE",
        &[(
            Agent,
            "bring your licence, and an eyesight report if you're over seventy, which you're not, so no bother",
        )],
    );
    let v = check(
        &en,
        "No eyesight report is needed as the customer is not over seventy.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
}
#[test]
fn colloquial_negations_and_answers() {
    let en = call(
        "en-NZ",
        &[
            (
                Agent,
                "there's also a ten percent prompt payment discount if you pay by direct debit",
            ),
            (Customer, "yeah nah I'll just pay online for now"),
            (
                Customer,
                "refund pls, i dont trust it to arrive in one piece again",
            ),
        ],
    );
    let v = check(
        &en,
        "The customer declined the prompt payment discount for direct debit.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "The customer accepted the prompt payment discount for direct debit.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
    let v = check(&en, "They did not trust it to arrive in one piece again.", vec![]);
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(&en, "They trust it to arrive in one piece again.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);

    let nl = call(
        "nl-NL",
        &[(
            Agent,
            "Ik doe een terugboekingsverzoek, maar ik kan niks beloven over het bedrag.",
        )],
    );
    let v = check(&nl, "De medewerker kon niets beloven over het bedrag.", vec![]);
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(&nl, "De medewerker kon het bedrag beloven.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);

    let fr = call(
        "fr-CH",
        &[(
            Agent,
            "Le numéro AVS n'est pas nécessaire pour un sinistre ménage, je ne l'enregistre pas.",
        )],
    );
    let v = check(
        &fr,
        "Son numéro AVS, inutile pour un sinistre ménage, n'a pas été enregistré.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &fr,
        "Son numéro AVS, nécessaire pour un sinistre ménage, a été enregistré.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
}

#[test]
fn opposite_words_contradict_without_a_negation() {
    let en = call(
        "en-GB",
        &[(
            Agent,
            "Your replacement card arrives in three to five working days and it keeps the same PIN as before.",
        )],
    );
    let v = check(
        &en,
        "A replacement card with the same PIN will arrive in three to five working days.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "A replacement card with a new PIN will arrive in three to five working days.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);

    let it = call(
        "it-IT",
        &[(
            Agent,
            "Per una voltura dopo un decesso non le addebitiamo i 23 euro di oneri amministrativi.",
        )],
    );
    let v = check(
        &it,
        "L'operatore ha aperto la voltura, senza addebitarle i 23 euro di oneri amministrativi, trattandosi di un decesso.",
        vec![],
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &it,
        "L'operatore ha aperto la voltura, addebitandole i 23 euro di oneri amministrativi, trattandosi di un decesso.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);

    let fr = call(
        "fr-FR",
        &[(
            Agent,
            "Le prélèvement du 10 avril est maintenu, l'avoir arrive sur la facture de mai.",
        )],
    );
    let v = check(&fr, "Le prélèvement du 10 avril est maintenu.", vec![]);
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(&fr, "Le prélèvement du 10 avril est annulé.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);
}

#[test]
fn an_action_item_answers_requests_not_how_things_stand() {
    let item = |text: &str| {
        vec![ActionItem {
            text: text.into(),
            owner: Some(crate::summary::Owner::Customer),
            due_date: None,
        }]
    };
    let en = call(
        "en-US",
        &[
            (
                Agent,
                "The receipt came without the doctor's registration number.",
            ),
            (
                Agent,
                "Please don't send passport numbers by regular email in future.",
            ),
        ],
    );
    let v = check(
        &en,
        "The claim is pending.",
        item("Ask the clinic for a new receipt with the doctor's registration number"),
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "The claim is pending.",
        item("Send passport numbers by regular email in future"),
    );
    assert!(negation(&v), "{:?}", v.findings);

    let pt = call(
        "pt-BR",
        &[
            (Agent, "O recibo veio sem o número do CRM da médica."),
            (
                Agent,
                "Por favor, não envie o recibo por e-mail, use o aplicativo.",
            ),
        ],
    );
    let v = check(
        &pt,
        "O pedido está pendente.",
        item("Pedir no consultório um recibo novo com o número do CRM da médica"),
    );
    assert!(!negation(&v), "{:?}", v.findings);
    let v = check(&pt, "O pedido está pendente.", item("Enviar o recibo por e-mail"));
    assert!(negation(&v), "{:?}", v.findings);
}

#[test]
fn an_address_only_the_agent_gives_is_the_company_s() {
    let pharmacy = call(
        "en-CA",
        &[(
            Agent,
            "Booked for Thursday. Is your pharmacy still Shoppers Drug Mart, 2290 Bloor Street West, Toronto?",
        )],
    );
    let v = check(
        &pharmacy,
        "The pharmacy is still Shoppers Drug Mart at 2290 Bloor Street West.",
        vec![],
    );
    assert!(!v.pii_leaks.contains(&PiiKind::Address), "{:?}", v.pii_leaks);
    let home = call(
        "en-GB",
        &[(
            Agent,
            "I have your address as 27 Cranbrook Road, Bristol BS6 7BR, is that right?",
        )],
    );
    let v = check(
        &home,
        "The customer lives at 27 Cranbrook Road, Bristol BS6 7BR.",
        vec![],
    );
    assert!(v.pii_leaks.contains(&PiiKind::Address), "{:?}", v.pii_leaks);

    let centre = call(
        "fr-FR",
        &[(
            Agent,
            "C'est réservé : mardi 16 avril 7h45, 14 rue Pasteur à Bègles, 2e étage.",
        )],
    );
    let v = check(&centre, "Le rendez-vous est au 14 rue Pasteur à Bègles.", vec![]);
    assert!(!v.pii_leaks.contains(&PiiKind::Address), "{:?}", v.pii_leaks);
    let own = call(
        "fr-FR",
        &[(
            Customer,
            "J'habite au 14 rue Pasteur à Bègles, au deuxième étage.",
        )],
    );
    let v = check(&own, "Le client habite au 14 rue Pasteur à Bègles.", vec![]);
    assert!(v.pii_leaks.contains(&PiiKind::Address), "{:?}", v.pii_leaks);
}

#[test]
fn a_number_too_long_to_dial_is_no_phone() {
    let nl = call(
        "nl-NL",
        &[(
            Customer,
            "Aangifte is gedaan, het nummer is 2024-0093-77412. Bel me op 06 1234 5678.",
        )],
    );
    let v = check(&nl, "Aangifte is gedaan onder nummer 2024-0093-77412.", vec![]);
    assert!(!v.pii_leaks.contains(&PiiKind::Phone), "{:?}", v.pii_leaks);
    let v = check(&nl, "De klant is bereikbaar op 06 1234 5678.", vec![]);
    assert!(v.pii_leaks.contains(&PiiKind::Phone), "{:?}", v.pii_leaks);
    let en = call("en-GB", &[(Customer, "the crime reference is 2024-0093-77412")]);
    let v = check(
        &en,
        "The crime reference is 2024-0093-77412; call back on +44 20 7946 0958.",
        vec![],
    );
    assert_eq!(v.pii_leaks, vec![PiiKind::Phone], "only the number that dials");
}
