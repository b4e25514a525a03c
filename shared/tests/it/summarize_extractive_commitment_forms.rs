//! More commitment forms become action items with the right owner and wording, and what only
//! looks like one does not: the forms of issue 12 (a second verb after one done in the call, a
//! promise to have someone act, pseudo-clefts, an arrangement reported done with its time still
//! to come, a delivery under way or said in the progressive, first-person requests), and the
//! wording fixes that came with them.

use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::summary::{Owner, Summary, SummaryOptions};
use wrapup::transcript::{Channel, SpeakerRole, Transcript};

/// The built-in summary of a conversation of these turns.
pub(crate) fn summarize(language: &str, channel: Channel, turns: &[(SpeakerRole, &str)]) -> Summary {
    let transcript = Transcript::from_turns("c-forms", channel, Some(language), turns.to_vec());
    ExtractiveSummarizer::new().summarize_transcript(&transcript, &SummaryOptions::default())
}

pub(crate) fn items(language: &str, lines: &[(SpeakerRole, &str)]) -> Vec<(String, Owner)> {
    let mut turns = vec![(SpeakerRole::Customer, "Hello.")];
    turns.extend_from_slice(lines);
    summarize(language, Channel::Voice, &turns)
        .action_items
        .into_iter()
        .filter_map(|i| Some((i.text, i.owner?)))
        .collect()
}

pub(crate) fn agent(language: &str, says: &str) -> Vec<(String, Owner)> {
    items(language, &[(SpeakerRole::Agent, says)])
}

#[test]
fn english_forms_become_instructions() {
    use Owner::{Agent, Customer};
    let cases: &[(&str, &str, Owner)] = &[
        (
            "I'm going to pop a note on the file and forward it to the claims team.",
            "Forward it to the claims team",
            Agent,
        ),
        (
            "I'll need the surveyor to inspect the roof.",
            "Have the surveyor inspect the roof",
            Agent,
        ),
        (
            "What I'll do is email you a copy of the policy.",
            "Email the customer a copy of the policy",
            Agent,
        ),
        (
            "I've gone ahead and scheduled a fitter for Thursday afternoon.",
            "Schedule a fitter",
            Agent,
        ),
        (
            "The spare key is being couriered over to the branch.",
            "Courier the spare key over to the branch",
            Agent,
        ),
        (
            "You will be receiving a welcome letter in the post.",
            "Send the customer a welcome letter in the post",
            Agent,
        ),
        (
            "I'd like you to post us the signed mandate.",
            "Post the company the signed mandate",
            Customer,
        ),
        (
            "I'll be texting you the tracking code.",
            "Text the customer the tracking code",
            Agent,
        ),
        (
            "Let me arrange a courier to you by Monday.",
            "Arrange a courier to the customer",
            Agent,
        ),
        (
            "Let me book a callback for Friday morning.",
            "Book a callback",
            Agent,
        ),
        (
            "Somebody from the lettings team will phone you this evening.",
            "Have somebody from the lettings team phone the customer",
            Agent,
        ),
        // Asked in the call, done after it.
        (
            "I've asked the driver to go back and collect it from the other property.",
            "Have the driver go back and collect it from the other property",
            Agent,
        ),
        (
            "I've just asked the courier to redeliver tomorrow.",
            "Have the courier redeliver",
            Agent,
        ),
        (
            "All done, £142.60 will be paid to the account ending 8826 within 5 to 7 working days.",
            "Pay £142.60 to the account ending 8826",
            Agent,
        ),
        (
            "Great news, the engineer will visit on Monday.",
            "Have the engineer visit",
            Agent,
        ),
        // An order after a condition's comma.
        (
            "If it hasn't turned up by 5pm tomorrow, message us back with ref CLM-20931.",
            "Message the company back with ref CLM-20931",
            Customer,
        ),
        // A contact detail asked for what will be sent to it.
        (
            "And can I get a mobile number for the text reminder?",
            "Send the customer the text reminder",
            Agent,
        ),
        (
            "And an email address for the confirmation.",
            "Email the customer the confirmation",
            Agent,
        ),
    ];
    for (said, text, owner) in cases {
        let found = agent("en-GB", said);
        assert_eq!(found, vec![((*text).to_string(), *owner)], "{said}");
    }
}

