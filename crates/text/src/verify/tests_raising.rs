//! Who raised what first: a party said to have offered, asked for, told or requested
//! something that the other party brought up first is caught, in English and the
//! table-driven languages.

use super::test_calls::{call_on, check};
use super::*;
use crate::transcript::{Channel, SpeakerRole};

fn call(language: &str, lines: &[(SpeakerRole, &str)]) -> Transcript {
    call_on(Channel::Chat, language, lines)
}

use SpeakerRole::{Agent, Customer};

/// Whether verification says `text` gives one party's words or acts to the other.
fn speaker_flagged(call: &Transcript, text: &str) -> bool {
    check(call, text, vec![])
        .findings
        .iter()
        .any(|f| f.kind == ErrorKind::Speaker)
}

/// "The agent proposed a swap to the 1500" when the customer asked for the swap first: who
/// raised something is who said its words first. Asking about what the other party raised is
/// no initiative.
#[test]
fn who_raised_it_first_proposed_it() {
    let call = call(
        "en-US",
        &[
            (Customer, "My blender arrived with a cracked jar."),
            (Agent, "Sorry about that! I can send a replacement or refund it."),
            (
                Customer,
                "actually could i swap it for the 1500 model that is on sale?",
            ),
            (Agent, "Sure! The 1500 is $189.99, so the difference is $40."),
        ],
    );
    let swapped = "The agent proposed a swap to the 1500 model on sale, for a $40 difference.";
    assert!(speaker_flagged(&call, swapped));
    let right = "The customer asked to swap it for the 1500 model on sale, for a $40 difference.";
    assert!(!speaker_flagged(&call, right));

    let call = call_on(
        Channel::Email,
        "en-AU",
        &[
            (
                Customer,
                "Hello, I have a new mobile number and a new postal box.",
            ),
            (
                Agent,
                "Thanks, could you send us the new mobile number and the new postal box?",
            ),
        ],
    );
    let asked_about = "The agent asked about the new mobile number and postal box.";
    assert!(!speaker_flagged(&call, asked_about));

    let call = call_on(
        Channel::Voice,
        "fr-BE",
        &[
            (
                Agent,
                "Votre relevé est plus bas que prévu. Je peux réduire votre acompte mensuel à 62 euros à partir de mars.",
            ),
            (Customer, "Oui, d'accord, allez-y."),
        ],
    );
    let swapped = "Le client a aussi demandé de réduire son acompte mensuel à 62 € à partir de mars.";
    assert!(speaker_flagged(&call, swapped));
    let right = "La conseillère a proposé de réduire l'acompte mensuel à 62 € à partir de mars.";
    assert!(!speaker_flagged(&call, right));
}

/// "The customer told the front desk the card had expired" when the clinic found it: telling
/// is raising too, in English.
#[test]
fn who_told_it_first_told_it() {
    let call = call_on(
        Channel::Message,
        "en-CA",
        &[
            (
                Customer,
                "Hi, I need a renewal for my blood pressure meds please.",
            ),
            (
                Agent,
                "Our system shows your health card expired on your last birthday. Please renew it at ServiceOntario before the visit.",
            ),
            (
                Customer,
                "oh I had no idea my health card expired on my last birthday, I will renew it tomorrow",
            ),
        ],
    );
    let swapped =
        "The customer told the front desk that their health card had expired on their last birthday.";
    assert!(speaker_flagged(&call, swapped));
    let right = "The front desk told the customer that their health card had expired on their last birthday.";
    assert!(!speaker_flagged(&call, right));
}

