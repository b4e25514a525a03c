//! Commitment forms of every served language become action items with the right owner: the
//! forms the rules learnt for issue 10 (a commitment before a question, after a condition or a
//! lead, elided leads, verb-second with the object first, plans named by a noun, offers the
//! agent makes as the plan), and what is no commitment.

use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::summary::{Owner, SummaryOptions};
use wrapup::transcript::{Channel, SpeakerRole, Transcript, Utterance};

fn items(language: &str, channel: Channel, agent_says: &str) -> Vec<(String, Owner)> {
    let lines = [
        (SpeakerRole::Customer, "Hello."),
        (SpeakerRole::Agent, agent_says),
    ];
    let transcript = Transcript {
        conversation_id: "7d6a4c1e-0000-4000-8000-000000000001".into(),
        agent_names: Vec::new(),
        media_type: channel,
        language: Some(language.into()),
        duration_ms: 8_000,
        utterances: lines
            .iter()
            .enumerate()
            .map(|(i, (speaker, text))| Utterance {
                speaker: *speaker,
                text: (*text).to_string(),
                start_offset_ms: i as u64 * 4_000,
                duration_ms: 3_000,
                confidence: None,
                communication_id: "comm-1".into(),
            })
            .collect(),
    };
    ExtractiveSummarizer::new()
        .summarize_transcript(&transcript, &SummaryOptions::default())
        .action_items
        .into_iter()
        .map(|i| (i.text, i.owner.expect("an owner")))
        .collect()
}

/// (language, what the agent said, the items expected as (text, owner)).
type Case = (&'static str, &'static str, &'static [(&'static str, Owner)]);

#[test]
fn commitments_of_every_language_become_instructions_with_owners() {
    use Owner::Agent;
    let cases: [Case; 12] = [
        // Before a question in the same sentence.
        (
            "fr-FR",
            "Je vous envoie la confirmation par mail, ça vous va ?",
            &[("Envoyer la confirmation par mail", Agent)],
        ),
        // An elided lead ("m' engage") and a clitic subject ("vous recevrez").
        (
            "fr-FR",
            "Je m'engage à vous envoyer les deux contrats d'ici vendredi.",
            &[("Envoyer les deux contrats", Agent)],
        ),
        (
            "fr-FR",
            "Vous recevrez un récapitulatif par e-mail.",
            &[("Envoyer au client un récapitulatif par e-mail", Agent)],
        ),
        // After a condition, which the item keeps; after a lead.
        (
            "it-IT",
            "Se non lo trovo le mando un link per caricarlo direttamente.",
            &[(
                "Mandare un link per caricarlo direttamente, se non lo trovo",
                Agent,
            )],
        ),
        (
            "it-IT",
            "Le prometto che entro venerdì la richiamo con una risposta.",
            &[("Richiamare con una risposta", Agent)],
        ),
        (
            "es-ES",
            "Te anoto como prioritaria y si se libera un turno antes te llamo.",
            &[
                ("Anotar como prioritaria", Agent),
                ("Llamar, si se libera un turno antes", Agent),
            ],
        ),
        // A plan named by its noun, with a due phrase; a noun alone is none.
        (
            "pt-PT",
            "Com o processo aberto, o crédito é feito na sua conta em até dez dias úteis.",
            &[("Com o processo aberto, o crédito é feito na sua conta", Agent)],
        ),
        ("pt-BR", "O cancelamento imediato.", &[]),
        // Verb second with the object first; a condition is no order.
        (
            "nl-NL",
            "Het dubbele bedrag storten we binnen 5 werkdagen terug op uw rekening.",
            &[(
                "Het dubbele bedrag binnen 5 werkdagen terug op uw rekening storten",
                Agent,
            )],
        ),
        ("de-DE", "Wenn Sie mir hier die IBAN schicken.", &[]),
        // The agent's offer as the plan; a contracted third person.
        (
            "en-US",
            "I can arrange a free pickup.",
            &[("Arrange a free pickup", Agent)],
        ),
        (
            "en-US",
            "She'll call you tomorrow.",
            &[("Have her call the customer", Agent)],
        ),
    ];
    for (language, said, expected) in cases {
        let expected: Vec<(String, Owner)> = expected.iter().map(|(t, o)| ((*t).to_string(), *o)).collect();
        assert_eq!(
            items(language, Channel::Chat, said),
            expected,
            "{language}: {said}"
        );
    }
}

#[test]
fn a_capitalised_function_word_is_no_one_to_delegate_to() {
    let said = "For security I need to verify your full ID before updating the email.";
    assert_eq!(items("en-US", Channel::Chat, said), Vec::new());
}