#[test]
fn what_only_looks_like_a_commitment_is_no_item() {
    for said in [
        // A past report with no time still to come, or one that is now.
        "I've gone ahead and cancelled the old card.",
        "I've booked the repair today.",
        // The customer will see what the company sends: no task of theirs.
        "Your refund went through and you should see it in a few days.",
        // A hypothetical, a question, a refusal.
        "If you wanted, we could send an engineer.",
        "Would you like me to have the engineer call you?",
        "I won't need the engineer to come out.",
        // In-call verbs only, joined by "and".
        "I'm going to check the account and look at the notes.",
        // Someone to act who is not a person.
        "I'll need the account to be in your name.",
        // Asked of nobody who acts: a question put, a thing asked for.
        "I asked the system to refresh.",
        "I've asked for a refund.",
        // How long something takes, said in a clause after "once": a statement, no task.
        "Once the investigation's finished it usually takes up to ten business days.",
        // A contact detail for what keeps coming, or for the call itself.
        "And an email for the bills?",
        "Is this still the best number for you?",
    ] {
        assert_eq!(agent("en-GB", said), Vec::new(), "{said}");
    }
}

#[test]
fn the_customer_is_an_object_after_a_preposition() {
    let found = agent("en-GB", "I'll post the forms to you by Wednesday.");
    assert_eq!(
        found,
        vec![("Post the forms to the customer".to_string(), Owner::Agent)]
    );
    let found = agent("en-GB", "Let me arrange that for you tomorrow.");
    assert_eq!(
        found,
        vec![("Arrange that for the customer".to_string(), Owner::Agent)]
    );
}

#[test]
fn orders_to_the_customer_in_every_language_read_from_a_table() {
    use Owner::{Agent, Customer};
    let cases: &[(&str, &str, &str, Owner)] = &[
        (
            "fr-FR",
            "Conservez le bon de livraison.",
            "Conserver le bon de livraison",
            Customer,
        ),
        (
            "fr-FR",
            "Renvoyez-nous le contrat signé.",
            "Renvoyer le contrat signé",
            Customer,
        ),
        (
            "es-ES",
            "Rellene el formulario de la web.",
            "Rellenar el formulario de la web",
            Customer,
        ),
        (
            "es-ES",
            "Mándenos el justificante por correo.",
            "Mandar el justificante por correo",
            Customer,
        ),
        (
            "it-IT",
            "Ci invii la ricevuta del bonifico.",
            "Inviare la ricevuta del bonifico",
            Customer,
        ),
        (
            "pt-PT",
            "Assine o contrato na loja.",
            "Assinar o contrato na loja",
            Customer,
        ),
        (
            "nl-NL",
            "Bewaar de bon van de winkel.",
            "De bon van de winkel bewaren",
            Customer,
        ),
        // Verb second: the verb stays the speaker's own promise after "ik".
        (
            "nl-NL",
            "Morgen stuur ik u het contract.",
            "Morgen het contract sturen",
            Agent,
        ),
        // A promise tag is left out of the promise.
        (
            "de-DE",
            "Ich rufe Sie morgen an, das verspreche ich Ihnen.",
            "Morgen den Kunden anrufen",
            Agent,
        ),
        (
            "es-ES",
            "Le envío el contrato hoy, se lo prometo.",
            "Enviar el contrato",
            Agent,
        ),
    ];
    for (language, said, text, owner) in cases {
        let found = agent(language, said);
        assert_eq!(found, vec![((*text).to_string(), *owner)], "{said}");
    }
}

#[test]
fn what_only_looks_like_an_order_is_not_one() {
    // A future after "vous", a question, a negated order, a present said of someone else.
    assert_eq!(
        agent("fr-FR", "Vous recevrez le colis mardi."),
        vec![("Envoyer au client le colis mardi".to_string(), Owner::Agent)]
    );
    assert_eq!(agent("fr-FR", "Chez nous, les frais sont offerts."), Vec::new());
    assert_eq!(agent("es-ES", "¿Guarde la factura o la tiró?"), Vec::new());
    assert_eq!(agent("pt-PT", "Não assine nada por enquanto."), Vec::new());
    // The technician calling is the company's side, never an order to the customer.
    let called = agent("it-IT", "Il tecnico la chiama mezz'ora prima.");
    assert!(
        called.iter().all(|(_, owner)| *owner == Owner::Agent),
        "{called:?}"
    );
    // The customer's own words are no order to themselves.
    assert_eq!(
        items(
            "es-ES",
            &[(SpeakerRole::Customer, "Guarde la factura, me dijeron.")]
        ),
        Vec::new()
    );
}

