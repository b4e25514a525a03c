//! Who said or did what: speaker swaps caught, correct attributions left alone, in English and
//! the table-driven languages.

use super::test_calls::{call_on, check};
use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::{Channel, SpeakerRole};

/// The kinds of what verification finds in `text` (with `items`) about `call`.
fn call(language: &str, lines: &[(SpeakerRole, &str)]) -> Transcript {
    call_on(Channel::Chat, language, lines)
}

fn found(call: &Transcript, text: &str, items: Vec<ActionItem>) -> Vec<ErrorKind> {
    check(call, text, items).findings.iter().map(|f| f.kind).collect()
}

use SpeakerRole::{Agent, Customer};

/// Whether verification says `text` gives one party's words or acts to the other.
fn speaker_flagged(call: &Transcript, text: &str) -> bool {
    found(call, text, vec![]).contains(&ErrorKind::Speaker)
}

/// Whether an action item with `text`, given to `owner`, is flagged as the other party's.
fn owner_flagged(call: &Transcript, text: &str, owner: Owner) -> bool {
    let item = ActionItem {
        text: text.into(),
        owner: Some(owner),
        due_date: None,
    };
    found(call, "", vec![item]).contains(&ErrorKind::Speaker)
}

#[test]
fn what_a_party_suggested_is_read_up_to_the_comma() {
    let call = call(
        "en-CA",
        &[
            (
                Customer,
                "The screen went black after an update, the keyboard lights still come on.",
            ),
            (
                Agent,
                "Your repair ticket is open. Please back up your files first.",
            ),
            (Customer, "How can I back up if the screen does not work?"),
            (
                Agent,
                "You can plug it into a monitor through the USB-C port and copy your files.",
            ),
            (Customer, "Great, that worked."),
        ],
    );
    let swapped = "To back up the files despite the black screen, the customer suggested connecting a \
                   monitor through the USB-C port, which worked.";
    assert!(speaker_flagged(&call, swapped));
    let right = swapped.replace("the customer suggested", "the agent suggested");
    assert!(!found(&call, &right, vec![]).contains(&ErrorKind::Speaker));
}

#[test]
fn a_subordinate_clause_does_not_name_the_subject() {
    let call = call(
        "en-GB",
        &[
            (
                Customer,
                "My details are attached, the account number and sort code are below.",
            ),
            (
                Agent,
                "Thank you, I have verified your details and sent the transfer request today.",
            ),
        ],
    );
    let text =
        "Once the customer had sent the details, the agent verified them and sent the transfer request.";
    assert!(!speaker_flagged(&call, text));
}

#[test]
fn a_request_named_by_a_noun_belongs_to_its_party() {
    let call = call(
        "de-DE",
        &[
            (Customer, "Meine Karte wurde gestohlen, bitte sperren Sie sie."),
            (
                Agent,
                "Die Karte ist gesperrt. Ich kann Ihnen eine neue Karte an die hinterlegte Adresse schicken, sie kommt in fünf bis sieben Werktagen.",
            ),
            (Customer, "Ja, gut."),
        ],
    );
    let swapped = "Auf Wunsch der Kundin wurde eine neue Karte an die hinterlegte Adresse bestellt.";
    assert!(speaker_flagged(&call, swapped));
    let right = "Auf Angebot des Mitarbeiters wurde eine neue Karte an die hinterlegte Adresse bestellt.";
    assert!(!speaker_flagged(&call, right));
}

#[test]
fn an_italian_proposal_is_checked_against_who_made_it() {
    let call = call(
        "it-IT",
        &[
            (Agent, "Per il ritiro del modem mi conferma l'indirizzo?"),
            (
                Customer,
                "Sì, però per il ritiro faccia chiamare mia moglie, perché io lavoro.",
            ),
            (Agent, "Perfetto, ho aperto la pratica di cessazione."),
        ],
    );
    let swapped = "L'agente ha proposto di chiamare la moglie per il ritiro, perché il cliente lavora.";
    assert!(speaker_flagged(&call, swapped));
    let right = "Il cliente ha chiesto di chiamare la moglie per il ritiro, perché lavora.";
    assert!(!speaker_flagged(&call, right));
}

#[test]
fn owners_follow_who_the_call_puts_to_work() {
    let call = call(
        "en-IN",
        &[
            (
                Agent,
                "Our technician will visit on Saturday. Please keep the society permission ready if your building needs it.",
            ),
            (Customer, "Okay, I will."),
        ],
    );
    let item = |owner| ActionItem {
        text: "Keep the society permission ready if the building needs it".into(),
        owner: Some(owner),
        due_date: None,
    };
    assert!(found(&call, "", vec![item(Owner::Agent)]).contains(&ErrorKind::Speaker));
    assert!(!found(&call, "", vec![item(Owner::Customer)]).contains(&ErrorKind::Speaker));
}

