//! The customer addressed by the agent ("te", "vous", "u", "du") is written in the third person
//! in the summary: it speaks about the customer, not to them.

use super::summarize_extractive_commitment_forms::summarize;

use wrapup::transcript::{Channel, SpeakerRole};

/// The executive summary of a chat where the customer asks and the agent answers `agent`.
fn summary_of(language: &str, customer: &str, agent: &str) -> String {
    summarize(
        language,
        Channel::Chat,
        &[(SpeakerRole::Customer, customer), (SpeakerRole::Agent, agent)],
    )
    .executive_summary
}

#[test]
fn the_customer_addressed_is_written_in_the_third_person() {
    let cases = [
        (
            "es-ES",
            "Hola, me llegó la freidora con la tapa rota.",
            "Te he generado la devolución RMA-ES-20931. El perito se pondrá en contacto con usted en un plazo de 72 horas.",
            &["le ha generado la devolución", "en contacto con el cliente"][..],
            &[" te ", "usted"][..],
        ),
        (
            "fr-FR",
            "Bonjour, ma facture de mars est fausse.",
            "Je vois le hors forfait. Les soixante-dix euros vous seront remboursés sur la prochaine facture.",
            &["lui seront remboursés"][..],
            &["vous"][..],
        ),
        (
            "nl-NL",
            "Ik ben mijn paspoort verloren.",
            "U kunt terecht op dinsdag 24 september om 09:20 uur bij Stadsloket Centrum.",
            &["de klant kan terecht"][..],
            &[" u ", "kunt"][..],
        ),
        (
            "de-AT",
            "Servus, meine SIM ist gesperrt.",
            "Die Gutschrift über 47,80 € siehst du auf der Rechnung für August.",
            &["sieht der Kunde auf der Rechnung"][..],
            &[" du ", "siehst"][..],
        ),
    ];
    for (language, customer, agent, present, absent) in cases {
        let text = summary_of(language, customer, agent);
        for want in present {
            assert!(text.contains(want), "{language}: {want:?} not in {text:?}");
        }
        for second in absent {
            assert!(!text.contains(second), "{language}: {second:?} in {text:?}");
        }
    }
}
