//! Polarity read part by part, and a choice turned around: flips caught in a long clause,
//! correct summaries left alone, in several languages.

use super::test_calls::{call, check, negation};
use crate::transcript::SpeakerRole::{Agent, Customer};

#[test]
fn a_part_of_a_long_clause_said_the_other_way_is_a_flip() {
    let de = call(
        "de-DE",
        &[
            (Customer, "Mein Fernseher zeigt seit gestern kein Bild mehr."),
            (
                Agent,
                "Ich habe nachgesehen, dass im Gebiet keine Netzstörung vorliegt, es liegt also am Empfänger.",
            ),
        ],
    );
    let right = "Der Mitarbeiter prüfte die Leitung und stellte fest, dass im Gebiet keine Netzstörung vorliegt, es liegt am Empfänger.";
    let flipped = right.replace("keine Netzstörung", "eine Netzstörung");
    assert!(!negation(&check(&de, right, vec![])), "{right}");
    assert!(negation(&check(&de, &flipped, vec![])), "{flipped}");

    let es = call(
        "es-ES",
        &[
            (Customer, "¿Tengo que devolver el mando a distancia también?"),
            (
                Agent,
                "El técnico pasará el jueves por la mañana. El mando a distancia no lo tiene que devolver, se lo queda usted.",
            ),
        ],
    );
    let right = "El agente confirmó que el técnico pasará el jueves por la mañana, y que el mando a distancia no se devuelve.";
    let flipped = "El agente confirmó que el técnico pasará el jueves por la mañana, y que el mando a distancia lo tiene que devolver el cliente.";
    assert!(!negation(&check(&es, right, vec![])), "{right}");
    assert!(negation(&check(&es, flipped, vec![])), "{flipped}");
}

#[test]
fn a_request_or_a_condition_denies_nothing() {
    // "Please don't post card details" asks; the customer did post them.
    let en = call(
        "en-GB",
        &[
            (
                Customer,
                "My card number is on the receipt photo I posted in the chat.",
            ),
            (
                Agent,
                "Please don't post card details in the chat, for your safety. I'll email you a secure payment link now.",
            ),
        ],
    );
    let text =
        "The agent will email a secure payment link, as the customer had posted card details in the chat.";
    assert!(!negation(&check(&en, text, vec![])), "{text}");
    // A negation inside a condition asserts nothing.
    let fr = call(
        "fr-FR",
        &[
            (
                Agent,
                "Le remboursement apparaîtra sur votre relevé du mois prochain.",
            ),
            (
                Customer,
                "Et s'il apparaît pas ? Je rappelle avec le numéro du dossier ?",
            ),
            (
                Agent,
                "Oui, le remboursement apparaîtra, sinon vous rappelez avec le numéro du dossier.",
            ),
        ],
    );
    let text = "Le remboursement apparaîtra sur le relevé du mois prochain, et si le remboursement n'apparaît pas sur le relevé, le client rappellera.";
    assert!(!negation(&check(&fr, text, vec![])), "{text}");
}

#[test]
fn accepting_what_was_turned_down_is_a_flip() {
    let en = call(
        "en-IE",
        &[
            (
                Agent,
                "Would you like me to close the old savings account as well?",
            ),
            (Customer, "No, leave it open, I still use it for the holidays."),
        ],
    );
    let right = "The customer declined the agent's offer to close the savings account.";
    let flipped = "The customer accepted the agent's offer to close the savings account.";
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");
}

#[test]
fn a_charge_said_the_other_way_in_a_long_clause_is_a_flip() {
    // The clause's other words ("the annual plan", "a new term") are not in the agent's
    // sentence: only the few words before "fee" align with it.
    let en = call(
        "en-US",
        &[
            (
                Customer,
                "If I move to the annual plan now, do I pay anything for leaving the monthly one early?",
            ),
            (
                Agent,
                "Since you're staying with us, there's no early cancellation fee. The annual term starts on the day you switch.",
            ),
            (Customer, "Great, let's do that."),
        ],
    );
    let right = "Moving to the annual plan before the monthly one ends has no early cancellation fee and starts a new annual term from the switch date.";
    let flipped = right.replace(
        "has no early cancellation fee",
        "incurs an early cancellation fee",
    );
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(negation(&check(&en, &flipped, vec![])), "{flipped}");
    // The words before a pair word say its side only with what follows it: "the activation
    // fee" alone is no charge when "has been waived" comes next.
    let waived = call(
        "en-US",
        &[
            (Customer, "Is there a fee to change plans?"),
            (
                Agent,
                "Your plan change is booked for Thursday and the activation fee has been waived.",
            ),
        ],
    );
    let text = "The customer's plan change is booked for Thursday and the activation fee has been waived.";
    assert!(!negation(&check(&waived, text, vec![])), "{text}");
}

