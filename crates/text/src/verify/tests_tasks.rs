//! How a summary's tasks are read: a clause that reports is no promise, a word the call says
//! clipped is spoken of, and a customer's task may be said across a few sentences.

use super::test_calls::{call, check, summary_of};
use super::*;
use crate::summary::{ActionItem, Owner};
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

/// Whether each clause of `text` reads as a promise.
fn futures(text: &str, language: crate::language::Language) -> Vec<bool> {
    super::claims::claims(&summary_of(text), language)
        .into_iter()
        .map(|c| c.future)
        .collect()
}

#[test]
fn a_report_of_the_call_is_no_promise() {
    use crate::language::Language;
    assert_eq!(
        futures(
            "The agent offered appointments tomorrow at 10:45 or today at 3:15.",
            Language::En
        ),
        vec![false]
    );
    assert_eq!(
        futures("The agent will call the customer tomorrow.", Language::En),
        vec![true]
    );
    assert_eq!(
        futures("Technician visit tomorrow morning.", Language::En),
        vec![true]
    );
    assert_eq!(
        futures(
            "A atendente reagendou a entrega para terça-feira, dia 10.",
            Language::Pt
        ),
        vec![false]
    );
    assert_eq!(
        futures("A atendente vai reagendar a entrega.", Language::Pt),
        vec![true]
    );
    assert_eq!(
        futures(
            "Die Kundin hätte per Mail informiert werden sollen.",
            Language::De
        ),
        vec![false]
    );
    assert_eq!(
        futures("Die Mitarbeiterin wird die Karte sperren.", Language::De),
        vec![true]
    );
}

#[test]
fn a_word_the_call_says_clipped_is_spoken_of() {
    let customer_item = |text: &str| {
        vec![ActionItem {
            text: text.into(),
            owner: Some(Owner::Customer),
            due_date: None,
        }]
    };
    let speaks_of = |v: &Verification, word: &str| v.findings.iter().any(|f| f.detail.contains(word));
    let en = call(
        "en-AU",
        &[(
            Agent,
            "Someone over 18 needs to be home for the NBN tech on Monday. Does that suit?",
        )],
    );
    let v = check(
        &en,
        "An NBN visit was booked.",
        customer_item("Make sure someone over 18 is home for the NBN technician"),
    );
    assert!(!speaks_of(&v, "technician"), "{:?}", v.findings);
    let v = check(
        &en,
        "An NBN visit was booked.",
        customer_item("Make sure someone over 18 is home for the NBN plumber"),
    );
    assert!(speaks_of(&v, "plumber"), "{:?}", v.findings);

    let fr = call(
        "fr-FR",
        &[(
            Agent,
            "Le technicien passe à l'appart jeudi, il faut que quelqu'un soit présent.",
        )],
    );
    let v = check(
        &fr,
        "Une visite est prévue.",
        customer_item("Être présent à l'appartement jeudi pour le technicien"),
    );
    assert!(!speaks_of(&v, "appartement"), "{:?}", v.findings);
    let v = check(
        &fr,
        "Une visite est prévue.",
        customer_item("Être présent à la buanderie jeudi pour le technicien"),
    );
    assert!(speaks_of(&v, "buanderie"), "{:?}", v.findings);
}

#[test]
fn a_customer_s_task_may_be_said_across_a_few_sentences() {
    let customer_item = |text: &str| {
        vec![ActionItem {
            text: text.into(),
            owner: Some(Owner::Customer),
            due_date: None,
        }]
    };
    let nobody = |v: &Verification| v.findings.iter().any(|f| f.detail.contains("nobody in the call"));
    let en = call(
        "en-CA",
        &[
            (Agent, "Purolator picks up the laptop tomorrow between 9 and 5."),
            (Customer, "ok. my brother will be home for the pickup, not me"),
            (Agent, "No problem, anyone 18+ can hand it over."),
        ],
    );
    let v = check(
        &en,
        "A pickup was booked.",
        customer_item("Make sure someone 18+ is home to hand the laptop over"),
    );
    assert!(!nobody(&v), "{:?}", v.findings);
    let v = check(
        &en,
        "A pickup was booked.",
        customer_item("Print a warranty certificate and frame it"),
    );
    assert!(nobody(&v), "{:?}", v.findings);

    let es = call(
        "es-ES",
        &[
            (Agent, "El técnico pasa el jueves por la mañana."),
            (Customer, "vale, mi hermano estará en casa, yo trabajo"),
            (Agent, "Perfecto, cualquier adulto puede abrirle la puerta."),
        ],
    );
    let v = check(
        &es,
        "Se reservó una visita.",
        customer_item("Asegurarse de que un adulto esté en casa para abrir la puerta al técnico"),
    );
    assert!(!nobody(&v), "{:?}", v.findings);
    let v = check(
        &es,
        "Se reservó una visita.",
        customer_item("Imprimir el certificado de garantía y enmarcarlo"),
    );
    assert!(nobody(&v), "{:?}", v.findings);
}

