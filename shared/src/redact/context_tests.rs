use crate::redact::{PiiKind, Redactor};
use crate::transcript::{Channel, SpeakerRole, Transcript};

fn found(text: &str) -> Vec<(PiiKind, &str)> {
    Redactor::default()
        .find(text)
        .into_iter()
        .map(|m| (m.kind, &text[m.start..m.end]))
        .collect()
}

pub(crate) fn call(turns: &[(SpeakerRole, &str)]) -> Transcript {
    Transcript::from_turns(
        "c0ffee00-0000-4000-8000-000000000001",
        Channel::Voice,
        Some("en-US"),
        turns.iter().copied(),
    )
}

#[test]
fn values_after_their_cue_in_the_same_utterance() {
    assert_eq!(
        found("the last four digits are 4417, thanks"),
        [(PiiKind::Card, "4417")]
    );
    assert_eq!(
        found("CVV 123 and expiry 08/27"),
        [(PiiKind::CardCvv, "123"), (PiiKind::CardExpiry, "08/27")]
    );
    assert_eq!(
        found("my passport number is X1234567"),
        [(PiiKind::Passport, "X1234567")]
    );
    assert_eq!(
        found("sort code 12-34-56, account number 31926819"),
        [
            (PiiKind::BankAccount, "12-34-56"),
            (PiiKind::BankAccount, "31926819")
        ]
    );
    assert_eq!(
        found("my password is Sunflower42"),
        [(PiiKind::Pin, "Sunflower42")]
    );
    assert_eq!(found("mi DNI es 12345678"), [(PiiKind::NationalId, "12345678")]);
}

#[test]
fn references_after_a_cue_are_not_taken() {
    assert!(
        found("my PIN? no, my order number is 4821").is_empty(),
        "{:?}",
        found("my PIN? no, my order number is 4821")
    );
}

#[test]
fn answers_to_the_agents_question_in_the_next_turn() {
    use SpeakerRole::*;
    let transcript = call(&[
        (Agent, "Can I get your full name please?"),
        (Customer, "Sure, it's Denise Albright."),
        (Agent, "And what's your mother's maiden name?"),
        (Customer, "Kowalski."),
        (Agent, "Lastly the postcode on the account?"),
        (Customer, "It's BS6 7BR"),
        (Agent, "And the last four digits of the card?"),
        (Customer, "Uh, 4417."),
        (Agent, "Thanks Denise, your order 5567 is on its way."),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    let texts: Vec<&str> = redacted.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Can I get your full name please?",
            "Sure, it's [NAME_1].",
            "And what's your mother's maiden name?",
            "[SECURITY_ANSWER_1].",
            "Lastly the postcode on the account?",
            "It's [ADDRESS_1]",
            "And the last four digits of the card?",
            "Uh, [CARD_1].",
            "Thanks [NAME_1], your order 5567 is on its way.",
        ]
    );
}

#[test]
fn codes_spelled_with_letter_names_keep_their_letters() {
    assert_eq!(
        found("Sí, el NIE es equis, cuatro siete tres, uno nueve dos seis, ka."),
        [(
            PiiKind::NationalId,
            "equis, cuatro siete tres, uno nueve dos seis, ka"
        )]
    );
    assert_eq!(
        found("El DNI es cinco tres cuatro siete, uno nueve ocho dos, y la letra hache."),
        [(
            PiiKind::NationalId,
            "cinco tres cuatro siete, uno nueve ocho dos, y la letra hache"
        )]
    );
}

#[test]
fn dates_and_durations_near_a_cue_are_not_its_value() {
    for text in [
        "I lost my passport on 14 September in Antwerp",
        "paid every week until the week ending 6/22",
        "rimborso sulla carta che termina con 7731 entro 10 giorni",
        "Medicare number 2953 71684 1, valid to 11/2030 DOB: 15 Feb 1994",
        "paspoortnummer NX4K8P2L1, geldig tot 2031.",
    ] {
        let values: Vec<&str> = found(text).into_iter().map(|(_, v)| v).collect();
        assert!(
            !values
                .iter()
                .any(|v| ["14", "6/22", "22", "10", "11/2030", "11/2030 DOB", "2031"].contains(v)),
            "{text}: {values:?}"
        );
    }
    // The card's last digits and a passport number after the same cues are still found.
    assert!(found("la carta che termina con 7731 entro 10 giorni").contains(&(PiiKind::Card, "7731")));
    assert!(found("my passport number is 533380006").contains(&(PiiKind::Passport, "533380006")));
    assert!(
        found("expiry date 1229")
            .iter()
            .any(|(k, _)| *k == PiiKind::CardExpiry)
    );
}

#[test]
fn nothing_starts_inside_a_decimal_number() {
    assert!(
        Redactor::default()
            .find("pago 19,90 al mese per il servizio")
            .is_empty()
    );
}