/// "You can return it at any post office": the listener is the one to do it, in the languages
/// that say the "you" of an option.
#[test]
fn what_the_listener_can_do_is_theirs() {
    for (language, lines, item_text) in [
        (
            "en-GB",
            [
                "I've closed the old order. You can return the kettle at any post office with the label I emailed.",
                "Great, I'll do that on Monday.",
            ],
            "Return the kettle at a post office with the emailed label",
        ),
        (
            "fr-FR",
            [
                "J'ai clôturé l'ancienne commande. Vous pouvez retourner la bouilloire dans un bureau de poste avec l'étiquette.",
                "Parfait, merci.",
            ],
            "Retourner la bouilloire dans un bureau de poste avec l'étiquette",
        ),
        (
            "nl-NL",
            [
                "Ik heb de oude bestelling gesloten. U kunt de waterkoker retourneren bij elk postkantoor met het label.",
                "Prima, dank u.",
            ],
            "De waterkoker met het label bij een postkantoor retourneren",
        ),
    ] {
        let call = call(language, &[(Agent, lines[0]), (Customer, lines[1])]);
        assert!(owner_flagged(&call, item_text, Owner::Agent), "{language}");
        assert!(!owner_flagged(&call, item_text, Owner::Customer), "{language}");
    }
}

#[test]
fn an_offer_turned_down_was_not_accepted() {
    let call = call(
        "en-US",
        &[
            (
                Agent,
                "The replacement card will arrive in five to seven business days, or I can arrange expedited delivery for a $25 fee.",
            ),
            (Customer, "Nah, regular is fine. Will I get the money back?"),
        ],
    );
    let flipped = "The customer accepted expedited delivery for a $25 fee.";
    assert!(found(&call, flipped, vec![]).contains(&ErrorKind::Negation));
    let right = "The customer declined expedited delivery for a $25 fee.";
    assert!(!found(&call, right, vec![]).contains(&ErrorKind::Negation));
}

#[test]
fn a_no_thanks_anywhere_in_the_reply_declines() {
    let call = call(
        "es-ES",
        &[
            (
                Agent,
                "Puedo programar una nueva entrega a domicilio por 12,95 euros.",
            ),
            (
                Customer,
                "¿12,95 euros por algo que ya pagué? No, gracias. Lo recojo yo.",
            ),
        ],
    );
    let flipped = "El cliente aceptó la nueva entrega a domicilio por 12,95 euros.";
    assert!(found(&call, flipped, vec![]).contains(&ErrorKind::Negation));
    let right = "El cliente rechazó la nueva entrega a domicilio por 12,95 euros.";
    assert!(!found(&call, right, vec![]).contains(&ErrorKind::Negation));
}

#[test]
fn the_medium_is_no_part_of_what_was_said() {
    let speaker = |v: &[ErrorKind]| v.contains(&ErrorKind::Speaker);
    let en = call(
        "en-US",
        &[
            (
                Agent,
                "Please do not include your full number in email. To clear the hold, reply with your driver license number or upload a copy.",
            ),
            (Customer, "The upload gave an error. It is 123 456 789."),
        ],
    );
    assert!(!speaker(&found(
        &en,
        "The customer sent the number by email.",
        vec![]
    )));
    assert!(speaker(&found(
        &en,
        "The customer asked to reply with the driver license number or upload a copy.",
        vec![]
    )));

    let de = call(
        "de-DE",
        &[
            (
                Agent,
                "Bitte schicken Sie keine vollständige Nummer per Mail. Antworten Sie mit Ihrer Führerscheinnummer oder laden Sie eine Kopie hoch.",
            ),
            (Customer, "Der Upload ging nicht. Sie lautet 123 456 789."),
        ],
    );
    let v = found(&de, "Die Kundin schickte die Nummer per Mail.", vec![]);
    assert!(!speaker(&v), "{v:?}");
}

/// "Doe ook aangifte bij de politie", "Guarde el ticket": an order opening the agent's sentence
/// is the customer's to carry out.
#[test]
fn an_order_to_the_listener_is_theirs() {
    for (language, line, item_text) in [
        (
            "nl-NL",
            "Uw pas is nu geblokkeerd. Stuur ons ook een kopie van het proces-verbaal, dan kunnen we verder.",
            "Een kopie van het proces-verbaal sturen",
        ),
        (
            "es-ES",
            "La devolución ya está registrada. Guarde el ticket de compra hasta que llegue el reembolso.",
            "Guardar el ticket de compra hasta que llegue el reembolso",
        ),
    ] {
        let call = call(language, &[(Agent, line), (Customer, "Vale, gracias.")]);
        assert!(owner_flagged(&call, item_text, Owner::Agent), "{language}");
        assert!(!owner_flagged(&call, item_text, Owner::Customer), "{language}");
    }
}