/// "O assistente não cancelou o cartão" when the call cancels it: a negated act is what the
/// claim says, though the act's verb also names who did it.
#[test]
fn a_negated_act_is_the_claim() {
    let call = call(
        "pt-PT",
        &[
            (
                Customer,
                "Roubaram-me a carteira, tenho três movimentos que não reconheço.",
            ),
            (
                Agent,
                "Vou cancelar já o cartão. Pronto, o cartão está cancelado neste momento.",
            ),
        ],
    );
    assert!(negation(&check(
        &call,
        "O assistente não cancelou o cartão.",
        vec![]
    )));
    assert!(!negation(&check(
        &call,
        "O assistente cancelou o cartão.",
        vec![]
    )));
}

/// "No claims bonus" names a discount: "your no claims bonus shouldn't be affected" denies that
/// it is affected, and the name denies nothing.
#[test]
fn a_no_claims_bonus_is_no_negation() {
    let call = call(
        "en-GB",
        &[
            (
                Customer,
                "Is this going to affect my no claims bonus? I've got nine years.",
            ),
            (
                Agent,
                "As it's a non-fault claim, your no claims bonus shouldn't be affected.",
            ),
        ],
    );
    let flipped =
        "As it is a non-fault claim, the customer's nine years of no claims bonus will be affected.";
    assert!(negation(&check(&call, flipped, vec![])));
    let right =
        "As it is a non-fault claim, the customer's nine years of no claims bonus should not be affected.";
    assert!(!negation(&check(&call, right, vec![])));
}

#[test]
fn a_negated_need_denies_the_whole_complement_after_it() {
    // The packing instruction sits more than four words past the negation.
    let en = call(
        "en-US",
        &[
            (Customer, "Do I have to find the box the lamp came in?"),
            (
                Agent,
                "The courier collects it on Monday, and you don't need to worry about the original box for the lamp.",
            ),
        ],
    );
    let right = "The courier collects the lamp on Monday, with no need for the original box of the lamp.";
    let flipped = "The courier collects the lamp on Monday, and the lamp has to be in the original box.";
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");

    // "sin necesidad de ..." negates what the need governs, as "no hace falta que ..." does.
    let es = call(
        "es-ES",
        &[(
            Agent,
            "El técnico recogerá el router viejo el martes, no hace falta que lo devuelva con todos los cables originales.",
        )],
    );
    let right = "El técnico recogerá el router viejo el martes, sin necesidad de devolverlo con los cables originales.";
    let flipped = "El técnico recogerá el router viejo el martes, que se devuelve con los cables originales.";
    assert!(!negation(&check(&es, right, vec![])), "{right}");
    assert!(negation(&check(&es, flipped, vec![])), "{flipped}");
}

#[test]
fn a_question_answered_no_stated_as_so_is_a_flip() {
    let en = call(
        "en-GB",
        &[
            (Customer, "The kettle stopped heating after two days."),
            (
                Agent,
                "Sorry to hear that. Did you register the kettle for the extended warranty?",
            ),
            (Customer, "No, I never got round to it."),
            (Agent, "That's fine, the standard warranty covers it anyway."),
        ],
    );
    let flipped = "The kettle stopped heating after two days; the customer had registered the kettle for the extended warranty, and the standard warranty covers it.";
    let right = "The kettle stopped heating after two days; the customer had not registered the kettle for the extended warranty, but the standard warranty covers it.";
    let reported = "The kettle stopped heating after two days; the agent asked whether the customer had registered the kettle for the extended warranty.";
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");
    assert!(!negation(&check(&en, right, vec![])), "{right}");
    assert!(!negation(&check(&en, reported, vec![])), "{reported}");
    // Answered yes: stated as so is right.
    let yes = call(
        "en-GB",
        &[
            (Agent, "Did you register the kettle for the extended warranty?"),
            (Customer, "Yes, straight after I bought it."),
        ],
    );
    assert!(!negation(&check(&yes, flipped, vec![])), "{flipped}");

    // A "no" to a statement checked after a dash corrects a detail; the rest still holds.
    let corrected = call(
        "en-GB",
        &[
            (
                Agent,
                "The new router goes out by courier to your home address – is that still Flat 2?",
            ),
            (Customer, "No, it's Flat 3 now, we moved across the landing."),
        ],
    );
    let text = "The new router goes out by courier to the customer's home address.";
    assert!(!negation(&check(&corrected, text, vec![])), "{text}");

    // Italian answers "no" where it negates with "non".
    let it = call(
        "it-IT",
        &[
            (Agent, "Ha conservato lo scontrino originale della stampante?"),
            (Customer, "no, l'ho buttato, ho solo l'email dell'ordine"),
        ],
    );
    let flipped = "Il cliente ha conservato lo scontrino originale della stampante e ha l'email dell'ordine.";
    assert!(negation(&check(&it, flipped, vec![])), "{flipped}");
}