#[test]
fn an_agent_s_task_may_be_said_across_one_exchange() {
    let agent_item = |text: &str| {
        vec![ActionItem {
            text: text.into(),
            owner: Some(Owner::Agent),
            due_date: None,
        }]
    };
    let nobody = |v: &Verification| v.findings.iter().any(|f| f.detail.contains("nobody in the call"));
    // The act in one turn (a third party's future, stated with a confirmation tag), the detail
    // it is done with corrected in the next two.
    let en = call(
        "en-GB",
        &[
            (Agent, "Your parcel is booked for Friday."),
            (
                Agent,
                "The courier will text 07700 900123 an hour before, is that right?",
            ),
            (Customer, "no that's my old one, use 07700 900456"),
            (Agent, "Changed to 07700 900456."),
            (Customer, "great, thanks"),
        ],
    );
    let v = check(
        &en,
        "A delivery was booked for Friday.",
        agent_item("Text the customer on the changed mobile number ahead of the delivery"),
    );
    assert!(!nobody(&v), "{:?}", v.findings);
    // The same exchange holds no act it never says.
    let v = check(
        &en,
        "A delivery was booked for Friday.",
        agent_item("Post the customer a new SIM for the changed mobile number"),
    );
    assert!(nobody(&v), "{:?}", v.findings);
}

#[test]
fn a_german_verb_in_the_present_meets_its_infinitive() {
    use crate::language::{Language, words};
    let de = call(
        "de-DE",
        &[(
            Agent,
            "Sobald die Unterlagen da sind, prüft die Fachabteilung den Antrag.",
        )],
    );
    let spans: Vec<_> = de
        .utterances
        .iter()
        .map(|u| words(&u.text, Language::De))
        .collect();
    let redactor = Redactor::default();
    let redacted = redactor.redact_call(&de, &[], None);
    let support = super::support::Support::build(&de, &spans, &redacted, Language::De);
    let prufen = Language::De.stem("prufen");
    assert!(support.stem_id(&prufen).is_some(), "{prufen}");
    assert_eq!(support.stem_id(&prufen), support.word_stem("pruft"));
    // Only verb forms get another stem: a noun's answers to itself alone.
    let antrag = Language::De.stem("antrag");
    assert!(support.stem_id(&antrag).is_some(), "{antrag}");
    assert!(support.stem_id(&antrag[..antrag.len() - 1]).is_none());
}

#[test]
fn a_statement_with_a_confirmation_tag_commits() {
    use crate::language::{Language, words};
    let text = "The engineer will ring you the morning of the visit, is that still good?";
    let spans = words(text, Language::En);
    let sentence = super::evidence::sentences(text, &spans);
    let first = sentence.first().expect("one sentence");
    assert!(first.question);
    assert!(crate::summary::extractive::ends_in_confirmation_tag(
        Language::En,
        text.get(..first.end).unwrap_or_default(),
        first.words
    ));
    let asked = "Will the engineer ring you the morning of the visit?";
    let spans = words(asked, Language::En);
    let sentence = super::evidence::sentences(asked, &spans);
    let first = sentence.first().expect("one sentence");
    assert!(!crate::summary::extractive::ends_in_confirmation_tag(
        Language::En,
        asked.get(..first.end).unwrap_or_default(),
        first.words
    ));
    // A third party's future in the speaker's turn commits the speaker's side; a question
    // commits nobody.
    let spans = words(
        "The engineer will ring the number on file the morning of the visit.",
        Language::En,
    );
    assert_eq!(
        super::evidence::commits(Language::En, &spans, false),
        super::evidence::Commits::Speaker
    );
    assert_eq!(
        super::evidence::commits(Language::En, &spans, true),
        super::evidence::Commits::None
    );
    // A third party obliged to act is nobody's promise.
    let spans = words("Gerhard will need to contact the bank himself.", Language::En);
    assert_eq!(
        super::evidence::commits(Language::En, &spans, false),
        super::evidence::Commits::None
    );
}