/// "The revised bill will be due on 12 December" says how things will be; it commits nobody, so
/// what the customer was told they can do stays theirs.
#[test]
fn a_future_state_commits_nobody() {
    let call = call(
        "en-IE",
        &[
            (
                Agent,
                "I can't take payments in chat. You can pay in the app or on our payments line.",
            ),
            (Customer, "ok I'll do it in the app"),
            (
                Agent,
                "Your case reference is CE-00731455, and the revised bill will be due on 12 December.",
            ),
        ],
    );
    let item = "Pay the revised bill in the app";
    assert!(owner_flagged(&call, item, Owner::Agent));
    assert!(!owner_flagged(&call, item, Owner::Customer));
    assert_eq!(
        evidence::commits(
            Language::En,
            &crate::language::words("the revised bill will be due on 12 December", Language::En),
            false
        ),
        evidence::Commits::None
    );
    assert_eq!(
        evidence::commits(
            Language::En,
            &crate::language::words("the refund will be sent today", Language::En),
            false
        ),
        evidence::Commits::Speaker
    );
}

/// "The agent will upload X" in a summary sentence is an item given to the agent: caught when
/// the call puts the customer to it; what a party will receive is nobody's act.
#[test]
fn a_partys_future_act_in_a_sentence_is_checked_like_an_item() {
    let call = call_on(
        Channel::Voice,
        "en-US",
        &[
            (Customer, "he gave me his insurance card, I took a photo of it"),
            (
                Agent,
                "that works, you can upload it in the Bluestem app under your claim number.",
            ),
            (
                Agent,
                "since he hit you from behind we'll go after his carrier and you'd most likely get that deductible back",
            ),
        ],
    );
    let swapped = "The agent opened the claim, and the agent will upload the photo of the insurance card in the Bluestem app.";
    assert!(speaker_flagged(&call, swapped));
    let right = "The agent opened the claim, and the customer will upload the photo of the insurance card in the Bluestem app.";
    assert!(!speaker_flagged(&call, right));
    let received =
        "Bluestem will go after the other carrier and the customer will most likely get the deductible back.";
    assert!(!speaker_flagged(&call, received));
}

#[test]
fn what_a_party_asked_about_is_theirs_though_the_answer_says_more() {
    let call = call_on(
        Channel::Email,
        "en-ZA",
        &[
            (
                Customer,
                "One more question: is the 5% discount for paying the full year in advance still offered next year?",
            ),
            (
                Agent,
                "Yes, the 5% discount still applies next year if the full annual fee of R52 200,00 per learner is paid by 15 January.",
            ),
        ],
    );
    let right = "The customer asked about the 5% discount for paying the full annual fee of R52 200,00 per learner by 15 January.";
    let swapped = "The agent offered the 5% discount for paying the full annual fee of R52 200,00 per learner by 15 January.";
    assert!(!speaker_flagged(&call, right), "{right}");
    assert!(speaker_flagged(&call, swapped), "{swapped}");
}

#[test]
fn a_claim_that_names_who_asked_is_not_read_as_the_other_partys_offer() {
    let call = call(
        "en-AU",
        &[
            (
                Customer,
                "Can I set up a payment plan? My pension comes in on the 20th.",
            ),
            (
                Agent,
                "Of course. I can do a payment plan of $85 per fortnight starting Thursday 20 March.",
            ),
        ],
    );
    let right = "At the customer's request the agent offered a payment plan of $85 per fortnight starting Thursday 20 March.";
    let swapped = "The agent offered a payment plan of $85 per fortnight starting Thursday 20 March.";
    assert!(!speaker_flagged(&call, right), "{right}");
    assert!(speaker_flagged(&call, swapped), "{swapped}");
}

#[test]
fn an_items_act_said_by_its_owner_is_theirs_though_the_other_commits_the_rest() {
    let call = call(
        "en-US",
        &[
            (
                Agent,
                "I'm putting in an override so walgreens can fill a thirty day supply at your regular copay, they should have it ready by tomorrow at noon.",
            ),
            (
                Customer,
                "oh okay. my husband can pick up the thirty day one tomorrow afternoon then",
            ),
        ],
    );
    let item = "Pick up the 30-day supply at Walgreens";
    assert!(!owner_flagged(&call, item, Owner::Customer), "{item}");
    assert!(owner_flagged(
        &call,
        "Fill a thirty day supply at Walgreens",
        Owner::Customer
    ));
}