#[test]
fn a_delivery_after_a_fronted_phrase_keeps_it() {
    assert_eq!(
        agent("de-DE", "Für den Ausfall bekommen Sie eine Gutschrift."),
        vec![(
            "Für den Ausfall eine Gutschrift dem Kunden zusenden".to_string(),
            Owner::Agent
        )]
    );
    assert_eq!(
        agent("nl-NL", "Voor het ongemak krijgt u een tegoedbon."),
        vec![(
            "Voor het ongemak een tegoedbon naar de klant sturen".to_string(),
            Owner::Agent
        )]
    );
}

#[test]
fn it_after_a_commitment_names_the_one_thing_said_just_before() {
    use SpeakerRole::{Agent, Customer};
    let asked = items(
        "en-GB",
        &[
            (Customer, "What happens to my old set-top box?"),
            (Agent, "We'll collect it when the fitter comes."),
        ],
    );
    assert_eq!(
        asked,
        vec![(
            "Collect the customer's old set-top box when the fitter comes".to_string(),
            Owner::Agent
        )]
    );
    let same_sentence = agent("en-GB", "If your postcode changed, please update it online.");
    assert_eq!(
        same_sentence,
        vec![(
            "Update the customer's postcode online".to_string(),
            Owner::Customer
        )]
    );
    // Two things named: "it" stays "it".
    let two = items(
        "en-GB",
        &[
            (Customer, "The invoice shows the wrong tariff."),
            (Agent, "I'll correct it this afternoon."),
        ],
    );
    assert_eq!(two, vec![("Correct it".to_string(), Owner::Agent)]);
    // A person is never "it"; a contraction names nothing.
    let person = items(
        "en-GB",
        &[
            (Customer, "The landlord has the keys."),
            (Agent, "I'll chase it up."),
        ],
    );
    assert_eq!(person, vec![("Chase it up".to_string(), Owner::Agent)]);
    let contraction = agent("en-GB", "the portal's been down all day, I'll reset it for you.");
    assert_eq!(
        contraction,
        vec![("Reset it for the customer".to_string(), Owner::Agent)]
    );
}

#[test]
fn an_email_reads_it_only_in_its_own_sentence() {
    let found: Vec<String> = summarize(
        "en-GB",
        Channel::Email,
        &[
            (SpeakerRole::Customer, "Hello, my meter is broken."),
            (
                SpeakerRole::Agent,
                "Dear customer, our engineer checked the meter. We will replace it next week.",
            ),
        ],
    )
    .action_items
    .into_iter()
    .map(|i| i.text)
    .collect();
    assert_eq!(found, vec!["Replace it".to_string()]);
}

#[test]
fn a_call_back_promised_to_the_customer_names_them() {
    use Owner::Agent;
    let cases: &[(&str, &str, &str)] = &[
        ("fr-FR", "C'est moi qui vous recontacte.", "Recontacter le client"),
        ("es-ES", "Le llamo el jueves.", "Llamar al cliente"),
        ("it-IT", "La richiamo domani.", "Richiamare il cliente"),
        ("pt-PT", "Ligo-lhe na sexta-feira.", "Ligar ao cliente"),
        (
            "de-DE",
            "Ich rufe Sie übermorgen zurück.",
            "Übermorgen den Kunden zurückrufen",
        ),
        ("nl-NL", "Ik bel u morgen terug.", "Morgen de klant terugbellen"),
    ];
    for (language, said, text) in cases {
        assert_eq!(
            agent(language, said),
            vec![((*text).to_string(), Agent)],
            "{said}"
        );
    }
    // Something else sent, or no contact: the customer is not added.
    assert_eq!(
        agent("es-ES", "Le envío la factura."),
        vec![("Enviar la factura".to_string(), Agent)]
    );
    assert_eq!(agent("nl-NL", "Waarmee kan ik u helpen?"), Vec::new());
}

#[test]
fn closing_words_said_after_the_act_are_left_out() {
    for (said, text) in [
        ("yeah nah I'll just pay online for now.", "Pay online"),
        (
            "ok I'll use my old samsung for now thanks",
            "Use their old samsung",
        ),
    ] {
        let found = items("en-GB", &[(SpeakerRole::Customer, said)]);
        assert_eq!(found, vec![(text.to_string(), Owner::Customer)], "{said}");
    }
}
