//! Commitment forms of every served language become action items with the right owner: the
//! forms the rules learnt for issue 10 (a commitment before a question, after a condition or a
//! lead, elided leads, verb-second with the object first, plans named by a noun, offers the
//! agent makes as the plan), and what is no commitment.

use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::summary::{Owner, SummaryOptions};
use wrapup::transcript::{Channel, SpeakerRole, Transcript, Utterance};

fn items(language: &str, channel: Channel, agent_says: &str) -> Vec<(String, Owner)> {
    said_by(language, channel, SpeakerRole::Agent, agent_says)
}

fn said_by(language: &str, channel: Channel, speaker: SpeakerRole, says: &str) -> Vec<(String, Owner)> {
    let lines = [(SpeakerRole::Customer, "Hello."), (speaker, says)];
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

/// Each case's agent line, in its language on `channel`, gives exactly the expected items.
fn assert_cases(channel: Channel, cases: &[Case]) {
    for (language, said, expected) in cases {
        let expected: Vec<(String, Owner)> = expected.iter().map(|(t, o)| ((*t).to_string(), *o)).collect();
        assert_eq!(items(language, channel, said), expected, "{language}: {said}");
    }
}

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
                ("Llamar al cliente, si se libera un turno antes", Agent),
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
                "Het dubbele bedrag binnen 5 werkdagen terug op de rekening storten",
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
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn a_capitalised_function_word_is_no_one_to_delegate_to() {
    let said = "For security I need to verify your full ID before updating the email.";
    assert_eq!(items("en-US", Channel::Chat, said), Vec::new());
}

#[test]
fn english_commitments_after_a_condition_in_the_progressive_and_in_the_present() {
    use Owner::Agent;
    let cases: [Case; 18] = [
        // The main clause after a condition or a time; after "if", an offer or a choice is none.
        (
            "en-US",
            "If it isn't recovered by Friday we'll open a claim for the declared value.",
            &[("Open a claim for the declared value", Agent)],
        ),
        (
            "en-US",
            "Once it's paid you'll get a new confirmation with the same reference.",
            &[(
                "Send the customer a new confirmation with the same reference",
                Agent,
            )],
        ),
        (
            "en-US",
            "If you quote the offer code you'll get 3 months at half price.",
            &[],
        ),
        ("en-US", "If you want you can also send it by remittance.", &[]),
        // The agent doing it as the call ends, after a short fronted phrase; a reason is none.
        (
            "en-US",
            "For the cracked one I'm emailing you a prepaid return label.",
            &[("Email the customer a prepaid return label", Agent)],
        ),
        ("en-US", "I'm checking your account now.", &[]),
        // A thing on its way, in the present; what a plan includes is none.
        (
            "en-US",
            "Your final bill goes out within six weeks.",
            &[("Send the customer the final bill", Agent)],
        ),
        (
            "en-US",
            "The new card goes to the address on file, is that still correct?",
            &[("Send the customer the new card to the address on file", Agent)],
        ),
        ("en-US", "The plan comes with unlimited data.", &[]),
        // "So far" links no clause; "I can set you up" is the plan.
        (
            "en-US",
            "Interest charged so far will also be refunded.",
            &[("Refund Interest charged so far", Agent)],
        ),
        (
            "en-US",
            "I can set you up on the Fixed Saver tariff.",
            &[("Set the customer up on the Fixed Saver tariff", Agent)],
        ),
        // The statement before a confirmation tag, in German; a real question stays one.
        (
            "de-DE",
            "Wir schicken Ihnen noch eine Terminbestätigung per SMS, richtig?",
            &[("Eine Terminbestätigung per SMS schicken", Agent)],
        ),
        ("de-DE", "Haben Sie die Rechnung noch, richtig?", &[]),
        // A passive request for one of the customer's tasks, after a comma too; a question is none.
        (
            "en-AU",
            "The next meter read is Tuesday, could the side gate be left unlocked that day?",
            &[("Leave the side gate unlocked that day", Owner::Customer)],
        ),
        ("en-AU", "Can the parcel be found anywhere?", &[]),
        // "right away" after "you" is no verb to agree; a closing wish is no request.
        (
            "en-US",
            "I'll get it locked for you right away.",
            &[("Get it locked for the customer", Agent)],
        ),
        ("en-NZ", "Have a wonderful trip!", &[]),
        // The agent's "our" in a delegated subject is the company's.
        (
            "en-IN",
            "Our technician will visit on Saturday.",
            &[("Have the company's technician visit", Agent)],
        ),
    ];
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn third_person_futures_polite_requests_and_negations_of_the_table_languages() {
    use Owner::{Agent, Customer};
    let cases: [Case; 8] = [
        // A committing verb in the third-person future; an imperfect is none.
        (
            "es-ES",
            "El mensajero recogerá la freidora rota el sábado.",
            &[("El mensajero recogerá la freidora rota", Agent)],
        ),
        (
            "it-IT",
            "Il corriere ti chiamerà prima di passare.",
            &[("Il corriere ti chiamerà prima di passare", Agent)],
        ),
        ("es-ES", "La tarifa era más cara el año pasado.", &[]),
        // An irregular first-person plural future.
        (
            "es-ES",
            "Le mantendremos informado de cualquier novedad.",
            &[("Mantener informado de cualquier novedad", Agent)],
        ),
        // "Merci de" with its elision is a request; before a determiner it thanks.
        (
            "fr-FR",
            "Merci d'arriver 15 min avant avec l'ordonnance.",
            &[("Arriver 15 min avant avec l'ordonnance", Customer)],
        ),
        ("fr-FR", "Merci de votre patience.", &[]),
        // Dutch "niks" negates a promise.
        ("nl-NL", "Ik kan niks beloven over het bedrag.", &[]),
        // Where the verb comes last, a pronoun is no noun.
        (
            "de-DE",
            "Sie können ihr die SMS ja weiterleiten.",
            &[("Ihr die SMS ja weiterleiten", Customer)],
        ),
    ];
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn openers_before_a_form_of_address_and_emoji_leave_the_commitment_readable() {
    use Owner::{Agent, Customer};
    assert_eq!(
        items(
            "en-ZA",
            Channel::Voice,
            "alright Mr [NAME_1], the assessor will go to the panel beater on Thursday."
        ),
        [("Have the assessor go to the panel beater".to_string(), Agent)]
    );
    assert_eq!(
        items(
            "pt-PT",
            Channel::Message,
            "Registado 👍 Mandamos-lhe mensagem quando o carro estiver pronto."
        ),
        [("Mandar mensagem quando o carro estiver pronto".to_string(), Agent)]
    );
    assert_eq!(
        items("en-NZ", Channel::Message, "Visits are free 🙂 Enjoy your day."),
        Vec::new()
    );
    // "ill" typed for "I'll" after an opener, and a closing "so".
    assert_eq!(
        said_by(
            "en-IE",
            Channel::Message,
            SpeakerRole::Customer,
            "grand ill order online tonight so"
        ),
        [("Order online".to_string(), Customer)]
    );
    assert_eq!(
        said_by(
            "en-GB",
            Channel::Message,
            SpeakerRole::Customer,
            "I feel ill today."
        ),
        Vec::new()
    );
}

#[test]
fn an_obligation_of_the_customers_side_and_a_conditions_own_verb() {
    use Owner::{Agent, Customer};
    let cases: [Case; 4] = [
        // An obligation said of someone on the customer's side is the customer's; of staff, the agent's.
        (
            "en-AU",
            "Someone over 18 needs to be home for the NBN tech.",
            &[("Someone over 18 needs to be home for the NBN tech", Customer)],
        ),
        (
            "en-AU",
            "The technician needs to check the line on Monday.",
            &[("The technician needs to check the line", Agent)],
        ),
        // Spanish "si" without a comma opens a condition, whose verb is no promise; "sí," is yes.
        ("es-ES", "Si se pasa a la Cuenta Nómina serían gratis.", &[]),
        (
            "es-ES",
            "Sí, le envío el enlace por correo.",
            &[("Enviar el enlace por correo", Agent)],
        ),
    ];
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn what_the_customer_gets_said_in_the_present() {
    use Owner::Agent;
    let cases: [Case; 3] = [
        (
            "fr-BE",
            "Vous recevez une nouvelle facture dans les dix jours ouvrables.",
            &[("Envoyer au client une nouvelle facture", Agent)],
        ),
        (
            "es-AR",
            "Te llega un mail de confirmación a tu casilla.",
            &[("Enviar al cliente un mail de confirmación a su casilla", Agent)],
        ),
        ("fr-FR", "Si vous recevez un SMS, ne répondez pas.", &[]),
    ];
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn a_plan_said_in_the_present_of_a_thing_named_with_its_due_phrase() {
    use Owner::Agent;
    let cases: [Case; 6] = [
        (
            "fr-CH",
            "Le versement se fait ensuite sous 10 jours après son rapport.",
            &[(
                "Le versement se fait ensuite sous 10 jours après son rapport",
                Agent,
            )],
        ),
        (
            "pt-PT",
            "O técnico chega amanhã entre as nove e a uma.",
            &[("O técnico chega amanhã entre as nove e a uma", Agent)],
        ),
        // A due amount said as one word ("48h").
        (
            "pt-PT",
            "A fatura-recibo com NIF segue para o seu email em até 48h.",
            &[("A fatura-recibo com NIF segue para o seu email", Agent)],
        ),
        // A range of units as the due phrase.
        (
            "pt-PT",
            "O cartão novo é enviado para a morada registada e chega em cinco a sete dias úteis.",
            &[("O cartão novo é enviado para a morada registada e chega", Agent)],
        ),
        // A pronoun, or no due phrase: no plan.
        ("fr-FR", "Elle part aujourd'hui.", &[]),
        ("fr-FR", "Le colis arrive parfois en retard.", &[]),
    ];
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn a_noun_made_from_a_committing_verb_is_no_commitment() {
    use Owner::Agent;
    let cases: [Case; 3] = [
        ("it-IT", "Ho verificato la spedizione SL447109283316IT.", &[]),
        ("es-ES", "Te confirmo la cancelación del pedido.", &[]),
        (
            "it-IT",
            "Le spedisco la nuova carta domani.",
            &[("Spedire la nuova carta", Agent)],
        ),
    ];
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn a_short_clause_naming_more_of_what_is_sent_joins_the_commitment() {
    use Owner::{Agent, Customer};
    let cases: [Case; 3] = [
        (
            "en-GB",
            "Please reply with the name on the account, the sort code and the account number.",
            &[(
                "Reply with the name on the account, the sort code and the account number",
                Customer,
            )],
        ),
        (
            "pt-BR",
            "E eu vou te mandar agora um e-mail com o passo a passo e o número do protocolo.",
            &[(
                "Mandar agora um e-mail com o passo a passo e o número do protocolo",
                Agent,
            )],
        ),
        // A clause of its own stays out of it.
        (
            "en-CA",
            "You can submit your readings online, and our meter reader will be in your area on the fourteenth of May.",
            &[("Submit their readings online", Customer)],
        ),
    ];
    assert_cases(Channel::Chat, &cases);
}

#[test]
fn a_promise_lead_needs_its_verb_and_no_negation_after_it() {
    use Owner::Agent;
    // A verb-last negation, and a lead before no infinitive ("vou para": going to a place).
    for (language, said) in [
        ("de-DE", "Ich kann mir das nicht leisten, drei Tage ohne Netz."),
        ("pt-PT", "Eu vou para o Norte por causa do trabalho."),
    ] {
        assert_eq!(
            said_by(language, Channel::Voice, SpeakerRole::Customer, said),
            Vec::new(),
            "{said}"
        );
    }
    assert_eq!(
        items("es-ES", Channel::Voice, "Voy a enviarle el enlace por correo."),
        [("Enviar el enlace por correo".to_string(), Agent)]
    );
    assert_eq!(
        said_by(
            "pt-PT",
            Channel::Voice,
            SpeakerRole::Customer,
            "Vou enviar-lhe as fotos hoje."
        ),
        [("Enviar as fotos".to_string(), Owner::Customer)]
    );
}

#[test]
fn an_emphatic_subject_after_the_verb_leaves_the_instruction() {
    assert_eq!(
        items(
            "es-MX",
            Channel::Voice,
            "Le prometo que en cuanto se asigne el ajustador le marco yo misma para darle su nombre."
        ),
        [("Marcar para darle su nombre".to_string(), Owner::Agent)]
    );
    assert_eq!(
        items("es-MX", Channel::Voice, "Mire, el marco de la ventana está roto."),
        Vec::new()
    );
}