/// "Auf Wunsch der Kundin" reports that the customer raised it: when the agent offered it and
/// the customer only said yes, it is the agent's; when the customer raised it, a month or a
/// case number the agent added ("vanaf december", in brackets) does not make it the agent's.
#[test]
fn an_initiative_noun_reports_who_raised_it_first() {
    let german = call(
        "de-DE",
        &[
            (Customer, "Meine Tasche ist weg und meine Karte war drin!"),
            (Agent, "Die Karte ist gesperrt."),
            (
                Agent,
                "Soll ich Ihnen gleich eine neue Karte bestellen? Die kommt an Ihre hinterlegte Adresse.",
            ),
            (Customer, "Ja, bitte, neue Karte."),
        ],
    );
    let swapped = "Auf Wunsch der Kundin wurde eine neue Karte an die hinterlegte Adresse bestellt.";
    assert!(speaker_flagged(&german, swapped));
    let right = "Auf Angebot des Mitarbeiters wurde eine neue Karte an die hinterlegte Adresse bestellt.";
    assert!(!speaker_flagged(&german, right));

    let dutch = call(
        "nl-BE",
        &[
            (
                Customer,
                "Ik heb mijn meterstand nochtans in januari doorgegeven via de site.",
            ),
            (
                Agent,
                "U moet niets betalen tot de nieuwe afrekening er is. Wilt u ook uw voorschot aanpassen? Nu is dat €145 per maand.",
            ),
            (
                Customer,
                "Ja graag, lager. En kan het via domiciliëring, dan moet ik er niet meer aan denken.",
            ),
            (
                Agent,
                "Dat is in orde: domiciliëring vanaf december, voorschot €95/maand. Uw dossiernummer is 3004-229871.",
            ),
        ],
    );
    let right = "Het voorschot daalt naar €95 per maand en wordt op vraag van de klant vanaf december via \
                 domiciliëring betaald (dossiernummer 3004-229871).";
    assert!(!speaker_flagged(&dutch, right));
}

/// A subject's later verb of raising in the same clause ("..., registou ... e propôs à cliente
/// que ...") is checked like its first: the customer raised the neighbour, not the agent.
#[test]
fn a_later_verb_of_raising_is_checked_too() {
    let call = call(
        "pt-PT",
        &[
            (Customer, "fiz uma encomenda ha 10 dias e ainda nao chegou."),
            (
                Agent,
                "A transportadora indica uma tentativa de entrega falhada na sexta-feira, por morada incompleta.",
            ),
            (Agent, "A nova entrega fica para amanhã."),
            (
                Agent,
                "Já pedi aos CTT para acrescentarem o andar e reagendarem. Precisamos só de um contacto telefónico para o estafeta.",
            ),
            (
                Customer,
                "912 345 678. se eu nao estiver a minha vizinha do rés-do-chão recebe",
            ),
            (Agent, "Perfeito, fica anotado que pode ser entregue à vizinha."),
        ],
    );
    let swapped = "A assistente pediu aos CTT que acrescentassem o andar, registou um contacto telefónico \
                   para o estafeta e propôs à cliente que a encomenda fosse entregue a uma vizinha.";
    assert!(speaker_flagged(&call, swapped));
    let right = "A assistente pediu aos CTT que acrescentassem o andar, registou um contacto telefónico \
                 para o estafeta e anotou, por indicação da cliente, que a encomenda pode ser entregue a uma vizinha.";
    assert!(!speaker_flagged(&call, right));
}

/// Dutch "de" is the article: "Daarna vroeg de medewerker" names the agent as the one who
/// asked, so a request the customer made is caught when given to the agent.
#[test]
fn a_dutch_subject_after_its_verb_is_named() {
    let call = call(
        "nl-NL",
        &[
            (
                Customer,
                "die factuur heb ik dubbel betaald, kan ik een terugbetaling van het dubbele bedrag krijgen?",
            ),
            (
                Agent,
                "Klopt, het dubbele bedrag storten we binnen 5 werkdagen terug.",
            ),
        ],
    );
    let swapped = "Daarna vroeg de medewerker om een terugbetaling van het dubbele bedrag.";
    assert!(speaker_flagged(&call, swapped));
    let right = "Daarna vroeg de klant om een terugbetaling van het dubbele bedrag.";
    assert!(!speaker_flagged(&call, right));
}

/// "Reminded" reports who raised it, like "told".
#[test]
fn who_reminded_raised_it() {
    let call = call_on(
        Channel::Message,
        "en-NZ",
        &[
            (Customer, "hi can i get an appt for my son he has a rash"),
            (Agent, "We have a nurse appointment at 3:15pm today."),
            (Customer, "3.15 today pls"),
            (
                Agent,
                "All done. Reminder: his 5 year immunisations are also due, we can do them at the same visit.",
            ),
            (Customer, "YES"),
        ],
    );
    let swapped = "The customer reminded the agent that the son's 5 year immunisations are due.";
    assert!(speaker_flagged(&call, swapped));
    let right = "The agent reminded the customer that the son's 5 year immunisations are due.";
    assert!(!speaker_flagged(&call, right));
}

