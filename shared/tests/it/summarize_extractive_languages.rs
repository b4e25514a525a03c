//! The built-in summary's items and text language by language: forms that read as promises
//! or orders and are not (a past, a courtesy, a negation said the spoken way), and promises
//! written as the right infinitive in the third person.

use super::summarize_extractive_commitment_forms::{agent, items, summarize};

use wrapup::summary::Owner;
use wrapup::transcript::{Channel, SpeakerRole};

#[test]
fn dutch_orders_plans_and_what_is_neither() {
    // Neither a promise nor an order: a courtesy, sympathy, a past call.
    for said in [
        "Ik kijk even met u mee.",
        "Ik begrijp dat u heel erg geschrokken bent.",
        "Ik beloofde het u vorige week al.",
    ] {
        assert_eq!(agent("nl-NL", said), vec![], "{said}");
    }
    assert_eq!(
        items(
            "nl-NL",
            &[(
                SpeakerRole::Customer,
                "Er belde gisteren iemand van uw bank over mijn rekening."
            )]
        ),
        vec![]
    );
    // A polite order takes a "t"; a plan said of someone else stays theirs, in the third person.
    assert_eq!(
        agent("nl-NL", "Stuurt u ons de factuur nog even toe."),
        vec![("De factuur toesturen".to_string(), Owner::Customer)]
    );
    assert_eq!(
        agent("nl-NL", "De monteur belt u een halfuur van tevoren."),
        vec![(
            "De monteur belt de klant een halfuur van tevoren".to_string(),
            Owner::Agent
        )]
    );
    // A separable particle goes back on its verb.
    assert_eq!(
        agent("nl-NL", "We zetten het pakket om."),
        vec![("Het pakket omzetten".to_string(), Owner::Agent)]
    );
}

#[test]
fn french_elisions_written_out_keep_their_space() {
    let summary = summarize(
        "fr-FR",
        Channel::Voice,
        &[
            (
                SpeakerRole::Agent,
                "Banque Solvéa, bonjour, que puis-je faire pour vous ?",
            ),
            (
                SpeakerRole::Customer,
                "Bonjour, j'appelle parce qu'on m'a volé ma carte bancaire hier soir.",
            ),
            (
                SpeakerRole::Agent,
                "J'ai bloqué la carte tout de suite. Je vous envoie une nouvelle carte sous cinq jours.",
            ),
        ],
    );
    let text = &summary.executive_summary;
    assert!(text.contains("lui a volé"), "{text}");
    for glued in ["luia", "ila ", "conseillera "] {
        assert!(!text.contains(glued), "{glued}: {text}");
    }
}

#[test]
fn german_informal_orders_are_the_customers_and_fillers_no_items() {
    assert_eq!(
        agent("de-AT", "Schick mir bitte ein Foto vom Zählerstand."),
        vec![("Ein Foto vom Zählerstand schicken".to_string(), Owner::Customer)]
    );
    assert_eq!(
        agent("de-AT", "Gib den Code bitte in der App ein."),
        vec![("Den Code in der App eingeben".to_string(), Owner::Customer)]
    );
    // Followed by "ich", the same form is the speaker's own promise; "dir" is the customer.
    assert_eq!(
        agent("de-AT", "Schick ich dir morgen per Mail."),
        vec![("Dem Kunden morgen per Mail schicken".to_string(), Owner::Agent)]
    );
    assert_eq!(
        items("de-AT", &[(SpeakerRole::Customer, "Naja, nehm ich.")]),
        vec![]
    );
}

#[test]
fn a_past_with_a_committing_stem_promises_nothing() {
    let customer = |language: &str, said: &str| items(language, &[(SpeakerRole::Customer, said)]);
    assert_eq!(customer("pt-BR", "Eu mandei tudo pelo aplicativo."), vec![]);
    assert_eq!(customer("es-ES", "Me la pasaron por el banco el lunes."), vec![]);
    assert_eq!(
        customer("it-IT", "Gliele mandai già la settimana scorsa."),
        vec![]
    );
    // The present of the same verb still commits.
    assert_eq!(
        customer("pt-BR", "Eu mando as fotos hoje à noite."),
        vec![("Mandar as fotos hoje à noite".to_string(), Owner::Customer)]
    );
}

#[test]
fn present_promises_become_the_right_infinitive() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "it-IT",
            "Vi mandiamo la conferma via email.",
            "Mandare la conferma via email",
        ),
        (
            "it-IT",
            "Le blocchiamo subito la carta.",
            "Bloccare subito la carta",
        ),
        (
            "it-IT",
            "Le metto anche un mese di canone gratuito.",
            "Mettere anche un mese di canone gratuito",
        ),
        (
            "it-IT",
            "Le inviamo il codice via SMS.",
            "Inviare il codice via SMS",
        ),
        ("es-ES", "Le devolvemos el importe.", "Devolver el importe"),
        ("es-ES", "Le abrimos una reclamación.", "Abrir una reclamación"),
        ("pt-PT", "Eu bloqueio o cartão já.", "Bloquear o cartão já"),
        (
            "fr-FR",
            "Nous vous remboursons la différence.",
            "Rembourser la différence",
        ),
    ];
    for (language, said, text) in cases {
        assert_eq!(
            agent(language, said),
            vec![(text.to_string(), Owner::Agent)],
            "{language}: {said}"
        );
    }
    // Spoken French keeps only the "pas": no promise.
    assert_eq!(
        items(
            "fr-FR",
            &[(
                SpeakerRole::Customer,
                "Je fais pas des achats sur internet à neuf heures du matin."
            )]
        ),
        vec![]
    );
}