#[test]
fn a_request_turned_down_is_reported_not_flipped() {
    // The customer asked for what the agent then refused: the summary reports the asking.
    let en = call(
        "en-US",
        &[
            (
                Customer,
                "Can you refund the annual membership fee for this year?",
            ),
            (
                Agent,
                "No, I'm afraid the annual membership fee is not refundable after thirty days.",
            ),
        ],
    );
    for text in [
        "The customer asked for a refund of the annual membership fee for this year.",
        "The customer asked the agent to refund the annual membership fee for this year.",
    ] {
        assert!(!negation(&check(&en, text, vec![])), "{text}");
    }
}

#[test]
fn a_need_released_is_said_the_other_way_in_other_words() {
    // "Not needed" in the call, "necessary" in the summary: the same concept, and "não
    // precisa" asks the customer nothing (it releases them), so the sentence is read as a
    // statement; "sendo" is only a form of "to be".
    let pt = call(
        "pt-BR",
        &[
            (Customer, "A TV chegou com a tela trincada, quero devolver."),
            (
                Agent,
                "A coleta será feita pelos Correios no endereço de entrega. Não precisa estar na embalagem original, mas pedimos que a TV esteja bem protegida.",
            ),
        ],
    );
    let right = "A coleta é feita pelos Correios no endereço de entrega, sem necessidade da embalagem original, desde que a TV esteja bem protegida.";
    let flipped = "A coleta é feita pelos Correios no endereço de entrega, sendo necessária a embalagem original, desde que a TV esteja bem protegida.";
    assert!(!negation(&check(&pt, right, vec![])), "{right}");
    assert!(negation(&check(&pt, flipped, vec![])), "{flipped}");

    let en = call(
        "en-US",
        &[
            (Customer, "Do I have to send the receipt?"),
            (
                Agent,
                "No, you don't need the receipt for the return, just wrap the blender well.",
            ),
        ],
    );
    let flipped = "The agent said the receipt is required for the return.";
    assert!(negation(&check(&en, flipped, vec![])), "{flipped}");
    let right = "The agent said no receipt is needed for the return.";
    assert!(!negation(&check(&en, right, vec![])), "{right}");
}

#[test]
fn a_short_part_is_read_on_its_own_and_a_preposition_opens_none() {
    let fr = call(
        "fr-FR",
        &[
            (
                Customer,
                "ok. et c'est remboursé ? la dernière fois dans un autre centre on m'a fait payer un dépassement de 40€ sans prévenir",
            ),
            (
                Agent,
                "Nous sommes en secteur 1, donc pas de dépassement d'honoraires. L'IRM est prise en charge à 70 % par l'Assurance Maladie, le reste par votre mutuelle.",
            ),
        ],
    );
    let flipped = "Inquiet après un dépassement de 40 € facturé sans prévenir dans un autre centre, il a appris que le centre est en secteur 1, mais avec un dépassement d'honoraires, que l'IRM est prise en charge à 70 % par l'Assurance Maladie et le reste par sa mutuelle.";
    let right = flipped.replace("mais avec un dépassement", "donc sans dépassement");
    assert!(negation(&check(&fr, flipped, vec![])), "{flipped}");
    assert!(!negation(&check(&fr, &right, vec![])), "{right}");

    // Spanish "en" is "in", not Dutch "and": "en la caja original" stays in the part that
    // "sin necesidad" denies.
    let es = call(
        "es-ES",
        &[
            (Customer, "¿Tengo que devolver la rota en su caja?"),
            (
                Agent,
                "El mensajero de SEUR recogerá la freidora rota el mismo día que te entregue la nueva, no hace falta que la embales en la caja original.",
            ),
        ],
    );
    let right = "El mensajero de SEUR recogerá la freidora rota el mismo día que entregue la nueva, sin necesidad de embalarla en la caja original.";
    assert!(!negation(&check(&es, right, vec![])), "{right}");
    // The call's own sentence, as the built-in summary takes it: the negation of "no hace
    // falta" reaches the part its "que" opens.
    let taken = "El mensajero de SEUR recogerá la freidora rota el mismo día que te entregue la nueva, no hace falta que la embales en la caja original.";
    assert!(!negation(&check(&es, taken, vec![])), "{taken}");
}