/// Words the agent said before in another sense ("op je volgende factuur") do not make the
/// agent the one who raised the double payment: the first turn that holds all of it does, a
/// question and its detail read together.
#[test]
fn the_first_turn_holding_all_of_it_raised_it() {
    let call = call(
        "nl-NL",
        &[
            (
                Agent,
                "Als je vandaag overstapt, rekenen we het verschil af op je volgende factuur, dus deze maand betaal je minder.",
            ),
            (Customer, "Prima, doe maar."),
            (
                Customer,
                "En hoe zit het met de factuur van vorige maand? Die heb ik dubbel betaald geloof ik.",
            ),
            (
                Agent,
                "Klopt, ik zie twee betalingen. Het dubbele bedrag storten we binnen 5 werkdagen terug.",
            ),
        ],
    );
    assert!(speaker_flagged(
        &call,
        "De medewerker meldde dat de factuur van vorige maand dubbel betaald was."
    ));
    assert!(!speaker_flagged(
        &call,
        "De klant meldde dat de factuur van vorige maand dubbel betaald was."
    ));
}

/// The call's own word for a thing, asked for first by the customer ("kan het via
/// domiciliëring?"), is the customer's initiative, though the agent says it back when setting
/// it up with words of its own ("vanaf december").
#[test]
fn what_the_other_party_asked_for_first_is_theirs() {
    let call = call(
        "nl-BE",
        &[
            (
                Agent,
                "De nieuwe afrekening krijgt u binnen 10 werkdagen. Ik heb de vervaldag van de oude al opgeschort, dus u moet niets betalen tot u de nieuwe hebt. Wilt u ook uw voorschot aanpassen? Nu is dat €145 per maand.",
            ),
            (
                Customer,
                "Ja graag, lager. En kan het via domiciliëring, dan moet ik er niet meer aan denken.",
            ),
            (
                Agent,
                "Dat is in orde: domiciliëring vanaf december, voorschot €95/maand. Uw dossiernummer is 3004-229871.",
            ),
        ],
    );
    assert!(speaker_flagged(
        &call,
        "Het voorschot wordt op voorstel van de medewerker vanaf december via domiciliëring betaald."
    ));
    assert!(!speaker_flagged(
        &call,
        "Het voorschot wordt op vraag van de klant vanaf december via domiciliëring betaald."
    ));
}

/// "fragte, ob die Kundin das Gerät erneut bestellen möchte": what was asked is the clause after
/// "ob", the party asked about included, German nouns read as words; the words said first in
/// the order's other sense ("mit der Sie bestellt haben", "das Gerät war defekt") do not make
/// the agent the one who raised a new order: the first turn holding it all does.
#[test]
fn what_a_party_asked_whether_is_theirs_to_have_raised() {
    let call = call(
        "de-DE",
        &[
            (
                Agent,
                "Wie lauten Ihr Name und die E-Mail-Adresse, mit der Sie bestellt haben?",
            ),
            (Customer, "Petra Wagner, petra.wagner@example.de"),
            (
                Agent,
                "Das Gerät war defekt, also übernehmen wir die Rücksendekosten natürlich auch. Insgesamt erstatten wir Ihnen 654,95 €.",
            ),
            (
                Customer,
                "ok. und kann ich das gleiche gerät nochmal bestellen, diesmal ohne defekt",
            ),
            (
                Agent,
                "Klar! Der V15 ist gerade sogar im Angebot für 599,00 €. Soll ich Ihnen den Link schicken?",
            ),
        ],
    );
    assert!(speaker_flagged(
        &call,
        "Die Mitarbeiterin fragte, ob die Kundin das Gerät erneut bestellen möchte."
    ));
    assert!(!speaker_flagged(
        &call,
        "Die Kundin fragte, ob sie das Gerät erneut bestellen kann."
    ));
}