#[test]
fn english_information_and_a_question_after_a_comma_are_no_part_of_an_item() {
    let found = summarize(
        "en-ZA",
        Channel::Email,
        &[
            (SpeakerRole::Customer, "Please reverse both debit orders."),
            (
                SpeakerRole::Agent,
                "I have reversed both debit orders. Please note that a debit order disputed within 40 days can be reversed without query.",
            ),
        ],
    )
    .action_items;
    assert!(found.iter().all(|i| !i.text.starts_with("Note")), "{found:?}");
    assert_eq!(
        agent(
            "en-AU",
            "I'll send you a replacement card, can I just confirm your mobile is still the same?"
        ),
        vec![("Send the customer a replacement card".to_string(), Owner::Agent)]
    );
}

#[test]
fn a_third_partys_plan_in_the_present_stays_theirs() {
    // Not "Chiama mezz'ora prima di arrivare": the technician calls, from the subject on.
    assert_eq!(
        agent(
            "it-IT",
            "Stavolta le garantisco che il tecnico la chiama mezz'ora prima di arrivare."
        ),
        vec![(
            "Il tecnico la chiama mezz'ora prima di arrivare".to_string(),
            Owner::Agent
        )]
    );
    assert_eq!(
        agent("es-ES", "El técnico le llama media hora antes."),
        vec![("El técnico le llama media hora antes".to_string(), Owner::Agent)]
    );
    // The speaker's own present is still an instruction.
    assert_eq!(
        agent("es-ES", "Le llamo el jueves."),
        vec![("Llamar al cliente".to_string(), Owner::Agent)]
    );
}

#[test]
fn must_have_been_supposes_and_asks_nothing() {
    assert_eq!(
        agent(
            "pt-PT",
            "Deve ter sido por isso que o estafeta não conseguiu entregar."
        ),
        vec![]
    );
    assert_eq!(
        agent("pt-PT", "Deve trazer o cartão de cidadão."),
        vec![("Trazer o cartão de cidadão".to_string(), Owner::Customer)]
    );
}

#[test]
fn the_reason_starts_after_greetings_fillers_and_a_self_introduction() {
    for said in [
        "oh hi yeah um I think I've lost my debit card",
        "yeah hi Bree it's [NAME_2] I think I've lost my debit card",
    ] {
        let summary = summarize(
            "en-AU",
            Channel::Voice,
            &[
                (
                    SpeakerRole::Agent,
                    "Harbourline Bank, Bree speaking, how can I help?",
                ),
                (SpeakerRole::Customer, said),
            ],
        );
        let text = &summary.executive_summary;
        assert!(
            text.contains("because they think they've lost their debit card"),
            "{said}: {text}"
        );
    }
}

#[test]
fn a_question_without_its_mark_is_no_statement_of_the_summary() {
    let summary = summarize(
        "en-US",
        Channel::Voice,
        &[
            (
                SpeakerRole::Customer,
                "hi, I'm moving at the end of the month and I need to transfer my service",
            ),
            (
                SpeakerRole::Agent,
                "got it. and do you want to keep the Time of Day plan or go back to Basic Residential",
            ),
            (SpeakerRole::Customer, "keep time of day please"),
        ],
    );
    let text = &summary.executive_summary;
    assert!(!text.contains("want to keep"), "{text}");
}

#[test]
fn saying_who_someone_is_is_no_statement_and_no_item() {
    let summary = summarize(
        "es-AR",
        Channel::Chat,
        &[
            (
                SpeakerRole::Customer,
                "Hola, hace tres días que estoy sin internet.",
            ),
            (
                SpeakerRole::Agent,
                "Hola, soy [NAME_1] de Conecta Fibra, lamento mucho la situación. Le mando un técnico el jueves.",
            ),
            (
                SpeakerRole::Customer,
                "El vecino se llama [NAME_2], ya le pedí sus datos.",
            ),
        ],
    );
    let text = &summary.executive_summary;
    assert!(
        !text.contains("soy") && !text.contains("lamento") && !text.contains("se llama"),
        "{text}"
    );
    assert!(
        summary.action_items.iter().all(|i| !i.text.contains("llama")),
        "{:?}",
        summary.action_items
    );
}

#[test]
fn two_polite_german_orders_joined_by_und_are_two_items() {
    assert_eq!(
        agent(
            "de-AT",
            "Bitte seien Sie eine Viertelstunde vorher da und bringen Sie die E-Card mit."
        ),
        vec![
            ("Eine Viertelstunde vorher da sein".to_string(), Owner::Customer),
            ("Die E-Card mitbringen".to_string(), Owner::Customer),
        ]
    );
}

#[test]
fn english_it_stands_for_the_thing_just_named() {
    // The nearest thing named in the same sentence, made definite.
    assert_eq!(
        agent(
            "en-GB",
            "the reduction needs a form, I can post it out or you can do it online"
        )
        .first()
        .map(|(text, _)| text.as_str()),
        Some("Post the form out")
    );
    // "you should have it by Monday" takes up the promise before it: no "Send the customer it".
    let said = agent(
        "en-GB",
        "no problem. I'll send the form out today, you should have it by Monday.",
    );
    assert_eq!(said, vec![("Send the form out".to_string(), Owner::Agent)]);
}
